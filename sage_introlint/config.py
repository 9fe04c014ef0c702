"""Configuration: find `.introlint.yaml` (or `[tool.introlint]`), validate it, and apply it to a pack.

A config is looked for from the checked file's folder upward, stopping at the folder that holds
`.git` (the repository root) or at the filesystem root; `--config FILE` replaces the search. In
each folder `.introlint.yaml` wins over `pyproject.toml`. Everything a user can get wrong (an
unknown key, rule id or option, a bad severity, malformed YAML or TOML) is a ConfigError that
points at the file, line and column.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field

from .bounded import BoundedCache
from .document import KINDS
from .confinement import read_bytes
from .errors import ConfigError, InputError
from .findings import SEVERITIES
from .stage import DEFAULT_STAGE, STAGES, apply as apply_stage
from .pack import DEFAULT_PACK, Pack, Rule, check_choice, check_keys, load_pack, validate_options
from .yamlfile import MAX_YAML_BYTES, YamlFile, parse_yaml, read_text

CONFIG_NAMES = (".introlint.yaml", ".introlint.yml")
CONFIG_KEYS = {"pack": str, "kind": str, "stage": str, "rules": dict, "packs": list, "exclude": list,
               "sections": dict, "latex": dict}
# `latex:` names macros whose definitions the checked file does not reach (a preamble elsewhere).
LATEX_KEYS = {"note-macros": list, "list-macros": list}
_MACRO_NAME = re.compile(r"\\?[A-Za-z@]+\*?\Z")
OFF = "off"


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (or the defaults when `path` is None)."""

    path: str | None = None
    base_dir: str = "."  # relative pack files and exclude globs are read from here
    pack: str = DEFAULT_PACK
    pack_named: bool = field(default=False, hash=False, compare=False)  # the file says `pack:`
    kind: str = "auto"
    stage: str = DEFAULT_STAGE  # draft or final: whether open slots ([X]%, [REF: ...]) are errors
    rules: dict = field(default_factory=dict, hash=False, compare=False)  # id -> "off" | severity | {...}
    packs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    sections: dict = field(default_factory=dict, hash=False, compare=False)  # paper mode: name -> pack
    latex: dict = field(default_factory=dict, hash=False, compare=False)  # {"note-macros": [..], "list-macros": [..]}
    source: YamlFile | None = field(default=None, hash=False, compare=False, repr=False)


DEFAULT = Config()
_CACHE: BoundedCache = BoundedCache(64)  # (path, mtime) -> Config


