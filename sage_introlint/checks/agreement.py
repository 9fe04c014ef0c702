"""`agreement` (paper-wide): the abstract and the Introduction claim the same contributions.

The abstract's contributions are its first sentence that names them (`cues`); the
Introduction's are its numbered list. Each is matched to the members of `group` (architecture,
control plane, ...). When the two cover different members, one finding at the first character
of the abstract's sentence.

Options:
  group (required): the pack group of contribution kinds.
  cues (required): terms that name contributions.
  message (required): template with `{text}`, `{parts}`, `{other_parts}`, `{only_here}`,
    `{only_there}`, `{other_where}`, `{other_text}`.
  sections: [abstract section, Introduction section] (default [abstract, introduction]).
"""

from __future__ import annotations

import dataclasses
from typing import Iterator

from ..findings import Finding, span_finding
from ..ledger.contributions import listed, stated
from ._text import excerpt, fill
from .schema import group_ref, list_of, terms, text

SCOPE = "paper"
OPTIONS = {"group": group_ref(required=True), "cues": terms(required=True), "message": text(required=True),
           "sections": list_of(text())}


def _names(parts) -> str:
    return ", ".join(parts) or "none"


def check_paper(context, rule) -> Iterator[Finding]:
    options = rule.options
    first, second = options.get("sections", ["abstract", "introduction"])
    abstract = next((s for s in context.sections if s.name == first), None)
    intro = next((s for s in context.sections if s.name == second), None)
    if abstract is None or intro is None:
        return
    sentence = stated(abstract.doc, rule, options["group"], options["cues"])
    items = listed(intro.doc, rule, options["group"], options["cues"])
    if sentence is None or not items:
        return
    span, parts = sentence
    other = list(dict.fromkeys(p for item in items for p in item.parts))
    if not parts or set(parts) == set(other):
        return
    start = intro.doc.position(items[0].span.start)
    message = fill(options["message"], text=excerpt(abstract.doc, span, 80), parts=_names(parts),
                   other_parts=_names(other), only_here=_names([p for p in parts if p not in other]),
                   only_there=_names([p for p in other if p not in parts]),
                   other_where=f"{start.path}:{start.line}:{start.column}",
                   other_text=excerpt(intro.doc, items[0].span, 60))
    yield dataclasses.replace(span_finding(abstract.doc, span, rule.severity, rule.id, message), section=abstract.name)
