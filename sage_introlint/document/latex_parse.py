"""pylatexenc set-up (macro table, fast tokenizer) and helpers that read parsed nodes."""

from __future__ import annotations

import functools
import re

from pylatexenc import latexwalker as lw
from pylatexenc.macrospec import (
    EnvironmentSpec,
    LatexContextDb,
    MacroSpec,
    MacroStandardArgsParser,
    ParsedMacroArgs,
    ParsedVerbatimArgs,
)

from .latex_tables import CITATIONS, EQUATION_REFERENCES, FOOTNOTES, INLINE_CODE, LISTS, RAW_ENVIRONMENTS, REFERENCES, SILENT
from .latex_macros import group_end
from .model import Source


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


def inline_code_end(text: str, pos: int, groups: int = 0) -> tuple[int, int, int] | None:
    """(code start, code end, end) of inline code at `pos`: an optional `[..]`, `groups` braced
    groups (`\\mintinline{c}`), then `|code|` (any delimiter, on one line) or `{code}`."""
    index = pos
    while index < len(text) and text[index] in " \t":
        index += 1
    if text.startswith("[", index):
        close = text.find("]", index)
        if close < 0:
            return None
        index = close + 1
    for _ in range(groups):
        if not text.startswith("{", index):
            return None
        index = group_end(text, index)
    if index >= len(text) or text[index].isalpha() or text[index] in " \t\n\\%":
        return None
    if text[index] == "{":
        end = group_end(text, index)
        return (index + 1, end - 1, end) if text[end - 1 : end] == "}" else None
    close = text.find(text[index], index + 1)
    if close < 0 or "\n" in text[index:close]:
        return None
    return index + 1, close, close + 1


class _InlineCode(MacroStandardArgsParser):
    """`\\lstinline|x_y|`, `\\mintinline{c}{x}`: the code verbatim (it may hold `{`, `%`, `$`)."""

    def __init__(self, groups: int):
        super().__init__(argspec="")
        self.groups = groups

    def parse_args(self, w, pos, parsing_state=None):
        found = inline_code_end(w.s, pos, self.groups)
        if found is None:
            return ParsedMacroArgs(argspec="", argnlist=[]), pos, 0
        start, stop, end = found
        node = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars=w.s[start:stop], pos=start, len=stop - start)
        return ParsedVerbatimArgs(verbatim_chars_node=node), pos, end - pos


class _RawDefinition(MacroStandardArgsParser):
    """Takes a definition verbatim (`\\newcommand{\\x}[1]{..}`, `\\def\\x#1{..}`, `\\let\\a\\b`).

    A body may open a list it does not close (`\\newcommand{\\squishlist}{\\begin{list}..}`);
    parsed as LaTeX it would swallow the rest of the file. `latex_macros` reads the bodies.
    """

    def __init__(self, bodies: int):
        super().__init__(argspec="")
        self.bodies = bodies

    def parse_args(self, w, pos, parsing_state=None):
        end = _DEFINITION_HEAD.match(w.s, pos).end()
        for _ in range(self.bodies):
            while end < len(w.s) and w.s[end] in " \t\n":
                end += 1
            if end < len(w.s) and w.s[end] == "{":
                end = group_end(w.s, end)
        node = w.make_node(lw.LatexCharsNode, parsing_state=parsing_state, chars=w.s[pos:end], pos=pos, len=end - pos)
        return ParsedVerbatimArgs(verbatim_chars_node=node), pos, end - pos


_DEFINITION_HEAD = re.compile(r"\s*\*?\s*(?:\{[^{}]*\}|\\[A-Za-z@]+|\\.)?\s*=?\s*(?:\\[A-Za-z@]+|\\.)?(?:\s*#\d)*\s*(?:\[[^\]\n]*\]\s*){0,2}")
DEFINITIONS = {
    "newcommand": 1, "renewcommand": 1, "providecommand": 1, "DeclareRobustCommand": 1, "newrobustcmd": 1,
    "renewrobustcmd": 1, "def": 1, "gdef": 1, "edef": 1, "xdef": 1, "newenvironment": 2, "renewenvironment": 2,
}


