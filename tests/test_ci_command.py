"""CI runs exactly the README's test command: a newcomer who pastes it gets what CI checks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Run the tests \(this is exactly what CI runs.*?```sh\n(.*?)\n```", readme, re.S)
    assert block, "README.md has no 'Run the tests' block"
    return block.group(1).strip()


def test_ci_runs_the_readme_test_command():
    lines = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[-1].strip() == readme_test_command()
