"""The `introlint` command: check, stats, rules, explain, init. Parses arguments, prints, exits.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage, config or
input error (every other file is still checked and reported). Never a traceback: an
IntrolintError is one `introlint: error: ...` line, anything unexpected one
`introlint: internal error ...` line.
"""

from __future__ import annotations

import json
import os
import sys

import click

from . import __version__
from .document import KINDS
from .errors import ConfigError, IntrolintError
from .findings import SEVERITIES, SEVERITY_RANK
from .formats import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CONFIG_FILE = ".introlint.yaml"


class IntrolintGroup(click.Group):
    """Turns every error into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except IntrolintError as error:
            click.echo(f"introlint: error: {error}", err=True)
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(EXIT_ERROR)
        except Exception as error:  # a bug: one line, not a traceback
            click.echo(f"introlint: internal error: {type(error).__name__}: {error}", err=True)
            ctx.exit(EXIT_ERROR)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=IntrolintGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="introlint")
def main():
    """Check the Introduction of a paper (Markdown or LaTeX) against a rule pack.

    \b
    introlint check intro.md            report problems, like a compiler
    introlint check paper/              search a folder for introductions
    introlint stats intro.md            per-paragraph numbers and coverage
    introlint rules                     list the rules of the active pack
    introlint explain RULE              why a rule exists, with examples
    introlint init                      write a commented .introlint.yaml

    Configuration is read from the nearest .introlint.yaml (or [tool.introlint] in
    pyproject.toml) above each checked file. Run `introlint COMMAND --help` for details.
    """


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
        from .document.sentences import language

        language()
    finally:
        gc.freeze()
        gc.enable()


def read_stdin() -> bytes:
    """Standard input as bytes, so it is decoded (and its errors reported) like a file."""
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read() if stream is not None else sys.stdin.read().encode("utf-8")


def use_colour(flag: bool | None) -> bool:
    """Colour only on a terminal (or with --color), and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR", ""):
        return False
    if flag is not None:
        return flag
    return sys.stdout.isatty()


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def summary(findings, files: int, unreadable: int) -> str:
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    found = ", ".join(plural(n, severity) for severity, n in counts.items() if n) or "no problems"
    line = f"{found} in {plural(files, 'file')}"
    if unreadable:
        line += f"; {plural(unreadable, 'path')} could not be checked"
    return line


def statistics(findings) -> str:
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        key = (finding.rule, finding.severity)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{count:5d}  {severity:<8} {rule}\n" for (rule, severity), count in rows)


@main.command(context_settings=CONTEXT)
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
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, metavar="N",
              help="Check files in N processes; 0 picks one per CPU for a large batch and 1 for a few "
                   "files [default: 0]. The output is the same for every N.")
def check(paths, kind, output_format, config_file, pack, select, ignore, fail_on, stdin_filename,
          quiet, show_statistics, verbose, colour, jobs):
    """Check files, folders and standard input (`-`) for problems.

    \b
    A folder is searched for Markdown and LaTeX files that hold an introduction: an
    Introduction heading, a LaTeX main file whose \\input files hold one, or a name like
    intro*.tex or introduction.md. Excluded paths come from the config's `exclude`.

    \b
    Silence a finding in the document itself:
      <!-- introlint-disable RULE[,RULE] -->  ... <!-- introlint-enable -->
      <!-- introlint-disable-next-line RULE -->
      % introlint-disable RULE                (LaTeX)

    \b
    Exit status: 0 no finding at or above --fail-on; 1 some; 2 a usage, config or
    input error (the other files are still checked and reported).
    """
    from .engine import check_paths
    from .formats import render

    stdin_data = read_stdin() if "-" in paths else None
    load_language()
    result = check_paths(list(paths), kind=kind, config_file=config_file, pack=pack, select=select,
                         ignore=ignore, stdin_text=stdin_data, stdin_filename=stdin_filename, jobs=jobs or None)
    coloured = use_colour(colour)
    output = render(output_format, result.findings, sources=result.sources, colour=coloured,
                    rules=list(result.rules.values()), base_dir=os.getcwd())
    click.echo(output, nl=False, color=coloured)
    if verbose:
        for path, why in result.skipped:
            click.echo(f"introlint: skipped {path}: {why}", err=True)
        for path in result.checked:
            click.echo(f"introlint: checked {path}", err=True)
    for message in result.errors:
        click.echo(f"introlint: {message}", err=True)
    if show_statistics and result.findings:
        click.echo(statistics(result.findings), nl=False, err=True)
    if not quiet:
        click.echo(summary(result.findings, len(result.checked), len(result.errors)), err=True)
    if result.failed:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK.get(f.severity, 3) >= threshold for f in result.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


