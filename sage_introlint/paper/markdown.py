"""Markdown paper mode: the front end's block nodes -> one Document per section.

Headings (`#` to `######`) mark sections; inside a section, deeper headings, fully emphasised
lines and run-in labels (`**Serving engines.** ...`) are divisions. A paragraph that is only an
image is a figure (its alt text, or a "Figure N:" line next to it, is the caption); a table is
a table (a "Table N:" line before or after it is the caption, or pandoc's `Table: ..` / `: ..`
line). A figure or table is referenced when the text says "Figure N" / "Fig. N" / "Table N"
anywhere else, or cites its pandoc-crossref / Quarto label (`{#fig:e2e}` by `@fig:e2e`).
"""

from __future__ import annotations

import re

from ..document import markdown
from ..document.layout import layout
from ..document.markdown import MdHeading, MdOther, MdParagraph
from ..document.markdown_pandoc import CAPTION as PANDOC_CAPTION
from ..document.model import Division, Document, Figure, Source, Span
from .plan import Mark, left_out, plan
from .specs import NUMBER, PaperSet, SectionSpec

HEADING_MAX = 6  # level 7 is a fully emphasised line: a division, never a section
RUN_IN_LEVEL = 7
RUN_IN_MAX_WORDS = 6
IMAGE = re.compile(r"\s*!\[([^\]]*)\]")
CAPTION = re.compile(r"\W*(Figure|Fig\.|Table)\s*~?(\d+)\s*[.:]", re.IGNORECASE)
# pandoc-crossref's `{#fig:e2e}` / `{#tbl:setup}`, Quarto's `{#fig-e2e}`: the label `@fig:e2e` cites
CROSSREF_LABEL = re.compile(r"\{[^{}\n]*#((?:fig|tbl)[:-][\w:.-]+)")


def sections(source: Source, paper: PaperSet, forced: SectionSpec | None, kind: str | None, read_nodes=None):
    """(problems, [(spec, title, heading position, Document)], headings of sections not checked)
    for a Markdown file, read with `read_nodes` (default `markdown.read_nodes`; the editor's
    re-reads one block)."""
    reader, nodes, start_line = (read_nodes or markdown.read_nodes)(source)
    levels = _levels(nodes)
    marks = [Mark(i, levels.get(i, node.level), node.inline.full_text, _line_start(source, node.line))
             for i, node in enumerate(nodes) if isinstance(node, MdHeading) and node.level <= HEADING_MAX]
    figures = _figures(source, nodes)
    captions = _captions(nodes)
    found = []
    regions = plan(marks, len(nodes), paper, forced)
    for region in regions:
        body = nodes[region.start:region.end]
        heading = region.heading
        if heading is not None and heading.index == region.start and not region.siblings:
            body = body[1:]
        body = [node for node in body if id(node) not in captions]
        line = heading.position.line if heading else start_line
        until = nodes[region.end].line if region.end < len(nodes) else len(source.text) + 1
        tree = markdown.tree_for(reader, body, line, until)
        spec = region.spec
        doc = layout(tree, (kind or "auto") if spec.kind == "auto" else "intro")
        if spec.kind != "auto":
            doc.kind = spec.kind
        doc.problems = []
        level = region.level if region.siblings else region.level + 1
        doc.divisions = _divisions(source, doc, body, level, {id(nodes[i]): v for i, v in levels.items()})
        lines = {node.line for node in body}
        doc.figures = [figure for figure in figures if figure.start.line in lines]
        if region.preface and not doc.paragraphs:
            continue
        found.append((spec, heading.title if heading else "", doc.start, doc))
    return list(reader.problems), found, left_out(marks, regions)


def _captions(nodes: list) -> set[int]:
    """ids of the "Figure N." / "Table N:" paragraphs right before or after an image or a table:
    a caption, as LaTeX's \\caption, is not prose of the section."""
    found = set()
    for index, node in enumerate(nodes):
        image = isinstance(node, MdParagraph) and not node.inline.text.strip()
        if image or (isinstance(node, MdOther) and node.what == "table"):
            for neighbour in nodes[index + 1:index + 2] + nodes[max(index - 1, 0):index]:
                if isinstance(neighbour, MdParagraph) and CAPTION.match(neighbour.inline.full_text):
                    found.add(id(neighbour))
                    break
    return found


def _line_start(source: Source, line: int):
    """The position of a line's first non-blank character."""
    text = source.line_text(line)
    return source.position(source.offset(line, len(text) - len(text.lstrip()) + 1))


SECTION_NUMBER = re.compile(r"\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")


def _levels(nodes: list) -> dict[int, int]:
    """Heading levels read from the section numbers where the `#` levels contradict them.

    A paper converted from PDF often has `# 1 Introduction` then `## 2 Background`: by its `#`s
    the Introduction would run to the end of the file. When headings numbered "N" stand at more
    than one `#` level, or "N.M" at the level of an "N" (`## 2 Background`, `## 2.1 Rate`), a
    numbered heading's level is its number's depth (2.1 -> 2), and an
    unnumbered one is a top-level section when it is no deeper than some top numbered one
    (Abstract, Related Work) or else a subsection of the numbered section it follows. Otherwise:
    the `#`s."""
    headings = [(i, node) for i, node in enumerate(nodes) if isinstance(node, MdHeading) and node.level <= HEADING_MAX]
    numbers = {i: match.group(1) for i, node in headings if (match := SECTION_NUMBER.match(node.inline.full_text))}
    top = {node.level for i, node in headings if i in numbers and "." not in numbers[i]}
    dotted = {node.level for i, node in headings if i in numbers and "." in numbers[i]}
    if len(top) < 2 and not top & dotted:  # `## 2 Background` then `## 2.1 Rate`: the numbers say 2.1 is below 2
        return {}
    levels, current = {}, 1
    for i, node in headings:
        if i in numbers:
            levels[i] = current = numbers[i].count(".") + 1
        else:
            levels[i] = 1 if node.level <= max(top) else current + 1
    return levels


