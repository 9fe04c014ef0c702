"""The editor's incremental re-check gives exactly a full check's findings, positions included.

Each fixture and corpus document is edited step by step, as an author types: every kind of edit
in EDITS once (a word replaced, removed or typed in, a sentence with a citation added,
paragraphs split, joined, duplicated or dropped), in a random order, at random places, with
marketing words, short forms, numbers and non-ASCII text put in. After every step the
`IncrementalChecker`, which keeps what it found per paragraph from the steps before, must
report what a fresh full check reports.
"""

from __future__ import annotations

import dataclasses
import random
import re
from pathlib import Path

import pytest
from pylatexenc.latexwalker import LatexNode
from pylatexenc.macrospec import ParsedMacroArgs

from sage_introlint.checker import Checker
from sage_introlint.config import config_for
from sage_introlint.document.model import Source
from sage_introlint.incremental import IncrementalChecker

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
WORDS = ["seamless", "novel", "TODO", "we", "system", "latency", "vLLM", "Ray Serve", "truly", "e.g.",
         "(1)", "12", "GPU", "state-of-the-art", "however", "unlike", "très", "\U0001F600"]
WORD = re.compile(r"[^\W_][\w'-]*")


EDITS = ("replace a word", "drop a word", "add a sentence", "split a paragraph", "join two paragraphs",
         "duplicate a paragraph", "drop a paragraph", "type anywhere")


def _edit(text: str, rng: random.Random, latex: bool, kind: str) -> str:
    """One edit of `kind` an author could make, at a random place (typing anywhere when the
    document has nothing the kind needs, e.g. no second paragraph to join)."""
    words = list(WORD.finditer(text))
    breaks = [m.start() for m in re.finditer(r"\n\n", text)]
    ends = [m.end() for m in re.finditer(r"\.(?= )", text)]
    if kind == "replace a word" and words:
        word = rng.choice(words)
        return text[:word.start()] + rng.choice(WORDS) + text[word.end():]
    if kind == "drop a word" and words:
        word = rng.choice(words)
        return text[:word.start()] + text[word.end():].lstrip(" ")
    if kind == "add a sentence" and ends:
        at = rng.choice(ends)
        cite = "~\\cite{k1}" if latex else " [3]"
        return text[:at] + f" We measure it again{cite}." + text[at:]
    if kind == "split a paragraph" and ends:
        at = rng.choice(ends)
        return text[:at] + "\n\n" + text[at:].lstrip(" ")
    if kind == "join two paragraphs" and breaks:
        at = rng.choice(breaks)
        return text[:at] + " " + text[at + 2:]
    if kind in ("duplicate a paragraph", "drop a paragraph") and len(breaks) > 1:
        first, second = sorted(rng.sample(breaks, 2))
        piece = text[first:second]
        return text[:second] + piece + text[second:] if kind == "duplicate a paragraph" else text[:first] + text[second:]
    at = rng.randrange(len(text) + 1)  # type anywhere
    return text[:at] + rng.choice(WORDS) + " " + text[at:]


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".tex"))


def _same_as_full_checks(path: Path, edits_per_check: int = 1) -> int:
    """Make each kind of EDITS once to `path`, in an order and at places drawn from a generator
    seeded by its name; before the first edit and after every `edits_per_check` edits (an editor
    re-checks after a pause, so one re-check often sees several edits), the incremental and the
    full findings must be equal. Returns how many paragraph results the incremental checker reused."""
    rng = random.Random(path.name)
    folder, text = str(path.parent), path.read_text(encoding="utf-8")
    config = config_for(folder)
    incremental, full = IncrementalChecker(), Checker()
    kinds = rng.sample(EDITS, len(EDITS))
    groups = [kinds[at:at + edits_per_check] for at in range(0, len(kinds), edits_per_check)]
    for step, group in enumerate([[], *groups]):
        for kind in group:
            text = _edit(text, rng, path.suffix == ".tex", kind)
        expected = full.check_source(Source(str(path), text), config, None, folder)
        assert incremental.check_source(Source(str(path), text), config, None, folder) == expected, (
            f"{path.name}, re-check {step}: {', '.join(group) or 'no edit'}")
    return incremental.memo.hits


