"""Markdown papers in the shapes real drafts take (paper/01_introduction.md written with LLM help,
pandoc articles): what is prose, where sentences end. Texts are our own words."""

from __future__ import annotations

import pytest

from sage_introlint.document.latex import parse_latex
from sage_introlint.document.markdown import parse_markdown
from sage_introlint.document.model import Source
from sage_introlint.document.sentences import segment


def sentences(doc) -> list[list[str]]:
    segment(doc)
    return [[" ".join(doc.slice(s).split()) for s in p.sentences] for p in doc.paragraphs]


def md(text: str):
    return parse_markdown(Source("intro.md", text), "auto")


def test_a_capital_math_letter_before_a_period_is_no_initial():
    """`with $K$. Under load` is two sentences (`J. Smith` stays one name), in Markdown and LaTeX."""
    text = "# Introduction\n\nThe batch grows with $K$. Under load it stalls. As J. Smith notes, $N$ GPUs help.\n"
    assert [len(p) for p in sentences(md(text))] == [3]
    tex = parse_latex(Source("intro.tex", "\\section{Introduction}\nThe batch grows with $K$. Under load it stalls.\n"), ".")
    assert [len(p) for p in sentences(tex)] == [2]


def test_a_small_math_letter_that_opens_a_sentence_opens_it():
    """`a ring. $n$ nodes join` is two sentences in Markdown and LaTeX; `e.g. $n$` and `et al. $k$`
    go on, and a math letter inside a sentence stays a word of it. The finding's place is the math."""
    text = ("# Introduction\n\nWe use a ring. $n$ nodes join it.\nAs in Kim et al. $k$ peers vote, "
            "e.g. $n$ of them. Then $m$ wait.\n")
    assert [len(p) for p in sentences(md(text))] == [4]
    tex = parse_latex(Source("intro.tex", "\\section{Introduction}\nWe use a ring.\n$n$ nodes join it. All $m$ wait.\n"), ".")
    assert [len(p) for p in sentences(tex)] == [3]
    second = tex.position(tex.paragraphs[0].sentences[1].start)
    assert (second.line, second.column) == (3, 1)


def test_nested_items_without_periods_are_sentences():
    text = ("# Introduction\n\nWe keep three tiers:\n\n1. **Tiers**: a ranking of the context:\n"
            "   - **Hot**: the current turn\n   - **Cold**: old archives\n2. **Decay**: old items fade.\n")
    assert sentences(md(text)) == [["We keep three tiers:", "a ranking of the context:", "the current turn",
                                    "old archives", "old items fade."]]


def test_pandoc_table_captions_are_no_prose():
    """`: Caption` right after a grid table and `Table: Caption` right before a pipe table."""
    text = ("# Introduction\n\nTable 1 lists the sites.\n\n+------+------+\n| Site | Racks|\n+======+======+\n"
            "| A    | 4    |\n+------+------+\n:The sites we measured\n\nTable: Racks per site\n\n| Site | Racks |\n"
            "|------|-------|\n| B    | 2     |\n\nBoth sites run the same kernel.\n")
    doc = md(text)
    assert sentences(doc) == [["Table 1 lists the sites."], ["Both sites run the same kernel."]]
    assert "measured" not in doc.text and "per site" not in doc.text


def test_a_front_matter_abstract_indented_with_a_tab_is_prose(tmp_path):
    """A tab before the value's lines would make it an indented code block; the abstract is prose."""
    from sage_introlint.config import config_for
    from sage_introlint.paper import load_paper
    from sage_introlint.paper.run import paper_set

    text = "---\ntitle: A store\nabstract: |\n\tWe build a store. It keeps keys.\n---\n\n# Introduction\n\nKeys matter.\n"
    paper = load_paper(Source(str(tmp_path / "paper.md"), text), str(tmp_path),
                       paper_set(config_for(str(tmp_path), None), None))
    abstract = paper.section("abstract").doc
    assert sentences(abstract) == [["We build a store.", "It keeps keys."]]
    assert abstract.position(abstract.text.index("It keeps")).column == 20


def test_drafting_notes_after_the_introduction_are_not_read():
    text = ("# Introduction\n\nWe build a store.\n\n---\n\n## Drafting notes\n\n- **Lead with the gap.** It reads better.\n")
    assert sentences(md(text)) == [["We build a store."]]


def test_a_quoted_sentence_ending_in_a_cjk_full_stop_is_prose():
    doc = md("# Introduction\n\n> The manual says the value is undefined. 未定义。\n\nWe agree.\n")
    assert len(doc.paragraphs) == 2


