"""From a finding's source position back to the document's plain text, to highlight it in place.

The source map goes from plain text to source; the report needs the other way. A position
inside a literal piece maps character for character; inside a replacement (a `\\cite`, math)
it maps to the whole replacement. A position no piece covers (a heading line, a comment) is
not in the prose: the finding belongs to the section as a whole.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..document.model import Document, Span


@dataclass(frozen=True)
class Place:
    """Where a finding shows: a paragraph (index) and a plain span in it, or the section itself."""

    paragraph: int | None
    span: Span | None


class Locator:
    """Plain offsets for source positions of one document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._pieces: dict[str, list] = {}
        for piece in doc.source_map.pieces:
            self._pieces.setdefault(piece.source.path, []).append(piece)
        for pieces in self._pieces.values():
            pieces.sort(key=lambda p: p.src_start)
        self._starts = {path: [p.src_start for p in pieces] for path, pieces in self._pieces.items()}
        self._paragraphs = [p.span.start for p in doc.paragraphs]

    def plain(self, path: str, line: int, column: int, end: bool = False) -> int | None:
        """The plain offset of a source position of `path`, or None where no prose is."""
        pieces = self._pieces.get(path)
        if not pieces:
            return None
        source = pieces[0].source
        if line < 1 or line > len(source.line_starts):
            return None
        offset = source.offset(line, column)
        index = bisect.bisect_right(self._starts[path], offset) - 1
        for piece in pieces[max(index - 1, 0): index + 2]:
            inside = piece.src_start <= offset < piece.src_end or (end and offset == piece.src_end)
            if inside:
                if not piece.literal:
                    return piece.plain_end if end and offset > piece.src_start else piece.plain_start
                return piece.plain_start + (offset - piece.src_start)
        return None

    def place(self, finding) -> Place:
        start = self.plain(finding.path, finding.line, finding.column)
        if start is None:
            return Place(None, None)
        end = self.plain(finding.path, finding.end_line, finding.end_column, end=True)
        if end is None or end < start:
            end = start
        number = bisect.bisect_right(self._paragraphs, start) - 1
        if number < 0:
            return Place(None, None)
        paragraph = self.doc.paragraphs[number]
        if start >= paragraph.span.end and not (start == paragraph.span.end == end):
            return Place(None, None)
        return Place(number, Span(start, min(max(end, start), paragraph.span.end)))
