"""Run the active rules over a document, then apply suppression comments -> sorted Findings.

Also the Python API (`check_text`, `check_paths`) used by the CLI and by editors for warm
re-checks: each file is parsed once, packs and configs are cached per process, and the spaCy
pipeline is built once per process by the sentence splitter.
"""

from __future__ import annotations

import dataclasses
import os

from .bounded import BoundedCache
from .checks import run
from .config import Config, DEFAULT, config_for, configured_rules
from .document import decode, normalise_newlines, read_source
from .document.model import Document, Source
from .errors import IntrolintError
from .findings import INPUT_ERROR, Finding, position_finding
from .pack import defined_rule_ids, load_pack
from .results import CheckResult
from .suppressions import apply as apply_suppressions
from .suppressions import suppressed  # noqa: F401  (the API the ledger uses)
from .paper import load_paper

PAPER_WIDE = "*paper*"  # key of the paper set's own rules among the per-section rules
SLOT_RULE = "placeholder"  # the rule whose recognition the ledger's slot inventory reads
STDIN = "-"


def check_document(doc: Document, rules) -> list[Finding]:
    """All findings for `doc` under `rules` (already configured), suppressed and sorted."""
    findings = [position_finding(p.position, "error", INPUT_ERROR, p.message) for p in doc.problems]
    if not doc.text.strip():
        if not findings:  # nothing to check is a problem with the input, not 20 rule findings
            findings.append(position_finding(doc.start, "error", INPUT_ERROR, "empty document: no prose to check"))
        return findings
    ran = {rule.id for rule in rules if doc.kind in rule.kinds}
    for rule in rules:
        if rule.id in ran:
            findings.extend(run(rule, doc))
    doc_level = {rule.id for rule in rules if rule.location == "doc"}
    findings = apply_suppressions(set(findings), doc.suppressions, doc_level, ran, defined_rule_ids() | ran,
                                  lambda path, line: _holds_line(doc, path, line))
    return sorted(findings, key=sort_key)


def _holds_line(doc: Document, path: str, line: int) -> bool:
    """Does `doc` check text of `path` on `line` (a paper checks its sections apart)?"""
    for piece in doc.source_map.pieces:
        if piece.source.path == path and piece.checkable:
            first = piece.source.position(piece.src_start).line
            if first <= line <= piece.source.position(max(piece.src_start, piece.src_end - 1)).line:
                return True
    return False


def sort_key(finding: Finding):
    return (finding.path, finding.line, finding.column, finding.rule, finding.message)


# --- Python API -------------------------------------------------------------------------------


class Checker:
    """Checks sources under configs; remembers paper sets and configured rules between calls."""

    def __init__(self, pack: str | None = None, select: str | None = None, ignore: str | None = None,
                 section: str | None = None, stage: str | None = None):
        self.pack, self.select, self.ignore, self.section, self.stage = pack, select, ignore, section, stage
        # by id(config) (configs are cached objects; the config is kept alive in the entry)
        self._sets: BoundedCache = BoundedCache(16)  # id(config) -> (config, paper set, rules)

    def paper_set(self, config: Config):
        """(the paper set, {section name: configured rules}) for `config`."""
        entry = self._sets.get(id(config))
        if entry is None:
            from .paper.run import paper_set

            entry = self._sets[id(config)] = (config, paper_set(config, self.pack), {})
        return entry[1], entry[2]

    def rules_for(self, config: Config, spec=None) -> list:
        """The configured rules of one section (default: the set's default section)."""
        from .paper.run import section_rules

        found, rules = self.paper_set(config)
        spec = spec or found.spec(found.default or found.sections[0].name)
        if spec.name not in rules:
            rules[spec.name] = section_rules(config, found, spec, self.select, self.ignore, self.stage)
        return rules[spec.name]

    def wide_rules(self, config: Config) -> list:
        """The configured rules of the paper set itself (they read every section at once)."""
        from .paper.run import paper_rules

        found, rules = self.paper_set(config)
        if PAPER_WIDE not in rules:
            rules[PAPER_WIDE] = paper_rules(config, found, self.select, self.ignore, self.stage)
        return rules[PAPER_WIDE]

    def slot_rule(self, config: Config, spec):
        """The placeholder rule of a section at this stage, even where it is not run (the ledger
        lists the slots it recognises)."""
        from .stage import apply

        found = next((rule for rule in self.rules_for(config, spec) if rule.id == SLOT_RULE), None)
        if found is None:
            own = next((rule for rule in load_pack(spec.pack).rules if rule.id == SLOT_RULE), None)
            found = apply([own], self.stage or config.stage)[0] if own is not None else None
        return found

    def check_paper(self, source: Source, config: Config, kind: str | None, base_dir: str,
                    result: CheckResult | None = None):
        """(the paper, its findings, the context paper-wide rules read) for one source."""
        from .ledger.context import PaperContext, paper_findings

        found, _ = self.paper_set(config)
        paper = load_paper(source, base_dir, found, self.section, kind or config.kind, config.latex)
        findings = [position_finding(p.position, "error", INPUT_ERROR, p.message) for p in paper.problems]
        checked = [section for section in paper.sections if section.doc.text.strip()]
        if not checked and not findings:  # nothing to check is a problem with the input
            start = paper.sections[0].heading if paper.sections else source.position(0)
            findings.append(position_finding(start, "error", INPUT_ERROR, "empty document: no prose to check"))
        for section in checked:
            rules = self.rules_for(config, found.spec(section.name))
            named = section.name if len(found.sections) > 1 or self.section else None
            findings.extend(dataclasses.replace(f, section=named) if named else f
                            for f in check_document(section.doc, rules))
            if result is not None:
                result.rules.update((rule.id, rule) for rule in rules)
                for piece in section.doc.source_map.pieces:
                    result.sources.setdefault(piece.source.path, piece.source)
        context = PaperContext(checked, list(found.wide), lambda s: self.slot_rule(config, found.spec(s.name)))
        wide = self.wide_rules(config)
        if wide and checked:
            findings.extend(paper_findings(context, wide))
            if result is not None:
                result.rules.update((rule.id, rule) for rule in wide)
        if result is not None:
            result.sources[source.path] = source
        return paper, sorted(set(findings), key=sort_key), context

    def check_source(self, source: Source, config: Config, kind: str | None, base_dir: str,
                     result: CheckResult | None = None) -> list[Finding]:
        return self.check_paper(source, config, kind, base_dir, result)[1]


