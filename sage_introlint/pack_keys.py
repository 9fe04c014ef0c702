"""The keys of a YAML mapping in a pack or config: unknown, missing and mistyped keys and unknown
choices are ConfigErrors at the key (file, line and column)."""

from __future__ import annotations

from .checks.schema import is_type, type_name
from .yamlfile import YamlFile


def check_keys(doc: YamlFile, keypath: tuple, data: dict, schema: dict, required=()) -> None:
    """Unknown keys, missing required keys and wrong types -> ConfigError at the key."""
    for key, value in data.items():
        if key not in schema:
            raise doc.error(keypath + (key,), f"unknown key {key!r}; expected one of: {', '.join(schema)}")
        if not is_type(value, schema[key]):
            raise doc.error(keypath + (key,), f"{key!r} must be {type_name(schema[key])}, not {type(value).__name__}")
    for key in required:
        if key not in data:
            raise doc.error(keypath, f"missing required key {key!r}")



def check_choice(doc: YamlFile, at: tuple, value, choices, what: str) -> None:
    if value not in choices:
        raise doc.error(at, f"unknown {what} {value!r}; expected one of: {', '.join(choices)}")
