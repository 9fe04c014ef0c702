"""Quantitative claims: "reduces p99 latency by 35% compared to vLLM" -> metric, direction, value.

A claim is a number with a unit (`35%`, `2.1x`, `120 ms`, `8 GPUs`) or an open slot (`[X]%`)
in a sentence, read with the vocabulary a pack gives (`ClaimSpec`): the metric named nearest to
the value (`p99 latency`), the direction cue nearest to it (`reduces` -> reduction), and the
baseline named after a comparison cue (`compared to vLLM`), and a qualifier right before or
after it (`up to` -> max, `on average` -> mean): "up to 2x" and "1.6x on average" are two
quantities. A value right after `vs.` is the
baseline's own number (`[A]% SLO satisfaction vs. [B]% for vLLM`): it is kept, as role
`baseline`, but never compared. Slots are recognised by the pack's `placeholder` rule
(`slots.slot_spans`), never here.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass

from ..checks._text import Matcher, cached, prose_units
from ..document.model import Document, Span

NUMBER = r"(?<![\w.,\[])\d+(?:,\d{3})*(?:\.\d+)?"
SLOT_BODY = re.compile(r"\[[^\]\n]*\]")
VERSUS = re.compile(r"(?:\bvs\.?|\bversus|\bcompared (?:to|with))[\s~]*$", re.IGNORECASE)
GAP = r"[\s~\u00a0\u202f]?"
# A quantity named next to a value ("while reducing latency by 10x"): the value is about it, not
# about a metric of the pack named elsewhere in the sentence.
OTHER_QUANTITY = re.compile(r"\b(?:latency|latencies|throughput|cost|costs|energy|power|memory|bandwidth|overhead|"
                            r"accuracy|time|runtime|size|footprint|utili[sz]ation|speed|linear)\b", re.IGNORECASE)
# Numbers that describe the setup, not a result: the shares of a workload mix ("70% chat and 30%
# embedding requests", "60% reads, 40% writes": percentages, each followed by what it is a share
# of, that add up to 100) and a confidence level ("95% confidence intervals").
SHARE = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)[\s~]?\\?%[\s~]+(?:of[\s~]+)?(?:the[\s~]+)?[A-Za-z][\w-]*")
SHARE_JOIN = re.compile(r"(?:[\s~]+[A-Za-z][\w-]*){0,2}[\s~]*(?:,|/|;|\band\b|\bplus\b)[\s~]*(?:,[\s~]*)?(?:and[\s~]+)?$")
# What may stand between a value and the metric it quantifies ("1.3x the throughput", "31% lower p99").
ATTACHED = re.compile(r"[\s~]*(?:(?:the|a|an|of|higher|lower|more|less|better|greater|smaller|larger|faster|slower)[\s~]+){0,2}",
                      re.IGNORECASE)
CONFIDENCE = re.compile(r"[\s~]*(?:confidence|credible)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Metric:
    """One measured quantity: how it is named, and the experiment that measures it."""

    name: str
    direction: str | None = None  # a metric that is itself directional ("speedup" -> gain)
    experiment: str = ""
    units: tuple[str, ...] = ()  # the units it is measured in (empty: any)


class ClaimSpec:
    """The vocabulary of claims, from a pack rule's options (see `from_options`)."""

    def __init__(self, metrics: list[dict], directions: dict, units: list[str], baselines: list[str],
                 baseline_cues: list[str], qualifiers: dict | None = None):
        self.canonical = {u.lower(): u for u in units}
        self.metrics = [Metric(m["name"], m.get("direction"), m.get("experiment", ""),
                               tuple(self.unit_name(u) for u in m.get("units", ()))) for m in metrics]
        self.metric_matchers = [Matcher(m.get("terms", []) + [m["name"]], inflect=True, anywhere=True) for m in metrics]
        self.directions = [(name, Matcher(terms, inflect=True)) for name, terms in directions.items()]
        self.qualifiers = [(name, Matcher(terms)) for name, terms in (qualifiers or {}).items()]
        ordered = sorted(units, key=len, reverse=True)
        alternatives = "|".join(re.escape(u) + (r"(?![\w/])" if u[-1].isalnum() else "") for u in ordered)
        self.unit = re.compile(rf"{GAP}(?P<unit>{alternatives})", re.IGNORECASE)
        self.value = re.compile(rf"(?=\d)(?P<number>{NUMBER})(?:{GAP}(?P<unit>{alternatives}))", re.IGNORECASE)
        self.baselines = Matcher(baselines, anywhere=True)
        self.cues = Matcher(baseline_cues)

    @classmethod
    def from_options(cls, options: dict) -> "ClaimSpec":
        """Built once per rule options (a pack's), not on every check: its ~24 matchers cost more
        than reading the claims of a paper."""
        return cached("claims.spec", options, lambda: cls(
            options["metrics"], options.get("directions", {}), options["units"], options.get("baselines", []),
            options.get("baseline_cues", []), options.get("qualifiers")))

    def unit_name(self, text: str) -> str:
        """`×` and `x` are one unit; case is the pack's spelling."""
        text = text.strip()
        text = "x" if text in ("×", "X") else text
        return self.canonical.get(text.lower(), text)


