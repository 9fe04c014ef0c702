"""Shared helpers of the check kinds: term matching, groups, sentences, words, messages.

Term matching runs on the plain text with word boundaries that respect hyphens (`edge` does not
match inside `cutting-edge`, nor `state` inside `state-of-the-art`), lets a space or hyphen in a
term match any run of whitespace, `~` or a hyphen (`blazing\\nfast`), and can add inflections.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..bounded import BoundedCache
from .. import templates, user_regex
from ..document.model import Document, Span
from ..findings import SEVERITY_RANK
from .memo import current as current_memo

LEFT = r"(?<!\w)(?<!\w[-\u2010\u2011])"
RIGHT = r"(?![\w\u2010\u2011]|-\w)"
GAP = r"(?:[\s~]*[-\u2010\u2011][\s~]*|[\s~]+)"
# a word as a careful reader counts it: `11.5%`, `v0.4.2`, `1,000` and `e.g.` are one word each
WORD = re.compile(r"[^\W\d_]?\d+(?:[.,]\d+)+[^\W\d_]*"
                  r"|[^\W\d_](?:\.[^\W\d_])+\.?"
                  r"|[^\W_](?:[\w'\u2019\u2010\u2011-]*\w)?")


def fill(template: str, **values) -> str:
    """`{name}` fields filled from `values`, nothing else evaluated (see `templates`)."""
    return templates.fill(template, **values)


def inflections(word: str) -> list[str]:
    """The forms of one word that hype and vocabulary lists need: -s, -es, -d, -ed, -ing, -ly."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing", word + "ly"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing", word[:-1] + "y"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word[:-1] + "ily"}
    if word.endswith("le"):
        forms.add(word[:-1] + "y")  # incredible -> incredibly
    return sorted(forms, key=len, reverse=True)


def _term_words(term: str) -> list[str]:
    words = [w for w in re.split(r"[\s~]+|(?<=\w)-(?=\w)", term.rstrip("*").strip()) if w]
    if not words:
        raise ValueError(f"empty term {term!r}")
    return words


def _term_body(term: str, inflect: bool) -> str:
    """A term's pattern without the word boundaries (a Matcher puts LEFT/RIGHT once around them all)."""
    prefix = term.endswith("*")
    words = _term_words(term)
    parts = [re.escape(w) for w in words]
    if prefix:
        parts[-1] += r"\w*"
    elif inflect and words[-1].isalpha():
        parts[-1] = _one_of(inflections(words[-1]))
    return GAP.join(parts)


def _one_of(forms: list[str]) -> str:
    """`(?:seamlessly|seamless|...)` written as `seamless(?:ly|...|)`: a third of the pattern to compile.

    The order of the forms does not matter: they are words followed by a word boundary, so at one
    place at most one of them can match.
    """
    stem = os.path.commonprefix(forms)
    rests = sorted((form[len(stem):] for form in forms), key=len, reverse=True)
    return re.escape(stem) + "(?:" + "|".join(re.escape(rest) for rest in rests) + ")"


@dataclass(frozen=True)
class Entry:
    """One vocabulary entry: what to look for, and what to write instead."""

    term: str
    replace: str | None = None
    why: str | None = None  # the one-line reason a vocabulary gives for the entry


def entries(items: Iterable) -> list[Entry]:
    """Pack vocabulary: strings, one-key mappings `term: replacement`, or `{term, use, why}`."""
    result = []
    for item in items or ():
        if isinstance(item, dict) and "term" in item:
            use, why = item.get("use"), item.get("why")
            result.append(Entry(str(item["term"]), None if use is None else str(use), None if why is None else str(why)))
        elif isinstance(item, dict):
            for term, replace in item.items():
                result.append(Entry(str(term), None if replace is None else str(replace)))
        else:
            result.append(Entry(str(item)))
    return result


