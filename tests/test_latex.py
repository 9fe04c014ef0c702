"""LaTeX front end: prose, positions, paragraphs, lists, footnotes, \\input and bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sage_introlint.document.latex import parse_latex
from sage_introlint.document.model import Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "latex"
CORPUS = ROOT.parent / "shared" / "corpus"


def parse(text: str, path: str = "intro.tex"):
    return parse_latex(Source(path, text), ".")


def parse_file(relative: str):
    path = FIXTURES / relative
    return parse_latex(Source(str(path), path.read_text(encoding="utf-8")), str(path.parent))


def where(doc, word: str, nth: int = 0) -> tuple[str, int, int]:
    """(file name, line, column) of the nth occurrence of `word` in the plain text."""
    offset = -1
    for _ in range(nth + 1):
        offset = doc.text.index(word, offset + 1)
    position = doc.position(offset)
    return os.path.basename(position.path), position.line, position.column


def paragraph_texts(doc) -> list[str]:
    return [doc.slice(paragraph.span) for paragraph in doc.paragraphs]


def assert_literal_pieces_match(doc) -> None:
    for piece in doc.source_map.pieces:
        plain = doc.text[piece.plain_start : piece.plain_end]
        if piece.literal:
            assert piece.source.text[piece.src_start : piece.src_end] == plain


# ---- positions of words after markup


def test_word_after_cite_and_tilde_keeps_its_column():
    doc = parse("Schedulers fail~\\cite{a,b} under load.\n")
    assert doc.text == "Schedulers fail [1] under load."
    assert where(doc, "under") == ("intro.tex", 1, 28)
    assert not doc.source_map.is_checkable(doc.text.index("[1]"), doc.text.index("[1]") + 3)
    assert doc.source_map.is_checkable(0, 10)


def test_words_inside_emph_and_textbf_are_literal_and_exact():
    doc = parse("We add \\emph{lazy} paging and \\textbf{eager flush} too.\n")
    assert doc.text == "We add lazy paging and eager flush too."
    assert where(doc, "lazy") == ("intro.tex", 1, 14)
    assert where(doc, "paging") == ("intro.tex", 1, 20)
    assert where(doc, "flush") == ("intro.tex", 1, 45)


def test_comment_line_inside_a_paragraph_is_skipped_without_splitting_it():
    doc = parse("The first line\n% a note to a co-author\ncontinues here.\n")
    assert doc.text == "The first line\ncontinues here."
    assert len(doc.paragraphs) == 1
    assert where(doc, "continues") == ("intro.tex", 3, 1)


def test_comment_at_end_of_line_never_reaches_the_text():
    doc = parse("Tail text % revolutionary remark\nand more.\n")
    assert "revolutionary" not in doc.text
    assert doc.text == "Tail text and more."


def test_ieeeparstart_joins_the_drop_cap_with_real_positions():
    doc = parse("\\IEEEPARstart{T}{he} queue grows.\n")
    assert doc.text.startswith("The queue")
    assert where(doc, "T") == ("intro.tex", 1, 15)
    assert where(doc, "he") == ("intro.tex", 1, 18)
    assert where(doc, "queue") == ("intro.tex", 1, 22)


def test_ieeeparstart_with_bare_second_letter():
    doc = parse("\\IEEEPARstart{T}he queue grows.\n")
    assert doc.text.startswith("The queue")
    assert where(doc, "queue") == ("intro.tex", 1, 20)


def test_replacements_for_dashes_quotes_escapes_and_refs():
    doc = parse("A ``fast'' path --- 50\\% of calls, see Fig.~\\ref{f} and Eq.~\\eqref{e} \\& \\url{https://x.org/a_b}.\n")
    assert doc.text == "A “fast” path — 50% of calls, see Fig. 1 and Eq. (1) & https://x.org/a_b."
    url = doc.text.index("https")
    assert not doc.source_map.is_checkable(url, url + 5)


def test_label_produces_nothing_and_href_text_is_prose():
    doc = parse("Queues\\label{sec:q} wait. Read \\href{https://x.org}{the manual} now.\n")
    assert doc.text == "Queues wait. Read the manual now."
    assert where(doc, "manual") == ("intro.tex", 1, 57)


def test_inline_math_becomes_short_text_or_x():
    doc = parse("It is 3.1$\\times$ faster, with $\\sum_{i=1}^{n} w_i x_i + b_{\\mathrm{long}}$ terms.\n")
    assert "3.1× faster" in doc.text
    assert "with x terms" in doc.text
    times = doc.text.index("×")
    assert doc.source_map.is_checkable(times, times + 1)  # a lone sign reads as prose ("3.1× the throughput")
    neutral = doc.text.index("x terms")
    assert not doc.source_map.is_checkable(neutral, neutral + 1)  # other math stays out of reach


def test_unknown_macro_is_dropped_and_its_text_argument_kept():
    doc = parse("We \\RV{changed this} and \\centering moved on.\n")
    assert doc.text == "We changed this and moved on."


def test_known_layout_macros_with_arguments_are_not_prose():
    doc = parse("Tight\\vspace{-2mm} layout \\includegraphics[width=3cm]{plot.pdf} here.\n")
    assert doc.text == "Tight layout here."


def test_algorithm2e_and_acknowledgments_environments_are_not_prose():
    doc = parse("We schedule jobs.\n\\begin{algorithm2e}\n\\KwIn{a queue}\nPop the next job\\;\n"
                "\\caption{Scheduling}\n\\end{algorithm2e}\nThen we wait.\n\n"
                "\\begin{acks}\nFunded by DARPA.\n\\end{acks}\n"
                "\\begin{IEEEbiography}{Ana Ruiz}\nShe studied at KAIST.\n\\end{IEEEbiography}\n")
    assert doc.text.split() == "We schedule jobs. Then we wait.".split()


def test_todo_is_a_leftover_not_prose():
    doc = parse("We measured \\todo{add numbers} things.\n")
    assert doc.text == "We measured things."
    [note] = doc.leftovers
    assert note.text == "\\todo{add numbers}"
    assert (note.start.line, note.start.column, note.end.line, note.end.column) == (1, 13, 1, 31)


def test_a_note_is_quoted_as_tex_reads_it_without_its_comments():
    """`\\todo{%` then the note on the next line: the message quotes the note, not the `%`."""
    doc = parse("Logs grow.\\todo{% ask Ana\n   trim the log}\nThey shrink.\n")
    [note] = doc.leftovers
    assert note.text == "\\todo{trim the log}"
    assert (note.start.line, note.start.column, note.end.line, note.end.column) == (1, 11, 2, 17)


def test_note_with_an_author_in_brackets_and_an_own_todo_variant_are_leftovers_not_prose():
    doc = parse("Replicas vote once.\\NOTE[kim]{measure the vote} They agree.\\TODOX{fix the figure}\n")
    assert doc.text == "Replicas vote once. They agree."
    assert [note.text for note in doc.leftovers] == ["\\NOTE[kim]{measure the vote}", "\\TODOX{fix the figure}"]
    assert [(note.start.line, note.start.column) for note in doc.leftovers] == [(1, 20), (1, 60)]


def test_glossary_commands_print_the_entry_and_glsadd_prints_nothing():
    """`\\gls{key}` prints the short form (or the key when the entry is out of reach); at a
    sentence's opening it opens the sentence; `\\glsadd` prints nothing."""
    doc = parse("\\newacronym{vm}{VM}{virtual machine}\n"
                "Hosts pack each \\gls{vm} tightly \\glsadd{vm}. \\gls{vm} images share pages. "
                "\\gls{kv} entries age, and \\acrlong{vm} disks and \\glspl[hyper=false]{vm} are cheap.\n")
    assert doc.text.endswith("Hosts pack each VM tightly . VM images share pages. "
                             "Kv entries age, and virtual machine disks and VMs are cheap.")
    assert where(doc, "VM images") == ("intro.tex", 2, 47)
    from sage_introlint.document.sentences import segment

    segment(doc)
    assert [len(paragraph.sentences) for paragraph in doc.paragraphs] == [3]