# Every fixture and every corpus document gets every kind of edit (one editing session each, so
# the memo carries over from edit to edit). FAST runs in every landing's quick suite, re-checked
# after each edit; the rest of the fixtures and the corpus are `slow`, run by .ci/run, re-checked
# after every two edits (each re-check is a full check too, the answer key: ~20 CPU-s a run when
# every edit was re-checked alone, which FAST still does).
FAST = ["clean-intro.md", "planted-intro.tex", "planted-intro.md", "clean-paragraph.md", "planted-outline.md"]


@pytest.mark.parametrize("name", FAST)
def test_random_edits(name):
    reused = _same_as_full_checks(ROOT / "fixtures" / "docs" / name)
    if "intro" in name:  # (an outline or a one-paragraph answer has little or nothing to reuse)
        assert reused > 0  # the memo was used: the comparison above is not a full check against itself


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in _documents(ROOT / "fixtures" / "docs") if p.name not in FAST],
                         ids=lambda p: p.name)
def test_random_edits_of_every_other_fixture(path):
    _same_as_full_checks(path, edits_per_check=2)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
@pytest.mark.parametrize("path", _documents(CORPUS) if CORPUS.is_dir() else [], ids=lambda p: p.name)
def test_random_edits_of_the_corpus(path):
    _same_as_full_checks(path, edits_per_check=2)


def test_a_one_word_edit_reuses_the_other_paragraphs():
    path = ROOT / "fixtures" / "docs" / "clean-intro.md"
    text = path.read_text(encoding="utf-8")
    checker = IncrementalChecker()
    config = config_for(str(path.parent))
    checker.check_source(Source(str(path), text), config, None, str(path.parent))
    misses = checker.memo.misses
    paragraphs = text.split("\n\n")
    paragraphs[3] = paragraphs[3].replace(" the ", " this ", 1)
    checker.check_source(Source(str(path), "\n\n".join(paragraphs)), config, None, str(path.parent))
    assert checker.memo.hits > 0
    assert checker.memo.misses - misses < checker.memo.hits  # only the edited paragraph is recomputed


# --- the Markdown re-read of one edited block (document/reread.py) ------------------------------

from sage_introlint.document import markdown  # noqa: E402
from sage_introlint.document.reread import MarkdownReads  # noqa: E402

INSIDE = ["quick", "très", "\U0001F600", "**bold**", "`code`", "[3]", "$x$", "e.g.", "(1)", "-", "* x", "1.", "|",
          "<!-- introlint-disable -->", "[^1]", "\\begin{itemize}"]
STRUCTURE = ["\n\n", "\n# Heading\n", "\n- item\n", "\n```\n", "\n1. first\n", "\n---\n", "\n> quote\n", "\n| a | b |\n|---|---|\n"]


def _same_read(reads: MarkdownReads, source: Source) -> None:
    """A spliced re-read of `source` equals a full read: the same nodes (offsets, lines, chunks),
    problems, suppressions and footnotes. (Where `reads` read it whole, it called the answer key
    itself, `markdown.read_nodes(source)`: nothing to compare.)"""
    full_reads = reads.full
    reader, nodes, start = reads.read(source)
    if reads.full > full_reads:
        return
    full_reader, full_nodes, full_start = markdown.read_nodes(source)
    assert (nodes, start) == (full_nodes, full_start)
    assert (reader.source, reader.problems, reader.suppressions) == (source, full_reader.problems,
                                                                     full_reader.suppressions)
    assert (reader.footnotes, reader.referenced_footnotes) == (full_reader.footnotes, full_reader.referenced_footnotes)


def _markdown_documents() -> list[Path]:
    found = [p for p in _documents(ROOT / "fixtures" / "docs") if p.suffix == ".md"]
    return found + ([p for p in _documents(CORPUS) if p.suffix == ".md"] if CORPUS.is_dir() else [])


