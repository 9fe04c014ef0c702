"""An abstract kept in a Markdown file's YAML front matter (pandoc's `abstract:` key) read as the
paper's Abstract section.

Pandoc and Quarto drafts put the abstract in the front matter, where the parser skips it. Before
parsing, the front matter is rewritten line for line: the `abstract:` key becomes an
`# Abstract` heading at the level of the document's first heading (`## Abstract` when the body
opens with `## Introduction`, so the Introduction is a sibling of the Abstract, not a part of it;
on the line above when the value starts on the key's line), its value's
lines stay on their lines (indentation and quotes cut), and every other line of the front matter becomes blank. Positions
are unchanged: the readers find each token's text in the original source.
"""

from __future__ import annotations

import re

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
KEY = re.compile(r"^abstract:[ \t]*(?P<rest>.*)$", re.I)
BLOCK = re.compile(r"^[|>][+-]?\d*[ \t]*(?:#.*)?$")  # `|`, `>-`, `|2`: the value is the indented lines below
QUOTED = re.compile(r"^(?P<q>[\"'])(?P<body>.*?)(?P=q)?[ \t]*$")
ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def abstract_as_section(text: str) -> str:
    """`text` with a front-matter abstract turned into an Abstract section (same lines), or `text`."""
    if not text.startswith("---"):
        return text
    found = FRONT_MATTER.match(text)
    if found is None or "abstract" not in found.group(1).lower():
        return text
    lines = text.split("\n")
    inside = found.group(0).count("\n") - (0 if found.group(0).endswith("\n") else 1)
    out = [""] * (inside + 1)  # the front matter, `---` to `---`, blank
    key = next((n for n in range(1, inside) if KEY.match(lines[n])), None)
    if key is None:
        return text
    rest = KEY.match(lines[key]).group("rest")
    body = key + 1
    while body < inside and (not lines[body].strip() or lines[body][:1] in " \t"):
        body += 1
    value = lines[key + 1:body]
    heading = _first_heading_marks(lines[inside + 1:]) + " Abstract"
    if rest and not BLOCK.match(rest):
        quoted = QUOTED.match(rest)
        out[key - 1], out[key] = heading, quoted.group("body") if quoted else rest
    else:
        out[key] = heading
    out[key + 1:body] = [_dedented(line) for line in value]
    return "\n".join(out + lines[inside + 1:])


def _first_heading_marks(lines: list[str]) -> str:
    """The `#`s of the body's first ATX heading outside code fences (`#` when there is none)."""
    fence = None
    for line in lines:
        opened = FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif heading := ATX.match(line):
            return heading.group(1)
    return "#"


def _dedented(line: str) -> str:
    """A value line, its indentation cut to at most two spaces (four would make it code, and so
    would one tab: a value indented with tabs keeps a space in the tab's place)."""
    stripped = line.lstrip(" \t")
    return line[:min(len(line) - len(stripped), 2)].replace("\t", " ") + stripped
