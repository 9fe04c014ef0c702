"""Display math that opens with a parenthesis (`$$(b, h, s)` ... `$$`), read as math.

mdit-py-plugins' dollarmath reads a line `$$(b, h)` backwards as a closing `$$` with the equation
label "(b, h)" (the `$$a$$ (eq1)` syntax), so the math ended at once and the `$$` that really
closes it became a paragraph of its own, reported as math never closed. This block rule runs
first and reads such a block without labels, as pandoc does; every other block is left to the
plugin. Where the closing `$$` starts a line that the sentence goes on from (`$$ where b is ..`),
the math and the words after it are one paragraph, as in pandoc, and the inline reader takes the
math.

A display inside a paragraph (`$$..$$` on lines of its own, no blank line around it) is read as
inline math; when the line after it opens with a capitalised word ("..latency is: $$..$$ Observe
that .."), that word starts a new sentence (`display_before_sentence`).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import paragraph
from mdit_py_plugins.dollarmath.index import math_block_dollar

_WITHOUT_LABELS = math_block_dollar(allow_labels=False, allow_blank_lines=False)

# the next line opens with a capitalised word; "Where $k$ is .." and "Which .." still go on
_NEXT_LINE_SENTENCE = re.compile(r"[ \t]*\n[ \t>]*(?:[*_]{1,2})?(?!(?:Where|Which)\b)[A-Z][a-z]")


def display_before_sentence(text: str, start: int, end: int) -> bool:
    """Is `$$..$$` (at text[start:end]) a display on lines of its own inside a paragraph, with
    the next line opening a new sentence in a capitalised word ("..latency is: $$..$$ Observe
    that ..")? A display the sentence goes on from ("$$..$$ where $k$ is ..", also "Where") is not."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(" \t>") and _NEXT_LINE_SENTENCE.match(text, end) is not None


def _opening_parenthesis(state, start_line: int, end_line: int, silent: bool) -> bool:
    start = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[start : state.eMarks[start_line]]
    if not line.startswith("$$") or not line[2:].lstrip().startswith("(") or "$$" in line[2:]:
        return False
    if _WITHOUT_LABELS(state, start_line, end_line, silent):
        return True
    if _closed_before_words(state, start_line, end_line):
        return paragraph(state, start_line, end_line, silent)
    return False


def _closed_before_words(state, start_line: int, end_line: int) -> bool:
    """A later line of the block starts with the closing `$$` and words follow it."""
    for line in range(start_line + 1, end_line):
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if not text.strip():
            return False
        if text.startswith("$$") and text[2:].strip():
            return True
    return False


def math_parenthesis_plugin(md: MarkdownIt) -> None:
    """Register the rule before the plugin's `math_block` (use after dollarmath_plugin)."""
    md.block.ruler.before("math_block", "math_block_parenthesis", _opening_parenthesis)
