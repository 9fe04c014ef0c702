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


def test_freed_gpu_time_backs_the_heterogeneous_contribution(tmp_path):
    """Without its experiment subsection, contribution (4), heterogeneous deployment, is still
    backed by "frees 21% of GPU time" (the prompts' heterogeneous-hardware result); once that
    number goes too, the contribution has no evidence."""
    from sage_introlint.engine import check_paths

    text = PAPER.read_text(encoding="utf-8")
    text = text[: text.index("\\subsection{Heterogeneous Hardware Support}")] + "\\end{document}\n"
    paper = tmp_path / "paper.tex"
    paper.write_text(text, encoding="utf-8")
    assert not check_paths([str(paper)], select="contribution-evidence").findings
    for sentence in ("Moving embedding to CPU-only nodes frees \\pct{21} of GPU time.",
                     "Offloading embedding to CPU-only nodes frees \\pct{21} of GPU time at a cost of \\ms{2} in median latency."):
        assert sentence in text
        text = text.replace(sentence, "")
    paper.write_text(text, encoding="utf-8")
    found = [(f.line, f.column) for f in check_paths([str(paper)], select="contribution-evidence").findings]
    assert found == [(78, 9)]
