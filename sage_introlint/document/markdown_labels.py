"""Run-in heads of Markdown paragraphs: `**Cost model.** We ...`, `*Goal*: ...`,
`**A soundness proof** (§4). We prove ...`.

A paragraph that opens with emphasis ending in a period or colon (or followed by one, or by a
pointer to its section and then a period) opens with a label: a heading set in the line, not a
sentence of the prose.
"""

from __future__ import annotations

import re

LABEL_END = (".", ":", "\u3002", "\uff1a")  # also a CJK full stop or colon: `**模型难点**。`
# `**A soundness proof** (§4). We prove ...`: a head that points to its section(s), then ends
POINTER_END = re.compile(r"[ \t]*\((?:§+[ \t]*|(?:Sections?|Secs?\.|Sect\.|Chapters?|Appendix)[ \t]+)"
                         r"[\dA-Z]+(?:\.\d+)*(?:[ \t]*(?:[-\u2013\u2014,]|and)[ \t]*§*[ \t]*[\dA-Z]+(?:\.\d+)*)*"
                         r"\)[.:](?=\s|$)")  # also a range or a list: `(§4.1–4.2)`, `(Sections 3 and 4)`


def run_in_label(children) -> int:
    """Number of leading tokens that form a run-in heading (`**Cost model.**`, `*Goal*:`), else 0."""
    if not children or children[0].type not in ("strong_open", "em_open"):
        return 0
    closer = children[0].type.replace("_open", "_close")
    depth = 0
    for index, token in enumerate(children):
        if token.type == children[0].type:
            depth += 1
        elif token.type == closer:
            depth -= 1
            if depth == 0:
                inside = "".join(t.content for t in children[1:index] if t.type in ("text", "text_special")).strip()
                if not inside:
                    return 0
                after = children[index + 1] if index + 1 < len(children) else None
                if inside.endswith(LABEL_END):
                    return index + 1
                if after is not None and after.type == "text" and label_tail(after.content):
                    return index + 1  # the ":" or "." after the closer is stripped with the label
                return 0
    return 0


def label_tail(text: str) -> str:
    """What ends a run-in head after its emphasis: the ":" or "." itself, or a pointer to a
    section and then the period (`** (§4).`); "" when the emphasis runs on into a sentence."""
    if text[:1] in LABEL_END:
        return text[:1]
    match = POINTER_END.match(text)
    return match.group(0) if match and text[match.end():].strip() else ""


SENTENCE_WORDS = 6  # `**Contributions.**` alone is a head; `**We build the cache in user space.**` is prose


def emphasised_sentence(children) -> bool:
    """Is the paragraph one bold span holding a whole sentence (`**We build X in Y for Z.**`)?

    Authors set key claims wholly in bold, one per paragraph; such a paragraph is prose, not a
    label with nothing after it and not a heading. A short span (`**Contributions.**`) stays a head."""
    if len(children) < 3 or children[0].type != "strong_open":
        return False  # a paragraph wholly in italics is a note to the reader (`*Note: verify ...*`)
    depth = 0
    for index, token in enumerate(children):
        depth += (token.type == "strong_open") - (token.type == "strong_close")
        if depth == 0 and index < len(children) - 1:
            return False  # the emphasis closes before the paragraph ends
    inside = "".join(t.content for t in children[1:-1] if t.type in ("text", "text_special", "code_inline"))
    return inside.rstrip().endswith(".") and len(inside.split()) >= SENTENCE_WORDS
