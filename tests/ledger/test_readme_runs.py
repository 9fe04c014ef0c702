"""The README's ledger and cross-section examples are real runs: each line shown (up to an
ellipsis) is in today's output."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from warm_start import command

# real `introlint` processes, forked warm (tests/warm_start.py)
pytestmark = pytest.mark.usefixtures("warm_introlint")

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shown_after(command: str) -> list[str]:
    """The lines of the output block that follows the README's block with `command`."""
    found = re.search(re.escape(command) + r"\n```\n\n```\n(.*?)```", README, re.S)
    assert found, f"README shows no output after {command!r}"
    return [line for line in found.group(1).splitlines() if line and line != "…"]


def run(*args: str) -> str:
    done = subprocess.run([*command(module=True), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    return done.stdout + done.stderr


def test_readme_ledger_is_a_real_run():
    output = run("ledger", "fixtures/paper/planted/main.tex")
    for line in shown_after("introlint ledger fixtures/paper/planted/main.tex"):
        assert line in output


def test_readme_cross_section_findings_are_a_real_run():
    command = "introlint check fixtures/paper/planted/main.tex --select claim-consistency,contribution-evidence,contributions-consistency"
    output = run(*command.split()[1:])
    for line in shown_after(command):
        for part in re.split(r"\.\.\.|\(\.\.\.\)", line):
            assert part.strip() in output
