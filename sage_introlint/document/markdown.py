"""Markdown front end: markdown-it-py tokens -> a block tree whose prose maps back to the source.

Reading happens in two steps. `read_tree` turns the file into `MdNode`s (headings, paragraphs,
lists, footnotes) whose inline prose is a list of `Chunk`s with exact source ranges; then
`kinds.layout` decides the document kind and writes the chunks through a `TextBuilder`.

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

import functools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from . import suppression
from .source import is_introduction_title
from .model import Document, Problem, Source, Suppression

# --- the inline prose of one block ------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """Plain text standing for source[src_start:src_end]; `literal` when it is that slice."""

    text: str
    src_start: int
    src_end: int
    literal: bool = True
    checkable: bool = True


@dataclass
class Inline:
    """The prose of one paragraph, heading or item, and its run-in label (left out of prose)."""

    chunks: list[Chunk]
    line: int  # 1-based first source line of the block
    label: str = ""  # run-in heading such as "Cost model." or "Goal:"
    label_chunks: list[Chunk] = field(default_factory=list)
    emphasised: bool = False  # the whole block is one **strong** / *em* span

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
    """Everything `kinds.layout` needs: the in-scope nodes, footnotes and file-level facts."""

    source: Source
    nodes: list[MdNode]
    footnotes: list[MdParagraph]
    start_line: int
    suppressions: list[Suppression]
    problems: list[Problem]


# --- markdown-it setup ------------------------------------------------------------------------

_PARSER: MarkdownIt | None = None
# markdown-it stops reading (silently) at this nesting depth; we report it and read on.
MAX_NESTING = 100


def parser() -> MarkdownIt:
    """CommonMark + tables, front matter, footnotes and `$` math; escapes/entities kept apart."""
    global _PARSER
    if _PARSER is None:
        md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
        md.use(front_matter_plugin).use(footnote_plugin)
        md.use(dollarmath_plugin, allow_space=False, allow_digits=True, allow_blank_lines=False)
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


# --- prose-level patterns inside text tokens (not Markdown structure) -------------------------

_CITATION = re.compile(
    r"\[(?:see\s+|e\.g\.,?\s+|cf\.\s+)?-?@[\w][^\[\]\n]*\]"  # [@key], [see @a; @b, p. 3]
    r"|(?<![\w.@])@[A-Za-z_][\w:.\-/+]*\w"  # bare @key
    r"|\[\d+(?:\s*[,\u2013\-]\s*\d+)*\]"  # [12], [3, 5], [1-4]
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’”]")
_MYST_CITE = re.compile(r"\{cite(?::\w+)?\}$")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_LABEL_END = (".", ":")
_DIAGRAM = re.compile(r"(?:→|->|=>|⇒|⟶).*(?:→|->|=>|⇒|⟶)|[≤≥=<>]\s*\d|\\frac")
# Headings of what follows an Introduction in the same file: the checked part ends there.
BACK_MATTER = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:references|bibliography|citations?|citation keys|works cited|notes|endnotes|footnotes"
    r"|acknowledge?ments?|appendix|appendices)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def math_text(tex: str) -> str:
    """Short unicode text for inline math (`\\times` -> `×`), else `x`."""
    if len(tex) > 40:
        return "x"
    try:
        text = _latex_to_text().latex_to_text(tex).strip()
    except Exception:  # noqa: BLE001 - any odd math becomes a neutral placeholder
        return "x"
    if not text or len(text) > 12 or "\n" in text:
        return "x"
    return text


@functools.lru_cache(maxsize=1)
def _latex_to_text():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text")


# --- inline walk ------------------------------------------------------------------------------


class _InlineReader:
    """Turns one inline token's children into Chunks with source ranges.

    `cursor` walks forward through the block's source text; `line_starts` holds, for each line of
    the inline content, where that content starts in the source (after list/quote markers).
    """

    def __init__(self, tree: _TreeReader, token, line_offset: int):
        self.tree = tree
        self.source = tree.source
        self.text = tree.source.text
        first = token.map[0] + line_offset
        last = token.map[1] + line_offset
        self.first_line = first
        self.block_end = self.source.line_starts[last] - 1 if last < len(self.source.line_starts) else len(self.text)
        self.line_content_starts = self._content_starts(token.content, first)
        self.line_index = 0
        self.cursor = self.line_content_starts[0] if self.line_content_starts else self.source.line_starts[first]
        self.chunks: list[Chunk] = []

    def _content_starts(self, content: str, first: int) -> list[int]:
        starts = []
        for index, line_content in enumerate(content.split("\n")):
            line_no = first + index
            if line_no >= len(self.source.line_starts):
                break
            line_start = self.source.line_starts[line_no]
            line = self.source.line_text(line_no + 1).rstrip()
            wanted = line_content.rstrip()
            if wanted and line.endswith(wanted):
                starts.append(line_start + len(line) - len(wanted))
            else:
                starts.append(line_start)
        return starts

    # small helpers
    def _find(self, needle: str) -> int:
        if not needle:
            return -1
        return self.text.find(needle, self.cursor, self.block_end + 1)

    def _emit_text(self, content: str, start: int) -> None:
        """A verbatim run of prose, with citations and URLs inside it made non-checkable."""
        position = 0
        for match in _matches(content):
            if match.start() > position:
                self.chunks.append(Chunk(content[position : match.start()], start + position, start + match.start()))
            is_url = match.re is _URL
            placeholder = match.group(0) if is_url else "[1]"
            self.chunks.append(Chunk(placeholder, start + match.start(), start + match.end(), False, False))
            position = match.end()
        if position < len(content):
            self.chunks.append(Chunk(content[position:], start + position, start + len(content)))

    def _skip_link_tail(self) -> None:
        """Move past `](dest "title")`, `][ref]` or `]` after a link's text."""
        close = self._find("]")
        if close < 0:
            return
        pos = close + 1
        end = self.block_end + 1
        if pos < len(self.text) and self.text[pos] == "(":
            pos += 1
            while pos < end and self.text[pos] in " \t\n":
                pos += 1
            result = parseLinkDestination(self.text, pos, end)
            if result.ok:
                pos = result.pos
            while pos < end and self.text[pos] in " \t\n":
                pos += 1
            if pos < end and self.text[pos] in "\"'(":
                title = parseLinkTitle(self.text, pos, end)
                if title.ok:
                    pos = title.pos
            paren = self.text.find(")", pos, end)
            pos = paren + 1 if paren >= 0 else pos
        elif pos < len(self.text) and self.text[pos] == "[":
            bracket = self.text.find("]", pos, end)
            pos = bracket + 1 if bracket >= 0 else pos
        self.cursor = pos

    def _code_span_end(self, start: int, markup: str) -> int:
        """End of a code span opened at `start` with `markup` backticks."""
        pos = start + len(markup)
        end = self.block_end + 1
        while True:
            found = self.text.find(markup, pos, end)
            if found < 0:
                return min(end, len(self.text))
            after = found + len(markup)
            if (found == 0 or self.text[found - 1] != "`") and (after >= len(self.text) or self.text[after] != "`"):
                return after
            pos = found + 1

    def read(self, tokens, emit: bool = True) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "text":
                at = self._find(token.content)
                if at >= 0:
                    if emit:
                        self._emit_text(token.content, at)
                    self.cursor = at + len(token.content)
                elif emit and token.content:
                    self.chunks.append(Chunk(token.content, self.cursor, self.cursor, False))
            elif kind in ("softbreak", "hardbreak"):
                at = self.text.find("\n", self.cursor, self.block_end + 1)
                self.line_index += 1
                if at >= 0:
                    if emit:
                        self.chunks.append(Chunk("\n", at, at + 1))
                    self.cursor = at + 1
                if self.line_index < len(self.line_content_starts):
                    self.cursor = max(self.cursor, self.line_content_starts[self.line_index])
            elif kind == "text_special":
                at = self._find(token.markup)
                if at >= 0:
                    if emit:
                        self.chunks.append(Chunk(token.content, at, at + len(token.markup), False))
                    self.cursor = at + len(token.markup)
            elif kind == "code_inline":
                at = self._find(token.markup)
                if at >= 0:
                    end = self._code_span_end(at, token.markup)
                    previous = self.chunks[-1] if self.chunks else None
                    if emit and previous is not None and previous.literal and _MYST_CITE.search(previous.text):
                        # {cite}`key`: a MyST citation role
                        cut = _MYST_CITE.search(previous.text).start()
                        self.chunks[-1] = Chunk(previous.text[:cut], previous.src_start, previous.src_start + cut)
                        self.chunks.append(Chunk("[1]", previous.src_start + cut, end, False, False))
                    elif emit:
                        self.chunks.append(Chunk(token.content, at, end, False, False))
                    self.cursor = end
            elif kind in ("math_inline", "math_inline_double"):
                at = self._find(token.markup)
                if at >= 0:
                    end = self.text.find(token.markup, at + len(token.markup) + max(len(token.content.split("\n")[0]), 1) - 1, self.block_end + 1)
                    end = end + len(token.markup) if end >= 0 else at + len(token.markup)
                    if emit:
                        self.chunks.append(Chunk(math_text(token.content), at, end, False, False))
                    self.cursor = end
            elif kind == "link_open" and token.markup in ("autolink", "linkify"):
                close = index + 1
                while close < len(tokens) and tokens[close].type != "link_close":
                    close += 1
                label = "".join(t.content for t in tokens[index + 1 : close])
                at = self._find("<" + label) if token.markup == "autolink" else self._find(label)
                if at >= 0:
                    end = at + len(label) + (2 if token.markup == "autolink" else 0)
                    if emit:
                        self.chunks.append(Chunk(label, at, end, False, False))
                    self.cursor = end
                index = close
            elif kind == "link_open":
                at = self._find("[")
                if at >= 0:
                    self.cursor = at + 1
            elif kind == "link_close":
                self._skip_link_tail()
            elif kind == "image":
                at = self._find("![")
                if at >= 0:
                    self.cursor = at + 2
                    self.read(token.children or [], emit=False)
                    self._skip_link_tail()
            elif kind == "footnote_ref":
                at = self._find("[^")
                if at >= 0:
                    close = self.text.find("]", at, self.block_end + 1)
                    self.cursor = close + 1 if close >= 0 else at + 2
                    self.tree.referenced_footnotes.add(token.meta.get("label", ""))
            elif kind == "html_inline":
                at = self._find(token.content)
                if at >= 0:
                    self.tree.collect_suppressions(token.content, at)
                    self.cursor = at + len(token.content)
            elif token.markup:  # em/strong/s open and close, anything else with source markup
                at = self._find(token.markup)
                if at >= 0:
                    self.cursor = at + len(token.markup)
            index += 1


