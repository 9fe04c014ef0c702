"""`checklist`: every item of a checklist (a reproducibility list) is stated somewhere in the section.

An item is stated when one of its `patterns` (regular expressions, case-insensitive) matches the
section's text, code and numbers included ("A100", "CUDA 12.1", `vllm==0.4.0`), or the cells of
one of its tables (a setup is often given only as a table). One finding
per missing item, at the section heading.

Options:
  items (required): list of mappings with name and patterns.
  message (required): template with `{name}`.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import cached, fill
from .schema import list_of, mapping, regexes, text

OPTIONS = {"items": list_of(mapping({"name": text(required=True), "patterns": regexes(required=True)}),
                            required=True),
           "message": text(required=True)}


def check(doc: Document, rule) -> Iterator[Finding]:
    items = rule.options["items"]
    compiled = cached("checklist", items, lambda: [
        (item["name"], [user_regex.compile(p, re.I | re.S) for p in item["patterns"]]) for item in items])
    tables = "\n".join(figure.text for figure in doc.figures if figure.text)  # a setup given as a table
    for name, patterns in compiled:
        if not any(pattern.search(doc.text) or (tables and pattern.search(tables)) for pattern in patterns):
            yield position_finding(doc.start, rule.severity, rule.id, fill(rule.options["message"], name=name))
