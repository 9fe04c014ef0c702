"""Paper mode's section model: headings -> sections, divisions and figures, through \\input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sage_introlint.config import DEFAULT, configured_rules
from sage_introlint.document import load, read_source
from sage_introlint.engine import Checker, check_document
from sage_introlint.paper import load_paper
from sage_introlint.paper.run import paper_set

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "fixtures" / "paper" / "model"
CORPUS = ROOT.parent / "shared" / "corpus"


def _paper(path: Path, section: str | None = None):
    return load_paper(read_source(str(path)), str(path.parent), paper_set(DEFAULT), section)


def _summary(paper):
    return [(s.name, s.title, s.heading.path.rsplit("/", 1)[-1], s.heading.line, s.heading.column)
            for s in paper.sections]


def test_latex_sections_through_input():
    paper = _paper(MODEL / "main.tex")
    assert _summary(paper) == [
        ("abstract", "", "main.tex", 5, 1),
        ("introduction", "Introduction", "intro.tex", 1, 1),
        ("related-work", "Related Work", "main.tex", 9, 1),
        ("system", "System Overview", "main.tex", 15, 1),
        ("experiments", "Evaluation", "main.tex", 23, 1),
        ("other", "Conclusion", "main.tex", 25, 1),
    ]
    assert paper.section("introduction").doc.kind == "intro"
    assert paper.section("abstract").doc.text == "Modern pipelines are complex. SAGE is seamless!"
    assert paper.section("conclusion") is None  # a section no prompt names is the set's `other`
    assert paper.section("other").doc.text == "We are seamless."


def test_latex_divisions_subsections_paragraphs_run_in_heads_and_grouped_siblings():
    paper = _paper(MODEL / "main.tex")
    related = paper.section("related-work").doc
    assert [(d.title, d.level, d.start.line, d.start.column) for d in related.divisions] == [
        ("LLM Serving Engines", 3, 10, 1), ("Workflow systems", 5, 12, 1), ("Application frameworks", 5, 14, 1)]
    assert related.slice(related.divisions[2].span).strip() == "LangChain chains prompts."
    system = paper.section("system").doc
    assert [(d.title, d.level) for d in system.divisions] == [("System Overview", 2), ("Layered Architecture", 2)]
    assert "Layers text" in system.slice(system.divisions[1].span)
    [figure] = system.figures
    assert (figure.start.line, figure.start.column, figure.label, figure.caption, figure.referenced) == (
        19, 1, "fig:layers", True, True)


def test_markdown_sections_divisions_and_figures():
    paper = _paper(MODEL / "paper.md")
    assert [(s.name, s.heading.line) for s in paper.sections] == [
        ("abstract", 3), ("introduction", 7), ("related-work", 11), ("system", 19), ("experiments", 33),
        ("other", 37)]
    related = paper.section("related-work").doc
    assert [(d.title, d.start.line, d.start.column) for d in related.divisions] == [
        ("Serving engines", 13, 1), ("Workflow platforms", 17, 1)]
    assert related.slice(related.divisions[1].span).strip() == "Airflow runs DAGs."
    system = paper.section("system").doc
    assert [d.title for d in system.divisions] == ["System Design", "Implementation"]
    assert [(f.what, f.start.line, f.caption, f.referenced) for f in system.figures] == [
        ("figure", 23, True, True), ("table", 29, False, False)]


def test_forced_section_takes_the_whole_file():
    paper = _paper(MODEL / "sections" / "intro.tex", section="related-work")
    assert _summary(paper) == [("related-work", "Introduction", "intro.tex", 1, 1)]
    assert paper.section("related-work").doc.text == "SAGE is seamless."


def test_a_file_without_known_headings_is_the_introduction(tmp_path):
    (tmp_path / "draft.md").write_text("Pipelines are hard.\n\nSAGE runs them.\n", encoding="utf-8")
    paper = _paper(tmp_path / "draft.md")
    assert [(s.name, s.heading.line, s.doc.kind) for s in paper.sections] == [("introduction", 1, "intro")]


def test_a_file_that_holds_only_a_closing_section_is_that_section_not_the_introduction(tmp_path):
    """`sections/conclusion.tex` checked alone is the Conclusion (the `other` section, whose
    `names` it matches), not an Introduction missing its contributions; the text before a
    Discussion heading (under a title) is still the Introduction."""
    (tmp_path / "conclusion.tex").write_text("\\section{Conclusions}\nSAGE ran every pipeline we tried.\n", encoding="utf-8")
    paper = _paper(tmp_path / "conclusion.tex")
    assert [(s.name, s.title, s.heading.line) for s in paper.sections] == [("other", "Conclusions", 1)]
    (tmp_path / "draft.md").write_text("# Serving Pipelines Together\n\nPipelines are hard.\n\n## 5 Discussion\n\nSAGE helps.\n", encoding="utf-8")
    paper = _paper(tmp_path / "draft.md")
    assert [(s.name, s.doc.text) for s in paper.sections] == [("introduction", "Pipelines are hard."), ("other", "SAGE helps.")]


def _corpus():
    return sorted(p for p in CORPUS.glob("*") if p.suffix in (".tex", ".md")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_gives_the_same_findings_in_paper_mode(path):
    """Paper mode (sage-paper) checks an Introduction exactly as sage-intro alone always did."""
    source = read_source(str(path))
    before = check_document(load(source, "auto", str(path.parent)), configured_rules(DEFAULT, "sage-intro"))
    after = Checker("sage-paper").check_source(source, DEFAULT, None, str(path.parent))
    assert [f.to_dict() for f in after] == [dict(f.to_dict(), section="introduction") for f in before]
    assert os.path.exists(path)


def test_numbered_subsections_at_the_level_of_their_section_stay_inside_it(tmp_path):
    """A PDF-to-Markdown paper writes `## 4 Evaluation` and `## 4.1 Setup` alike: the numbers say
    4.1 belongs to 4, so the experiments keep their setup; an unnumbered `## Acknowledgments`
    after them is back matter, not part of the Evaluation."""
    path = tmp_path / "paper.md"
    path.write_text("# A Cache for Object Stores\n\n## Abstract\n\nWe cache writes.\n\n## 1 Introduction\n\n"
                    "Writes are small.\n\n## 2 Background\n\nStores charge per request.\n\n## 2.1 Pricing\n\n"
                    "Each request costs a fraction of a cent.\n\n## 4 Evaluation\n\nWe replay traces.\n\n"
                    "## 4.1 Setup\n\nEight servers run the cache.\n\n## Acknowledgments\n\nThanks.\n", encoding="utf-8")
    paper = _paper(path)
    assert [(s.name, s.title) for s in paper.sections] == [
        ("abstract", "Abstract"), ("introduction", "1 Introduction"), ("other", "2 Background"),
        ("experiments", "4 Evaluation")]
    assert "Eight servers run the cache." in paper.section("experiments").doc.text
    assert [d.title for d in paper.section("experiments").doc.divisions] == ["Setup"]
    assert "fraction of a cent" in paper.sections[2].doc.text


def test_hand_typed_numberings_name_their_sections(tmp_path):
    """`# 01 — Introduction`, `# 2: Background`, `# Chapter 3 – Design`: numbers typed by hand
    with a dash or a colon are numbers, as "1." is; the title after them names the section."""
    path = tmp_path / "paper.md"
    path.write_text("# 01 — Introduction\n\nWrites are small.\n\n# 2: Background\n\nStores charge per request.\n\n"
                    "# Chapter 3 – Design\n\nTwo tiers share one index.\n", encoding="utf-8")
    paper = _paper(path)
    assert [(s.name, s.title) for s in paper.sections] == [
        ("introduction", "01 — Introduction"), ("other", "2: Background"), ("system", "Chapter 3 – Design")]


@pytest.mark.parametrize("title", ["SAGE", "System Design", "Introduction to Tiered Caching"])
def test_a_title_over_earlier_sections_is_no_section(tmp_path, title):
    """A title whose words name a section (`# SAGE` names the system section) but that stands over
    an abstract and an Introduction is the paper's title: the sections under it are found; an
    Introduction's own `### Design` subsection stays inside it."""
    path = tmp_path / "paper.md"
    path.write_text(f"# {title}\n\n## Abstract\n\nWe tier a cache.\n\n## Introduction\n\nCaches are small.\n\n"
                    "### Design\n\nTwo tiers share one index.\n\n## Design\n\nThe index is a hash table.\n\n"
                    "## Evaluation\n\nWe replay traces.\n", encoding="utf-8")
    paper = _paper(path)
    assert [(s.name, s.title, s.heading.line) for s in paper.sections] == [
        ("abstract", "Abstract", 3), ("introduction", "Introduction", 7), ("system", "Design", 15),
        ("experiments", "Evaluation", 19)]
    assert "Two tiers share one index." in paper.section("introduction").doc.text


