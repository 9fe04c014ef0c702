"""Rule packs: YAML files that turn generic check kinds into concrete, documented rules.

A pack is the one registry of rules: nothing is registered in Python. Loading is strict (Vale
style): an unknown key, a wrong type, an unknown check kind (only `checks.CHECK_KINDS` exist),
severity, document kind or location, and every option against the schema its check kind declares
(`checks/schema.py`: type, allowed values, range, required, regular expressions that must compile,
stay fast and define the named groups the kind reads, group names) is checked, and a mistake is a
ConfigError that names the pack file, line and column. Packs are cached per process by resolved
path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .bounded import BoundedCache
from .checks.schema import Context, Option, check_regex
from .document.model import DOC_KINDS
from .errors import ConfigError
from . import templates, user_regex
from .findings import INPUT_ERROR, SEVERITIES
from .pack_files import available_packs, read_pack_yaml, resolve_pack_path  # noqa: F401  (the API)
from .pack_keys import check_choice, check_keys  # noqa: F401  (config reads them here)
from .shipped import pack_dirs
from .yamlfile import YamlFile

LOCATIONS = ("term", "sent", "para", "doc")
DEFAULT_PACK = "sage-paper"
RESERVED_IDS = (INPUT_ERROR,)

PACK_KEYS = {"name": str, "description": str, "extends": str, "groups": dict, "rules": list,
             # paper mode (sage_introlint.paper.packs): a set of section packs, the section a
             # pack checks, and rules a pack takes from another pack by id
             "sections": list, "default": str, "section": str, "include": list,
             "subject": dict}
GROUP_KEYS = {"title": str, "description": str, "members": list}
MEMBER_KEYS = {"name": str, "systems": list, "terms": list, "contrast": str, "patterns": list, "description": str}
RULE_KEYS = {
    "id": str, "check": str, "severity": str, "kinds": (list, str), "location": str,
    "summary": str, "rationale": str, "prompt": str, "bad": str, "good": str, "options": dict,
}
RULE_REQUIRED = ("id", "check", "severity", "summary")


@dataclass(frozen=True)
class Rule:
    """One rule: a check kind with options, a default severity, and its documentation."""

    id: str
    check: str  # the check kind: one of checks.CHECK_KINDS
    severity: str  # "error", "warning" or "info"
    kinds: tuple[str, ...]  # document kinds it applies to: intro, outline, paragraph
    summary: str  # one line, for `introlint rules`
    options: dict = field(default_factory=dict, hash=False, compare=False)
    rationale: str = ""
    prompt: str = ""  # the prompt sentence the rule comes from
    bad: str = ""
    good: str = ""
    # Where findings point: term, sent, para or doc. Shown by `explain`; a `doc` rule reports on the
    # whole document, so the checker lets a `disable` naming it anywhere silence it.
    location: str = "term"
    # The pack's named vocabularies, as written in YAML: {name: {"title": str, "members":
    # [{"name": str, "terms": [str], "contrast": str?, ...}]}}; shared by every rule of the pack.
    groups: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Pack:
    """A loaded pack: its rules in file order and its groups."""

    name: str
    path: str
    description: str
    rules: tuple[Rule, ...]
    groups: dict = field(default_factory=dict, hash=False, compare=False)
    sections: tuple = ()  # a paper set: its SectionSpecs (paper.specs); rules are their union
    default: str | None = None  # a paper set: the section a file without a known heading is
    section: str | None = None  # a section pack: the section of a paper set it checks
    subject: object = None  # a paper set: paper.specs.Subject, what the set's rules are about

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise ConfigError(f"unknown rule {rule_id!r}; known rules: {', '.join(self.rule_ids())}")

    def rule_ids(self) -> list[str]:
        return [rule.id for rule in self.rules]


_CACHE: BoundedCache = BoundedCache(32)  # resolved path -> Pack
# Every rule id of every pack loaded in this process. Never evicted, unlike _CACHE: a suppression
# comment naming a rule of a pack the cache dropped must not become `unknown rule`.
_DEFINED_IDS: set[str] = set()


def defined_rule_ids() -> set[str]:
    """Every rule id of every pack loaded in this process (what a suppression comment may name)."""
    return set(_DEFINED_IDS)


def load_pack(name_or_path: str, base_dir: str | None = None) -> Pack:
    """Load, validate and cache a pack by name or file path."""
    path = resolve_pack_path(name_or_path, base_dir)
    cached = _CACHE.get(path)
    if cached is None:
        cached = _CACHE[path] = _read_pack(path)
        _DEFINED_IDS.update(cached.rule_ids())
    return cached


def _read_pack(path: str) -> Pack:
    shipped = any(Path(path).resolve().is_relative_to(folder) for folder in pack_dirs())
    with user_regex.shipped_pack(shipped):  # our packs' patterns may use `re`; users' run on RE2
        return parse_pack(read_pack_yaml(path))


def parse_pack(doc: YamlFile) -> Pack:
    """Validate the parsed YAML of a pack and build its rules."""
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "a pack must be a mapping with 'name' and 'rules'")
    check_keys(doc, (), data, PACK_KEYS, required=("name",) if "extends" in data else ("name", "rules"))
    from .pack_extends import inherited_rules

    groups, sources = inherited_rules(doc, data, load_pack)  # `extends`: the parent's rules, overridden
    groups = _parse_groups(doc, groups)
    rules: list[Rule] = []
    seen: set[str] = set()
    for source, at, entry in sources:
        rule = _parse_rule(source, at, entry, groups)
        if rule.id in seen:
            raise source.error(at + ("id",), f"duplicate rule id {rule.id!r}")
        seen.add(rule.id)
        rules.append(rule)
    pack = Pack(data["name"], doc.path, data.get("description", ""), tuple(rules), groups,
                section=data.get("section"))
    if data.get("sections") or data.get("include") or "subject" in data:
        from .paper.packs import with_paper_keys

        pack = with_paper_keys(doc, data, pack, load_pack)
    return pack


def _parse_groups(doc: YamlFile, groups: dict) -> dict:
    for name, group in groups.items():
        where = ("groups", name)
        if not isinstance(group, dict):
            raise doc.error(where, f"group {name!r} must be a mapping with 'members'")
        check_keys(doc, where, group, GROUP_KEYS, required=("members",))
        for index, member in enumerate(group["members"]):
            at = where + ("members", index)
            if not isinstance(member, dict):
                raise doc.error(at, f"a member of group {name!r} must be a mapping with 'name' and 'terms'")
            check_keys(doc, at, member, MEMBER_KEYS, required=("name",))
            if not member.get("terms") and not member.get("systems"):
                raise doc.error(at, f"member {member['name']!r} of group {name!r} needs 'terms' or 'systems' "
                                    "(how a mention is recognised)")
            for key in ("systems", "terms", "patterns"):
                for position, term in enumerate(member.get(key, [])):
                    if not isinstance(term, str):
                        raise doc.error(at + (key, position), f"{key} of {member['name']!r} must be strings")
            for position, pattern in enumerate(member.get("patterns", [])):
                check_regex(pattern, (), at + ("patterns", position), Context(doc.error))
    return groups


def _parse_rule(doc: YamlFile, at: tuple, entry, groups: dict) -> Rule:
    if not isinstance(entry, dict):
        raise doc.error(at, "a rule must be a mapping with id, check, severity and summary")
    check_keys(doc, at, entry, RULE_KEYS, required=RULE_REQUIRED)
    rule_id = entry["id"]
    if rule_id in RESERVED_IDS or not rule_id or not all(c.isalnum() or c == "-" for c in rule_id):
        raise doc.error(at + ("id",), f"invalid rule id {rule_id!r}: use lowercase words joined by '-'"
                        + (" (reserved)" if rule_id in RESERVED_IDS else ""))
    check_choice(doc, at + ("severity",), entry["severity"], SEVERITIES, "severity")
    location = entry.get("location", "term")
    check_choice(doc, at + ("location",), location, LOCATIONS, "location")
    kinds = entry.get("kinds", "all")
    if kinds == "all":
        kinds = list(DOC_KINDS)
    elif isinstance(kinds, str):
        raise doc.error(at + ("kinds",), f"kinds must be a list of {', '.join(DOC_KINDS)} or 'all'")
    for index, kind in enumerate(kinds):
        check_choice(doc, at + ("kinds", index), kind, DOC_KINDS, "document kind")
    options = entry.get("options") or {}
    validate_options(doc, at + ("options",), entry["check"], options, groups, check_at=at + ("check",))
    return Rule(
        id=rule_id, check=entry["check"], severity=entry["severity"], kinds=tuple(kinds),
        summary=entry["summary"].strip(), options=options, rationale=entry.get("rationale", "").strip(),
        prompt=entry.get("prompt", "").strip(), bad=entry.get("bad", "").strip(),
        good=entry.get("good", "").strip(), location=location, groups=groups,
    )


def as_option(declared) -> Option:
    """A declared option; the old `(type, required)` pair still loads (tests ask for an Option)."""
    if isinstance(declared, Option):
        return declared
    types, required = declared
    return Option(types if isinstance(types, tuple) else (types,), required)


def validate_options(doc: YamlFile, at: tuple, check: str, options: dict, groups: dict, check_at=None,
                     partial: bool = False) -> None:
    """`options` against the declared OPTIONS of check kind `check` (see checks/schema.py).

    `partial` is for config overrides merged over a pack's options: required keys may be absent.
    """
    from .checks import kind_names, kind_options

    if check not in kind_names():
        raise doc.error(check_at or at, f"unknown check kind {check!r}; known kinds: {', '.join(kind_names())}")
    spec = {name: as_option(option) for name, option in kind_options(check).items()}
    context = Context(doc.error, groups, options_at=at)
    for name, value in options.items():
        if name not in spec:
            known = ", ".join(spec) or "none"
            raise doc.error(at + (name,), f"check kind {check!r} takes no option {name!r}; its options: {known}")
        spec[name].validate(value, at + (name,), context)
    if not partial:
        for name, option in spec.items():
            if option.required and name not in options:
                raise doc.error(at if options else (check_at or at), f"check kind {check!r} needs option {name!r}")
    for where, problem in templates.problems(options, at):
        raise doc.error(where, problem)
