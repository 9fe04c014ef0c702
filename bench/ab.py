"""A/B speed of two checkouts of introlint in one run (run by hand: `python bench/ab.py A B`).

The machine's speed drifts (~25% between runs on a shared machine), so two versions are only
comparable measured side by side: each round checks, in a fresh process per checkout, the
same `--texts` intros never seen before (fixtures/docs/clean-intro.md with a sentence of its own
per paragraph, as bench/run.py's full warm check), the checkouts' rounds alternating. Prints the
median CPU ms per check of each, and their ratio. A and B are folders holding `sage_introlint`
(a worktree, or `git worktree add /tmp/base main`).

With `--batch N`, each round instead runs `introlint check` of each checkout (its default
--jobs, in its own processes) over the same N intros bench/run.py's batch is made of, and
reports the CPU seconds of all its processes (load hits both alike: the rounds alternate).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTRO = ROOT / "fixtures" / "docs" / "clean-intro.md"

ROUND = """
import sys, time
from sage_introlint.engine import check_text
path, count = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
check_text(text, path=path)  # builds the pipeline and loads the pack
versions = [text.replace(".\\n\\n", f". Fresh copy {i}.\\n\\n") + f"\\n\\nFresh copy {i}.\\n" for i in range(count)]
times = []
for version in versions:
    start = time.process_time()
    check_text(version, path=path)
    times.append(time.process_time() - start)
times.sort()
print(times[len(times) // 2] * 1000)
"""


def one_round(checkout: Path, path: Path, texts: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's install runs: bytecode written
    out = subprocess.run([sys.executable, "-c", ROUND, str(path), str(texts)], env=env, cwd=checkout,
                         capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL); u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_utime + u.ru_stime)")


def batch_round(checkout: Path, files: list[Path]) -> float:
    """CPU seconds of `introlint check` of `checkout` over `files` (every process it started)."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "sage_introlint", "check", "--no-daemon", "--format", "json", "--fail-on", "error"]
    out = subprocess.run([sys.executable, "-c", MEASURE, *command, *map(str, files)], env=env, cwd=checkout,
                         capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def batch(a: Path, b: Path, count: int, rounds: int) -> None:
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from run import make_batch

    with tempfile.TemporaryDirectory() as tmp:
        files, words = make_batch(Path(tmp), count)
        ra, rb = [], []
        for _ in range(rounds):
            ra.append(batch_round(a, files))
            rb.append(batch_round(b, files))
    ma, mb = statistics.median(ra), statistics.median(rb)
    print(f"batch of {count} intros ({words} words), CPU-s of all processes, median of {rounds} alternating rounds")
    print(f"A {a}: {ma:.2f} CPU-s, {words / ma:,.0f} words/CPU-s  (rounds: {', '.join(f'{x:.1f}' for x in ra)})")
    print(f"B {b}: {mb:.2f} CPU-s, {words / mb:,.0f} words/CPU-s  (rounds: {', '.join(f'{x:.1f}' for x in rb)})")
    print(f"B/A = {mb / ma:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per checkout")
    parser.add_argument("--texts", type=int, default=40, help="new intros checked per round (median)")
    parser.add_argument("--intro", type=Path, default=INTRO)
    parser.add_argument("--batch", type=int, default=0, metavar="N",
                        help="compare `introlint check` over a batch of N intros instead (CPU-s)")
    args = parser.parse_args()
    if args.batch:
        batch(args.a.resolve(), args.b.resolve(), args.batch, args.rounds)
        return
    a, b = [], []
    for _ in range(args.rounds):
        a.append(one_round(args.a.resolve(), args.intro.resolve(), args.texts))
        b.append(one_round(args.b.resolve(), args.intro.resolve(), args.texts))
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"full warm check of a new intro ({args.intro.name}), CPU ms, median of {args.rounds} alternating "
          f"rounds of {args.texts} checks (each round's median)")
    print(f"A {args.a}: {ma:.2f} ms  (rounds: {', '.join(f'{x:.1f}' for x in a)})")
    print(f"B {args.b}: {mb:.2f} ms  (rounds: {', '.join(f'{x:.1f}' for x in b)})")
    print(f"B/A = {mb / ma:.3f}")


if __name__ == "__main__":
    main()
