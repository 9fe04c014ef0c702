"""Sentence segmentation for academic prose: a blank spaCy tokenizer and our boundary component.

No trained model exists here, and general-purpose splitters miscount papers (`Fig. 3`, `et al.`,
`2.5x`, `v0.4.2`, `[12]`). The component decides each candidate end (`.`, `?`, `!`, `...`) by
the word that carries it and by what follows it, the way a careful reader counts sentences.
spaCy is imported only when the first text is split, so `import sentences` stays cheap.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .math_letters import is_italic_letter
from .model import Document, Sentence, Span
from .sentence_words import LABELS, MAY_END, NEVER_FINAL, NUMBER_PREFIX, OPENING_WORDS, PAUSE_WORDS, UNITS_NOT_TITLES
from .tokenizer_guard import tokenize

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENT = "academic_sentences"

# Initialisms and initials (`U.S.`, `a.m.`, `J.`) followed by a capitalised word are usually part
# of a name (`U.S. Department`, `J. Smith`): only a typical sentence opener after them starts one.
INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}")
INITIAL = re.compile(r"[A-Z]\.")

TERMINALS = ".?!…"
CLOSERS = ")]}\"'”’»"
OPENING_PUNCT = "([{\"'“‘«"
CITATION = re.compile(r"\[\d+[a-z]?(?:\s*[,;–-]\s*\d+[a-z]?)*\]")
# (a line break too: `stress.\n~\cite{..}.`, a citation set on its own line after the period)
SPACED_CITATION = re.compile(r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)(\[\d+[a-z]?(?:\s*[,;–-]\s*\d+[a-z]?)*\])(?=\s|$|[.,;:!?])")
# A cross-reference in parentheses after a sentence's period, "... in simulation. (Section 4)",
# belongs to that sentence (an item of a contribution list often ends so).
REFERENCE_AFTER = re.compile(
    r"[ \t\n]+\((?:§+\s*|(?:see\s+)?(?:Sections?|Secs?\.|Sects?\.|Chapters?|Appendix|Appendices|Figures?|Figs?\.|Tables?)\s+)"
    r"\d+(?:\.\d+)*(?:\s*(?:,|and|&|–|-)\s*(?:§\s*)?\d+(?:\.\d+)*)*\)"
)
# A hyphenated lowercase name after a plain period opens a sentence ("... by design. codec-x is").
LOWERCASE_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b")
ENUM_MARKER = re.compile(r"\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)\s+(\S)")
COLON_ENUM = re.compile(r":\s*\(?(?:1|i|a)\)\s")
GLUED_END = re.compile(r"[a-z0-9]\.[A-Z]")
BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n\s*")
# `。！？` (and closers after them) end a CJK sentence, no space needed; not one quoted in English (`"。"`)
CJK_END = re.compile(r"(?<![\"'\u201c\u2018`])[\u3002\uff01\uff1f][\u300d\u300f\u201d\u2019\uff09]*\s*(?=\S)")
# A line opened by a bullet glyph (a list pasted from Google Docs or Word, typed in a plain
# paragraph: "●<tab>Scalability: ...") is an item of its own, as the Markdown `- item` is.
_GLYPHS = r"(?:[•●○◦▪▫■□‣⁃∙▸▹►▶➢➤]|·(?=\t))"
GLYPH_ITEM = re.compile(rf"\n[ \t\u00a0]*({_GLYPHS})(?=[ \t\u00a0])")
# ... and the item ends at its line's end when a capitalised line that is no item follows (one
# line per item, as pasted: "●<tab>Reproducibility: [TODO]" then "These problems interact.").
GLYPH_ITEM_END = re.compile(rf"^[ \t\u00a0]*{_GLYPHS}[ \t\u00a0][^\n]*\n(?=[ \t\u00a0]*[A-Z])", re.MULTILINE)
# Two or more lines that open with "- " in LaTeX prose: a Markdown-style list typed into a draft
# ("- common components\n- isolation"), one item per line (a lone "- " line may be a dash).
DASH_LIST = re.compile(r"^[ \t]*-[ \t]+\S[^\n]*\n(?:[ \t]*-[ \t]+\S[^\n]*(?:\n|\Z))+", re.MULTILINE)
DASH_ITEM = re.compile(r"^[ \t]*(-)[ \t]", re.MULTILINE)
TERMINAL_RUN = re.compile(r"[.?!…][.?!…]*")  # (begins with a class: `re` skips to each one in C)
WORD = re.compile(r"[\w'’.-]+")
# Words that stand before a citation without being the name of the work (`see [3]`, `work [4]`).
CITING_WORDS = frozenset("see also work works paper papers study studies systems system approaches approach "
                         "methods method techniques technique et al".split())
CITED_WORD = re.compile(r"(?<![\w.-])([a-z][a-z0-9]*)[ \t\u00a0]*\[\d")
CITED_NAME = re.compile(r"[a-z][\w.-]*[ \t\u00a0]*\[\d+[a-z]?(?:\s*[,;–-]\s*\d+[a-z]?)*\]")
# `vLLM`, `max_len`, and names with a digit inside (`t8code`, `p4est`, `h5py`): never English
# words, so after a period they open a sentence (a name written as code often does).
IDENTIFIER = re.compile(r"[a-z]+[A-Z]|[a-z]\w*_|[a-z]+\d+[a-z]")
# A variable glued to a term by a hyphen (`$k$-NN search`, `n-BEST`): a math letter that opens a sentence
LETTER_TERM = re.compile(r"[a-z]{1,2}-[A-Z]")
LIST_MARKER = re.compile(r"\d{1,2}\.")
SPACE = re.compile(r"\s*")
INNER_PUNCT = ",;:)]}.?!-–—/%"
LOOKAHEAD = 120  # characters read around a mark: enough for a word or an enumeration marker

_language: Language | None = None


def language() -> Language:
    """The process's one pipeline (blank English tokenizer + our component), built on first use."""
    global _language
    if _language is None:
        _language = _build_language()
    return _language


