"""The main file a section file is compiled from, and the definitions its preamble holds.

Authors check `sections/intro.tex` alone, but its macros (`\\newcommand{\\sys}{..}`, a note
macro, `\\let\\a\\acrshort`, a local `.sty`) often live in the preamble of `main.tex`, which
`\\input`s the section. Read as unknown, a note macro's words became prose and a glossary alias
an accent. A `.tex` file beside the section or one folder up that has a `\\documentclass` and
includes the section is its main file: its preamble and the files the preamble loads are read for
definitions only (never checked, never required, never reported when unreadable), under the same
confinement as every other file introlint reads (inside the section's repository root, regular
files only).
"""

from __future__ import annotations

import functools
import os
import re

from ..confinement import Refused, confine, locate_include, root_for
from .latex_macros import MACRO_FILE_MAX, read_quietly, strip_comments

CANDIDATES_MAX = 40  # .tex files looked at per folder: a folder of hundreds is no paper's root
_DOCUMENT_CLASS = re.compile(r"\\documentclass\b")
_BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
_INCLUDE = re.compile(r"\\(?:input|include|subfile)\s*\{\s*([^{}\n]+?)\s*\}")
_PREAMBLE_LOAD = re.compile(r"\\(?:input|include|loadglsentries\s*(?:\[[^\]\n]*\])?)\s*\{\s*([^{}\n]+?)\s*\}")
_PACKAGE = re.compile(r"\\(?:usepackage|RequirePackage)\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}")


def main_preamble_texts(path: str) -> list[str]:
    """The preamble of the main file that includes `path`, then the local files it loads (`\\input`,
    `\\loadglsentries`, a `.sty` beside it), as text; [] when no main file is found."""
    found = _main_file(path)
    if found is None:
        return []
    facts, root = found[1], found[2]
    return [facts[0]] + [read_quietly(loaded, root) for loaded in facts[2]]


def main_folder(path: str) -> str | None:
    """The folder of the main file that includes `path`: LaTeX reads the section's own `\\input`
    names (`\\input{sections/intro/p1}`) from there, where the main file is compiled."""
    found = _main_file(path)
    return os.path.dirname(found[0]) if found is not None else None


def _main_file(path: str):
    """(main file, its facts, root) for the main file beside `path` or one folder up that includes it."""
    if not path or path.startswith("<"):
        return None
    target = os.path.splitext(os.path.abspath(path))[0]
    folder = os.path.dirname(os.path.abspath(path))
    root = root_for(folder)
    for candidate_folder in (folder, os.path.dirname(folder)):
        for main in _tex_files(candidate_folder):
            if os.path.splitext(main)[0] == target:
                continue
            facts = _main_facts(main, root, *_stamp(main))
            if facts is not None and target in facts[1]:
                return main, facts, root
    return None


def _tex_files(folder: str) -> list[str]:
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".tex"))
    except OSError:
        return []
    return [os.path.join(folder, name) for name in names[:CANDIDATES_MAX]]


def _stamp(path: str) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return -1, -1
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=32)  # bounded: an editor's server lives for hours (a preamble is <= 256 KiB)
def _main_facts(path: str, root: str, mtime: int, size: int) -> tuple[str, frozenset[str], tuple[str, ...]] | None:
    """(preamble, included files without suffix, local files the preamble loads) of a main file;
    None for a file that is no main file. Cached by modification time and size."""
    if size < 0 or size > MACRO_FILE_MAX:
        return None
    text = strip_comments(read_quietly(path, root))
    begin = _BEGIN_DOCUMENT.search(text)
    if begin is None or not _DOCUMENT_CLASS.search(text, 0, begin.start()):
        return None
    folder = os.path.dirname(path)
    included = frozenset(os.path.splitext(os.path.normpath(os.path.join(folder, name)))[0] for name in _INCLUDE.findall(text))
    preamble = text[: begin.start()]
    places = [(folder, folder)]
    loaded = [locate_include(name, places, root).path for name in _PREAMBLE_LOAD.findall(preamble)]
    loaded += [_confined(os.path.join(folder, name.strip() + ".sty"), root)
               for names in _PACKAGE.findall(preamble) for name in names.split(",")]
    return preamble, included, tuple(path for path in loaded if path is not None and os.path.isfile(path))


def _confined(path: str, root: str) -> str | None:
    """`path` when it lies inside `root` (a local package beside the main file), else None."""
    try:
        return confine(path, root)
    except Refused:
        return None