_DEFAULT_CHECKER = Checker()


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
    worker that is stopped past it, and the file reported as an input-error (see `parallel`).
    `section` checks each file as that one section of the paper set (`--section`); `stage` is
    draft or final (None: the config's), which decides whether open slots are errors.
    """
    from .discover import discover, is_excluded
    from .parallel import Job, can_fork, checked_in_workers, worker_count

    result = CheckResult()
    checker = Checker(pack, select, ignore, section, stage)
    # In path order: a Job to check, or a step to apply to the result (an error).
    steps: list = []

    def excluded(path: str) -> bool:
        config = config_for(os.path.dirname(os.path.abspath(path)), config_file)
        return is_excluded(path, config.exclude, config.base_dir)

    def error_step(message: str):
        return lambda: _add_error(result, message)

    def file_job(target: str) -> Job:
        folder = os.path.dirname(target) or "."
        return Job(target, folder, lambda c, r: check_file(c, r, target, folder, kind, config_file))

    for path in paths:
        try:
            if path == STDIN:
                display = stdin_filename or "<stdin>"
                folder = (os.path.dirname(stdin_filename) if stdin_filename else "") or "."
                config = config_for(folder, config_file)
                steps.append(Job(display, folder, lambda c, r, d=display, g=config, f=folder: _check_one(
                    c, r, d, lambda: _stdin_source(d, stdin_text), g, kind, f)))
                continue
            if os.path.isdir(path):
                sections, _ = checker.paper_set(config_for(os.path.abspath(path), config_file))
                found = discover(path, excluded, lambda title, s=sections: s.classify(title) is not None)
                result.skipped.extend(found.skipped)
                if not found.files:
                    steps.append(error_step(f"error: {path}: no Markdown or LaTeX file with a section to check "
                                            f"({len(found.skipped)} skipped; --verbose says why)"))
                steps.extend(file_job(target) for target in found.files)
            elif excluded(path):
                result.skipped.append((path, "excluded by the config's exclude list"))
            else:
                steps.append(file_job(path))
        except IntrolintError as error:
            steps.append(error_step(f"error: {error}"))
    work = [step for step in steps if isinstance(step, Job)]
    workers = worker_count(len(work), jobs)
    done = None
    if work and can_fork() and (workers > 1 or time_budget is not None):
        done = checked_in_workers(work, lambda: Checker(pack, select, ignore, section, stage),
                                  lambda: _warm_up(checker, work[0].folder, kind, config_file), workers, time_budget)
    for step in steps:
        if not isinstance(step, Job):
            step()
        elif done is None:
            step.run(checker, result)
        else:
            merge(result, next(done))
    result.findings.sort(key=sort_key)
    return result


def _warm_up(checker: Checker, folder: str, kind, config_file) -> None:
    """Load what every worker needs (spaCy, pack, checks, textstat) once, before forking, on a
    built-in text: never on a checked file, which could take past its budget here."""
    from .document.sentences import language
    from .parallel import WARM_UP

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