def _build_language() -> Language:
    from .spacy_import import import_without_cli

    import_without_cli()  # before any `spacy.*` import: spaCy's CLI is never loaded
    from spacy.lang.en import English
    from spacy.language import Language

    class AcademicDefaults(English.Defaults):
        # No tokenizer special cases: spaCy 3.8 stops caching a text's words after the first
        # special case it meets (its `has_special` flag is per call), so 1,000 words cost 6 ms
        # instead of 0.3, and loading the 1,347 cases is most of the start-up cost. The component
        # reads abbreviations from the text itself and does not need them.
        tokenizer_exceptions: dict = {}
        # Split a period glued to the next sentence or to a citation (`1,000.That`, `before.[12]`), and a
        # CJK full stop, question or exclamation mark from the next sentence (no space needed)
        infixes = [*English.Defaults.infixes, r"(?<=[0-9])\.(?=[A-Z][a-z])", r"\.(?=\[\d)", r"(?<=[a-z])\.(?=\([A-Z])",
                   r"[\u3002\uff01\uff1f][\u300d\u300f\u201d\u2019\uff09]*"]

    class AcademicEnglish(English):
        """Blank English (no trained model) with the tokenizer settings above."""

        Defaults = AcademicDefaults

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=mark_sentence_starts)
    nlp = AcademicEnglish()
    nlp.add_pipe(COMPONENT)
    return nlp


def split(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end] as spans of `text`, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    piece = text[start:end]
    if not piece.strip():
        return []
    return [Span(start + s, start + e) for s, e in _split_piece(piece)]


_PIECES: dict[str, list[tuple[int, int]]] = {}
_PIECES_KEPT = 4096  # blocks of text; an editor's re-check after one edit re-splits one block


