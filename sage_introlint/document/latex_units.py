"""siunitx quantities in prose: `\\SI{35}{\\percent}` reads "35%", `\\qty{3}{\\milli\\second}` "3 ms".

Systems papers write their numbers with siunitx. Read as unknown macros they became "35Percent"
and "3MilliSecond": the ledger lost every such claim, and a placeholder (`\\SI{XX}{\\percent}`)
was never seen. The number is copied from the source as it stands (a finding in it points at
its column); the unit is written as siunitx prints it, standing for the unit argument.
"""

from __future__ import annotations

import re

from .latex_parse import raw_inside

# what each command prints, in order: a number ("n", "l" a list) or the unit ("u") from its
# braces (index among them), or words between them
_SHAPES = {
    "SI": (("n", 0), ("u", 1)), "qty": (("n", 0), ("u", 1)), "num": (("n", 0),), "tablenum": (("n", 0),),
    "ang": (("n", 0), "°"), "si": (("u", 0),), "unit": (("u", 0),),
    "SIrange": (("n", 0), ("u", 2), " to ", ("n", 1), ("u", 2)), "qtyrange": (("n", 0), ("u", 2), " to ", ("n", 1), ("u", 2)),
    "numrange": (("n", 0), " to ", ("n", 1)), "numlist": (("l", 0),), "SIlist": (("l", 0), ("u", 1)),
    "qtylist": (("l", 0), ("u", 1)),
}
PREFIXES = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p", "nano": "n", "micro": "µ", "milli": "m",
    "centi": "c", "deci": "d", "deca": "da", "hecto": "h", "kilo": "k", "mega": "M", "giga": "G", "tera": "T",
    "peta": "P", "exa": "E", "kibi": "Ki", "mebi": "Mi", "gibi": "Gi", "tebi": "Ti", "pebi": "Pi",
}
UNITS = {
    "second": "s", "byte": "B", "bit": "bit", "hertz": "Hz", "watt": "W", "joule": "J", "volt": "V", "ampere": "A",
    "meter": "m", "metre": "m", "gram": "g", "kilogram": "kg", "percent": "%", "hour": "h", "minute": "min",
    "day": "d", "degree": "°", "degreeCelsius": "°C", "kelvin": "K", "decibel": "dB", "litre": "L", "liter": "L",
    "ohm": "Ω", "electronvolt": "eV", "per": "/", "squared": "²", "cubed": "³", "square": "", "cubic": "",
    "bitpersecond": "bit/s", "baud": "Bd",
}
_TOKEN = re.compile(r"\\([A-Za-z]+)|([^\\{}\s]+)")
_TIGHT = ("%", "°", "°C")  # printed without a space after the number


def unit_text(raw: str) -> str:
    """What siunitx prints for a unit argument (`\\giga\\byte\\per\\second` -> "GB/s"); literal
    units (`ms`, `tokens/s`) stay as written."""
    out = []
    for match in _TOKEN.finditer(raw):
        name, literal = match.groups()
        if literal is not None:
            out.append(literal)
        elif name in PREFIXES or name in UNITS:
            out.append(PREFIXES.get(name, UNITS.get(name, "")))
        else:
            out.append(name)  # a unit the author declared (`\\token`): its name
    return "".join(out)


def braces_of(command: str) -> int:
    """How many braced arguments a siunitx command reads."""
    return 1 + max(part[1] for part in _SHAPES[command] if isinstance(part, tuple))


def write_quantity(prose, source, command: str, groups: list) -> None:
    """Write one siunitx command's prose from its braced arguments: numbers copied, units as printed."""
    at = groups[0].pos
    for part in _SHAPES[command]:
        if isinstance(part, str):  # words between the braces' text, where the last one ended
            prose.replace(part, source, at, at)
            continue
        kind, index = part
        group = groups[index]
        if kind == "u":
            unit = unit_text(raw_inside(source, group))
            text = ("" if unit in _TIGHT or unit.startswith(("/", "²", "³")) else " ") + unit
            prose.replace(text, source, group.pos, group.pos + group.len)
        else:
            _number(prose, source, group)
        at = group.pos + group.len


def _number(prose, source, group) -> None:
    """A number as written (its characters keep their columns); a list `1;2;3` reads "1, 2 and 3"."""
    start, end = group.pos + 1, group.pos + group.len - 1
    inside = source.text[start:end]
    if "\\" in inside or "{" in inside:
        prose.replace(" ".join(inside.split()), source, start, end)
        return
    if ";" not in inside:
        lead = len(inside) - len(inside.lstrip())
        prose.literal(source, start + lead, start + len(inside.rstrip()))
        return
    items = [item.strip() for item in inside.split(";") if item.strip()]
    prose.replace(", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1], source, start, end)