def _matches(content: str):
    """Citation and URL matches in a text run, in order, not overlapping."""
    found = sorted(list(_CITATION.finditer(content)) + list(_URL.finditer(content)), key=lambda m: m.start())
    position = 0
    for match in found:
        if match.start() >= position:
            yield match
            position = match.end()


def _run_in_label(children) -> int:
    """Number of leading tokens that form a run-in heading (`**Cost model.**`, `*Goal*:`), else 0."""
    if not children or children[0].type not in ("strong_open", "em_open"):
        return 0
    closer = children[0].type.replace("_open", "_close")
    depth = 0
    for index, token in enumerate(children):
        if token.type == children[0].type:
            depth += 1
        elif token.type == closer:
            depth -= 1
            if depth == 0:
                inside = "".join(t.content for t in children[1:index] if t.type in ("text", "text_special")).strip()
                if not inside:
                    return 0
                after = children[index + 1] if index + 1 < len(children) else None
                if inside.endswith(_LABEL_END):
                    return index + 1
                if after is not None and after.type == "text" and after.content[:1] in _LABEL_END:
                    return index + 1  # the ":" or "." after the closer is stripped with the label
                return 0
    return 0


def _trim(chunks: list[Chunk]) -> list[Chunk]:
    """Drop leading/trailing whitespace and punctuation left by a removed label, keeping maps exact."""
    out = list(chunks)
    while out and out[0].literal:
        stripped = out[0].text.lstrip(" \t\n")
        cut = len(out[0].text) - len(stripped)
        if not stripped:
            out.pop(0)
            continue
        if cut:
            out[0] = Chunk(stripped, out[0].src_start + cut, out[0].src_end)
        break
    while out and out[-1].literal and not out[-1].text.rstrip(" \t\n"):
        out.pop()
    if out and out[-1].literal:
        kept = out[-1].text.rstrip(" \t\n")
        out[-1] = Chunk(kept, out[-1].src_start, out[-1].src_start + len(kept))
    return out


