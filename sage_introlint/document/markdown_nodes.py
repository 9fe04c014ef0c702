"""The Markdown block tree: what the tree reader builds and the layouts read.

Its own module so that `kinds` (detection) and `layout` read the node types without importing
the reader, and the reader imports the layout without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Leftover, Problem, Source, Suppression


# --- the inline prose of one block ------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """Plain text standing for source[src_start:src_end]; `literal` when it is that slice."""

    text: str
    src_start: int
    src_end: int
    literal: bool = True
    checkable: bool = True
    note: bool = False  # a note to co-authors standing in the prose (`\\cite{}`): a Leftover


@dataclass
class Inline:
    """The prose of one paragraph, heading or item, and its run-in label (left out of prose)."""

    chunks: list[Chunk]
    line: int  # 1-based first source line of the block
    label: str = ""  # run-in heading such as "Cost model." or "Goal:"
    label_chunks: list[Chunk] = field(default_factory=list)
    emphasised: bool = False  # the whole block is one **strong** / *em* span
    notes: list[Leftover] = field(default_factory=list)  # raw LaTeX notes cut out of the prose

    @property
    def text(self) -> str:
        return "".join(chunk.text for chunk in self.chunks)

    @property
    def full_text(self) -> str:
        """Label and text, as a reader sees it (used to recognise titles, goals, notes)."""
        return (self.label + " " + self.text).strip() if self.label else self.text


# --- the block tree ---------------------------------------------------------------------------


@dataclass
class MdHeading:
    level: int  # 1-6 for real headings, 7 for a fully emphasised one-line paragraph
    inline: Inline

    @property
    def line(self) -> int:
        return self.inline.line


@dataclass
class MdParagraph:
    inline: Inline

    @property
    def line(self) -> int:
        return self.inline.line


@dataclass
class MdItem:
    """One list item: its first paragraph, then further paragraphs and nested lists."""

    inline: Inline | None
    children: list[MdParagraph | MdList] = field(default_factory=list)
    line: int = 0


@dataclass
class MdList:
    ordered: bool
    items: list[MdItem]
    line: int


@dataclass
class MdOther:
    """A non-prose block (code, HTML, display math, table): it separates a paragraph from a list."""

    what: str
    line: int
    comment_only: bool = False


MdNode = MdHeading | MdParagraph | MdList | MdOther


@dataclass
class MdTree:
    """Everything `layout.layout` needs: the in-scope nodes, footnotes and file-level facts."""

    source: Source
    nodes: list[MdNode]
    footnotes: list[MdParagraph]
    start_line: int
    suppressions: list[Suppression]
    problems: list[Problem]

