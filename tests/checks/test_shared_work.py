"""The shortcuts the checks take to share work give exactly what the plain computation gives.

- A term list is tried only where one of its terms can begin (an index of word starts): the
  matches are those of the list's pattern run over the whole span, position and entry included.
- A sentence's words are cut from its paragraph's: the same as reading the sentence alone.
- Readability's word and syllable counts are textstat's own.

Every document of fixtures/ and of the shared corpus is checked with each shortcut compared, at
every use, with the plain computation: every answer a check gets is the plain one, so its findings
are the findings without the shortcuts. (A second check with the shortcuts restored once ran here
too; it computed exactly what the first did, so it could not fail, and was half the test's time.)
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


def _seen(matches) -> list:
    """What a check reads of each match: where, which term, and the groups."""
    return [(match.span(), match.lastgroup, match.groups()) for match in matches]


@pytest.fixture
def compared(monkeypatch):
    """Every shortcut's answer compared with the plain computation's; counts of each kind of use."""
    uses = {"index": 0, "cut": 0, "counts": 0}
    matches, words_of, counts = _terms.Matcher._matches, _words._words_of, syllables.counts

    def plain_matches(self, doc, start, end, starts=None):  # starts: the word starts of [start, end) alone
        found = list(matches(self, doc, start, end, starts))
        plain = list(self.regex.finditer(doc.text, start, end))
        assert _seen(found) == _seen(plain)
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


def _check_comparing(paths: list[str], uses: dict) -> None:
    check_paths(paths, jobs=1)
    assert all(uses.values()), uses  # each shortcut was taken (and compared)


def test_shortcuts_on_fixtures(compared):
    paths = _documents(ROOT / "fixtures" / "docs") + _documents(ROOT / "fixtures" / "paper")
    _check_comparing(paths, compared)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_shortcuts_on_the_corpus(compared):
    _check_comparing(_documents(CORPUS), compared)


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


def test_per_first_word_patterns_find_what_the_whole_pattern_finds():
    """checks/_term_patterns.py: at each place only the terms whose first word stands there are
    tried; a search that ends anywhere (inside a word too) and a heading's title (`scan`) find
    exactly what the whole alternation finds."""
    from sage_introlint.document import load
    from sage_introlint.document.model import Source

    text = "Optimal optimizers: the Kernels are BE-fast, by far; e.g. seamlessly x-rate \u212aernel TODO.\n"
    doc = load(Source("w.md", text), "paragraph", ".")
    matcher = _terms.Matcher(["kernel", "be", "by far", "optim*", "e.g.", "seamless", "x", "rate", "todo"], inflect=True)
    assert matcher.keys.usable
    for end in range(len(doc.text) + 1):
        found = [(m.span(), m.lastgroup) for m in matcher._matches(doc, 0, end)]
        assert found == [(m.span(), m.lastgroup) for m in matcher.regex.finditer(doc.text, 0, end)], end
    for title in (text, "TODO: Kernels", "Optimizing by far", "\u212aernel rates"):
        assert [(m.span(), m.lastgroup) for m in matcher.scan(title)] == \
            [(m.span(), m.lastgroup) for m in matcher.regex.finditer(title)]
    assert len(list(matcher.scan(text))) >= 8


def _span_matches(text: str, matcher, span, whole_first: bool) -> list:
    from sage_introlint.document import load
    from sage_introlint.document.model import Source

    doc = load(Source("o.md", text), "paragraph", ".")
    if whole_first:  # another rule searched the whole text first
        list(matcher.finditer(doc))
    return [(entry.term, hit.start, hit.end) for entry, hit in matcher.finditer(doc, span)]


@pytest.mark.parametrize("text, cut, terms, regex", [
    # a whole-text match runs across the span's start ("beta gamma"; the span begins at "gamma")
    ("We keep alpha beta gamma here. More text follows.\n", ("gamma", " here"), ["beta gamma", "gamma"], False),
    # ... across its end: the longer term hides the shorter one at the same start
    ("Blazing fast paths win. More text follows.\n", ("Blazing", " paths"), ["blazing fast paths", "blazing"], False),
    # a word right after the span: its search sees the span's end as the term's right edge
    ("The seamlessness of it. More text follows.\n", ("The", "ness"), ["seamless"], False),
    # a user's regex may look past the span's end
    ("A foobar here. More text follows.\n", ("A", "bar"), [r"foo\b"], True),
])
def test_span_matches_do_not_depend_on_rule_order(text, cut, terms, regex):
    """A span's matches are what a search of the span alone finds, whether or not another rule
    searched the whole text first (the shared whole-text search once stood in for it blindly)."""
    from sage_introlint.document.model import Span

    span = Span(text.index(cut[0]), text.index(cut[1]))
    matcher = _terms.Matcher(terms, regex=regex)
    alone = _span_matches(text, matcher, span, whole_first=False)
    assert alone  # the case is one where the whole text's search alone would miss it
    assert _span_matches(text, matcher, span, whole_first=True) == alone


def test_span_matches_looked_up_where_they_read_the_same():
    """Where no edge is crossed, a span's matches are looked up in the shared search and equal its own."""
    from sage_introlint.document import load
    from sage_introlint.document.model import Source

    text = (ROOT / "fixtures" / "docs" / "clean-intro.md").read_text(encoding="utf-8")
    matcher = _terms.Matcher(["the", "of the", "we", "system", "data"], inflect=True)
    plain = load(Source("c.md", text), "paragraph", ".")
    shared = load(Source("c.md", text), "paragraph", ".")
    list(matcher.finditer(shared))
    sentences = [s for p in plain.paragraphs for s in p.sentences]
    assert len(sentences) > 20
    looked_up = 0
    for sentence in sentences:
        expected = list(matcher.finditer(plain, sentence))
        assert list(matcher.finditer(shared, sentence)) == expected
        looked_up += _terms._within(shared.text, shared.cache["matches"][matcher], sentence) is not None
    assert looked_up > 20
