"""A count of one reads as English: "paragraph 1 has 1 sentence", "the Introduction has 1 paragraph"."""

from __future__ import annotations

from sage_introlint.engine import check_text

ONE_SHORT_PARAGRAPH = "# Introduction\n\nWe present SAGE, a store for small objects.\n"
TWO_SHORT_PARAGRAPHS = "# Introduction\n\nWe present SAGE. It is small.\n\nIt keeps keys in memory. It is fast.\n"


def messages(text: str, rule: str) -> list[str]:
    return [f.message.split(";")[0] for f in check_text(text, path="intro.md", kind="intro") if f.rule == rule]


def test_a_count_of_one_is_singular():
    assert messages(ONE_SHORT_PARAGRAPH, "paragraph-count") == ["the Introduction has 1 paragraph"]
    assert messages(ONE_SHORT_PARAGRAPH, "sentence-count") == ["paragraph 1 has 1 sentence"]


def test_other_counts_stay_plural():
    assert messages(TWO_SHORT_PARAGRAPHS, "paragraph-count") == ["the Introduction has 2 paragraphs"]
    assert messages(TWO_SHORT_PARAGRAPHS, "sentence-count") == ["paragraph 1 has 2 sentences",
                                                                 "paragraph 2 has 2 sentences"]
