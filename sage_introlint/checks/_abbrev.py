"""Where a text spells out its abbreviations: `long form (SF)`, `SF (long form)`, `SF (long,
form)`, `(long form, SF)`, `SF, short for ...`, `SF stands for ...`, and in apposition: `long form, or SF`, `SF, or
long form`, `SF, Long Form`, `the SF principles: Long, Form`.

The test that a long form fits a short form is Schwartz and Hearst's ("A simple algorithm for
identifying abbreviation definitions in biomedical text", PSB 2003): the short form's letters
and digits are found in the long form from right to left, in order, and its first letter
starts a word. It accepts what authors really write: `Covering subExpression(s) (CEs)`,
`extended Berkeley Packet Filter (eBPF)` (which also defines `BPF`), `Bidding-Control
Protocols'' (BCPs)`, `Ethereum Virtual Machine (EVM for short)`; an `X` may stand for
"cross", "trans" or a word's leading "ex" (`Cross-Site Scripting (XSS)`, `explainable AI (XAI)`,
`Extensible Markup Language (XML)`). A short form of two or three capital words is spelled out
as one (`Payment Card Industry Data Security Standard (PCI DSS)` defines PCI and DSS).
"""

from __future__ import annotations

import re

# a hard-wrapped line may break inside; full-width parentheses `（inverse kinematics, IK）` too
PAREN = re.compile(r"[(\uff08]((?:[^()\uff08\uff09\n]|\n(?![^\S\n]*\n)){1,100})[)\uff09]")
# the short form inside parentheses: `(SF)`, `(SFs)`, `(SF for short)`, `(or SF)`, `(SF; ...)`, `(SF-X)`
SHORT_IN_PAREN = re.compile(
    r"\s*(?:or\s+|a\.k\.a\.?\s+|i\.e\.,?\s+|hereafter\s+|henceforth\s+)?[\"'`“‘]*"
    r"(?P<short>[A-Za-z][A-Za-z\d&+]*?[A-Z](?:[A-Za-z\d&+]|[-\u2010\u2011](?=[A-Za-z\d]))*?)(?:s|'s|’s)?[\"'”’]*"
    r"(?:\s+for\s+short)?\s*(?:[,;:].*)?")
# `(PCI DSS)`, `(NIST CSF)`: capital words that one long form spells out together
SHORT_WORDS = re.compile(r"\s*(?P<short>[A-Z][A-Za-z\d&]*[A-Z\d](?: [A-Z][A-Za-z\d&]*[A-Z\d]){1,2})\s*")
SHORT_BEFORE = re.compile(r"(?P<short>[A-Za-z]*[A-Z][A-Za-z\d&+]*?)(?:s|'s|’s)?[\s~]*$")
SHORT_FOR = re.compile(r"(?<![\w-])(?P<short>[A-Za-z]*[A-Z]{2}[A-Za-z\d&+]*?)(?:s|'s|’s)?,?[\s~]+"
                       r"(?:\()?(?:short|(?:which )?stands|standing) for[\s~]+(?P<long>[^.;:()]{3,80})")
# apposition: `SF, or long form`, `SF, Long Form, ...`, `the SF principles [4]: Long, Form`
SHORT_APPOSED = re.compile(r"(?<![\w-])(?P<short>[A-Za-z]*[A-Z]{2}[A-Za-z\d&+]*?)(?:s|'s|’s)?(?:[\s~]+[a-z]+)?"
                           r"(?:[\s~]*\[[^\]\n]{1,40}\])?[\s~]*[,:][\s~]+(?:or[\s~]+)?(?=(?P<long>[^.;:()\[\]]{3,120}))")
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z]")  # begins with a class: `re` skips to each one in C
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
LONG_OR_SHORT = re.compile(r",[\s~]+or[\s~]+(?P<short>[A-Za-z]*[A-Z]{2}[A-Za-z\d&+]*?)(?:s|'s|’s)?(?![\w-])")
ARTICLE = re.compile(r"(?:(?:a|an|the)[\s~]+)?", re.I)
WORD = re.compile(r"[^\W_][\w'’\-\u2010\u2011]*")
CORE = re.compile(r"[A-Z][A-Z\d&]*[A-Z\d]|[A-Z]{2,}")


