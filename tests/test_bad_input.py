"""Bad input through the real command: one clear line, the right exit status, nothing written.

Every case runs `introlint check` (in-process; two cases in a real subprocess, `python -m
sage_introlint`) on copies of the inputs in a temporary folder, beside a good file (`good.md`, "revolutionary" at 3:15) that must still be
checked. After the run the folder must hold the same files with the same sha256: introlint
never writes to what it checks, nor beside it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from cli_invoke import Run, invoke
from warm_start import command

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "fixtures" / "bad"
CLI = command(module=True)  # `python -m sage_introlint`, forked warm (tests/warm_start.py)
GOOD = 'good.md:3:15: error: "revolutionary" is marketing language'
MARKETING = "[marketing-language]"
INPUT_ERROR = "[input-error]"
SUMMARY = re.compile(r"^(no problems|\d+ (error|warning|info))")


def tree(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under `folder`."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def introlint(folder: Path, *args: str, stdin: bytes | None = None, process: bool = False) -> Run:
    """Run the CLI in `folder` (in-process, or in a subprocess with `process`); assert no traceback
    and that no file there changed or appeared."""
    before = tree(folder)
    if process:
        env = dict(os.environ, NO_COLOR="1")
        proc = subprocess.run(CLI + list(args), cwd=folder, input=stdin, capture_output=True, timeout=300, env=env)
        run = Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))
    else:
        run = invoke(*args, cwd=folder, input=stdin)
    assert "Traceback" not in run.out + run.err, run.err
    assert "internal error" not in run.err, run.err
    assert tree(folder) == before, "introlint wrote to or beside the files it checked"
    return run


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A copy of fixtures/bad (inputs we wrote ourselves) in a folder of its own."""
    target = tmp_path / "bad"
    shutil.copytree(BAD, target)
    return target


def assert_file_error(run: Run, pattern: str) -> None:
    """Exactly one `introlint: error:` line, matching `pattern`; the good file still checked; exit 2."""
    assert run.status == 2, (run.status, run.err)
    assert len(run.messages) == 1, run.err
    assert re.fullmatch(r"introlint: error: " + pattern, run.messages[0]), run.messages[0]
    assert SUMMARY.match(run.err.splitlines()[-1]), run.err
    assert any(line.startswith(GOOD) for line in run.lines), run.out


# --- files that cannot be read ----------------------------------------------------------------


def test_missing_file(work):
    run = introlint(work, "check", "nowhere.md", "good.md")
    assert_file_error(run, r"nowhere\.md: no such file")


def test_directory_with_nothing_to_check(work):
    (work / "notes").mkdir()
    (work / "notes" / "todo.txt").write_text("not a draft\n")
    (work / "notes" / "readme.md").write_text("# Readme\n\nNo introduction here.\n")
    run = introlint(work, "check", "notes", "good.md")
    assert_file_error(run, r"notes: no Markdown or LaTeX file with a section to check.*")


def test_binary_file(work):
    (work / "intro.md").write_bytes(bytes(range(256)) * 8)
    run = introlint(work, "check", "intro.md", "good.md")
    assert_file_error(run, r"intro\.md: binary file.*")


def test_utf16_file_is_binary_not_a_crash(work):
    (work / "intro.md").write_bytes("# Introduction\n\nText.\n".encode("utf-16"))
    run = introlint(work, "check", "intro.md", "good.md")
    assert_file_error(run, r"intro\.md: binary file.*")


def test_latin1_file_names_the_line_and_column(work):
    (work / "intro.md").write_bytes("# Introduction\n\nThe caf\u00e9 is revolutionary.\n".encode("latin-1"))
    run = introlint(work, "check", "intro.md", "good.md")
    assert_file_error(run, r"intro\.md:3:8: not UTF-8 .*")


