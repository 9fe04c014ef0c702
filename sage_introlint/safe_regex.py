"""Regular expressions from packs, compiled once and refused when they can backtrack for ever.

Packs are written by users and run over every sentence with Python's backtracking `re`. The
patterns that take exponential time on a line that almost matches repeat, without bound, a group
that can match the same text in more than one way: `(a+)+`, `(\\w+\\s?)*`, `(a|b+)*`,
`(x{1,3})+`. We refuse them when the pack is loaded, by a static check over the parsed pattern,
instead of bounding every match at run time: it costs nothing per match and the error can say
what to change. The check: an unbounded repeat whose body holds another repeat and has no
mandatory character outside repeats, or an alternation whose branches can start alike. Separated lists such as `\\d+(?:\\s*,\\s*\\d+)*` pass (the comma
is mandatory). It is a heuristic: it catches the common shapes, not every slow pattern.
"""

from __future__ import annotations

import re

try:  # the parser behind `re`: private, so the guard steps aside if it ever moves
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    try:
        import sre_constants as _sre  # type: ignore[no-redef]
        import sre_parse as _sre_parse  # type: ignore[no-redef]
    except ImportError:
        _sre = _sre_parse = None

_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


class UnsafeRegex(ValueError):
    """A pattern that does not compile or could backtrack catastrophically."""


def compile_safe(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile `pattern`, raising UnsafeRegex with a one-line reason when it is invalid or nested."""
    try:
        compiled = re.compile(pattern, flags)
    except re.error as error:
        raise UnsafeRegex(f"invalid regular expression {pattern!r}: {error}") from None
    if _sre_parse is not None and _has_nested_quantifier(_sre_parse.parse(pattern, flags).data):
        raise UnsafeRegex(
            f"regular expression {pattern!r} repeats a group that can match the same text in several "
            "ways (like '(a+)+'), which can take exponential time; rewrite it without the nested repeat"
        )
    return compiled


def _has_nested_quantifier(items, inside: bool = False) -> bool:
    """True when an unbounded repeat's body holds a repeat and nothing mandatory besides."""
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            low, high, body = argument
            if high == _sre.MAXREPEAT and _holds_repeat(body.data) and _fixed_width(body.data) == 0:
                return True
            if high == _sre.MAXREPEAT and _has_overlapping_branch(body.data):
                return True
            if _has_nested_quantifier(body.data):
                return True
        else:
            for sub in _subpatterns(name, argument):
                if _has_nested_quantifier(sub):
                    return True
    return False


def _has_overlapping_branch(items) -> bool:
    """True when a repeated body ends in an alternation whose ways can start alike: `(a|aa)+`,
    `(a|a)*` (the parser factors them into `a(|a)`): the engine then tries every way of splitting
    the text between one branch and the next repeat. An empty branch starts where the next repeat
    does. `(?:\\s+(?:further|furthermore))*` passes: after `further`, `more` and `\\s` differ."""
    while len(items) == 1 and str(items[0][0]) == "SUBPATTERN":
        items = items[0][1][-1].data
    if not items or str(items[-1][0]) != "BRANCH":
        return False
    branches = items[-1][1][1]
    if len(items) > 1 and all(branch.data for branch in branches):
        return False  # something mandatory comes first, and no branch hands over to the next repeat
    seen: set[str] = set()
    for branch in branches:
        first = _first_chars(branch.data) if branch.data else _first_chars(items)
        if first is None or first & seen:
            return True
        seen |= first
    return False


_CATEGORY_SAMPLES = {"CATEGORY_SPACE": set(" \t\n\r\f\v"), "CATEGORY_DIGIT": set("0123456789")}


def _first_chars(items) -> set[str] | None:
    """The characters a match of `items` can start with, or None when that is not simple to say."""
    if not items:
        return None
    op, argument = items[0]
    name = str(op)
    if name == "LITERAL":
        return {chr(argument)}
    if name == "IN":
        chars: set[str] = set()
        for kind, value in argument:
            if str(kind) == "LITERAL":
                chars.add(chr(value))
            elif str(kind) == "CATEGORY" and str(value) in _CATEGORY_SAMPLES:
                chars |= _CATEGORY_SAMPLES[str(value)]
            else:
                return None
        return chars
    if name == "SUBPATTERN":
        return _first_chars(argument[-1].data)
    if name in _REPEATS and argument[0] >= 1:
        return _first_chars(argument[2].data)
    return None


def _holds_repeat(items) -> bool:
    for op, argument in items:
        name = str(op)
        if name in _REPEATS and argument[1] > 1:
            return True
        if name not in _REPEATS and any(_holds_repeat(sub) for sub in _subpatterns(name, argument)):
            return True
    return False


def _fixed_width(items) -> int:
    """How many characters every match must consume outside of repeats of more than one."""
    width = 0
    for op, argument in items:
        name = str(op)
        if name in _REPEATS:
            low, high, body = argument
            width += low * _fixed_width(body.data) if high <= 1 else 0
        elif name == "SUBPATTERN":
            width += _fixed_width(argument[-1].data)
        elif name == "BRANCH":
            width += min(_fixed_width(branch.data) for branch in argument[1])
        elif name in ("LITERAL", "NOT_LITERAL", "IN", "ANY", "CATEGORY"):
            width += 1
    return width


def _subpatterns(name: str, argument):
    """The sub-pattern lists of a group, alternation, assertion or conditional."""
    if name == "SUBPATTERN":
        return [argument[-1].data]
    if name == "BRANCH":
        return [branch.data for branch in argument[1]]
    if name == "ATOMIC_GROUP":
        return [argument.data]
    if name in ("ASSERT", "ASSERT_NOT"):
        return [argument[1].data]
    if name == "GROUPREF_EXISTS":
        return [part.data for part in argument[1:] if part is not None]
    return []