def fits(short: str, long: str) -> bool:
    """Schwartz-Hearst: can `long` be spelled out as `short`? (`x` may be "cross"/"trans"/"ex-")."""
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2:
        return False
    text = long.lower()
    if _fits(letters, text):
        return True
    return "x" in letters and _fits(letters, re.sub(r"(?<![a-z])(?:cross|trans|ex)", "x", text))


def _fits(letters: list[str], text: str) -> bool:
    li = len(text) - 1
    for si in range(len(letters) - 1, -1, -1):
        char = letters[si]
        while li >= 0 and (text[li] != char or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def _window(before: str, short: str) -> str:
    """The words a long form of `short` can span: at most min(|SF| + 5, 2 |SF|) (Schwartz-Hearst)."""
    size = sum(1 for c in short if c.isalnum())
    words = WORD.findall(before)
    return " ".join(words[-min(size + 5, 2 * size):])


def cores(short: str) -> set[str]:
    """What a defined short form makes known: itself and its capital core (`eBPF` -> `BPF`)."""
    found = {short}
    for match in CORE.finditer(short):
        found.add(match.group())
    return found


# what opens a long form after its short form: `SF (short for ...)`, `SF (an abbreviation for the term ...)`
LONG_LEAD = re.compile(r"^\s*(?:(?:short\s+for|(?:an?\s+)?(?:abbreviation|acronym)\s+(?:for|of))"
                       r"(?:\s+the\s+(?:term|phrase|words?))?|i\.e\.,?|or)\s+")
ALTERNATIVE = re.compile(r",?\s+or\s+(?:more\s+commonly\s+|simply\s+|just\s+)?")
# `Master-Slave/Token-Passing (MS/TP)`: two short forms joined by a slash, each spelled out
SLASHED = re.compile(r"[A-Za-z][A-Za-z\d&+-]*(?:/[A-Za-z][A-Za-z\d&+-]*)+")


def _alternatives(match) -> list[tuple[int, str]]:
    """(offset, text) of a parenthesis's content, and of each short form it offers as an
    alternative: `(PDN-GW or more commonly PGW)` offers PGW too, `(MS/TP)` both MS and TP."""
    inside, start = match.group(1), match.start(1)
    found = [(start, inside)]
    if SLASHED.fullmatch(inside):
        offset = 0
        for piece in inside.split("/"):
            found.append((start + offset, piece))
            offset += len(piece) + 1
        return found
    pieces = ALTERNATIVE.split(inside)
    if len(pieces) > 1:
        offset = 0
        for piece in pieces:
            offset = inside.index(piece, offset)
            found.append((start + offset, piece))
            offset += len(piece)
    return found


# `German Aerospace Center (DLR)`: an organisation's name, in words the letters need not fit (they
# come from its name in another language); two capitalised words at least, articles not counted.
BARE_SHORT = re.compile(r"[A-Z][A-Z\d&]{1,7}s?")
NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’.&-]*[\s~]+(?:(?:of|for|and|on|in|de|du|des|la|für|und|the)[\s~]+)*)+)$")
NOT_NAME = frozenset("The A An Our Their Its This These Those In On At For With By From We It".split())


def _after_a_name(text: str, paren: int) -> bool:
    """Is the parenthesis at `paren` right after a proper name of two capitalised words or more?"""
    match = NAME_BEFORE.search(text, max(0, paren - 120), paren)
    if match is None:
        return False
    words = [w for w in re.findall(r"[\w'’.&-]+", match.group(1)) if w[:1].isupper() and w not in NOT_NAME]
    return len(words) >= 2


# `(Password-Authenticated Key Exchange, PAKE)`: the long form, then the short form after a comma
LONG_THEN_SHORT = re.compile(r"(?P<long>[^,;()\n]{3,100}),[ \t]*(?P<short>[A-Za-z]*[A-Z]{2}[A-Za-z\d&+]*?)(?:s|'s|’s)?[ \t]*")


