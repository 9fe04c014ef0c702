"""YAML files that remember where each key sits, so a bad value is reported at file:line:column.

Packs and `.introlint.yaml` are written by people; an error that says "rules[3].options.min"
is worse than one that points at line 41, column 7. PyYAML's node tree carries those marks: the
file is composed once, constructed once, and the marks are kept beside the data by key path.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import ConfigError, InputError

# libyaml's parser when PyYAML was built with it (several times faster); marks are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A config or pack from a pull request is untrusted: bound what it may cost before building it.
MAX_YAML_BYTES = 1024 * 1024
MAX_DEPTH = 64  # nested mappings and lists; packs use 6
MAX_VALUES = 200_000  # values after expanding aliases ("billion laughs" reaches 10^9)


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


def read_text(path: str, display: str, what: str, confined: bool = True) -> str:
    """A config or pack file's text: a regular file of at most MAX_YAML_BYTES, UTF-8, read
    inside the repository root when `confined` (see `confinement`)."""
    from .confinement import read_bytes, read_confined

    try:
        data, size = (read_confined if confined else read_bytes)(path, MAX_YAML_BYTES, display)
    except InputError as error:
        raise ConfigError(f"cannot read {what}: {error}") from None
    if size > MAX_YAML_BYTES:
        raise ConfigError(f"{display}: {what} file over {MAX_YAML_BYTES // (1024 * 1024)} MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{display}: cannot read {what}: not UTF-8 (byte {error.start + 1})") from None


def parse_yaml(path: str, text: str) -> YamlFile:
    """Parse `text` (from `path`); malformed YAML and duplicate keys raise ConfigError with a position.

    Depth, size after alias expansion and self-containing aliases are checked before anything
    is built (see MAX_*), so a hostile file costs milliseconds, not gigabytes.
    """
    if len(text) > MAX_YAML_BYTES:
        raise ConfigError(f"{path}: over {MAX_YAML_BYTES // (1024 * 1024)} MB")
    _check_depth(path, text)
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(path, node)
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


def _check_depth(path: str, text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, reading events (libyaml's parser does not recurse)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise ConfigError(f"{path}:{mark.line + 1}:{mark.column + 1}: nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # malformed: composing reports it with its position


def _check_expansion(path: str, root) -> None:
    """Refuse aliases that expand past MAX_VALUES values or that contain themselves.

    Sizes are computed once per node (shared through aliases), depth-first without recursion.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            active.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > MAX_VALUES:
                mark = node.start_mark
                raise ConfigError(f"{path}:{mark.line + 1}:{mark.column + 1}: aliases expand to more than "
                                  f"{MAX_VALUES} values")
            continue
        if key in sizes:
            continue
        if key in active:
            mark = node.start_mark
            raise ConfigError(f"{path}:{mark.line + 1}:{mark.column + 1}: an alias refers to a value that contains it")
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
