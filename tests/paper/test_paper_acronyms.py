"""Acronyms across a paper: a reader who met a definition or a name in an earlier section knows
it later, and a short form never spelled out is reported once, at its first use in the paper."""

from __future__ import annotations

from cli_invoke import invoke

# Our own text: a made-up FPGA compiler, in three files.
MAIN = "\\documentclass{article}\n\\begin{document}\n\\input{intro}\n\\input{eval}\n\\end{document}\n"
INTRO = ("\\section{Introduction}\n"
         "We build a high-level synthesis (HLS) flow for packet processing on FPGAs.\n"
         "We present WEAVE, a compiler that maps each element to its own pipeline.\n"
         "Rules live in a TCAM on the card.\n")
EVAL = ("\\section{Evaluation}\n"
        "The HLS flow of WEAVE reaches line rate on every trace.\n"
        "A larger TCAM holds twice as many rules.\n")


def test_definitions_and_names_carry_over_and_undefined_is_reported_once(tmp_path):
    (tmp_path / ".git").mkdir()
    for name, text in {"main.tex": MAIN, "intro.tex": INTRO, "eval.tex": EVAL}.items():
        (tmp_path / name).write_text(text)
    run = invoke("check", "--select", "acronym-definition", "main.tex", cwd=tmp_path)
    assert [line.split(" is never")[0] for line in run.lines] == ['intro.tex:4:17: warning: "TCAM"']


def test_a_short_form_spelled_out_only_in_a_later_section_is_reported_where_first_used_and_says_so(tmp_path):
    (tmp_path / ".git").mkdir()
    later = EVAL + "Each card holds a ternary content-addressable memory (TCAM) of its own.\n"
    for name, text in {"main.tex": MAIN, "intro.tex": INTRO, "eval.tex": later}.items():
        (tmp_path / name).write_text(text)
    run = invoke("check", "--select", "acronym-definition", "main.tex", cwd=tmp_path)
    assert run.lines == ['intro.tex:4:17: warning: "TCAM" is spelled out only in a later section: write the full term '
                         'followed by (TCAM) here, at its first use [acronym-definition]']
