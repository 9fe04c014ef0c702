"""`terms`: words and patterns that must not appear in the prose (existence check).

Each list under `lists` has its own severity (never above the rule's), message and matching
mode; a term may carry a replacement, which becomes the finding's suggestion. Matches touching
a citation, reference, math, URL or code are skipped, and so is text the front end marked as
not checkable.

Options:
  lists (required): list of mappings, each with
    terms (required): strings, or one-key mappings `term: replacement`; with `regex: true`,
      regular expressions instead of words.
    message (required): template; `{match}` is the text found, `{term}` the list entry.
    suggestion: template for the suggestion when the entry has a replacement (`{replace}`).
    severity: error | warning | info (default: the rule's).
    inflect: add -s, -ed, -ing, -ly forms to the last word of each term (default false).
    case_sensitive: default false.
    regex: entries are regular expressions (default false).
"""

from __future__ import annotations

from typing import Iterator

from ..document.model import Document
from ..findings import Finding, span_finding
from ._text import Matcher, cached, excerpt, fill, lowered

OPTIONS = {"lists": (list, True)}


def _matchers(rule) -> list[tuple[dict, Matcher]]:
    lists = rule.options["lists"]
    return cached("terms", lists, lambda: [
        (spec, Matcher(spec.get("terms", []), spec.get("inflect", False),
                       spec.get("case_sensitive", False), spec.get("regex", False)))
        for spec in lists])


def check(doc: Document, rule) -> Iterator[Finding]:
    for spec, matcher in _matchers(rule):
        severity = lowered(spec.get("severity", rule.severity), rule.severity)
        for entry, span in matcher.finditer(doc):
            match = excerpt(doc, span)
            message = fill(spec["message"], match=match, term=entry.term, replace=entry.replace or "")
            suggestion = None
            if entry.replace is not None and spec.get("suggestion"):
                suggestion = fill(spec["suggestion"], match=match, term=entry.term, replace=entry.replace)
            yield span_finding(doc, span, severity, rule.id, message, suggestion)