def test_inline_code_commands_print_their_code_verbatim():
    """`\\lstinline|..|`, `\\lstinline{..}`, `\\Verb!..!` and `\\mintinline{lang}{..}` print the code
    (even `{`, `%` and `$` in it) and nothing of the command; a finding never points into it."""
    doc = parse("The \\lstinline|ring_put| call and \\Verb!a%b{! wrap \\mintinline{c}{q_len} and "
                "\\lstinline[language=C]{x$y}. Then it stops.\n")
    assert doc.text == "The ring_put call and a%b{ wrap q_len and x$y. Then it stops."
    assert where(doc, "ring_put") == ("intro.tex", 1, 5)
    assert where(doc, "q_len") == ("intro.tex", 1, 52)  # code is placed at its command, as `\\verb` is
    from sage_introlint.engine import check_text

    text = "\\section{Introduction}\nOur \\lstinline|very_fast| path and \\Verb|novel_io| flag are new.\n"
    assert [f.rule for f in check_text(text, "intro.tex", "intro")] == []


def test_author_inline_code_commands_and_colour_code_macros_are_code_not_notes():
    """fancyvrb's `\\CustomVerbatimCommand{\\fn}{Verb}{..}` and minted's `\\newmintinline` make
    inline-code commands of the author's; a colour macro that sets its argument in typewriter
    type (`\\textcolor{teal}{\\texttt{#1}}`) formats code names, it is no note to co-authors,
    and a word macro built on it (`\\newcommand{\\rq}{\\cfmt{run\\_queue}}`) prints its word."""
    doc = parse("\\CustomVerbatimCommand{\\fn}{Verb}{fontfamily=tt}\n\\newmintinline[py]{python}{}\n"
                "\\newcommand{\\cfmt}[1]{\\textcolor{teal}{\\texttt{#1}}}\n\\newcommand{\\rq}{\\cfmt{run\\_queue}}\n"
                "We call \\fn|pick_next| on each \\rq{} and \\py|heap.pop()| there. A \\cfmt{task} waits.\n")
    assert doc.text.endswith("We call pick_next on each run_queue and heap.pop() there. A task waits.")
    assert doc.leftovers == []
    assert where(doc, "heap.pop") == ("intro.tex", 5, 42)