def _divisions(source: Source, doc: Document, body: list, level: int, levels: dict | None = None) -> list[Division]:
    heads = []  # (title, level, position)
    for node in body:
        depth = (levels or {}).get(id(node), getattr(node, "level", 0))
        if isinstance(node, MdHeading) and depth >= level:
            title = node.inline.full_text.rstrip(".:")
            heads.append((title[NUMBER.match(title).end():], depth, _line_start(source, node.line)))
        elif isinstance(node, MdParagraph) and node.inline.label and len(node.inline.label.split()) <= RUN_IN_MAX_WORDS:
            heads.append((node.inline.label.rstrip(".:").strip(), RUN_IN_LEVEL, _line_start(source, node.line)))
    starts = [doc.position(p.span.start).line for p in doc.paragraphs]

    def plain_at(line: int) -> int:
        for paragraph, first in zip(doc.paragraphs, starts):
            if first >= line:
                return paragraph.span.start
        return len(doc.text)

    result = []
    for index, (title, depth, position) in enumerate(heads):
        start = plain_at(position.line)
        later = next((h for h in heads[index + 1:] if h[1] <= depth), None)
        end = plain_at(later[2].line) if later else len(doc.text)
        result.append(Division(title, depth, position, Span(start, max(start, end))))
    return result


def _figures(source: Source, nodes: list) -> list[Figure]:
    """Every image paragraph and table of the file, with caption and reference facts."""
    found = []
    counters = {"figure": 0, "table": 0}
    for index, node in enumerate(nodes):
        what, stated = None, None
        caption = False
        if isinstance(node, MdParagraph) and not node.inline.text.strip():
            image = IMAGE.match(source.line_text(node.line))
            if image:
                what, caption = "figure", bool(image.group(1).strip())
                stated = CAPTION.match(image.group(1))
        elif isinstance(node, MdOther) and node.what == "table":
            what = "table"
        if what is None:
            continue
        counters[what] += 1
        number, caption_line = counters[what], None
        if what == "figure" and stated:
            number = int(stated.group(2))
        for neighbour in (nodes[index + 1] if index + 1 < len(nodes) else None, nodes[index - 1] if index else None):
            if isinstance(neighbour, MdParagraph):
                match = CAPTION.match(neighbour.inline.full_text)
                if match and (match.group(1).lower() == "table") == (what == "table"):
                    caption, number, caption_line = True, int(match.group(2)), neighbour.line
                    break
        pandoc_caption = _pandoc_caption(source, node.line) if what == "table" else None
        caption = caption or pandoc_caption is not None
        skip = {node.line, caption_line, pandoc_caption}
        label = CROSSREF_LABEL.search(source.line_text(pandoc_caption or node.line))
        found.append(Figure(what, _line_start(source, node.line), f"{what} {number}", caption,
                            _mentioned(source, what, number, skip) or bool(label and _cited(source, label.group(1), skip)),
                            _cells(source, node.line) if what == "table" else ""))
    return found


def _pandoc_caption(source: Source, line: int) -> int | None:
    """The line of pandoc's caption of the table starting at `line` (`Table: ..` or `: ..`,
    right before the table or after it, a blank line between allowed), or None."""
    last = len(source.line_starts)
    end = line
    while end < last and source.line_text(end + 1).strip():
        end += 1
    for near in (end + 1, end + 2, line - 1, line - 2):
        if 1 <= near <= last and PANDOC_CAPTION.match(source.line_text(near)):
            between = range(min(near, line) + 1, max(near, end)) if near < line else range(end + 1, near)
            if all(not source.line_text(n).strip() for n in between):
                return near
    return None


def _cited(source: Source, label: str, skip: set) -> bool:
    """Is the crossref label cited (`@fig:e2e`, `[@fig:e2e]`, `\\ref{fig:e2e}`) on another line?"""
    pattern = re.compile(r"(?:@|\\(?:c|C|auto)?ref\{)%s(?![\w:-])" % re.escape(label), re.IGNORECASE)
    return any(pattern.search(source.line_text(line)) for line in range(1, len(source.line_starts) + 1)
               if line not in skip)


def _cells(source: Source, line: int) -> str:
    """A pipe table's rows (from `line` to the next blank line) as plain words."""
    rows = []
    while line <= len(source.line_starts) and source.line_text(line).strip():
        rows.append(source.line_text(line))
        line += 1
    return " ".join(re.sub(r"[|:`*]|-{3,}", " ", " ".join(rows)).split())


def _mentioned(source: Source, what: str, number: int, skip: set) -> bool:
    words = r"(?:Figures?|Figs?\.)" if what == "figure" else r"Tables?"
    pattern = re.compile(rf"\b{words}\s*~?{number}(?!\d)", re.IGNORECASE)
    return any(pattern.search(source.line_text(line)) for line in range(1, len(source.line_starts) + 1)
               if line not in skip)
