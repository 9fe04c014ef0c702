"""Checking a batch of files in worker processes, with the same result as checking them in order.

A file costs ~20 ms of pure Python, so a batch of hundreds scales with processes, not threads.
The workers are forked from a parent that has already loaded spaCy, the pack and the checks (it
checks nothing itself but warms them up first), so each worker starts in milliseconds and shares
those pages. Results come back in file order and are merged exactly as the sequential loop would
merge them; the rules of a file travel once per worker and config, not once per file.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Iterator

# Below this many files per worker, forking costs more than it saves.
FILES_PER_WORKER = 8
CHUNK = 4  # files sent to a worker at a time

_worker: dict = {}  # state of a worker process: its checker, options and the rules it has sent


def worker_count(files: int) -> int:
    """How many processes pay for `files` files: 1 for a few, up to one per CPU for many."""
    if files < 2 * FILES_PER_WORKER or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cpus, files // FILES_PER_WORKER))


def checked_in_workers(files: list[tuple[str, str]], kind, config_file, options: tuple, workers: int) -> Iterator:
    """CheckResult of each (file, folder) in `files`, in order, computed by `workers` processes."""
    _warm_up(files[0], kind, config_file, options)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = context.Pool(workers, initializer=_start_worker, initargs=(kind, config_file, options))
    rules: dict[tuple, dict] = {}
    try:
        for part, token, sent in pool.imap(_check, files, chunksize=CHUNK):
            if sent is not None:
                rules[token] = sent
            part.rules = rules[token]
            yield part
    finally:
        pool.terminate()
        pool.join()


def _warm_up(first: tuple[str, str], kind, config_file, options: tuple) -> None:
    """Load what every worker needs (spaCy, pack, checks, textstat) once, before forking."""
    from .engine import CheckResult, Checker, check_file
    from .document.sentences import language

    language()
    check_file(Checker(*options), CheckResult(), first[0], first[1], kind, config_file)


def _start_worker(kind, config_file, options: tuple) -> None:
    from .engine import Checker

    _worker.update(checker=Checker(*options), kind=kind, config_file=config_file, sent=set())


def _check(file: tuple[str, str]):
    from .engine import CheckResult, check_file

    part = CheckResult()
    check_file(_worker["checker"], part, file[0], file[1], _worker["kind"], _worker["config_file"])
    rules, part.rules = part.rules, {}
    token = (os.getpid(), tuple(sorted((rule_id, id(rule)) for rule_id, rule in rules.items())))
    if token in _worker["sent"]:
        return part, token, None
    _worker["sent"].add(token)
    return part, token, rules
