"""siunitx quantities read as siunitx prints them (fixtures/paper/ledger/siunitx.tex, our own text):
`\\SI{35}{\\percent}` is the claim "35%" at the column of its digits, `\\SI{XX}{\\percent}` a
placeholder, and a number that differs between the abstract and the experiments is reported.
A baseline wrapped across two source lines is one name; GPU time freed by offloading embeddings
(the prompt's heterogeneous-hardware result) is a metric that claims compare.
They read "35Percent" and "3MilliSecond" before: the ledger lost every such claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from sage_introlint.document.latex_units import unit_text
from sage_introlint.engine import check_paths
from sage_introlint.ledger.gather import gather

PAPER = Path(__file__).resolve().parents[2] / "fixtures" / "paper" / "ledger" / "siunitx.tex"


def test_quantities_are_claims_at_their_digits_and_placeholders_are_found():
    found = sorted((f.rule, f.line, f.column) for f in check_paths([str(PAPER)], select="claim-consistency,placeholder").findings)
    assert found == [("claim-consistency", 7, 78), ("claim-consistency", 16, 73), ("claim-consistency", 20, 53),
                     ("claim-consistency", 23, 58), ("placeholder", 15, 89)]  # 16:73 and 23:58: GPU time freed, 18% vs 20%


def test_the_ledger_lists_the_quantities_as_printed():
    ledger = gather(str(PAPER)).ledger
    claims = [(e.at.position.line, e.at.position.column, e.at.text(), e.claim.metric) for e in ledger.claims()]
    assert claims[:2] == [(7, 78, "35%", "p99 latency"), (8, 48, "2.1x", "throughput")]
    assert (14, 28, "3 ms") in [claim[:3] for claim in claims]
    assert (20, 53, "32%", "p99 latency") in claims
    scaling = next(e.claim for e in ledger.claims() if e.at.text() == "11%")
    assert (scaling.metric, scaling.baseline) == ("gap to linear scaling", "single vLLM instance")  # wrapped in the source
    slot = next(entry for section in ledger.sections for entry in section.slots)
    assert (slot.at.position.line, slot.at.position.column, slot.at.text()) == (15, 89, "XX%")
    assert "stores 2 GB to 4 GB of cache" in slot.at.doc.text


@pytest.mark.parametrize("raw, printed", [
    (r"\giga\byte\per\second", "GB/s"), ("ms", "ms"), (r"\milli\second", "ms"), (r"\percent", "%"),
    (r"\kilo\hertz", "kHz"), (r"\token\per\second", "token/s"), ("tokens/s", "tokens/s"),
])
def test_units_read_as_siunitx_prints_them(raw, printed):
    assert unit_text(raw) == printed


def test_an_authors_own_macro_of_a_siunitx_name_is_the_authors():
    """`\\newcommand{\\numlist}{\\begin{enumerate}..}` is the author's list (fixtures/docs/
    drafts-numbered-macro.tex): its first item was taken as siunitx's argument and lost."""
    from sage_introlint.document import load_path

    doc = load_path(str(PAPER.parents[2] / "docs" / "drafts-numbered-macro.tex"))
    doc = doc[0] if isinstance(doc, (list, tuple)) else doc
    assert [len(paragraph.sentences) for paragraph in doc.paragraphs] == [3, 7]
    assert doc.paragraphs[1].list_kind == "ordered"