def _spells_out(short: str, long: str) -> bool:
    """`SF (long form)`: the text up to the first comma, or the whole parenthesis when its
    pieces are the spelled-out words themselves (`HBSH (hash, block cipher, stream cipher,
    hash)`)."""
    for text in (re.split(r"[,;]", long)[0], long):
        words = WORD.findall(text)
        if words and len(words) <= 2 * len(short) and fits(short, " ".join(words)):
            return True
    return False


def definitions(text: str) -> dict[str, int]:
    """Every short form the text spells out -> the offset of its first definition."""
    found: dict[str, int] = {}

    def add(short: str, at: int) -> bool:
        """Record SHORT's first definition; whether it made anything newly known."""
        new = False
        for name in cores(short):
            if name not in found:
                found[name] = at
                new = True
        return new

    for match in PAREN.finditer(text):
        before, defined_inside = None, False
        for at, part in _alternatives(match):
            inside = SHORT_IN_PAREN.fullmatch(part) or SHORT_WORDS.fullmatch(part)
            if inside:
                short = inside.group("short")
                if before is None:
                    before = re.split(r"[.;:!?]\s|\n\s*\n", text[max(0, match.start() - 300):match.start()])[-1]
                # `(also known as remote memory access or RMA)`: the long form is the alternative before it
                if fits(short, _window(before, short)) or (at > match.start(1) and fits(short, _window(text[match.start(1):at], short))):
                    defined_inside |= add(short, at + inside.start("short"))
        if defined_inside:
            continue
        inner = LONG_THEN_SHORT.fullmatch(match.group(1))
        if inner and _spells_out(inner.group("short"), inner.group("long")):
            add(inner.group("short"), match.start(1) + inner.start("short"))
            continue
        if BARE_SHORT.fullmatch(match.group(1)) and _after_a_name(text, match.start()):
            add(match.group(1).rstrip("s") if match.group(1)[-1] == "s" else match.group(1), match.start(1))
            continue
        ahead = SHORT_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if ahead:
            short = ahead.group("short")
            long = LONG_LEAD.sub("", match.group(1))
            if _spells_out(short, long):
                add(short, ahead.start("short"))
    # (a search that tries every capital of the text: only where one of its phrases stands at all)
    said = "short for" in text or "stands for" in text or "standing for" in text
    for match in SHORT_FOR.finditer(text) if said else ():
        if fits(match.group("short"), match.group("long")):
            add(match.group("short"), match.start("short"))
    _apposed(text, add)
    return found


def _apposed(text: str, add) -> None:
    """`SF, or long form`, `SF, Long Form` and `long form, or SF`: the long form beside the short
    one, set off by a comma or colon, starting with the short form's first letter."""
    for match in _apposed_matches(text) if ", " in text or ": " in text else ():
        short, long = match.group("short"), match.group("long").split("\n\n")[0]
        long = long[ARTICLE.match(long).end():]
        if long[:1].lower() == short[:1].lower() and _spells_out(short, long):
            add(short, match.start("short"))
    for match in LONG_OR_SHORT.finditer(text) if ", or " in text else ():
        short = match.group("short")
        before = re.split(r"[.;:!?()]\s|\n\s*\n", text[max(0, match.start() - 200):match.start()])[-1]
        if fits(short, _window(before, short)):
            add(short, match.start("short"))


def _apposed_matches(text: str):
    """`SHORT_APPOSED.finditer(text)`, tried only where a match can begin.

    A match begins a run of ASCII letters that holds two capitals in a row, with no word
    character or hyphen before it (`(?<![\\w-])[A-Za-z]*[A-Z]{2}`): the letter run's first letter,
    found from each pair of capitals. `re` would try the pattern, lookbehind first, at every
    position of the text, which cost most of the acronym rule. Matches never overlap an empty one
    (the short form has two letters at least), so going on after each match's end is finditer's.
    """
    resume, tried = 0, -1
    for pair in _TWO_CAPITALS.finditer(text):
        start = pair.start()
        while start > 0 and text[start - 1] in _ASCII_LETTERS:
            start -= 1
        if start == tried or start < resume:
            continue
        tried = start
        if start and _WORD_OR_HYPHEN.match(text, start - 1):
            continue
        match = SHORT_APPOSED.match(text, start)
        if match is not None:
            yield match
            resume = match.end()
