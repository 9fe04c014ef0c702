"""`enumeration`: how many items (contributions) a section states, within bounds.

The items are counted where the section names them (`cues`, e.g. "contribution"): an inline
enumeration `(1) ... (2) ...` or `(i) ... (ii)` after the cue, a list that belongs to the cued
paragraph, ordinal sentence openers ("First, ... Second, ..."), or a number word before the
cue ("three contributions"), or a serial list the cue introduces ("our contributions are A, B
and C", "include A, B, and C", "contributions: A, B and C"); a cue with none of these states one item. Nothing stated counts as zero. One finding at the section heading.

Options:
  cues (required): terms that name the items.
  min, max: inclusive bounds.
  too_few, too_many (required): templates with `{count}`, `{min}`, `{max}`.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import Matcher, cached, fill
from .schema import integer, terms, text

OPTIONS = {"cues": terms(required=True), "min": integer(minimum=0), "max": integer(minimum=0),
           "too_few": text(required=True), "too_many": text(required=True)}

NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "2": 2, "3": 3,
                "4": 4, "5": 5, "6": 6, "7": 7, "8": 8}
ARABIC = re.compile(r"\((\d{1,2})\)")
ROMAN = re.compile(r"\((i{1,3}|iv|v|vi{1,3})\)")
ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
# After the cue, what opens a serial list of the items: "are", "include", "comprise" or a colon.
SERIAL_LEAD = re.compile(r"\w*\s*(?:(?:are|include|comprise)\b\s*:?|:)\s*", re.IGNORECASE)
PARENTHESES = re.compile(r"\([^()]*\)")
ORDINAL = re.compile(r"(?:^|(?<=[.;]\s))(First|Second|Third|Fourth|Fifth|Sixth|Finally)\b,?", re.M)


def _run(values: list[int]) -> int:
    """The length of the run 1, 2, 3, ... that the markers form."""
    count = 0
    for value in values:
        if value == count + 1:
            count = value
    return count


def stated(doc: Document, cues: Matcher) -> int:
    """How many items the section states (0 when it states none)."""
    best = 0
    for paragraph in doc.paragraphs:
        found = next(cues.finditer(doc, paragraph.span), None)
        if found is None:
            continue
        best = max(best, 1, _serial(doc, paragraph, found[1].end))  # named: at least one item
        tail = doc.text[found[1].start:paragraph.span.end]
        best = max(best, _run([int(m.group(1)) for m in ARABIC.finditer(tail)]),
                   _run([ROMAN_VALUES[m.group(1)] for m in ROMAN.finditer(tail)]), len(paragraph.items))
        before = doc.text[max(paragraph.span.start, found[1].start - 30):found[1].start].split()
        for word in reversed(before[-3:]):
            if word.lower() in NUMBER_WORDS:
                best = max(best, NUMBER_WORDS[word.lower()])
                break
        ordinals = {m.group(1) for m in ORDINAL.finditer(doc.text, paragraph.span.start, paragraph.span.end)}
        if len(ordinals) >= 2:
            best = max(best, len(ordinals))
    return best


def _serial(doc: Document, paragraph, cue_end: int) -> int:
    """How many items a serial list right after the cue names, to the end of its sentence
    ("are the layered architecture with its dataflow, the control plane, and a benchmark suite": 3);
    0 without one. A list needs a comma and a last "and" ("the design and implementation of X"
    is one item); commas inside parentheses do not part items."""
    lead = SERIAL_LEAD.match(doc.text, cue_end)
    if lead is None:
        return 0
    end = next((s.end for s in paragraph.sentences if s.start <= cue_end < s.end), paragraph.span.end)
    rest = PARENTHESES.sub("", doc.text[lead.end():end])
    parts = [part.strip() for part in re.split(r"[,;]", rest)]
    if len(parts) < 2 or not re.match(r"and\b|.*\sand\s", parts[-1]) or not all(parts):
        return 0
    return len(parts) + (0 if parts[-1].startswith("and ") else 1)


def check(doc: Document, rule) -> Iterator[Finding]:
    options = rule.options
    cues = cached("enumeration.cues", options["cues"], lambda: Matcher(options["cues"], inflect=True))
    count = stated(doc, cues)
    low, high = options.get("min"), options.get("max")
    template = None
    if low is not None and count < low:
        template = options["too_few"]
    elif high is not None and count > high:
        template = options["too_many"]
    if template:
        yield position_finding(doc.start, rule.severity, rule.id, fill(template, count=count, min=low, max=high))

