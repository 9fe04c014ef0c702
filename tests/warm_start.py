"""Start `introlint` warm for the tests whose point is a real process, not the interpreter's start.

A cold `introlint` spends ~1.5 of its ~2 CPU-s importing spaCy. The starter is one process of
the installed package that has done those imports and checked two fixture documents (WARM_UP:
what a check builds once per process, the patterns above all, is then built), and forks once per
request. The forked process is the request's own: its own session and process group, address-space limit, working directory, environment (replaced whole, so nothing of the
starter's leaks in), standard streams (the requester's, passed over the socket, on descriptors
0-2) and arguments; it then runs the console script's `main()` (or `python -m sage_introlint`'s)
and exits through the interpreter's normal shutdown, as the `introlint` executable does.

Each request is one connection to the starter's listening socket: the starter answers with the
pid at once (to watch its workers, signal it, or kill its group past a limit) and, when it ends,
with its wait status and peak resident memory (from wait4, which counts the workers it reaped).
`Starter.start` makes such a request from the test's process; `warm_exec.py` (`command()`) is a
command that makes one for its own arguments, environment and streams and ends as the forked
process ends, for tests that hand a command line to something else (an LSP client, subprocess.run).

The tests about the process itself (closed standard streams, signals, a cold start, the installed
wheel) start the executable cold.
"""

from __future__ import annotations

import gc
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

WARM_EXEC = Path(__file__).with_name("warm_exec.py")
SOCKET_VARIABLE = "INTROLINT_TEST_WARM_SOCKET"  # where warm_exec.py finds the starter
# Checked in the starter before it serves: a forked check then costs ~0.1 CPU-s instead of ~0.6,
# most of which was compiling the patterns of rules the first text reaches.
WARM_UP = [Path(__file__).resolve().parent.parent / "fixtures" / "docs" / name
           for name in ("planted-intro.md", "planted-intro.tex")]

# Runs in the starter process; its argument is the descriptor of its listening SOCK_SEQPACKET socket.
STARTER = r'''
import gc, json, os, resource, select, socket, sys

listener = socket.socket(fileno=int(sys.argv[1]))
import sage_introlint.document.sentences  # spaCy, imported as a cold `introlint check` imports it
sage_introlint.document.sentences.language()
import sage_introlint.cli, sage_introlint.document.sentences, sage_introlint.engine, sage_introlint.entry
import sage_introlint.lsp.server  # pygls and lsprotocol: ~1.2 CPU-s for each `introlint lsp` forked

# ... and what every check then builds and keeps for the process (spaCy's pipeline, the shipped
# packs, the patterns each rule compiles on its first use): a check of the documents named after
# the descriptor, one Markdown and one LaTeX, in this process, before any request.
sage_introlint.engine.check_paths(sys.argv[2:], jobs=1)
# All of that frozen (as sage_introlint/heap.py's settle): a forked process's full collections then
# neither walk it nor write to (copy) every page it shares with the starter. The collector's
# thresholds stay the executable's own.
gc.collect()
gc.freeze()


def serve():
    """Fork a child per request; returns only in a child: (request, its three descriptors)."""
    running = {}  # pid -> the connection its requester waits on
    while True:
        if select.select([listener], [], [], 0.02)[0]:
            connection, _ = listener.accept()
            message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
            if not message:
                connection.close()
                raise SystemExit(0)  # an empty request: stop
            request = json.loads(message)
            pid = os.fork()
            if pid == 0:
                listener.close()
                for other in [connection, *running.values()]:
                    other.close()
                return request, fds
            for fd in fds:
                os.close(fd)
            running[pid] = connection
            connection.send(json.dumps({"pid": pid}).encode())
        while running:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            connection = running.pop(pid)
            try:
                connection.send(json.dumps({"status": status, "maxrss": usage.ru_maxrss}).encode())
            except OSError:
                pass  # the requester is gone
            connection.close()


request, fds = serve()
os.setsid()
if request.get("address_space"):
    resource.setrlimit(resource.RLIMIT_AS, (request["address_space"], request["address_space"]))
for target, fd in enumerate(fds):
    os.dup2(fd, target)
    os.close(fd)
os.chdir(request["cwd"])
os.environ.clear()
os.environ.update(request["env"])
sys.argv = [request["executable"], *request["args"]]
if request.get("module"):  # python -m sage_introlint
    from sage_introlint.cli import main
    sys.exit(main(prog_name="introlint"))
from sage_introlint.entry import main

sys.exit(main())
'''


