"""Document kinds: detection of outline / paragraph / intro and the structure each one fills."""

from __future__ import annotations

import pathlib

import pytest

from sage_introlint.document.markdown import parse_markdown
from sage_introlint.document.model import Source

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "markdown"


def load_fixture(name: str, kind: str = "auto"):
    path = FIXTURES / name
    return parse_markdown(Source(str(path), path.read_text(encoding="utf-8")), kind)


def parse(text: str, kind: str = "auto"):
    return parse_markdown(Source("t.md", text), kind)


def line_of(doc, span) -> int:
    return doc.position(span.start).line


@pytest.mark.parametrize(
    "name, kind",
    [
        ("outline_clean.md", "outline"),
        ("outline_items.md", "outline"),
        ("paragraph_answer.md", "paragraph"),
        ("intro_mixed.md", "intro"),
        ("intro_mentions_paragraph.md", "intro"),
        ("unclosed_fence.md", "intro"),
        ("empty.md", "intro"),
    ],
)
def test_detected_kind(name, kind):
    assert load_fixture(name).kind == kind


def test_clean_outline_structure():
    doc = load_fixture("outline_clean.md")
    assert [doc.slice(entry.title) for entry in doc.outline] == [
        "Paragraph 1 — Context",
        "Paragraph 2 — Challenges",
        "Paragraph 3 — Gap in existing systems",
        "Paragraph 4 — SAGE",
        "Paragraph 5 — Contributions and results",
    ]
    assert [line_of(doc, entry.title) for entry in doc.outline] == [3, 11, 19, 27, 34]
    goals = [doc.slice(entry.goal) for entry in doc.outline]
    assert goals[0] == "Goal: establish why LLM pipelines have become a systems problem."
    assert goals[2].startswith("Purpose: explain")
    assert goals[3].startswith("Goal: introduce SAGE")  # a goal written as the first bullet
    assert goals[4].startswith("Goal — summarise")
    assert [len(entry.bullets) for entry in doc.outline] == [3, 3, 3, 3, 2]
    assert all(not doc.slice(bullet).startswith("Goal") for entry in doc.outline for bullet in entry.bullets)
    assert all(entry.prose == [] for entry in doc.outline)
    assert doc.slice(doc.details_note).startswith("Details needed from you")
    assert doc.slice(doc.details_note).endswith("The baselines we compare against.")
    assert len(doc.paragraphs) == 5
    assert doc.paragraphs[0].blocks[-1].item and doc.paragraphs[0].list_kind == "bullet"


def test_outline_entries_written_as_list_items():
    doc = load_fixture("outline_items.md")
    assert [doc.slice(entry.title) for entry in doc.outline] == ["Paragraph 1 — Context.", "P2: Challenges", "Para. 3 — Gap"]
    assert doc.slice(doc.outline[0].goal) == "Goal: motivate LLM pipelines as a systems problem."
    assert doc.slice(doc.outline[1].goal) == "Goal: list the systems challenges."
    assert [len(entry.bullets) for entry in doc.outline] == [2, 1, 1]
    assert doc.slice(doc.details_note) == "[Need: the cluster scale used in production]"
    assert [line_of(doc, span) for span in doc.outline[2].prose] == [14]


def test_outline_without_goal_or_details():
    doc = parse("## Paragraph 1\n\n- point a\n- point b\n\n## Paragraph 2\n\nOnly prose here. Two sentences.\n\n- point c\n")
    assert doc.kind == "outline"
    assert [entry.goal for entry in doc.outline] == [None, None]
    assert [len(entry.prose) for entry in doc.outline] == [0, 1]
    assert doc.details_note is None


def test_one_paragraph_entry_is_not_an_outline():
    doc = parse("## Paragraph 1\n\n- point a\n\n## Paragraph 2\n\nNo bullets here.\n")
    assert doc.kind == "intro"


def test_paragraph_answer_structure():
    doc = load_fixture("paragraph_answer.md")
    assert len(doc.paragraphs) == 1
    paragraph = doc.paragraphs[0]
    assert line_of(doc, paragraph.span) == 3
    assert [line_of(doc, span) for span in doc.trimming] == [7, 8]
    assert doc.slice(doc.trimming[0]).startswith("Sentence 5")
    assert all(span.start >= paragraph.span.end for span in doc.trimming)
    assert paragraph.list_kind is None and len(paragraph.blocks) == 1


