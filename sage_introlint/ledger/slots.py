"""Open slots and placeholders: what the pack's `placeholder` rule recognises, as an inventory.

Recognition is the rule's own (`checks.terms.matches`), so the ledger lists exactly what
`check` reports. A slot is `marked` when its vocabulary list has `stages` (the prompts' `[X]%`,
`[Y]x`, `[REF: ...]`, expected in a draft); anything else (TODO, ??, XX) is unmarked.
"""

from __future__ import annotations

from bisect import bisect_right
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
    sentence_of = first_holding([span for _, span in prose_units(doc)])
    found: dict[tuple[int, int], Slot] = {}
    for spec, _, span in terms.matches(doc, rule):
        sentence = sentence_of(span.start)
        key = (span.start, span.end)
        if key not in found:
            severity = lowered(spec.get("severity", rule.severity), rule.severity)
            found[key] = Slot(doc.slice(span), span, sentence, "stages" in spec, severity)
    return sorted(found.values(), key=lambda slot: slot.span.start)


def first_holding(items: list, span_of=lambda item: item):
    """offset -> the first of `items` (in text order) whose span holds it, or None: a bisection
    when the spans do not overlap (sentences, claims), else a scan; never a scan of every
    sentence for every slot of a long paper."""
    spans = [span_of(item) for item in items]
    if any(a.start > b.start or a.end > b.start for a, b in zip(spans, spans[1:])):
        return lambda offset: next((i for i, s in zip(items, spans) if s.start <= offset < s.end), None)
    starts = [span.start for span in spans]

    def find(offset: int):
        index = bisect_right(starts, offset) - 1
        return items[index] if index >= 0 and offset < spans[index].end else None
    return find


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
