"""The LaTeX reader's run walker (prose read as one token) gives exactly the nodes pylatexenc's own
per-character walker gives, on every LaTeX file of fixtures/ and of the shared corpus, and on
text built to sit at the edges of a run (specials, brackets, math, comments, paragraph breaks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pylatexenc import latexwalker as lw

from sage_introlint.document import latex_parse

ROOT = Path(__file__).resolve().parents[1]
EDGES = (
    "state-of-the-art a--b c---d ``quoted'' it's x!`y z?`w a~b R\\&D 50\\% $x-y$ $$a--b$$\n\n"
    "Para two\\cite[p.~3, see [x]]{key} (and more) \\emph{some text-here} \\textbf{x}y x^23 \\frac12.\n"
    "% a comment -- here\nline after \\item[a-b] text \\begin{itemize}\\item one-two\n\\end{itemize} end"
)


def _shape(nodes) -> list:
    """Every node's type, place, length and what it holds, recursively."""
    out = []
    for node in nodes or []:
        if node is None:
            out.append(None)
            continue
        entry = [type(node).__name__, node.pos, node.len]
        for name in ("chars", "macroname", "environmentname", "specials_chars", "delimiters", "comment"):
            if hasattr(node, name):
                entry.append(getattr(node, name))
        entry.append(_shape(getattr(node, "nodelist", None)))
        argd = getattr(node, "nodeargd", None)
        entry.append(_shape(argd.argnlist) if argd is not None and getattr(argd, "argnlist", None) else None)
        out.append(entry)
    return out


def _texts() -> list[str]:
    files = sorted(ROOT.joinpath("fixtures").rglob("*.tex")) + sorted((ROOT.parent / "shared" / "corpus").glob("*.tex"))
    return [EDGES] + [path.read_text(encoding="utf-8", errors="replace") for path in files]


@pytest.mark.parametrize("text", _texts(), ids=lambda text: text[:30])
def test_runs_read_the_same_nodes(text):
    context = latex_parse._context()
    plain = lw.LatexWalker(text, latex_context=context, tolerant_parsing=True).get_latex_nodes()[0]
    runs = latex_parse._RunWalker(text, latex_context=context, tolerant_parsing=True).get_latex_nodes()[0]
    assert _shape(runs) == _shape(plain)