def test_author_code_environments_and_short_verbatim_are_code():
    """`\\lstnewenvironment{shell}` (and fancyvrb's, minted's, tcolorbox's kinds) makes an
    environment whose body is code: no paragraph of its own, no sentence; after
    `\\DefineShortVerb{\\|}` a `|name|` in the text is inline code, printed without its bars."""
    doc = parse("\\lstnewenvironment{shell}[1][]{\\noindent}{}\n\\DefineShortVerb{\\|}\n\\begin{document}\n"
                "We start the daemon by hand:\n\n\\begin{shell}\n$ tessd --port 80 # very fast\n\\end{shell}\n\n"
                "Then |tessd| reads |cache.conf| and serves.\n\\end{document}\n")
    assert paragraph_texts(doc) == ["We start the daemon by hand:", "Then tessd reads cache.conf and serves."]
    assert where(doc, "cache.conf") == ("intro.tex", 10, 20)  # at its opening bar


def test_an_author_variant_of_a_code_environment_is_code_without_its_definition():
    """`\\begin{lstlisting-nobreak}` (or `code-block`) checked without the preamble that defines it:
    a known code environment's name with a suffix is code, no paragraph of its own."""
    doc = parse("Pairs add like this:\n\n\\begin{lstlisting-nobreak}\n> (1, 2) + (3, 4)\n\\end{lstlisting-nobreak}\n\n"
                "\\begin{code-block}\nsum = 10\n\\end{code-block}\n\nThe sum is exact.\n")
    assert paragraph_texts(doc) == ["Pairs add like this:", "The sum is exact."]


def test_a_citation_needed_mark_is_a_note_and_ends_no_word():
    """`{\\addref}` glued to a full stop, `\\citeneeded` and `\\needref{}` mark a citation still to
    add: each is a leftover note (a placeholder), and none becomes a word that joins two sentences."""
    doc = parse("Most links run TLS.{\\addref}\nTLS hides the bytes. Sizes still leak \\citeneeded.\n"
                "Timing leaks too.\\needref{} We pad both.\n")
    assert doc.text == "Most links run TLS.\nTLS hides the bytes. Sizes still leak .\nTiming leaks too. We pad both."
    assert [(n.text, n.start.line, n.start.column) for n in doc.leftovers] == [
        ("\\addref", 1, 21), ("\\citeneeded", 2, 39), ("\\needref{}", 3, 18)]
    from sage_introlint.document.sentences import segment

    segment(doc)
    assert [len(paragraph.sentences) for paragraph in doc.paragraphs] == [5]


