"""The characters a regular expression's match can begin with, to try it only there.

Python's `re` tries a pattern at every position of the text; a pattern that begins with a
lookbehind (`(?<![\\w-])TODO`) or holds several alternatives gets no quick reject of its own, so
the placeholder list costs a full pass per check. `with_first_chars` puts `(?=[...])` in front,
the set of characters every match must begin with: the same matches, found several times
faster. Where that set is not certain (a class such as `\\w`, any character, a letter under an
inline `(?i:...)`, a match that may be empty) the pattern is left as it is.
"""

from __future__ import annotations

import re

from .safe_regex import _sre_parse  # re's parser, found once for every Python we support

_WIDEST_RANGE = 256  # a class range wider than this is not worth listing


def with_first_chars(pattern: str, flags: int, compiled: re.Pattern) -> re.Pattern:
    """`compiled` (`pattern` under `flags`), or the same pattern behind a lookahead for the
    characters its matches begin with (the same matches)."""
    if _sre_parse is None:
        return compiled
    try:
        parsed = _sre_parse.parse(pattern, flags)
        # Read as if case mattered: the lookahead is compiled under the same flags, so under
        # IGNORECASE its class takes every case of a letter just as the pattern's letter does
        # (`(?i:...)` inside a case-sensitive pattern still adds IGNORECASE there: not certain).
        found = _sequence(list(parsed), parsed.state.flags & ~re.IGNORECASE)
    except (re.error, TypeError, ValueError, OverflowError):
        return compiled
    if found is None or found[1] or not found[0] or parsed.state.flags & (re.LOCALE | re.VERBOSE) \
            or parsed.state.flags != flags | re.UNICODE or _begins_plainly(list(parsed)):
        return compiled
    chars = "".join(sorted(re.escape(char) for char in found[0]))
    try:
        return re.compile(f"(?=[{chars}])(?:{pattern})", flags)
    except re.error:
        return compiled


def _begins_plainly(items) -> bool:
    """Does the pattern begin with a character or a class (through groups), or with `\\A`? `re`
    then skips to where it can match on its own (for `\\A`, the text's start alone), faster than
    a lookahead would."""
    while items and str(items[0][0]) == "SUBPATTERN":
        items = list(items[0][1][3])
    if items and str(items[0][0]) == "AT":
        return str(items[0][1]) == "AT_BEGINNING_STRING"
    return bool(items) and str(items[0][0]) in ("LITERAL", "IN")


def _sequence(items, flags: int):
    """(characters a match of these items in a row can begin with, can it be empty), or None."""
    found: set[str] = set()
    for op, argument in items:
        part = _item(str(op), argument, flags)
        if part is None:
            return None
        found |= part[0]
        if not part[1]:
            return found, False
    return found, True


def _item(name: str, argument, flags: int):
    if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero width: the next item begins the match
        return set(), True
    if name == "LITERAL":
        return _cased({chr(argument)}, flags)
    if name == "IN":
        return _class(argument, flags)
    if name == "BRANCH":
        parts = [_sequence(list(branch), flags) for branch in argument[1]]
        if any(part is None for part in parts):
            return None
        return set().union(*(part[0] for part in parts)), any(part[1] for part in parts)
    if name == "SUBPATTERN":
        _, add, remove, body = argument
        return _sequence(list(body), (flags | add) & ~remove)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, body = argument
        part = _sequence(list(body), flags)
        return None if part is None else (part[0], part[1] or low == 0)
    if name == "ATOMIC_GROUP":
        return _sequence(list(argument), flags)
    return None  # any character, a category, a back reference...: not certain


def _class(items, flags: int):
    chars: set[str] = set()
    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(argument))
        elif name == "RANGE" and argument[1] - argument[0] <= _WIDEST_RANGE:
            chars.update(chr(code) for code in range(argument[0], argument[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return None
    return _cased(chars, flags)


def _cased(chars: set[str], flags: int):
    """`chars`, when no case folding can add others (IGNORECASE: only for characters without case)."""
    if flags & re.IGNORECASE and any(char.lower() != char.upper() or not char.isascii() for char in chars):
        return None
    return chars, False


def reach_before(pattern) -> int | None:
    """How many characters before where a search starts a compiled `re` pattern may read (its
    lookbehinds, a word boundary or a line start), or None when that is not bounded or not known.
    A search that does not read before its start (RE2's, which is given the span alone) reads 0."""
    if not isinstance(pattern, re.Pattern):
        return 0 if hasattr(pattern, "finditer") and type(pattern).__name__ == "Re2Pattern" else None
    if _sre_parse is None:
        return None
    try:
        return _reach(list(_sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)))
    except (re.error, TypeError, ValueError, OverflowError):
        return None


def _reach(items) -> int | None:
    reach = 0
    for op, argument in items:
        name = str(op)
        if name == "AT":
            reach = max(reach, 1)
        elif name in ("ASSERT", "ASSERT_NOT") and argument[0] < 0:  # a lookbehind
            width = argument[1].getwidth()[1]
            if width >= _sre_parse.MAXREPEAT:
                return None
            reach = max(reach, width)
        for sub in _subpatterns(name, argument):
            inner = _reach(sub)
            if inner is None:
                return None
            reach = max(reach, inner)
    return reach


def _subpatterns(name: str, argument) -> list:
    if name == "BRANCH":
        return [list(branch) for branch in argument[1]]
    if name == "SUBPATTERN":
        return [list(argument[3])]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return [list(argument[2])]
    if name in ("ASSERT", "ASSERT_NOT"):
        return [list(argument[1])]
    if name == "ATOMIC_GROUP":
        return [list(argument)]
    if name == "GROUPREF_EXISTS":
        return [list(part) for part in argument[1:] if part is not None]
    return []
