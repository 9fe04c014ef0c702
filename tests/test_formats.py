"""Output formats: exact lines, carets under the right text, escaping, and SARIF that validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sage_introlint.document.model import Source
from sage_introlint.findings import Finding
from sage_introlint.formats import full, github, sarif, text
from sage_introlint.formats import json as json_format
from sage_introlint.pack import load_pack

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
VECDB = ROOT / "fixtures" / "packs" / "vecdb-intro.yaml"

HYPE = Finding("docs/intro.md", 3, 11, 3, 23, "error", "vdb-hype", '"blazing fast" is hype', "fast")
DOC = Finding("docs/intro.md", 1, 1, 1, 1, "warning", "vdb-parts", "Quiver's filtered search is never mentioned")
NOTE = Finding("docs/intro.md", 2, 1, 4, 5, "info", "readability", "grade 19.3, above 18")


def test_text_line():
    assert text.render([HYPE]) == 'docs/intro.md:3:11: error: "blazing fast" is hype [vdb-hype]\n'


def test_text_colour_only_when_asked():
    assert "\x1b[" not in text.render([HYPE])
    assert "\x1b[" in text.render([HYPE], colour=True)


def test_full_puts_the_caret_under_the_span():
    source = Source("docs/intro.md", "# Intro\n\nQuiver is blazing fast on one node.\n")
    assert full.render([HYPE], sources={"docs/intro.md": source}) == (
        'docs/intro.md:3:11: error: "blazing fast" is hype [vdb-hype]\n'
        "    Quiver is blazing fast on one node.\n"
        "              ^^^^^^^^^^^^\n")


def test_full_with_tabs_and_wide_characters():
    # column 4 is "fast" after a tab and two CJK characters (each two cells wide)
    source = Source("a.md", "\t中文fast end\n")
    finding = Finding("a.md", 1, 4, 1, 8, "error", "r", "m")
    shown = full.render([finding], sources={"a.md": source}).splitlines()
    assert shown[1] == "        中文fast end"  # 4 of indent, the tab as 4 spaces
    # indent (4) + tab (4 cells) + two wide characters (2 cells each) = 12 cells before "fast"
    assert shown[2] == " " * 12 + "^^^^"


def test_full_point_finding_gets_one_caret_and_multiline_runs_to_line_end():
    source = Source("docs/intro.md", "# Introduction\nline two\nline three\nline four\n")
    lines = full.render([DOC, NOTE], sources={"docs/intro.md": source}).splitlines()
    assert lines[1:3] == ["    # Introduction", "    ^"]
    assert lines[4:6] == ["    line two", "    ^^^^^^^^"]


def test_json_has_every_field_and_suggestion_only_when_present():
    data = json.loads(json_format.render([HYPE, DOC]))
    assert data[0] == {"path": "docs/intro.md", "line": 3, "column": 11, "end_line": 3, "end_column": 23,
                       "severity": "error", "rule": "vdb-hype", "message": '"blazing fast" is hype',
                       "suggestion": "fast"}
    assert "suggestion" not in data[1]


def test_github_commands_and_levels():
    out = github.render([HYPE, DOC, NOTE]).splitlines()
    assert out[0] == ('::error file=docs/intro.md,line=3,col=11,endLine=3,endColumn=22,title=vdb-hype::'
                      '"blazing fast" is hype (suggestion: fast)')
    assert out[1].startswith("::warning file=docs/intro.md,line=1,col=1,")
    assert out[2].startswith("::notice ")


def test_github_escaping():
    finding = Finding("a,b:c.md", 1, 1, 1, 2, "error", "r", "100% sure\r\nnext")
    assert github.render([finding]) == (
        "::error file=a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=1,title=r::100%25 sure%0D%0Anext\n")


def sarif_log(findings):
    return json.loads(sarif.render(findings, rules=load_pack(str(VECDB)).rules, base_dir=str(ROOT)))


def test_sarif_results_and_rules():
    log = sarif_log([HYPE, DOC, NOTE])
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"  # the columns of every format: characters
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids[:2] == ["vdb-paragraph-count", "vdb-competitors"] and "input-error" in ids
    first = run["results"][0]
    assert first["ruleId"] == "vdb-hype" and first["level"] == "error"
    assert ids[first["ruleIndex"]] == "vdb-hype"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/intro.md"
    assert location["region"] == {"startLine": 3, "startColumn": 11, "endLine": 3, "endColumn": 23}
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]


def test_sarif_validates_against_the_schema():
    if not SCHEMA.exists():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json not present")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(sarif_log([HYPE, DOC, NOTE]), schema)
    jsonschema.validate(sarif_log([]), schema)