def test_paragraph_without_trimming_list():
    doc = parse("### Paragraph 4\n\nOne prose paragraph only. It has two sentences.\n")
    assert doc.kind == "paragraph"
    assert doc.trimming is None


def test_trimming_lead_in_line_with_list():
    doc = parse("A paragraph. Of prose.\n\nSentences that could be dropped:\n\n1. The second one.\n")
    assert doc.kind == "paragraph"
    assert [doc.slice(span) for span in doc.trimming] == ["The second one."]


def test_two_paragraphs_are_an_intro():
    assert parse("One paragraph.\n\nAnother paragraph.\n").kind == "intro"


def test_paragraph_with_an_unrelated_list_is_an_intro():
    assert parse("A paragraph:\n\n- with a list\n- of items\n").kind == "intro"


def test_forced_kinds_skip_detection_and_fill_structure():
    outline_as_intro = load_fixture("outline_clean.md", "intro")
    assert outline_as_intro.kind == "intro" and outline_as_intro.outline == []
    intro_as_paragraph = load_fixture("intro_mixed.md", "paragraph")
    assert intro_as_paragraph.kind == "paragraph" and intro_as_paragraph.trimming is None
    paragraph_as_intro = load_fixture("paragraph_answer.md", "intro")
    assert paragraph_as_intro.trimming is None
    forced_outline = load_fixture("outline_items.md", "outline")
    assert len(forced_outline.outline) == 3


def test_outline_with_emphasised_titles_and_authors_todo():
    doc = parse(
        "**Paragraph 1 — Context**\n\n- Goal: set the scene.\n- point one\n\n"
        "**Paragraph 2 — Gap**\n\n*Goal.* Show the gap.\n\n- point two\n- TODO for authors: which baselines?\n"
    )
    assert doc.kind == "outline"
    assert [doc.slice(entry.goal) for entry in doc.outline] == ["Goal: set the scene.", "Goal. Show the gap."]
    assert [[doc.slice(b) for b in entry.bullets] for entry in doc.outline] == [["point one"], ["point two"]]
    assert doc.position(doc.details_note.start).line == 11


def test_an_outline_entry_has_one_definition_of_its_parts():
    """Title, goal, bullets, prose: the same pieces for the checks that read units (prose_units)
    and those that read whole entries (contributions, through `entry.span`)."""
    from sage_introlint.checks._text import prose_units

    doc = parse("# Outline\n\n## Paragraph 1 — Setting\n\n**Goal:** say where we are.\n\n"
                "- A first point.\n- A second point.\n\nA sentence of prose here.\n\n"
                "## Paragraph 2 — Plan\n\n**Goal:** say what we do.\n\n- One point.\n", "outline")
    first, second = doc.outline
    assert [doc.slice(part) for part in first.parts()] == [
        "Paragraph 1 — Setting", "Goal: say where we are.", "A first point.", "A second point.", "A sentence of prose here."]
    assert first.span.start == first.title.start and first.span.end == first.prose[-1].end
    assert second.span.end == second.bullets[-1].end
    units = [span for _, span in prose_units(doc)]
    assert all(any(u.start <= part.start < u.end for u in units) for e in doc.outline for part in e.parts())


# --- LaTeX: --kind auto reads every .tex file as an Introduction (REQUIREMENTS.md section 1);
# --kind outline / paragraph read it as Markdown's are (document/latex_kinds.py) ---------------

DOCS = FIXTURES.parent / "docs"
KINDS = DOCS / "latex-kinds"


def load_latex(name: str, kind: str = "auto"):
    from sage_introlint.document import load_path

    return load_path(str((KINDS if name.startswith("latex-") else DOCS) / name), kind)


