"""Files given together are each checked once: a section that a given main file `\\input`s is
checked through it (pre-commit passes a main file and its changed sections together)."""

from __future__ import annotations

from pathlib import Path

from cli_invoke import invoke

WHOLE = Path(__file__).resolve().parents[2] / "fixtures" / "paper" / "whole"
SECTIONS = ["sections/abstract.tex", "sections/design.tex", "sections/evaluation.tex",
            "sections/introduction.tex", "sections/related.tex"]


def test_main_file_and_its_sections_report_each_finding_once():
    alone = invoke("check", "main.tex", cwd=WHOLE)
    together = invoke("check", "--verbose", "main.tex", *SECTIONS, "main.tex", cwd=WHOLE)
    assert together.status == alone.status == 1
    assert together.lines == alone.lines
    assert len(together.lines) == 5 and len(set(together.lines)) == 5
    # the three planted defects of the sections, and the Conclusion's two buzzwords in main.tex
    assert all(line.split(":")[0] in (*SECTIONS, "main.tex") for line in together.lines)
    assert [line.split(":")[1:3] for line in together.lines if line.startswith("main.tex")] == [["12", "11"], ["12", "21"]]
    assert [m for m in together.messages if "skipped" in m] == [
        *(f"introlint: skipped {name}: included by main.tex; checked through it" for name in SECTIONS),
        "introlint: skipped main.tex: given twice; checked once"]


def test_a_section_given_before_its_main_file_is_still_checked_once():
    together = invoke("check", "sections/related.tex", "main.tex", cwd=WHOLE)
    assert together.lines == invoke("check", "main.tex", cwd=WHOLE).lines


def test_sections_given_without_their_main_file_are_each_checked():
    run = invoke("check", "sections/related.tex", "sections/design.tex", cwd=WHOLE)
    assert [line.split(":")[:3] for line in run.lines] == [
        ["sections/design.tex", "19", "1"], ["sections/related.tex", "7", "30"]]


def test_files_that_include_each_other_are_checked_through_the_first_given(tmp_path):
    (tmp_path / "a.tex").write_text("\\section{Introduction}\nTODO write this.\n\\input{b}\n")
    (tmp_path / "b.tex").write_text("More text here.\n\\input{a}\n")
    run = invoke("check", "--verbose", "a.tex", "b.tex", cwd=tmp_path)
    assert "introlint: skipped b.tex: included by a.tex; checked through it" in run.messages
    assert "introlint: checked a.tex" in run.messages
