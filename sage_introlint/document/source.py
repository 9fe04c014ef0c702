"""Source text: the bytes of a file or standard input -> text, and the Introduction heading rule.

One definition each, shared by the front ends (Markdown, LaTeX), directory search and the
engine: the size limit, decoding (UTF-8, BOM, newlines), reading a file inside the repository,
and which heading title starts the Introduction (at any heading level, in any of them).
"""

from __future__ import annotations

import os
import re

from ..errors import InputError
from .model import Source

# A heading's number as authors write it: "1", "1.2", "I.", "1)", and the numberings Markdown
# authors type by hand ("01 — ", "1: ", "§1 ", "Chapter 1: "). One definition for the
# Introduction heading here and the section headings of paper mode (paper/specs.py).
SECTION_NUMBER = (
    r"(?:(?:[Cc]hapter|CHAPTER|[Ss]ection|SECTION|[Pp]art|PART)\s+|§\s*)?(?:\d+(?:\.\d+)*|[IVX]+)"
    r"(?:\s*[:\-\u2013\u2014\u00b7|]\s*|[.)]?\s+)"
)
# "Introduction", "1 Introduction", "I. INTRODUCTION", "Introduction and Motivation": the
# heading that starts the checked part, in Markdown, in LaTeX and for directory search alike.
INTRODUCTION_TITLE = re.compile(rf"\s*(?:{SECTION_NUMBER})?(?i:introduction)\b")
# An Introduction is a few pages (5-20 KB); past this a file is not one, and parsing it would
# keep a commit hook waiting for a minute.
MAX_BYTES = 1024 * 1024


def is_introduction_title(title: str) -> bool:
    return INTRODUCTION_TITLE.match(title) is not None


def normalise_newlines(text: str) -> str:
    """CRLF and CR -> LF, so lines and columns mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def without_nul(source: Source) -> Source:
    """NUL characters (from stdin or an editor's buffer; files with one are refused as binary)
    become U+FFFD, as CommonMark does; the length is the same, so positions are unchanged."""
    if "\x00" not in source.text:
        return source
    return Source(source.path, source.text.replace("\x00", "\ufffd"))


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
    `confinement`: a symlink out of the repository, a FIFO or a device is refused unread. A file
    open in the editor with unsaved edits is read from its buffer (`buffers`).
    """
    from ..confinement import confine, read_confined, root_for
    from .buffers import unsaved

    display = display or path
    text = unsaved(path)
    if text is not None:
        confine(path, root or root_for(os.path.dirname(os.path.abspath(path))), display)
        return Source(display, decode(display, text.encode("utf-8", "surrogatepass")))
    data, size = read_confined(path, MAX_BYTES, display, root)
    return Source(display, decode(display, data, size))


