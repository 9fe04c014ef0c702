"""Where the shipped packs and term files are: below pack loading and the check kinds, which both read them."""

from __future__ import annotations

from pathlib import Path


def pack_dirs() -> list[Path]:
    """Where named packs live: the installed `sage_introlint/rules`, or the checkout's `rules/`."""
    here = Path(__file__).resolve().parent
    return [folder for folder in (here / "rules", here.parent / "rules") if folder.is_dir()]
