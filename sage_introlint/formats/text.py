"""`PATH:LINE:COL: SEVERITY: MESSAGE [RULE-ID]`, one line per finding (the compiler format).

Paths and messages come from files: control characters in them are shown escaped (`printable`).
"""

from __future__ import annotations

from ..printable import leading_path, visible

SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def paint(text: str, colour: bool, **style) -> str:
    if not colour:
        return text
    import click

    return click.style(text, **style)


def line(finding, colour: bool = False) -> str:
    severity = paint(finding.severity, colour, fg=SEVERITY_COLOURS.get(finding.severity), bold=True)
    rule = paint(f"[{finding.rule}]", colour, dim=True)
    return f"{leading_path(finding.path)}:{finding.line}:{finding.column}: {severity}: {visible(finding.message)} {rule}"


def render(findings, colour: bool = False) -> str:
    return "".join(line(finding, colour) + "\n" for finding in findings)
