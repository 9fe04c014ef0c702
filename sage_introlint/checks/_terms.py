"""Term matching: finds the entries of a vocabulary list in the checkable plain text of a document.

Term matching runs on the plain text with word boundaries that respect hyphens (`edge` does not
match inside `cutting-edge`, nor `state` inside `state-of-the-art`), lets a space or hyphen in a
term match any run of whitespace, `~` or a hyphen (`blazing\\nfast`), and can add inflections.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from .. import user_regex
from ..document.model import Document, Span
from ._shared import shared
from ._term_patterns import RIGHT, TermPatterns
from ._word_index import WordStarts, region_starts, word_starts
from .memo import current as current_memo

# Between a term's words: blanks and `~` with at most one line break (a blank line ends the
# paragraph, so "blazing" closing one and "Fast" opening the next are not a term), or a hyphen.
_BLANKS = r"(?:(?:[^\S\n]|~)+(?:\n(?:[^\S\n]|~)*)?|\n(?:[^\S\n]|~)*)"  # (one way to read each run)
GAP = rf"(?:{_BLANKS}?[-\u2010\u2011]{_BLANKS}?|{_BLANKS})"


def inflections(word: str) -> list[str]:
    """The forms of one word that hype and vocabulary lists need: -s, -es, -d, -ed, -ing, -ly."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing", word + "ly"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing", word[:-1] + "y"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word[:-1] + "ily"}
    if word.endswith("le"):
        forms.add(word[:-1] + "y")  # incredible -> incredibly
    return sorted(forms, key=len, reverse=True)


def _term_words(term: str) -> list[str]:
    words = [w for w in re.split(r"[\s~]+|(?<=\w)-(?=\w)", term.rstrip("*").strip()) if w]
    if not words:
        raise ValueError(f"empty term {term!r}")
    return words


def _term_body(term: str, inflect: bool) -> str:
    """A term's pattern without the word boundaries (a Matcher puts LEFT/RIGHT once around them all)."""
    prefix = term.endswith("*")
    words = _term_words(term)
    parts = [re.escape(w) for w in words]
    if prefix:
        parts[-1] += r"\w*"
    elif inflect and words[-1].isalpha():
        parts[-1] = _one_of(inflections(words[-1]))
    return GAP.join(parts)


def _one_of(forms: list[str]) -> str:
    """`(?:seamlessly|seamless|...)` written as `seamless(?:ly|...|)`: a third of the pattern to compile.

    The order of the forms does not matter: they are words followed by a word boundary, so at one
    place at most one of them can match.
    """
    stem = os.path.commonprefix(forms)
    rests = sorted((form[len(stem):] for form in forms), key=len, reverse=True)
    return re.escape(stem) + "(?:" + "|".join(re.escape(rest) for rest in rests) + ")"


@dataclass(frozen=True)
class Entry:
    """One vocabulary entry: what to look for, and what to write instead."""

    term: str
    replace: str | None = None
    why: str | None = None  # the one-line reason a vocabulary gives for the entry


def entries(items: Iterable) -> list[Entry]:
    """Pack vocabulary: strings, one-key mappings `term: replacement`, or `{term, use, why}`."""
    result = []
    for item in items or ():
        if isinstance(item, dict) and "term" in item:
            use, why = item.get("use"), item.get("why")
            result.append(Entry(str(item["term"]), None if use is None else str(use), None if why is None else str(why)))
        elif isinstance(item, dict):
            for term, replace in item.items():
                result.append(Entry(str(term), None if replace is None else str(replace)))
        else:
            result.append(Entry(str(item)))
    return result


