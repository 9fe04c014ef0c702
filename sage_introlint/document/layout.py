"""Writing a Markdown tree as a Document of its kind: prose, paragraphs, lists, outline entries.

`kinds` decides the kind; this module writes the chunks through a `TextBuilder` and fills the
kind's structure (paragraphs with their lists; outline entries; the paragraph answer's
trimming points; left-overs such as an echoed prompt line).
"""

from __future__ import annotations

from .kinds import DETAILS, GOAL, Entry, detect_kind, is_answer_preface, is_echo, is_trimming_lead, names_paragraph, outline_entries, transparent
from .markdown_nodes import Chunk, Inline, MdHeading, MdItem, MdList, MdNode, MdOther, MdParagraph, MdTree
from .model import Block, Document, Leftover, OutlineEntry, Paragraph, Source, Span, TextBuilder


# --- writing ----------------------------------------------------------------------------------


class Writer:
    """Writes Chunks through a TextBuilder; blocks and the parts of one item are separated by
    "\\n\\n" (a sentence ends there), the items of a list by "\\n" (each is a block of its own)."""

    def __init__(self, source: Source):
        self.source = source
        self.builder = TextBuilder()
        self._last_src = 0
        self._tail = ""  # the last separator written, if nothing was written after it
        self.run_in_heads: list[tuple[Source, int, int]] = []  # labels left out of the prose
        self.leftovers: list[Leftover] = []  # notes written inline (`\\cite{}`), reported where they stand

    def separate(self, separator: str) -> None:
        if self.builder.length and self._tail != separator:
            self.builder.replace(separator, self.source, self._last_src, self._last_src)
            self._tail = separator

    def chunks(self, chunks: list[Chunk]) -> Span | None:
        if not chunks:
            return None
        start = self.builder.length
        for chunk in chunks:
            if chunk.literal and self.source.text[chunk.src_start : chunk.src_end] == chunk.text:
                self.builder.literal(self.source, chunk.src_start, chunk.src_end, chunk.checkable)
            else:
                self.builder.replace(chunk.text, self.source, chunk.src_start, chunk.src_end, chunk.checkable)
            if chunk.note:
                self.leftovers.append(Leftover.of(self.source, chunk.src_start, chunk.src_end))
            self._last_src = chunk.src_end
        if self.builder.length == start:
            return None  # only characters a reader never sees (a soft hyphen pasted alone)
        self._tail = ""
        return Span(start, self.builder.length)

    def inline(self, inline: Inline | None, separator: str, with_label: bool = False) -> Span | None:
        if inline is None:
            return None
        self.leftovers.extend(inline.notes)  # raw LaTeX notes cut out of the block's prose
        parts = (inline.label_chunks + _space_after(inline)) if with_label and inline.label_chunks else []
        if inline.label_chunks and not with_label:
            chunks = inline.label_chunks
            self.run_in_heads.append((self.source, chunks[0].src_start, chunks[-1].src_end))
        parts = parts + inline.chunks
        if not parts:
            return None
        self.separate(separator)
        return self.chunks(parts)

    def item(self, item: MdItem, separator: str, with_label: bool = False) -> Span | None:
        """One item with its nested paragraphs and items, as one span. A nested item, like a
        top-level one, ends a sentence where it ends ("tiers:" then "- **Hot**: the current turn"
        and "- **Cold**: archives" without periods are three), so parts are set apart as blocks are."""
        first = self.inline(item.inline, separator, with_label)
        spans = [first] if first else []
        for child in item.children:
            if isinstance(child, MdParagraph):
                spans.append(self.inline(child.inline, "\n\n", with_label))
            else:
                spans.extend(self.item(sub, "\n\n", with_label) for sub in child.items)
        spans = [span for span in spans if span is not None]
        return Span(spans[0].start, spans[-1].end) if spans else None


def _space_after(inline: Inline) -> list[Chunk]:
    """A space between a written label and its text (stands for the source gap)."""
    if not inline.chunks:
        return []
    end = inline.label_chunks[-1].src_end
    return [Chunk(" ", end, inline.chunks[0].src_start, False)]


def _merge(spans: list[Span | None]) -> Span | None:
    kept = [span for span in spans if span is not None]
    return Span(kept[0].start, kept[-1].end) if kept else None


def echo_leftover(source: Source, node: MdParagraph) -> Leftover | None:
    chunks = node.inline.label_chunks + node.inline.chunks
    if not chunks:
        return None
    return Leftover.of(source, min(c.src_start for c in chunks), max(c.src_end for c in chunks))


# --- layouts ----------------------------------------------------------------------------------


def _bare_lead(node: MdParagraph) -> bool:
    """A lead-in that is only a title ("Possible trimming points:"): with no list after it, the
    answer suggests nothing (a lead-in that says more, "Trimming: sentence 7 can go.", suggests)."""
    text = node.inline.full_text.strip()
    return text.endswith(":") and len(text.split()) <= 5


