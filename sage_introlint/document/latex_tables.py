"""LaTeX macro and environment tables: what each known command means for the prose."""

from __future__ import annotations

import re

# Sectioning levels: a scope that starts at a heading ends at the next one of the same or a higher level.
HEADING_LEVELS = {"part": 0, "chapter": 1, "section": 2, "subsection": 3, "subsubsection": 4}
RUN_IN_HEADINGS = {"paragraph", "subparagraph"}
# A bold/italic label at the start of a paragraph or item that ends with "." or ":" (inside the
# braces or just after them) is a run-in heading at any length, when text follows it.
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


# A key that only marks a citation still to find: `\\cite{??}`, `\\cite{TODO}`, `\\cite{XXX}`, `\\cite{ref}`.
PLACEHOLDER_KEY = re.compile(r"\?+|\.{2,}|…|X{2,}|TODO|TBD|FIXME|REF|CITE|CITATION|NEEDED", re.IGNORECASE)


def names_keys(inside: str) -> bool:
    """Do a citation's braces hold keys (`a, b`)? None (`\\cite{}`), words where a key goes
    (`\\cite{ask Ana}`: a key has no spaces) or a placeholder key (`\\cite{??}`) is a citation still
    to find, in LaTeX and Markdown."""
    keys = [key.strip() for key in inside.split(",") if key.strip()]
    return bool(keys) and not any(re.search(r"\s", key) or PLACEHOLDER_KEY.fullmatch(key) for key in keys)


REFERENCES = {"ref", "cref", "Cref", "autoref", "Autoref", "pageref", "nameref", "vref", "Vref", "labelcref", "cpageref", "subref"}
EQUATION_REFERENCES = {"eqref"}
# References that print the kind of thing with its number (cleveref, hyperref's \\autoref, varioref):
# `\\Cref{fig:cdf} shows` reads "Figure 1 shows", by the label's usual prefix; other labels read "1".
NAMED_REFERENCES = {"cref", "Cref", "autoref", "Autoref", "vref", "Vref"}
LABEL_KINDS = {"fig": "Figure", "subfig": "Figure", "tab": "Table", "tbl": "Table", "sec": "Section",
               "subsec": "Section", "ssec": "Section", "ch": "Chapter", "chap": "Chapter", "app": "Appendix",
               "alg": "Algorithm", "lst": "Listing", "eq": "Equation", "lem": "Lemma", "thm": "Theorem"}


def reference_text(name: str, labels: str) -> str:
    """What a reference command prints: "1", or "Figure 1" for `\\cref{fig:x}` and its kin."""
    if name not in NAMED_REFERENCES:
        return "1"
    prefix = labels.split(",")[0].strip().split(":")[0].lower()
    kind = LABEL_KINDS.get(prefix) if ":" in labels else None
    return f"{kind} 1" if kind else "1"
# siunitx quantities, written by latex_units as siunitx prints them (an author's own macro of
# the same name wins: `\\newcommand{\\numlist}{..}` is the author's list, not siunitx's)
QUANTITIES = frozenset({"SI", "qty", "num", "si", "unit", "ang", "tablenum", "SIrange", "qtyrange", "numrange",
                        "numlist", "SIlist", "qtylist"})
SILENT = {"label", "nocite", "index", "glossary", "footnotemark", "xspace", "@", "/", "-", "noindent", "bibliography", "bibliographystyle"}
# silent commands whose one argument is not prose either, when pylatexenc reads none for them
# (`\\bibliographystyle{IEEEtranS}` was read as the word "IEEEtranS")
SILENT_ARGUMENT = {"label", "nocite", "index", "glossary", "bibliography", "bibliographystyle"}
FOOTNOTES = {"footnote", "footnotetext", "thanks"}
INCLUDES = {"input", "include", "subfile"}
# Inline code taken verbatim, as `\\verb|..|` is: `\\Verb|..|` (fancyvrb), `\\lstinline|..|` or
# `\\lstinline{..}` (listings), `\\mintinline{lang}|..|` (minted); the number is how many `{..}`
# groups (the language) come before the code.
INLINE_CODE = {"Verb": 0, "lstinline": 0, "mintinline": 1}
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
LISTS = {
    "itemize": "bullet", "itemize*": "bullet", "description": "bullet", "description*": "bullet",
    "compactitem": "bullet", "compactdesc": "bullet", "asparaitem": "bullet", "inparaitem": "bullet",
    "enumerate": "ordered", "enumerate*": "ordered", "compactenum": "ordered", "asparaenum": "ordered",
    "inparaenum": "ordered",
}
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
    # algorithm2e's float, and acknowledgments (ACM's acks): no prose of the paper's argument
    "algorithm2e", "procedure", "function", "acks", "acknowledgments", "acknowledgements",
    "IEEEbiography", "IEEEbiographynophoto",  # authors' biographies at the end of a journal paper
}
RAW_ENVIRONMENTS = ("lstlisting", "verbatim*", "Verbatim", "minted", "comment", "code")
MATH_PLACEHOLDER_MAX = 16
# Inline math that prints one operator or relation sign (`1.7$\\times$`, `$\\approx$3 ms`, `$<$1%`) is
# read as prose: "1.7× the throughput" is a comparison however the sign was typed. So is math that
# prints a number with such a sign (`$1.7\\times$`, `$\\approx 3$`, `$<1\\%$`).
PROSE_MATH_SIGNS = frozenset("×÷±∓≈∼~<>≤≥%")
PROSE_MATH_NUMBER = re.compile(r"[≈∼~<>≤≥±]?\s?\d+(?:[.,]\d+)?\s?[×%]?")


