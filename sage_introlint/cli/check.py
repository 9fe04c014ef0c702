"""`introlint check`: check files, folders and standard input, print findings, exit 0/1/2."""

from __future__ import annotations

import os
import sys

import click

from ..document import KINDS
from ..findings import SEVERITIES, SEVERITY_RANK
from ..formats import FORMATS
from .common import (CONTEXT, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, load_language, read_stdin, stage_option, timeout_option,
                     use_colour)
from .process import say, write
from .summary import statistics, summary


@click.command("check", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="What the files are: intro (the assembled Introduction), outline (answer to prompt "
                   "2.1), paragraph (answer to prompt 2.2), or auto to detect it [default: the "
                   "config's kind, else auto].")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: PATH:LINE:COL: SEVERITY: MESSAGE [RULE]; full: text plus the source line "
                   "and a caret under the span; json: an array of findings; sarif: SARIF 2.1.0 for "
                   "code scanning; github: workflow commands that annotate a pull request.")
@click.option("--config", "config_file", metavar="FILE",
              help="Use this config file (.introlint.yaml or pyproject.toml) instead of searching "
                   "from each file's folder upward.")
@click.option("--pack", metavar="NAME|FILE",
              help="Rule pack to use instead of the config's: a shipped pack name (sage-intro) or "
                   "a YAML file of your own.")
@click.option("--select", metavar="IDS",
              help="Run only these rules: comma-separated ids or id prefixes "
                   "(--select marketing-language,sentence-). Overrides `off` in the config.")
@click.option("--ignore", metavar="IDS", help="Do not run these rules: comma-separated ids or id prefixes.")
@stage_option
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Exit with status 1 when a finding has this severity or a higher one.")
@click.option("--stdin-filename", metavar="NAME",
              help="Name to report for standard input (PATH `-`); its suffix (.md, .tex) picks the "
                   "reader and its folder the config and \\input base.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on standard error.")
@click.option("--statistics", "show_statistics", is_flag=True,
              help="After the findings, print how often each rule fired (on standard error).")
@click.option("-v", "--verbose", is_flag=True,
              help="Say which files were checked and which files in a folder were skipped, and why.")
@click.option("--color/--no-color", "colour", default=None,
              help="Colour severities and rule ids [default: only on a terminal; never with NO_COLOR set].")
@timeout_option("a file still being checked after it is reported as an input-error and the "
                "others are checked.")
@click.option("--root", metavar="DIR", type=click.Path(exists=True, file_okay=False),
              help="Repository root: \\input files and the packs a config names are read only inside "
                   "it [default: the folder holding .git, else .introlint.yaml, above each file].")
@click.option("--section", metavar="NAME",
              help="Check each file as this one section of the paper (abstract, introduction, "
                   "related-work, system, experiments, other: a Background or Conclusion): for a file that "
                   "holds a single section without its heading.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
              help="Check files in N processes; 0 picks one per CPU for a large batch and 1 for a few "
                   "files [default: 0]. The output is the same for every N.")
@click.option("--fix", is_flag=True,
              help="Apply the fixes the pack declares safe (drop an intensifier, \"!\" -> \".\") to the "
                   "files, then report what is left. Only those ranges change; a file changed since "
                   "it was read is not written. Suggestions are never applied.")
@click.option("--no-daemon", is_flag=True,
              help="Check in this process even when `introlint daemon` runs (also INTROLINT_NO_DAEMON=1).")
