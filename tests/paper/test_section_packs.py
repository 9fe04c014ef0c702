"""The section packs document every rule with the prompt sentence it comes from (quoted from
../shared/seed/sage-paper-prompts.md), a bad and a good example; `explain` shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sage_introlint.cli import main
from sage_introlint.pack import load_pack

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = ROOT.parent / "shared" / "seed" / "sage-paper-prompts.md"
PACKS = ("sage-abstract", "sage-related-work", "sage-system", "sage-experiments", "sage-sections")
OWN = [rule for name in PACKS for rule in load_pack(name).rules if rule.kinds == ("section",)]


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[*`]", "", text).split())


@pytest.mark.parametrize("rule", OWN, ids=lambda r: r.id)
def test_rule_is_documented_and_its_prompt_is_quoted(rule):
    for key in ("summary", "rationale", "prompt", "bad", "good"):
        assert getattr(rule, key), f"{rule.id}: no {key}"
    if not PROMPTS.exists():
        pytest.skip("seed prompts not present")
    seed = _plain(PROMPTS.read_text(encoding="utf-8"))
    for part in re.split(r"\[\.\.\.\]|\(systems papers demand", rule.prompt):
        part = _plain(part).strip(" .")
        if len(part) > 12 and not part.endswith(")"):
            assert part in seed, f"{rule.id}: {part!r} not in the prompts"


@pytest.mark.parametrize("rule", OWN, ids=lambda r: r.id)
def test_explain_shows_prompt_and_examples(rule):
    result = CliRunner().invoke(main, ["explain", rule.id, "--pack", "sage-paper"])
    assert result.exit_code == 0, result.output
    assert "Prompt:" in result.output and "Bad:" in result.output and "Good:" in result.output


# Section rules whose `bad`/`good` describe a section's shape ("an abstract of 260 words", "four
# subsections: ...") rather than quote its text; their fixtures (fixtures/paper/sections) test them.
DESCRIBED = {"abstract-length", "category-count", "subsection-count", "experiment-structure"}
SECTION_OF = {rule.id: load_pack(name).section for name in PACKS for rule in load_pack(name).rules
              if rule.kinds == ("section",)}


def _example_findings(rule, text: str, tmp_path: Path) -> int:
    from sage_introlint.engine import check_paths

    path = tmp_path / ("example.tex" if "\\" in text else "example.md")
    if text.startswith("\\subsection"):  # one subsection of the section: under its heading
        text = "\\section{Section}\n" + text
    path.write_text(text + "\n", encoding="utf-8")
    # the SAGE rules whatever the example names (a text without SAGE gets the generic packs)
    result = check_paths([str(path)], pack="sage-paper", select=rule.id, section=SECTION_OF[rule.id])
    return len([f for f in result.findings if f.rule == rule.id])


@pytest.mark.parametrize("rule", OWN, ids=lambda r: r.id)
def test_bad_example_fires_and_good_example_does_not(rule, tmp_path):
    bad, good = _example_findings(rule, rule.bad, tmp_path), _example_findings(rule, rule.good, tmp_path)
    runs = bad > 0 and good == 0
    if rule.id in DESCRIBED:  # when its examples become text that runs, take it off the list
        assert not runs, f"{rule.id}: its examples run now; remove it from DESCRIBED"
    else:
        assert runs, (rule.id, "bad", bad, "good", good)
