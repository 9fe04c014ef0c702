"""The pre-commit hook's own file filter: the suffixes introlint reads as sections, nothing else.

pre-commit passes a hook the staged files whose path its `files` pattern finds (`re.search`); a
paper repository that does not narrow it (README: `files:` the paper's sections) must not get its
macro packages, class files or bibliography checked as Introductions.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sage_introlint.discover import MARKDOWN_SUFFIXES
from sage_introlint.document import LATEX_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
(HOOK,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ["paper/01_introduction.md", "intro.markdown", "paper/intro.qmd",
                                  "analysis/paper.Rmd", "sections/introduction.tex", "INTRO.TEX"])
def test_the_hook_gets_every_section_suffix(path):
    assert re.search(HOOK["files"], path)


@pytest.mark.parametrize("path", ["macros.sty", "acmart.cls", "refs.bib", "README.txt", "main.pdf",
                                  "figures/plot.tex.bak", "Makefile"])
def test_the_hook_leaves_other_files_alone(path):
    assert not re.search(HOOK["files"], path)


def test_the_filter_and_the_folder_search_know_the_same_suffixes():
    for suffix in (*MARKDOWN_SUFFIXES, *LATEX_SUFFIXES):
        assert re.search(HOOK["files"], "paper/section" + suffix), suffix
    assert "types_or" not in HOOK and "types" not in HOOK  # the pattern alone decides
