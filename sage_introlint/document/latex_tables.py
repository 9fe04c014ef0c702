"""LaTeX macro and environment tables: what each known command means for the prose."""

from __future__ import annotations

import re

# Sectioning levels: a scope that starts at a heading ends at the next one of the same or a higher level.
HEADING_LEVELS = {"part": 0, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4}
RUN_IN_HEADINGS = {"paragraph", "subparagraph"}
# A bold/italic label at the start of a paragraph or item is a run-in heading only when it ends
# with a period and is this short; a longer bold sentence ("Task performance does not predict
# estimation quality.") is a topic sentence the author wants counted.
RUN_IN_MAX_WORDS = 6
RUN_IN_FORMATS = {"textbf", "textit", "emph", "textsc", "underline", "textsl"}
FORMATS = RUN_IN_FORMATS | {
    "texttt", "textsf", "textrm", "textup", "textmd", "textnormal", "text", "uline", "mbox",
    "textcolor", "colorbox", "hl", "textsuperscript", "textsubscript", "MakeUppercase",
    "MakeLowercase", "hbox", "fbox", "textls", "hyperref",
}
CITATIONS = {
    "cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "citeyearpar",
    "citenum", "citefullauthor", "Cite", "Citep", "Citet", "Citealp", "Citealt", "Citeauthor",
    "parencite", "Parencite", "textcite", "Textcite", "autocite", "Autocite", "footcite",
    "smartcite", "supercite", "citetalias", "citepalias",
}
REFERENCES = {"ref", "cref", "Cref", "autoref", "Autoref", "pageref", "nameref", "vref", "Vref", "labelcref", "cpageref", "subref"}
EQUATION_REFERENCES = {"eqref"}
SILENT = {"label", "nocite", "index", "glossary", "footnotemark", "xspace", "@", "/", "-", "noindent", "bibliography", "bibliographystyle"}
FOOTNOTES = {"footnote", "footnotetext", "thanks"}
INCLUDES = {"input", "include", "subfile"}
ESCAPES = {"%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}"}
SPACES = {"\\", " ", ",", ";", ":", "quad", "qquad", "enspace", "thinspace", "newline", "linebreak", "hfill", "smallskip", "medskip", "bigskip"}
WORDS = {
    "ldots": "…", "dots": "…", "textellipsis": "…", "LaTeX": "LaTeX", "TeX": "TeX",
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "S": "§", "P": "¶", "textasciitilde": "~",
    "textbackslash": "\\", "textbar": "|", "textless": "<", "textgreater": ">", "copyright": "©",
    "textregistered": "®", "texttrademark": "™", "textdegree": "°", "eg": "e.g.", "ie": "i.e.",
    "etal": "et al.", "etc": "etc.", "vs": "vs.", "cf": "cf.", "wrt": "w.r.t.",
}
ACCENTS = {"'", "`", '"', "^", "~", "=", ".", "c", "H", "k", "b", "d", "r", "u", "v", "t"}
SPECIALS = {"~": None, "--": "–", "---": "—", "``": "“", "''": "”", "!`": "¡", "?`": "¿", "&": ""}
LISTS = {"itemize": "bullet", "description": "bullet", "compactitem": "bullet", "enumerate": "ordered", "compactenum": "ordered", "asparaenum": "ordered", "inparaenum": "ordered"}
MATH_ENVIRONMENTS = {
    "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
    "eqnarray", "eqnarray*", "flalign", "flalign*", "alignat", "alignat*", "displaymath", "split",
    "dmath", "dmath*",
}
NON_PROSE_ENVIRONMENTS = {
    "figure", "figure*", "table", "table*", "algorithm", "algorithm*", "algorithmic", "lstlisting",
    "verbatim", "verbatim*", "Verbatim", "minted", "tabular", "tabular*", "tabularx", "tikzpicture",
    "wrapfigure", "wraptable", "subfigure", "subtable", "thebibliography", "comment", "center",
    "minipage", "picture", "lstlisting*", "code", "abstract",
}
RAW_ENVIRONMENTS = ("lstlisting", "verbatim*", "Verbatim", "minted", "comment", "code")
SUPPRESSION_ACTIONS = ("introlint-disable-next-line", "introlint-disable", "introlint-enable")
MATH_PLACEHOLDER_MAX = 16
CACHE_MAX_CHARS = 512 * 1024  # parsed node lists kept for re-checks only for intro-sized files
RULE_ID = re.compile(r"[A-Za-z][\w.-]*\Z")
BLANK_LINE = re.compile(r"\n[^\S\n]*+\n")  # anchored at a newline: linear even on long space runs
