"""The main file a section file is compiled from, and the definitions its preamble holds.

Authors check `sections/intro.tex` alone, but its macros (`\\newcommand{\\sys}{..}`, a note
macro, `\\let\\a\\acrshort`, a local `.sty`) often live in the preamble of `main.tex`, which
`\\input`s the section. Read as unknown, a note macro's words became prose and a glossary alias
an accent. A `.tex` file beside the section or one folder up that has a `\\documentclass` and
includes the section is its main file: its preamble and the files the preamble loads are read for
definitions only (never checked, never required, never reported when unreadable).
"""

from __future__ import annotations

import functools
import os
import re

from .latex_macros import MACRO_FILE_MAX, strip_comments

CANDIDATES_MAX = 40  # .tex files looked at per folder: a folder of hundreds is no paper's root
_DOCUMENT_CLASS = re.compile(r"\\documentclass\b")
_BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
_INCLUDE = re.compile(r"\\(?:input|include|subfile)\s*\{\s*([^{}\n]+?)\s*\}")
_PREAMBLE_LOAD = re.compile(r"\\(?:input|include|loadglsentries\s*(?:\[[^\]\n]*\])?)\s*\{\s*([^{}\n]+?)\s*\}")
_PACKAGE = re.compile(r"\\(?:usepackage|RequirePackage)\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}")


def main_preamble_texts(path: str) -> list[str]:
    """The preamble of the main file that includes `path`, then the local files it loads (`\\input`,
    `\\loadglsentries`, a `.sty` beside it), as text; [] when no main file is found."""
    if not path or path.startswith("<"):
        return []
    target = os.path.splitext(os.path.abspath(path))[0]
    folder = os.path.dirname(os.path.abspath(path))
    for candidate_folder in (folder, os.path.dirname(folder)):
        for main in _tex_files(candidate_folder):
            if os.path.splitext(main)[0] == target:
                continue
            facts = _main_facts(main, *_stamp(main))
            if facts is not None and target in facts[1]:
                return [facts[0]] + [_read(loaded) for loaded in facts[2]]
    return []


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
def _main_facts(path: str, mtime: int, size: int) -> tuple[str, frozenset[str], tuple[str, ...]] | None:
    """(preamble, included files without suffix, local files the preamble loads) of a main file;
    None for a file that is no main file. Cached by modification time and size."""
    if size < 0 or size > MACRO_FILE_MAX or not os.path.isfile(path):
        return None
    text = strip_comments(_read(path))
    begin = _BEGIN_DOCUMENT.search(text)
    if begin is None or not _DOCUMENT_CLASS.search(text, 0, begin.start()):
        return None
    folder = os.path.dirname(path)
    included = frozenset(os.path.splitext(os.path.normpath(os.path.join(folder, name)))[0] for name in _INCLUDE.findall(text))
    preamble = text[: begin.start()]
    loaded = [_with_suffix(os.path.join(folder, name), ".tex") for name in _PREAMBLE_LOAD.findall(preamble)]
    loaded += [os.path.join(folder, name.strip() + ".sty") for names in _PACKAGE.findall(preamble) for name in names.split(",")]
    return preamble, included, tuple(path for path in loaded if os.path.isfile(path))


def _with_suffix(path: str, suffix: str) -> str:
    return path if os.path.splitext(path)[1] else path + suffix


def _read(path: str) -> str:
    """A file's text (its first MACRO_FILE_MAX bytes), or "" when it cannot be read."""
    from .source import decode

    try:
        if not os.path.isfile(path):
            return ""
        with open(path, "rb") as handle:
            return decode(path, handle.read(MACRO_FILE_MAX))
    except Exception:  # noqa: BLE001 - a main file is only a help, never required
        return ""
