"""`introlint report`: one self-contained HTML page of a checked paper."""

from __future__ import annotations

import os
import sys

import click

from ..errors import InputError
from .common import CONTEXT, EXIT_ERROR, EXIT_OK, load_language, paper_options
from .process import write


@click.command("report", context_settings=CONTEXT)
@click.argument("path", metavar="PATH")
@click.option("-o", "--output", metavar="FILE", required=True,
              help="Where to write the page (`-`: standard output). A file that is part of the paper "
                   "is never overwritten.")
@paper_options("check with")
def report_command(path, output, config_file, pack, kind, stage, time_budget):
    """Write one HTML page of the paper: text, findings, coverage and ledger.

    \b
    The page shows the text of every checked section with each finding highlighted where
    it points (hover, focus or click shows the message and why the rule exists; Tab and
    n / p move between findings), a summary by rule and severity, the coverage matrix
    (competitor classes, parts of SAGE and challenges against paragraphs) and the ledger.
    It loads nothing from anywhere: mail it, archive it, print it.

    Exit status: 0 the page was written; 2 a usage, config or input error (the page is
    still written, with the input errors in it).
    """
    from ..findings import INPUT_ERROR
    from ..ledger.build import section_title
    from ..ledger.gather import gather
    from ..ledger.render import to_dict
    from ..report.page import SectionView, render

    load_language()
    got = gather(path, config_file, pack, kind, stage, time_budget)
    sources = {os.path.realpath(p.source.path) for s in got.sections for p in s.doc.source_map.pieces}
    if output != "-" and (os.path.realpath(output) in sources or os.path.realpath(output) == os.path.realpath(got.path)):
        raise InputError(f"{output} is a file of the paper; write the report somewhere else")
    views = [SectionView(s.name, section_title(s), s.heading, s.doc, got.packs[s.name].groups,
                         list(got.packs[s.name].rules)) for s in got.sections]
    ledger = to_dict(got.ledger, got.path, got.stage) if got.ledger is not None else None
    page = render(got.path, views, got.findings, got.rules, ledger, got.stage)
    if output == "-":
        write(page)  # text from the paper: printed safe (process.write)
    else:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(page)
        except OSError as error:
            raise InputError(f"{output}: cannot write the report ({error.strerror})") from None
        click.echo(f"wrote {output}: {len(got.findings)} finding(s) in {len(views)} section(s)", err=True)
    sys.exit(EXIT_ERROR if any(f.rule == INPUT_ERROR for f in got.findings) else EXIT_OK)
