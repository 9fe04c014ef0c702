"""Checking files in worker processes: the same result as checking them in order, and a bound on each.

A file costs ~20 ms of pure Python, so a batch of hundreds scales with processes, not threads.
The workers are forked from a parent that has already loaded spaCy, the pack and the checks (it
warms them up on a few built-in sentences, never on a checked file), so each worker starts in
milliseconds and shares those pages (frozen for the garbage collector, `gc.freeze`, so neither
the parent's nor a worker's collections walk them). Results come back in file order and are merged exactly as
the sequential loop would merge them; the rules of a file travel once per worker and config.

Each file has a time budget. A worker still busy with a file past it is killed, and so is the
file's check: it becomes an `input-error` naming the budget, a replacement worker takes the rest.
A worker that dies (the kernel's out-of-memory killer, a crash) is reported the same way, with the
signal, instead of leaving the parent waiting. Workers ignore SIGINT (the parent, which gets it
too, stops them) and die quietly on SIGTERM. The parent looks for a stop a signal asked for
(`stopping`) before it hands out a file and at least every `stopping.POLL` seconds while it
waits, so a SIGTERM whose exception was lost still ends the batch at once, not after it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Callable, Iterator

from .budget import DEFAULT_BUDGET, OverBudget, over_budget, time_budget
from .stopping import POLL, stop_if_asked

# Below this many files per worker, forking costs more than it saves.
FILES_PER_WORKER = 8
WARM_UP = "# Introduction\n\nWe present a system. It is fast, and we measure it in three ways.\n"


@dataclass
class Job:
    """One thing to check: its display path and how to check it into a CheckResult."""

    path: str
    folder: str  # where its config is looked up
    run: Callable  # (checker, result) -> None


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def worker_count(files: int, jobs: int | None = None) -> int:
    """Processes for `files` files: `jobs` if given, else 1 for a few and up to one per CPU for
    many; never more than the files or the CPUs."""
    if not can_fork():
        return 1
    if jobs is None:
        jobs = 1 if files < 2 * FILES_PER_WORKER else files // FILES_PER_WORKER
    return max(1, min(jobs, files, cpu_count()))


def checked_in_workers(jobs: list[Job], make_checker: Callable, warm_up: Callable, workers: int,
                       budget: float | None) -> Iterator:
    """The CheckResult of each job, in order, computed by at most `workers` forked processes."""
    from .results import CheckResult

    warm_up()
    # What the warm-up loaded (spaCy, the packs, compiled patterns) lives as long as the process:
    # frozen, the collector stops walking it on every full collection (13% of a batch's CPU
    # before), and the workers' copy-on-write pages stay shared.
    gc.freeze()
    pool = _Pool(jobs, make_checker, workers, budget)
    try:
        yield from pool.results(CheckResult)
    finally:
        pool.stop()


class _Pool:
    def __init__(self, jobs: list[Job], make_checker: Callable, workers: int, budget: float | None):
        self.jobs, self.make_checker, self.size, self.budget = jobs, make_checker, workers, budget
        self.todo = deque(range(len(jobs)))
        self.busy: dict[object, tuple[int, float, object]] = {}  # connection -> (job, start, process)
        self.idle: list[tuple[object, object]] = []  # (connection, process)
        self.done: dict[int, object] = {}
        self.rules: dict[tuple, dict] = {}
        self.context = multiprocessing.get_context("fork")

    def results(self, result_type) -> Iterator:
        for index in range(len(self.jobs)):
            while index not in self.done:
                stop_if_asked()
                self._assign()
                self._collect(result_type)
            yield self.done.pop(index)

    def _assign(self) -> None:
        while self.todo and (self.idle or len(self.busy) < self.size):
            connection, process = self.idle.pop() if self.idle else self._start()
            index = self.todo.popleft()
            try:
                connection.send(index)
            except OSError:  # an idle worker that died: replace it
                _kill(process)
                connection, process = self._start()
                connection.send(index)
            self.busy[connection] = (index, time.monotonic(), process)

    def _start(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, parent, self.jobs, self.make_checker), daemon=True)
        process.start()
        child.close()
        return parent, process

    def _collect(self, result_type) -> None:
        timeout = POLL
        if self.budget is not None:
            first = min(start for _, start, _ in self.busy.values())
            timeout = min(POLL, max(0.0, first + self.budget - time.monotonic()))
        sentinels = {process.sentinel: connection for connection, (_, _, process) in self.busy.items()}
        ready = wait(list(self.busy) + list(sentinels), timeout)
        for item in ready:
            connection = sentinels.get(item, item)
            if connection in self.busy:
                self._receive(connection, result_type)
        if self.budget is not None:
            now = time.monotonic()
            for connection, (index, start, process) in list(self.busy.items()):
                if now - start >= self.budget:
                    self._lose(connection, result_type, over_budget(self.budget))

    def _receive(self, connection, result_type) -> None:
        index, _, process = self.busy[connection]
        try:
            got, part, token, sent = connection.recv()
        except (EOFError, OSError):
            process.join(1)
            code = process.exitcode
            why = (f"signal {-code} ({signal.Signals(-code).name})" if code is not None and code < 0
                   else f"exit status {code}")
            self._lose(connection, result_type, f"the process checking it was killed ({why}; out of memory?); "
                                                "not checked")
            return
        if sent is not None:
            self.rules[token] = sent
        part.rules = self.rules[token]
        self.done[got] = part
        del self.busy[connection]
        self.idle.append((connection, process))

    def _lose(self, connection, result_type, why: str) -> None:
        """The job of a worker that died or ran out of time is an input-error; the worker goes."""
        index, _, process = self.busy.pop(connection)
        _kill(process)
        connection.close()
        self.done[index] = not_checked(result_type(), self.jobs[index].path, why)

    def stop(self) -> None:
        for connection, (_, _, process) in list(self.busy.items()):
            _kill(process)
            connection.close()
        for connection, process in self.idle:
            try:
                connection.send(None)
            except OSError:
                pass
            connection.close()
            process.join(1)
            _kill(process)
        self.busy.clear()
        self.idle.clear()


def not_checked(part, path: str, why: str):
    """`part` (an empty CheckResult) holding the one input-error of a file that was not checked."""
    from .findings import INPUT_ERROR, file_finding

    part.findings.append(file_finding(path, INPUT_ERROR, why))
    return part


# --- in this process: the daemon keeps its warm caches (engine.serve_warm) ---------------------

def checked_here(job: Job, checker, budget: float, result_type):
    """What a worker would send back for `job`, computed here within `budget` seconds."""
    part = result_type()
    try:
        with time_budget(budget, job.path):
            job.run(checker, part)
    except OverBudget:
        return not_checked(result_type(), job.path, over_budget(budget))
    return part


def _kill(process) -> None:
    if process.is_alive():
        process.kill()
    process.join()


def _serve(connection, parents_end, jobs: list[Job], make_checker: Callable) -> None:
    """A worker: check the job whose index arrives, send back its result, until told to stop.

    The fork copied the parent's end of this worker's pipe: it is closed first, so a parent that
    dies (a signal between its fork and its bookkeeping) ends the worker's wait, not leaves it
    waiting forever on a pipe only it still holds."""
    parents_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from .results import CheckResult

    checker, sent = make_checker(), set()
    try:
        while True:
            index = connection.recv()
            if index is None:
                break
            part = CheckResult()
            jobs[index].run(checker, part)
            rules, part.rules = part.rules, {}
            token = (os.getpid(), tuple(sorted((rule_id, id(rule)) for rule_id, rule in rules.items())))
            connection.send((index, part, token, None if token in sent else rules))
            sent.add(token)
    except BaseException:  # the parent went away or stopped us: leave without a traceback
        pass
    finally:
        os._exit(0)