def test_latin1_on_standard_input(work):
    run = introlint(work, "check", "-", "good.md", "--stdin-filename", "draft.md",
                    stdin="# Introduction\n\nCaf\u00e9.\n".encode("latin-1"))
    assert_file_error(run, r"draft\.md:3:4: not UTF-8 .*")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(work):
    target = work / "intro.md"
    target.write_text("# Introduction\n\nText.\n")
    target.chmod(0)
    try:
        run = introlint(work, "check", "intro.md", "good.md")
    finally:
        target.chmod(0o644)
    assert_file_error(run, r"intro\.md: permission denied")


def test_stats_on_a_missing_file_is_one_line(work):
    run = introlint(work, "stats", "nowhere.md")
    assert run.status == 2
    assert run.err.splitlines() == ["introlint: error: nowhere.md: no such file"]


# --- documents with problems: an input-error finding, and the rest is still checked -----------


def assert_input_error(run: Run, path: str, line: int, after: tuple[str, int, int] | None) -> None:
    """One input-error for `path` at `line`; the buzzword planted after the defect is reported."""
    assert run.status == 2, (run.status, run.out, run.err)
    errors = run.findings(path, "input-error")
    assert len(errors) == 1, run.out
    assert errors[0].startswith(f"{path}:{line}:"), errors[0]
    if after is not None:
        where = f"{after[0]}:{after[1]}:{after[2]}: "
        assert any(l.startswith(where) and l.endswith(MARKETING) for l in run.lines), (where, run.out)
    assert any(line.startswith(GOOD) for line in run.lines), run.out
    assert run.messages == [], run.err  # reported as a finding, not a second message on stderr


@pytest.mark.parametrize("path, line, after", [
    ("unclosed_fence.md", 5, ("unclosed_fence.md", 9, 5)),
    ("unclosed_math.md", 5, ("unclosed_math.md", 8, 5)),
    ("unclosed_math.tex", 2, ("unclosed_math.tex", 4, 5)),
    ("unclosed_itemize.tex", 3, ("unclosed_itemize.tex", 6, 5)),
    ("unbalanced_braces.tex", 2, ("unbalanced_braces.tex", 4, 5)),
    ("missing_input.tex", 3, ("missing_input.tex", 4, 5)),
])
def test_defect_is_reported_and_the_text_after_it_is_checked(work, path, line, after):
    run = introlint(work, "check", path, "good.md")
    assert_input_error(run, path, line, after)


def test_input_cycle_is_reported_and_both_files_are_checked(work):
    run = introlint(work, "check", "cycle/main.tex", "good.md")
    assert_input_error(run, "cycle/part.tex", 2, ("cycle/part.tex", 1, 3))
    assert any(l.startswith("cycle/main.tex:4:5: ") and l.endswith(MARKETING) for l in run.lines), run.out


@pytest.mark.parametrize("path", ["empty.md", "only_comments.md", "only_comments.tex", "only_invisible.md"])
def test_nothing_to_check_is_one_input_error(work, path):
    run = introlint(work, "check", path, "good.md")
    assert_input_error(run, path, 1, None)
    assert [l for l in run.lines if l.startswith(f"{path}:")] == run.findings(path, "input-error")


def nested_markdown_list(depth: int) -> str:
    items = [f"{'  ' * level}- level {level} of the list" for level in range(depth)]
    return "# Introduction\n\nA lead-in:\n\n" + "\n".join(items) + "\n\nThe revolutionary text after the list.\n"


def nested_latex_list(depth: int) -> str:
    opens = "\n".join(f"\\begin{{itemize}}\\item level {level}" for level in range(depth))
    closes = "\n".join("\\end{itemize}" for _ in range(depth))
    return f"\\section{{Introduction}}\nA lead-in:\n{opens}\n{closes}\n\nThe revolutionary text after the list.\n"


