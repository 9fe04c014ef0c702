"""The default set's rules are about SAGE: a paper that never names it is checked as any systems
paper (systems-intro, systems-sections), and introlint says so; a pack the user names is applied."""

from __future__ import annotations

import pytest
from cli_invoke import invoke

from sage_introlint.pack import load_pack

# Our own text: a made-up key-value store, with a buzzword at 3:59 and one at 8:78.
OTHER_INTRO = """# Introduction

Key-value stores sit under many web services. Tessel is a seamless store for small objects.
It keeps hot keys in memory and writes cold keys to flash.
"""
OTHER_PAPER = OTHER_INTRO + """
# Evaluation

We compare Tessel with two stores on a cluster of eight nodes. Tessel offers unparalleled speed.
"""


def write(tmp_path, text, name="paper.md"):
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / name).write_text(text)
    return name


def rules_of(run):
    return sorted({line.rsplit("[", 1)[1].rstrip("]") for line in run.lines})


def test_a_paper_that_never_names_sage_gets_the_generic_rules(tmp_path):
    run = invoke("check", "--verbose", write(tmp_path, OTHER_PAPER), cwd=tmp_path)
    assert [line.split(" is marketing")[0] for line in run.lines] == [
        'paper.md:3:59: error: "seamless"', 'paper.md:8:78: error: "unparalleled"']
    assert run.messages == ["introlint: checked paper.md",
                            "introlint: paper.md never names SAGE: checked as any systems paper "
                            "(systems-intro, systems-sections); --pack sage-paper applies the SAGE rules"]
    assert run.status == 1


def test_the_note_needs_verbose(tmp_path):
    run = invoke("check", write(tmp_path, OTHER_INTRO), cwd=tmp_path)
    assert run.messages == [] and run.err == "1 error in 1 file\n"


@pytest.mark.parametrize("how", ["option", "config", "sections"])
def test_a_named_pack_is_always_applied(tmp_path, how):
    name = write(tmp_path, OTHER_INTRO)
    if how == "config":
        (tmp_path / ".introlint.yaml").write_text("pack: sage-paper\n")
    if how == "sections":  # packs mapped to sections by the team: the set is theirs, as written
        (tmp_path / ".introlint.yaml").write_text("sections:\n  related-work: sage-related-work\n")
    run = invoke("check", *(["--pack", "sage-paper"] if how == "option" else []), name, cwd=tmp_path)
    assert {"trimming-points", "sentence-count"} <= set(rules_of(run))  # the SAGE prompt 2.2 rules
    assert not [m for m in run.messages if "never names" in m]


def test_a_paper_that_names_sage_gets_the_sage_rules(tmp_path):
    run = invoke("check", write(tmp_path, OTHER_INTRO.replace("Tessel is", "SAGE is")), cwd=tmp_path)
    assert {"trimming-points", "sentence-count"} <= set(rules_of(run))
    assert not [m for m in run.messages if "never names" in m]


def test_a_paper_about_another_system_named_sage_gets_the_generic_rules(tmp_path):
    """Our text: a SAGE spelled out as other words, with none of the SAGE paper's own terms, is
    another system of that name; the same paper that speaks of a control plane is ours."""
    other = OTHER_INTRO.replace("Tessel is a", "SAGE (Small Adaptive Grid Engine) is a")
    run = invoke("check", "--verbose", write(tmp_path, other), cwd=tmp_path)
    assert rules_of(run) == ["marketing-language"]
    assert "introlint: paper.md spells SAGE out as another system's name: checked as any systems paper " \
           "(systems-intro); --pack sage-paper applies the SAGE rules" in run.messages
    ours = other.replace("writes cold keys to flash", "its control plane moves cold keys to flash")
    assert {"trimming-points", "sentence-count"} <= set(rules_of(invoke("check", write(tmp_path, ours), cwd=tmp_path)))


def test_a_config_tuned_for_sage_rules_still_loads_on_another_paper(tmp_path):
    (tmp_path / ".introlint.yaml").write_text("rules:\n  competitor-coverage: off\n  marketing-language: warning\n")
    run = invoke("check", write(tmp_path, OTHER_INTRO), cwd=tmp_path)
    assert run.status == 0 and rules_of(run) == ["marketing-language"]
    assert run.lines[0].startswith("paper.md:3:59: warning:")


def test_a_subject_names_known_sections_with_section_packs(tmp_path):
    (tmp_path / "set.yaml").write_text(
        "name: our-set\nsections:\n  - {name: introduction, pack: systems-intro, headings: [introduction]}\n"
        "rules: []\nsubject:\n  name: Tessel\n  pattern: Tessel\n  otherwise:\n    evaluation: systems-sections\n")
    with pytest.raises(Exception) as caught:
        load_pack(str(tmp_path / "set.yaml"))
    assert str(caught.value).endswith("set.yaml:9:5: unknown section 'evaluation'; sections: introduction")


def test_stats_counts_the_groups_of_the_packs_check_uses(tmp_path):
    """`stats` agrees with `check`: no SAGE coverage for a paper about something else."""
    name = write(tmp_path, OTHER_PAPER)
    generic = invoke("stats", name, cwd=tmp_path)
    assert generic.status == 0 and "paragraph" in generic.out
    assert "parts of SAGE" not in generic.out and "coverage:" not in generic.out
    named = invoke("stats", "--pack", "sage-paper", name, cwd=tmp_path)
    assert "parts of SAGE: 0/5" in named.out


def test_ledger_says_why_there_is_none_for_a_paper_about_something_else(tmp_path):
    name = write(tmp_path, OTHER_PAPER)
    run = invoke("ledger", name, cwd=tmp_path)
    assert run.status == 2
    assert run.messages == ["introlint: error: there is no ledger to read: paper.md never names SAGE: checked as any "
                            "systems paper (systems-intro, systems-sections); --pack sage-paper applies the SAGE "
                            "rules, which read the claims"]
    assert invoke("ledger", "--pack", "sage-paper", name, cwd=tmp_path).status == 0


@pytest.mark.parametrize("pack, sage_rules", [(None, False), ("sage-paper", True)])
def test_init_leaves_the_choice_to_the_default_set_unless_a_pack_is_given(tmp_path, pack, sage_rules):
    """`init` without --pack writes no `pack:` line: another team's paper keeps the generic rules
    after it, as before it; `init --pack sage-paper` applies the SAGE rules to every paper."""
    name = write(tmp_path, OTHER_INTRO)
    made = invoke("init", *(["--pack", pack] if pack else []), cwd=tmp_path)
    assert made.status == 0
    import yaml
    written = yaml.safe_load((tmp_path / ".introlint.yaml").read_text())
    assert written.get("pack") == pack and written["kind"] == "auto"
    run = invoke("check", name, cwd=tmp_path)
    assert ("trimming-points" in rules_of(run)) == sage_rules and "marketing-language" in rules_of(run)
