"""A dictionary that keeps its most recently used entries only, for caches in long-lived processes.

The editor server and the daemon live for hours and see many configs, packs and option sets;
an unbounded cache there grows for ever. Evicting the least recently used entry keeps a warm
re-check warm and the memory flat.
"""

from __future__ import annotations

from collections import OrderedDict


class BoundedCache(OrderedDict):
    """`dict` with at most `limit` entries; reading or writing a key makes it the newest."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def get(self, key, default=None):
        try:  # one lookup, not `in` then `[]` (a memo's keys are long tuples, hashed on every lookup)
            value = OrderedDict.__getitem__(self, key)
        except KeyError:
            return default
        self.move_to_end(key)
        return value

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.limit:
            # not popitem(last=False): Python 3.10's reads the entry through __getitem__ first,
            # which moves it to the end, then fails to find it (KeyError)
            del self[next(iter(self))]
