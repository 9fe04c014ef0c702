"""The LaTeX prose walker: nodes in document order -> prose, paragraphs, lists and footnotes."""

from __future__ import annotations

import logging
import re

from pylatexenc import latexwalker as lw
from pylatexenc.macrospec import ParsedVerbatimArgs

from .latex_files import Files
from .latex_parse import arguments, closed, is_macro, last_group, plain_words, raw_inside
from .latex_prose import ProseWriter, blank_line
from .latex_tables import (
    ACCENTS, BLANK_LINE, CITATIONS, EQUATION_REFERENCES, ESCAPES, FOOTNOTES, FORMATS, HEADING_LEVELS, INCLUDES,
    LISTS, MATH_ENVIRONMENTS, MATH_PLACEHOLDER_MAX, NON_PROSE_ENVIRONMENTS, RAW_ENVIRONMENTS, REFERENCES,
    RUN_IN_FORMATS, RUN_IN_HEADINGS, RUN_IN_MAX_WORDS, SILENT, SPACES, SPECIALS, WORDS,
)
from .model import Source


class Walker:
    """Walks nodes in document order and writes their prose."""

    def __init__(self, files: Files):
        self.files = files
        self.prose = ProseWriter()
        self.list_depth = 0
        self._footnotes: list[tuple[Source, object]] = []
        self._to_text = None

    def finish(self) -> ProseWriter:
        self.prose.end_paragraph()
        index = 0
        while index < len(self._footnotes):  # footnotes may hold footnotes
            source, node = self._footnotes[index]
            index += 1
            self.prose.begin_footnote()
            group = last_group(node)
            if group is not None:
                self.nodes(source, group.nodelist, group.pos + 1)
            self.prose.end_footnote()
        self.prose.in_footnote = False
        return self.prose

    # ---- sequences

    def walk_items(self, items: list[tuple[Source, object]]) -> None:
        previous: tuple[Source, int] | None = None
        for source, node in items:
            if previous is not None and previous[0] is source:
                self.gap(source, previous[1], node.pos)
            self.node(source, node)
            previous = (source, node.pos + node.len)

    def nodes(self, source: Source, nodes: list, cursor: int) -> None:
        for node in nodes:
            if node is None:
                continue
            self.gap(source, cursor, node.pos)
            self.node(source, node)
            cursor = node.pos + node.len

    def gap(self, source: Source, start: int, end: int) -> None:
        """Whitespace pylatexenc kept in no node still separates words and paragraphs."""
        if end > start and not source.text[start:end].strip():
            self.whitespace(source, start, end)

    # ---- leaves

    def chars(self, source: Source, start: int, end: int) -> None:
        """Text between markup: one literal piece per run of lines, split only at blank lines."""
        text = source.text
        core_start, core_end = start, end
        while core_start < end and text[core_start].isspace():
            core_start += 1
        while core_end > core_start and text[core_end - 1].isspace():
            core_end -= 1
        if core_start > start:
            self.whitespace(source, start, core_start)
        cursor = core_start
        match = BLANK_LINE.search(text, core_start, core_end)
        while match is not None:  # widen to the whole whitespace run around the empty line
            gap_start, gap_end = match.start(), match.end()
            while gap_start > cursor and text[gap_start - 1].isspace():
                gap_start -= 1
            while gap_end < core_end and text[gap_end].isspace():
                gap_end += 1
            self.prose.literal(source, cursor, gap_start)
            self.whitespace(source, gap_start, gap_end)
            cursor = gap_end
            match = BLANK_LINE.search(text, cursor, core_end)
        self.prose.literal(source, cursor, core_end)
        if end > core_end:
            self.whitespace(source, core_end, end)

    def whitespace(self, source: Source, start: int, end: int) -> None:
        if not blank_line(source.text, start, end):
            self.prose.space(source, start, end)
        elif self.list_depth or self.prose.in_footnote:
            self.prose.space(source, start, end, " ")
        else:
            self.prose.end_paragraph()

    def trailing_space(self, source: Source, node) -> None:
        """The whitespace a control word swallowed (`\\ldots and`) still separates words."""
        end = node.pos + node.len
        start = end
        while start > node.pos and source.text[start - 1].isspace():
            start -= 1
        if end > start:
            self.whitespace(source, start, end)

    # ---- nodes

    def node(self, source: Source, node) -> None:
        if isinstance(node, lw.LatexCharsNode):
            self.chars(source, node.pos, node.pos + node.len)
        elif isinstance(node, lw.LatexCommentNode):
            return
        elif isinstance(node, lw.LatexGroupNode):
            self.nodes(source, node.nodelist, node.pos + 1)
        elif isinstance(node, lw.LatexMacroNode):
            self.macro(source, node)
        elif isinstance(node, lw.LatexEnvironmentNode):
            self.environment(source, node)
        elif isinstance(node, lw.LatexMathNode):
            self.math(source, node)
        elif isinstance(node, lw.LatexSpecialsNode):
            self.special(source, node)

    def special(self, source: Source, node) -> None:
        end = node.pos + node.len
        chars = node.specials_chars
        if chars == "~":
            self.prose.space(source, node.pos, end, " ")
        elif chars in SPECIALS:
            self.prose.replace(SPECIALS[chars], source, node.pos, end)
        else:
            self.prose.literal(source, node.pos, end)

    def math(self, source: Source, node) -> None:
        end = node.pos + node.len
        if not closed(source.text, node):  # reported; read what follows the lone `$` as prose
            self.nodes(source, node.nodelist, node.pos + len(node.delimiters[0] or ""))
        elif node.displaytype == "inline":
            self.prose.replace(self.math_text(node), source, node.pos, end, checkable=False)
        else:
            self.display_math(source, node)

    def display_math(self, source: Source, node) -> None:
        """Display math keeps its paragraph whole: a neutral `x` when prose surrounds it."""
        if self.prose.at_block_start:
            return
        end = node.pos + node.len
        ending = source.text[node.pos : end].rstrip()
        closing = re.search(r"(\\end\s*\{[^}]*\}|\\\]|\$\$)\Z", ending)
        content = ending[: closing.start()].rstrip() if closing else ending
        if not self.prose.has_pending:
            self.prose.space(source, node.pos, node.pos, " ")
        self.prose.replace("x." if content.endswith(".") else "x", source, node.pos, end, checkable=False)

    def math_text(self, node) -> str:
        """Short inline math as its unicode text (`3.1$\\times$` -> `3.1×`), else `x`."""
        if self._to_text is None:
            from pylatexenc.latex2text import LatexNodes2Text

            # latex2text logs a warning for every macro it cannot render; here "x" is the answer.
            logging.getLogger("pylatexenc.latex2text").setLevel(logging.ERROR)
            self._to_text = LatexNodes2Text(math_mode="text")
        try:
            text = " ".join(self._to_text.nodelist_to_text(node.nodelist).split())
        except Exception:
            return "x"
        return text if text and len(text) <= MATH_PLACEHOLDER_MAX else "x"

    def environment(self, source: Source, node) -> None:
        name = node.environmentname
        is_closed = closed(source.text, node)
        start = (node.nodelist[0].pos if node.nodelist and node.nodelist[0] is not None else node.pos)
        if name in LISTS:
            self.list_environment(source, node)
        elif name in MATH_ENVIRONMENTS and is_closed:
            self.display_math(source, node)
        elif name in NON_PROSE_ENVIRONMENTS and is_closed:
            return
        elif name in RAW_ENVIRONMENTS:  # never closed (reported): read its body rather than lose the file
            body = arguments(node)[0] if isinstance(node.nodeargd, ParsedVerbatimArgs) else None
            if isinstance(body, lw.LatexCharsNode):
                self.chars(source, body.pos, body.pos + body.len)
        else:
            self.nodes(source, node.nodelist, start)

    def list_environment(self, source: Source, node) -> None:
        """A list belongs to the paragraph it follows or interrupts; each item is a block."""
        self.prose.begin_list(LISTS[node.environmentname])
        self.list_depth += 1
        started = False
        cursor = None
        for child in node.nodelist:
            if child is None:
                continue
            if cursor is not None:
                self.gap(source, cursor, child.pos)
            cursor = child.pos + child.len
            if is_macro(child, {"item"}):
                started = True
                self.prose.begin_item()
                self.trailing_space(source, child)
            elif started:
                self.node(source, child)
        self.list_depth -= 1
        self.prose.end_list()

    def macro(self, source: Source, node) -> None:
        name = node.macroname
        end = node.pos + node.len
        if name in ESCAPES:
            self.prose.replace(ESCAPES[name], source, node.pos, end)
        elif name in SPACES:
            self.prose.space(source, node.pos, end, " ")
        elif name in WORDS:
            self.prose.replace(WORDS[name], source, node.pos, node.pos + 1 + len(name))
            self.trailing_space(source, node)
        elif name in ACCENTS and arguments(node):
            self.accent(source, node)
        elif name in CITATIONS:
            self.prose.replace("[1]", source, node.pos, end, checkable=False)
        elif name in REFERENCES or name in EQUATION_REFERENCES:
            self.prose.replace("(1)" if name in EQUATION_REFERENCES else "1", source, node.pos, end, checkable=False)
        elif name == "url":
            group = last_group(node)
            self.prose.replace(raw_inside(source, group).strip() if group else "", source, node.pos, end, checkable=False)
        elif name == "verb":
            self.prose.replace(getattr(node.nodeargd, "verbatim_text", ""), source, node.pos, end, checkable=False)
        elif name in FOOTNOTES:
            self._footnotes.append((source, node))
        elif name == "todo":
            self.prose.literal(source, node.pos, end)  # a placeholder the author must see
        elif name == "IEEEPARstart":
            for arg in arguments(node):  # {T}{he}: the drop cap and the rest of the word
                self.node(source, arg)
        elif name in FORMATS or name == "href":
            self.format(source, node)
        elif name in HEADING_LEVELS or name in RUN_IN_HEADINGS:
            self.prose.end_paragraph()
        elif name == "par":
            if not (self.list_depth or self.prose.in_footnote):
                self.prose.end_paragraph()
        elif name == "item":
            self.prose.begin_item()
        elif name in INCLUDES:
            included = self.files.include(source, node)
            if included is not None:
                self.nodes(included[0], included[1], 0)
        elif name in SILENT or arguments(node):
            return  # known commands with arguments (\vspace, \includegraphics, ...) are not prose
        else:
            self.trailing_space(source, node)  # unknown: drop the name; `{...}` after it is read as text

    def accent(self, source: Source, node) -> None:
        if self._to_text is None:
            self.math_text(lw.LatexMathNode("inline", nodelist=[]))
        try:
            text = self._to_text.nodelist_to_text([node])
        except Exception:
            text = ""
        self.prose.replace(text, source, node.pos, node.pos + node.len)

    def format(self, source: Source, node) -> None:
        """`\\emph{..}` and friends: their text is prose, unless it is a run-in heading."""
        group = last_group(node)
        if group is None:
            return
        if node.macroname in RUN_IN_FORMATS and self.prose.at_block_start and not self.prose.in_footnote:
            label = " ".join(plain_words(group.nodelist).split())
            if label.endswith(".") and len(label.split()) <= RUN_IN_MAX_WORDS:
                return
        self.nodes(source, group.nodelist, group.pos + 1)

