"""Paragraphs and sentences of 30 real Introductions against a careful reader's hand count.

`../shared/corpus/counts.yaml` holds, per file, the sentences of each prose paragraph (its
header states the conventions). `introlint stats` must agree on at least 97% of the paragraphs
and on the paragraph count of at least 29 of the 30 files. Note macros whose definitions sit
in a preamble the corpus does not include are named here as the authors would in their
`.introlint.yaml` (`latex: {note-macros: [...]}`).
"""

from __future__ import annotations

import difflib
import json
import shutil

import pytest
from fixture_yaml import load_yaml

from sage_introlint.document import load_path

from cli_invoke import invoke
from conftest import SHARED

CORPUS = SHARED / "corpus"
MIN_PARAGRAPHS_EXACT = 0.97
MIN_FILES_RIGHT = 29
# The authors' note macros, defined in preambles that are not part of the corpus.
NOTE_MACROS = {
    "54_bundler.tex": ["radhika", "fc"],
    "55_lsvd.tex": ["isaac", "orran", "peter"],
    "56_apxftl.tex": ["koo"],
    "57_bftrewrites.tex": ["david", "jmh", "natacha", "tyler"],
    "63_ifcjs.tex": ["Red"],
}


def hand_counts() -> dict[str, list[int]]:
    if not (CORPUS / "counts.yaml").exists():
        pytest.skip("../shared/corpus is not there (CI=true makes that an error)")
    return load_yaml((CORPUS / "counts.yaml").read_text(encoding="utf-8"))


def counted(name: str) -> list[int]:
    doc = load_path(str(CORPUS / name), latex={"note-macros": NOTE_MACROS.get(name, [])})
    return [len(paragraph.sentences) for paragraph in doc.paragraphs]


def compare(expected: list[int], got: list[int]) -> tuple[int, list[str]]:
    """Paragraphs that agree (aligned as a diff aligns lines) and a note for each that does not."""
    exact, notes = 0, []
    for op, e1, e2, g1, g2 in difflib.SequenceMatcher(a=expected, b=got, autojunk=False).get_opcodes():
        if op == "equal":
            exact += e2 - e1
        elif op == "replace" and e2 - e1 == g2 - g1:
            notes += [f"paragraph {e1 + k + 1}: {expected[e1 + k]} sentences, introlint {got[g1 + k]}" for k in range(e2 - e1)]
        else:
            notes.append(f"paragraphs {e1 + 1}-{e2} {expected[e1:e2]} read as {got[g1:g2]}")
    return exact, notes


def test_sentences_and_paragraphs_match_the_hand_count():
    counts = hand_counts()
    total = exact = files_right = 0
    report = []
    for name, expected in counts.items():
        got = counted(name)
        agreed, notes = compare(expected, got)
        total += len(expected)
        exact += agreed
        files_right += len(got) == len(expected)
        report += [f"{name}: {note}" for note in notes]
    summary = f"{exact}/{total} paragraphs exact, paragraph count right in {files_right}/{len(counts)} files"
    assert exact >= MIN_PARAGRAPHS_EXACT * total and files_right >= MIN_FILES_RIGHT, summary + "\n" + "\n".join(report)


def test_compare_aligns_an_extra_paragraph_and_names_the_difference():
    assert compare([2, 3, 4], [2, 3, 4]) == (3, [])
    exact, notes = compare([2, 3, 4, 5], [2, 1, 2, 4, 5])
    assert exact == 3 and notes == ["paragraphs 2-2 [3] read as [1, 2]"]
    assert compare([2, 3], [2, 4]) == (1, ["paragraph 2: 3 sentences, introlint 4"])


def test_stats_command_reads_the_config_note_macros(tmp_path):
    counts = hand_counts()
    shutil.copy(CORPUS / "55_lsvd.tex", tmp_path / "intro.tex")
    (tmp_path / ".introlint.yaml").write_text("latex:\n  note-macros: [isaac, orran, peter]\n")
    run = invoke("stats", "--format", "json", str(tmp_path / "intro.tex"))
    assert [row["sentences"] for row in json.loads(run.out)["paragraphs"]] == counts["55_lsvd.tex"]
