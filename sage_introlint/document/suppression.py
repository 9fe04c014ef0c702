"""The suppression-comment grammar, one for Markdown and LaTeX.

A comment whose text starts with `introlint-disable`, `introlint-enable` or
`introlint-disable-next-line` is a suppression. After the action come rule ids separated by
commas or spaces (optionally after a colon); the first word that is not a rule id ends the list,
so a reason may follow: `% introlint-disable-next-line sentence-length -- a quoted definition`.
No rule ids means every rule. Markdown writes it in `<!-- ... -->`, LaTeX after `%`.
"""

from __future__ import annotations

import re

ACTIONS = ("disable-next-line", "disable", "enable")
COMMENT = re.compile(r"\s*introlint-(disable-next-line|disable|enable)(?![\w-])(.*)\Z", re.DOTALL)
RULE_ID = re.compile(r"[A-Za-z][\w.-]*\Z")


def parse(comment: str) -> tuple[str, tuple[str, ...]] | None:
    """(action, rule ids) of a comment's text (without `<!--`/`-->` or `%`), or None if not one."""
    found = COMMENT.match(comment)
    if found is None:
        return None
    rules = []
    for token in re.split(r"[,\s]+", found.group(2).strip().lstrip(":").strip()):
        if not token:
            continue
        if not RULE_ID.match(token):
            break
        rules.append(token)
    return found.group(1), tuple(rules)
