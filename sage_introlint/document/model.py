"""The document model every check reads: plain prose, its structure, and a map back to the source.

Front ends (Markdown, LaTeX) write the prose through a `TextBuilder`, which records for every
piece of plain text the source range it came from. Positions are therefore computed once, from
that map, and never by searching the source again for the matched text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# What a file holding an Introduction can be (`--kind`, the config's `kind:`, besides "auto").
INTRO_KINDS = ("intro", "outline", "paragraph")
# What a rule can apply to (a pack's `kinds:`): those, and "section", a paper section other
# than the Introduction (paper mode).
DOC_KINDS = INTRO_KINDS + ("section",)
# Characters a reader never sees, left in text pasted from Google Docs or Word: a soft hyphen
# ("seam\u00adless" shows as "seamless"), a zero-width space, a word joiner, a stray BOM.
INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


@dataclass(frozen=True)
class Position:
    """A place in a source file: 1-based line, 1-based column counted in characters."""

    path: str
    line: int
    column: int


class Source:
    """One file's text (after newline normalisation) with a line index."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.line_starts = [0]
        index = text.find("\n")
        while index >= 0:
            self.line_starts.append(index + 1)
            index = text.find("\n", index + 1)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(self.path, line + 1, offset - self.line_starts[line] + 1)

    def offset(self, line: int, column: int = 1) -> int:
        """Source offset of a 1-based line and column."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]


@dataclass(frozen=True)
class Piece:
    """A run of plain text and the source range it stands for.

    `literal` pieces equal their source slice character for character and map one to one.
    Other pieces are replacements (`~` -> space, `\\cite{k}` -> `[1]`, math -> its text) and map
    any offset inside them to the whole source range. `checkable` is False for text that stands
    for something that is not the author's words (citations, references, math, URLs, code):
    term rules never report inside it.
    """

    plain_start: int
    plain_end: int
    source: Source
    src_start: int
    src_end: int
    literal: bool
    checkable: bool


class SourceMap:
    """Maps offsets in the plain text back to (path, line, column) in the sources."""

    def __init__(self, pieces: list[Piece]):
        self.pieces = pieces
        self._starts = [piece.plain_start for piece in pieces]
        # The pieces that are not checkable, as two sorted lists: a question about a range is
        # one bisection, not a walk over its pieces (the builder writes pieces in order, apart).
        closed = [piece for piece in pieces if not piece.checkable]
        self.closed_starts = [piece.plain_start for piece in closed]
        self.closed_ends = [piece.plain_end for piece in closed]

    def index_at(self, offset: int) -> int:
        """Index of the piece that `position(offset)` reads (0 for an empty map)."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def _piece(self, offset: int) -> Piece | None:
        if not self.pieces:
            return None
        return self.pieces[self.index_at(offset)]

    def position(self, offset: int) -> Position:
        """Where the plain character at `offset` starts in the source."""
        piece = self._piece(offset)
        if piece is None:
            raise ValueError("empty source map")
        if piece.literal:
            delta = min(max(offset - piece.plain_start, 0), piece.src_end - piece.src_start)
            return piece.source.position(piece.src_start + delta)
        return piece.source.position(piece.src_start)

    def end_position(self, end: int) -> Position:
        """Where a span ending (exclusively) at plain offset `end` ends in the source."""
        piece = self._piece(max(end - 1, 0))
        if piece is None:
            raise ValueError("empty source map")
        if piece.literal:
            delta = min(max(end - piece.plain_start, 0), piece.src_end - piece.src_start)
            return piece.source.position(piece.src_start + delta)
        return piece.source.position(piece.src_end)

    def closed_between(self, start: int, end: int) -> range:
        """Indexes (into closed_starts/closed_ends) of the non-checkable pieces that overlap [start, end)."""
        return range(bisect.bisect_right(self.closed_ends, start), bisect.bisect_left(self.closed_starts, end))

    def is_checkable(self, start: int, end: int) -> bool:
        """True when no part of [start, end) stands for a citation, math, URL or code (for an empty
        range: when it is not inside such a piece)."""
        index = bisect.bisect_right(self.closed_ends, start)
        return index == len(self.closed_ends) or self.closed_starts[index] >= end


class TextBuilder:
    """Accumulates plain text while recording where each piece came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.pieces: list[Piece] = []

    @property
    def length(self) -> int:
        return self._length

    def text(self) -> str:
        return "".join(self._parts)

    def literal(self, source: Source, src_start: int, src_end: int, checkable: bool = True) -> None:
        """Copy source[src_start:src_end] verbatim (code is copied so, but not checkable), without
        the invisible characters (INVISIBLE)."""
        if src_end <= src_start:
            return
        text = source.text[src_start:src_end]
        if INVISIBLE.search(text) is None:
            self._add(text, source, src_start, src_end, True, checkable)
            return
        for piece in re.split(INVISIBLE, text):  # copied around them: the words read as they show
            if piece:
                self._add(piece, source, src_start, src_start + len(piece), True, checkable)
            src_start += len(piece) + 1

    def replace(self, text: str, source: Source, src_start: int, src_end: int, checkable: bool = True) -> None:
        """Write `text` standing for source[src_start:src_end] (a replacement, not a copy)."""
        if not text:
            return
        self._add(text, source, src_start, src_end, False, checkable)

    def _add(self, text: str, source: Source, src_start: int, src_end: int, literal: bool, checkable: bool) -> None:
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self.pieces.append(Piece(start, self._length, source, src_start, src_end, literal, checkable))

    def source_map(self) -> SourceMap:
        return SourceMap(list(self.pieces))


@dataclass(unsafe_hash=True, slots=True)
class Span:
    """A half-open range [start, end) of the document's plain text.

    Never changed once made (spans are keys of dicts and sets), but not a frozen dataclass: a
    check makes thousands (every word is one), and a frozen one costs twice as much to build.
    """

    start: int
    end: int


@dataclass(unsafe_hash=True, slots=True)
class Sentence(Span):
    pass


@dataclass
class Block:
    """A unit of prose the sentence splitter runs over on its own: a lead-in or one list item."""

    span: Span
    item: bool = False  # a list item: counts as at least one sentence


@dataclass
class Paragraph:
    """A paragraph of prose, with the list that directly follows or interrupts it."""

    span: Span
    blocks: list[Block]
    list_kind: str | None = None  # "ordered" or "bullet" when a list belongs to the paragraph
    items: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)  # filled by the sentence splitter

    @property
    def start(self) -> int:
        return self.span.start


@dataclass
class OutlineEntry:
    """One paragraph entry of an outline (answer to prompt 2.1)."""

    title: Span  # the "Paragraph 2: ..." heading or item text
    goal: Span | None
    bullets: list[Span]
    prose: list[Span]  # sentences written as prose paragraphs inside the entry

    def parts(self) -> list[Span]:
        """The entry's pieces in reading order: title, goal, bullets, then prose."""
        return [self.title] + ([self.goal] if self.goal else []) + list(self.bullets) + list(self.prose)

    @property
    def span(self) -> Span:
        """From the first piece's start to the last piece's end."""
        parts = self.parts()
        return Span(min(p.start for p in parts), max(p.end for p in parts))


