"""Cut a file's top-level sequence into sections, the same way for LaTeX items and Markdown nodes.

The front ends give the headings of the sequence (`Mark`s). The section level is the shallowest
level at which a heading names a known section; headings at that level (or shallower) end a
section. The first section of each kind is checked (with a second one of the kind right after
it, as `\\section{Introduction-v1}` then `\\section{Introduction}`); a later one of the same
kind is not; every other section after the first known one goes to the set's `fallback` section
(each checked on its own), or is not checked when the set has none. The text before the first
known section is the Introduction when the paper has none. A section with `through` (the
system section) takes the unknown sibling sections that follow it, up to the section `through`
names, when that one comes later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document.model import Position
from .specs import PaperSet, SectionSpec


@dataclass(frozen=True)
class Mark:
    """A heading of the sequence: where it is (index into the sequence), level, title, position."""

    index: int
    level: int
    title: str
    position: Position


@dataclass
class Region:
    """One section to check: its spec, heading (None: the file has none), and range [start, end)."""

    spec: SectionSpec
    heading: Mark | None
    start: int
    end: int
    siblings: list[Mark] = field(default_factory=list)  # headings of grouped sibling sections
    level: int = 0  # the section level (divisions are the headings below it)
    preface: bool = False  # the text before the first named section: dropped when it holds no prose


def plan(marks: list[Mark], length: int, paper: PaperSet, forced: SectionSpec | None = None) -> list[Region]:
    """The regions of a sequence of `length` items with headings `marks` (in order)."""
    if forced is not None:
        first = marks[0] if marks else None
        return [Region(forced, first, 0, length, level=first.level if first else 0)]
    known = _without_titles([(mark, paper.classify(mark.title)) for mark in marks], paper)
    levels = [mark.level for mark, spec in known if spec is not None]
    if not levels:
        default = paper.spec(paper.default) if paper.default else None
        return [Region(default, None, 0, length)] if default else []
    level = min(levels)
    bounds = _bounds(known, level, paper)
    regions: list[Region] = _front_matter(known, level, length)
    seen: set[str] = {region.spec.name for region in regions}
    index = 0
    while index < len(bounds):
        mark, spec = bounds[index]
        end = bounds[index + 1][0].index if index + 1 < len(bounds) else length
        index += 1
        if spec is not None and spec.fallback:
            regions.append(Region(spec, mark, mark.index, end, level=level))
            continue
        if spec is not None and regions and regions[-1].spec.name == spec.name and regions[-1].end == mark.index:
            regions[-1].end = end  # the same section twice in a row (a draft beside its rewrite): one section
            continue
        if spec is None or spec.name in seen:
            continue
        seen.add(spec.name)
        region = Region(spec, mark, mark.index, end, level=level)
        if spec.through:
            index = _absorb(region, bounds, index, length, spec.through)
        regions.append(region)
    if _opens_its_introduction(marks, regions, paper):
        regions[0].start = 0  # a section file's lines before its first subsection are its own opening
        return regions
    preface = _preface(bounds, regions, paper, level)
    return ([preface] if preface else []) + regions


SECTION_LEVEL = 2  # `\\section` (and a Markdown `##`); a deeper first heading is a subsection


def _opens_its_introduction(marks: list[Mark], regions: list[Region], paper: PaperSet) -> bool:
    """An Introduction file without its `\\section` heading whose first heading is a subsection
    that names it (`\\subsection{Introduction to the concepts}` after three paragraphs): the text
    before that heading is the Introduction's opening, not front matter (no title, no heading
    above it); before, it went unchecked."""
    first = marks[0] if marks else None
    return bool(first is not None and first.index > 0 and first.level > SECTION_LEVEL and regions
                and paper.default and regions[0].spec.name == paper.default and regions[0].heading is first)


def _without_titles(known: list, paper: PaperSet) -> list:
    """A heading over a deeper heading of a section that comes before its own in the paper is the
    paper's title (`# SAGE` over `## Abstract`, `## Introduction`), not the section its words
    happen to name; a section's own subsections come after it (an Introduction's `### Overview`
    or `### Related work`), so it stays a section."""
    order = {spec.name: rank for rank, spec in enumerate(paper.sections)}
    result = []
    for index, (mark, spec) in enumerate(known):
        if spec is not None:
            for other, other_spec in known[index + 1:]:
                if other.level <= mark.level:
                    break
                if other_spec is not None and order[other_spec.name] < order[spec.name]:
                    spec = None
                    break
        result.append((mark, spec))
    return result


def _front_matter(known: list, level: int, length: int) -> list[Region]:
    """The abstract written as a heading deeper than the sections, before the first of them
    (`\\subsection*{Abstract}` then `\\section{Introduction}`, as some ACM and IEEE drafts do):
    its own region, up to the next heading at its level or above. Only a section the front ends
    also know by its environment (the abstract) is front matter. A title at the sections' level
    is no section (`# Title`, `## Abstract`, `# 1. Introduction`): the abstract under it counts."""
    first = next((mark.index for mark, spec in known if mark.level <= level and spec is not None), length)
    regions = []
    for position, (mark, spec) in enumerate(known):
        if mark.index >= first:
            break
        if spec is None or not spec.environment or mark.level <= level:
            continue
        end = next((other.index for other, _ in known[position + 1:] if other.level <= mark.level), first)
        regions.append(Region(spec, mark, mark.index, min(end, first), level=mark.level))
    return regions


def _preface(bounds: list, regions: list[Region], paper: PaperSet, level: int) -> Region | None:
    """The text before the first named section (a Markdown title and the unheaded text under it,
    LaTeX prose right after `\\begin{document}`) is the Introduction of a paper that names none
    (`default`). A paper that has one keeps its front matter (title, authors, a venue's boilerplate)
    unchecked. The front ends drop the preface when it holds no prose."""
    first = next((mark for mark, spec in bounds if spec is not None), None)
    if first is None or first.index == 0 or not paper.default:
        return None
    if any(region.spec.name == paper.default for region in regions):
        return None
    return Region(paper.spec(paper.default), None, 0, first.index, level=level, preface=True)


def _bounds(known: list, level: int, paper: PaperSet) -> list:
    """(mark, spec) of the headings at the section level or above; a section-level heading no
    named section takes, after the first named one, goes to the set's fallback section (if any)."""
    bounds, started = [], False
    for mark, spec in known:
        if mark.level > level:
            continue
        if mark.level < level:
            spec = None
        elif spec is None and started:
            spec = paper.fallback(mark.title)
        started = started or spec is not None
        bounds.append((mark, spec))
    return bounds


def _absorb(region: Region, bounds: list, index: int, length: int, through: str) -> int:
    """Take the sibling sections after `region` (unknown ones, or more of its own kind, as
    `System Overview` then `Layered Architecture`) when the `through` section follows them."""
    stop = index
    while stop < len(bounds) and (bounds[stop][1] is None or bounds[stop][1].fallback
                                  or bounds[stop][1].name == region.spec.name):
        stop += 1
    if stop == index or stop >= len(bounds) or bounds[stop][1].name != through:
        return index
    region.siblings = [region.heading] + [mark for mark, _ in bounds[index:stop]]
    region.end = bounds[stop][0].index
    return stop


def left_out(marks: list[Mark], regions: list[Region]) -> list[Mark]:
    """The headings at the sections' level that no region starts or holds: sections the set does
    not check (all but the Introduction when a section pack such as sage-intro reads a whole paper)."""
    levels = [region.level for region in regions if region.heading is not None]
    if not levels:
        return []
    level = min(levels)
    return [mark for mark in marks
            if mark.level == level and not any(region.start <= mark.index < region.end for region in regions)]