def _split_piece(piece: str) -> list[tuple[int, int]]:
    """Sentence bounds (offsets into `piece`): a function of the text alone, so they are kept by
    text and a block that did not change is not tokenised again (warm re-checks, the server)."""
    hit = _PIECES.get(piece)
    if hit is not None:
        return hit
    # The pipeline's two steps, called directly so the component's reading gets the text as it
    # is instead of rebuilding it from the tokens (`Doc.text` costs as much as the rest together),
    # and its offsets are read as they are found instead of written to the tokens and read back.
    doc = tokenize(language(), piece)
    bounds = (_sentence_starts(doc, piece) if len(doc) else []) + [len(piece)]
    spans = []
    for s, e in zip(bounds, bounds[1:]):
        while s < e and piece[s].isspace():
            s += 1
        while e > s and piece[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    if len(_PIECES) >= _PIECES_KEPT:
        _PIECES.clear()
    _PIECES[piece] = spans
    return spans


def _has_word(text: str, span: Span) -> bool:
    """A sentence holds at least one word: a stub line of only "..." (or a lone dash) is a
    placeholder a reader counts as no sentence (the placeholder rule still reports it)."""
    return any(c.isalnum() for c in text[span.start:span.end])


def count(text: str) -> int:
    """How many sentences a careful reader counts in `text`."""
    return sum(_has_word(text, span) for span in split(text))


def segment(doc: Document) -> None:
    """Fill each paragraph's sentences, block by block (a list item is at least one sentence)."""
    for paragraph in doc.paragraphs:
        sentences = []
        for block in paragraph.blocks:
            for span in split(doc.text, block.span.start, block.span.end):
                if _has_word(doc.text, span):
                    sentences.append(Sentence(span.start, span.end))
        paragraph.sentences = sentences


def mark_sentence_starts(doc: Doc, text: str | None = None) -> Doc:
    """spaCy component: set `is_sent_start` on every token from the boundaries we find
    (`_sentence_starts`)."""
    import numpy
    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return doc
    starts = _sentence_starts(doc, doc.text if text is None else text)
    token_starts = doc.to_array([IDX]).astype("int64").reshape(-1)
    flags = numpy.full(len(doc), -1, dtype="int64")
    flags[numpy.searchsorted(token_starts, numpy.array(starts))] = 1
    # One bulk write: setting `token.is_sent_start` token by token is quadratic in spaCy.
    return doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))


def _sentence_starts(doc: Doc, text: str) -> list[int]:
    """Character offsets of the sentences of a tokenised, non-empty text: its first token's, then
    every boundary we find.

    Candidates are the runs of `.?!…` that end a token (not the dots inside `2.5x` or `e.g`);
    only those reach Python, so a long text costs little more than its tokenization.
    """
    from spacy.attrs import IDX, LENGTH

    offsets = doc.to_array([IDX, LENGTH]).astype("int64")
    token_starts = offsets[:, 0]
    token_start_set = set(token_starts.tolist())
    token_ends = set((token_starts + offsets[:, 1]).tolist())
    events = [(match.end(), True) for match in BLANK_LINE.finditer(text)]
    events += [(match.end(), True) for match in CJK_END.finditer(text)]
    events += [(match.start(1), True) for match in GLYPH_ITEM.finditer(text)]
    events += [(match.end(), True) for match in GLYPH_ITEM_END.finditer(text)]
    for run in DASH_LIST.finditer(text):  # each item; a capitalised line after the last is no item
        events += [(item.start(1), True) for item in DASH_ITEM.finditer(text, run.start(), run.end())]
        events += [(run.end(), True)] if text[run.end():run.end() + 1].isupper() else []
    events += [(match.end(), False) for match in TERMINAL_RUN.finditer(text) if match.end() in token_ends]
    events.sort()
    first = int(token_starts[0])
    starts = [first]
    sentence_start = 0
    for offset, blank_line in events:
        boundary = offset if blank_line else _boundary_after(text, offset, sentence_start)
        if boundary is not None and boundary > sentence_start and boundary in token_start_set:
            if boundary != first:
                starts.append(boundary)
            sentence_start = boundary
    return starts


