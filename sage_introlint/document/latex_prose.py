"""Plain text with paragraph, block and footnote bookkeeping, written as the LaTeX walker reads."""

from __future__ import annotations

from .model import Block, Leftover, Paragraph, Source, Span, TextBuilder


class ProseWriter:
    """Plain text with paragraph, block and footnote bookkeeping; whitespace is written lazily.

    Whitespace only reaches the text between two pieces of prose of the same block, so blocks
    and paragraphs never start or end with spaces and are separated by exactly "\\n" / "\\n\\n".
    """

    def __init__(self) -> None:
        self.out = TextBuilder()
        self.paragraphs: list[Paragraph] = []
        self.footnotes: list[Span] = []
        self.leftovers: list[Leftover] = []  # notes to co-authors, written by the walker
        self.in_footnote = False
        self._blocks: list[Block] = []
        self._items: list[Span] = []
        self._list_kind: str | None = None
        self._start: int | None = None
        self._end = 0
        self._item = False
        self._pending: list[tuple[str | None, Source, int, int]] = []
        self._label_end: int | None = None  # plain offset where this block's run-in label ends
        self._after_label: int | None = None  # where the text after the label starts
        self._label_only: dict[int, Block] = {}  # (kept alive, so ids stay unique) blocks that are nothing but a run-in label
        self._attachable = False  # the last paragraph may still take the list that follows it

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

    def _mark_after_label(self) -> None:
        if self._label_end is not None and self._after_label is None:
            self._after_label = self.out.length

    def literal(self, source: Source, start: int, end: int) -> None:
        if end > start:
            self._open(source, start)
            self._mark_after_label()
            self.out.literal(source, start, end)
            self._end = self.out.length

    def replace(self, text: str, source: Source, start: int, end: int, checkable: bool = True) -> None:
        if text:
            self._open(source, start)
            self._mark_after_label()
            self.out.replace(text, source, start, end, checkable)
            self._end = self.out.length

    def end_label(self) -> None:
        """What was written since the block started is a run-in label (`\\textbf{Setup.}`).

        The label stays in the text (term rules still read it) but not in the block, unless
        nothing follows it: a list item whose only text is a label is still an item, and a
        paragraph written wholly in bold is prose.
        """
        if self._start is not None and self._label_end is None and not self.in_footnote:
            self._label_end = self._end

    def space(self, source: Source, start: int, end: int, text: str | None = None) -> None:
        """Whitespace (verbatim when `text` is None): kept only if prose follows in this block."""
        if self._start is not None:
            self._pending.append((text, source, start, end))

    def end_block(self) -> None:
        if self.in_footnote:
            return
        if self._start is not None:
            start = self._after_label if self._after_label is not None else self._start
            block = Block(Span(start, self._end), item=self._item)
            self._blocks.append(block)
            if self._item:
                self._items.append(block.span)
            elif self._label_end is not None and self._after_label is None:
                self._label_only[id(block)] = block
        self._start = None
        self._item = False
        self._label_end = self._after_label = None
        self._pending.clear()

    def end_paragraph(self) -> None:
        if self.in_footnote:
            return
        self.end_block()
        if self._items:  # a lead-in that is only a label ("Our contributions:") adds nothing
            self._blocks = [block for block in self._blocks if id(block) not in self._label_only]
        if self._blocks:
            span = Span(self._blocks[0].span.start, self._blocks[-1].span.end)
            kind = self._list_kind if self._items else None
            self.paragraphs.append(Paragraph(span, self._blocks, kind, self._items))
            self._attachable = not self._items
        self._blocks, self._items, self._list_kind = [], [], None

    def barrier(self) -> None:
        """A heading: what follows starts afresh and never joins the paragraph before it."""
        self.end_paragraph()
        self._attachable = False

    def begin_list(self, kind: str) -> None:
        """A list belongs to the paragraph before it, even across a blank line or a note."""
        if self.in_footnote:
            return
        if self._start is None and not self._blocks and self._attachable and self.paragraphs:
            last = self.paragraphs.pop()
            self._blocks, self._items = list(last.blocks), list(last.items)
        self._attachable = False
        if self._list_kind is None:
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