@dataclass(frozen=True)
class Claim:
    """One quantitative statement found in a sentence."""

    metric: str | None
    direction: str | None
    value: float | None  # None: the value is an open slot
    slot: str | None  # the slot's text (`[X]`) when the value is one
    unit: str
    baseline: str | None
    role: str  # "system"; "baseline" for the comparison's own number; "paired" (see _pair_respectively)
    span: Span  # the number (or slot) with its unit
    sentence: Span
    experiment: str = ""
    qualifier: str | None = None  # "max" for "up to 2x", "mean" for "2x on average"

    @property
    def key(self) -> tuple:
        """What makes two claims claims about the same quantity."""
        return (self.metric, self.direction, self.unit, self.qualifier)


@dataclass(frozen=True)
class _Value:
    span: Span
    number: float | None
    slot: str | None
    unit: str


class _Starts:
    """Spans in text order, asked for those starting inside a sentence: a bisection, not a scan
    of every slot for every sentence (quadratic on a paper full of slots)."""

    def __init__(self, spans: list[Span]):
        self.spans = sorted(spans, key=lambda span: span.start)
        self.starts = [span.start for span in self.spans]

    def starting_in(self, window: Span) -> list[Span]:
        return self.spans[bisect_left(self.starts, window.start):bisect_left(self.starts, window.end)]


def _values(doc: Document, spec: ClaimSpec, sentence: Span, slots: "_Starts") -> list[_Value]:
    found: list[_Value] = []
    inside = slots.starting_in(sentence)
    for slot in inside:
        text = doc.slice(slot)
        body = SLOT_BODY.match(text)
        unit, end = text[body.end():].strip() if body else "", slot.end
        if not unit:
            after = spec.unit.match(doc.text, slot.end, sentence.end)
            if after:
                unit, end = after.group("unit"), after.end()
        if unit:
            found.append(_Value(Span(slot.start, end), None, body.group() if body else text, spec.unit_name(unit)))
    for match in spec.value.finditer(doc.text, sentence.start, sentence.end):
        if any(s.start <= match.start() < s.end for s in inside):
            continue
        number = float(match.group("number").replace(",", ""))
        found.append(_Value(Span(match.start(), match.end()), number, None, spec.unit_name(match.group("unit"))))
    return sorted(found, key=lambda v: v.span.start)


