"""The inline prose of one Markdown block: markdown-it inline tokens -> Chunks with source ranges.

Positions are found by walking forward through the block's own source lines, token by token,
in the order markdown-it produced them: nothing is ever searched for again in the whole file.
Citations (`[@key]`, `[12]`, MyST `{cite}`, kramdown-rfc `{{RFC8799}}`) become the non-checkable `[1]`; URLs stay as text
but are not checkable; a leading `**Label.**` is a run-in label (markdown_labels.py), kept apart from the prose.
"""

from __future__ import annotations

import functools
import re

from markdown_it.helpers import parseLinkDestination, parseLinkTitle

from .markdown_math import display_before_sentence
from .math_letters import as_prose, inline_math
from .markdown_nodes import Chunk
from .markdown_notes import citation_to_find
from .markdown_pandoc import PANDOC_ATTRIBUTES


# --- prose-level patterns inside text tokens (not Markdown structure) -------------------------

# Every branch begins with a character (`[`, `@`, `{` or a backslash), so `re` skips to those in C
# instead of trying the pattern at every position; the bare key's lookbehind is read after its `@`.
CITATION = re.compile(
    r"\[(?:(?:see\s+|e\.g\.,?\s+|cf\.\s+)?-?@[\w][^\[\]\n]*"  # [@key], [see @a; @b, p. 3]
    r"|\d+(?:\s*[,\u2013\-]\s*\d+)*)\]"  # [12], [3, 5], [1-4]
    r"|@(?<![\w.@]@)[A-Za-z_][\w:.\-/+]*\w"  # bare @key
    r"|" + r"\\(?:[a-zA-Z]*cite[a-zA-Z]*|[cC]?ref|autoref|eqref|label)\*?(?:\[[^\]\n]*\]){0,2}\{([^{}\n]*)\}"
    r"|\{\{[!?]?[^{}\n]+\}\}"  # kramdown-rfc (IETF drafts): {{RFC8799}}, {{?RFC2119}}, {{SEC:problem}}
)  # raw LaTeX a pandoc draft keeps, `\cite{key}`, `\citep[p.~3]{a,b}`, `\ref{fig:x}`
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'’”]")
MYST_CITE = re.compile(r"\{(?:cite(?::\w+)?|ref|numref|eqref|eq|doc|download|prf:ref|external)\}$")
MYST_ROLE = re.compile(r"\{[a-z][\w:-]*\}$")  # `{term}`, `{abbr}`, `{sub}`: the role's name is no word
# `<SOME>`, `<NUMBER>`, `<TBD>`: a "tag" in capitals with nothing else in it is a slot the author
# left (HTML in a paper is written in lower case); kept as text, so the placeholder rule sees it
SLOT_TAG = re.compile(r"<[A-Z][A-Z0-9_]+>")


@functools.lru_cache(maxsize=4096)
def math_text(tex: str) -> str:
    """Short unicode text for inline math (`\\times` -> `×`), else `x`."""
    if len(tex) > 40:
        return "x"
    try:
        text = _latex_to_text().latex_to_text(tex).strip()
    except Exception:  # noqa: BLE001 - any odd math becomes a neutral placeholder
        return "x"
    if not text or len(text) > 12 or "\n" in text:
        return "x"
    return text


@functools.lru_cache(maxsize=1)
def _latex_to_text():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text")



# --- inline walk ------------------------------------------------------------------------------


