"""One paper checked for `introlint ledger` and `introlint report`: its sections, findings,
ledger and the rules that produced them, read the way `introlint check` reads the paper.

PATH is a paper's main file (`main.tex` with its `\\input` files, or one Markdown file), a
file that holds one section, or a folder that holds exactly one such main file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..budget import time_budget
from ..config import config_for
from ..document import read_source
from ..checker import Checker
from ..results import CheckResult
from ..errors import InputError
from ..pack import load_pack


@dataclass
class Gathered:
    path: str
    stage: str
    sections: list  # paper-mode sections (name, title, heading, pack, doc) that hold prose
    findings: list
    rules: dict  # rule id -> Rule, every rule that ran (for explanations)
    ledger: object | None  # ledger.build.Ledger, None when the pack has no `claims` rule
    packs: dict = field(default_factory=dict)  # section name -> its Pack (groups, contrast cues)
    notes: list = field(default_factory=list)  # what the check noted (a paper checked with the generic packs)


def main_file(path: str) -> str:
    """`path` itself, or the one checkable file a folder holds."""
    if not os.path.isdir(path):
        return path
    from ..discover import discover

    found = discover(path).files
    if len(found) != 1:
        names = ", ".join(found[:5]) or "none"
        raise InputError(f"{path}: give the paper's main file; this folder holds {len(found)} files "
                         f"with a section to check ({names})")
    return found[0]


def gather(path: str, config_file: str | None = None, pack: str | None = None, kind: str | None = None,
           stage: str | None = None, seconds: float | None = None) -> Gathered:
    """The paper at `path`, checked within `seconds` (None: no time budget; past it, OverBudget)."""
    target = main_file(path)
    folder = os.path.dirname(target) or "."
    config = config_for(folder, config_file)
    checker = Checker(pack, stage=stage)
    result = CheckResult()
    with time_budget(seconds, target):
        _, findings, context = checker.check_paper(read_source(target), config, kind, folder, result)
    sections = list(context.sections)
    packs = {section.name: load_pack(section.pack) for section in sections}  # (the packs check used)
    return Gathered(target, stage or config.stage, sections, findings, result.rules, context.ledger, packs,
                    result.notes)
