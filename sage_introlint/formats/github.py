"""GitHub Actions workflow commands, so findings show as annotations on a pull request.

`::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE`; info becomes
`::notice`. GitHub reads `%`, CR and LF escaped in the message, and also `:` and `,` in property
values. Our end column is exclusive; GitHub's is the last annotated column.
"""

from __future__ import annotations

from ..printable import visible

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Other control characters are shown escaped first (`printable`), CR and LF as the spec says."""
    return visible(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding) -> str:
    end_column = max(finding.end_column - 1, finding.column) if finding.end_line == finding.line else finding.end_column
    properties = {
        "file": finding.path, "line": finding.line, "col": finding.column,
        "endLine": finding.end_line, "endColumn": end_column, "title": finding.rule,
    }
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = finding.message if not finding.suggestion else f"{finding.message} (suggestion: {finding.suggestion})"
    return f"::{COMMANDS.get(finding.severity, 'warning')} {joined}::{escape_data(message)}"


def render(findings) -> str:
    return "".join(command(finding) + "\n" for finding in findings)
