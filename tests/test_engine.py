"""Engine: suppression comments, document-level rules, and the Python API (check_text, check_paths)."""

from __future__ import annotations

from pathlib import Path

from sage_introlint.config import Config
from sage_introlint.engine import check_paths, check_text

ROOT = Path(__file__).resolve().parent.parent
VECDB = str(ROOT / "fixtures" / "packs" / "vecdb-intro.yaml")
# Only the term rule and one document-level rule, so every expected finding is listed.
CONFIG = Config(pack=VECDB, rules={"vdb-paragraph-count": "off", "vdb-parts": "off", "vdb-placeholder": "off"})


def found(text: str, path: str = "intro.md", config: Config = CONFIG) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in check_text(text, path=path, kind="intro", config=config)]


COMPETITORS = "FAISS, Milvus and pgvector are the systems we compare with."
HYPE_LINES = [f"Quiver is blazing fast in case {n}." for n in range(1, 4)]


def test_without_comments_every_hype_word_is_reported():
    text = "\n\n".join([COMPETITORS] + HYPE_LINES) + "\n"
    assert found(text) == [("vdb-hype", 3, 11), ("vdb-hype", 5, 11), ("vdb-hype", 7, 11)]


def test_disable_enable_range():
    text = "\n\n".join([COMPETITORS, HYPE_LINES[0], "<!-- introlint-disable vdb-hype -->", HYPE_LINES[1],
                        "<!-- introlint-enable vdb-hype -->", HYPE_LINES[2]]) + "\n"
    assert found(text) == [("vdb-hype", 3, 11), ("vdb-hype", 11, 11)]


def test_bare_disable_silences_every_rule_until_enable():
    text = "\n\n".join(["# Introduction", "<!-- introlint-disable -->", HYPE_LINES[0], "<!-- introlint-enable -->",
                        HYPE_LINES[1]]) + "\n"
    # the document-level finding sits at the heading, before the bare disable: not silenced
    assert found(text) == [("vdb-competitors", 1, 1)] * 3 + [("vdb-hype", 9, 11)]


def test_enable_of_another_rule_keeps_the_disable():
    text = "\n\n".join([COMPETITORS, "<!-- introlint-disable vdb-hype -->", HYPE_LINES[0],
                        "<!-- introlint-enable vdb-competitors -->", HYPE_LINES[1]]) + "\n"
    assert found(text) == []


def test_disable_next_line_silences_only_the_next_line():
    text = (COMPETITORS + "\n\n<!-- introlint-disable-next-line vdb-hype -->\n" + HYPE_LINES[0] + "\n"
            + HYPE_LINES[1] + "\n")
    assert found(text) == [("vdb-hype", 5, 11)]


def test_disable_next_line_names_its_rule():
    text = COMPETITORS + "\n\n<!-- introlint-disable-next-line vdb-placeholder -->\n" + HYPE_LINES[0] + "\n"
    assert found(text) == [("vdb-hype", 4, 11)]


def test_document_level_rule_is_silenced_by_a_disable_anywhere():
    text = "# Introduction\n\nWe compare with FAISS only.\n\n<!-- introlint-disable vdb-competitors -->\n"
    assert found(text) == []
    assert [f.rule for f in check_text(text.replace("vdb-competitors", "vdb-hype"), "intro.md", "intro", CONFIG)] \
        == ["vdb-competitors", "vdb-competitors"]


def test_a_late_disable_does_not_silence_earlier_term_findings():
    text = COMPETITORS + "\n\n" + HYPE_LINES[0] + "\n\n<!-- introlint-disable vdb-hype -->\n"
    assert found(text) == [("vdb-hype", 3, 11)]  # a range disable is never reported as unused


def test_latex_comments_suppress_too():
    text = ("\\section{Introduction}\n" + COMPETITORS + "\n\n% introlint-disable-next-line vdb-hype\n"
            + HYPE_LINES[0] + "\n" + HYPE_LINES[1] + "\n")
    assert found(text, path="intro.tex") == [("vdb-hype", 6, 11)]


def test_input_errors_are_never_suppressed():
    text = "<!-- introlint-disable -->\n\n" + COMPETITORS + "\n\n```\nunclosed fence\n"
    assert "input-error" in [rule for rule, _, _ in found(text)]


def test_empty_document_is_one_input_error():
    assert found("") == [("input-error", 1, 1)]


def test_check_text_again_gives_the_same_findings():
    text = "\n\n".join([COMPETITORS] + HYPE_LINES) + "\n"
    assert check_text(text, "intro.md", "intro", CONFIG) == check_text(text, "intro.md", "intro", CONFIG)


def test_check_paths_reports_missing_files_and_checks_the_others(tmp_path):
    good = tmp_path / "intro.md"
    good.write_text(COMPETITORS + "\n\n" + HYPE_LINES[0] + "\n", encoding="utf-8")
    result = check_paths([str(tmp_path / "missing.md"), str(good)], kind="intro", pack=VECDB,
                         select="vdb-hype")
    assert [(f.path, f.rule, f.line, f.column) for f in result.findings] == [(str(good), "vdb-hype", 3, 11)]
    assert result.errors == [f"error: {tmp_path / 'missing.md'}: no such file"]
    assert result.checked == [str(good)] and result.failed


def test_check_paths_stdin_bytes_with_a_name(tmp_path):
    result = check_paths(["-"], kind="intro", pack=VECDB, select="vdb-hype",
                         stdin_text=(COMPETITORS + "\n\n" + HYPE_LINES[0] + "\n").encode(),
                         stdin_filename="paper/intro.md")
    assert [(f.path, f.line) for f in result.findings] == [("paper/intro.md", 3)]
    assert not result.failed


def test_check_paths_folder_honours_exclude_and_skips_included_latex():
    folder = ROOT / "fixtures" / "config" / "vecdb"
    result = check_paths([str(folder)])
    assert result.checked == [str(folder / "intro.md")]
    assert (str(folder / "drafts" / "intro.md"), "excluded by the config's exclude list") in result.skipped
    assert {f.rule for f in result.findings} == {"vdb-competitors", "vdb-hype", "vdb-placeholder"}
    assert {f.severity for f in result.findings if f.rule == "vdb-hype"} == {"warning"}
