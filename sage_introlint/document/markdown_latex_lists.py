"""LaTeX lists in a Markdown draft: `\\begin{enumerate} \\item ..` rewritten as Markdown lists;
LaTeX floats and displays (`\\begin{table} .. \\end{table}`, pandoc's raw LaTeX) blanked out.

Drafts pasted from a LaTeX paper into a Markdown file keep their list environments; markdown-it
reads them as one paragraph, so the items are not items and an `enumerate` is not a numbered
list. Before parsing, each environment line becomes a blank line and each `\\item` a list marker
of the same length (`1.` for enumerate, `-` for itemize), so every offset, line and column is
unchanged and the items' text is read where it stands. A table, figure, equation, listing or
keyword list pasted the same way is not running prose (its cells would read as one long
sentence): its lines, from `\\begin` to the matching `\\end`, become blank lines of the same length.
A display formula (`equation`, `align`, ...) becomes a `$$` block of the same lines instead, so it
stands where it stood: the sentence that leads into it goes on after it (`where $c$ is ..`), as in
LaTeX and pandoc, and a paragraph it sits in stays one paragraph.
"""

from __future__ import annotations

import re

BEGIN = re.compile(r"^[ \t]*\\begin\{(enumerate|itemize|compactenum|compactitem)\}(?:\[[^\]\n]*\])?[ \t]*$")
END = re.compile(r"^[ \t]*\\end\{(?:enumerate|itemize|compactenum|compactitem)\}[ \t]*$")
ITEM = re.compile(r"^([ \t]*)\\item(?:\[[^\]\n]*\])?[ \t]+(?=\S)")
ORDERED = ("enumerate", "compactenum")
FLOAT = re.compile(r"^[ \t]*\\begin\{(?P<env>(?:table|figure|tabular[xy]?|longtable|equation|align|gather|"
                   r"multline|eqnarray|algorithm|algorithmic|lstlisting|verbatim|minted|"
                   r"IEEEkeywords|keywords|CCSXML|tikzpicture|thebibliography)\*?)\}")
DISPLAY = re.compile(r"(?:equation|align|gather|multline|eqnarray)\*?")


def latex_floats_blanked(text: str) -> str:
    """`text` with each line-level LaTeX float or display, `\\begin` to matching `\\end`, blanked."""
    if "\\begin{" not in text:
        return text
    lines = text.split("\n")
    depths: dict[str, tuple[list[int], list[int]]] = {}
    index = 0
    while index < len(lines):
        begin = FLOAT.match(lines[index])
        if begin:
            env = begin.group("env")
            end_mark, opened = "\\end{" + env + "}", "\\begin{" + env + "}"
            if env not in depths:
                depths[env] = _depths(lines, opened, end_mark)
            running, least = depths[env]
            if least[index] > (running[index - 1] if index else 0):
                index += 1  # never closed: left as written
                continue
            depth, last = 0, index
            while last < len(lines):
                depth += lines[last].count(opened) - lines[last].count(end_mark)
                if depth <= 0:
                    break
                last += 1
            if DISPLAY.fullmatch(env):
                _as_dollar_math(lines, index, last)
            else:
                for blank in range(index, last + 1):
                    lines[blank] = " " * len(lines[blank])
            index = last
        index += 1
    return "\n".join(lines)


def _as_dollar_math(lines: list[str], first: int, last: int) -> None:
    """Lines first..last (a display environment) as `$$` math of the same lengths, read as a
    block after a blank line and as inline math inside a paragraph (a block cannot interrupt one):
    `$$` where `\\begin` starts and before the end of `\\end`, `x`s for everything between."""
    for index in range(first, last + 1):
        line = lines[index]
        lead = len(line) - len(line.lstrip())
        body = ["x"] * (len(line) - lead)
        if index == first:
            body[:2] = "$$"
        if index == last:
            body[-2:] = "$$"
        lines[index] = " " * lead + "".join(body)


def _depths(lines: list[str], opened: str, end_mark: str) -> tuple[list[int], list[int]]:
    """(the environment's nesting depth after each line, the least such depth from each line
    on): a `\\begin` on line i is closed iff the least depth from i reaches the depth before i,
    known without a scan to the end of the text for every unclosed `\\begin` (quadratic on a
    file of them). Lines after the one being read are never blanked yet, so both stay true."""
    running, total = [], 0
    for line in lines:
        total += line.count(opened) - line.count(end_mark)
        running.append(total)
    least = running[:]
    for index in range(len(least) - 2, -1, -1):
        least[index] = min(least[index], least[index + 1])
    return running, least


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
