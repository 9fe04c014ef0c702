"""Notes to co-authors written as raw LaTeX in a Markdown draft (`\\todo[inline]{JL: check this}`).

Pandoc and R Markdown papers pass raw LaTeX through, so authors leave the same note macros there
as in a .tex file. Read as prose, the note's words became sentences of the paragraph (and the
initials that open it an acronym never spelled out). Here, as in the LaTeX front end, a note is
cut out of the prose and kept as a left-over, which the `placeholder` rule reports once, where
the note starts.
"""

from __future__ import annotations

import re

from .latex_macros import group_end
from .latex_tables import NOTE_MACROS, PLACEHOLDER_KEY, names_keys
from .markdown_nodes import Chunk
from .model import Leftover, Source

_NOTE = re.compile(r"\\(%s)(?![A-Za-z@])\*?(?:\[[^\]\n]*\])?[ \t]*(?=\{)" % "|".join(sorted(NOTE_MACROS)))


def in_prose(chunks: list[Chunk], offset: int) -> bool:
    """Does `offset` fall inside a checkable run of prose (not code, math, a URL)?"""
    return any(chunk.checkable and chunk.src_start <= offset < chunk.src_end for chunk in chunks)


def outside(chunk: Chunk, notes: list[tuple[int, int]]) -> list[Chunk]:
    """The parts of a chunk that lie outside every note (a replacement chunk is kept or dropped whole)."""
    parts = [chunk]
    for low, high in notes:
        kept = []
        for part in parts:
            if part.src_end <= low or part.src_start >= high:
                kept.append(part)
            elif part.literal and part.src_end - part.src_start == len(part.text):
                if part.src_start < low:
                    kept.append(Chunk(part.text[: low - part.src_start], part.src_start, low, True, part.checkable))
                if part.src_end > high:
                    kept.append(Chunk(part.text[high - part.src_start :], high, part.src_end, True, part.checkable))
            elif not (low <= part.src_start and part.src_end <= high):
                kept.append(part)
        parts = kept
    return parts


def cut_notes(source: Source, chunks: list[Chunk]) -> tuple[list[Chunk], list[Leftover]]:
    """The block's chunks without its LaTeX note macros, and the notes as left-overs."""
    if not chunks or "\\" not in source.text[chunks[0].src_start : chunks[-1].src_end]:
        return chunks, []
    start, end = chunks[0].src_start, chunks[-1].src_end
    notes, leftovers = [], []
    for match in _NOTE.finditer(source.text, start, end):
        if notes and match.start() < notes[-1][1] or not in_prose(chunks, match.start()):
            continue
        close = min(group_end(source.text, match.end()), end)
        notes.append((match.start(), close))
        leftovers.append(Leftover.of(source, match.start(), close))
    if not notes:
        return chunks, []
    return [part for chunk in chunks for part in outside(chunk, notes)], leftovers


def unfinished_citation(text: str) -> bool:
    """`[@smith2020; TBD]`, `[@a; ??]`: a pandoc citation with an item that is only a placeholder
    where a key goes, a citation still to find (the bracket is then no citation for pandoc either);
    so is `[@TODO]`, `[-@TBD]`, a key that is only a placeholder word (as `\\cite{TODO}` is)."""
    if not text.startswith("[") or "@" not in text:
        return False
    items = [item.strip() for item in text[1:-1].split(";")]
    return any(_placeholder_key(item.lstrip("-@")) if item.startswith(("@", "-@")) else PLACEHOLDER_KEY.fullmatch(item)
               for item in items)


def _placeholder_key(key: str) -> bool:
    """A key written in capitals that is only a placeholder word (`@TODO`); `@ref` may be a real key."""
    return bool(PLACEHOLDER_KEY.fullmatch(key)) and (key.isupper() or not any(char.isalpha() for char in key))


def citation_to_find(match: re.Match) -> bool:
    """Is a citation matched in Markdown prose (raw `\\cite{..}` with its braces as group 1, or a
    pandoc bracket) one still to find: no key, words or a placeholder where a key goes?"""
    braces = match.group(1)
    return (braces is not None and not names_keys(braces)) or unfinished_citation(match.group(0))
