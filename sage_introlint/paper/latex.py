"""LaTeX paper mode: the front end's flattened items (through `\\input`) -> one Document per section.

Each section is walked by the front end's own walker, so its prose, paragraphs and positions
are exactly those of a file that holds only that section. While walking, the headings below
the section level (`\\subsection`, `\\paragraph`, a run-in `\\textbf{Label.}`) are recorded as
divisions with the plain text they head. `\\begin{abstract}` is the abstract section.
"""

from __future__ import annotations

import re

from pylatexenc import latexwalker as lw

from ..document import latex
from ..document.latex_kinds import with_kind
from ..document.source import is_introduction_title
from ..document.latex_parse import arguments, last_group, plain_words, raw_inside
from ..document.latex_tables import REFERENCES, RUN_IN_FORMATS
from ..document.latex_walker import Walker
from ..document.model import Division, Document, Figure, Source, Span
from .plan import Mark, left_out, plan
from .specs import PaperSet, SectionSpec

RUN_IN_LEVELS = {"paragraph": 5, "subparagraph": 6}
FIGURES = {"figure": "figure", "figure*": "figure", "wrapfigure": "figure", "table": "table", "table*": "table",
           "wraptable": "table"}
RUN_IN_LEVEL = 5
RUN_IN_MAX_WORDS = 6  # a run-in label this short names a division (a longer one is a topic sentence)


def sections(source: Source, base_dir: str, paper: PaperSet, forced: SectionSpec | None, kind: str | None,
             latex_options: dict | None = None):
    """(problems, [(spec, title, heading position, Document)], headings of sections not checked)
    for a LaTeX file (an abstract environment the set does not read counts as one)."""
    options = latex_options or {}
    files, items = latex.read_items(source, base_dir, options.get("note-macros", ()), options.get("list-macros", ()))
    marks = [Mark(i, *heading, item[0].position(item[1].pos))
             for i, item in enumerate(items) if (heading := latex.heading_of(item))]
    referenced = _references(items)
    found = []
    abstract = (forced if forced.environment else None) if forced else paper.by_environment("abstract")
    in_abstract: set[int] = set()  # the abstract's nodes: never part of a preface
    environment = abstract.environment if abstract is not None else "abstract"
    if abstract is not None:
        located = _abstract(items, marks, environment)
        if located is not None:
            start, body = located
            in_abstract = {id(node) for _, node in body}
            found.append((abstract, "", start, _document(files, body, start, 0, False, referenced)))
    regions = plan(marks, len(items), paper, forced)
    for region in regions:
        if not region.spec.fallback and any(spec.name == region.spec.name for spec, *_ in found):
            continue
        start = region.heading.position if region.heading else source.position(0)
        body = items[region.start:region.end]
        if region.preface:
            body = [item for item in body if id(item[1]) not in in_abstract and not _is_abstract(item[1], environment)]
        if region.heading is not None and region.heading.index == region.start and not region.siblings:
            body = body[1:]
        doc_kind = region.spec.kind
        if doc_kind == "auto":
            doc_kind = kind or "auto"
        headed = region.heading is not None and is_introduction_title(region.heading.title)
        doc = _document(files, body, start, region.level, bool(region.siblings), referenced, doc_kind, headed)
        if region.preface and not doc.paragraphs:
            continue
        found.append((region.spec, region.heading.title if region.heading else "", start, doc))
    return files.problems, found, _unread_abstract(items, marks, abstract, forced) + left_out(marks, regions)


def _unread_abstract(items: list, marks: list, abstract, forced) -> list[Mark]:
    """The abstract environment as a heading of its own when the set has no abstract section."""
    if abstract is not None or forced is not None:
        return []
    located = _abstract(items, marks, "abstract")
    return [Mark(-1, 0, "Abstract", located[0])] if located is not None else []


def _is_abstract(node, environment: str) -> bool:
    """Is `node` the abstract's environment (`\\begin{abstract}`) or its command (`\\abstract`)?"""
    return (isinstance(node, lw.LatexEnvironmentNode) and node.environmentname == environment) or \
        (isinstance(node, lw.LatexMacroNode) and node.macroname == environment)


def _abstract(items: list, marks: list, environment: str):
    """(start, items) of `\\begin{abstract}`, or of the bare `\\abstract` command some classes use
    (USENIX: the abstract runs from `\\abstract` to the first heading); None without either."""
    for index, (item_source, node) in enumerate(items):
        if not _is_abstract(node, environment):
            continue
        if isinstance(node, lw.LatexEnvironmentNode):
            return item_source.position(node.pos), [(item_source, child) for child in node.nodelist if child is not None]
        if not arguments(node):
            end = next((mark.index for mark in marks if mark.index > index), len(items))
            return item_source.position(node.pos), items[index + 1:end]
    return None


