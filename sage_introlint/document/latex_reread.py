"""Re-parse only what an edit changed in a LaTeX file: the editor's re-check after a keystroke.

pylatexenc's parse is most of the time a LaTeX re-check spends reading. `LatexReads` keeps, per
file, the last text and its nodes. For a new text of the same file it finds what changed (the
common prefix and suffix); when the change lies inside one run of prose (a chars node) and can
change nothing but that run's characters, the new nodes are the old ones with that run's text
replaced, every later node moved by the change in length and every node around the run grown by
it. Anything else is a full parse, so the result is always what `parse_nodes` gives for the new
text (tests/test_incremental.py compares them node by node after random edits).

Why the splice equals a full parse:
- the change is strictly inside the run (its first and last characters are kept) and, before and
  after, holds nothing but letters, digits, spaces and `.,;:()/` on one line that is not blank:
  no character that starts a macro, comment, group, math, a special (`--`, `~`, quotes) or a
  line break. The tokenizer reads such characters as part of the run whatever surrounds them,
  so the run keeps its start and its end (moved), and no blank line appears or goes;
- parsing is left to right and the text after the run is the same, read from the same state;
  what came before the run reads its first character only (a macro testing for `[`), unchanged;
- a run that is a verbatim argument (an environment's raw body, a `\\newcommand` read raw) is
  never spliced: its end is found by a pattern over its text.
"""

from __future__ import annotations

from pylatexenc import latexwalker as lw
from pylatexenc.macrospec import ParsedMacroArgs, ParsedVerbatimArgs

from ..bounded import BoundedCache
from ..scoped import Scoped
from .textdiff import changed_range

SAFE_PUNCTUATION = frozenset(" .,;:()/")
_SCOPE: "Scoped[LatexReads]" = Scoped("latex_reads")
active = _SCOPE.active  # with active(x): the LaTeX reader uses x
current = _SCOPE.current


class LatexReads:
    """The last parse of each file's text; a new text is spliced from it when it can be."""

    def __init__(self, limit: int = 16):
        self.last: BoundedCache = BoundedCache(limit)  # path -> (text, nodes)
        self.spliced = self.full = 0  # how each parse was made (for tests and the benchmark)

    def parse(self, path: str, text: str, parse) -> list:
        """`parse(text)`, or the last parse of `path` with the edited run spliced in."""
        previous = self.last.get(path)
        nodes = None
        if previous is not None:
            old_text, old_nodes = previous
            nodes = old_nodes if old_text == text else splice(old_text, old_nodes, text)
        if nodes is None:
            nodes = parse(text)
            self.full += 1
        else:
            self.spliced += 1
        self.last[path] = (text, nodes)
        return nodes


def splice(old: str, nodes: list, new: str) -> list | None:
    """`nodes` (of `old`) with the one edited run re-read from `new`, or None where that is not
    certain to equal a full parse of `new`."""
    changed = changed_range(old, new)
    if changed is None:
        return None
    start, old_end, new_end = changed  # old[start:old_end] became new[start:new_end]
    if not (_safe(old[start:old_end]) and _safe(new[start:new_end])) or not _line_kept(old, new, start, old_end, new_end):
        return None
    path = _run_path(nodes, start, old_end)
    if path is None:
        return None
    return _Shifter(new, path[-1], start, old_end, new_end - old_end).nodes(nodes)


def _safe(text: str) -> bool:
    return all(char.isalnum() or char in SAFE_PUNCTUATION for char in text)


def _line_kept(old: str, new: str, start: int, old_end: int, new_end: int) -> bool:
    """The edited line holds something besides white space before and after (no blank line appears)."""
    line_start = old.rfind("\n", 0, start) + 1
    old_line_end, new_line_end = old.find("\n", old_end), new.find("\n", new_end)
    old_line = old[line_start:old_line_end if old_line_end >= 0 else len(old)]
    new_line = new[line_start:new_line_end if new_line_end >= 0 else len(new)]
    return bool(old_line.strip()) and bool(new_line.strip())


def _run_path(nodes: list, start: int, end: int) -> list | None:
    """The nodes from the top down to the chars node that holds [start, end) strictly inside,
    or None (the edit touches anything else, or the run is a verbatim argument)."""
    path: list = []
    level = nodes
    while True:
        holder = next((node for node in _children(level) if node.pos < start and end < node.pos + node.len), None)
        if holder is None:
            return None
        path.append(holder)
        if isinstance(holder, lw.LatexCharsNode):
            return path
        if isinstance(getattr(holder, "nodeargd", None), ParsedVerbatimArgs):
            return None
        level = list(getattr(holder, "nodelist", None) or []) + list(getattr(getattr(holder, "nodeargd", None), "argnlist", None) or [])


def _children(level) -> list:
    return [node for node in level if isinstance(node, lw.LatexNode)]


class _Shifter:
    """Copies the nodes that the edit moves or grows; the nodes before it are shared."""

    def __init__(self, text: str, run, start: int, end: int, delta: int):
        self.text, self.run, self.start, self.end, self.delta = text, run, start, end, delta
        self.copied: dict[int, object] = {}
        self.states: dict[int, object] = {}

    def nodes(self, nodes: list) -> list:
        return [self.value(node) for node in nodes]

    def value(self, value):
        if value is None or isinstance(value, (str, int)):
            return value
        if isinstance(value, lw.LatexNode):
            return self.node(value)
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, tuple):
            return tuple(self.value(item) for item in value)
        if isinstance(value, ParsedMacroArgs):
            return self.arguments(value)
        return value

    def node(self, node):
        if node.pos + node.len <= self.start:  # wholly before the edit: the same text, the same node
            return node
        known = self.copied.get(id(node))
        if known is not None:
            return known
        fresh = self.copied[id(node)] = _copy(node)
        if node.pos >= self.end:
            fresh.pos = node.pos + self.delta
        else:  # around the edit
            fresh.len = node.len + self.delta
        if node is self.run:
            fresh.chars = self.text[fresh.pos:fresh.pos + fresh.len]
        fresh.parsing_state = self.state(node.parsing_state)
        for name in node._redundant_fields:
            if name not in ("pos", "len", "chars"):
                setattr(fresh, name, self.value(getattr(node, name)))
        return fresh

    def arguments(self, parsed):
        known = self.copied.get(id(parsed))
        if known is None:
            known = self.copied[id(parsed)] = _copy(parsed)
            for name, value in vars(parsed).items():
                setattr(known, name, self.value(value))
        return known

    def state(self, state):
        """The parsing state with the new text (`latex_verbatim` reads it)."""
        if state is None:
            return None
        known = self.states.get(id(state))
        if known is None:
            known = self.states[id(state)] = _copy(state)
            known.s = self.text
        return known


def _copy(thing):
    """A shallow copy of a parse's node, arguments or state (plain objects: `copy.copy` gives the
    same, through `__reduce_ex__`, at three times the cost; a re-check copies thousands)."""
    fresh = object.__new__(type(thing))
    fresh.__dict__.update(thing.__dict__)
    return fresh
