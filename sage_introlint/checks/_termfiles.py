"""Term data files shipped with the packs (`rules/terms/NAME.yaml`): curated word lists with a source.

A term file is a mapping with `source` (where the list comes from, shown by `introlint explain`)
and `terms`: a list, or a mapping of section -> list (sections are only for the reader), and
optionally `names` (names written in capitals, for `acronyms`). Files are read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError

FOLDER = "terms"


@dataclass(frozen=True)
class TermFile:
    name: str
    source: str
    terms: tuple[str, ...]
    names: tuple[str, ...]


def _flatten(value, name: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, dict):
        value = [item for section in value.values() for item in (section or [])]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"term file {name!r}: {key} must be a list of strings (or sections of lists)")
    return tuple(value)


def term_file_names() -> list[str]:
    from ..shipped import pack_dirs

    return sorted({p.stem for folder in pack_dirs() for p in (folder / FOLDER).glob("*.yaml")})


@lru_cache(maxsize=None)
def term_file(name: str) -> TermFile:
    """The shipped term file `name`; an unknown name is a ConfigError that lists the known ones."""
    from ..shipped import pack_dirs
    from ..yamlfile import parse_yaml

    for folder in pack_dirs():
        path = Path(folder) / FOLDER / f"{name}.yaml"
        if path.is_file():
            data = parse_yaml(str(path), path.read_text(encoding="utf-8")).data
            if not isinstance(data, dict) or "terms" not in data:
                raise ConfigError(f"{path}: a term file is a mapping with 'source' and 'terms'")
            return TermFile(name, str(data.get("source", "")), _flatten(data["terms"], name, "terms"),
                            _flatten(data.get("names"), name, "names"))
    raise ConfigError(f"unknown term file {name!r}; shipped term files: {', '.join(term_file_names()) or 'none'}")
