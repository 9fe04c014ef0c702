"""Glossary and acronym commands (`glossaries`, `acronym` packages): what `\\gls{key}` prints.

Theses and long papers keep their acronyms in a glossary (`\\newacronym{pfa}{PFA}{page fault
accelerator}`) and write `\\gls{pfa}` in the text. Read as an unknown macro, `\\gls{pfa}` became
the key "pfa": a sentence that opens with it started in lower case and merged with the one
before, and `\\glsadd{key}` (which prints nothing) left its key in the sentence. Here each command
prints the entry's short form (or name), its long form, or both, as the packages do after first
use; an entry whose definition is out of reach prints its key as a stand-in word. Either way the
text is not the author's running prose at that spot (it comes from the glossary), so no term rule
reports inside it, and an acronym written through the glossary counts as defined there; but
`\\acrshort` prints the bare short form (a use), and `\\acrfull` spells it out where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# command -> (form, case, plural): form "short", "long", "full" (long (short)) or "name"
# (what `\\gls` prints after first use); case "lower" (as defined), "first" (capital first letter)
# or "upper".
_BASE = {
    "gls": "short", "glspl": "short", "glstext": "name", "glsname": "name", "glssymbol": "short",
    "acrshort": "short", "acrshortpl": "short", "acrlong": "long", "acrlongpl": "long",
    "acrfull": "full", "acrfullpl": "full", "glsfirst": "full", "glsentryshort": "short",
    "glsentrylong": "long", "glsentryname": "name", "glsentrytext": "name",
    "ac": "short", "acp": "short", "acs": "short", "acsp": "short", "acl": "long", "aclp": "long",
    "acf": "full", "acfp": "full", "glsxtrshort": "short", "glsxtrlong": "long",
    "glsxtrfull": "full",
}
_PLURAL = {"glspl", "acrshortpl", "acrlongpl", "acrfullpl", "acp", "acsp", "aclp", "acfp"}
# Commands that print the short form only, never the long one (unlike `\\gls`, whose first use
# prints both): the reader meets the bare acronym there, so it is a use the acronym rule reads.
SHORT_ONLY = {"acrshort", "acrshortpl", "acs", "acsp", "glsentryshort", "glsxtrshort"}
# Commands whose first use of an entry prints its long form too: they spell the acronym out there.
FIRST_USE_FULL = {"gls", "glspl", "ac", "acp"}


def _commands() -> dict[str, tuple[str, str, bool]]:
    table = {}
    for name, form in _BASE.items():
        plural = name in _PLURAL
        table[name] = (form, "lower", plural)
        table[name[0].upper() + name[1:]] = (form, "first", plural)  # \Gls, \Acrshort, \Ac
        if name.startswith("gls"):
            table["GLS" + name[3:]] = (form, "upper", plural)  # \GLS, \GLSpl
    return table


GLOSSARY_COMMANDS = _commands()
# Commands that print nothing: they mark an entry as used or reset it.
GLOSSARY_SILENT = {
    "glsadd", "glsreset", "glsunset", "acused", "acreset", "glslocalreset", "glslocalunset",
}

_NEW_ACRONYM = re.compile(r"\\(?:newacronym|newabbreviation|acrodef|newacro|acro|DeclareAcronym)(?![A-Za-z@])\s*(?:\[[^\]]*\]\s*)?\{")
_NEW_ENTRY = re.compile(r"\\(?:newglossaryentry|longnewglossaryentry)\s*\{")
_KEY_VALUE = re.compile(r"(?:^|,)\s*(name|text|first|short|long|plural)\s*=\s*")


@dataclass(frozen=True)
class GlossaryEntry:
    """What an entry prints: its short form (or name) and its long form, if it has one."""

    short: str
    long: str = ""


def _group(text: str, start: int) -> tuple[str, int]:
    """The text of the `{...}` group at `start` and the index after it ('' and start if none)."""
    index = start
    while index < len(text) and text[index] in " \t\n":
        index += 1
    if index >= len(text) or text[index] != "{":
        return "", start
    depth = 0
    for end in range(index, len(text)):
        char = text[end]
        if char == "{" and text[end - 1] != "\\":
            depth += 1
        elif char == "}" and text[end - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[index + 1 : end], end + 1
    return "", start


def _optional(text: str, start: int) -> int:
    """The index after an optional `[...]` argument at `start` (start itself if there is none)."""
    index = start
    while index < len(text) and text[index] in " \t":
        index += 1
    if index < len(text) and text[index] == "[":
        close = text.find("]", index)
        return close + 1 if close > 0 else start
    return start


def _plain(value: str) -> str:
    value = re.sub(r"\\[A-Za-z@]+\*?\s*", "", value.replace("\\ ", " "))
    return " ".join(value.replace("{", "").replace("}", "").replace("~", " ").split())


def _values(body: str) -> dict[str, str]:
    """`name={page table}, description={...}` -> {"name": "page table"} (top-level keys only)."""
    values, index = {}, 0
    while True:
        match = _KEY_VALUE.search(body, index)
        if not match:
            return values
        start = match.end()
        if body[start : start + 1] == "{":
            value, index = _group(body, start)
        else:
            comma = body.find(",", start)
            index = comma if comma >= 0 else len(body)
            value = body[start:index]
        values.setdefault(match.group(1), _plain(value))


# `\\newcommand*{\\newdualentry}[5][]{..\\newacronym{#2}{#3..}{#4}..}`: an author's wrapper around
# \\newacronym; its calls define acronyms too (argument numbers map key, short and long)
_WRAPPER = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z@]+)\}?\s*\[(\d)\](\s*\[[^\]]*\])?\s*\{")
_DEF_WRAPPER = re.compile(r"\\def\s*\\([A-Za-z@]+)((?:#\d)+)\s*\{")
_WRAPPED = re.compile(r"\\newacronym\s*(?:\[[^\]]*\]\s*)?\{#(\d)\}\s*\{#(\d)[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*\{#(\d)\}")


def _wrappers(text: str):
    """(name, argument count, optional first argument?, body start) of every definition that may
    wrap \\newacronym: `\\newcommand{\\x}[2]{..}` and `\\def\\abbr#1#2{..}`."""
    for match in _WRAPPER.finditer(text):
        yield match.group(1), int(match.group(2)), match.group(3) is not None, match.end() - 1
    for match in _DEF_WRAPPER.finditer(text):
        yield match.group(1), len(match.group(2)) // 2, False, match.end() - 1


def _wrapped_entries(text: str) -> dict[str, GlossaryEntry]:
    """Acronyms defined through an author's wrapper command (calls with all arguments braced)."""
    entries = {}
    for name, count, optional, body_start in _wrappers(text):
        body, _ = _group(text, body_start)
        inner = _WRAPPED.search(body)
        if not inner:
            continue
        key_at, short_at, long_at = (int(n) - (2 if optional else 1) for n in inner.groups())
        call = re.compile(r"\\%s(?![A-Za-z@])\s*(?:\[[^\]]*\]\s*)?(?=\{)" % re.escape(name))
        for match in call.finditer(text):
            arguments, index = [], match.end()
            for _ in range(count - (1 if optional else 0)):
                value, index = _group(text, index)
                arguments.append(value)
            if min(key_at, short_at, long_at) >= 0 and arguments[key_at].strip() and arguments[short_at].strip():
                entries[arguments[key_at].strip()] = GlossaryEntry(_plain(arguments[short_at]), _plain(arguments[long_at]))
    return entries


