"""Pack inheritance: `extends: systems-intro` makes a pack start from another pack's rules.

Why: the structure and style rules (counts, placeholders, buzzwords, acronyms, sentence length,
readability) are the same for every systems paper; a paper's own pack adds its facts and
tightens what it needs without copying the shared YAML. Semantics, in order:

- groups: the parent's groups, then the child's (a group of the same name replaces the parent's);
- rules: the parent's rules in the parent's order; a child rule whose `id` is a parent rule's
  overrides it key by key (`options` merged option by option, so a child can change `max` and
  keep the vocabulary); a child rule with a new `id` is added after the parent's rules;
- a child rule `{id: x, drop: true}` drops the parent's rule `x`.

The parent is validated on its own first, so a mistake in it is reported in its own file. A
child entry is checked where it is written. `extends` may name a shipped pack or a YAML file
(relative to the child); a cycle is an error.
"""

from __future__ import annotations

import os

from typing import Callable

from .errors import ConfigError
from .pack_files import read_pack_yaml, resolve_pack_path
from .yamlfile import YamlFile

RuleSource = tuple[YamlFile, tuple, dict]  # (the file it is written in, its key path, the entry)


_LOADING: list[str] = []  # parents being loaded right now: a pack met again here is a cycle


def inherited_rules(doc: YamlFile, data: dict, load_pack: Callable) -> tuple[dict, list[RuleSource]]:
    """(groups, rule entries) of a pack after applying its `extends`, with where each was written.

    `load_pack(path)` is the loader's own (`pack.load_pack`), passed in so this module stays below it.
    """
    own = [(doc, ("rules", index), entry) for index, entry in enumerate(data.get("rules") or [])]
    parent_name = data.get("extends")
    if parent_name is None:
        return dict(data.get("groups") or {}), own
    if not isinstance(parent_name, str):
        raise doc.error(("extends",), "'extends' must name one pack (a pack name or a .yaml file)")
    parent_doc = _parent(doc, parent_name, load_pack)
    groups, rules = inherited_rules(parent_doc, parent_doc.data, load_pack)
    groups.update(data.get("groups") or {})
    index = {entry.get("id"): position for position, (_, _, entry) in enumerate(rules) if isinstance(entry, dict)}
    dropped: set[int] = set()
    for source in own:
        child_doc, at, entry = source
        rule_id = entry.get("id") if isinstance(entry, dict) else None
        if rule_id not in index:
            rules.append(source)
            continue
        if entry.get("drop") is True:
            dropped.add(index[rule_id])
            continue
        rules[index[rule_id]] = (child_doc, at, _merge(rules[index[rule_id]][2], entry))
    return groups, [rule for position, rule in enumerate(rules) if position not in dropped]


def _merge(parent: dict, child: dict) -> dict:
    merged = {**parent, **child}
    if isinstance(parent.get("options"), dict) and isinstance(child.get("options"), dict):
        merged["options"] = {**parent["options"], **child["options"]}
    return merged


def _parent(doc: YamlFile, name: str, load_pack: Callable) -> YamlFile:
    """The parent pack's parsed YAML, after validating it as a pack on its own."""
    base = os.path.dirname(os.path.abspath(doc.path))
    try:
        path = resolve_pack_path(name, base)
    except ConfigError as error:
        raise doc.error(("extends",), str(error)) from None
    if path in _LOADING or path == os.path.abspath(doc.path):
        raise doc.error(("extends",), f"pack {name!r} extends itself (a cycle of 'extends')")
    _LOADING.append(path)
    try:
        load_pack(path)  # the parent's own mistakes are reported in its own file
    finally:
        _LOADING.remove(path)
    return read_pack_yaml(path)
