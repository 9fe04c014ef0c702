"""The editor's checker: a full check's findings, recomputing only the paragraphs that changed.

`IncrementalChecker` is a `Checker` that keeps, between checks, a `checks.memo.ParagraphMemo`:
each check re-reads the whole document, then paragraph- and sentence-level rules take the
findings of every unchanged paragraph from the memo, and document-level rules run on the
paragraphs' remembered word scans. The findings are exactly a full check's (tests/test_incremental.py).
The language server uses it for every buffer; a one-shot `introlint check` has nothing to reuse.
"""

from __future__ import annotations

from .checker import Checker
from .checks.memo import ParagraphMemo, active


class IncrementalChecker(Checker):
    """A Checker that remembers per-paragraph results from one check to the next."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.memo = ParagraphMemo()

    def check_paper(self, *args, **kwargs):
        with active(self.memo):
            return super().check_paper(*args, **kwargs)
