"""`--jobs`: checking a batch in worker processes gives exactly the result of checking it in order."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cli_invoke import invoke
from sage_introlint.engine import check_paths
from warm_start import command as command_line

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures" / "docs"


def make_batch(folder: Path) -> list[str]:
    """Fixture drafts in two folders (the second with its own config), plus paths that fail."""
    own = folder / "team"
    own.mkdir()
    (own / ".introlint.yaml").write_text("rules: {marketing-language: warning, readability: off}\n", encoding="utf-8")
    paths = []
    for index, doc in enumerate(sorted(DOCS.glob("*.md")) + sorted(DOCS.glob("*.tex"))):
        target = (own if index % 3 == 0 else folder) / f"{index:02d}-{doc.name}"
        shutil.copyfile(doc, target)
        paths.append(str(target))
    (folder / "broken.md").write_bytes(b"# Introduction\n\nBad \xff\xfe bytes.\n")
    (folder / "empty.md").write_text("", encoding="utf-8")
    paths[3:3] = [str(folder / "broken.md"), str(folder / "missing.md"), str(folder / "empty.md")]
    return paths + [str(own)]  # the folder again: searched, its files (given already) checked once


def summary(result):
    return (result.findings, result.errors, result.checked, result.skipped, sorted(result.sources),
            {rule_id: (rule.severity, rule.options) for rule_id, rule in result.rules.items()})


def test_workers_give_the_sequential_result(tmp_path):
    paths = make_batch(tmp_path)
    one = check_paths(paths, jobs=1)
    assert len(one.checked) >= 15 and one.errors and one.findings
    assert [why for _, why in one.skipped].count("given twice; checked once") >= 2
    assert summary(check_paths(paths, jobs=3)) == summary(one)


@pytest.mark.usefixtures("warm_introlint")
def test_cli_output_is_the_same_for_any_number_of_jobs(tmp_path):
    """Real `introlint` processes (forked warm) with two workers and with the default number give the
    bytes and exit status of the batch checked in order (in the test's process: the same click command)."""
    paths = make_batch(tmp_path)

    def check(*jobs):
        command = [*command_line(module=True), "check", "--format", "json", *jobs, *paths]  # forked warm
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        return done.returncode, done.stdout, done.stderr

    here = invoke("check", "--format", "json", "--jobs", "1", *paths, cwd=tmp_path)  # in order, in this process
    sequential = here.status, here.out, here.err
    assert sequential[0] == 2 and sequential[1].startswith("[")
    assert check("--jobs", "2") == sequential
    assert check() == sequential  # the default picks its own number of processes


def test_a_worker_whose_parent_end_closes_exits():
    """A worker holds no copy of its parent's end of their pipe: when the parent's end closes (the
    parent killed between a fork and its bookkeeping), the worker stops waiting and exits, instead
    of living on as an orphan that keeps its caller's output pipe open."""
    from sage_introlint.checker import Checker
    from sage_introlint.parallel import _Pool

    pool = _Pool([], Checker, 1, None)
    connection, process = pool._start()
    connection.close()
    process.join(30)
    assert not process.is_alive()
