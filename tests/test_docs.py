"""Whole documents written as prompts 2.1/2.2 produce them -> exactly the expected findings.

Each `fixtures/docs/<name>.md|.tex` has `<name>.expected.yaml` (or `<name>.md.expected.yaml` /
`<name>.tex.expected.yaml` when both a .md and a .tex share the name):
  findings: [[rule, line, column], ...]   the exact set over every rule of the shipped pack
  select: [rule, ...]                     optional: only these rules are run
  kind: intro | outline | paragraph       optional: instead of auto-detection
  xfail: "why"                            optional: a known bug elsewhere (strict: passes -> fails)
Clean drafts expect `findings: []`: no error, no warning, no info.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_yaml import load_yaml

from sage_introlint.engine import check_paths

DOCS = Path(__file__).resolve().parents[1] / "fixtures" / "docs"
# LaTeX outlines and paragraph answers (`kind:` set): their own folder, since the editor's
# re-parse tests take fixtures/docs as prose Introductions.
FOLDERS = (DOCS, DOCS / "latex-kinds")


SUFFIXES = (".md", ".tex")


def _document_of(expected: Path) -> Path:
    name, folder = expected.name[: -len(".expected.yaml")], expected.parent
    if name.endswith(SUFFIXES):
        return folder / name
    sources = [folder / (name + suffix) for suffix in SUFFIXES if (folder / (name + suffix)).exists()]
    assert len(sources) == 1, f"{expected.name}: expected one document named {name}.md or {name}.tex"
    return sources[0]


def _documents():
    for expected in sorted(p for folder in FOLDERS for p in folder.glob("*.expected.yaml")):
        sources = [_document_of(expected)]
        spec = load_yaml(expected.read_text(encoding="utf-8")) or {}
        marks = [pytest.mark.xfail(reason=spec["xfail"], strict=True)] if spec.get("xfail") else []
        yield pytest.param(sources[0], spec, id=sources[0].name, marks=marks)


def test_every_document_has_expectations():
    documents = {p for folder in FOLDERS for p in folder.iterdir() if p.suffix in SUFFIXES}
    covered = [_document_of(p) for folder in FOLDERS for p in folder.glob("*.expected.yaml")]
    assert documents and sorted(covered) == sorted(documents)


@pytest.mark.parametrize("path, spec", list(_documents()))
def test_document_findings(path, spec):
    select = ",".join(spec["select"]) if spec.get("select") else None
    result = check_paths([str(path)], kind=spec.get("kind"), select=select)
    assert not result.errors, result.errors
    found = {(f.rule, f.line, f.column) for f in result.findings}
    wanted = {tuple(item) for item in spec.get("findings") or []}
    report = [f"{f.line}:{f.column} {f.severity} {f.rule}: {f.message}" for f in result.findings]
    assert found == wanted, "\n".join(report)


def test_readme_layout_names_only_paths_that_exist():
    import re as _re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    named = [token for line in block.splitlines() for token in _re.findall(r"(?:^|(?<=\s))([\w.-]+(?:/[\w.*-]*)+|[\w-]+\.(?:py|yaml|tsv))", line.split("  ")[0] if line.startswith(" ") else line)]
    root = Path(__file__).resolve().parent.parent
    files = {path.name for path in (root / "sage_introlint").rglob("*")}
    installed = {"sage_introlint/rules"}  # rules/ as it is installed
    missing = [name for name in named
               if not (root / name).exists() and name.rstrip("/") not in files and name not in installed]
    assert named and not missing, missing


def test_readme_layout_names_every_module_and_folder():
    """A newcomer finds the file for a concern from the Layout: every module (in every package)
    and every package of sage_introlint is named there (a new one needs its words)."""
    import re as _re

    root = Path(__file__).resolve().parent.parent
    block = (root / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1].split("```", 2)[1]
    named = set(_re.findall(r"[\w-]+\.py|[\w-]+/", block))
    package = root / "sage_introlint"
    from sage_introlint.checks import CHECK_KINDS

    named |= {word + ".py" for word in _re.findall(r"\w+", block)}  # `formats/ text, json, ..`
    named |= {kind + ".py" for kind in CHECK_KINDS}  # "one module per check kind"
    wanted = {p.name for p in package.rglob("*.py") if p.stem not in ("__init__", "__main__")}
    wanted |= {p.parent.name + "/" for p in package.glob("*/__init__.py")}
    assert not wanted - named, f"add these to README's Layout: {sorted(wanted - named)}"
