"""`script`: text in a writing system that does not belong in the paper (e.g. CJK).

Reports each run of such characters once, at its exact span, unless the run lies in a
citation, math, URL or code piece. A run stays on its line: two list items or two lines are
two runs. When most of the prose's letters are in the script (a draft written in Chinese), one
finding says so at the first run instead of one per run: the finding is the language, not the
runs.

Options:
  ranges (required): list of `[first, last]` code points (hex strings like "4E00" or ints).
  message (required): template; `{match}` is the run found.
  mostly: template for the one finding on prose mostly in the script; `{count}` is the number
    of runs. Without it, every run is reported.
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


OPTIONS = {"ranges": list_of(Option((list,), check=_check_range), required=True), "message": text(required=True),
           "mostly": text()}


def _code(value) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    return value if isinstance(value, int) else int(str(value), 16)


def _regex(ranges) -> re.Pattern:
    classes = "".join(f"\\U{_code(a):08x}-\\U{_code(b):08x}" for a, b in ranges)
    # a run: characters of the script, possibly separated by spaces on the same line
    return re.compile(f"[{classes}](?:[ \\t\\u3000]*[{classes}])*")


def check(doc: Document, rule) -> Iterator[Finding]:
    regex = cached("script", rule.options["ranges"], lambda: _regex(rule.options["ranges"]))
    runs = [Span(m.start(), m.end()) for m in regex.finditer(doc.text)]
    runs = [span for span in runs if doc.source_map.is_checkable(span.start, span.end)]
    mostly = rule.options.get("mostly")
    if mostly and runs and _mostly_in_script(doc, runs):
        yield span_finding(doc, runs[0], rule.severity, rule.id, fill(mostly, count=str(len(runs))))
        return
    for span in runs:
        yield span_finding(doc, span, rule.severity, rule.id,
                           fill(rule.options["message"], match=excerpt(doc, span, 30)))


def _mostly_in_script(doc: Document, runs: list[Span]) -> bool:
    """Are most of the prose's letters in the runs (a text written in that language)?"""
    inside = sum(1 for span in runs for char in doc.text[span.start:span.end] if char.isalpha())
    letters = sum(1 for char in doc.text if char.isalpha())
    return inside * 2 > letters
