"""Fixture YAML (rule cases, expected findings, sentence tables) read with libyaml's parser when
PyYAML has it, as the package reads packs (yamlfile.py): the same data, ~10x faster than
`yaml.safe_load`'s pure-Python parser. Every worker reads ~100 of these files when it collects."""

from __future__ import annotations

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str):
    return yaml.load(text, Loader=LOADER)
