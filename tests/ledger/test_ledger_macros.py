"""Numbers written through the author's own macros (fixtures/paper/styles/unit-macros.tex, our own
text): `\\pct{36}` is the claim "36%" at the column of its digits, `\\speedup{1.9}` "1.9×" of
throughput, `\\ms{2}` "2 ms" of median latency (before: "36", "1.9" and "2" with no unit, so the
ledger lost them, and "2 ms in median latency" named no metric)."""

from __future__ import annotations

from pathlib import Path

from sage_introlint.ledger.gather import gather

PAPER = Path(__file__).resolve().parents[2] / "fixtures" / "paper" / "styles" / "unit-macros.tex"


def test_macro_numbers_are_claims_with_their_units_and_metrics():
    claims = [(e.at.position.line, e.at.position.column, e.at.text(), e.claim.metric)
              for e in gather(str(PAPER)).ledger.claims()]
    assert (29, 104, "36%", "p99 latency") in claims  # the abstract's \pct{36}
    assert (29, 174, "1.9×", "throughput") in claims  # \speedup{1.9} the throughput
    assert (72, 84, "2 ms", "median latency") in claims  # \ms{2} in median latency
    assert (179, 130, "2 ms", "median latency") in claims  # median latency rises by \ms{2}
