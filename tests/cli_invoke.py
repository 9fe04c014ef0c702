"""Run the `introlint` command in the test process (click's CliRunner), as a user's shell would.

A fresh interpreter pays ~2 s for spaCy; the command itself takes milliseconds. So the CLI
contract is tested in-process here, and a handful of tests keep a true subprocess for what only
a real process shows (exit status through the OS, a cold start, the console script).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field

from click.testing import CliRunner

from sage_introlint.cli import main


@dataclass
class Run:
    """Exit status, standard output and standard error of one run."""

    status: int
    out: str
    err: str
    lines: list[str] = field(init=False)
    messages: list[str] = field(init=False)  # the `introlint: ...` lines of standard error

    def __post_init__(self):
        self.lines = self.out.splitlines()
        self.messages = [line for line in self.err.splitlines() if line.startswith("introlint:")]

    def findings(self, path: str, rule: str) -> list[str]:
        return [line for line in self.lines if line.startswith(f"{path}:") and line.endswith(f"[{rule}]")]


@contextlib.contextmanager
def chdir(folder):
    """`contextlib.chdir`, which Python 3.10 lacks."""
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(*args: str, cwd=None, input: str | bytes | None = None, env: dict | None = None) -> Run:
    """`introlint ARGS` in `cwd`; an exception that escaped the command fails the test with its traceback."""
    with chdir(cwd) if cwd is not None else contextlib.nullcontext():
        result = CliRunner().invoke(main, list(args), input=input, env={"NO_COLOR": "1", **(env or {})},
                                    catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)
