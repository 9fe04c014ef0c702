"""The editor's incremental re-check gives exactly a full check's findings, positions included.

Each fixture document is edited at random, step by step, as an author types (a word replaced,
removed or added, a sentence added, paragraphs split, joined, duplicated or dropped, a citation
or a marketing word put in); after every step the `IncrementalChecker`, which keeps what it
found per paragraph from the steps before, must report what a fresh full check reports.
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


def _edit(text: str, rng: random.Random, latex: bool) -> str:
    """One random edit an author could make."""
    words = list(WORD.finditer(text))
    breaks = [m.start() for m in re.finditer(r"\n\n", text)]
    ends = [m.end() for m in re.finditer(r"\.(?= )", text)]
    choice = rng.randrange(9)
    if choice <= 2 and words:  # replace a word (the common case)
        word = rng.choice(words)
        return text[:word.start()] + rng.choice(WORDS) + text[word.end():]
    if choice == 3 and words:  # drop a word
        word = rng.choice(words)
        return text[:word.start()] + text[word.end():].lstrip(" ")
    if choice == 4 and ends:  # add a sentence
        at = rng.choice(ends)
        cite = "~\\cite{k1}" if latex else " [3]"
        return text[:at] + f" We measure it again{cite}." + text[at:]
    if choice == 5 and ends:  # split a paragraph
        at = rng.choice(ends)
        return text[:at] + "\n\n" + text[at:].lstrip(" ")
    if choice == 6 and breaks:  # join two paragraphs
        at = rng.choice(breaks)
        return text[:at] + " " + text[at + 2:]
    if choice == 7 and len(breaks) > 1:  # duplicate or drop a paragraph
        first, second = sorted(rng.sample(breaks, 2))
        piece = text[first:second]
        return text[:second] + piece + text[second:] if rng.random() < 0.5 else text[:first] + text[second:]
    at = rng.randrange(len(text) + 1)  # type anywhere
    return text[:at] + rng.choice(WORDS) + " " + text[at:]


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".tex"))


def _same_as_full_checks(path: Path, steps: int, seed: int) -> int:
    """Edit `path` `steps` times; after each, incremental and full findings must be equal. Returns
    how many paragraph results the incremental checker reused."""
    rng = random.Random(seed)
    folder, text = str(path.parent), path.read_text(encoding="utf-8")
    config = config_for(folder)
    incremental, full = IncrementalChecker(), Checker()
    for step in range(steps + 1):
        source = Source(str(path), text)
        expected = full.check_source(source, config, None, folder)
        assert incremental.check_source(Source(str(path), text), config, None, folder) == expected, (
            f"{path.name}, seed {seed}, step {step}")
        text = _edit(text, rng, path.suffix == ".tex")
    return incremental.memo.hits


FAST = ["clean-intro.md", "planted-intro.tex", "planted-intro.md", "clean-paragraph.md", "planted-outline.md"]


@pytest.mark.parametrize("name", FAST)
def test_random_edits(name):
    reused = _same_as_full_checks(ROOT / "fixtures" / "docs" / name, 6, 0)
    if "intro" in name:  # (an outline or a one-paragraph answer has little or nothing to reuse)
        assert reused > 0  # the memo was used: the comparison above is not a full check against itself


@pytest.mark.slow
@pytest.mark.parametrize("path", _documents(ROOT / "fixtures" / "docs"), ids=lambda p: p.name)
def test_random_edits_of_every_fixture(path):
    for seed in range(1, 3):
        _same_as_full_checks(path, 8, seed)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("seed", range(3))
def test_random_edits_of_the_corpus(seed):
    for path in _documents(CORPUS):
        _same_as_full_checks(path, 6, seed)


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
