"""Test-wide settings: in CI (`CI=true`) the shared material in ../shared must be there.

Tests that read ../shared (the real Introductions, the sentence-boundary sets, the SARIF schema,
the seed prompts) skip on a checkout without it. In CI that skip would hide 30-odd tests, so a
missing piece stops the run instead, before any test runs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from warm_start import SOCKET_VARIABLE, Starter, settle_collector, warm_here

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("INTROLINT_SHARED") or ROOT.parent / "shared")
SHARED_NEEDED = ("corpus/counts.yaml", "sbd", "schemas/sarif-schema-2.1.0.json", "seed/introduction-prompts.md")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_configure(config):
    cache_bytecode()
    missing = [part for part in SHARED_NEEDED if not (SHARED / part).exists()]
    if in_ci() and missing:
        raise pytest.UsageError(f"CI=true but the shared material is missing from {SHARED}: {', '.join(missing)} "
                                "(clone it beside the repository as ../shared)")
    if _starts_workers(config):
        share_a_starter(config)


def pytest_unconfigure(config):
    starter = config.stash.get(SHARED_STARTER, None)
    if starter is not None:
        os.environ.pop(SOCKET_VARIABLE, None)
        starter.close()


def cache_bytecode() -> None:
    """Let Python cache compiled modules for the rest of the run, whatever PYTHONDONTWRITEBYTECODE says.

    The suite starts a hundred-odd fresh interpreters (the installed `introlint`, its daemon and
    language server, pre-commit's hook, the wheel). uv installs without compiling (no .pyc in the
    venv), so with that variable set each of them would compile spaCy and its dependencies from
    source: ~4 CPU-s a start instead of ~1.5. Called in the first pytest process, before
    pytest-xdist starts its workers, so they and every process they start inherit it.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False


@pytest.fixture(scope="session", autouse=True)
def warm_worker():
    """Each worker checks two fixtures before its first test (tests/warm_start.py: warm_here), so
    the ~110 commands the suite runs in-process fork workers that find every pattern compiled;
    then its collector is settled (tests/warm_start.py: settle_collector)."""
    warm_here()
    settle_collector()


SHARED_STARTER = pytest.StashKey[Starter]()
INTROLINT = str(Path(sys.executable).parent / "introlint")


def _starts_workers(config) -> bool:
    """The process that starts pytest-xdist's workers (not a worker, `-n 0` or `--collect-only`)."""
    return (not hasattr(config, "workerinput") and not config.option.collectonly
            and config.getoption("numprocesses", None) not in (None, 0, "0"))


def share_a_starter(config) -> None:
    """One warm starter (tests/warm_start.py) for every worker, started before they are: its
    socket goes into the environment they inherit. It imports and checks while the workers collect,
    and the bytecode it writes for spaCy and the package is then there for the workers' own first
    check: one start and one compile instead of one per worker."""
    starter = config.stash[SHARED_STARTER] = Starter(INTROLINT, dict(os.environ))
    os.environ[SOCKET_VARIABLE] = starter.path


@pytest.fixture(scope="session")
def warm_introlint():
    """The warm starter (tests/warm_start.py): the run's shared one when pytest-xdist runs the tests
    (above), else this process's, started on first use by a test that asks for it; its socket is in
    the environment, where `warm_start.command()` finds it."""
    if SOCKET_VARIABLE in os.environ:
        yield Starter.at(os.environ[SOCKET_VARIABLE], INTROLINT)
        return
    starter = Starter(INTROLINT, dict(os.environ))
    os.environ[SOCKET_VARIABLE] = starter.path
    yield starter
    os.environ.pop(SOCKET_VARIABLE, None)
    starter.close()


# The files that take the most CPU time (measured per test file on the shared 2-core machine),
# costliest first. pytest-xdist (`--dist loadscope --no-loadscope-reorder`, pyproject addopts) hands
# out tests in this order, so these start at once and overlap with the many quick tests instead of
# ending the run.
SLOWEST_FIRST = (
    "test_precommit.py", "test_daemon.py", "test_wheel.py", "test_lsp.py", "hostile/test_hostile.py",
    "test_syllables.py", "report/test_report_browser.py", "test_parallel.py", "test_network.py",
    "test_incremental.py", "test_bad_input.py", "test_editors.py", "test_python310.py", "checks/test_shared_work.py",
    "test_properties.py", "ledger/test_readme_runs.py", "test_layers.py", "test_cli.py", "hostile/test_unprivileged.py",
)


def _rank(item) -> int:
    path = item.path.relative_to(ROOT / "tests").as_posix()
    return SLOWEST_FIRST.index(path) if path in SLOWEST_FIRST else len(SLOWEST_FIRST)


# Files whose tests run on one worker, one after another: they share a fixture built once per
# module (a daemon, a language server, a browser, a wheel, a judged corpus), or, for test_daemon.py,
# one test changes the package's fingerprint, which every running daemon of the file reads; for
# test_syllables.py, textstat's parse of the CMU dictionary (~1.3 CPU-s), which its cache keeps per process.
ONE_WORKER = (
    "test_daemon.py", "test_lsp.py", "test_editors.py", "test_wheel.py", "report/test_report_browser.py",
    "report/test_cdp.py", "checks/test_corpus_review.py", "test_syllables.py",
)


def _module_fixture(item) -> str | None:
    """The name of a fixture built once per module or class that the test uses, if any."""
    return next((name for name, definitions in item._fixtureinfo.name2fixturedefs.items()
                 if any(definition.scope in ("module", "class", "package") for definition in definitions)), None)


def pytest_collection_modifyitems(items):
    """Slowest files first; a test that shares a module fixture must be in a ONE_WORKER file."""
    strays = sorted({f"{path} ({name})" for item in items if (name := _module_fixture(item))
                     and (path := item.path.relative_to(ROOT / "tests").as_posix()) not in ONE_WORKER})
    if strays:
        raise pytest.UsageError(f"tests/conftest.py: add to ONE_WORKER the files with a module fixture: {', '.join(strays)}")
    items.sort(key=_rank)  # stable: within a file, and among the other files, the collected order stays


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's `loadscope` with our scope: a ONE_WORKER file is one unit of work, every other
    test its own, so each free worker takes the next test and the workers stay evenly loaded to the end.
    (Its `loadgroup` cannot do this under pytest 9.2, which no longer reads the node id it rewrites:
    pytest-dev/pytest-xdist#1386.)"""
    from xdist.scheduler import LoadScopeScheduling

    class FileOrTest(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if path.removeprefix("tests/") in ONE_WORKER else nodeid

        def mark_test_complete(self, node, item_index: int, duration: float = 0) -> None:
            """As loadscope's, and a finished unit leaves the worker's workload: its pending count,
            taken after every test, then walks the units still running, not every unit the worker
            ever had (with ~1900 one-test units that walk was ~2 CPU-s of the controller's run)."""
            nodeid = self.registered_collections[node][item_index]
            workload = self.assigned_work[node]
            unit = workload[self._split_scope(nodeid)]
            unit[nodeid] = True
            if all(unit.values()):
                del workload[self._split_scope(nodeid)]
            self._reschedule(node)

    return FileOrTest(config, log)
