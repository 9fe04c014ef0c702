"""Folders and files the user may not read, as an unprivileged user meets them.

Root reads everything, so when the suite runs as root (CI containers do) the installed command
runs as `nobody` through `setpriv` (or `runuser`); the test is skipped where neither can drop
privileges. Each unreadable path is one `introlint: error:` line naming it, the readable files are
still checked, and the exit status is 2. And the daemon, even reachable, answers no other user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .harness import INTROLINT, Run, problems, run

pytestmark = pytest.mark.slow
NOBODY = 65534
PROSE = "We present a system for serving models. It keeps latency low under load.\n"


def _as_nobody() -> list[str] | None:
    """The prefix that runs a command unprivileged; [] when we are not root; None when impossible."""
    if os.geteuid() != 0:
        return []
    candidates = []
    if shutil.which("setpriv"):
        candidates.append(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"])
    if shutil.which("runuser"):
        candidates.append(["runuser", "-u", "nobody", "--"])
    for prefix in candidates:
        try:
            done = subprocess.run([*prefix, "id", "-u"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0 and done.stdout.strip() == str(NOBODY):
            return prefix
    return None


@pytest.fixture
def prefix():
    found = _as_nobody()
    if found is None:
        pytest.skip("running as root and cannot drop privileges (no working setpriv or runuser)")
    return found


@pytest.fixture
def paper():
    folder = Path(tempfile.mkdtemp(prefix="introlint-unreadable-"))
    folder.chmod(0o755)  # mkdtemp makes it 0700: nobody could not even enter it
    (folder / ".git").mkdir()
    paper = folder / "paper"  # searched; intro.tex beside it is named on the command line
    (paper / "private").mkdir(parents=True)
    (paper / "good.md").write_text("# Introduction\n\n" + PROSE)
    (paper / "private" / "intro.md").write_text("# Introduction\n\n" + PROSE)
    (paper / "drafts").mkdir()
    (paper / "drafts" / "notes.md").write_text("# Introduction\n\n" + PROSE)  # found by its heading
    (paper / "drafts" / "ok.md").write_text("# Introduction\n\n" + PROSE)
    (folder / "intro.tex").write_text("\\section{Introduction}\n" + PROSE)
    locked = [paper / "private", paper / "drafts" / "notes.md", folder / "intro.tex"]
    for path in locked:
        path.chmod(0)
    yield folder
    for path in locked:
        path.chmod(0o755)
    shutil.rmtree(folder)


def test_every_unreadable_path_is_one_error_line(prefix, paper):
    outcome = run(Run(["check", "paper", "intro.tex"], paper, limit=60, prefix=prefix))
    assert not problems(outcome, statuses=(2,)), outcome.err
    errors = [line for line in outcome.err.splitlines() if line.startswith("introlint: error:")]
    assert sorted(errors) == [
        "introlint: error: intro.tex: permission denied",
        "introlint: error: paper/drafts/notes.md: permission denied; not searched",
        "introlint: error: paper/private: folder cannot be read (Permission denied); not searched",
    ], outcome.err
    assert "good.md" not in outcome.err and "2 files" in outcome.err  # good.md and drafts/ok.md checked


PROBE = """
import json, socket, sys
sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
sock.settimeout(20)
sock.connect(sys.argv[1])
try:
    sock.sendall(json.dumps({"command": "status"}).encode() + b"\\n")
    print(repr(sock.recv(65536)))
except (BrokenPipeError, ConnectionResetError):  # closed on us before or after the request
    print(repr(b""))
"""


def test_the_daemon_answers_no_other_user(prefix):
    """Even with its folder and socket opened to everyone, the daemon checks each peer's uid."""
    if not prefix:
        pytest.skip("not root: no other user to connect as")
    top = tempfile.mkdtemp(prefix="ild-")
    env = dict(os.environ, INTROLINT_DAEMON_DIR=os.path.join(top, "run"))
    try:
        started = subprocess.run([INTROLINT, "daemon", "start"], env=env, capture_output=True, text=True, timeout=120)
        assert started.returncode == 0, started.stderr
        sockets = list(Path(top, "run").glob("*.sock"))
        assert len(sockets) == 1
        for path, mode in ((top, 0o755), (os.path.join(top, "run"), 0o755), (sockets[0], 0o777)):
            os.chmod(path, mode)
        probe = [sys.executable, "-c", PROBE, str(sockets[0])]
        assert subprocess.run(probe, capture_output=True, text=True, timeout=30).stdout.startswith("b'{")  # ours
        stranger = subprocess.run([*prefix, *probe], capture_output=True, text=True, timeout=30)
        assert stranger.stdout.strip() == "b''", stranger.stdout + stranger.stderr  # closed, not a word
    finally:  # safe modes again, or the client refuses the folder and `stop` leaves the daemon running
        for path in (top, os.path.join(top, "run")):
            if os.path.isdir(path):
                os.chmod(path, 0o700)
        for socket_path in Path(top, "run").glob("*.sock"):
            os.chmod(socket_path, 0o600)
        stopped = subprocess.run([INTROLINT, "daemon", "stop"], env=env, capture_output=True, text=True, timeout=60)
        shutil.rmtree(top, ignore_errors=True)
    assert stopped.returncode == 0, stopped.stderr  # no daemon is left behind
