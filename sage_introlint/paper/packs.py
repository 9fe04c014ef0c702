"""The paper-mode keys of a pack: `include` (rules taken from another pack) and `sections` (a set).

    include:                      # a section pack shares rules with another pack by reference,
      - pack: sage-intro          # so they stay one rule (one id, one definition, one fix)
        rules: [marketing-language, placeholder]
    sections: [...]               # a paper set (see specs.py); its rules are the union of the
    default: introduction         # rules of its section packs, for `rules`, `explain`, configs

An included rule also applies to paper sections (document kind `section`).
"""

from __future__ import annotations

import dataclasses
import os

from ..errors import ConfigError
from ..pack_files import resolve_pack_path
from ..pack_keys import check_keys
from .specs import parse_sections

INCLUDE_KEYS = {"pack": str, "rules": list}
_LOADING: set[str] = set()


def with_paper_keys(doc, data: dict, pack, load_pack):
    """`pack` (own rules parsed) with its included rules, or as a paper set with its sections.

    `load_pack(name, base_dir=None)` is the loader's own, passed in so this module stays below it.
    """
    base = os.path.dirname(os.path.abspath(doc.path))
    if pack.path in _LOADING:
        raise doc.error((), f"pack {pack.name!r} includes itself (through its sections or include)")
    _LOADING.add(pack.path)
    try:
        rules = list(pack.rules)
        for index, entry in enumerate(data.get("include") or []):
            at = ("include", index)
            if not isinstance(entry, dict):
                raise doc.error(at, "an include must be a mapping with pack and rules")
            check_keys(doc, at, entry, INCLUDE_KEYS, required=("pack", "rules"))
            other = _load(doc, at + ("pack",), lambda: load_pack(entry["pack"], base))
            for position, rule_id in enumerate(entry["rules"]):
                rule = next((r for r in other.rules if r.id == rule_id), None)
                if rule is None:
                    raise doc.error(at + ("rules", position), f"pack {other.name!r} has no rule {rule_id!r}")
                if any(r.id == rule_id for r in rules):
                    raise doc.error(at + ("rules", position), f"duplicate rule id {rule_id!r}")
                rules.append(dataclasses.replace(rule, kinds=tuple(dict.fromkeys(rule.kinds + ("section",)))))
        if not data.get("sections"):
            return dataclasses.replace(pack, rules=tuple(rules))
        specs = parse_sections(doc, ("sections",), data["sections"],
                               lambda name: _load(doc, ("sections",), lambda: resolve_pack_path(name, base)))
        default = data.get("default")
        if default is not None and default not in {spec.name for spec in specs}:
            raise doc.error(("default",), f"unknown section {default!r}; sections: {', '.join(s.name for s in specs)}")
        for index, spec in enumerate(specs):
            member = _load(doc, ("sections", index, "pack"), lambda: load_pack(spec.pack))
            if member.sections:
                raise doc.error(("sections", index, "pack"), f"{member.name!r} is a paper set, not a section pack")
            rules.extend(rule for rule in member.rules if all(rule.id != r.id for r in rules))
        return dataclasses.replace(pack, rules=tuple(rules), sections=specs, default=default)
    finally:
        _LOADING.discard(pack.path)


def _load(doc, at: tuple, load):
    try:
        return load()
    except ConfigError as error:
        raise doc.error(at, str(error)) from None
