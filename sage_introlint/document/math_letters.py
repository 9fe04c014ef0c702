"""A capital letter of inline math that a period follows, written as the mathematical italic
capital it stands for, so the sentence splitter does not read `$K$. Under load, ...` as the
initial of a name (`J. Smith`) and join two sentences.

Both front ends render short inline math as its text; only this one case changes: any other
math letter (`$N$ GPUs`, `by $X$\\%`, a slot the placeholder rule finds) keeps its ASCII form.
"""

from __future__ import annotations

_ITALIC_CAPITAL_A = 0x1D434  # MATHEMATICAL ITALIC CAPITAL A; B..Z follow without a gap


def before_period(text: str, following: str) -> str:
    """`text` (inline math as text), or its italic capital when it is one capital and `following`
    (the source right after the math) starts with a period."""
    if len(text) == 1 and "A" <= text <= "Z" and following.startswith("."):
        return chr(_ITALIC_CAPITAL_A + ord(text) - ord("A"))
    return text