SHAPES = [
    ("latex-outline-headings.tex", "outline"),  # \subsection*{Paragraph 1: ...} entries
    ("latex-outline-items.tex", "outline"),  # \item \textbf{Paragraph 1 --- ..} with nested itemize
    ("latex-outline-runin.tex", "outline"),  # \textbf{P1 --- Context.} run-in entries
    ("latex-paragraph-bold.tex", "paragraph"),  # a line wholly in \textbf heads the answer
    ("latex-paragraph-lead.tex", "paragraph"),  # a bare "Possible trimming points" line
]


@pytest.mark.parametrize("name, shape", SHAPES + [("clean-intro.tex", None), ("clean-intro-runin.tex", None)])
def test_latex_auto_is_an_introduction_with_a_hint_of_its_shape(name, shape):
    doc = load_latex(name)
    assert (doc.kind, doc.reads_as) == ("intro", shape)


@pytest.mark.parametrize("name, kind", SHAPES)
def test_latex_kind_given_fills_its_structure(name, kind):
    doc = load_latex(name, kind)
    assert doc.kind == kind
    assert bool(doc.outline) == (kind == "outline")
    assert (doc.trimming is not None) == (kind == "paragraph")


def test_latex_outline_entries_point_at_their_titles():
    doc = load_latex("latex-outline-items.tex", "outline")
    titles = [(doc.slice(entry.title), line_of(doc, entry.title), doc.position(entry.title.start).column)
              for entry in doc.outline]
    assert titles[0] == ("Paragraph 1 \u2014 Context.", 3, 17)
    assert [line for _, line, _ in titles] == [3, 8, 13, 21, 27]
    assert [len(entry.bullets) for entry in doc.outline] == [2, 2, 5, 3, 1]
    assert doc.slice(doc.outline[0].goal).startswith("Goal: show that")
    assert doc.details_note is not None


def test_latex_paragraph_answer_keeps_its_trimming_points_apart():
    doc = load_latex("latex-paragraph-bold.tex", "paragraph")
    assert [len(paragraph.sentences) for paragraph in doc.paragraphs] == [8]
    assert [line_of(doc, span) for span in doc.trimming] == [14, 15]


def test_one_paragraph_under_an_introduction_heading_is_no_answer():
    from sage_introlint.document.latex import parse_latex

    doc = parse_latex(Source("i.tex", "\\section{Introduction}\nSAGE runs pipelines. It is fast.\n"), ".")
    assert (doc.kind, doc.reads_as) == ("intro", None)


def test_paragraph_count_names_the_kind_a_tex_file_reads_as():
    from sage_introlint.engine import check_paths

    result = check_paths([str(KINDS / "latex-paragraph-lead.tex")], select="paragraph-count")
    assert [f.message.endswith("(if this file is a paragraph answer (prompt 2.2), check it with --kind paragraph)")
            for f in result.findings] == [True]


def test_a_kind_asked_for_keeps_the_set_s_rules_for_an_answer_that_never_names_sage(tmp_path):
    """A paragraph answer about the challenges need not name SAGE: `--kind paragraph` says it
    answers prompt 2.2, so its rules (trimming points) apply, not another team's generic pack."""
    from sage_introlint.engine import check_paths

    path = tmp_path / "p2.tex"
    path.write_text("\\\\paragraph{Paragraph 2}\\nPipelines raise six challenges. They interact.\\n", encoding="utf-8")
    rules = {f.rule for f in check_paths([str(path)], kind="paragraph").findings}
    assert {"trimming-points", "sentence-count"} <= rules


def test_a_paragraph_answer_titled_paragraph_n_keeps_the_set_s_rules():
    """`**Paragraph 2 — challenges**` over one paragraph that never names SAGE: an answer to
    prompt 2.2 all the same, so a missing trimming list is reported."""
    doc = parse("**Paragraph 2 — challenges**\n\nPipelines raise six challenges. They interact.\n")
    assert (doc.kind, doc.titled) == ("paragraph", True)
    assert parse("Pipelines raise six challenges. They interact.\n").titled is False


def test_a_titled_markdown_answer_without_trimming_points_is_told_so(tmp_path):
    from sage_introlint.engine import check_paths

    path = tmp_path / "p2.md"
    path.write_text("**Paragraph 2 — challenges**\n\nPipelines raise six challenges. They interact.\n", encoding="utf-8")
    assert "trimming-points" in {f.rule for f in check_paths([str(path)]).findings}
