"""The client side of the daemon: `introlint check` through it, and start, stop, status.

`check_through_daemon` runs before click or spaCy is imported, so a check through a running
daemon costs a Python start and a socket round trip. Whenever the daemon cannot answer (none
runs, a stale socket, an unsafe folder, code that changed since it started) it returns None
and the caller checks in its own process: the daemon only ever makes a check faster.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
import time

from . import place
from .wire import WireError, pack, receive, send, unpack

# Options that mean "do not use the daemon for this run".
LOCAL_ONLY = ("--no-daemon", "--fix", "-h", "--help")
START_TIMEOUT = 60.0


def request(message: dict, path: str | None = None) -> dict | None:
    """Send one message to the daemon and return its answer; None when no daemon answers."""
    path = path or place.socket_path()
    try:
        place.check_folder(os.path.dirname(path))
    except (OSError, place.UnsafePlace):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except FileNotFoundError:
        sock.close()
        return None
    except OSError:  # a socket file nobody listens on: its daemon died
        sock.close()
        remove_stale(path)
        return None
    try:
        with sock:
            send(sock, message)
            return receive(sock)
    except (OSError, WireError):
        return None


def remove_stale(path: str) -> None:
    try:
        info = os.lstat(path)
        if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
            os.unlink(path)
    except OSError:
        pass


def check_through_daemon(args: list[str]) -> int | None:
    """Run `introlint check ARGS` in the daemon and print its output; None: check here instead."""
    if os.environ.get("INTROLINT_NO_DAEMON") or any(arg in LOCAL_ONLY for arg in args):
        return None
    path = place.socket_path()
    if not os.path.exists(path):
        return None
    stdin = b""
    if "-" in args:
        stream = getattr(sys.stdin, "buffer", None)  # closed stdin: nothing; never more than the limit
        stdin = stream.read(1024 * 1024 + 1) if stream is not None else b""
        _replay_stdin(stdin)  # for a check here, should the daemon not answer
    if "--color" not in args and "--no-color" not in args:
        args = ["--color" if sys.stdout.isatty() else "--no-color", *args]
    answer = request({"command": "check", "args": args, "cwd": os.getcwd(), "stdin": pack(stdin),
                      "no_color": os.environ.get("NO_COLOR"), "fingerprint": place.fingerprint()}, path)
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


def status() -> dict | None:
    return request({"command": "status"})


def start(idle: float | None = None) -> tuple[dict, bool]:
    """Start a daemon unless one from this code runs; (its status, whether it was started now)."""
    path = os.path.join(place.make_folder(), os.path.basename(place.socket_path()))
    running = status()
    if running is not None and running.get("fingerprint") == place.fingerprint():
        return running, False
    if running is not None:
        stop()
    spawn(path, idle)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        running = status()
        if running is not None:
            return running, True
        time.sleep(0.05)
    raise TimeoutError(f"the daemon did not answer on {path} within {START_TIMEOUT:.0f} s")


def stop() -> int | None:
    """Stop the running daemon; its pid, or None when none ran."""
    path = place.socket_path()
    answer = request({"command": "stop"}, path)
    if answer is None:
        return None
    deadline = time.monotonic() + 10
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.02)
    pid = answer.get("stopped")
    while isinstance(pid, int) and alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return pid


def alive(pid: int) -> bool:
    """Is process `pid` running (a zombie waiting for its parent counts as ended)?"""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
