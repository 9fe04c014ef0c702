"""Tracked changes written in CriticMarkup, read as the text they propose.

Authors who review a Markdown draft in a plain-text editor (MultiMarkdown, Marked, Obsidian and
pandoc filters read the syntax) leave the marks in the file until the changes are accepted:
`{++added++}`, `{--deleted--}`, `{~~old~>new~~}`, `{==marked==}` and `{>>comment<<}`. Read as
plain prose, a deleted sentence was counted and its words checked ("{--truly hard--}" was an
intensifier), and the braces and arrows were words. Here the document reads as if every change
were accepted: additions and the new side of a substitution are prose, deletions and the old
side are not, a highlight is its text, and a comment is a note to co-authors, kept as a left-over
that the `placeholder` rule reports where it starts (as a LaTeX `\\todo`).
"""

from __future__ import annotations

import re

from .markdown_nodes import Chunk
from .markdown_notes import in_prose, outside
from .model import Leftover, Source

MARK = re.compile(
    r"\{\+\+(?P<add>.*?)\+\+\}|\{--(?P<deleted>.*?)--\}|\{~~(?P<old>.*?)~>(?P<new>.*?)~~\}"
    r"|\{==(?P<marked>.*?)==\}|\{>>(?P<comment>.*?)<<\}",
    re.S,
)


def _cuts(match: re.Match) -> list[tuple[int, int]]:
    """The source ranges of one mark that are not read: markers, deletions, the old side."""
    start, end = match.span()
    if match.group("deleted") is not None or match.group("comment") is not None:
        return [(start, end)]
    if match.group("new") is not None:
        return [(start, match.start("new")), (match.end("new"), end)]
    return [(start, start + 3), (end - 3, end)]


def cut_marks(source: Source, chunks: list[Chunk]) -> tuple[list[Chunk], list[Leftover]]:
    """The block's chunks as if its tracked changes were accepted, and its comments as left-overs."""
    if not chunks:
        return chunks, []
    start, end = chunks[0].src_start, chunks[-1].src_end
    if "{" not in source.text[start:end]:
        return chunks, []
    cuts, comments = [], []
    for match in MARK.finditer(source.text, start, end):
        if not in_prose(chunks, match.start()):
            continue
        cuts.extend(_cuts(match))
        if match.group("comment") is not None:
            comments.append(Leftover.of(source, match.start(), match.end()))
    if not cuts:
        return chunks, []
    return [part for chunk in chunks for part in outside(chunk, cuts)], comments
