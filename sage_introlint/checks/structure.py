"""`structure`: a section's divisions are exactly the expected ones, in the expected order.

Each top-level division is matched to the first `expected` entry one of whose `headings`
(regular expressions, case-insensitive) its title contains. A division that matches none, or an
entry already taken, is extra; the divisions that break the expected order (outside the longest
run in order) are out of order; both point at the division's heading. An entry no division
matches is missing, at the section heading.

Options:
  expected (required): list of mappings with name and headings.
  allow: regular expressions of division titles that are neither expected nor extra (a
    "Setup" subsection before the experiments).
  missing, extra, order (required): templates with `{name}` (the entry), `{title}` (the
    division), `{position}` (1-based place the entry has in the expected order).
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import cached, fill, top_divisions
from .schema import list_of, mapping, regexes, text

OPTIONS = {"expected": list_of(mapping({"name": text(required=True), "headings": regexes(required=True)}),
                               required=True),
           "allow": regexes(), "missing": text(required=True), "extra": text(required=True),
           "order": text(required=True)}


def _in_order(indices: list[int]) -> set[int]:
    """Positions (into `indices`) of one longest strictly increasing run."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(indices)
    for position, value in enumerate(indices):
        place = bisect.bisect_left(tails, value)
        if place == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[place], tail_at[place] = value, position
        previous[position] = tail_at[place - 1] if place else -1
    kept, position = set(), tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(position)
        position = previous[position]
    return kept


def check(doc: Document, rule) -> Iterator[Finding]:
    options = rule.options
    expected = cached("structure", options["expected"], lambda: [
        (item["name"], [user_regex.compile(p, re.I) for p in item["headings"]]) for item in options["expected"]])
    allowed = cached("structure.allow", options.get("allow") or [],
                     lambda: [user_regex.compile(p, re.I) for p in options.get("allow") or []])
    taken: dict[int, int] = {}
    matched: list[tuple[int, object]] = []
    for division in top_divisions(doc):
        if any(pattern.search(division.title) for pattern in allowed):
            continue
        index = next((i for i, (_, heads) in enumerate(expected) if any(h.search(division.title) for h in heads)), None)
        if index is None or index in taken:
            yield position_finding(division.start, rule.severity, rule.id,
                                   fill(options["extra"], title=division.title))
            continue
        taken[index] = len(matched)
        matched.append((index, division))
    kept = _in_order([index for index, _ in matched])
    for position, (index, division) in enumerate(matched):
        if position not in kept:
            yield position_finding(division.start, rule.severity, rule.id,
                                   fill(options["order"], title=division.title, name=expected[index][0],
                                        position=index + 1))
    for index, (name, _) in enumerate(expected):
        if index not in taken:
            yield position_finding(doc.start, rule.severity, rule.id, fill(options["missing"], name=name,
                                                                           position=index + 1))
