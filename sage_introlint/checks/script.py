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
from .schema import Context, Option, list_of, text


def _check_range(value, at: tuple, context: Context) -> None:
    """`[first, last]`: two code points (hex strings like "4E00", or integers), first <= last."""
    try:
        first, last = (_code(point) for point in value)
    except (TypeError, ValueError):
        raise context.error(at, f"a range is [first, last], two code points like \"4E00\", not {value!r}") from None
    if not 0 <= first <= last <= 0x10FFFF:
        raise context.error(at, f"range {value!r} is not first <= last within U+0000..U+10FFFF")


OPTIONS = {"ranges": list_of(Option((list,), check=_check_range), required=True), "message": text(required=True)}


def _code(value) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
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