class Matcher:
    """Finds the terms of one list in the checkable plain text of a document."""

    def __init__(self, items: Iterable, inflect: bool = False, case_sensitive: bool = False,
                 regex: bool = False, anywhere: bool = False):
        self.entries = entries(items)
        # names of systems are often written as code (`sage-kernel`): a mention counts there too
        self.anywhere = anywhere
        flags = 0 if case_sensitive else re.IGNORECASE
        pieces, firsts = [], set()
        self.keys = None if regex else _Keys(case_sensitive)
        # longest first, so `seamlessly` wins over `seamless` + inflection at the same place
        order = sorted(range(len(self.entries)), key=lambda i: -len(self.entries[i].term))
        for index in order:
            entry = self.entries[index]
            body = entry.term if regex else _term_body(entry.term, inflect)
            pieces.append(f"(?P<t{index}>{body})")
            if not regex:
                firsts.add(_term_words(entry.term)[0][0])
                self.keys.add(entry.term, inflect)
        if not pieces:
            self.regex = None
        elif regex:
            terms = [entry.term for entry in self.entries]
            self.regex = user_regex.compile("|".join(pieces), flags, terms)
        else:
            # The same matches as one bounded pattern per term, several times faster:
            # the boundaries are tested once per position, and only where a term's first
            # character stands (re tries every alternative at every position otherwise).
            first = "".join(sorted(re.escape(c) for c in firsts))
            self.regex = re.compile(f"(?=[{first}]){LEFT}(?:{'|'.join(pieces)}){RIGHT}", flags)

    def finditer(self, doc: Document, span: Span | None = None) -> Iterator[tuple[Entry, Span]]:
        """The matches inside `span` (the whole text by default).

        A search of the whole text is done once per document and matcher and shared by every
        check that uses the matcher (a group's members: coverage, contrast, share); a span is
        then looked up in it. A span asked for first is searched on its own: a rule that tests
        a few sentences should not pay for a pass over the whole text.
        """
        if self.regex is None:
            return
        if span is None:
            yield from shared(doc, "matches", self, lambda: self._all(doc))[1]
            return
        found = doc.cache.get("matches", {}).get(self)
        if found is None:
            yield from self._search(doc, span.start, span.end)
            return
        index = bisect.bisect_left(found[0], span.start)
        while index < len(found[0]) and found[0][index] < span.end:
            entry, hit = found[1][index]
            if hit.end <= span.end:
                yield entry, hit
            index += 1

    def _all(self, doc: Document) -> tuple[list[int], list[tuple[Entry, Span]]]:
        memo = current_memo()
        if memo is None or self.keys is None or not self.keys.usable:
            matches = list(self._search(doc, 0, len(doc.text)))
        else:  # the editor: unchanged paragraphs' matches are remembered
            found = memo.matches(doc, self, self.keys.inner, lambda start, end: [
                (m.start(), m.end(), int(m.lastgroup[1:]))
                for m in self._matches(doc, start, end, region_starts(doc, start, end))])
            matches = [(self.entries[index], Span(start, end)) for start, end, index in found
                       if end > start and (self.anywhere or doc.source_map.is_checkable(start, end))]
        return [hit.start for _, hit in matches], matches

    def _search(self, doc: Document, start: int, end: int) -> Iterator[tuple[Entry, Span]]:
        for match in self._matches(doc, start, end):
            if match.end() == match.start():
                continue
            if not self.anywhere and not doc.source_map.is_checkable(match.start(), match.end()):
                continue
            yield self.entries[int(match.lastgroup[1:])], Span(match.start(), match.end())

    def _matches(self, doc: Document, start: int, end: int, starts: "WordStarts | None" = None):
        """`self.regex.finditer(doc.text, start, end)`, trying the pattern only where a term can start.

        The places come from an index of the document's word starts by their first letters, so a
        list of 200 terms costs a lookup per term instead of 200 alternatives tried at every word.
        """
        if self.keys is None or not self.keys.usable:
            yield from self.regex.finditer(doc.text, start, end)
            return
        if starts is None:
            places = shared(doc, "term starts", self, lambda: self.keys.places(word_starts(doc)))
        else:
            places = self.keys.places(starts)
        text, resume = doc.text, start
        for index in range(bisect.bisect_left(places, start), len(places)):
            place = places[index]
            if place >= end:
                return
            if place < resume:
                continue
            match = self.regex.match(text, place, end)
            if match is not None:
                yield match
                if match.end() > place:  # finditer goes on after a match (one past an empty one)
                    resume = match.end()

    def search(self, doc: Document, span: Span | None = None) -> bool:
        return next(self.finditer(doc, span), None) is not None


