"""Where words begin in a document's plain text: the places a term match can start, indexed so a
term list is tried only where one of its terms can begin (see `_terms.Matcher`)."""

from __future__ import annotations

import re

from ..document.model import Document
from ._shared import shared

LEFT = r"(?<!\w)(?<!\w[-\u2010\u2011])"  # a term's left edge: no word, nor word and hyphen, before it


class WordStarts:
    """Where words begin in a document's text (a place term matching can start: `LEFT` and a word
    character), indexed by their first two and first one characters, as written or lower-cased.
    `unusual` holds the places with a non-ASCII character there, which every term list tries."""

    PLACE = re.compile(LEFT + r"\w")

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        self.text = text
        end = len(text) if end is None else end
        self.places = [match.start() for match in self.PLACE.finditer(text, start, end)]
        self.keys = [text[place:place + 2] for place in self.places]
        ascii_only = text.isascii() or text[start:end + 1].isascii()
        self.unusual = [] if ascii_only else [p for p, key in zip(self.places, self.keys) if not key.isascii()]
        self._index: dict[bool, tuple[dict, dict]] = {}

    def index(self, case_sensitive: bool) -> tuple[dict, dict]:
        if case_sensitive not in self._index:
            keys = self.keys if case_sensitive else [key.lower() for key in self.keys]
            by_two: dict[str, list[int]] = {}
            for key, place in zip(keys, self.places):
                found = by_two.get(key)
                if found is None:
                    by_two[key] = [place]
                else:
                    found.append(place)
            by_one: dict[str, list[int]] = {}
            for key, found in by_two.items():
                by_one.setdefault(key[:1], []).extend(found)
            self._index[case_sensitive] = by_two, by_one  # (by_one's lists unsorted: `places` sorts)
        return self._index[case_sensitive]


def word_starts(doc: Document) -> WordStarts:
    """The document's word starts (computed once per document)."""
    return shared(doc, "word starts", None, lambda: WordStarts(doc.text))


def region_starts(doc: Document, start: int, end: int) -> WordStarts:
    """The word starts in [start, end) of the document's text (computed once per document and range)."""
    return shared(doc, "word starts", (start, end), lambda: WordStarts(doc.text, start, end))
