"""Every rule case in fixtures/rules/<rule-id>.yaml: text -> exactly the expected positions."""

from __future__ import annotations

import pytest
import yaml

from sage_introlint.checks import run

from .conftest import FIXTURES, load_text, pack_data, with_options


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case, rules):
    rule = with_options(rules[rule_id], case.get("options"))
    doc = load_text(case["text"], case.get("format", "md"), case.get("kind"))
    found = sorted([f.line, f.column] for f in run(rule, doc))
    assert found == sorted(case["findings"]), [f"{f.line}:{f.column} {f.message}" for f in run(rule, doc)]


def test_every_rule_has_fail_and_pass_cases():
    missing = []
    for entry in pack_data()["rules"]:
        path = FIXTURES / f"{entry['id']}.yaml"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"] if path.exists() else []
        if not any(c["findings"] for c in cases):
            missing.append(f"{entry['id']}: no fail case")
        if not any(not c["findings"] for c in cases):
            missing.append(f"{entry['id']}: no pass case")
    assert not missing


HEURISTIC = ["competitor-contrast", "system-balance", "feature-listing", "training-scope", "novelty-claim",
             "repeated-description", "acronym-definition"]


@pytest.mark.parametrize("rule_id", HEURISTIC)
def test_heuristic_rules_have_three_true_and_three_false_cases(rule_id):
    cases = yaml.safe_load((FIXTURES / f"{rule_id}.yaml").read_text(encoding="utf-8"))["cases"]
    assert sum(1 for c in cases if c["findings"]) >= 3
    assert sum(1 for c in cases if not c["findings"]) >= 3


def test_fixture_files_name_rules_of_the_pack():
    ids = {entry["id"] for entry in pack_data()["rules"]}
    assert {path.stem for path in FIXTURES.glob("*.yaml")} <= ids


def test_pack_rules_build(rules):
    assert set(rules) == {entry["id"] for entry in pack_data()["rules"]}
