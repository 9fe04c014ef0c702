"""A LaTeX answer to prompt 2.1 (an outline) or 2.2 (one paragraph), read as one with `--kind`.

Under `--kind auto` every `.tex` file is an Introduction (REQUIREMENTS.md, section 1): the LaTeX
walker reads paragraphs with their lists. With `--kind outline` or `--kind paragraph` its prose
is seen as the Markdown front end's block tree (`markdown_nodes`): headings (`\\section*`,
`\\paragraph{..}`) with their titles, paragraphs with their run-in labels (`\\textbf{P2.}`),
lists with their nesting; `layout` then fills the kind's structure (entries, goals, bullets,
trimming points) as for Markdown. Under auto, `kinds.detect_kind` on the same tree only adds a
hint (`Document.reads_as`) that the paragraph-count finding passes on: "check it with --kind ...".

Only a file read alone is seen so (its prose all from that one file).
"""

from __future__ import annotations

import re

from .kinds import detect_kind
from .latex_prose import ProseWriter
from .layout import layout
from .markdown_nodes import Chunk, Inline, MdHeading, MdItem, MdList, MdNode, MdParagraph, MdTree
from .model import Document, Paragraph, Source, Span

COMMAND = re.compile(r"\\[A-Za-z@]+\*?|\\.|[{}]")
DASHES = (("---", "\u2014"), ("--", "\u2013"), ("~", " "), ("``", "\u201c"), ("''", "\u201d"))
# A line wholly in bold or italics (`\\textbf{Paragraph 3 (gaps)}`) heads what follows, as a
# Markdown line wholly in ** does.
EMPHASISED_LINE = re.compile(r"[ \t]*\\(?:textbf|textit|emph|textsc|textsl|underline)\s*\{(?P<inner>[^\n]*)\}[ \t]*[.:]?[ \t]*")
LABEL_GAP = re.compile(r"[\s}\].:;,\u2014\u2013-]*")  # between a run-in label and its block's text


def with_kind(doc: Document, prose: ProseWriter, source: Source, kind: str, headed: bool = False) -> Document:
    """The walker's Document, or the outline / paragraph answer it is (detected for "auto").

    `headed`: the prose stands under an Introduction heading (`\\section{Introduction}`): one
    paragraph there is a short Introduction, not an answer to prompt 2.2."""
    if kind == "intro":
        return doc
    tree = _tree(doc, prose, source)
    if tree is None:
        doc.kind = kind if kind != "auto" else doc.kind
        return doc
    if kind == "auto":  # every .tex file is an Introduction; what it reads as is a hint
        detected = detect_kind(tree)
        if detected != "intro" and not (detected == "paragraph" and headed):
            doc.reads_as = detected
        return doc
    shaped = layout(tree, kind)
    shaped.start = doc.start
    shaped.suppressions = doc.suppressions
    shaped.problems = doc.problems
    shaped.leftovers = doc.leftovers + shaped.leftovers
    shaped.spelled_out = doc.spelled_out
    return shaped


def plain_title(raw: str) -> str:
    """A title or label as a reader sees it: commands and braces dropped, dashes printed."""
    text = COMMAND.sub(lambda m: "" if m.group(0) in "{}" or m.group(0)[1:2].isalpha() else m.group(0)[1:], raw)
    for tex, printed in DASHES:
        text = text.replace(tex, printed)
    return " ".join(text.split())


def _chunks(doc: Document, source: Source, span: Span) -> list[Chunk] | None:
    """The pieces of doc.text[span] as chunks of `source`; None if one comes from another file."""
    chunks = []
    pieces = doc.source_map.pieces
    for piece in pieces[doc.source_map.index_at(span.start):]:
        if piece.plain_start >= span.end:
            break
        if piece.plain_end <= span.start:
            continue
        if piece.source is not source:
            return None
        text = doc.text[max(piece.plain_start, span.start) : min(piece.plain_end, span.end)]
        whole = piece.plain_start >= span.start and piece.plain_end <= span.end
        chunks.append(Chunk(text, piece.src_start, piece.src_end, piece.literal and whole, piece.checkable))
    return chunks


def _title(source: Source, start: int, end: int) -> Inline:
    raw = source.text[start:end]
    text = plain_title(raw)
    chunk = Chunk(text, start, end, text == raw)
    return Inline([chunk] if text else [], source.position(start).line)


