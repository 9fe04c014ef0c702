"""The text `introlint check` prints on standard error: the summary line and --statistics."""

from __future__ import annotations

from ..findings import SEVERITIES


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary(findings, files: int, unreadable: int) -> str:
    """`3 errors, 1 warning in 2 files; 1 path could not be checked`. When no file was checked,
    only what could not be: "no problems in 0 files" after an unknown --pack would read as a pass."""
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    found = ", ".join(plural(n, severity) for severity, n in counts.items() if n) or "no problems"
    if unreadable and not files and not findings:
        return f"{plural(unreadable, 'path')} could not be checked"
    line = f"{found} in {plural(files, 'file')}"
    if unreadable:
        line += f"; {plural(unreadable, 'path')} could not be checked"
    return line


def statistics(findings) -> str:
    """One line per (rule, severity): how often it fired, most frequent first."""
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        key = (finding.rule, finding.severity)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{count:5d}  {severity:<8} {rule}\n" for (rule, severity), count in rows)