def test_the_fixme_packages_notes_are_notes_after_a_full_stop_too():
    """`\\fxnote{..}` and `\\fxwarning{..}` (the fixme package) are notes to co-authors wherever they
    stand, also right after a sentence's full stop: their words are never prose."""
    doc = parse("Queues drain fast. \\fxnote{Give the rate}\n\n... \\fxwarning{Say more here}\n")
    assert paragraph_texts(doc) == ["Queues drain fast.", "..."]
    assert [(n.text, n.start.line, n.start.column) for n in doc.leftovers] == [
        ("\\fxnote{Give the rate}", 1, 20), ("\\fxwarning{Say more here}", 3, 5)]


def test_let_names_a_glossary_command_and_a_def_wraps_newacronym():
    """`\\let\\ac\\acrshort` then `\\ac{vm}` prints the entry, as `\\acrshort{vm}` would; entries
    made through `\\def\\abbr#1#2{\\newacronym{#1}{#1}{#2}}` are read; `\\printglossaries` prints
    nothing."""
    doc = parse("\\def\\abbr#1#2{\\newacronym{#1}{#1}{#2}}\n\\abbr{VM}{virtual machine}\n\\let\\ac\\acrshort\n"
                "\\begin{document}\nEach \\ac{VM} boots fast. The \\acrfull{VM} disk is cached.\n\n\\printglossaries\n\\end{document}\n")
    assert paragraph_texts(doc) == ["Each VM boots fast. The virtual machine (VM) disk is cached."]
    assert where(doc, "VM boots") == ("intro.tex", 5, 6)


def test_a_section_file_reads_the_preamble_of_the_main_file_that_includes_it():
    """`sections/intro.tex` checked alone knows what `main.tex` (which `\\input`s it) defines in its
    preamble and in a local package (`\\usepackage{tessera}` -> tessera.sty): a note macro is a
    note, a word macro its word, an alias of a glossary command prints the entry. A file the main
    file does not include gets none of it."""
    doc = parse_file("main_file/sections/intro.tex")
    assert doc.text == ("Flash caches wear out. Tessera spreads writes over each solid-state drive (SSD) in a rack.\n"
                        "Every SSD then ages at one rate.")
    [note] = doc.leftovers
    assert (note.text, note.start.line, note.start.column) == ("\\ana{cite the wear study}", 3, 1)
    assert parse_file("main_file/sections/notes.tex").text.startswith("Sys is not included")


def test_author_macro_with_an_optional_argument_takes_it_and_its_groups():
    """`\\newcommand{\\term}[2][x]{\\emph{#2}}`: `\\term[a]{queue}` prints its second argument;
    a note macro with an optional argument (`\\RZ[Ana]{..}`) is one note."""
    doc = parse("\\newcommand{\\term}[2][x]{\\emph{#2}}\n\\newcommand{\\RZ}[2][]{\\textcolor{red}{RZ: #2}}\n"
                "A \\term[a]{queue} holds jobs. \\RZ[Ana]{say which jobs} Workers drain it.\n")
    assert doc.text.endswith("A queue holds jobs. Workers drain it.")
    assert where(doc, "queue") == ("intro.tex", 3, 12)
    [note] = doc.leftovers
    assert (note.text, note.start.line, note.start.column) == ("\\RZ[Ana]{say which jobs}", 3, 31)


# ---- scope


def test_scope_runs_from_introduction_to_next_section_and_starts_at_heading():
    doc = parse("Preface text.\n\n\\section{Introduction}\nInside.\n\\subsection{Part}\nStill inside.\n\\section{Design}\nOutside.\n")
    assert paragraph_texts(doc) == ["Inside.", "Still inside."]
    assert (doc.start.line, doc.start.column) == (3, 1)


def test_introduction_heading_with_label_star_and_longer_title():
    for heading in ("\\section{Introduction\\label{sec:intro}}", "\\section*{Introduction}", "\\section{Introduction and Motivation}"):
        doc = parse("Before.\n\n  " + heading + "\nInside.\n\\section{Next}\nAfter.\n")
        assert paragraph_texts(doc) == ["Inside."], heading
        assert (doc.start.line, doc.start.column) == (3, 3)


def test_two_introduction_sections_in_a_row_are_both_read():
    doc = parse("\\section{Introduction-Draft}\nOld text.\n\\section{Introduction}\nNew text.\n\\section{Design}\nNo.\n")
    assert paragraph_texts(doc) == ["Old text.", "New text."]