class InlineReader:
    """Turns one inline token's children into Chunks with source ranges.

    `tree` is the block reader (`markdown._TreeReader`): its source, footnotes and suppressions.
    `cursor` walks forward through the block's source text; `line_starts` holds, for each line of
    the inline content, where that content starts in the source (after list/quote markers).
    """

    def __init__(self, tree, token, line_offset: int):
        self.tree = tree
        self.source = tree.source
        self.text = tree.source.text
        first = token.map[0] + line_offset
        last = token.map[1] + line_offset
        self.first_line = first
        self.block_end = self.source.line_starts[last] - 1 if last < len(self.source.line_starts) else len(self.text)
        self.line_content_starts = self._content_starts(token.content, first)
        self.line_index = 0
        self.cursor = self.line_content_starts[0] if self.line_content_starts else self.source.line_starts[first]
        self.attributes_end = -1  # where pandoc attributes the attrs plugin left as text end (`{width=\\linewidth}`)
        self.chunks: list[Chunk] = []

    def _content_starts(self, content: str, first: int) -> list[int]:
        starts = []
        for index, line_content in enumerate(content.split("\n")):
            line_no = first + index
            if line_no >= len(self.source.line_starts):
                break
            line_start = self.source.line_starts[line_no]
            line = self.source.line_text(line_no + 1).rstrip()
            wanted = line_content.rstrip()
            if wanted and line.endswith(wanted):
                starts.append(line_start + len(line) - len(wanted))
            else:
                starts.append(line_start)
        return starts

    # small helpers
    def _find(self, needle: str) -> int:
        if not needle:
            return -1
        return self.text.find(needle, self.cursor, self.block_end + 1)

    def _emit_text(self, content: str, start: int) -> None:
        """A verbatim run of prose, with citations and URLs inside it made non-checkable."""
        position = 0
        for match in text_matches(content):
            if match.start() > position:
                self.chunks.append(Chunk(content[position : match.start()], start + position, start + match.start()))
            is_url = match.re is URL
            placeholder = match.group(0) if is_url else "[1]"
            note = not is_url and citation_to_find(match)
            self.chunks.append(Chunk(placeholder, start + match.start(), start + match.end(), False, False, note))
            position = match.end()
        if position < len(content):
            self.chunks.append(Chunk(content[position:], start + position, start + len(content)))

    def _skip_link_tail(self) -> None:
        """Move past `](dest "title")`, `][ref]` or `]` after a link's text."""
        close = self._find("]")
        if close < 0:
            return
        pos = close + 1
        end = self.block_end + 1
        if pos < len(self.text) and self.text[pos] == "(":
            pos += 1
            while pos < end and self.text[pos] in " \t\n":
                pos += 1
            result = parseLinkDestination(self.text, pos, end)
            if result.ok:
                pos = result.pos
            while pos < end and self.text[pos] in " \t\n":
                pos += 1
            if pos < end and self.text[pos] in "\"'(":
                title = parseLinkTitle(self.text, pos, end)
                if title.ok:
                    pos = title.pos
            paren = self.text.find(")", pos, end)
            pos = paren + 1 if paren >= 0 else pos
        elif pos < len(self.text) and self.text[pos] == "[":
            bracket = self.text.find("]", pos, end)
            pos = bracket + 1 if bracket >= 0 else pos
        self.cursor = pos

    def _code_span_end(self, start: int, markup: str) -> int:
        """End of a code span opened at `start` with `markup` backticks."""
        pos = start + len(markup)
        end = self.block_end + 1
        while True:
            found = self.text.find(markup, pos, end)
            if found < 0:
                return min(end, len(self.text))
            after = found + len(markup)
            if (found == 0 or self.text[found - 1] != "`") and (after >= len(self.text) or self.text[after] != "`"):
                return after
            pos = found + 1

    def read(self, tokens, emit: bool = True) -> None:
        """Walk the inline tokens in order, writing Chunks when `emit` (an image's alt text is
        walked only to move the cursor past it)."""
        tokens = _joined(tokens)
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "link_open" and token.markup in ("autolink", "linkify"):
                index = self._autolink(tokens, index, emit)
            else:
                handler = _HANDLERS.get(kind, "_markup")
                if kind in ("softbreak", "hardbreak"):
                    handler = "_line_break"
                elif kind in ("math_inline", "math_inline_double"):
                    handler = "_math"
                getattr(self, handler)(token, emit)
            index += 1

    def _text(self, token, emit: bool) -> None:
        content = token.content
        attributes = self.text[self.cursor : self.attributes_end] if self.attributes_end > self.cursor else ""
        if attributes and content.startswith(attributes):  # an image's attributes left as text: markup
            self.cursor, content = self.attributes_end, content[len(attributes):]
        self.attributes_end = -1
        if not content:
            return
        at = self._find(content)
        if at >= 0:
            if emit:
                self._emit_text(content, at)
            self.cursor = at + len(content)
        elif emit:
            self.chunks.append(Chunk(content, self.cursor, self.cursor, False))

    def _line_break(self, token, emit: bool) -> None:
        at = self.text.find("\n", self.cursor, self.block_end + 1)
        self.line_index += 1
        if at >= 0:
            if emit:
                self.chunks.append(Chunk("\n", at, at + 1))
            self.cursor = at + 1
        if self.line_index < len(self.line_content_starts):
            self.cursor = max(self.cursor, self.line_content_starts[self.line_index])

    def _text_special(self, token, emit: bool) -> None:
        at = self._find(token.markup)
        if at >= 0:
            if emit:
                self.chunks.append(Chunk(token.content, at, at + len(token.markup), False))
            self.cursor = at + len(token.markup)

    def _code(self, token, emit: bool) -> None:
        at = self._find(token.markup)
        if at < 0:
            return
        end = self._code_span_end(at, token.markup)
        previous = self.chunks[-1] if self.chunks else None
        if emit and previous is not None and previous.literal and MYST_CITE.search(previous.text):
            # {cite}`key`, {ref}`sec-x`, {numref}`fig-x`: a MyST citation or cross-reference role
            cut = MYST_CITE.search(previous.text).start()
            self.chunks[-1] = Chunk(previous.text[:cut], previous.src_start, previous.src_start + cut)
            self.chunks.append(Chunk("[1]", previous.src_start + cut, end, False, False))
            self.cursor = end
            return
        if emit and previous is not None and previous.literal and MYST_ROLE.search(previous.text):
            cut = MYST_ROLE.search(previous.text).start()  # {term}`working set`: the words stay
            self.chunks[-1] = Chunk(previous.text[:cut], previous.src_start, previous.src_start + cut)
        if emit:
            # the code itself maps character by character (a finding on a name written as code
            # points at the name, not at its backtick); code that markdown-it rewrote (line
            # breaks, padding) stands for the whole span
            inner = self.text.find(token.content, at + len(token.markup), end) if token.content else -1
            if inner >= 0 and inner + len(token.content) <= end - len(token.markup):
                # a one-letter name is a letter of math: `B`. then a capital opens a sentence
                content = as_prose(token.content, self.text, at, end)
                self.chunks.append(Chunk(content, inner, inner + len(token.content), True, False))
            else:
                self.chunks.append(Chunk(token.content, at, end, False, False))
        self.cursor = end

    def _math(self, token, emit: bool) -> None:
        at = self._find(token.markup)
        environment = self._latex_display() if token.markup == "$$" else None
        if environment is not None and (at < 0 or environment[0] < at):
            at, end = environment  # a LaTeX display the parser read as `$$` (markdown_latex_lists)
        elif at >= 0:
            first_line = max(len(token.content.split("\n")[0]), 1)
            end = self.text.find(token.markup, at + len(token.markup) + first_line - 1, self.block_end + 1)
            end = end + len(token.markup) if end >= 0 else at + len(token.markup)
        if at >= 0:
            if emit:
                text, checkable = inline_math(math_text(token.content), self.text, at, end)
                if token.markup == "$$" and display_before_sentence(self.text, at, end):
                    text += "."  # the words after a display start a sentence of their own
                self.chunks.append(Chunk(text, at, end, False, checkable))
            self.cursor = end

    def _latex_display(self) -> tuple[int, int] | None:
        """(start, end) of the next `\\begin{..}` .. `\\end{..}` in the block, or None."""
        begin = self._find("\\begin{")
        close = self.text.find("\\end{", begin, self.block_end + 1) if begin >= 0 else -1
        brace = self.text.find("}", close, self.block_end + 1) if close >= 0 else -1
        return (begin, brace + 1) if brace >= 0 else None

    def _autolink(self, tokens, index: int, emit: bool) -> int:
        """`<https://x>` or a bare linkified URL: its text, not checkable; the index of its close."""
        token = tokens[index]
        close = index + 1
        while close < len(tokens) and tokens[close].type != "link_close":
            close += 1
        label = "".join(t.content for t in tokens[index + 1 : close])
        at = self._find("<" + label) if token.markup == "autolink" else self._find(label)
        if at >= 0:
            end = at + len(label) + (2 if token.markup == "autolink" else 0)
            if emit:
                self.chunks.append(Chunk(label, at, end, False, False))
            self.cursor = end
        return close

    def _link_open(self, token, emit: bool) -> None:
        at = self._find("[")
        if at >= 0:
            self.cursor = at + 1

    def _link_close(self, token, emit: bool) -> None:
        self._skip_link_tail()

    def _image(self, token, emit: bool) -> None:
        at = self._find("![")
        if at >= 0:
            self.cursor = at + 2
            self.read(token.children or [], emit=False)
            self._skip_link_tail()
            found = PANDOC_ATTRIBUTES.match(self.text, self.cursor, self.block_end + 1)  # `{width=\\linewidth}`
            self.attributes_end = found.end() if found else -1  # attributes the attrs plugin did not take

    def _footnote_ref(self, token, emit: bool) -> None:
        if token.meta.get("label") is None:  # an inline footnote `^[..]`: its words are a footnote
            at = self._find("^[")
            close = _bracket_end(self.text, at + 1, self.block_end + 1) if at >= 0 else -1
            if close >= 0:
                label = f"^{token.meta.get('id')}"
                self.tree.inline_footnotes[label] = at + 2
                self.tree.referenced_footnotes.setdefault(label, []).append(at)
                self.cursor = close + 1
            return
        at = self._find("[^")
        if at >= 0:
            close = self.text.find("]", at, self.block_end + 1)
            self.cursor = close + 1 if close >= 0 else at + 2
            self.tree.referenced_footnotes.setdefault(token.meta.get("label", ""), []).append(at)

    def _html(self, token, emit: bool) -> None:
        at = self._find(token.content)
        if at >= 0:
            self.tree.collect_suppressions(token.content, at)
            if emit and SLOT_TAG.fullmatch(token.content):
                self.chunks.append(Chunk(token.content, at, at + len(token.content)))
            self.cursor = at + len(token.content)

    def _markup(self, token, emit: bool) -> None:
        """em/strong/s open and close, anything else with source markup: move past it."""
        if token.markup:
            at = self._find(token.markup)
            if at >= 0:
                self.cursor = at + len(token.markup)


