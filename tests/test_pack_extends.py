"""`extends`: a pack starts from another pack's rules and overrides them key by key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sage_introlint.errors import ConfigError
from sage_introlint.pack import load_pack

PARENT = """\
name: base
rules:
  - id: hype
    check: terms
    severity: error
    summary: No hype.
    options:
      lists:
        - message: "hype: {match}"
          terms: [revolutionary]
  - id: long
    check: count
    severity: warning
    summary: Short sentences.
    options:
      of: words
      max: 40
"""


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_child_overrides_options_key_by_key_and_adds_rules(tmp_path):
    write(tmp_path, "base.yaml", PARENT)
    child = write(tmp_path, "child.yaml", """\
name: child
extends: base.yaml
rules:
  - id: long
    severity: error
    options:
      max: 30
  - id: hype2
    check: terms
    severity: info
    summary: More hype.
    options:
      lists:
        - message: "{match}"
          terms: [game-changing]
""")
    pack = load_pack(child)
    assert pack.rule_ids() == ["hype", "long", "hype2"]
    long = pack.rule("long")
    assert (long.severity, long.options["max"], long.options["of"], long.summary) == ("error", 30, "words", "Short sentences.")


def test_child_drops_a_rule(tmp_path):
    write(tmp_path, "base.yaml", PARENT)
    child = write(tmp_path, "child.yaml", "name: child\nextends: base.yaml\nrules:\n  - id: hype\n    drop: true\n")
    assert load_pack(child).rule_ids() == ["long"]


def test_unknown_parent_is_reported_at_extends(tmp_path):
    child = write(tmp_path, "child.yaml", "name: child\nextends: nope\nrules: []\n")
    with pytest.raises(ConfigError, match=r"child.yaml:2:1: .*unknown pack 'nope'"):
        load_pack(child)


def test_cycle_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "name: a\nextends: b.yaml\nrules: []\n")
    write(tmp_path, "b.yaml", "name: b\nextends: a.yaml\nrules: []\n")
    with pytest.raises(ConfigError, match="extends itself"):
        load_pack(str(tmp_path / "a.yaml"))


def test_child_mistake_points_at_the_child(tmp_path):
    write(tmp_path, "base.yaml", PARENT)
    child = write(tmp_path, "child.yaml", "name: child\nextends: base.yaml\nrules:\n  - id: long\n    options:\n      maxx: 3\n")
    with pytest.raises(ConfigError, match=r"child.yaml:\d+:\d+: .*takes no option 'maxx'"):
        load_pack(child)


def test_shipped_packs_share_the_style_rules():
    base, sage = load_pack("systems-intro"), load_pack("sage-intro")
    assert set(base.rule_ids()) < set(sage.rule_ids())
    # the vocabulary is written once: sage-intro's rule holds the very lists of systems-intro
    assert sage.rule("marketing-language").options["lists"] == base.rule("marketing-language").options["lists"]
    assert sage.rule("sentence-count").options["min"] == 8 and "min" not in base.rule("sentence-count").options


def test_systems_intro_knows_nothing_about_sage():
    pack = load_pack("systems-intro")
    for rule in pack.rules:
        text = " ".join([rule.summary, rule.rationale, rule.prompt, rule.bad, rule.good, str(rule.options)])
        assert not re.search(r"\bsage\b|\bsage-|sageLLM", text, re.I), rule.id
    assert not pack.groups
