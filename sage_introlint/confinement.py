"""Which files introlint may read, and how it reads them: the one policy for untrusted input.

A pull request controls the checked files, their `\\input` lines and the configuration, and the
CI job that checks them holds secrets. So every file introlint opens because some other file
names it (an `\\input`/`\\include`, a pack in a config), and every file it finds in a folder or
is handed through a symlink, must lie inside the repository root: the folder holding `.git`
above it, else the one holding `.introlint.yaml`, else the working directory (or the file's own
folder when it is outside that); `--root DIR` names it outright. Nothing inside `.git/` is ever
read. An included file must have a TeX extension; TeX code that holds no prose (`.tikz`, `.bbl`,
...) is skipped without a word. Only regular files are opened (a FIFO or a device would block or
never end), without blocking, and never more than the size limit is read.
"""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass

from .errors import InputError
from .repository import is_repository_root

TEX_SUFFIXES = (".tex", ".ltx", ".latex")
# TeX code an Introduction may \input that holds no prose (figures, bibliographies, styles).
NON_PROSE_SUFFIXES = (".tikz", ".pgf", ".pgf-plot", ".bbl", ".sty", ".cls", ".clo", ".def")
ROOT_MARKER = ".git"
CONFIG_MARKERS = (".introlint.yaml", ".introlint.yml")
MAX_NAME = 1024  # characters of a name in `\input{...}`
MAX_INCLUDES = 200  # `\input`s followed per document (each one counts, repeats too)
MAX_INCLUDE_DEPTH = 16  # `\input`s within `\input`s (papers use 2 or 3)

_explicit_root: str | None = None


class Refused(InputError):
    """A path the policy does not let introlint read (outside the root, in .git, not a text file)."""


def set_root(path: str | None) -> None:
    """Use `path` as the repository root for every file (`--root`), or None to find it per file."""
    global _explicit_root
    _explicit_root = os.path.realpath(path) if path else None
    root_for.cache_clear()


@functools.lru_cache(maxsize=256)
def root_for(folder: str) -> str:
    """The repository root (a real path) that files in `folder` are confined to."""
    if _explicit_root:
        return _explicit_root
    start = os.path.abspath(folder or ".")
    for holds_marker in (is_repository_root, _holds_config):
        current = start
        while True:
            if holds_marker(current):
                return os.path.realpath(current)
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
    cwd = os.path.realpath(os.getcwd())
    return cwd if _inside(os.path.realpath(start), cwd) else os.path.realpath(start)


def _holds_config(folder: str) -> bool:
    return any(os.path.lexists(os.path.join(folder, name)) for name in CONFIG_MARKERS)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def confine(path: str, root: str, display: str | None = None) -> str:
    """The real path of `path`, or Refused when it leads outside `root` or into a `.git` folder."""
    display = display if display is not None else path
    if "\x00" in path or len(path) > 4 * MAX_NAME:
        raise Refused(f"{display}: not a usable file name")
    real = os.path.realpath(path)
    if not _inside(real, root):
        raise Refused(f"{display}: outside the repository root {root}; introlint reads only files inside it "
                      "(name another root with --root)")
    if ROOT_MARKER in os.path.relpath(real, root).lower().split(os.sep):
        raise Refused(f"{display}: inside a .git folder, which introlint never reads")
    return real


def read_bytes(path: str, limit: int, display: str | None = None) -> tuple[bytes, int]:
    """(at most `limit` + 1 bytes of a regular file, its size); InputError for anything else.

    The file is checked before it is opened and opened without blocking, so a FIFO, a device
    (`/dev/zero`) or a socket is never read; it is checked again once open, in case it changed.
    """
    display = display if display is not None else path
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{display}: no such file") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{display}: cannot read ({getattr(error, 'strerror', None) or error})") from None
    _require_regular(info, display)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except PermissionError:
        raise InputError(f"{display}: permission denied") from None
    except OSError as error:
        raise InputError(f"{display}: cannot read ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        _require_regular(info, display)
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise InputError(f"{display}: cannot read ({error.strerror})") from None
    return data, max(len(data), info.st_size)


def _require_regular(info: os.stat_result, display: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{display}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"{display}: not a regular file (a FIFO, device or socket); introlint does not open it")


def read_confined(path: str, limit: int, display: str | None = None, root: str | None = None) -> tuple[bytes, int]:
    """`read_bytes` of a file that must lie (symlinks resolved) inside `root` (default: its own root)."""
    root = root or root_for(os.path.dirname(os.path.abspath(path)))
    confine(path, root, display)
    return read_bytes(path, limit, display)


@dataclass(frozen=True)
class Include:
    """Where an `\\input{name}` leads: a file to read, nothing (skipped), or why it is refused."""

    path: str | None = None
    display: str | None = None
    problem: str | None = None  # "file not found (...)" or the policy's reason


SKIPPED = Include()


def locate_include(name: str, places: list[tuple[str, str]], root: str) -> Include:
    """Resolve `\\input{name}` against `places` ((folder, folder as shown), tried in order).

    A name without a TeX extension gets `.tex` (LaTeX's own rule); a name with another extension
    is refused unless it is TeX code without prose, which is skipped.
    """
    name = name.strip()
    if not name or len(name) > MAX_NAME or "\x00" in name:
        return Include(problem="not a usable file name")
    lowered = name.lower()
    if lowered.endswith(NON_PROSE_SUFFIXES):
        return SKIPPED
    candidate = name if lowered.endswith(TEX_SUFFIXES) else name + ".tex"
    tried = None
    for folder, shown in places:
        path = os.path.join(folder, candidate)
        display = os.path.normpath(os.path.join(shown, candidate))
        try:
            confine(path, root, display)
        except Refused as refused:
            return Include(problem=str(refused))
        if os.path.lexists(path):
            return Include(path, display)
        if tried is None:
            tried = path
        bare = os.path.join(folder, name)
        if candidate != name and os.path.lexists(bare):
            return Include(problem=f"{os.path.normpath(os.path.join(shown, name))}: not a TeX file "
                                   f"({', '.join(TEX_SUFFIXES)}); introlint reads no other kind")
    return Include(problem=f"file not found ({tried})")


class IncludeBudget:
    """How much a document may pull in: at most MAX_INCLUDES `\\input`s and `limit` characters
    in all, its own included, so fan-out (each file including the next ten) stays bounded."""

    def __init__(self, own: int, limit: int):
        self.includes, self.size, self.limit = 0, own, limit
        self.spent = False  # once refused, the rest are dropped without a word (one report is enough)

    def may_read(self) -> bool:
        """Whether another include may be looked at at all (checked before reading it)."""
        return not self.spent

    def admit(self, size: int) -> str | None:
        """None when one more included file of `size` characters fits, else why not (said once)."""
        if self.spent:
            return ""
        if self.includes >= MAX_INCLUDES:
            self.spent = True
            return f"more than {MAX_INCLUDES} \\input files; this one and the rest are not read"
        if self.size + size > self.limit:
            self.spent = True
            return (f"the document with its \\input files would pass {self.limit // (1024 * 1024)} MB; "
                    "this one and the rest are not read")
        self.includes += 1
        self.size += size
        return None
