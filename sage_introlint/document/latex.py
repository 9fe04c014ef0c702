"""LaTeX front end: pylatexenc nodes -> Document (prose, paragraphs, lists, footnotes, \\input).

The walker writes every piece of prose through a `TextBuilder`, so each plain character knows
the file, line and column it came from, also across `\\input` files. pylatexenc parses in
tolerant mode; what it could not close (an environment, a brace, a `$`) becomes a `Problem` at
the opening position and its contents are still read as prose, so nothing after a defect is lost.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass, field

from pylatexenc import latexwalker as lw
from pylatexenc.macrospec import (
    EnvironmentSpec,
    LatexContextDb,
    MacroSpec,
    MacroStandardArgsParser,
    ParsedVerbatimArgs,
)

from ..errors import InputError
from . import is_introduction_title
from .model import Block, Document, Paragraph, Problem, Source, Span, Suppression, TextBuilder

# Sectioning levels: a scope that starts at a heading ends at the next one of the same or a higher level.
HEADING_LEVELS = {"part": 0, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4}
RUN_IN_HEADINGS = {"paragraph", "subparagraph"}
# A bold/italic label at the start of a paragraph or item is a run-in heading only when it ends
# with a period and is this short; a longer bold sentence ("Task performance does not predict
# estimation quality.") is a topic sentence the author wants counted.
RUN_IN_MAX_WORDS = 6
RUN_IN_FORMATS = {"textbf", "textit", "emph", "textsc", "underline", "textsl"}
FORMATS = RUN_IN_FORMATS | {
    "texttt", "textsf", "textrm", "textup", "textmd", "textnormal", "text", "uline", "mbox",
    "textcolor", "colorbox", "hl", "textsuperscript", "textsubscript", "MakeUppercase",
    "MakeLowercase", "hbox", "fbox", "textls", "hyperref",
}
CITATIONS = {
    "cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "citeyearpar",
    "citenum", "citefullauthor", "Cite", "Citep", "Citet", "Citealp", "Citealt", "Citeauthor",
    "parencite", "Parencite", "textcite", "Textcite", "autocite", "Autocite", "footcite",
    "smartcite", "supercite", "citetalias", "citepalias",
}
REFERENCES = {"ref", "cref", "Cref", "autoref", "Autoref", "pageref", "nameref", "vref", "Vref", "labelcref", "cpageref", "subref"}
EQUATION_REFERENCES = {"eqref"}
SILENT = {"label", "nocite", "index", "glossary", "footnotemark", "xspace", "@", "/", "-", "noindent", "bibliography", "bibliographystyle"}
FOOTNOTES = {"footnote", "footnotetext", "thanks"}
INCLUDES = {"input", "include", "subfile"}
ESCAPES = {"%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}"}
SPACES = {"\\", " ", ",", ";", ":", "quad", "qquad", "enspace", "thinspace", "newline", "linebreak", "hfill", "smallskip", "medskip", "bigskip"}
WORDS = {
    "ldots": "…", "dots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX",
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "S": "§", "P": "¶", "textasciitilde": "~",
    "textbackslash": "\\", "textbar": "|", "textless": "<", "textgreater": ">", "copyright": "©",
    "textregistered": "®", "texttrademark": "™", "textdegree": "°", "eg": "e.g.", "ie": "i.e.",
    "etal": "et al.", "etc": "etc.", "vs": "vs.", "cf": "cf.", "wrt": "w.r.t.",
}
ACCENTS = {"'", "`", '"', "^", "~", "=", ".", "c", "H", "k", "b", "d", "r", "u", "v", "t"}
SPECIALS = {"~": None, "--": "–", "---": "—", "``": "“", "''": "”", "!`": "¡", "?`": "¿", "&": ""}
LISTS = {"itemize": "bullet", "description": "bullet", "compactitem": "bullet", "enumerate": "ordered", "compactenum": "ordered", "asparaenum": "ordered", "inparaenum": "ordered"}
MATH_ENVIRONMENTS = {
    "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
    "eqnarray", "eqnarray*", "flalign", "flalign*", "alignat", "alignat*", "displaymath", "split",
    "dmath", "dmath*",
}
NON_PROSE_ENVIRONMENTS = {
    "figure", "figure*", "table", "table*", "algorithm", "algorithm*", "algorithmic", "lstlisting",
    "verbatim", "verbatim*", "Verbatim", "minted", "tabular", "tabular*", "tabularx", "tikzpicture",
    "wrapfigure", "wraptable", "subfigure", "subtable", "thebibliography", "comment", "center",
    "minipage", "picture", "lstlisting*", "code", "abstract",
}
RAW_ENVIRONMENTS = ("lstlisting", "verbatim*", "Verbatim", "minted", "comment", "code")
SUPPRESSION_ACTIONS = ("introlint-disable-next-line", "introlint-disable", "introlint-enable")
MATH_PLACEHOLDER_MAX = 16
CACHE_MAX_CHARS = 512 * 1024  # parsed node lists kept for re-checks only for intro-sized files
_RULE_ID = re.compile(r"[A-Za-z][\w.-]*\Z")
_BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")  # anchored at a newline: linear even on long space runs


def parse_latex(source: Source, base_dir: str) -> Document:
    """Read a LaTeX file (and what it `\\input`s) into an intro Document; never raises on bad input."""
    files = _Files(source, base_dir)
    top = files.flatten(source, _document_body(files.parse(source)))
    heading, body = _introduction_scope(top)
    walker = _Walker(files)
    walker.walk_items(body)
    prose = walker.finish()
    start = heading[0].position(heading[1].pos) if heading else source.position(0)
    return Document(
        path=source.path,
        kind="intro",
        text=prose.out.text(),
        source_map=prose.out.source_map(),
        start=start,
        paragraphs=prose.paragraphs,
        footnotes=prose.footnotes,
        suppressions=files.suppressions,
        problems=files.problems,
    )


# --------------------------------------------------------------------------- parsing and files


class _RawBody(MacroStandardArgsParser):
    """Takes an environment's body verbatim up to its `\\end{name}` (code listings, comments)."""

    def __init__(self, name: str):
        super().__init__(argspec="")
        self.name = name

    def parse_args(self, w, pos, parsing_state=None):
        end = w.s.find("\\end{%s}" % self.name, pos)
        end = len(w.s) if end < 0 else end
        node = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars=w.s[pos:end], pos=pos, len=end - pos)
        return ParsedVerbatimArgs(verbatim_chars_node=node), pos, end - pos


