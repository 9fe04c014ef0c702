"""Modules over ~400 lines and functions over ~60 (docstrings included), the house limits of BRIEF.

Run: python .ci/sizes.py [folder ...] (default: sage_introlint). Prints each one, largest first,
and exits 1 when there is any; not part of .ci/run, since the limits are "about".
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE, MAX_FUNCTION = 400, 60


def offenders(folder: Path) -> list[tuple[int, str]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE:
            found.append((text.count("\n"), f"module   {path}"))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION:
                    found.append((length, f"function {path}:{node.lineno} {node.name}"))
    return found


def main(folders: list[str]) -> int:
    found = sorted((item for folder in folders or ["sage_introlint"] for item in offenders(Path(folder))), reverse=True)
    for lines, what in found:
        print(f"{lines:5d} {what}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
