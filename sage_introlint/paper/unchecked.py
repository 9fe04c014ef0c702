"""What a section pack leaves unchecked in a whole paper, said to the user.

`--pack sage-intro` (or `pack: sage-intro` in a config) on a whole paper checks the
Introduction and nothing else; a clean result then reads as a clean paper. When the paper has
sections the default set would check, the run says which ones were left out, even without
--verbose (a caveat, not a finding: the findings and the exit status stay the pack's own).
"""

from __future__ import annotations

from ..pack import load_pack
from .specs import PaperSet

PAPER_SET = "sage-paper"


def caveat(path: str, found: PaperSet, paper) -> str | None:
    """"PATH: PACK checks the Introduction only; not checked: ..." or None."""
    if len(found.sections) != 1 or not paper.left_out:
        return None
    whole = load_pack(PAPER_SET)
    default = PaperSet(whole.name, whole.sections, whole.default)
    left = [mark for mark in paper.left_out
            if mark.index < 0 or default.classify(mark.title) or default.fallback(mark.title)]
    if not left:
        return None
    where = ", ".join(f'"{" ".join(mark.title.split())}" ({_place(mark.position, path)})' for mark in left)
    return (f"{path}: {found.name} checks the {found.sections[0].title} only; not checked: {where}; "
            f"the default set, {PAPER_SET}, checks each section with its own pack")


def _place(position, path: str) -> str:
    line = f"{position.line}:{position.column}"
    return line if position.path == path else f"{position.path}:{line}"