def test_without_heading_the_document_body_is_checked():
    doc = parse("\\documentclass{article}\n\\title{T}\n\\begin{document}\nBody text.\n\\end{document}\nAfter end.\n")
    assert paragraph_texts(doc) == ["Body text."]
    assert (doc.start.line, doc.start.column) == (1, 1)


def test_full_paper_fixture():
    doc = parse_file("full_paper.tex")
    assert doc.problems == []
    assert (doc.start.line, doc.start.column) == (11, 1)
    assert len(doc.paragraphs) == 4
    texts = paragraph_texts(doc)
    assert texts[0].startswith("Batch schedulers") and texts[0].endswith("first come order.")
    assert texts[1].startswith("Operators tune")  # \paragraph{Setting.} is a heading
    assert "Setting" not in doc.text
    assert "the compute cost, and\nx\nso the loop never closes." in texts[1]  # display math keeps it whole
    assert texts[3] == "We leave fairness for later — it needs its own study."
    for outside in ("abstract", "figure", "background", "ignored", "note"):
        assert outside not in doc.text.lower()
    assert where(doc, "rarely") == ("full_paper.tex", 14, 61)
    assert where(doc, "They") == ("full_paper.tex", 16, 1)
    assert_literal_pieces_match(doc)


# ---- paragraphs, lists, run-in headings, footnotes


def test_paragraphs_split_on_blank_lines_and_par():
    doc = parse("One.\n\nTwo.\n   \nThree. \\par Four.\n\n\n\nFive.\n")
    assert paragraph_texts(doc) == ["One.", "Two.", "Three.", "Four.", "Five."]
    assert "\n\n".join(paragraph_texts(doc)) == doc.text


def test_blank_line_after_a_comment_line_still_ends_the_paragraph():
    doc = parse("One.\n% note\n\nTwo.\n")
    assert paragraph_texts(doc) == ["One.", "Two."]


def test_list_after_a_paragraph_belongs_to_it():
    doc = parse("We contribute:\n\\begin{enumerate}[label=(\\roman*)]\n\\item A model.\n\\item[(b)] A planner.\n\\end{enumerate}\n\nNext paragraph.\n")
    assert len(doc.paragraphs) == 2
    first = doc.paragraphs[0]
    assert first.list_kind == "ordered"
    assert [doc.slice(block.span) for block in first.blocks] == ["We contribute:", "A model.", "A planner."]
    assert [block.item for block in first.blocks] == [False, True, True]
    assert [doc.slice(item) for item in first.items] == ["A model.", "A planner."]
    assert "roman" not in doc.text and "(b)" not in doc.text
    assert where(doc, "planner") == ("intro.tex", 4, 14)


def test_itemize_and_description_are_bullets_and_text_after_list_continues_the_paragraph():
    doc = parse("Lead in:\n\\begin{itemize}\n\\item one\n\\end{itemize}\nand after.\n\n\\begin{description}\n\\item[Term] two\n\\end{description}\n")
    assert [p.list_kind for p in doc.paragraphs] == ["bullet", "bullet"]
    assert [doc.slice(b.span) for b in doc.paragraphs[0].blocks] == ["Lead in:", "one", "and after."]
    assert [doc.slice(b.span) for b in doc.paragraphs[1].blocks] == ["two"]  # a list alone forms a paragraph
    assert "Term" not in doc.text


def test_list_after_a_blank_line_still_belongs_to_the_paragraph_before_it():
    doc = parse("A paragraph.\n\n\\begin{itemize}\n\\item joined\n\\end{itemize}\n")
    assert [p.list_kind for p in doc.paragraphs] == ["bullet"]
    assert [doc.slice(b.span) for b in doc.paragraphs[0].blocks] == ["A paragraph.", "joined"]


def test_list_after_a_heading_starts_its_own_paragraph():
    doc = parse("A paragraph.\n\n\\paragraph{Contributions.}\n\\begin{itemize}\n\\item alone\n\\end{itemize}\n")
    assert [p.list_kind for p in doc.paragraphs] == [None, "bullet"]


def test_display_math_and_figures_do_not_split_a_paragraph():
    doc = parse("We minimise\n\\begin{equation}\nf(x)\n\\end{equation}\nwhere f is cost.\n\\begin{figure}\\caption{Plot.}\\end{figure}\nIt ends.\n")
    assert len(doc.paragraphs) == 1
    assert "Plot" not in doc.text
    assert doc.text == "We minimise\nx\nwhere f is cost.\nIt ends."