def _document(files, items: list, start, level: int, grouped: bool, referenced: set, kind="section",
              headed: bool = False) -> Document:
    """Walk one section's items; `grouped`: its sibling sections' headings are divisions too;
    `headed`: they stand under an Introduction heading (`latex_kinds.with_kind`)."""
    walker = Walker(files)
    heads: list[tuple[str, int, object, int]] = []  # title, level, position, plain offset
    previous = None
    figures: list[Figure] = []
    index = 0
    while index < len(items):  # walker.step: a command may take its siblings (`\\if 0 .. \\fi`, notes)
        source, node = items[index]
        if previous is not None and previous[0] is source:
            walker.gap(source, previous[1], node.pos)
        head = _head(walker, source, node, level if grouped else level + 1)
        if head is not None:
            heads.append((head[0], head[1], source.position(node.pos), walker.prose.out.length))
        figures.extend(_figures(source, node, referenced))
        index = walker.step(items, index)
        last_source, last = items[index - 1]
        previous = (last_source, last.pos + last.len)
    end = walker.prose.out.length
    prose = walker.finish()
    doc = latex.prose_document(files, prose, start, "intro" if kind == "auto" else kind)
    if kind != "section":  # the Introduction: an outline or a paragraph answer is read as one
        doc = with_kind(doc, prose, files.top, kind, headed)
    doc.problems = []
    doc.divisions = divisions(heads, end)
    doc.figures = figures
    return doc


def divisions(heads: list[tuple[str, int, object, int]], end: int) -> list[Division]:
    """Each head's span runs to the next head of the same or a higher level (or to `end`)."""
    result = []
    for index, (title, level, position, start) in enumerate(heads):
        stop = next((later[3] for later in heads[index + 1:] if later[1] <= level), end)
        result.append(Division(title, level, position, Span(start, max(start, stop))))
    return result


def _head(walker, source: Source, node, level: int) -> tuple[str, int] | None:
    """(title, level) when `node` heads a division of a section at `level`."""
    if not isinstance(node, lw.LatexMacroNode):
        return None
    heading = latex.heading_of((source, node))
    if heading is not None:
        return (heading[1], heading[0]) if heading[0] >= level else None
    if node.macroname in RUN_IN_LEVELS:
        group = last_group(node)
        title = " ".join(plain_words(group.nodelist if group else []).split())
        return title.rstrip("."), RUN_IN_LEVELS[node.macroname]
    if node.macroname in RUN_IN_FORMATS and walker.prose.at_block_start and not walker.prose.in_footnote:
        group = last_group(node)
        label = " ".join(plain_words(group.nodelist if group else []).split())
        if label.endswith((".", ":")) and len(label.split()) <= RUN_IN_MAX_WORDS:
            return label.rstrip(".:"), RUN_IN_LEVEL
    return None


def _children(node) -> list:
    children = list(arguments(node))
    children.extend(child for child in (getattr(node, "nodelist", None) or []) if child is not None)
    return children


def _descendants(node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(_children(current)))


def _references(items: list) -> set[str]:
    """Every label a `\\ref`-like command anywhere in the paper refers to."""
    keys: set[str] = set()
    for source, node in items:
        for inner in _descendants(node):
            if isinstance(inner, lw.LatexMacroNode) and inner.macroname in REFERENCES:
                group = last_group(inner)
                if group is not None:
                    keys.update(key.strip() for key in raw_inside(source, group).split(","))
    return keys


def _figures(source: Source, node, referenced: set) -> list[Figure]:
    found = []
    for inner in _descendants(node):
        if isinstance(inner, lw.LatexEnvironmentNode) and inner.environmentname in FIGURES:
            caption, label = False, None
            for part in _descendants(inner):
                if isinstance(part, lw.LatexMacroNode) and part.macroname == "caption":
                    caption = True
                elif isinstance(part, lw.LatexMacroNode) and part.macroname == "label" and label is None:
                    group = last_group(part)
                    label = raw_inside(source, group).strip() if group is not None else None
            what = FIGURES[inner.environmentname]
            found.append(Figure(what, source.position(inner.pos), label, caption,
                                label is not None and label in referenced,
                                _cells(source.text[inner.pos:inner.pos + inner.len]) if what == "table" else ""))
    return found


def _cells(raw: str) -> str:
    """A table's source as plain words: `GPU & 8$\\times$ A100 \\\\` -> "GPU 8 A100"."""
    raw = re.sub(r"(?<!\\)%[^\n]*|\\(?:label|ref|cref|Cref|cite\w*)\s*\{[^{}]*\}", " ", raw)
    raw = re.sub(r"\\(?:begin|end)\s*\{[^{}]*\}(?:\s*\{[^{}]*\})?|\\[A-Za-z@]+\*?|\\\\|[&{}$~]", " ", raw)
    return " ".join(raw.split())
