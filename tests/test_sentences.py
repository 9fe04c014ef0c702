"""Sentence segmentation: our table of cases, the shared boundary sets, and the Document contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_yaml import load_yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sage_introlint.document import sentences
from sage_introlint.document.model import Block, Document, Paragraph, Position, Sentence, Source, Span, TextBuilder

ROOT = Path(__file__).resolve().parents[1]
CASES = load_yaml((ROOT / "fixtures" / "sentences.yaml").read_text(encoding="utf-8"))["cases"]
SHARED_SBD = ROOT.parent / "shared" / "sbd"
# Exact-match accuracy reached on the shared sets, minus a small margin (see the report).
FLOORS = {"academic.jsonl": 0.98, "golden_en.jsonl": 0.78}


def folded(text: str) -> str:
    """Runs of whitespace as one space: a line break inside a paragraph is whitespace."""
    return " ".join(text.split())


def split_texts(text: str) -> list[str]:
    return [folded(text[span.start : span.end]) for span in sentences.split(text)]


def test_table_is_large_and_unique():
    names = [case["name"] for case in CASES]
    assert len(CASES) >= 70
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_table_case(case):
    assert split_texts(case["text"]) == [folded(s) for s in case["sentences"]]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_shared_boundary_set(name):
    path = SHARED_SBD / name
    if not path.exists():
        pytest.skip(f"{path} is not present")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    failures = [case["id"] for case in cases if split_texts(case["text"]) != [folded(s) for s in case["sentences"]]]
    accuracy = 1 - len(failures) / len(cases)
    assert accuracy >= FLOORS[name], f"{name}: {accuracy:.3f} exact-match accuracy; failing ids {failures}"


def test_spans_are_absolute_and_trimmed_within_the_range():
    text = "Ignored. Before.  We measure latency.\n It is low. \nAfter. Ignored."
    start = text.index("We")
    end = text.index("After")
    spans = sentences.split(text, start, end)
    assert [text[s.start : s.end] for s in spans] == ["We measure latency.", "It is low."]
    assert spans[0].start == start


def test_count():
    assert sentences.count("We batch requests. The gateway routes them [3]. It is stateless, i.e., simple.") == 3
    assert sentences.count("   ") == 0


def test_pipeline_is_built_once_and_its_doc_has_the_same_sentences():
    nlp = sentences.language()
    assert sentences.language() is nlp
    doc = nlp("As Fig. 3 shows, vLLM et al. batch by length. We batch by deadline.")
    assert [s.text for s in doc.sents] == ["As Fig. 3 shows, vLLM et al. batch by length.", "We batch by deadline."]


def test_import_does_not_load_spacy():
    code = "import sys; import sage_introlint.document.sentences; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def _document(parts: list[tuple[str, bool]]) -> tuple[Document, list[Span]]:
    """One paragraph whose blocks are `parts` (text, is_item), joined by newlines."""
    source = Source("t.md", "\n".join(text for text, _ in parts))
    builder = TextBuilder()
    builder.literal(source, 0, len(source.text))
    spans, offset = [], 0
    for text, _ in parts:
        spans.append(Span(offset, offset + len(text)))
        offset += len(text) + 1
    blocks = [Block(span, item) for span, (_, item) in zip(spans, parts)]
    paragraph = Paragraph(Span(0, len(source.text)), blocks, list_kind="ordered", items=spans[1:])
    doc = Document("t.md", "intro", source.text, builder.source_map(), Position("t.md", 1, 1), [paragraph])
    return doc, spans


def test_segment_counts_blocks_separately_and_items_without_a_period():
    doc, spans = _document(
        [
            ("We make three contributions, e.g. a scheduler. We list them:", False),
            ("a layered architecture (Sec. 3)", True),
            ("", True),
            ("a control plane. It serves LLM and embedding requests.", True),
        ]
    )
    sentences.segment(doc)
    got = [doc.slice(s) for s in doc.paragraphs[0].sentences]
    assert got == [
        "We make three contributions, e.g. a scheduler.",
        "We list them:",
        "a layered architecture (Sec. 3)",
        "a control plane.",
        "It serves LLM and embedding requests.",
    ]
    assert all(isinstance(s, Sentence) for s in doc.paragraphs[0].sentences)
    sentences.segment(doc)  # segmenting again gives the same sentences, not twice as many
    assert len(doc.paragraphs[0].sentences) == 5


PIECES = list("aZ9 .?!…\n()[]\"”,:;x×") + ["We", "e.g.", "et al.", "Fig. ", "[12]", "...", "U.S.", "\n\n", "(1) "]
PROSE = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(PROSE)
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text):
    spans = sentences.split(text)
    covered = 0
    last_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        assert span.start >= last_end
        covered += sum(not c.isspace() for c in piece)
        last_end = span.end
    assert covered == sum(not c.isspace() for c in text)


def test_a_stub_of_only_dots_is_no_sentence_for_the_counts():
    """`split` covers every visible character (the spans above); what a reader counts, the
    paragraph's sentences and `count`, leaves out a stub of only "..." or a lone dash."""
    from sage_introlint.document import load

    assert sentences.count("...") == 0
    assert sentences.count("The planner is done.\n\n\u2026\n\nThe results follow.") == 2
    assert sentences.count("How many replicas did the run need? 12.") == 2
    doc = load(Source("draft.md", "# Introduction\n\nThe planner is done.\n\n...\n\nThe results follow --\n\n\u2014\n"))
    assert [len(paragraph.sentences) for paragraph in doc.paragraphs] == [1, 0, 1, 0]
