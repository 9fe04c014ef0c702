"""The read policy for untrusted input: \\input and packs stay inside the repository root, never
enter .git, read only regular TeX files, within a budget; YAML that would explode is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sage_introlint.confinement import MAX_INCLUDES, set_root
from sage_introlint.document import load_path
from sage_introlint.errors import ConfigError, InputError
from sage_introlint.yamlfile import MAX_DEPTH, parse_yaml

SECRET = "SECRET-7f3a"


@pytest.fixture
def repo(tmp_path):
    root, outside = tmp_path / "repo", tmp_path / "outside"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text(SECRET)
    (root / ".git" / "hooks.tex").write_text(SECRET)
    (root / ".env").write_text(SECRET)
    (root / "sub").mkdir()
    outside.mkdir()
    (outside / "secret.tex").write_text(SECRET)
    (root / "out.tex").symlink_to(outside / "secret.tex")
    (root / "outdir").symlink_to(outside, target_is_directory=True)
    os.mkfifo(root / "fifo.tex")
    (root / "dev.tex").symlink_to("/dev/zero")
    yield root
    set_root(None)


def problems_of(root: Path, include: str, secret_allowed: bool = False) -> list[str]:
    (root / "main.tex").write_text(f"\\section{{Introduction}}\nWe show it.\n\\input{{{include}}}\nMore words.\n")
    doc = load_path(str(root / "main.tex"))
    assert secret_allowed or SECRET not in doc.text
    return [p.message for p in doc.problems]


@pytest.mark.parametrize("include, why", [
    ("{outside}/secret", "outside the repository root"),
    ("../outside/secret", "outside the repository root"),
    ("sub/../../outside/secret.tex", "outside the repository root"),
    (".git/config", "inside a .git folder"),
    ("sub/../.git/hooks", "inside a .git folder"),
    ("out", "outside the repository root"),
    ("outdir/secret", "outside the repository root"),
    ("/etc/passwd", "outside the repository root"),
    ("/dev/zero", "outside the repository root"),
    ("fifo", "not a regular file"),
    ("dev", "outside the repository root"),
    (".env", "not a TeX file"),
])
def test_an_input_that_leaves_the_policy_is_an_input_error_naming_it(repo, include, why):
    include = include.format(outside=repo.parent / "outside")
    found = problems_of(repo, include)
    assert len(found) == 1 and why in found[0] and "line 3" in found[0], found


def test_a_root_named_on_the_command_line_widens_the_policy(repo):
    set_root(str(repo.parent))
    assert problems_of(repo, "../outside/secret", secret_allowed=True) == []


def test_figures_and_bibliographies_are_skipped_quietly(repo):
    (repo / "fig.tikz").write_text("\\draw (0,0) -- (1,1);")
    assert problems_of(repo, "fig.tikz") == []


def test_include_fan_out_stops_at_the_budget(repo):
    for index in range(40):
        children = "".join(f"\\input{{p{j}}}\n" for j in range(index + 1, min(40, index + 11)))
        (repo / f"p{index}.tex").write_text(f"Words {index}.\n{children}")
    found = problems_of(repo, "p0")
    assert len(found) == 1 and "nested more than 16 deep" in found[0], found  # said once


def test_include_count_stops_at_the_budget(repo):
    for index in range(MAX_INCLUDES + 5):
        (repo / f"w{index}.tex").write_text(f"Words {index}.\n")
    (repo / "wide.tex").write_text("".join(f"\\input{{w{index}}}\n" for index in range(MAX_INCLUDES + 5)))
    found = problems_of(repo, "wide")
    assert len(found) == 1 and f"more than {MAX_INCLUDES} \\input files" in found[0], found


def test_a_fifo_or_device_named_directly_is_refused_unread(repo):
    for name in ("fifo.tex", "dev.tex"):
        with pytest.raises(InputError, match="not a regular file|outside the repository root"):
            load_path(str(repo / name))


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


@pytest.mark.parametrize("text, why", [
    (LAUGHS, "aliases expand to more than"),
    ("a: &r [*r]\n", "refers to a value that contains it"),
    ("a: &r {b: *r}\n", "refers to a value that contains it"),
    ("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n", "nested more than"),
    ("a: !!python/object/apply:os.system ['true']\n", "malformed YAML"),
])
def test_hostile_yaml_is_refused_with_a_position(text, why):
    with pytest.raises(ConfigError, match=why):
        parse_yaml("x.yaml", text)


def test_aliases_within_the_limit_still_work():
    data = parse_yaml("x.yaml", "a: &a [1, 2]\nb: *a\n").data
    assert data == {"a": [1, 2], "b": [1, 2]}
