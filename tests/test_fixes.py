"""Safe fixes and the editor's disable comments, checked by checking the edited text again."""

from __future__ import annotations

import pytest

from sage_introlint.engine import check_text
from sage_introlint.findings import Finding
from sage_introlint.fixes import Edit, apply_to_original, fix_edit, safe_edits
from sage_introlint.lsp.disable import disable_file, disable_line


def finding(line: str, word: str, fix: str) -> tuple[Finding, str]:
    column = line.index(word) + 1
    return Finding("x.md", 1, column, 1, column + len(word), "warning", "marketing-language", "m", None, fix=fix), line


@pytest.mark.parametrize("line, word, fix, fixed", [
    ("It is very fast.", "very", "", "It is fast."),
    ("Very large models run here.", "Very", "", "Large models run here."),
    ("The gain is very.", "very", "", "The gain is."),
    ("It scales to many nodes!", "!", ".", "It scales to many nodes."),
    ("It is (very fast) here.", "very", "", "It is (fast) here."),
])
def test_fix_edits(line, word, fix, fixed):
    found, text = finding(line, word, fix)
    assert apply_to_original(text, [fix_edit(found, text)]) == fixed


@pytest.mark.parametrize("line, word", [
    ("It is **very** fast.", "very"),  # dropping would leave an empty bold run
    ("It is \\emph{very} fast.", "very"),
    ("It is `very` fast.", "very"),
])
def test_no_fix_inside_markup(line, word):
    assert fix_edit(finding(line, word, "")[0], line) is None


def test_findings_without_a_declared_fix_get_no_edit():
    found, text = finding("It is seamless.", "seamless", "")
    assert fix_edit(Finding(*list(found.__dict__.values())[:-1]), text) is None


def test_edits_keep_crlf_and_other_bytes():
    text = "# T\r\n\r\nIt is very fast!\r\nNext line.\r\n"
    edits = [Edit(3, 7, 3, 12, ""), Edit(3, 16, 3, 17, ".")]
    assert apply_to_original(text, edits) == "# T\r\n\r\nIt is fast.\r\nNext line.\r\n"


def test_overlapping_fixes_apply_once():
    found, text = finding("It is very fast.", "very", "")
    assert len(safe_edits([found, found], lambda line: text)) == 1


DRAFT = (
    "# Introduction\n"
    "\n"
    "Our system is very fast on one node.\n"
    "It is truly simple to deploy for users.\n"
    "\n"
    "- a list item that is very short\n"
    "- another item that is extremely short\n"
)
LATEX = (
    "\\section{Introduction}\n"
    "Our system is very fast on one node.\n"
    "It is truly simple to deploy for users.\n"
)


def rules_at(text: str, path: str) -> list[tuple[str, int]]:
    return sorted((f.rule, f.line) for f in check_text(text, path=path))


@pytest.mark.parametrize("text, path, syntax, line", [
    (DRAFT, "d.md", "markdown", 3),   # first line of a paragraph: a comment line before it
    (DRAFT, "d.md", "markdown", 4),   # inside a paragraph: at the end of the line before
    (DRAFT, "d.md", "markdown", 7),   # an item of a tight list
    (LATEX, "d.tex", "latex", 3),
])
def test_disable_line_silences_only_that_line(text, path, syntax, line):
    edit = disable_line(text.split("\n"), line, "marketing-language", syntax)
    edited = apply_to_original(text, [edit])
    shift = edited.count("\n") - text.count("\n")
    before = [(rule, n + (shift if n >= line else 0)) for rule, n in rules_at(text, path)]
    target = ("marketing-language", line + shift)
    assert target in before
    assert rules_at(edited, path) == [item for item in before if item != target]


@pytest.mark.parametrize("text, path, syntax", [(DRAFT, "d.md", "markdown"), (LATEX, "d.tex", "latex")])
def test_disable_file_silences_the_rule_and_nothing_else(text, path, syntax):
    edited = apply_to_original(text, [disable_file(text.split("\n"), "marketing-language", syntax)])
    before = [(rule, n + 1) for rule, n in rules_at(text, path) if rule != "marketing-language"]
    assert rules_at(edited, path) == before


def test_disable_adds_to_an_existing_comment():
    lines = ["<!-- introlint-disable-next-line sentence-length -->", "It is very fast."]
    edit = disable_line(lines, 2, "marketing-language", "markdown")
    assert apply_to_original("\n".join(lines), [edit]).split("\n")[0] == (
        "<!-- introlint-disable-next-line sentence-length,marketing-language -->")
    lines = ["% introlint-disable placeholder", "text"]
    assert apply_to_original("\n".join(lines), [disable_file(lines, "readability", "latex")]).split("\n")[0] == (
        "% introlint-disable placeholder,readability")


FILE = "# Introduction\r\n\r\nOur engine is very fast on one node!\r\nIt is seamless to deploy.\r\n"


def test_write_fixes_changes_only_the_fixed_ranges(tmp_path):
    from sage_introlint.engine import check_paths
    from sage_introlint.fixes import write_fixes

    path = tmp_path / "intro.md"
    path.write_bytes(b"\xef\xbb\xbf" + FILE.encode("utf-8"))
    result = check_paths([str(path)])
    left, messages = write_fixes(result.findings, result.sources)
    assert messages == [f"fixed 2 problems in {path}"]
    assert path.read_bytes() == b"\xef\xbb\xbf" + FILE.replace("very ", "").replace("node!", "node.").encode("utf-8")
    assert len(left) == len(result.findings) - 2
    assert any("seamless" in f.message for f in left)  # a suggestion, not a declared safe fix


def test_write_fixes_refuses_a_file_changed_since_it_was_read(tmp_path):
    from sage_introlint.engine import check_paths
    from sage_introlint.fixes import write_fixes

    path = tmp_path / "intro.md"
    path.write_bytes(FILE.encode("utf-8"))
    result = check_paths([str(path)])
    changed = FILE.replace("one node", "two nodes").encode("utf-8")
    path.write_bytes(changed)  # saved by an editor between the check and the fix
    left, messages = write_fixes(result.findings, result.sources)
    assert messages == [f"error: {path}: changed since it was read; not fixed (run introlint again)"]
    assert path.read_bytes() == changed
    assert left == result.findings


def test_check_fix_command(tmp_path):
    from click.testing import CliRunner

    from sage_introlint.cli import main

    path = tmp_path / "intro.md"
    path.write_bytes(FILE.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", "--fix", "--select", "marketing-language", str(path)])
    assert path.read_bytes() == FILE.replace("very ", "").replace("node!", "node.").encode("utf-8")
    assert f"introlint: fixed 2 problems in {path}" in result.stderr
    assert result.stdout.count("marketing-language") == 1 and "seamless" in result.stdout  # not fixable
    assert result.exit_code == 1
    again = CliRunner().invoke(main, ["check", "--fix", "--select", "marketing-language", str(path)])
    assert "fixed" not in again.stderr and again.stdout == result.stdout


def test_check_fix_refuses_standard_input():
    from click.testing import CliRunner

    from sage_introlint.cli import main

    result = CliRunner().invoke(main, ["check", "--fix", "-"], input="It is very fast.\n")
    assert result.exit_code == 2 and "cannot fix standard input" in result.stderr