# A pytest worker once warm: one full collection, then what is alive (spaCy, the packs, compiled
# patterns, pytest's and the test modules' objects) frozen, as the daemon and the language server do
# (sage_introlint/heap.py), and the young generation collected every 10,000 allocations instead of
# 700. Collections walked that heap over and over: ~12% of the CPU of the in-process tests
# (tests/test_incremental.py, test_properties.py, checks/test_shared_work.py).
SETTLED_THRESHOLDS = (10_000, 20, 20)


def settle_collector() -> None:
    """The collector of a warm pytest worker (see SETTLED_THRESHOLDS)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SETTLED_THRESHOLDS)


def warm_here() -> None:
    """Check WARM_UP in this process, so what a check builds once per process is built here.

    A command run in the test process (click's CliRunner) checks each file in a worker forked
    from it (the time budget), and that worker's patterns and term lists are lost when it exits:
    ~0.4 CPU-s of compiling per command when this process never checked, ~0.05 when it has."""
    from sage_introlint.engine import check_paths

    check_paths([str(path) for path in WARM_UP], jobs=1)


def command(module: bool = False) -> list[str]:
    """The command line that runs `introlint` (with `module`, `python -m sage_introlint`) forked from
    the starter named in the environment (the `warm_introlint` fixture of tests/conftest.py puts it there)."""
    return [sys.executable, str(WARM_EXEC), *(["-m"] if module else [])]


def request(path: str, args: list[str], cwd, env: dict, fds, executable: str, module: bool = False,
            address_space: int = 0) -> tuple[socket.socket, int]:
    """Ask the starter at `path` to fork; (the connection its end is reported on, the child's pid)."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    connection.connect(path)
    message = {"args": list(args), "cwd": str(cwd), "env": dict(env), "executable": executable, "module": module,
               "address_space": address_space}
    socket.send_fds(connection, [json.dumps(message).encode()], list(fds))
    answer = connection.recv(1 << 16)
    if not answer:
        connection.close()
        raise OSError("the warm starter did not fork")
    return connection, json.loads(answer)["pid"]


def ended(connection: socket.socket) -> tuple[int | None, int]:
    """(wait status, peak resident KB) of the forked process, once it ends; (None, 0) if the starter died."""
    try:
        answer = connection.recv(1 << 16)
    except OSError:
        answer = b""
    finally:
        connection.close()
    if not answer:
        return None, 0
    found = json.loads(answer)
    return found["status"], found.get("maxrss", 0)


class Starter:
    """The warm starter process and its listening socket; `start` may be called from several threads."""

    def __init__(self, executable: str, env: dict):
        self.executable = executable
        self.folder = tempfile.mkdtemp(prefix="ilw-")  # short: a socket path has ~100 bytes at most
        self.path = os.path.join(self.folder, "starter")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        listener.bind(self.path)
        listener.listen(64)
        python = Path(executable).with_name("python")
        self.process = subprocess.Popen([str(python), "-c", STARTER, str(listener.fileno()), *map(str, WARM_UP)], env=env,
                                        stdin=subprocess.DEVNULL, pass_fds=(listener.fileno(),))
        listener.close()

    @classmethod
    def at(cls, path: str, executable: str) -> "Starter":
        """A handle on the starter another process started and listens for at `path` (the run's
        shared one, tests/conftest.py): `start` as above; `close` leaves it to its owner."""
        handle = cls.__new__(cls)
        handle.executable, handle.path, handle.folder, handle.process = executable, path, None, None
        return handle

    def start(self, args: list[str], cwd: Path, env: dict, fds: tuple[int, int, int], address_space: int = 0):
        """Fork the process; (its pid, a function that waits for (wait status, maxrss))."""
        connection, pid = request(self.path, args, cwd, env, fds, self.executable, address_space=address_space)
        return pid, lambda: ended(connection)

    def close(self) -> None:
        if self.process is None:
            return  # another process's starter
        try:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            connection.connect(self.path)
            connection.send(b"")  # the empty request: stop
            connection.close()
            self.process.wait(30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            for leftover in (self.path, self.folder):
                try:
                    (os.remove if leftover == self.path else os.rmdir)(leftover)
                except OSError:
                    pass
