"""Run the installed `introlint` as an attacker's CI job would, and judge what came out.

Each run gets a wall-clock limit (the process group is killed past it), an address-space limit
as a safety net for the shared machine, and a fresh environment holding a planted secret. The
outcome keeps the exit status, both streams, the wall time and the peak resident memory of the
largest process (from wait4, which includes the workers the command reaped), and the most
processes alive at once.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

INTROLINT = os.environ.get("HOSTILE_INTROLINT") or shutil.which("introlint", path=str(Path(sys.executable).parent)) or "introlint"
ADDRESS_SPACE = 4 * 1024 ** 3  # bytes: only a safety net; the assertion is on resident memory
PEAK_MB = 500
MARKERS = ("SECRET-OUTSIDE-7f3a", "SECRET-GIT-7f3a", "SECRET-ENV-7f3a", "SECRET-DOTENV-7f3a")
# The runner reads `::command ...::` at the start of a line (leading blanks trimmed) and the
# older `##[command]` anywhere in one.
COMMAND = re.compile(r"^\s*::")
OURS = re.compile(r"::(error|warning|notice) (file=[^:,\r\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
                  r"title=[A-Za-z0-9-]+)::[^\r\n]*\Z")


@dataclass
class Outcome:
    status: int
    out: str
    err: str
    seconds: float
    peak_mb: float
    processes: int = 1
    raw: bytes = b""

    @property
    def text(self) -> str:
        return self.out + self.err


@dataclass
class Run:
    args: list[str]
    cwd: Path
    stdin: object = subprocess.DEVNULL  # bytes, a path to open, None (closed) or DEVNULL
    stdout: str | None = None  # None: captured; "/dev/full"; "closed"
    limit: float = 20.0
    signal_after: tuple[float, int] | None = None  # (seconds after a worker appears or start, signal)
    kill_worker: bool = False
    env: dict = field(default_factory=dict)
    prefix: list = field(default_factory=list)  # a command that runs introlint (as another user)
    warm: bool = False  # may be forked by a warm starter (tests/warm_start.py) instead of started cold


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    os.setsid()


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    kids = [int(k) for k in handle.read().split()]
                found.extend(kids)
                todo.extend(kids)
        except OSError:
            continue
    return found


def environment(spec: Run) -> dict:
    """The whole environment of a run: a planted secret, nothing of the test's own."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(spec.cwd), "NO_COLOR": "1",
            "LANG": "C.UTF-8", "HOSTILE_TOKEN": MARKERS[2], **spec.env}


@dataclass
class _Started:
    pid: int
    out: object  # binary streams to read (out may be None: not captured)
    err: object
    feed: object  # binary stream to write the stdin bytes into, or None
    wait: object  # () -> (wait status or None, peak resident KB)


def _start_cold(spec: Run, command: list[str], stdin, stdout) -> _Started:
    proc = subprocess.Popen(command, cwd=spec.cwd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                            env=environment(spec), preexec_fn=_limits)

    def wait():
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0  # reaped here; keep Popen from waiting again
        return status, usage.ru_maxrss

    return _Started(proc.pid, proc.stdout, proc.stderr, proc.stdin, wait)


def _start_warm(spec: Run, starter, stdin, stdout) -> _Started:
    """The case's process forked by the warm starter (tests/warm_start.py), on pipes of ours (or
    the case's file as standard output)."""
    out_read, out_write = os.pipe() if stdout == subprocess.PIPE else (None, os.dup(stdout.fileno()))
    err_read, err_write = os.pipe()
    feed = None
    if stdin == subprocess.PIPE:
        stdin_read, stdin_write = os.pipe()
        feed = open(stdin_write, "wb")
    else:
        stdin_read = os.open(os.devnull, os.O_RDONLY) if stdin == subprocess.DEVNULL else os.dup(stdin.fileno())
    try:
        pid, wait = starter.start(spec.args, spec.cwd, environment(spec), (stdin_read, out_write, err_write),
                                  ADDRESS_SPACE)
    finally:
        for fd in (stdin_read, out_write, err_write):
            os.close(fd)
    return _Started(pid, None if out_read is None else open(out_read, "rb"), open(err_read, "rb"), feed, wait)


