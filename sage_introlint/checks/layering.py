"""`layering`: the facts of a layered architecture: which component sits at which layer, how many
layers there are, and that no dependency points upward.

In each sentence (code included: package names are written as code):
- a component paired with a layer it does not belong to -> the component's name. A component
  is paired with a layer written right after it ("sage-kernel (L3)", "sage-kernel at L3"), else
  with the closest layer before it when only other components and list words stand between
  ("L3: sage-kernel and sage-libs", "L5 – sage-apps, sage-benchmark");
- a layer count other than `count` ("five-layer", "5 layers", "L1–L5") -> the count, unless
  the sentence holds a `count_none_of` term (it is about another design: "unlike");
- an `upward` statement ("upward dependencies", "depends on a higher layer") in a sentence
  with no `negations` term (it is described as allowed) -> the statement;
- a `dependency` written between two layers or components, the first one lower ("L2 may call
  back into L6", "sage-common imports sage-gateway"), in a sentence with no `negations` term ->
  the two and what joins them.

Options:
  layers (required): mapping of layer number (1, 2, ...) -> component names.
  layer_pattern (required): regular expression of a layer mention with a group `n` (its number).
  count (required): the number of layers.   count_patterns (required): regular expressions with
    a group `count` (digits, a number word, or the last layer of a range: `L5`).   count_none_of: terms.
  upward: regular expressions.   negations: terms.
  dependency: regular expression that the whole text between two mentions matches when the
    first depends on the second ("may call back into", "imports").
  link_words: words allowed between a layer and its components (default: and, or, the, ...).
  wrong_layer, wrong_count, upward_allowed (required): templates with `{component}`, `{layer}`,
    `{expected}`, `{count}`, `{match}`.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import user_regex
from ..document.model import Document, Span
from ..findings import Finding, span_finding
from ._text import Matcher, cached, excerpt, fill, prose_units
from .schema import Option, integer, regex, regexes, terms, text

OPTIONS = {
    "layers": Option((dict,), required=True), "layer_pattern": regex(required=True, groups=("n",)),
    "count": integer(required=True, minimum=1), "count_patterns": regexes(required=True, groups=("count",)),
    "count_none_of": terms(), "upward": regexes(), "negations": terms(), "link_words": terms(), "dependency": regex(),
    "wrong_layer": text(required=True), "wrong_count": text(required=True), "upward_allowed": text(required=True),
}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10}
LINK_WORDS = ["and", "or", "the", "is", "are", "contains", "holds", "hosts", "includes", "comprises", "with",
              "packages", "package", "layer", "provides", "houses", "consists of", "groups", "plus"]
AFTER = re.compile(r"[\s~]*[(\[,:]?[\s~]*(?:(?:at|in|on|is|sits at|lives in|belongs to)[\s~]+)?(?:the[\s~]+)?\Z")


class _Facts:
    def __init__(self, options: dict):
        self.layers = {int(k): [str(v) for v in values] for k, values in options["layers"].items()}
        self.owner = {name.lower(): layer for layer, names in self.layers.items() for name in names}
        self.components = Matcher(sorted(self.owner, key=len, reverse=True), anywhere=True)
        self.layer = user_regex.compile(options["layer_pattern"])
        self.counts = [user_regex.compile(p, re.I) for p in options["count_patterns"]]
        self.count_none = Matcher(options.get("count_none_of") or [])
        self.upward = [user_regex.compile(p, re.I) for p in options.get("upward") or []]
        self.negations = Matcher(options.get("negations") or [])
        self.dependency = user_regex.compile(options["dependency"], re.I) if options.get("dependency") else None
        words = options.get("link_words") or LINK_WORDS
        self.link = re.compile(r"(?:[\s~,;:()\[\]/&+\u2013\u2014=-]|\b(?:%s)\b)*\Z" % "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in words), re.I)


def _pairs(doc: Document, facts: _Facts, span: Span):
    """(component entry, its span, the layer it is paired with) in one sentence."""
    layers = [(m.start(), m.end(), int(m.group("n"))) for m in facts.layer.finditer(doc.text, span.start, span.end)]
    components = list(facts.components.finditer(doc, span))
    claimed = set()  # layers written right after a component ("sage-common (L1)") are that component's
    for entry, where in components:
        after = next((l for l in layers if l[0] >= where.end and AFTER.match(doc.text[where.end:l[0]])), None)
        if after is not None:
            claimed.add(after[0])
            yield entry, where, after[2]
            continue
        before = [l for l in layers if l[1] <= where.start]
        if before and before[-1][0] not in claimed:
            gap = doc.text[before[-1][1]:where.start]
            for other, at in components:
                if before[-1][1] <= at.start and at.end <= where.start:
                    gap = gap.replace(doc.text[at.start:at.end], " ")
            if facts.link.match(gap):
                yield entry, where, before[-1][2]


def _upward_links(doc: Document, facts: _Facts, span: Span):
    """Spans from a lower layer or component, through a dependency, to a higher one."""
    mentions = [(m.start(), m.end(), int(m.group("n"))) for m in facts.layer.finditer(doc.text, span.start, span.end)]
    mentions += [(at.start, at.end, facts.owner[entry.term.lower()]) for entry, at in facts.components.finditer(doc, span)]
    mentions.sort()
    for (start, end, low), (after, stop, high) in zip(mentions, mentions[1:]):
        if low < high and after > end and facts.dependency.fullmatch(doc.text, end, after):
            yield Span(start, stop)


def _count(value: str) -> int | None:
    """`5`, `five` or `L5` (the last layer of a range) -> 5."""
    value = value[1:] if value[:1] in "Ll" and value[1:].isdigit() else value
    return int(value) if value.isdigit() else NUMBERS.get(value.lower())


def check(doc: Document, rule) -> Iterator[Finding]:
    options = rule.options
    facts = cached("layering", options, lambda: _Facts(options))
    for _, span in prose_units(doc):
        for entry, where, layer in _pairs(doc, facts, span):
            home = facts.owner[entry.term.lower()]
            if home != layer:
                yield span_finding(doc, where, rule.severity, rule.id, fill(
                    options["wrong_layer"], component=doc.text[where.start:where.end], layer=f"L{layer}",
                    expected=f"L{home}"))
        if not facts.count_none.search(doc, span):
            for pattern in facts.counts:
                for match in pattern.finditer(doc.text, span.start, span.end):
                    value = _count(match.group("count"))
                    if value is not None and value != options["count"]:
                        where = Span(match.start("count"), match.end("count"))
                        yield span_finding(doc, where, rule.severity, rule.id, fill(
                            options["wrong_count"], count=match.group(0), expected=options["count"]))
        if facts.dependency is not None and not facts.negations.search(doc, span):
            for where in _upward_links(doc, facts, span):
                yield span_finding(doc, where, rule.severity, rule.id, fill(
                    options["upward_allowed"], match=excerpt(doc, where)))
        if not facts.negations.search(doc, span):
            for pattern in facts.upward:
                for match in pattern.finditer(doc.text, span.start, span.end):
                    where = Span(match.start(), match.end())
                    yield span_finding(doc, where, rule.severity, rule.id, fill(
                        options["upward_allowed"], match=excerpt(doc, where)))
