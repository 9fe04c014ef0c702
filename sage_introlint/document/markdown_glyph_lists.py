"""Bullet glyphs pasted into a Markdown draft: `●<tab>item` read as the Markdown `-<tab>item`.

A list copied from Google Docs or Word into a text file keeps its glyphs (●, •, ○, ◦, ▪, ■, ...,
Word's `·` before a tab) as text, so markdown-it reads the items as lines of a paragraph: a
contributions list of glyph items is no list, and items set apart by blank lines become
paragraphs of their own (false paragraph and sentence counts). Before parsing, each such glyph
at the start of a line becomes `-`, one character for one, so every offset, line and column is
unchanged and the items' text is read where it stands.
"""

from __future__ import annotations

import re

GLYPH_BULLET = re.compile(r"^([ \t]*)(?:[•●○◦▪▫■□‣⁃∙▸▹►▶➢➤]|·(?=\t))(?=[ \t])", re.MULTILINE)
_FIRST = re.compile(r"[•●○◦▪▫■□‣⁃∙▸▹►▶➢➤·]")


def glyph_bullets_as_markdown(text: str) -> str:
    """`text` with every line-opening bullet glyph written as a Markdown bullet `-`."""
    if _FIRST.search(text) is None:
        return text
    return GLYPH_BULLET.sub(lambda match: match.group(1) + "-", text)
