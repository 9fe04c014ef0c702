"""Headings in the source files of a document: the front ends keep them out of the prose.

A word list can ask to be searched in headings too (`headings: true`): a heading marked
`(draft)` is a left-over like a TODO. Markdown ATX headings (`## Title`, without pandoc's
attributes `{#sec:x}`) and the arguments of LaTeX sectioning commands (`\\section{Title}`,
`\\paragraph*{Title}`) outside comments count, and so do the run-in heads the front ends left
out of the prose (`_TODO:_ ...`, `\\textbf{Setup.} ...`).

A list can also ask for the captions of figures and tables (`captions: true`), no prose either
but read by everyone (`\\caption{..}`, `\\subcaption{..}`, `\\captionof{figure}{..}`; Markdown's
image alt text and pandoc's `Table: ..` line): a TODO left in a caption is found where it stands.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document import LATEX_SUFFIXES
from ..document.latex_macros import group_end
from ..document.markdown_pandoc import CAPTION as TABLE_CAPTION, HEADING_ATTRIBUTES
from ..document.model import Document, Source
from ._shared import shared

MARKDOWN = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<title>[^\n]*?)[ \t#]*$", re.M)
LATEX = re.compile(r"\\(?:part|chapter|(?:sub){0,2}section|(?:sub)?paragraph)\*?(?:\[[^\]\n]*\])?\{(?P<title>[^{}\n]*)\}")
LATEX_CAPTION = re.compile(r"\\(?:sub)?caption(?:of\*?\s*\{[^{}]*\})?\*?\s*(?:\[[^\]\n]*\])?\s*(?=\{)")
# a figure left out of the paper: `\\iffalse .. \\fi`, `\\if0 .. \\fi`, a comment environment
LATEX_HIDDEN = re.compile(r"\\if(?:false|\s*0)\b.*?\\fi\b|\\begin\{comment\}.*?\\end\{comment\}", re.S)
IMAGE_ALT = re.compile(r"!\[(?P<title>[^\]\n]+)\]\(")


def headings(doc: Document) -> list[tuple[Source, int, int]]:
    """(source, start, end) of every heading title within the document's extent (a section of a
    paper sees its own headings, not the other sections'), then of its run-in heads; found once
    per document (every list with `headings: true` reads them)."""
    return shared(doc, "headings", None, lambda: list(_headings(doc)))


def _headings(doc: Document) -> Iterator[tuple[Source, int, int]]:
    for source, low, high in _extents(doc):
        pattern = LATEX if _is_latex(source) else MARKDOWN
        hidden = [] if pattern is LATEX else _not_markdown_headings(source.text)
        for match in pattern.finditer(source.text, low, high):
            if pattern is LATEX and _commented_out(source.text, match.start()):
                continue
            if _inside(hidden, match.start()):
                continue  # a `# comment` line of code, front matter or an HTML comment
            end = match.end("title")
            if pattern is MARKDOWN and "{" in match.group("title"):
                attributes = HEADING_ATTRIBUTES.search(match.group("title"))  # `{#sec:x .class}`
                end = match.start("title") + attributes.start() if attributes else end
            yield source, match.start("title"), end
    yield from doc.run_in_heads


def captions(doc: Document) -> list[tuple[Source, int, int]]:
    """(source, start, end) of every caption text within the document's extent, found once."""
    return shared(doc, "captions", None, lambda: [
        span for source, low, high in _extents(doc) for span in _captions(source, low, high)])


def _captions(source: Source, low: int, high: int) -> Iterator[tuple[Source, int, int]]:
    """(source, start, end) of the caption texts from low to the next heading after high (a
    figure often stands after the section's last paragraph), outside comments and code."""
    text = source.text
    latex = _is_latex(source)
    following = (LATEX if latex else MARKDOWN).search(text, high)
    high = following.start() if following else len(text)
    if latex:
        hidden = [(m.start(), m.end()) for m in LATEX_HIDDEN.finditer(text)] if "\\if" in text or "comment}" in text else []
        for match in LATEX_CAPTION.finditer(text, low, high):
            if not _commented_out(text, match.start()) and not _inside(hidden, match.start()):
                yield source, match.end() + 1, group_end(text, match.end()) - 1
        return
    hidden = _not_markdown_headings(text)
    for match in IMAGE_ALT.finditer(text, low, high):
        if not _inside(hidden, match.start()):
            yield source, match.start("title"), match.end("title")
    for line in re.finditer(r"(?m)^.*$", text[low:high]):
        if TABLE_CAPTION.match(line.group()) and not _inside(hidden, low + line.start()):
            yield source, low + line.start(), low + line.end()


def _is_latex(source: Source) -> bool:
    return source.path.endswith(LATEX_SUFFIXES)


def _commented_out(text: str, at: int) -> bool:
    """Does an unescaped `%` stand before `at` on its LaTeX line?"""
    line_start = text.rfind("\n", 0, at) + 1
    return re.search(r"(?<!\\)%", text[line_start:at]) is not None


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in spans)


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\.\.\.|\+\+\+)[ \t]*$", re.S | re.M)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _not_markdown_headings(text: str) -> list[tuple[int, int]]:
    """Spans of a Markdown file where a line starting with `#` is no heading: fenced code (a
    shell or Python comment), the front matter (a YAML comment) and HTML comments."""
    spans = [(m.start(), m.end()) for m in HTML_COMMENT.finditer(text)] if "<!--" in text else []
    front = FRONT_MATTER.match(text)
    if front:
        spans.append((0, front.end()))
    opened = None
    for match in FENCE.finditer(text):
        if opened is None:
            opened = match
        elif match.group(1)[0] == opened.group(1)[0] and len(match.group(1)) >= len(opened.group(1)):
            spans.append((opened.start(), match.end()))
            opened = None
    if opened is not None:
        spans.append((opened.start(), len(text)))
    return spans


def _extents(doc: Document) -> list[tuple[Source, int, int]]:
    """Per source file: from the line of the document's heading (or its first prose) to the end
    of the line of its last prose."""
    spans: dict[int, list] = {}
    for piece in doc.source_map.pieces:
        span = spans.setdefault(id(piece.source), [piece.source, piece.src_start, piece.src_end])
        span[1], span[2] = min(span[1], piece.src_start), max(span[2], piece.src_end)
    out = []
    for source, low, high in spans.values():
        if source.path == doc.start.path and doc.start.line <= len(source.line_starts):
            low = min(low, source.offset(doc.start.line))
        low = source.text.rfind("\n", 0, low) + 1
        end = source.text.find("\n", high)
        out.append((source, low, len(source.text) if end < 0 else end))
    return out
