"""Hostile-input measurements (run by hand: `python bench/hostile.py [--scale 1] [--limit 60] [NAME...]`).

Runs every case of tests/hostile at the given scale (1.0: the sizes issue 13 measured) against the
installed `introlint`, one at a time, and prints exit status, wall time, peak memory (largest
process) and what the hostile suite would say is wrong. A case that hits --limit is killed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile import cases as hostile  # noqa: E402
from hostile.harness import problems, run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--limit", type=float, default=60.0)
    options = parser.parse_args()
    print(f"{'case':<24} {'status':>6} {'seconds':>8} {'peak MB':>8}  problems")
    for case in hostile.cases(options.scale):
        if options.names and not any(case.name.startswith(name) for name in options.names):
            continue
        with tempfile.TemporaryDirectory() as work:
            repo, outside = Path(work) / "repo", Path(work) / "outside"
            hostile.repository(repo, outside)
            case.setup(repo, outside, options.scale)
            spec = case.run_spec(repo)
            spec.limit = options.limit
            outcome = run(spec)
            found = problems(outcome, case.statuses, case.github) + (case.expect(outcome) if case.expect else [])
            status = "TIME" if outcome.status == -999 else outcome.status
            summary = "; ".join(p.splitlines()[0][:90] for p in found) or "ok"
            print(f"{case.name:<24} {status:>6} {outcome.seconds:8.1f} {outcome.peak_mb:8.0f}  {summary}", flush=True)


if __name__ == "__main__":
    main()