def test_a_re_read_block_equals_a_full_read():
    """Random edits of every Markdown fixture (and corpus draft): inside a paragraph, or ones that
    change the block structure (a blank line, a heading, a list, a fence...), each read both ways."""
    rng, spliced = random.Random(7), 0
    for path in _markdown_documents():
        text, reads = path.read_text(encoding="utf-8"), MarkdownReads()
        _same_read(reads, Source(str(path), text))
        for _ in range(12):
            at = rng.randrange(len(text) + 1)
            typed = rng.choice(STRUCTURE if rng.random() < 0.25 else INSIDE)
            if rng.random() < 0.5:
                word = next(WORD.finditer(text, at), None)
                at, end = (word.start(), word.end()) if word else (at, at)
                text = text[:at] + typed + text[end:]
            else:
                text = text[:at] + typed + " " + text[at:]
            _same_read(reads, Source(str(path), text))
        spliced += reads.spliced
    assert spliced >= 30  # the splice was taken (45 of 240 edits), not always the full read


def test_an_edit_before_a_note_keeps_the_note():
    """A raw LaTeX note (`\\todo{..}`) in a later paragraph of a Markdown draft is a left-over the
    placeholder rule reports; an edit in an earlier paragraph is spliced and moves that paragraph's
    node, which must keep its note (it once lost it: the finding went missing)."""
    path = ROOT / "fixtures" / "docs" / "clean-intro.md"
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    paragraphs[3] = paragraphs[3].replace(".\n", ". \\todo{JL: check this number}\n", 1)
    text = "\n\n".join(paragraphs)
    assert "\\todo" in text
    reads, config, folder = MarkdownReads(), config_for(str(path.parent)), str(path.parent)
    incremental = IncrementalChecker()
    incremental.reads = reads
    first = incremental.check_source(Source(str(path), text), config, None, folder)
    assert any(f.rule == "placeholder" and f.line == text[:text.index("\\todo")].count("\n") + 1 for f in first)
    text = text.replace(" the ", " a ", 1)  # in the first paragraphs, before the note
    assert text.index(" a ") < text.index("\\todo")
    found = incremental.check_source(Source(str(path), text), config, None, folder)
    assert reads.spliced == 1
    assert found == Checker().check_source(Source(str(path), text), config, None, folder)


def test_what_a_paragraph_edit_re_reads():
    path = ROOT / "fixtures" / "docs" / "clean-intro.md"
    text = "Caf\u00e9 \U0001F600 intro.\n\n" + path.read_text(encoding="utf-8")
    reads, config, folder = MarkdownReads(), config_for(str(path.parent)), str(path.parent)
    full, incremental = Checker(), IncrementalChecker()
    incremental.reads = reads
    edits = [
        (" the ", " a wholly new \u00e9l\u00e8ve and ", "spliced"),  # inside a paragraph, after non-ASCII
        (" a wholly new ", " a\nwholly new ", "full"),  # one more line
        ("Existing systems", "Existing\n\nsystems", "full"),  # a new blank line: a new paragraph
        ("Existing", "# Existing", "full"),  # a heading
        ("Existing", "- Existing", "full"),  # a list
        ("SAGE is designed", "SAGE is truly designed", "spliced"),
    ]
    incremental.check_source(Source(str(path), text), config, None, folder)
    for old, new, how in edits:
        assert old in text
        text = text.replace(old, new, 1)
        before = (reads.spliced, reads.full)
        found = incremental.check_source(Source(str(path), text), config, None, folder)
        assert found == full.check_source(Source(str(path), text), config, None, folder), (old, new)
        assert (reads.spliced - before[0], reads.full - before[1]) == ((1, 0) if how == "spliced" else (0, 1)), (old, new)


