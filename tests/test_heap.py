"""The language server's and the daemon's collector: held back during a check, run after it."""

from __future__ import annotations

import gc

from sage_introlint import heap


def test_a_deferred_collection_waits_for_tidy_and_the_collector_is_on_again_after():
    assert gc.isenabled()
    try:
        with heap.deferred():
            junk = [[] for _ in range(gc.get_threshold()[0] * 2)]
        assert not gc.isenabled()  # not on at the block's end: it would collect before the answer is out
        assert gc.get_count()[0] >= gc.get_threshold()[0]
        del junk
        heap.tidy()
        assert gc.isenabled()
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        gc.enable()


def test_tidy_leaves_a_collector_it_did_not_hold_alone():
    gc.disable()
    try:
        with heap.deferred():
            pass
        heap.tidy()
        assert not gc.isenabled()  # someone else turned it off: not ours to turn on
    finally:
        gc.enable()
