"""The LaTeX prose walker: nodes in document order -> prose, paragraphs, lists and footnotes."""

from __future__ import annotations

import logging
import re

from pylatexenc import latexwalker as lw
from pylatexenc.macrospec import ParsedVerbatimArgs

from .latex_commands import CommandReader
from .latex_files import Files
from .latex_labels import environment_title_end, opens_line, punctuation_after, text_follows
from .latex_parse import arguments, closed, is_macro, last_group, plain_words, raw_inside
from .latex_prose import ProseWriter, blank_line
from .latex_tables import (
    ACCENTS, BLANK_LINE, CITATIONS, EQUATION_REFERENCES, ESCAPES, FOOTNOTES, FORMATS, HEADING_LEVELS, INCLUDES, INLINE_CODE,
    LISTS, MATH_ENVIRONMENTS, MATH_PLACEHOLDER_MAX, NON_PROSE_ENVIRONMENTS, RAW_ENVIRONMENTS, REFERENCES, reference_text,
    RUN_IN_FORMATS, RUN_IN_HEADINGS, SILENT, SPACES, SPECIALS, WORDS, FONT_SWITCHES, is_code_environment,
)
from .math_letters import inline_math
from .model import Source


KNOWN = (
    set(ESCAPES) | SPACES | set(WORDS) | ACCENTS | CITATIONS | REFERENCES | EQUATION_REFERENCES | FOOTNOTES
    | FORMATS | set(HEADING_LEVELS) | RUN_IN_HEADINGS | INCLUDES | SILENT | set(INLINE_CODE)
    | {"url", "verb", "IEEEPARstart", "href", "par", "item"}
)