def test_an_abstract_heading_below_the_section_level_is_the_abstract(tmp_path):
    """`\\subsection*{Abstract}` before `\\section{Introduction}` (an ACM draft without the abstract
    environment) is the abstract, read up to the Introduction, with its own findings."""
    path = tmp_path / "main.tex"
    found, abstract = _sections_and_abstract(path, (
        "\\documentclass{acmart}\n\\begin{document}\n\\subsection*{Abstract}\n"
        "We shard a log by key. The shards seamlessly merge.\n\n\\section{Introduction}\n"
        "Logs grow without bound.\n\n\\section{Evaluation}\nWe replay a trace.\n\\end{document}\n"))
    assert found == [("abstract", "Abstract", 3), ("introduction", "Introduction", 6), ("experiments", "Evaluation", 9)]
    assert abstract == "We shard a log by key. The shards seamlessly merge."
    findings = Checker("sage-paper").check_source(read_source(str(path)), DEFAULT, None, str(tmp_path))
    assert [(f.line, f.column) for f in findings if f.section == "abstract" and f.rule == "marketing-language"] == [(4, 35)]


def test_inputs_inside_braces_are_the_papers_sections(tmp_path):
    """`{\\input{sections/abstract}}` only keeps the file's definitions local: its abstract and
    headings are the paper's (before, the whole body was read as one Introduction)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "sections").mkdir()
    (tmp_path / "main.tex").write_text("\\documentclass{article}\n\\begin{document}\n"
                                       "{\\input{sections/abstract.tex}}\n{\\input{sections/intro.tex}}\n"
                                       "{\\bf A bold group stays prose.}\n\\end{document}\n")
    (tmp_path / "sections" / "abstract.tex").write_text("\\begin{abstract}\nWe shard the log by key.\n\\end{abstract}\n")
    (tmp_path / "sections" / "intro.tex").write_text("\\section{Introduction}\nEach shard keeps its own log.\n")
    paper = _paper(tmp_path / "main.tex")
    assert _summary(paper) == [("abstract", "", "abstract.tex", 1, 1),
                               ("introduction", "Introduction", "intro.tex", 1, 1)]
    assert paper.section("abstract").doc.text == "We shard the log by key."
    assert paper.section("introduction").doc.text == "Each shard keeps its own log.\nA bold group stays prose."


def test_an_abstract_in_the_preamble_is_the_abstract(tmp_path):
    """acmart takes `\\begin{abstract}` anywhere before `\\maketitle`, the preamble included: it is
    the paper's abstract (before, it was never read, so a 70-word sentence there went unreported)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "main.tex").write_text(
        "\\documentclass[sigconf]{acmart}\n\\title{Shards}\n\\begin{abstract}\n"
        "We shard the log by key. The shards seamlessly merge.\n\\end{abstract}\n"
        "\\begin{CCSXML}\n<ccs2012></ccs2012>\n\\end{CCSXML}\n\\begin{document}\n\\maketitle\n"
        "\\section{Introduction}\nEach shard keeps its own log.\n\\end{document}\n")
    paper = _paper(tmp_path / "main.tex")
    assert _summary(paper) == [("abstract", "", "main.tex", 3, 1),
                               ("introduction", "Introduction", "main.tex", 11, 1)]
    assert paper.section("abstract").doc.text == "We shard the log by key. The shards seamlessly merge."
    findings = Checker("sage-paper").check_source(read_source(str(tmp_path / "main.tex")), DEFAULT, None, str(tmp_path))
    assert [(f.line, f.column) for f in findings if f.section == "abstract" and f.rule == "marketing-language"] == [(4, 37)]