def glossary_entries(text: str) -> dict[str, GlossaryEntry]:
    """Every glossary entry and acronym a file defines, by key (comments already blanked)."""
    entries = _wrapped_entries(text)
    for match in _NEW_ACRONYM.finditer(text):
        key, index = _group(text, match.end() - 1)
        index = _optional(text, index)  # \acro{KEY}[short]{long}
        short, index = _group(text, index)
        long, _ = _group(text, index)
        if key.strip() and "#" not in key:
            entries[key.strip()] = GlossaryEntry(_plain(short) or key.strip(), _plain(long))
    for match in _NEW_ENTRY.finditer(text):
        key, index = _group(text, match.end() - 1)
        body, _ = _group(text, index)
        values = _values(body)
        shown = values.get("text") or values.get("name") or values.get("short")
        if key.strip() and "#" not in key and shown:
            entries.setdefault(key.strip(), GlossaryEntry(shown, values.get("long", "")))
    return entries


def glossary_text(entry: GlossaryEntry | None, key: str, command: str) -> str:
    """What `\\command{key}` prints, with the entry when its definition was read."""
    form, case, plural = GLOSSARY_COMMANDS[command]
    if entry is None:
        short, long = key, ""
    else:
        short, long = entry.short, entry.long
    suffix = "s" if plural else ""
    if form == "long" and long:
        text = long + suffix
    elif form == "full" and long:
        text = f"{long}{suffix} ({short}{suffix})"
    else:
        text = short + suffix
    if case == "upper":
        return text.upper()
    if case == "first":
        return text[:1].upper() + text[1:]
    return text
