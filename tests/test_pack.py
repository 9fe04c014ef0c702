"""Pack loading: the shipped and the second pack load; every mistake is reported at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from sage_introlint.errors import ConfigError
from sage_introlint.pack import available_packs, load_pack

ROOT = Path(__file__).resolve().parent.parent
VECDB = ROOT / "fixtures" / "packs" / "vecdb-intro.yaml"

GOOD_RULE = """\
name: tiny
rules:
  - id: hype
    check: terms
    severity: error
    summary: No hype.
    options:
      lists:
        - message: "hype: {match}"
          terms: [revolutionary]
"""


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def error_of(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_pack(write(tmp_path, text))
    return str(caught.value)


def test_shipped_pack_loads_with_groups():
    if "sage-intro" not in available_packs():
        pytest.skip("rules/sage-intro.yaml not written yet")
    pack = load_pack("sage-intro")
    assert "marketing-language" in pack.rule_ids()
    assert {"competitors", "parts", "challenges"} <= set(pack.groups)
    assert all(rule.groups is pack.groups for rule in pack.rules)


def test_second_pack_loads_from_yaml_only():
    pack = load_pack(str(VECDB))
    assert pack.name == "vecdb-intro"
    assert pack.rule("vdb-competitors").options["group"] == "competitors"
    assert [m["name"] for m in pack.groups["parts"]["members"]] == ["tiered index", "filtered search"]
    assert pack.rule("vdb-hype").kinds == ("intro", "outline", "paragraph", "section")  # kinds default to all


def test_packs_are_cached_per_process():
    assert load_pack(str(VECDB)) is load_pack(str(VECDB))


def test_unknown_pack_name_lists_available():
    with pytest.raises(ConfigError, match="unknown pack 'nope'; available packs"):
        load_pack("nope")


def test_valid_tiny_pack(tmp_path):
    pack = load_pack(write(tmp_path, GOOD_RULE))
    assert pack.rule_ids() == ["hype"] and pack.rules[0].location == "term"


@pytest.mark.parametrize("change, where, words", [
    (("    severity: error\n", "    sevrity: error\n"), ":5:5:", "unknown key 'sevrity'"),
    (("    severity: error\n", "    severity: fatal\n"), ":5:5:", "unknown severity 'fatal'"),
    (("    check: terms\n", "    check: nosuchkind\n"), ":4:5:", "unknown check kind 'nosuchkind'; known kinds:"),
    (("    summary: No hype.\n", "    summary: [No hype.]\n"), ":6:5:", "'summary' must be a string"),
    (("    summary: No hype.\n", "    summary: No hype.\n    kinds: [intro, essay]\n"), ":7:20:", "unknown document kind 'essay'"),
    (("    summary: No hype.\n", "    summary: No hype.\n    location: page\n"), ":7:5:", "unknown location 'page'"),
    (("      lists:\n", "      listz:\n"), ":8:7:", "takes no option 'listz'"),
    (("      lists:\n", "      lists: 3\n      x:\n"), ":8:7:", "option 'lists' must be a list"),
])
def test_mistakes_name_file_line_and_column(tmp_path, change, where, words):
    message = error_of(tmp_path, GOOD_RULE.replace(*change))
    assert "pack.yaml" + where in message and words in message


def test_missing_required_option(tmp_path):
    text = GOOD_RULE.split("    options:")[0]
    assert "needs option 'lists'" in error_of(tmp_path, text)


def test_duplicate_rule_id(tmp_path):
    text = GOOD_RULE + GOOD_RULE.split("rules:\n")[1]
    message = error_of(tmp_path, text)
    assert "pack.yaml:11:5:" in message and "duplicate rule id 'hype'" in message


def test_malformed_yaml_points_at_line_and_column(tmp_path):
    message = error_of(tmp_path, "name: x\nrules: [\n  - id: a\n")
    assert "pack.yaml:3:3: malformed YAML" in message


def test_invalid_regex_is_reported_at_its_entry(tmp_path):
    text = GOOD_RULE.replace("          terms: [revolutionary]\n",
                             "          regex: true\n          terms: ['ok', 'bad(']\n")
    message = error_of(tmp_path, text)
    assert "pack.yaml:11:" in message and "invalid regular expression 'bad('" in message


@pytest.mark.parametrize("check, options, at", [
    ("trimming", "{numbers: 'sentence (', quotes: [], none: n, too_many: t, no_sentence: s, no_quote: q}", "7:15"),
    ("outline", "{part: goal, message: m, cues: ['ok', 'a(?=b)']}", "7:52"),
    ("contributions", "{cues: [c], inline: ['(1'], numbered: [n], missing: m, bullet: b, unnumbered: u, position: p}",
     "7:35"),
])
def test_regex_options_of_check_kinds_are_checked_at_load(tmp_path, check, options, at):
    text = f"name: t\nrules:\n  - id: r\n    check: {check}\n    severity: error\n    summary: s\n    options: {options}\n"
    message = error_of(tmp_path, text)
    assert f"pack.yaml:{at}" in message and "regular expression" in message, message


def test_nested_quantifier_in_a_user_pack_loads_it_runs_on_re2(tmp_path):
    text = GOOD_RULE.replace("          terms: [revolutionary]\n",
                             "          regex: true\n          terms: ['(a+)+b']\n")
    assert load_pack(write(tmp_path, text)).rule_ids() == ["hype"]


@pytest.mark.parametrize("pattern, construct, at", [
    ("a(?=b)", "lookaround", 2), ("(a)\\1", "backreference", 4), ("a++", "possessive", 2), ("(?>a)", "atomic", 1)])
def test_constructs_re2_lacks_are_refused_at_their_place(tmp_path, pattern, construct, at):
    text = GOOD_RULE.replace("          terms: [revolutionary]\n",
                             f"          regex: true\n          terms: ['ok', '{pattern}']\n")
    message = error_of(tmp_path, text)
    assert "pack.yaml:11:" in message and construct in message and f"at character {at}" in message, message


def test_unknown_group_is_named(tmp_path):
    text = ("name: t\nrules:\n  - id: cov\n    check: coverage\n    severity: error\n    summary: s\n"
            "    options: {group: rivals, message: m}\n")
    message = error_of(tmp_path, text)
    assert "pack.yaml:7:15:" in message and "unknown group 'rivals'" in message


def test_group_member_needs_terms(tmp_path):
    text = "name: t\ngroups:\n  g:\n    members:\n      - name: lonely\nrules: []\n"
    assert "pack.yaml:5:9:" in error_of(tmp_path, text)


def rule_with(check: str, options: str) -> str:
    return (f"name: t\ngroups:\n  g:\n    members: [{{name: m, terms: [x]}}]\nrules:\n  - id: r\n"
            f"    check: {check}\n    severity: error\n    summary: s\n    options: {options}\n")


@pytest.mark.parametrize("check, options, at, words", [
    ("count", "{of: word}", "10:15", "option 'of' must be one of: paragraphs, sentences, words, section-words, divisions; not 'word'"),
    ("pattern", "{mode: forbiden, message: m}", "10:15", "option 'mode' must be one of: required, forbidden"),
    ("count", "{of: words, min: -1}", "10:26", "option 'min' must be at least 0"),
    ("share", "{group: g, max_share: 2, message: m}", "10:25", "option 'max_share' must be at most 1"),
    ("readability", "{max_grade: high, message: m}", "10:15", "option 'max_grade' must be an integer or a number"),
    ("terms", "{lists: [{terms: [a], message: m, severity: loud}]}", "10:48", "'severity' must be one of"),
    ("terms", "{lists: [{terms: [a], mesage: m}]}", "10:36", "unknown key 'mesage'"),
    ("terms", "{lists: [{terms: [a]}]}", "10:23", "missing required key 'message'"),
    ("terms", "{lists: [{terms: ['--'], message: m}]}", "10:32", "empty term '--'"),
    ("trimming", "{numbers: 'S(\\d+)', quotes: ['\"(?P<quote>.*?)\"'], none: n, too_many: t, no_sentence: s, "
                 "no_quote: q}", "10:15", "needs the named group (?P<list>...)"),
    ("script", "{ranges: [[\"9FFF\", \"4E00\"]], message: m}", "10:24", "is not first <= last"),
    ("script", "{ranges: [[\"4E00\"]], message: m}", "10:24", "a range is [first, last]"),
    ("acronyms", "{allow: [], names: [rivals], undefined: u, late: l}", "10:34", "unknown group 'rivals'"),
    ("count", "{of: paragraphs, min: true}", "10:31", "option 'min' must be an integer, not bool"),
])
def test_option_values_are_checked_against_the_declared_schema(tmp_path, check, options, at, words):
    message = error_of(tmp_path, rule_with(check, options))
    assert f"pack.yaml:{at}: " in message and words in message, message


@pytest.mark.parametrize("check", ["_text", "schema", "os", "checks.count", "Count"])
def test_only_registered_check_kinds_are_accepted(tmp_path, check):
    message = error_of(tmp_path, rule_with(check, "{}"))
    assert f"pack.yaml:7:5: unknown check kind '{check}'; known kinds: acronyms," in message, message
