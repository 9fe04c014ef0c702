"""The pre-commit hook, for real: a paper repository whose commit is blocked, then fixed.

Slow (pre-commit builds the hook's own environment from this checkout's HEAD commit; with
pre-commit-uv from the test extras uv builds it, in seconds rather than pip's minute), so it is
marked `slow`: `pytest -m "not slow"` skips it; `.ci/run` runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

BAD = """# Introduction

SAGE is a revolutionary framework for LLM pipelines.
"""

GOOD = """# Introduction

SAGE is a framework for LLM pipelines.
"""


IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(env or os.environ, **IDENTITY)
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)


def test_commit_is_blocked_then_passes(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("the checkout has no commit for pre-commit to install from")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    repo = tmp_path / "paper"
    repo.mkdir()
    git(repo, "init", "-q")
    # Only the introduction is checked; other sections would not pass an Introduction checklist.
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {ROOT}\n"
        f"    rev: {head.stdout.strip()}\n"
        "    hooks:\n"
        "      - id: introlint\n"
        "        files: ^intro\\.md$\n"
        "        args: [--select, marketing-language]\n"
    )
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"))
    subprocess.run([*pre_commit, "install"], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "intro.md").write_text(BAD)
    git(repo, "add", ".")
    blocked = git(repo, "commit", "-m", "draft", env=env)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "intro.md:3:11: error:" in output and "[marketing-language]" in output, output
    assert git(repo, "rev-list", "--all").stdout == ""  # nothing was committed

    (repo / "intro.md").write_text(GOOD)
    git(repo, "add", ".")
    passed = git(repo, "commit", "-m", "draft", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert git(repo, "rev-list", "--all").stdout.strip() != ""
