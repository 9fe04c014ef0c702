"""A Markdown paragraph of layout lines alone, which pandoc or Quarto hands to the renderer: no prose.

Pandoc papers end with `\\bibliographystyle{plain}` and `\\bibliography{refs}`, or break pages
with `\\newpage`; Quarto papers break pages and pull in files with shortcodes on lines of their
own (`{{< pagebreak >}}`, `{{< include _results.qmd >}}`). Read as prose, each such line was a
paragraph of one "sentence". For LaTeX, only commands that print no word count: a note macro
(`\\todo{cite}`) stays text for the placeholder rule.
"""

from __future__ import annotations

import re

from .latex_tables import NON_WORD_MACROS

_COMMANDS = re.compile(r"\s*(?:\\[A-Za-z@]+\*?(?:\[[^\]\s]*\])*(?:\{[^{}\s]*\})*\s*)+")
_NAME = re.compile(r"\\([A-Za-z@]+)")
_SHORTCODES = re.compile(r"\s*(?:\{\{<[^{}\n]*>\}\}\s*|\{\{%[^{}\n]*%\}\}\s*)+")
LAYOUT_COMMANDS = NON_WORD_MACROS | {"bibliography", "bibliographystyle", "addbibresource", "nocite", "label",
                                     "input", "include", "setlength", "addtolength", "setcounter", "pagestyle",
                                     "thispagestyle"}


def layout_only(content: str) -> bool:
    """Is the paragraph's text only Quarto/Hugo shortcodes, or only LaTeX commands that print no
    words (arguments without spaces)?"""
    if _SHORTCODES.fullmatch(content):
        return True
    return (content.lstrip().startswith("\\") and _COMMANDS.fullmatch(content) is not None
            and all(name in LAYOUT_COMMANDS for name in _NAME.findall(content)))