class Walker(CommandReader):
    """Walks nodes in document order and writes their prose."""

    def __init__(self, files: Files):
        self.files = files
        self.macros = files.macros
        self.known_macros = KNOWN
        self.prose = ProseWriter()
        self.list_depth = 0
        self.skip_to: tuple[Source, int] | None = None  # text already read (a label's "." after its braces)
        self._macro_lists = 0  # lists opened by a macro (`\\squishlist`) and not yet closed
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
        self.sequence(items)

    def nodes(self, source: Source, nodes: list, cursor: int) -> None:
        self.sequence([(source, node) for node in nodes if node is not None], (source, cursor))

    def sequence(self, items: list[tuple[Source, object]], cursor: tuple[Source, int] | None = None) -> None:
        """Sibling nodes in order; a command may take the siblings after it (`\\if 0 .. \\fi`, `\\isaac{..}`)."""
        index = 0
        while index < len(items):
            source, node = items[index]
            if cursor is not None and cursor[0] is source:
                self.gap(source, cursor[1], node.pos)
            following = self.step(items, index)
            last_source, last = items[following - 1]
            cursor = (last_source, last.pos + last.len)
            index = following

    def step(self, items: list[tuple[Source, object]], index: int) -> int:
        """Read items[index] (and the siblings a command takes); the index of the next item."""
        source, node = items[index]
        if self.skip_to is not None and self.skip_to[0] is source and node.pos + node.len < self.skip_to[1]:
            return index + 1  # read already: a label's section pointer, `\\textbf{X} (\\cref{x}).`
        following = self.command(items, index) if isinstance(node, lw.LatexMacroNode) else None
        if following is None:
            self.node(source, node)
            following = index + 1
        return following

    def gap(self, source: Source, start: int, end: int) -> None:
        """Whitespace pylatexenc kept in no node still separates words and paragraphs."""
        if end > start and not source.text[start:end].strip():
            self.whitespace(source, start, end)

    # ---- leaves

    def chars(self, source: Source, start: int, end: int) -> None:
        """Text between markup: one literal piece per run of lines, split only at blank lines."""
        text = source.text
        if self.skip_to is not None and self.skip_to[0] is source and start < self.skip_to[1] <= end:
            start = self.skip_to[1]
            self.skip_to = None
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
            self.literal(source, cursor, gap_start)
            self.whitespace(source, gap_start, gap_end)
            cursor = gap_end
            match = BLANK_LINE.search(text, cursor, core_end)
        self.literal(source, cursor, core_end)
        if end > core_end:
            self.whitespace(source, core_end, end)

    def literal(self, source: Source, start: int, end: int) -> None:
        """Plain text; `|code|` in it is inline code where the author made `|` a short verbatim."""
        if self.macros.short_verbs:
            for match in self.macros.short_verb_runs(source.text, start, end):
                self.prose.literal(source, start, match.start())
                self.prose.replace(match.group("code"), source, match.start(), match.end(), checkable=False)
                start = match.end()
        self.prose.literal(source, start, end)

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
            self.comment_end(source, node)
        elif isinstance(node, lw.LatexGroupNode):
            first = next((child for child in node.nodelist if child is not None and not (isinstance(child, lw.LatexCharsNode) and not child.chars.strip())), None)
            switch = is_macro(first, FONT_SWITCHES)
            self.format_groups(source, [node], label=switch and self.run_in(source, node.nodelist, node.pos + node.len, node.pos))
        elif isinstance(node, lw.LatexMacroNode):
            self.macro(source, node)
        elif isinstance(node, lw.LatexEnvironmentNode):
            self.environment(source, node)
        elif isinstance(node, lw.LatexMathNode):
            self.math(source, node)
        elif isinstance(node, lw.LatexSpecialsNode):
            self.special(source, node)

    def comment_end(self, source: Source, node) -> None:
        """The whitespace a comment swallowed: a blank line in it still ends the paragraph."""
        end = node.pos + node.len
        newline = source.text.find("\n", node.pos, end)
        if newline >= 0 and source.text.count("\n", newline, end) >= 2:
            self.whitespace(source, newline, end)

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
            text, checkable = inline_math(self.math_text(node), source.text, node.pos, end)
            self.prose.replace(text, source, node.pos, end, checkable=checkable)
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
        content = DISPLAY_TAIL.sub("", content)  # `.. \\}.` then `\\label{eq:x}`: the period still ends it
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
        elif (is_code_environment(name) or name in self.macros.code_environments) and is_closed:
            self.display_math(source, node)  # code inside a sentence keeps the sentence whole
        elif name in self.macros.list_environments or any(is_macro(child, {"item"}) for child in node.nodelist or []):
            self.list_environment(source, node, self.macros.kind_of(name))
        elif name in RAW_ENVIRONMENTS:  # never closed (reported): read its body rather than lose the file
            body = arguments(node)[0] if isinstance(node.nodeargd, ParsedVerbatimArgs) else None
            if isinstance(body, lw.LatexCharsNode):
                self.chars(source, body.pos, body.pos + body.len)
        else:
            if (title_end := environment_title_end(source.text, node)) is not None:
                self.skip_to = (source, title_end)  # `\begin{definition}[Locking]`: a label, not prose
            self.nodes(source, node.nodelist, start)

    def list_environment(self, source: Source, node, kind: str | None = None) -> None:
        """A list belongs to the paragraph it follows or interrupts; each item is a block.

        An item's text is read as any sibling sequence is, so a command that takes the siblings
        after it (`\\todo{..}`, an author macro, `\\if 0 .. \\fi`) works inside an item too. A
        bullet list whose items carry numbers as labels (`\\item[(1)]`) is a numbered list."""
        children = [child for child in node.nodelist if child is not None]
        items = [child for child in children if is_macro(child, {"item"})]
        kind = kind or LISTS[node.environmentname]
        self.prose.begin_list("ordered" if kind == "bullet" and numbered_labels(items) else kind)
        self.list_depth += 1
        pairs = [(source, child) for child in children]
        cursor, started, index = None, False, 0
        while index < len(children):  # as `sequence` does, without its frame: lists nest deeply
            child = children[index]
            if cursor is not None:
                self.gap(source, cursor, child.pos)
            if is_macro(child, {"item"}):
                started = True
                self.prose.begin_item(self.list_depth)
                self.trailing_space(source, child)
                following = index + 1
            else:
                following = self.step(pairs, index) if started else index + 1
            cursor = children[following - 1].pos + children[following - 1].len
            index = following
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
            self.citation_note(source, node, end)
        elif name in REFERENCES or name in EQUATION_REFERENCES:
            group = last_group(node)
            text = "(1)" if name in EQUATION_REFERENCES else reference_text(name, raw_inside(source, group) if group else "")
            self.prose.replace(text, source, node.pos, end, checkable=False)
        elif name == "url":
            group = last_group(node)
            self.prose.replace(raw_inside(source, group).strip() if group else "", source, node.pos, end, checkable=False)
        elif name == "verb" or name in INLINE_CODE:
            self.prose.replace(getattr(node.nodeargd, "verbatim_text", ""), source, node.pos, end, checkable=False)
        elif name in FOOTNOTES:
            self._footnotes.append((source, node))
        elif name == "IEEEPARstart":
            for arg in arguments(node):  # {T}{he}: the drop cap and the rest of the word
                self.node(source, arg)
        elif name in FORMATS or name == "href":
            self.format(source, node)
        elif name in HEADING_LEVELS or name in RUN_IN_HEADINGS:
            group = last_group(node)
            if group is None:
                self.prose.barrier()
            else:
                self.prose.heading(HEADING_LEVELS.get(name, 5), source, group.pos + 1, group.pos + group.len - 1)
        elif name == "par":
            if not (self.list_depth or self.prose.in_footnote):
                self.prose.end_paragraph()
        elif name == "item":
            self.prose.begin_item(max(self.list_depth, 1))
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
        label = node.macroname in RUN_IN_FORMATS and self.run_in(source, group.nodelist, group.pos + group.len, node.pos)
        with self.prose.as_code(node.macroname == "texttt"):  # code, as Markdown's `code`: no term finding
            self.format_groups(source, [group], label=label)

    def run_in(self, source: Source, nodes: list, end: int, start: int | None = None) -> bool:
        """Emphasis opening a block and ending in "." or ":" (inside or just after it) is a label.

        So is one that opens a source line inside a paragraph after a sentence or a colon (a
        lead-in "goals:" then one `\\textbf{Scalability:}` line per goal): it starts a block of
        its own, so the lines are sentences of their own."""
        if self.prose.in_footnote:
            return False
        label = " ".join(plain_words(nodes).split())
        if not label or not (label.endswith((".", ":")) or punctuation_after(source.text, end) is not None):
            return False
        if self.prose.at_block_start:
            return True
        if start is None or self.list_depth or not opens_line(source.text, start) \
                or not text_follows(source.text, end) or not self.prose.after_sentence_end(".?!:"):
            return False  # a whole emphasised line after "Hypothesis:" is the statement, not a label
        self.prose.end_block()
        return True

    def format_groups(self, source: Source, groups: list, label: bool = False) -> None:
        """Read groups as prose; with `label`, as the run-in label of the block they open."""
        opening = label and bool(groups) and self.prose.begin_label()
        for group in groups:
            self.nodes(source, group.nodelist, group.pos + 1)
        if opening:
            after = punctuation_after(source.text, groups[-1].pos + groups[-1].len)
            if after is not None:
                self.prose.literal(source, after, after + 1)
                self.skip_to = (source, after + 1)
            self.prose.end_label()

    def begin_macro_list(self, kind: str = "bullet") -> None:
        self.prose.begin_list(kind)
        self.list_depth += 1
        self._macro_lists += 1

    def end_macro_list(self) -> None:
        if self._macro_lists:
            self._macro_lists -= 1
            self.list_depth -= 1
            self.prose.end_list()


# what may follow a display's last printed character: a label, a tag, \\nonumber, spacing
DISPLAY_TAIL = re.compile(r"(?:\s*\\(?:label\{[^{}]*\}|tag\*?\{[^{}]*\}|nonumber|notag|[,;:!]|quad|qquad))+\s*\Z")
NUMBER_LABEL = re.compile(r"\W*(?:[A-Za-z]{0,2}\d{1,2}|[ivx]{1,4}|[a-h])\W*")


def numbered_labels(items: list) -> bool:
    """Do at least two items carry a label, each a number (`[(1)]`, `[1.]`, `[C2:]`, `[(ii)]`)?"""
    labels = [plain_words(arguments(item)[0].nodelist) if arguments(item) and arguments(item)[0] is not None else None
              for item in items]
    return len(items) >= 2 and all(label is not None and NUMBER_LABEL.fullmatch(label.strip()) for label in labels)