class _Keys:
    """The first one or two letters every match of a term list must begin with (see `word_starts`).

    Not `usable` when a term can begin with something the index does not hold: a non-word or
    non-ASCII character (case-insensitive matching of those is not plain lower-casing).
    """

    def __init__(self, case_sensitive: bool):
        self.case_sensitive, self.usable = case_sensitive, True
        self.singles: set[str] = set()
        self.doubles: set[str] = set()
        # What a match can have right before the white space between two of its words: a word
        # character, a gap's own (space, `~`, hyphens) or the last character of a term's inner
        # word (`e.` of `e. g.`). A match cannot run across a paragraph's end that is none of
        # these followed by white space (see `memo.matches`).
        self.inner: set[str] = set("~-\u2010\u2011")

    def add(self, term: str, inflect: bool) -> None:
        words = _term_words(term)
        self.inner.update(word[-1] for word in words[:-1])
        first = words[0]
        # the last word of an inflected term has other forms, which may begin differently (`be`, `bing`)
        forms = inflections(first) if inflect and len(words) == 1 and first.isalpha() and not term.endswith("*") else [first]
        for form in forms:
            if not form.isascii() or not re.match(r"\w", form):
                self.usable = False
            key = form if self.case_sensitive else form.lower()
            (self.doubles if len(key) >= 2 else self.singles).add(key[:2])

    def places(self, starts: "WordStarts") -> list[int]:
        """Sorted offsets where a match can begin."""
        by_two, by_one = starts.index(self.case_sensitive)
        found = list(starts.unusual)
        for key in self.doubles:
            found.extend(by_two.get(key, ()))
        for key in self.singles:
            found.extend(by_one.get(key, ()))
        return sorted(set(found))


class WordStarts:
    """Where words begin in a document's text (a place term matching can start: `LEFT` and a word
    character), indexed by their first two and first one characters, as written or lower-cased.
    `unusual` holds the places with a non-ASCII character there, which every term list tries."""

    PLACE = re.compile(LEFT + r"\w")

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text = text
        end = len(text) if end is None else end
        self.places = [match.start() for match in self.PLACE.finditer(text, start, end)]
        self.keys = [text[place:place + 2] for place in self.places]
        ascii_only = text.isascii() or text[start:end + 1].isascii()
        self.unusual = [] if ascii_only else [p for p, key in zip(self.places, self.keys) if not key.isascii()]
        self._index: dict[bool, tuple[dict, dict]] = {}

    def index(self, case_sensitive: bool) -> tuple[dict, dict]:
        if case_sensitive not in self._index:
            keys = self.keys if case_sensitive else [key.lower() for key in self.keys]
            by_two: dict[str, list[int]] = {}
            for key, place in zip(keys, self.places):
                found = by_two.get(key)
                if found is None:
                    by_two[key] = [place]
                else:
                    found.append(place)
            by_one: dict[str, list[int]] = {}
            for key, found in by_two.items():
                by_one.setdefault(key[:1], []).extend(found)
            self._index[case_sensitive] = by_two, by_one  # (by_one's lists unsorted: `places` sorts)
        return self._index[case_sensitive]


