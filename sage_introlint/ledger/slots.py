"""Open slots and placeholders: what the pack's `placeholder` rule recognises, as an inventory.

Recognition is the rule's own (`checks.terms.matches`), so the ledger lists exactly what
`check` reports. A slot is `marked` when its vocabulary list has `stages` (the prompts' `[X]%`,
`[Y]x`, `[REF: ...]`, expected in a draft); anything else (TODO, ??, XX) is unmarked.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import user_regex
from ..checks import terms
from ..checks._text import lowered, prose_units
from ..document.model import Document, Span


@dataclass(frozen=True)
class Slot:
    text: str
    span: Span
    sentence: Span | None
    marked: bool
    severity: str  # what `check` reports it as at the configured stage


def find_slots(doc: Document, rule) -> list[Slot]:
    """Every placeholder the rule recognises in `doc`, in text order, each with its sentence."""
    units = [span for _, span in prose_units(doc)]
    found: dict[tuple[int, int], Slot] = {}
    for spec, _, span in terms.matches(doc, rule):
        sentence = next((u for u in units if u.start <= span.start < u.end), None)
        key = (span.start, span.end)
        if key not in found:
            severity = lowered(spec.get("severity", rule.severity), rule.severity)
            found[key] = Slot(doc.slice(span), span, sentence, "stages" in spec, severity)
    return sorted(found.values(), key=lambda slot: slot.span.start)


def slot_spans(slots: list[Slot]) -> list[Span]:
    """The marked slots, which can stand for a value (`[X]%`) or a name (`[baseline]`)."""
    return [slot.span for slot in slots if slot.marked]


def what_fills(slot: Slot, fills: list[dict]) -> str:
    """What a slot that is not a claim's value waits for, by the pack's `slot_fills` patterns."""
    for item in fills:
        match = user_regex.compile(item["pattern"]).search(slot.text)
        if match:
            return item["fills"].format(**match.groupdict())
    return ""
