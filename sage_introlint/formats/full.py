"""The text line, then the source line and a caret line under the span (like `--show-source`).

Columns count characters, but terminals draw a tab as several cells and a CJK character as two:
the source line is shown with tabs expanded and the caret line is padded by display width, so the
carets sit under the text they mean.
"""

from __future__ import annotations

import unicodedata

from ..printable import visible_char
from .text import line, paint

TAB_WIDTH = 4
LONG_LINE = 300  # characters; a longer line is shown around the span only
CONTEXT = 60  # characters shown on either side of a span on a long line
MAX_SPAN = 160  # characters of a span shown on a long line


def cell_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display(text: str) -> tuple[str, list[int]]:
    """Text with tabs expanded and control characters escaped (`printable`), and the display cell
    where each character starts (plus the end). A line that would start with `::` or hold `##[`
    (workflow commands) shows a backslash before the colon or bracket."""
    lead = len(text) - len(text.lstrip())
    if text.isascii() and text.isprintable() and "##[" not in text and not text.startswith("::", lead):
        return text, list(range(len(text) + 1))  # the common case, at C speed: one cell per character
    shown: list[str] = []
    cells = [0]
    for index, char in enumerate(text):
        if char == "\t":
            width = TAB_WIDTH - cells[-1] % TAB_WIDTH
            shown.append(" " * width)
        else:
            piece = visible_char(char)
            if (index == lead and text.startswith("::", index)) or (char == "[" and text.endswith("##", 0, index)):
                piece = "\\" + char
            width = sum(cell_width(c) for c in piece)
            shown.append(piece)
        cells.append(cells[-1] + width)
    return "".join(shown), cells


def excerpt(finding, source_line: str, offset: int = 0, clipped: tuple[bool, bool] = (False, False)) -> str:
    """The source line (or the window of it that starts at column `offset` + 1) and the carets."""
    shown, cells = display(source_line)
    start = min(max(finding.column - 1 - offset, 0), len(source_line))
    end = finding.end_column - 1 - offset if finding.end_line == finding.line else len(source_line)
    end = min(max(end, start), len(source_line))
    width = max(cells[end] - cells[start], 1)
    before, after = ("…" if clipped[0] else ""), ("…" if clipped[1] else "")
    return f"    {before}{shown}{after}\n    {' ' * (cells[start] + len(before))}{'^' * width}\n"


def window(finding, source) -> tuple[str, int, tuple[bool, bool]]:
    """The part of the finding's line to show: all of it when short, else CONTEXT characters
    around the span (at most MAX_SPAN of it), so a megabyte line costs what a short one does."""
    line_start = source.line_starts[finding.line - 1]
    next_start = source.line_starts[finding.line] if finding.line < len(source.line_starts) else len(source.text) + 1
    length = next_start - 1 - line_start
    if length <= LONG_LINE:
        return source.text[line_start:line_start + length], 0, (False, False)
    first = max(finding.column - 1 - CONTEXT, 0)
    last_column = finding.end_column - 1 if finding.end_line == finding.line else length
    last = min(max(last_column, finding.column), finding.column - 1 + MAX_SPAN, length)
    last = min(last + CONTEXT, length)
    if first == 0 and last == length:
        return source.text[line_start:line_start + length], 0, (False, False)
    return source.text[line_start + first:line_start + last], first, (first > 0, last < length)


def render(findings, sources=None, colour: bool = False) -> str:
    """`sources` maps a path to its Source (anything with `text` and `line_starts`)."""
    sources = sources or {}
    out: list[str] = []
    for finding in findings:
        out.append(line(finding, colour) + "\n")
        source = sources.get(finding.path)
        if source is not None and 1 <= finding.line <= len(source.line_starts):
            text, offset, clipped = window(finding, source)
            out.append(paint(excerpt(finding, text, offset, clipped), colour, bold=False))
    return "".join(out)
