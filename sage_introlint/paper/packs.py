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
from ..safe_regex import UnsafeRegex, compile_safe
from .specs import Subject, parse_sections

INCLUDE_KEYS = {"pack": str, "rules": list}
SUBJECT_KEYS = {"name": str, "pattern": str, "otherwise": dict, "own_terms": str}
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
        subject = _subject(doc, data.get("subject"), specs, base, load_pack) if "subject" in data else None
        return dataclasses.replace(pack, rules=tuple(rules), sections=specs, default=default, subject=subject)
    finally:
        _LOADING.discard(pack.path)


def _subject(doc, data, specs, base: str, load_pack) -> Subject:
    """Validate a set's `subject` (see specs.Subject): its pattern, and a section pack per section."""
    at = ("subject",)
    if not isinstance(data, dict):
        raise doc.error(at, "subject must be a mapping with name, pattern and otherwise")
    check_keys(doc, at, data, SUBJECT_KEYS, required=("name", "pattern", "otherwise"))
    for key in ("pattern", "own_terms"):
        if key not in data:
            continue
        try:
            compile_safe(data[key])
        except UnsafeRegex as error:
            raise doc.error(at + (key,), str(error)) from None
    names = [spec.name for spec in specs]
    otherwise = []
    for name, pack in data["otherwise"].items():
        where = at + ("otherwise", name)
        if name not in names:
            raise doc.error(where, f"unknown section {name!r}; sections: {', '.join(names)}")
        if not isinstance(pack, str):
            raise doc.error(where, "a section's generic pack is a pack name or file")
        path = _load(doc, where, lambda: resolve_pack_path(pack, base))
        if _load(doc, where, lambda: load_pack(path)).sections:
            raise doc.error(where, f"{pack!r} is a paper set, not a section pack")
        otherwise.append((name, path))
    return Subject(data["name"], data["pattern"], tuple(otherwise), data.get("own_terms"))


def _load(doc, at: tuple, load):
    try:
        return load()
    except ConfigError as error:
        raise doc.error(at, str(error)) from None
