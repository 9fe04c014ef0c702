"""Markdown front end: exact source positions, structure, non-prose, suppressions, bad input."""

from __future__ import annotations

import os
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sage_introlint.document.markdown import has_markdown_heading, parse_markdown
from sage_introlint.document.markdown_latex_lists import latex_floats_blanked
from sage_introlint.document.model import Source

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "markdown"
CORPUS = ROOT.parent / "shared" / "corpus"


def parse(text: str, kind: str = "auto"):
    return parse_markdown(Source("t.md", text), kind)


def where(doc, word: str, nth: int = 0) -> tuple[int, int]:
    """(line, column) in the source of the nth occurrence of `word` in the plain text."""
    offset = -1
    for _ in range(nth + 1):
        offset = doc.text.index(word, offset + 1)
    position = doc.position(offset)
    return position.line, position.column


def assert_literal_pieces_match(doc) -> None:
    """The SourceMap invariant: every literal piece is its source slice, pieces tile the text."""
    expected_start = 0
    for piece in doc.source_map.pieces:
        assert piece.plain_start == expected_start
        expected_start = piece.plain_end
        if piece.literal:
            assert piece.source.text[piece.src_start : piece.src_end] == doc.text[piece.plain_start : piece.plain_end]
    assert expected_start == len(doc.text)


# --- positions --------------------------------------------------------------------------------


def test_words_after_inline_markup_have_exact_columns():
    text = (
        "Intro **bold** and *em* then [link text](https://x.org/a_b \"T\") and `code` and\n"
        "$a+b$ then [@key] &mdash; dash\\* star <!-- c --> after.\n"
    )
    doc = parse(text)
    assert where(doc, "bold") == (1, 9)
    assert where(doc, "em") == (1, 21)
    assert where(doc, "link text") == (1, 31)
    assert where(doc, "and", 1) == (1, 65)
    assert where(doc, "then", 1) == (2, 7)
    assert where(doc, "dash") == (2, 27)
    assert where(doc, "star") == (2, 34)
    assert where(doc, "after") == (2, 50)


def test_hard_wrapped_lines_and_list_indentation_keep_columns():
    text = "Lead-in sentence:\n\n1. First item\n   wraps here.\n    - nested *deep* word\n2. Second.\n"
    doc = parse(text)
    assert where(doc, "wraps") == (4, 4)
    assert where(doc, "deep") == (5, 15)
    assert where(doc, "Second") == (6, 4)


def test_replacements_are_placeholders_that_are_not_checkable():
    doc = parse("Speedup of 3.1$\\times$ in `run_all()` per [@smith2020; @lee] and [12] at https://a.org/x.\n")
    assert "3.1×" in doc.text
    assert "run_all()" in doc.text
    assert doc.text.count("[1]") == 2
    for needle in ("run_all()", "[1]", "https://a.org/x"):
        start = doc.text.index(needle)
        assert not doc.source_map.is_checkable(start, start + len(needle)), needle
    times = doc.text.index("×")  # math that prints one sign reads as prose ("3.1× the throughput")
    assert doc.source_map.is_checkable(times, times + 1)
    start = doc.text.index("Speedup")
    assert doc.source_map.is_checkable(start, start + 7)
    assert where(doc, "https") == (1, 74)


def test_entity_maps_to_its_whole_source_range():
    doc = parse("A &mdash; B\n")
    assert doc.text == "A — B"
    offset = doc.text.index("—")
    assert doc.position(offset).column == 3
    assert doc.end_position(offset + 1).column == 10


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
def test_literal_pieces_equal_their_source_in_fixtures(path):
    doc = parse_markdown(Source(str(path), path.read_text(encoding="utf-8")), "auto")
    assert_literal_pieces_match(doc)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "word", " ", "\n", "\n\n", "**", "*", "_", "`", "$", "$$", "[", "]", "(", ")", "<!--", "-->",
    "- ", "1. ", "> ", "#", "```", "&mdash;", "&amp;", "\\", "@key", "[^1]", "[^1]: ", "![", "|",
    "    ", "\t", "é", "中文", "https://a.b/c", "Paragraph 2", "Goal:", "---\n",
]), max_size=40))
def test_any_input_parses_and_keeps_the_invariant(parts):
    text = "".join(parts)
    for kind in ("auto", "intro", "outline", "paragraph"):
        doc = parse(text, kind)
        assert_literal_pieces_match(doc)