class _FastContextDb(LatexContextDb):
    """pylatexenc's context with a quick reject for specials: most characters start none."""

    def freeze_specials(self) -> None:
        self._special_starts = {spec.specials_chars[0] for spec in self.iter_specials_specs()}

    def test_for_specials(self, s, pos, parsing_state=None):
        if pos < len(s) and s[pos] not in self._special_starts:
            return None
        return super().test_for_specials(s, pos, parsing_state)


class _RunWalker(lw.LatexWalker):
    """pylatexenc's walker, reading a run of letters and digits as one 'char' token.

    pylatexenc makes one token per character, and that is most of its time. A letter or digit
    never starts anything special, so a run of them reads the same as its characters one by
    one; except where a macro takes a single unbraced character as its argument (`x^23`,
    `\\frac12`), which is read through `get_latex_expression`: there tokens stay single.
    """

    _single = 0

    def get_latex_expression(self, *args, **kwargs):
        self._single += 1
        try:
            return super().get_latex_expression(*args, **kwargs)
        finally:
            self._single -= 1

    def get_token(self, pos, *args, **kwargs):
        token = super().get_token(pos, *args, **kwargs)
        if token.tok != "char" or self._single or token.len != 1 or not token.arg.isalnum():
            return token
        text, end = self.s, token.pos + 1
        while end < len(text) and text[end].isalnum():
            end += 1
        if end == token.pos + 1:
            return token
        return lw.LatexToken(tok="char", arg=text[token.pos:end], pos=token.pos, len=end - token.pos,
                             pre_space=token.pre_space)