def test_run_in_headings_are_left_out():
    doc = parse(
        "\\paragraph{Cost model.} Each job has a price.\n\n"
        "\\textbf{Planner.} It reads prices.\n\n"
        "\\begin{itemize}\n\\item \\textit{Loader.} It reads files.\n\\end{itemize}\n\n"
        "\\textbf{Bold claim} without a period.\n"
    )
    assert paragraph_texts(doc) == ["Each job has a price.", "It reads prices.\nIt reads files.", "Bold claim without a period."]
    assert [doc.slice(b.span) for b in doc.paragraphs[1].blocks] == ["It reads prices.", "It reads files."]
    assert where(doc, "Each") == ("intro.tex", 1, 25)


def test_long_bold_head_at_paragraph_start_is_a_label_at_any_length():
    doc = parse("\\textbf{Task speed does not predict how well estimates hold.} We show it.\n")
    assert paragraph_texts(doc) == ["We show it."]


def test_a_paragraph_written_wholly_in_bold_is_prose():
    doc = parse("\\textbf{Everything here is bold. Even this.}\n\nNext.\n")
    assert paragraph_texts(doc) == ["Everything here is bold. Even this.", "Next."]


def test_footnotes_are_in_text_but_not_in_paragraphs():
    doc = parse("Jobs wait.\\footnote{Often for \\emph{hours}.} Then run.\n\nSecond.\n")
    assert paragraph_texts(doc) == ["Jobs wait. Then run.", "Second."]
    assert [doc.slice(span) for span in doc.footnotes] == ["Often for hours."]
    for paragraph in doc.paragraphs:
        assert paragraph.span.end <= doc.footnotes[0].start
    assert where(doc, "hours") == ("intro.tex", 1, 37)


def test_suppression_comments_are_collected_with_lines():
    doc = parse(
        "% introlint-disable marketing-language, placeholder -- quoted on purpose\n"
        "Text.\n"
        "%introlint-enable\n"
        "  % introlint-disable-next-line sentence-length\n"
        "More text.\n"
    )
    found = [(s.action, s.rules, s.path, s.line) for s in doc.suppressions]
    assert found == [
        ("disable", ("marketing-language", "placeholder"), "intro.tex", 1),
        ("enable", (), "intro.tex", 3),
        ("disable-next-line", ("sentence-length",), "intro.tex", 4),
    ]
    assert "introlint" not in doc.text


# ---- \input


def test_input_tree_with_introduction_in_an_included_file():
    doc = parse_file("tree/main.tex")
    assert doc.problems == []
    assert doc.start.path.endswith(os.path.join("sections", "intro.tex"))
    assert (doc.start.line, doc.start.column) == (1, 1)
    texts = paragraph_texts(doc)
    assert len(texts) == 3
    assert "abstract" not in doc.text and "Related" not in doc.text
    assert where(doc, "included") == ("intro.tex", 2, 24)
    assert where(doc, "second") == ("lead.tex", 1, 5)
    assert where(doc, "loader") == ("contributions.tex", 3, 9)  # found relative to the top file
    assert doc.paragraphs[2].list_kind == "bullet"
    offset = doc.text.index("second")
    piece = next(p for p in doc.source_map.pieces if p.plain_start <= offset < p.plain_end)
    assert piece.source.path == os.path.join(str(FIXTURES), "tree", "sections", "lead.tex")
    assert_literal_pieces_match(doc)


def test_input_cycle_is_a_problem_and_reading_goes_on():
    doc = parse_file("cycle/a.tex")
    assert len(doc.problems) == 1
    problem = doc.problems[0]
    assert "already being read" in problem.message
    assert (os.path.basename(problem.position.path), problem.position.line, problem.position.column) == ("b.tex", 3, 1)
    assert paragraph_texts(doc) == ["Text in the first file.", "Text in the second file.", "Text after the cycle."]


def test_missing_input_is_a_problem_and_reading_goes_on():
    doc = parse_file("missing_input.tex")
    assert [(p.position.line, p.position.column) for p in doc.problems] == [(4, 1)]
    assert "nowhere/intro" in doc.problems[0].message and "not found" in doc.problems[0].message
    assert paragraph_texts(doc) == ["Before the missing file.", "After the missing file."]


