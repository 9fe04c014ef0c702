"""What every command shares: click settings, exit statuses, standard input, colour, spaCy warm-up."""

from __future__ import annotations

import os
import sys

import click

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def load_language() -> None:
    """Import spaCy and build the sentence pipeline with the cyclic garbage collector paused.

    They are ~80,000 tracked objects that live as long as the process. Collected as usual, they
    are scanned over and over while they are created, at every full collection, and once more at
    exit: ~0.15 s of a one-file run. Frozen (`gc.freeze`), they are never scanned again, and forked
    batch workers do not copy their pages by touching them.
    """
    import gc

    gc.disable()
    try:
        from ..document.sentences import language

        language()
    finally:
        gc.freeze()
        gc.enable()


def read_stdin() -> bytes:
    """Standard input as bytes (at most the size limit and one byte more), so it is decoded and
    its errors reported like a file's; an InputError when it cannot be read."""
    from ..document import MAX_BYTES
    from .process import read_stdin as read_bounded

    data = read_bounded(MAX_BYTES)
    if isinstance(data, Exception):
        raise data
    return data


def use_colour(flag: bool | None) -> bool:
    """Colour only on a terminal (or with --color), and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR", ""):
        return False
    if flag is not None:
        return flag
    return sys.stdout is not None and sys.stdout.isatty()


def stage_option(command):
    """`--stage draft|final`, shared by check, ledger and report."""
    from ..stage import STAGES

    return click.option(
        "--stage", type=click.Choice(STAGES), default=None,
        help="draft: the prompts' marked slots ([X]%, [Y]x, [REF: ...]) are listed as info; final: "
             "every open slot is an error (the camera-ready branch). TODO, ?? and XX are errors "
             "at both [default: the config's stage, else draft].")(command)


def timeout_option(what: str):
    """`--timeout SECONDS`: the time budget (see `budget`), the same for every command that checks."""
    from ..budget import DEFAULT_BUDGET

    return click.option(
        "--timeout", "time_budget", type=click.FloatRange(min=0.1), default=DEFAULT_BUDGET, show_default=True,
        metavar="SECONDS", help=f"Time budget per file: {what}")


def paper_options(verb: str):
    """`--config`, `--pack`, `--kind`, `--stage` and `--timeout`, as ledger and report read a paper."""
    from ..document import KINDS

    def decorate(command):
        for option in reversed((
            click.option("--config", "config_file", metavar="FILE",
                         help="Config file to use instead of searching for one."),
            click.option("--pack", metavar="NAME|FILE", help=f"Paper set or pack to {verb} [default: the config's]."),
            click.option("--kind", type=click.Choice(KINDS), default=None, help="Document kind of the Introduction."),
            stage_option,
            timeout_option("a paper still being read after it is reported as an input error (exit "
                           "status 2) instead."),
        )):
            command = option(command)
        return command
    return decorate
