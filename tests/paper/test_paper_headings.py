"""Heading notes in a whole paper: each section sees its own headings, so a heading marked as a
draft is reported once, not once per section checked from the same file."""

from __future__ import annotations

from cli_invoke import invoke

# Our own text: a made-up page cache, one file with four sections.
PAPER = ("\\documentclass{article}\n\\begin{document}\n"
         "\\begin{abstract}\nWe build a page cache. It keeps hot pages.\n\\end{abstract}\n"
         "\\section{Introduction}\nThe cache is small. It holds pages.\n"
         "\\section{Related Work (draft)}\nOther caches exist. They evict too early.\n"
         "\\section{Design}\n\\textbf{TODO:} draw the figure. The design has two tiers.\n"
         "\\end{document}\n")


def test_a_draft_heading_and_a_run_in_note_are_reported_once_each(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "paper.tex").write_text(PAPER)
    run = invoke("check", "--select", "placeholder", "paper.tex", cwd=tmp_path)
    assert [line.split(": error")[0] for line in run.lines] == ["paper.tex:8:23", "paper.tex:11:9"]


def test_a_remark_in_parentheses_after_a_title_does_not_change_the_section(tmp_path):
    """`## References (working)` is the references (not checked), `## Evaluation (draft)` the
    experiments: the remark after a title is no part of it. Our own text."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "paper.md").write_text(
        "# A cache\n\n## Introduction\n\nThe cache is small. It holds pages.\n\n"
        "## References (working)\n\n[1] A. Author, \"Leveraging Very Large Caches,\" in Proc. FPL, 2021.\n")
    run = invoke("check", "paper.md", cwd=tmp_path)
    assert not [line for line in run.lines if line.startswith("paper.md:9:")], run.lines
