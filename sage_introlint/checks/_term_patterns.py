"""A term list's pattern, compiled whole only when asked for, and per first word where a term can begin.

A term list is one alternation, longest term first (see `_terms.Matcher`). Compiling the shipped
lists whole was ~0.25 of a cold check's ~1.3 CPU-s, though a document holds the first words of
few of their terms. At a place whose run of word characters is known (`WordStarts`), only the
terms whose first word is that run (or, for a prefix term `optim*`, begins it) can match there:
a term's first word is followed by a non-word character, a gap or its right edge. So the
alternation of just those terms, in the same order and with the same group names, finds
exactly what the whole one finds there; it is compiled on first use of that run and kept.
Where the run is not known, or the search sees only part of it, the whole pattern is used.
"""

from __future__ import annotations

import re

from ._word_index import LEFT

RIGHT = r"(?![\w\u2010\u2011]|-\w)"


class TermPatterns:
    """The alternation of a term list's `pieces` ((term index, its pattern) longest term first)."""

    def __init__(self, pieces: list[tuple[int, str]], flags: int, firsts: set[str], case_sensitive: bool):
        self.pieces, self.flags, self.case_sensitive = pieces, flags, case_sensitive
        self.first = "".join(sorted(re.escape(c) for c in firsts))
        self.words: dict[int, set[str]] = {}  # term index -> the runs its first word can be
        self.prefixes: dict[int, set[str]] = {}  # term index -> what a run must begin with (`optim*`)
        self._whole: re.Pattern | None = None
        self._by_run: dict[str, re.Pattern | None] = {}

    def lead(self, index: int, run: str, prefix: bool) -> None:
        """Term `index` can begin where the run of word characters is `run` (begins with it: `prefix`)."""
        (self.prefixes if prefix else self.words).setdefault(index, set()).add(run)

    @property
    def whole(self) -> re.Pattern:
        if self._whole is None:
            self._whole = self._compile(piece for _, piece in self.pieces)
        return self._whole

    def at(self, run: str | None) -> re.Pattern:
        """The pattern to try where the search sees the run `run` whole (None: not known)."""
        if run is None or not run.isascii():
            return self.whole  # (case-insensitive matching of other letters is not plain lower-casing)
        key = run if self.case_sensitive else run.lower()
        if key not in self._by_run:
            chosen = [piece for index, piece in self.pieces
                      if key in self.words.get(index, ()) or any(key.startswith(p) for p in self.prefixes.get(index, ()))]
            self._by_run[key] = self._compile(chosen) if chosen else None
        return self._by_run[key] or self.whole

    def _compile(self, pieces) -> re.Pattern:
        return re.compile(f"(?=[{self.first}]){LEFT}(?:{'|'.join(pieces)}){RIGHT}", self.flags)
