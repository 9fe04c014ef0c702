"""`introlint stats` counts each section of a paper with the groups of that section's own pack."""

from __future__ import annotations

import json
from pathlib import Path

from cli_invoke import invoke

PAPER = Path(__file__).resolve().parents[2] / "fixtures" / "paper" / "whole" / "paper.md"


def test_stats_json_lists_every_section_and_keeps_the_introduction_on_top():
    run = invoke("stats", "--format", "json", str(PAPER))
    assert run.status == 0, run.err
    data = json.loads(run.out)
    names = [section["name"] for section in data["sections"]]
    assert names == ["abstract", "introduction", "related-work", "system", "experiments", "other"]
    intro = data["sections"][1]
    assert intro["title"] == "1. Introduction" and intro["kind"] == "intro"
    assert data["paragraphs"] == intro["paragraphs"] and data["kind"] == "intro"
    assert [row["line"] for row in intro["paragraphs"]] == [23, 34, 44, 54, 64]
    # each section is counted with its own pack's groups: classes in the Introduction only
    assert "competitor classes" not in json.dumps(data["sections"][0]["coverage"])
    assert set(intro["coverage"]) == {"competitors", "parts", "challenges"}


def test_stats_text_has_one_table_per_section_and_the_intro_groups_on_a_single_intro(tmp_path):
    run = invoke("stats", str(PAPER))
    headers = [line for line in run.lines if line.startswith(str(PAPER))]
    assert [h.split("[", 1)[1].split("]")[0] for h in headers] == [
        "Abstract", "1. Introduction", "2 Related Work", "3 System Design", "4 Evaluation", "5 Conclusion"]
    intro = tmp_path / "intro.md"
    intro.write_text("# Introduction\n\nServing engines such as vLLM batch requests well; SAGE schedules them.\n", encoding="utf-8")
    single = invoke("stats", "--kind", "intro", str(intro))
    assert single.lines[0] == f"{intro}: intro, 1 paragraph"
    assert any(line.startswith("  competitor classes: 1/5") for line in single.lines)


def test_stats_names_the_input_file_of_a_paragraph_read_from_it(tmp_path):
    (tmp_path / "sec").mkdir()
    (tmp_path / "sec" / "second.tex").write_text("The second paragraph sits in its own file.\n", encoding="utf-8")
    (tmp_path / "intro.tex").write_text(
        "\\section{Introduction}\nThe first paragraph is here.\n\n\\input{sec/second}\n\nThe third is here again.\n",
        encoding="utf-8")
    run = invoke("stats", "intro.tex", cwd=tmp_path)
    rows = [line.split()[:2] for line in run.lines if line[:1].isdigit()]
    assert rows == [["1", "2"], ["2", "sec/second.tex:1"], ["3", "6"]]
