"""The test suite's own contract: in CI a missing ../shared stops the run instead of skipping tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNUSED_PLUGINS = ("pytest-lsp", "anyio", "hypothesispytest", "asyncio")


def collect(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    settings = {k: v for k, v in os.environ.items() if k != "CI"}
    settings.update(INTROLINT_SHARED=str(tmp_path / "no-shared-here"), **env)
    # the plugins this file does not use stay unloaded (they cost ~2 CPU-s a start; the conftest is the point)
    unused = [option for name in UNUSED_PLUGINS for option in ("-p", f"no:{name}")]
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "-p", "no:cacheprovider", *unused, __file__]
    return subprocess.run(command, cwd=ROOT, env=settings, capture_output=True, text=True, timeout=120)


def test_missing_shared_material_fails_the_run_in_ci(tmp_path):
    done = collect(tmp_path, CI="true")
    assert done.returncode == 4, done.stdout + done.stderr
    assert "CI=true but the shared material is missing" in done.stdout + done.stderr


def test_missing_shared_material_is_a_skip_outside_ci(tmp_path):
    assert collect(tmp_path).returncode == 0
