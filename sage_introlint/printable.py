"""File names and file text made safe to print: no raw control characters, no workflow commands.

A CI log is read by a terminal and by the GitHub runner. A checked file's name or text can hold a
newline followed by `::error file=...::` (the runner reads that as an annotation, or worse,
`::add-mask::`, `::stop-commands::`), `##[...]` (its older command syntax, found anywhere in a
line), or terminal escapes. Everything we print that comes from a file passes through here:
control characters (C0, DEL, C1, line and paragraph separators, bidirectional overrides, and the
surrogates that stand for undecodable bytes of a file name) are shown as `\\n`, `\\x1b`, `\\u202e`;
`##[` is shown as `##\\[`; and a line that would start with `::` gets a visible backslash.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LEGACY_COMMAND = "##["
_COMMAND_LINE = re.compile(r"^([^\S\r\n]*)::", re.MULTILINE)


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """`text` with every control character written out (`keep` names characters left as they are)."""
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text).replace(
            _LEGACY_COMMAND, "##\\[")
    return _CONTROL.sub(_escape, text).replace(_LEGACY_COMMAND, "##\\[")


def visible_char(char: str) -> str:
    """One character as `visible` shows it (itself when it is printable)."""
    return _CONTROL.sub(_escape, char)


def leading_path(path: str) -> str:
    """A path that starts a printed line: `./` in front when it would start a workflow command."""
    shown = visible(path)
    return "./" + shown if shown.lstrip().startswith("::") else shown


def safe_output(text: str, commands: bool = False, colour: bool = False) -> str:
    """Last defence for a whole block of output: control characters other than newline and tab
    escaped (and ESC when `colour`: the formats escaped the values before painting them), `##[`
    defused, and (unless this is the `github` format, whose lines are commands built from escaped
    values) no line starting with `::`."""
    text = visible(text, keep="\n\t\x1b" if colour else "\n\t")
    return text if commands else _COMMAND_LINE.sub(r"\1\\::", text)


_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the characters it leaves raw
    but a terminal acts on (C1, separators, bidirectional controls, lone surrogates) written as
    `\\uXXXX` escapes, and `##[` as `##\\u005b`: the same JSON value, nothing raw."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text).replace(_LEGACY_COMMAND, "##\\u005b")
