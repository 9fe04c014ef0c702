"""`claims` (paper-wide): the same quantity is claimed with the same number everywhere.

Claims are read by the ledger (`ledger.claims`) with this rule's vocabulary. Two claims of two
sections are about the same quantity when metric, direction, unit and qualifier ("up to", "on
average") agree and their baselines do not differ (a claim that names none matches any). Only relative numbers (`compare_units`, `%` and
`x`) are compared, and only where one side is a headline: a claim of a `headline` section
(abstract, Introduction) must equal every other headline claim of the quantity, and one of the
claims the other sections make about it, when they make any. Each conflicting number is
reported, pointing at the other.

Options:
  metrics (required): list of {name, terms, units, direction, experiment}: what is measured,
    how it is named, its units, the direction it implies (`speedup` -> gain), and the
    experiment the prompts say measures it (the ledger shows it for open slots).
  directions: {direction: [cue terms]} ("reduction": [reduce, lower, ...]).
  qualifiers: {qualifier: [terms]} ("max": [up to, as much as], "mean": [on average]).
  units (required): units a number may carry (`%`, `x`, `ms`, `req/s`, `GPUs`).
  baselines: names of baselines.   baseline_cues: words before one ("compared to", "over").
  compare_units: units of relative numbers (default ["%", "x"]).
  headline: section names whose claims are headlines (default [abstract, introduction]).
  measured_in: section names whose claims are measurements (default [experiments]): a headline
    number must be one of theirs when they state the quantity; a Conclusion that restates the
    headline does not vouch for it.
  slot_fills: list of {pattern, fills}: what a slot that is no claim's value waits for
    (`\\[REF:(?P<name>...)\\]` -> "a citation for {name}").
  message (required): template with `{quantity}`, `{value}`, `{text}`, `{other}`,
    `{other_where}`, `{other_text}`.
"""

from __future__ import annotations

import dataclasses
from typing import Iterator

from ..findings import Finding, span_finding
from ._text import fill
from .schema import Context, Option, list_of, mapping, regex, terms, text


def _named_terms(value: dict, at: tuple, context: Context) -> None:
    for name, items in value.items():
        terms(required=True).validate(items, at + (name,), context)


def named_terms() -> Option:
    """{name: [terms]}: directions and qualifiers, each named by the word a ledger shows."""
    return Option((dict,), check=_named_terms)


METRIC = mapping({"name": text(required=True), "terms": terms(), "units": list_of(text()), "direction": text(),
                  "experiment": text()})

SCOPE = "paper"
OPTIONS = {"metrics": list_of(METRIC, required=True), "directions": named_terms(),
           "units": list_of(text(), required=True), "baselines": terms(), "baseline_cues": terms(),
           "compare_units": list_of(text()),
           "headline": list_of(text()), "measured_in": list_of(text()), "qualifiers": named_terms(),
           "slot_fills": list_of(mapping({"pattern": regex(required=True), "fills": text(required=True)})),
           "message": text(required=True)}


def quantity(claim) -> str:
    words = [claim.metric]
    if claim.direction:
        words.append(claim.direction)
    if claim.baseline:
        words.append(f"against {claim.baseline}")
    return " ".join(words)


def _same(a, b) -> bool:
    """Two claims of two sections about one quantity (within a section, numbers of several
    settings or of other systems stand side by side)."""
    if a.claim.key != b.claim.key or a.at.section == b.at.section:
        return False
    if a.claim.baseline and b.claim.baseline and a.claim.baseline.lower() != b.claim.baseline.lower():
        return False
    return True


def _equal(a, b) -> bool:
    return abs(a.claim.value - b.claim.value) < 1e-9


def conflicts(entries: list, headline: set[str], measured_in: set[str] = frozenset({"experiments"})) -> dict[int, int]:
    """index -> index of the first claim it conflicts with. A headline claim must equal one of
    the claims of the sections that measure (`measured_in`) when they make any, else one of the
    other sections' claims."""
    partner: dict[int, int] = {}

    def pair(i: int, j: int) -> None:
        partner.setdefault(i, j)
        partner.setdefault(j, i)

    # Only claims with one key in two sections can be one quantity (`_same`): index them so, and
    # a paper with thousands of claims is not compared pair by pair.
    by_key: dict[tuple, dict[str, list[int]]] = {}
    for j, entry in enumerate(entries):
        by_key.setdefault(entry.claim.key, {}).setdefault(entry.at.section, []).append(j)
    for i, head in enumerate(entries):
        if head.at.section not in headline:
            continue
        candidates = sorted(j for section, found in by_key[head.claim.key].items() if section != head.at.section
                            for j in found)
        others = [j for j in candidates if _same(head, entries[j])]
        for j in others:
            if entries[j].at.section in headline and not _equal(head, entries[j]):
                pair(i, j)
        evidence = [j for j in others if entries[j].at.section not in headline]
        measured = [j for j in evidence if entries[j].at.section in measured_in]
        evidence = measured or evidence  # a Conclusion restating the headline is no measurement
        if evidence and not any(_equal(head, entries[j]) for j in evidence):
            pair(i, evidence[0])
    return partner


def check_paper(context, rule) -> Iterator[Finding]:
    ledger = context.ledger
    if ledger is None:
        return
    options = rule.options
    compare = {u.replace("×", "x") for u in options.get("compare_units", ["%", "x"])}
    entries = [e for e in ledger.claims() if e.claim.role == "system" and e.claim.value is not None
               and e.claim.metric and e.claim.unit in compare]
    headline = set(options.get("headline", ["abstract", "introduction"]))
    for i, j in sorted(conflicts(entries, headline, set(options.get("measured_in", ["experiments"]))).items()):
        here, there = entries[i], entries[j]
        message = fill(options["message"], quantity=quantity(here.claim), value=here.at.text(),
                       text=here.at.context(), other=there.at.text(), other_where=there.at.where,
                       other_text=there.at.context())
        finding = span_finding(here.at.doc, here.claim.span, rule.severity, rule.id, message)
        yield dataclasses.replace(finding, section=here.at.section)
