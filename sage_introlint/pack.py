"""Rule packs: YAML files that turn generic check kinds into concrete, documented rules."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    """One rule: a check kind with options, a default severity, and its documentation."""

    id: str
    check: str  # the check kind: a module name under sage_introlint/checks
    severity: str  # "error", "warning" or "info"
    kinds: tuple[str, ...]  # document kinds it applies to: intro, outline, paragraph
    summary: str  # one line, for `introlint rules`
    options: dict = field(default_factory=dict, hash=False, compare=False)
    rationale: str = ""
    prompt: str = ""  # the prompt sentence the rule comes from
    bad: str = ""
    good: str = ""
    location: str = "term"  # term, sent, para or doc (documentation of where findings point)
