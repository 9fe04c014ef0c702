"""What a paper-wide check kind reads: the paper's sections, its rules, and one shared ledger.

A check kind with `SCOPE = "paper"` has `check_paper(context, rule)` instead of `check(doc,
rule)`; it runs once per paper, after every section is checked. The ledger is built on first
use from the pack's own `claims` and `evidence` rules (as the pack defines them, whatever the
config turns off), so the three cross-section rules read one extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .build import Ledger, build


@dataclass
class PaperContext:
    sections: list  # paper-mode sections: name, title, heading, doc
    rules: list  # the paper set's rules as the pack defines them
    slot_rule_for: object  # section -> its placeholder rule, or None
    _ledger: Ledger | None = field(default=None, repr=False)

    def rule_of_kind(self, check: str):
        return next((rule for rule in self.rules if rule.check == check), None)

    @property
    def ledger(self) -> Ledger | None:
        """None when the pack defines no `claims` rule (nothing to read claims with)."""
        if self._ledger is None:
            claims = self.rule_of_kind("claims")
            if claims is None:
                return None
            self._ledger = build(self.sections, claims, self.slot_rule_for, self.rule_of_kind("evidence"))
        return self._ledger


def paper_findings(context: PaperContext, rules: list) -> list:
    """The findings of the paper-wide `rules`, less those a suppression comment of any section
    silences (`introlint-disable claim-consistency` in the file where the finding points)."""
    from ..checks import run_paper
    from ..suppressions import suppressed

    comments = [item for section in context.sections for item in section.doc.suppressions]
    found = []
    for rule in rules:
        found.extend(f for f in run_paper(rule, context) if not suppressed(f, comments))
    return found