def word_starts(doc: Document) -> WordStarts:
    """The document's word starts (computed once per document)."""
    return shared(doc, "word starts", None, lambda: WordStarts(doc.text))


def region_starts(doc: Document, start: int, end: int) -> WordStarts:
    """The word starts in [start, end) of the document's text (computed once per document and range)."""
    return shared(doc, "word starts", (start, end), lambda: WordStarts(doc.text, start, end))


def lowered(severity: str, ceiling: str) -> str:
    """`severity`, but never above the rule's configured severity."""
    return severity if SEVERITY_RANK.get(severity, 3) <= SEVERITY_RANK.get(ceiling, 3) else ceiling


def group(rule, option) -> dict:
    """A vocabulary group named by an option (a group name, or the group itself inline)."""
    if isinstance(option, dict):
        return option
    groups = getattr(rule, "groups", None) or {}
    if option not in groups:
        raise KeyError(f"rule {rule.id}: group {option!r} is not defined in the pack")
    return groups[option]


def member_matchers(rule, option) -> list[tuple[dict, Matcher]]:
    """(member, matcher of its `systems` and `terms`) for every member of a group.

    A mention counts in inline code too (`sage-kernel`, `vllm`): that is how names are written.
    """
    members = group(rule, option).get("members", [])
    return cached("members", members, lambda: [
        (member, Matcher(list(member.get("systems", [])) + list(member.get("terms", [])), inflect=True,
                           anywhere=True))
        for member in members])


def mention_counts(rule, option, doc: Document, span: Span | None = None) -> list[tuple[dict, int]]:
    """(member, how often any of its systems or terms is mentioned in `span`) for every member."""
    return [(member, sum(1 for _ in matcher.finditer(doc, span))) for member, matcher in member_matchers(rule, option)]


def member_title(member: dict, examples: int = 3) -> str:
    """`ML serving frameworks (Ray Serve, KServe, Triton Inference Server)`."""
    names = member.get("systems") or []
    return f"{member['name']} ({', '.join(names[:examples])})" if names else member["name"]


def shared(doc: Document, name: str, key, build):
    """`build()`, computed once per document and key and shared by every check of the document."""
    table = doc.cache.setdefault(name, {})
    hit = table.get(key)
    if hit is None:
        hit = table[key] = build()
    return hit


def prose_units(doc: Document) -> list[tuple[int, Span]]:
    """Every sentence-like unit with its paragraph (or outline entry) number, in text order.

    Paragraph sentences, plus outline goals, bullets and prose that no paragraph sentence
    already covers; a paragraph without sentences counts as one unit. Computed once per document.
    """
    return shared(doc, "prose_units", None, lambda: _prose_units(doc))


def _prose_units(doc: Document) -> list[tuple[int, Span]]:
    units: list[tuple[int, Span]] = []
    for number, paragraph in enumerate(doc.paragraphs, 1):
        spans = paragraph.sentences or [paragraph.span]
        units.extend((number, Span(s.start, s.end)) for s in spans)
    covered = [span for _, span in units]
    for number, entry in enumerate(doc.outline, 1):
        for part in entry.parts():
            if not any(c.start <= part.start < c.end for c in covered):
                units.append((number, Span(part.start, part.end)))
    units.sort(key=lambda unit: unit[1].start)
    return units


MARKER = re.compile(r"\d{1,2}|[ivx]{1,4}|[a-z]", re.IGNORECASE)


def _enumeration_marker(text: str, start: int, end: int) -> bool:
    """`(1)`, `(ii)`, `b)`: the marker of an inline enumeration, which nobody counts as a word."""
    if end >= len(text) or text[end] != ")" or not MARKER.fullmatch(text, start, end):
        return False
    return (start > 0 and text[start - 1] == "(") or start == 0 or text[start - 1].isspace()


