"""A Markdown paragraph of raw LaTeX layout commands alone, which pandoc hands to LaTeX: no prose.

Pandoc papers end with `\\bibliographystyle{plain}` and `\\bibliography{refs}`, or break pages
with `\\newpage`; read as prose, each such line was a paragraph of one "sentence". Only commands
that print no word count: a note macro (`\\todo{cite}`) stays text for the placeholder rule.
"""

from __future__ import annotations

import re

from .latex_tables import NON_WORD_MACROS

_COMMANDS = re.compile(r"\s*(?:\\[A-Za-z@]+\*?(?:\[[^\]\s]*\])*(?:\{[^{}\s]*\})*\s*)+")
_NAME = re.compile(r"\\([A-Za-z@]+)")
LAYOUT_COMMANDS = NON_WORD_MACROS | {"bibliography", "bibliographystyle", "addbibresource", "nocite", "label",
                                     "input", "include", "setlength", "addtolength", "setcounter", "pagestyle",
                                     "thispagestyle"}


def layout_commands_only(content: str) -> bool:
    """Is the paragraph's text only LaTeX commands that print no words (arguments without spaces)?"""
    return (content.lstrip().startswith("\\") and _COMMANDS.fullmatch(content) is not None
            and all(name in LAYOUT_COMMANDS for name in _NAME.findall(content)))
