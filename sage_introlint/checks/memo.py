"""Per-paragraph results kept between checks of one buffer: the editor's incremental re-check.

A keystroke changes one paragraph. While a `ParagraphMemo` is active (`active(memo)`, the
language server's `IncrementalChecker`), paragraph- and sentence-level rules ask it for a
paragraph's findings, and the shared word scan asks it for a paragraph's words: what it holds
for an unchanged paragraph is given back (moved to the paragraph's new lines) instead of being
computed again; document-level rules still run, on those per-paragraph results.

What a paragraph's results depend on is its `fingerprint`: its text with the characters around
it that a rule reads (one on either side, or its neighbours' text for rules that look further),
its sentences, lead-ins and items, and every piece of the source map under it, relative to the
start of its first source line, with that source text. Two paragraphs with the same fingerprint
give the same findings, but for a shift of whole lines. tests/test_incremental.py checks that
random edits give exactly a full check's findings.
"""

from __future__ import annotations

import dataclasses

from ..bounded import BoundedCache
from ._shared import shared
from ..scoped import Scoped
from ..document.model import Document, Paragraph, Span

_SCOPE: "Scoped[ParagraphMemo]" = Scoped("paragraph_memo")
active = _SCOPE.active  # with active(x): the checks use x
current = _SCOPE.current

NEIGHBOURS = "neighbours"  # a rule's context: the paragraphs before and after, whole


