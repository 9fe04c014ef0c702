"""LaTeX lists in a Markdown draft: `\\begin{enumerate} \\item ..` rewritten as Markdown lists.

Drafts pasted from a LaTeX paper into a Markdown file keep their list environments; markdown-it
reads them as one paragraph, so the items are not items and an `enumerate` is not a numbered
list. Before parsing, each environment line becomes a blank line and each `\\item` a list marker
of the same length (`1.` for enumerate, `-` for itemize), so every offset, line and column is
unchanged and the items' text is read where it stands.
"""

from __future__ import annotations

import re

BEGIN = re.compile(r"^[ \t]*\\begin\{(enumerate|itemize|compactenum|compactitem)\}(?:\[[^\]\n]*\])?[ \t]*$")
END = re.compile(r"^[ \t]*\\end\{(?:enumerate|itemize|compactenum|compactitem)\}[ \t]*$")
ITEM = re.compile(r"^([ \t]*)\\item(?:\[[^\]\n]*\])?[ \t]+(?=\S)")
ORDERED = ("enumerate", "compactenum")


def latex_lists_as_markdown(text: str) -> str:
    """`text` with its line-level LaTeX list environments written as Markdown lists, same length."""
    if "\\begin{" not in text:
        return text
    lines = text.split("\n")
    stack: list[str] = []
    for index, line in enumerate(lines):
        begin = BEGIN.match(line)
        if begin:
            stack.append(begin.group(1))
            lines[index] = " " * len(line)
        elif stack and END.match(line):
            stack.pop()
            lines[index] = " " * len(line)
        elif stack:
            lines[index] = _item(line, stack[-1] in ORDERED, depth=len(stack) - 1)
    return "\n".join(lines)


def _item(line: str, ordered: bool, depth: int) -> str:
    """An `\\item` line as a Markdown item of the same length (unchanged when no marker fits)."""
    match = ITEM.match(line)
    if not match or "\t" in match.group(0):
        return line
    width = match.end()
    indent = min(2 * depth, 3) if depth else 0
    for gap in range(1, 5):
        marker_width = width - indent - gap
        if ordered and 2 <= marker_width <= 10:
            return " " * indent + "1".rjust(marker_width - 1, "0") + "." + " " * gap + line[width:]
        if not ordered and marker_width == 1:
            return " " * indent + "-" + " " * gap + line[width:]
    if not ordered:  # a deeper indent: spaces before the marker, up to three
        for lead in range(0, 4):
            gap = width - lead - 1
            if 1 <= gap <= 4:
                return " " * lead + "-" + " " * gap + line[width:]
    return line
