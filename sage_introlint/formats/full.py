"""The text line, then the source line and a caret line under the span (like `--show-source`).

Columns count characters, but terminals draw a tab as several cells and a CJK character as two:
the source line is shown with tabs expanded and the caret line is padded by display width, so the
carets sit under the text they mean.
"""

from __future__ import annotations

import unicodedata

from .text import line, paint

TAB_WIDTH = 4


def cell_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display(text: str) -> tuple[str, list[int]]:
    """Text with tabs expanded, and the display cell where each character starts (plus the end)."""
    shown: list[str] = []
    cells = [0]
    for char in text:
        if char == "\t":
            width = TAB_WIDTH - cells[-1] % TAB_WIDTH
            shown.append(" " * width)
        else:
            width = cell_width(char)
            shown.append(char)
        cells.append(cells[-1] + width)
    return "".join(shown), cells


def excerpt(finding, source_line: str) -> str:
    shown, cells = display(source_line)
    start = min(max(finding.column - 1, 0), len(source_line))
    end = finding.end_column - 1 if finding.end_line == finding.line else len(source_line)
    end = min(max(end, start), len(source_line))
    width = max(cells[end] - cells[start], 1)
    return f"    {shown}\n    {' ' * cells[start]}{'^' * width}\n"


def render(findings, sources=None, colour: bool = False) -> str:
    """`sources` maps a path to its Source (anything with `line_text(n)` and `line_starts`)."""
    sources = sources or {}
    out: list[str] = []
    for finding in findings:
        out.append(line(finding, colour) + "\n")
        source = sources.get(finding.path)
        if source is not None and 1 <= finding.line <= len(source.line_starts):
            out.append(paint(excerpt(finding, source.line_text(finding.line)), colour, bold=False))
    return "".join(out)
