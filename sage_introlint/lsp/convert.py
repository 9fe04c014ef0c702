"""Findings -> LSP diagnostics and ranges; LSP positions count UTF-16 code units, ours characters."""

from __future__ import annotations

from lsprotocol import types

from ..findings import Finding
from ..fixes import Edit

SOURCE = "introlint"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def utf16_units(text: str) -> int:
    """How many UTF-16 code units `text` takes (characters beyond U+FFFF take two)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class Lines:
    """A file's lines as a check read them, and how the client counts characters in them.

    `count(text)` is the length of `text` in the negotiated position encoding (UTF-16 unless
    the client and server agreed on UTF-8 or UTF-32).
    """

    def __init__(self, lines: list[str], count=utf16_units):
        self.lines, self.count = lines, count

    def position(self, line: int, column: int) -> types.Position:
        """Our 1-based line and character column -> an LSP position (0-based, code units)."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return types.Position(line=max(line - 1, 0), character=self.count(text[: max(column - 1, 0)]))

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(start=self.position(line, column), end=self.position(end_line, end_column))

    def finding_range(self, finding: Finding) -> types.Range:
        return self.range(finding.line, finding.column, finding.end_line, finding.end_column)

    def text_edit(self, edit: Edit) -> types.TextEdit:
        return types.TextEdit(range=self.range(edit.line, edit.column, edit.end_line, edit.end_column), new_text=edit.text)

    def diagnostic(self, finding: Finding) -> types.Diagnostic:
        return types.Diagnostic(range=self.finding_range(finding), message=finding.message,
                                severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
                                code=finding.rule, source=SOURCE)


def touches(found: types.Range, start: types.Position, end: types.Position) -> bool:
    """Does a finding's range meet [start, end]? An empty range covers the rest of its line."""
    if (found.start.line, found.start.character) == (found.end.line, found.end.character):
        return start.line <= found.start.line <= end.line and (
            end.line > found.start.line or end.character >= found.start.character)
    return ((found.start.line, found.start.character) <= (end.line, end.character)
            and (start.line, start.character) <= (found.end.line, found.end.character))
