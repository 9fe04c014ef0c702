"""Words as a careful reader counts them, per span of the plain text, computed once per document.

`11.5%`, `v0.4.2`, `1,000` and `e.g.` are one word each; citation placeholders (`[1]`) and
enumeration markers (`(1)`) are none; a formula or code written as several pieces is one.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from ..document.model import Document, Span
from ._ascii import Twins, ascii_words
from ._shared import shared
from .memo import current as current_memo

# every word begins with a letter or digit: the lookahead skips the rest before trying three ways
WORD = (r"(?=[^\W_])(?:[^\W\d_]?\d+(?:[.,]\d+)+[^\W\d_]*"
        r"|[^\W\d_](?:\.[^\W\d_])+\.?"
        r"|[^\W_](?:[\w'\u2019\u2010\u2011-]*\w)?)")
WORDS = Twins(WORD)
# The words and the text between them, alternating: a split makes no match object per word. The
# pattern reads nothing before where it starts nor after where it may end, so splitting a span's
# slice finds what a search of the span finds.
SPLIT = Twins(f"({WORD})")


MARKER = re.compile(r"\d{1,2}|[ivx]{1,4}|[a-z]", re.IGNORECASE)


def _enumeration_marker(text: str, start: int, end: int) -> bool:
    """`(1)`, `(ii)`, `b)`: the marker of an inline enumeration, which nobody counts as a word."""
    if end >= len(text) or text[end] != ")" or not MARKER.fullmatch(text, start, end):
        return False
    return (start > 0 and text[start - 1] == "(") or start == 0 or text[start - 1].isspace()


def words(doc: Document, span: Span) -> list[Span]:
    """Words of a span, skipping citation-like pieces (`[1]`) and enumeration markers (`(1)`).

    Tokenised once per document and span: the checks that count a paragraph's or a sentence's
    words share one list (do not change it). A sentence's words are cut from its paragraph's.
    """
    return shared(doc, "words", (span.start, span.end), lambda: _words_of(doc, span))


def _words_of(doc: Document, span: Span) -> list[Span]:
    outer = _paragraphs_by_sentence(doc).get((span.start, span.end))
    if outer is None:
        return _scan(doc, span)[1]
    raw, kept = _scan(doc, outer)
    first, last = bisect.bisect_left(raw, (span.start,)), bisect.bisect_left(raw, (span.end,))
    if (first and raw[first - 1][1] > span.start) or (last > first and raw[last - 1][1] > span.end):
        return _words(doc, span)[1]  # a word runs across the sentence's edge: read the sentence alone
    # The same words as reading the sentence alone: the pattern looks at no character before where
    # it starts, and no match of the paragraph's reading crosses the sentence's edges.
    low = bisect.bisect_left(kept, span.start, key=lambda word: word.start)
    high = bisect.bisect_left(kept, span.end, key=lambda word: word.start)
    return kept[low:high]


def _paragraph_spans(doc: Document) -> set[tuple[int, int]]:
    """(start, end) of every paragraph: is a scanned span a whole paragraph (one set, not a walk
    over the paragraphs per scan)?"""
    return shared(doc, "paragraph spans", None, lambda: {(p.span.start, p.span.end) for p in doc.paragraphs})


def _paragraphs_by_sentence(doc: Document) -> dict[tuple[int, int], Span]:
    """(start, end) of every paragraph sentence -> its paragraph's span."""
    return shared(doc, "sentence paragraphs", None, lambda: {
        (sentence.start, sentence.end): paragraph.span
        for paragraph in doc.paragraphs for sentence in paragraph.sentences
        if paragraph.span.start <= sentence.start and sentence.end <= paragraph.span.end})


def _scan(doc: Document, span: Span) -> tuple[list[tuple[int, int]], list[Span]]:
    """(every match of WORD in `span`, the words among them), once per document and span."""
    return shared(doc, "word scan", (span.start, span.end), lambda: _remembered_scan(doc, span))


def _remembered_scan(doc: Document, span: Span) -> tuple[list[tuple[int, int]], list[Span]]:
    """A paragraph's scan from the editor's per-paragraph memo when one is active (see `memo`)."""
    memo = current_memo()
    if memo is None or (span.start, span.end) not in _paragraph_spans(doc):
        return _words(doc, span)
    return memo.scan(doc, span, lambda: _words(doc, span))


def _closed_throughout(source_map, start: int, end: int) -> bool:
    """Is all of [start, end) math, code or a citation? Then the words on either side are one
    piece of it (`$v_c(core_4, R)$`); a comma or a space of prose between two pieces
    (`\\ttt{ts}~\\cite{t}, \\ttt{qsub}`) keeps them two words."""
    if start >= end:
        return not source_map.is_checkable(start, end)
    at = start
    for index in source_map.closed_between(start, end):
        if source_map.closed_starts[index] > at:
            return False
        at = max(at, source_map.closed_ends[index])
    return at >= end


def _spans(parts: list[str], start: int) -> list[tuple[int, int]]:
    """(start, end) of each word of a split (text between words, word, text, ..., text) that
    begins at `start`."""
    offsets = list(accumulate(map(len, parts), initial=start))
    return list(zip(offsets[1::2], offsets[2::2]))


def _words(doc: Document, span: Span) -> tuple[list[tuple[int, int]], list[Span]]:
    text, size = doc.text, len(doc.text)
    raw = _spans(SPLIT.pick(ascii_words(doc)).split(text[span.start:span.end]), span.start)
    source_map = doc.source_map
    if source_map.is_checkable(span.start, span.end):  # all prose: only enumeration markers go
        return raw, [Span(start, end) for start, end in raw
                     if end >= size or text[end] != ")" or not _enumeration_marker(text, start, end)]
    result = []
    checkable = source_map.is_checkable
    # `checkable(start, end)` for words in text order: the first non-prose piece that ends after
    # the word's start only moves on (one walk over the pieces instead of a search per word)
    closed_starts, closed_ends = source_map.closed_starts, source_map.closed_ends
    piece, pieces = bisect.bisect_right(closed_ends, span.start), len(closed_ends)
    inside = False  # the last word is in math or code (`$v_c(core_4, R)$`): one word, as a reader counts it
    for start, end in raw:
        while piece < pieces and closed_ends[piece] <= start:
            piece += 1
        plain = piece == pieces or closed_starts[piece] >= end
        if not plain and text[start].isdigit() and text[start:end].isdigit():
            continue
        if end < size and text[end] == ")" and _enumeration_marker(text, start, end):
            continue
        if not plain and inside and result and _closed_throughout(source_map, result[-1].end, start):
            result[-1] = Span(result[-1].start, end)
            continue
        inside = not plain
        result.append(Span(start, end))
    return raw, result