def find_config(start_dir: str) -> str | None:
    """The nearest `.introlint.yaml` or `pyproject.toml` with `[tool.introlint]` above `start_dir`."""
    folder = os.path.abspath(start_dir or ".")
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_section(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if os.path.isdir(os.path.join(folder, ".git")) or parent == folder:
            return None
        folder = parent


def config_for(start_dir: str, explicit: str | None = None) -> Config:
    """The config that applies to files in `start_dir`: `explicit` if given, else the one found."""
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError(f"{explicit}: no such config file")
        return load_config(explicit, confined=False)
    path = find_config(start_dir)
    return load_config(path) if path else DEFAULT


def load_config(path: str, confined: bool = True) -> Config:
    """Read and validate one config file (cached per process while the file is unchanged).

    A config found by the search must lie (symlinks resolved) inside the repository root;
    `confined=False` is for a file named on the command line (`--config`).
    """
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config ({error.strerror})") from None
    key = (os.path.abspath(path), stamp)
    if key not in _CACHE:
        _CACHE[key] = _read_config(path, confined)
    return _CACHE[key]


def _read_config(path: str, confined: bool = True) -> Config:
    display = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    text = read_text(path, display, "config", confined)
    if os.path.basename(path) == "pyproject.toml" or path.endswith(".toml"):
        located = YamlFile(f"{display} [tool.introlint]", _toml_section(display, text))
    else:
        located = parse_yaml(display, text)
    return parse_config(located, os.path.dirname(os.path.abspath(path)))


def parse_config(located: YamlFile, base_dir: str) -> Config:
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        raise located.error((), "a config must be a mapping (pack, kind, rules, packs, exclude)")
    check_keys(located, (), data, CONFIG_KEYS)
    if "kind" in data:
        check_choice(located, ("kind",), data["kind"], KINDS, "kind")
    if "stage" in data:
        check_choice(located, ("stage",), data["stage"], STAGES, "stage")
    for key in ("packs", "exclude"):
        for index, item in enumerate(data.get(key, [])):
            if not isinstance(item, str):
                raise located.error((key, index), f"entries of {key!r} must be strings")
    _check_latex(located, data.get("latex") or {})
    for rule_id, setting in (data.get("rules") or {}).items():
        _check_setting(located, ("rules", rule_id), setting)
    return Config(
        path=located.path, base_dir=base_dir, pack=data.get("pack", DEFAULT_PACK), kind=data.get("kind", "auto"),
        pack_named="pack" in data,
        stage=data.get("stage", DEFAULT_STAGE),
        rules=dict(data.get("rules") or {}), packs=tuple(data.get("packs", [])),
        exclude=tuple(data.get("exclude", [])), sections=dict(data.get("sections") or {}),
        latex=dict(data.get("latex") or {}), source=located,
    )


def _check_latex(located: YamlFile, latex: dict) -> None:
    """`latex: {note-macros: [rz, todo2], list-macros: [squishlist, squishend]}`: macro names only."""
    check_keys(located, ("latex",), latex, LATEX_KEYS)
    for key, names in latex.items():
        for index, name in enumerate(names):
            if not isinstance(name, str) or not _MACRO_NAME.match(name):
                raise located.error(("latex", key, index), f"entries of latex.{key} must be macro names such as rz or \\rz")


def _severity_or_off(value):
    """YAML reads a bare `off` as False; accept both spellings."""
    return OFF if value is False or value == OFF else value


def _check_setting(located: YamlFile, at: tuple, setting) -> None:
    if isinstance(setting, dict):
        if "severity" in setting:
            _check_setting(located, at + ("severity",), setting["severity"])
        return
    value = _severity_or_off(setting)
    if value not in (OFF, *SEVERITIES):
        raise located.error(at, f"a rule setting must be off, {', '.join(SEVERITIES)} or a mapping "
                                f"of severity and options, not {setting!r}")


def configured_rules(config: Config, pack: str | None = None, select: str | None = None,
                     ignore: str | None = None, stage: str | None = None) -> list[Rule]:
    """The rules to run: the pack (and extra packs) with the config's severities and options,
    then `--select` / `--ignore` (comma-separated ids or id prefixes), at `stage` (`--stage`;
    None: the config's)."""
    rules = list(pack_rules(config, pack))
    by_id = {rule.id: rule for rule in rules}
    located = config.source or YamlFile(config.path or "config", {})
    off: set[str] = set()
    for rule_id, setting in config.rules.items():
        rule = by_id.get(rule_id)
        if rule is None:
            raise located.error(("rules", rule_id), f"unknown rule {rule_id!r}; known rules: {', '.join(by_id)}")
        severity, options = _split_setting(setting)
        if severity == OFF:
            off.add(rule_id)
            continue
        if options:
            validate_options(located, ("rules", rule_id), rule.check, options, rule.groups, partial=True)
            options = {**rule.options, **options}
        by_id[rule_id] = dataclasses.replace(rule, severity=severity or rule.severity,
                                             options=options or rule.options)
    chosen = [by_id[rule.id] for rule in rules]
    if select:
        wanted = _match(select, chosen, "--select")
        chosen = [rule for rule in chosen if rule.id in wanted]
    else:
        chosen = [rule for rule in chosen if rule.id not in off]
    if ignore:
        unwanted = _match(ignore, list(by_id.values()), "--ignore")
        chosen = [rule for rule in chosen if rule.id not in unwanted]
    return apply_stage(chosen, stage or config.stage)


def _split_setting(setting) -> tuple[str | None, dict]:
    if isinstance(setting, dict):
        options = {key: value for key, value in setting.items() if key != "severity"}
        severity = _severity_or_off(setting["severity"]) if "severity" in setting else None
        return severity, options
    return _severity_or_off(setting), {}


def pack_rules(config: Config, override: str | None) -> list[Rule]:
    """Rules of the main pack then each extra pack; an id defined twice is an error."""
    packs: list[Pack] = []
    if override:
        packs.append(load_pack(override))
    else:
        packs.append(named_pack(config, ("pack",), config.pack))
    packs.extend(named_pack(config, ("packs", index), extra) for index, extra in enumerate(config.packs))
    rules: list[Rule] = []
    owner: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in owner and owner[rule.id] != pack.path:
                raise ConfigError(f"{pack.path}: rule {rule.id!r} is already defined by {owner[rule.id]}")
            if rule.id not in owner:
                owner[rule.id] = pack.path
                rules.append(rule)
    return rules


def named_pack(config: Config, at: tuple, name: str) -> Pack:
    """A pack a config names; a pack that cannot be found or read is reported at the config's line."""
    try:
        return load_pack(name, config.base_dir)
    except ConfigError as error:
        raise at_config(config, at, name, error) from None


def at_config(config: Config, at: tuple, name: str, error: ConfigError) -> ConfigError:
    """`error` about a pack the config names, placed at the config's line when it is about the
    name itself (refused, missing) rather than about the pack file's content."""
    message = str(error)
    if config.source is not None and message.startswith(("pack ", f"{name}: ")):
        return ConfigError(f"{config.source.where(at)}: {message}")
    return error


def _match(spec: str, rules: list[Rule], option: str) -> set[str]:
    """Rule ids named by a comma-separated list of ids or id prefixes."""
    matched: set[str] = set()
    for token in (part.strip() for part in spec.split(",")):
        if not token:
            continue
        hits = {rule.id for rule in rules if rule.id == token or rule.id.startswith(token)}
        if not hits:
            raise ConfigError(f"{option}: unknown rule {token!r}; known rules: {', '.join(r.id for r in rules)}")
        matched |= hits
    return matched


def _has_tool_section(path: str) -> bool:
    try:
        return b"[tool.introlint" in read_bytes(path, MAX_YAML_BYTES)[0]
    except InputError:
        return False


def _toml_section(display: str, text: str) -> dict:
    try:
        import tomllib  # novermin (Python 3.11+; tomli below)
    except ImportError:  # Python 3.10: the same parser, as a package (declared for 3.10 only)
        import tomli as tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            message = message[: found.start()].strip()
            raise ConfigError(f"{display}:{found.group(1)}:{found.group(2)}: malformed TOML: {message}") from None
        raise ConfigError(f"{display}: malformed TOML: {message}") from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{display}: malformed TOML: 'tool' must be a table, not {type(tool).__name__}")
    return tool.get("introlint", {})
