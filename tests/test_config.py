"""Config: found upward from the file, validated with positions, applied to the pack's rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sage_introlint.config import config_for, configured_rules, find_config, load_config
from sage_introlint.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "config"
VECDB_PACK = ROOT / "fixtures" / "packs" / "vecdb-intro.yaml"


def write_config(folder: Path, text: str, name: str = ".introlint.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def vecdb_config(folder: Path, rules: str = "") -> Path:
    """A config naming a pack file beside it (a config may name packs inside its repository only)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(VECDB_PACK, folder / VECDB_PACK.name)
    return write_config(folder, f"pack: {VECDB_PACK.name}\n" + rules)


def test_found_from_the_files_folder_upward(tmp_path):
    config = vecdb_config(tmp_path / "paper")
    assert find_config(str(tmp_path / "paper" / "sections" / "intro")) == str(config)


def test_search_stops_at_the_repository_root(tmp_path):
    vecdb_config(tmp_path)  # above the repository: must not be used
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "paper").mkdir()
    assert find_config(str(tmp_path / "repo" / "paper")) is None


def test_config_at_the_repository_root_is_found(tmp_path):
    (tmp_path / ".git").mkdir()
    config = vecdb_config(tmp_path)
    assert find_config(str(tmp_path / "a" / "b")) == str(config)


def test_pyproject_tool_section(tmp_path):
    shutil.copy(VECDB_PACK, tmp_path / VECDB_PACK.name)
    write_config(tmp_path, f'[tool.introlint]\npack = "{VECDB_PACK.name}"\nkind = "intro"\n'
                           '[tool.introlint.rules]\nvdb-hype = "warning"\n', name="pyproject.toml")
    config = config_for(str(tmp_path))
    assert config.kind == "intro"
    rules = {rule.id: rule for rule in configured_rules(config)}
    assert rules["vdb-hype"].severity == "warning"


def test_introlint_yaml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write_config(tmp_path, '[tool.introlint]\nkind = "outline"\n', name="pyproject.toml")
    write_config(tmp_path, "kind: paragraph\n")
    assert config_for(str(tmp_path)).kind == "paragraph"


def test_severity_off_and_options_merge_over_the_pack(tmp_path):
    vecdb_config(tmp_path, "rules:\n  vdb-parts: off\n  vdb-hype: info\n"
                           "  vdb-paragraph-count: {severity: warning, max: 9}\n")
    rules = {rule.id: rule for rule in configured_rules(config_for(str(tmp_path)))}
    assert "vdb-parts" not in rules
    assert rules["vdb-hype"].severity == "info"
    assert rules["vdb-paragraph-count"].severity == "warning"
    assert rules["vdb-paragraph-count"].options == {"of": "paragraphs", "min": 3, "max": 9}


def test_unknown_rule_id_lists_the_known_ones():
    with pytest.raises(ConfigError) as caught:
        configured_rules(load_config(str(FIXTURES / "unknown-rule.yaml")))
    message = str(caught.value)
    if "unknown pack" in message:
        pytest.skip("rules/sage-intro.yaml not written yet")
    assert "unknown-rule.yaml:4:3: unknown rule 'sentense-length'; known rules:" in message
    assert "sentence-length" in message


def test_malformed_yaml_points_at_file_line_column():
    with pytest.raises(ConfigError, match=r"malformed\.yaml:4:\d+: malformed YAML"):
        load_config(str(FIXTURES / "malformed.yaml"))


def test_malformed_toml_points_at_file_line_column(tmp_path):
    write_config(tmp_path, "[tool.introlint]\nkind = \n", name="pyproject.toml")
    with pytest.raises(ConfigError, match=r"pyproject\.toml:2:8: malformed TOML"):
        config_for(str(tmp_path))


