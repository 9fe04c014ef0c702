"""Python's garbage collector in a long-lived process (the language server, the daemon): its work
kept off the path from a keystroke to its findings.

A re-check after a one-word edit makes a few thousand objects that outlive a moment (the edited
paragraph's memo entries, the new Document), so the collector walks the young generations about
twice per check, and every ~50 checks walks every object the process holds (spaCy's
vocabulary, the packs, the memo): measured about 4 ms per edit on average, a quarter of a
re-check. Hence, for a process that checks again and again:
- `settle()` once the process is warm (after its first check): one full collection, then what is
  alive is frozen (`gc.freeze`), so later full collections walk only what was made since;
- `deferred()` around a check: no collection while it runs (the time an author waits for);
- `tidy()` once the answer is out: the collection it held back runs then, while the author
  types the next key;
- `keep(thing)` inside the block: `thing` (the last check's Document and parse, which the next
  check replaces: tens of thousands of objects, ~0.5 ms to free) lives until `tidy()`, so freeing
  it is off that path too.
A one-shot `introlint check` does none of this.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

_settled = False
_held = False  # the collector is off until `tidy()`
_kept: list = []  # what `keep` holds until `tidy()`


def settle() -> None:
    """Collect everything once and freeze what is alive (once per process; later calls do nothing)."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


@contextmanager
def deferred():
    """No collection inside the block, nor after it until `tidy()` (which the caller must reach:
    call it in a `finally`). Turning the collector on at the block's end would run the
    collection it held back at once, on the next allocation, before the answer is out."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True
    yield


def keep(thing) -> None:
    """Hold `thing` until `tidy()` (inside `deferred()` only; elsewhere it is freed as usual)."""
    if _held:
        _kept.append(thing)


def tidy() -> None:
    """The collector on again (where `deferred` held it), and what the last check left collected
    now, as the collector would have during it: the young generation, and an older one when its
    turn has come (its count past its threshold)."""
    global _held
    if not _held:
        return
    _kept.clear()
    count, threshold = gc.get_count(), gc.get_threshold()
    if count[0] >= threshold[0]:
        gc.collect(2 if count[1] >= threshold[1] and count[2] >= threshold[2] else 1 if count[1] >= threshold[1] else 0)
    _held = False
    gc.enable()
