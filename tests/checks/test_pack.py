"""Lint the shipped pack itself (codespell lints its dictionaries the same way)."""

from __future__ import annotations

import re

import pytest

from sage_introlint.checks import kind_module, kind_names
from sage_introlint.checks.schema import Option
from sage_introlint.document.model import Source

from .conftest import ROOT, build_rules, pack_data

CATALOGUE = {
    "paragraph-count": ("error", "doc"), "sentence-count": ("error", "para"), "outline-goal": ("error", "para"),
    "outline-bullets": ("error", "para"), "outline-prose": ("warning", "para"), "details-needed": ("warning", "doc"),
    "contributions": ("error", "doc"), "trimming-points": ("warning", "doc"),
    "competitor-coverage": ("error", "doc"), "competitor-contrast": ("warning", "sent"),
    "system-coverage": ("error", "doc"), "system-balance": ("warning", "doc"),
    "challenge-coverage": ("warning", "doc"), "novelty-claim": ("warning", "doc"),
    "feature-listing": ("warning", "para"), "training-scope": ("warning", "sent"),
    "repeated-description": ("warning", "sent"), "marketing-language": ("error", "term"),
    "non-english": ("error", "term"), "placeholder": ("error", "term"), "acronym-definition": ("warning", "term"),
    "sentence-length": ("warning", "sent"), "readability": ("info", "para"),
}
PROMPTS = ROOT.parent / "shared" / "seed" / "introduction-prompts.md"


def _key(term) -> str:
    if isinstance(term, dict):
        return str(term["term"] if "term" in term else next(iter(term))).lower()
    return str(term).lower()


def test_ids_unique_and_exactly_the_catalogue():
    ids = [rule["id"] for rule in pack_data()["rules"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(CATALOGUE)


@pytest.mark.parametrize("entry", pack_data()["rules"], ids=lambda e: e["id"])
def test_rule_is_documented_with_catalogue_severity_and_location(entry):
    for key in ("summary", "rationale", "prompt", "bad", "good", "location", "kinds"):
        assert entry.get(key), f"{entry['id']}: no {key}"
    assert (entry["severity"], entry["location"]) == CATALOGUE[entry["id"]]
    assert "\n" not in entry["summary"].strip()


@pytest.mark.parametrize("kind", kind_names())
def test_every_check_kind_declares_its_options_with_the_schema(kind):
    options = kind_module(kind).OPTIONS
    assert options and all(isinstance(option, Option) for option in options.values()), kind
    assert kind_module(kind).__doc__.strip(), kind


@pytest.mark.parametrize("entry", pack_data()["rules"], ids=lambda e: e["id"])
def test_prompt_is_quoted_from_the_seed(entry):
    if not PROMPTS.exists():
        pytest.skip("seed prompts not present")
    seed = " ".join(re.sub(r"[*`]", "", PROMPTS.read_text(encoding="utf-8")).split())
    for part in re.split(r"\[\.\.\.\]| / |\(you do not need", entry["prompt"]):
        part = " ".join(re.sub(r"[*`]", "", part).split()).strip(" .")
        if len(part) > 12 and not part.startswith("you do not") and not part.endswith(")"):
            assert part in seed, f"{entry['id']}: {part!r} not in the prompts"


def _term_lists():
    data = pack_data()
    for entry in data["rules"]:
        for index, spec in enumerate(entry.get("options", {}).get("lists", [])):
            if not spec.get("regex"):
                yield f"{entry['id']}.lists[{index}]", spec["terms"]
        for key in ("cues", "none_of", "allow"):
            if isinstance(entry.get("options", {}).get(key), list) and entry["check"] != "outline" and entry["check"] != "contributions" or key in ("allow",) and key in entry.get("options", {}):
                yield f"{entry['id']}.{key}", entry["options"][key]
        for index, group in enumerate(entry.get("options", {}).get("all_of", [])):
            yield f"{entry['id']}.all_of[{index}]", group
    for name, group in data["groups"].items():
        for member in group["members"]:
            yield f"groups.{name}.{member['name']}.terms", member.get("terms", [])
            yield f"groups.{name}.{member['name']}.systems", member.get("systems", [])


@pytest.mark.parametrize("where, terms", list(_term_lists()), ids=lambda v: v if isinstance(v, str) else "")
def test_term_lists_sorted_without_duplicates(where, terms):
    assert all(isinstance(t, (str, dict)) for t in terms), f"{where}: a YAML boolean or number (quote it)"
    keys = [_key(t) for t in terms]
    assert len(keys) == len(set(keys)), f"{where}: duplicates"
    if ".systems" not in where:  # systems keep the prompt's order: they are quoted in messages
        assert keys == sorted(keys), f"{where}: not sorted"


def test_every_group_member_has_a_name_and_words():
    for name, group in pack_data()["groups"].items():
        assert group.get("title"), name
        for member in group["members"]:
            assert member.get("name") and (member.get("terms") or member.get("systems")), member


# Rules whose `bad`/`good` describe a document's shape ("a paragraph of 14 sentences") rather
# than quote text: `explain` shows them, and their fixtures (fixtures/rules/) test the rule.
DESCRIBED = {"paragraph-count", "sentence-count", "sentence-length", "readability", "repeated-description",
             "details-needed", "system-balance", "trimming-points"}


def example_findings(rule, text: str) -> dict[str, int]:
    """kind -> findings of `rule` on `text` checked as that kind, through the engine."""
    from sage_introlint.config import DEFAULT
    from sage_introlint.engine import Checker

    checker = Checker(pack="sage-paper", select=rule.id)  # the SAGE rules, whatever the example names
    return {kind: len(checker.check_source(Source(f"example-{kind}.md", text + "\n"), DEFAULT, kind, "."))
            for kind in rule.kinds}


@pytest.mark.parametrize("rule", build_rules().values(), ids=lambda rule: rule.id)
def test_bad_example_fires_and_good_example_does_not(rule):
    bad, good = example_findings(rule, rule.bad), example_findings(rule, rule.good)
    runs = any(bad.values()) and not any(good.values())
    if rule.id in DESCRIBED:  # when its examples become text that runs, take it off the list
        assert not runs, f"{rule.id}: its examples run now; remove it from DESCRIBED"
    else:
        assert runs, (rule.id, "bad", bad, "good", good)