@pytest.mark.parametrize("name, text, line", [
    ("nested.md", nested_markdown_list(200), 4 + 200 + 2),
    ("nested_12.md", nested_markdown_list(12), 4 + 12 + 2),
    ("nested.tex", nested_latex_list(200), 2 + 200 + 200 + 2),
    ("quotes.md", "# Introduction\n\n" + ">" * 200 + " a deep quote\n\nThe revolutionary text after it.\n", 5),
])
def test_deep_nesting_does_not_drop_the_rest_of_the_file(work, name, text, line):
    (work / name).write_text(text)
    run = introlint(work, "check", name, "good.md")
    assert run.status in (1, 2), run.err
    assert any(l.startswith(f"{name}:{line}:5: ") and l.endswith(MARKETING) for l in run.lines), run.out
    assert any(l.startswith(GOOD) for l in run.lines), run.out


def test_braces_nested_too_deeply_for_the_parser_are_one_input_error(work):
    (work / "deep.tex").write_text("\\section{Introduction}\n" + "{" * 3000 + "x" + "}" * 3000 + "\n")
    run = introlint(work, "check", "deep.tex", "good.md")
    assert run.status == 2
    assert len(run.findings("deep.tex", "input-error")) == 1, run.out
    assert any(l.startswith(GOOD) for l in run.lines), run.out


