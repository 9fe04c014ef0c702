"""Work the checks share instead of repeating: per document (`shared`, kept in `doc.cache`, so it
lives as long as the document) and per options object (`cached`, compiled vocabularies, bounded
so a long-lived editor server does not grow)."""

from __future__ import annotations

from ..bounded import BoundedCache
from ..document.model import Document


def shared(doc: Document, name: str, key, build):
    """`build()`, computed once per document and key and shared by every check of the document."""
    table = doc.cache.setdefault(name, {})
    hit = table.get(key)
    if hit is None:
        hit = table[key] = build()
    return hit


_CACHE: BoundedCache = BoundedCache(256)  # (name, id(options)) -> (options, compiled)


def cached(name: str, key: object, build):
    """Compile once per options object (warm re-checks reuse compiled vocabularies)."""
    slot = (name, id(key))
    hit = _CACHE.get(slot)
    if hit is None or hit[0] is not key:
        hit = (key, build())
        _CACHE[slot] = hit
    return hit[1]
