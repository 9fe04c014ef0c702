"""LaTeX front end: pylatexenc nodes -> Document (prose, paragraphs, lists, footnotes, \\input).

The walker writes every piece of prose through a `TextBuilder`, so each plain character knows
the file, line and column it came from, also across `\\input` files. pylatexenc parses in
tolerant mode; what it could not close (an environment, a brace, a `$`) becomes a `Problem` at
the opening position and its contents are still read as prose, so nothing after a defect is lost.
"""


from __future__ import annotations

from .latex_files import Files
from .latex_parse import document_body, is_macro, last_group, parse_nodes, plain_words
from .latex_tables import HEADING_LEVELS, INCLUDES
from .latex_walker import Walker
from .model import Document, Source
from . import is_introduction_title

__all__ = ["INCLUDES", "heading_of", "parse_latex", "parse_nodes", "prose_document", "read_items"]


def parse_latex(source: Source, base_dir: str) -> Document:
    """Read a LaTeX file (and what it `\\input`s) into an intro Document; never raises on bad input."""
    files, top = read_items(source, base_dir)
    heading, body = _introduction_scope(top)
    walker = Walker(files)
    walker.walk_items(body)
    start = heading[0].position(heading[1].pos) if heading else source.position(0)
    return prose_document(files, walker.finish(), start)


def read_items(source: Source, base_dir: str) -> tuple[Files, list[tuple[Source, object]]]:
    """The file's top-level nodes (inside `\\begin{document}`), `\\input` files spliced in."""
    files = Files(source, base_dir)
    return files, files.flatten(source, document_body(files.parse(source)))


def prose_document(files: Files, prose, start, kind: str = "intro") -> Document:
    """The Document of walked prose (paper mode walks each section with its own Walker)."""
    return Document(
        path=files.top.path,
        kind=kind,
        text=prose.out.text(),
        source_map=prose.out.source_map(),
        start=start,
        paragraphs=prose.paragraphs,
        footnotes=prose.footnotes,
        suppressions=files.suppressions,
        problems=files.problems,
    )



def heading_of(item) -> tuple[int, str] | None:
    """(level, title) of a sectioning command, or None."""
    node = item[1]
    if not is_macro(node, HEADING_LEVELS):
        return None
    group = last_group(node)
    return HEADING_LEVELS[node.macroname], " ".join(plain_words(group.nodelist if group else []).split())


def _introduction_scope(items: list) -> tuple[tuple[Source, object] | None, list]:
    """From the first Introduction heading to the next heading of the same or higher level."""
    for index, item in enumerate(items):
        heading = heading_of(item)
        if heading and is_introduction_title(heading[1]):
            body = []
            for later in items[index + 1 :]:
                other = heading_of(later)
                if other and other[0] <= heading[0]:
                    break
                body.append(later)
            return item, body
    return None, items

