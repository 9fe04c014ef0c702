"""`contributions`: the main contributions come as a numbered list near the end.

Introduction: the paragraph whose text names the contributions (`cues`) must carry a numbered
list (Markdown ordered list, LaTeX enumerate, or inline `(1) ... (2)`, `inline` regexes). A
bullet list there is reported at that paragraph; no numbered list at all at the document start.
When cued paragraphs hold both, the last list is the contributions (an earlier `(1) (2) (3)`
lists challenges or steps).
Without any cued paragraph, a paragraph with an ordered list is taken to be the list.
Outline: the entry that names the contributions must say they are numbered (`numbered`
regexes); no such entry is reported at the document start.
Either way, the list (or entry) must sit in one of the last `last` paragraphs, else a finding
with `position_severity` at that paragraph (or entry).

Options:
  cues (required): terms that name contributions ("contribution", "we make the following").
  inline (required): regular expressions of an inline enumeration.
  numbered (required): regular expressions saying "numbered list" in an outline.
  last: how many final paragraphs may hold the list (default 2).
  missing, bullet, unnumbered, position: message templates (`{where}`, `{last}`, `{count}`).
  position_severity: severity of the position finding (default warning).
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import Matcher, cached, fill, lowered, regex_in
from .schema import integer, regexes, severity, terms, text

OPTIONS = {"cues": terms(required=True), "inline": regexes(required=True), "numbered": regexes(required=True),
           "last": integer(minimum=1), "missing": text(required=True), "bullet": text(required=True),
           "unnumbered": text(required=True), "position": text(required=True), "position_severity": severity()}


def _regex(patterns) -> re.Pattern:
    return cached("contributions.re", patterns,
                  lambda: user_regex.compile("|".join(f"(?:{p})" for p in patterns), re.I | re.S, patterns))


def check(doc: Document, rule) -> Iterator[Finding]:
    options = rule.options
    cues = cached("contributions.cues", options["cues"], lambda: Matcher(options["cues"], inflect=True))
    last = options.get("last", 2)
    if doc.kind == "outline":
        units = [(e.span, e.title.start) for e in doc.outline]
    else:
        units = [(p.span, p.span.start) for p in doc.paragraphs]
    if not units:
        return
    cued = [i for i, (span, _) in enumerate(units) if cues.search(doc, span)]
    chosen = None
    if doc.kind == "outline":
        if not cued:
            yield position_finding(doc.start, rule.severity, rule.id, fill(options["missing"], last=last))
            return
        numbered = _regex(options["numbered"])
        good = [i for i in cued if regex_in(doc, [numbered], units[i][0])]
        chosen = good[-1] if good else cued[-1]
        if not good:
            yield position_finding(doc.position(units[chosen][1]), rule.severity, rule.id,
                                   fill(options["unnumbered"], where=f"entry {chosen + 1}", last=last))
            return
    else:
        inline = _regex(options["inline"])

        def numbered(i: int) -> bool:
            return doc.paragraphs[i].list_kind == "ordered" or regex_in(doc, [inline], units[i][0])

        good = [i for i in cued if numbered(i)]
        bullets = [i for i in cued if doc.paragraphs[i].list_kind == "bullet"]
        fallback = [i for i in range(len(units)) if doc.paragraphs[i].list_kind == "ordered"]
        if good and not (bullets and bullets[-1] > good[-1]):
            chosen = good[-1]
        elif bullets:  # the last cued list is the contributions: an earlier `(1) (2)` lists something else
            where = f"paragraph {bullets[-1] + 1}"
            yield position_finding(doc.position(units[bullets[-1]][1]), rule.severity, rule.id,
                                   fill(options["bullet"], where=where, last=last))
            return
        elif fallback:
            chosen = fallback[-1]
        else:
            yield position_finding(doc.start, rule.severity, rule.id, fill(options["missing"], last=last))
            return
    if chosen < len(units) - last:
        label = "entry" if doc.kind == "outline" else "paragraph"
        severity = lowered(options.get("position_severity", "warning"), rule.severity)
        yield position_finding(doc.position(units[chosen][1]), severity, rule.id,
                               fill(options["position"], where=f"{label} {chosen + 1}",
                                    count=len(units), last=last))
