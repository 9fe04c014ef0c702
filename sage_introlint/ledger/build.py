"""The ledger of a paper: per section its quantitative claims and open slots, and the
Introduction's contributions with the evidence the rest of the paper gives for each.

It reads a paper's sections (objects with `name`, `title`, `heading` and `doc`, as paper mode
makes them) with the vocabulary of two pack rules: the `claims` rule (metrics, units, baselines;
`claim-consistency` in sage-paper) and the `evidence` rule (which claims and experiment
subsections evidence each kind of contribution; `contribution-evidence`). Slots are those the
section's `placeholder` rule recognises.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..checks._text import Matcher, cached, excerpt
from ..document.model import Document, Position, Span
from .claims import Claim, ClaimSpec, extract
from .contributions import Contribution, listed
from .slots import Slot, find_slots, first_holding, slot_spans, what_fills

INTRODUCTION = "introduction"


@dataclass(frozen=True)
class Located:
    """A span of one section's document, with where it is and the sentence around it."""

    section: str
    doc: Document
    span: Span
    sentence: Span | None

    @property
    def position(self) -> Position:
        return self.doc.position(self.span.start)

    @property
    def where(self) -> str:
        p = self.position
        return f"{p.path}:{p.line}:{p.column}"

    def text(self) -> str:
        return " ".join(self.doc.slice(self.span).split())

    def context(self, limit: int = 90) -> str:
        return excerpt(self.doc, self.sentence or self.span, limit)


@dataclass(frozen=True)
class ClaimEntry:
    claim: Claim
    at: Located


@dataclass(frozen=True)
class SlotEntry:
    slot: Slot
    at: Located
    fills: str  # the experiment (or citation) the prompts say fills it


@dataclass
class ContributionEntry:
    contribution: Contribution
    at: Located
    evidence: list[str] = field(default_factory=list)  # "claim ... at PATH:L:C", "subsection ..."


@dataclass
class SectionLedger:
    name: str
    title: str
    heading: Position
    doc: Document
    claims: list[ClaimEntry] = field(default_factory=list)
    slots: list[SlotEntry] = field(default_factory=list)


@dataclass
class Ledger:
    sections: list[SectionLedger]
    contributions: list[ContributionEntry]

    def claims(self) -> list[ClaimEntry]:
        return [entry for section in self.sections for entry in section.claims]


def section_title(section) -> str:
    """The heading as written, or the section's name for one without (`\\begin{abstract}`)."""
    return section.title or section.name.replace("-", " ").capitalize()


def build(sections, claims_rule, slot_rule_for, evidence_rule=None) -> Ledger:
    """The ledger of `sections`; `slot_rule_for(section)` is its placeholder rule (or None)."""
    spec = ClaimSpec.from_options(claims_rule.options)
    fills = claims_rule.options.get("slot_fills", [])
    result = []
    for section in sections:
        doc = section.doc
        rule = slot_rule_for(section)
        slots = find_slots(doc, rule) if rule is not None else []
        claims = extract(doc, spec, slot_spans(slots))
        entry = SectionLedger(section.name, section_title(section), section.heading, doc)
        entry.claims = [ClaimEntry(c, Located(section.name, doc, c.span, c.sentence)) for c in claims]
        claim_at = first_holding(claims, lambda claim: claim.span)
        for slot in slots:
            owner = claim_at(slot.span.start)
            fill = owner.experiment if owner and owner.experiment else what_fills(slot, fills)
            entry.slots.append(SlotEntry(slot, Located(section.name, doc, slot.span, slot.sentence), fill))
        result.append(entry)
    contributions = _contributions(sections, result, evidence_rule) if evidence_rule is not None else []
    return Ledger(result, contributions)


def _contributions(sections, ledgers: list[SectionLedger], rule) -> list[ContributionEntry]:
    intro = next((s for s in sections if s.name == INTRODUCTION), None)
    if intro is None:
        return []
    options = rule.options
    found = listed(intro.doc, rule, options["group"], options["cues"])
    entries = []
    for item in found:
        entry = ContributionEntry(item, Located(intro.name, intro.doc, item.span, item.span))
        for part in item.parts:
            entry.evidence.extend(_evidence(sections, ledgers, options["evidence"].get(part, {})))
        entries.append(entry)
    return entries


def _evidence(sections, ledgers: list[SectionLedger], wanted: dict) -> list[str]:
    """Claims of the metrics the prompts pair with a contribution, and experiment subsections."""
    found = []
    metrics = set(wanted.get("metrics", []))
    for ledger in ledgers:
        for entry in ledger.claims:
            if entry.claim.role in ("system", "paired") and entry.claim.metric in metrics:
                found.append(f"{entry.claim.metric} {entry.at.text()} ({ledger.name}, {entry.at.where})")
    titles = cached("ledger.subsections", wanted, lambda: Matcher(wanted.get("subsections", []), inflect=True))
    for section in sections:
        for division in getattr(section.doc, "divisions", []) or []:
            if not titles.empty and next(titles.scan(division.title), None) is not None:
                start = division.start
                found.append(f"subsection \"{division.title}\" ({start.path}:{start.line}:{start.column})")
    return found
