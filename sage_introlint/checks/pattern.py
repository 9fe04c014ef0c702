"""`pattern`: sentences that say (or must say) a certain thing, found by cue words.

A sentence matches when every list in `all_of` has a term in it, any of `patterns` (regular
expressions, case-insensitive) matches when given, and no `none_of` term (negation, contrast)
nor `none_patterns` expression (a number, a slot) occurs in it. `mode` decides what is reported:
  required   no sentence of the document matches -> document start
  forbidden  each matching sentence -> that sentence
  majority   more than `share` of a paragraph's sentences match (and it has at least
             `min_sentences`) -> the paragraph's first character
  closing    the last paragraph, read as a whole, does not match -> document start
With `only_if`, the rule applies only to a document that mentions one of those terms.
With `implied_subject`, an item of a list whose lead-in has one of those terms ("We make the
following contributions:") has the subject of `all_of`'s first list: "a general platform for
distributed training" there says what the authors built, though it names no one.

Options:
  mode (required): required | forbidden | majority | closing.
  all_of: list of term lists.   patterns: list of regular expressions.   none_of: term list.
  none_patterns: regular expressions the sentence must not match.   only_if: term list.
  implied_subject: term list (see above).
  in_code: `patterns` also match in code, citations and URLs (identifiers are written as code).
  share: fraction for `majority` (default 0.5).   min_sentences: default 4.
  message (required): template with `{count}`, `{total}`, `{where}`, `{sentence}`.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..regex_first import reach_before
from ..document.model import Document, Span
from ..findings import Finding, position_finding, span_finding
from .memo import NEIGHBOURS, per_paragraph
from ._text import Matcher, by_units, cached, excerpt, fill, prose_units, regex_in
from .schema import choice, flag, integer, list_of, number, regexes, terms, text

OPTIONS = {"mode": choice("required", "forbidden", "majority", "closing", required=True), "all_of": list_of(terms()),
           "patterns": regexes(), "none_of": terms(), "none_patterns": regexes(), "only_if": terms(),
           "implied_subject": terms(), "in_code": flag(), "share": number(minimum=0, maximum=1),
           "min_sentences": integer(minimum=1), "message": text(required=True)}


class SentenceTest:
    """Does one sentence say the thing the rule looks for?"""

    def __init__(self, options: dict):
        self.required = [Matcher(terms, inflect=True) for terms in options.get("all_of") or []]
        self.patterns = [user_regex.compile(p, re.I | re.S) for p in options.get("patterns") or []]
        self.excluded = Matcher(options.get("none_of") or [])
        self.excluded_patterns = [user_regex.compile(p, re.I | re.S) for p in options.get("none_patterns") or []]
        self.in_code = options.get("in_code", False)
        self.lead = Matcher(options["implied_subject"], inflect=True) if options.get("implied_subject") else None
        # What the editor's memo keeps a paragraph's results by (memo.fingerprint): the paragraph
        # and the character either side, when that is all a test reads (no term list: a term's
        # left edge reads two characters back, and a whole-text match may reach in; patterns that
        # look back one character at most); else the paragraphs before and after too.
        reaches = [reach_before(p) for p in self.patterns + self.excluded_patterns]
        alone = not self.required and self.excluded.empty and all(r is not None and r <= 1 for r in reaches)
        self.context = None if alone else NEIGHBOURS

    def __call__(self, doc: Document, span: Span) -> bool:
        required = self.required
        if self.lead is not None and required and not required[0].search(doc, span) and self._implied(doc, span):
            required = required[1:]
        if not all(m.search(doc, span) for m in required):
            return False
        if self.patterns and not regex_in(doc, self.patterns, span, anywhere=self.in_code):
            return False
        if regex_in(doc, self.excluded_patterns, span):
            return False
        return not self.excluded.search(doc, span)


    def _implied(self, doc: Document, span: Span) -> bool:
        """Is the span inside an item of a list whose lead-in names the subject for it?"""
        for paragraph in doc.paragraphs:
            if paragraph.items and paragraph.span.start <= span.start < paragraph.span.end:
                lead = paragraph.blocks[0]
                return not lead.item and any(i.start <= span.start < i.end for i in paragraph.items) \
                    and self.lead.search(doc, lead.span)
        return False


def check(doc: Document, rule) -> Iterator[Finding]:
    options = rule.options
    test = cached("pattern", options, lambda: SentenceTest(options))
    mode, template = options["mode"], options["message"]
    if options.get("only_if") and not cached("pattern.only_if", options["only_if"],
                                             lambda: Matcher(options["only_if"], anywhere=True)).search(doc):
        return
    if mode == "closing":
        if doc.paragraphs and not test(doc, doc.paragraphs[-1].span):
            yield position_finding(doc.start, rule.severity, rule.id, fill(template))
    elif mode == "required":
        units = prose_units(doc)
        if units and not any(test(doc, span) for _, span in units):
            yield position_finding(doc.start, rule.severity, rule.id, fill(template))
    elif mode == "forbidden":
        yield from by_units(doc, rule, lambda units: _forbidden(doc, rule, test, units), test.context)
    elif mode == "majority":
        for number, paragraph in enumerate(doc.paragraphs, 1):
            yield from per_paragraph(doc, rule, number, paragraph, lambda: _majority(doc, rule, test, number, paragraph),
                                     test.context)
    else:
        raise ValueError(f"rule {rule.id}: unknown pattern mode {mode!r}")


# The tests read the term matches of the whole text when another rule has found them: a match may
# reach into a paragraph from the one before or after, so those are a paragraph's context.


def _forbidden(doc: Document, rule, test: SentenceTest, units) -> Iterator[Finding]:
    for span in units:
        if test(doc, span):
            yield span_finding(doc, span, rule.severity, rule.id, fill(rule.options["message"], sentence=excerpt(doc, span)))


def _majority(doc: Document, rule, test: SentenceTest, number: int, paragraph) -> Iterator[Finding]:
    share, least = rule.options.get("share", 0.5), rule.options.get("min_sentences", 4)
    total = len(paragraph.sentences)
    count = sum(1 for s in paragraph.sentences if test(doc, s))
    if total >= least and count > share * total:
        yield position_finding(doc.position(paragraph.span.start), rule.severity, rule.id,
                               fill(rule.options["message"], count=count, total=total, where=f"paragraph {number}"))
