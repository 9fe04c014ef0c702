"""`contrast`: a group member that is named is also set apart from the system.

For each member mentioned (see `coverage`), at least one sentence that mentions it must hold a
contrast cue ("unlike", "whereas", "rather than", ...) itself or in the next sentence of the
same paragraph (outline: the next bullet). Otherwise one finding at the first sentence that
mentions the member. Members never mentioned are left to `coverage`.

Options:
  group (required): name of a pack group (or the group inline).
  cues (required): contrast cues (terms; a trailing `*` matches any ending).
  message (required): template with `{member}`, `{name}`, `{contrast}` (what the prompt says
    the system does differently).
"""

from __future__ import annotations

from typing import Iterator

from ..document.model import Document
from ..findings import Finding, span_finding
from ._text import Matcher, cached, fill, member_matchers, member_title, prose_units

OPTIONS = {"group": ((str, dict), True), "cues": (list, True), "message": (str, True)}


def check(doc: Document, rule) -> Iterator[Finding]:
    cues = cached("contrast.cues", rule.options["cues"], lambda: Matcher(rule.options["cues"]))
    units = prose_units(doc)
    has_cue = [cues.search(doc, span) for _, span in units]
    for member, matcher in member_matchers(rule, rule.options["group"]):
        mentions = [i for i, (_, span) in enumerate(units) if matcher.search(doc, span)]
        if not mentions:
            continue
        contrasted = any(
            has_cue[i] or (i + 1 < len(units) and units[i + 1][0] == units[i][0] and has_cue[i + 1])
            for i in mentions)
        if not contrasted:
            yield span_finding(doc, units[mentions[0]][1], rule.severity, rule.id,
                               fill(rule.options["message"], member=member_title(member),
                                    name=member["name"], contrast=member.get("contrast", "")))
