"""The daemon's checkers, kept warm between checks: one IncrementalChecker per set of options.

A one-shot `introlint check` makes a Checker and exits. The daemon answers many checks, mostly
of the same files again (a pre-commit hook on every commit, an editor's save hook), so it keeps
an IncrementalChecker per (pack, select, ignore, section, stage): its configured rules, the last
read of each Markdown file and the per-paragraph results, so a file checked again costs only
what changed since. Its findings are exactly a full check's (tests/test_incremental.py), and the
daemon's output is byte for byte the command line's (tests/test_daemon.py).
"""

from __future__ import annotations

from ..bounded import BoundedCache
from ..incremental import IncrementalChecker


class WarmCheckers:
    """The daemon's checkers (`engine.serve_warm`): the same options get the same warm checker."""

    def __init__(self, limit: int = 4):
        self.kept: BoundedCache = BoundedCache(limit)

    def __call__(self, *options) -> IncrementalChecker:
        checker = self.kept.get(options)
        if checker is None:
            checker = self.kept[options] = IncrementalChecker(*options)
        return checker