def big_markdown(size: int) -> str:
    sentence = "The scheduler places each request on a worker that already holds its model. "
    paragraph = sentence * 8 + "The design is revolutionary.\n\n"
    return "# Introduction\n\n" + paragraph * (size // len(paragraph))


def test_ten_megabyte_file_is_one_clear_error(work, capsys):
    (work / "big.md").write_text(big_markdown(10 * 1024 * 1024 + 4096))
    assert (work / "big.md").stat().st_size >= 10 * 1024 * 1024
    started = time.perf_counter()
    run = introlint(work, "check", "big.md", "good.md")
    with capsys.disabled():
        print(f"\n10 MB file: {time.perf_counter() - started:.1f} s")
    assert_file_error(run, r"big\.md: .*too large.*")


@pytest.mark.slow
def test_largest_accepted_file_finishes(work, capsys):
    """Just under the size limit (1 MB), every rule: it must finish and report the planted terms."""
    from sage_introlint.document import MAX_BYTES

    (work / "big.md").write_text(big_markdown(MAX_BYTES - 4096))
    started = time.perf_counter()
    # past the default per-file time budget on a slow machine: this test is about finishing at all
    run = introlint(work, "check", "--timeout", "900", "big.md", "good.md")
    with capsys.disabled():
        print(f"\n{MAX_BYTES - 4096} byte file, all rules: {time.perf_counter() - started:.1f} s")
    assert run.status == 1, run.err
    assert any(l.startswith("big.md:3:") and l.endswith(MARKETING) for l in run.lines)
    assert any(l.startswith(GOOD) for l in run.lines)


# --- configuration and packs ------------------------------------------------------------------


def test_malformed_config_names_file_line_column_and_other_folders_are_checked(work):
    run = introlint(work, "check", "malformed_config/intro.md", "good.md")
    assert_file_error(run, r"malformed_config/\.introlint\.yaml:4:14: malformed YAML: .*")
    assert not any(l.startswith("malformed_config/") for l in run.lines)


def test_malformed_config_given_with_config_option(work):
    run = introlint(work, "check", "--config", "malformed_config/.introlint.yaml", "good.md")
    assert run.status == 2
    assert len(run.messages) == 1 and re.match(
        r"introlint: error: malformed_config/\.introlint\.yaml:4:14: malformed YAML", run.messages[0]), run.err


@pytest.mark.parametrize("pack, where", [
    ("malformed_pack.yaml", r"malformed_pack\.yaml:5:\d+: malformed YAML: .*"),
    ("unknown_key_pack.yaml", r"unknown_key_pack\.yaml:7:5: unknown key 'colour'.*"),
])
def test_bad_pack_names_file_line_column(work, pack, where):
    for command in (["check", "--pack", pack, "good.md"], ["rules", "--pack", pack]):
        run = introlint(work, *command)
        assert run.status == 2
        assert len(run.messages) == 1 and re.fullmatch("introlint: error: " + where, run.messages[0]), run.err


def test_unknown_pack_name_lists_the_shipped_ones(work):
    run = introlint(work, "check", "--pack", "no-such-pack", "good.md")
    assert run.status == 2
    assert len(run.messages) == 1 and "sage-intro" in run.messages[0], run.err
    assert "no problems" not in run.err and "1 path could not be checked" in run.err, run.err  # not a pass


@pytest.mark.parametrize("command", [
    ["check", "--select", "marketing-languag3", "good.md"],
    ["check", "--ignore", "no-such-rule", "good.md"],
    ["explain", "no-such-rule"],
])
def test_unknown_rule_id_lists_known_ones(work, command):
    run = introlint(work, *command)
    assert run.status == 2
    assert len(run.messages) == 1, run.err
    assert "unknown rule" in run.messages[0] and "marketing-language" in run.messages[0], run.err
    assert "sentence-count" in run.messages[0]


def test_unknown_rule_id_in_config_names_its_line(work):
    (work / "team").mkdir()
    (work / "team" / ".introlint.yaml").write_text("rules:\n  sentence-count: warning\n  sentense-length: off\n")
    shutil.copy(work / "good.md", work / "team" / "intro.md")
    run = introlint(work, "check", "team/intro.md", "good.md")
    assert_file_error(run, r"team/\.introlint\.yaml:3:3: unknown rule 'sentense-length'; known rules: .*"
                           r"marketing-language.*")


def evil_pack(pattern: str) -> str:
    return f"""name: evil
rules:
  - id: evil-pattern
    check: terms
    severity: error
    summary: A pattern a user wrote.
    options:
      lists:
        - message: "found {{match}}"
          regex: true
          terms:
            - '{pattern}'
"""


@pytest.mark.parametrize("pattern", [
    r"(a+)+$", r"(\w+\s?)*$", r"([a-z]+)*z", r"(a*)*b",
    r"(a|a)*b",     # the same text two ways through an alternation: exponential
    r"(a|aa)+$",    # overlapping alternatives: Fibonacci-many ways
])
def test_pathological_regex_in_a_user_pack_runs_in_linear_time(work, pattern):
    """User patterns run on RE2: a run of 'a's that takes Python's `re` minutes is nothing to it."""
    (work / "evil.yaml").write_text(evil_pack(pattern))
    (work / "evil.md").write_text("# Introduction\n\nWe saw " + "a" * 5000 + "! and more.\n")
    run = introlint(work, "check", "--pack", "evil.yaml", "evil.md")
    assert run.status in (0, 1), (pattern, run.err)


def test_invalid_regex_in_a_user_pack(work):
    (work / "evil.yaml").write_text(evil_pack("(unclosed"))
    run = introlint(work, "check", "--pack", "evil.yaml", "good.md")
    assert run.status == 2
    assert len(run.messages) == 1 and re.match(r"introlint: error: evil\.yaml:12:15: invalid regular expression",
                                               run.messages[0]), run.err


@pytest.mark.usefixtures("warm_introlint")
def test_many_bad_inputs_at_once_each_get_one_line_and_good_ones_are_checked(work):
    (work / "binary.md").write_bytes(b"\x00\x01\x02")
    (work / "latin.md").write_bytes(b"caf\xe9\n")
    run = introlint(work, "check", "nowhere.md", "binary.md", "latin.md", "unclosed_fence.md", "good.md",
                    process=True)
    assert run.status == 2
    assert len(run.messages) == 3, run.err
    assert [m.split(":")[2].strip() for m in run.messages] == ["nowhere.md", "binary.md", "latin.md"]
    assert run.findings("unclosed_fence.md", "input-error")
    assert any(l.startswith(GOOD) for l in run.lines)


@pytest.mark.usefixtures("warm_introlint")
def test_a_reader_that_stops_early_gets_no_error_message(work):
    """`introlint rules | head -1`: the pipe closes before the output is written; introlint stops
    without a word on standard error (a broken pipe is the reader's choice, not an error to show)."""
    proc = subprocess.Popen(CLI + ["rules"], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 2
    assert err == b""
