"""Re-read only the edited Markdown block: the editor's re-check after a keystroke.

`MarkdownReads` keeps, per file, the last read of its text (`markdown.read_nodes`: the reader,
the top-level block nodes, the first line after the front matter). For a new text of the same
file it finds what changed (the common prefix and suffix); when the change lies inside one
block of lines between blank lines and can change neither the block structure nor anything
read across blocks, markdown-it parses that block alone and its node takes the old one's
place, every later node's source offsets moved by the change in length. Anything else is a
full read, so the result is always what `read_nodes` gives for the new text.

Why the splice equals a full read (tests/test_incremental.py edits at random and compares):
- every line of the block, before and after the edit, is plain prose: it starts with no white
  space and with nothing that opens or interrupts a block (heading, list marker, quote, fence,
  html, table, `$$`, a LaTeX list, a pandoc lettered item, a kramdown-rfc `--- abstract`, a
  MyST `(label)=`, a setext underline, a rule, a link or footnote definition; no file with a
  Quarto/MyST `:::` div is spliced),
  and the block holds no `|` (table rows) and no `<` (html, comments that suppress rules):
  before and after, the block is one paragraph ending at the same blank lines, and it opens
  nothing that runs into the next block;
- the number of lines is unchanged, so every other node keeps its lines (the problems and
  suppressions found elsewhere hold lines, not offsets);
- the file defines no link reference or footnote: inline parsing reads nothing across blocks.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import re

from ..bounded import BoundedCache
from . import markdown
from .markdown_glyph_lists import GLYPH_BULLET
from .markdown_nodes import Chunk, Inline, MdHeading, MdItem, MdList, MdParagraph
from .markdown_pandoc import KRAMDOWN_MARK, LETTER_ITEM, MYST_TARGET
from .model import Source
from .textdiff import changed_range

# A line that can only continue a paragraph: its first character opens no block.
PLAIN_START = re.compile(r"[^\s#>`~<|\[!$\\:%{]")
MARKER_LIKE = "*+-_="  # a list marker followed by a space, a rule or a setext underline; else emphasis or a word
ORDERED_MARKER = re.compile(r"\d{1,9}[.)](?:\s|$)")
DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.MULTILINE)
PARAGRAPH_TOKENS = ["paragraph_open", "inline", "paragraph_close"]


class MarkdownReads:
    """The last `read_nodes` of each file's text; a new text is re-read block-wise when it can be."""

    def __init__(self, limit: int = 16):
        self.last: BoundedCache = BoundedCache(limit)  # path -> (text, read)
        self.spliced = self.full = 0  # how each read was made (for tests and the benchmark)

    def read(self, source: Source):
        """`markdown.read_nodes(source)`, from the last read of this file where only a block changed."""
        previous = self.last.get(source.path)
        read = None
        if previous is not None:
            old_source, old_read = previous
            read = old_read if old_source.text == source.text else splice(old_source, old_read, source)
        if read is None:
            read = markdown.read_nodes(source)
            self.full += 1
        else:
            self.spliced += 1
        self.last[source.path] = (source, read)
        return read


def splice(old: Source, read, new: Source):
    """`read` (of `old`) with the one edited block re-read from `new`, or None where that is not
    certain to equal a full read of `new`."""
    reader, nodes, start_line = read
    if len(old.line_starts) != len(new.line_starts) or "\\begin{" in new.text or "\x00" in new.text \
            or ":::" in new.text or ":::" in old.text:  # a Quarto/MyST div can blank a block (markdown_pandoc)
        return None
    first, last = _changed_lines(old.text, new.text, old.line_starts)
    if first is None:
        return None
    block = _block(old, new, first, last)
    if block is None:
        return None
    top, bottom = block  # 0-based lines of the block, inclusive
    if DEFINITION.search(new.text) or DEFINITION.search(old.text):
        return None
    index = next((i for i, node in enumerate(nodes) if getattr(node, "line", None) == top + 1), None)
    if index is None or not _paragraph_like(nodes[index]) or (index + 1 < len(nodes) and nodes[index + 1].line <= bottom + 1):
        return None
    node = _read_block(new, top, bottom)
    if node is None:
        return None
    delta = len(new.text) - len(old.text)
    spliced = nodes[:index] + [node] + [_moved(later, delta) for later in nodes[index + 1:]]
    fresh = copy.copy(reader)
    fresh.source = new
    fresh.suppressions, fresh.problems = list(reader.suppressions), list(reader.problems)
    return fresh, spliced, start_line


