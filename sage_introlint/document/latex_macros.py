"""Author macros: what `\\newcommand`, `\\def` and `\\newenvironment` definitions mean for the prose.

Papers name their system with a macro (`\\newcommand{\\sys}{Bundler\\xspace}`), leave notes with
colour macros (`\\newcommand{\\rz}[1]{\\textcolor{red}{RZ: #1}}`), wrap lists
(`\\newcommand{\\squishlist}{\\begin{list}...}`) and head paragraphs with `\\mypara{..}`. Reading
the definitions (in the checked file, the files it `\\input`s and a macro file beside it) lets
the walker put the system's name into the sentence, drop the notes, and see the lists.

The definitions are read from the raw text with a brace matcher, not from pylatexenc's nodes:
`\\def\\x{..}` and `\\newcommand\\x[1]{..}` are not parsed into one node there.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
from dataclasses import dataclass, field

from .latex_glossary import GLOSSARY_COMMANDS, GLOSSARY_SILENT, GlossaryEntry, glossary_entries
from .latex_tables import FORMATS, INLINE_CODE, LISTS as LIST_KINDS

# Roles a macro can play in the prose.
WORD = "word"  # zero arguments, expands to words: `\sys` -> "Bundler"
NOTE = "note"  # a note to co-authors: left out of the prose, reported as a left-over
DROP = "drop"  # text hidden on purpose (`\cut{..}`, a one-argument macro that prints nothing)
LABEL = "label"  # a run-in heading (`\mypara{Problem}`)
FORMAT = "format"  # formatting around its argument, which is prose
CODE = "code"  # typewriter/code around its argument (`\ttt{sort}`): words of the prose, never a term finding
LIST_BEGIN = "list-begin"  # `\squishlist`: opens a list
LIST_END = "list-end"  # `\squishend`: closes it
SILENT = "silent"  # prints nothing that is prose (spacing, colours, counters)

LIST_NAMES = (
    r"itemize\*?|enumerate\*?|description\*?|list|compactitem|compactenum|compactdesc|asparaitem|"
    r"asparaenum|inparaitem|inparaenum|easylist|checklist|tasks"
)
_NEW_COMMAND = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand|(?:re)?newrobustcmd|NewDocumentCommand)"
    r"\s*\*?\s*(?:\{\s*\\([A-Za-z@]+)\s*\}|\\([A-Za-z@]+))\s*(?:\[\s*(\d)\s*\])?\s*(\[[^\]\n]*\])?\s*(?=\{)"
)
_DEF = re.compile(r"\\(?:[gex]?def)\s*\\([A-Za-z@]+)\s*((?:#\d)*)\s*(?=\{)")
_NEW_ENVIRONMENT = re.compile(r"\\(?:re)?newenvironment\s*\*?\s*\{\s*([^{}\s]+)\s*\}\s*(?:\[\s*\d\s*\])?\s*(?:\[[^\]\n]*\])?\s*(?=\{)")
_COLOUR = re.compile(r"\\(?:textcolor|color|colorbox|fcolorbox|todo|marginpar|marginnote|hl|sethlcolor|pdfcomment|cfbox)\b")
_PLACEHOLDER_WORDS = re.compile(r"^\W*(?:TODO|TBD|FIXME|XXX+|\?\?+|CITE|citation needed)\b", re.IGNORECASE)
_LIST_BEGIN = re.compile(r"\\begin\s*\{(?:%s)\}" % LIST_NAMES)
_LIST_END = re.compile(r"\\end\s*\{(?:%s)\}" % LIST_NAMES)
_HEADING_BODY = re.compile(
    r"^(?:\s*\\(?:vspace\*?\s*\{[^{}]*\}|smallskip|medskip|bigskip|noindent|par|vskip\s*[^\\]*|addvspace\s*\{[^{}]*\}))*"
    r"\s*(?:\\paragraph\*?|\\subparagraph\*?|\\textbf|\\textit|\\emph|\\underline|\\textsc|\{\\(?:bf|em|it)\b|\{\\bfseries)"
)
# Colour macros that mark revised text for reviewers, not notes: their argument is prose.
_REVISION = re.compile(r"(?i)rv|revi[sc]\w*|rev|new|changed?|added|add|edit(?:ed)?|updated?|mod(?:ified)?|hl|highlight|camera\w*|final")
_COLOUR_ARGUMENT = re.compile(r"\\(?:textcolor|color|colorbox|fcolorbox|hl|sethlcolor)\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}")
# a body that sets its argument as code: `\texttt{#1}`, `{\tt #1}`, `\lstinline@#1@`
_CODE_BODY = re.compile(r"\\(?:texttt|ttfamily|tt|lstinline|verb|mintinline)(?![A-Za-z])")
_NEW_IF = re.compile(r"\\newif\s*\\if([A-Za-z@]+)")
_SET_SWITCH = re.compile(r"\\([A-Za-z@]+)(true|false)\b")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_ARGUMENT = re.compile(r"#(\d)")
# Inline-code commands of the author's: fancyvrb's `\\CustomVerbatimCommand{\\fnc}{Verb}{..}`,
# minted's `\\newmintinline[py]{python}{..}` (`\\pythoninline` without the name), and a command
# that is only another inline-code command (`\\newcommand{\\code}{\\lstinline[style=x]}`).
_VERBATIM_COMMAND = re.compile(r"\\(?:Re)?[Cc]ustomVerbatimCommand\s*\{?\s*\\([A-Za-z@]+)\s*\}?\s*\{\s*B?Verb\s*\}")
_NEW_MINTINLINE = re.compile(r"\\newmintinline\s*(?:\[\s*([A-Za-z@]+)\s*\])?\s*\{\s*([A-Za-z@]+)\s*\}")
_VERBATIM_BODY = re.compile(r"\s*\\(?:verb|Verb|lstinline|mintinline\s*\{[^{}]*\})(?:\s*\[[^\]]*\])?\s*")
# Code environments of the author's: listings' `\\lstnewenvironment{scala}`, fancyvrb's
# `\\DefineVerbatimEnvironment{code}{Verbatim}{..}`, minted's `\\newminted{py}{..}` (`pycode`) or
# `\\newminted[snippet]{py}{..}`, tcolorbox's `\\newtcblisting{X}`: their bodies are code, not prose.
_CODE_ENVIRONMENT = re.compile(
    r"\\(?:lstnewenvironment|DefineVerbatimEnvironment|(?:new|New|Declare)[Tt][Cc][Bb]listing|NewTCBListing)\s*\*?\s*(?:\[[^\]\n]*\]\s*)?\{\s*([^{}\s]+)\s*\}"
)
_NEW_MINTED = re.compile(r"\\newminted\s*(?:\[\s*([^\]\s]+)\s*\])?\s*\{\s*([A-Za-z0-9@]+)\s*\}")
# A character made a verbatim delimiter (`\\DefineShortVerb{\\|}`, `\\MakeShortVerb{\\|}`,
# `\\lstMakeShortInline[..]|`): `|swap|` in the text is inline code.
_SHORT_VERB = re.compile(r"\\(?:DefineShortVerb|MakeShortVerb)\s*\{\s*\\(\W)\s*\}|\\lstMakeShortInline\s*(?:\[[^\]\n]*\])?\s*(\W)")
_DEFINES_ENTRY = re.compile(r"\\(?:newacronym|newglossaryentry|newabbreviation|acrodef|DeclareAcronym)(?![A-Za-z@])")
_LET = re.compile(r"\\let\s*\\([A-Za-z@]+)\s*=?\s*\\([A-Za-z@]+)(?![A-Za-z@])")
MACRO_FILES = ("macros", "macro", "defs", "definitions", "commands", "newcommands", "preamble", "header", "shortcuts",
               "glossary", "glossaries", "acronyms", "acronym", "abbreviations")
MACRO_FILE_MAX = 256 * 1024


@dataclass(frozen=True)
class MacroDefinition:
    """One author macro: how many arguments it takes and what it does in the prose."""

    name: str
    arguments: int
    role: str
    text: str = ""  # WORD: the expansion as plain text
    prose_arguments: tuple[int, ...] = ()  # FORMAT/LABEL: which arguments (1-based) are text
    optional: bool = False  # the first argument is optional (`\\newcommand{\\HC}[2][]{..}`: `\\HC[Dim]{..}`)
    around: tuple[str, ...] = ()  # FORMAT/CODE: the body's short text before, between and after its arguments


@dataclass
class MacroTable:
    """The author macros and list environments a document defines, plus names the config adds."""

    macros: dict[str, MacroDefinition]
    list_environments: set[str]
    switches: dict[str, bool] = field(default_factory=dict)  # `\\newif\\ifdraft` ... `\\draftfalse`
    numbered: set[str] = field(default_factory=set)  # environments and begin-macros that open an enumerate
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)  # `\\newacronym{key}{..}{..}` entries
    verbatim: dict[str, int] = field(default_factory=dict)  # inline-code commands -> `{..}` groups before the code
    short_verbs: set[str] = field(default_factory=set)  # `\\DefineShortVerb{\\|}`: `|code|` in the text
    code_environments: set[str] = field(default_factory=set)  # `\\lstnewenvironment{scala}`: bodies are code
    aliases: dict[str, str] = field(default_factory=dict)  # `\\let\\a\\acrshort`: a glossary command by another name

    @classmethod
    def empty(cls) -> MacroTable:
        return cls({}, set())

    def short_verb_runs(self, text: str, start: int, end: int):
        """The `|code|` runs (code on one line; group "code") between start and end."""
        chars = "".join(re.escape(char) for char in sorted(self.short_verbs))
        return re.compile(r"(?P<d>[%s])(?P<code>[^\n]+?)(?P=d)" % chars).finditer(text, start, end)

    def is_false(self, conditional: str) -> bool:
        """Is `\\ifNAME` a switch of the author's (`\\newif`) that is set false?"""
        return self.switches.get(conditional[2:]) is False

    def read(self, text: str) -> None:
        """Add the definitions found in one file's text (later definitions win, as in LaTeX)."""
        bodies: dict[str, tuple[int, str]] = {}
        plain = strip_comments(text)
        optional = set()
        for name, count, body, has_optional in _definitions(plain):
            bodies[name] = (count, body)
            (optional.add if has_optional else optional.discard)(name)
        for name, begin in _environments(plain):
            if _LIST_BEGIN.search(begin):
                self.list_environments.add(name)
                self._note_numbered(name, begin)
        for name, (count, body) in list(bodies.items()):
            if count == 0 and _VERBATIM_BODY.fullmatch(body):
                self.verbatim[name] = 0
                del bodies[name]
        self.verbatim.update({match.group(1): 0 for match in _VERBATIM_COMMAND.finditer(plain)})
        self.verbatim.update({match.group(1) or match.group(2) + "inline": 0 for match in _NEW_MINTINLINE.finditer(plain)})
        self.code_environments.update(match.group(1) for match in _CODE_ENVIRONMENT.finditer(plain))
        self.short_verbs.update(match.group(1) or match.group(2) for match in _SHORT_VERB.finditer(plain))
        self.code_environments.update(match.group(1) or match.group(2) + "code" for match in _NEW_MINTED.finditer(plain))
        words = {name: body for name, (count, body) in bodies.items() if count == 0}
        for name, (count, body) in bodies.items():
            self.macros[name] = _classify(name, count, body, words)
            if self.macros[name].role == LIST_BEGIN:
                self._note_numbered(name, body)
        self._notes_through_notes(bodies)
        for name in optional & set(bodies):
            self.macros[name] = dataclasses.replace(self.macros[name], optional=True)
        self.glossary.update(glossary_entries(plain))
        self._read_lets(plain)
        for match in _NEW_IF.finditer(plain):
            self.switches.setdefault(match.group(1), False)  # \\newif starts false, as in TeX
        for match in _SET_SWITCH.finditer(plain):
            if match.group(1) in self.switches:
                self.switches[match.group(1)] = match.group(2) == "true"

    def _read_lets(self, plain: str) -> None:
        """`\\let\\new\\old`: the new name does what the old one does (an author macro, an inline-code
        command or a glossary command: `\\let\\a\\acrshort` then `\\a{NIC}`)."""
        for match in _LET.finditer(plain):
            new, old = match.groups()
            if old in self.macros:
                self.macros[new] = dataclasses.replace(self.macros[old], name=new)
            elif old in self.verbatim or old in INLINE_CODE or old == "verb":
                self.verbatim[new] = self.verbatim.get(old, INLINE_CODE.get(old, 0))
            elif old in GLOSSARY_COMMANDS or old in GLOSSARY_SILENT:
                self.aliases[new] = old

    def _notes_through_notes(self, bodies: dict[str, tuple[int, str]]) -> None:
        """`\\newcommand{\\needCite}{\\editorial{need cite}}`: a macro whose body leaves a note is a
        note too (its words would otherwise be read into the sentence)."""
        notes = {name for name, macro in self.macros.items() if macro.role == NOTE}
        changed = bool(notes)
        while changed:
            changed = False
            for name, (count, body) in bodies.items():
                if name not in notes and any(re.search(r"\\" + re.escape(note) + r"(?![A-Za-z@])", body) for note in notes):
                    self.macros[name] = MacroDefinition(name, count, NOTE)
                    notes.add(name)
                    changed = True

    def _note_numbered(self, name: str, begin: str) -> None:
        """`\\newenvironment{contribs}{\\begin{enumerate}..}`: its items are numbered, as enumerate's are."""
        opened = _LIST_BEGIN.search(begin)
        if opened and LIST_KINDS.get(opened.group(0).split("{")[-1].rstrip("}").strip()) == "ordered":
            self.numbered.add(name)
        else:
            self.numbered.discard(name)

    def kind_of(self, name: str) -> str:
        """The list kind an author environment or begin-macro opens: "ordered" or "bullet"."""
        return "ordered" if name in self.numbered else "bullet"

    def add_names(self, names, role: str) -> None:
        """Names from the config (`latex: {note-macros: [...]}`): they win over definitions."""
        for name in names:
            name = name.lstrip("\\")
            if role == LIST_BEGIN:
                self.list_environments.add(name)
            else:
                self.macros[name] = MacroDefinition(name, 1, role)

    def get(self, name: str) -> MacroDefinition | None:
        return self.macros.get(name)


