"""Where the time of a full check goes: the shares bench/run.py's table prints for the targets.

Run by bench/run.py in a process of its own (the timers patch introlint's functions, so they
must not touch the process that measures the plain check):
  `python bench/phases.py warm PATH N`  - N full warm checks of new intros, as the table's row;
  `python bench/phases.py batch OUT FILE...` - `introlint check` over the files, in its workers.
Each writes one JSON object (warm: to stdout; batch: to OUT, its findings go to stdout):
{"total": CPU time, "phases": {name: CPU time}}, in ms per check (warm) or seconds (batch).

Every phase is timed exclusively (a phase's time leaves out the phases it calls), by this
process's CPU clock, so the phases and the remainder ("other") sum to the whole:
  reading            - the Markdown / LaTeX front end and paper sections (load_paper),
  sentence splitting - document.sentences.segment (spaCy's tokenizer and our boundaries),
  words              - word lists and indexes the checks share (checks/_words, _word_index, ...),
  term matching      - term and pattern matches the checks share (checks/_terms),
  rule NAME          - a rule's own work besides the shared work it asked for,
  paper-wide rules   - the ledger and the rules that read every section at once,
  suppressions       - introlint-disable comments.
A batch adds the parent's start-up (imports, packs, the warm-up before it forks) and what the
processes do outside a file's check (hand-out, results, output, the collector), as remainders.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter

WORDS = {"words", "word scan", "word starts", "ascii words", "prose_units", "paragraph spans",
         "sentence paragraphs", "headings"}
TERMS = {"matches", "term starts", "term regions"}

clock = time.process_time
spent: Counter = Counter()
_stack: list[list] = []  # [name, start, time of the phases inside it]


def timed(name: str, work):
    """`work()`, its CPU time added to `name` less the time of the phases it calls."""
    _stack.append([name, clock(), 0.0])
    try:
        return work()
    finally:
        name, start, inner = _stack.pop()
        took = clock() - start
        spent[name] += took - inner
        if _stack:
            _stack[-1][2] += took


def shared_phase(name: str) -> str:
    if name in TERMS:
        return "term matching"
    if name in WORDS:
        return "words"
    return f"shared {name}"


def install() -> None:
    """Wrap introlint's phases in timers (fails loudly when one of them was renamed)."""
    from sage_introlint import checker
    from sage_introlint.checks import _shared
    from sage_introlint.document import sentences

    run, paper_findings, suppress, load = (checker.run, checker.paper_findings, checker.apply_suppressions,
                                           checker.Checker.load)
    checker.run = lambda rule, doc: iter(timed(f"rule {rule.id}", lambda: list(run(rule, doc))))
    checker.paper_findings = lambda *a: timed("paper-wide rules", lambda: list(paper_findings(*a)))
    checker.apply_suppressions = lambda *a: timed("suppressions", lambda: suppress(*a))
    checker.Checker.load = lambda self, *a, **k: timed("reading", lambda: load(self, *a, **k))
    segment = sentences.segment
    sentences.segment = lambda doc: timed("sentence splitting", lambda: segment(doc))
    original = _shared.shared

    def shared(doc, name, key, build):
        return original(doc, name, key, lambda: timed(shared_phase(name), build))

    patched = 0
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("sage_introlint") and getattr(module, "shared", None) is original:
            module.shared = shared
            patched += 1
    if not patched:
        raise RuntimeError("no module uses checks._shared.shared: bench/phases.py needs updating")


def warm(path: str, count: int) -> dict:
    """Phases of `count` full warm checks of new intros, as bench/run.py's row checks them (as the
    daemon does: the heap frozen after the first check, the collector held back during a check and
    run after it, outside the whole)."""
    import gc

    from sage_introlint import heap
    from sage_introlint.engine import check_text

    text = open(path, encoding="utf-8").read()
    check_text(text, path=path)  # builds the pipeline, loads the pack, imports every check
    install()
    versions = [text.replace(".\n\n", f". Phase copy {i}.\n\n") + f"\n\nPhase copy {i}.\n" for i in range(count)]
    check_text(versions[-1], path=path)
    gc.collect()
    gc.freeze()
    spent.clear()
    total = 0.0
    for version in versions[:count - 1]:
        start = clock()
        with heap.deferred():
            check_text(version, path=path)
        total += clock() - start
        heap.tidy()
    per = 1000 / (count - 1)  # CPU ms per check
    return {"total": total * per, "phases": {name: value * per for name, value in spent.items()}}


