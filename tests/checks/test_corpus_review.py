"""Every `systems-intro` finding on the real corpus is judged, and the judged precision holds.

Precision = TP / (TP + FP) over the findings that occur, from fixtures/corpus-review.tsv (an
editor's verdict per finding). Targets: at least 90% overall and 80% for every rule.
"""

from __future__ import annotations

import pytest

from .corpus_review import REVIEW, corpus_paths, current_findings, precision, read_review, table

OVERALL, PER_RULE = 0.90, 0.80


@pytest.fixture(scope="module")
def judged():
    if not corpus_paths():
        pytest.skip("corpus not present")
    return current_findings(), read_review()


def test_every_finding_is_judged(judged):
    findings, review = judged
    unjudged = [key for key in findings if review.get(key, ("?",))[0] not in ("TP", "FP")]
    assert not unjudged, (
        f"{len(unjudged)} findings of systems-intro on the corpus are not judged in {REVIEW.name}; run "
        "`.venv/bin/python tests/checks/corpus_review.py`, read each in its file and mark it TP or FP:\n"
        + "\n".join("\t".join(map(str, key)) for key in unjudged[:40]))


def test_review_lines_are_complete():
    for key, (verdict, why) in read_review().items():
        assert verdict in ("TP", "FP", "?"), key
        assert verdict == "?" or why.strip(), f"{key}: a verdict needs a reason"


def test_precision_overall_and_per_rule(judged):
    scores = precision(*judged)
    report = table(scores)
    tp, fp = scores.get("all", (0, 0))
    assert tp + fp, "no judged finding"
    assert tp / (tp + fp) >= OVERALL, report
    low = [rule for rule, (t, f) in scores.items() if t / (t + f) < PER_RULE]
    assert not low, report
