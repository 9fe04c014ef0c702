"""The editor-side measurements of bench/run.py: the daemon, the server's re-check, its memory.

- `daemon_check`: wall and CPU time of `introlint check` of one intro while a daemon runs (a
  private socket folder, so a daemon of the user's is neither used nor disturbed), alternating
  with a bare `python -c pass` of the same installation: the floor of any client in Python.
  `python bench/editor.py` runs this one measurement alone.
- `one_word_edit`: the language server's check of a buffer after a one-word edit, each edit a
  different word (so no cache keyed by the whole text can answer it), median in ms.
  `python bench/editor.py edit [RUNS]` runs it alone, for the Markdown and the LaTeX intro, each
  with where an edit's time goes (bench/edit_shares.py: reading, each costly rule, paper rules).
- `server_memory`: peak resident memory (VmHWM) of a real `introlint lsp` process after it has
  opened the intro and re-checked it after many edits.
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

WORDS = ["quick", "steady", "plain", "broad", "narrow", "simple", "modest", "robust", "compact", "careful"]


def run_timed(command: list[str], env: dict) -> tuple[float, float]:
    """(wall s, CPU s of the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def daemon_check(introlint: str, intro: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds per `introlint check` through a running daemon, and per bare Python start
    of the same installation (alternating, so load drift hits both alike)."""
    python = str(Path(introlint).parent / "python")
    with tempfile.TemporaryDirectory(prefix="ilb-") as folder:
        env = dict(os.environ, INTROLINT_DAEMON_DIR=os.path.join(folder, "run"))
        env.pop("INTROLINT_NO_DAEMON", None)
        # A user's installation has its bytecode (pip and pipx compile at install): with
        # PYTHONDONTWRITEBYTECODE set, every client module edited since its .pyc was written
        # would be compiled again on every run (~4 ms for place.py alone).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([introlint, "daemon", "start"], env=env, check=True, capture_output=True)
        try:
            run_timed([introlint, "check", "--format", "json", str(intro)], env)  # writes the client's .pyc
            times: dict[str, list[tuple[float, float]]] = {"daemon": [], "python": []}
            for _ in range(runs):
                times["daemon"].append(run_timed([introlint, "check", "--format", "json", str(intro)], env))
                times["python"].append(run_timed([python, "-c", "pass"], env))
            status = subprocess.run([introlint, "daemon", "status"], env=env, capture_output=True, text=True)
            if f"{runs + 1} check" not in status.stdout:
                raise RuntimeError(f"the daemon did not answer every check: {status.stdout}")
        finally:
            subprocess.run([introlint, "daemon", "stop"], env=env, capture_output=True)
    return times


def daemon_row(times: dict[str, list[tuple[float, float]]]) -> str:
    """Median wall (min) and median CPU in ms of the daemon check, then the bare start's."""
    def ms(pairs):
        walls, cpus = [w for w, _ in pairs], [c for _, c in pairs]
        return f"{statistics.median(walls) * 1000:.0f} ms ({min(walls) * 1000:.0f}), CPU {statistics.median(cpus) * 1000:.0f}"

    return f"{ms(times['daemon'])}; python -c pass {ms(times['python'])}"


def edits(text: str, count: int) -> list[str]:
    """`count` versions of `text`, each with one word of its third paragraph replaced differently."""
    paragraphs = text.split("\n\n")
    index = min(3, len(paragraphs) - 1)
    words = paragraphs[index].split(" ")
    versions = []
    for number in range(count):
        changed = list(words)
        changed[number % (len(words) - 2) + 1] = f"{WORDS[number % len(WORDS)]}{number // len(WORDS) or ''}"
        versions.append("\n\n".join(paragraphs[:index] + [" ".join(changed)] + paragraphs[index + 1:]))
    return versions


def timed(call, runs) -> tuple[float, float]:
    """Median wall and median CPU milliseconds of `call(i)` for i in range(runs).

    On a shared machine the wall time is mostly the scheduler's; this process's CPU time says
    what the work itself costs.
    """
    wall, cpu, _ = timed_then(call, runs, None)
    return wall, cpu


def timed_then(call, runs, after) -> tuple[float, float, float]:
    """`timed`, and the mean CPU milliseconds of `after()` run (untimed by the first two) after
    each call: the language server's work once the findings are out (`heap.tidy`)."""
    wall, cpu, later = [], [], 0.0
    for index in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call(index)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if after is not None:
            start_cpu = time.process_time()
            after()
            later += (time.process_time() - start_cpu) * 1000
    return statistics.median(wall), statistics.median(cpu), later / runs


def server_check(intro: Path):
    """(check(buffer): one check of `intro`'s buffer as the language server makes it, the intro's
    text, the checker), the server already warm: its first check done and what it holds frozen
    (`heap`)."""
    from sage_introlint import heap
    from sage_introlint.incremental import IncrementalChecker
    from sage_introlint.lsp.workspace import check_buffer

    checker, path = IncrementalChecker(), str(intro.resolve())  # as the language server checks
    text = intro.read_text(encoding="utf-8")

    def check(buffer: str) -> None:
        with heap.deferred():
            check_buffer(checker, path, buffer, str(intro.parent))

    check(text)
    heap.settle()
    return check, text, checker


def one_word_edit(intro: Path, runs: int) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
    """((wall, CPU, collector CPU after) ms of a check after a one-word edit, the same of
    re-checking the same text), each check as the language server makes it (`heap`)."""
    from sage_introlint import heap

    check, text, _ = server_check(intro)
    versions = edits(text, runs)
    edited = timed_then(lambda i: check(versions[i]), runs, heap.tidy)
    same = timed_then(lambda i: check(text), runs, heap.tidy)
    return edited, same


def server_memory(introlint: str, intro: Path, changes: int) -> float:
    """Peak resident MB of `introlint lsp` after opening `intro` and `changes` edits."""
    return asyncio.run(_server_memory(introlint, intro, changes))


async def _server_memory(introlint: str, intro: Path, changes: int) -> float:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("introlint-bench", "1")
    published = asyncio.Event()
    client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)(lambda params: published.set())
    await client.start_io(introlint, "lsp")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), initialization_options={"debounceMs": 0}))
    client.initialized(types.InitializedParams())
    uri, text = intro.resolve().as_uri(), intro.read_text(encoding="utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await asyncio.wait_for(published.wait(), 120)
    for version, changed in enumerate(edits(text, changes), 2):
        published.clear()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)]))
        await asyncio.wait_for(published.wait(), 60)
    with open(f"/proc/{client._server.pid}/status") as handle:
        peak = next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:")) / 1024
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return peak


