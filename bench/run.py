"""Speed benchmark for introlint (run by hand: `python bench/run.py`; not part of the tests).

Measures in one run, on this machine:
  1. cold `introlint check` of one five-paragraph intro (a fresh process each time),
  2. cold `python -c "import spacy"`, the floor no spaCy-based tool can go under,
  3. a warm re-check of the same intro through the Python API, the language server's check
     after a one-word edit, `introlint check` through a running daemon, and the peak memory
     of `introlint lsp` (bench/editor.py),
  4. a batch over 1,000 intros (made from fixtures/ and, when present, ../shared/corpus/)
     with `introlint check` against `proselint check` on the same files, their runs alternating
     (`--batch-runs`, median), by wall time and by the CPU time of all their processes,
with words per second and peak memory of each (max RSS of the largest process, and the summed
PSS of all its processes for a batch in workers), then prints a table and the ratios. The machine
may be shared: the cold runs alternate with the bare import, and the batches with each other,
so load drift hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import editor  # noqa: E402  (bench/editor.py: the daemon, the server's re-check and memory)
import edit_shares  # noqa: E402  (bench/edit_shares.py: where the re-check's time goes)
import phases  # noqa: E402  (bench/phases.py: where the time of a full check goes)
INTRO = ROOT / "fixtures" / "docs" / "clean-intro.md"
INTRO_TEX = ROOT / "fixtures" / "docs" / "clean-intro.tex"
CORPUS = ROOT.parent / "shared" / "corpus"
BIN = Path(sys.executable).parent

TARGETS = {
    "cold above spaCy import (s)": 0.25,
    "check via daemon (ms)": 100.0,
    "one-word edit re-check (ms)": 5.0,
    "one-word edit re-check, LaTeX (ms)": 5.0,
    "full warm check (ms)": 10.0,
    "batch speed vs proselint (x)": 3.0,
    "batch CPU speed vs proselint (x)": 3.0,
    "server peak memory (MB)": 200.0,
    "peak memory (MB)": 300.0,
}

# Runs the command and reports its wall time, the peak RSS of its largest process (getrusage), the
# peak of the summed proportional set size (PSS) of it and its worker processes, sampled from
# /proc every 50 ms (shared pages counted once; 0 where /proc is missing), its exit status, and
# the CPU time (user + system) of it and every worker it waited for.
MEASURE = """
import os, resource, subprocess, sys, time

