"""The contributions a section states, and which part of the system each one is about.

In the Introduction the contributions are its numbered list: the items of the last ordered list
of a paragraph that names contributions (`cues`), or an inline `(1) ... (2) ...` enumeration.
In the abstract they are one sentence that names them, enumerated inline or not. Each is matched
to the members of a pack group (architecture, control plane, ...) by the members' terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks._text import Matcher, cached, member_matchers, prose_units
from ..document.model import Document, Span

INLINE_MARKER = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[:;,]))\((?:\d{1,2}|[ivx]{1,4})\)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Contribution:
    number: int
    span: Span  # from the first character of its text (after the marker)
    parts: tuple[str, ...]  # names of the group members it is about


def _inline_items(doc: Document, span: Span) -> list[Span]:
    markers = list(INLINE_MARKER.finditer(doc.text, span.start, span.end))
    if len(markers) < 2:
        return []
    items = []
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else span.end
        items.append(Span(marker.end(), end))
    return items


def _classify(doc: Document, rule, group, span: Span) -> tuple[str, ...]:
    return tuple(member["name"] for member, matcher in member_matchers(rule, group) if matcher.search(doc, span))


def _cue_matcher(cues: list[str]) -> Matcher:
    """Compiled once per pack's cue list (the ledger and two rules ask on every check)."""
    return cached("contributions.listed", cues, lambda: Matcher(cues, inflect=True))


def listed(doc: Document, rule, group, cues: list[str]) -> list[Contribution]:
    """The Introduction's numbered contributions (empty when it has no numbered list)."""
    cue = _cue_matcher(cues)
    candidates = [p for p in doc.paragraphs if cue.search(doc, p.span)] or doc.paragraphs
    for paragraph in reversed(candidates):
        if paragraph.list_kind == "ordered" and paragraph.items:
            items = paragraph.items
        else:
            items = _inline_items(doc, paragraph.span)
        if items:
            return [Contribution(n, _trimmed(doc, item), _classify(doc, rule, group, item))
                    for n, item in enumerate(items, 1)]
    return []


def stated(doc: Document, rule, group, cues: list[str]) -> tuple[Span, tuple[str, ...]] | None:
    """The sentence that states the contributions (the first with a cue) and the parts it names."""
    cue = _cue_matcher(cues)
    for _, sentence in prose_units(doc):
        if cue.search(doc, sentence):
            items = _inline_items(doc, sentence) or [sentence]
            parts: list[str] = []
            for item in items:
                parts.extend(p for p in _classify(doc, rule, group, item) if p not in parts)
            return _trimmed(doc, sentence), tuple(parts)
    return None


def _trimmed(doc: Document, span: Span) -> Span:
    text = doc.slice(span)
    start = span.start + (len(text) - len(text.lstrip()))
    end = span.end - (len(text) - len(text.rstrip()))
    return Span(start, max(start, end))