class Matcher:
    """Finds the terms of one list in the checkable plain text of a document."""

    def __init__(self, items: Iterable, inflect: bool = False, case_sensitive: bool = False,
                 regex: bool = False, anywhere: bool = False):
        self.entries = entries(items)
        # names of systems are often written as code (`sage-kernel`): a mention counts there too
        self.anywhere = anywhere
        flags = 0 if case_sensitive else re.IGNORECASE
        pieces, firsts = [], set()
        self.keys = None if regex else _Keys(case_sensitive)
        # longest first, so `seamlessly` wins over `seamless` + inflection at the same place
        order = sorted(range(len(self.entries)), key=lambda i: -len(self.entries[i].term))
        for index in order:
            entry = self.entries[index]
            body = entry.term if regex else _term_body(entry.term, inflect)
            pieces.append((index, f"(?P<t{index}>{body})"))
            if not regex:
                firsts.add(_term_words(entry.term)[0][0])
        self._user_regex, self.patterns = None, None
        if regex and pieces:
            terms = [entry.term for entry in self.entries]
            self._user_regex = user_regex.compile("|".join(piece for _, piece in pieces), flags, terms)
        elif pieces:
            # The same matches as one bounded pattern per term, several times faster:
            # the boundaries are tested once per position, and only where a term's first
            # character stands (re tries every alternative at every position otherwise);
            # compiled whole or per first word when first needed (_term_patterns.py).
            self.patterns = TermPatterns(pieces, flags, firsts, case_sensitive)
            for index in order:
                for run, prefix in self.keys.add(self.entries[index].term, inflect):
                    self.patterns.lead(index, run, prefix)

    @property
    def regex(self) -> re.Pattern | None:
        """The list as one pattern (None when it is empty)."""
        return self.patterns.whole if self.patterns is not None else self._user_regex

    @property
    def empty(self) -> bool:
        return self.patterns is None and self._user_regex is None

    def finditer(self, doc: Document, span: Span | None = None) -> Iterator[tuple[Entry, Span]]:
        """The matches inside `span` (the whole text by default).

        A search of the whole text is done once per document and matcher and shared by every
        check that uses the matcher (a group's members: coverage, contrast, share); a span is
        then looked up in it where that gives what a search of the span alone gives (`_within`),
        so a rule's matches never depend on whether another rule searched the whole text first.
        A span asked for first is searched on its own: a rule that tests a few sentences should
        not pay for a pass over the whole text.
        """
        if self.empty:
            return
        if span is None:
            yield from shared(doc, "matches", self, lambda: self._all(doc))[1]
            return
        found = doc.cache.get("matches", {}).get(self)
        within = None if found is None else _within(doc.text, found, span)
        if within is not None:
            yield from within
            return
        memo = current_memo()
        if memo is None or self.keys is None:
            yield from self._search(doc, span.start, span.end)
        else:  # the editor: a span's matches are remembered by what the search reads
            yield from memo.span_matches(doc, self, span, lambda d, start, end: self._search(
                d, start, end, region_starts(d, start, end)))

    def _all(self, doc: Document) -> tuple:
        """(where each match starts, (entry, span) of each, where every match the search made
        starts and ends, prose or not): a span is looked up in it only where that is what a
        search of the span alone gives (`_within`)."""
        memo = current_memo()
        if memo is None or self.keys is None or not self.keys.usable:
            made = [(match.start(), match.end(), int(match.lastgroup[1:]))
                    for match in self._matches(doc, 0, len(doc.text))]
        else:  # the editor: unchanged paragraphs' matches are remembered
            made = memo.matches(doc, self, self.keys.inner, self._region_search(doc))
        made = [(start, end, index) for start, end, index in made if end > start]
        checkable = doc.source_map.is_checkable
        matches = [(self.entries[index], Span(start, end)) for start, end, index in made
                   if self.anywhere or checkable(start, end)]
        if self.keys is None:  # a user's regex may look anywhere: never stand in for a span's search
            return [hit.start for _, hit in matches], matches, None, None
        return [hit.start for _, hit in matches], matches, [a for a, _, _ in made], [b for _, b, _ in made]

    def _region_search(self, doc: Document):
        """search(start, end): (start, end, term index) of every match the search of a region makes."""
        return lambda start, end: [(m.start(), m.end(), int(m.lastgroup[1:]))
                                   for m in self._matches(doc, start, end, region_starts(doc, start, end))]

    def mentions(self, doc: Document, enough: int | None = None) -> int:
        """How many matches the whole text holds (or `enough`, once that many are found); in the
        editor, for a list that counts anywhere (prose or not), from the paragraphs remembered
        first (`memo.counted`)."""
        memo = current_memo()
        if memo is None or self.keys is None or not self.keys.usable or not self.anywhere \
                or self.empty or self in doc.cache.get("matches", {}):
            found = 0
            for _ in self.finditer(doc):
                found += 1
                if found == enough:
                    break
            return found
        return memo.counted(doc, self, self.keys.inner, self._region_search(doc), enough)

    def _search(self, doc: Document, start: int, end: int, starts: "WordStarts | None" = None
                ) -> Iterator[tuple[Entry, Span]]:
        for match in self._matches(doc, start, end, starts):
            if match.end() == match.start():
                continue
            if not self.anywhere and not doc.source_map.is_checkable(match.start(), match.end()):
                continue
            yield self.entries[int(match.lastgroup[1:])], Span(match.start(), match.end())

    def _matches(self, doc: Document, start: int, end: int, starts: "WordStarts | None" = None):
        """`self.regex.finditer(doc.text, start, end)`, trying the pattern only where a term can start.

        The places come from an index of the document's words, so a list of 200 terms costs a
        lookup per first word instead of 200 alternatives tried at every word. A search that ends
        inside a word also tries that word (cut at `end`, it may be a term the whole word is not).
        """
        if self.keys is None or not self.keys.usable:
            yield from self.regex.finditer(doc.text, start, end)
            return
        text = doc.text
        if starts is None:
            starts = word_starts(doc)
            places = shared(doc, "term starts", self, lambda: self.keys.places(starts))
            cut = _word_cut_at(text, start, end)
            if cut is not None:
                places = sorted(set(places) | {cut})
        else:
            places = self.keys.places(starts)
        yield from self._tried(text, start, end, places, starts.run_at())

    def scan(self, text: str):
        """`self.regex.finditer(text)` for a short text of its own (a heading's title), tried the same way."""
        if self.keys is None or not self.keys.usable:
            yield from self.regex.finditer(text)
            return
        starts = WordStarts(text)
        yield from self._tried(text, 0, len(text), self.keys.places(starts), starts.run_at())

    def _tried(self, text: str, start: int, end: int, places: list[int], runs: dict[int, str]):
        """The matches finditer(text, start, end) makes, the pattern tried only at `places`."""
        resume, patterns = start, self.patterns
        for index in range(bisect.bisect_left(places, start), len(places)):
            place = places[index]
            if place >= end:
                return
            if place < resume:
                continue
            run = runs.get(place)  # (a search that ends inside the run sees only its part before `end`)
            match = patterns.at(run if run is None or place + len(run) <= end else run[:end - place]).match(text, place, end)
            if match is not None:
                yield match
                if match.end() > place:  # finditer goes on after a match (one past an empty one)
                    resume = match.end()

    def search(self, doc: Document, span: Span | None = None) -> bool:
        return next(self.finditer(doc, span), None) is not None