def check_command(paths, kind, output_format, config_file, pack, select, ignore, stage, fail_on, stdin_filename,
                  quiet, show_statistics, verbose, colour, time_budget, root, section, jobs, fix, no_daemon):
    """Check files, folders and standard input (`-`) for problems.

    \b
    Paper mode: each section is found by its heading, also through \\input/\\include
    (\\begin{abstract}, # Abstract or the front matter's abstract:, Introduction,
    Related Work, the system section and its siblings up to Experiments, Experiments or
    Evaluation) and checked with its own pack (sage-paper). Every other section after the
    first known one (Background, Discussion, Conclusion, an appendix) gets the style rules
    only; the title block (a title heading over the sections, as `# SAGE`, included),
    acknowledgments and references are not checked. A file without such a heading is
    the Introduction, or the section --section names; so is the prose before the first
    known section of a paper that has no Introduction heading. A paper that never names SAGE is
    checked as any systems paper (systems-intro, systems-sections; --verbose says so)
    unless --pack or the config names a pack. A section pack (--pack sage-intro) checks
    its section only; a note on standard error names the sections it left out.

    \b
    A folder is searched for Markdown and LaTeX files that hold such a section: a heading,
    a LaTeX main file whose \\input files hold one, or a name like intro*.tex or
    introduction.md. Excluded paths come from the config's `exclude`.

    \b
    Silence a finding in the document itself:
      <!-- introlint-disable RULE[,RULE] -->  ... <!-- introlint-enable -->
      <!-- introlint-disable-next-line RULE -->
      % introlint-disable RULE                (LaTeX)

    \b
    While `introlint daemon` runs, the check is done there (same output, much
    faster start); `--no-daemon` checks here.

    \b
    Exit status: 0 no finding at or above --fail-on; 1 some; 2 a usage, config or
    input error (the other files are still checked and reported).
    """
    from ..confinement import set_root
    from ..engine import check_paths

    if fix and "-" in paths:
        raise click.UsageError("--fix writes files; it cannot fix standard input (`-`)")
    set_root(root)
    stdin_data = _stdin(paths)
    load_language()
    result = check_paths(list(paths), kind=kind, config_file=config_file, pack=pack, select=select,
                         ignore=ignore, stdin_text=stdin_data, stdin_filename=stdin_filename, jobs=jobs or None,
                         time_budget=time_budget, stage=stage, section=section)
    if fix:
        apply_fixes(result)
    show(result, output_format, colour, verbose)
    tell(result, show_statistics, quiet)
    sys.exit(exit_status(result, fail_on))


def _stdin(paths):
    """Standard input's text when `-` is a path, or its InputError (reported for `-` alone: the
    other paths are still checked)."""
    from ..errors import InputError

    try:
        return read_stdin() if "-" in paths else None
    except InputError as error:
        return error


def show(result, output_format: str, colour, verbose: bool) -> None:
    """The findings in the chosen format on standard output; with --verbose, what was checked,
    skipped and noted on standard error."""
    from ..formats import render

    coloured = use_colour(colour)
    output = render(output_format, result.findings, sources=result.sources, colour=coloured,
                    rules=list(result.rules.values()), base_dir=os.getcwd())
    write(output, coloured, commands=output_format == "github")
    if verbose:
        for path, why in result.skipped:
            say(f"introlint: skipped {path}: {why}")
        for path in result.checked:
            say(f"introlint: checked {path}")
        for note in result.notes:
            say(f"introlint: {note}")


def tell(result, show_statistics: bool, quiet: bool) -> None:
    """Errors, the per-rule statistics and the summary line, on standard error."""
    for message in result.errors:
        say(f"introlint: {message}")
    if not quiet:
        for message in result.caveats:
            say(f"introlint: note: {message}")
    if show_statistics and result.findings:
        click.echo(statistics(result.findings), nl=False, err=True)
    if not quiet:
        click.echo(summary(result.findings, len(result.checked), len(result.errors)), err=True)


def exit_status(result, fail_on: str) -> int:
    """2 on a usage, config or input error; 1 when a finding is at or above --fail-on; else 0."""
    if result.failed:
        return EXIT_ERROR
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK.get(f.severity, 3) >= threshold for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def apply_fixes(result) -> None:
    """Write the safe fixes into the files; what is fixed is no longer reported."""
    from ..fixes import write_fixes

    result.findings, messages = write_fixes(result.findings, result.sources)
    for message in messages:
        if message.startswith("error:"):
            result.errors.append(message)
        else:
            say(f"introlint: {message}")
