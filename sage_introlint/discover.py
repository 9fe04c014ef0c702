"""Directory search: which Markdown and LaTeX files under a folder hold an Introduction.

A paper repository holds many files; only some are Introductions. A file is checked when it has
an Introduction heading (Markdown heading of any level, LaTeX `\\section{Introduction}` or
`\\section*{...}`), when it is a LaTeX main file whose `\\input`/`\\include`d files hold one, or
when its name says so (`intro*.tex`, `introduction.md`, ...). A LaTeX file that another file
includes is checked through that file only, never twice. Every skipped file gets a reason,
which `--verbose` prints. A folder or file the user may not read is no quiet skip: it is listed
in `unreadable`, which `check` reports as an error (exit status 2), once per path.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from typing import Callable

from .confinement import locate_include, root_for
from .document import LATEX_SUFFIXES, is_introduction_title, read_source
from .errors import InputError

MARKDOWN_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")  # Quarto and R Markdown are pandoc Markdown
SKIP_DIRS = {"node_modules", "venv", "__pycache__", "build", "dist", "_build", "site-packages"}
INTRO_NAME = "intro*"


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why): searched, not readable


def is_excluded(path: str, patterns, base_dir: str) -> bool:
    """Does a config `exclude` glob match `path`, its name or one of its folders (relative to base_dir)?"""
    if not patterns:
        return False
    relative = os.path.relpath(os.path.abspath(path), base_dir).replace(os.sep, "/")
    parts = relative.split("/")
    prefixes = ["/".join(parts[: end]) for end in range(1, len(parts) + 1)]
    for pattern in patterns:
        pattern = pattern.strip().rstrip("/")
        if pattern.startswith("./"):
            pattern = pattern[2:]
        if fnmatch.fnmatch(parts[-1], pattern) or any(fnmatch.fnmatch(prefix, pattern) for prefix in prefixes):
            return True
    return False


def discover(root: str, excluded: Callable[[str], bool] = lambda path: False,
             titles: Callable[[str], bool] = is_introduction_title) -> Discovery:
    """Files under `root` that hold an introduction, in sorted order, and why the others were skipped.

    `titles` says which heading titles start a checked section (paper mode: any section of the
    paper set, `\\begin{abstract}` standing for an "Abstract" heading).
    """
    found = Discovery()
    candidates: list[str] = []

    def unreadable(error: OSError) -> None:
        found.unreadable.append((error.filename or root, f"folder cannot be read ({error.strerror}); not searched"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            path = os.path.normpath(os.path.join(folder, name))  # `check .` names main.tex, as \input files are named
            if not name.lower().endswith(MARKDOWN_SUFFIXES + LATEX_SUFFIXES):
                continue
            if excluded(path):
                found.skipped.append((path, "excluded by the config's exclude list"))
            elif not os.access(path, os.R_OK):
                found.unreadable.append((path, "permission denied; not searched"))
            else:
                candidates.append(path)
    latex = {os.path.abspath(p): _latex_facts(p, titles) for p in candidates if p.lower().endswith(LATEX_SUFFIXES)}
    included_by: dict[str, str] = {}
    for path, (_, includes) in latex.items():
        for child in includes:
            included_by.setdefault(child, path)
    for path in candidates:
        key = os.path.abspath(path)
        if key in included_by:
            found.skipped.append((path, f"included by {os.path.relpath(included_by[key])}; checked through it"))
            continue
        reason = _why_not(path, key, latex, titles)
        if reason:
            found.skipped.append((path, reason))
        else:
            found.files.append(path)
    return found


def checked_through_others(paths: list[str]) -> dict[int, str]:
    """The positions in `paths` of LaTeX files another given file `\\input`s (at any depth), each with
    that file, and of files given again, with their first mention: each is checked once.

    pre-commit passes every changed file, a main file with its sections among them; checking a
    section on its own as well would report each of its findings twice. Of two files that
    include each other, the first given is kept.
    """
    keys = [os.path.abspath(path) for path in paths]
    reach = {key: _reached(key) for key in dict.fromkeys(keys) if key.lower().endswith(LATEX_SUFFIXES)}
    covered: dict[int, str] = {}
    first: dict[str, int] = {}
    including = [(other, other_key) for other, other_key in enumerate(keys) if reach.get(other_key)]
    for index, key in enumerate(keys):
        if key in first:
            covered[index] = paths[first[key]]
            continue
        first[key] = index
        for other, other_key in including:
            if other_key != key and other not in covered and key in reach.get(other_key, ()):
                if other_key not in reach.get(key, ()) or keys.index(other_key) < index:
                    covered[index] = paths[other]
                    break
    return covered


def _reached(key: str) -> set[str]:
    """Every file `key` includes, at any depth (a loop, not recursion)."""
    reached: set[str] = set()
    todo = [key]
    while todo:
        current = todo.pop()
        for child in _latex_facts(current)[1] if current.lower().endswith(LATEX_SUFFIXES) and _may_include(current) else ():
            if child not in reached:
                reached.add(child)
                todo.append(child)
    return reached


def _may_include(path: str) -> bool:
    """Can the file `\\input` another at all (does it name an include macro, as pylatexenc reads a
    macro name: letters up to the first non-letter)? Most files given together do not: they need
    no LaTeX parse here, where a batch's parent would parse every file before any worker starts."""
    text = _read(path)
    if isinstance(text, InputError):
        return False
    return any(not text[match.end():match.end() + 1].isalpha() for match in _INCLUDE_NAME.finditer(text))


