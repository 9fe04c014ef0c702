"""`introlint daemon`: the same bytes and exit status as a check in the calling process, a stale
socket recovered, owner-only permissions, no network socket, no process left behind."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_invoke import chdir
from sage_introlint import __version__
from sage_introlint.cli import main
from sage_introlint.daemon import client, forward, place
from sage_introlint.formats import FORMATS
from warm_start import command

ROOT = Path(__file__).resolve().parent.parent
BIN = str(Path(sys.executable).parent / "introlint")
DOCS = ROOT / "fixtures" / "docs"

CASES = [
    (["check", str(DOCS / "planted-intro.md")], None),  # findings: exit 1
    (["check", str(DOCS / "clean-intro.md")], None),  # none: exit 0
    (["check", "--format", "json", str(DOCS / "planted-intro.tex"), str(DOCS / "clean-intro.tex")], None),
    (["check", "--format", "full", "--fail-on", "warning", "--statistics", str(DOCS / "planted-outline.md")], None),
    (["check", str(DOCS / "no-such-file.md"), str(DOCS / "clean-paragraph.md")], None),  # exit 2
    (["check", "-", "--stdin-filename", "draft.md"], b"# Introduction\n\nIt is truly seamless!\n"),
    (["check", "fixtures/docs", "--verbose"], None),  # relative to the client's folder
]


def _use(patch, run_folder: str) -> None:
    """Name `run_folder` as the daemon's socket folder, with nothing bypassing or colouring it."""
    patch.setenv("INTROLINT_DAEMON_DIR", run_folder)
    patch.delenv("INTROLINT_NO_DAEMON", raising=False)
    patch.delenv("NO_COLOR", raising=False)
    patch.delenv("INTROLINT_DEBUG", raising=False)  # an earlier --debug run in this process sets it


def _private_folder() -> tuple[str, str]:
    """(top, socket folder): short, as a Unix socket path has ~100 bytes at most."""
    top = tempfile.mkdtemp(prefix="ild-")
    return top, os.path.join(top, "run")


@pytest.fixture
def folder(monkeypatch):
    """A socket folder of its own, for a test about a daemon's start, restart, place or end."""
    top, run_folder = _private_folder()
    _use(monkeypatch, run_folder)
    yield run_folder
    client.stop()
    shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def shared_daemon():
    """(socket folder, status): one daemon shared by the tests that only have it check and
    answer, or refuse to use it (each start costs a cold spaCy load); a fresh one is started where
    the point is a start, a restart, a stale socket or a stop."""
    top, run_folder = _private_folder()
    with pytest.MonkeyPatch.context() as patch:
        _use(patch, run_folder)
        status, started = client.start()
        assert started and status["checks"] == 0
    yield run_folder, status
    with pytest.MonkeyPatch.context() as patch:
        _use(patch, run_folder)
        client.stop()
    shutil.rmtree(top, ignore_errors=True)


@pytest.fixture
def daemon(shared_daemon, monkeypatch) -> dict:
    """The shared daemon's status now; its socket folder is the environment's for the test."""
    run_folder, started = shared_daemon
    _use(monkeypatch, run_folder)
    status = client.status()
    assert status is not None and status["pid"] == started["pid"]  # still the daemon started first
    return status


def run(args, stdin=None, local=False, flag=False, env=None, warm=False):
    """(stdout, stderr, exit status) of the command; `local` bypasses the daemon, by the
    environment variable or with `flag` by --no-daemon; `env` adds to the environment. With
    `warm` (a client that checks in its own process) the process is forked from the warm
    starter (tests/warm_start.py): the same console script, without a cold spaCy import."""
    env = dict(os.environ, **(env or {}), **({"INTROLINT_NO_DAEMON": "1"} if local and not flag else {}))
    args = [*args, "--no-daemon"] if local and flag else args
    done = subprocess.run([*(command() if warm else [BIN]), *args], input=stdin, capture_output=True, cwd=ROOT,
                          env=env, timeout=300)
    return done.stdout, done.stderr, done.returncode


def here(args, stdin=None, env=None):
    """`run(args, stdin, local=True)` computed in this process (the same click command a
    --no-daemon process runs, without the two seconds of its start)."""
    with chdir(ROOT):
        result = CliRunner().invoke(main, [*args, "--no-daemon"], input=stdin, env={"NO_COLOR": None, **(env or {})})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.stdout_bytes, result.stderr_bytes, result.exit_code


def check_request(install=None, version=__version__) -> dict:
    return {"command": "check", "args": ["--no-color", str(DOCS / "clean-intro.md")], "cwd": str(ROOT),
            "stdin": "", "env": {}, "version": version, "install": install or place.installation()}


def test_same_bytes_and_exit_status_through_the_daemon(daemon):
    statuses = set()
    for args, stdin in CASES:
        through = run(args, stdin)
        assert through == here(args, stdin), args
        statuses.add(through[2])
    assert statuses == {0, 1, 2}
    assert client.status()["checks"] == daemon["checks"] + len(CASES)  # every case was answered by the daemon


@pytest.mark.parametrize("flag, case", [(True, 0), (False, 5)], ids=["--no-daemon", "INTROLINT_NO_DAEMON"])
@pytest.mark.usefixtures("warm_introlint")
def test_the_flag_and_the_variable_check_in_the_calling_process(daemon, flag, case):
    """A real `introlint check` process told not to use the running daemon checks by itself,
    with the same bytes and exit status."""
    args, stdin = CASES[case]
    assert run(args, stdin, local=True, flag=flag, warm=True) == here(args, stdin), args
    assert client.status()["checks"] == daemon["checks"]  # the daemon was not asked


