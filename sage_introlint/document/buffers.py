"""Unsaved editor buffers that stand in for their files while a check reads them.

The language server checks a buffer from its unsaved text; a file that buffer pulls in with
`\\input` may be open too, with edits not yet saved, and then that text is what the author sees
and what must be checked. `open_buffers` lays the open buffers over the disk for the duration of
one check (a context variable, so nothing leaks into another check or thread); `read_source`
asks `unsaved` before it reads a file. The file's place is still confined as on disk.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, Mapping

_OPEN: ContextVar[Mapping[str, str] | None] = ContextVar("introlint_open_buffers", default=None)


@contextmanager
def open_buffers(texts: Mapping[str, str]) -> Iterator[None]:
    """Read `texts` (real path -> unsaved text) instead of those files until the block ends."""
    token = _OPEN.set({os.path.realpath(path): text for path, text in texts.items()})
    try:
        yield
    finally:
        _OPEN.reset(token)


def unsaved(path: str) -> str | None:
    """The unsaved text of the buffer open for `path`, or None: read the file."""
    texts = _OPEN.get()
    return texts.get(os.path.realpath(path)) if texts else None