# --- structure --------------------------------------------------------------------------------


def test_list_following_a_paragraph_belongs_to_it():
    doc = parse("We contribute:\n\n1. One thing.\n2. Another thing.\n\nNext paragraph.\n")
    assert len(doc.paragraphs) == 2
    first = doc.paragraphs[0]
    assert first.list_kind == "ordered"
    assert [block.item for block in first.blocks] == [False, True, True]
    assert [doc.slice(span) for span in first.items] == ["One thing.", "Another thing."]
    assert doc.slice(first.span).startswith("We contribute:") and doc.slice(first.span).endswith("Another thing.")
    assert doc.text.split("\n\n")[1] == "Next paragraph."


def test_list_interrupting_a_paragraph_belongs_to_it():
    doc = parse("The parts are\n- a layer model,\n- a dataflow.\n")
    assert len(doc.paragraphs) == 1
    assert doc.paragraphs[0].list_kind == "bullet"
    assert len(doc.paragraphs[0].items) == 2


def test_list_after_heading_or_code_is_its_own_paragraph():
    doc = parse("# T\n\nProse.\n\n```\ncode\n```\n\n- item one\n- item two\n")
    assert len(doc.paragraphs) == 2
    assert doc.paragraphs[0].list_kind is None
    listed = doc.paragraphs[1]
    assert listed.list_kind == "bullet" and all(block.item for block in listed.blocks)


def test_nested_items_belong_to_their_top_level_item():
    """... and each ends a sentence, as a top-level item does (no period needed)."""
    from sage_introlint.document.sentences import segment

    doc = parse("Lead:\n\n- Parent item.\n  - child one\n  - child two\n- Second item.\n")
    paragraph = doc.paragraphs[0]
    assert len(paragraph.items) == 2
    assert doc.slice(paragraph.items[0]) == "Parent item.\n\nchild one\n\nchild two"
    segment(doc)
    assert [doc.slice(s) for s in paragraph.sentences] == ["Lead:", "Parent item.", "child one", "child two", "Second item."]


def test_run_in_headings_are_left_out():
    doc = parse("**Cost model.** We charge per token.\n\n- *Goal*: state it.\n")
    assert doc.text.startswith("We charge per token.")
    assert where(doc, "We") == (1, 17)
    assert "Goal" not in doc.text
    assert where(doc, "state") == (3, 11)


def test_footnotes_are_text_but_not_paragraphs():
    doc = parse("Prose with a note.[^n] More prose.\n\n[^n]: The note *itself*.\n")
    assert len(doc.paragraphs) == 1
    assert doc.slice(doc.paragraphs[0].span) == "Prose with a note. More prose."
    assert [doc.slice(span) for span in doc.footnotes] == ["The note itself."]
    assert where(doc, "itself") == (3, 17)


def test_non_prose_blocks_are_skipped():
    text = (
        "Intro prose.\n\n```\nleverage code\n```\n\n    indented code\n\n<div>\nhtml block\n</div>\n\n"
        "$$\nE = mc^2\n$$\n\n| a | b |\n|---|---|\n| tab | le |\n\n![alt text](img.png)\n\n> quoted words\n\nEnd prose.\n"
    )
    doc = parse(text)
    for hidden in ("leverage", "indented", "html block", "mc^2", "tab", "alt text", "quoted"):
        assert hidden not in doc.text
    assert [doc.slice(p.span) for p in doc.paragraphs] == ["Intro prose.", "End prose."]


def test_suppressions_from_block_and_inline_comments():
    text = (
        "<!-- introlint-disable marketing-language, placeholder -->\n\n"
        "Prose <!-- introlint-disable-next-line sentence-length --> here.\n\n"
        "<!-- introlint-enable -->\n\n```\n<!-- introlint-disable x -->\n```\n"
    )
    doc = parse(text)
    found = [(s.action, s.rules, s.line) for s in doc.suppressions]
    assert found == [
        ("disable", ("marketing-language", "placeholder"), 1),
        ("disable-next-line", ("sentence-length",), 3),
        ("enable", (), 5),
    ]
    assert doc.text == "Prose  here."


