"""The coverage matrix: rows are the pack's group members (competitor classes, parts of the
system, challenges), columns the paragraphs; a cell counts the member's mentions there and
says whether one of them is contrasted with the system (the `contrast` check's own test: a
cue in the mentioning sentence or the next one of the same paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks._text import Matcher, member_matchers


@dataclass(frozen=True)
class Cell:
    mentions: int
    contrasted: bool


@dataclass(frozen=True)
class Row:
    group: str  # the group's title
    member: str
    cells: tuple[Cell, ...]


def contrast_cues(rules) -> list[str]:
    """The cues of the pack's `contrast` rule (none: contrasts are not shown)."""
    rule = next((r for r in rules if r.check == "contrast"), None)
    return list(rule.options.get("cues", [])) if rule is not None else []


def rows(doc, groups: dict, cues: list[str]) -> list[Row]:
    cue = Matcher(cues) if cues else None
    sentences = [[s for s in p.sentences] or [p.span] for p in doc.paragraphs]
    cued = [[bool(cue and cue.search(doc, s)) for s in spans] for spans in sentences]
    result = []
    for group in groups.values():
        title = group.get("title", "")
        for member, matcher in member_matchers(None, group):
            cells = []
            for spans, flags in zip(sentences, cued):
                hits = [i for i, span in enumerate(spans) if matcher.search(doc, span)]
                count = sum(sum(1 for _ in matcher.finditer(doc, spans[i])) for i in hits)
                contrasted = any(flags[i] or (i + 1 < len(flags) and flags[i + 1]) for i in hits)
                cells.append(Cell(count, contrasted))
            result.append(Row(title, member["name"], tuple(cells)))
    return result
