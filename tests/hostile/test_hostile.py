"""Issue 13 as an attacker would try it: every case runs the INSTALLED `introlint` on generated
hostile input (in a process of its own; forked from a warm starter where the point is the input,
started cold where it is the process: see tests/warm_start.py), with a wall-clock limit, and must end with status 0, 1 or 2 (130/143 for signals),
no traceback, no byte of a file outside the repository (nor of .git/, .env or the environment),
no forged workflow command, no raw control character, peak memory under 500 MB, within its budget
plus a margin, and without changing or adding a file in the repository it checked.

Each case is a test of its own, so pytest-xdist spreads the cases over its workers; each worker
that runs one uses its warm starter (the `warm_introlint` fixture, tests/conftest.py). Sizes are a tenth of the issue's
(bench/hostile.py runs the full ones and prints the numbers).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from warm_start import Starter

from .cases import cases, repository
from .harness import problems, run

# ~70 CPU-s on the shared 2-core machine: run by .ci/run (the whole suite), not by every landing
pytestmark = pytest.mark.slow
SCALE = 0.1
MARGIN = 1.5  # the machine is shared: a case may take half again its budget


def tree(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every regular file (FIFOs and devices are never opened)."""
    found = {}
    for base, dirs, files in os.walk(folder):
        for name in files + dirs:
            path = os.path.join(base, name)
            info = os.lstat(path)
            key = os.path.relpath(path, folder)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as handle:
                    found[key] = hashlib.sha256(handle.read()).hexdigest()
            else:
                found[key] = str(info.st_mode)
    return found


def _run_case(case, work: Path, starter: Starter | None):
    repo, outside = work / case.name / "repo", work / case.name / "outside"
    repository(repo, outside)
    case.setup(repo, outside, SCALE)
    before = tree(repo)
    outcome = run(case.run_spec(repo), starter)
    found = problems(outcome, case.statuses, case.github) + (case.expect(outcome) if case.expect else [])
    if outcome.seconds > case.budget * MARGIN:
        found.append(f"took {outcome.seconds:.1f} s, budget {case.budget} s")
    if tree(repo) != before:
        found.append("a file in the repository changed or appeared")
    return outcome, found


CASES = {case.name: case for case in cases(SCALE)}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_case(request, tmp_path, name):
    case = CASES[name]
    outcome, found = _run_case(case, tmp_path, None if case.cold else request.getfixturevalue("warm_introlint"))
    assert not found, f"{name}: status {outcome.status}, {outcome.seconds:.1f} s, {outcome.peak_mb:.0f} MB\n" + \
        "\n".join(found) + "\n--- stderr ---\n" + outcome.err[-1500:]
