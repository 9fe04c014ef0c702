"""Reading LaTeX files: parse each once, follow `\\input`, collect input problems and suppressions."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field

from pylatexenc import latexwalker as lw

from ..confinement import MAX_INCLUDE_DEPTH, Include, IncludeBudget, locate_include, root_for
from ..errors import InputError
from . import latex_reread, suppression
from .source import MAX_BYTES
from .latex_macros import MacroTable
from .latex_main_file import main_folder
from .latex_parse import arguments, closed, hides, is_macro, last_group, parse_nodes, raw_inside
from .latex_tables import CACHE_MAX_CHARS, INCLUDES, is_conditional
from .model import Problem, Source, Suppression


@dataclass
class Files:
    """Parses each file once, follows `\\input`, and collects input problems and suppressions."""

    top: Source
    base_dir: str
    problems: list[Problem] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    macros: MacroTable = field(default_factory=MacroTable.empty)  # author macros of every file read

    def __post_init__(self) -> None:
        top_path = self.top.path if os.path.isfile(self.top.path) else os.path.join(self.base_dir, os.path.basename(self.top.path))
        self._folder = {id(self.top): self.base_dir}
        self._real = {id(self.top): os.path.realpath(top_path)}
        self._parent: dict[int, Source] = {}
        self.root = root_for(self.base_dir)
        self.budget = IncludeBudget(len(self.top.text), MAX_BYTES)

    def problem(self, source: Source, pos: int, message: str) -> None:
        self.problems.append(Problem(message, source.position(pos)))

    def parse(self, source: Source) -> list:
        self.macros.read(source.text)
        try:
            cached = parse_nodes if len(source.text) <= CACHE_MAX_CHARS else parse_nodes.__wrapped__
            raw = frozenset(self.macros.code_environments)  # the author's code environments: bodies verbatim
            parse = functools.partial(cached, raw=raw) if raw else cached
            reads = latex_reread.current()  # the editor's: re-parse only an edited run of prose
            nodes = parse(source.text) if reads is None else reads.parse(source.path, source.text, parse)
        except RecursionError:
            self.problem(source, 0, "LaTeX nested too deeply to read")
            return []
        except Exception as error:  # pylatexenc failing outright must not stop the run
            self.problem(source, 0, f"could not read the LaTeX: {error}")
            return []
        try:
            Inspector(self, source).nodelist(nodes, 0, len(source.text), top=True)
        except RecursionError:
            self.problem(source, 0, "LaTeX nested too deeply to read")
        return nodes

    def flatten(self, source: Source, nodes: list) -> list[tuple[Source, object]]:
        """Top-level nodes with `\\input` files spliced in, each with the Source it comes from."""
        items: list[tuple[Source, object]] = []
        branches: list[bool] = []  # per open conditional: is this branch hidden?
        for index, node in enumerate(nodes):
            if isinstance(node, lw.LatexMacroNode) and is_conditional(node.macroname):
                self._branch(branches, node.macroname, nodes[index + 1] if index + 1 < len(nodes) else None)
            if is_macro(node, INCLUDES) and not any(branches):  # a false branch's `\\input` is never read
                included = self.include(source, node)
                if included is not None:
                    items.extend(self.flatten(*included))
            elif _scopes_inputs(node):  # `{\\input{sections/abstract}}`: braces that only keep definitions local
                items.extend(self.flatten(source, [child for child in node.nodelist if child is not None]))
            else:
                items.append((source, node))
        return items

    def _branch(self, branches: list[bool], name: str, following) -> None:
        """Track `\\iffalse`, `\\if 0` and the author's false switches (`\\newif`) around inputs."""
        if name == "fi":
            if branches:
                branches.pop()
        elif name == "else":
            if branches:
                branches[-1] = not branches[-1]
        else:
            branches.append(hides(name, following, self.macros))

    def include(self, source: Source, node) -> tuple[Source, list] | None:
        """Resolve and parse the file an `\\input{x}` names, or record why it cannot be read."""
        group = last_group(node)
        command = "\\" + node.macroname
        if group is None:
            self.problem(source, node.pos, f"{command} at line {source.position(node.pos).line} names no file")
            return None
        if not self.budget.may_read():
            return None
        name = raw_inside(source, group).strip()
        line = source.position(node.pos).line
        located = self._locate(source, name)
        if located.problem:
            self.problem(source, node.pos, f"{command}{{{name}}} at line {line}: {located.problem}")
        if located.path is None:
            return None
        path, display = located.path, located.display
        real = os.path.realpath(path)
        chain = [source]
        while id(chain[-1]) in self._parent:
            chain.append(self._parent[id(chain[-1])])
        if len(chain) > MAX_INCLUDE_DEPTH:  # bounded by design, not by Python's stack
            self.problem(source, node.pos, f"{command}{{{name}}} at line {line}: \\input files nested more than "
                                           f"{MAX_INCLUDE_DEPTH} deep; this one and the rest are not read")
            self.budget.spent = True  # said once
            return None
        if real in {self._real.get(id(s)) for s in chain}:
            names = " -> ".join(s.path for s in reversed(chain))
            self.problem(source, node.pos, f"{command}{{{name}}} at line {line} includes a file that is already being read ({names} -> {display})")
            return None
        from .source import read_source

        try:
            included = read_source(path, display, self.root)
            refused = self.budget.admit(len(included.text))
        except InputError as error:
            refused = str(error)
        if refused is not None:
            if refused:
                self.problem(source, node.pos, f"{command}{{{name}}} at line {line}: {refused}")
            return None
        self._parent[id(included)] = source
        self._real[id(included)] = real
        self._folder[id(included)] = os.path.dirname(path)
        return included, self.parse(included)

    def _locate(self, source: Source, name: str) -> Include:
        """Where an included file is, relative to the including file's folder first, then to the
        top file's folder (where LaTeX itself looks), under the policy of `confinement`."""
        places = [(self._folder.get(id(source), self.base_dir), os.path.dirname(source.path))]
        if places[0][0] != self.base_dir:
            places.append((self.base_dir, os.path.dirname(self.top.path)))
        located = locate_include(name, places, self.root)
        if located.path is not None or not (located.problem or "").startswith("file not found"):
            return located
        main = self._main_folder  # (looked for only when an include is not where the file is)
        if main is None:
            return located
        shown = os.path.join(os.path.dirname(self.top.path), os.path.relpath(main, self.base_dir))
        again = locate_include(name, [(main, shown)], self.root)
        return again if again.path is not None else located

    @functools.cached_property
    def _main_folder(self) -> str | None:
        """Where the main file that includes this section file is (None for a main file itself)."""
        if "\\documentclass" in self.top.text:
            return None
        folder = main_folder(self.top.path if os.path.isabs(self.top.path) else os.path.join(
            self.base_dir, os.path.basename(self.top.path)))
        if folder is not None and os.path.realpath(folder) != os.path.realpath(self.base_dir):
            return folder
        return None


