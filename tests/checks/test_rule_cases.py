"""Every rule case in fixtures/rules/<rule-id>.yaml, through the engine as a user's file goes.

Each case is checked with only its rule selected (`rule:` of the case file), under the shipped
pack and the case's `options` merged as a config would merge them; the findings must sit at
exactly the expected [line, column] positions. Then the same text with the rule disabled by a
comment must give no finding of it: suppression works for every case.
"""

from __future__ import annotations

import functools

import pytest
from fixture_yaml import load_yaml

from sage_introlint.config import parse_config
from sage_introlint.document.model import Source
from sage_introlint.engine import Checker
from sage_introlint.yamlfile import YamlFile

from .conftest import FIXTURES, pack_data

DISABLE = {"md": "<!-- introlint-disable {rule} -->\n", "tex": "% introlint-disable {rule}\n"}


@functools.cache
def _case_files() -> tuple:
    """(path, data) of every case file, read once per process (both parametrizations use them)."""
    return tuple((path, load_yaml(path.read_text(encoding="utf-8"))) for path in sorted(FIXTURES.glob("*.yaml")))


def _cases():
    for path, data in _case_files():
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


def check(rule_id: str, case: dict, text: str) -> list:
    config = parse_config(YamlFile("case options", {"rules": {rule_id: case.get("options") or {}}}), ".")
    source = Source(f"case.{case.get('format', 'md')}", text)
    # the pack's rules whatever the case's text names (a text without SAGE gets the generic set)
    return Checker(pack="sage-paper", select=rule_id).check_source(source, config, case.get("kind"), ".")


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_case(rule_id, case):
    found = check(rule_id, case, case["text"])
    assert sorted([f.line, f.column] for f in found) == sorted(case["findings"]), \
        [f"{f.line}:{f.column} {f.rule} {f.message}" for f in found]
    assert {f.rule for f in found} <= {rule_id}


@pytest.mark.parametrize("rule_id, case", [p for p in _cases() if p.values[1]["findings"]])
def test_rule_case_is_silenced_by_a_disable_comment(rule_id, case):
    comment = DISABLE[case.get("format", "md")].format(rule=rule_id)
    assert check(rule_id, case, comment + case["text"]) == []


def test_case_files_are_named_for_their_rule():
    assert all(path.stem == data["rule"] for path, data in _case_files())


def test_every_rule_has_fail_and_pass_cases():
    missing = []
    for entry in pack_data()["rules"]:
        path = FIXTURES / f"{entry['id']}.yaml"
        cases = load_yaml(path.read_text(encoding="utf-8"))["cases"] if path.exists() else []
        if not any(c["findings"] for c in cases):
            missing.append(f"{entry['id']}: no fail case")
        if not any(not c["findings"] for c in cases):
            missing.append(f"{entry['id']}: no pass case")
    assert not missing


HEURISTIC = ["competitor-contrast", "system-balance", "feature-listing", "training-scope", "novelty-claim",
             "repeated-description", "acronym-definition"]


@pytest.mark.parametrize("rule_id", HEURISTIC)
def test_heuristic_rules_have_three_true_and_three_false_cases(rule_id):
    cases = load_yaml((FIXTURES / f"{rule_id}.yaml").read_text(encoding="utf-8"))["cases"]
    assert sum(1 for c in cases if c["findings"]) >= 3
    assert sum(1 for c in cases if not c["findings"]) >= 3


def test_fixture_files_name_rules_of_the_pack():
    ids = {entry["id"] for entry in pack_data()["rules"]}
    assert {path.stem for path in FIXTURES.glob("*.yaml")} <= ids
