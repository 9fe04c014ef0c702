"""Where the daemon's socket lives, made safe to use, and which code a daemon runs.

The socket is per user and per installation: `$INTROLINT_DAEMON_DIR`, else
`$XDG_RUNTIME_DIR/introlint`, else `/tmp/introlint-UID`, holding `daemon-HASH.sock` with HASH
naming the Python installation, so two virtual environments never talk to each other's
daemon (and a daemon answers only clients that name its installation). The client imports this
module before anything else, so it imports only small standard modules. The folder must be a real folder owned by this user with no access for anyone else;
otherwise no daemon is used (someone else could have made it to catch our requests).
"""

from __future__ import annotations

import os
import stat
import sys
import zlib

from .. import __version__

PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The client's environment that changes a check's output; the daemon checks under the client's.
FORWARDED_ENV = ("NO_COLOR", "HOME", "INTROLINT_DEBUG")


class UnsafePlace(Exception):
    """The socket folder exists but is not ours alone."""


def folder() -> str:
    explicit = os.environ.get("INTROLINT_DAEMON_DIR")
    if explicit:
        return os.path.abspath(explicit)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return os.path.join(runtime, "introlint")
    return os.path.join("/tmp", f"introlint-{os.getuid()}")


def installation() -> str:
    """This Python installation and introlint package: one daemon serves exactly one."""
    return f"{sys.prefix}\0{PACKAGE}"


def socket_path() -> str:
    return os.path.join(folder(), f"daemon-{zlib.crc32(installation().encode()):08x}.sock")


def check_folder(path: str) -> None:
    """Raise UnsafePlace unless `path` is a folder (not a link) of ours with mode 0700 or stricter."""
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePlace(f"{path} is not a folder")
    if info.st_uid != os.getuid():
        raise UnsafePlace(f"{path} belongs to another user")
    if info.st_mode & 0o077:
        raise UnsafePlace(f"{path} can be used by other users (mode {info.st_mode & 0o777:o}); make it 0700")


def make_folder() -> str:
    """The socket folder, created owner-only if missing; UnsafePlace if it is not ours alone."""
    path = folder()
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
    except OSError as error:
        raise UnsafePlace(f"cannot create {path}: {error.strerror}") from None
    check_folder(path)
    return path


def fingerprint() -> str:
    """The version and the state of the installed code and packs: a daemon from other code is stale.
    (Asked on every check: one scandir and one stat per file, no path joining per file in Python.)"""
    import hashlib

    digest = hashlib.sha1(__version__.encode())
    for top in (PACKAGE, os.path.join(os.path.dirname(PACKAGE), "rules")):
        digest.update("".join(_stamps(top)).encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def _stamps(folder: str) -> list[str]:
    """`path:mtime:size` of every .py and .yaml file under `folder`, in a stable order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.name.endswith((".py", ".yaml")) and entry.is_file():
            info = entry.stat()
            found.append(f"{entry.path}:{info.st_mtime_ns}:{info.st_size}\n")
        elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
            found.extend(_stamps(entry.path))
    return found
