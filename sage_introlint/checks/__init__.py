"""Check kinds: one module per kind, each a pure function `check(doc, rule) -> Iterator[Finding]`.

A rule in a pack names its kind with `check: <module name>`; modules are imported only when a
rule uses them, so start-up pays for what the active pack needs and nothing else. Each module
also exposes `OPTIONS`: a mapping of option name -> (type or tuple of types, required) used to
validate the pack.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Iterator

from ..document.model import Document
from ..findings import Finding


def kind_names() -> list[str]:
    """Every check kind that ships with introlint (the modules of this package)."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def kind_module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def run(rule, doc: Document) -> Iterator[Finding]:
    yield from kind_module(rule.check).check(doc, rule)


def describe(rule) -> str:
    """What a rule's vocabulary holds and where it comes from (a kind's `describe`), or ""."""
    describer = getattr(kind_module(rule.check), "describe", None)
    return describer(rule) if describer else ""