def batch(files: list[str], out_dir: str) -> None:
    """`introlint check` over `files` with every phase timed in its workers; each process writes
    {"role", "total", "phases", ...} to `out_dir` as it exits."""
    from sage_introlint import parallel
    from sage_introlint.cli import main

    install()
    marks: dict = {}
    serve, pool_init = parallel._serve, parallel._Pool.__init__

    def dump(role: str) -> None:
        with open(os.path.join(out_dir, f"{role}-{os.getpid()}.json"), "w") as handle:
            json.dump({"role": role, "total": clock(), "phases": dict(spent), **marks}, handle)

    def pool(self, *a, **k):
        marks["start-up"] = clock()  # imports, packs, warm-up: everything before the first fork
        spent.clear()
        pool_init(self, *a, **k)

    def worker(*a):
        spent.clear()  # the fork copied the parent's counters
        marks.clear()
        leave = os._exit
        os._exit = lambda code: (dump("worker"), leave(code))
        serve(*a)

    parallel._Pool.__init__, parallel._serve = pool, worker
    try:
        main(["check", "--no-daemon", "--format", "json", "--fail-on", "error", *files])
    except SystemExit:
        pass
    finally:
        dump("parent")


def batch_phases(out_dir: str) -> dict:
    """The workers' and the parent's phases summed, with the remainders that make them whole."""
    phases: Counter = Counter()
    total = 0.0
    for name in os.listdir(out_dir):
        with open(os.path.join(out_dir, name)) as handle:
            part = json.load(handle)
        total += part["total"]
        inside = sum(part["phases"].values())
        phases.update(part["phases"])
        if part["role"] == "parent":  # its phases are those after the warm-up (none when it forked)
            startup = part.get("start-up", 0.0)
            phases["start-up (imports, packs, warm-up)"] += startup
            phases["parent: hand-out, results, output"] += part["total"] - startup - inside
        else:
            phases["workers: outside a file's check"] += part["total"] - inside
    return {"total": total, "phases": dict(phases)}


def rows(result: dict, scale: float, unit: str, costly: float = 0.03) -> list[tuple[str, str]]:
    """Table rows, largest first: each phase's share of the whole and that share of `scale`
    (the measured median the table reports); rules under `costly` of the whole are summed, and
    phases under 0.05% left out (they still count in the whole)."""
    total = result["total"]
    phases = Counter(result["phases"])
    phases["other"] = total - sum(phases.values())
    small = [name for name, value in phases.items() if name.startswith("rule ") and value < costly * total]
    if small:
        phases[f"{len(small)} other rules (each < {costly:.0%})"] = sum(phases.pop(name) for name in small)
    return [(name, f"{value / total:6.1%}  {value / total * scale:7.2f} {unit}")
            for name, value in phases.most_common() if abs(value) >= 0.0005 * total or name == "other"]


def measured(*args: str) -> dict:
    """Run this module in a fresh process (`warm PATH N` or `batch FILE...`): its phases."""
    import subprocess
    import tempfile

    command = [sys.executable, __file__, *args]
    if args[0] == "warm":
        return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    with tempfile.TemporaryDirectory(prefix="ilphase-") as folder:
        out = os.path.join(folder, "phases.json")
        subprocess.run(command[:3] + [out] + command[3:], stdout=subprocess.DEVNULL, check=True)
        with open(out) as handle:
            return json.load(handle)


def explain(title: str, result: dict, scale: float, unit: str, needed: float) -> list[str]:
    """The lines of the table that say where `title`'s time goes: each phase's share, applied to
    the measured `scale`, and how much less work the target needs (`needed`, in `unit`)."""
    per = result["total"]
    less = max(0.0, 1 - needed / scale) if scale else 0.0
    lines = [f"{title}: {scale:.2f} {unit} measured; the target needs {needed:.2f} {unit} ({less:.0%} less work). "
             f"Shares timed in a run of their own ({per:.2f} {unit} with the timers), applied to {scale:.2f}:"]
    lines += [f"  {name:<44} {value}" for name, value in rows(result, scale, unit)]
    return lines


def main() -> None:
    if sys.argv[1] == "warm":
        print(json.dumps(warm(sys.argv[2], int(sys.argv[3]))))
    elif sys.argv[1] == "batch":
        import tempfile

        with tempfile.TemporaryDirectory(prefix="ilphase-") as out_dir:
            batch(sys.argv[3:], out_dir)
            with open(sys.argv[2], "w") as handle:
                json.dump(batch_phases(out_dir), handle)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