# --- scope ------------------------------------------------------------------------------------


def test_introduction_heading_scopes_the_document():
    text = "---\ntitle: x\n---\n# Paper\n\nAbstract text.\n\n## 1 Introduction\n\nInside.\n\n### Sub\n\nStill inside.\n\n## 2 Related\n\nOutside.\n"
    doc = parse(text)
    assert [doc.slice(p.span) for p in doc.paragraphs] == ["Inside.", "Still inside."]
    assert (doc.start.line, doc.start.column) == (8, 1)


@pytest.mark.parametrize("heading", ["## 1. Introduction and Motivation", "## I. Introduction", "## Introduction:",
                                     "## 01 — Introduction", "## 1: Introduction", "## §1 Introduction",
                                     "## Chapter 1: Introduction", "## 1 - INTRODUCTION"])
def test_longer_introduction_headings_scope_as_in_latex(heading):
    doc = parse(f"# Paper\n\nAbstract text.\n\n{heading}\n\nInside.\n\n## 2 Related\n\nOutside.\n")
    assert [doc.slice(p.span) for p in doc.paragraphs] == ["Inside."]
    assert doc.start.line == 5


@pytest.mark.parametrize("heading", ["## Introductions to prior work", "## 2. Why an introduction", "## 12 Introductions"])
def test_introductions_to_something_else_do_not_scope(heading):
    doc = parse(f"# Paper\n\nAbstract text.\n\n{heading}\n\nInside.\n")
    assert doc.start.line == 1


def test_setext_introduction_heading():
    doc = parse("Title\n=====\n\nIntroduction\n------------\n\nInside.\n\nNext\n----\n\nOutside.\n")
    assert [doc.slice(p.span) for p in doc.paragraphs] == ["Inside."]
    assert doc.start.line == 4


def test_without_heading_the_document_starts_after_front_matter():
    doc = parse("---\ntitle: x\n---\nFirst prose.\n")
    assert (doc.start.line, doc.start.column) == (4, 1)
    assert where(doc, "First") == (4, 1)


def test_has_markdown_heading():
    assert has_markdown_heading("# Title\n")
    assert has_markdown_heading("Title\n=====\n")
    assert not has_markdown_heading("\\section{Introduction}\nText # not a heading\n")
    assert not has_markdown_heading("```\n# in code\n```\n")


# --- bad input --------------------------------------------------------------------------------


def test_unclosed_fence_is_reported_and_later_text_is_kept():
    doc = parse((FIXTURES / "unclosed_fence.md").read_text(encoding="utf-8"))
    assert [(p.message, p.position.line) for p in doc.problems] == [("code fence opened at line 5 is never closed", 5)]
    assert "Second paragraph that must still be read as prose." in doc.text
    assert where(doc, "Third") == (11, 1)
    assert "def broken" not in doc.text


def test_unclosed_display_math_is_reported_and_later_text_is_kept():
    doc = parse((FIXTURES / "unclosed_math.md").read_text(encoding="utf-8"))
    assert [p.position.line for p in doc.problems] == [3]
    assert "never closed" in doc.problems[0].message
    assert where(doc, "Second") == (6, 1)
    assert "sum_i" not in doc.text


def test_image_attributes_the_attrs_plugin_does_not_take_are_markup():
    """`{width=\\columnwidth}` after an image (a backslash stops the attrs plugin) is no prose;
    text after it on the line is read where it stands."""
    doc = parse("## Introduction\n\nWe run it.\n\n![View](f.pdf){width=\\columnwidth}\n\n"
                "![Plot](g.pdf){#fig:g width=\\linewidth} shows the queue.\n")
    assert [doc.slice(p.span) for p in doc.paragraphs] == ["We run it.", "shows the queue."]
    assert where(doc, "shows") == (7, 41)