def test_every_format_and_colour_setting_the_same_through_the_daemon(daemon):
    planted = str(DOCS / "planted-intro.md")
    cases = [["check", "--format", name, planted] for name in FORMATS] + [["check", "--color", planted]]
    for args in cases:
        for env in ({}, {"NO_COLOR": "1"}):  # NO_COLOR is the client's: it beats --color
            assert run(args, env=env) == here(args, env=env), (args, env)
    assert client.status()["checks"] == daemon["checks"] + 2 * len(cases)


def test_a_file_past_the_time_budget_is_reported_as_here_and_the_daemon_goes_on(daemon, tmp_path):
    paragraph = "We present a system that serves many models on shared machines at scale. " * 40
    big = tmp_path / "big.md"
    big.write_text("# Introduction\n\n" + f"{paragraph}\n\n" * 200, encoding="utf-8")
    args = ["check", "--timeout", "0.1", str(big)]
    through = run(args)
    assert through == here(args)
    assert b"took longer than the time budget of 0.1 s" in through[0] and through[2] != 0
    assert run(*CASES[0]) == here(*CASES[0])  # the daemon answers as before
    assert client.status()["checks"] == daemon["checks"] + 2


def test_another_installation_gets_no_answer_to_use(daemon):
    status = daemon
    answer = forward.request(check_request(install="/another/prefix\0/another/sage_introlint"))
    assert answer is not None and "exit" not in answer and "restart" not in answer
    assert client.status()["pid"] == status["pid"]  # still running for its own installation
    assert "exit" in forward.request(check_request())


def test_owner_only_folder_and_socket_and_no_network_socket(daemon):
    status = daemon
    assert stat.S_IMODE(os.stat(os.path.dirname(status["socket"])).st_mode) == 0o700
    assert stat.S_ISSOCK(os.stat(status["socket"]).st_mode)
    assert stat.S_IMODE(os.stat(status["socket"]).st_mode) == 0o600
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            with open(f"/proc/net/{table}") as handle:
                inet.update(line.split()[9] for line in list(handle)[1:])
        except OSError:
            pass
    fds = f"/proc/{status['pid']}/fd"
    links = {os.readlink(os.path.join(fds, fd)) for fd in os.listdir(fds)}
    assert not {link[8:-1] for link in links if link.startswith("socket:[")} & inet


@pytest.mark.usefixtures("warm_introlint")
def test_unsafe_folder_is_not_used(daemon):
    folder = os.path.dirname(daemon["socket"])
    checks = daemon["checks"]
    os.chmod(folder, 0o755)  # others could reach the socket now: the client must not use it
    try:
        assert client.status() is None
        with pytest.raises(place.UnsafePlace):
            client.start()
        assert run(*CASES[0], warm=True) == here(*CASES[0])  # checked in the client's own process
    finally:
        os.chmod(folder, 0o700)
    assert client.status()["checks"] == checks  # the daemon, still running, was not asked


@pytest.mark.usefixtures("warm_introlint")
def test_stale_socket_is_removed_and_the_check_runs_here_and_a_new_daemon_stops_cleanly(folder):
    path = os.path.join(place.make_folder(), os.path.basename(place.socket_path()))
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(path)  # a daemon that died without removing its socket
    dead.close()
    assert os.path.exists(path)
    assert run(*CASES[0], warm=True) == here(*CASES[0])  # checked in the client's own process
    assert not os.path.exists(path)
    status, started = client.start()  # and a new daemon can take the place
    assert started and status["socket"] == path
    # (one daemon start, which costs a cold spaCy load, for both points:) a stop leaves nothing behind
    assert client.stop() == status["pid"]
    assert not client.alive(status["pid"])
    assert not os.path.exists(status["socket"])
    assert client.status() is None and client.stop() is None


def _restarted(first: dict) -> dict:
    """The daemon that replaced `first`, once it answers and `first` is gone (under load the new
    one can be up before the old one has exited, so both are waited for); None after a minute."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        second = client.status()
        if second is not None and second["pid"] != first["pid"] and not client.alive(first["pid"]):
            return second
        time.sleep(0.1)
    return None


@pytest.mark.usefixtures("warm_introlint")
def test_another_version_and_then_changed_code_restart_the_daemon(folder, monkeypatch):
    """Both reasons for a restart, one after the other (each daemon start is a cold spaCy load):
    a client of another version, then the package's code changed since the daemon started."""
    first, _ = client.start()
    with monkeypatch.context() as older:
        older.setattr(forward, "__version__", "0.0.1-older")
        assert forward.forward(["--no-color", str(DOCS / "clean-intro.md")]) is None  # checked in the caller
    second = _restarted(first)
    assert second is not None  # a new daemon, the old one gone
    marker = Path(place.PACKAGE) / "__init__.py"
    before = marker.stat()
    os.utime(marker, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    try:
        assert run(*CASES[0], warm=True) == here(*CASES[0])  # answered in the client's process, not by stale code
        third = _restarted(second)
        assert third is not None
        assert third["fingerprint"] == place.fingerprint() != second["fingerprint"]
    finally:
        os.utime(marker, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_daemon_commands(folder):
    def command(*args):
        done = subprocess.run([BIN, "daemon", *args], capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout

    assert command("status")[0] == 1 and "not running" in command("status")[1]
    code, said = command("start")
    assert code == 0 and said.startswith("introlint daemon started: pid ")
    assert command("start")[1].startswith("introlint daemon already running")
    code, said = command("status")
    assert code == 0 and "running: pid" in said
    pid = client.status()["pid"]
    assert command("stop") == (0, f"introlint daemon stopped (pid {pid})\n")
    assert not client.alive(pid)
    assert command("stop") == (0, "introlint daemon was not running\n")