def test_input_inside_a_paragraph_enters_at_that_point(tmp_path):
    (tmp_path / "num.tex").write_text("forty-two", encoding="utf-8")
    main = tmp_path / "main.tex"
    main.write_text("The answer is \\input{num} today.\n", encoding="utf-8")
    doc = parse_latex(Source("paper/main.tex", main.read_text(encoding="utf-8")), str(tmp_path))
    assert doc.text == "The answer is forty-two today."
    assert where(doc, "forty") == ("num.tex", 1, 1)
    assert doc.position(doc.text.index("forty")).path == os.path.join("paper", "num.tex")


# ---- bad input


@pytest.mark.parametrize(
    "fixture, line, column, words, after_line",
    [
        ("bad/unclosed_itemize.tex", 3, 1, "\\begin{itemize} at line 3 is never closed", 6),
        ("bad/unbalanced_braces.tex", 2, 23, "'{' at line 2 is never closed (unbalanced braces)", 4),
        ("bad/stray_brace.tex", 2, 25, "'}' at line 2 closes nothing (unbalanced braces)", 4),
        ("bad/unclosed_math.tex", 2, 11, "'$' at line 2 is never closed", 4),
        ("bad/unclosed_display.tex", 2, 27, "'$$' at line 2 is never closed", 4),
    ],
)
def test_bad_input_is_a_problem_at_the_opening_and_the_rest_is_read(fixture, line, column, words, after_line):
    doc = parse_file(fixture)
    assert len(doc.problems) == 1
    problem = doc.problems[0]
    assert (problem.position.line, problem.position.column) == (line, column)
    assert words in problem.message
    assert "Text after the defect." in doc.text
    assert where(doc, "after the defect") == (os.path.basename(fixture), after_line, 6)


@pytest.mark.parametrize(
    "text, message",
    [
        ("A \\end{itemize} B.\n", "\\end{itemize} at line 1 has no matching \\begin"),
        ("A \\begin{figure} B.\n", "\\begin{figure} at line 1 is never closed"),
        ("A \\begin{lstlisting} B.\n", "\\begin{lstlisting} at line 1 is never closed"),
        ("A \\(x B.\n", "'\\(' at line 1 is never closed"),
        ("A \\textbf{B.\n", "'{' at line 1 is never closed"),
    ],
)
def test_more_bad_input_keeps_the_text(text, message):
    doc = parse(text)
    assert len(doc.problems) == 1 and doc.problems[0].message.startswith(message)
    assert "B." in doc.text


@pytest.mark.parametrize(
    "text",
    ["", "\\", "{", "}", "$", "$$", "\\begin{", "\\end{", "\\item", "~~~", "%", "\\section{", "{" * 3000, "\\input{", "\\verb", "\\[", "&&", "\\begin{document}"],
)
def test_garbage_never_raises(text):
    doc = parse(text)
    assert_literal_pieces_match(doc)


# ---- invariants and the corpus


def corpus_files():
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.tex")) + [CORPUS / "09_agentbudget.md"]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_literal_pieces_equal_their_source(path):
    doc = parse_latex(Source(str(path), path.read_text(encoding="utf-8")), str(path.parent))
    assert doc.problems == []
    assert_literal_pieces_match(doc)
    for paragraph in doc.paragraphs:
        text = doc.slice(paragraph.span)
        assert text == text.strip() and "\n\n" not in text and "\\cite" not in text


def test_corpus_paragraph_counts():
    if not CORPUS.is_dir():
        pytest.skip("corpus not present")
    expected = {
        "01_orbitllm.tex": 4,
        "02_p4ml-draft.tex": 2,
        "03_multiagentol.tex": 12,
        "04_sigspatial.tex": 5,
        "05_vldb2018.tex": 9,
        "06_hpcai2023.tex": 4,
        "07_convoptgpu.tex": 10,
        "09_agentbudget.md": 8,
    }
    for name, count in expected.items():
        path = CORPUS / name
        if not path.exists():
            continue
        doc = parse_latex(Source(str(path), path.read_text(encoding="utf-8")), str(path.parent))
        assert len(doc.paragraphs) == count, name


def test_suppression_words_must_be_exact_and_a_colon_is_allowed():
    doc = parse("% introlint-disable: placeholder\n% introlint-disabled placeholder\nText.\n")
    assert [(s.action, s.rules, s.line) for s in doc.suppressions] == [("disable", ("placeholder",), 1)]