def _layout_prose(writer: Writer, nodes: list[MdNode], doc: Document, trimming: bool) -> None:
    """Intro and paragraph kinds: paragraphs with the list that follows them; headings dropped."""
    current: Paragraph | None = None
    trimming_lead = False
    after_math: Paragraph | None = None  # the paragraph a display formula just followed
    for node in nodes:
        if transparent(node):
            continue
        if after_math is not None and isinstance(node, MdParagraph) and _goes_on(node):
            current = _continue(writer, after_math, node)
            after_math = None
            continue
        after_math = current if isinstance(node, MdOther) and node.what.startswith("math") else None
        if is_echo(node) and doc.paragraphs:
            leftover = echo_leftover(writer.source, node)
            if leftover is not None:
                doc.leftovers.append(leftover)
            current = None
            continue
        if trimming and is_trimming_lead(node):
            lead = writer.inline(node.inline, "\n\n", with_label=True)
            if isinstance(node, MdParagraph) and lead is not None and doc.trimming is None and not _bare_lead(node):
                doc.trimming = [lead]  # a lead-in with no list is itself the one suggestion
            trimming_lead = True
            current = None
            continue
        if isinstance(node, MdList) and trimming_lead:
            spans = [writer.item(item, "\n\n" if n == 0 else "\n") for n, item in enumerate(node.items)]
            doc.trimming = [span for span in spans if span is not None]
            trimming_lead = False
            continue
        trimming_lead = False
        if trimming and isinstance(node, MdHeading) and names_paragraph(node.inline):
            doc.titled = True  # "## Paragraph 3 (gaps)" over the answer
        if trimming and not doc.paragraphs and is_answer_preface(node):
            doc.titled = True  # "Here is paragraph 4, written from your outline." over it
            continue
        if isinstance(node, MdParagraph):
            span = writer.inline(node.inline, "\n\n")
            if span is None:
                current = None
                continue
            current = Paragraph(span, [Block(span)])
            doc.paragraphs.append(current)
        elif isinstance(node, MdList):
            current = _with_list(writer, node, doc, current)
        else:
            current = None
    if doc.trimming == []:
        doc.trimming = None


def _with_list(writer: Writer, node: MdList, doc: Document, current: Paragraph | None) -> Paragraph | None:
    """The paragraph a list belongs to: the one before it when that has no list yet (its lead-in),
    else a new paragraph of its own; `current` unchanged when the list has no item with text."""
    attach = current is not None and current.list_kind is None
    items = [writer.item(item, "\n" if (attach or n) else "\n\n") for n, item in enumerate(node.items)]
    items = [span for span in items if span is not None]
    if not items:
        return current
    if not attach:
        current = Paragraph(items[0], [])
        doc.paragraphs.append(current)
    current.list_kind = "ordered" if node.ordered else "bullet"
    current.items = items
    current.blocks.extend(Block(span, item=True) for span in items)
    current.span = Span(current.span.start, items[-1].end)
    return current


def _goes_on(node: MdParagraph) -> bool:
    """A paragraph after a display formula that opens in lower case (`where $r$ is the rate`) goes
    on with the sentence that led into the formula, as in LaTeX without a blank line."""
    text = node.inline.text.lstrip()
    return not node.inline.label and text[:1].islower()


def _continue(writer: Writer, paragraph: Paragraph, node: MdParagraph) -> Paragraph:
    """Write `node` as the rest of `paragraph`'s last block (one sentence may run through the formula)."""
    span = writer.inline(node.inline, " ")
    if span is None or paragraph.list_kind is not None:
        if span is not None:
            paragraph.blocks.append(Block(span))
            paragraph.span = Span(paragraph.span.start, span.end)
        return paragraph
    last = paragraph.blocks[-1]
    paragraph.blocks[-1] = Block(Span(last.span.start, span.end), last.item)
    paragraph.span = Span(paragraph.span.start, span.end)
    return paragraph


