"""`--stage` / `stage:`: marked slots are info in a draft and errors in the final paper; unmarked
placeholders are errors at both stages."""

from __future__ import annotations

import re

import pytest

from sage_introlint.config import config_for
from sage_introlint.engine import check_paths
from sage_introlint.errors import ConfigError

PACK = """\
name: staged
rules:
  - id: placeholder
    check: terms
    severity: error
    summary: No placeholder is left.
    options:
      lists:
        - message: "\\"{match}\\" is an open slot"
          regex: true
          case_sensitive: true
          stages: {draft: info, final: error}
          terms: ["\\\\[[A-Z]\\\\](?:%|x)?", "\\\\[REF:[^\\\\]\\\\n]*\\\\]"]
        - message: "\\"{match}\\" is a placeholder"
          regex: true
          case_sensitive: true
          terms: ["\\\\bTODO\\\\b"]
"""
DRAFT = "# Introduction\n\nSAGE cuts p99 latency by [X]% [REF: VLLM]. TODO: the baseline.\n"


@pytest.fixture
def paper(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "intro.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def findings(paper, stage=None, config=None):
    if config is not None:
        (paper / ".introlint.yaml").write_text(config, encoding="utf-8")
    result = check_paths([str(paper / "intro.md")], pack=str(paper / "pack.yaml"), stage=stage)
    assert not result.errors
    return [(f.line, f.column, f.severity, f.message) for f in result.findings]


def test_draft_lists_marked_slots_as_info_and_todo_as_error(paper):
    assert findings(paper) == [
        (3, 26, "info", '"[X]%" is an open slot'),
        (3, 31, "info", '"[REF: VLLM]" is an open slot'),
        (3, 44, "error", '"TODO" is a placeholder'),
    ]


def test_final_makes_every_open_slot_an_error(paper):
    assert [severity for _, _, severity, _ in findings(paper, stage="final")] == ["error"] * 3


def test_config_stage_applies_and_option_overrides_it(paper):
    assert [s for _, _, s, _ in findings(paper, config="stage: final\n")] == ["error"] * 3
    assert [s for _, _, s, _ in findings(paper, stage="draft", config="stage: final\n")] == ["info", "info", "error"]


def test_unknown_stage_in_config_is_a_config_error(tmp_path):
    (tmp_path / ".introlint.yaml").write_text("stage: camera-ready\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.introlint\.yaml:1:1: unknown stage 'camera-ready'; expected one of: draft, final"):
        config_for(str(tmp_path))


@pytest.mark.parametrize("stages, message", [
    ("{draft: info, camera: error}", "12:33: unknown key 'camera'; expected one of: draft, final"),
    ("{draft: fatal}", "12:20: 'draft' must be one of: error, warning, info; not 'fatal'"),
    ("info", "12:11: 'stages' must be a mapping, not str"),
])
def test_bad_stages_in_a_pack_are_config_errors(tmp_path, stages, message):
    from sage_introlint.pack import load_pack

    (tmp_path / "pack.yaml").write_text(PACK.replace("{draft: info, final: error}", stages), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pack\.yaml:" + re.escape(message)):
        load_pack(str(tmp_path / "pack.yaml"))