def _boundary_after(text: str, mark_end: int, sentence_start: int) -> int | None:
    """Where the next sentence starts if the mark ending at `mark_end` ends one, else None."""
    kind, word = _mark_kind(text, mark_end)
    if kind == "inside":
        return None
    end = _absorb_closers(text, mark_end)
    gap = _skip_space(text, end)
    if gap == len(text):
        return None
    if gap == end and not _glued_sentence(text, end, word):
        return None  # `al.'s`, `e.g.,`, `(see Sec. 4.).`
    word_opens_sentence = _skip_space(text, sentence_start) == mark_end - len(word)
    if kind == "period" and word_opens_sentence and LIST_MARKER.fullmatch(word):
        return None  # `1. The first item`: the number is the item's marker
    following = text[gap : gap + LOOKAHEAD]
    if _continues_enumeration(following, text, sentence_start, mark_end):
        return None
    if kind == "period" and LOWERCASE_NAME.match(following) and len(word.rstrip(".")) >= 4 and word.rstrip(".").isalpha():
        return gap
    if kind == "period" and following[:1].islower() and _next_word(following) in _cited_names(text):
        return gap  # `gg [12] proposes ... . gg uses ...`: a name the text cites opens a sentence
    return gap if _opens_sentence(kind, following) else None


def _next_word(following: str) -> str:
    match = WORD.match(following)
    return match.group(0) if match else ""


@functools.lru_cache(maxsize=8)
def _cited_names(text: str) -> frozenset[str]:
    """Lower-case words the text cites as works (`gg [12]`, `mu [3]`): names, wherever they stand."""
    return frozenset(match.group(1) for match in CITED_WORD.finditer(text)) - OPENING_WORDS - CITING_WORDS


def _skip_space(text: str, pos: int) -> int:
    return SPACE.match(text, pos).end()


def _mark_kind(text: str, mark_end: int) -> tuple[str, str]:
    """Classify the terminal run ending at `mark_end` and return the word that carries it.

    Kinds: "strong" (? or !), "ellipsis", "inside" (a dot of a spaced `. . .` that does not end
    the sentence), "period" (a plain period), or the class of the abbreviation before the period.
    """
    mark_start = mark_end
    while mark_start > 0 and text[mark_start - 1] in TERMINALS:
        mark_start -= 1
    mark = text[mark_start:mark_end]
    word_start = mark_start
    while word_start > max(0, mark_start - LOOKAHEAD) and not text[word_start - 1].isspace():
        word_start -= 1
    glued = GLUED_END.search(text, word_start, mark_start)  # `Tuesday.Mr.`: the word is `Mr.`
    while glued:
        word_start = glued.end() - 1
        glued = GLUED_END.search(text, word_start + 1, mark_start)
    word = text[word_start:mark_end].lstrip(OPENING_PUNCT)
    if "?" in mark or "!" in mark:
        return "strong", word
    if word == ".":  # a dot standing alone: part of a spaced ellipsis `. . .`?
        if text[mark_end : mark_end + 2] == " .":
            return "inside", word
        return ("inside" if _spaced_dots(text, mark_start) == 3 else "period"), word
    if mark.count(".") >= 4:
        return "period", word  # `that....`: an ellipsis and the period that ends the sentence
    if mark.count(".") == 3 or "…" in mark:  # after "and" a pause (`Rouse, and... Talen`), no end
        return ("inside" if word.rstrip(".…").lower() in PAUSE_WORDS else "ellipsis"), word
    return _period_kind(text, word_start, word), word


def _spaced_dots(text: str, dot: int) -> int:
    """How many dots the spaced run `. . .` ending with the dot at `dot` has."""
    count = 1
    while dot >= 2 and text[dot - 1] == " " and text[dot - 2] == ".":
        count += 1
        dot -= 2
    return count


