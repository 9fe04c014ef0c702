"""Names and text from files never reach the output raw: no control characters, no workflow commands."""

from __future__ import annotations

import json

import pytest

from sage_introlint.document.model import Source
from sage_introlint.findings import Finding
from sage_introlint.formats import github, render
from hostile.harness import OURS
from sage_introlint.printable import leading_path, safe_output, visible

FORGE = "::error file=README.md,line=1::FORGED"
NAMES = [f"a\n{FORGE}.md", f"{FORGE}.md", f"  {FORGE}.md", "\x1b[2Jred.md", "a\rb.md", "##[error]x.md",
         "a\u202eb.md", "nel\x85.md", "bad\udcff.md"]


def finding(path: str, message: str = "m") -> Finding:
    return Finding(path, 1, 1, 1, 3, "error", "r", message)


@pytest.mark.parametrize("fmt", ["text", "full", "json", "sarif", "github"])
@pytest.mark.parametrize("name", NAMES)
def test_no_format_prints_a_name_raw(fmt, name):
    source = Source(name, f"{FORGE} x\n")
    out = render(fmt, [finding(name, f"quote {name}")], sources={name: source}, rules=[], base_dir="/r")
    out.encode("utf-8")  # nothing unprintable (a lone surrogate would fail here)
    for line in out.splitlines():
        assert not line.lstrip().startswith("::") or (fmt == "github" and OURS.match(line)), line
        assert "##[" not in line
    assert not any(c in out for c in "\x1b\r\x85\u202e")
    if fmt in ("json", "sarif"):
        json.loads(out)


def test_github_escapes_properties_and_data_as_the_spec_says():
    line = github.command(finding("a,b:c%\n.md", "50% done\r\nnext"))
    assert line.startswith("::error file=a%2Cb%3Ac%25%0A.md,line=1,")
    assert line.endswith("::50%25 done%0D%0Anext")


def test_visible_and_safe_output():
    assert visible("a\nb\x1b\t") == "a\\nb\\x1b\\t"
    assert visible("bad\udcff") == "bad\\xff"
    assert leading_path(" ::x.md") == "./ ::x.md"
    assert safe_output("ok\n  ::error::x\n##[warning]y\n") == "ok\n  \\::error::x\n##\\[warning]y\n"
    assert safe_output("::error file=a::b\n", commands=True) == "::error file=a::b\n"