_RIGHT_READS = re.compile(r"[\w\u2010\u2011-]")  # what a term's right edge (RIGHT) looks at


def _within(text: str, found, span: Span) -> list | None:
    """The whole text's matches that lie inside `span`, or None where a search of the span alone
    could find others, so that what a rule finds never depends on which rule searched first:
      - a match of the whole text runs across the span's start or end (it hid other places: a
        shorter term at the same start, a term the span begins with);
      - the text right after the span is one a term's right edge reads (a word, a hyphen): the
        span's search sees its end there instead;
      - the list is a user's regex (it may look anywhere).
    """
    starts, matches, made_starts, made_ends = found
    if made_starts is None:
        return None
    if span.end < len(text) and _RIGHT_READS.match(text, span.end):
        return None
    before = bisect.bisect_left(made_starts, span.start)
    if before and made_ends[before - 1] > span.start:
        return None
    last = bisect.bisect_left(made_starts, span.end)
    if last and made_ends[last - 1] > span.end:
        return None
    low, high = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
    return matches[low:high]


def _word_cut_at(text: str, start: int, end: int) -> int | None:
    """Where the word that `end` cuts begins (not before `start`), or None when `end` cuts none."""
    if end >= len(text) or end <= start or not _WORD_CHAR.match(text, end) or not _WORD_CHAR.match(text, end - 1):
        return None
    place = end - 1
    while place > start and _WORD_CHAR.match(text, place - 1):
        place -= 1
    return place


_WORD_CHAR = re.compile(r"\w")


class _Keys:
    """The first words every match of a term list must begin with (see `WordStarts`): the run of
    word characters a term's first word begins with (`e` of `e.g.`, every inflection of a
    one-word term), or a run that begins with it (a prefix term, `optim*`).

    Not `usable` when a term can begin with something the index does not hold: a non-word
    character, or a first run of word characters that is not ASCII (case-insensitive matching of
    those is not plain lower-casing).
    """

    def __init__(self, case_sensitive: bool):
        self.case_sensitive, self.usable = case_sensitive, True
        self.words: set[str] = set()
        self.prefixes: set[str] = set()
        # What a match can have right before the white space between two of its words: a word
        # character, a gap's own (space, `~`, hyphens) or the last character of a term's inner
        # word (`e.` of `e. g.`). A match cannot run across a paragraph's end that is none of
        # these followed by white space (see `memo.matches`).
        self.inner: set[str] = set("~-\u2010\u2011")

    def add(self, term: str, inflect: bool) -> list[tuple[str, bool]]:
        """Index `term`; (run, whether it is a prefix) of each run of word characters it can begin with."""
        words = _term_words(term)
        self.inner.update(word[-1] for word in words[:-1])
        first = words[0]
        prefix = term.endswith("*") and len(words) == 1  # `optim*`: the first word is the one that goes on
        # the last word of an inflected term has other forms, which may begin differently (`be`, `bing`)
        forms = inflections(first) if inflect and len(words) == 1 and first.isalpha() and not prefix else [first]
        leads = []
        for form in forms:
            lead = re.match(r"\w+", form)
            if lead is None or not lead.group().isascii():  # `L1–L6` is fine: its first run is `L1`
                self.usable = False
                continue
            key, lead = (form, lead.group()) if self.case_sensitive else (form.lower(), lead.group().lower())
            (self.prefixes if prefix and lead == key else self.words).add(lead)
            leads.append((lead, prefix and lead == key))
        return leads

    def places(self, starts: "WordStarts") -> list[int]:
        """Sorted offsets where a match can begin."""
        by_run, runs = starts.index(self.case_sensitive)
        found = list(starts.unusual)
        for key in self.words.intersection(by_run) if len(self.words) > len(by_run) else self.words:
            found.extend(by_run.get(key, ()))
        for key in self.prefixes:
            for run in runs[bisect.bisect_left(runs, key):]:
                if not run.startswith(key):
                    break
                found.extend(by_run[run])
        return sorted(set(found))
