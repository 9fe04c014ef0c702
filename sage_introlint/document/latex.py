"""LaTeX front end: pylatexenc nodes -> Document (prose, paragraphs, lists, footnotes, \\input).

The walker writes every piece of prose through a `TextBuilder`, so each plain character knows
the file, line and column it came from, also across `\\input` files. pylatexenc parses in
tolerant mode; what it could not close (an environment, a brace, a `$`) becomes a `Problem` at
the opening position and its contents are still read as prose, so nothing after a defect is lost.
"""


from __future__ import annotations

from .bare_headings import drop_bare_headings
from .latex_files import Files
from .latex_kinds import with_kind
from .latex_main_file import main_preamble_texts
from .latex_macros import LIST_BEGIN, LIST_END, NOTE, MacroTable, macro_files_beside, read_quietly
from .latex_parse import document_body, is_macro, last_group, parse_nodes, plain_words, raw_inside
from .latex_tables import HEADING_LEVELS, INCLUDES
from .latex_walker import Walker
from .model import Document, Source
from .source import is_introduction_title

__all__ = ["INCLUDES", "heading_of", "parse_latex", "parse_nodes", "prose_document", "read_items"]


def parse_latex(source: Source, base_dir: str, note_macros=(), list_macros=(), kind: str = "auto") -> Document:
    """Read a LaTeX file (and what it `\\input`s) into a Document; never raises on bad input.

    `kind` is "auto" (an Introduction unless the file reads as an outline or a paragraph answer:
    `latex_kinds`) or the kind to read it as.

    `note_macros` and `list_macros` are names from the config (`latex:` section) for macros
    whose definitions are not in reach: notes to co-authors, and list environments or macros.
    """
    files, top = read_items(source, base_dir, note_macros, list_macros)
    heading, body = _introduction_scope(top)
    walker = Walker(files)
    walker.walk_items(body)
    start = heading[0].position(heading[1].pos) if heading else source.position(0)
    prose = walker.finish()
    return with_kind(prose_document(files, prose, start), prose, source, kind, headed=heading is not None)


def read_items(source: Source, base_dir: str, note_macros=(), list_macros=()) -> tuple[Files, list[tuple[Source, object]]]:
    """The file's top-level nodes (inside `\\begin{document}`), `\\input` files spliced in.

    `files.macros` then holds the author macros: those of a macro file beside the file, of the
    preamble of the main file that includes it, of the file and of what it includes, and the
    config's names.
    """
    macros = MacroTable.empty()
    for path in macro_files_beside(source.path, base_dir):
        macros.read(read_quietly(path))
    if "\\documentclass" not in source.text:  # a section file: its main file's preamble holds too
        for text in main_preamble_texts(source.path):
            macros.read(text)
    files = Files(source, base_dir, macros=macros)
    nodes = files.parse(source)
    body = document_body(nodes)
    if body is not nodes:
        _preamble_macros(files, source, nodes)
    items = files.flatten(source, body)
    macros.add_names(note_macros, NOTE)
    for name in list_macros:
        lowered = name.lower().lstrip("\\")
        macros.add_names([name], LIST_END if lowered.startswith("end") or lowered.endswith("end") else LIST_BEGIN)
    return files, items


def prose_document(files: Files, prose, start, kind: str = "intro") -> Document:
    """The Document of walked prose (paper mode walks each section with its own Walker)."""
    return Document(
        path=files.top.path,
        kind=kind,
        text=prose.out.text(),
        source_map=prose.out.source_map(),
        start=start,
        paragraphs=drop_bare_headings(prose.paragraphs, prose.out.text()),
        footnotes=prose.footnotes,
        suppressions=files.suppressions,
        problems=files.problems,
        leftovers=prose.leftovers,
        run_in_heads=prose.run_in_heads,
        spelled_out=prose.spelled_out,
    )


def _preamble_macros(files: Files, source: Source, nodes: list) -> None:
    """Read the author macros of the files the preamble `\\input`s (`\\include{common}`): their
    definitions hold for the whole paper. A preamble file that cannot be found is not reported
    here (a style file may live elsewhere); only its macros are missed."""
    for node in nodes:
        if is_macro(node, INCLUDES) and (group := last_group(node)) is not None:
            located = files._locate(source, raw_inside(source, group).strip())
            if located.path is not None and not located.problem:
                files.macros.read(read_quietly(located.path))


def heading_of(item) -> tuple[int, str] | None:
    """(level, title) of a sectioning command, or None."""
    node = item[1]
    if not is_macro(node, HEADING_LEVELS):
        return None
    group = last_group(node)
    return HEADING_LEVELS[node.macroname], " ".join(plain_words(group.nodelist if group else []).split())


def _introduction_scope(items: list) -> tuple[tuple[Source, object] | None, list]:
    """From the first Introduction heading to the next heading of the same or higher level.

    A second Introduction right after the first (a draft kept beside its rewrite, as
    `\\section{Introduction-v2}`) is read too: both are the Introduction.
    """
    for index, item in enumerate(items):
        heading = heading_of(item)
        if heading and is_introduction_title(heading[1]):
            body = []
            for later in items[index + 1 :]:
                other = heading_of(later)
                if other and other[0] <= heading[0] and not is_introduction_title(other[1]):
                    break
                body.append(later)
            return item, body
    return None, items