def test_display_math_opening_with_a_parenthesis_closes_on_its_own_line():
    """`$$(b, h, s)` then `$$` on the next line is one display (the plugin read the first line as
    an empty equation labelled "(b, h, s)" and the closing `$$` as never closed); a keyword list
    pasted as raw LaTeX is no prose. The sentence goes on after the display (`with b ...`)."""
    doc = parse("## Introduction\n\nThe input is\n\n$$(b, h, s)\n$$\n\nwith b the batch.\n\n"
                "\\begin{IEEEkeywords}\nGPU kernels, roofline\n\\end{IEEEkeywords}\n\nThe end.\n")
    assert doc.problems == []
    assert [doc.slice(p.span) for p in doc.paragraphs] == ["The input is with b the batch.", "The end."]
    assert where(doc, "with") == (8, 1)


def test_display_math_whose_closing_line_goes_on_with_words_is_one_paragraph():
    """`$$(b, h)` then `$$ where b is ..`: pandoc reads the math and the words after it as one
    paragraph; it was read as an empty labelled equation and a `$$` "never closed" (exit 1)."""
    doc = parse("## Introduction\n\nWe key each entry by\n$$(b, h)\n$$ where b is the block. It stays small.\n")
    assert doc.problems == []
    assert len(doc.paragraphs) == 1
    assert doc.slice(doc.paragraphs[0].span).endswith("the block. It stays small.")
    assert where(doc, "where") == (5, 4)


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "<!-- only -->\n", "---\n", "---\na: [\n---\n", "```", "$$", "[^1]:", "- " * 300 + "x\n",
     "".join("  " * depth + "- deep\n" for depth in range(200)), "> " * 200 + "quote\n", "*" * 1000, "[" * 500 + "]" * 500],
)
def test_odd_input_never_raises(text):
    doc = parse(text)
    assert_literal_pieces_match(doc)


def test_corpus_scipy_has_two_paragraphs():
    path = CORPUS / "08_scipy2024.md"
    if not path.exists():
        pytest.skip("shared corpus absent")
    doc = parse_markdown(Source(str(path), path.read_text(encoding="utf-8")), "auto")
    assert doc.kind == "intro"
    assert len(doc.paragraphs) == 2
    assert_literal_pieces_match(doc)
    offset = doc.text.index("—")
    assert doc.position(offset).line == 6


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus absent")
def test_corpus_markdown_keeps_the_invariant():
    for path in sorted(CORPUS.glob("*.md")):
        if path.name == "README.md":
            continue
        doc = parse_markdown(Source(str(path), path.read_text(encoding="utf-8")), "auto")
        assert_literal_pieces_match(doc)
        assert os.path.basename(doc.path) == path.name


def test_a_pasted_latex_float_is_blanked_and_an_unclosed_one_left_as_written():
    """Blanking keeps every line's length; a `\\begin` that is never closed is left as written,
    and a later one that is closed is still blanked (the unclosed ones are told apart without a
    scan to the end of the text each)."""
    text = "\\begin{table}\nProse here.\n\\begin{figure}\na cell\n\\end{figure}\n\\begin{table}\nend"
    assert latex_floats_blanked(text).split("\n") == [
        "\\begin{table}", "Prose here.", " " * 14, " " * 6, " " * 12, "\\begin{table}", "end"]


def test_pandoc_paper_reads_as_pandoc_does():
    """fixtures/docs/pandoc-paper.md: the figure's `{#fig:path width=..}`, the grid table and the
    heading's `{#sec:intro}` are no prose; the lettered items belong to their lead-in; a name
    written as code opens a sentence. Counts as a careful reader makes them."""
    from sage_introlint.paper import load_paper
    from sage_introlint.paper.run import paper_set
    from sage_introlint.config import config_for

    path = ROOT / "fixtures" / "docs" / "pandoc-paper.md"
    source = Source(str(path), path.read_text(encoding="utf-8"))
    paper = load_paper(source, str(path.parent), paper_set(config_for(str(path.parent), None), None))
    intro = paper.section("introduction")
    assert intro.title == "Introduction"
    assert [len(p.sentences) for p in intro.doc.paragraphs] == [4, 3, 3, 2]
    assert "{#" not in intro.doc.text and "+---" not in intro.doc.text and "width" not in intro.doc.text
    assert [s.title for s in paper.sections][-1] == "Design"
    assert_literal_pieces_match(intro.doc)


