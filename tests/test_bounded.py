"""Caches of long-lived processes (editor server, daemon) are bounded."""

from __future__ import annotations

from sage_introlint import config, engine, pack
from sage_introlint.bounded import BoundedCache
from sage_introlint.checks import _shared


def test_least_recently_used_entry_goes_first():
    cache = BoundedCache(2)
    cache["a"], cache["b"] = 1, 2
    assert cache.get("a") == 1  # now the newest
    cache["c"] = 3
    assert list(cache) == ["a", "c"]


def test_the_option_config_pack_and_checker_caches_are_bounded():
    caches = [_shared._CACHE, config._CACHE, pack._CACHE, engine.Checker()._sets]
    assert all(isinstance(cache, BoundedCache) and cache.limit <= 256 for cache in caches)


def test_option_cache_stays_within_its_bound():
    for number in range(_shared._CACHE.limit + 50):
        _shared.cached("test", [number], lambda: number)
    assert len(_shared._CACHE) == _shared._CACHE.limit
