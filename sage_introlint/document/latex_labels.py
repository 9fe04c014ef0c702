"""Where a LaTeX run-in label stands in its source line (`\\textbf{Cost model.} We ...`).

A bold or emphasised head is a label, not prose, when it opens its line, ends in (or is followed
by) a period or colon, and the paragraph's words go on after it on the same line. A head may point
to its section before the period, `\\textbf{A cost model} (\\cref{sec:cost}). We derive ...`, as
Markdown's `**A cost model** (§3).` does: the pointer belongs to the label.
"""

from __future__ import annotations

import re

_REF = r"\\[A-Za-z]*ref\*?\{[^{}\n]*\}"
# `(\cref{x})`, `(Sec.~\ref{x})`, `(\S\ref{x})`, `(Sections~\ref{a} and~\ref{b})`
POINTER = re.compile(
    r"[ \t~]*\((?:see[ \t~]+)?(?:(?:Sec(?:tion)?s?|Secs)\.?|§|\\S)?[ \t~]*" + _REF
    + r"(?:[ \t~]*(?:,|and|--|–)[ \t~]*(?:" + _REF + r"|\{[^{}\n]*\}))*[ \t~]*\)")


def opens_line(text: str, pos: int) -> bool:
    """Is only white space between the start of its source line and `pos`?"""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def alone_on_line(text: str, start: int, end: int) -> bool:
    """Is text[start:end] all there is on its source line(s), a comment after it aside?"""
    line_end = text.find("\n", end)
    return opens_line(text, start) and not text[end : line_end if line_end >= 0 else len(text)].split("%", 1)[0].strip()


def text_follows(text: str, end: int) -> bool:
    """Does more than a closing brace, "." or ":" and a comment follow `end` on its line?"""
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)].split("%", 1)[0]
    return bool(rest.strip().lstrip("}").lstrip(".:").strip())


def punctuation_after(text: str, end: int) -> int | None:
    """Offset of a "." or ":" right after a label's closing brace(s) (`\\textbf{X}.`), or after
    the section pointer that follows them (`\\textbf{X} (\\cref{x}).`), if any."""
    while end < len(text) and text[end] == "}":
        end += 1
    pointer = POINTER.match(text, end)
    if pointer is not None:
        end = pointer.end()
    return end if end < len(text) and text[end] in ".:" else None


def environment_title_end(text: str, node) -> int | None:
    """Where a title or options in brackets right after `\\begin{name}` end
    (`\\begin{definition}[Locking]`, `\\begin{tcolorbox}[title=Goal]`): a theorem-like block prints
    its title as a label ("Definition 1 (Locking).") and options print nothing, so neither is part
    of the first sentence. None when the body does not open with a bracket on that line."""
    first = next((child for child in node.nodelist or [] if child is not None), None)
    begin_end = text.find("}", node.pos) + 1
    if first is None or first.pos != begin_end or not text.startswith("[", begin_end):
        return None
    close = text.find("]", begin_end)
    newline = text.find("\n", begin_end)
    return close + 1 if close > 0 and (newline < 0 or close < newline) else None


def ends_block(text: str, end: int) -> bool:
    """Does a blank line (or the text's end) follow the line that ends at or after `end`?"""
    line_end = text.find("\n", end)
    if line_end < 0:
        return True
    next_end = text.find("\n", line_end + 1)
    return not text[line_end + 1 : len(text) if next_end < 0 else next_end].strip()
