"""`trimming`: the paragraph answer (prompt 2.2) ends with 1-2 trimming points that exist.

A trimming point names sentences that could be dropped, by number ("Sentence 7") or by quoting
their words. Findings: no trimming list, or more than `max` points -> document start; a number
beyond the paragraph's sentence count, or quoted words not in the paragraph -> that reference.

Options:
  numbers (required): regular expression with a group `list` holding the sentence numbers
    ("Sentences 3 and 4" -> "3 and 4"); every number in it is checked.
  quotes (required): regular expressions whose group `quote` is quoted text.
  min, max: how many trimming points are expected (default 1 and 2).
  none, too_many, no_sentence, no_quote: message templates (`{count}`, `{max}`, `{number}`,
    `{sentences}`, `{quote}`).
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document, Span
from ..findings import Finding, position_finding, span_finding
from ._text import cached, excerpt, fill
from .schema import integer, regex, regexes, text

OPTIONS = {"numbers": regex(required=True, groups=("list",)), "quotes": regexes(required=True, groups=("quote",)),
           "min": integer(minimum=0), "max": integer(minimum=0), "none": text(required=True),
           "too_many": text(required=True), "no_sentence": text(required=True), "no_quote": text(required=True)}

ELLIPSIS = re.compile(r"\.\.\.|…|\[\s*\.\.\.\s*\]")


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.replace("~", " ").lower()).split())


def check(doc: Document, rule) -> Iterator[Finding]:
    options = rule.options
    low, high = options.get("min", 1), options.get("max", 2)
    points = doc.trimming or []
    if len(points) < low:
        yield position_finding(doc.start, rule.severity, rule.id, fill(options["none"], count=len(points), max=high))
        return
    if len(points) > high:
        yield position_finding(doc.start, rule.severity, rule.id,
                               fill(options["too_many"], count=len(points), max=high))
    sentences = sum(len(p.sentences) for p in doc.paragraphs)
    prose = _normal(" ".join(doc.slice(p.span) for p in doc.paragraphs))
    numbers = cached("trimming.numbers", options["numbers"], lambda: user_regex.compile(options["numbers"]))
    quotes = cached("trimming.quotes", options["quotes"],
                    lambda: [user_regex.compile(q, re.S) for q in options["quotes"]])
    for point in points:
        for match in numbers.finditer(doc.text, point.start, point.end):
            listed = [int(n) for n in re.findall(r"\d+", match.group("list"))]
            for number in listed:
                if not 1 <= number <= sentences:
                    yield span_finding(doc, Span(match.start(), match.end()), rule.severity, rule.id,
                                       fill(options["no_sentence"], number=number, sentences=sentences))
                    break
        for regex in quotes:
            for match in regex.finditer(doc.text, point.start, point.end):
                quote = match.group("quote")
                fragments = [_normal(f) for f in ELLIPSIS.split(quote)]
                fragments = [f for f in fragments if f]
                if fragments and not all(f in prose for f in fragments):
                    yield span_finding(doc, Span(match.start(), match.end()), rule.severity, rule.id,
                                       fill(options["no_quote"], quote=excerpt(doc, Span(match.start("quote"), match.end("quote")), 50)))