# A percentile typed as math (`$p_{99}$`, `$P_{50}$`) is the metric's name: read "p99", as prose.
PERCENTILE_MATH = re.compile(r"([pP])_?\{?(\d{1,3}(?:\.\d+)?)\}?")


def math_reads_as_prose(text: str) -> bool:
    """Is this rendered inline math a lone sign that prose uses (×, ≈, ≤, ...), a number with one,
    or a percentile as `printed_math` writes it ("p99")?"""
    if len(text) == 1:
        return text in PROSE_MATH_SIGNS
    return (bool(PROSE_MATH_NUMBER.fullmatch(text)) and not text.isdigit()) or bool(PERCENTILE_MATH.fullmatch(text))


def printed_math(text: str) -> str:
    """Rendered inline math as prose reads it: a percentile `p_99` is "p99"; anything else as is."""
    match = PERCENTILE_MATH.fullmatch(text)
    return match.group(1) + match.group(2) if match else text
CACHE_MAX_CHARS = 512 * 1024  # parsed node lists kept for re-checks only for intro-sized files
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")  # anchored at a newline: linear even on long space runs

# Notes to co-authors known without a definition (more come from the preamble and the config).
NOTE_MACROS = {"todo", "note", "notes", "fixme", "FIXME", "TODO", "XXX", "xxx", "tbd", "TBD", "authornote", "needcite",
               "marginpar", "marginnote",  # a margin note in a paper draft is a note to co-authors
               "fxnote", "fxwarning", "fxerror", "fxfatal"}  # the fixme package's notes
# An author's own variant of a known note name (`\\NOTE{..}`, `\\TODOX{..}`, `\\todoinline{..}`, `\\fixmeNote{..}`) is a
# note too when its definition is out of reach (a section file checked without its main file).
# Initials before it (`\\fktodo`, `\\fktocheck`: "to check" asks a co-author to verify a claim) too.
NOTE_NAME = re.compile(r"(?:[a-z]{1,3})?(?:todo|fixme|tocheck)[a-z]*", re.IGNORECASE)
# A mark that a citation is still missing (`{\\addref}`, `\\needref`, `\\citeneeded`, `\\missingcite`): a
# note to co-authors, never words of the sentence it follows.
CITATION_NOTE_NAME = re.compile(r"(?:add|need|needs|missing)(?:ref|cite|citation)s?|(?:ref|cite|citation)s?(?:needed|missing)",
                                re.IGNORECASE)
# A question or a sentence break inside an argument that opens with a capital (`tend to\\rz{Maybe say
# there are two categories? And ..}`): words to a co-author, not the host sentence's.
_NOTE_TEXT = re.compile(r"\A[A-Z][^\n]*?(?:\?|[.!?][ \t\n]+[A-Z])", re.DOTALL)
NOTE_TEXT_MIN_WORDS = 5


def is_note_name(name: str) -> bool:
    """A macro name that marks a note to co-authors without any definition in reach."""
    if name in NOTE_MACROS or bool(NOTE_NAME.fullmatch(name)) or bool(CITATION_NOTE_NAME.fullmatch(name)):
        return True
    return name.isupper() and name.lower() in NOTE_MACROS  # `\\NOTE{..}` as `\\note{..}`


def is_note_text(before: str, inside: str) -> bool:
    """An undefined macro's argument that is a note to co-authors by what it says: the macro sits
    inside a running sentence (`before`, the line's text up to it, ends in a word or a comma) and
    its argument opens a sentence of its own with a question or a sentence break in it. A
    revision mark around a whole sentence follows a sentence end; a name or a number is short."""
    tail = before.rstrip()
    if not tail or not (tail[-1].isalnum() or tail[-1] in ",;"):
        return False
    return len(inside.split()) >= NOTE_TEXT_MIN_WORDS and bool(_NOTE_TEXT.match(inside))


