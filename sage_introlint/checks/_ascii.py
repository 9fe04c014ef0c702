"""ASCII twins of the per-word patterns, for text whose word characters are all ASCII.

Python's `re` tests `\\w`, `\\d` and `[^\\W\\d_]` on a str by Unicode category, character by
character; read as ASCII (`re.ASCII`) the same pattern is cheaper. The two readings differ only
at a character outside ASCII that is a word character (a letter or digit: `é`, `ß`, `٣`), so
where a text has none (a dash, a curly quote or `§` are not word characters) they find the same
matches, and the word scans use the twin there.
"""

from __future__ import annotations

import re

from ..document.model import Document
from ._shared import shared

_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")  # a word character outside ASCII


def words_are_ascii(text: str, start: int = 0, end: int | None = None) -> bool:
    """Is every word character of text[start:end] ASCII (so an ASCII twin reads it the same)?"""
    end = len(text) if end is None else end
    return text.isascii() or _NON_ASCII_WORD.search(text, start, end) is None


def ascii_words(doc: Document) -> bool:
    """`words_are_ascii` of the document's whole text (found once per document)."""
    return shared(doc, "ascii words", None, lambda: words_are_ascii(doc.text))


class Twins:
    """A pattern and its ASCII twin: `pick(ascii_words)` is the one to scan with."""

    def __init__(self, pattern: str, flags: int = 0):
        self.unicode = re.compile(pattern, flags)
        self.ascii = re.compile(pattern, flags | re.ASCII)

    def pick(self, ascii_words: bool) -> re.Pattern:
        return self.ascii if ascii_words else self.unicode