def test_a_slot_tag_in_capitals_is_text_and_real_html_is_not():
    doc = md("# Introduction\n\nThe gain is <SOME>% and the loss<br>is small.\n")
    assert "<SOME>" in doc.text and "<br>" not in doc.text


def test_a_bold_head_pointing_to_its_section_is_a_run_in_label():
    """`1. **A cost model** (§3). We derive ...`: the head and its pointer (one section, a range or
    a list of them) are no sentence."""
    text = ("# Introduction\n\nWe contribute:\n\n1. **A cost model** (§3). We derive it from traces.\n"
            "2. **An evaluation** (Section 5). It covers two clusters.\n3. **A scheduler** that uses the model.\n"
            "4. **A study** (§4.1–4.2). It has two parts.\n5. **Two proofs** (Sections 6 and 7). Both are short.\n")
    assert sentences(md(text)) == [["We contribute:", "We derive it from traces.", "It covers two clusters.",
                                    "A scheduler that uses the model.", "It has two parts.", "Both are short."]]


def test_a_sentence_goes_on_after_a_display_formula():
    """`The cost is` / `$$C = ...$$` / `where $r$ is ...`: one paragraph, one sentence through the
    formula (as LaTeX reads it); a paragraph after a formula that opens in upper case is a new one."""
    text = ("# Introduction\n\nWe price each request. The cost is\n\n$$C = a \\cdot r + b$$\n\n"
            "where $r$ is the rate and $b$ a fixed fee. Lower is better.\n\n$$D = C / n$$\n\n"
            "The mean follows from it.\n")
    doc = md(text)
    assert sentences(doc) == [["We price each request.", "The cost is where r is the rate and b a fixed fee.",
                               "Lower is better."], ["The mean follows from it."]]
    where = doc.paragraphs[0].sentences[1]
    assert (doc.position(where.start).line, doc.position(where.end - 1).line) == (3, 7)


@pytest.mark.parametrize("display", [
    "\\begin{equation}\nC = a \\cdot r + b\n\\end{equation}",
    "\\begin{align*}\n  C &= a \\cdot r \\\\\n    &+ b\n\\end{align*}",
    "\\begin{equation} C = a \\cdot r + b \\end{equation}",
])
def test_a_sentence_goes_on_after_a_latex_display_in_markdown(display):
    """A raw LaTeX display (pandoc keeps it) stands where a `$$` block would: the sentence that
    leads into it goes on after it; one inside a paragraph keeps the paragraph whole."""
    text = (f"# Introduction\n\nWe price each request. The cost is\n\n{display}\n\n"
            "where $r$ is the rate. Lower is better.\n\nA fee is paid\n" + display + "\nonce per hour.\n")
    doc = md(text)
    first, second = sentences(doc)
    assert first == ["We price each request.", "The cost is where r is the rate.", "Lower is better."]
    assert len(second) == 1 and second[0].startswith("A fee is paid") and second[0].endswith("once per hour.")
    last = doc.paragraphs[1].sentences[0]
    assert doc.position(last.end - 1).line == text[: text.rindex("hour.")].count("\n") + 1


def test_a_bold_head_ended_by_a_cjk_full_stop_is_a_run_in_label():
    """`1. **模型一致性** 。` heads in a Chinese draft are labels, as `**Head**.` is."""
    text = "# 引言\n\n难点如下：\n\n1. **模型一致性难点**。旧工程使用自定义模型。\n2. **性能难点**：吞吐取决于内核。\n"
    assert sentences(md(text)) == [["难点如下：", "旧工程使用自定义模型。", "吞吐取决于内核。"]]


def test_figure_attributes_with_dotted_keys_are_no_paragraph():
    """Quarto and R Markdown figure attributes (`{#fig-x fig.pos="h" out.width=50%}`) belong to
    the image: nothing of them is a paragraph or a sentence."""
    text = ("# Introduction\n\nThe cache holds hot keys.\n\n"
            "![Hit rate over a day.](hit.png){#fig-hit fig.pos=\"h\" out.width=50%}\n\nMisses rise at noon.\n")
    assert sentences(md(text)) == [["The cache holds hot keys."], ["Misses rise at noon."]]


