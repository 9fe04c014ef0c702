"""Paper mode: a file (LaTeX through `\\input`/`\\include`, or Markdown) -> its sections.

    from sage_introlint.paper import load_paper
    paper = load_paper(source, base_dir, paper_set)        # paper_set: specs.PaperSet
    for section in paper.sections:                         # known sections, in paper order
        section.name      # "abstract", "introduction", "related-work", "system", "experiments"
        section.title     # the heading as written ("3 System Design"); "" when there is none
        section.heading   # Position of the heading (line 1 of the file when there is none)
        section.pack      # the pack (name or file) that checks it
        section.doc       # its Document: prose, paragraphs, sentences; doc.start == heading,
                          # doc.section == name, doc.divisions (subsections, run-in heads),
                          # doc.figures (figures and tables with caption/reference facts)
    paper.section("system")                                # one section, or None
    paper.problems                                         # input problems, once per paper

Sections are found by their headings (see `specs` and `plan`); a file with no known heading is
the set's default section (the Introduction), so a file holding only an Introduction reads
exactly as before paper mode. Other sections after the first known one (Background, Conclusion,
...) are the set's fallback section, `other`, one Section each (not checked when a set has none).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import reads_as_latex, without_nul
from ..document.model import Document, Position, Problem, Source
from .specs import PaperSet, SectionSpec


@dataclass
class Section:
    """One known section of a paper and the Document its pack checks."""

    name: str
    title: str
    heading: Position
    pack: str
    doc: Document


@dataclass
class Paper:
    path: str
    sections: list[Section] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    left_out: list = field(default_factory=list)  # plan.Mark of each section the set does not check

    def section(self, name: str) -> Section | None:
        return next((section for section in self.sections if section.name == name), None)


def load_paper(source: Source, base_dir: str, paper: PaperSet, section: str | None = None,
               kind: str | None = None, latex: dict | None = None, read_nodes=None) -> Paper:
    """Split `source` into its sections and segment each one's sentences.

    `section` forces the whole file to be that section (a file holding one section without a
    heading); `kind` is the document kind for a section whose spec says `auto` (the
    Introduction: intro, outline or paragraph; None or "auto" detects it). `latex` is the
    config's `latex:` section (note and list macros whose definitions are out of reach).
    `read_nodes` reads a Markdown source (default `markdown.read_nodes`; the editor's re-reads
    only the block an edit changed, document/reread.py).
    """
    from ..document import sentences

    forced: SectionSpec | None = paper.spec(section) if section else None
    source = without_nul(source)
    if reads_as_latex(source.path, source.text):
        from .latex import sections

        problems, found, left = sections(source, base_dir, paper, forced, kind, latex or {})
    else:
        from .markdown import sections

        problems, found, left = sections(source, paper, forced, kind, read_nodes)
    result = Paper(source.path, problems=list(problems), left_out=left)
    earlier: list[str] = []
    for spec, title, heading, doc in found:
        doc.section = spec.name
        doc.earlier = "\n\n".join(earlier)
        earlier.append(doc.text)
        sentences.segment(doc)
        result.sections.append(Section(spec.name, title, heading, spec.pack, doc))
    for number, section in enumerate(result.sections):
        section.doc.later = "\n\n".join(earlier[number + 1:])
    return result
