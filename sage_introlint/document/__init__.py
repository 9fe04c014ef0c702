"""Reading: source file -> Document (front end by file type, then kind, then sentences)."""

from __future__ import annotations

import os
import re

from ..errors import InputError
from .model import Document, Source

LATEX_SUFFIXES = (".tex", ".ltx", ".latex")
KINDS = ("auto", "intro", "outline", "paragraph")
# "Introduction", "1 Introduction", "I. Introduction", "Introduction and Motivation": the
# heading that starts the checked part, in Markdown, in LaTeX and for directory search alike.
INTRODUCTION_TITLE = re.compile(r"\s*(?:(?:\d+(?:\.\d+)*|[IVX]+)[.)]?\s+)?introduction\b", re.IGNORECASE)
# An Introduction is a few pages (5-20 KB); past this a file is not one, and parsing it would
# keep a commit hook waiting for a minute.
MAX_BYTES = 1024 * 1024


def is_introduction_title(title: str) -> bool:
    return INTRODUCTION_TITLE.match(title) is not None


def normalise_newlines(text: str) -> str:
    """CRLF and CR -> LF, so lines and columns mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(path: str, data: bytes, size: int | None = None) -> str:
    """Bytes -> text with newlines normalised, or an InputError that says what is wrong.

    `size` is the whole input's size when `data` was read only up to the limit.
    """
    size = len(data) if size is None else size
    if size > MAX_BYTES:
        raise InputError(
            f"{path}: {size / (1024 * 1024):.1f} MB is too large for an Introduction"
            f" (limit {MAX_BYTES // (1024 * 1024)} MB); check the file that holds the Introduction"
        )
    if b"\x00" in data:
        raise InputError(f"{path}: binary file, not Markdown or LaTeX")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            f"{path}:{line}:{column}: not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None
    return normalise_newlines(text)


def read_source(path: str, display: str | None = None, root: str | None = None) -> Source:
    """Read one file from disk as a Source, with clear errors for what cannot be read.

    The file must be a regular file inside the repository root (`root`, else its own), see
    `confinement`: a symlink out of the repository, a FIFO or a device is refused unread.
    """
    from ..confinement import read_confined

    display = display or path
    data, size = read_confined(path, MAX_BYTES, display, root)
    return Source(display, decode(display, data, size))


def looks_like_latex(text: str) -> bool:
    """A .md file written in LaTeX (\\section{...} and no Markdown heading) is read as LaTeX."""
    from .markdown import has_markdown_heading

    return "\\section" in text and not has_markdown_heading(text)


def load(source: Source, kind: str = "auto", base_dir: str | None = None, latex: dict | None = None) -> Document:
    """Parse a Source into a Document with kind and sentences.

    `base_dir` is where `\\input` files are looked up (the file's folder; cwd for stdin).
    `latex` is the config's `latex:` section: `note-macros` and `list-macros` name macros
    whose definitions are not in reach.
    """
    from . import sentences

    if "\x00" in source.text:  # as CommonMark does; same length, so positions are unchanged
        source = Source(source.path, source.text.replace("\x00", "\ufffd"))
    if source.path.lower().endswith(LATEX_SUFFIXES) or looks_like_latex(source.text):
        from .latex import parse_latex

        latex = latex or {}
        folder = base_dir if base_dir is not None else os.path.dirname(source.path) or "."
        doc = parse_latex(source, folder, latex.get("note-macros", ()), latex.get("list-macros", ()))
        if kind != "auto":
            doc.kind = kind
    else:
        from .markdown import parse_markdown

        doc = parse_markdown(source, kind)
    sentences.segment(doc)
    return doc


def load_path(path: str, kind: str = "auto", display: str | None = None, latex: dict | None = None) -> Document:
    return load(read_source(path, display), kind, os.path.dirname(path) or ".", latex)
