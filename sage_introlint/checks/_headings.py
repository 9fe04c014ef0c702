"""Headings in the source files of a document: the front ends keep them out of the prose.

A word list can ask to be searched in headings too (`headings: true`): a heading marked
`(draft)` is a left-over like a TODO. Markdown ATX headings (`## Title`) and the arguments of
LaTeX sectioning commands (`\\section{Title}`, `\\paragraph*{Title}`) outside comments count.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document.model import Document, Source

MARKDOWN = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<title>[^\n]*?)[ \t#]*$", re.M)
LATEX = re.compile(r"\\(?:part|chapter|(?:sub){0,2}section|(?:sub)?paragraph)\*?(?:\[[^\]\n]*\])?\{(?P<title>[^{}\n]*)\}")


def sources(doc: Document) -> list[Source]:
    """The source files whose text is in the document, in first-use order."""
    seen: dict[int, Source] = {}
    for piece in doc.source_map.pieces:
        seen.setdefault(id(piece.source), piece.source)
    return list(seen.values())


def headings(doc: Document) -> Iterator[tuple[Source, int, int]]:
    """(source, start, end) of every heading title in the document's files."""
    for source in sources(doc):
        pattern = LATEX if source.path.endswith((".tex", ".ltx", ".latex")) else MARKDOWN
        for match in pattern.finditer(source.text):
            line_start = source.text.rfind("\n", 0, match.start()) + 1
            if pattern is LATEX and re.search(r"(?<!\\)%", source.text[line_start:match.start()]):
                continue  # commented out
            yield source, match.start("title"), match.end("title")
