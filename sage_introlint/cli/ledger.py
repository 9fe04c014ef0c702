"""`introlint ledger`: every quantitative claim, open slot and contribution of a paper, by section."""

from __future__ import annotations

import sys

import click

from ..errors import ConfigError
from .common import CONTEXT, EXIT_ERROR, EXIT_OK, load_language, paper_options
from .process import say, write


@click.command("ledger", context_settings=CONTEXT)
@click.argument("path", metavar="PATH")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: a list per section; json: an object with path, stage, sections (claims: metric, "
                   "direction, value or slot, unit, baseline, role, line, column, sentence, experiment; "
                   "slots: text, marked, severity, line, column, sentence, fills) and contributions "
                   "(number, text, parts, evidence).")
@paper_options("read the paper with")
def ledger_command(path, output_format, config_file, pack, kind, stage, time_budget):
    """The paper's ledger: what the authors go through in the last week.

    \b
    For each section: every quantitative claim (metric, number or open slot, unit,
    baseline, line and column) and every open slot with its sentence and the experiment
    that fills it; then the Introduction's numbered contributions with the evidence the
    paper gives for each. PATH is the paper's main file (main.tex and its \\input files,
    or one Markdown file) or a folder holding it.

    Exit status: 0 the ledger was printed; 2 a usage, config or input error.
    """
    from ..findings import INPUT_ERROR
    from ..ledger.gather import gather
    from ..ledger.render import to_json, to_text

    load_language()
    got = gather(path, config_file, pack, kind, stage, time_budget)
    if got.ledger is None and got.notes:  # the default set, switched to the generic packs
        raise ConfigError(f"there is no ledger to read: {got.notes[0]}, which read the claims")
    if got.ledger is None:
        raise ConfigError("the active pack has no `claims` rule, so there is no ledger to read: use the "
                          "sage-paper set (the default) or --pack with a set that has one")
    render = to_json if output_format == "json" else to_text
    write(render(got.ledger, got.path, got.stage))  # text from the paper: printed safe (process.write)
    problems = [f for f in got.findings if f.rule == INPUT_ERROR]
    for problem in problems:
        say(f"introlint: error: {problem.path}:{problem.line}:{problem.column}: {problem.message}")
    sys.exit(EXIT_ERROR if problems else EXIT_OK)
