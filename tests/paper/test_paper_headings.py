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
