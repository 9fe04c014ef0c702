"""pandoc's (and kramdown-rfc's) Markdown beyond CommonMark, rewritten line by line before
markdown-it reads the file.

Papers written for pandoc (R Markdown, Quarto, JOSS, plain `pandoc paper.md`) use two block
forms CommonMark does not know, and markdown-it would read both as prose:

- grid tables (`+----+----+` rules, `| cell | cell |` rows): the cells would read as one long
  sentence and the table as a paragraph. Its lines become blank lines of the same length.
- table captions (`: Caption`, `Table: Caption`, a paragraph right before or after a grid or
  pipe table): a caption is no prose, as a LaTeX table's is not; blanked.
- auto-numbered items (`#. first`, pandoc's `fancy_lists`) are numbered items.
- lettered lists (`a. first`, `b) second`, `(a) first`, pandoc's `fancy_lists`): the items
  would read as one paragraph after the lead-in. Each marker becomes a numeric one of the same
  length (`a.` -> `1.`, `(b)` -> `2) `), so the items are items of the list that follows the
  lead-in, as pandoc reads them.

MkDocs sites (`docs/paper/*.md`) mark admonitions `!!! note "Title"` / `??? tip` over an indented
body: the marker line is blanked, so it is no sentence and `???` no placeholder. GitHub's alerts
(`> [!NOTE]` alone on the first line of a blockquote) keep their note as prose, without the marker.

Quarto and MyST (Jupyter Book) add fenced divs and directives, `::: {.callout-note}` ...
`:::`, `:::{note}`, and MyST's `(label)=` targets: the fence lines and targets are no prose
(blanked; the div's own text stays prose, as readers see a callout), and a div that holds a
figure or table (`::: {#fig-path}`, `:::{figure} path.png`, `:::{table}`) is blanked whole,
caption included, as a LaTeX figure is.

IETF drafts written for kramdown-rfc mark their parts with lines of their own after the front
matter: `--- abstract` opens the abstract (it becomes an `# Abstract` heading of the same
length), `--- middle` and `--- back` close the part before them (blank lines; the middle has
its own headings, the back its appendices).

Every offset, line and column is unchanged: findings still point at the source. A heading's
pandoc attributes (`# Introduction {#sec:intro}`) are cut from its words after parsing.
"""

from __future__ import annotations

import re

from .markdown_nodes import Chunk

GRID_RULE = re.compile(r"^[ \t]{0,3}\+(?:[-=:]+\+)+[ \t]*$")
GRID_ROW = re.compile(r"^[ \t]{0,3}[+|]")
PIPE_ROW = re.compile(r"^[ \t]{0,3}\|.*\|[ \t]*$")
CAPTION = re.compile(r"^[ \t]{0,3}(?:[Tt]able)?:(?!:)[ \t]*\S")  # pandoc's `: Caption`, `Table: Caption`
# `a. `, `b) `, `(c) `: a lowercase letter as a list marker, then text; a-i only (a numeric
# marker of the same length exists for nine items)
LETTER_ITEM = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<open>\(?)(?P<letter>[a-i])(?P<close>[.)])(?=[ \t]+\S)")


# pandoc attributes right after an image (`{#fig:x .wide width=\\columnwidth}`), where the attrs
# plugin reads only values it knows (a backslash in an unquoted value stops it); R Markdown and
# Quarto keys have dots (`fig.pos="h"`, `out.width=50%`)
_ATTRIBUTE = r"(?:[#.][^\s{}]+|[\w.:-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}]+))"
PANDOC_ATTRIBUTES = re.compile(r"\{[ \t]*%s(?:[ \t]+%s)*[ \t]*\}" % (_ATTRIBUTE, _ATTRIBUTE))
# `::: {#fig-x .class}`, `:::{note}`, `::::: columns`, `:::` (a closing fence); MyST's `(label)=`
DIV_FENCE = re.compile(r"^ {0,3}(?P<colons>:{3,})[ \t]*(?P<info>\{[^{}\n]*\}[^\n]*|[\w.-]+[ \t]*)?$")
FIGURE_DIV = re.compile(r"\{\s*(?:#(?:fig|tbl)-|(?:figure|table|code-cell|code-block|math)\})")
# MyST's `(label)=` target, or an AsciiDoc block anchor (`[[sec-intro]]`, `[[intro,Introduction]]`)
# alone on its line: a name for the block below, no prose
MYST_TARGET = re.compile(r"^(?:\([\w.:-]+\)=|\[\[[\w.:-]+(?:,[^\[\]\n]*)?\]\])[ \t]*$")
DIRECTIVE_OPTION = re.compile(r"^ {0,3}:[\w-]+:(?:[ \t].*)?$")


