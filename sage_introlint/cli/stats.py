"""`introlint stats`: per-paragraph numbers and group coverage of one document."""

from __future__ import annotations

import json
import os
import sys

import click

from ..document import KINDS
from ..printable import json_safe, visible
from .common import CONTEXT, EXIT_ERROR, EXIT_OK, load_language, read_stdin, timeout_option
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
@click.option("--section", metavar="NAME",
              help="Read the file as this one section of the paper (abstract, introduction, "
                   "related-work, system, experiments, other: a Background or Conclusion), "
                   "for a file without its heading.")
@click.option("--stdin-filename", metavar="NAME", help="Name for standard input (PATH `-`).")
@timeout_option("a file still being read after it is reported as an input error (exit status 2) instead.")
def stats_command(path, output_format, kind, config_file, pack, section, stdin_filename, time_budget):
    """Per-paragraph numbers and group coverage for one document, section by section.

    Each known section of the paper (as `check` finds them: abstract, Introduction, related
    work, system, experiments) gets a table: for each paragraph its first line, sentences,
    words, Flesch-Kincaid grade, and the members of the section pack's groups (competitor
    classes, system parts, challenges, ...) it mentions; then the detected kind and which
    members the section never mentions. JSON: `sections` lists every section; the top-level
    `kind`, `paragraphs` and `coverage` are the Introduction's (else the first section's).
    """
    from ..budget import time_budget as budget
    from ..config import config_for
    from ..document import decode, read_source
    from ..document.model import Source
    from ..pack import load_pack
    from ..paper import load_paper
    from ..paper.run import paper_set, set_for_paper
    from ..stats import coverage, paragraph_rows

    if path == "-":
        display = stdin_filename or "<stdin>"
        source = Source(display, decode(display, read_stdin()))
        folder = os.path.dirname(stdin_filename) if stdin_filename else ""
    else:
        source, folder = read_source(path), os.path.dirname(path)
    config = config_for(folder or ".", config_file)
    papers, parts = paper_set(config, pack), []
    load_language()  # spaCy and the packs load before the file's time starts, as in `check`
    with budget(time_budget, source.path):
        paper = load_paper(source, folder or ".", papers, section, kind or config.kind, config.latex)
        set_for_paper(papers, paper, config, pack, kind or config.kind)  # the packs `check` uses (generic for another paper)
        for found in paper.sections:
            groups = load_pack(found.pack).groups
            rows, covered = paragraph_rows(found.doc, groups), coverage(found.doc, groups)
            parts.append(({"name": found.name, "title": found.title, "line": found.heading.line,
                           "kind": found.doc.kind, "paragraphs": rows, "coverage": covered}, groups))
    main_part = next((part for part, _ in parts if part["name"] == "introduction"), parts[0][0] if parts else
                     {"kind": kind or config.kind, "paragraphs": [], "coverage": {}})
    if output_format == "json":
        write(json_safe(json.dumps({"path": source.path, "kind": main_part["kind"], "paragraphs": main_part["paragraphs"],
                                    "coverage": main_part["coverage"], "sections": [part for part, _ in parts],
                                    "problems": [problem_line(p) for p in paper.problems]}, indent=2,
                                   ensure_ascii=False)) + "\n")
    else:
        shown = visible(source.path)
        write("\n".join(stats_table(shown if len(parts) == 1 else f"{shown} [{part['title'] or part['name']}]",
                                     part["kind"], part["paragraphs"], part["coverage"], groups, source.path)
                         for part, groups in parts) or f"{shown}: no section to count\n")
    for problem in paper.problems:
        say(f"introlint: error: {problem_line(problem)}")
    sys.exit(EXIT_ERROR if paper.problems else EXIT_OK)
