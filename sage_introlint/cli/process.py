"""How the command meets its process: signals, standard streams, and what reaches them.

CI reads the exit status: an interrupted run (SIGINT, Ctrl-C) exits 130 and a terminated one
(SIGTERM, a cancelled job) 143, never 1 (findings), and without a traceback from anyone (the
workers ignore SIGINT and die quietly on SIGTERM, see `parallel`). A closed, full or broken
standard output is one error line and status 2. Everything printed passes `printable`: file names
and text never reach a terminal or the GitHub runner raw.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import warnings

import click

from ..errors import InputError, IntrolintError
from ..printable import safe_output, visible
from ..stopping import EXIT_INTERRUPTED, EXIT_TERMINATED, Stopped, clear, pending, request


def _stop(status: int):
    def handler(signum, frame):
        request(status)  # kept below the cli layer, in case the exception below is lost
        raise Stopped(status)
    return handler


def pending_stop() -> int | None:
    """The status of a signal whose `Stopped` was swallowed (see `stopping`): the command then
    still leaves with the status the signal asked for."""
    return pending()


class OutputError(IntrolintError):
    """Standard output cannot be written (closed, full disk, broken pipe)."""


def _quiet_unraisable(unraisable) -> None:
    """A `Stopped` lost in a finaliser is not a bug to print (`pending_stop` keeps it)."""
    if not isinstance(unraisable.exc_value, Stopped):
        sys.__unraisablehook__(unraisable)


def install_signal_handlers() -> dict:
    """SIGINT -> 130, SIGTERM -> 143 (main thread only: a test runner may call us from another);
    returns the handlers they replace."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    clear()
    sys.unraisablehook = _quiet_unraisable
    signal.signal(signal.SIGINT, _stop(EXIT_INTERRUPTED))
    signal.signal(signal.SIGTERM, _stop(EXIT_TERMINATED))
    return previous


def show_warnings() -> None:
    """A pack's warnings (`user_regex.UserRegexWarning`) as `introlint: warning:` lines on stderr."""
    from ..user_regex import UserRegexWarning

    shown = warnings.showwarning
    if getattr(shown, "introlint", False):  # installed already (the command runs again in-process)
        return

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, UserRegexWarning):
            say(f"introlint: warning: {message}")
        else:
            shown(message, category, filename, lineno, file, line)

    show.introlint = True
    warnings.showwarning = show


def restore_signal_handlers(previous: dict) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)
    if previous:
        sys.unraisablehook = sys.__unraisablehook__


def stopped(status: int) -> None:
    """Leave after a signal: one line, the status CI expects, no flush of a dead stdout."""
    _silence_stdout()
    try:
        sys.stderr.write("introlint: interrupted\n" if status == EXIT_INTERRUPTED else "introlint: terminated\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(status)


def read_stdin(limit: int) -> bytes | InputError:
    """At most `limit` + 1 bytes of standard input (so `/dev/zero` ends at once), or why not."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return InputError("<stdin>: standard input is closed")
    try:
        return stream.read(limit + 1)
    except OSError as error:
        return InputError(f"<stdin>: cannot read standard input ({error.strerror})")


def write(text: str, colour: bool | None = None, commands: bool = False) -> None:
    """Print `text` on standard output, made safe (`printable`; `commands` for --format github)."""
    if sys.stdout is None:
        raise OutputError("standard output is closed; nothing could be written")
    try:
        click.echo(safe_output(text, commands, bool(colour)), nl=False, color=colour)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped (`introlint rules | head`): no message, as git does
        _silence_stdout()
        raise
    except OSError as error:
        _silence_stdout()
        raise OutputError(f"cannot write to standard output ({error.strerror or error})") from None


def say(message: str) -> None:
    """One line on standard error, with whatever came from a file shown escaped."""
    try:
        click.echo(visible(message), err=True)
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, 1)
        os.close(descriptor)
    except OSError:
        pass