@main.command(context_settings=CONTEXT)
@click.argument("path", metavar="PATH")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: a table; json: an object with kind, paragraphs (line, sentences, words, "
                   "grade, members of each group) and coverage.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Document kind (see `check --help`).")
@click.option("--config", "config_file", metavar="FILE", help="Config file to use instead of searching for one.")
@click.option("--pack", metavar="NAME|FILE", help="Rule pack whose groups are counted.")
@click.option("--stdin-filename", metavar="NAME", help="Name for standard input (PATH `-`).")
def stats(path, output_format, kind, config_file, pack, stdin_filename):
    """Per-paragraph numbers and group coverage for one document.

    For each paragraph: its first line, sentences, words, Flesch-Kincaid grade, and the
    members of the pack's groups (competitor classes, system parts, challenges) it
    mentions; then the detected kind and which members the document never mentions.
    """
    from .config import config_for
    from .document import decode, load, read_source
    from .document.model import Source
    from .pack import load_pack
    from .stats import coverage, paragraph_rows

    if path == "-":
        display = stdin_filename or "<stdin>"
        source = Source(display, decode(display, read_stdin()))
        folder = os.path.dirname(stdin_filename) if stdin_filename else ""
    else:
        source, folder = read_source(path), os.path.dirname(path)
    config = config_for(folder or ".", config_file)
    groups = load_pack(pack or config.pack, None if pack else config.base_dir).groups
    doc = load(source, kind or config.kind, folder or ".")
    rows, covered = paragraph_rows(doc, groups), coverage(doc, groups)
    if output_format == "json":
        click.echo(json.dumps({"path": source.path, "kind": doc.kind, "paragraphs": rows, "coverage": covered,
                               "problems": [_problem(p) for p in doc.problems]}, indent=2, ensure_ascii=False))
    else:
        click.echo(_stats_table(source.path, doc.kind, rows, covered, groups), nl=False)
    for problem in doc.problems:
        click.echo(f"introlint: error: {_problem(problem)}", err=True)
    sys.exit(EXIT_ERROR if doc.problems else EXIT_OK)


def _problem(problem) -> str:
    where = problem.position
    return f"{where.path}:{where.line}:{where.column}: {problem.message}"


def _stats_table(path: str, kind: str, rows: list[dict], covered: dict, groups: dict) -> str:
    header = ["para", "line", "sentences", "words", "grade"] + [covered[name]["title"] for name in groups]
    table = [header]
    for row in rows:
        grade = "-" if row["grade"] is None else f"{row['grade']:.1f}"
        table.append([str(row["paragraph"]), str(row["line"]), str(row["sentences"]), str(row["words"]), grade]
                     + [", ".join(row[name]) or "-" for name in groups])
    widths = [max(len(line[column]) for line in table) for column in range(len(header))]
    out = [f"{path}: {kind}, {len(rows)} paragraph{'s' if len(rows) != 1 else ''}\n\n"]
    for line in table:
        out.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() + "\n")
    out.append("\ncoverage:\n")
    for name in groups:
        info = covered[name]
        total = len(info["mentions"])
        missing = f"; missing: {', '.join(info['missing'])}" if info["missing"] else ""
        out.append(f"  {info['title']}: {len(info['covered'])}/{total}{missing}\n")
    return "".join(out)


def _active_pack_rules(config_file: str | None, pack: str | None):
    from .config import config_for, pack_rules

    return pack_rules(config_for(os.getcwd(), config_file), pack)


@main.command(context_settings=CONTEXT)
@click.option("--pack", metavar="NAME|FILE", help="List this pack's rules instead of the config's pack.")
@click.option("--config", "config_file", metavar="FILE", help="Config file naming the pack and extra packs.")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
def rules(pack, config_file, output_format):
    """List every rule: id, default severity, document kinds, what it checks."""
    found = _active_pack_rules(config_file, pack)
    if output_format == "json":
        click.echo(json.dumps([{"id": r.id, "severity": r.severity, "kinds": list(r.kinds), "summary": r.summary}
                               for r in found], indent=2, ensure_ascii=False))
        return
    width = max((len(rule.id) for rule in found), default=0)
    for rule in found:
        click.echo(f"{rule.id:<{width}}  {rule.severity:<7}  {','.join(rule.kinds):<25}  {rule.summary}")