def test_an_introduction_file_that_opens_before_its_first_subsection(tmp_path):
    """A section file without its `\\section` whose first heading is a subsection naming the
    Introduction: the paragraphs above that subsection are the Introduction's opening (before,
    they were dropped as front matter and never checked)."""
    (tmp_path / ".git").mkdir()
    path = tmp_path / "intro.tex"
    path.write_text("Teams rewrite their services often. It costs a lot!\n\n"
                    "\\subsection{Introduction to the parts}\nThe store keeps one log.\n\n"
                    "\\subsection{Paper outline}\nSection 2 covers the design.\n")
    paper = _paper(path)
    assert _summary(paper) == [("introduction", "Introduction to the parts", "intro.tex", 3, 1),
                               ("other", "Paper outline", "intro.tex", 6, 1)]
    assert paper.section("introduction").doc.text.startswith("Teams rewrite their services often.")
    findings = Checker("systems-intro").check_source(read_source(str(path)), DEFAULT, None, str(tmp_path))
    assert [(f.line, f.column, f.rule) for f in findings] == [(1, 51, "marketing-language")]


def test_a_paper_keeps_its_front_matter_above_a_section_level_introduction(tmp_path):
    """A main file's title block before `\\section{Introduction}` stays unchecked front matter."""
    (tmp_path / ".git").mkdir()
    path = tmp_path / "main.tex"
    path.write_text("\\documentclass{article}\n\\begin{document}\nAn amazing title page line!\n\n"
                    "\\section{Introduction}\nThe store keeps one log.\n\\end{document}\n")
    paper = _paper(path)
    assert [s.name for s in paper.sections] == ["introduction"]
    assert paper.section("introduction").doc.text == "The store keeps one log."


