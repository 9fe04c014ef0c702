"""The quantitative-claim extractor on sentences authors write, with a small vocabulary of our own."""

from __future__ import annotations

import pytest

from sage_introlint.document import load
from sage_introlint.document.model import Source
from sage_introlint.ledger.claims import ClaimSpec, extract
from sage_introlint.ledger.slots import find_slots, slot_spans
from sage_introlint.pack import Rule
from sage_introlint.stage import apply

SPEC = ClaimSpec.from_options({
    "metrics": [
        {"name": "p99 latency", "terms": ["p99", "tail latency"], "units": ["%", "x", "ms"], "experiment": "latency study"},
        {"name": "throughput", "terms": ["throughput"], "units": ["%", "x", "req/s"], "experiment": "saturation study"},
        {"name": "SLO satisfaction", "terms": ["SLO satisfaction"], "units": ["%"]},
        {"name": "speedup", "units": ["x"], "direction": "gain"},
    ],
    "directions": {"reduction": ["reduce", "lower", "cut", "less"], "gain": ["improve", "higher", "increase"],
                   "overhead": ["adds"]},
    "units": ["%", "x", "×", "ms", "req/s", "GPUs"],
    "baselines": ["vLLM", "Ray Serve", "separate services"],
    "baseline_cues": ["compared to", "relative to", "over", "than", "vs."],
})
SLOTS = Rule(id="placeholder", check="terms", severity="error", kinds=("intro",), summary="", options={"lists": [
    {"message": "slot", "regex": True, "case_sensitive": True, "stages": {"draft": "info", "final": "error"},
     "terms": [r"\[[A-Z]\](?:%|x|×)?", r"\[REF:[^\]\n]*\]", r"\[baseline\]"]},
    {"message": "placeholder", "regex": True, "case_sensitive": True, "terms": [r"\bTODO\b"]},
]})


def claims(text: str, path: str = "a.md", stage: str = "draft"):
    doc = load(Source(path, text))
    rule = apply([SLOTS], stage)[0]
    found = extract(doc, SPEC, slot_spans(find_slots(doc, rule)))
    return [(c.metric, c.direction, c.value if c.slot is None else c.slot, c.unit, c.baseline, c.role,
             doc.position(c.span.start).column) for c in found]