def test_pandoc_blocks_keep_every_line_length():
    """Grid tables blanked and lettered markers made numeric, line by line, lengths kept; a lone
    `a.` line, a table-like line inside prose and a sentence starting "A. Smith" are left alone."""
    from sage_introlint.document.markdown_pandoc import pandoc_blocks_as_commonmark

    text = ("Lead-in:\n\n a. first\n b. second\n   goes on\n\n(a) one\n(b) two\n\n"
            "+---+---+\n| 1 | 2 |\n+===+===+\n\nprose +---+---+ here\n\na. alone\n\nA. Smith wrote it.\n")
    out = pandoc_blocks_as_commonmark(text)
    assert [len(line) for line in out.split("\n")] == [len(line) for line in text.split("\n")]
    assert out.split("\n")[2:8] == [" 1. first", " 2. second", "   goes on", "", "1)  one", "2)  two"]
    assert out.split("\n")[9:12] == [" " * 9, " " * 9, " " * 9]
    assert "prose +---+---+ here" in out and "a. alone" in out and "A. Smith wrote it." in out


def test_kramdown_rfc_parts_are_read_as_its_tool_reads_them():
    """fixtures/docs/kramdown-draft.md: `--- abstract` opens the Abstract, `--- middle` and
    `--- back` are no prose, and the lines keep their lengths."""
    from sage_introlint.document.markdown_pandoc import kramdown_marks_as_headings
    from sage_introlint.paper import load_paper
    from sage_introlint.paper.run import paper_set
    from sage_introlint.config import config_for

    text = "---\ntitle: x\n---\n\n--- abstract\n\nOne. Two.\n\n--- middle\n\n# Introduction\n\nThree.\n--- abstractly\n"
    out = kramdown_marks_as_headings(text)
    assert [len(line) for line in out.split("\n")] == [len(line) for line in text.split("\n")]
    assert out.split("\n")[4] == "# Abstract  " and not out.split("\n")[8].strip()
    assert out.split("\n")[-2] == "--- abstractly"
    path = ROOT / "fixtures" / "docs" / "kramdown-draft.md"
    source = Source(str(path), path.read_text(encoding="utf-8"))
    paper = load_paper(source, str(path.parent), paper_set(config_for(str(path.parent), None), None))
    assert [s.name for s in paper.sections][:2] == ["abstract", "introduction"]
    assert [len(p.sentences) for p in paper.section("abstract").doc.paragraphs] == [2]
    assert [len(p.sentences) for p in paper.section("introduction").doc.paragraphs] == [3, 2]
    assert "middle" not in paper.section("abstract").doc.text


def test_quarto_and_myst_divs_targets_and_roles():
    """fixtures/docs/quarto-paper.md: fence lines, the `(label)=` target and a figure div (its
    caption too) are no prose; a callout's text is; {ref}/{numref} roles are citations and
    {term}`..` keeps its words. Line lengths are kept by the rewrite."""
    from sage_introlint.document.markdown_pandoc import divs_blanked

    text = "::: {#fig-a}\n![](a.png)\n\nCaption.\n:::\n\n::: {.note}\nSeen.\n:::\n(t-x)=\n:::{figure} b.png\n:name: b\n\nCap.\n:::\n"
    out = divs_blanked(text)
    assert [len(line) for line in out.split("\n")] == [len(line) for line in text.split("\n")]
    assert [line.strip() for line in out.split("\n")] == ["", "", "", "", "", "", "", "Seen.", "", "", "", "", "", "", "", ""]
    from sage_introlint.config import config_for
    from sage_introlint.paper import load_paper
    from sage_introlint.paper.run import paper_set

    path = ROOT / "fixtures" / "docs" / "quarto-paper.md"
    source = Source(str(path), path.read_text(encoding="utf-8"))
    doc = load_paper(source, str(path.parent), paper_set(config_for(str(path.parent), None), None)).sections[0].doc
    assert [len(p.sentences) for p in doc.paragraphs] == [2, 1, 2]
    assert "working set" in doc.text and "{term}" not in doc.text and "seamless" not in doc.text
    assert_literal_pieces_match(doc)