class _Labels:
    """Run-in labels the walker left out of the prose, found again by the block they open."""

    def __init__(self, source: Source, heads: list[tuple[Source, int, int]]):
        self.source = source
        self.heads = sorted((end, start) for src, start, end in heads if src is source)

    def opening(self, src_start: int) -> tuple[int, int] | None:
        for end, start in reversed(self.heads):
            if end <= src_start:
                return (start, end) if LABEL_GAP.fullmatch(self.source.text, end, src_start) else None
        return None

    def inline(self, chunks: list[Chunk]) -> Inline:
        line = self.source.position(chunks[0].src_start).line
        found = self.opening(chunks[0].src_start)
        if found is None:
            return Inline(chunks, line)
        start, end = found
        label = plain_title(self.source.text[start:end])
        return Inline(chunks, self.source.position(start).line, label, [Chunk(label, start, end, False)])


def _tree(doc: Document, prose: ProseWriter, source: Source) -> MdTree | None:
    """The walker's prose as a Markdown block tree (None when it is not all from `source`)."""
    labels = _Labels(source, prose.run_in_heads)
    units: list[tuple[int, int, object]] = [(start, 0, (level, s, e)) for start, level, src, s, e in prose.headings
                                            if src is source]
    units += [(block.span.start, 1, Paragraph(block.span, [block])) for block in prose.label_leads]
    units += [(paragraph.span.start, 1, paragraph) for paragraph in prose.paragraphs]
    nodes: list[MdNode] = []
    for _, is_prose, unit in sorted(units, key=lambda u: (u[0], u[1])):
        if not is_prose:
            level, start, end = unit
            nodes.append(MdHeading(min(max(level, 1), 6), _title(source, start, end)))
            continue
        made = _paragraph_nodes(doc, source, unit, labels, prose.item_depths)
        if made is None:
            return None
        nodes.extend(made)
    footnotes = []
    for span in prose.footnotes:
        chunks = _chunks(doc, source, span)
        if chunks is None:
            return None
        if chunks:
            footnotes.append(MdParagraph(Inline(chunks, source.position(chunks[0].src_start).line)))
    return MdTree(source, nodes, footnotes, doc.start.line, doc.suppressions, doc.problems)


def _paragraph_nodes(doc, source, paragraph: Paragraph, labels: _Labels, depths: dict[int, int]) -> list[MdNode] | None:
    """A walked paragraph as nodes: each lead block a paragraph, then its items as a (nested) list."""
    nodes: list[MdNode] = []
    items: list[tuple[int, Inline]] = []
    for block in paragraph.blocks:
        chunks = _chunks(doc, source, block.span)
        if chunks is None:
            return None
        if not chunks:
            continue
        if block.item:
            items.append((depths.get(block.span.start, 1), labels.inline(chunks)))
        elif _emphasised(source, chunks):
            nodes.append(MdHeading(7, labels.inline(chunks)))
        else:
            nodes.append(MdParagraph(labels.inline(chunks)))
    if items:
        nodes.append(_nested(items, paragraph.list_kind == "ordered"))
    return nodes


def _emphasised(source: Source, chunks: list[Chunk]) -> bool:
    """Is the block one source line wholly inside one bold or italic group?"""
    start = source.text.rfind("\n", 0, chunks[0].src_start) + 1
    end = source.text.find("\n", chunks[-1].src_end)
    match = EMPHASISED_LINE.fullmatch(source.text, start, len(source.text) if end < 0 else end)
    if match is None or re.search(r"[.!?]\s+\S", match.group("inner")):  # two sentences in bold: prose
        return False
    depth = 0
    for char in match.group("inner"):  # the group opened first closes last
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _nested(items: list[tuple[int, Inline]], ordered: bool) -> MdList:
    """Items at their depths as a list whose deeper items are the children of the one before."""
    top = MdList(ordered, [], items[0][1].line)
    stack: list[tuple[int, MdList]] = [(items[0][0], top)]
    for depth, inline in items:
        while len(stack) > 1 and depth < stack[-1][0]:
            stack.pop()
        if depth > stack[-1][0] and stack[-1][1].items:
            inner = MdList(False, [], inline.line)
            stack[-1][1].items[-1].children.append(inner)
            stack.append((depth, inner))
        stack[-1][1].items.append(MdItem(inline, line=inline.line))
    return top

