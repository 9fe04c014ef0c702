"""The `introlint` command: a click group whose subcommands live one per module of this package.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage, config or
input error (every other file is still checked and reported). Never a traceback: an
IntrolintError is one `introlint: error: ...` line, anything unexpected one
`introlint: internal error ...` line.

Adding a command `NAME`:
  1. write `sage_introlint/cli/NAME.py` with one `@click.command("NAME", context_settings=CONTEXT)`
     function (CONTEXT, the exit statuses and stdin/colour helpers are in `common.py`); keep
     the module to parsing arguments and printing, and put the work in a module of its own
     outside `cli/` (the engine, a report, a server);
  2. add one line to COMMANDS below. Errors need no handling of their own: raise
     IntrolintError (or a subclass) for a user's mistake and the group turns it into one line
     and exit status 2; anything else is an internal error.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from .. import __version__
from ..errors import IntrolintError
from .check import check_command
from .common import CONTEXT, EXIT_ERROR
from .daemon import daemon_command
from .init import init_command
from .ledger import ledger_command
from .lsp import lsp_command
from .process import (Stopped, install_signal_handlers, pending_stop, restore_signal_handlers, say,
                      show_warnings, stopped)
from .report import report_command
from .rules import explain_command, rules_command
from .stats import stats_command

# Every subcommand, registered on `main` below (`introlint --help` lists them by name).
COMMANDS = (check_command, stats_command, ledger_command, report_command, rules_command, explain_command,
            init_command, lsp_command, daemon_command)


def debugging() -> bool:
    """--debug or INTROLINT_DEBUG=1: internal errors print their traceback (the engine's too)."""
    return os.environ.get("INTROLINT_DEBUG", "") not in ("", "0")


class IntrolintGroup(click.Group):
    """Turns every error into one line on stderr and exit status 2, and a signal into 130/143."""

    def main(self, *args, **kwargs):
        previous = install_signal_handlers()
        show_warnings()
        try:
            result = super().main(*args, **kwargs)
        except Stopped as stop:
            stopped(stop.status)
        except SystemExit:
            if pending_stop() is not None:
                stopped(pending_stop())
            raise
        finally:
            restore_signal_handlers(previous)
        if pending_stop() is not None:
            stopped(pending_stop())
        return result

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except IntrolintError as error:
            say(f"introlint: error: {error}")
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(EXIT_ERROR)
        except Exception as error:  # a bug: one line, and the traceback only when asked for
            say(f"introlint: internal error: {type(error).__name__}: {error}")
            if debugging():
                traceback.print_exc()
            else:
                say("introlint: run with --debug (or INTROLINT_DEBUG=1) for the traceback")
            ctx.exit(EXIT_ERROR)


@click.group(cls=IntrolintGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="introlint")
@click.option("--debug", is_flag=True, help="Print the traceback of an internal error (also INTROLINT_DEBUG=1).")
def main(debug):
    """Check a draft of a systems paper (Markdown or LaTeX), section by section, against rule packs.

    \b
    introlint check intro.md            report problems, like a compiler
    introlint check paper/              search a folder for the paper's sections
    introlint stats intro.md            per-paragraph numbers and coverage
    introlint ledger paper/main.tex     claims, open slots, contributions by section
    introlint report paper/main.tex -o report.html
                                        one HTML page: text, findings, coverage, ledger
    introlint rules                     list the rules of the active pack
    introlint explain RULE              why a rule exists, with examples
    introlint init                      write a commented .introlint.yaml
    introlint check --fix intro.md      apply the fixes the pack declares safe
    introlint lsp                       language server for editors (README)
    introlint daemon start              keep a warm checker for fast checks

    Configuration is read from the nearest .introlint.yaml (or [tool.introlint] in
    pyproject.toml) above each checked file. Run `introlint COMMAND --help` for details.
    """
    if debug:
        os.environ["INTROLINT_DEBUG"] = "1"


for _command in COMMANDS:
    main.add_command(_command)