def test_a_run_in_head_opening_a_blockquote_is_a_label():
    """`> **RQ1.** How ...?`: a research question set as a quote is one sentence, not two."""
    text = ("# Introduction\n\nTwo questions guide us:\n\n> **RQ1.** How often do caches miss at noon?\n\n"
            "> **RQ2:** Which tier absorbs the misses?\n")
    assert sentences(md(text)) == [["Two questions guide us:"], ["How often do caches miss at noon?"],
                                   ["Which tier absorbs the misses?"]]


def test_raw_latex_layout_commands_are_no_paragraph():
    """`\\newpage` and `\\bibliography{refs}` lines that pandoc hands to LaTeX print no words, nor
    do Quarto's `{{< pagebreak >}}` lines; a note macro on a line of its own stays a note for the
    placeholder rule."""
    text = ("# Introduction\n\nWe log evictions.\n\n\\newpage\n\nThe log is short.\n\n"
            "\\bibliographystyle{plain}\n\\bibliography{refs}\n")
    assert sentences(md(text)) == [["We log evictions."], ["The log is short."]]
    quarto = md("# Introduction\n\nWe log evictions.\n\n{{< pagebreak >}}\n\n{{< include _more.qmd >}}\n\nIt is short.\n")
    assert sentences(quarto) == [["We log evictions."], ["It is short."]]
    noted = md("# Introduction\n\nWe log evictions.\n\n\\todo{cite}\n")
    assert [leftover.text for leftover in noted.leftovers] == ["\\todo{cite}"]


def test_words_after_a_display_on_its_own_lines_open_a_sentence_when_capitalised():
    """`..latency is:` / `$$L = q + s$$` / `Observe that ..` is two sentences; after the display a
    sentence that goes on (`where ..`, also written `Where ..`) stays one."""
    text = ("# Introduction\n\nThe latency is:\n$$L = q + s$$\nObserve that both terms grow.\n\n"
            "The cost is\n$$C = n k$$\nwhere $k$ is the key size.\n\nThe load is\n$$L = r t$$\nWhere $r$ is the rate.\n")
    assert [len(p) for p in sentences(md(text))] == [2, 1, 1]


def test_mkdocs_admonition_markers_are_no_prose():
    """`!!! note "Scope"` and `???+ tip` over an indented body (MkDocs sites under docs/paper/):
    the marker is no sentence and its `???` no placeholder; `??? what now` in the prose stays.
    A GitHub alert's `> [!NOTE]` marker is no word of its note."""
    text = ("# Introduction\n\nCaches forget writes.\n\n!!! note \"Scope\"\n    This draft covers one tier.\n\n"
            "The log is short.\n\n???+ tip\n    Replay is cheap.\n\nWe saw ??? cases.\n")
    doc = md(text)
    assert sentences(doc) == [["Caches forget writes."], ["The log is short."], ["We saw ??? cases."]]
    alert = md("# Introduction\n\nCaches forget writes.\n\n> [!NOTE]\n> This draft covers one tier only.\n")
    assert sentences(alert) == [["Caches forget writes."], ["This draft covers one tier only."]]


def test_a_paragraph_wholly_in_bold_that_is_a_sentence_is_prose():
    """Key claims set in bold, one per paragraph, are prose (one or two lines); a short bold
    line (`**Contributions.**`, `**Paragraph 2: Gap**`) stays a head."""
    text = ("# Introduction\n\n**Contributions.**\n\n**Paragraph 2: Gap**\n\n"
            "**Our pager keeps hot pages of each tenant in local memory.**\n\n"
            "**We place cold pages on a QZB pool\nthat three hosts share.**\n\nA plain closing line.\n")
    assert sentences(md(text)) == [["Our pager keeps hot pages of each tenant in local memory."],
                                   ["We place cold pages on a QZB pool that three hosts share."],
                                   ["A plain closing line."]]


def test_a_one_letter_code_span_before_a_period_is_no_initial():
    """`` from `A` to `B`. Typescript `` is two sentences, as `$B$.` is; `J. Smith` stays a name."""
    text = "# Introduction\n\n- An arrow maps `A` to `B`. Typescript names it. As J. Smith notes, `k` is small.\n"
    assert [len(p) for p in sentences(md(text))] == [3]


def test_an_ellipsis_after_and_is_a_pause_not_a_sentence_end():
    """`Rouse, and... Talen wrote` goes on (a pause before the last name); `planners... Burnham` ends."""
    text = "# Introduction\n\nA quick look at early planners... Burnham, Rouse, and... Talen wrote on it.\n"
    assert [len(p) for p in sentences(md(text))] == [2]
