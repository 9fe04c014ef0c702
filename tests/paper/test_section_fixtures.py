"""Sections and whole papers written as the SAGE prompts produce them -> exactly these findings.

Each `fixtures/paper/sections|whole|styles/<name>.md|.tex` with a `<name>[.md|.tex].expected.yaml` next to it:
  findings: [[rule, line, column], ...]   the exact set (paths relative to the document's folder
                                          when a finding is in an \\input file: [rule, line, column, file])
  section: NAME                           optional: check the file as this section (--section)
Clean drafts expect `findings: []`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_yaml import load_yaml

from sage_introlint.engine import check_paths

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "paper"


def _document(expected: Path) -> Path:
    name = expected.name[: -len(".expected.yaml")]
    if name.endswith((".md", ".tex")):
        return expected.with_name(name)
    found = [expected.with_name(name + suffix) for suffix in (".md", ".tex") if expected.with_name(name + suffix).exists()]
    assert len(found) == 1, expected
    return found[0]


def _cases():
    for expected in sorted([*(FIXTURES / "sections").glob("*.expected.yaml"), *(FIXTURES / "whole").glob("*.expected.yaml"),
                            *(FIXTURES / "styles").glob("*.expected.yaml")]):
        yield pytest.param(_document(expected), load_yaml(expected.read_text(encoding="utf-8")) or {},
                           id=str(expected.relative_to(FIXTURES)))


@pytest.mark.parametrize("path, spec", list(_cases()))
def test_findings_are_exact(path, spec):
    result = check_paths([str(path)], section=spec.get("section"))
    assert not result.errors, result.errors
    found = set()
    for f in result.findings:
        item = (f.rule, f.line, f.column)
        if Path(f.path).resolve() != path.resolve():
            item += (str(Path(f.path).resolve().relative_to(path.parent.resolve())),)
        found.add(item)
    wanted = {tuple(item) for item in spec.get("findings") or []}
    report = [f"{f.path}:{f.line}:{f.column} {f.severity} {f.rule}: {f.message}" for f in result.findings]
    assert found == wanted, "\n".join(report)


def test_every_section_has_clean_and_planted_drafts_in_markdown_and_latex():
    names = {p.name for p in (FIXTURES / "sections").iterdir() if p.suffix in (".md", ".tex")}
    for section in ("abstract", "related-work", "system", "experiments"):
        for state in ("clean", "planted"):
            for suffix in (".md", ".tex"):
                assert f"{state}-{section}{suffix}" in names, f"{state}-{section}{suffix}"
