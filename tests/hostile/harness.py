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


def run(spec: Run) -> Outcome:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(spec.cwd), "NO_COLOR": "1",
           "LANG": "C.UTF-8", "HOSTILE_TOKEN": MARKERS[2], **spec.env}
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
    close_fds = []
    pass_fds = ()
    if stdin is None or spec.stdout == "closed":
        # a closed standard stream: start a shell that closes it, then execs introlint
        redirect = (" 0<&-" if stdin is None else "") + (" 1>&-" if spec.stdout == "closed" else "")
        command = ["/bin/sh", "-c", 'exec "$0" "$@"' + redirect, INTROLINT, *spec.args]
        stdin = subprocess.DEVNULL if stdin is None else stdin
    else:
        command = [*spec.prefix, INTROLINT, *spec.args]
    start = time.monotonic()
    proc = subprocess.Popen(command, cwd=spec.cwd, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE,
                            env=env, preexec_fn=_limits, pass_fds=pass_fds)
    chunks = {"out": [], "err": []}

    def pump(stream, key):
        for block in iter(lambda: stream.read(65536), b""):
            chunks[key].append(block)

    threads = [threading.Thread(target=pump, args=(proc.stderr, "err"), daemon=True)]
    if proc.stdout is not None:
        threads.append(threading.Thread(target=pump, args=(proc.stdout, "out"), daemon=True))
    if data is not None:
        def feed():
            try:
                proc.stdin.write(data)
                proc.stdin.close()
            except OSError:
                pass
        threads.append(threading.Thread(target=feed, daemon=True))
    for thread in threads:
        thread.start()
    most, done, result = 1, threading.Event(), {}

    def reap():
        _, status, usage = os.wait4(proc.pid, 0)
        result.update(status=status, usage=usage)
        done.set()

    threading.Thread(target=reap, daemon=True).start()
    sent = False
    while not done.wait(0.05):
        kids = _children(proc.pid)
        most = max(most, 1 + len(kids))
        elapsed = time.monotonic() - start
        if spec.signal_after and not sent and (kids or elapsed > spec.signal_after[0] + 3) and elapsed > spec.signal_after[0]:
            os.kill(proc.pid, spec.signal_after[1])
            sent = True
        if spec.kill_worker and not sent and kids:
            time.sleep(0.3)
            os.kill(_children(proc.pid)[0] if _children(proc.pid) else kids[0], signal.SIGKILL)
            sent = True
        if elapsed > spec.limit:
            os.killpg(proc.pid, signal.SIGKILL)
            done.wait(5)
            break
    seconds = time.monotonic() - start
    for thread in threads:
        thread.join(5)
    proc.returncode = 0  # reaped by wait4 above; keep Popen from waiting again
    for handle in opened:
        handle.close()
    raw_status = result.get("status", 9)
    status = os.waitstatus_to_exitcode(raw_status) if "status" in result else -9
    usage = result.get("usage")
    peak = usage.ru_maxrss / 1024 if usage else float("nan")
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
