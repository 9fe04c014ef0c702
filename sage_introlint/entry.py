"""The `introlint` executable: `check` goes to a running daemon when there is one, else the CLI.

Kept apart from the click application so that a check through the daemon imports neither
click nor spaCy (see daemon/client.py).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["check"]:
        from .daemon.client import check_through_daemon

        status = check_through_daemon(sys.argv[2:])
        if status is not None:
            sys.exit(status)
    from .cli import main as cli

    cli(prog_name="introlint")
