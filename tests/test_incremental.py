"""The editor's incremental re-check gives exactly a full check's findings, positions included.

Each fixture and corpus document is edited step by step, as an author types: every kind of edit
in EDITS once (a word replaced, removed or typed in, a sentence with a citation added,
paragraphs split, joined, duplicated or dropped), in a random order, at random places, with
marketing words, short forms, numbers and non-ASCII text put in. After every step the
`IncrementalChecker`, which keeps what it found per paragraph from the steps before, must
report what a fresh full check reports.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from sage_introlint.checker import Checker
from sage_introlint.config import config_for
from sage_introlint.document.model import Source
from sage_introlint.incremental import IncrementalChecker

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
WORDS = ["seamless", "novel", "TODO", "we", "system", "latency", "vLLM", "Ray Serve", "truly", "e.g.",
         "(1)", "12", "GPU", "state-of-the-art", "however", "unlike", "très", "\U0001F600"]
WORD = re.compile(r"[^\W_][\w'-]*")


EDITS = ("replace a word", "drop a word", "add a sentence", "split a paragraph", "join two paragraphs",
         "duplicate a paragraph", "drop a paragraph", "type anywhere")


def _edit(text: str, rng: random.Random, latex: bool, kind: str) -> str:
    """One edit of `kind` an author could make, at a random place (typing anywhere when the
    document has nothing the kind needs, e.g. no second paragraph to join)."""
    words = list(WORD.finditer(text))
    breaks = [m.start() for m in re.finditer(r"\n\n", text)]
    ends = [m.end() for m in re.finditer(r"\.(?= )", text)]
    if kind == "replace a word" and words:
        word = rng.choice(words)
        return text[:word.start()] + rng.choice(WORDS) + text[word.end():]
    if kind == "drop a word" and words:
        word = rng.choice(words)
        return text[:word.start()] + text[word.end():].lstrip(" ")
    if kind == "add a sentence" and ends:
        at = rng.choice(ends)
        cite = "~\\cite{k1}" if latex else " [3]"
        return text[:at] + f" We measure it again{cite}." + text[at:]
    if kind == "split a paragraph" and ends:
        at = rng.choice(ends)
        return text[:at] + "\n\n" + text[at:].lstrip(" ")
    if kind == "join two paragraphs" and breaks:
        at = rng.choice(breaks)
        return text[:at] + " " + text[at + 2:]
    if kind in ("duplicate a paragraph", "drop a paragraph") and len(breaks) > 1:
        first, second = sorted(rng.sample(breaks, 2))
        piece = text[first:second]
        return text[:second] + piece + text[second:] if kind == "duplicate a paragraph" else text[:first] + text[second:]
    at = rng.randrange(len(text) + 1)  # type anywhere
    return text[:at] + rng.choice(WORDS) + " " + text[at:]


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".tex"))


def _same_as_full_checks(path: Path) -> int:
    """Make each kind of EDITS once to `path`, in an order and at places drawn from a generator
    seeded by its name; before the first edit and after each, the incremental and the full
    findings must be equal. Returns how many paragraph results the incremental checker reused."""
    rng = random.Random(path.name)
    folder, text = str(path.parent), path.read_text(encoding="utf-8")
    config = config_for(folder)
    incremental, full = IncrementalChecker(), Checker()
    kinds = rng.sample(EDITS, len(EDITS))
    for step, kind in enumerate([None, *kinds]):
        if kind is not None:
            text = _edit(text, rng, path.suffix == ".tex", kind)
        expected = full.check_source(Source(str(path), text), config, None, folder)
        assert incremental.check_source(Source(str(path), text), config, None, folder) == expected, (
            f"{path.name}, step {step}: {kind}")
    return incremental.memo.hits


# Every fixture and every corpus document gets every kind of edit (one editing session each, so
# the memo carries over from edit to edit). FAST runs in every landing's quick suite; the rest
# of the fixtures and the corpus are `slow`, run by .ci/run.
FAST = ["clean-intro.md", "planted-intro.tex", "planted-intro.md", "clean-paragraph.md", "planted-outline.md"]


@pytest.mark.parametrize("name", FAST)
def test_random_edits(name):
    reused = _same_as_full_checks(ROOT / "fixtures" / "docs" / name)
    if "intro" in name:  # (an outline or a one-paragraph answer has little or nothing to reuse)
        assert reused > 0  # the memo was used: the comparison above is not a full check against itself


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in _documents(ROOT / "fixtures" / "docs") if p.name not in FAST],
                         ids=lambda p: p.name)
def test_random_edits_of_every_other_fixture(path):
    _same_as_full_checks(path)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("path", _documents(CORPUS) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_random_edits_of_the_corpus(path):
    _same_as_full_checks(path)


def test_a_one_word_edit_reuses_the_other_paragraphs():
    path = ROOT / "fixtures" / "docs" / "clean-intro.md"
    text = path.read_text(encoding="utf-8")
    checker = IncrementalChecker()
    config = config_for(str(path.parent))
    checker.check_source(Source(str(path), text), config, None, str(path.parent))
    misses = checker.memo.misses
    paragraphs = text.split("\n\n")
    paragraphs[3] = paragraphs[3].replace(" the ", " this ", 1)
    checker.check_source(Source(str(path), "\n\n".join(paragraphs)), config, None, str(path.parent))
    assert checker.memo.hits > 0
    assert checker.memo.misses - misses < checker.memo.hits  # only the edited paragraph is recomputed
