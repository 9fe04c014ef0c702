"""A stand-in Markdown reader for rule cases while the real front ends are being written.

Deliberately small: paragraphs by blank lines, lists attached to the paragraph before them,
`[@key]`, `` `code` `` and `$math$` as uncheckable pieces, naive sentence splitting, outline
entries by "Paragraph N" headings, a trimming list after a "trimming" line. Used only when
`sage_introlint.document.load` cannot run yet.
"""

from __future__ import annotations

import re

from sage_introlint.document.model import (Block, Document, OutlineEntry, Paragraph, Sentence, Source, Span,
                                           TextBuilder)

ENTRY = re.compile(r"^(?:#+\s*|[-*]\s+|\d+[.)]\s+)?\**(?:Paragraph|Para\.|P)\s*\d", re.I)
ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+")
UNCHECKED = re.compile(r"\[@[^\]]+\]|`[^`]+`|\$[^$]+\$|https?://\S+")
SPLIT = re.compile(r"(?<=[.!?])[\"”)]*\s+(?=[A-Z(\[\"“])")
ABBREV = re.compile(r"(?:\be\.g|\bi\.e|\bet al|\bvs|\bcf|\bFig|\bSec|\bEq)\.$")


def _write(builder: TextBuilder, source: Source, start: int, end: int) -> None:
    cursor = start
    for match in UNCHECKED.finditer(source.text, start, end):
        builder.literal(source, cursor, match.start())
        text = "[1]" if match.group().startswith("[@") else match.group().strip("`$")
        builder.replace(text, source, match.start(), match.end(), checkable=False)
        cursor = match.end()
    builder.literal(source, cursor, end)


def _sentences(text: str, span: Span) -> list[Sentence]:
    result, start = [], span.start
    for match in SPLIT.finditer(text, span.start, span.end):
        if ABBREV.search(text[start:match.start()]):
            continue
        result.append(Sentence(start, match.start()))
        start = match.end()
    if text[start:span.end].strip():
        result.append(Sentence(start, span.end))
    return result


def parse(source: Source, kind: str = "auto") -> Document:
    lines = source.text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    blocks: list[list[int]] = []  # groups of line numbers (0-based)
    headings: list[int] = []
    current: list[int] = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<!--"):
            if current:
                blocks.append(current)
                current = []
            if stripped.startswith("#"):
                headings.append(number)
            continue
        current.append(number)
    if current:
        blocks.append(current)
    builder = TextBuilder()
    start = source.position(0)
    for number in headings:
        if "introduction" in lines[number].lower():
            start = source.position(offsets[number] + len(lines[number]) - len(lines[number].lstrip()))
    entries_lines = [n for n, l in enumerate(lines) if ENTRY.match(l.strip())]
    if kind == "auto":
        kind = "outline" if len(entries_lines) >= 2 else ("paragraph" if sum(
            1 for b in blocks if not ITEM.match(lines[b[0]])) == 1 else "intro")

    def add_span(line_numbers: list[int], strip_marker: bool) -> Span:
        if builder.length:
            builder.replace("\n\n", source, offsets[line_numbers[0]], offsets[line_numbers[0]])
        begin = builder.length
        for index, n in enumerate(line_numbers):
            s = offsets[n] + len(lines[n]) - len(lines[n].lstrip())
            marker = ITEM.match(lines[n]) if strip_marker else None
            if marker:
                s = offsets[n] + marker.end()
            if index:
                builder.literal(source, offsets[n] - 1, offsets[n])
            _write(builder, source, s, offsets[n] + len(lines[n]))
        return Span(begin, builder.length)

    doc_paragraphs: list[Paragraph] = []
    outline: list[OutlineEntry] = []
    trimming = None
    details = None
    in_trimming = False
    for block in blocks:
        first = lines[block[0]]
        is_list = bool(ITEM.match(first))
        if kind == "outline":
            for n in block:
                text = lines[n].strip()
                span = add_span([n], True)
                if ENTRY.match(text) or (not outline):
                    outline.append(OutlineEntry(span, None, [], []))
                elif re.match(r"\**(goal|purpose)", text.lstrip("-* "), re.I):
                    outline[-1].goal = span
                elif re.search(r"details? needed|need .*details", text, re.I):
                    details = span
                elif ITEM.match(lines[n]):
                    outline[-1].bullets.append(span)
                else:
                    outline[-1].prose.extend(_sentences(builder.text(), span))
            continue
        for n in headings:
            if n < block[0] and "trimming" in lines[n].lower():
                in_trimming = True
        if kind == "paragraph" and not is_list and "trimming" in first.lower():
            in_trimming = True
            continue
        if is_list and in_trimming:
            trimming = [add_span([n], True) for n in block]
            continue
        if is_list and doc_paragraphs:
            items = []
            groups, cur = [], []
            for n in block:
                if ITEM.match(lines[n]) and cur:
                    groups.append(cur)
                    cur = []
                cur.append(n)
            groups.append(cur)
            paragraph = doc_paragraphs[-1]
            for g in groups:
                span = add_span(g, True)
                items.append(span)
                paragraph.blocks.append(Block(span, item=True))
            paragraph.items = items
            paragraph.list_kind = "ordered" if re.match(r"\s*\d", first) else "bullet"
            paragraph.span = Span(paragraph.span.start, items[-1].end)
            continue
        span = add_span(block, is_list)
        doc_paragraphs.append(Paragraph(span, [Block(span)]))
    text = builder.text()
    for paragraph in doc_paragraphs:
        paragraph.sentences = [s for b in paragraph.blocks for s in (_sentences(text, b.span) or [Sentence(b.span.start, b.span.end)])]
    doc = Document(source.path, kind, text, builder.source_map(), start, doc_paragraphs,
                   outline=outline, trimming=trimming, details_note=details)
    return doc
