"""The command-line contract: output lines, exit status 0/1/2, stderr messages, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli_invoke import invoke
from warm_start import command as warm_command

from sage_introlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
VECDB = str(ROOT / "fixtures" / "packs" / "vecdb-intro.yaml")
QUIVER = str(ROOT / "fixtures" / "packs" / "quiver-intro.md")
PACK = ["--pack", VECDB]
QUIVER_FINDINGS = [
    f"{QUIVER}:1:1: error: relational extensions (pgvector) are never addressed; say how Quiver differs from them [vdb-competitors]",
    f"{QUIVER}:1:1: warning: Quiver's filtered search is never mentioned [vdb-parts]",
    f'{QUIVER}:7:11: error: "blazing fast" is hype; give a number instead [vdb-hype]',
    f'{QUIVER}:7:45: error: placeholder "TODO" left in the text [vdb-placeholder]',
]


def run(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env)


def run_process(*args, cwd=ROOT, input=None):
    command = [*warm_command(module=True), *args]  # forked warm (tests/warm_start.py)
    return subprocess.run(command, cwd=cwd, input=input, capture_output=True, text=True, timeout=120)


def test_text_findings_summary_and_exit_1():
    result = run("check", QUIVER, *PACK)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == QUIVER_FINDINGS
    assert result.stderr == "3 errors, 1 warning in 1 file\n"


def test_fail_on_decides_between_0_and_1():
    assert run("check", QUIVER, *PACK, "--select", "vdb-parts").exit_code == 0
    assert run("check", QUIVER, *PACK, "--select", "vdb-parts", "--fail-on", "warning").exit_code == 1
    assert run("check", QUIVER, *PACK, "--ignore", "vdb-").exit_code == 0


def test_quiet_drops_the_summary():
    assert run("check", QUIVER, *PACK, "--quiet").stderr == ""


def test_json_and_sarif_outputs_parse():
    data = json.loads(run("check", QUIVER, *PACK, "--format", "json").stdout)
    assert [(d["rule"], d["line"], d["column"]) for d in data] == [
        ("vdb-competitors", 1, 1), ("vdb-parts", 1, 1), ("vdb-hype", 7, 11), ("vdb-placeholder", 7, 45)]
    assert data[2]["end_column"] == 23 and data[2]["suggestion"] == "fast"
    log = json.loads(run("check", QUIVER, *PACK, "--format", "sarif").stdout)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == [d["rule"] for d in data]


def test_full_and_github_formats():
    shown = run("check", QUIVER, *PACK, "--format", "full", "--select", "vdb-hype").stdout.splitlines()
    assert shown[1:] == ["    Quiver is blazing fast on a single node and TODO on a cluster.",
                         "              ^^^^^^^^^^^^"]
    github = run("check", QUIVER, *PACK, "--format", "github", "--select", "vdb-parts").stdout
    assert github.startswith(f"::warning file={QUIVER},line=1,col=1,")


def test_stdin_with_a_filename():
    text = "# Introduction\n\nQuiver is blazing fast.\n"
    result = run("check", "-", *PACK, "--select", "vdb-hype", "--stdin-filename", "paper/intro.md", input=text)
    assert result.stdout == 'paper/intro.md:3:11: error: "blazing fast" is hype; give a number instead [vdb-hype]\n'
    assert result.exit_code == 1


@pytest.mark.usefixtures("warm_introlint")
def test_missing_path_is_exit_2_and_the_other_files_are_still_checked():
    result = run_process("check", "no/such/file.md", QUIVER, *PACK)
    assert result.returncode == 2
    assert result.stdout.splitlines() == QUIVER_FINDINGS
    assert "introlint: error: no/such/file.md: no such file\n" in result.stderr
    assert "Traceback" not in result.stderr


def test_input_error_finding_is_exit_2(tmp_path):
    broken = tmp_path / "intro.md"
    broken.write_text("# Introduction\n\nQuiver stores vectors.\n\n```\nnever closed\n", encoding="utf-8")
    result = run("check", str(broken), *PACK, "--select", "vdb-hype")
    assert result.exit_code == 2 and "[input-error]" in result.stdout


def test_binary_and_non_utf8_files_are_input_errors(tmp_path):
    (tmp_path / "a.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "b.md").write_bytes(b"# Intro\n\ncaf\xe9\n")
    result = run("check", str(tmp_path / "a.md"), str(tmp_path / "b.md"), *PACK)
    assert result.exit_code == 2
    assert "binary file" in result.stderr and "b.md:3:4: not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_directory_without_introductions_is_exit_2(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n\nNothing here.\n", encoding="utf-8")
    result = run("check", str(tmp_path), *PACK, "--verbose")
    assert result.exit_code == 2
    assert f"introlint: skipped {tmp_path / 'notes.md'}: no heading of a section that is checked (Introduction, ...)" in result.stderr
    assert "no Markdown or LaTeX file with a section to check" in result.stderr


def test_directory_search_finds_quarto_and_r_markdown_sections(tmp_path):
    """A Quarto `.qmd` or R Markdown `.Rmd` paper is pandoc Markdown: a folder search checks it."""
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "intro.qmd").write_text("# Introduction {#sec-intro}\n\nOur index is blazing fast.\n")
    (tmp_path / "paper" / "paper.Rmd").write_text("---\ntitle: x\n---\n\n# Introduction\n\nThe index is blazing fast.\n")
    result = run("check", str(tmp_path), *PACK, "--select", "vdb-hype", "--format", "json")
    assert sorted((Path(f["path"]).name, f["line"]) for f in json.loads(result.stdout)) == [("intro.qmd", 3), ("paper.Rmd", 7)]


def test_directory_search_checks_the_latex_main_file_once(tmp_path):
    (tmp_path / "main.tex").write_text("\\begin{document}\n\\input{sections/intro}\n\\end{document}\n")
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "intro.tex").write_text("\\section{Introduction}\nQuiver is blazing fast.\n")
    (tmp_path / "sections" / "related.tex").write_text("\\section{Related Work}\nOther systems.\n")
    result = run("check", str(tmp_path), *PACK, "--select", "vdb-hype", "--verbose")
    assert result.stdout.splitlines() == [
        f'{tmp_path / "sections" / "intro.tex"}:2:11: error: "blazing fast" is hype; give a number instead [vdb-hype]']
    assert f"introlint: checked {tmp_path / 'main.tex'}" in result.stderr
    assert "included by" in result.stderr and "related.tex: no section heading that is checked" in result.stderr


def test_malformed_config_is_exit_2_with_its_position():
    result = invoke("check", QUIVER, "--config", "fixtures/config/malformed.yaml", cwd=ROOT)
    assert result.status == 2
    assert "introlint: error: fixtures/config/malformed.yaml:4:" in result.err


def test_config_found_next_to_the_file_applies():
    result = run("check", str(ROOT / "fixtures" / "config" / "vecdb" / "intro.md"), "--format", "json")
    rules = {(d["rule"], d["severity"]) for d in json.loads(result.stdout)}
    assert rules == {("vdb-competitors", "error"), ("vdb-hype", "warning"), ("vdb-placeholder", "error")}


def test_unknown_select_lists_known_rules():
    result = run("check", QUIVER, *PACK, "--select", "nope")
    assert result.exit_code == 2
    assert "--select: unknown rule 'nope'; known rules: vdb-paragraph-count, vdb-competitors" in result.stderr


def test_usage_error_is_exit_2():
    assert run("check", QUIVER, "--format", "xml").exit_code == 2
    assert run("check").exit_code == 2


def test_internal_error_is_one_line_and_the_other_files_go_on(monkeypatch, tmp_path):
    import sage_introlint.checker as engine  # the checker loads each paper

    real_load = engine.load_paper

    def load(source, *args):
        if source.path.endswith("boom.md"):
            raise RuntimeError("boom")
        return real_load(source, *args)

    monkeypatch.setattr(engine, "load_paper", load)
    (tmp_path / "boom.md").write_text("# Introduction\n\nText.\n", encoding="utf-8")
    result = run("check", str(tmp_path / "boom.md"), QUIVER, *PACK, "--select", "vdb-hype")
    assert result.exit_code == 2
    assert f"introlint: internal error while checking {tmp_path / 'boom.md'}: RuntimeError: boom\n" in result.stderr
    assert "[vdb-hype]" in result.stdout


def test_statistics_counts_rules():
    assert "    1  error    vdb-hype\n" in run("check", QUIVER, *PACK, "--statistics").stderr


def test_colour_only_when_wanted():
    assert "\x1b[" not in run("check", QUIVER, *PACK).stdout  # not a terminal
    assert "\x1b[" in run("check", QUIVER, *PACK, "--color").stdout
    assert "\x1b[" not in run("check", QUIVER, *PACK, "--color", env={"NO_COLOR": "1"}).stdout


def test_help_names_every_option():
    text = run("check", "--help").stdout
    for option in ("--kind", "--format", "--config", "--pack", "--select", "--ignore", "--fail-on",
                   "--stdin-filename", "--quiet", "--statistics", "--verbose", "--color", "introlint-disable"):
        assert option in text
    assert all(command in run("--help").stdout for command in ("check", "stats", "rules", "explain", "init"))


def test_explain_a_rule_two_section_packs_define():
    both = run("explain", "system-coverage").stdout
    assert both.startswith("system-coverage is a rule of 2 sections")
    assert "In the Abstract (pack sage-abstract)" in both and "In the Introduction (pack sage-intro)" in both
    assert "declarative dataflow and unified control plane" in both and "All five parts of SAGE" in both
    one = run("explain", "system-coverage", "--pack", "sage-abstract").stdout
    assert one.startswith("system-coverage: The abstract presents") and "In the" not in one


def test_rules_and_explain():
    listed = run("rules", *PACK).stdout.splitlines()
    assert listed[0].split()[:3] == ["vdb-paragraph-count", "error", "intro"]
    explained = run("explain", "vdb-hype", *PACK).stdout
    assert "Numbers convince reviewers" in explained and "Quiver is blazing fast." in explained
    unknown = run("explain", "vdb-nope", *PACK)
    assert unknown.exit_code == 2 and "known rules: vdb-paragraph-count" in unknown.stderr


def test_explain_the_built_in_rules_rules_lists():
    for rule_id, severity in (("unused-suppression", "warning"), ("input-error", "error")):
        explained = run("explain", rule_id, *PACK)
        assert explained.exit_code == 0 and explained.stdout.startswith(f"{rule_id}: ")
        assert f"default severity {severity}; built in" in explained.stdout
    assert "unused-suppression" in run("explain", "vdb-nope", *PACK).stderr


def test_stats_json_and_text():
    data = json.loads(run("stats", QUIVER, *PACK, "--format", "json").stdout)
    assert data["kind"] == "intro"
    assert [(p["line"], p["sentences"], p["competitors"]) for p in data["paragraphs"]] == [
        (3, 2, ["nearest-neighbour libraries"]), (6, 2, ["managed vector databases"]), (9, 1, [])]
    assert data["coverage"]["parts"]["missing"] == ["filtered search"]
    assert "competitor classes: 2/3; missing: relational extensions" in run("stats", QUIVER, *PACK).stdout


def test_init_writes_a_valid_config_and_refuses_to_overwrite(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "paper").mkdir()
    pack = tmp_path / "rules" / "vecdb.yaml"  # a config names packs inside its repository only
    pack.parent.mkdir()
    pack.write_text(Path(VECDB).read_text(encoding="utf-8"), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path / "paper")
    try:
        first = run("init", "--pack", str(pack))
        second = run("init")
        forced = run("init", "--pack", "../rules/vecdb.yaml", "--force", "--kind", "intro")
    finally:
        os.chdir(cwd)
    written = tmp_path / ".introlint.yaml"
    assert first.exit_code == 0 and "- id: introlint" in first.stdout
    assert second.exit_code == 2 and "already exists; use --force" in second.stderr
    assert forced.exit_code == 0
    assert yaml.safe_load(written.read_text())["kind"] == "intro"
    assert "#   vdb-hype:" in written.read_text()
    quiver = tmp_path / "intro.md"
    quiver.write_text(Path(QUIVER).read_text(), encoding="utf-8")
    assert run("check", str(quiver), "--select", "vdb-hype").exit_code == 1  # the written config works


@pytest.mark.parametrize("args, env, traceback", [
    ([], {}, False), (["--debug"], {}, True), ([], {"INTROLINT_DEBUG": "1"}, True),
])
def test_internal_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, args, env, traceback):
    import sage_introlint.engine

    def broken(*_, **__):
        raise RuntimeError("a bug")

    monkeypatch.setattr(sage_introlint.engine, "check_paths", broken)
    monkeypatch.delenv("INTROLINT_DEBUG", raising=False)
    result = CliRunner().invoke(main, [*args, "check", QUIVER], env=env)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "introlint: internal error: RuntimeError: a bug"
    assert ("Traceback (most recent call last)" in result.stderr) == traceback


def test_a_folder_given_as_dot_names_its_files_as_their_input_files_are_named(tmp_path):
    """`check .` prints main.tex, not ./main.tex, beside sec/bg.tex that main.tex \\inputs."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "sec").mkdir()
    (tmp_path / "main.tex").write_text("\\section{Introduction}\nWe present a seamless system.\n\\input{sec/bg}\n")
    (tmp_path / "sec" / "bg.tex").write_text("\\section{Background}\nThis is a TODO item.\n")
    run = invoke("check", ".", cwd=tmp_path)
    assert [line.split(": ")[0] for line in run.lines] == ["main.tex:2:14", "sec/bg.tex:2:11"]
