"""RE2 reads `\\w` and `\\b` as ASCII: a user pattern that cannot mean what it says is warned
about when its pack loads, and `introlint explain` notes it for every user pattern using them."""

from __future__ import annotations

import warnings

import pytest

from sage_introlint import user_regex
from sage_introlint.cli import process
from sage_introlint.pack import load_pack

from cli_invoke import invoke


def _pack(folder, *patterns: str):
    listed = ", ".join('"' + p.replace("\\", "\\\\") + '"' for p in patterns)
    (folder / "mine.yaml").write_text(
        "name: mine\nrules:\n  - id: mine\n    check: pattern\n    severity: error\n    summary: s\n"
        f"    options: {{mode: forbidden, patterns: [{listed}], message: found}}\n", encoding="utf-8")
    return folder / "mine.yaml"


@pytest.mark.parametrize("pattern, beside", [
    ("\\bété\\b", "é"), ("naïv\\B", None), ("caf\\bé", "é"), ("\\Bßx", "ß"), ("x\\bü", "ü"), ("\\b日本", "日"),
])
def test_a_boundary_beside_a_non_ascii_letter_is_named(pattern, beside):
    said = user_regex.ascii_boundary(pattern)
    assert (said is None) == (beside is None)
    if beside:
        assert repr(beside) in said and "ASCII" in said


@pytest.mark.parametrize("pattern", ["\\bcafe\\b", "\\w+é", "é\\\\b", "[\\b]", "\\\\bé", "é", "\\bx é"])
def test_patterns_that_mean_what_they_say_are_left_alone(pattern):
    assert user_regex.ascii_boundary(pattern) is None


def test_the_pack_loader_warns_with_file_line_and_column(tmp_path):
    path = _pack(tmp_path, "\\bété\\b")
    with pytest.warns(user_regex.UserRegexWarning) as caught:
        load_pack(str(path))
    message = str(caught[0].message)
    assert message.startswith(f"{path}:7:") and "'é'" in message


def test_a_clean_user_pack_loads_without_a_warning(tmp_path):
    path = _pack(tmp_path, "\\bfast\\w*\\b")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_pack(str(path))


def test_the_command_prints_the_warning_as_one_line(capsys):
    before = warnings.showwarning
    try:
        process.show_warnings()
        process.show_warnings()  # again: installed once, not wrapped twice
        warnings.showwarning(user_regex.UserRegexWarning("mine.yaml:7:5: x"), user_regex.UserRegexWarning, "f", 1)
    finally:
        warnings.showwarning = before
    assert capsys.readouterr().err == "introlint: warning: mine.yaml:7:5: x\n"


def test_explain_notes_ascii_classes_in_a_user_pattern_only(tmp_path):
    _pack(tmp_path, "\\bquick\\w*")
    (tmp_path / ".introlint.yaml").write_text("pack: mine.yaml\n", encoding="utf-8")
    mine = invoke("explain", "mine", cwd=tmp_path)
    assert mine.status == 0 and "Note: RE2 runs this rule's patterns" in mine.out
    assert "Note: RE2" not in invoke("explain", "marketing-language").out  # shipped: `re`, Unicode
