"""Run the active rules over a document, then apply suppression comments -> sorted Findings."""

from __future__ import annotations

from .checks import run
from .document.model import Document, Suppression
from .findings import Finding, position_finding

INPUT_ERROR = "input-error"  # built-in: a problem with the input itself (exit status 2)


def check_document(doc: Document, rules) -> list[Finding]:
    """All findings for `doc` under `rules` (already configured), suppressed and sorted."""
    findings = [position_finding(p.position, "error", INPUT_ERROR, p.message) for p in doc.problems]
    for rule in rules:
        if doc.kind in rule.kinds:
            findings.extend(run(rule, doc))
    findings = [f for f in set(findings) if not suppressed(f, doc.suppressions)]
    return sorted(findings, key=sort_key)


def sort_key(finding: Finding):
    return (finding.path, finding.line, finding.column, finding.rule, finding.message)


def _names(rules: tuple[str, ...], rule: str) -> bool:
    return not rules or rule in rules


def suppressed(finding: Finding, suppressions: list[Suppression]) -> bool:
    """Is `finding` silenced by an introlint-disable / -enable / -disable-next-line comment?

    `disable` silences from its line to the matching `enable` (or the end of the file). A
    document-level finding (at the document's first line) is also silenced by a `disable` for
    its rule anywhere in the file, since such findings have no line of their own to sit under.
    """
    if finding.rule == INPUT_ERROR:
        return False
    active = False
    for item in suppressions:
        if item.path != finding.path:
            continue
        if item.action == "disable-next-line":
            if item.line + 1 == finding.line and _names(item.rules, finding.rule):
                return True
            continue
        if item.line > finding.line:
            if item.action == "disable" and _names(item.rules, finding.rule) and finding.column == 1 and _is_doc_level(finding):
                return True
            continue
        if item.action == "disable" and _names(item.rules, finding.rule):
            active = True
        elif item.action == "enable" and _names(item.rules, finding.rule):
            active = False
    return active


def _is_doc_level(finding: Finding) -> bool:
    return finding.line == finding.end_line and finding.column == finding.end_column