def test_nested_list_items_are_blocks_of_the_same_paragraph():
    doc = parse("Parts:\n\\begin{enumerate}\n\\item Outer\n  \\begin{itemize}\n  \\item inner\n  \\end{itemize}\n\\item Last\n\\end{enumerate}\n")
    assert len(doc.paragraphs) == 1
    paragraph = doc.paragraphs[0]
    assert paragraph.list_kind == "ordered"
    assert [doc.slice(item) for item in paragraph.items] == ["Outer", "inner", "Last"]


def test_blank_line_inside_an_item_does_not_end_the_paragraph():
    doc = parse("Lead:\n\\begin{itemize}\n\\item First part.\n\n  Second part.\n\\end{itemize}\n")
    assert len(doc.paragraphs) == 1
    assert [doc.slice(item) for item in doc.paragraphs[0].items] == ["First part. Second part."]


@pytest.mark.parametrize("text", [
    "Intro x^23 and $a_12+b^{2}$ with \\frac12 and 3.1$\\times$ more.\n\n\\IEEEPARstart{T}{he} rest.",
    "\\textit x word123 \\LaTeX is here~\\cite{k1}. \\item[a1] \\verb|b2| done.",
])
def test_reading_letter_runs_gives_the_same_document_as_pylatexenc_alone(monkeypatch, text):
    from pylatexenc import latexwalker

    from sage_introlint.document import latex_parse

    def document():
        latex_parse.parse_nodes.cache_clear()
        doc = parse_latex(Source("a.tex", text), ".")
        return doc.text, [(p.plain_start, p.src_start, p.src_end, p.literal) for p in doc.source_map.pieces]

    ours = document()
    monkeypatch.setattr(latex_parse, "_RunWalker", latexwalker.LatexWalker)
    assert document() == ours


def test_an_emphasised_statement_on_its_own_line_after_a_colon_is_prose():
    """`.. the Hypothesis:\\n\\emph{Caches forget slowly.}\\nWe test it.`: a whole emphasised line is
    the statement the colon announces, not a run-in label (before, its words were dropped); a label
    line keeps text after it (`goals:\\n\\textbf{Scale:} grow to ..`)."""
    doc = parse("We state the hypothesis:\n\\emph{caches that age forget hot keys slowly.}\nWe test it.\n\n"
                "It has two goals:\n\\textbf{Scale:} it grows to many nodes.\n")
    assert paragraph_texts(doc) == [
        "We state the hypothesis:\ncaches that age forget hot keys slowly.\nWe test it.",
        "It has two goals:\nit grows to many nodes."]


def test_math_that_prints_a_number_with_a_sign_or_a_percentile_is_prose():
    """`$1.7\\times$ the throughput` compares (baseline-named reads it), `$p_{99}$ latency` names a
    metric (the ledger reads it); a bare `$64$` stays math."""
    doc = parse("SAGE reaches $1.7\\times$ the throughput and lowers $p_{99}$ latency on $64$ GPUs.\n")
    assert doc.text == "SAGE reaches 1.7× the throughput and lowers p99 latency on 64 GPUs."
    checkable = {doc.slice(type(doc.paragraphs[0].span)(p.plain_start, p.plain_end)): p.checkable
                 for p in doc.source_map.pieces}
    assert (checkable["1.7×"], checkable["p99"], checkable["64"]) == (True, True, False)


@pytest.mark.parametrize("definition, use, printed", [
    ("\\newcommand{\\pct}[1]{#1\\%}", "saves \\pct{30} of time", "saves 30% of time"),
    ("\\newcommand{\\speedup}[1]{#1$\\times$}", "reaches \\speedup{1.9} the throughput", "reaches 1.9× the throughput"),
    ("\\newcommand{\\ms}[1]{#1\\,ms}", "costs \\ms{2} more", "costs 2 ms more"),
    ("\\newcommand{\\layer}[2]{\\texttt{#1} (L#2)}", "from \\layer{sage-common}{1} up", "from sage-common (L1) up"),
    # a reference macro keeps printing its argument only (a key, not a number with a unit)
    ("\\newcommand{\\secref}[1]{Section~\\ref{#1}}", "as \\secref{sec:x} shows", "as sec:x shows"),
])
def test_number_macros_print_their_units(definition, use, printed):
    doc = parse_latex(Source("intro.tex", f"{definition}\n\\section{{Introduction}}\nSAGE {use}. It is fine.\n"), ".")
    assert doc.text.startswith(f"SAGE {printed}.")
