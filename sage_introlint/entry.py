"""The `introlint` executable: `check` goes to a running daemon when there is one, else the CLI.

Kept apart from the click application so that a check through the daemon imports neither
click nor spaCy nor any checking module (see daemon/forward.py).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["check"]:
        from .daemon.forward import forward

        status = forward(sys.argv[2:])
        if status is not None:
            sys.exit(status)
    from .cli import main as cli

    cli(prog_name="introlint")
