"""The shortcuts the checks take to share work give exactly what the plain computation gives.

- A term list is tried only where one of its terms can begin (an index of word starts): the
  matches are those of the list's pattern run over the whole span, position and entry included.
- A sentence's words are cut from its paragraph's: the same as reading the sentence alone.
- Readability's word and syllable counts are textstat's own.

Every document of fixtures/ and of the shared corpus is checked with each shortcut compared, at
every use, with the plain computation; the findings stay the same as the check without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat

from sage_introlint import syllables
from sage_introlint.checks import _terms, _words
from sage_introlint.engine import check_paths

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def _documents(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if p.suffix in (".md", ".tex") and "bad" not in p.parts)


@pytest.fixture
def compared(monkeypatch):
    """Every shortcut's answer compared with the plain computation's; counts of each kind of use."""
    uses = {"index": 0, "cut": 0, "counts": 0}
    matches, words_of, counts = _terms.Matcher._matches, _words._words_of, syllables.counts

    def plain_matches(self, doc, start, end, starts=None):  # starts: the word starts of [start, end) alone
        found = list(matches(self, doc, start, end, starts))
        plain = list(self.regex.finditer(doc.text, start, end))
        assert [(m.span(), m.lastgroup) for m in found] == [(m.span(), m.lastgroup) for m in plain]
        uses["index"] += self.keys is not None and self.keys.usable
        return iter(found)

    def plain_words(doc, span):
        found = words_of(doc, span)
        assert found == _words._words(doc, span)[1], span
        uses["cut"] += (span.start, span.end) in _words._paragraphs_by_sentence(doc)
        return found

    def plain_counts(text):
        found = counts(text)
        assert found == (textstat.lexicon_count(text), textstat.syllable_count(text)), text
        uses["counts"] += 1
        return found

    monkeypatch.setattr(_terms.Matcher, "_matches", plain_matches)
    monkeypatch.setattr(_words, "_words_of", plain_words)
    monkeypatch.setattr(syllables, "counts", plain_counts)
    return uses


def _check_both_ways(paths: list[str], uses: dict, monkeypatch) -> None:
    with_shortcuts = check_paths(paths, jobs=1)
    assert all(uses.values()), uses  # each shortcut was taken
    monkeypatch.undo()
    plain = check_paths(paths, jobs=1)
    assert with_shortcuts.findings == plain.findings


def test_shortcuts_on_fixtures(compared, monkeypatch):
    paths = _documents(ROOT / "fixtures" / "docs") + _documents(ROOT / "fixtures" / "paper")
    _check_both_ways(paths, compared, monkeypatch)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_shortcuts_on_the_corpus(compared, monkeypatch):
    _check_both_ways(_documents(CORPUS), compared, monkeypatch)


def test_term_index_with_unusual_text():
    """Non-ASCII letters that match ASCII terms case-insensitively (the Kelvin sign is a `k`),
    one-letter and inflected terms whose forms begin differently (`be` -> `by`)."""
    from sage_introlint.document import load
    from sage_introlint.document.model import Source

    doc = load(Source("u.md", "The \u212aernel is by far a bit-rate x-fast; be it so. Being kernels.\n"), "paragraph", ".")
    matcher = _terms.Matcher(["kernel", "be", "a", "x", "rate"], inflect=True)
    assert matcher.keys.usable
    found = [(m.span(), m.lastgroup) for m in matcher._matches(doc, 0, len(doc.text))]
    assert found == [(m.span(), m.lastgroup) for m in matcher.regex.finditer(doc.text)]
    assert len(found) >= 5
