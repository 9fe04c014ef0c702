"""Where words begin in a document's plain text: the places a term match can start, indexed so a
term list is tried only where one of its terms can begin (see `_terms.Matcher`)."""

from __future__ import annotations

from itertools import accumulate

from ..document.model import Document
from ._ascii import Twins, ascii_words, words_are_ascii
from ._shared import shared

LEFT = r"(?<!\w)(?<!\w[-\u2010\u2011])"  # a term's left edge: no word, nor word and hyphen, before it


class WordStarts:
    """Where words begin in a document's text (a place term matching can start: `LEFT` and a word
    character), indexed by the whole run of word characters there, as written or lower-cased: a
    term list is tried only where one of its first words stands. `unusual` holds the places
    whose run has a non-ASCII character (case-insensitive matching of those is not plain
    lower-casing), which every term list tries.

    A run is cut at `end`: a search that stops there sees only that much of it."""

    RUN = Twins(LEFT + r"\w+")
    SPLIT = Twins("(" + LEFT + r"\w+)")  # the runs and the text between them, alternating

    def __init__(self, text: str, start: int = 0, end: int | None = None, plain: bool | None = None):
        """`plain`: every word character of the text is ASCII (None: find out)."""
        end = len(text) if end is None else end
        if plain is None:
            plain = words_are_ascii(text, max(0, start - 2), end)  # LEFT looks two characters back
        if start == 0 and end == len(text):  # the whole text: no match object per word
            parts = self.SPLIT.pick(plain).split(text)
            self.runs = parts[1::2]
            self.places = list(accumulate(map(len, parts[:-1]), initial=0))[1::2]
        else:
            found = list(self.RUN.pick(plain).finditer(text, start, end))
            self.places = [match.start() for match in found]
            self.runs = [match.group() for match in found]
        self.unusual = [] if plain else [place for place, run in zip(self.places, self.runs) if not run.isascii()]
        self._index: dict[bool, tuple[dict, list]] = {}
        self._run_at: dict[int, str] | None = None

    def run_at(self) -> dict[int, str]:
        """place -> the run of word characters that begins there (as written)."""
        if self._run_at is None:
            self._run_at = dict(zip(self.places, self.runs))
        return self._run_at

    def index(self, case_sensitive: bool) -> tuple[dict[str, list[int]], list[str]]:
        """(run -> its places in text order, the distinct runs sorted), lower-cased unless
        `case_sensitive`."""
        if case_sensitive not in self._index:
            runs = self.runs if case_sensitive else list(map(str.lower, self.runs))
            by_run: dict[str, list[int]] = {}
            for run, place in zip(runs, self.places):
                found = by_run.get(run)
                if found is None:
                    by_run[run] = [place]
                else:
                    found.append(place)
            self._index[case_sensitive] = by_run, sorted(by_run)
        return self._index[case_sensitive]


def word_starts(doc: Document) -> WordStarts:
    """The document's word starts (computed once per document)."""
    return shared(doc, "word starts", None, lambda: WordStarts(doc.text, plain=ascii_words(doc)))


def region_starts(doc: Document, start: int, end: int) -> WordStarts:
    """The word starts in [start, end) of the document's text (computed once per document and range)."""
    return shared(doc, "word starts", (start, end), lambda: WordStarts(doc.text, start, end))
