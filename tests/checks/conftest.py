"""Shared test helpers: the shipped pack as Rule objects, and documents from fixture text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from sage_introlint.document import load
from sage_introlint.document.model import Source
from sage_introlint.pack import Rule, load_pack

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "rules" / "sage-intro.yaml"
FIXTURES = ROOT / "fixtures" / "rules"
CORPUS = ROOT.parent / "shared" / "corpus"


def pack_data(path: Path = PACK) -> dict:
    """The pack's YAML as a mapping, with `extends` applied (inherited rules merged in)."""
    from sage_introlint.pack_extends import inherited_rules
    from sage_introlint.yamlfile import parse_yaml

    parsed = parse_yaml(str(path), path.read_text(encoding="utf-8"))
    groups, sources = inherited_rules(parsed, parsed.data, load_pack)
    return {**parsed.data, "groups": groups, "rules": [entry for _, _, entry in sources]}


def build_rules(path: Path = PACK) -> dict[str, Rule]:
    """The rules of the shipped pack, loaded as a user's run loads them (a broken pack fails here)."""
    return {rule.id: rule for rule in load_pack(str(path)).rules}


def with_options(rule: Rule, options: dict | None) -> Rule:
    return dataclasses.replace(rule, options={**rule.options, **options}) if options else rule


def load_text(text: str, fmt: str = "md", kind: str | None = None, name: str = "case"):
    """A Document from fixture text, through the real front ends."""
    return load(Source(f"{name}.{fmt}", text), kind or "auto", ".")


@pytest.fixture(scope="session")
def rules() -> dict[str, Rule]:
    return build_rules()


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".tex") and p.stem != "README")