_CONTEXT: LatexContextDb | None = None


def _context() -> LatexContextDb:
    """The macro table, built once: pylatexenc's defaults plus the macros papers use."""
    global _CONTEXT
    if _CONTEXT is None:
        default = lw.get_default_latex_context_db()
        db = _FastContextDb()
        db.add_context_category(
            "introlint",
            macros=[
                MacroSpec("IEEEPARstart", "{{"),
                MacroSpec("href", "[{{"),
                MacroSpec("paragraph", "*[{"),
                MacroSpec("todo", "[{"),
                MacroSpec("footnotetext", "[{"),
                MacroSpec("thanks", "{"),
                MacroSpec("subfile", "{"),
                MacroSpec("underline", "{"),
                MacroSpec("uline", "{"),
                MacroSpec("hl", "{"),
                MacroSpec("textsuperscript", "{"),
                MacroSpec("textsubscript", "{"),
                MacroSpec("textnormal", "{"),
                MacroSpec("hyperref", "[{"),
                MacroSpec("vspace", "*{"),
                MacroSpec("hspace", "*{"),
            ]
            + [MacroSpec(name, "*[[{") for name in CITATIONS]
            + [MacroSpec(name, "*{") for name in REFERENCES | EQUATION_REFERENCES],
            environments=[EnvironmentSpec(name, "[") for name in LISTS]
            + [EnvironmentSpec(name, args_parser=_RawBody(name)) for name in RAW_ENVIRONMENTS]
            + [EnvironmentSpec(name, "[") for name in ("algorithm", "algorithm*", "wrapfigure", "wraptable")],
        )
        for category in default.category_list:
            db.add_context_category(
                category,
                macros=default.iter_macro_specs([category]),
                environments=default.iter_environment_specs([category]),
                specials=default.iter_specials_specs([category]),
            )
        db.freeze_specials()
        _CONTEXT = db
    return _CONTEXT