def is_standalone_note(inside: str) -> bool:
    """The argument of an undefined macro that stands alone as a paragraph is a note to co-authors
    when it trails off (`\\albert{Old text follows...}`, an ellipsis that ends it or one of its
    lines), asks for an edit (`\\steve{Add a paragraph here.}`) or is one question
    (`\\bob{Is this still true?}`). A revision mark around a paragraph
    (`\\rev{We rewrote this. It says more.}`) does neither and stays prose; so does a heading
    macro's few words (`\\mypara{Motivation}`)."""
    text = inside.rstrip()
    if _TRAILS_OFF.search(text) or _ASKS_AN_EDIT.search(text):
        return True
    return text.endswith("?") and not _SENTENCE_END.search(text[:-1])


# An edit asked of a co-author, opening a sentence or a clause: `\\steve{Once the data is in, add a
# paragraph and list our contributions.}`. Papers state what was done; they do not tell the reader
# to "add a paragraph" (the object keeps "list scheduling", "check bits" out).
_ASKS_AN_EDIT = re.compile(
    r"(?:\A|[.,;:][ \t\n]+)(?:please[ \t\n]+)?(?:add|cite|expand|rewrite|move|fix|check|shorten|list|mention|explain|"
    r"update|insert|remove|drop|merge|rephrase|clarify|elaborate|describe|summari[sz]e|finish|complete)[ \t\n]+"
    r"(?:a|an|the|this|that|these|those|our|some|more|it|them|here)\b", re.IGNORECASE)


_TRAILS_OFF = re.compile(r"(?:\.\.\.|…|\\l?dots(?:\{\})?)[ \t]*(?:\n|\Z)")
_SENTENCE_END = re.compile(r"[.?!][ \t\n]+[A-Z]")


# Text hidden on purpose: not prose and not a left-over.
DROP_MACROS = {"cut", "ignore", "hide", "omit", "omitted", "remove", "removed", "old", "comment", "commentout", "cmnt", "delete", "deleted", "hidden",
               "st", "sout", "xout"}  # struck-out text (soul, ulem): deleted in a revision
# Zero-argument commands that print no word: an unknown name not listed here stands for a word.
NON_WORD_MACROS = set(
    """
    bf it em sl sc tt rm sf up md bfseries mdseries itshape slshape scshape upshape ttfamily rmfamily
    sffamily normalfont tiny scriptsize footnotesize small normalsize large Large LARGE huge Huge
    centering raggedright raggedleft flushleft flushright hline cline toprule midrule bottomrule
    newpage clearpage cleardoublepage pagebreak nopagebreak linebreak nolinebreak newline vfill hfil
    hss vss break protect relax ignorespaces unskip maketitle tableofcontents listoffigures
    listoftables appendix frontmatter mainmatter backmatter indent noindent null strut leavevmode
    sloppy fussy onecolumn twocolumn balance normalcolor selectfont FloatBarrier phantomsection
    makeatletter makeatother nobreak allowbreak ignorespacesafterend bigbreak medbreak smallbreak
    columnbreak item par today and quad qquad hfill vspace hspace centerline endinput
    IEEEpeerreviewmaketitle IEEEoverridecommandlockouts raggedbottom flushbottom frenchspacing
    nonfrenchspacing normalbaselines baselineskip parskip parindent textwidth linewidth columnwidth
    paperwidth textheight hsize vsize fill stretch cr crcr noalign omit span multispan
    tabularnewline arraybackslash bigl bigr Bigl Bigr left right middle displaystyle textstyle
    scriptstyle limits nolimits ensuremath mathstrut xspace sysname@
    printglossaries printglossary printacronyms printnomenclature printindex printbibliography
    makeglossaries makeindex makenomenclature glsaddall listofalgorithms listoflistings openright
    """.split()
)


def is_conditional(name: str) -> bool:
    """`\\if`, `\\iffalse`, `\\ifdraft`, `\\else`, `\\fi` (not `\\iff`, not `\\ifthenelse{}{}{}`)."""
    return name in ("else", "fi") or (name.startswith("if") and name not in ("iff", "ifthenelse") and name.isalpha())
# `{\bf X.}`: a group that starts with a font switch is emphasis like `\textbf{X.}`.
FONT_SWITCHES = {"bf", "bfseries", "em", "it", "itshape", "sl", "slshape", "sc", "scshape", "underline"}
# Code and query listings set inside a sentence ("the query [sql] returns ..."): not prose.
CODE_ENVIRONMENTS = {
    "sql", "python", "bash", "shell", "cpp", "java", "json", "yaml", "listing", "codeblock", "program",
    "pseudocode", "lstlisting", "minted", "verbatim", "Verbatim", "code", "alltt",
}
_VARIANT = re.compile(r"[-_*:]")


def is_code_environment(name: str) -> bool:
    """A code listing: a known name, or an author's variant of one whose definition is out of reach
    (`lstlisting-nobreak`, `code-block`, `verbatim_small`: the known name, a separator, a suffix)."""
    return name in CODE_ENVIRONMENTS or _VARIANT.split(name, 1)[0] in CODE_ENVIRONMENTS
