"""Test-wide settings: in CI (`CI=true`) the shared material in ../shared must be there.

Tests that read ../shared (the real Introductions, the sentence-boundary sets, the SARIF schema,
the seed prompts) skip on a checkout without it. In CI that skip would hide 30-odd tests, so a
missing piece stops the run instead, before any test runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("INTROLINT_SHARED") or ROOT.parent / "shared")
SHARED_NEEDED = ("corpus/counts.yaml", "sbd", "schemas/sarif-schema-2.1.0.json", "seed/introduction-prompts.md")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_configure(config):
    cache_bytecode()
    missing = [part for part in SHARED_NEEDED if not (SHARED / part).exists()]
    if in_ci() and missing:
        raise pytest.UsageError(f"CI=true but the shared material is missing from {SHARED}: {', '.join(missing)} "
                                "(clone it beside the repository as ../shared)")


def cache_bytecode() -> None:
    """Let Python cache compiled modules for the rest of the run, whatever PYTHONDONTWRITEBYTECODE says.

    The suite starts a hundred-odd fresh interpreters (the installed `introlint`, its daemon and
    language server, pre-commit's hook, the wheel). uv installs without compiling (no .pyc in the
    venv), so with that variable set each of them would compile spaCy and its dependencies from
    source: ~4 CPU-s a start instead of ~1.5. Called in the first pytest process, before
    pytest-xdist starts its workers, so they and every process they start inherit it.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


# The files that take the most CPU time (measured per test file on the shared 2-core machine),
# costliest first. Under pytest-xdist (`--dist loadfile`, pyproject addopts) a worker takes whole files in
# this order, so these start at once and overlap with the many quick files instead of ending the run.
SLOWEST_FIRST = (
    "hostile/test_hostile.py", "test_incremental.py", "test_daemon.py", "test_lsp.py", "test_precommit.py",
    "test_syllables.py", "test_wheel.py", "report/test_report_browser.py", "test_bad_input.py",
    "checks/test_shared_work.py", "test_parallel.py", "test_properties.py", "test_editors.py", "test_python310.py",
    "test_network.py", "checks/test_rule_cases.py", "test_harness.py", "test_cli.py", "ledger/test_readme_runs.py",
)


def _rank(item) -> int:
    path = item.path.relative_to(ROOT / "tests").as_posix()
    return SLOWEST_FIRST.index(path) if path in SLOWEST_FIRST else len(SLOWEST_FIRST)


def pytest_collection_modifyitems(items):
    items.sort(key=_rank)  # stable: within a file, and among the other files, the collected order stays
