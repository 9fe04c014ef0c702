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
from .memo import per_paragraph
from .schema import integer, number, text

OPTIONS = {"max_grade": number(required=True), "min_words": integer(minimum=1), "message": text(required=True)}


def grade(doc: Document, span, sentences: int | None = None) -> float:
    """Flesch-Kincaid grade of the prose in `span`, over `sentences` sentences when given.

    The formula is Kincaid et al.'s (0.39 words/sentence + 11.8 syllables/word - 15.59), with
    textstat's word and syllable counts. The sentence count is ours when the caller has it:
    textstat's own split reads a list whose items end in ";" as one long sentence.
    """
    from .. import syllables

    text = _scored(doc, span)
    count, syllable_count = syllables.counts(text)  # textstat's counts, without its 0.5 s dictionary parse
    if sentences is None:  # textstat's flesch_kincaid_grade (unrounded), with those counts
        import textstat

        found = textstat.sentence_count(text)
        per_sentence, per_word = (count / found if found else 0.0), (syllable_count / count if count else 0.0)
        return 0.39 * per_sentence + 11.8 * per_word - 15.59 if per_sentence and per_word else 0.0
    if not count:
        return 0.0
    return round(0.39 * count / max(1, sentences) + 11.8 * syllable_count / count - 15.59, 1)


def _scored(doc: Document, span) -> str:
    """The paragraph's text without pieces that are not prose (citations, math, URLs)."""
    pieces, cursor = [], span.start
    starts, ends = doc.source_map.closed_starts, doc.source_map.closed_ends  # the non-checkable pieces
    for index in doc.source_map.closed_between(span.start, span.end):
        pieces.append(doc.text[cursor:max(starts[index], cursor)])
        cursor = max(cursor, min(ends[index], span.end))
    pieces.append(doc.text[cursor:span.end])
    return " ".join("".join(pieces).split())


def check(doc: Document, rule) -> Iterator[Finding]:
    for number, paragraph in enumerate(doc.paragraphs, 1):
        yield from per_paragraph(doc, rule, number, paragraph, lambda: _paragraph(doc, rule, number, paragraph))


def _paragraph(doc: Document, rule, number: int, paragraph) -> Iterator[Finding]:
    limit, least = rule.options["max_grade"], rule.options.get("min_words", 40)
    if len(words(doc, paragraph.span)) < least:
        return
    value = grade(doc, paragraph.span, len(paragraph.sentences) or None)
    if value > limit:
        yield position_finding(doc.position(paragraph.span.start), rule.severity, rule.id,
                               fill(rule.options["message"], where=f"paragraph {number}",
                                    grade=f"{value:.1f}", max=limit))
