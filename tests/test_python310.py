"""Python 3.10 is supported (requires-python >= 3.10): no 3.11-only syntax, module or regex feature.

vermin reads every module for the newest language feature or standard module it needs. It does
not read regular expressions, and Python 3.11 added possessive repeats (`*+`) and atomic groups
(`(?>...)`) that 3.10 refuses to compile, so every pattern the package holds is parsed here: the
constants passed to `re` functions anywhere in the source, and every compiled pattern a module
keeps at import time (those built with f-strings included).
"""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sage_introlint

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(sage_introlint.__file__).parent
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}


def test_vermin_finds_nothing_newer_than_python_3_10():
    vermin = shutil.which("vermin", path=str(Path(sys.executable).parent)) or shutil.which("vermin")
    assert vermin, "vermin is in the test extra"
    done = subprocess.run([vermin, "-t=3.10-", "--no-tips", "--violations", "--eval-annotations",
                           str(PACKAGE), str(ROOT / "tests")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@functools.cache
def source_patterns() -> list[tuple[str, str]]:
    """(where, pattern) of every string constant passed first to an `re` function in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCTIONS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node.args[0].value))
    return found


@functools.cache
def module_patterns() -> list[tuple[str, str]]:
    """(where, pattern) of every compiled pattern held by a module of the package after import."""
    found = []
    for info in pkgutil.walk_packages(sage_introlint.__path__, "sage_introlint."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{name}", value.pattern))
    return found


def newer_than_3_10(pattern: str) -> list[str]:
    """The 3.11-only constructs of `pattern` (possessive repeats, atomic groups)."""
    try:
        from re import _parser as parser  # Python 3.11+
    except ImportError:  # Python 3.10 cannot even parse them
        import sre_parse as parser
    try:
        tree = parser.parse(pattern)
    except re.error as error:
        return [f"does not parse: {error}"]
    found, todo = [], [tree]
    while todo:
        for op, value in todo.pop():
            if str(op) in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
                found.append(str(op))
            for part in value if isinstance(value, (tuple, list)) else [value]:
                if isinstance(part, parser.SubPattern):
                    todo.append(part)
                elif isinstance(part, (tuple, list)):
                    todo.extend(p for p in part if isinstance(p, parser.SubPattern))
    return found


def test_the_scan_sees_3_11_only_constructs():
    possessive, atomic = newer_than_3_10(r"\n[^\S\n]*+\n"), newer_than_3_10(r"a(?:b|(?>cd))")
    if sys.version_info >= (3, 11):
        assert (possessive, atomic) == (["POSSESSIVE_REPEAT"], ["ATOMIC_GROUP"])
    else:  # on 3.10 (.ci/python310) the parser refuses them outright, which the scan reports too
        assert possessive[0].startswith("does not parse") and atomic[0].startswith("does not parse")
    assert newer_than_3_10(r"\n[^\S\n]*\n(?:a|b)+") == []
    assert len(source_patterns()) > 50 and len(module_patterns()) > 50  # the scan reads the package


def test_no_regex_of_the_package_needs_python_3_11():
    """Every pattern of both scans (~300), each named with what it needs in the failure. One test,
    not one per pattern: the scans (reading the package's source, importing every module) then run
    in the one process that runs it, not at collection in every worker."""
    offenders = [f"{where}: {', '.join(found)}" for where, pattern in source_patterns() + module_patterns()
                 if (found := newer_than_3_10(pattern))]
    assert not offenders, "\n".join(offenders)