class _FastContextDb(LatexContextDb):
    """pylatexenc's context with a quick reject for specials: most characters start none."""

    def freeze_specials(self) -> None:
        self._specials = frozenset(spec.specials_chars for spec in self.iter_specials_specs())
        self._special_starts = frozenset(chars[0] for chars in self._specials)

    def test_for_specials(self, s, pos, parsing_state=None):
        if pos < len(s) and s[pos] not in self._special_starts:
            return None
        return super().test_for_specials(s, pos, parsing_state)


_ALNUM_RUN = re.compile(r"[^\W_]+")
# What ends a run of prose read as one token: anything that starts a macro, comment, group, math
# or a special (`--`, `~`, quotes), and the brackets a caller reads as braces.
_RUN_STOPS = "\\%{}$[]"


class _RunWalker(lw.LatexWalker):
    """pylatexenc's walker, reading a run of prose as one 'char' token.

    pylatexenc makes one token per character, and that is most of its time. Its node reader
    only concatenates 'char' tokens (with the white space before each) into one chars node, so a
    run that starts with a letter or digit and stops before anything that could start another
    kind of token reads the same as its characters one by one. Except where a macro takes a
    single unbraced character as its argument (`x^23`, `\\frac12`), which is read through
    `get_latex_expression`: there the token stays single (a braced argument is read by the node
    reader again, in runs).
    """

    _single = 0

    def __init__(self, text: str, latex_context: "_FastContextDb", **kwargs):
        super().__init__(text, latex_context=latex_context, **kwargs)
        self._specials = latex_context._specials
        self._prose = _run_pattern((), self._specials)

    def get_latex_expression(self, *args, **kwargs):
        self._single += 1
        try:
            return super().get_latex_expression(*args, **kwargs)
        finally:
            self._single -= 1

    def get_latex_nodes(self, *args, **kwargs):
        single, self._single = self._single, 0
        try:
            return super().get_latex_nodes(*args, **kwargs)
        finally:
            self._single = single

    def get_token(self, pos, *args, **kwargs):
        token = super().get_token(pos, *args, **kwargs)
        if token.tok != "char" or self._single or token.len != 1 or not token.arg.isalnum():
            return token
        braces = kwargs.get("include_brace_chars") or (args[0] if args else None)
        prose = _run_pattern(tuple(braces), self._specials) if braces else self._prose
        end = prose.match(self.s, token.pos).end()
        if end == token.pos + 1:
            return token
        return lw.LatexToken(tok="char", arg=self.s[token.pos:end], pos=token.pos, len=end - token.pos,
                             pre_space=token.pre_space)


@functools.lru_cache(maxsize=16)
def _run_pattern(braces: tuple, specials: frozenset) -> re.Pattern:
    """Prose up to the next character that may start another token; white space only inside it
    (what follows the run is the next token's leading space). A character that begins a special
    (`-` of `--`, `'` of `''`) is prose where none of its specials begins."""
    starts = {chars[0] for chars in specials}
    always = {char for char in starts if char in specials}  # a one-character special (`~`, `&`)
    stops = re.escape(_RUN_STOPS + "".join(starts) + "".join(a + b for a, b in braces))
    maybe = "|".join(f"{re.escape(char)}(?!{'|'.join(re.escape(chars[1:]) for chars in sorted(specials) if chars[0] == char)})"
                     for char in sorted(starts - always - set(_RUN_STOPS) - {c for pair in braces for c in pair}))
    char = f"(?:[^\\s{stops}]|{maybe})" if maybe else f"[^\\s{stops}]"
    return re.compile(rf"{char}+(?:\s+{char}+)*")