def tree(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as handle:
                todo.extend(int(c) for c in handle.read().split())
        except OSError:
            pass
    return pids

def pss_mb(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as handle:
                total += sum(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, ValueError):
            pass
    return total / 1024

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0.0
while child.poll() is None:
    peak = max(peak, pss_mb(child.pid))
    time.sleep(0.05)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss / 1024, peak, child.returncode, usage.ru_utime + usage.ru_stime)
"""


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall time (s), peak RSS of the largest process (MB) and peak total PSS (MB) of one run."""
    return measure_cpu(command)[:3]


def measure_cpu(command: list[str]) -> tuple[float, float, float, float]:
    """`measure`, and the CPU seconds of the run (all its processes)."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True)
    seconds, megabytes, total, _code, cpu = out.stdout.split()
    return float(seconds), float(megabytes), float(total), float(cpu)


def batch_pair(ours: list[str], theirs: list[str], runs: int) -> tuple[dict, dict]:
    """Each batch command `runs` times, their runs alternating (ours, theirs, ours, ...) so load
    drift hits both alike: median wall (s), median CPU (s, all processes) and peak memory."""
    a, b = [], []
    for _ in range(runs):
        a.append(measure_cpu(ours))
        b.append(measure_cpu(theirs))

    def summary(results):
        return {"wall": statistics.median(r[0] for r in results), "cpu": statistics.median(r[3] for r in results),
                "rss": max(r[1] for r in results), "pss": max(r[2] for r in results)}

    return summary(a), summary(b)


def median_run(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median time and peak memory over `runs` runs (the runs alternate with other commands' runs)."""
    results = [measure(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), max(r[2] for r in results)


def warm_recheck(path: Path, runs: int) -> tuple[float, float]:
    """Median (wall, CPU) milliseconds of re-checking `path` through the Python API in this process."""
    from sage_introlint.engine import check_text

    text = path.read_text(encoding="utf-8")
    check_text(text, path=str(path))  # first call builds the pipeline and loads the pack
    return editor.timed(lambda _: check_text(text, path=str(path)), runs)


def warm_new_text(path: Path, runs: int, as_daemon: bool = True) -> tuple[float, float, float]:
    """Median (wall, CPU) ms of checking, in this process, `runs` intros never seen before: `path`
    with a sentence of its own at the end of every paragraph, so no cache keyed by a paragraph's
    text (the sentence splitter's, textstat's) answers for it: the full warm check. And the mean CPU
    ms of the collector after each check.

    `as_daemon`: as the daemon and the language server check (`heap`): what the first check
    loaded frozen, no collection during a check, the one it held back run once the findings are
    out (the third number). Otherwise as a one-shot Python API caller: collections inside."""
    import gc

    from sage_introlint import heap
    from sage_introlint.engine import check_text

    text = path.read_text(encoding="utf-8")
    check_text(text, path=str(path))
    versions = [text.replace(".\n\n", f". Fresh copy {index}.\n\n") + f"\n\nFresh copy {index}.\n"
                for index in range(runs)]
    if not as_daemon:
        return (*editor.timed(lambda index: check_text(versions[index], path=str(path)), runs), 0.0)
    gc.collect()  # heap.settle() (not called: it runs once per process, and the editor rows settle after their first check)
    gc.freeze()

    def check(index: int) -> None:
        with heap.deferred():
            check_text(versions[index], path=str(path))

    return editor.timed_then(check, runs, heap.tidy)


def make_batch(folder: Path, count: int) -> tuple[list[Path], int]:
    """Copy fixture and corpus intros round-robin into `folder` until there are `count` files.

    Each copy gets one short sentence of its own at the end of every paragraph (`Copy 17.`), so
    no copy repeats another's paragraphs: caches keyed by text (textstat's, the LaTeX parse) must
    not make the batch look faster than distinct intros would be.
    """
    seeds = sorted((ROOT / "fixtures" / "docs").glob("*.md")) + sorted((ROOT / "fixtures" / "docs").glob("*.tex"))
    seeds = [p for p in seeds if not p.name.endswith(".expected.yaml")]
    if CORPUS.is_dir():
        seeds += sorted(CORPUS.glob("*.md")) + sorted(CORPUS.glob("*.tex"))
    seeds = [p for p in seeds if "\\input" not in p.read_text(encoding="utf-8", errors="replace")]
    files, words = [], 0
    for index in range(count):
        seed = seeds[index % len(seeds)]
        target = folder / f"{index:04d}-{seed.name}"
        text = seed.read_text(encoding="utf-8", errors="replace").replace(".\n\n", f". Copy {index}.\n\n")
        target.write_text(text, encoding="utf-8")
        files.append(target)
        words += len(text.split())
    return files, words


def cold_pair(ours: list[str], floor: list[str], runs: int):
    """Median time and peak memory of each command, their runs alternating (load drifts alike)."""
    a, b = [], []
    for _ in range(runs):
        a.append(measure(ours))
        b.append(measure(floor))

    def summary(results):
        return (statistics.median(r[0] for r in results), min(r[0] for r in results),
                max(r[1] for r in results), max(r[2] for r in results))

    return summary(a), summary(b)


def memory(rss: float, pss: float) -> str:
    return f"{rss:.0f} MB (all processes: {pss:.0f} MB PSS)" if pss else f"{rss:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per cold measurement (median)")
    parser.add_argument("--files", type=int, default=1000, help="intros in the batch")
    parser.add_argument("--batch-runs", type=int, default=3,
                        help="runs of each batch, alternating introlint and proselint (median)")
    parser.add_argument("--jobs", type=int, default=0, help="introlint --jobs for the batch (0: its default)")
    args = parser.parse_args()

    introlint = str(BIN / "introlint")
    proselint = str(BIN / "proselint")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{cpus} CPUs, load average {os.getloadavg()[0]:.2f} at start; cold: median of {args.runs} "
          f"alternating runs (min in brackets); batch: median of {args.batch_runs} runs alternating "
          f"introlint and proselint on the same files, by wall time (what a user waits; introlint uses "
          f"every CPU, proselint one) and by CPU time of all processes (the same work per CPU, "
          f"whatever the load)\n")
    rows = []

    (cold, cold_min, cold_rss, cold_pss), (spacy_cold, spacy_min, spacy_rss, spacy_pss) = cold_pair(
        [introlint, "check", "--format", "json", str(INTRO)], [sys.executable, "-c", "import spacy"], args.runs)
    rows.append(("cold introlint check, one intro", f"{cold:.3f} s ({cold_min:.3f})", memory(cold_rss, cold_pss)))
    rows.append(('cold python -c "import spacy"', f"{spacy_cold:.3f} s ({spacy_min:.3f})", memory(spacy_rss, spacy_pss)))

    inline, inline_cpu, _ = warm_new_text(INTRO, 50, as_daemon=False)
    warm, warm_cpu, warm_gc = warm_new_text(INTRO, 50)
    warm_phases = phases.measured("warm", str(INTRO), "51")
    rows.append(("full warm check of a new intro, as the daemon checks, median of 50",
                 f"{warm:.1f} ms (CPU {warm_cpu:.1f}; collector after it {warm_gc:.1f})", ""))
    rows.append(("same, collections inside (a one-shot Python API call)", f"{inline:.1f} ms (CPU {inline_cpu:.1f})", ""))
    again, again_cpu = warm_recheck(INTRO, 50)
    rows.append(("full warm check of the same text again, median of 50", f"{again:.1f} ms (CPU {again_cpu:.1f})", ""))
    (edited, edited_cpu, edited_gc), (same, same_cpu, _) = editor.one_word_edit(INTRO, 50)
    rows.append(("server re-check after a one-word edit, median of 50",
                 f"{edited:.1f} ms (CPU {edited_cpu:.1f}; collector after it {edited_gc:.1f})", ""))
    rows.append(("server re-check of the same text, median of 50", f"{same:.1f} ms (CPU {same_cpu:.1f})", ""))
    (edited_tex, edited_tex_cpu, edited_tex_gc), _ = editor.one_word_edit(INTRO_TEX, 50)
    rows.append(("server re-check after a one-word edit, LaTeX intro",
                 f"{edited_tex:.1f} ms (CPU {edited_tex_cpu:.1f}; collector after it {edited_tex_gc:.1f})", ""))
    daemon = editor.daemon_check(introlint, INTRO, args.runs * 3)
    rows.append((f"introlint check through the daemon, median of {args.runs * 3}", editor.daemon_row(daemon),
                 f"load {os.getloadavg()[0]:.2f}"))
    server_mb = editor.server_memory(introlint, INTRO, 50)
    rows.append(("introlint lsp after opening the intro and 50 edits", "", f"{server_mb:.0f} MB"))

    with tempfile.TemporaryDirectory() as tmp:
        files, words = make_batch(Path(tmp), args.files)
        batch_cmd = [introlint, "check", "--format", "json", "--fail-on", "error"]
        if args.jobs:
            batch_cmd += ["--jobs", str(args.jobs)]
        ours, theirs = batch_pair(batch_cmd + [str(f) for f in files], [proselint, "check"] + [str(f) for f in files],
                                  args.batch_runs)
        batch_phases = phases.measured("batch", *map(str, files))
    ours_rss, ours_pss = ours["rss"], ours["pss"]
    ours_wps, theirs_wps = words / ours["wall"], words / theirs["wall"]
    ours_cps, theirs_cps = words / ours["cpu"], words / theirs["cpu"]
    jobs = f"--jobs {args.jobs}" if args.jobs else "default --jobs"
    rows.append((f"batch introlint ({jobs}), {len(files)} files, {words} words",
                 f"{ours['wall']:.2f} s, {ours_wps:,.0f} words/s", memory(ours_rss, ours_pss)))
    rows.append(("batch proselint, same files", f"{theirs['wall']:.2f} s, {theirs_wps:,.0f} words/s",
                 memory(theirs["rss"], theirs["pss"])))
    rows.append(("batch introlint, per CPU-second (all processes)", f"{ours['cpu']:.2f} CPU-s, {ours_cps:,.0f} words/CPU-s", ""))
    rows.append(("batch proselint, per CPU-second", f"{theirs['cpu']:.2f} CPU-s, {theirs_cps:,.0f} words/CPU-s", ""))

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'time':<28}  peak memory (largest process)")
    print("(in-process checks: wall, and this process's CPU time, which the targets use below)")
    for name, value, mem in rows:
        print(f"{name:<{width}}  {value:<28}  {mem}")

    results = {
        "cold above spaCy import (s)": cold - spacy_cold,
        "check via daemon (ms)": statistics.median(wall for wall, _ in daemon["daemon"]) * 1000,
        "one-word edit re-check (ms)": edited_cpu,
        "one-word edit re-check, LaTeX (ms)": edited_tex_cpu,
        "full warm check (ms)": warm_cpu,
        "batch speed vs proselint (x)": ours_wps / theirs_wps,
        "batch CPU speed vs proselint (x)": ours_cps / theirs_cps,
        "server peak memory (MB)": server_mb,
        "peak memory (MB)": max(cold_rss, ours_rss, cold_pss, ours_pss),
    }
    print("\nwhere a one-word edit's re-check goes (CPU ms per edit, same edits, bench/edit_shares.py):")
    for intro in (INTRO, INTRO_TEX):
        print("  " + edit_shares.shares_line(intro.name, *edit_shares.edit_shares(intro, 50)))
    print()
    for name, value in results.items():
        target = TARGETS[name]
        met = value >= target if name.startswith("batch") else value <= target
        bound = "at least" if name.startswith("batch") else "at most"
        print(f"{name:<30} {value:8.3f}   target {bound} {target:g}   {'met' if met else 'NOT MET'}")
    print("\nWhere the time goes (why a target is not met), measured in this run:")
    for line in (phases.explain("full warm check, CPU", warm_phases, warm_cpu, "ms", TARGETS["full warm check (ms)"])
                 + phases.explain(f"batch, CPU of all processes (wall {ours['wall']:.2f} s against proselint's "
                                  f"{theirs['wall']:.2f} s; CPU against its {theirs['cpu']:.2f} CPU-s)", batch_phases,
                                  ours["cpu"], "CPU-s", theirs["cpu"] / TARGETS["batch CPU speed vs proselint (x)"])):
        print(line)
    print(json.dumps({k: round(v, 4) for k, v in results.items()}), file=sys.stderr)


if __name__ == "__main__":
    main()
