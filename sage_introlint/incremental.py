"""The editor's checker: a full check's findings, recomputing only what an edit changed.

`IncrementalChecker` is a `Checker` that keeps, between checks:
- the last read of each Markdown file (`document.reread.MarkdownReads`): an edit inside one
  paragraph re-reads that block alone, and the other blocks' nodes are reused;
- the last parse of each LaTeX file (`document.latex_reread.LatexReads`): an edit inside one
  run of prose changes that run's text, and the other nodes are reused (moved);
- a `checks.memo.ParagraphMemo`: paragraph- and sentence-level rules take the findings of
  every unchanged paragraph from it, and document-level rules run on the paragraphs'
  remembered word scans and term matches.
The findings are exactly a full check's (tests/test_incremental.py). The language server uses
it for every buffer, the daemon for every check; a one-shot `introlint check` has nothing to reuse.
"""

from __future__ import annotations

from . import heap
from .bounded import BoundedCache
from .checker import Checker
from .checks.memo import ParagraphMemo, active
from .document.latex_reread import LatexReads, active as latex_active
from .document.reread import MarkdownReads
from .document import reads_as_latex
from .paper import load_paper
from .results import CheckResult


class IncrementalChecker(Checker):
    """A Checker that remembers reads and per-paragraph results from one check to the next."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.memo = ParagraphMemo()
        self.reads = MarkdownReads()
        self.latex_reads = LatexReads()
        # path -> ((text, kind, folder), config, answer, what it added to a CheckResult): a
        # Markdown file reads no other file, so the same text under the same config (the same
        # object: a changed config file is a new one) is the same check (the server on save,
        # the daemon's pre-commit checks of files that did not change)
        self.unchanged: BoundedCache = BoundedCache(16)

    def check_paper(self, source, config, kind, base_dir, result=None):
        same = self.unchanged.get(source.path)
        if same is not None and same[0] == (source.text, kind, base_dir) and same[1] is config:
            return _replayed(same[2], same[3], source, result)
        part = CheckResult()
        heap.keep((same, self.reads.last.get(source.path), self.latex_reads.last.get(source.path)))  # replaced below
        try:
            with active(self.memo):
                answer = super().check_paper(source, config, kind, base_dir, part)
        except BaseException:  # cut anywhere (its time budget, a signal): nothing half-stored is kept
            self.forget()
            raise
        heap.keep(answer)  # the caller keeps only the findings
        if not reads_as_latex(source.path, source.text):
            self.unchanged[source.path] = ((source.text, kind, base_dir), config, answer, part)
        return _replayed(answer, part, source, result)

    def forget(self) -> None:
        """Start again from clean caches, as a new checker would."""
        super().forget()
        self.memo = ParagraphMemo()
        self.reads = MarkdownReads()
        self.latex_reads = LatexReads()
        self.unchanged = BoundedCache(16)

    def load(self, source, base_dir, found, kind, config):
        with latex_active(self.latex_reads):
            return load_paper(source, base_dir, found, self.section, kind, config.latex, self.reads.read)


def _replayed(answer, part: CheckResult, source, result: CheckResult | None):
    """`answer` (paper, findings, context) as `Checker.check_paper` gives it, with what the check
    added to a CheckResult (notes, rules, sources) added to `result`."""
    if result is not None:
        result.notes.extend(part.notes)
        result.caveats.extend(part.caveats)
        result.rules.update(part.rules)
        for path, read in part.sources.items():
            result.sources.setdefault(path, read)
        result.sources[source.path] = source
    paper, findings, context = answer
    return paper, list(findings), context
