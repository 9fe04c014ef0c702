"""`repetition`: the same description (`min_words` words in a row) in two paragraphs.

Words are compared case-insensitively, citations skipped. The sentence of the later paragraph
that holds a repeated run gets one finding, naming the paragraph it repeats.

Options:
  min_words (required): length of a repeated run, e.g. 8.
  message (required): template with `{words}` (the repeated run) and `{other}` (the earlier
    paragraph's number).
"""

from __future__ import annotations

from typing import Iterator

from ..document.model import Document, Span
from ..findings import Finding, span_finding
from ._text import excerpt, fill, words
from .memo import current as current_memo
from .schema import integer, text

OPTIONS = {"min_words": integer(required=True, minimum=2), "message": text(required=True)}


# a typographic apostrophe reads as `'`, a hyphen or no-break hyphen (a word processor's) as `-`
_SAME = str.maketrans({"\u2019": "'", "\u2010": "-", "\u2011": "-"})


def _keys(doc: Document, tokens: list[Span]) -> list[str]:
    """A paragraph's words as compared: lower-cased, typographic apostrophes and hyphens as typed."""
    text = doc.text
    return [text[t.start:t.end].lower().translate(_SAME) for t in tokens]


def _joined(keys: list[str], unit: list[tuple[int, int]], size: int, places) -> list[tuple[str, int]]:
    """(the `size` words from word k on, joined by NUL, k) for every k of `places` whose run stays
    inside one block, the lead-in or one list item (a description does not run on from one item
    into the next), and inside one sentence but for its last word: "..using hidden-order groups.
    Their scheme is.." is the end of one sentence and the start of the next, two fragments, while
    a clause one word short that ends its sentence in both places, with the same next word, is
    the same description. A string, not a tuple: its hash is computed once and kept, and the
    check looks every run up twice."""
    return [("\0".join(keys[k:k + size]), k) for k in places
            if unit[k][0] == unit[k + size - 1][0] and unit[k][1] == unit[k + size - 2][1]]


def _runs(doc: Document, paragraph, size: int) -> tuple[list[tuple[str, int]], frozenset[str]]:
    """Every run of a paragraph (`_joined`), and the set of them; the editor keeps them per
    paragraph (they depend on its text and its blocks only), so an unchanged paragraph's words
    are not read again."""
    start = paragraph.span.start
    blocks = tuple((b.span.start - start, b.span.end - start) for b in paragraph.blocks)
    sentences = tuple((s.start - start, s.end - start) for s in paragraph.sentences)

    def build():
        tokens = words(doc, paragraph.span)
        keys = _keys(doc, tokens)
        runs = _joined(keys, _unit_of(paragraph, tokens), size, range(len(keys) - size + 1))
        return runs, frozenset(run for run, _ in runs)

    return current_memo().paragraph_value(doc, paragraph.span, ("repetition", size, blocks, sentences), build)


def _first_holders(kept: list[tuple[list, frozenset]]) -> dict[str, int]:
    """run -> the first paragraph (1-based) that has it, for the runs that a later paragraph
    repeats only (the editor: sets meet in C, where a dict of every run was a Python loop)."""
    first: dict[str, int] = {}
    seen: set[str] = set()
    for number, (_, runs) in enumerate(kept, 1):
        for run in runs & seen:
            first.setdefault(run, next(n for n, (_, held) in enumerate(kept, 1) if run in held))
        seen |= runs
    return first


def _shared_runs(doc: Document, tokens_of: list[list[Span]], size: int) -> list[list[tuple[str, int]]]:
    """Per paragraph, its runs (`_joined`) made only of words that some other paragraph has too:
    a run with any other word cannot stand in two paragraphs (the rest are never joined)."""
    keyed = [_keys(doc, tokens) for tokens in tokens_of]
    seen: dict[str, int] = {}  # word -> the one paragraph that has it, or -1 for two or more
    for number, keys in enumerate(keyed):
        for key in set(keys):
            seen[key] = number if seen.get(key, number) == number else -1
    result = []
    for paragraph, tokens, keys in zip(doc.paragraphs, tokens_of, keyed):
        streak, places = 0, []  # streak: how many words up to here are shared
        for k, key in enumerate(keys):
            streak = streak + 1 if seen[key] == -1 else 0
            if streak >= size:
                places.append(k - size + 1)
        unit = _unit_of(paragraph, tokens) if places else []
        result.append(_joined(keys, unit, size, places))
    return result


def _unit_of(paragraph, tokens: list[Span]) -> list[tuple[int, int]]:
    """For each word, (its block, its sentence), each numbered as `_block_of` numbers blocks."""
    blocks = _block_of([b.span for b in paragraph.blocks], tokens)
    return list(zip(blocks, _block_of(list(paragraph.sentences), tokens)))


def _block_of(blocks: list[Span], tokens: list[Span]) -> list[int]:
    """For each word, the index of the block it starts in (a negative index between blocks;
    0 for all when the paragraph has no blocks)."""
    if not blocks:
        return [0] * len(tokens)
    found, index = [], 0
    for token in tokens:
        while index < len(blocks) and blocks[index].end <= token.start:
            index += 1
        inside = index < len(blocks) and blocks[index].start <= token.start
        found.append(index if inside else -1 - index)
    return found


def check(doc: Document, rule) -> Iterator[Finding]:
    size = rule.options["min_words"]
    if current_memo() is None:
        tokens_of = [words(doc, paragraph.span) for paragraph in doc.paragraphs]
        runs_of = _shared_runs(doc, tokens_of, size)
    else:  # the editor: runs kept per paragraph; words read only where a run repeats
        kept = [_runs(doc, paragraph, size) for paragraph in doc.paragraphs]
        tokens_of, runs_of = None, [runs for runs, _ in kept]
    if tokens_of is None:
        first = _first_holders(kept)
    else:
        first = {}  # run -> the first paragraph that has it
        for number in range(len(runs_of), 0, -1):
            first.update((run, number) for run, _ in runs_of[number - 1])
    for number, (paragraph, runs) in enumerate(zip(doc.paragraphs, runs_of), 1):
        if not first:  # no run stands in two paragraphs
            break
        repeated = [(run, k) for run, k in runs if first.get(run, number) < number]
        if not repeated:
            continue
        tokens = words(doc, paragraph.span) if tokens_of is None else tokens_of[number - 1]
        reported: set[int] = set()
        for run, k in repeated:
            sentences = paragraph.sentences or [paragraph.span]
            index = next((i for i, s in enumerate(sentences) if s.start <= tokens[k].start < s.end), None)
            if index is None or index in reported:
                continue
            reported.add(index)
            phrase = excerpt(doc, Span(tokens[k].start, tokens[k + size - 1].end))
            yield span_finding(doc, Span(sentences[index].start, sentences[index].end), rule.severity, rule.id,
                               fill(rule.options["message"], words=phrase, other=first[run]))
