"""Properties over generated Markdown and LaTeX drafts (hypothesis).

For any document built from the fragments below: checking never raises; every finding points
inside the file; a marketing-language finding points at source text that really is the term;
the result is the same on a second run and whatever the order of the files given.
"""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sage_introlint.engine import check_paths, check_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Buzzwords of the shipped pack and the stem a finding's source text must start with.
BUZZWORDS = {"seamless": "seamless", "seamlessly": "seamless", "leverages": "leverag", "leverage": "leverag",
             "revolutionary": "revolution", "cutting-edge": "cutting", "very": "very", "groundbreaking": "groundbreak"}
STEMS = tuple(sorted(set(BUZZWORDS.values())))
WORDS = ["the", "system", "schedules", "requests", "on", "GPUs", "and", "pipelines", "run", "faster", "SAGE",
         "e.g.", "i.e.", "et", "al.", "Fig.", "3.1x", "v0.4.2", "RAG", "(SLO)", "control", "plane", "控制平面",
         "データ", "TODO", "2.5x", "vs.", "it", "works.", "done!", "What?", "...", "50%", *BUZZWORDS]
CJK = ["控制平面", "数据流", "です", "한국어"]

word = st.sampled_from(WORDS)


def markdown_inline():
    return st.one_of(
        word, word, word,
        word.map(lambda w: f"**{w}**"), word.map(lambda w: f"*{w}*"), word.map(lambda w: f"_{w}_"),
        word.map(lambda w: f"[{w}](http://example.org/{len(w)})"), word.map(lambda w: f"`{w}`"),
        st.sampled_from(["$x$", "$O(n^2)$", "$3.1\\times$", "\\cite{key}", "[@key]", "~", "[^1]", "&amp;",
                         "<br>", "{", "}", "\\", "$", "\\emph{x}", "<!-- note -->", "http://u.example/x"]),
        st.sampled_from(CJK),
    )


def latex_inline():
    return st.one_of(
        word, word, word,
        word.map(lambda w: f"\\emph{{{w}}}"), word.map(lambda w: f"\\textbf{{{w}}}"),
        word.map(lambda w: f"\\footnote{{{w} note.}}"), word.map(lambda w: f"\\url{{http://example.org/{len(w)}}}"),
        st.sampled_from(["$x$", "$O(n^2)$", "3.1$\\times$", "\\cite{key}", "Sec.~\\ref{s}", "~", "\\%", "{", "}",
                         "\\", "$", "%", "% introlint-disable marketing-language\n", "\\\\", "--", "``q''"]),
        st.sampled_from(CJK),
    )


def sentence(inline):
    return st.lists(inline, min_size=1, max_size=12).map(" ".join).map(lambda s: s + st_end(s))


def st_end(text: str) -> str:
    return "" if text.endswith((".", "!", "?")) else "."


def paragraph(inline):
    return st.lists(sentence(inline), min_size=1, max_size=5).flatmap(
        lambda sents: st.sampled_from([" ", "\n"]).map(lambda sep: sep.join(sents)))


