"""`introlint check` handed to a running daemon: the thin client, standard library only.

The console entry calls `forward` before click, spaCy or any checking module is imported, so a
check through a running daemon costs a Python start, a few small imports and one socket round
trip. Whenever the daemon cannot answer (none runs, a stale socket, an unsafe folder, another
installation's or older code) `forward` returns None and the caller checks in its own process:
the daemon only ever makes a check faster, never different.
"""

from __future__ import annotations

import _socket  # not `socket`: its enum conversions cost a daemon check ~10 ms of start
import os
import stat
import sys

from .. import __version__
from . import place
from .wire import WireError, pack, receive, send, unpack

# Options that mean "do not use the daemon for this run".
LOCAL_ONLY = ("--no-daemon", "--fix", "-h", "--help")
STDIN_LIMIT = 1024 * 1024 + 1  # document.MAX_BYTES and one more, as the CLI reads it: too big is reported


def request(message: dict, path: str | None = None) -> dict | None:
    """Send one message to the daemon and return its answer; None when no daemon answers."""
    path = path or place.socket_path()
    try:
        place.check_folder(os.path.dirname(path))
    except (OSError, place.UnsafePlace):
        return None
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        try:
            sock.connect(path)
        except FileNotFoundError:
            return None
        except OSError:  # a socket file nobody listens on: its daemon died
            remove_stale(path)
            return None
        send(sock, message)
        return receive(sock)
    except (OSError, WireError):
        return None
    finally:
        sock.close()


def remove_stale(path: str) -> None:
    try:
        info = os.lstat(path)
        if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
            os.unlink(path)
    except OSError:
        pass


def wanted(args: list[str]) -> bool:
    """Should this `introlint check ARGS` go to a daemon at all?"""
    if os.environ.get("INTROLINT_NO_DAEMON"):
        return False
    return not any(arg in LOCAL_ONLY for arg in args)


def forward(args: list[str]) -> int | None:
    """Run `introlint check ARGS` in the daemon and relay its output; None: check here instead."""
    if not wanted(args):
        return None
    path = place.socket_path()
    if not os.path.exists(path):
        return None
    stdin = b""
    if "-" in args:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # closed: the check here says so
            return None
        try:
            stdin = stream.read(STDIN_LIMIT)
        except OSError:
            return None
        _replay_stdin(stdin)  # for a check here, should the daemon not answer
    if "--color" not in args and "--no-color" not in args:
        args = ["--color" if sys.stdout.isatty() else "--no-color", *args]
    answer = request({"command": "check", "args": args, "cwd": os.getcwd(), "stdin": pack(stdin),
                      "env": {name: os.environ.get(name) for name in place.FORWARDED_ENV},
                      "version": __version__, "install": place.installation()}, path)
    if answer is None or "exit" not in answer:
        if answer is not None and answer.get("restart"):
            spawn(path)  # the daemon ran other code and has exited; the next check finds a new one
        return None
    for stream, key in ((sys.stdout, "stdout"), (sys.stderr, "stderr")):
        stream.flush()
        stream.buffer.write(unpack(answer.get(key)))
        stream.buffer.flush()
    return int(answer["exit"])


def _replay_stdin(data: bytes) -> None:
    import io

    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def spawn(path: str, idle: float | None = None) -> None:
    """Start a daemon process in the background, detached from this one."""
    import subprocess

    command = [sys.executable, "-m", "sage_introlint.daemon.server", path]
    if idle is not None:
        command.append(str(idle))
    subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True, cwd="/")
