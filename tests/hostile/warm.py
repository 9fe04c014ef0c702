"""Start `introlint` warm for the hostile cases whose point is the input, not the interpreter's start.

A cold `introlint` spends ~1.5 of its ~2 CPU-s importing spaCy. The starter is one process of
the installed package that has done those imports (and nothing else: no check has run in it)
and forks once per case. The forked process is the case's own: its own session and process
group, address-space limit, working directory, environment (replaced whole, so nothing of the
test's leaks in), standard streams (the case's pipes, on descriptors 0-2) and arguments; it then
runs the console script's `main()` and exits through the interpreter's normal shutdown, as the
`introlint` executable does. The starter reports its pid at once (for the harness to watch its
workers, signal it, or kill its group past the limit) and, when it ends, its wait status and
peak resident memory (from wait4, which counts the workers it reaped).

The cases about the process itself (closed or full standard streams, signals, a killed worker,
the number of workers, the language server on its standard input) start the executable cold.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

# Runs in the starter process; its argument is the descriptor of its end of a SOCK_SEQPACKET pair.
STARTER = r'''
import json, os, resource, select, socket, sys

channel = socket.socket(fileno=int(sys.argv[1]))
import spacy  # what a cold `introlint check` imports (nothing is run)
import sage_introlint.cli, sage_introlint.document.sentences, sage_introlint.engine, sage_introlint.entry


def serve():
    """Fork a child per request; returns only in a child: (request, its three descriptors)."""
    running = {}
    while True:
        if select.select([channel], [], [], 0.02)[0]:
            message, fds, _, _ = socket.recv_fds(channel, 1 << 20, 3)
            if not message:
                raise SystemExit(0)
            request = json.loads(message)
            pid = os.fork()
            if pid == 0:
                channel.close()
                return request, fds
            for fd in fds:
                os.close(fd)
            running[pid] = request["id"]
            channel.send(json.dumps({"id": request["id"], "pid": pid}).encode())
        while running:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            channel.send(json.dumps({"id": running.pop(pid), "status": status, "maxrss": usage.ru_maxrss}).encode())


request, fds = serve()
os.setsid()
resource.setrlimit(resource.RLIMIT_AS, (request["address_space"], request["address_space"]))
for target, fd in enumerate(fds):
    os.dup2(fd, target)
    os.close(fd)
os.chdir(request["cwd"])
os.environ.clear()
os.environ.update(request["env"])
sys.argv = [request["executable"], *request["args"]]
from sage_introlint.entry import main

sys.exit(main())
'''


class Starter:
    """The warm starter process and its channel; `start` may be called from several threads."""

    def __init__(self, executable: str, env: dict):
        here, there = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        python = Path(executable).with_name("python")
        self.executable = executable
        self.process = subprocess.Popen([str(python), "-c", STARTER, str(there.fileno())], env=env,
                                        stdin=subprocess.DEVNULL, pass_fds=(there.fileno(),))
        there.close()
        self.channel, self.lock, self.ids = here, threading.Lock(), itertools.count()
        self.waiting: dict[int, list] = {}  # request id -> [event for the pid, event for the end, answers]
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                message = self.channel.recv(1 << 16)
            except OSError:
                message = b""
            if not message:  # the starter ended: nobody waits forever
                for started, ended, answers in self.waiting.values():
                    answers.setdefault("pid", -1)
                    answers.setdefault("status", None)
                    started.set()
                    ended.set()
                return
            answer = json.loads(message)
            started, ended, answers = self.waiting[answer["id"]]
            answers.update(answer)
            (ended if "status" in answer else started).set()

    def start(self, args: list[str], cwd: Path, env: dict, fds: tuple[int, int, int], address_space: int):
        """Fork the case's process; (its pid, a function that waits for (wait status, maxrss))."""
        number = next(self.ids)
        started, ended, answers = entry = [threading.Event(), threading.Event(), {}]
        self.waiting[number] = entry
        request = {"id": number, "args": args, "cwd": str(cwd), "env": env, "executable": self.executable,
                   "address_space": address_space}
        with self.lock:
            socket.send_fds(self.channel, [json.dumps(request).encode()], list(fds))
        started.wait()

        def wait() -> tuple[int | None, int]:
            ended.wait()
            return answers["status"], answers.get("maxrss", 0)

        return answers["pid"], wait

    def close(self) -> None:
        self.channel.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
