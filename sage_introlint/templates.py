"""Message templates of packs (`"{match} is hype"`): plain `{name}` fields only, checked at load.

Python's `str.format` would also evaluate `{match.__class__.__init__.__globals__}` or `{x[0]}`,
and a pack (which a pull request can change) must not reach into the program through its
messages; a lone `{` would fail only when the rule first fires. So a template is parsed when the
pack loads, and `fill` substitutes plain names and nothing else.
"""

from __future__ import annotations

import re
import string

_SPEC = re.compile(r"[<>^]?\d{0,3}")
# option keys whose strings are vocabulary or patterns, not messages
NOT_TEMPLATES = ("terms", "all_of", "none_of", "cues", "systems", "ranges")


def problem(template: str) -> str | None:
    """Why `template` is not a valid message template, or None."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        return f"malformed message template {template!r}: {error} (write a literal brace as {{{{ or }}}})"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or conversion or not _SPEC.fullmatch(spec or ""):
            return (f"message template field {{{name}{'!' + conversion if conversion else ''}"
                    f"{':' + spec if spec else ''}}} is not allowed: use a plain name such as {{match}}")
    return None


def fill(template: str, **values) -> str:
    """`template` with each `{name}` given in `values` replaced (others are left as written)."""
    out = []
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return template
    for literal, name, spec, conversion in parts:
        out.append(literal)
        if name is None:
            continue
        if name in values and name.isidentifier() and not conversion and _SPEC.fullmatch(spec or ""):
            out.append(format(str(values[name]), spec or ""))
        else:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def problems(options, at: tuple = ()):
    """(key path, problem) for every message template in a rule's options."""
    if isinstance(options, dict):
        for key, value in options.items():
            if key in NOT_TEMPLATES or not isinstance(key, str):
                continue
            if isinstance(value, str):
                found = problem(value)
                if found:
                    yield at + (key,), found
            else:
                yield from problems(value, at + (key,))
    elif isinstance(options, list):
        for index, item in enumerate(options):
            if isinstance(item, (dict, list)):
                yield from problems(item, at + (index,))
