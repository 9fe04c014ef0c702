"""Shared helpers of the check kinds: messages, severities, groups, prose units, excerpts.

Term matching is `_terms`, words `_words`, work shared between checks `_shared`; the names the
check kinds import from here are re-exported.
"""

from __future__ import annotations

import re

from .. import templates
from ..document.model import Document, Span
from ..findings import SEVERITY_RANK
from ._shared import cached, shared
from .memo import per_paragraph
from ._terms import Entry, Matcher, entries  # noqa: F401  (the check kinds' imports)
from ._words import words  # noqa: F401  (the check kinds' imports)


def fill(template: str, **values) -> str:
    """`{name}` fields filled from `values`, nothing else evaluated (see `templates`)."""
    return templates.fill(template, **values)


def regex_in(doc: Document, patterns, span: Span | None = None, anywhere: bool = False) -> bool:
    """Does one of the compiled `patterns` match inside `span` (the whole text when None), in
    prose unless `anywhere` (a match in code, math or a `\\cite` key does not count)?"""
    start, end = (0, len(doc.text)) if span is None else (span.start, span.end)
    return any(anywhere or doc.source_map.is_checkable(m.start(), m.end())
               for p in patterns for m in p.finditer(doc.text, start, end))


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
    return [(member, matcher.mentions(doc) if span is None else sum(1 for _ in matcher.finditer(doc, span)))
            for member, matcher in member_matchers(rule, option)]


def member_title(member: dict, examples: int = 3) -> str:
    """`ML serving frameworks (Ray Serve, KServe, Triton Inference Server)`."""
    names = member.get("systems") or []
    return f"{member['name']} ({', '.join(names[:examples])})" if names else member["name"]


def prose_units(doc: Document) -> list[tuple[int, Span]]:
    """Every sentence-like unit with its paragraph (or outline entry) number, in text order.

    Paragraph sentences, plus outline goals, bullets and prose that no paragraph sentence
    already covers; a paragraph without sentences counts as one unit. Computed once per document.
    """
    return shared(doc, "prose_units", None, lambda: _prose_units(doc))


def by_units(doc: Document, rule, compute, context: str | None = None):
    """The findings of `compute(units)` over the document's sentence-like units (`prose_units`):
    paragraph by paragraph (its sentences, or itself) through the editor's memo, or all at once
    for an outline, whose goals and bullets are units too."""
    if doc.outline:
        yield from compute([span for _, span in prose_units(doc)])
        return
    for number, paragraph in enumerate(doc.paragraphs, 1):
        units = paragraph.sentences or [paragraph.span]
        yield from per_paragraph(doc, rule, number, paragraph, lambda: compute(units), context)


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


def excerpt(doc: Document, span: Span, limit: int = 60) -> str:
    text = " ".join(doc.slice(span).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# A closing head that sums the section up (`\\paragraph{Summary.}`, `### Discussion`): no category,
# no experiment of its own.
_CLOSING_HEAD = re.compile(r"(?i)\W*(?:in\s+)?(?:summary|summing up|discussion|takeaways?)\W*")


def top_divisions(doc: Document) -> list:
    """A paper section's top-level divisions: those of the shallowest level it has, less a
    closing summary head at the end."""
    if not doc.divisions:
        return []
    level = min(division.level for division in doc.divisions)
    top = [division for division in doc.divisions if division.level == level]
    return top[:-1] if len(top) > 1 and _CLOSING_HEAD.fullmatch(top[-1].title) else top