class ParagraphMemo:
    """Findings per (rule, paragraph) and word scans per paragraph, most recently used kept."""

    def __init__(self, limit: int = 4096):
        self.findings: BoundedCache = BoundedCache(limit)
        self.scans: BoundedCache = BoundedCache(limit)
        self.terms: BoundedCache = BoundedCache(limit)
        self.values: BoundedCache = BoundedCache(limit)
        self.spans: BoundedCache = BoundedCache(limit)
        self.hits = self.misses = 0

    def paragraph_findings(self, doc: Document, rule, number: int, paragraph: Paragraph, compute,
                           context: str | None = None) -> list:
        """`compute()` (the findings of `rule` for paragraph `number`), or what it gave last time
        for a paragraph with the same fingerprint, moved to this paragraph's lines."""
        prints = doc.cache.setdefault("paragraph prints", {})  # one per paragraph and context
        print_ = prints.get((number, context))
        if print_ is None:
            print_ = prints[(number, context)] = _print(doc, prints, number, paragraph, context)
        if not print_:
            return list(compute())
        key = (id(rule), rule.id, doc.kind, number, print_[0])
        hit = self.findings.get(key)
        if hit is not None and hit[0] is rule:
            self.hits += 1
            return _moved(hit[2], print_[1] - hit[1])
        self.misses += 1
        found = list(compute())
        self.findings[key] = (rule, print_[1], found)
        return found

    def scan(self, doc: Document, span: Span, compute):
        """`compute()` (the word scan of a paragraph's span, offsets absolute), or a stored scan of
        the same text and pieces, shifted to where the span now starts."""
        key = _scan_key(doc, span)
        hit = self.scans.get(key)
        if hit is not None:
            start, raw, kept = hit
            if start == span.start:
                return raw, kept
            shift = span.start - start
            return ([(a + shift, b + shift) for a, b in raw], [Span(w.start + shift, w.end + shift) for w in kept])
        raw, kept = compute()
        self.scans[key] = (span.start, raw, kept)
        return raw, kept


    def span_matches(self, doc: Document, matcher, span: Span, search) -> list:
        """`search(doc, start, end)`: a term list's matches inside `span` as (entry, Span), or what it
        gave for a span that reads the same: its text with the two characters before it (a term's
        left edge; the search stops at the span's end), and which parts of it are not prose
        (citations, math, code: no match there). Only for word lists (a user's regex may look
        further back)."""
        start, end = span.start, span.end
        reads = doc.cache.setdefault("span reads", {})  # what any word list's search of a span reads
        read = reads.get((start, end))
        if read is None:
            read = reads[(start, end)] = (doc.text[max(start - 2, 0):end], min(start, 2), _closed(doc, start, end))
        key = (id(matcher), read)
        hit = self.spans.get(key)
        if hit is None or hit[0] is not matcher:
            hit = self.spans[key] = (matcher, [(entry, found.start - start, found.end - start)
                                               for entry, found in search(doc, start, end)])
        return [(entry, Span(a + start, b + start)) for entry, a, b in hit[1]]

    def paragraph_value(self, doc: Document, span: Span, name, build, owner=None):
        """`build()`, a value that depends on a paragraph's words and text only and holds no offset
        (a document-level rule's per-paragraph part), remembered by that text (a character either
        side) and `name`, for this `owner` (a rule: a reloaded rule with the same id is another)."""
        key = (name, id(owner), _scan_key(doc, span))
        hit = self.values.get(key)
        if hit is None or hit[0] is not owner:
            hit = self.values[key] = (owner, build())
        return hit[1]

    def matches(self, doc: Document, matcher, inner: set, search) -> list[tuple[int, int, int]]:
        """`search(0, len(doc.text))` as (start, end, term index) of every match, a term list's search
        of the whole text, put together from searches of the paragraphs (`search(start, end)`),
        each remembered by its text.

        A paragraph is searched on its own only where no match can run across its end: it is
        followed by white space that holds a blank line (a term's words join across one line
        break at most, `_terms.GAP`), or its last character is neither a word character nor one
        of the list's `inner` characters (a term's punctuation, white space, hyphens). The search
        reads two characters before where it starts (a term's left edge): they are in the key;
        a term's right edge reads white space at the cut either way.
        """
        found = []
        for start, end, read in _regions(doc, inner):
            found.extend((a + start, b + start, index) for a, b, index in self._region(matcher, read, start, end, search))
        return found

    def counted(self, doc: Document, matcher, inner: set, search, enough: int | None = None) -> int:
        """How many non-empty matches `matches` holds (a list that counts anywhere, prose or not:
        `coverage`, `share`), or `enough` once that many are found. The regions remembered are
        counted first, so after an edit `coverage` searches the edited paragraph only when no
        other paragraph mentions a term of the list."""
        count, pending = 0, []
        for start, end, read in _regions(doc, inner):
            hit = self.terms.get((id(matcher), read))
            if hit is None or hit[0] is not matcher:
                pending.append((start, end, read))
                continue
            count += sum(1 for a, b, _ in hit[1] if b > a)
            if enough is not None and count >= enough:
                return enough
        for start, end, read in pending:
            count += sum(1 for a, b, _ in self._region(matcher, read, start, end, search) if b > a)
            if enough is not None and count >= enough:
                return enough
        return count

    def _region(self, matcher, read: tuple, start: int, end: int, search) -> list:
        """The matches of one region (`_regions`), relative to its start, remembered by what it reads."""
        key = (id(matcher), read)
        hit = self.terms.get(key)
        if hit is None or hit[0] is not matcher:
            hit = self.terms[key] = (matcher, [(a - start, b - start, index) for a, b, index in search(start, end)])
        return hit[1]


def _regions(doc: Document, inner: set) -> list[tuple[int, int, tuple]]:
    """The document's text cut at the starts of paragraphs that no match can run into: (start,
    end, what a search of it reads: the two characters before it, its text, whether it ends the
    text), once per document and set of `inner` characters."""
    return shared(doc, "term regions", frozenset(inner), lambda: [
        (start, end, (doc.text[max(start - 2, 0):start], doc.text[start:end], end == len(doc.text)))
        for start, end in _cuts(doc, inner)])


def _cuts(doc: Document, inner: set) -> list[tuple[int, int]]:
    text, cuts = doc.text, [0]
    for before, after in zip(doc.paragraphs, doc.paragraphs[1:]):
        last, cut = before.span.end, after.span.start
        gap = text[last:cut]
        if last < cut and cut > cuts[-1] and last > 0 and not gap.strip() \
                and ("\n\n" in gap or not _may_hold(text[last - 1], inner)):
            cuts.append(cut)
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a] or [(0, len(text))]


def _may_hold(char: str, inner: set) -> bool:
    """Can a term match hold `char` (a word character, white space, or one of the list's own)?"""
    return char.isalnum() or char == "_" or char.isspace() or char in inner