@main.command(context_settings=CONTEXT)
@click.argument("rule_id", metavar="RULE")
@click.option("--pack", metavar="NAME|FILE", help="Look the rule up in this pack.")
@click.option("--config", "config_file", metavar="FILE", help="Config file naming the pack and extra packs.")
def explain(rule_id, pack, config_file):
    """Explain RULE: why it exists, the prompt it comes from, a bad and a good example."""
    found = {rule.id: rule for rule in _active_pack_rules(config_file, pack)}
    if rule_id not in found:
        raise ConfigError(f"unknown rule {rule_id!r}; known rules: {', '.join(found)}")
    rule = found[rule_id]
    where = {"term": "the offending words", "sent": "the sentence", "para": "the paragraph's first line",
             "doc": "the document's first line"}[rule.location]
    parts = [f"{rule.id}: {rule.summary}",
             f"default severity {rule.severity}; kinds {', '.join(rule.kinds)}; points at {where}; "
             f"check kind `{rule.check}`"]
    for title, text in (("Why", rule.rationale), ("Prompt", rule.prompt), ("Bad", rule.bad), ("Good", rule.good)):
        if text:
            parts.append(f"{title}:\n" + "\n".join("  " + line for line in text.splitlines()))
    from .checks import describe

    if describe(rule):
        parts.append(describe(rule))
    if rule.options:
        parts.append(f"Options (set in .introlint.yaml under rules: {{{rule.id}: {{...}}}}): "
                     + ", ".join(sorted(rule.options)))
    parts.append(f"Silence one place with <!-- introlint-disable-next-line {rule.id} --> "
                 f"(LaTeX: % introlint-disable-next-line {rule.id}).")
    click.echo("\n\n".join(parts))


PRE_COMMIT = """\
Add introlint to .pre-commit-config.yaml, for example as a local hook:

  - repo: local
    hooks:
      - id: introlint
        name: introlint
        entry: introlint check
        language: system
        files: \\.(md|tex)$

or point `repo:` at the introlint repository with `hooks: [{id: introlint}]`.
"""


def repository_root(start: str) -> str:
    folder = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.abspath(start)
        folder = parent


def config_template(pack_name: str, kind: str, rules) -> str:
    width = max((len(rule.id) for rule in rules), default=0)
    lines = [
        "# introlint configuration (see `introlint --help`).",
        "# Found from each checked file's folder upward; `introlint rules` lists the rules and",
        "# `introlint explain RULE` says why each exists.",
        "",
        "# The rule pack: a shipped name or a YAML file of your own (relative to this file).",
        f"pack: {pack_name}",
        "",
        "# auto, intro, outline or paragraph.",
        f"kind: {kind}",
        "",
        "# Extra packs whose rules run as well:",
        "# packs: [rules/our-extra-rules.yaml]",
        "",
        "# Paths never checked (globs, relative to this file):",
        "exclude: []",
        "",
        "# Per rule: off, error, warning, info, or {severity: ..., <option>: ...}.",
        "# The defaults are shown commented out; uncomment a line to change it.",
        "rules: {}",
    ]
    for rule in rules:
        lines.append(f"#   {rule.id + ':':<{width + 1}} {rule.severity:<7}  # {rule.summary}")
    lines.append("# Example:  rules: {sentence-count: {min: 8, max: 12}, readability: off}")
    return "\n".join(lines) + "\n"


@main.command(context_settings=CONTEXT)
@click.option("--pack", metavar="NAME|FILE", default=None, help="Pack to write into the config [default: sage-intro].")
@click.option("--kind", type=click.Choice(KINDS), default="auto", show_default=True,
              help="Kind to write into the config.")
@click.option("--force", is_flag=True, help="Overwrite an existing .introlint.yaml.")
def init(pack, kind, force):
    """Write a commented .introlint.yaml at the repository root and show the pre-commit entry.

    The file names the pack and kind and lists every rule with its default severity, so a
    team can turn rules off or change them in one place. It is never overwritten without
    --force.
    """
    from .pack import DEFAULT_PACK, load_pack

    root = repository_root(os.getcwd())
    target = os.path.join(root, CONFIG_FILE)
    if os.path.exists(target) and not force:
        raise ConfigError(f"{target} already exists; use --force to overwrite it")
    pack_name = pack or DEFAULT_PACK
    loaded = load_pack(pack_name)
    if pack_name.endswith((".yaml", ".yml")):  # the config reads pack files relative to itself
        pack_name = os.path.relpath(os.path.abspath(pack_name), root).replace(os.sep, "/")
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(config_template(pack_name, kind, loaded.rules))
    click.echo(f"wrote {os.path.relpath(target)}\n")
    click.echo(PRE_COMMIT, nl=False)
