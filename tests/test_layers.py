"""The architecture, checked: import-linter's layer contracts (pyproject.toml), no import cycle
between modules, and declared dependencies == imported ones (deptry).

Function-level imports count: a cycle hidden inside a function is still a cycle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is in the test extra"
    return found


def test_import_contracts_hold():
    done = subprocess.run([tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr


def test_declared_dependencies_are_the_imported_ones():
    done = subprocess.run([tool("deptry"), "sage_introlint"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def cycles(graph) -> list[frozenset]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            part = []
            while not part or part[-1] != module:
                part.append(stack.pop())
            if len(part) > 1:
                found.append(frozenset(part))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


class FakeGraph:
    """A graph of imports written by hand, to show the cycle finder finds what it must."""

    def __init__(self, edges: dict[str, set[str]]):
        self.edges = edges
        self.modules = set(edges) | {m for targets in edges.values() for m in targets}

    def find_modules_directly_imported_by(self, module: str) -> set[str]:
        return self.edges.get(module, set())


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import():
    graph = FakeGraph({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert cycles(graph) == [frozenset({"a", "b", "c"})]
    assert cycles(FakeGraph({"a": {"b"}, "b": {"c"}})) == []


def test_no_import_cycles():
    """Any cycle fails, function-level imports included (grimp reads them): engine/checker,
    pack/paper packs and ledger are cut, and stay cut."""
    found = cycles(grimp.build_graph("sage_introlint", include_external_packages=False))
    assert not [sorted(cycle) for cycle in found]
