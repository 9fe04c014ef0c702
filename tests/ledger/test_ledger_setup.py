"""The ledger lists results, not the setup: a workload mix and a confidence level are not claims,
a request rate sustained is throughput, and a baseline named right after one value stays with it
(fixtures/paper/ledger/setup-numbers.md, read with the sage-paper pack)."""

from __future__ import annotations

from pathlib import Path

from sage_introlint.ledger.gather import gather

PAPER = Path(__file__).resolve().parents[2] / "fixtures" / "paper" / "ledger" / "setup-numbers.md"


def test_setup_numbers_are_not_claims_and_rates_are_throughput():
    ledger = gather(str(PAPER)).ledger
    found = [(entry.at.position.line, entry.at.position.column, entry.at.text(), entry.claim.metric, entry.claim.baseline)
             for entry in ledger.claims()]
    assert found == [
        (9, 28, "31%", "p99 latency", "separate services"),
        (9, 79, "11%", "gap to linear scaling", None),
        (15, 36, "1.3x", "throughput", None),
        (16, 43, "31%", "p99 latency", "separate services"),
        (16, 103, "7.1x", "throughput", None),
    ]
