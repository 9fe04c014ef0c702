"""Safe fixes: the text edits behind `introlint check --fix` and the editor's quick fix.

A rule's finding carries `fix` only where its pack declares the fix safe (`fix: true` on a
`terms` list): the replacement for exactly the finding's range, `""` to drop the words. Here
that becomes an `Edit` on the source text, and only when the source under the range is plain
words (no markup that a replacement could break) on one line. Dropping a word also drops the
space after it (or before it, before punctuation) and passes a capital on to the next word.

Edits are in the checked text's terms (1-based line, column in characters, end exclusive);
`apply_to_original` applies them to a file's text with its own line endings kept.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass

from .document import normalise_newlines
from .findings import Finding

# What a safe fix may replace: words, spaces, apostrophes, hyphens, sentence punctuation.
PLAIN = re.compile(r"[\w '\u2019\-.!?,;:]+")
SPACE = " \t~"
# Around words a fix drops: a space, an opening or closing bracket or quote, punctuation after;
# anything else (`**very**`, `\\emph{very}`) is markup a drop would leave behind, empty.
OPENS = " \t~([\"'\u2018\u201c"
CLOSES = " \t~)]\"'\u2019\u201d.,;:!?"
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, order=True)
class Edit:
    """Replace [line:column, end_line:end_column) (1-based, characters, end exclusive) by `text`."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def fix_edit(finding: Finding, line_text: str) -> Edit | None:
    """The edit that applies `finding.fix` to its line (`line_text`), or None when it is not safe."""
    if finding.fix is None or finding.line != finding.end_line:
        return None
    start, end = finding.column - 1, finding.end_column - 1
    found = line_text[start:end]
    if not found or end > len(line_text) or not PLAIN.fullmatch(found):
        return None
    if finding.fix:
        return Edit(finding.line, start + 1, finding.line, end + 1, finding.fix)
    if (start > 0 and line_text[start - 1] not in OPENS) or (end < len(line_text) and line_text[end] not in CLOSES):
        return None
    return _drop(finding.line, line_text, start, end)


def _drop(line: int, text: str, start: int, end: int) -> Edit:
    """Remove text[start:end] and one side's spaces; a capital moves to the next word."""
    after = end
    while after < len(text) and text[after] in SPACE:
        after += 1
    before = start
    while before > 0 and text[before - 1] in SPACE:
        before -= 1
    next_char = text[after] if after < len(text) else ""
    if after > end and (before == start or next_char.isalnum() or next_char in "([\"'\u2018\u201c"):
        replacement = ""
        if text[start].isupper() and next_char.islower():
            replacement, after = next_char.upper(), after + 1
        return Edit(line, start + 1, line, after + 1, replacement)
    return Edit(line, before + 1, line, end + 1, "")


def safe_edits(findings, line_text) -> list[tuple[Finding, Edit]]:
    """(finding, edit) for the fixable findings, no two edits overlapping; `line_text(line)` reads a line."""
    edits: list[tuple[Finding, Edit]] = []
    for finding in findings:
        edit = fix_edit(finding, line_text(finding.line)) if finding.fix is not None else None
        if edit is not None and not any(_overlap(edit, other) for _, other in edits):
            edits.append((finding, edit))
    return sorted(edits, key=lambda pair: pair[1])


def _overlap(a: Edit, b: Edit) -> bool:
    return a.line == b.line and a.column < b.end_column and b.column < a.end_column


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts; `\\r\\n`, `\\r` and `\\n` each end a line (as the checker reads them)."""
    return [0] + [match.end() for match in LINE_BREAK.finditer(text)]


def apply_to_original(text: str, edits: list[Edit]) -> str:
    """`text` (a file's text, line endings as they are) with `edits` applied, nothing else changed."""
    starts = line_starts(text)
    out, cursor = [], 0
    for edit in sorted(edits):
        begin = starts[edit.line - 1] + edit.column - 1
        finish = starts[edit.end_line - 1] + edit.end_column - 1
        if begin < cursor:
            continue
        out.append(text[cursor:begin])
        out.append(edit.text)
        cursor = finish
    out.append(text[cursor:])
    return "".join(out)


BOM = b"\xef\xbb\xbf"


def write_fixes(findings: list[Finding], sources: dict) -> tuple[list[Finding], list[str]]:
    """Apply the safe fixes of `findings` to their files (`sources`: path -> Source as checked).

    Returns the findings that are left and one message per file fixed or refused. A file is
    written only if its bytes still read as the text that was checked, and then only the fixed
    ranges change: its line endings, byte order mark and every other byte are kept.
    """
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None and finding.path in sources:
            by_path.setdefault(finding.path, []).append(finding)
    fixed: set[Finding] = set()
    messages = []
    for path, found in sorted(by_path.items()):
        source = sources[path]
        pairs = safe_edits(found, source.line_text)
        if not pairs:
            continue
        try:
            written = _rewrite(path, source.text, [edit for _, edit in pairs])
        except OSError as error:
            messages.append(f"error: {path}: not fixed: {error.strerror or error}")
            continue
        if not written:
            messages.append(f"error: {path}: changed since it was read; not fixed (run introlint again)")
            continue
        fixed.update(finding for finding, _ in pairs)
        messages.append(f"fixed {len(pairs)} problem{'s' if len(pairs) != 1 else ''} in {path}")
    return [finding for finding in findings if finding not in fixed], messages


def _rewrite(path: str, checked: str, edits: list[Edit]) -> bool:
    """Write `edits` into `path` if it still holds `checked`; False (nothing written) if not."""
    with open(path, "rb") as handle:
        raw = handle.read()
    bom = BOM if raw.startswith(BOM) else b""
    try:
        text = raw[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        return False
    if normalise_newlines(text) != checked:
        return False
    data = bom + apply_to_original(text, edits).encode("utf-8")
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".introlint-fix-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        with open(path, "rb") as again:  # the last moment: an editor may have saved meanwhile
            if again.read() != raw:
                return False
        os.replace(temporary, path)
        temporary = None
    finally:
        if temporary is not None:
            os.unlink(temporary)
    return True
