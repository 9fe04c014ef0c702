"""`placement`: what must not open a section, and what must close it.

`first`: no sentence among the first `sentences` may mention one of `terms` (the abstract
opens with the problem, not the system) -> that sentence. `last`: when a sentence of the
section matches one of `patterns`, one of the last `sentences` must (the results close the
abstract) -> the section heading.

Options:
  first: mapping of sentences (count), terms, message.
  last: mapping of sentences (count), patterns (regular expressions), message.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document, Span
from ..findings import Finding, position_finding, span_finding
from ._text import Matcher, cached, excerpt, fill, prose_units
from .schema import integer, mapping, regexes, terms, text

OPTIONS = {
    "first": mapping({"sentences": integer(required=True, minimum=1), "terms": terms(required=True),
                      "message": text(required=True)}),
    "last": mapping({"sentences": integer(required=True, minimum=1), "patterns": regexes(required=True),
                     "message": text(required=True)}),
}


def _matches(doc: Document, patterns: list, span: Span) -> bool:
    return any(p.search(doc.text, span.start, span.end) for p in patterns)


def check(doc: Document, rule) -> Iterator[Finding]:
    units = [span for _, span in prose_units(doc)]
    first, last = rule.options.get("first"), rule.options.get("last")
    if first and units:
        matcher = cached("placement.first", first, lambda: Matcher(first["terms"], anywhere=True))
        for span in units[: first["sentences"]]:
            if matcher.search(doc, span):
                yield span_finding(doc, span, rule.severity, rule.id, fill(first["message"], sentence=excerpt(doc, span)))
                break
    if last and units:
        patterns = cached("placement.last", last,
                          lambda: [user_regex.compile(p, re.I | re.S) for p in last["patterns"]])
        hits = [i for i, span in enumerate(units) if _matches(doc, patterns, span)]
        if hits and all(i < len(units) - last["sentences"] for i in hits):
            yield position_finding(doc.start, rule.severity, rule.id, fill(last["message"], count=last["sentences"]))