def _layout_outline(writer: Writer, nodes: list[MdNode], doc: Document) -> None:
    """Outline: every node is written in order; entries become OutlineEntry and Paragraph."""
    entries, starts = outline_entries(nodes)
    entry_at = {index: entry for index, entry in starts}
    item_entries = {id(entry.item): entry for entry in entries if entry.item is not None}
    details: list[Span] = []
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if index in entry_at:
            entry = entry_at[index]
            _write_entry(writer, entry, doc, details)
            index += 1 + len(entry.nodes)
            continue
        if isinstance(node, MdHeading) and DETAILS.search(node.inline.full_text):
            start = writer.inline(node.inline, "\n\n", with_label=True)
            end = index + 1
            while end < len(nodes) and not isinstance(nodes[end], MdHeading):
                end += 1
            spans = [start] + [_write_plain(writer, other) for other in nodes[index + 1 : end]]
            note = _merge(spans)
            if note is not None:
                details.append(note)
            index = end
            continue
        if isinstance(node, MdList):
            for item in node.items:
                if id(item) in item_entries:
                    _write_entry(writer, item_entries[id(item)], doc, details)
                else:
                    span = writer.item(item, "\n\n", with_label=True)
                    if span is not None and item.inline is not None and DETAILS.search(item.inline.full_text):
                        details.append(span)
        else:
            span = _write_plain(writer, node)
            if span is not None and isinstance(node, (MdParagraph, MdHeading)) and DETAILS.search(node.inline.full_text):
                following = nodes[index + 1] if index + 1 < len(nodes) else None
                if isinstance(following, MdList):
                    span = _merge([span, _write_plain(writer, following)])
                    index += 1
                details.append(span)
        index += 1
    if details:
        doc.details_note = details[0]


def _write_plain(writer: Writer, node: MdNode) -> Span | None:
    if isinstance(node, (MdHeading, MdParagraph)):
        return writer.inline(node.inline, "\n\n", with_label=True)
    if isinstance(node, MdList):
        return _merge([writer.item(item, "\n\n" if n == 0 else "\n", True) for n, item in enumerate(node.items)])
    return None


def _write_entry(writer: Writer, entry: Entry, doc: Document, details: list[Span]) -> None:
    """Write one outline entry; classify its parts into goal, bullets, prose, details."""
    goal: Span | None = None
    bullets: list[Span] = []
    prose: list[Span] = []
    blocks: list[Block] = []
    items: list[Span] = []
    list_kind: str | None = None
    title_inline = entry.title
    if entry.title_from_label:
        # "**Paragraph 1.** Goal: ..." -> the label is the title, the rest may be the goal
        writer.separate("\n\n")
        title = writer.chunks(title_inline.label_chunks)
        rest = writer.inline(Inline(title_inline.chunks, title_inline.line), "\n")
        if rest is not None:
            if GOAL.match(title_inline.text):
                goal = rest
            blocks.append(Block(rest))
    else:
        title = writer.inline(title_inline, "\n\n", with_label=True)
    if title is not None:
        blocks.insert(0, Block(title))
    children: list[MdNode] = list(entry.item.children) if entry.item is not None else list(entry.nodes)
    for position, child in enumerate(children):
        if transparent(child) or isinstance(child, MdOther):
            continue
        if isinstance(child, (MdParagraph, MdHeading)):
            span = writer.inline(child.inline, "\n", with_label=True)
            if span is None:
                continue
            blocks.append(Block(span))
            text = child.inline.full_text
            following = children[position + 1] if position + 1 < len(children) else None
            if GOAL.match(text) and goal is None:
                goal = span
            elif DETAILS.search(text):
                details.append(span)
            elif isinstance(child, MdParagraph) and not (text.rstrip().endswith(":") and isinstance(following, MdList)):
                prose.append(span)
        elif isinstance(child, MdList):
            list_kind = list_kind or ("ordered" if child.ordered else "bullet")
            for item in child.items:
                span = writer.item(item, "\n", with_label=True)
                if span is None:
                    continue
                items.append(span)
                blocks.append(Block(span, item=True))
                text = item.inline.full_text if item.inline is not None else ""
                if GOAL.match(text) and goal is None:
                    goal = span
                elif DETAILS.search(text):
                    details.append(span)
                else:
                    bullets.append(span)
    if title is None:
        return
    end = max([title.end] + [block.span.end for block in blocks])
    doc.outline.append(OutlineEntry(title, goal, bullets, prose))
    doc.paragraphs.append(Paragraph(Span(title.start, end), blocks, list_kind, items))


def layout(tree: MdTree, kind: str = "auto") -> Document:
    """Write the tree's prose as a Document of the given (or detected) kind."""
    if kind not in ("intro", "outline", "paragraph"):
        kind = detect_kind(tree)
    source = tree.source
    writer = Writer(source)
    doc = Document(source.path, kind, "", writer.builder.source_map(), source.position(0))
    if kind == "outline":
        _layout_outline(writer, tree.nodes, doc)
    else:
        _layout_prose(writer, tree.nodes, doc, trimming=(kind == "paragraph"))
    for footnote in tree.footnotes:
        span = writer.inline(footnote.inline, "\n\n")
        if span is not None:
            doc.footnotes.append(span)
    doc.text = writer.builder.text()
    doc.source_map = writer.builder.source_map()
    line = min(max(tree.start_line, 1), len(source.line_starts))
    doc.start = source.position(source.offset(line))
    doc.suppressions = list(tree.suppressions)
    doc.problems = list(tree.problems)
    doc.run_in_heads = writer.run_in_heads
    doc.leftovers.extend(writer.leftovers)
    return doc