@functools.lru_cache(maxsize=8)
def parse_nodes(text: str) -> list:
    """pylatexenc's node list for a text (read-only afterwards).

    pylatexenc is most of the parse time; re-checking an unchanged file (an editor, the warm API
    path) reuses the nodes.
    """
    walker = _RunWalker(text, latex_context=_context(), tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    return nodes


def _document_body(nodes: list) -> list:
    """The nodes inside `\\begin{document}` when there is one, else all of them."""
    for node in nodes:
        if isinstance(node, lw.LatexEnvironmentNode) and node.environmentname == "document":
            return node.nodelist
    return nodes


@dataclass
class _Files:
    """Parses each file once, follows `\\input`, and collects input problems and suppressions."""

    top: Source
    base_dir: str
    problems: list[Problem] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)

    def __post_init__(self) -> None:
        top_path = self.top.path if os.path.isfile(self.top.path) else os.path.join(self.base_dir, os.path.basename(self.top.path))
        self._folder = {id(self.top): self.base_dir}
        self._real = {id(self.top): os.path.realpath(top_path)}
        self._parent: dict[int, Source] = {}

    def problem(self, source: Source, pos: int, message: str) -> None:
        self.problems.append(Problem(message, source.position(pos)))

    def parse(self, source: Source) -> list:
        try:
            nodes = parse_nodes(source.text) if len(source.text) <= CACHE_MAX_CHARS else parse_nodes.__wrapped__(source.text)
        except RecursionError:
            self.problem(source, 0, "LaTeX nested too deeply to read")
            return []
        except Exception as error:  # pylatexenc failing outright must not stop the run
            self.problem(source, 0, f"could not read the LaTeX: {error}")
            return []
        try:
            _Inspector(self, source).nodelist(nodes, 0, len(source.text), top=True)
        except RecursionError:
            self.problem(source, 0, "LaTeX nested too deeply to read")
        return nodes

    def flatten(self, source: Source, nodes: list) -> list[tuple[Source, object]]:
        """Top-level nodes with `\\input` files spliced in, each with the Source it comes from."""
        items: list[tuple[Source, object]] = []
        for node in nodes:
            if _is_macro(node, INCLUDES):
                included = self.include(source, node)
                if included is not None:
                    items.extend(self.flatten(*included))
            else:
                items.append((source, node))
        return items

    def include(self, source: Source, node) -> tuple[Source, list] | None:
        """Resolve and parse the file an `\\input{x}` names, or record why it cannot be read."""
        group = _last_group(node)
        command = "\\" + node.macroname
        if group is None:
            self.problem(source, node.pos, f"{command} at line {source.position(node.pos).line} names no file")
            return None
        name = _raw_inside(source, group).strip()
        line = source.position(node.pos).line
        located = self._locate(source, name)
        if isinstance(located, str):
            self.problem(source, node.pos, f"{command}{{{name}}} at line {line}: file not found ({located})")
            return None
        path, display = located
        real = os.path.realpath(path)
        chain = [source]
        while id(chain[-1]) in self._parent:
            chain.append(self._parent[id(chain[-1])])
        if real in {self._real.get(id(s)) for s in chain}:
            names = " -> ".join(s.path for s in reversed(chain))
            self.problem(source, node.pos, f"{command}{{{name}}} at line {line} includes a file that is already being read ({names} -> {display})")
            return None
        from . import read_source

        try:
            included = read_source(path, display)
        except InputError as error:
            self.problem(source, node.pos, f"{command}{{{name}}} at line {line}: {error}")
            return None
        self._parent[id(included)] = source
        self._real[id(included)] = real
        self._folder[id(included)] = os.path.dirname(path)
        return included, self.parse(included)

    def _locate(self, source: Source, name: str) -> tuple[str, str] | str:
        """(file path, display path) of an included file, or the path that was tried.

        Relative to the including file's folder first, then to the top file's folder (where LaTeX
        itself looks); `.tex` is added when the name has no such ending.
        """
        candidates = [name] if name.endswith(".tex") else [name + ".tex", name]
        places = [(self._folder.get(id(source), self.base_dir), os.path.dirname(source.path))]
        if places[0][0] != self.base_dir:
            places.append((self.base_dir, os.path.dirname(self.top.path)))
        for folder, shown in places:
            for candidate in candidates:
                path = os.path.join(folder, candidate)
                if os.path.isfile(path):
                    return path, os.path.normpath(os.path.join(shown, candidate))
        return os.path.join(places[0][0], candidates[0])


class _Inspector:
    """One pass over a file's node tree: unclosed constructs, stray closers, suppression comments."""

    def __init__(self, files: _Files, source: Source):
        self.files = files
        self.source = source
        self.text = source.text

    def line(self, pos: int) -> int:
        return self.source.position(pos).line

    def nodelist(self, nodes: list, start: int, end: int, top: bool = False) -> None:
        cursor = start if top else None
        for node in nodes:
            if node is None:
                continue
            if cursor is not None and node.pos > cursor:
                self.gap(cursor, node.pos)
            cursor = node.pos + node.len
            self.node(node)
        if top and cursor is not None and cursor < end:
            self.gap(cursor, end)

    def gap(self, start: int, end: int) -> None:
        """Text pylatexenc skipped: a `}` or `\\end{x}` that closes nothing."""
        stray = self.text[start:end].strip()
        if not stray:
            return
        pos = start + self.text[start:end].index(stray[0])
        if stray.startswith("}"):
            self.files.problem(self.source, pos, f"'}}' at line {self.line(pos)} closes nothing (unbalanced braces)")
        elif stray.startswith("\\end"):
            self.files.problem(self.source, pos, f"{stray.split('}')[0]}}} at line {self.line(pos)} has no matching \\begin")
        else:
            self.files.problem(self.source, pos, f"could not read the LaTeX at line {self.line(pos)}: {stray[:30]!r}")

    def node(self, node) -> None:
        if isinstance(node, lw.LatexCommentNode):
            self.comment(node)
            return
        if isinstance(node, lw.LatexEnvironmentNode) and not _closed(self.text, node):
            self.files.problem(self.source, node.pos, f"\\begin{{{node.environmentname}}} at line {self.line(node.pos)} is never closed")
        elif isinstance(node, lw.LatexGroupNode) and not _closed(self.text, node):
            brace = node.delimiters[0]
            kind = " (unbalanced braces)" if brace == "{" else ""
            self.files.problem(self.source, node.pos, f"'{brace}' at line {self.line(node.pos)} is never closed{kind}")
        elif isinstance(node, lw.LatexMathNode) and not _closed(self.text, node):
            self.files.problem(self.source, node.pos, f"'{node.delimiters[0]}' at line {self.line(node.pos)} is never closed (math runs to the end of the file)")
        for child in _arguments(node):
            self.node(child)
        children = getattr(node, "nodelist", None)
        if children:
            self.nodelist(children, node.pos, node.pos + node.len)

    def comment(self, node) -> None:
        words = node.comment.strip().lstrip("%").strip()
        for action in SUPPRESSION_ACTIONS:
            rest = words[len(action) :]
            if words.startswith(action) and (not rest or rest[0] in " \t:,"):
                rules = []
                for token in re.split(r"[,\s]+", rest.lstrip(" \t:").strip()):
                    if not _RULE_ID.match(token):
                        break
                    rules.append(token)
                self.files.suppressions.append(
                    Suppression(action.removeprefix("introlint-"), tuple(rules), self.source.path, self.line(node.pos))
                )
                return


