"""Check kinds: one module per kind, each a pure function `check(doc, rule) -> Iterator[Finding]`.

A rule in a pack names its kind with `check: NAME`; only the kinds listed in CHECK_KINDS exist
(a pack naming anything else, a helper module like `_text` or `schema` included, is refused by
name when it loads). Modules are imported only when a pack uses them, so start-up pays for what
the active pack needs and nothing else.

Adding a check kind `NAME`:
  1. write `checks/NAME.py` with a docstring saying what it finds and where findings point,
     `check(doc, rule)` yielding Findings, and `OPTIONS`: option name -> `schema.Option`, made
     with the helpers of `schema.py`, e.g.
         OPTIONS = {"of": choice("paragraphs", "sentences", required=True),
                    "max": integer(minimum=1), "cues": regexes(), "group": group_ref(required=True),
                    "message": text(required=True)}
     The pack loader checks every option against it (type, choices, range, regexes and their
     named groups, group names, required, unknown) at file:line:column, so `check` can trust
     `rule.options`; defaults for optional options stay in `check`.
  2. add NAME to CHECK_KINDS below;
     (a kind that reads a whole paper sets `SCOPE = "paper"` and has `check_paper(context,
     rule)` instead of `check`; see `ledger.context`)
  3. give every rule that uses it a fixture in fixtures/rules/RULE-ID.yaml.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Iterator

from ..document.model import Document
from ..findings import Finding

# Every check kind a pack may name (`check: NAME`), each the module checks/NAME.py.
CHECK_KINDS = (
    "acronyms", "contrast", "contributions", "count", "coverage", "outline", "pattern", "readability",
    "repetition", "script", "share", "terms", "trimming",
    # paper-wide (SCOPE "paper"): they read every section of a paper at once
    "agreement", "claims", "evidence",
    # paper sections (issue 10)
    "checklist", "divisions", "enumeration", "figures", "layering", "placement", "structure",
)


def kind_names() -> list[str]:
    """Every check kind that ships with introlint."""
    return sorted(CHECK_KINDS)


_MODULES: dict[str, ModuleType] = {}  # name -> module: every run of every rule asks (import_module takes a lock)


def kind_module(name: str) -> ModuleType:
    """The module of check kind `name`; KeyError for a name that is not a check kind."""
    module = _MODULES.get(name)
    if module is None:
        if name not in CHECK_KINDS:
            raise KeyError(name)
        module = _MODULES[name] = importlib.import_module(f"{__name__}.{name}")
    return module


def kind_options(name: str) -> dict:
    """The declared OPTIONS (name -> schema.Option) of check kind `name`."""
    return kind_module(name).OPTIONS


def run(rule, doc: Document) -> Iterator[Finding]:
    module = kind_module(rule.check)
    if getattr(module, "SCOPE", "document") == "paper":
        return  # paper-wide kinds run once per paper: run_paper
    yield from module.check(doc, rule)


def is_paper_wide(rule) -> bool:
    """A kind with SCOPE "paper" reads every section at once (`check_paper(context, rule)`)."""
    return getattr(kind_module(rule.check), "SCOPE", "document") == "paper"


def run_paper(rule, context) -> Iterator[Finding]:
    yield from kind_module(rule.check).check_paper(context, rule)


def describe(rule) -> str:
    """What a rule's vocabulary holds and where it comes from (a kind's `describe`), or ""."""
    describer = getattr(kind_module(rule.check), "describe", None)
    return describer(rule) if describer else ""
