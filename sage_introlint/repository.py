"""The repository root: the nearest folder above a path that holds `.git`.

`.git` is a folder in a clone and a file in a worktree or submodule; both count. Config search
stops there, and `introlint init` writes there.
"""

from __future__ import annotations

import os


def is_repository_root(folder: str) -> bool:
    return os.path.exists(os.path.join(folder, ".git"))


def repository_root(start: str) -> str:
    """The nearest folder at or above `start` holding `.git`, else `start` itself (absolute)."""
    folder = os.path.abspath(start)
    while True:
        if is_repository_root(folder):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.abspath(start)
        folder = parent
