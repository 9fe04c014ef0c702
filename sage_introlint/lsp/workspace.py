"""Check editor buffers as `introlint check` checks files, and keep the findings per file.

A buffer is checked from its unsaved text under the config found from its file's folder (the
CLI's search; configs are re-read when their file changes). Findings that point into an
`\\input` file belong to that file: `Findings` keeps, for every file, what each open buffer
found in it, so a file included by two open documents shows both documents' findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..config import config_for
from ..document import LATEX_SUFFIXES, decode, reads_as_latex
from ..document.model import Source
from ..checker import Checker
from ..results import CheckResult
from ..errors import ConfigError, IntrolintError
from ..findings import INPUT_ERROR, Finding, file_finding

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".qmd", ".rmd")
LANGUAGES = {"markdown": ".md", "latex": ".tex", "tex": ".tex", "plaintex": ".tex"}
CONFIG_NAMES = (".introlint.yaml", ".introlint.yml", "pyproject.toml")
CONFIG_ERROR = "config-error"


def wanted(path: str, language_id: str | None) -> bool:
    """Is this a buffer introlint reads (Markdown or LaTeX, by file name or editor language)?"""
    return path.lower().endswith(MARKDOWN_SUFFIXES + LATEX_SUFFIXES) or (language_id or "") in LANGUAGES


def syntax(path: str, text: str) -> str:
    """`latex` or `markdown`: how the front ends will read this file, so comments fit it."""
    return "latex" if reads_as_latex(path, text) else "markdown"


@dataclass
class Checked:
    """What one check of one buffer produced."""

    findings: list[Finding]
    sources: dict[str, Source]  # path -> the text each finding's line and column refer to
    rules: dict  # id -> Rule, for hover
    files: set[str] = field(default_factory=set)  # every file the buffer read (itself, \input files)


def check_buffer(checker: Checker, path: str, text: str, folder: str) -> Checked:
    """Findings for a buffer's text as if it were saved at `path` (a config or input error is one finding)."""
    source = Source(path, "")
    try:
        source = Source(path, decode(path, text.encode("utf-8", "surrogatepass")))
        config = config_for(folder)
        result = CheckResult()
        findings = checker.check_source(source, config, None, folder, result)
    except IntrolintError as error:
        return not_checked(path, source, CONFIG_ERROR if isinstance(error, ConfigError) else INPUT_ERROR,
                           str(error))
    sources = dict(result.sources)
    sources.setdefault(path, source)
    return Checked(findings, sources, dict(result.rules), set(sources))


def not_checked(path: str, source: Source, rule: str, message: str) -> Checked:
    """A buffer that could not be checked: one finding on its first line saying why."""
    return Checked([file_finding(path, rule, message)], {path: source}, {}, {path})


def is_config(path: str) -> bool:
    return os.path.basename(path) in CONFIG_NAMES


class Findings:
    """For every file: what each checked buffer found in it."""

    def __init__(self) -> None:
        self.by_file: dict[str, dict[str, list[Finding]]] = {}  # file -> owner -> findings
        self.checked: dict[str, Checked] = {}  # owner -> its last check

    def update(self, owner: str, checked: Checked) -> set[str]:
        """Record `owner`'s new check; returns the files whose findings may have changed."""
        touched = self.drop(owner)
        self.checked[owner] = checked
        grouped: dict[str, list[Finding]] = {owner: []}
        for finding in checked.findings:
            grouped.setdefault(finding.path, []).append(finding)
        for path, found in grouped.items():
            self.by_file.setdefault(path, {})[owner] = found
        return touched | set(grouped)

    def drop(self, owner: str) -> set[str]:
        """Forget what `owner` found; returns the files it had findings in."""
        self.checked.pop(owner, None)
        touched = set()
        for path, owners in self.by_file.items():
            if owners.pop(owner, None) is not None:
                touched.add(path)
        return touched

    def in_file(self, path: str) -> list[tuple[Finding, Checked]]:
        """Every finding in `path`, each with the check it came from (for its source text)."""
        seen, result = set(), []
        for owner, found in self.by_file.get(path, {}).items():
            for finding in found:
                if finding not in seen:
                    seen.add(finding)
                    result.append((finding, self.checked[owner]))
        return result

    def owners_reading(self, path: str) -> list[str]:
        """The buffers whose last check read `path`."""
        return [owner for owner, checked in self.checked.items() if path in checked.files]
