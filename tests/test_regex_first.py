"""A shipped pattern tried only where its matches can begin (regex_first) finds exactly what the
pattern finds alone, on every fixture and corpus text and on texts made to trip it up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sage_introlint import user_regex
from sage_introlint.pack import load_pack
from sage_introlint.regex_first import with_first_chars

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TRICKY = "TODO todo ToDo XX% XX.X % ?? ??? [X]% [REF: a] [citation needed] \\todo{x} CITE (draft) [PASTE here] \u017f K \u0130"


def _texts(folder: Path) -> list[str]:
    paths = sorted(folder.glob("*.md")) + sorted(folder.glob("*.tex"))
    return [TRICKY] + [path.read_text(encoding="utf-8", errors="replace") for path in paths]


def _spans(pattern: re.Pattern, text: str) -> list:
    return [(match.span(), match.lastgroup, match.groups()) for match in pattern.finditer(text)]


def _same_matches(texts: list[str], flags: int) -> int:
    """Every shipped pattern (and all of them as one term list) that gets the lookahead finds the
    same with and without it; returns how many got one. (A pattern left as it was is the same
    compiled object: comparing it with itself could not fail, and was 9/10 of this test's time.)"""
    for name in sorted(path.stem for path in (ROOT / "rules").glob("*.yaml")):
        load_pack(name)  # marks every shipped pattern as trusted
    patterns = sorted(user_regex._SHIPPED)
    alone = [pattern for pattern in patterns if "(?P<" not in pattern]  # as a term list joins them
    patterns.append("|".join(f"(?P<t{index}>{pattern})" for index, pattern in enumerate(alone)))
    changed = 0
    for pattern in patterns:
        plain = re.compile(pattern, flags)
        fast = with_first_chars(pattern, flags, plain)
        if fast is plain:  # no lookahead put in front: the same object, nothing to compare
            continue
        changed += 1
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text), pattern
    return changed


@pytest.mark.parametrize("flags", [0, re.IGNORECASE | re.DOTALL])
def test_the_shipped_patterns_find_the_same_behind_their_first_characters(flags):
    changed = _same_matches(_texts(ROOT / "fixtures" / "docs"), flags)
    assert changed >= (5 if flags == 0 else 1)  # the lookahead is put in front of some (not a no-op test)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_the_shipped_patterns_find_the_same_in_the_corpus():
    _same_matches(_texts(CORPUS), 0)
    _same_matches(_texts(CORPUS), re.IGNORECASE)


@pytest.mark.parametrize("pattern, flags, prefixed", [
    (r"(?<![\w-])(?:TODO|FIXME)", 0, True),
    # under IGNORECASE the lookahead folds case as the pattern does (TRICKY holds \u017f, K, \u0130)
    (r"(?<![\w-])(?:TODO|FIXME)", re.IGNORECASE, True),
    (r"(?<![\w-])(?i:todo)", 0, False),  # an inline (?i:) folds case where the lookahead would not
    (r"\w+", 0, False), (r"x?", 0, False), (r"(?:a|b*)", 0, False), (r"\(draft\)", 0, False),
    (r"(?=a)|b", 0, False), (r"[^a]b", 0, False), (r"\b(?:\[x\]|\?\?)", re.IGNORECASE, True),
])
def test_which_patterns_get_a_lookahead(pattern, flags, prefixed):
    plain = re.compile(pattern, flags)
    assert (with_first_chars(pattern, flags, plain) is not plain) == prefixed


@pytest.mark.parametrize("pattern, reach", [
    ("abc", 0), (r"[;:]\s*SAGE\b", 1), (r"(?<![\w-])TODO", 1), (r"(?<=ab|cd)x", 2), (r"(?:(?<!abc)x|y)", 3),
    (r"^x", 1),
])
def test_how_far_before_its_start_a_search_reads(pattern, reach):
    from sage_introlint.regex_first import reach_before

    assert reach_before(re.compile(pattern, re.M)) == reach
    assert reach_before(user_regex.compile_user(pattern.replace("(?<", "(?:"))) == 0  # RE2 is given the span alone


def test_a_pattern_anchored_at_the_start_gets_no_lookahead():
    """`\\A...`: `re` tries it at the text's start alone; a lookahead in front would make it try
    every position (a "to do" heading term cost a pass over every checked text)."""
    import re

    from sage_introlint.regex_first import with_first_chars

    pattern = r"\A(?i:to[- ]?do)[ \t]*\Z"
    compiled = re.compile(pattern, re.I)
    assert with_first_chars(pattern, re.I, compiled) is compiled
    assert with_first_chars(r"\bTODO", 0, re.compile(r"\bTODO")).pattern.startswith("(?=")
