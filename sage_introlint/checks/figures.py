"""`figures`: every figure and table of a section has a caption and is referred to in the text.

LaTeX: a `figure`/`table` environment needs `\\caption`, and its `\\label` must be the target
of a `\\ref`-like command somewhere in the paper. Markdown: an image paragraph needs alt text
or a "Figure N:" line next to it, a table a "Table N:" line; "Figure N" / "Table N" must occur
elsewhere. Findings point at `\\begin{figure}` (or the image / table line).

Options:
  no_caption (required), unreferenced (required): templates with `{what}` (figure, table) and
    `{label}`.
"""

from __future__ import annotations

from typing import Iterator

from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import fill
from .schema import text

OPTIONS = {"no_caption": text(required=True), "unreferenced": text(required=True)}


def check(doc: Document, rule) -> Iterator[Finding]:
    for figure in doc.figures:
        values = {"what": figure.what, "label": figure.label or "no label"}
        if not figure.caption:
            yield position_finding(figure.start, rule.severity, rule.id, fill(rule.options["no_caption"], **values))
        if not figure.referenced:
            yield position_finding(figure.start, rule.severity, rule.id, fill(rule.options["unreferenced"], **values))