_INCLUDE_NAME = re.compile(r"\\(?:input|include|subfile)")


def _why_not(path: str, key: str, latex: dict, titles) -> str | None:
    """None when `path` holds an introduction, else the reason it is skipped."""
    if fnmatch.fnmatch(os.path.basename(path).lower(), INTRO_NAME):
        return None
    if key in latex:
        if _holds_intro(key, latex, set()):
            return None
        return "no section heading that is checked (\\section{Introduction}, ...) in it or in the files it includes"
    text = _read(path)
    if isinstance(text, InputError):
        return str(text)
    return None if _markdown_has_section(text, titles) else "no heading of a section that is checked (Introduction, ...)"


def _holds_intro(key: str, latex: dict, seen: set) -> bool:
    """Does `key` or a file it includes, at any depth, hold an Introduction (a loop, not recursion)?"""
    todo = [key]
    while todo:
        current = todo.pop()
        if current in seen or current not in latex:
            continue
        seen.add(current)
        has_intro, includes = latex[current]
        if has_intro:
            return True
        todo.extend(includes)
    return False


def _read(path: str) -> str | InputError:
    """The file's text exactly as the front ends will read it (so their parse cache hits), or why not.

    The front ends' own reading: inside the repository root, regular files only, size-limited.
    """
    try:
        return read_source(path).text
    except InputError as error:
        return error


def _markdown_has_section(text: str, titles) -> bool:
    if titles is is_introduction_title and "ntroduction" not in text:
        return False
    from .document.markdown import parser

    tokens = parser().parse(text)
    return any(
        token.type == "heading_open" and titles(tokens[index + 1].content)
        for index, token in enumerate(tokens[:-1])
    )


def _latex_facts(path: str, titles=is_introduction_title) -> tuple[bool, list[str]]:
    """(has an Introduction section, absolute paths of the files it includes)."""
    text = _read(path)
    if isinstance(text, InputError) or "\\" not in text:
        return False, []
    from pylatexenc.latexwalker import LatexEnvironmentNode, LatexGroupNode, LatexMacroNode

    from .document.latex import INCLUDES, parse_nodes

    try:  # the front end's own parse, cached: checking the file afterwards does not parse it again
        nodes = parse_nodes(text)
    except Exception:  # pylatexenc gives up on some malformed files: treat them as holding nothing
        return False, []
    has_intro = False
    includes: list[str] = []
    stack = list(nodes or [])
    while stack:
        node = stack.pop()
        if isinstance(node, (LatexEnvironmentNode, LatexGroupNode)):
            stack.extend(node.nodelist or [])
            if isinstance(node, LatexEnvironmentNode) and node.environmentname == "abstract" and titles("Abstract"):
                has_intro = True
        if not isinstance(node, LatexMacroNode):
            continue
        argument = _last_group_text(node)
        if node.macroname == "section" and argument and titles(argument):
            has_intro = True
        elif node.macroname in INCLUDES and argument:
            folder = os.path.dirname(path)
            included = locate_include(argument, [(folder, folder)], root_for(folder))
            if included.path is not None:
                includes.append(os.path.abspath(included.path))
    return has_intro, includes


def _last_group_text(node) -> str | None:
    from pylatexenc.latexwalker import LatexGroupNode

    arguments = node.nodeargd.argnlist if node.nodeargd else []
    for argument in reversed(arguments or []):
        if isinstance(argument, LatexGroupNode):
            return argument.latex_verbatim()[1:-1]
    return None
