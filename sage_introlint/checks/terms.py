"""`terms`: words and patterns that must not appear in the prose (existence check).

Each list under `lists` has its own severity (never above the rule's), message and matching
mode; a term may carry a replacement, which becomes the finding's suggestion. Matches touching
a citation, reference, math, URL or code are skipped, and so is text the front end marked as
not checkable.

Options:
  lists (required): list of mappings, each with
    terms (required): strings, one-key mappings `term: replacement`, or mappings
      `{term: ..., use: replacement, why: one-line reason}`; with `regex: true`, regular
      expressions instead of words.
    message (required): template; `{match}` is the text found, `{term}` the list entry, `{why}`
      its reason.
    source: where the list comes from (a style guide, a word list); shown by `introlint explain`.
    suggestion: template for the suggestion when the entry has a replacement (`{replace}`).
    severity: error | warning | info (default: the rule's).
    inflect: add -s, -ed, -ing, -ly forms to the last word of each term (default false).
    case_sensitive: default false.
    regex: entries are regular expressions (default false).
    headings: also search the heading titles of the source files (default false).
    captions: also search the captions of figures and tables (default false).
    not_after: words that cancel a match right after them (`not` for "not truly isolated").
    not_before: words that make a match a term of art when they follow it ("seamless handover").
    fix: true when replacing the match by the entry's replacement (or, without one, dropping
      it) is always safe: `check --fix` and the editor's quick fix apply it (default false).
    ends_block: true when a match counts only where it ends a block of its paragraph (a list item
      or the lead-in before the list), whatever follows on the next line: "..." ending an item
      before a lower-case item is text trailing off; before a lower-case line of the same
      sentence it is not (default false).
    credited: true when a match is no finding where it praises others' work: right after "their",
      "his" or "her" ("their elegant design"), after a cited subject and its verb ("Dryja [7]
      gives an elegant ..."), or on a thing of a cited owner ("the powerful
      scheme of Kim et al. [4]", "the elegant design by Edrax [1]"); never across "our" or "we"
      (default false).
    math: true when a match may stand in inline math (`$X$\\%`: a slot the author set as
      math); citations, URLs and code are still skipped (default false).
  leftovers: message template (`{match}` is the note as written); also report, where each
    stands, what the front end took out of the prose as a left-over: notes to co-authors
    (`\\todo{..}`, `\\fixme{..}`, author note macros, `latex: note-macros` of the config) and
    prompt lines echoed into an answer.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document.model import Document, Span
from ..findings import Finding, span_finding
from ._headings import captions, headings
from ._shared import shared
from ._text import Entry, Matcher, cached, entries, excerpt, fill, lowered
from ..stage import STAGES
from .schema import Context, check_regex, term_text, flag, list_of, mapping, severity, terms, text


def _regex_terms(spec: dict, at: tuple, context: Context) -> None:
    """With `regex: true` the terms are regular expressions: each must compile (and be safe)."""
    if spec.get("regex"):
        for index, term in enumerate(spec.get("terms") or []):
            pattern = term_text(term)
            check_regex(pattern, (), at + ("terms", index), context)


LIST = mapping({"terms": terms(required=True), "message": text(required=True), "source": text(), "why": text(),
                "suggestion": text(), "severity": severity(), "inflect": flag(), "case_sensitive": flag(),
                "regex": flag(), "headings": flag(), "captions": flag(),
                "not_after": list_of(text()), "not_before": list_of(text()),
                # severity per stage (`--stage`): {draft: info, final: error} for the prompts' slots
                "stages": mapping({stage: severity() for stage in STAGES}),
                "fix": flag(), "math": flag(), "ends_block": flag(), "credited": flag()},
               check=_regex_terms)
OPTIONS = {"lists": list_of(LIST, required=True), "leftovers": text()}


def _matchers(rule) -> list[tuple[dict, Matcher]]:
    lists = rule.options["lists"]
    return cached("terms", lists, lambda: [
        (spec, Matcher(spec.get("terms", []), spec.get("inflect", False),
                       spec.get("case_sensitive", False), spec.get("regex", False), anywhere=spec.get("math", False)))
        for spec in lists])


def matches(doc: Document, rule) -> Iterator[tuple[dict, Entry, Span]]:
    """(list, entry, span) of every term found in the prose: the rule's recognition, for other
    readers too (the ledger lists the open slots the `placeholder` rule recognises)."""
    for spec, matcher in _matchers(rule):
        after, before = _after_words(spec), _before_words(spec)
        for entry, span in matcher.finditer(doc):
            if after is not None and after.search(doc.text, max(0, span.start - 20), span.start):
                continue
            if before is not None and before.match(doc.text, span.end):
                continue
            if matcher.anywhere and not _prose_or_math(doc, span):
                continue
            if spec.get("ends_block") and span.end not in _block_ends(doc):
                continue
            if spec.get("credited") and _credited(doc, span):
                continue
            yield spec, entry, span


def check(doc: Document, rule) -> Iterator[Finding]:
    for spec, entry, span in matches(doc, rule):
        severity = lowered(spec.get("severity", rule.severity), rule.severity)
        match = excerpt(doc, span)
        message = fill(spec["message"], match=match, term=entry.term, replace=entry.replace or "",
                       why=entry.why or spec.get("why", ""))
        suggestion = None
        if entry.replace is not None and spec.get("suggestion"):
            suggestion = fill(spec["suggestion"], match=match, term=entry.term, replace=entry.replace)
        fix = (entry.replace or "") if spec.get("fix") else None
        yield span_finding(doc, span, severity, rule.id, message, suggestion, fix)
    for spec, matcher in _matchers(rule):
        if (spec.get("headings") or spec.get("captions")) and not matcher.empty:
            severity = lowered(spec.get("severity", rule.severity), rule.severity)
            places = (headings(doc) if spec.get("headings") else []) + (captions(doc) if spec.get("captions") else [])
            yield from _in_headings(doc, rule, spec, matcher, severity, places)
    if rule.options.get("leftovers"):
        for leftover in doc.leftovers:
            start, end = leftover.start, leftover.end
            yield Finding(start.path, start.line, start.column, end.line, end.column, rule.severity, rule.id,
                          fill(rule.options["leftovers"], match=leftover.text))


_THEIRS = re.compile(r"(?<![\w-])(?:their|his|her)[\s~]+(?:[\w-]+[\s~]+)?$", re.I)
# "... design of Edrax [1]", "... scheme by Kim et al. [4]": the praised thing is a cited work's
_CITED_OWNER = re.compile(r"(?:[\s~]+[\w-]+){0,4}?[\s~]+(?:of|by|from)[\s~]+[A-Z][\w-]*(?:[\s~]+et[\s~]+al\.)?[\s~]*(?=\[)")
# "Dryja [7] gives an elegant ...": a cited subject, its verb, then the praised thing
_CITED_SUBJECT = re.compile(r"(?<![\w-])[A-Z][\w-]*(?:[\s~]+et[\s~]+al\.)?[\s~]*(\[)[^\[\]]{1,40}\][\s~]+[a-z]+[\s~]+(?:a|an|the)[\s~]+$")
_OURS = re.compile(r"(?<![\w-])(?:our|we|us|ours)(?![\w-])", re.I)


def _credited(doc: Document, span: Span) -> bool:
    """Does the praise at `span` qualify others' work: "their elegant design", a cited subject's
    ("Dryja [7] gives an elegant ..."), or a thing of a cited owner ("the powerful scheme of Kim
    et al. [4]"), with no "our"/"we" between?"""
    if _THEIRS.search(doc.text, max(0, span.start - 40), span.start):
        return True
    subject = _CITED_SUBJECT.search(doc.text, max(0, span.start - 80), span.start)
    if subject is not None and not doc.source_map.is_checkable(subject.start(1), subject.start(1) + 1):
        return True
    owner = _CITED_OWNER.match(doc.text, span.end)
    if owner is None or _OURS.search(owner.group()):
        return False
    return not doc.source_map.is_checkable(owner.end(), owner.end() + 1)


def _block_ends(doc: Document) -> frozenset[int]:
    """Where the blocks (lead-ins, list items) of the document's paragraphs end, trailing space left out."""
    def ends() -> frozenset[int]:
        found = set()
        for paragraph in doc.paragraphs:
            for block in paragraph.blocks:
                found.add(block.span.start + len(doc.slice(block.span).rstrip()))
        return frozenset(found)
    return shared(doc, "block_ends", None, ends)


def _prose_or_math(doc: Document, span: Span) -> bool:
    """Is every part of the span the author's words or inline math (`$..$`, `\\(..\\)`), never a
    citation, URL or code?"""
    source_map = doc.source_map
    for index in source_map.closed_between(span.start, span.end):
        piece = source_map.pieces[source_map.index_at(source_map.closed_starts[index])]
        written = piece.source.text[piece.src_start:piece.src_start + 2]
        if not (written.startswith("$") or written == "\\("):
            return False
    return True


def _after_words(spec: dict):
    """`not_after: [not]`: a term right after one of these words is no finding ("not truly isolated")."""
    words = spec.get("not_after")
    if not words:
        return None
    return cached("terms.after", words, lambda: re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")[\s~]+$", re.I))


