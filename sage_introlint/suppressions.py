"""Applying suppression comments to findings, and reporting the comments that do nothing (as ruff's RUF100).

`disable RULE` silences RULE from its own line to the next `enable` that names it (a bare
`enable` names every rule) or to the end of the file; a bare `disable` silences every rule.
`disable-next-line RULE` silences the line after the comment. A rule in `doc_level` (pack
location `doc`) reports on the whole document at its first line, so a `disable` naming it
anywhere in the document (any of its files) silences it. `input-error` is never silenced.

A comment that names a rule no loaded pack defines, or a `disable-next-line` that silences nothing
although every rule it names ran on that line, is itself a finding: `unused-suppression`, a
warning at the comment.
"""

from __future__ import annotations

from .document.model import Position, Suppression
from .findings import INPUT_ERROR, Finding, position_finding

UNUSED_SUPPRESSION = "unused-suppression"


def _names(rules: tuple[str, ...], rule: str) -> bool:
    return not rules or rule in rules


def silencer(finding: Finding, suppressions: list[Suppression], doc_level=frozenset()) -> Suppression | None:
    """The comment that silences `finding`, or None."""
    if finding.rule in (INPUT_ERROR, UNUSED_SUPPRESSION):
        return None
    if finding.rule in doc_level:
        for item in suppressions:
            if item.action == "disable" and item.rules and finding.rule in item.rules:
                return item
    active = None
    for item in sorted((s for s in suppressions if s.path == finding.path), key=lambda s: s.line):
        if item.action == "disable-next-line":
            if item.line + 1 == finding.line and _names(item.rules, finding.rule):
                return item
        elif item.line > finding.line:
            break
        elif _names(item.rules, finding.rule):
            active = item if item.action == "disable" else None
    return active


def suppressed(finding: Finding, suppressions: list[Suppression], doc_level=frozenset()) -> bool:
    return silencer(finding, suppressions, doc_level) is not None


def apply(findings, suppressions: list[Suppression], doc_level, ran: set[str], known: set[str],
          checked_lines=None) -> list[Finding]:
    """The findings no comment silences, plus an `unused-suppression` for each comment that does nothing.

    A `disable-next-line` is unused when every rule it names ran and the line after it, which
    this document holds (`checked_lines(path, line)`), got no finding. A range `disable` spans
    sections a paper may check apart, so only its unknown rule ids are reported.
    """
    kept, used = [], set()
    for finding in findings:
        item = silencer(finding, suppressions, doc_level)
        if item is None:
            kept.append(finding)
        else:
            used.add(id(item))
    for item in suppressions:
        if item.action == "enable":
            continue
        unknown = [rule for rule in item.rules if rule not in known]
        comment = f"introlint-{item.action}"
        if unknown:
            message = f"{comment} names unknown rule {unknown[0]!r}; `introlint rules` lists the rules"
        elif (item.action == "disable-next-line" and id(item) not in used and set(item.rules) <= ran
              and (checked_lines is None or checked_lines(item.path, item.line + 1))):
            named = " " + ",".join(item.rules) if item.rules else ""
            message = f"{comment}{named} silences nothing here; remove the comment"
        else:
            continue
        kept.append(position_finding(Position(item.path, item.line, item.column), "warning", UNUSED_SUPPRESSION, message))
    return kept
