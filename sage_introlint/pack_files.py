"""Where packs live: a pack name or a YAML file -> its absolute path, and its parsed YAML.

Below the loader (`pack`) and the parts it reads through (`pack_extends`, `paper.packs`), which
all name other packs.
"""

from __future__ import annotations

import os

from .confinement import Refused, confine, root_for
from .errors import ConfigError
from .shipped import pack_dirs
from .yamlfile import YamlFile, parse_yaml, read_text


def available_packs() -> list[str]:
    return sorted({p.stem for folder in pack_dirs() for p in folder.glob("*.yaml")})


def resolve_pack_path(name_or_path: str, base_dir: str | None = None) -> str:
    """A pack name (`sage-intro`) or a YAML file (relative to `base_dir`) -> an absolute path.

    A file named by a config (`base_dir` given) must lie inside that config's repository root
    (see `confinement`); a file named on the command line (`base_dir` None) may lie anywhere.
    """
    looks_like_file = name_or_path.endswith((".yaml", ".yml")) or os.sep in name_or_path or "/" in name_or_path
    if looks_like_file:
        if base_dir is not None:
            path = os.path.join(base_dir, name_or_path)
            try:
                confine(path, root_for(base_dir), name_or_path)
            except Refused as refused:
                raise ConfigError(f"pack {refused}") from None
        else:
            path = os.path.join(os.getcwd(), os.path.expanduser(name_or_path))
        if not os.path.isfile(path):
            raise ConfigError(f"{name_or_path}: no such pack file")
        return os.path.abspath(path)
    for folder in pack_dirs():
        candidate = folder / f"{name_or_path}.yaml"
        if candidate.is_file():
            return str(candidate)
    known = ", ".join(available_packs()) or "none installed"
    raise ConfigError(f"unknown pack {name_or_path!r}; available packs: {known} (or give a .yaml file)")


def read_pack_yaml(path: str) -> YamlFile:
    """The parsed YAML of the pack file at absolute `path`, named relative to here when inside."""
    display = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    return parse_yaml(display, read_text(path, display, "pack", confined=False))
