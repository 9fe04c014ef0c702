"""Display math that opens with a parenthesis (`$$(b, h, s)` ... `$$`), read as math.

mdit-py-plugins' dollarmath reads a line `$$(b, h)` backwards as a closing `$$` with the equation
label "(b, h)" (the `$$a$$ (eq1)` syntax), so the math ended at once and the `$$` that really
closes it became a paragraph of its own, reported as math never closed. This block rule runs
first and reads such a block without labels, as pandoc does; every other block is left to the
plugin.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath.index import math_block_dollar

_WITHOUT_LABELS = math_block_dollar(allow_labels=False, allow_blank_lines=False)


def _opening_parenthesis(state, start_line: int, end_line: int, silent: bool) -> bool:
    start = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[start : state.eMarks[start_line]]
    if not line.startswith("$$") or not line[2:].lstrip().startswith("(") or "$$" in line[2:]:
        return False
    return _WITHOUT_LABELS(state, start_line, end_line, silent)


def math_parenthesis_plugin(md: MarkdownIt) -> None:
    """Register the rule before the plugin's `math_block` (use after dollarmath_plugin)."""
    md.block.ruler.before("math_block", "math_block_parenthesis", _opening_parenthesis)
