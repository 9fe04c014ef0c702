"""The Python API used by the CLI, the editor server, the daemon and the ledger: `check_text` for
one text, `check_paths` for files, folders and stdin (in worker processes when it pays).

Each file is parsed once, packs and configs are cached per process, and the spaCy pipeline is
built once per process by the sentence splitter. The checking itself is `checker`.
"""

from __future__ import annotations

import os

from .checker import PAPER_WIDE, SLOT_RULE, Checker, check_document, sort_key  # noqa: F401  (the API)
from .config import Config, DEFAULT, config_for
from .discover import checked_through_others, discover, is_excluded
from .document import decode, normalise_newlines, read_source
from .document.model import Source
from .errors import IntrolintError
from .findings import INPUT_ERROR, Finding  # noqa: F401  (the API)
from .budget import can_interrupt
from .parallel import WARM_UP, Job, can_fork, checked_here, checked_in_workers, worker_count
from .results import CheckResult
from .suppressions import suppressed  # noqa: F401  (the API)

STDIN = "-"


_DEFAULT_CHECKER = Checker()
# The daemon's warm checkers once it serves (`serve_warm`); None: a new Checker per run.
_WARM: list = [None]


def serve_warm(checkers) -> None:
    """For the daemon, from now on: `check_paths` takes its checker from `checkers` (one kept warm
    per set of options, daemon/warm.py), and a run whose files fit one worker is checked in this
    process, each file under an interval timer (`budget.time_budget`), not in a forked worker: a
    worker starts from its parent's caches and loses what it learns, so every check would pay for
    spaCy's new words, syllables and patterns again. A one-shot command keeps the worker, which a
    kill stops wherever it is."""
    _WARM[0] = checkers


def check_text(text: str, path: str = "<string>", kind: str = "auto", config: Config | str | None = None) -> list[Finding]:
    """Findings for `text` as if it were the file `path` (its suffix picks Markdown or LaTeX).

    `config` is a Config, a config file path, or None for the defaults (no search on disk), so
    repeated calls with the same arguments cost one parse and the checks, nothing else.
    """
    if isinstance(config, str):
        config = config_for(".", config)
    source = Source(path, normalise_newlines(text))
    base_dir = os.path.dirname(path) if path not in ("<string>", "<stdin>") else "."
    return _DEFAULT_CHECKER.check_source(source, config or DEFAULT, kind, base_dir or ".")


def check_paths(paths, kind: str | None = None, config_file: str | None = None, pack: str | None = None,
                select: str | None = None, ignore: str | None = None, stdin_text: str | bytes | None = None,
                stdin_filename: str | None = None, jobs: int | None = 1, time_budget: float | None = None,
                section: str | None = None, stage: str | None = None) -> CheckResult:
    """Check files, folders (searched for introductions) and `-` (stdin_text, str or bytes, named
    stdin_filename).

    Every path is tried: a path that cannot be checked adds one line to `errors` and the rest go
    on. `kind` None means the config's kind (default auto). `jobs` > 1 checks the files in that
    many worker processes (None: as many as pay for this many files; never more than the files
    or the CPUs); the result is the same. With `time_budget` (seconds) every file is checked in a
    worker that is stopped past it, and the file reported as an input-error (see `parallel`; the
    daemon checks in itself under a timer instead, `serve_warm`).
    `section` checks each file as that one section of the paper set (`--section`); `stage` is
    draft or final (None: the config's), which decides whether open slots are errors.
    """
    result = CheckResult()
    checker = (_WARM[0] or Checker)(pack, select, ignore, section, stage)
    steps = _plan(paths, checker, result, kind, config_file, stdin_text, stdin_filename)
    work = [step for step in steps if isinstance(step, Job)]
    workers = worker_count(len(work), jobs)
    here = time_budget is not None and workers == 1 and _WARM[0] is not None and can_interrupt()
    done = None
    if work and can_fork() and (workers > 1 or (time_budget is not None and not here)):
        done = checked_in_workers(work, lambda: Checker(pack, select, ignore, section, stage),
                                  lambda: _warm_up(checker, work[0].folder, kind, config_file), workers, time_budget)
    for step in steps:
        if not isinstance(step, Job):
            step()
        elif here:
            merge(result, checked_here(step, checker, time_budget, CheckResult))
        elif done is None:
            step.run(checker, result)
        else:
            merge(result, next(done))
    result.findings.sort(key=sort_key)
    return result


