"""CheckResult: what checking a batch of paths produced, in one process or merged from workers."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document.model import Source
from .findings import INPUT_ERROR, Finding


@dataclass
class CheckResult:
    """What a run produced: findings, one line per file that could not be checked, and context."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "error: ..." or "internal error while checking ..."
    checked: list[str] = field(default_factory=list)  # display paths of the files checked
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why) from directory search
    sources: dict[str, Source] = field(default_factory=dict)  # path -> Source, for source excerpts
    rules: dict = field(default_factory=dict)  # id -> Rule: every rule that was active somewhere
    notes: list[str] = field(default_factory=list)  # what the user should know about how a file was checked
    caveats: list[str] = field(default_factory=list)  # what the user must know even without --verbose

    @property
    def failed(self) -> bool:
        """True when an input, usage or config problem means exit status 2."""
        return bool(self.errors) or any(f.rule == INPUT_ERROR for f in self.findings)
