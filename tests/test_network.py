"""introlint never touches the network: a full check with every socket entry point blocked.

In-process with the socket functions patched, and once in a fresh process whose
`sitecustomize` (found first on PYTHONPATH) patches them before anything is imported and writes
a marker file when a connection or name lookup is attempted (`check`, then `stats` of each
file, in that one process). That process does not even import an HTTP client: spaCy's CLI,
which brings requests and httpx, is left out (document/spacy_import.py).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from sage_introlint.engine import check_paths

# Long enough paragraphs (over 40 words) that the readability rule really scores them.
MARKDOWN = """# Introduction

Serving pipelines that combine retrieval, embedding and generation stages are now common, and
their operators must place each stage on CPUs or GPUs while keeping latency within a target. This
seamless design leverages a shared control plane that schedules requests across engines, keeps
models resident, and admits work only when the queue can meet its deadline under load.

- The control plane schedules requests.
- The dataflow layer runs pipelines.
"""

LATEX = r"""\documentclass{article}
\begin{document}
\section{Introduction}
Serving pipelines that combine retrieval, embedding and generation stages are now
common~\cite{key}, and their operators must place each stage on CPUs or GPUs while keeping
latency within a target. This revolutionary design uses a shared control plane that schedules
requests across engines, keeps models resident, and admits work only when the queue can meet
its deadline under load.\footnote{A very long footnote.}
\begin{itemize}
\item The control plane schedules requests.
\end{itemize}
\end{document}
"""

SITECUSTOMIZE = '''
import atexit, os, socket, sys

MARKER = os.environ["INTROLINT_NET_MARKER"]
open(MARKER + ".loaded", "w").close()


@atexit.register
def _imported():
    with open(MARKER + ".imported", "a") as handle:
        handle.write(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in
                                     ("spacy", "requests", "httpx", "urllib3", "typer", "weasel"))) + "\\n")


def _blocked(*args, **kwargs):
    with open(MARKER, "a") as handle:
        handle.write(repr(args[:2]) + "\\n")
    raise OSError("network blocked by test")


socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
'''


def write_drafts(folder: Path) -> list[str]:
    (folder / "intro.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "intro.tex").write_text(LATEX, encoding="utf-8")
    return [str(folder / "intro.md"), str(folder / "intro.tex")]


def test_full_check_in_process_never_connects(tmp_path, monkeypatch):
    attempts = []

    def blocked(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("network blocked by test")

    monkeypatch.setattr(socket.socket, "connect", blocked)
    monkeypatch.setattr(socket.socket, "connect_ex", blocked)
    monkeypatch.setattr(socket, "create_connection", blocked)
    monkeypatch.setattr(socket, "getaddrinfo", blocked)
    result = check_paths(write_drafts(tmp_path), kind="intro")
    assert attempts == []
    assert result.errors == []
    rules = {finding.rule for finding in result.findings}
    assert "marketing-language" in rules
    assert "readability" in {rule for rule in result.rules}  # the rule was active on both files
    assert {os.path.basename(path) for path in result.checked} == {"intro.md", "intro.tex"}


# The three commands, one after the other, in one fresh process (a cold start costs ~1.5 CPU-s):
# each command's exit status goes to standard error.
COMMANDS = """
import json, sys
from sage_introlint.cli import main
for args in json.loads(sys.argv[1]):
    try:
        main(args, prog_name="introlint")
    except SystemExit as done:
        print("exit status", done.code, file=sys.stderr)
"""


def test_cold_process_never_connects(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    paths = write_drafts(drafts)
    marker = tmp_path / "network-attempted"
    env = dict(os.environ, PYTHONPATH=str(blocker), INTROLINT_NET_MARKER=str(marker), NO_COLOR="1")
    commands = [["check", "--kind", "intro", *paths], ["stats", paths[0]], ["stats", paths[1]]]
    proc = subprocess.run([sys.executable, "-c", COMMANDS, json.dumps(commands)], cwd=drafts, env=env,
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr
    statuses = [line.split()[-1] for line in proc.stderr.splitlines() if line.startswith("exit status ")]
    assert len(statuses) == 3 and set(statuses) <= {"0", "1"}, proc.stderr
    assert (tmp_path / "network-attempted.loaded").exists(), "the sitecustomize blocker was not loaded"
    assert not marker.exists(), marker.read_text()
    imported = (tmp_path / "network-attempted.imported").read_text().split()
    assert "spacy.lang.en" in imported, imported
    assert not [name for name in imported if not name.startswith("spacy") or name.startswith("spacy.cli")], imported
