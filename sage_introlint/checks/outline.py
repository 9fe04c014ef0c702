"""`outline`: what each paragraph entry of an outline (answer to prompt 2.1) must hold.

`part` picks the requirement:
  goal     every entry states its goal -> finding at the entry
  bullets  every entry has bullet points -> finding at the entry
  prose    no entry is written as prose: at most `max_prose_sentences` prose sentences
           (a goal line that runs on past its first sentence counts the rest as prose)
  details  the outline notes which details the authors must supply: the front end's
           `details_note`, or any of `cues` (regular expressions) in the text -> document start

Options:
  part (required): goal | bullets | prose | details.
  message (required): template with `{entry}` (entry number), `{count}`, `{max}`.
  max_prose_sentences: for `prose` (default 2).
  cues: for `details`, case-insensitive regular expressions.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import cached, fill, regex_in
from .schema import choice, integer, regexes, text

OPTIONS = {"part": choice("goal", "bullets", "prose", "details", required=True), "message": text(required=True),
           "max_prose_sentences": integer(minimum=0), "cues": regexes()}


def _has_details(doc: Document, rule) -> bool:
    if doc.details_note is not None:
        return True
    cues = rule.options.get("cues") or []
    regex = cached("outline.cues", cues, lambda: user_regex.compile("|".join(f"(?:{c})" for c in cues), re.I, cues) if cues else None)
    return bool(regex and regex_in(doc, [regex]))


def _sentence_count(doc: Document, span) -> int:
    """Sentences of the segmented paragraphs inside `span` (at least 1: the span itself)."""
    inside = sum(1 for p in doc.paragraphs for s in p.sentences if span.start <= s.start < span.end)
    return max(inside, 1)


def check(doc: Document, rule) -> Iterator[Finding]:
    part, template = rule.options["part"], rule.options["message"]
    if doc.kind != "outline":
        return
    if part == "details":
        if doc.outline and not _has_details(doc, rule):
            yield position_finding(doc.start, rule.severity, rule.id, fill(template))
        return
    limit = rule.options.get("max_prose_sentences", 2)
    for number, entry in enumerate(doc.outline, 1):
        if part == "goal":
            failed, count = entry.goal is None, 0
        elif part == "bullets":
            failed, count = not entry.bullets, len(entry.bullets)
        elif part == "prose":
            # a goal line that runs on ("Goal: X. A RAG request ... Agents ...") is one goal
            # sentence and prose after it
            count = sum(_sentence_count(doc, span) for span in entry.prose)
            count += max(_sentence_count(doc, entry.goal) - 1, 0) if entry.goal is not None else 0
            failed = count > limit
        else:
            raise ValueError(f"rule {rule.id}: unknown outline part {part!r}")
        if failed:
            yield position_finding(doc.position(entry.title.start), rule.severity, rule.id,
                                   fill(template, entry=number, count=count, max=limit))