def test_a_latex_edit_re_parses_one_run_and_checks_as_a_full_check():
    """An edit inside a run of LaTeX prose re-parses nothing (document/latex_reread.py); one that
    adds a macro, a line or a blank line parses the file again. Either way: a full check's findings."""
    path = ROOT / "fixtures" / "docs" / "planted-intro.tex"
    text = path.read_text(encoding="utf-8").replace("\\section", "% Caf\u00e9 \U0001F600\n\\section", 1)
    config, folder = config_for(str(path.parent)), str(path.parent)
    incremental, full = IncrementalChecker(), Checker()
    incremental.check_source(Source(str(path), text), config, None, folder)
    words = list(WORD.finditer(text))
    middle = words[len(words) // 2]
    edits = [(middle.group(), "steady", "spliced"), ("steady", "steady \\cite{k1}", "full"),
             ("steady", "ste\n\nady", "full"), ("ste\n\nady", "calm", "full"), ("calm", "calmer (e.g", "spliced")]
    for old, new, how in edits:
        before, hits = (incremental.latex_reads.spliced, incremental.latex_reads.full), incremental.memo.hits
        at = text.index(old, middle.start() - 40)
        text = text[:at] + new + text[at + len(old):]
        found = incremental.check_source(Source(str(path), text), config, None, folder)
        assert found == full.check_source(Source(str(path), text), config, None, folder), (old, new)
        made = (incremental.latex_reads.spliced - before[0], incremental.latex_reads.full - before[1])
        assert made == ((1, 0) if how == "spliced" else (0, 1)), (old, new)
        assert incremental.memo.hits > hits
    assert (incremental.reads.spliced, incremental.reads.full) == (0, 0)  # no Markdown read


def test_an_edit_in_an_input_file_checks_as_a_full_check(tmp_path):
    """The file an `\\input` reads is parsed through the same re-read: edits there (a word, a
    new paragraph, a citation) give a full check's findings, at the included file's lines."""
    (tmp_path / "main.tex").write_text("\\section{Introduction}\nLarge models serve users [1].\n\n"
                                       "\\input{body}\n\nWe conclude here.\n", encoding="utf-8")
    body = (ROOT / "fixtures" / "docs" / "planted-intro.tex").read_text(encoding="utf-8")
    body = body[body.index("\n", body.index("\\section")) + 1:].replace("\\end{document}", "")
    main, folder = tmp_path / "main.tex", str(tmp_path)
    config, incremental, full = config_for(folder), IncrementalChecker(), Checker()
    rng = random.Random(3)
    for step, kind in enumerate([None, "replace a word", "replace a word", "split a paragraph", "add a sentence",
                                 "drop a word"]):
        if kind is not None:
            body = _edit(body, rng, True, kind)
        (tmp_path / "body.tex").write_text(body, encoding="utf-8")
        source = Source(str(main), main.read_text(encoding="utf-8"))
        found = incremental.check_source(source, config, None, folder)
        assert found == full.check_source(source, config, None, folder), (step, kind)
        assert any(finding.path.endswith("body.tex") for finding in found)
    assert incremental.latex_reads.spliced >= 2


def _node_shape(value):
    """Everything a reader of pylatexenc's nodes can see, recursively (positions, text, fields)."""
    if isinstance(value, LatexNode):
        state = value.parsing_state
        return (type(value).__name__, value.pos, value.len, value.latex_verbatim(),
                (state.in_math_mode, state.math_mode_delimiter) if state else None,
                tuple((name, _node_shape(getattr(value, name))) for name in value._redundant_fields))
    if isinstance(value, (list, tuple)):
        return tuple(_node_shape(item) for item in value)
    if isinstance(value, ParsedMacroArgs):
        return type(value).__name__, tuple((name, _node_shape(item)) for name, item in sorted(vars(value).items()))
    return value


TYPED_IN_LATEX = ["quick", "x", "tr\u00e8s", "a b", "2.5", "(see", "", "we", "e.g.", "\\emph{x}", "%", "{", "}", "$x$",
                  "\n", "\n\n", "--", "~", "''", "[", "\\cite{k}", "\U0001F600"]


def _same_parses(paths: list[Path], edits: int) -> int:
    """Random edits of each LaTeX file (words, punctuation, macros, comments, braces, math, line
    breaks): the spliced nodes must equal a full parse's. Returns how many were spliced. (An edit
    `reads` cannot splice it parses with the answer key itself, `parse(text)`: nothing to compare.)"""
    from sage_introlint.document.latex_parse import parse_nodes
    from sage_introlint.document.latex_reread import LatexReads

    rng, spliced, parse = random.Random(11), 0, parse_nodes.__wrapped__
    for path in paths:
        text, reads = path.read_text(encoding="utf-8"), LatexReads()
        reads.parse(str(path), text, parse)
        for _ in range(edits):
            word = rng.choice(list(WORD.finditer(text)))
            text = text[:word.start()] + rng.choice(TYPED_IN_LATEX) + text[word.end():]
            full_parses = reads.full
            nodes = reads.parse(str(path), text, parse)
            if reads.full == full_parses:
                assert _node_shape(nodes) == _node_shape(parse(text)), path.name
        spliced += reads.spliced
    return spliced


def test_a_re_parsed_latex_run_equals_a_full_parse():
    documents = [p for p in _documents(ROOT / "fixtures" / "docs") if p.suffix == ".tex"]
    assert _same_parses(documents, 12) >= len(documents) * 4  # the splice was taken, not always the full parse


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_a_re_parsed_latex_run_of_the_corpus_equals_a_full_parse():
    documents = [p for p in _documents(CORPUS) if p.suffix == ".tex"]
    assert _same_parses(documents, 12) >= len(documents) * 3


def test_a_check_cut_anywhere_leaves_clean_caches():
    """The time budget (or a signal) can stop a check anywhere: the checker then forgets what it
    kept, so the next check starts as a new checker's would (the daemon and the server rely on it)."""
    path = ROOT / "fixtures" / "docs" / "clean-intro.md"
    text, config = path.read_text(encoding="utf-8"), config_for(str(path.parent))
    checker = IncrementalChecker()
    expected = checker.check_source(Source(str(path), text), config, None, str(path.parent))
    assert checker.memo.misses > 0 and checker.reads.last

    def cut(*args):
        raise KeyboardInterrupt

    checker.load = cut
    with pytest.raises(KeyboardInterrupt):  # (an edited text: the same one is answered unread)
        checker.check_source(Source(str(path), text + "\nMore.\n"), config, None, str(path.parent))
    assert checker.memo.misses == checker.memo.hits == 0 and not checker.reads.last and not checker.unchanged
    del checker.load
    assert checker.check_source(Source(str(path), text), config, None, str(path.parent)) == expected


def test_the_same_markdown_text_is_answered_without_a_check():
    """The same text of a Markdown file under the same config object gives the last answer, and
    adds to the result what the check added (sources, rules, notes); another config, text or a
    LaTeX file is checked."""
    from sage_introlint.results import CheckResult

    path = ROOT / "fixtures" / "docs" / "clean-intro.md"
    text, folder = "Caf\u00e9 \U0001F600 TODO.\n\n" + path.read_text(encoding="utf-8"), str(path.parent)
    config, checker, loads = config_for(folder), IncrementalChecker(), []
    original = checker.load
    checker.load = lambda *args: loads.append(1) or original(*args)
    first, again, full = CheckResult(), CheckResult(), CheckResult()
    expected = Checker().check_source(Source(str(path), text), config, None, folder, full)
    assert checker.check_source(Source(str(path), text), config, None, folder, first) == expected
    assert checker.check_source(Source(str(path), text), config, None, folder, again) == expected
    assert len(loads) == 1
    for result in (first, again):
        assert (result.sources.keys(), result.rules, result.notes) == (full.sources.keys(), full.rules, full.notes)
        assert result.sources[str(path)].text == text
    other = dataclasses.replace(config)  # a config file that changed is read as a new object
    assert checker.check_source(Source(str(path), text), other, None, folder) == expected and len(loads) == 2
    checker.check_source(Source(str(path), text + "More.\n"), other, None, folder)
    assert len(loads) == 3
    latex = ROOT / "fixtures" / "docs" / "planted-intro.tex"  # an \\input file may have changed on disk
    for _ in range(2):
        checker.check_source(Source(str(latex), latex.read_text(encoding="utf-8")), config, None, folder)
    assert len(loads) == 5
