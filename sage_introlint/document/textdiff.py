"""Where two versions of a text differ: the one range an edit replaced (the editor's re-reads)."""

from __future__ import annotations


def changed_range(old: str, new: str) -> tuple[int, int, int] | None:
    """(start, old_end, new_end): `old[start:old_end]` became `new[start:new_end]`, the rest is
    the same (the longest common prefix, then the longest common suffix of what is left); None
    when the texts are equal."""
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = _longest(limit, lambda size: old[:size] == new[:size])
    suffix = _longest(limit - prefix, lambda size: old[len(old) - size:] == new[len(new) - size:])
    return prefix, len(old) - suffix, len(new) - suffix


def _longest(limit: int, same) -> int:
    """The largest size in [0, limit] for which `same(size)` holds (it holds for every smaller one)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low