# --- block walk -------------------------------------------------------------------------------


class _TreeReader:
    def __init__(self, source: Source):
        self.source = source
        self.suppressions: list[Suppression] = []
        self.problems: list[Problem] = []
        self.referenced_footnotes: set[str] = set()
        self.footnotes: dict[str, tuple[int, list[MdParagraph]]] = {}
        self.front_matter_end = 0  # 0-based line after the front matter

    def collect_suppressions(self, html: str, offset: int) -> None:
        for match in _COMMENT.finditer(html):
            parsed = suppression.parse(match.group(1))
            if parsed is not None:
                line = self.source.position(offset + match.start()).line
                self.suppressions.append(Suppression(parsed[0], parsed[1], self.source.path, line))

    def inline(self, token, line_offset: int, allow_label: bool = True) -> Inline:
        reader = _InlineReader(self, token, line_offset)
        children = [child for child in token.children or [] if not (child.type == "text" and not child.content)]
        label_count = _run_in_label(children) if allow_label else 0
        label_chunks: list[Chunk] = []
        if label_count:
            reader.read(children[:label_count])
            label_chunks = reader.chunks
            reader.chunks = []
            rest = children[label_count:]
            if rest and rest[0].type == "text" and rest[0].content[:1] in _LABEL_END:
                at = reader._find(rest[0].content[:1])
                if at >= 0:
                    label_chunks.append(Chunk(rest[0].content[:1], at, at + 1))
                    reader.cursor = at + 1
                rest = [rest[0].copy(content=rest[0].content[1:])] + rest[1:]
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
        return Inline(_trim(reader.chunks), token.map[0] + line_offset + 1, label, _trim(label_chunks), emphasised)

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
                label = token.meta.get("label", "")
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
            return MdHeading(int(token.tag[1:]), inline), index + 2, None
        if kind == "paragraph_open":
            inline_token = tokens[index + 1]
            content = inline_token.content
            if content.lstrip().startswith("$$") and content.count("$$") % 2 == 1:
                self.problems.append(
                    Problem(f"display math `$$` opened at line {line} is never closed", self.source.position(self.source.offset(line)))
                )
                return MdOther("math", line), index + 2, None
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
        holding a formula or a diagram (`A -> B -> C`, `E2E <= 1/(...)`) is not."""
        inlines = [token for token in tokens[start:end] if token.type == "inline"]
        if len(inlines) != 1 or inlines[0].map is None:
            return MdOther("quote", line)
        inline = self.inline(inlines[0], line_offset, allow_label=False)
        text = inline.text.strip().rstrip("*_\"'”’)").rstrip()
        if not text.endswith((".", "?", "!")) or _DIAGRAM.search(inline.text) or len(text.split()) < 4:
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
    lines = source.text.split("\n")
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


def tree_for(reader: _TreeReader, nodes: list[MdNode], start_line: int) -> MdTree:
    """The MdTree of some of a file's nodes, with the footnotes they refer to or hold.

    A back-matter heading (References, Notes, Citation keys, ...) at any level ends the nodes:
    a reference list after an Introduction is not its prose.
    """
    end = next((n for n, node in enumerate(nodes) if n and isinstance(node, MdHeading) and node.level <= 6
                and BACK_MATTER.match(node.inline.full_text)), len(nodes))
    nodes = nodes[:end]
    first, last = _line_ranges(nodes)
    footnotes: list[MdParagraph] = []
    for label, (line, paragraphs) in reader.footnotes.items():
        if label in reader.referenced_footnotes or first <= line + 1 <= max(last, first):
            footnotes.extend(paragraphs)
    return MdTree(reader.source, nodes, footnotes, start_line, reader.suppressions, reader.problems)


def read_tree(source: Source) -> MdTree:
    """The tree of the Introduction (or of the whole file when it has no Introduction heading)."""
    reader, nodes, start = read_nodes(source)
    scoped, start_line = _scope(nodes, start)
    return tree_for(reader, scoped, start_line)


def parse_markdown(source: Source, kind: str = "auto") -> Document:
    """Markdown source -> Document of the given kind ("auto" detects it). Never raises on input."""
    from . import kinds

    tree = read_tree(source)
    return kinds.layout(tree, kind)