def _arguments(node) -> list:
    argd = getattr(node, "nodeargd", None)
    if argd is None or not getattr(argd, "argnlist", None):
        return []
    return [arg for arg in argd.argnlist if arg is not None]


def _children_end(node) -> int:
    children = [child for child in (getattr(node, "nodelist", None) or []) if child is not None]
    return max((child.pos + child.len for child in children), default=node.pos)


def _closed(text: str, node) -> bool:
    """Whether a group, math or environment node really ends with its closing delimiter."""
    end = node.pos + node.len
    if isinstance(node, lw.LatexEnvironmentNode):
        tail = text[_children_end(node) : end]
        return re.search(r"\\end\s*\{%s\}\s*\Z" % re.escape(node.environmentname), tail) is not None
    close = node.delimiters[1] or ""
    return node.len >= len(node.delimiters[0] or "") + len(close) and text.startswith(close, end - len(close)) and _children_end(node) <= end - len(close)


def _is_macro(node, names) -> bool:
    return isinstance(node, lw.LatexMacroNode) and node.macroname in names


def _last_group(node):
    groups = [arg for arg in _arguments(node) if isinstance(arg, lw.LatexGroupNode) and arg.delimiters[0] == "{"]
    return groups[-1] if groups else None


def _raw_inside(source: Source, group) -> str:
    """A group's source text without its braces (URLs and file names are not parsed as LaTeX)."""
    end = group.pos + group.len
    if source.text.startswith(group.delimiters[1], end - 1):
        end -= 1
    return source.text[group.pos + 1 : end]


def _plain_words(nodes) -> str:
    """The words of a title or label, ignoring labels, citations and references."""
    parts: list[str] = []
    for node in nodes or []:
        if node is None:
            continue
        if isinstance(node, lw.LatexCharsNode):
            parts.append(node.chars)
        elif isinstance(node, lw.LatexSpecialsNode):
            parts.append(" " if node.specials_chars == "~" else node.specials_chars)
        elif isinstance(node, lw.LatexGroupNode):
            parts.append(_plain_words(node.nodelist))
        elif isinstance(node, lw.LatexMacroNode) and node.macroname not in SILENT | CITATIONS | REFERENCES | FOOTNOTES:
            group = _last_group(node)
            if group is not None:
                parts.append(_plain_words(group.nodelist))
    return "".join(parts)


def _heading(item) -> tuple[int, str] | None:
    """(level, title) of a sectioning command, or None."""
    node = item[1]
    if not _is_macro(node, HEADING_LEVELS):
        return None
    group = _last_group(node)
    return HEADING_LEVELS[node.macroname], " ".join(_plain_words(group.nodelist if group else []).split())


