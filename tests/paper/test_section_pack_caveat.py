"""A section pack on a whole paper checks one section; the run says which sections it left out
(on standard error, without --verbose), so a clean result is not read as a clean paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_invoke import invoke

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "paper" / "whole"

# Our own text: a Markdown paper with a title, two known sections, a Background and references.
PAPER = """# SAGE

## Introduction

SAGE runs pipelines of language models. It places each stage on a node.

## Background

Pipelines call several services.

## Design

The kernel schedules work.

## References

[1] A. Author. A paper. 2020.
"""


def test_sage_intro_on_a_markdown_paper_names_each_section_left_out(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "paper.md").write_text(PAPER)
    run = invoke("check", "--pack", "sage-intro", "paper.md", cwd=tmp_path)
    assert run.messages == ['introlint: note: paper.md: sage-intro checks the Introduction only; not checked: '
                            '"Background" (7:1), "Design" (11:1); the default set, sage-paper, checks each '
                            'section with its own pack']
    quiet = invoke("check", "--pack", "sage-intro", "--quiet", "paper.md", cwd=tmp_path)
    assert quiet.messages == [] and quiet.out == run.out and quiet.status == run.status
    whole = invoke("check", "paper.md", cwd=tmp_path)  # the default set checks every section: nothing to say
    assert not [m for m in whole.messages if "note:" in m]


def test_sage_intro_on_a_latex_paper_names_the_abstract_and_the_input_files():
    run = invoke("check", "--pack", "sage-intro", "main.tex", cwd=WHOLE)
    assert run.messages == [
        'introlint: note: main.tex: sage-intro checks the Introduction only; not checked: "Abstract" '
        '(sections/abstract.tex:1:1), "Related Work" (sections/related.tex:1:1), "System Design" '
        '(sections/design.tex:1:1), "Evaluation" (sections/evaluation.tex:1:1), "Conclusion" (11:1); '
        'the default set, sage-paper, checks each section with its own pack']
    assert run.status == 0 and run.out == ""


@pytest.mark.parametrize("args", [["sections/introduction.tex"], ["--section", "introduction", "main.tex"]])
def test_nothing_is_said_when_nothing_is_left_out(args):
    run = invoke("check", "--pack", "sage-intro", *args, cwd=WHOLE)
    assert run.status in (0, 1) and run.err.endswith("in 1 file\n")
    assert not [m for m in run.messages if "note:" in m]