def run(spec: Run, starter=None) -> Outcome:
    """Run the case; through `starter` (a warm.Starter) when given and the case allows it."""
    stdin = spec.stdin
    opened = []
    if isinstance(stdin, (str, Path)):
        stdin = open(stdin, "rb")
        opened.append(stdin)
    data = stdin if isinstance(stdin, bytes) else None
    if data is not None:
        stdin = subprocess.PIPE
    if spec.stdout == "/dev/full":
        stdout = open("/dev/full", "wb")
        opened.append(stdout)
    else:
        stdout = subprocess.PIPE
    if stdin is None or spec.stdout == "closed":
        # a closed standard stream: start a shell that closes it, then execs introlint
        redirect = (" 0<&-" if stdin is None else "") + (" 1>&-" if spec.stdout == "closed" else "")
        command = ["/bin/sh", "-c", 'exec "$0" "$@"' + redirect, INTROLINT, *spec.args]
        stdin = subprocess.DEVNULL if stdin is None else stdin
    else:
        command = [*spec.prefix, INTROLINT, *spec.args]
    start = time.monotonic()
    if starter is not None and spec.warm and command[0] == INTROLINT:
        started = _start_warm(spec, starter, stdin, stdout)
    else:
        started = _start_cold(spec, command, stdin, stdout)
    pid = started.pid
    chunks = {"out": [], "err": []}

    def pump(stream, key):
        for block in iter(lambda: stream.read(65536), b""):
            chunks[key].append(block)

    threads = [threading.Thread(target=pump, args=(started.err, "err"), daemon=True)]
    if started.out is not None:
        threads.append(threading.Thread(target=pump, args=(started.out, "out"), daemon=True))
    if data is not None:
        def feed():
            try:
                started.feed.write(data)
                started.feed.close()
            except OSError:
                pass
        threads.append(threading.Thread(target=feed, daemon=True))
    for thread in threads:
        thread.start()
    most, done, result = 1, threading.Event(), {}

    def reap():
        status, peak = started.wait()
        if status is not None:
            result.update(status=status, peak=peak)
        done.set()

    threading.Thread(target=reap, daemon=True).start()
    sent = False
    while not done.wait(0.05):
        kids = _children(pid)
        most = max(most, 1 + len(kids))
        elapsed = time.monotonic() - start
        if spec.signal_after and not sent and (kids or elapsed > spec.signal_after[0] + 3) and elapsed > spec.signal_after[0]:
            os.kill(pid, spec.signal_after[1])
            sent = True
        if spec.kill_worker and not sent and kids:
            time.sleep(0.3)
            os.kill(_children(pid)[0] if _children(pid) else kids[0], signal.SIGKILL)
            sent = True
        if elapsed > spec.limit:
            os.killpg(pid, signal.SIGKILL)
            done.wait(5)
            break
    seconds = time.monotonic() - start
    for thread in threads:
        thread.join(5)
    for handle in opened + [stream for stream in (started.out, started.err) if stream is not None]:
        handle.close()
    status = os.waitstatus_to_exitcode(result["status"]) if "status" in result else -9
    peak = result["peak"] / 1024 if "peak" in result else float("nan")
    if seconds > spec.limit:
        status = -999  # timed out
    out, err = b"".join(chunks["out"]), b"".join(chunks["err"])
    return Outcome(status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), seconds, peak, most,
                   raw=out + err)


def problems(outcome: Outcome, statuses=(0, 1, 2), github: bool = False) -> list[str]:
    """Everything wrong with an outcome by the issue's rules (an empty list when it is fine)."""
    found = []
    if outcome.status == -999:
        found.append(f"no answer within the wall-clock limit ({outcome.seconds:.1f} s)")
    elif outcome.status not in statuses:
        found.append(f"exit status {outcome.status}, expected one of {sorted(statuses)}")
    if "Traceback" in outcome.text or "internal error" in outcome.text:
        found.append("traceback or internal error:\n" + outcome.err[-2000:])
    for marker in MARKERS + ("root:x:0:0",):
        if marker in outcome.text:
            found.append(f"leaked {marker!r}")
    for line in re.split(r"\r\n|\r|\n", outcome.text):
        if COMMAND.match(line) and not (github and OURS.match(line)):
            found.append(f"forged workflow command: {line[:200]!r}")
        if "##[" in line:
            found.append(f"legacy workflow command: {line[:200]!r}")
    if outcome.peak_mb > PEAK_MB:
        found.append(f"peak memory {outcome.peak_mb:.0f} MB over {PEAK_MB} MB")
    if re.search(rb"\x1b|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", outcome.raw):
        found.append("raw control character in the output")
    return found
