"""`divisions`: what each top-level division of a paper section (a category, an experiment) holds.

The divisions are a section's subsections, `\\paragraph` or run-in heads (the shallowest level
it has). For each one, by `mode`:
  distinct  it names at least `min` distinct entries of `terms` / the `group`'s systems (with
            `cited`, also any capitalised name the text cites: `Kappa [12]`, `Google Workflows [9]`)
  required  one of its sentences matches (all_of term lists, patterns, none_of, as in `pattern`)
  figure    it refers to a figure ("Figure 3", "Fig. 3") or holds one
Otherwise one finding at the division's heading.

Options:
  mode (required): distinct | required | figure.
  terms: names to count (distinct).   group: a pack group whose members' systems count (distinct).
  min: fewest distinct names (default 2).   cited: count cited names too (distinct).
  all_of, patterns, none_of: the sentence test of `required`.
  skip: regular expressions of division titles the rule does not apply to ("Setup").
  message (required): template with `{title}`, `{count}`, `{min}`.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import Matcher, cached, fill, group, prose_units, top_divisions
from .pattern import SentenceTest
from .schema import choice, flag, group_ref, integer, list_of, regexes, terms, text

OPTIONS = {"mode": choice("distinct", "required", "figure", required=True), "terms": terms(), "group": group_ref(),
           "min": integer(minimum=1), "all_of": list_of(terms()), "patterns": regexes(), "none_of": terms(),
           "skip": regexes(), "cited": flag(), "message": text(required=True)}
FIGURE_MENTION = re.compile(r"\b(?:Figures?|Figs?\.)[\s~]*\(?[0-9]", re.IGNORECASE)


def _names(rule) -> Matcher:
    options = rule.options
    names = list(options.get("terms") or [])
    if options.get("group"):
        for member in group(rule, options["group"]).get("members", []):
            names.extend(member.get("systems", []))
    return cached("divisions.names", options, lambda: Matcher(list(dict.fromkeys(names)), anywhere=True))


def _holds(doc: Document, rule, index: int, divisions: list) -> tuple[bool, int]:
    division = divisions[index]
    mode = rule.options["mode"]
    if mode == "distinct":
        seen = {entry.term.lower() for entry, _ in _names(rule).finditer(doc, division.span)}
        if rule.options.get("cited"):
            seen |= _cited_names(doc, division.span)
        return len(seen) >= rule.options.get("min", 2), len(seen)
    if mode == "figure":
        if FIGURE_MENTION.search(doc.text, division.span.start, division.span.end):
            return True, 0
        following = divisions[index + 1].start if index + 1 < len(divisions) else None
        return any(_between(figure.start, division.start, following) for figure in doc.figures), 0
    test = cached("divisions.test", rule.options, lambda: SentenceTest(rule.options))
    units = [span for _, span in prose_units(doc) if division.span.start <= span.start < division.span.end]
    return any(test(doc, span) for span in units), 0


# A capitalised name of up to three words right before a citation: `Kappa [12]`, `AWS Step Functions [3]`.
CITED_NAME = re.compile(r"(?<![\w.-])([A-Z][\w+.-]*(?:[ \u00a0][A-Z][\w+.-]*){0,2})[\s~\u00a0]*\[\d")


def _cited_names(doc: Document, span) -> set[str]:
    """Names the division cites as works; a sentence's first word is a name only when cited so."""
    found = set()
    for match in CITED_NAME.finditer(doc.text, span.start, span.end):
        bracket = doc.text.index("[", match.end(1))
        if not doc.source_map.is_checkable(bracket, bracket + 1):  # a citation, not literal brackets
            found.add(match.group(1).lower())
    return found


def _between(position, start, end) -> bool:
    """Is `position` after heading `start` and before heading `end` (same file)?"""
    if position.path != start.path or (position.line, position.column) < (start.line, start.column):
        return False
    return end is None or end.path != position.path or (position.line, position.column) < (end.line, end.column)


def check(doc: Document, rule) -> Iterator[Finding]:
    divisions = top_divisions(doc)
    skip = cached("divisions.skip", rule.options.get("skip") or [],
                  lambda: [user_regex.compile(p, re.I) for p in rule.options.get("skip") or []])
    for index, division in enumerate(divisions):
        if any(pattern.search(division.title) for pattern in skip):
            continue
        held, count = _holds(doc, rule, index, divisions)
        if not held:
            yield position_finding(division.start, rule.severity, rule.id,
                                   fill(rule.options["message"], title=division.title, count=count,
                                        min=rule.options.get("min", 2)))
