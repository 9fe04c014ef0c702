"""Finding: one problem at one place, the only thing checks hand to the formats."""

from __future__ import annotations

from dataclasses import dataclass

from .document.model import Document, Position, Span

SEVERITIES = ("error", "warning", "info")
# The built-in rule of problems with the input itself (unreadable, unclosed, empty): never
# silenced, never a pack rule's id, and a run that has one exits with status 2.
INPUT_ERROR = "input-error"
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a source range. Lines and columns are 1-based; `end_column` is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: str
    rule: str
    message: str
    suggestion: str | None = None
    section: str | None = None  # paper mode: the section it was found in ("related-work")
    # A safe replacement for exactly this range ("" drops it), where the pack declares one:
    # applied by `check --fix` and offered as the editor's quick fix (see fixes.py).
    fix: str | None = None

    def to_dict(self) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        if self.section is not None:
            data["section"] = self.section
        if self.fix is not None:
            data["fix"] = self.fix
        return data


def span_finding(doc: Document, span: Span, severity: str, rule: str, message: str,
                 suggestion: str | None = None, fix: str | None = None) -> Finding:
    """A finding covering the plain-text span (term and sentence rules)."""
    start = doc.position(span.start)
    end = doc.end_position(span.end)
    if end.path != start.path or (end.line, end.column) < (start.line, start.column):
        end = start
    return Finding(start.path, start.line, start.column, end.line, end.column,
                   severity, rule, message, suggestion, fix=fix)


def position_finding(position: Position, severity: str, rule: str, message: str,
                     suggestion: str | None = None) -> Finding:
    """A finding at a single source position (document-level rules, input problems)."""
    return Finding(position.path, position.line, position.column, position.line, position.column,
                   severity, rule, message, suggestion)


def file_finding(path: str, rule: str, message: str) -> Finding:
    """An error about a whole file that was not checked (unreadable, over its time budget, a bad
    config), at its first line and column."""
    return Finding(path, 1, 1, 1, 1, "error", rule, message)
