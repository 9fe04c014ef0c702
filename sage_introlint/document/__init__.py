"""Reading: source file -> Document (front end by file type, then kind, then sentences)."""

from __future__ import annotations

import os

from .model import INTRO_KINDS, Document, Source
from .source import (  # noqa: F401  (the package's API: callers import these from here)
    INTRODUCTION_TITLE, MAX_BYTES, decode, is_introduction_title, normalise_newlines, read_source,
    without_nul,
)

LATEX_SUFFIXES = (".tex", ".ltx", ".latex")
# The kinds --kind and the config's `kind:` accept: "auto" (detect it) or one of model.INTRO_KINDS.
KINDS = ("auto",) + INTRO_KINDS


def looks_like_latex(text: str) -> bool:
    """A .md file written in LaTeX (\\section{...} and no Markdown heading) is read as LaTeX."""
    from .markdown import has_markdown_heading

    return "\\section" in text and not has_markdown_heading(text)


def reads_as_latex(path: str, text: str) -> bool:
    """Does the LaTeX front end read this file (by its suffix, or a .md written in LaTeX)?"""
    return path.lower().endswith(LATEX_SUFFIXES) or looks_like_latex(text)


def load(source: Source, kind: str = "auto", base_dir: str | None = None, latex: dict | None = None) -> Document:
    """Parse a Source into a Document with kind and sentences.

    `base_dir` is where `\\input` files are looked up (the file's folder; cwd for stdin).
    `latex` is the config's `latex:` section: `note-macros` and `list-macros` name macros
    whose definitions are not in reach.
    """
    from . import sentences

    source = without_nul(source)
    if reads_as_latex(source.path, source.text):
        from .latex import parse_latex

        latex = latex or {}
        folder = base_dir if base_dir is not None else os.path.dirname(source.path) or "."
        doc = parse_latex(source, folder, latex.get("note-macros", ()), latex.get("list-macros", ()), kind)
    else:
        from .markdown import parse_markdown

        doc = parse_markdown(source, kind)
    sentences.segment(doc)
    return doc


def load_path(path: str, kind: str = "auto", display: str | None = None, latex: dict | None = None) -> Document:
    return load(read_source(path, display), kind, os.path.dirname(path) or ".", latex)
