"""Numbers about a document for `introlint stats`: per paragraph, and coverage of the pack's groups.

Mentions and words are counted with the check kinds' own matching (`checks._text`), so a member
that `stats` shows as covered is one the `coverage` check would not report.
"""

from __future__ import annotations

from .document.model import Document, Span


def group_mentions(doc: Document, group: dict, span: Span | None = None) -> dict[str, int]:
    """Member name -> how often the member (any of its systems or terms) is mentioned in `span`."""
    from .checks._text import mention_counts

    return {member["name"]: count for member, count in mention_counts(None, group, doc, span)}


def paragraph_rows(doc: Document, groups: dict) -> list[dict]:
    """One row per paragraph: first line, opening words, sentences, words, grade, members named."""
    from .checks._text import excerpt, words
    from .checks.readability import grade

    rows = []
    for number, paragraph in enumerate(doc.paragraphs, 1):
        position = doc.position(paragraph.span.start)
        count = len(words(doc, paragraph.span))
        row = {
            "paragraph": number,
            "path": position.path,
            "line": position.line,
            "text": excerpt(doc, paragraph.span, 40),
            "sentences": len(paragraph.sentences),
            "words": count,
            "grade": round(grade(doc, paragraph.span, len(paragraph.sentences) or None), 1) if count else None,
        }
        for name, group in groups.items():
            row[name] = [member for member, hits in group_mentions(doc, group, paragraph.span).items() if hits]
        rows.append(row)
    return rows


def coverage(doc: Document, groups: dict) -> dict:
    """Group name -> title, members mentioned anywhere in the document, and members never mentioned."""
    result = {}
    for name, group in groups.items():
        counts = group_mentions(doc, group)
        result[name] = {
            "title": group.get("title", name),
            "mentions": counts,
            "covered": [member for member, hits in counts.items() if hits],
            "missing": [member for member, hits in counts.items() if not hits],
        }
    return result