@pytest.mark.parametrize("text, where, words", [
    ("kind: essay\n", ":1:1:", "unknown kind 'essay'"),
    ("exclud: [a]\n", ":1:1:", "unknown key 'exclud'"),
    ("rules:\n  vdb-hype: loud\n", ":3:3:", "must be off, error, warning, info"),
])
def test_bad_values_are_located(tmp_path, text, where, words):
    path = vecdb_config(tmp_path, text) if "rules" in text else write_config(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        configured_rules(load_config(str(path)))
    assert ".introlint.yaml" + where in str(caught.value) and words in str(caught.value)


def test_unknown_option_in_a_rule_setting(tmp_path):
    path = vecdb_config(tmp_path, "rules:\n  vdb-paragraph-count: {maximum: 9}\n")
    with pytest.raises(ConfigError, match=r"\.introlint\.yaml:3:25: check kind 'count' takes no option 'maximum'"):
        configured_rules(load_config(str(path)))


def test_select_and_ignore_take_ids_and_prefixes(tmp_path):
    config = load_config(str(vecdb_config(tmp_path)))
    assert [r.id for r in configured_rules(config, select="vdb-p")] == ["vdb-paragraph-count", "vdb-parts",
                                                                        "vdb-placeholder"]
    assert [r.id for r in configured_rules(config, select="vdb-p", ignore="vdb-pa")] == ["vdb-placeholder"]
    with pytest.raises(ConfigError, match="--select: unknown rule 'zzz'; known rules: vdb-paragraph-count"):
        configured_rules(config, select="zzz")


def test_select_overrides_off(tmp_path):
    config = load_config(str(vecdb_config(tmp_path, "rules:\n  vdb-hype: off\n")))
    assert [r.id for r in configured_rules(config, select="vdb-hype")] == ["vdb-hype"]


def test_extra_packs_add_rules(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("name: extra\nrules:\n  - id: no-todo\n    check: terms\n    severity: info\n"
                     "    summary: s\n    options: {lists: [{message: m, terms: [todo]}]}\n")
    config = load_config(str(vecdb_config(tmp_path, "packs: [extra.yaml]\n")))
    assert [r.id for r in configured_rules(config)][-1] == "no-todo"


def test_explicit_config_file_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        config_for(str(tmp_path), str(tmp_path / "missing.yaml"))


@pytest.mark.parametrize("named", ["{outside}", "../outside/p.yaml", ".git/p.yaml", "link.yaml", "fifo.yaml"])
def test_a_config_names_packs_only_inside_its_repository(tmp_path, named):
    import os

    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / ".git").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(VECDB_PACK, outside / "p.yaml")
    shutil.copy(VECDB_PACK, repo / ".git" / "p.yaml")
    (repo / "link.yaml").symlink_to(outside / "p.yaml")
    os.mkfifo(repo / "fifo.yaml")
    write_config(repo, f"pack: {named.format(outside=outside / 'p.yaml')}\n")
    with pytest.raises(ConfigError, match="outside the repository root|inside a .git folder|no such pack file"):
        configured_rules(config_for(str(repo)))


def test_malformed_pyproject_tool_is_a_config_error(tmp_path):
    write_config(tmp_path, "tool = 5\n[x]\n", name="pyproject.toml")
    (tmp_path / "pyproject.toml").write_text("tool = 5\n# [tool.introlint]\n")
    with pytest.raises(ConfigError, match="'tool' must be a table"):
        config_for(str(tmp_path))


def test_latex_note_and_list_macros_reach_the_front_end(tmp_path):
    from sage_introlint.engine import check_paths

    (tmp_path / ".introlint.yaml").write_text("pack: systems-intro\nlatex:\n  note-macros: [ab, '\\cd']\n  list-macros: [tight]\n")
    (tmp_path / "intro.tex").write_text(
        "\\section{Introduction}\nOur queue drains fast.\\ab{really?} It never stalls. \\cd{check}\n"
        "\\begin{tight}\n\\item One.\n\\end{tight}\n"
    )
    config = load_config(str(tmp_path / ".introlint.yaml"))
    assert config.latex == {"note-macros": ["ab", "\\cd"], "list-macros": ["tight"]}
    result = check_paths([str(tmp_path / "intro.tex")], config_file=str(tmp_path / ".introlint.yaml"))
    notes = [(f.line, f.column) for f in result.findings if f.rule == "placeholder"]
    assert notes == [(2, 23), (2, 53)]


@pytest.mark.parametrize("text", ["latex: {note-macros: [a b]}\n", "latex: {note-macros: rz}\n", "latex: {notes: [rz]}\n"])
def test_bad_latex_section_is_located(tmp_path, text):
    (tmp_path / ".introlint.yaml").write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(str(tmp_path / ".introlint.yaml"))
    assert ".introlint.yaml:1:" in str(error.value)
