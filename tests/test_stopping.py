"""A stop a signal asked for ends a batch at once, even when the signal's own exception was lost;
the time budget cuts a check in the process that runs it (stats, ledger, report, the editor)."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from sage_introlint import stopping
from sage_introlint.budget import OverBudget, time_budget
from sage_introlint.parallel import Job, checked_in_workers


@pytest.fixture(autouse=True)
def no_stop_left():
    stopping.clear()
    before = set(multiprocessing.active_children())  # another test's pool may still be collected
    yield
    stopping.clear()
    assert not set(multiprocessing.active_children()) - before, "a worker outlived its batch"


def _batch(run, files: int = 4):
    jobs = [Job(f"f{index}.md", ".", run) for index in range(files)]
    return checked_in_workers(jobs, lambda: None, lambda: None, workers=2, budget=None)


def test_a_lost_sigterm_stops_the_batch_while_a_file_is_being_checked():
    # The flag is set without an exception reaching the pool, as when SIGTERM lands in an
    # at-fork hook; without a look at it the pool would wait the full 60 s for the file.
    timer = threading.Timer(0.3, stopping.request, (stopping.EXIT_TERMINATED,))
    timer.start()
    batch = _batch(lambda checker, result: time.sleep(60))
    with pytest.raises(stopping.Stopped) as stopped:
        next(batch)
    timer.join()
    assert stopped.value.status == stopping.EXIT_TERMINATED


def test_no_file_is_handed_out_after_a_stop_was_asked(tmp_path):
    marks = tmp_path / "started"
    marks.mkdir()
    stopping.request(stopping.EXIT_INTERRUPTED)
    batch = _batch(lambda checker, result: (marks / str(time.time())).write_text("x"))
    with pytest.raises(stopping.Stopped) as stopped:
        next(batch)
    assert stopped.value.status == stopping.EXIT_INTERRUPTED
    assert not list(marks.iterdir())


def test_a_batch_without_a_stop_runs_to_the_end():
    assert len(list(_batch(lambda checker, result: None, files=6))) == 6


def test_the_budget_cuts_a_busy_check_that_catches_every_exception():
    with pytest.raises(OverBudget) as over:
        with time_budget(0.2, "intro.md"):
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    sum(range(1000))
                except Exception:  # a check's own handler must not swallow the budget
                    pass
    assert str(over.value) == "intro.md: checking it took longer than the time budget of 0.2 s (--timeout); not checked"


def test_a_check_within_its_budget_is_left_alone():
    with time_budget(5, "intro.md"):
        value = sum(range(1000))
    time.sleep(0.05)  # the timer is gone: nothing fires after the body
    assert value == 499500
