"""Plain text with paragraph, block and footnote bookkeeping, written as the LaTeX walker reads."""

from __future__ import annotations

from .model import Block, Paragraph, Source, Span, TextBuilder


class ProseWriter:
    """Plain text with paragraph, block and footnote bookkeeping; whitespace is written lazily.

    Whitespace only reaches the text between two pieces of prose of the same block, so blocks
    and paragraphs never start or end with spaces and are separated by exactly "\\n" / "\\n\\n".
    """

    def __init__(self) -> None:
        self.out = TextBuilder()
        self.paragraphs: list[Paragraph] = []
        self.footnotes: list[Span] = []
        self.in_footnote = False
        self._blocks: list[Block] = []
        self._items: list[Span] = []
        self._list_kind: str | None = None
        self._start: int | None = None
        self._end = 0
        self._item = False
        self._pending: list[tuple[str | None, Source, int, int]] = []

    @property
    def at_block_start(self) -> bool:
        return self._start is None

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def _open(self, source: Source, pos: int) -> None:
        if self._start is None:
            if self.out.length:
                joined = self._blocks and not self.in_footnote
                self.out.replace("\n" if joined else "\n\n", source, pos, pos)
            self._start = self.out.length
        elif self._pending:  # one separator: runs from two files or around a comment never double up
            text, src, start, end = self._pending[0]
            if text is None:
                self.out.literal(src, start, end)
            else:
                self.out.replace(text, src, start, end)
        self._pending.clear()

    def literal(self, source: Source, start: int, end: int) -> None:
        if end > start:
            self._open(source, start)
            self.out.literal(source, start, end)
            self._end = self.out.length

    def replace(self, text: str, source: Source, start: int, end: int, checkable: bool = True) -> None:
        if text:
            self._open(source, start)
            self.out.replace(text, source, start, end, checkable)
            self._end = self.out.length

    def space(self, source: Source, start: int, end: int, text: str | None = None) -> None:
        """Whitespace (verbatim when `text` is None): kept only if prose follows in this block."""
        if self._start is not None:
            self._pending.append((text, source, start, end))

    def end_block(self) -> None:
        if self.in_footnote:
            return
        if self._start is not None:
            span = Span(self._start, self._end)
            self._blocks.append(Block(span, item=self._item))
            if self._item:
                self._items.append(span)
        self._start = None
        self._item = False
        self._pending.clear()

    def end_paragraph(self) -> None:
        if self.in_footnote:
            return
        self.end_block()
        if self._blocks:
            span = Span(self._blocks[0].span.start, self._blocks[-1].span.end)
            kind = self._list_kind if self._items else None
            self.paragraphs.append(Paragraph(span, self._blocks, kind, self._items))
        self._blocks, self._items, self._list_kind = [], [], None

    def begin_list(self, kind: str) -> None:
        if not self.in_footnote and self._list_kind is None:
            self._list_kind = kind

    def begin_item(self) -> None:
        if not self.in_footnote:
            self.end_block()
            self._item = True

    def end_list(self) -> None:
        self.end_block()

    def begin_footnote(self) -> None:
        self.end_paragraph()
        self.in_footnote = True

    def end_footnote(self) -> None:
        if self._start is not None:
            self.footnotes.append(Span(self._start, self._end))
        self._start = None
        self._pending.clear()



def blank_line(text: str, start: int, end: int) -> bool:
    """Whether the whitespace text[start:end] holds an empty line (a paragraph break).

    A comment line is not empty, so a comment inside a paragraph does not split it, but an
    empty line right after a comment line does.
    """
    first = text.find("\n", start, end)
    if first < 0:
        return False
    if text.find("\n", first + 1, end) >= 0:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()
