"""Plain text with paragraph, block and footnote bookkeeping, written as the LaTeX walker reads."""

from __future__ import annotations

from contextlib import contextmanager

from .model import Block, Leftover, Paragraph, Position, Source, Span, TextBuilder


class ProseWriter:
    """Plain text with paragraph, block and footnote bookkeeping; whitespace is written lazily.

    Whitespace only reaches the text between two pieces of prose of the same block, so blocks
    and paragraphs never start or end with spaces and are separated by exactly "\\n" / "\\n\\n".

    A run-in label (`\\textbf{Setup.}` opening a block) is held back: when text follows it in
    the block it is dropped, as a heading is; when nothing follows, it is the block's text (a
    list item that is only a label is still an item; a paragraph wholly in bold is prose).
    """

    def __init__(self) -> None:
        self.out = TextBuilder()
        self.paragraphs: list[Paragraph] = []
        self.footnotes: list[Span] = []
        self.leftovers: list[Leftover] = []  # notes to co-authors, written by the walker
        self.run_in_heads: list[tuple[Source, int, int]] = []  # dropped run-in labels, where they stand
        self.spelled_out: dict[str, Position] = {}  # acronyms `\\acrfull` spells out, where (first)
        self.in_footnote = False
        self._blocks: list[Block] = []
        self._items: list[Span] = []
        self._list_kind: str | None = None
        self._start: int | None = None
        self._end = 0
        self._item = False
        self._pending: list[tuple[str | None, Source, int, int]] = []
        self._holding = False  # writing a run-in label: held back until the block shows what it is
        self._held: list[tuple] = []  # the label's writes, replayed if nothing follows it
        self._label_only: dict[int, Block] = {}  # (kept alive, so ids stay unique) blocks that are only a label
        self._attachable = False  # the last paragraph may still take the list that follows it
        self._code = 0  # inside code (`\texttt{..}`): its words count, but no term is reported in them
        # The file's shape, for telling an outline or a paragraph answer from an Introduction
        # (`latex_kinds`): headings as (plain offset, level, source, title start, title end), the
        # depth of each list item by its block's start, and lead-ins that were only a label.
        self.headings: list[tuple[int, int, Source, int, int]] = []
        self.item_depths: dict[int, int] = {}
        self.label_leads: list[Block] = []
        self._depth = 0

    @property
    def at_block_start(self) -> bool:
        return self._start is None

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def after_sentence_end(self, marks: str = ".?!") -> bool:
        """Does the block so far end with one of `marks` (after closers), and a space, so a word
        written now opens the next sentence?"""
        if self._start is None or not self._pending:
            return False
        for part in reversed(self.out._parts):
            stripped = part.rstrip().rstrip(")]}\"'”’")
            if stripped:
                return stripped[-1] in marks
        return False

    def _open(self, source: Source, pos: int) -> None:
        if self._held:  # text follows a label: the label is a heading, not prose
            self._keep_head(self._held)
        self._held = []
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

    @contextmanager
    def as_code(self, code: bool = True):
        """Write what is read inside as code: prose words that no term rule reports."""
        self._code += code
        try:
            yield
        finally:
            self._code -= code

    def literal(self, source: Source, start: int, end: int) -> None:
        if end > start:
            if self._holding:
                self._held.append(("literal", source, start, end))
                return
            self._open(source, start)
            self.out.literal(source, start, end, checkable=not self._code)
            self._end = self.out.length

    def replace(self, text: str, source: Source, start: int, end: int, checkable: bool = True) -> None:
        if text:
            if self._holding:
                self._held.append(("replace", text, source, start, end, checkable))
                return
            self._open(source, start)
            self.out.replace(text, source, start, end, checkable and not self._code)
            self._end = self.out.length

    def space(self, source: Source, start: int, end: int, text: str | None = None) -> None:
        """Whitespace (verbatim when `text` is None): kept only if prose follows in this block."""
        if self._holding:
            self._held.append(("space", source, start, end, text))
        elif self._start is not None:
            self._pending.append((text, source, start, end))

    def _keep_head(self, held: list[tuple]) -> None:
        """Record where a dropped run-in label stands in its source (one source per label)."""
        parts = [(write[1], write[2], write[3]) if write[0] != "replace" else (write[2], write[3], write[4])
                 for write in held if write[0] != "space"]
        if parts:
            self.run_in_heads.append((parts[0][0], min(p[1] for p in parts), max(p[2] for p in parts)))

    def begin_label(self) -> bool:
        """Start holding a run-in label back; False when not at a block's start."""
        if self._start is not None or self.in_footnote or self._holding:
            return False
        self._holding, self._held = True, []
        return True

    def end_label(self) -> None:
        self._holding = False

    def _replay_label(self) -> bool:
        """Nothing followed the label: write it as the block's text."""
        held, self._held = self._held, []
        for write in held:
            if write[0] == "literal":
                self.literal(*write[1:])
            elif write[0] == "replace":
                self.replace(*write[1:])
            else:
                self.space(*write[1:])
        return bool(held) and self._start is not None

    def end_block(self) -> None:
        if self.in_footnote:
            return
        self._holding = False
        label_only = self._start is None and self._replay_label()
        if self._start is not None:
            block = Block(Span(self._start, self._end), item=self._item)
            self._blocks.append(block)
            if self._item:
                self._items.append(block.span)
                self.item_depths[block.span.start] = self._depth
            elif label_only:
                self._label_only[id(block)] = block
        self._start = None
        self._item = False
        self._pending.clear()

    def end_paragraph(self) -> None:
        if self.in_footnote:
            return
        self.end_block()
        if self._items:  # a lead-in that is only a label ("Our contributions:") adds nothing
            self.label_leads.extend(block for block in self._blocks if id(block) in self._label_only)
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

    def heading(self, level: int, source: Source, start: int, end: int) -> None:
        """A heading whose title is source.text[start:end]: a barrier, and where it stands."""
        self.barrier()
        if not self.in_footnote:
            self.headings.append((self.out.length, level, source, start, end))

    def begin_list(self, kind: str) -> None:
        """A list belongs to the paragraph before it, even across a blank line or a note."""
        if self.in_footnote:
            return
        if self._held:  # a lead-in that is only a label ("Our contributions:") is this list's paragraph
            self.end_block()
        if self._start is None and not self._blocks and self._attachable and self.paragraphs:
            last = self.paragraphs.pop()
            self._blocks, self._items = list(last.blocks), list(last.items)
        self._attachable = False
        if self._list_kind is None:
            self._list_kind = kind

    def begin_item(self, depth: int = 1) -> None:
        if not self.in_footnote:
            self.end_block()
            self._item = True
            self._depth = depth

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
