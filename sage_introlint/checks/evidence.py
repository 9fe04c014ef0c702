"""`evidence` (paper-wide): every numbered contribution of the Introduction is evidenced.

A contribution is about the members of `group` its text names (architecture, control plane,
...). It is evidenced when, for one of them, the paper makes a claim (a number or an open slot)
of a metric `evidence` lists for it, or has a subsection whose title names one of its
`subsections`. Otherwise one finding at the first character of the contribution's text. A
contribution that names no member is left alone (nothing to look for), and so is a paper
without the experiments `section` (an Introduction on its own, or experiments not yet written).

Options:
  group (required): the pack group of contribution kinds.
  cues (required): terms that name the contributions paragraph ("contribution").
  evidence (required): {member name: {metrics: [metric names of the claims rule],
    subsections: [terms of experiment subsection titles]}}.
  message (required): template with `{number}`, `{text}`, `{parts}`, `{wanted}`, `{where}`
    (the experiments section).
  section: the section whose subsections are experiments (default experiments).
"""

from __future__ import annotations

import dataclasses
from typing import Iterator

from ..findings import Finding, position_finding
from ._text import excerpt, fill
from .schema import Context, Option, group_ref, list_of, mapping, terms, text

SCOPE = "paper"
WANTED = mapping({"metrics": list_of(text()), "subsections": terms()})


def _each_member(value: dict, at: tuple, context: Context) -> None:
    for name, wanted in value.items():
        WANTED.validate(wanted, at + (name,), context)


OPTIONS = {"group": group_ref(required=True), "cues": terms(required=True),
           "evidence": Option((dict,), required=True, check=_each_member), "message": text(required=True),
           "section": text()}


def _wanted(options: dict, parts) -> str:
    items = []
    for part in parts:
        wanted = options["evidence"].get(part, {})
        items.extend(wanted.get("metrics", []))
        items.extend(f"a subsection on \"{title}\"" for title in wanted.get("subsections", [])[:1])
    return ", ".join(dict.fromkeys(items)) or "a quantitative claim"


def check_paper(context, rule) -> Iterator[Finding]:
    ledger = context.ledger
    if ledger is None:
        return
    target = rule.options.get("section", "experiments")
    section = next((s for s in context.sections if s.name == target), None)
    if section is None:  # an Introduction alone, or experiments not yet written: nothing to judge
        return
    h = section.heading
    where = f"the {section.title or target} section at {h.path}:{h.line}:{h.column} has none"
    for entry in ledger.contributions:
        item = entry.contribution
        if not item.parts or entry.evidence:
            continue
        message = fill(rule.options["message"], number=item.number, text=excerpt(entry.at.doc, item.span, 70),
                       parts=", ".join(item.parts), wanted=_wanted(rule.options, item.parts), where=where)
        yield dataclasses.replace(position_finding(entry.at.position, rule.severity, rule.id, message),
                                  section=entry.at.section)