def _changed_lines(old: str, new: str, line_starts: list[int]):
    """(first, last) 0-based lines of `old` that the edit touches, or (None, None)."""
    changed = changed_range(old, new)
    if changed is None:
        return None, None
    prefix, end, _ = changed  # old[prefix:end] became new[prefix:...]
    first = bisect.bisect_right(line_starts, prefix) - 1
    last = bisect.bisect_right(line_starts, max(end - 1, prefix)) - 1
    return first, last


def _block(old: Source, new: Source, first: int, last: int):
    """(top, bottom): the lines between blank lines around [first, last] (0-based), when every
    one of them is plain prose in both texts; else None."""
    def blank(number: int) -> bool:  # 0-based; the same in both texts outside [first, last]
        return not old.line_text(number + 1).strip()

    top, bottom = first, last
    while top > 0 and not blank(top - 1):
        top -= 1
    while bottom + 1 < len(old.line_starts) and not blank(bottom + 1):
        bottom += 1
    for number in range(top, bottom + 1):
        if not (_plain(old.line_text(number + 1)) and _plain(new.line_text(number + 1))):
            return None
    return top, bottom


def _plain(line: str) -> bool:
    """Can this line only continue a paragraph (see the module's docstring)?"""
    if not line or not PLAIN_START.match(line) or "|" in line or "<" in line or "[^" in line:
        return False
    # `a. first`, `--- abstract`, `(label)=` (markdown_pandoc); `●<tab>item` (markdown_glyph_lists)
    if LETTER_ITEM.match(line) or KRAMDOWN_MARK.match(line) or MYST_TARGET.match(line) or GLYPH_BULLET.match(line):
        return False
    if line[0] in MARKER_LIKE:
        return line[1:2] not in ("", " ", "\t") and not set(line) <= set(MARKER_LIKE + " \t")
    return not (line[0].isdigit() and ORDERED_MARKER.match(line))


def _paragraph_like(node) -> bool:
    return isinstance(node, MdParagraph) or (isinstance(node, MdHeading) and node.level == 7)


def _read_block(source: Source, top: int, bottom: int):
    """The node of lines top..bottom of `source` read alone, or None when they are not exactly
    one paragraph that left nothing else behind."""
    text = source.text[source.line_starts[top]:source.line_starts[bottom + 1] - 1
                       if bottom + 1 < len(source.line_starts) else len(source.text)]
    tokens = markdown.parser().parse(text)
    if [token.type for token in tokens] != PARAGRAPH_TOKENS:
        return None
    reader = markdown._TreeReader(source)
    found, unclosed = reader.read(tokens, top)
    if len(found) != 1 or unclosed is not None or reader.problems or reader.suppressions \
            or reader.footnotes or reader.referenced_footnotes or not _paragraph_like(found[0]):
        return None
    return found[0]


def _moved_chunks(chunks: list[Chunk], delta: int) -> list[Chunk]:
    return [Chunk(c.text, c.src_start + delta, c.src_end + delta, c.literal, c.checkable) for c in chunks]


def _moved_inline(inline: Inline | None, delta: int) -> Inline | None:
    if inline is None:
        return None
    # its notes (left-overs) hold lines and columns, which an edit of another line keeps
    return dataclasses.replace(inline, chunks=_moved_chunks(inline.chunks, delta),
                               label_chunks=_moved_chunks(inline.label_chunks, delta))


def _moved(node, delta: int):
    """`node` with every source offset moved by `delta` (its lines stay)."""
    if not delta:
        return node
    if isinstance(node, MdParagraph):
        return MdParagraph(_moved_inline(node.inline, delta))
    if isinstance(node, MdHeading):
        return MdHeading(node.level, _moved_inline(node.inline, delta))
    if isinstance(node, MdList):
        return MdList(node.ordered, [MdItem(_moved_inline(item.inline, delta), [_moved(child, delta) for child in item.children],
                                            item.line) for item in node.items], node.line)
    return node  # MdOther: a line only