def _setup_numbers(doc: Document, sentence: Span) -> set[int]:
    """Start offsets of the sentence's percentages that are workload shares (a run of two or more
    `N% word`, joined by `,`/`and`/`/`, adding up to 100) or confidence levels: not claims."""
    found: set[int] = set()
    run: list[tuple[int, float]] = []
    previous_end = None
    for match in SHARE.finditer(doc.text, sentence.start, sentence.end):
        joined = previous_end is not None and SHARE_JOIN.match(doc.text[previous_end:match.start()])
        if not joined:
            _close_run(run, found)
            run = []
        run.append((match.start(), float(match.group(1))))
        previous_end = match.end()
    _close_run(run, found)
    for match in re.finditer(r"\d{1,3}(?:\.\d+)?[\s~]?\\?%", doc.text[sentence.start:sentence.end]):
        if CONFIDENCE.match(doc.text, sentence.start + match.end()):
            found.add(sentence.start + match.start())
    return found


def _close_run(run: list[tuple[int, float]], found: set[int]) -> None:
    if len(run) >= 2 and abs(sum(share for _, share in run) - 100) < 0.5:
        found.update(start for start, _ in run)


# "adds less than 2 ms": a comparative right before the value bounds it (a qualifier), it is not
# the claim's direction ("20% less memory than vLLM" still is).
BOUND = re.compile(r"[\s~]+than[\s~]+")
# Where one clause of a sentence ends and the next begins ("adds 3 ms, while p99 latency drops by
# 40%"): a value's metric and direction are those of its own clause.
CLAUSE = re.compile(r";|,[\s~]*(?:while|whereas|but|although|though|yet)\b|[\s~]+(?:while|whereas)\b", re.IGNORECASE)


def _clause(doc: Document, value: Span, window: Span) -> Span:
    """The part of `window` in the value's own clause."""
    start, end = window.start, window.end
    for match in CLAUSE.finditer(doc.text, window.start, window.end):
        if match.end() <= value.start:
            start = match.end()
        elif match.start() >= value.end:
            end = match.start()
            break
    return Span(start, end)


def _nearest(spans: list[tuple[object, Span]], target: Span, window: Span):
    best, distance = None, None
    for label, span in spans:
        if span.start < window.start or span.end > window.end:
            continue
        gap = target.start - span.end if span.end <= target.start else span.start - target.end
        gap = max(gap, 0)
        if distance is None or gap < distance:
            best, distance = label, gap
    return best


def _name(doc: Document, span: Span) -> str:
    """A baseline's name as one line ("single vLLM\ninstance" wrapped in the source is one name)."""
    return " ".join(doc.slice(span).split())


def _baseline(doc: Document, spec: ClaimSpec, value: Span, window: Span, sentence: Span,
              slots: "_Starts", taken: list[Span]) -> str | None:
    """The baseline named right after a comparison cue, between the value and its neighbours:
    after the value first (`by 35% over vLLM`), else before it (`Compared to vLLM, ... 35%`)."""
    names = [(_name(doc, s), s) for _, s in spec.baselines.finditer(doc, sentence)]
    names += [(doc.slice(s), s) for s in slots.starting_in(sentence)
              if SLOT_BODY.fullmatch(doc.slice(s)) and not any(v.start <= s.start < v.end for v in taken)]
    cues = [span for _, span in spec.cues.finditer(doc, sentence)]
    if window.start > sentence.start:  # "by 31% compared to X, scales by 7x": X is the previous value's
        cues = [cue for cue in cues if not (window.start <= cue.start and not doc.text[window.start:cue.start].strip(" ,~"))]
    named = []
    for cue in cues:
        following = [(name, s) for name, s in names if 0 <= s.start - cue.end <= 24]
        if following:
            named.append((min(following, key=lambda item: item[1].start)[0], cue))
    for group in ([n for n in named if value.end <= n[1].start < window.end],
                  [n for n in named if window.start <= n[1].start < value.start]):
        if group:
            return min(group, key=lambda n: abs(n[1].start - value.start))[0]
    return None