def _period_kind(text: str, word_start: int, word: str) -> str:
    """The class of the word a period ends: an abbreviation class, or "period" for any other."""
    key = word.lower()
    if key in NEVER_FINAL:
        if word in UNITS_NOT_TITLES and _after_number(text, word_start):
            return "may-end"  # `a hop of 2 ms. Operators ...`: milliseconds, not "Ms."
        return "never"
    if key in NUMBER_PREFIX:
        return "number-prefix"
    if key in MAY_END:
        return "may-end"
    if INITIALISM.fullmatch(word):
        return "name-like"
    if INITIAL.fullmatch(word):
        before = text[max(0, word_start - LOOKAHEAD) : word_start].split()
        if before and before[-1].lower() in LABELS:
            return "may-end"  # `Appendix A.`
        return "name-like"  # `J. Smith`, `Jonas E. Smith`
    return "period"


def _after_number(text: str, word_start: int) -> bool:
    before = text[max(0, word_start - LOOKAHEAD) : word_start].split()
    return bool(before) and before[-1].replace(".", "", 1).replace(",", "").isdigit()


def _absorb_closers(text: str, end: int) -> int:
    """Move past closing quotes, brackets and a trailing citation that belong to the sentence."""
    while True:
        if end < len(text) and text[end] in CLOSERS:
            end += 1
            continue
        match = CITATION.match(text, end)
        if match:
            end = match.end()
            continue
        match = SPACED_CITATION.match(text, end) or REFERENCE_AFTER.match(text, end)
        if match and _citation_ends_sentence(text, match.end()):
            end = match.end()
            continue
        return end


def _citation_ends_sentence(text: str, end: int) -> bool:
    """A citation after the period belongs to that sentence when a new one (or nothing) follows."""
    gap = _skip_space(text, end)
    return gap == len(text) or text[gap].isupper() or (gap == end and text[gap] in TERMINALS + ",;:")


def _glued_sentence(text: str, end: int, word: str) -> bool:
    """`world.Today`: no space, but a lowercase word or a number, then a capitalised word; also
    `questions.(Rewrite this)`: a plain word's period, then a capitalised aside."""
    if end + 1 >= len(text) or len(word) <= 2:
        return False
    if text[end] == "(" and text[end + 1].isupper():
        return len(word) > 4 and word[:-1].isalpha() and word[:-1].islower()
    return text[end].isupper() and text[end + 1].islower() and (word[-2].islower() or word[-2].isdigit())


def _continues_enumeration(following: str, text: str, sentence_start: int, mark_end: int) -> bool:
    """`are: (1) a scheduler. (2) a cost model.`: items of one enumeration are not sentences."""
    match = ENUM_MARKER.match(following)
    if not match:
        return False
    return match.group(1).islower() or bool(COLON_ENUM.search(text, sentence_start, mark_end))


def _opens_sentence(kind: str, following: str) -> bool:
    """Does the text `following` a mark of this kind start a new sentence?"""
    first = following[0]
    match = WORD.match(following.lstrip(OPENING_PUNCT))
    next_word = match.group(0) if match else ""
    capitalised = first.isupper() or (first in OPENING_PUNCT and next_word[:1].isupper())
    identifier = first.islower() and bool(IDENTIFIER.match(next_word) or LETTER_TERM.match(following))  # `vLLM`, `max_len`
    if kind == "never":
        return False
    if kind == "number-prefix":
        return not first.isdigit() and (capitalised or identifier)
    if kind == "ellipsis":
        return first.isupper()
    if kind == "may-end":
        return first.isupper() or identifier
    if kind == "name-like":
        return first.isupper() and next_word.rstrip(".").lower() in OPENING_WORDS
    if kind == "strong" and first == "(" and next_word[:1].islower():
        return False  # `Why should I care? (the problem)`: a gloss on the question, not a sentence
    # A plain period, `?` or `!`: anything but a lowercase word or inner punctuation follows.
    if identifier or (first.islower() and CITED_NAME.match(following)):  # `gg [12] proposes`: a cited name
        return True
    if is_italic_letter(first):  # `$n$ nodes join`: a math letter opens the sentence
        return True
    return not (first.islower() or first in INNER_PUNCT)