def words(doc: Document, span: Span) -> list[Span]:
    """Words of a span, skipping citation-like pieces (`[1]`) and enumeration markers (`(1)`).

    Tokenised once per document and span: the checks that count a paragraph's or a sentence's
    words share one list (do not change it). A sentence's words are cut from its paragraph's.
    """
    return shared(doc, "words", (span.start, span.end), lambda: _words_of(doc, span))


def _words_of(doc: Document, span: Span) -> list[Span]:
    outer = _paragraphs_by_sentence(doc).get((span.start, span.end))
    if outer is None:
        return _scan(doc, span)[1]
    raw, kept = _scan(doc, outer)
    first, last = bisect.bisect_left(raw, (span.start,)), bisect.bisect_left(raw, (span.end,))
    if (first and raw[first - 1][1] > span.start) or (last > first and raw[last - 1][1] > span.end):
        return _words(doc, span)[1]  # a word runs across the sentence's edge: read the sentence alone
    # The same words as reading the sentence alone: the pattern looks at no character before where
    # it starts, and no match of the paragraph's reading crosses the sentence's edges.
    low = bisect.bisect_left(kept, span.start, key=lambda word: word.start)
    high = bisect.bisect_left(kept, span.end, key=lambda word: word.start)
    return kept[low:high]


def _paragraphs_by_sentence(doc: Document) -> dict[tuple[int, int], Span]:
    """(start, end) of every paragraph sentence -> its paragraph's span."""
    return shared(doc, "sentence paragraphs", None, lambda: {
        (sentence.start, sentence.end): paragraph.span
        for paragraph in doc.paragraphs for sentence in paragraph.sentences
        if paragraph.span.start <= sentence.start and sentence.end <= paragraph.span.end})


def _scan(doc: Document, span: Span) -> tuple[list[tuple[int, int]], list[Span]]:
    """(every match of WORD in `span`, the words among them), once per document and span."""
    return shared(doc, "word scan", (span.start, span.end), lambda: _remembered_scan(doc, span))


def _remembered_scan(doc: Document, span: Span) -> tuple[list[tuple[int, int]], list[Span]]:
    """A paragraph's scan from the editor's per-paragraph memo when one is active (see `memo`)."""
    memo = current_memo()
    if memo is None or not any(p.span == span for p in doc.paragraphs):
        return _words(doc, span)
    return memo.scan(doc, span, lambda: _words(doc, span))


def _words(doc: Document, span: Span) -> tuple[list[tuple[int, int]], list[Span]]:
    raw, result = [], []
    text, size = doc.text, len(doc.text)
    checkable = doc.source_map.is_checkable
    inside = False  # the last word is in math or code (`$v_c(core_4, R)$`): one word, as a reader counts it
    for match in WORD.finditer(text, span.start, span.end):
        start, end = match.span()
        raw.append((start, end))
        plain = checkable(start, end)
        if text[start].isdigit() and match.group().isdigit() and not plain:
            continue
        if end < size and text[end] == ")" and _enumeration_marker(text, start, end):
            continue
        if not plain and inside and result and not checkable(result[-1].end, start):
            result[-1] = Span(result[-1].start, end)
            continue
        inside = not plain
        result.append(Span(start, end))
    return raw, result


def excerpt(doc: Document, span: Span, limit: int = 60) -> str:
    text = " ".join(doc.slice(span).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_CACHE: BoundedCache = BoundedCache(256)  # (name, id(options)) -> (options, compiled)


def cached(name: str, key: object, build):
    """Compile once per options object (warm re-checks reuse compiled vocabularies)."""
    slot = (name, id(key))
    hit = _CACHE.get(slot)
    if hit is None or hit[0] is not key:
        hit = (key, build())
        _CACHE[slot] = hit
    return hit[1]


def top_divisions(doc: Document) -> list:
    """A paper section's top-level divisions: those of the shallowest level it has."""
    if not doc.divisions:
        return []
    level = min(division.level for division in doc.divisions)
    return [division for division in doc.divisions if division.level == level]
