"""YAML files that remember where each key sits, so a bad value is reported at file:line:column.

Packs and `.introlint.yaml` are written by people; an error that says "rules[3].options.min"
is worse than one that points at line 41, column 7. PyYAML's node tree carries those marks: the
file is composed once, constructed once, and the marks are kept beside the data by key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import ConfigError

# libyaml's parser when PyYAML was built with it (several times faster); marks are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlFile:
    """Parsed data plus the 1-based (line, column) of every key and list item, by key path."""

    path: str
    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, keypath: tuple = ()) -> str:
        """`path:line:col` of the deepest known prefix of `keypath` (the file alone if none)."""
        for end in range(len(keypath), -1, -1):
            mark = self.marks.get(tuple(keypath[:end]))
            if mark is not None:
                return f"{self.path}:{mark[0]}:{mark[1]}"
        return self.path

    def error(self, keypath: tuple, message: str) -> ConfigError:
        return ConfigError(f"{self.where(keypath)}: {message}")


def parse_yaml(path: str, text: str) -> YamlFile:
    """Parse `text` (from `path`); malformed YAML and duplicate keys raise ConfigError with a position."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        marks: dict[tuple, tuple[int, int]] = {}
        if node is not None:
            marks[()] = _position(node.start_mark)
            _collect_marks(loader, path, node, (), marks)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "malformed YAML"
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        raise ConfigError(f"{where}: malformed YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: malformed YAML: {error}") from None
    finally:
        loader.dispose()
    return YamlFile(path, data, marks)


def _position(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _collect_marks(loader, path: str, node, keypath: tuple, marks: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            try:
                key = loader.construct_object(key_node, deep=True)
                hash(key)
            except (TypeError, yaml.YAMLError):
                continue
            where = _position(key_node.start_mark)
            if key in seen:
                raise ConfigError(
                    f"{path}:{where[0]}:{where[1]}: duplicate key {key!r} (first at line {seen[key][0]})"
                )
            seen[key] = where
            marks[keypath + (key,)] = where
            _collect_marks(loader, path, value_node, keypath + (key,), marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            marks[keypath + (index,)] = _position(item.start_mark)
            _collect_marks(loader, path, item, keypath + (index,), marks)
