"""Suppression comments: one grammar for Markdown and LaTeX, and comments that do nothing are reported."""

from __future__ import annotations

import pytest

from sage_introlint.document.suppression import parse
from sage_introlint.engine import check_text

HYPE = "This is revolutionary.\n"


@pytest.mark.parametrize("comment, parsed", [
    (" introlint-disable-next-line marketing-language ", ("disable-next-line", ("marketing-language",))),
    (" introlint-disable: a, b -- they quote a source", ("disable", ("a", "b"))),
    (" introlint-disable a b because we must", ("disable", ("a", "b", "because", "we", "must"))),
    (" introlint-enable", ("enable", ())),
    (" introlint-disabled x", None),
    (" a note about introlint-disable", None),
])
def test_one_grammar(comment, parsed):
    assert parse(comment) == parsed


def found(text: str, path: str) -> list[tuple]:
    return [(f.rule, f.line, f.column) for f in check_text(text, path)
            if f.rule in ("marketing-language", "unused-suppression")]


@pytest.mark.parametrize("path, comment", [
    ("intro.md", "<!-- introlint-disable-next-line {rules} -- reason -->\n"),
    ("intro.tex", "% introlint-disable-next-line {rules} -- reason\n"),
])
def test_markdown_and_latex_read_the_same_comment(path, comment):
    head = "# Introduction\n\n" if path.endswith(".md") else "\\section{Introduction}\n\n"
    assert found(head + comment.format(rules="marketing-language") + HYPE, path) == []
    assert found(head + comment.format(rules="marketing-language") + "This is plain.\n", path) == [
        ("unused-suppression", 3, 1)]
    assert found(head + comment.format(rules="marketing-languag") + HYPE, path) == [
        ("unused-suppression", 3, 1), ("marketing-language", 4, 9)]


def test_unused_suppression_message_names_the_comment():
    text = "# Introduction\n\n<!-- introlint-disable-next-line marketing-language -->\nThis is plain.\n"
    (notice,) = [f for f in check_text(text, "intro.md") if f.rule == "unused-suppression"]
    assert notice.severity == "warning"
    assert notice.message == "introlint-disable-next-line marketing-language silences nothing here; remove the comment"
