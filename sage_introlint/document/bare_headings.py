"""A line on its own that reads as a heading ("Motivation", "Design Goals") is not a paragraph.

Drafts often head a block with a bare line instead of `\\subsection` or `##`. Counting it as a
one-sentence paragraph would make the paragraph count and the sentence rules wrong. A bare
heading is one short line in title case, with no sentence punctuation, followed by more prose.
"""

from __future__ import annotations

from .model import Paragraph

MAX_WORDS = 4
SMALL_WORDS = frozenset("a an and as at by for in of on or the to vs with".split())


def is_bare_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_WORDS or "\n" in text.strip() or text.rstrip()[-1] in ".?!:;,)]":
        return False
    return all(word[0].isupper() or (word in SMALL_WORDS and index) for index, word in enumerate(words))


def drop_bare_headings(paragraphs: list[Paragraph], text: str) -> list[Paragraph]:
    """The paragraphs without those that are only a bare heading line (never the last one)."""
    kept = []
    for index, paragraph in enumerate(paragraphs):
        single = len(paragraph.blocks) == 1 and not paragraph.items
        if single and index + 1 < len(paragraphs) and is_bare_heading(text[paragraph.span.start : paragraph.span.end]):
            continue
        kept.append(paragraph)
    return kept