class Inspector:
    """One pass over a file's node tree: unclosed constructs, stray closers, suppression comments."""

    def __init__(self, files: Files, source: Source):
        self.files = files
        self.source = source
        self.text = source.text

    def line(self, pos: int) -> int:
        return self.source.position(pos).line

    def nodelist(self, nodes: list, start: int, end: int, top: bool = False) -> None:
        cursor = start if top else None
        for node in nodes:
            if node is None:
                continue
            if cursor is not None and node.pos > cursor:
                self.gap(cursor, node.pos)
            cursor = node.pos + node.len
            self.node(node)
        if top and cursor is not None and cursor < end:
            self.gap(cursor, end)

    def gap(self, start: int, end: int) -> None:
        """Text pylatexenc skipped: a `}` or `\\end{x}` that closes nothing."""
        stray = self.text[start:end].strip()
        if not stray:
            return
        pos = start + self.text[start:end].index(stray[0])
        if stray.startswith("}"):
            self.files.problem(self.source, pos, f"'}}' at line {self.line(pos)} closes nothing (unbalanced braces)")
        elif stray.startswith("\\end"):
            self.files.problem(self.source, pos, f"{stray.split('}')[0]}}} at line {self.line(pos)} has no matching \\begin")
        else:
            self.files.problem(self.source, pos, f"could not read the LaTeX at line {self.line(pos)}: {stray[:30]!r}")

    def node(self, node) -> None:
        if isinstance(node, lw.LatexCommentNode):
            self.comment(node)
            return
        if isinstance(node, lw.LatexEnvironmentNode) and not closed(self.text, node):
            self.files.problem(self.source, node.pos, f"\\begin{{{node.environmentname}}} at line {self.line(node.pos)} is never closed")
        elif isinstance(node, lw.LatexGroupNode) and not closed(self.text, node):
            brace = node.delimiters[0]
            kind = " (unbalanced braces)" if brace == "{" else ""
            self.files.problem(self.source, node.pos, f"'{brace}' at line {self.line(node.pos)} is never closed{kind}")
        elif isinstance(node, lw.LatexMathNode) and not closed(self.text, node):
            self.files.problem(self.source, node.pos, f"'{node.delimiters[0]}' at line {self.line(node.pos)} is never closed (math runs to the end of the file)")
        for child in arguments(node):
            self.node(child)
        children = getattr(node, "nodelist", None)
        if children:
            self.nodelist(children, node.pos, node.pos + node.len)

    def comment(self, node) -> None:
        parsed = suppression.parse(node.comment.strip().lstrip("%"))
        if parsed is not None:
            at = self.source.position(node.pos)
            self.files.suppressions.append(Suppression(parsed[0], parsed[1], self.source.path, at.line, at.column))


def _scopes_inputs(node) -> bool:
    """A `{..}` group that holds an `\\input` or `\\include` of its own: its files are the paper's."""
    return isinstance(node, lw.LatexGroupNode) and node.delimiters[0] == "{" and \
        any(is_macro(child, INCLUDES) for child in node.nodelist or ())
