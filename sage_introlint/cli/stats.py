"""`introlint stats`: per-paragraph numbers and group coverage of one document."""

from __future__ import annotations

import json
import os
import sys

import click

from ..document import KINDS
from ..printable import json_safe, visible
from .common import CONTEXT, EXIT_ERROR, EXIT_OK, read_stdin
from .process import say, write
from .stats_table import problem_line, stats_table


@click.command("stats", context_settings=CONTEXT)
@click.argument("path", metavar="PATH")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: a table; json: an object with kind, paragraphs (line, sentences, words, "
                   "grade, members of each group) and coverage.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Document kind (see `check --help`).")
@click.option("--config", "config_file", metavar="FILE", help="Config file to use instead of searching for one.")
@click.option("--pack", metavar="NAME|FILE", help="Rule pack whose groups are counted.")
@click.option("--stdin-filename", metavar="NAME", help="Name for standard input (PATH `-`).")
def stats_command(path, output_format, kind, config_file, pack, stdin_filename):
    """Per-paragraph numbers and group coverage for one document.

    For each paragraph: its first line, sentences, words, Flesch-Kincaid grade, and the
    members of the pack's groups (competitor classes, system parts, challenges) it
    mentions; then the detected kind and which members the document never mentions.
    """
    from ..config import config_for
    from ..document import decode, load, read_source
    from ..document.model import Source
    from ..pack import load_pack
    from ..stats import coverage, paragraph_rows

    if path == "-":
        display = stdin_filename or "<stdin>"
        source = Source(display, decode(display, read_stdin()))
        folder = os.path.dirname(stdin_filename) if stdin_filename else ""
    else:
        source, folder = read_source(path), os.path.dirname(path)
    config = config_for(folder or ".", config_file)
    groups = load_pack(pack or config.pack, None if pack else config.base_dir).groups
    doc = load(source, kind or config.kind, folder or ".", config.latex)
    rows, covered = paragraph_rows(doc, groups), coverage(doc, groups)
    if output_format == "json":
        write(json_safe(json.dumps({"path": source.path, "kind": doc.kind, "paragraphs": rows, "coverage": covered,
                                    "problems": [problem_line(p) for p in doc.problems]}, indent=2,
                                   ensure_ascii=False)) + "\n")
    else:
        write(stats_table(visible(source.path), doc.kind, rows, covered, groups))
    for problem in doc.problems:
        say(f"introlint: error: {problem_line(problem)}")
    sys.exit(EXIT_ERROR if doc.problems else EXIT_OK)
