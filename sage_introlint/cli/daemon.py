"""`introlint daemon start|stop|status`: the warm checker `introlint check` hands its work to."""

from __future__ import annotations

import sys

import click

from ..errors import IntrolintError
from .common import CONTEXT, EXIT_FINDINGS


@click.group("daemon", context_settings=CONTEXT)
def daemon_command():
    """Keep a checker loaded so `introlint check` answers in milliseconds.

    \b
    While a daemon runs, `introlint check` sends it its arguments, folder and
    standard input and prints its answer: the same output and exit status as
    a check in its own process (`--no-daemon` or INTROLINT_NO_DAEMON=1 bypass
    it; `--fix` never uses it). One daemon per user and installation, on a
    Unix socket only this user can reach (mode 0700 folder in
    $XDG_RUNTIME_DIR/introlint or /tmp/introlint-UID; INTROLINT_DAEMON_DIR
    chooses). It is replaced when introlint changes, and exits by itself after
    3 hours without a check.
    """


@daemon_command.command("start", context_settings=CONTEXT)
@click.option("--idle", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Exit after this long without a check [default: 10800].")
def start(idle):
    """Start the daemon (nothing to do when one from this installation runs)."""
    from ..daemon import client, place

    try:
        status, started = client.start(idle)
    except (place.UnsafePlace, TimeoutError, OSError) as error:
        raise IntrolintError(f"cannot start the daemon: {error}") from None
    verb = "started" if started else "already running"
    click.echo(f"introlint daemon {verb}: pid {status['pid']}, socket {status['socket']}")


@daemon_command.command("stop", context_settings=CONTEXT)
def stop():
    """Stop the daemon."""
    from ..daemon import client

    pid = client.stop()
    click.echo(f"introlint daemon stopped (pid {pid})" if pid else "introlint daemon was not running")


@daemon_command.command("status", context_settings=CONTEXT)
def status():
    """Say whether a daemon runs (exit status 0) or not (1), with its pid, version and socket."""
    from ..daemon import client, place

    found = client.status()
    if found is None:
        click.echo(f"introlint daemon not running (socket {place.socket_path()})")
        sys.exit(EXIT_FINDINGS)
    click.echo(f"introlint daemon running: pid {found['pid']}, version {found['version']}, "
               f"up {found['uptime']:.0f} s, {found['checks']} checks, socket {found['socket']}")