# MkDocs (Python-Markdown) admonitions, `!!! note "Title"`, and collapsible ones, `??? tip`,
# `???+ warning`: the marker line, when the body follows indented on the next line
ADMONITION = re.compile(r"^ {0,3}(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+\"[^\"\n]*\")?[ \t]*$")
# GitHub's alerts, a blockquote opened by `> [!NOTE]` (TIP, IMPORTANT, WARNING, CAUTION) alone on
# its line: the marker is no word of the note
ALERT = re.compile(r"^(?P<quote> {0,3}>[ \t]*)\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$", re.I)


def divs_blanked(text: str) -> str:
    """`text` with Quarto/MyST fence lines and targets blanked, figure and table divs blanked
    whole, MkDocs admonition markers blanked (the indented body is then a block of its own, as
    an aside), every line's length kept."""
    if ":::" not in text and ")=" not in text and "[[" not in text and "!!!" not in text and "???" not in text \
            and "[!" not in text:
        return text
    lines, open_divs = text.split("\n"), []  # (index of the opening line, colons, blank whole)
    for index, line in enumerate(lines):
        fence = DIV_FENCE.match(line)
        if ADMONITION.match(line) and index + 1 < len(lines) and lines[index + 1].startswith(("    ", "\t")):
            lines[index] = " " * len(line)
        elif alert := ALERT.match(line):
            lines[index] = alert.group("quote") + " " * (len(line) - alert.end("quote"))
        elif MYST_TARGET.match(line):
            lines[index] = " " * len(line)
        elif fence and fence.group("info"):
            open_divs.append((index, len(fence.group("colons")), bool(FIGURE_DIV.search(fence.group("info")))))
            lines[index] = " " * len(line)
        elif fence and open_divs and len(fence.group("colons")) >= open_divs[-1][1]:
            start, _, whole = open_divs.pop()
            for blank in range(start, index + 1) if whole else (index,):
                lines[blank] = " " * len(lines[blank])
        elif open_divs and DIRECTIVE_OPTION.match(line) and not "".join(lines[open_divs[-1][0] + 1:index]).strip():
            lines[index] = " " * len(line)  # `:name: fig-x` right after a MyST directive's fence
    return "\n".join(lines)


KRAMDOWN_MARK = re.compile(r"^--- (abstract|middle|back)[ \t]*$", re.M)


def kramdown_marks_as_headings(text: str) -> str:
    """`text` with kramdown-rfc's `--- abstract` an Abstract heading, `--- middle`/`--- back` blank."""
    if "\n--- " not in text:
        return text
    return KRAMDOWN_MARK.sub(
        lambda m: ("# Abstract" if m.group(1) == "abstract" else "").ljust(len(m.group(0))), text)


def pandoc_blocks_as_commonmark(text: str) -> str:
    """`text` with grid tables and table captions blanked and lettered lists numbered, every length kept."""
    if "+-" not in text and "+=" not in text and not re.search(r"(?m)^[ \t]{0,3}(?:\(?a[.)][ \t]|#[.)][ \t]|(?:[Tt]able)?:)", text):
        return text
    lines = text.split("\n")
    _blank_table_captions(lines)
    _blank_grid_tables(lines)
    _number_lettered_lists(lines)
    _number_hash_items(lines)
    return "\n".join(lines)


# pandoc's auto-numbered marker (`#. first`, `#) second`; reStructuredText writes it too)
HASH_ITEM = re.compile(r"^(?P<indent>[ \t]{0,3})#(?=[.)][ \t]+\S)")


def _number_hash_items(lines: list[str]) -> None:
    """`#.` items as `1.` items (the same length): markdown-it then reads an ordered list."""
    for index, line in enumerate(lines):
        match = HASH_ITEM.match(line)
        if match:
            lines[index] = match.group("indent") + "1" + line[match.end():]


def _is_table_line(line: str) -> bool:
    return bool(GRID_RULE.match(line) or PIPE_ROW.match(line))


def _blank_table_captions(lines: list[str]) -> None:
    """A caption paragraph right after a table (or one blank line after it), or right before one."""
    for index, line in enumerate(lines):
        if not CAPTION.match(line) or (index and lines[index - 1].strip() and not _is_table_line(lines[index - 1])):
            continue
        end = index
        while end + 1 < len(lines) and lines[end + 1].strip() and not _is_table_line(lines[end + 1]):
            end += 1
        before = index - 1 if index and lines[index - 1].strip() else index - 2
        after = end + 1 if end + 1 < len(lines) and lines[end + 1].strip() else end + 2
        if (before >= 0 and _is_table_line(lines[before])) or (after < len(lines) and _is_table_line(lines[after])):
            for blank in range(index, end + 1):
                lines[blank] = " " * len(lines[blank])


