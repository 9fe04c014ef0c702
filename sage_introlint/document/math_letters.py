"""A letter of inline math written as the mathematical italic letter it stands for, in the two
places where its ASCII form misleads the sentence splitter:

- a capital that a period follows (`$K$. Under load, ...`) read as the initial of a name
  (`J. Smith`), which joined two sentences;
- a small letter that opens a sentence (`... a ring. $n$ nodes join it.`) read as a lowercase
  word going on with the sentence, which joined two sentences too.

Both front ends render short inline math as its text; only these cases change: any other math
letter (`$N$ GPUs`, `by $X$\\%`, a slot the placeholder rule finds) keeps its ASCII form.
`inline_math` is the one call both front ends make for inline math.
"""

from __future__ import annotations

import re

from .latex_tables import math_reads_as_prose, printed_math

_ITALIC_CAPITAL_A = 0x1D434  # MATHEMATICAL ITALIC CAPITAL A; B..Z follow without a gap
_ITALIC_SMALL_A = 0x1D44E  # MATHEMATICAL ITALIC SMALL A; b..z follow, but h is U+210E
_ITALIC_SMALL_H = 0x210E  # PLANCK CONSTANT, the italic small h of the block's gap
_LOOK_BACK = 8  # characters before the math that can end a sentence: `.")` and a line break
_SENTENCE_END = re.compile(r"[.?!][\"'”’)\]]*[ \t\u00a0]*\n?[ \t\u00a0]*$")


def inline_math(rendered: str, source_text: str, start: int, end: int) -> tuple[str, bool]:
    """Inline math rendered as text (`rendered`, for source_text[start:end]) as both front ends
    write it into the prose: (its text, whether it is checked as prose): a percentile reads "p99",
    a letter may be its italic form (`as_prose`), a sign or a number with one is prose."""
    text = as_prose(printed_math(rendered), source_text, start, end)
    return text, math_reads_as_prose(text)


def as_prose(text: str, source_text: str, start: int, end: int) -> str:
    """`text`, inline math written as text for `source_text[start:end]`, or its italic letter: a
    capital when a period follows the math; a small letter when the few characters before it end
    a sentence with a period, `?` or `!` and white space."""
    if len(text) != 1:
        return text
    if "A" <= text <= "Z" and source_text.startswith(".", end):
        return chr(_ITALIC_CAPITAL_A + ord(text) - ord("A"))
    before = source_text[max(start - _LOOK_BACK, 0):start]
    if "a" <= text <= "z" and _SENTENCE_END.search(before) and not before.rstrip().endswith(".."):
        return chr(_ITALIC_SMALL_H) if text == "h" else chr(_ITALIC_SMALL_A + ord(text) - ord("a"))
    return text


def is_italic_letter(char: str) -> bool:
    """Is `char` a letter `as_prose` wrote (the splitter lets a small one open a sentence)?"""
    return _ITALIC_CAPITAL_A <= ord(char) < _ITALIC_SMALL_A + 26 or ord(char) == _ITALIC_SMALL_H