def _introduction_scope(items: list) -> tuple[tuple[Source, object] | None, list]:
    """From the first Introduction heading to the next heading of the same or higher level."""
    for index, item in enumerate(items):
        heading = _heading(item)
        if heading and is_introduction_title(heading[1]):
            body = []
            for later in items[index + 1 :]:
                other = _heading(later)
                if other and other[0] <= heading[0]:
                    break
                body.append(later)
            return item, body
    return None, items


# --------------------------------------------------------------------------- prose


class _Prose:
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


class _Walker:
    """Walks nodes in document order and writes their prose."""

    def __init__(self, files: _Files):
        self.files = files
        self.prose = _Prose()
        self.list_depth = 0
        self._footnotes: list[tuple[Source, object]] = []
        self._to_text = None

    def finish(self) -> _Prose:
        self.prose.end_paragraph()
        index = 0
        while index < len(self._footnotes):  # footnotes may hold footnotes
            source, node = self._footnotes[index]
            index += 1
            self.prose.begin_footnote()
            group = _last_group(node)
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
        match = _BLANK_LINE.search(text, core_start, core_end)
        while match is not None:  # widen to the whole whitespace run around the empty line
            gap_start, gap_end = match.start(), match.end()
            while gap_start > cursor and text[gap_start - 1].isspace():
                gap_start -= 1
            while gap_end < core_end and text[gap_end].isspace():
                gap_end += 1
            self.prose.literal(source, cursor, gap_start)
            self.whitespace(source, gap_start, gap_end)
            cursor = gap_end
            match = _BLANK_LINE.search(text, cursor, core_end)
        self.prose.literal(source, cursor, core_end)
        if end > core_end:
            self.whitespace(source, core_end, end)

    def whitespace(self, source: Source, start: int, end: int) -> None:
        if not _blank_line(source.text, start, end):
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
        if not _closed(source.text, node):  # reported; read what follows the lone `$` as prose
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
        closed = _closed(source.text, node)
        start = (node.nodelist[0].pos if node.nodelist and node.nodelist[0] is not None else node.pos)
        if name in LISTS:
            self.list_environment(source, node)
        elif name in MATH_ENVIRONMENTS and closed:
            self.display_math(source, node)
        elif name in NON_PROSE_ENVIRONMENTS and closed:
            return
        elif name in RAW_ENVIRONMENTS:  # never closed (reported): read its body rather than lose the file
            body = _arguments(node)[0] if isinstance(node.nodeargd, ParsedVerbatimArgs) else None
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
            if _is_macro(child, {"item"}):
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
        elif name in ACCENTS and _arguments(node):
            self.accent(source, node)
        elif name in CITATIONS:
            self.prose.replace("[1]", source, node.pos, end, checkable=False)
        elif name in REFERENCES or name in EQUATION_REFERENCES:
            self.prose.replace("(1)" if name in EQUATION_REFERENCES else "1", source, node.pos, end, checkable=False)
        elif name == "url":
            group = _last_group(node)
            self.prose.replace(_raw_inside(source, group).strip() if group else "", source, node.pos, end, checkable=False)
        elif name == "verb":
            self.prose.replace(getattr(node.nodeargd, "verbatim_text", ""), source, node.pos, end, checkable=False)
        elif name in FOOTNOTES:
            self._footnotes.append((source, node))
        elif name == "todo":
            self.prose.literal(source, node.pos, end)  # a placeholder the author must see
        elif name == "IEEEPARstart":
            for arg in _arguments(node):  # {T}{he}: the drop cap and the rest of the word
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
        elif name in SILENT or _arguments(node):
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
        group = _last_group(node)
        if group is None:
            return
        if node.macroname in RUN_IN_FORMATS and self.prose.at_block_start and not self.prose.in_footnote:
            label = " ".join(_plain_words(group.nodelist).split())
            if label.endswith(".") and len(label.split()) <= RUN_IN_MAX_WORDS:
                return
        self.nodes(source, group.nodelist, group.pos + 1)


def _blank_line(text: str, start: int, end: int) -> bool:
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
