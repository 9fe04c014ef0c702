"""`acronyms`: an acronym is spelled out at (or before) its first use.

An acronym is a word of two to five capitals (`TSDB`, `AUROC`; `SLOs` is `SLO`). It is spelled
out where the text gives its long form (see `_abbrev`: `long form (SF)`, `SF (long form)`,
`SF, short for ...`, in the title or abstract before the Introduction, a footnote or the body),
and then every later use is fine.

Not acronyms (names and other capitals):
- well-known abbreviations of computing (`TCP`, `FPGA`, `JIT`) from the shipped term files
  named by `well_known`, and the pack's own `allow` list;
- names: the `names` of those term files (`LLVM`, `QEMU`, `AWS`), the systems of the pack
  groups named by `names`, a word directly followed by a citation (`DPDK~\\cite{dpdk}`, `MPAS
  [4]`: cited as a work, anywhere in the document), the text of a Markdown link (`[DCAT](url)`:
  the link is its reference), a word introduced as a name (`CARL, a
  scheduler ...`, `we present ORCA`, `called ZEUS`), the first part of a hyphenated name
  (`NC-Retriever`, `PROV-IO+`, `TPC-C`, `SR-IOV`, `VT-d`), capitals inside a multi-word product
  name (`Jetson AGX Xavier`, `PostgreSQL JSONB`), the name of an organisation or event (`the
  ATLAS experiment`, `the HPCAI competition`), a venue with its year (`SC'24`), the author of an
  author-year citation (`(NCSES, 2025)`), mixed-case names (`vLLM`, `MLOps`),
  words with digits (`FP32`), capitals before a model number (`RTX 4090`);
- anything inside literal square brackets (a citation key `[CCCL#854]`, a placeholder
  `[XX-YY]%`) or a slot in angle brackets (`<SOME>`), the words of a note after TODO, FIXME or CITE, words of an all-capitals phrase of three or more words, Roman numerals.
One finding per acronym, at its first use, when that use comes before the spelling-out (or
there is none). In a whole paper, an acronym an earlier section spells out or uses (and was
reported there) is not reported again.

Options:
  allow (required): acronyms that need no spelling out, beyond the term files.
  well_known: names of shipped term files (`rules/terms/NAME.yaml`), e.g. [computing-acronyms].
  names: pack groups whose members' `systems` are names, not acronyms (`HELM`).
  undefined (required): message template with `{acronym}`.
  late (required): message template with `{acronym}` and `{line}` (where it is spelled out).
  later: message template with `{acronym}` for one spelled out only in a later section of the
    paper (paper mode); without it, `undefined` is used.
  unlinked: message template with `{acronym}`, `{long}` and `{line}` for one whose long form the
    text writes without the short form in parentheses (`the Model Context Protocol ... MCP
    tools`: capitalised words, one per letter, in order); without it, `undefined` is used.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document.model import Document, Span
from ..findings import Finding, span_finding
from ._abbrev import definitions
from ._termfiles import term_file, term_file_names
from ._shared import shared
from ._text import cached, fill, group
from .schema import Context, Option, group_ref, list_of, text


def _shipped_term_file(name: str, at: tuple, context: Context) -> None:
    if name not in term_file_names():
        raise context.error(at, f"unknown term file {name!r}; shipped term files: {', '.join(term_file_names())}")


OPTIONS = {"allow": list_of(text(), required=True), "well_known": list_of(Option((str,), check=_shipped_term_file)),
           "names": list_of(group_ref()), "undefined": text(required=True), "late": text(required=True), "later": text(),
           "unlinked": text()}

# TOKEN and SHOUTED begin with their first capital and look behind it after it is read (the same
# matches as looking first): a pattern that begins with a class lets `re` skip to each capital in C
# instead of trying the lookbehinds at every position of the text.
TOKEN = re.compile(r"(?P<acr>[A-Z](?<![\w&+][A-Z])(?<!\w[-\u2010\u2011][A-Z])[A-Z&]{1,4})(?:s|'s|\u2019s)?"
                   r"(?![\w\u2010\u2011&+])")
HYPHEN_NAME = re.compile(r"[-\u2010\u2011](?:[A-Z\d]|[a-z](?![a-z]))")  # NC-Retriever, TPC-C, VT-d
PRODUCT = re.compile(r"[\s~]+[A-Za-z]*\d")  # `RTX 4090`, `A100`: a product line, not an acronym
ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
SHOUTED = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z\d-]*(?:[ \t]+[A-Z\d][A-Z\d-]*){2,}(?![\w-])")  # 3+ capital words
COMMENT = re.compile(r"(?<!\\)%[^\n]*|<!--.*?-->", re.S)  # LaTeX and HTML comments
BRACKETS = re.compile(r"\[[^\[\]\n]{0,80}\]|<[A-Z][^<>\n]{0,200}>")  # also a slot `<SOME>`, `<DESCRIBE ...>`
NOTE = re.compile(r"(?=[TFXC])(?<![\w-])(?:TODO|TBD|FIXME|XXX+|CITE)(?![\w-])[^.\n]*")  # a note's words are not prose
# a capitalised name word right before or after: `NVIDIA Jetson AGX Xavier`, `PostgreSQL JSONB`
NAME_BEFORE = re.compile(r"(?<![.!?:;]\s)(?<![.!?:;]\s\s)(?<=\S\s)(?P<word>[A-Z][a-z][\w-]*)[\s~]+$")
NAME_AFTER = re.compile(r"[\s~]+[A-Z][a-z]")
# `the ATLAS experiment`, `the HPCAI competition`: capitals that name an organisation or an event
NAME_NOUN = re.compile(r"[\s~]+(?:competition|challenge|experiment|project|initiative|consortium|foundation|"
                       r"collaboration|conference|symposium|workshop|laboratory|lab|company|corporation)s?\b")
FUNCTION_WORDS = frozenset("A An And As At But By For From If In Into Its Of On Or Our The This These Those To "
                           "We When Where While With".split())
INTRODUCED_BEFORE = re.compile(r"\b(?:called|named|dubbed|present|presents|propose|proposes|introduce|"
                               r"introduces|build|builds|design|designs|implement|implements)[\s~]+$")
STANDS_ALONE = re.compile(r"(?:^|[.!?:]\s+|\n\s*|\b(?:with|by|of|for|is|are|and|it|call|calls|use|uses|using|via|"
                          r"from|to|on|in)[\s~]+)$")
INTRODUCED_AFTER = re.compile(r"(?:\s*\[\d[^\]]*\])?,[\s~]+(?:a|an|our)[\s~]+[a-z]")
# a venue with its year, `SC'24`, `OSDI '26`: the name of a conference
VENUE_YEAR = re.compile(r"[ \t]?['\u2019]\d{2}(?!\d)")
# the author of an author-year citation, `(NCSES, 2025)`, `(Ableton AG, n.d.)`, `(Smith, 2020; NCSES, 2025)`:
# an organisation's name; what comes before it in the parentheses is capitalised name words
AUTHOR_YEAR_AFTER = re.compile(r",?[ \t~]+(?:(?:1[89]|20)\d{2}[a-z]?|n\.[ \t]?d\.)(?=[;,)])")
# a word cited as a work in author-year style, `AWQ (Lin et al., 2023)`, `GPTQ (Frantar and Alistarh,
# 2022; Lin, 2023)`: capitalised author words (et al., and, &) then a year, right after the word
AUTHOR_YEAR_CITATION = re.compile(r"[ \t~]+\((?:e\.g\.,?[ \t]+|see[ \t]+)?[A-Z][\w'\u2019.-]*"
                                  r"(?:[ \t\n]+(?:et[ \t\n]+al\.|and|&|[A-Z][\w'\u2019.-]*))*,?[ \t\n]+"
                                  r"(?:1[89]|20)\d{2}[a-z]?[;,)]")
AUTHOR_YEAR_BEFORE = re.compile(r"(?:\(|;[ \t]*)(?:(?:see|e\.g\.,?)[ \t]+)?(?:[A-Z][\w.&'\u2019-]*[ \t]+)*$")


def _known(rule) -> tuple[frozenset, frozenset]:
    """(abbreviations that need no spelling out, names) from the options, term files and groups."""
    def build():
        allow, names = {str(a) for a in rule.options["allow"]}, set()
        for name in rule.options.get("well_known") or []:
            terms = term_file(str(name))
            allow |= set(terms.terms)
            names |= set(terms.names)
        for name in rule.options.get("names") or []:
            names |= {str(s) for m in group(rule, name).get("members", []) for s in m.get("systems", [])}
        # a mixed-case term written in capitals is the same term (`PCIE` for PCIe, `NVME` for NVMe)
        allow |= {term.upper() for term in allow if not term.isupper()}
        return frozenset(allow), frozenset(names)
    return cached("acronyms.known", rule.options, build)


def _cited(doc: Document, end: int) -> bool:
    """Is the word ending at `end` directly followed by a citation (`~\\cite{x}`, ` [4]`, or an
    author-year one in parentheses, `GPTQ (Frantar et al., 2022)`)?"""
    if AUTHOR_YEAR_CITATION.match(doc.text, end):
        return True
    match = re.match(r"[\s~]*\[", doc.text[end:end + 4])
    return bool(match) and not doc.source_map.is_checkable(end + match.end() - 1, end + match.end())


LINK_NAME_TAIL = re.compile(r"(?:[ \t]+[A-Z][\w.+-]*)*\]\(")


def _linked(doc: Document, start: int, end: int) -> bool:
    """Is the word the text of a Markdown link, alone or before more capitalised words
    (`[DCAT](https://www.w3.org/TR/vocab-dcat-3/)`, `[KNB Data Repository](...)`)? The link is
    its reference, as a citation is: a name, not an acronym to spell out."""
    piece = doc.source_map.pieces[doc.source_map.index_at(start)] if doc.source_map.pieces else None
    if piece is None or not piece.literal or end > piece.plain_end:
        return False
    at = piece.src_start + start - piece.plain_start
    text = piece.source.text
    return text[at - 1:at] == "[" and LINK_NAME_TAIL.match(text, at + end - start) is not None


def _introduced(doc: Document, start: int, end: int) -> bool:
    """Written as a name: `we present ORCA`, `called ZEUS`, `with CARL, a scheduler ...`.

    The appositive (`X, a ...`) counts only where a name can stand alone: at a sentence's start
    or after a verb or preposition; `latency SLO, a distinct quantity` and `classical RAG, a
    hybrid path` are a noun phrase and a list, not names.
    """
    if INTRODUCED_BEFORE.search(doc.text, max(0, start - 20), start):
        return True
    if not INTRODUCED_AFTER.match(doc.text, end):
        return False
    return bool(STANDS_ALONE.search(doc.text[max(0, start - 30):start]))


def _venue_or_author(doc: Document, start: int, end: int) -> bool:
    """A venue with its year (`SC'24`) or the author of an author-year citation (`(NCSES, 2025)`)."""
    if VENUE_YEAR.match(doc.text, end):
        return True
    return bool(AUTHOR_YEAR_AFTER.match(doc.text, end)) and bool(
        AUTHOR_YEAR_BEFORE.search(doc.text[max(0, start - 60):start]))


def _masked(doc: Document) -> list[tuple[int, int]]:
    """Ranges whose capitals are not acronyms: literal [brackets] and shouted phrases."""
    ranges = [(m.start(), m.end()) for m in SHOUTED.finditer(doc.text)]
    ranges += [(m.start(), m.end()) for m in BRACKETS.finditer(doc.text)]
    ranges += [(m.start(), m.end()) for m in NOTE.finditer(doc.text)]
    return ranges


def _in_product_name(doc: Document, start: int, end: int) -> bool:
    """Capitals inside a multi-word product name: a capitalised word (not a sentence's first) beside them."""
    before = NAME_BEFORE.search(doc.text, max(0, start - 30), start)
    if before and before.group("word") not in FUNCTION_WORDS:
        return True
    return bool(NAME_AFTER.match(doc.text, end)) and not re.match(r"[\s~]+(?:" + "|".join(FUNCTION_WORDS) + r")\b",
                                                                  doc.text[end:end + 12])


def _written_as_word(doc: Document, acronym: str) -> bool:
    """Capitals that the document also writes as a capitalised word inside a sentence or before a
    citation (`FLASH` beside `of Flash and Kairos`, `Flash~\\cite{x}`): a name set in capitals."""
    word = acronym[0] + acronym[1:].lower()
    for match in re.finditer(r"(?<![\w-])%s(?![\w-])" % re.escape(word), doc.text):
        if re.search(r"[a-z,;:][ \t\n~]+\Z", doc.text[max(0, match.start() - 3):match.start()]) or _cited(doc, match.end()):
            return True
    return False


def _uses(doc: Document, allow: frozenset, names: frozenset) -> tuple[list[tuple[str, Span]], set[str]]:
    """(every use of a candidate acronym in order, acronyms that are names in this document)."""
    masked = _masked(doc)
    uses, named = [], set()
    as_word: dict[str, bool] = {}  # a fact of the acronym in this document, not of one use: read once

    def written_as_word(acronym: str) -> bool:
        if acronym not in as_word:
            as_word[acronym] = len(acronym) > 2 and _written_as_word(doc, acronym)
        return as_word[acronym]

    for match in TOKEN.finditer(doc.text):
        acronym, start, end = match.group("acr"), match.start("acr"), match.end("acr")
        if acronym in allow or acronym in names or ROMAN.fullmatch(acronym):
            continue
        if any(low <= start < high for low, high in masked):
            continue
        if _cited(doc, match.end()) or _linked(doc, start, end) or _introduced(doc, start, match.end()) \
                or NAME_NOUN.match(doc.text, match.end()) \
                or _in_product_name(doc, start, match.end()) or written_as_word(acronym) \
                or _venue_or_author(doc, start, match.end()):
            named.add(acronym)  # written as a name here: a name everywhere in the document
            continue
        if HYPHEN_NAME.match(doc.text, end) or PRODUCT.match(doc.text, match.end()):
            continue
        if doc.source_map.is_checkable(start, end):
            uses.append((acronym, Span(start, end)))
    return uses, named


UNLINKED_SKIP = frozenset("a an and as at by for from in into is it of on or the to with".split())


def _unlinked(doc: Document, acronym: str) -> tuple[str, int] | None:
    """(the long form, its line) when the text writes `acronym`'s words without tying them to it:
    one capitalised word per letter (hyphenated parts are words), three letters or more, no
    function word. Lower-case words that happen to share the initials ("contains undefined
    behavior" for CUB) are a clause, not a name: only a capitalised term counts."""
    letters = [c for c in acronym if c.isalpha()]
    if len(letters) < 3 or len(letters) != len(acronym):
        return None
    pattern = r"(?<![\w-])" + r"[ \t\n~-]".join(c + r"[a-z'\u2019]+" for c in letters) + r"(?![\w-])"
    for match in re.finditer(pattern, doc.text):
        words = re.split(r"[ \t\n~-]", match.group(0))
        if doc.source_map.is_checkable(match.start(), match.end()) and not UNLINKED_SKIP & {w.lower() for w in words}:
            return " ".join(match.group(0).split()), doc.position(match.start()).line
    return None


def _source_order(doc: Document, offset: int) -> tuple[int, int]:
    position = doc.position(offset)
    return position.line, position.column


def _footnote_on_sentence(doc: Document, at: int, use: int) -> bool:
    """Is the definition at `at` in a footnote whose mark stands in the sentence of the use
    (`RAG\\footnote{Retrieval-augmented generation (RAG).}`): spelled out where it is first read."""
    note = next((span for span in doc.footnotes if span.start <= at < span.end), None)
    if note is None:
        return False
    sentence = next((s for p in doc.paragraphs for s in p.sentences if s.start <= use < s.end), None)
    if sentence is None:
        return False
    mark, first, last = doc.position(note.start), doc.position(sentence.start), doc.end_position(sentence.end)
    return mark.path == first.path == last.path and (first.line, first.column) <= (mark.line, mark.column) <= (last.line, last.column)


def _defined_before(doc: Document) -> set[str]:
    """Short forms spelled out before the Introduction in its files: the title and the abstract.

    The front ends keep only the Introduction's prose; a reader has read the title and the
    abstract by then, so `... Packet Filter (eBPF)` in the abstract defines eBPF for it.
    """
    first: dict[int, tuple] = {}
    for piece in doc.source_map.pieces:
        known = first.get(id(piece.source))
        if known is None or piece.src_start < known[1]:
            first[id(piece.source)] = (piece.source, piece.src_start)
    found: set[str] = set()
    for source, start in first.values():
        head = COMMENT.sub("", source.text[:start])
        found |= set(definitions(head))
    return found


def _earlier_sections(doc: Document) -> set[str]:
    """Acronyms the paper's earlier sections spell out or use: each was judged there, once."""
    if not doc.earlier:
        return set()
    return set(definitions(doc.earlier)) | {match.group("acr") for match in TOKEN.finditer(doc.earlier)}


def _later_definitions(doc: Document) -> set[str]:
    """Acronyms a later section of the paper spells out: this one uses them first (read once per
    document, however many acronyms it leaves undefined)."""
    return shared(doc, "acronyms spelled out later", None, lambda: set(definitions(doc.later)) if doc.later else set())


def check(doc: Document, rule) -> Iterator[Finding]:
    allow, names = _known(rule)
    defined = definitions(doc.text)
    earlier = _defined_before(doc) | _earlier_sections(doc)
    uses, named = _uses(doc, allow, names)
    reported: set[str] = set()
    for acronym, span in uses:
        if acronym in reported or acronym in named:
            continue
        reported.add(acronym)
        if acronym in earlier:
            continue
        at = defined.get(acronym)
        # compared in the source: a footnote's text comes after its paragraph in the plain text
        where = doc.position(at) if at is not None else None
        glossary = doc.spelled_out.get(acronym)  # `\\acrfull{..}`
        if glossary is not None and (where is None or (glossary.line, glossary.column) < (where.line, where.column)):
            where = glossary
        if where is not None and (where.line, where.column) <= _source_order(doc, span.start):
            continue
        if at is not None and _footnote_on_sentence(doc, at, span.start):
            continue
        if where is not None:
            message = fill(rule.options["late"], acronym=acronym, line=where.line)
        elif rule.options.get("later") and acronym in _later_definitions(doc):
            message = fill(rule.options["later"], acronym=acronym)
        elif rule.options.get("unlinked") and (unlinked := _unlinked(doc, acronym)) is not None:
            message = fill(rule.options["unlinked"], acronym=acronym, long=unlinked[0], line=unlinked[1])
        else:
            message = fill(rule.options["undefined"], acronym=acronym)
        yield span_finding(doc, span, rule.severity, rule.id, message)


def describe(rule) -> str:
    """The term files in use, with their sources, for `introlint explain`."""
    lines = []
    for name in rule.options.get("well_known") or []:
        terms = term_file(str(name))
        lines.append(f"Well-known abbreviations: {len(terms.terms)} terms and {len(terms.names)} names from "
                     f"rules/terms/{name}.yaml (source: {terms.source})")
    if rule.options["allow"]:
        lines.append(f"Also allowed by the pack: {', '.join(map(str, rule.options['allow']))}")
    return "\n".join(lines)
