"""Regular expressions from packs and configs, matched by RE2: linear time whatever the pattern.

A pack or config can come from a pull request, and Python's `re` backtracks: `(aa+)+b` takes 40 s
on 69 bytes, and no static guard catches every such shape. RE2 (`google-re2`) cannot backtrack,
so user patterns run there, and the few constructs it lacks (lookaround, backreferences, atomic
groups, possessive repeats, conditionals) are refused when the pack loads, with where they are.
RE2's `\\w`, `\\d`, `\\s` and `\\b` know ASCII only (Python's `re` knows every script): `\\w`
does not match `é`, and `\\b` next to `é` is no word boundary. `\\pL` is any letter. A pattern
with `\\b` written right beside a non-ASCII letter is warned about when the pack loads (it cannot
mean what it says), and `introlint explain` says so for every user pattern that uses them.

The patterns of the packs we ship are ours: they may use lookarounds and stay on `re`, which is
safe for them because `safe_regex` refuses nested repeats and tests/test_user_regex.py runs each
on inputs that would make a backtracking pattern blow up.
"""

from __future__ import annotations

import contextlib
import re
from typing import Iterable, Iterator

import re2

from .regex_first import with_first_chars
from .safe_regex import compile_safe

_SHIPPED: set[str] = set()  # patterns of shipped packs (trusted, may need `re`)
_FLAGS = {re.IGNORECASE: "i", re.DOTALL: "s", re.MULTILINE: "m"}
# What RE2 does not do, as it appears in a pattern (after an even number of backslashes).
_UNSUPPORTED = [
    (re.compile(r"\(\?<?[=!]"), "lookaround ((?=...), (?!...), (?<=...), (?<!...))"),
    (re.compile(r"\\[1-9]|\(\?P="), "a backreference"),
    (re.compile(r"\(\?>"), "an atomic group ((?>...))"),
    (re.compile(r"(?<![\\(])[*+?}]\+"), "a possessive repeat (*+, ++, ?+)"),
    (re.compile(r"\(\?\("), "a conditional ((?(1)...))"),
]


_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print every refused pattern on standard error itself


class UserRegexError(ValueError):
    """A user pattern RE2 cannot run: the message says what and where."""


class UserRegexWarning(UserWarning):
    """A user pattern RE2 runs, but not as its author evidently meant (the command prints it)."""


def trust(pattern: str) -> None:
    """Mark a pattern of a shipped pack: it runs on `re` (after `safe_regex`'s check)."""
    _SHIPPED.add(pattern)


def _unsupported(pattern: str) -> tuple[int, str] | None:
    escaped = _escaped_positions(pattern)
    for finder, what in _UNSUPPORTED:
        for match in finder.finditer(pattern):
            if match.start() not in escaped:
                return match.start(), what
    return None


def _escaped_positions(pattern: str) -> set[int]:
    """Positions of characters that a backslash escapes (so `\\(?=` is no lookahead)."""
    escaped, index = set(), 0
    while index < len(pattern):
        if pattern[index] == "\\":
            escaped.add(index + 1)
            index += 2
        else:
            index += 1
    return escaped


_ASCII_CLASS = re.compile(r"\\[wWbB]")
ASCII_NOTE = ("RE2 runs this rule's patterns, and there `\\w` and `\\b` know ASCII letters only: `\\w` does "
              "not match é, ß or ü, and `\\b` beside them is no word boundary; write `\\pL` for any letter")


def _ascii_classes(pattern: str) -> list[int]:
    """Where a user pattern uses `\\w`, `\\W`, `\\b` or `\\B` (which RE2 reads as ASCII)."""
    escaped = _escaped_positions(pattern)
    return [m.start() for m in _ASCII_CLASS.finditer(pattern) if m.start() not in escaped]


def ascii_note(patterns: Iterable[str]) -> str | None:
    """For `explain`: ASCII_NOTE when a user's pattern (not a shipped one, which runs on `re`) uses them."""
    return ASCII_NOTE if any(p not in _SHIPPED and _ascii_classes(p) for p in patterns) else None