def _before_words(spec: dict):
    """`not_before: [mobility]`: a term right before one of these words is a term of art ("seamless mobility")."""
    words = spec.get("not_before")
    if not words:
        return None
    return cached("terms.before", words, lambda: re.compile(
        r"[\s~]+(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I))


def _in_headings(doc: Document, rule, spec: dict, matcher: Matcher, severity: str, places) -> Iterator[Finding]:
    """Matches in the heading titles of the source files (`headings: true`) and the captions
    (`captions: true`): `places`, as (source, start, end)."""
    for source, start, end in places:
        for match in matcher.scan(source.text[start:end]):  # alone: `_TODO:_` is a TODO
            first, last = source.position(start + match.start()), source.position(start + match.end())
            entry = matcher.entries[int(match.lastgroup[1:])]
            message = fill(spec["message"], match=match.group(), term=entry.term, replace=entry.replace or "",
                           why=entry.why or "")
            yield Finding(first.path, first.line, first.column, last.line, last.column, severity, rule.id, message)


def describe(rule) -> str:
    """Every list with its source and every entry with its reason, for `introlint explain`."""
    parts = []
    for spec in rule.options["lists"]:
        title = f"{'Patterns' if spec.get('regex') else 'Words'} ({spec.get('severity', rule.severity)})"
        if spec.get("source"):
            title += f", from {' '.join(str(spec['source']).split())}"
        lines = [title + ":"]
        for entry in entries(spec.get("terms", [])):
            line = f"  {entry.term}"
            if entry.replace:
                line += f" -> {entry.replace}"
            if entry.why:
                line += f": {entry.why}"
            lines.append(line)
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