@dataclass(frozen=True)
class Suppression:
    """An `introlint-disable`, `-enable` or `-disable-next-line` comment."""

    action: str  # "disable", "enable" or "disable-next-line"
    rules: tuple[str, ...]  # empty = every rule
    path: str
    line: int
    column: int = 1  # where the comment starts (`%` or `<!--`): an unused one is reported there


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input itself (unclosed environment, missing \\input)."""

    message: str
    position: Position


@dataclass(frozen=True)
class Division:
    """A subsection, `\\paragraph` or run-in head inside a paper section (a category, an experiment).

    `level` is the heading depth (2 a sibling section grouped into the section, 3 subsection,
    4 subsubsection, 5 `\\paragraph` or run-in head); `span` the plain text it heads.
    """

    title: str
    level: int
    start: Position  # the heading (or run-in head) itself
    span: Span


@dataclass(frozen=True)
class Figure:
    """A figure or table of a paper section: where it begins, and what the paper says about it."""

    what: str  # "figure" or "table"
    start: Position  # `\\begin{figure}` (LaTeX) or the image / table (Markdown)
    label: str | None
    caption: bool
    referenced: bool  # its label (LaTeX) or "Figure N" (Markdown) is referred to in the text
    text: str = ""  # a table's cells as plain words (a setup is often given only as a table)


@dataclass(frozen=True)
class Leftover:
    """Text left for co-authors, not for readers: a note macro (`\\todo{..}`, `\\rz{..}`) or an
    echoed prompt line. It is not prose (no sentence, no paragraph) but the `placeholder` rule
    reports it where it stands."""

    text: str  # as written, shortened for a message
    start: Position
    end: Position

    @classmethod
    def of(cls, source: Source, start: int, end: int, written: str | None = None) -> Leftover:
        """The note at `source.text[start:end]` (or `written`, that text with the front end's
        comments blanked): its words on one line, cut to 60 characters."""
        text = " ".join((source.text[start:end] if written is None else written).split())
        return cls(text if len(text) <= 60 else text[:59] + "…", source.position(start), source.position(end))


@dataclass
class Document:
    """One checked document: plain text, structure, and where everything came from."""

    path: str
    kind: str  # "intro", "outline" or "paragraph"
    text: str
    source_map: SourceMap
    start: Position  # the document's first line: its heading, or line 1
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Span] = field(default_factory=list)  # checked for language, not counted
    outline: list[OutlineEntry] = field(default_factory=list)
    trimming: list[Span] | None = None  # the paragraph answer's trimming points (None: no list)
    titled: bool = False  # the paragraph answer is headed "Paragraph 3 ..." (it answers prompt 2.2)
    details_note: Span | None = None  # the outline's note of details needed from the authors
    suppressions: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Paper mode (sage_introlint.paper): which section this is, and its divisions and figures.
    section: str | None = None
    divisions: list[Division] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # Rule-independent results the checks share (words of a span, prose units), computed once
    # per document by the helpers in checks/_text.py.
    cache: dict = field(default_factory=dict, repr=False, compare=False)
    leftovers: list[Leftover] = field(default_factory=list)
    # Run-in heads (`**Setup.**`, `\\textbf{TODO:}` opening a block) kept out of the prose, as
    # (source, start, end): searched like headings by lists that ask for it (`headings: true`).
    run_in_heads: list[tuple[Source, int, int]] = field(default_factory=list)
    # Acronyms a glossary command spells out (`\\acrfull{nic}`), where first: a definition whatever
    # the long form's initials.
    spelled_out: dict[str, Position] = field(default_factory=dict)
    # A `.tex` file read as an Introduction (as `--kind auto` reads every one) that has the shape of
    # an outline or a paragraph answer: that kind, for a hint in the paragraph-count finding.
    reads_as: str | None = None
    # Paper mode: the prose of the known sections before this one, in paper order (an acronym
    # spelled out, or already reported, in the Introduction is not reported again in Related Work).
    earlier: str = ""
    # ... and of the known sections after it (an acronym used here and spelled out only there).
    later: str = ""

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def position(self, offset: int) -> Position:
        return self.source_map.position(offset)

    def end_position(self, end: int) -> Position:
        return self.source_map.end_position(end)
