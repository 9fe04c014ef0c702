"""The suppression comments the editor's "Disable RULE ..." code actions insert.

Markdown takes `<!-- introlint-... -->`, LaTeX `% introlint-...`. A comment that already
disables the next line (or the file) gets the rule added, so repeated actions do not stack
comment lines. In Markdown a comment line of its own would cut a paragraph in two (an HTML
block interrupts a paragraph), so inside a paragraph the comment goes at the end of the line
before; before a list item it is indented like the item's text, so the list stays one list.
"""

from __future__ import annotations

import re

from ..fixes import Edit

NEXT_LINE = "introlint-disable-next-line"
DISABLE = "introlint-disable"
MD_COMMENT = re.compile(r"<!--\s*(introlint-disable(?:-next-line)?)\b(?P<rules>[^>]*?)\s*-->")
TEX_COMMENT = re.compile(r"^\s*%\s*(introlint-disable(?:-next-line)?)\b(?P<rules>.*?)\s*$")
LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)])\s+)")
FENCE = re.compile(r"^\s*(```|~~~)")


def comment(syntax: str, action: str, rule: str) -> str:
    return f"% {action} {rule}" if syntax == "latex" else f"<!-- {action} {rule} -->"


def _add_rule(lines: list[str], number: int, syntax: str, action: str, rule: str) -> Edit | None:
    """Add `rule` to an existing `action` comment on line `number`, if there is one."""
    if not 0 < number <= len(lines):
        return None
    text = lines[number - 1]
    pattern = TEX_COMMENT if syntax == "latex" else MD_COMMENT
    for match in pattern.finditer(text):
        if match.group(1) != action:
            continue
        rules = [r for r in re.split(r"[\s,:]+", match.group("rules")) if r]
        if not rules or rule in rules:  # already silenced: an edit that changes nothing
            return Edit(number, 1, number, 1, "")
        at = match.end("rules") + 1
        return Edit(number, at, number, at, f",{rule}")
    return None


def disable_line(lines: list[str], line: int, rule: str, syntax: str) -> Edit:
    """An edit that silences `rule` on `line` (1-based) with a disable-next-line comment."""
    existing = _add_rule(lines, line - 1, syntax, NEXT_LINE, rule)
    if existing is not None:
        return existing
    target = lines[line - 1] if 0 < line <= len(lines) else ""
    text = comment(syntax, NEXT_LINE, rule)
    if syntax == "latex":  # a comment line does not end a LaTeX paragraph
        indent = target[: len(target) - len(target.lstrip())]
        return Edit(line, 1, line, 1, f"{indent}{text}\n")
    before = lines[line - 2] if line >= 2 else ""
    if before.strip() and not FENCE.match(before):  # same block: the end of the line before
        end = len(before) + 1
        return Edit(line - 1, end, line - 1, end, f" {text}")
    item = LIST_ITEM.match(target)
    indent = " " * len(item.group(1)) if item else target[: len(target) - len(target.lstrip())]
    return Edit(line, 1, line, 1, f"{indent}{text}\n")


def disable_file(lines: list[str], rule: str, syntax: str) -> Edit:
    """An edit that silences `rule` in the whole file: a disable comment at its top."""
    first = 1
    if syntax != "latex" and lines and lines[0].strip() == "---":  # YAML front matter
        for number in range(2, len(lines) + 1):
            if lines[number - 1].strip() in ("---", "..."):
                first = number + 1
                break
    existing = _add_rule(lines, first, syntax, DISABLE, rule)
    if existing is not None:
        return existing
    return Edit(first, 1, first, 1, comment(syntax, DISABLE, rule) + "\n")
