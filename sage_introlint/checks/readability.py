"""`readability`: a paragraph whose Flesch-Kincaid grade is above a limit.

The grade is computed over the paragraph's sentences as introlint splits them (lists, `;`
items, abbreviations), with textstat's word and syllable counts.

textstat is imported only when the rule runs. Citations and math are left out of the text that
is scored; paragraphs shorter than `min_words` are not scored (the formula is noise there).

Options:
  max_grade (required): the highest acceptable grade, e.g. 20.
  min_words: default 40.
  message (required): template with `{where}`, `{grade}`, `{max}`.
"""

from __future__ import annotations

from typing import Iterator

from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import fill, words
from .schema import integer, number, text

OPTIONS = {"max_grade": number(required=True), "min_words": integer(minimum=1), "message": text(required=True)}


def grade(doc: Document, span, sentences: int | None = None) -> float:
    """Flesch-Kincaid grade of the prose in `span`, over `sentences` sentences when given.

    The formula is Kincaid et al.'s (0.39 words/sentence + 11.8 syllables/word - 15.59), with
    textstat's word and syllable counts. The sentence count is ours when the caller has it:
    textstat's own split reads a list whose items end in ";" as one long sentence.
    """
    import textstat

    from ..syllables import install

    install()  # textstat's own first call would parse the whole CMU dictionary (~0.5 s)
    text = _scored(doc, span)
    if sentences is None:
        return float(textstat.flesch_kincaid_grade(text))
    count, syllables = counts(text)
    if not count:
        return 0.0
    return round(0.39 * count / max(1, sentences) + 11.8 * syllables / count - 15.59, 1)


LANGUAGE = "en_US"  # textstat's default, which introlint never changes
_SYLLABLES: dict[str, int] = {}  # word -> textstat's syllable count of it (words recur across texts)


def counts(text: str) -> tuple[int, int]:
    """(textstat.lexicon_count(text), textstat.syllable_count(text)), from one split of the text.

    Both of textstat's counts read the same word list (the second lower-cased), and the syllables
    of a word are always the same: each word is counted once per process, as textstat counts it.
    """
    from textstat.backend.counts import _count_syllables as textstat_syllables
    from textstat.backend.selections._list_words import list_words

    words = list_words(text, lowercase=True)
    total = 0
    for word in words:
        known = _SYLLABLES.get(word)
        if known is None:
            if len(_SYLLABLES) > 200_000:  # a bound for a server that runs for weeks
                _SYLLABLES.clear()
            known = _SYLLABLES[word] = _word_syllables(textstat_syllables, word)
        total += known
    return len(words), total


def _word_syllables(textstat_syllables, word: str) -> int:
    """The body of textstat 0.7.8's `count_syllables` loop for one word."""
    try:
        phones = textstat_syllables.get_cmudict(LANGUAGE)[word][0]
        return sum(1 for p in phones if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(textstat_syllables.get_pyphen(LANGUAGE).positions(word)) + 1


def _scored(doc: Document, span) -> str:
    """The paragraph's text without pieces that are not prose (citations, math, URLs)."""
    pieces, cursor = [], span.start
    for piece in doc.source_map.pieces:
        if piece.plain_end <= span.start or piece.plain_start >= span.end or piece.checkable:
            continue
        pieces.append(doc.text[cursor:max(piece.plain_start, cursor)])
        cursor = max(cursor, min(piece.plain_end, span.end))
    pieces.append(doc.text[cursor:span.end])
    return " ".join("".join(pieces).split())


def check(doc: Document, rule) -> Iterator[Finding]:
    limit, least = rule.options["max_grade"], rule.options.get("min_words", 40)
    for number, paragraph in enumerate(doc.paragraphs, 1):
        if len(words(doc, paragraph.span)) < least:
            continue
        value = grade(doc, paragraph.span, len(paragraph.sentences) or None)
        if value > limit:
            yield position_finding(doc.position(paragraph.span.start), rule.severity, rule.id,
                                   fill(rule.options["message"], where=f"paragraph {number}",
                                        grade=f"{value:.1f}", max=limit))