def _blank_grid_tables(lines: list[str]) -> None:
    """A block that opens with a grid rule and holds only rules and rows is a table."""
    index = 0
    while index < len(lines):
        starts_block = index == 0 or not lines[index - 1].strip()
        if starts_block and GRID_RULE.match(lines[index]):
            last = index
            while last + 1 < len(lines) and lines[last + 1].strip() and GRID_ROW.match(lines[last + 1]):
                last += 1
            if GRID_RULE.match(lines[last]):  # a table ends with a rule as it began
                for blank in range(index, last + 1):
                    lines[blank] = " " * len(lines[blank])
                index = last
        index += 1


def _number_lettered_lists(lines: list[str]) -> None:
    """A run of items `a`, `b`, ... (two at least), the first after a blank line, the others
    at the start of a line with the same marker form: each marker made numeric."""
    index = 0
    while index < len(lines):
        first = LETTER_ITEM.match(lines[index])
        if first and first.group("letter") == "a" and (index == 0 or not lines[index - 1].strip()):
            items = _items(lines, index, first)
            if len(items) >= 2:
                for at in items:
                    lines[at] = _numbered(lines[at], LETTER_ITEM.match(lines[at]))
                index = items[-1]
        index += 1


def _items(lines: list[str], start: int, first: re.Match) -> list[int]:
    """Line numbers of the items `a`, `b`, ... of the run starting at `start`."""
    form = (first.group("open"), first.group("close"))
    items, expected = [start], "b"
    for at in range(start + 1, len(lines)):
        match = LETTER_ITEM.match(lines[at])
        if match and (match.group("open"), match.group("close")) == form and match.group("letter") == expected:
            items.append(at)
            expected = chr(ord(expected) + 1)
        elif not lines[at].strip() and at + 1 < len(lines) and LETTER_ITEM.match(lines[at + 1]):
            continue  # a blank line between two items
        elif lines[at].strip() and not LETTER_ITEM.match(lines[at]) and lines[at][:1] in " \t":
            continue  # an item's indented continuation line
        elif lines[at].strip() and not LETTER_ITEM.match(lines[at]) and lines[at - 1].strip():
            continue  # a lazy continuation line of the item before
        else:
            break
    return items


def _numbered(line: str, match: re.Match) -> str:
    """The item's marker as a numeric marker of the same length: `a.` -> `1.`, `(b)` -> `2) `."""
    number = str(ord(match.group("letter")) - ord("a") + 1)
    marker = number + (") " if match.group("open") else match.group("close"))
    return match.group("indent") + marker + line[match.end():]


# pandoc's heading attributes: `# Introduction {#sec:intro}`, `## Appendix {-}`, `{.unnumbered}`
HEADING_ATTRIBUTES = re.compile(r"[ \t]+\{(?:[ \t]*(?:[#.][\w:.-]+|-|[\w.:-]+=(?:\"[^\"\n]*\"|[^\s}]+)))+[ \t]*\}[ \t]*$")


def without_heading_attributes(chunks: list[Chunk]) -> list[Chunk]:
    """A heading's words without the attribute block pandoc reads after them."""
    if not chunks or not chunks[-1].literal:
        return chunks
    last = chunks[-1]
    match = HEADING_ATTRIBUTES.search(last.text)
    if match is None:
        return chunks
    kept = last.text[: match.start()]
    return chunks[:-1] + ([Chunk(kept, last.src_start, last.src_start + len(kept))] if kept else [])


def comments_stay_in_paragraphs(md) -> None:
    """An HTML comment line (`<!-- TODO: cite -->`) inside a paragraph is a note in it, as pandoc
    reads it. CommonMark lets the comment interrupt the paragraph, so a draft with a note on its own
    line had one paragraph split in two (both halves too short, the paragraph count off by one);
    after a blank line a comment is still a block of its own."""
    from markdown_it.rules_block import html_block

    def html_block_or_note(state, start_line: int, end_line: int, silent: bool) -> bool:
        begin = state.bMarks[start_line] + state.tShift[start_line]
        if silent and state.src.startswith("<!--", begin):
            return False  # asked whether it ends the paragraph (or quote) above: it does not
        return html_block(state, start_line, end_line, silent)

    md.block.ruler.at("html_block", html_block_or_note, {"alt": ["paragraph", "reference", "blockquote"]})
