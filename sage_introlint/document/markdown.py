"""Markdown front end: markdown-it-py tokens -> a block tree whose prose maps back to the source.

Reading happens in two steps. `read_tree` turns the file into `MdNode`s (headings, paragraphs,
lists, footnotes) whose inline prose is a list of `Chunk`s with exact source ranges; then
`layout.layout` decides the document kind (`kinds`) and writes the chunks through a `TextBuilder`.

Positions are found by walking forward through each block's own source lines, token by token,
in the order markdown-it produced them: nothing is ever searched for again in the whole file.

Decisions worth knowing:
- Nested list items belong to their top-level item: one `MdItem` per top-level item, its nested
  items kept as children (outlines need them), and in the plain text one Block per top-level item.
- A fully emphasised one-line paragraph (`**Paragraph 2: Gap**`) is a heading, not prose.
- Pandoc/MyST citations (`[@key]`, `@key`, `` {cite}`key` ``) and numeric `[12]` citations
  become the non-checkable placeholder `[1]`; bare URLs stay as text but are not checkable.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .front_matter import abstract_as_section
from .markdown_math import math_parenthesis_plugin

from . import suppression
from .source import is_introduction_title
from .layout import layout
from .markdown_glyph_lists import glyph_bullets_as_markdown
from .markdown_latex_lists import latex_floats_blanked, latex_lists_as_markdown
from .markdown_pandoc import (comments_stay_in_paragraphs, divs_blanked, kramdown_marks_as_headings, pandoc_blocks_as_commonmark,
                              without_heading_attributes)
from .markdown_critic import cut_marks
from .markdown_notes import cut_notes
from .markdown_inline import InlineReader, trim
from .markdown_layout_lines import layout_only
from .markdown_labels import emphasised_sentence, label_tail, run_in_label
from .markdown_nodes import Chunk, Inline, MdHeading, MdItem, MdList, MdNode, MdOther, MdParagraph, MdTree
from .model import Document, Problem, Source, Suppression

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DIAGRAM = re.compile(r"(?:→|->|=>|⇒|⟶).*(?:→|->|=>|⇒|⟶)|[≤≥=<>]\s*\d|\\frac")
# Headings of what follows an Introduction in the same file: the checked part ends there.
BACK_MATTER = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:references|bibliography|citations?|citation keys|works cited"
    r"|(?:(?:drafting|draft|writing|revision|review|editing|editorial|editor's|author's|authors'|internal)\s+)?notes"
    r"|endnotes|footnotes"
    r"|acknowledge?ments?|appendix|appendices)\b",
    re.IGNORECASE,
)

__all__ = ["Chunk", "Inline", "MdHeading", "MdItem", "MdList", "MdNode", "MdOther", "MdParagraph", "MdTree",
           "has_markdown_heading", "parse_markdown", "parser", "read_nodes", "read_tree", "tree_for"]


# --- markdown-it setup ------------------------------------------------------------------------

_PARSER: MarkdownIt | None = None
# markdown-it stops reading (silently) at this nesting depth; we report it and read on.
MAX_NESTING = 100


def parser() -> MarkdownIt:
    """CommonMark + tables, front matter, footnotes, `$` math and pandoc attributes; escapes and
    entities kept apart."""
    global _PARSER
    if _PARSER is None:
        md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
        md.use(front_matter_plugin).use(footnote_plugin)
        # pandoc/Quarto attributes after an image, link or code span (`![..](f.png){#fig:x
        # width="90%"}`) are markup, not words of the prose
        md.use(attrs_plugin)
        md.use(dollarmath_plugin, allow_space=False, allow_digits=True, allow_blank_lines=False, double_inline=True)
        md.use(math_parenthesis_plugin)  # `$$(b, h)` .. `$$` is math, not a labelled empty one
        comments_stay_in_paragraphs(md)
        md.disable("text_join")  # keep `text_special` (escapes, entities) so positions stay exact
        md.options["maxNesting"] = MAX_NESTING
        _PARSER = md
    return _PARSER


def has_markdown_heading(text: str) -> bool:
    """True when the text has at least one Markdown (ATX or setext) heading."""
    try:
        return any(token.type == "heading_open" for token in parser().parse(text))
    except Exception:  # noqa: BLE001 - a detector must never raise
        return False


# --- block walk -------------------------------------------------------------------------------


class _TreeReader:
    def __init__(self, source: Source):
        self.source = source
        self.suppressions: list[Suppression] = []
        self.problems: list[Problem] = []
        self.referenced_footnotes: dict[str, list[int]] = {}  # label -> source offsets of its references
        self.footnotes: dict[str, tuple[int, list[MdParagraph]]] = {}
        self.inline_footnotes: dict[str, int] = {}  # "^ID" -> source offset of an inline footnote's text
        self.front_matter_end = 0  # 0-based line after the front matter

    def collect_suppressions(self, html: str, offset: int) -> None:
        for match in _COMMENT.finditer(html):
            parsed = suppression.parse(match.group(1))
            if parsed is not None:
                at = self.source.position(offset + match.start())
                self.suppressions.append(Suppression(parsed[0], parsed[1], self.source.path, at.line, at.column))

    def inline(self, token, line_offset: int, allow_label: bool = True) -> Inline:
        reader = InlineReader(self, token, line_offset)
        children = [child for child in token.children or [] if not (child.type == "text" and not child.content)]
        label_count = run_in_label(children) if allow_label else 0
        label_chunks: list[Chunk] = []
        if label_count:
            reader.read(children[:label_count])
            label_chunks = reader.chunks
            reader.chunks = []
            rest = children[label_count:]
            tail = label_tail(rest[0].content) if rest and rest[0].type == "text" else ""
            if tail:
                at = reader._find(tail)
                if at >= 0:
                    label_chunks.append(Chunk(tail, at, at + len(tail)))
                    reader.cursor = at + len(tail)
                rest = [rest[0].copy(content=rest[0].content[len(tail):])] + rest[1:]
            reader.read(rest)
        else:
            reader.read(children)
        emphasised = (
            len(children) >= 3
            and children[0].type in ("strong_open", "em_open")
            and children[-1].type == children[0].type.replace("_open", "_close")
            and all(t.type not in ("softbreak", "hardbreak") for t in children)
        )
        label = "".join(chunk.text for chunk in label_chunks).strip()
        chunks, notes = cut_notes(self.source, reader.chunks)
        chunks, comments = cut_marks(self.source, chunks)
        notes = notes + comments if comments else notes
        return Inline(trim(chunks), token.map[0] + line_offset + 1, label, trim(label_chunks), emphasised, notes)

    def read(self, tokens, line_offset: int) -> tuple[list[MdNode], int | None]:
        """Top-level nodes of one parse; also the 0-based line of an unclosed fence, if any."""
        nodes: list[MdNode] = []
        index = 0
        unclosed: int | None = None
        while index < len(tokens):
            token = tokens[index]
            if token.type == "front_matter":
                self.front_matter_end = token.map[1] + line_offset
            elif token.type == "footnote_block_open":
                index = self._footnotes(tokens, index, line_offset)
            elif token.level == 0 and unclosed is None:
                node, index, fence = self._block(tokens, index, line_offset)
                if node is not None:
                    nodes.append(node)
                if fence is not None:
                    unclosed = fence  # the rest is re-parsed; only footnote definitions are kept
            index += 1
        return nodes, unclosed

    def _footnotes(self, tokens, index: int, line_offset: int) -> int:
        label = ""
        while index < len(tokens) and tokens[index].type != "footnote_block_close":
            token = tokens[index]
            if token.type == "footnote_open":
                label = token.meta.get("label") or f"^{token.meta.get('id')}"
            elif token.type == "inline" and token.map is None and label in self.inline_footnotes:
                # an inline footnote `^[..]` has no line map: its text starts where the reference put it
                line = self.source.position(self.inline_footnotes[label]).line - 1
                placed = token.copy(map=[line - line_offset, line - line_offset + token.content.count("\n") + 1])
                self.footnotes.setdefault(label, (line, []))[1].append(MdParagraph(self.inline(placed, line_offset)))
            elif token.type == "inline" and token.map is not None:
                line = token.map[0] + line_offset
                self.footnotes.setdefault(label, (line, []))[1].append(MdParagraph(self.inline(token, line_offset)))
            index += 1
        return index

    def _fence_unclosed(self, token, line_offset: int) -> bool:
        """A top-level fence whose last line is not a closing fence ran to the end of the file."""
        last = token.map[1] + line_offset  # 1-based number of the fence's last line
        if token.map[1] - token.map[0] >= 2 and last <= len(self.source.line_starts):
            closing = self.source.line_text(last).strip()
            if closing.startswith(token.markup) and closing.strip(token.markup[:1]) == "":
                return False
        return True

    def _block(self, tokens, index: int, line_offset: int):
        """One top-level block starting at tokens[index] -> (node, index of its last token, fence)."""
        token = tokens[index]
        kind = token.type
        line = (token.map[0] + line_offset + 1) if token.map else 0
        if kind == "heading_open":
            inline = self.inline(tokens[index + 1], line_offset, allow_label=False)
            inline.chunks = without_heading_attributes(inline.chunks)
            return MdHeading(int(token.tag[1:]), inline), index + 2, None
        if kind == "paragraph_open":
            inline_token = tokens[index + 1]
            content = inline_token.content
            if content.lstrip().startswith("$$") and content.count("$$") % 2 == 1:
                self.problems.append(
                    Problem(f"display math `$$` opened at line {line} is never closed", self.source.position(self.source.offset(line)))
                )
                return MdOther("math", line), index + 2, None
            if layout_only(content):
                return MdOther("layout", line, comment_only=True), index + 2, None
            if emphasised_sentence([c for c in inline_token.children or [] if c.type != "text" or c.content]):
                return MdParagraph(self.inline(inline_token, line_offset, allow_label=False)), index + 2, None
            inline = self.inline(inline_token, line_offset)
            if inline.emphasised and "\n" not in content.strip():
                return MdHeading(7, inline), index + 2, None
            return MdParagraph(inline), index + 2, None
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(tokens, index, line_offset)
        if kind in ("fence", "code_block"):
            if kind == "fence" and self._fence_unclosed(token, line_offset):
                self.problems.append(
                    Problem(f"code fence opened at line {line} is never closed", self.source.position(self.source.offset(line)))
                )
                return MdOther("code", line), index, line  # 0-based: the line after the opening
            return MdOther("code", line), index, None
        if kind == "html_block":
            self.collect_suppressions(token.content, self.source.offset(line))
            comment_only = re.fullmatch(r"\s*(?:<!--.*?-->\s*)+", token.content, re.DOTALL) is not None
            return MdOther("html", line, comment_only), index, None
        if kind.endswith("_open"):  # table, blockquote, math: skip to the matching close
            start = index
            closer = kind.replace("_open", "_close")
            depth = 0
            while index < len(tokens):
                if tokens[index].type == kind:
                    depth += 1
                elif tokens[index].type == closer:
                    depth -= 1
                    if depth == 0:
                        break
                if tokens[index].type == "html_inline" or tokens[index].type == "html_block":
                    self.collect_suppressions(tokens[index].content, self.source.offset(line))
                index += 1
            if kind == "blockquote_open":
                return self._quote(tokens, start, index, line_offset, line), index, None
            return MdOther(kind[: -len("_open")], line), index, None
        if token.map is not None:
            return MdOther(kind, line), index, None
        return None, index, None

    def _quote(self, tokens, start: int, end: int, line_offset: int, line: int) -> MdNode:
        """A blockquote holding one sentence-like paragraph is prose (a quoted question); one
        holding a formula or a diagram (`A -> B -> C`, `E2E <= 1/(...)`) is not. A run-in head
        opening it (`> **RQ1.** How ...?`) is a label, as at the start of a paragraph."""
        inlines = [token for token in tokens[start:end] if token.type == "inline"]
        if len(inlines) != 1 or inlines[0].map is None:
            return MdOther("quote", line)
        inline = self.inline(inlines[0], line_offset)
        text = inline.text.strip().rstrip("*_\"'”’)").rstrip()
        if not text.endswith((".", "?", "!", "。", "？", "！")) or _DIAGRAM.search(inline.text) or len(text.split()) < 4:
            return MdOther("quote", line)
        return MdParagraph(inline)

    def _list(self, tokens, index: int, line_offset: int):
        open_token = tokens[index]
        closer = open_token.type.replace("_open", "_close")
        result = MdList(open_token.type == "ordered_list_open", [], open_token.map[0] + line_offset + 1)
        level = open_token.level
        index += 1
        while index < len(tokens) and not (tokens[index].type == closer and tokens[index].level == level):
            token = tokens[index]
            if token.type == "list_item_open" and token.level == level + 1:
                item, index = self._item(tokens, index, line_offset)
                result.items.append(item)
            index += 1
        return result, index, None

    def _item(self, tokens, index: int, line_offset: int):
        open_token = tokens[index]
        item = MdItem(None, [], open_token.map[0] + line_offset + 1)
        level = open_token.level
        index += 1
        while index < len(tokens) and not (tokens[index].type == "list_item_close" and tokens[index].level == level):
            token = tokens[index]
            if token.type == "paragraph_open" and token.level == level + 1:
                inline = self.inline(tokens[index + 1], line_offset)
                if item.inline is None and not item.children:
                    item.inline = inline
                else:
                    item.children.append(MdParagraph(inline))
                index += 2
            elif token.type in ("bullet_list_open", "ordered_list_open") and token.level == level + 1:
                sub, index, _ = self._list(tokens, index, line_offset)
                item.children.append(sub)
            elif token.type in ("html_block", "html_inline"):
                self.collect_suppressions(token.content, self.source.offset(token.map[0] + line_offset + 1) if token.map else 0)
            elif token.type == "heading_open" and token.level == level + 1:
                index += 2
            index += 1
        return item, index


def _scope(nodes: list[MdNode], start_line: int) -> tuple[list[MdNode], int]:
    """The nodes under an "Introduction" heading (to the next heading at its level), else all."""
    for position, node in enumerate(nodes):
        if isinstance(node, MdHeading) and node.level <= 6 and is_introduction_title(node.inline.full_text):
            end = len(nodes)
            for later in range(position + 1, len(nodes)):
                other = nodes[later]
                if isinstance(other, MdHeading) and other.level <= node.level:
                    end = later
                    break
            return nodes[position + 1 : end], node.line
    return nodes, start_line


def _line_ranges(nodes: list[MdNode]) -> tuple[int, int]:
    return (nodes[0].line, nodes[-1].line) if nodes else (0, 0)


def read_nodes(source: Source) -> tuple[_TreeReader, list[MdNode], int]:
    """Parse the whole file (re-parsing after an unclosed fence): (reader, every top-level node,
    first line after the front matter). Paper mode cuts the nodes into sections itself."""
    reader = _TreeReader(source)
    md = parser()
    nodes: list[MdNode] = []
    line_offset = 0
    text = divs_blanked(pandoc_blocks_as_commonmark(kramdown_marks_as_headings(abstract_as_section(source.text))))
    text = glyph_bullets_as_markdown(text)
    lines = latex_lists_as_markdown(latex_floats_blanked(text)).split("\n")
    while True:
        chunk = "\n".join(lines[line_offset:])
        tokens = md.parse(chunk)
        found, unclosed = reader.read(tokens, line_offset)
        nodes.extend(found)
        deepest = max((t for t in tokens if t.map), key=lambda t: t.level, default=None)
        if deepest is not None and deepest.level >= MAX_NESTING - 2:
            line = deepest.map[0] + line_offset + 1
            reader.problems.append(Problem(
                f"lists or quotes nested more than {MAX_NESTING // 2} levels deep at line {line};"
                " the deeper text is not checked", source.position(source.offset(line))))
            unclosed = line if unclosed is None else min(unclosed, line)
        if unclosed is None:
            break
        # Re-read from the first blank line after the opening line: the lines right after an
        # unclosed fence are most likely its code, the text after a blank line most likely prose.
        line_offset = next((n for n in range(unclosed, len(lines)) if not lines[n].strip()), len(lines))
        if line_offset >= len(lines):
            break
    start = reader.front_matter_end + 1
    if start > len(source.line_starts):
        start = len(source.line_starts)
    return reader, nodes, start


def tree_for(reader: _TreeReader, nodes: list[MdNode], start_line: int, until: int | None = None) -> MdTree:
    """The MdTree of some of a file's nodes, with the footnotes they refer to or hold.

    A back-matter heading (References, Notes, Citation keys, ...) at any level ends the nodes:
    a reference list after an Introduction is not its prose. `until`: the line where the next
    node of the file starts (a section of a paper), so a footnote belongs to the section whose
    text refers to it, not to every section; None: a reference anywhere in the file counts.
    """
    end = next((n for n, node in enumerate(nodes) if n and isinstance(node, MdHeading) and node.level <= 6
                and BACK_MATTER.match(node.inline.full_text)), len(nodes))
    nodes = nodes[:end]
    first, last = _line_ranges(nodes)
    footnotes: list[MdParagraph] = []
    for label, (line, paragraphs) in reader.footnotes.items():
        references = reader.referenced_footnotes.get(label, ())
        if until is not None:
            references = [at for at in references if first <= reader.source.position(at).line < until]
        if references or first <= line + 1 <= max(last, first):
            footnotes.extend(paragraphs)
    return MdTree(reader.source, nodes, footnotes, start_line, reader.suppressions, reader.problems)


def read_tree(source: Source) -> MdTree:
    """The tree of the Introduction (or of the whole file when it has no Introduction heading)."""
    reader, nodes, start = read_nodes(source)
    scoped, start_line = _scope(nodes, start)
    return tree_for(reader, scoped, start_line)


def parse_markdown(source: Source, kind: str = "auto") -> Document:
    """Markdown source -> Document of the given kind ("auto" detects it). Never raises on input."""
    tree = read_tree(source)
    return layout(tree, kind)

