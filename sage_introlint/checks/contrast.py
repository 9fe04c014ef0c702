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
  patterns: regular expressions that also set a sentence apart, such as a clause about the
    system after a semicolon or dash ("they optimize one model; SAGE coordinates many", the
    prompts' own way of contrasting).
  own: phrases that mark a mention as part of a name of the paper's own setup when they follow
    it within three words ("a vLLM serving benchmark we built"); with `own`, a mention after
    "our" (two words at most between) is the paper's own too.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document
from ..findings import Finding, span_finding
from ._text import Matcher, cached, fill, member_matchers, member_title, prose_units, regex_in
from ..regex_first import reach_before
from .memo import current as current_memo
from .schema import group_ref, list_of, regexes, terms, text

OPTIONS = {"group": group_ref(required=True), "cues": terms(required=True), "message": text(required=True),
           "own": list_of(text()), "patterns": regexes()}


def _own_matcher(rule):
    """A regex for a mention that names the paper's own setup: `... benchmark we built`, `our ...`."""
    phrases = rule.options.get("own") or []
    if not phrases:
        return None
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?:[\s~]+[\w-]+){{0,3}}?[\s~]+(?:{words})\b", re.I)


def _foreign(doc: Document, matcher, own, span) -> bool:
    """Does `span` mention the member other than as part of a name of the paper's own setup?"""
    for _, found in matcher.finditer(doc, span):
        if own is None or not own.match(doc.text, found.end, span.end):
            if not (own is not None and re.search(r"\bour[\s~]+(?:[\w-]+[\s~]+){0,2}$",
                                                  doc.text[max(span.start, found.start - 40):found.start], re.I)):
                return True
    return False


def check(doc: Document, rule) -> Iterator[Finding]:
    cues = cached("contrast.cues", rule.options["cues"], lambda: Matcher(rule.options["cues"]))
    own = cached("contrast.own", rule.options, lambda: _own_matcher(rule))
    patterns = cached("contrast.patterns", rule.options.get("patterns") or [],
                      lambda: [user_regex.compile(p, re.I | re.S) for p in rule.options.get("patterns") or []])
    members = member_matchers(rule, rule.options["group"])
    memo = current_memo()
    back = cached("contrast.reach", patterns, lambda: _reach(patterns))  # parses each pattern: once per list
    if memo is None or doc.outline or back is None:
        units = prose_units(doc)
        found = [_read(doc, cues, patterns, own, members, units)]
    else:  # the editor: each paragraph's part is kept by what its searches read
        units, found = [], []
        for paragraph in doc.paragraphs:
            spans = paragraph.sentences or [paragraph.span]
            start = paragraph.span.start
            name = ("contrast", tuple((s.start - start, s.end - start) for s in spans), doc.text[max(start - back, 0):start])
            found.append(memo.paragraph_value(doc, paragraph.span, name, lambda: _read(
                doc, cues, patterns, own, members, [(0, s) for s in spans]), owner=rule))
            units.append(spans)
    for index, (member, _) in enumerate(members):
        first = next(((part, at) for part, read in enumerate(found) for at in read[index][0]), None)
        if first is None or any(read[index][1] for read in found):
            continue
        span = prose_units(doc)[first[1]][1] if memo is None or doc.outline else units[first[0]][first[1]]
        yield span_finding(doc, span, rule.severity, rule.id,
                           fill(rule.options["message"], member=member_title(member), name=member["name"],
                                contrast=member.get("contrast", "")))


def _reach(patterns: list) -> int | None:
    """How far before a sentence its searches read: a term's left edge (two characters), and the
    `patterns`' lookbehinds; None when a pattern's is not known."""
    reaches = [reach_before(pattern) for pattern in patterns]
    return None if None in reaches else max([2] + reaches)


def _read(doc: Document, cues, patterns, own, members, units) -> list[tuple[tuple[int, ...], bool]]:
    """Per member: (where it is first mentioned among `units`, as a one-item tuple or empty,
    whether a mention is contrasted: a cue in its unit or the next one of the same paragraph)."""
    has_cue = [cues.search(doc, span) or regex_in(doc, patterns, span) for _, span in units]
    mentions = [[i for i, (_, span) in enumerate(units) if _foreign(doc, matcher, own, span)] for _, matcher in members]
    # the next unit sets a member apart only when it goes on about that member, not when it
    # names another class ("MLflow ... is popular. Benchmarks ... measure answers, not systems.")
    owners: dict[int, set[int]] = {}
    for index, found in enumerate(mentions):
        for i in found:
            owners.setdefault(i, set()).add(index)
    result = []
    for index, found in enumerate(mentions):
        contrasted = any(has_cue[i] or (i + 1 < len(units) and units[i + 1][0] == units[i][0] and has_cue[i + 1]
                                        and owners.get(i + 1, {index}) <= {index})
                         for i in found)
        result.append((tuple(found[:1]), contrasted))
    return result