def test_an_abstract_under_a_title_at_the_sections_level_is_the_abstract(tmp_path):
    """`# Title`, `## Abstract`, then `# 1. Introduction` and `# 2. Related Work`: the title stands
    at the sections' level, and the abstract under it is still the abstract (it went unread)."""
    found, abstract = _sections_and_abstract(tmp_path / "paper.md", (
        "# Tiered Caches for Agents\n\n## Abstract\n\nWe tier a cache. It merges seamlessly.\n\n---\n\n"
        "# 1. Introduction\n\nCaches are small.\n\n# 2. Related Work\n\nPrior caches keep pages.\n"))
    assert found == [("abstract", "Abstract", 3), ("introduction", "1. Introduction", 9),
                     ("related-work", "2. Related Work", 13)]
    assert abstract == "We tier a cache. It merges seamlessly."


def _sections_and_abstract(path, text: str):
    """([(name, title, heading line)] of the paper written to `path`, its abstract's text)."""
    path.write_text(text, encoding="utf-8")
    paper = _paper(path)
    return [(s.name, s.title, s.heading.line) for s in paper.sections], paper.section("abstract").doc.text


def test_a_front_matter_abstract_before_a_level_two_introduction_is_its_sibling(tmp_path):
    """MyST and Quarto papers keep the abstract in the YAML front matter and open the body with
    `## Introduction`: the Introduction is a section of its own, not a part of the abstract."""
    found, abstract = _sections_and_abstract(tmp_path / "main.md", (
        "---\ntitle: \"Ledgers for shared caches\"\nabstract: |\n  We log every eviction. The log is short.\n---\n\n"
        "```{figure} a.png\n# not a heading\n```\n\n## Introduction\n\nCaches forget. We log evictions.\n\n"
        "## Methods\n\nWe replay the log.\n"))
    assert found == [("abstract", "Abstract", 3), ("introduction", "Introduction", 11), ("system", "Methods", 15)]
    assert abstract == "We log every eviction. The log is short."