def ascii_boundary(pattern: str) -> str | None:
    """Why `\\b`/`\\B` written right beside a non-ASCII letter cannot work on RE2, or None."""
    for start in _ascii_classes(pattern):
        if pattern[start + 1] not in "bB":
            continue
        for neighbour in (pattern[start - 1:start] if start and pattern[start - 2:start - 1] != "\\" else "",
                          pattern[start + 2:start + 3]):
            if neighbour and ord(neighbour) > 127 and neighbour.isalnum():
                return (f"regular expression {pattern!r} has \\{pattern[start + 1]} beside {neighbour!r} at character "
                        f"{start + 1}: RE2's \\b knows ASCII letters only, so this is no word boundary "
                        "(drop it, or match the character beside the word with \\PL)")
    return None


def _re2_source(pattern: str, flags: int) -> str:
    letters = "".join(letter for flag, letter in _FLAGS.items() if flags & flag)
    pattern = re.sub(r"(?<!\\)((?:\\\\)*)\\Z", r"\1\\z", pattern)  # Python's end of text
    return f"(?{letters}){pattern}" if letters else pattern


_loading_shipped = False


@contextlib.contextmanager
def shipped_pack(shipped: bool):
    """While a pack loads: are its patterns ours (trusted) or a user's?"""
    global _loading_shipped
    before, _loading_shipped = _loading_shipped, shipped
    try:
        yield
    finally:
        _loading_shipped = before


def check(pattern: str):
    """At pack load: the compiled pattern, or ValueError (UserRegexError or safe_regex.UnsafeRegex)
    with the reason it cannot run; a shipped pack's pattern passes `safe_regex` and is trusted
    (also where a user's pack inherits it through `extends`)."""
    if _loading_shipped or pattern in _SHIPPED:
        compiled = compile_safe(pattern)
        trust(pattern)
        return compiled
    return compile_user(pattern)


def compile_user(pattern: str, flags: int = 0) -> "Re2Pattern":
    """RE2's compiled `pattern`, or UserRegexError naming the construct it lacks and where."""
    try:
        return Re2Pattern(pattern, flags)
    except re2.error as error:
        found = _unsupported(pattern)
        if found is not None:
            raise UserRegexError(f"regular expression {pattern!r} uses {found[1]} at character {found[0] + 1}, "
                                 "which the linear-time matcher (RE2) does not support; rewrite it without") from None
        reason = error.args[0] if error.args else error
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise UserRegexError(f"invalid regular expression {pattern!r}: {reason}") from None


def compile(pattern: str, flags: int = 0, sources: Iterable[str] | None = None):
    """A compiled pattern with `re`'s finditer/search: RE2 unless every source is a shipped one."""
    if all(source in _SHIPPED for source in (sources if sources is not None else [pattern])):
        return with_first_chars(pattern, flags, compile_safe(pattern, flags))  # tried only where a match can begin
    return compile_user(pattern, flags)


class Re2Pattern:
    """RE2 behind `re.Pattern`'s finditer and search (with pos and endpos).

    The `re2` module encodes the whole text to UTF-8 on each call, so a call per sentence of a
    long document would be quadratic; the span searched is cut out first instead.
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._regex = re2.compile(_re2_source(pattern, flags), _OPTIONS)

    @property
    def groupindex(self) -> dict:
        return dict(self._regex.groupindex)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator["ShiftedMatch"]:
        endpos = len(text) if endpos is None else min(endpos, len(text))
        for match in self._regex.finditer(text[pos:endpos]):
            yield ShiftedMatch(match, pos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> "ShiftedMatch | None":
        return next(self.finditer(text, pos, endpos), None)


class ShiftedMatch:
    """A match in a cut-out span, with offsets in the whole text."""

    def __init__(self, match, offset: int):
        self._match, self._offset = match, offset
        self.lastgroup = match.lastgroup

    def start(self, group=0) -> int:
        start = self._match.start(group)
        return start if start < 0 else start + self._offset

    def end(self, group=0) -> int:
        end = self._match.end(group)
        return end if end < 0 else end + self._offset

    def span(self, group=0) -> tuple[int, int]:
        return self.start(group), self.end(group)

    def group(self, *groups):
        return self._match.group(*groups)

    def groupdict(self, default=None) -> dict:
        return self._match.groupdict(default)

    def __getitem__(self, group):
        return self._match[group]