def _plan(paths, checker: Checker, result: CheckResult, kind, config_file, stdin_text, stdin_filename) -> list:
    """In path order: a Job to check, or a step to apply to the result (an error). What a folder
    search skips, and excluded files, go to `result.skipped` here."""
    steps: list = []

    def excluded(path: str) -> bool:
        config = config_for(os.path.dirname(os.path.abspath(path)), config_file)
        return is_excluded(path, config.exclude, config.base_dir)

    def file_job(target: str) -> Job:
        folder = os.path.dirname(target) or "."
        return Job(target, folder, lambda c, r: check_file(c, r, target, folder, kind, config_file))

    for path in paths:
        try:
            if path == STDIN:
                steps.append(_stdin_job(stdin_text, stdin_filename, kind, config_file))
            elif os.path.isdir(path):
                sections, _ = checker.paper_set(config_for(os.path.abspath(path), config_file))
                found = discover(path, excluded, lambda title, s=sections: s.classify(title) is not None)
                result.skipped.extend(found.skipped)
                steps.extend(_error_step(result, f"error: {where}: {why}") for where, why in found.unreadable)
                if not found.files and not any(where == path for where, _ in found.unreadable):
                    steps.append(_error_step(result, f"error: {path}: no Markdown or LaTeX file with a section "
                                                     f"to check ({len(found.skipped)} skipped; --verbose says why)"))
                steps.extend(file_job(target) for target in found.files)
            elif excluded(path):
                result.skipped.append((path, "excluded by the config's exclude list"))
            else:
                steps.append(file_job(path))
        except IntrolintError as error:
            steps.append(_error_step(result, f"error: {error}"))
    return _once_each(steps, result)


def _stdin_job(data, filename: str | None, kind, config_file) -> Job:
    """Standard input (`-`), checked as `filename` under the config of its folder."""
    display = filename or "<stdin>"
    folder = (os.path.dirname(filename) if filename else "") or "."
    config = config_for(folder, config_file)
    return Job(display, folder, lambda c, r: _check_one(c, r, display, lambda: _stdin_source(display, data),
                                                        config, kind, folder))


def _error_step(result: CheckResult, message: str):
    return lambda: _add_error(result, message)


def _once_each(steps: list, result: CheckResult) -> list:
    """Drop the files another given file includes (and repeats): they are checked through it."""
    places = [at for at, step in enumerate(steps) if isinstance(step, Job) and step.path != STDIN]
    if len(places) < 2:
        return steps
    covered = checked_through_others([steps[at].path for at in places])
    for index, through in covered.items():
        path = steps[places[index]].path
        why = "given twice; checked once" if os.path.abspath(path) == os.path.abspath(through) \
            else f"included by {through}; checked through it"
        result.skipped.append((path, why))
    dropped = {places[index] for index in covered}
    return [step for at, step in enumerate(steps) if at not in dropped]


def _warm_up(checker: Checker, folder: str, kind, config_file) -> None:
    """Load what every worker needs (spaCy, pack, checks, textstat) once, before forking, on a
    built-in text: never on a checked file, which could take past its budget here."""
    from .document.sentences import language

    language()
    try:
        checker.check_source(Source("warm-up.md", WARM_UP), config_for(folder, config_file), kind, folder)
    except Exception:  # a bad config: each file's worker reports it
        pass


def check_file(checker: Checker, result: CheckResult, target: str, folder: str, kind, config_file) -> None:
    """Check one file of `check_paths` into `result`, under the config of its folder."""
    try:
        config = config_for(folder, config_file)
    except IntrolintError as error:
        _add_error(result, f"error: {error}")
        return
    _check_one(checker, result, target, lambda: read_source(target), config, kind, folder)


def merge(result: CheckResult, part: CheckResult) -> None:
    """Add what one file produced (in a worker process) to `result`, as if checked here."""
    result.findings.extend(part.findings)
    for message in part.errors:
        _add_error(result, message)
    result.checked.extend(part.checked)
    result.sources.update(part.sources)
    result.rules.update(part.rules)
    result.notes.extend(part.notes)
    result.caveats.extend(part.caveats)


def _stdin_source(display: str, data: str | bytes | Exception | None) -> Source:
    if isinstance(data, Exception):  # standard input could not be read (closed, failing)
        raise data
    if isinstance(data, bytes):
        return Source(display, decode(display, data))
    return Source(display, normalise_newlines(data or ""))


def _check_one(checker: Checker, result: CheckResult, path: str, read, config: Config, kind, base_dir: str) -> None:
    try:
        findings = checker.check_source(read(), config, kind, base_dir, result)
    except IntrolintError as error:
        _add_error(result, f"error: {error}")
        return
    except Exception as error:  # a bug must not hide the other files' findings
        _add_error(result, f"internal error while checking {path}: {type(error).__name__}: {error}")
        if os.environ.get("INTROLINT_DEBUG", "") not in ("", "0"):  # --debug
            import traceback

            traceback.print_exc()
        return
    result.checked.append(path)
    result.findings.extend(findings)


def _add_error(result: CheckResult, message: str) -> None:
    if message not in result.errors:  # one bad config would otherwise repeat once per file
        result.errors.append(message)
