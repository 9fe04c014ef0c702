"""The daemon: a warm process that runs `introlint check` for the same user's clients.

Started by `introlint daemon start` (as `python -m sage_introlint.daemon.server`). It binds
its socket owner-only, answers one request at a time, checks every peer's uid, and runs a
check exactly as the command line does (the same click command, in the client's folder, on
the client's standard input and environment) so the output bytes and the exit status are the
same. When its own code or packs changed on disk since it started, or the client is another
version, the client is told to restart it, and it exits; a client of another installation is
told nothing it could use, and checks in its own process. It also
exits after `idle` seconds without a request, on `stop`, and on SIGTERM, removing its socket.
"""

from __future__ import annotations

import os
import signal
import socket
import struct
import sys
import time

from .. import __version__, heap
from .place import FORWARDED_ENV, check_folder, fingerprint, installation
from .warm import WarmCheckers
from .wire import WireError, pack, receive, send, unpack

IDLE = 3 * 3600  # seconds without a request before the daemon exits
READ_TIMEOUT = 30  # a client that connects must send its request within this


def peer_uid(conn: socket.socket) -> int | None:
    """The uid of the process at the other end (Linux SO_PEERCRED), or None where unknown."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    _pid, uid, _gid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    return uid


def run_check(args: list[str], cwd: str, stdin: bytes, env: dict | None = None) -> dict:
    """`introlint check ARGS` in `cwd` as the command line runs it: stdout, stderr, exit status.

    The client resolves colour itself (it knows whether its output is a terminal) and passes
    --color or --no-color; `env` is the client's FORWARDED_ENV (None: unset).
    """
    from click.testing import CliRunner

    from ..cli import main

    previous = os.getcwd()
    try:
        os.chdir(cwd)
        result = CliRunner().invoke(main, ["check", *args], input=stdin, env=env or {},
                                   catch_exceptions=True)
    except OSError as error:
        return {"exit": 2, "stdout": "", "stderr": pack(f"introlint: error: {cwd}: {error.strerror}\n".encode())}
    finally:
        os.chdir(previous)
    stderr = result.stderr_bytes or b""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += f"introlint: internal error: {type(result.exception).__name__}: {result.exception}\n".encode()
        return {"exit": 2, "stdout": pack(result.stdout_bytes), "stderr": pack(stderr)}
    return {"exit": result.exit_code, "stdout": pack(result.stdout_bytes), "stderr": pack(stderr)}


def client_env(sent) -> dict:
    """The forwarded variables as the client had them (a value that is not a string: unset)."""
    sent = sent if isinstance(sent, dict) else {}
    return {name: sent[name] if isinstance(sent.get(name), str) else None for name in FORWARDED_ENV}


class Daemon:
    def __init__(self, path: str, idle: float):
        self.path, self.idle = path, idle
        self.fingerprint = fingerprint()
        self.started = time.time()
        self.checks = 0
        self.running = True
        self.warm = WarmCheckers()  # engine.serve_warm's checkers while serving (see `main`)

    def answer(self, request: dict) -> dict:
        command = request.get("command")
        if command == "status":
            return {"pid": os.getpid(), "version": __version__, "fingerprint": self.fingerprint,
                    "socket": self.path, "uptime": time.time() - self.started, "checks": self.checks}
        if command == "stop":
            self.running = False
            return {"stopped": os.getpid()}
        if command == "check":
            if request.get("install") != installation():
                return {"error": "another installation's daemon"}
            if request.get("version") != __version__ or fingerprint() != self.fingerprint:
                self.running = False  # the code changed under us: the client starts a new daemon
                return {"restart": True, "fingerprint": self.fingerprint}
            args, cwd = request.get("args"), request.get("cwd")
            if not isinstance(args, list) or not all(isinstance(a, str) for a in args) or not isinstance(cwd, str):
                return {"error": "a check needs args (strings) and cwd"}
            if "--fix" in args:  # the daemon never writes a file: --fix runs in the caller
                return {"error": "--fix is not done by the daemon"}
            self.checks += 1
            return run_check(args, cwd, unpack(request.get("stdin")), client_env(request.get("env")))
        return {"error": f"unknown command {command!r}"}

    def serve(self, listener: socket.socket) -> None:
        listener.settimeout(min(self.idle, 60))
        last = time.monotonic()
        while self.running:
            try:
                conn, _ = listener.accept()
            except socket.timeout:
                if time.monotonic() - last >= self.idle or not self.owns_socket():
                    return
                continue
            last = time.monotonic()
            with conn:
                self.handle(conn)

    def handle(self, conn: socket.socket) -> None:
        if peer_uid(conn) not in (None, os.getuid()):
            return  # another user: not even an answer
        conn.settimeout(READ_TIMEOUT)
        try:
            request = receive(conn)
            conn.settimeout(None)
            with heap.deferred():
                answer = self.answer(request)
            send(conn, answer)
        except (WireError, OSError):
            return
        finally:
            if self.checks:
                heap.settle()  # warm now: later full collections skip what the first check loaded
            heap.tidy()  # the collector's turn, once the client has its answer

    def owns_socket(self) -> bool:
        """Is our socket file still in place (not removed or replaced by a newer daemon)?"""
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False

    def bind(self) -> socket.socket | None:
        """Listen on the socket path; None when a live daemon already answers there."""
        check_folder(os.path.dirname(self.path))
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if os.path.exists(self.path):
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                probe.connect(self.path)
                return None  # somebody answers: leave it be
            except OSError:
                os.unlink(self.path)  # stale: its daemon is gone
            finally:
                probe.close()
        mask = os.umask(0o177)  # the socket is born owner-only
        try:
            listener.bind(self.path)
        finally:
            os.umask(mask)
        os.chmod(self.path, 0o600)
        self.inode = os.stat(self.path).st_ino
        listener.listen(16)
        return listener


def main(argv: list[str]) -> int:
    path, idle = argv[0], float(argv[1]) if len(argv) > 1 else IDLE
    daemon = Daemon(path, idle)
    listener = daemon.bind()
    if listener is None:
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        from .. import engine
        from ..cli.common import load_language

        load_language()  # warm before the first request
        engine.serve_warm(daemon.warm)  # checks reuse what the last ones read and found, in this process
        daemon.serve(listener)
    finally:
        listener.close()
        if daemon.owns_socket():
            os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