@pytest.mark.parametrize("text, expected", [
    ("SAGE reduces p99 latency by 35% compared to vLLM.",
     [("p99 latency", "reduction", 35.0, "%", "vLLM", "system", 29)]),
    ("It cuts tail latency by 2.5x over Ray Serve and improves throughput by 40% relative to separate services.",
     [("p99 latency", "reduction", 2.5, "x", "Ray Serve", "system", 25),
      ("throughput", "gain", 40.0, "%", "separate services", "system", 72)]),
    ("Compared to vLLM, SAGE has 18% lower p99 latency.",
     [("p99 latency", "reduction", 18.0, "%", "vLLM", "system", 28)]),
    ("The throughput reaches 1,200 req/s with a p99 latency of 80 ms.",
     [("throughput", None, 1200.0, "req/s", None, "system", 24), ("p99 latency", None, 80.0, "ms", None, "system", 58)]),
    ("SAGE reaches 1,200 req/s.", [(None, None, 1200.0, "req/s", None, "system", 14)]),
    ("SAGE achieves [A]% SLO satisfaction vs. [B]% for separate services.",
     [("SLO satisfaction", None, "[A]", "%", "separate services", "system", 15),
      ("SLO satisfaction", None, "[B]", "%", "separate services", "baseline", 41)]),
    ("Throughput scales with a 7.2x speedup on 8 GPUs.",
     [("speedup", "gain", 7.2, "x", None, "system", 26), (None, None, 8.0, "GPUs", None, "system", 42)]),
    ("It lowers p99 latency by [X]% compared to [baseline].",
     [("p99 latency", "reduction", "[X]", "%", "[baseline]", "system", 26)]),
    # a quantity the pack does not measure, named next to the value, is not the pack's metric
    ("It improves throughput by 3x while cutting energy by 2x.",
     [("throughput", "gain", 3.0, "x", None, "system", 27), (None, None, 2.0, "x", None, "system", 54)]),
    # "respectively": the k-th value with the k-th baseline; without as many baselines, unpaired
    ("Compared to vLLM and Ray Serve, it lowers p99 latency by 12% and 38%, respectively.",
     [("p99 latency", "reduction", 12.0, "%", "vLLM", "system", 58),
      ("p99 latency", None, 38.0, "%", "Ray Serve", "system", 66)]),
    ("It lowers p99 latency by 10x and 2x on CPU and GPU nodes, respectively.",
     [("p99 latency", "reduction", 10.0, "x", None, "paired", 26), ("p99 latency", None, 2.0, "x", None, "paired", 34)]),
    # a baseline right after one value is that value's, not the next one's
    ("It cuts p99 latency by 31% compared to separate services, and improves throughput by 7x.",
     [("p99 latency", "reduction", 31.0, "%", "separate services", "system", 24),
      ("throughput", "gain", 7.0, "x", None, "system", 86)]),
    # "within 11% of linear" is about scaling, not the metric named earlier in the sentence
    ("It lowers p99 latency by 31% over vLLM and scales to 8 GPUs within 11% of linear.",
     [("p99 latency", "reduction", 31.0, "%", "vLLM", "system", 26), (None, None, 8.0, "GPUs", None, "system", 54),
      (None, None, 11.0, "%", None, "system", 68)]),
    # the metric right after one value ("1.3x the throughput") is that value's, not the next one's
    ("It sustains 1.3x the throughput of separate services, and it scales to 7x on 8 GPUs.",
     [("throughput", None, 1.3, "x", None, "system", 13), (None, None, 7.0, "x", None, "system", 72),
      (None, None, 8.0, "GPUs", None, "system", 78)]),
    # "less than 2 ms" bounds the value, it is no reduction; "20% less ... than" still is
    ("The gateway adds less than 2 ms per request.", [(None, "overhead", 2.0, "ms", None, "system", 28)]),
    ("It needs 20% less memory than vLLM.", [(None, "reduction", 20.0, "%", "vLLM", "system", 10)]),
    # a value's metric and direction are those of its own clause, not the next one's
    ("The gateway adds at most 3 ms, while tail latency is cut by 40%.",
     [(None, "overhead", 3.0, "ms", None, "system", 26), ("p99 latency", "reduction", 40.0, "%", None, "system", 61)]),
    ("Alone the tail latency is 90 ms, whereas under load it stays at 120 ms.",
     [("p99 latency", None, 90.0, "ms", None, "system", 27), ("p99 latency", None, 120.0, "ms", None, "system", 65)]),
    # the shares of a workload mix are its setup, not claims; the result in the same sentence is one
    ("With 70% chat and 30% embedding requests, SAGE lowers p99 latency by 31% over vLLM.",
     [("p99 latency", "reduction", 31.0, "%", "vLLM", "system", 70)]),
])
def test_claims_in_a_sentence(text, expected):
    assert claims(f"# Introduction\n\n{text}\n") == expected


@pytest.mark.parametrize("text", [
    "SAGE was released in 2024 and has 11 packages.",  # numbers without a unit
    "Section 5 evaluates the control plane on vLLM [12].",
    "The six-layer design (L1-L6) avoids upward dependencies.",
    "The mixed workload is 70% chat and 30% embedding requests.",
    "Traffic is 60% reads, 25% writes and 15% scans.",
    "The mix (70\u00a0% chat / 30\u00a0% embedding) follows the prompt.",
    "We report the mean with 95% confidence intervals.",
])
def test_numbers_that_are_not_claims(text):
    assert claims(f"# Introduction\n\n{text}\n") == []


def test_latex_percent_and_positions_through_markup():
    text = "\\section{Introduction}\nSAGE \\emph{reduces} p99 latency by 35\\% compared to vLLM~\\cite{vllm}.\n"
    assert claims(text, "a.tex") == [("p99 latency", "reduction", 35.0, "%", "vLLM", "system", 36)]


def test_unit_spellings_are_one_unit():
    found = claims("# Introduction\n\nSAGE improves throughput by 2× over vLLM; Ray Serve gets 1.5x higher throughput.\n")
    assert [unit for _, _, _, unit, *_ in found] == ["x", "x"]
