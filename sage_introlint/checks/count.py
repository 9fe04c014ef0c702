r"""`count`: bounds on how many paragraphs, sentences or words a document has.

`of` says what is counted, and where a finding points:
  paragraphs  per document (an outline counts its paragraph entries) -> document start
  sentences   per paragraph -> the paragraph's first character
  words       per sentence -> the sentence
  section-words  the whole document (a paper section: the abstract) -> its heading; counts
              above `max` up to `soft_max` are reported with `soft_severity` (a first draft
              may run slightly over) and the `slightly_over` message
  divisions   a paper section's top-level divisions (subsections, `\paragraph` or run-in
              heads, or the sibling sections grouped into it) -> its heading

Options:
  of (required): paragraphs | sentences | words | section-words | divisions.
  soft_max, soft_severity, slightly_over: the tolerated band above `max` (section-words).
  min, max: inclusive bounds (either may be left out).
  list_leads: for `sentences`, whether a paragraph that leads into a list is counted (default true).
  too_few, too_many: message templates with `{count}`, `{min}`, `{max}`, `{where}`
    ("paragraph 3", "the sentence") and `{unit}` ("paragraphs", "paragraph entries").
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document.model import Document
from ..findings import Finding, position_finding, span_finding
from .memo import per_paragraph
from ._text import by_units, fill, lowered, top_divisions, words
from .schema import choice, flag, integer, severity, text

OPTIONS = {"of": choice("paragraphs", "sentences", "words", "section-words", "divisions", required=True),
           "min": integer(minimum=0), "max": integer(minimum=0), "list_leads": flag(), "too_few": text(),
           "too_many": text(), "soft_max": integer(minimum=0), "soft_severity": severity(), "slightly_over": text()}

DEFAULT_TOO_FEW = "{where} has {count} {unit}; at least {min} expected"
DEFAULT_TOO_MANY = "{where} has {count} {unit}; at most {max} expected"


def _verdict(rule, count: int, **values) -> str | None:
    low, high = rule.options.get("min"), rule.options.get("max")
    values.update(count=count, min=low, max=high)
    if low is not None and count < low:
        return fill(_numbered(rule.options.get("too_few", DEFAULT_TOO_FEW), values), **values)
    if high is not None and count > high:
        return fill(_numbered(rule.options.get("too_many", DEFAULT_TOO_MANY), values), **values)
    return None


def _numbered(template: str, values: dict) -> str:
    """With a count of one, the noun after `{count}` is singular ("has 1 sentence", not "1 sentences"),
    whether the template writes it or takes it from `{unit}`."""
    if values["count"] != 1:
        return template
    if "unit" in values:
        values["unit"] = _singular(values["unit"])
    return re.sub(r"\{count\} ([a-z]+)\b(?!\()", lambda m: "{count} " + _singular(m.group(1)), template)


def _singular(noun: str) -> str:
    """'paragraph entries' -> 'paragraph entry', 'categories' -> 'category', 'words' -> 'word'."""
    head, _, last = noun.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}" if head else last


def check(doc: Document, rule) -> Iterator[Finding]:
    of = rule.options["of"]
    if of == "paragraphs":
        if doc.kind == "outline":
            count, unit = len(doc.outline), "paragraph entries"
        else:
            count, unit = len(doc.paragraphs), "paragraphs"
        message = _verdict(rule, count, where="the Introduction", unit=unit)
        if message:
            yield position_finding(doc.start, rule.severity, rule.id, message + _kind_hint(doc))
    elif of == "sentences":
        for number, paragraph in enumerate(doc.paragraphs, 1):
            yield from per_paragraph(doc, rule, number, paragraph, lambda: _sentences(doc, rule, number, paragraph))
    elif of == "words":
        yield from by_units(doc, rule, lambda units: _sentence_words(doc, rule, units))
    elif of == "section-words":
        yield from _section_words(doc, rule)
    elif of == "divisions":
        count = len(top_divisions(doc))
        message = _verdict(rule, count, where="this section", unit="subsections")
        if message:
            yield position_finding(doc.start, rule.severity, rule.id, message)
    else:
        raise ValueError(f"rule {rule.id}: count of {of!r}: expected paragraphs, sentences or words")


KIND_HINTS = {"outline": "an outline (prompt 2.1)", "paragraph": "a paragraph answer (prompt 2.2)"}


def _kind_hint(doc: Document) -> str:
    """A `.tex` file read as an Introduction that has the shape of another kind says so."""
    if doc.reads_as not in KIND_HINTS:
        return ""
    return f" (if this file is {KIND_HINTS[doc.reads_as]}, check it with --kind {doc.reads_as})"


def _sentences(doc: Document, rule, number: int, paragraph) -> Iterator[Finding]:
    if paragraph.list_kind and not rule.options.get("list_leads", True):
        return
    message = _verdict(rule, len(paragraph.sentences), where=f"paragraph {number}", unit="sentences")
    if message:
        yield position_finding(doc.position(paragraph.span.start), rule.severity, rule.id, message)


def _sentence_words(doc: Document, rule, sentences) -> Iterator[Finding]:
    for sentence in sentences:
        message = _verdict(rule, len(words(doc, sentence)), where="this sentence", unit="words")
        if message:
            yield span_finding(doc, sentence, rule.severity, rule.id, message)


def _section_words(doc: Document, rule) -> Iterator[Finding]:
    """Words of the whole section; a count in (max, soft_max] is the softer `slightly_over`."""
    count = sum(len(words(doc, paragraph.span)) for paragraph in doc.paragraphs)
    high, soft = rule.options.get("max"), rule.options.get("soft_max")
    severity = rule.severity
    if high is not None and soft is not None and high < count <= soft:
        severity = lowered(rule.options.get("soft_severity", "warning"), rule.severity)
        message = fill(rule.options.get("slightly_over", DEFAULT_TOO_MANY), count=count, max=high, soft_max=soft,
                       min=rule.options.get("min"), where="this section", unit="words")
    else:
        message = _verdict(rule, count, where="this section", unit="words", soft_max=soft)
    if message:
        yield position_finding(doc.start, severity, rule.id, message)
