"""`acronyms`: an acronym is spelled out at (or before) its first use.

An acronym is a word of two to four capitals (`TSDB`; `SLOs` is `SLO`). Not acronyms: words
glued to a name by a hyphen (`TensorRT-LLM`), mixed-case names (`vLLM`, `SGLang`, `MLOps`),
words with digits (`FP32`), capitals followed by a model number (`RTX 4090`), five or more
capitals (`ATLAS`, `COVID`: names and words more often than acronyms), words of an all-capitals
phrase of three or more words (`[PASTE THE OUTLINE FOR PARAGRAPH X HERE]`), Roman numerals, the
systems of the `names` groups and the pack's `allow` list. It is spelled
out by `words (ACR)` whose words include its first letter, or by `ACR (words ...)` starting
with its first letter. One finding per acronym, at its first use, when that use comes before
the spelling-out (or there is none).

Options:
  allow (required): acronyms that need no spelling out (LLM, GPU, ...).
  names: pack groups whose members' `systems` are names, not acronyms (`HELM`).
  undefined (required): message template with `{acronym}`.
  late (required): message template with `{acronym}` and `{line}` (where it is spelled out).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document.model import Document, Span
from ..findings import Finding, span_finding
from ._text import fill, group

OPTIONS = {"allow": (list, True), "names": (list, False), "undefined": (str, True), "late": (str, True)}

TOKEN = re.compile(r"(?<![\w&])(?<!\w[-\u2010\u2011])(?P<acr>[A-Z][A-Z&]{1,3})(?:s|'s|\u2019s)?(?![\w\u2010\u2011])")
PRODUCT = re.compile(r"[\s~]+[A-Za-z]*\d")  # `RTX 4090`, `A100`: a product line, not an acronym
ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
SHOUTED = re.compile(r"(?<![\w-])[A-Z][A-Z\d-]*(?:[ \t]+[A-Z\d][A-Z\d-]*){2,}(?![\w-])")  # 3+ capital words
BEFORE = re.compile(r"([^\W\d_][\w'\u2019-]*)[\s~]*$")


def _initials(text: str) -> set[str]:
    """First letters of the words (and hyphen parts) just before a `(ACR)`."""
    tail = re.findall(r"[^\W\d_][\w'\u2019]*", text)[-8:]
    return {w[0].lower() for w in tail}


def _definition(doc: Document, match: re.Match) -> bool:
    acronym = match.group("acr")
    start, end = match.start(), match.end()
    opening = doc.text[max(0, start - 2):start]
    if opening.rstrip(" ~").endswith("(") and re.match(r"[\w-]*[\s~]*[),;]", doc.text[end:end + 12]):
        before = doc.text[max(0, start - 120):start].rstrip(" ~(")
        return bool(BEFORE.search(before)) and acronym[0].lower() in _initials(before)
    after = re.match(r"[\s~]*\(([^\W\d_])", doc.text[end:end + 8])
    return bool(after) and after.group(1).lower() == acronym[0].lower()


def check(doc: Document, rule) -> Iterator[Finding]:
    allow = {str(a) for a in rule.options["allow"]}
    for name in rule.options.get("names") or []:
        allow |= {str(s) for m in group(rule, name).get("members", []) for s in m.get("systems", [])}
    first_use: dict[str, Span] = {}
    defined: dict[str, int] = {}
    shouted = [(m.start(), m.end()) for m in SHOUTED.finditer(doc.text)]
    for match in TOKEN.finditer(doc.text):
        acronym = match.group("acr")
        if acronym in allow or ROMAN.fullmatch(acronym) or acronym in defined:
            continue
        if any(start <= match.start() < end for start, end in shouted):
            continue
        if PRODUCT.match(doc.text, match.end()):
            continue
        if not doc.source_map.is_checkable(match.start("acr"), match.end("acr")):
            continue
        if _definition(doc, match):
            defined[acronym] = match.start()
            continue
        first_use.setdefault(acronym, Span(match.start("acr"), match.end("acr")))
    for acronym, span in sorted(first_use.items(), key=lambda item: item[1].start):
        if acronym in defined:
            line = doc.position(defined[acronym]).line
            message = fill(rule.options["late"], acronym=acronym, line=line)
        else:
            message = fill(rule.options["undefined"], acronym=acronym)
        yield span_finding(doc, span, rule.severity, rule.id, message)