def markdown_block():
    inline = markdown_inline()
    return st.one_of(
        paragraph(inline), paragraph(inline),
        st.sampled_from(["# Introduction", "## Background", "### Paragraph 2", "# Related work"]),
        st.lists(sentence(inline), min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
        st.lists(sentence(inline), min_size=1, max_size=3).map(
            lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
        st.lists(sentence(inline), min_size=1, max_size=3).map(lambda items: "\n".join("  " * n + f"- {i}" for n, i in enumerate(items))),
        st.sampled_from(["<!-- a comment -->", "<!-- introlint-disable-next-line marketing-language -->",
                         "```\ncode\n```", "$$\nx + y\n$$", "> quoted text.", "---"]),
        sentence(inline).map(lambda s: f"[^1]: {s}"),
    )


def latex_block():
    inline = latex_inline()
    return st.one_of(
        paragraph(inline), paragraph(inline),
        st.sampled_from(["\\section{Introduction}", "\\section*{Background}", "\\subsection{Goals}",
                         "\\paragraph{Cost model.}", "% a comment", "\\begin{figure}x\\end{figure}",
                         "\\[ x + y \\]", "\\begin{equation}x\\end{equation}", "\\label{sec:intro}"]),
        st.lists(sentence(inline), min_size=1, max_size=4).map(
            lambda items: "\\begin{itemize}\n" + "\n".join(f"\\item {i}" for i in items) + "\n\\end{itemize}"),
        st.lists(sentence(inline), min_size=1, max_size=3).map(
            lambda items: "\\begin{enumerate}\n" + "\n".join(f"\\item {i}" for i in items) + "\n\\end{enumerate}"),
    )


def document(block):
    return st.lists(block, min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n")


markdown_documents = document(markdown_block())
latex_documents = document(latex_block())


def source_slice(lines: list[str], finding) -> str:
    if finding.line == finding.end_line:
        return lines[finding.line - 1][finding.column - 1:finding.end_column - 1]
    middle = lines[finding.line:finding.end_line - 1]
    return "\n".join([lines[finding.line - 1][finding.column - 1:], *middle,
                      lines[finding.end_line - 1][:finding.end_column - 1]])


def assert_findings_sane(text: str, path: str, findings) -> None:
    lines = text.split("\n")
    for finding in findings:
        assert finding.path == path, finding
        for line, column in ((finding.line, finding.column), (finding.end_line, finding.end_column)):
            assert 1 <= line <= len(lines), finding
            assert 1 <= column <= len(lines[line - 1]) + 1, finding
        assert (finding.line, finding.column) <= (finding.end_line, finding.end_column), finding
        if finding.rule == "marketing-language" and finding.message.startswith('"') and "!" not in finding.message[:4]:
            found = source_slice(lines, finding).lower()
            assert found.startswith(STEMS), (finding, found)


@SETTINGS
@given(markdown_documents)
def test_markdown_findings_point_inside_the_file_at_the_term(text):
    findings = check_text(text, "draft.md")
    assert_findings_sane(text, "draft.md", findings)
    assert check_text(text, "draft.md") == findings


@SETTINGS
@given(latex_documents)
def test_latex_findings_point_inside_the_file_at_the_term(text):
    findings = check_text(text, "draft.tex")
    assert_findings_sane(text, "draft.tex", findings)
    assert check_text(text, "draft.tex") == findings


@SETTINGS
@given(st.sampled_from(["draft.md", "draft.tex"]), st.text(max_size=300))
def test_arbitrary_text_never_raises(path, text):
    text = text.replace("\r", "\n")
    assert_findings_sane(text, path, check_text(text, path))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(markdown_documents.map(lambda t: ("md", t)), latex_documents.map(lambda t: ("tex", t))),
                min_size=2, max_size=4), st.randoms())
def test_check_paths_is_independent_of_file_order(documents, random):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, (suffix, text) in enumerate(documents):
            path = os.path.join(folder, f"intro{index}.{suffix}")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            paths.append(path)
        first = check_paths(paths)
        shuffled = list(paths)
        random.shuffle(shuffled)
        second = check_paths(shuffled)
    assert first.findings == second.findings
    assert sorted(first.errors) == sorted(second.errors)
    assert sorted(first.checked) == sorted(second.checked)


# Examples hypothesis found (or that sit next to them), kept as plain tests.


@pytest.mark.parametrize("text, line, column", [
    ("# Introduction\n\nSome words \x00 and a revolutionary design.\n", 3, 20),   # NUL -> U+FFFD
    ("# Introduction\n\nTom &amp; Jerry is a revolutionary design.\n", 3, 22),    # entity decoded
    ("# Introduction\n\nA&#x41; is a revolutionary design.\n", 3, 14),
])
def test_markdown_normalised_text_keeps_term_positions(text, line, column):
    found = [(f.line, f.column) for f in check_text(text, "draft.md") if f.rule == "marketing-language"]
    assert found == [(line, column)]