def extract(doc: Document, spec: ClaimSpec, slots: list[Span]) -> list[Claim]:
    """Every quantitative claim of the document, in text order."""
    claims: list[Claim] = []
    slots = _Starts(slots)
    for _, sentence in prose_units(doc):
        values = _values(doc, spec, sentence, slots)
        if any(v.unit == "%" for v in values):
            setup = _setup_numbers(doc, sentence)
            values = [v for v in values if v.span.start not in setup]
        if not values:
            continue
        named = [(i, s) for i, m in enumerate(spec.metric_matchers) for _, s in m.finditer(doc, sentence)]
        directions = [(name, s) for name, m in spec.directions for _, s in m.finditer(doc, sentence)]
        qualifiers = [(name, s) for name, m in spec.qualifiers for _, s in m.finditer(doc, sentence)]
        previous: Claim | None = None
        for index, value in enumerate(values):
            between = Span(values[index - 1].span.end if index else sentence.start,
                           values[index + 1].span.start if index + 1 < len(values) else sentence.end)
            window = _clause(doc, value.span, between)
            role = "baseline" if VERSUS.search(doc.text, window.start, value.span.start) else "system"
            metrics = [(i, s) for i, s in named if not spec.metrics[i].units or value.unit in spec.metrics[i].units]
            if index:  # "sustains 1.3x the throughput of X, and scales to 7x": the throughput is 1.3x's
                metrics = [(i, s) for i, s in metrics if not (between.start <= s.start
                           and ATTACHED.fullmatch(doc.text, between.start, s.start))]
            which = _nearest(metrics, value.span, window)
            if which is None and not OTHER_QUANTITY.search(doc.text, window.start, window.end):
                # "cuts p99 latency by 30% and 40% ...", "p99 latency reaches 1.9 s, whereas ... it
                # stays at 240 ms": a metric of this clause or an earlier one, never a later clause's
                which = _nearest(metrics, value.span, Span(sentence.start, _clause(doc, value.span, sentence).end))
            metric = spec.metrics[which] if which is not None else None
            cues = [(name, s) for name, s in directions if not BOUND.fullmatch(doc.text, s.end, value.span.start)]
            direction = _nearest(cues, value.span, window) or (metric.direction if metric else None)
            baseline = _baseline(doc, spec, value.span, window, sentence, slots, [v.span for v in values])
            near = Span(max(window.start, value.span.start - 24), min(window.end, value.span.end + 16))
            qualifier = _nearest(qualifiers, value.span, near)
            if role == "baseline" and previous is not None:
                claim = Claim(previous.metric, previous.direction, value.number, value.slot, value.unit,
                              baseline, role, value.span, sentence, previous.experiment, qualifier)
            else:
                claim = Claim(metric.name if metric else None, direction, value.number, value.slot, value.unit,
                              baseline, role, value.span, sentence, metric.experiment if metric else "", qualifier)
            claims.append(claim)
            previous = claim
        _pair_respectively(doc, spec, sentence, claims)
    return claims


RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def _pair_respectively(doc: Document, spec: ClaimSpec, sentence: Span, claims: list[Claim]) -> None:
    """"12% and 38% over vLLM and Ray Serve, respectively": the k-th value goes with the k-th
    baseline. When the sentence names as many baselines as it has values, pair them so; else
    which number goes with which comparison is not in the text, and the claims are left
    unpaired (role `paired`: kept in the ledger, never compared)."""
    if not RESPECTIVELY.search(doc.text, sentence.start, sentence.end):
        return
    mine = [k for k, claim in enumerate(claims) if claim.sentence == sentence and claim.role == "system"]
    names = sorted(((span.start, _name(doc, span)) for _, span in spec.baselines.finditer(doc, sentence)))
    for position, k in enumerate(mine):
        if len(names) == len(mine):
            claims[k] = dataclasses.replace(claims[k], baseline=names[position][1])
        elif len(mine) > 1:
            claims[k] = dataclasses.replace(claims[k], role="paired")