_HANDLERS = {
    "text": "_text", "text_special": "_text_special", "code_inline": "_code", "link_open": "_link_open",
    "link_close": "_link_close", "image": "_image", "footnote_ref": "_footnote_ref", "html_inline": "_html",
}


def _joined(tokens: list) -> list:
    """Text runs with a backslash that escapes nothing (`\\cite{..}`: markdown-it keeps it as its
    own token) joined into one text token, so a raw LaTeX command is matched whole."""
    if not any(t.type == "text_special" and t.content == t.markup for t in tokens):
        return tokens
    joined: list = []
    for token in tokens:
        literal = token.type == "text" or (token.type == "text_special" and token.content == token.markup)
        if literal and joined and joined[-1].type == "text":
            joined[-1] = joined[-1].copy(content=joined[-1].content + token.content)
        else:
            joined.append(token.copy(type="text") if literal else token)
    return joined


def text_matches(content: str):
    """Citation and URL matches in a text run, in order, not overlapping."""
    if "[" not in content and "@" not in content and "://" not in content and "www." not in content \
            and "\\" not in content and "{{" not in content:
        return  # what every citation and URL begins with (most runs of prose have none)
    found = sorted(list(CITATION.finditer(content)) + list(URL.finditer(content)), key=lambda m: m.start())
    position = 0
    for match in found:
        if match.start() >= position:
            yield match
            position = match.end()


def _bracket_end(text: str, start: int, limit: int) -> int:
    """Offset of the "]" that closes the "[" at `start` (nested brackets skipped), else -1."""
    depth = 0
    for index in range(start, min(limit, len(text))):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
    return -1


def trim(chunks: list[Chunk]) -> list[Chunk]:
    """Drop leading/trailing whitespace and punctuation left by a removed label, keeping maps exact."""
    out = list(chunks)
    while out and out[0].literal:
        stripped = out[0].text.lstrip(" \t\n")
        cut = len(out[0].text) - len(stripped)
        if not stripped:
            out.pop(0)
            continue
        if cut:
            out[0] = Chunk(stripped, out[0].src_start + cut, out[0].src_end)
        break
    while out and out[-1].literal and not out[-1].text.rstrip(" \t\n"):
        out.pop()
    if out and out[-1].literal:
        kept = out[-1].text.rstrip(" \t\n")
        out[-1] = Chunk(kept, out[-1].src_start, out[-1].src_start + len(kept))
    return out