@functools.lru_cache(maxsize=8)
def _context(raw: frozenset[str] = frozenset()) -> LatexContextDb:
    """The macro table, built once (per set of `raw` environments): pylatexenc's defaults plus the
    macros papers use; `raw` names the author's code environments, whose bodies are taken verbatim."""
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
        + [MacroSpec(name, "*{") for name in REFERENCES | EQUATION_REFERENCES]
        + [MacroSpec(name, args_parser=_RawDefinition(bodies)) for name, bodies in DEFINITIONS.items()]
        + [MacroSpec("let", args_parser=_RawDefinition(0))]
        + [MacroSpec(name, args_parser=_InlineCode(groups)) for name, groups in INLINE_CODE.items()],
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
    if raw:
        db.add_context_category(
            "author code", environments=[EnvironmentSpec(name, args_parser=_RawBody(name)) for name in sorted(raw)], prepend=True
        )
    db.freeze_specials()
    return db


@functools.lru_cache(maxsize=8)
def parse_nodes(text: str, raw: frozenset[str] = frozenset()) -> list:
    """pylatexenc's node list for a text (read-only afterwards).

    pylatexenc is most of the parse time; re-checking an unchanged file (an editor, the warm API
    path) reuses the nodes.
    """
    walker = _RunWalker(text, latex_context=_context(raw), tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    return nodes


def document_body(nodes: list) -> list:
    """The nodes inside `\\begin{document}` when there is one, else all of them. An abstract
    environment written in the preamble (acmart takes it anywhere before `\\maketitle`) is the
    paper's abstract all the same: it comes first."""
    for index, node in enumerate(nodes):
        if isinstance(node, lw.LatexEnvironmentNode) and node.environmentname == "document":
            abstracts = [early for early in nodes[:index]
                         if isinstance(early, lw.LatexEnvironmentNode) and early.environmentname == "abstract"]
            return abstracts + list(node.nodelist) if abstracts else node.nodelist
    return nodes




def arguments(node) -> list:
    argd = getattr(node, "nodeargd", None)
    if argd is None or not getattr(argd, "argnlist", None):
        return []
    return [arg for arg in argd.argnlist if arg is not None]


def children_end(node) -> int:
    children = [child for child in (getattr(node, "nodelist", None) or []) if child is not None]
    return max((child.pos + child.len for child in children), default=node.pos)


def closed(text: str, node) -> bool:
    """Whether a group, math or environment node really ends with its closing delimiter."""
    end = node.pos + node.len
    if isinstance(node, lw.LatexEnvironmentNode):
        tail = text[children_end(node) : end]
        return re.search(r"\\end\s*\{%s\}\s*\Z" % re.escape(node.environmentname), tail) is not None
    close = node.delimiters[1] or ""
    return node.len >= len(node.delimiters[0] or "") + len(close) and text.startswith(close, end - len(close)) and children_end(node) <= end - len(close)


def if_digit(name: str, following) -> str:
    """The digit an `\\if` tests (`\\if 0`, `\\if 1`: the text right after it), or ""."""
    if name == "if" and isinstance(following, lw.LatexCharsNode):
        return following.chars.lstrip()[:1]
    return ""


def hides(name: str, following, macros) -> bool:
    """Does this `\\if...` open a false branch: `\\iffalse`, `\\if 0`, or an author's `\\newif`
    switch set false (`macros`, a MacroTable)? One test for the walker and the \\input search."""
    return name == "iffalse" or if_digit(name, following) == "0" or macros.is_false(name)


def is_macro(node, names) -> bool:
    return isinstance(node, lw.LatexMacroNode) and node.macroname in names


def last_group(node):
    groups = [arg for arg in arguments(node) if isinstance(arg, lw.LatexGroupNode) and arg.delimiters[0] == "{"]
    return groups[-1] if groups else None


def raw_inside(source: Source, group) -> str:
    """A group's source text without its braces (URLs and file names are not parsed as LaTeX)."""
    end = group.pos + group.len
    if source.text.startswith(group.delimiters[1], end - 1):
        end -= 1
    return source.text[group.pos + 1 : end]


def plain_words(nodes) -> str:
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
            parts.append(plain_words(node.nodelist))
        elif isinstance(node, lw.LatexMacroNode) and node.macroname not in SILENT | CITATIONS | REFERENCES | FOOTNOTES:
            group = last_group(node)
            if group is not None:
                parts.append(plain_words(group.nodelist))
    return "".join(parts)

