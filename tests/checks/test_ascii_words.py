"""The word scans read ASCII text with ASCII twins of their patterns (`_ascii`), and a term list
whose terms begin with an ASCII word is tried only where such a word stands: the same words,
word starts and term matches as the Unicode patterns and the whole term pattern find."""

from __future__ import annotations

import re

import pytest

from sage_introlint.checks._ascii import Twins, words_are_ascii
from sage_introlint.checks._terms import Matcher
from sage_introlint.checks._word_index import LEFT, WordStarts
from sage_introlint.checks._words import WORDS
from sage_introlint.document import Source, load

PLAIN = "A 2.5x gain \u2013 \u201cquoted\u201d e.g. v0.4.2, cutting-edge \u00a7 3 \u2019s (1) state\u2011of\u2011the\u2011art_x"
ACCENTED = ["caf\u00e9 au lait", "na\u00efve-ly", "\u0663 digits", "\u212a kelvin", "stra\u00dfe", "\u017fs long"]


@pytest.mark.parametrize("text", [PLAIN] + [PLAIN + " " + word for word in ACCENTED])
def test_an_ascii_twin_finds_what_the_unicode_pattern_finds_where_it_is_used(text):
    plain = words_are_ascii(text)
    assert plain == (text == PLAIN)  # a dash, a curly quote, a section sign are no word characters
    for twins in (WORDS, WordStarts.RUN, WordStarts.SPLIT, Twins(LEFT + r"\w+")):
        chosen = twins.pick(plain)
        assert [m.span() for m in chosen.finditer(text)] == [m.span() for m in twins.unicode.finditer(text)]
    if plain:  # not a no-op: the ASCII twin differs from the Unicode pattern on a word outside ASCII
        assert [m.span() for m in WORDS.ascii.finditer("caf\u00e9")] != [m.span() for m in WORDS.unicode.finditer("caf\u00e9")]


@pytest.mark.parametrize("text", [PLAIN] + [PLAIN + " " + word for word in ACCENTED])
@pytest.mark.parametrize("start, end", [(0, None), (3, 40), (9, 57)])
def test_word_starts_are_the_unicode_runs(text, start, end):
    end = len(text) if end is None else end
    unicode_runs = [(m.start(), m.group()) for m in re.finditer(LEFT + r"\w+", text[:end]) if m.start() >= start]
    found = WordStarts(text, start, end)
    assert list(zip(found.places, found.runs)) == unicode_runs


def test_a_term_whose_first_word_is_ascii_is_looked_up_by_it():
    """`L1\u2013L6` begins with the ASCII run `L1`: the list is still tried only at word starts."""
    matcher = Matcher(["L1\u2013L6", "layers", "six-layer"], inflect=True)
    assert matcher.keys.usable
    doc = load(Source("x.md", "We split it into layers L1\u2013L6 (l1\u2013l6, xL1\u2013L6, six-layered).\n"))
    found = [doc.text[span.start:span.end] for _, span in matcher.finditer(doc)]
    plain = [m.group() for m in matcher.regex.finditer(doc.text)]
    assert found == plain == ["layers", "L1\u2013L6", "l1\u2013l6", "six-layered"]
