"""`script`: text in a writing system that does not belong in the paper (e.g. CJK).

Reports each run of such characters once, at its exact span, unless the run lies in a
citation, math, URL or code piece.

Options:
  ranges (required): list of `[first, last]` code points (hex strings like "4E00" or ints).
  message (required): template; `{match}` is the run found.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document.model import Document, Span
from ..findings import Finding, span_finding
from ._text import cached, excerpt, fill

OPTIONS = {"ranges": (list, True), "message": (str, True)}


def _code(value) -> int:
    return value if isinstance(value, int) else int(str(value), 16)


def _regex(ranges) -> re.Pattern:
    classes = "".join(f"\\U{_code(a):08x}-\\U{_code(b):08x}" for a, b in ranges)
    # a run: characters of the script, possibly separated by spaces
    return re.compile(f"[{classes}](?:[\\s]*[{classes}])*")


def check(doc: Document, rule) -> Iterator[Finding]:
    regex = cached("script", rule.options["ranges"], lambda: _regex(rule.options["ranges"]))
    for match in regex.finditer(doc.text):
        span = Span(match.start(), match.end())
        if doc.source_map.is_checkable(span.start, span.end):
            yield span_finding(doc, span, rule.severity, rule.id,
                               fill(rule.options["message"], match=excerpt(doc, span, 30)))