def _print(doc: Document, prints: dict, number: int, paragraph: Paragraph, context) -> tuple:
    """`fingerprint` of paragraph `number` with `context` (or ()), hashed once: a memo key is
    looked up twice per rule and paragraph, and hashing its tuples anew each time cost more than
    building them. The neighbours' variant is the paragraph's own print and their text."""
    own = prints.get((number, None))
    if own is None:
        found = fingerprint(doc, paragraph)
        own = prints[(number, None)] = (Hashed(found[0]), found[1]) if found else ()
    if context is None or not own:
        return own
    around = _neighbours(doc, number) if context == NEIGHBOURS else None
    return Hashed((own[0], around, context)), own[1]


class Hashed:
    """A key that hashes its (large, nested) value once."""

    __slots__ = ("value", "hash")

    def __init__(self, value):
        self.value, self.hash = value, hash(value)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other) -> bool:
        return self is other or (isinstance(other, Hashed) and self.hash == other.hash and self.value == other.value)


def _moved(findings: list, lines: int) -> list:
    if not lines:
        return list(findings)
    return [dataclasses.replace(f, line=f.line + lines, end_line=f.end_line + lines) for f in findings]


def _neighbours(doc: Document, number: int) -> tuple[str, str]:
    """The whole text of the paragraphs before and after paragraph `number` (1-based)."""
    before = doc.paragraphs[number - 2] if number > 1 else None
    after = doc.paragraphs[number] if number < len(doc.paragraphs) else None
    return (doc.slice(before.span) if before else "", doc.slice(after.span) if after else "")


def _relative(spans, start: int) -> tuple:
    return tuple((span.start - start, span.end - start) for span in spans)


def fingerprint(doc: Document, paragraph: Paragraph, context=None):
    """(a key for everything a paragraph's findings depend on, the line its source starts on), or
    None when its text comes from more than one file (an `\\input` boundary: not kept)."""
    start, end = paragraph.span.start, paragraph.span.end
    pieces = _pieces(doc, start - 1, end + 1)
    if not pieces or len({piece.source.path for piece in pieces}) != 1:
        return None
    source = pieces[0].source
    first = min(piece.src_start for piece in pieces)
    line = source.position(first).line
    base = source.line_starts[line - 1]
    last = max(piece.src_end for piece in pieces)
    line_end = source.text.find("\n", last)
    layout = (
        doc.text[max(start - 1, 0):end + 1], start == 0, end == len(doc.text),
        _relative(paragraph.sentences, start), _relative(paragraph.items, start), paragraph.list_kind,
        tuple((block.span.start - start, block.span.end - start, block.item) for block in paragraph.blocks),
        tuple((p.plain_start - start, p.plain_end - start, p.src_start - base, p.src_end - base, p.literal,
               p.checkable) for p in pieces),
        source.path, source.text[base:line_end if line_end >= 0 else len(source.text)], context,
    )
    return layout, line


def _pieces(doc: Document, start: int, end: int) -> list:
    """The source map's pieces that overlap [start, end) of the plain text."""
    source_map = doc.source_map
    index = source_map.index_at(max(start, 0))
    found = []
    while index < len(source_map.pieces) and source_map.pieces[index].plain_start < end:
        piece = source_map.pieces[index]
        if piece.plain_end > start:
            found.append(piece)
        index += 1
    return found


def _scan_key(doc: Document, span: Span) -> tuple:
    """What the word scan of `span` reads: its text, a character either side, the pieces under it
    that are not prose (citations, math), relative to the span."""
    start, end = span.start, span.end
    return doc.text[max(start - 1, 0):end + 1], start == 0, end == len(doc.text), _closed(doc, start, end)


def _closed(doc: Document, start: int, end: int) -> tuple:
    """The parts of [start, end) that are not prose (citations, math, code), relative to `start`."""
    source_map = doc.source_map
    return tuple((max(source_map.closed_starts[i], start) - start, min(source_map.closed_ends[i], end) - start)
                 for i in source_map.closed_between(start, end))


def per_paragraph(doc: Document, rule, number: int, paragraph: Paragraph, compute, context: str | None = None):
    """The findings `compute()` gives for paragraph `number`, from the active memo when there is one."""
    memo = current()
    return compute() if memo is None else memo.paragraph_findings(doc, rule, number, paragraph, compute, context)