def edit_rows(root: Path, runs: int) -> None:
    """Print the re-check after a one-word edit and of the same text, Markdown and LaTeX intro,
    each with where the edit's time goes (`edit_shares`), measured in the same run."""
    from edit_shares import edit_shares, shares_line

    for name in ("clean-intro.md", "clean-intro.tex"):
        (edited, edited_cpu, edited_gc), (same, same_cpu, same_gc) = one_word_edit(root / "fixtures" / "docs" / name, runs)
        print(f"{name}: one-word edit {edited:.1f} ms (CPU {edited_cpu:.1f}, then collector {edited_gc:.1f}); "
              f"same text {same:.1f} ms (CPU {same_cpu:.1f}, then collector {same_gc:.1f})")
        print("  " + shares_line("where the edit goes", *edit_shares(root / "fixtures" / "docs" / name, runs)))


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parent.parent
    print(f"load average {os.getloadavg()[0]:.2f} at start")
    if sys.argv[1:2] == ["edit"]:
        edit_rows(root, int(sys.argv[2]) if len(sys.argv) > 2 else 50)
    else:
        runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
        binary = str(Path(sys.executable).parent / "introlint")
        found = daemon_check(binary, root / "fixtures" / "docs" / "clean-intro.md", runs)
        print(f"introlint check through the daemon, {runs} runs: {daemon_row(found)}")
    print(f"load average {os.getloadavg()[0]:.2f} at end")
