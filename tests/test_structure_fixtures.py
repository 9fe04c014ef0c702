"""fixtures/structure: one construct of real LaTeX and Markdown per file, with its expected shape.

Each `NAME.tex`/`NAME.md` has a `NAME.expected.yaml`: `paragraphs` (sentences per paragraph),
and optionally `words` (plain text -> [line, column] where it comes from), `sentences_start`
(the [line, column] of each paragraph's first sentence), `leftovers` ([line, column, end line,
end column] of each note to co-authors), `absent` (text that must not be prose) and `config`
(a `latex:` section as in `.introlint.yaml`), `kind` (default intro).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_yaml import load_yaml

from sage_introlint.document import load_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "structure"
CASES = sorted(path for path in FIXTURES.iterdir() if path.suffix in (".tex", ".md") and path.with_suffix(".expected.yaml").exists())


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name)
def test_structure_fixture(path):
    expected = load_yaml(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    latex = (expected.get("config") or {}).get("latex") or {}
    doc = load_path(str(path), latex=latex)
    assert [len(paragraph.sentences) for paragraph in doc.paragraphs] == expected["paragraphs"]
    assert doc.kind == expected.get("kind", "intro")
    for word, (line, column) in (expected.get("words") or {}).items():
        position = doc.position(doc.text.index(word))
        assert (position.line, position.column) == (line, column), word
    if "sentences_start" in expected:
        starts = [doc.position(paragraph.sentences[0].start) for paragraph in doc.paragraphs]
        assert [[p.line, p.column] for p in starts] == expected["sentences_start"]
    if "leftovers" in expected:
        found = [[n.start.line, n.start.column, n.end.line, n.end.column] for n in doc.leftovers]
        assert found == expected["leftovers"]
    for text in expected.get("absent") or []:
        assert text not in doc.text


def test_every_fixture_has_an_expectation():
    documents = [path for path in FIXTURES.iterdir() if path.suffix in (".tex", ".md")]
    assert documents and len(documents) == len(CASES)
