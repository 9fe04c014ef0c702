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

from .checker import Checker
from .checks.memo import ParagraphMemo, active
from .document.latex_reread import LatexReads, active as latex_active
from .document.reread import MarkdownReads
from .paper import load_paper


class IncrementalChecker(Checker):
    """A Checker that remembers reads and per-paragraph results from one check to the next."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.memo = ParagraphMemo()
        self.reads = MarkdownReads()
        self.latex_reads = LatexReads()

    def check_paper(self, *args, **kwargs):
        try:
            with active(self.memo):
                return super().check_paper(*args, **kwargs)
        except BaseException:  # cut anywhere (its time budget, a signal): nothing half-stored is kept
            self.forget()
            raise

    def forget(self) -> None:
        """Start again from clean caches, as a new checker would."""
        super().forget()
        self.memo = ParagraphMemo()
        self.reads = MarkdownReads()
        self.latex_reads = LatexReads()

    def load(self, source, base_dir, found, kind, config):
        with latex_active(self.latex_reads):
            return load_paper(source, base_dir, found, self.section, kind, config.latex, self.reads.read)
