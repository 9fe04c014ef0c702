"""Test-wide settings: in CI (`CI=true`) the shared material in ../shared must be there.

Tests that read ../shared (the real Introductions, the sentence-boundary sets, the SARIF schema,
the seed prompts) skip on a checkout without it. In CI that skip would hide 30-odd tests, so a
missing piece stops the run instead, before any test runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("INTROLINT_SHARED") or ROOT.parent / "shared")
SHARED_NEEDED = ("corpus/counts.yaml", "sbd", "schemas/sarif-schema-2.1.0.json", "seed/introduction-prompts.md")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_configure(config):
    missing = [part for part in SHARED_NEEDED if not (SHARED / part).exists()]
    if in_ci() and missing:
        raise pytest.UsageError(f"CI=true but the shared material is missing from {SHARED}: {', '.join(missing)} "
                                "(clone it beside the repository as ../shared)")
