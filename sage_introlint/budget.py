"""The time budget of one file: past it, the file is reported, not checked, and the run goes on.

`introlint check` keeps it by checking files in worker processes that it kills past the budget
(`parallel`). The commands that read one paper in their own process (`stats`, `ledger`,
`report`) and the language server keep it with `time_budget` below: an interval timer whose
signal raises inside the check, wherever it is in pure Python or in a C extension that looks at
signals (`re`, RE2 returns within linear time anyway). Every one reports the same message.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from .errors import InputError

DEFAULT_BUDGET = 20.0  # seconds per file
AGAIN = 0.5  # seconds: the timer fires again this often, in case its exception was lost


def over_budget(seconds: float, option: str = "--timeout") -> str:
    """What a file that ran out of time is told (check, stats, ledger, report, the editor)."""
    return f"checking it took longer than the time budget of {seconds:g} s ({option}); not checked"


class OverBudget(InputError):
    """A file ran out of its time budget."""

    def __init__(self, path: str, seconds: float):
        super().__init__(f"{path}: {over_budget(seconds)}")
        self.path, self.seconds = path, seconds


class _Expired(BaseException):
    """Raised by the timer (a BaseException, so a check's `except Exception` cannot swallow it)."""


def can_interrupt() -> bool:
    """Only the main thread receives signals, and only where there is an interval timer."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None, path: str) -> Iterator[None]:
    """Run the body with `seconds` to spend on `path`; past them raise `OverBudget`.

    None, or a thread that cannot get signals, means no budget.
    """
    if seconds is None or not can_interrupt():
        yield
        return
    armed = [True]

    def expired(signum, frame):
        if armed[0]:
            raise _Expired()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, AGAIN)
    try:
        try:
            yield
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except _Expired:
        raise OverBudget(path, seconds) from None
