"""Whole papers (LaTeX with \\input sections, and Markdown) with planted cross-section defects
give exactly those findings; the consistent ones give none (fixtures/paper/*.expected.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_yaml import load_yaml

from sage_introlint.engine import check_paths

PAPERS = Path(__file__).resolve().parents[2] / "fixtures" / "paper"


def _cases():
    for expected in sorted(PAPERS.glob("*.expected.yaml")):
        spec = load_yaml(expected.read_text(encoding="utf-8"))
        for paper, findings in spec["papers"].items():
            yield pytest.param(paper, spec["select"], findings, id=paper)


@pytest.mark.parametrize("paper, select, expected", list(_cases()))
def test_paper_gives_exactly_the_planted_findings(paper, select, expected):
    result = check_paths([str(PAPERS / paper)], select=",".join(select))
    assert not result.errors
    found = [[f.rule, str(Path(f.path).relative_to(PAPERS)), f.line, f.column] for f in result.findings]
    assert sorted(found, key=lambda f: (f[1], f[2], f[3])) == sorted(expected, key=lambda f: (f[1], f[2], f[3]))


def test_each_claim_finding_names_the_other_place_and_both_texts():
    result = check_paths([str(PAPERS / "planted/main.tex")], select="claim-consistency")
    abstract, experiments = result.findings
    assert abstract.section == "abstract" and experiments.section == "experiments"
    assert f"32% at {experiments.path}:{experiments.line}:{experiments.column}" in abstract.message
    assert f"35% at {abstract.path}:{abstract.line}:{abstract.column}" in experiments.message
    assert "SAGE lowers p99 latency by 32% relative to" in abstract.message
    assert "SAGE reduces p99 latency by 35% compared to vLLM" in abstract.message


@pytest.mark.parametrize("stage, severity", [("draft", "info"), ("final", "error")])
def test_the_consistent_papers_open_slots_follow_the_stage(stage, severity):
    result = check_paths([str(PAPERS / "consistent/main.tex")], select="placeholder", stage=stage)
    assert [(Path(f.path).name, f.line, f.column, f.severity) for f in result.findings] == [
        ("abstract.tex", 12, 15, severity), ("experiments.tex", 10, 29, severity),
        ("experiments.tex", 11, 11, severity), ("experiments.tex", 17, 42, severity)]


def test_a_disable_comment_silences_a_paper_wide_finding(tmp_path):
    text = (PAPERS / "planted.md").read_text(encoding="utf-8")
    (tmp_path / "paper.md").write_text(
        text.replace("## Control Plane Effectiveness\n", "## Control Plane Effectiveness\n\n"
                     "<!-- introlint-disable-next-line claim-consistency -->"), encoding="utf-8")
    result = check_paths([str(tmp_path / "paper.md")], select="claim-consistency")
    assert [(f.line, f.column) for f in result.findings] == [(12, 50)]
