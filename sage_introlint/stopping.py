"""A stop that a signal asked for, kept where every layer can see it.

The command turns SIGINT into `Stopped(130)` and SIGTERM into `Stopped(143)` (cli/process). The
exception can be lost: raised inside a finaliser or an at-fork hook (logging's, when a worker is
forked), Python prints it as unraisable and goes on. So the signal's status is also kept here,
below every layer that loops over work: the worker pool (`parallel`) looks at it before it hands
out a file and at least every `POLL` seconds while it waits, and the command looks once more
before it exits.
"""

from __future__ import annotations

import signal

EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
POLL = 0.2  # seconds: the longest a waiting loop goes without looking at a pending stop


class Stopped(BaseException):
    """A signal asked the run to stop (a BaseException, so click and `except Exception` let it pass)."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


_PENDING: list[int] = []  # the status of every signal that arrived, in order


def request(status: int) -> None:
    """Record that a signal asked to stop with `status` (call it before raising `Stopped`)."""
    _PENDING.append(status)


def clear() -> None:
    _PENDING.clear()


def pending() -> int | None:
    """The status of the first stop asked for, or None."""
    return _PENDING[0] if _PENDING else None


def stop_if_asked() -> None:
    """Raise `Stopped` if a signal asked to stop, even one whose own exception was lost."""
    if _PENDING:
        raise Stopped(_PENDING[0])