def strip_comments(text: str) -> str:
    """The text with `%` comments blanked (same length, so offsets still hold)."""
    return _COMMENT.sub(lambda match: " " * len(match.group(0)), text)


def group_end(text: str, start: int) -> int:
    """Index just past the `}` closing the `{` at `start` (the text's end when never closed)."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


def _definitions(text: str):
    """(name, argument count, body) of every \\newcommand-like and \\def definition."""
    for match in _NEW_COMMAND.finditer(text):
        name = match.group(1) or match.group(2)
        end = group_end(text, match.end())
        yield name, int(match.group(3) or 0), text[match.end() + 1 : end - 1], bool(match.group(3) and match.group(4))
    for match in _DEF.finditer(text):
        end = group_end(text, match.end())
        yield match.group(1), len(match.group(2)) // 2, text[match.end() + 1 : end - 1], False


def _environments(text: str):
    """(name, begin code) of every \\newenvironment."""
    for match in _NEW_ENVIRONMENT.finditer(text):
        end = group_end(text, match.end())
        yield match.group(1), text[match.end() + 1 : end - 1]


def _classify(name: str, count: int, body: str, words: dict[str, str]) -> MacroDefinition:
    """What a definition does, read from its body."""
    if _LIST_BEGIN.search(body):
        return MacroDefinition(name, count, LIST_BEGIN)
    if _LIST_END.search(body):
        return MacroDefinition(name, count, LIST_END)
    used = tuple(sorted({int(number) for number in _ARGUMENT.findall(body) if 0 < int(number) <= count}))
    if count == 0:
        text = expand_to_text(body, words)
        if _COLOUR.search(body) and (not text or _PLACEHOLDER_WORDS.match(text)):
            return MacroDefinition(name, 0, NOTE)
        return MacroDefinition(name, 0, WORD, text) if any(c.isalnum() for c in text) else MacroDefinition(name, 0, SILENT)
    if _DEFINES_ENTRY.search(body):
        return MacroDefinition(name, count, DROP)  # `\\abbr{VM}{virtual machine}`: defines, prints nothing
    if _COLOUR.search(body) and _CODE_BODY.search(body) and used and not _marker_letters(body):
        return MacroDefinition(name, count, CODE, prose_arguments=used)  # `\\textcolor{blue}{\\texttt{#1}}`: code
    if _COLOUR.search(body):
        if _REVISION.fullmatch(name) and not _marker_letters(body):
            return MacroDefinition(name, count, FORMAT, prose_arguments=used)  # `\\RV{..}`: revised text
        return MacroDefinition(name, count, NOTE)
    if not used:
        return MacroDefinition(name, count, DROP if not body.strip() or not any(c.isalnum() for c in expand_to_text(body, words)) else SILENT)
    if _HEADING_BODY.match(body):
        return MacroDefinition(name, count, LABEL, prose_arguments=used)
    if _CODE_BODY.search(body):
        return MacroDefinition(name, count, CODE, prose_arguments=used, around=unit_text(body, used, words))
    return MacroDefinition(name, count, FORMAT, prose_arguments=used, around=unit_text(body, used, words))


_UNIT_TEXT = re.compile(r"[^\\{}#]{0,8}")
_REFERENCE_BODY = re.compile(r"\\(?:[cC]?ref|autoref|eqref|pageref|label|cite\w*|url|href|input|include)\b")


def unit_text(body: str, used: tuple[int, ...], words: dict[str, str]) -> tuple[str, ...]:
    """The short text a number or name macro prints around its arguments (`#1\\%` -> ("", "%"),
    `#1$\\times$` -> ("", "×"), `#1\\,ms` -> ("", " ms"), `\\texttt{#1} (L#2)` -> ("", " (L", ")")),
    so `\\pct{36}` reads "36%" in the prose; () when the body is more than that (a reference, a
    heading, an argument used twice or out of order): then only the arguments are read."""
    body = _unwrap_formats(re.sub(r"\\xspace\b|\\@|\\/", "", body.strip()))
    parts = _ARGUMENT.split(body)  # text, number, text, number, ..., text
    if tuple(int(number) for number in parts[1::2]) != used:
        return ()
    texts = []
    for raw in parts[0::2]:
        text = _segment_text(raw, words)
        if text is None:
            return ()
        texts.append(text)
    return tuple(texts) if any(texts) else ()


def _segment_text(raw: str, words: dict[str, str]) -> str | None:
    """Plain text of a short piece of a macro body, its outer spacing kept as one space."""
    if not raw:
        return ""
    if _REFERENCE_BODY.search(raw):  # `Section~\\ref{#1}`: the argument is a key, not a number
        return None
    spaced = re.sub(r"\\[,;: ]|~|\\(?:enspace|quad|thinspace)\b", " ", raw)
    inner = expand_to_text(spaced, words) if spaced.strip() else ""
    if "\\" in spaced and not inner or not _UNIT_TEXT.fullmatch(inner) or "\n" in raw:
        return None
    return (" " if spaced[:1].isspace() else "") + inner + (" " if spaced[-1:].isspace() and inner else "")


def _marker_letters(body: str) -> bool:
    """Does a colour macro print words of its own around the argument (`[RZ: #1]`)?"""
    rest = _COLOUR_ARGUMENT.sub("", body)
    rest = re.sub(r"#\d|\\[A-Za-z@]+", "", rest)
    return any(char.isalpha() for char in rest)


def expand_to_text(body: str, words: dict[str, str], depth: int = 0) -> str:
    """A zero-argument macro body as plain text (`\\textsc{Bundler}\\xspace` -> "Bundler")."""
    if depth < 4:
        body = re.sub(
            r"\\([A-Za-z@]+)(?:\{\})?",
            lambda m: expand_to_text(words[m.group(1)], words, depth + 1) if m.group(1) in words else m.group(0),
            body,
        )
    body = re.sub(r"\\xspace\b|\\@\b|\\/", "", body)
    body = _unwrap_formats(body)
    try:
        text = _to_text().latex_to_text(body)
    except Exception:  # noqa: BLE001 - an odd body is simply not a word
        return ""
    return " ".join(text.split())


# Font and box commands whose argument is the text: pylatexenc prints nothing for some
# (`\\textsf`, `\\texttt`, `\\mbox`) and styled Unicode letters for others (`\\mathsf`).
_FORMAT_GROUP = re.compile(
    r"\\(?:%s|math(?:rm|sf|tt|bf|it|normal)|textsl|textbf|textit|textsc|emph)\s*\{([^{}]*)\}"
    % "|".join(sorted(name for name in FORMATS if name.isalpha() and name not in ("textcolor", "colorbox", "hyperref")))
)


def _unwrap_formats(body: str) -> str:
    """`\\textsf{Obelia}` -> `Obelia`, innermost first, so a system name survives any font."""
    previous = None
    while previous != body:
        previous, body = body, _FORMAT_GROUP.sub(lambda m: m.group(1), body)
    return body


@functools.lru_cache(maxsize=1)
def _to_text():
    from pylatexenc.latex2text import LatexNodes2Text

    logging.getLogger("pylatexenc.latex2text").setLevel(logging.ERROR)
    return LatexNodes2Text(math_mode="text")


def read_quietly(path: str, root: str | None = None) -> str:
    """A macro file's text (its first MACRO_FILE_MAX bytes), or nothing when it cannot be read or
    lies outside `root` (default: its own folder's root): it is only a help, never required."""
    from ..confinement import read_confined
    from ..errors import InputError
    from .source import decode

    try:
        data, _ = read_confined(path, MACRO_FILE_MAX, root=root)
        return decode(path, data[:MACRO_FILE_MAX])
    except InputError:
        return ""


def macro_files_beside(path: str, base_dir: str) -> list[str]:
    """Macro files next to the checked file or one folder up (`macros.tex`, `defs.sty`, ...).

    A section file is usually compiled from a main file that `\\input`s the author's macros; the
    section alone does not name them, so they are looked for where papers keep them.
    """
    folders = []
    for folder in (os.path.dirname(path) or base_dir, base_dir):
        for candidate in (folder, os.path.dirname(os.path.abspath(folder))):
            if os.path.isdir(candidate) and os.path.abspath(candidate) not in folders:
                folders.append(os.path.abspath(candidate))
    found = []
    for folder in folders:
        for stem in MACRO_FILES:
            for suffix in (".tex", ".sty"):
                candidate = os.path.join(folder, stem + suffix)
                if os.path.isfile(candidate) and os.path.getsize(candidate) <= MACRO_FILE_MAX:
                    found.append(candidate)
    return found
