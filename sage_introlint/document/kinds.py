"""Document kinds (intro / outline / paragraph): detection and the structure each kind needs.

Detection (here) reads the Markdown block tree (`markdown_nodes.MdTree`); `layout` then writes the prose
through a `TextBuilder` and fills the kind's structure:
- `outline` (prompt 2.1): entries that name a paragraph ("Paragraph 2", "Para. 2", "P2") as a
  heading, a fully emphasised line, a paragraph's run-in label or a list item, each followed by
  bullets. Every entry becomes
  an `OutlineEntry` and a `Paragraph` (title and prose blocks, then its list items as item blocks).
  Heading text is written into the plain text so entry titles are spans.
- `paragraph` (prompt 2.2): exactly one prose paragraph, optionally headings before it and a
  trimming section (heading or short lead-in naming trimming, then a list) after it. The trimming
  items are plain text but not part of the paragraph. A trimming lead-in with no list is itself
  the one trimming suggestion.
- `intro`: everything else. Paragraphs own the list that directly follows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markdown_nodes import Inline, MdHeading, MdItem, MdList, MdNode, MdOther, MdParagraph, MdTree

ENTRY_TITLE = re.compile(
    r"^[\W_]*(?:paragraph|para\.?|p\.?)\s*(?:\d+|[ivx]+|one|two|three|four|five|six)\b(?![-/])", re.IGNORECASE
)
GOAL = re.compile(r"^[\W_]*(?:goal|purpose|aim)s?\b\s*(?:of (?:the|this) paragraph\s*)?[:.\u2014\u2013-]", re.IGNORECASE)
DETAILS = re.compile(  # searched in every paragraph: the lookahead lets most places fail at once
    r"(?=[dimnoqt\[])(?:details?\s+(?:needed|required|missing|i need|we need|to (?:confirm|fill))"
    r"|need(?:ed)? from (?:you|the authors|us)|open questions|questions for (?:you|the authors)"
    r"|information (?:needed|required|i need|we need)|\[\s*needs?\b|todo for (?:the )?authors"
    r"|(?:input|details|information) (?:needed|requested) from|missing (?:details|information))",
    re.IGNORECASE,
)
TRIMMING = re.compile(
    r"\btrim(?:ming|med)?\b|could be (?:dropped|removed|cut|omitted|shortened)"
    r"|can be (?:dropped|removed|cut|omitted)|if space is tight|candidates? for (?:removal|cutting)"
    r"|possible cuts|to shorten|optional sentences",
    re.IGNORECASE,
)
ECHO = re.compile(
    r"^\W*(?:(?:the\s+)?(?:outline|prompt|bullet[- ]points?|notes?|input)\s+(?:used|given|provided|pasted)\b"
    r"|\[\s*(?:PASTE|INSERT)\b)",
    re.IGNORECASE,
)
LEAD_IN_WORDS = 25  # a trimming lead-in is a short line, not a prose paragraph that mentions trimming
# A chat answer's preface naming the paragraph it answers ("Here is paragraph 4, written from
# your outline.", "Below is a draft of Paragraph 2:"): a title, not prose.
PREFACE = re.compile(r"\b(?:paragraph|para\.?)\s*(?:\d+|[ivx]+|one|two|three|four|five|six)\b", re.IGNORECASE)


# --- detection --------------------------------------------------------------------------------


def _words(inline: Inline | None) -> int:
    return len(inline.full_text.split()) if inline is not None else 0


def is_trimming_lead(node: MdNode) -> bool:
    """A short line about trimming, or any line under a run-in label such as
    `**Possible trimming points:**` (the label says what follows, however long it is)."""
    if isinstance(node, (MdHeading, MdParagraph)):
        if node.inline.label and TRIMMING.search(node.inline.label):
            return True
        return _words(node.inline) <= LEAD_IN_WORDS and bool(TRIMMING.search(node.inline.full_text))
    return False


def is_answer_preface(node: MdNode) -> bool:
    """A short line naming the paragraph the answer below it writes (`PREFACE`)."""
    return (isinstance(node, MdParagraph) and _words(node.inline) <= LEAD_IN_WORDS // 2
            and bool(PREFACE.search(node.inline.full_text)) and node.inline.full_text.rstrip().endswith((".", ":")))


def transparent(node: MdNode) -> bool:
    return isinstance(node, MdOther) and node.comment_only


def is_echo(node: MdNode) -> bool:
    """A line of the prompt pasted back after the answer ("Outline used for this paragraph:
    [PASTE ...]"): a left-over, not a second paragraph."""
    return isinstance(node, MdParagraph) and bool(ECHO.match(node.inline.full_text))



@dataclass
class Entry:
    title: Inline
    title_from_label: bool
    nodes: list[MdNode] = field(default_factory=list)  # heading entries: what follows the heading
    item: MdItem | None = None  # item entries: the item itself

    def has_bullets(self) -> bool:
        if self.item is not None:
            return any(isinstance(child, MdList) and child.items for child in self.item.children)
        return any(isinstance(node, MdList) and node.items for node in self.nodes)


def names_paragraph(inline: Inline | None) -> bool:
    """Does a title name a paragraph of the Introduction ("Paragraph 2", "Para. 2", "P2")?"""
    return inline is not None and bool(ENTRY_TITLE.match(inline.full_text))


def _is_run_in_entry(node: MdNode) -> bool:
    """A paragraph whose run-in label names a paragraph of the Introduction (`**P1 — Context.**`)."""
    return isinstance(node, MdParagraph) and bool(node.inline.label) and bool(ENTRY_TITLE.match(node.inline.label))


def _entry_end(nodes: list[MdNode], index: int) -> int:
    """Where the entry that starts at nodes[index] ends: a heading entry at the next heading of its
    level or one naming a paragraph; a run-in entry at any heading or the next run-in entry."""
    node, end = nodes[index], index + 1
    while end < len(nodes):
        other = nodes[end]
        if isinstance(node, MdHeading):
            if isinstance(other, MdHeading) and (other.level <= node.level or names_paragraph(other.inline)):
                break
        elif isinstance(other, MdHeading) or _is_run_in_entry(other):
            break
        end += 1
    return end


def outline_entries(nodes: list[MdNode]) -> tuple[list[Entry], list[tuple[int, Entry]]]:
    """Entries (in order) and, for heading entries, the node index where each starts."""
    entries: list[Entry] = []
    starts: list[tuple[int, Entry]] = []
    index = 0
    while index < len(nodes):
        node = nodes[index]
        heading = isinstance(node, MdHeading) and names_paragraph(node.inline)
        if heading or _is_run_in_entry(node):  # "## Paragraph 2" or "**P2 — Challenges.** Goal: ..."
            end = _entry_end(nodes, index)
            entry = Entry(node.inline, not heading, nodes=nodes[index + 1 : end])
            entries.append(entry)
            starts.append((index, entry))
            index = end
            continue
        if isinstance(node, MdList):
            for item in node.items:
                if names_paragraph(item.inline):
                    entries.append(Entry(item.inline, bool(item.inline.label), item=item))
        index += 1
    return entries, starts


def is_outline(nodes: list[MdNode]) -> bool:
    entries, _ = outline_entries(nodes)
    return sum(1 for entry in entries if entry.has_bullets()) >= 2


def is_paragraph_answer(nodes: list[MdNode]) -> bool:
    """Exactly one prose paragraph; headings before it; lists only after a trimming lead-in."""
    prose = 0
    after_trimming_lead = False
    for node in nodes:
        if transparent(node) or (isinstance(node, MdParagraph) and not node.inline.full_text.strip()):
            continue
        if is_echo(node) and prose == 1:
            continue
        if prose == 0 and is_answer_preface(node):
            continue
        if is_trimming_lead(node) and prose == 1:
            after_trimming_lead = True
        elif isinstance(node, MdHeading):
            if prose:
                return False
        elif isinstance(node, MdParagraph):
            prose += 1
            if prose > 1 or after_trimming_lead:
                return False
        elif isinstance(node, MdList):
            if not after_trimming_lead:
                return False
        else:
            return False
    return prose == 1


def detect_kind(tree: MdTree) -> str:
    if is_outline(tree.nodes):
        return "outline"
    if is_paragraph_answer(tree.nodes):
        return "paragraph"
    return "intro"

