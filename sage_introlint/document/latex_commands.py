"""Commands that take their siblings: `\\if 0 .. \\fi`, `\\def`, author macros, notes to co-authors.

pylatexenc reads an unknown macro as a bare name and its `{...}` as the next sibling, so the
walker hands these commands the sibling list: a note macro takes its groups with it, a false
conditional takes everything up to its `\\fi`, and a macro that stands for a word becomes that
word (or a stand-in word when its definition is not in reach), so a sentence that opens with
`\\sys` still opens a sentence.
"""

from __future__ import annotations

import functools
import re

from pylatexenc import latexwalker as lw

from . import latex_macros as roles
from .latex_glossary import FIRST_USE_FULL, GLOSSARY_COMMANDS, GLOSSARY_SILENT, SHORT_ONLY, glossary_text
from .latex_labels import alone_on_line, ends_block
from .latex_macros import MacroDefinition, MacroTable
from .latex_parse import hides, if_digit, inline_code_end, is_macro, last_group, raw_inside
from .latex_tables import DROP_MACROS, NON_WORD_MACROS, QUANTITIES, SILENT_ARGUMENT, is_conditional, is_note_name, is_note_text, is_standalone_note, names_keys
from .latex_units import braces_of, write_quantity
from .model import Leftover, Source

# a `%` comment as TeX reads it: to the line end, the line end and the next line's indentation
_COMMENT_AND_LINE_END = re.compile(r"(?<!\\)%[^\n]*(?:\n[ \t]*)?")

LABEL_MAX_WORDS = 8  # an undefined macro's short argument at a paragraph's start may be its heading
_LABEL_KEY = re.compile(r"[A-Za-z]+:[\w:./-]+")  # `fig:motiv`, `sec:eval`


def _opening(name: str) -> str:
    """A lower-case system name (`\\name` -> "unum", "gg") opening a sentence, written as the reader
    sees it there: a new sentence. `vLLM`-style names already read as names and stay as they are."""
    if name[:1].islower() and name.isalpha() and name.islower():
        return name[0].upper() + name[1:]
    return name


def _is_group(node) -> bool:
    return isinstance(node, lw.LatexGroupNode) and node.delimiters[0] == "{"


def _is_space(node) -> bool:
    return isinstance(node, lw.LatexCharsNode) and not node.chars.strip() and node.chars.count("\n") < 2


# The `changes` package's revision marks (`\\replaced[id=RZ]{new}{old}`): the new text is prose,
# the deleted or replaced text is not.
CHANGES_MACROS = {
    "added": MacroDefinition("added", 2, roles.FORMAT, prose_arguments=(2,), optional=True),
    "highlight": MacroDefinition("highlight", 2, roles.FORMAT, prose_arguments=(2,), optional=True),
    "replaced": MacroDefinition("replaced", 3, roles.FORMAT, prose_arguments=(2,), optional=True),
    "deleted": MacroDefinition("deleted", 2, roles.DROP, optional=True),
}


class CommandReader:
    """Mixin for the Walker: the commands that consume siblings. Needs `self.prose`, `self.macros`."""

    macros: MacroTable

    def command(self, items: list, index: int) -> int | None:
        """Handle the macro at items[index] if it takes siblings; the index after it, else None."""
        source, node = items[index]
        name = node.macroname
        if is_conditional(name):
            return self.conditional(items, index)
        if name in self.macros.verbatim:
            return self.inline_code(items, index, self.macros.verbatim[name])
        if name in self.macros.aliases:
            handled = self.glossary_command(items, index, self.macros.aliases[name])
            if handled is not None:
                return handled
        definition = self.macros.get(name)
        if definition is None and is_note_name(name):  # `\\TODO[bob]{..}`: an optional author first
            definition = MacroDefinition(name, 2, roles.NOTE, optional=True)
        elif definition is None and name in CHANGES_MACROS:
            definition = CHANGES_MACROS[name]
        elif definition is None and name in DROP_MACROS:
            definition = MacroDefinition(name, 1, roles.DROP)
        if definition is not None:
            return self.author_macro(items, index, definition)
        if name in SILENT_ARGUMENT and not _arguments(node):
            return self.take_groups(items, index + 1, 1)
        if (name in GLOSSARY_COMMANDS or name in GLOSSARY_SILENT) and not _arguments(node):
            handled = self.glossary_command(items, index)
            if handled is not None:
                return handled
        if name in QUANTITIES and not _arguments(node):
            handled = self.quantity(items, index)
            if handled is not None:
                return handled
        if self.is_unknown(node):
            return self.undefined_macro(items, index)
        return None

    def quantity(self, items: list, index: int) -> int | None:
        """`\\SI[opts]{35}{\\percent}` and the other siunitx commands: what siunitx prints; None
        when the braces it needs do not follow (read as any other macro)."""
        source, node = items[index]
        first = _after_optional(items, index)
        end = self.take_groups(items, first, braces_of(node.macroname))
        groups = [items[n][1] for n in range(first, end) if _is_group(items[n][1])]
        if len(groups) < braces_of(node.macroname):
            return None
        write_quantity(self.prose, source, node.macroname, groups)
        return end

    # ---- conditionals

    def conditional(self, items: list, index: int) -> int:
        """`\\if 0`/`\\iffalse` (and an author's `\\newif` switch set false) hide up to `\\else`/`\\fi`;
        a true branch skips its `\\else` part."""
        source, node = items[index]
        name = node.macroname
        if name == "fi":
            return index + 1
        if name == "else":  # reached while reading a true branch
            return self._branch_end(items, index + 1, stop_at_else=False)
        following = items[index + 1][1] if index + 1 < len(items) else None
        if hides(name, following, self.macros):
            return self._branch_end(items, index + 1, stop_at_else=True)
        digit = if_digit(name, following)
        if digit:  # `\if 1`: read on, without the digit
            self.skip_to = (source, following.pos + following.chars.index(digit) + 1)
        return index + 1

    def _branch_end(self, items: list, index: int, stop_at_else: bool) -> int:
        depth = 0
        while index < len(items):
            node = items[index][1]
            if isinstance(node, lw.LatexMacroNode):
                name = node.macroname
                if is_conditional(name) and name not in ("fi", "else"):
                    depth += 1
                elif name == "fi":
                    if depth == 0:
                        return index + 1
                    depth -= 1
                elif name == "else" and depth == 0 and stop_at_else:
                    return index + 1
            index += 1
        return index

    # ---- author macros

    def take_groups(self, items: list, index: int, count: int, extra: bool = False) -> int:
        """The index after `count` argument groups following items[index-1] (and, with `extra`,
        any further groups glued to them: `\\todo{..}{Name}`)."""
        taken = 0
        while index < len(items) and taken < count:
            node = items[index][1]
            if _is_group(node):
                taken += 1
                index += 1
            elif _is_space(node) and index + 1 < len(items) and _is_group(items[index + 1][1]):
                index += 1
            else:
                break
        while extra and index < len(items) and _is_group(items[index][1]) and items[index][1].pos == _end(items[index - 1][1]):
            index += 1
        return index

    def author_macro(self, items: list, index: int, definition: MacroDefinition) -> int:
        source, node = items[index]
        role = definition.role
        parsed = len([arg for arg in _arguments(node) if arg is not None])
        wanted = max(definition.arguments - parsed, 0) if parsed else definition.arguments - definition.optional
        first = _after_optional(items, index) if definition.optional and not parsed else index + 1
        after = self.take_groups(items, first, wanted, extra=role in (roles.NOTE, roles.DROP))
        if role == roles.WORD:
            self.prose.replace(_opening(definition.text) if self.prose.after_sentence_end() else definition.text,
                               source, node.pos, node.pos + 1 + len(node.macroname))
            self.trailing_space(source, node)
        elif role == roles.NOTE:
            self.leftover(source, node.pos, _end(items[after - 1][1]))
        elif role in (roles.LABEL, roles.FORMAT, roles.CODE):
            groups = [items[n][1] for n in range(index + 1, after) if _is_group(items[n][1])]
            groups = _arguments_of(node) + groups
            shift = 1 + (definition.optional and not parsed)  # `#2` is the first group after an optional `[..]`
            texts = [groups[n - shift] for n in definition.prose_arguments if 0 <= n - shift < len(groups)]
            with self.prose.as_code(role == roles.CODE):
                if definition.around and len(texts) + 1 == len(definition.around):
                    self.unit_groups(source, node, texts, definition.around)
                else:
                    self.format_groups(source, texts, label=role == roles.LABEL)
        elif role == roles.LIST_BEGIN:
            self.begin_macro_list(self.macros.kind_of(node.macroname))
        elif role == roles.LIST_END:
            self.end_macro_list()
        return after

    def unit_groups(self, source: Source, node, groups: list, around: tuple[str, ...]) -> None:
        """`\\pct{36}` -> "36%": the body's text before the arguments stands for the macro's name,
        the text after each argument for that argument's closing brace."""
        self.prose.replace(around[0], source, node.pos, node.pos + 1 + len(node.macroname))
        for group, text in zip(groups, around[1:]):
            self.nodes(source, group.nodelist, group.pos + 1)
            self.prose.replace(text, source, group.pos + group.len - 1, group.pos + group.len)

    def glossary_command(self, items: list, index: int, command: str | None = None) -> int | None:
        """`\\gls{pfa}` -> what the glossary prints ("PFA"; its key as a stand-in when the entry is
        out of reach), never a term finding; `\\glsadd{pfa}` prints nothing. `command` is the
        glossary command an author's alias stands for (`\\let\\a\\acrshort`)."""
        source, node = items[index]
        command = command or node.macroname
        parsed = _arguments(node)  # an alias pylatexenc knows by another meaning (`\\a` is an accent)
        if parsed:
            group, end = parsed[-1], index + 1
            if not _is_group(group):
                return None
        else:
            first = _after_optional(items, index)  # `\\gls[hyper=false]{key}`
            end = self.take_groups(items, first, 1)
            if end == first:  # no `{key}`: read as any other macro
                return None
            group = items[end - 1][1]
        if command in GLOSSARY_SILENT:
            return end
        key = source.text[group.pos + 1 : _end(group) - 1].strip()
        entry = self.macros.glossary.get(key)
        text = glossary_text(entry, key, command)
        if entry is not None and entry.long and (GLOSSARY_COMMANDS[command][0] == "full" or command.lower() in FIRST_USE_FULL):
            self.prose.spelled_out.setdefault(entry.short, source.position(node.pos))
        if self.prose.after_sentence_end():
            text = text[:1].upper() + text[1:]
        self.prose.replace(text, source, node.pos, _end(group), checkable=entry is not None and command.lower() in SHORT_ONLY)
        return end

    def inline_code(self, items: list, index: int, groups: int) -> int:
        """An author's inline-code command (`\\fnc|udp_sendmsg|`): the code, never a term finding.
        Parsed as text, the code's characters are the siblings after the command; they are skipped."""
        source, node = items[index]
        found = inline_code_end(source.text, node.pos + 1 + len(node.macroname), groups)
        if found is None:
            self.trailing_space(source, node)
            return index + 1
        start, stop, end = found
        self.prose.replace(source.text[start:stop], source, node.pos, end, checkable=False)
        index += 1
        while index < len(items) and items[index][1].pos < end:
            following = items[index][1]
            if _end(following) > end and isinstance(following, lw.LatexCharsNode):
                self.skip_to = (source, end)
                break
            index += 1
        return index

    def citation_note(self, source: Source, node, end: int) -> None:
        """`\\cite{}` or `\\cite{ask Ana for the ref}`: no key, or words where a key goes (a key has no
        spaces), is a citation still to find: a note to co-authors, reported where it stands."""
        group = last_group(node)
        if group is None:
            return
        if names_keys(raw_inside(source, group)):
            return
        self.leftover(source, node.pos, end)

    def leftover(self, source: Source, start: int, end: int) -> None:
        """A note to co-authors at `source.text[start:end]`, quoted as TeX reads it: a `%` comment
        takes the line end and the next line's indentation with it."""
        written = _COMMENT_AND_LINE_END.sub("", source.text[start:end])
        self.prose.leftovers.append(Leftover.of(source, start, end, written))

    def is_unknown(self, node) -> bool:
        """A macro no table knows and pylatexenc gave no arguments: an author macro out of reach."""
        return not _arguments(node) and node.macroname not in self.known_macros

    def undefined_macro(self, items: list, index: int) -> int:
        """`\\name` -> a stand-in word; `\\mypara{Problem}` heading a paragraph -> a label;
        `\\nd{3}` -> its argument as text."""
        source, node = items[index]
        name = node.macroname
        following = items[index + 1][1] if index + 1 < len(items) else None
        glued = _is_group(following) and following.pos == node.pos + 1 + len(name)
        inside = source.text[following.pos + 1 : _end(following) - 1].strip() if glued else ""
        if _LABEL_KEY.fullmatch(inside):  # `\\FIG{fig:motiv}`: a reference macro of the author's
            self.prose.replace("1", source, node.pos, _end(following), checkable=False)
            return index + 2
        if inside and (is_note_text(source.text[source.text.rfind("\n", 0, node.pos) + 1 : node.pos], inside)
                       or (alone_in_paragraph(source.text, node.pos, _end(following)) and is_standalone_note(inside))):
            return self.author_macro(items, index, MacroDefinition(name, 1, roles.NOTE))
        if inside:
            self.format_groups(source, [following], label=self._heading_like(source, following))
            return index + 2
        if self.list_wrapper(items, index):
            return index + 1
        symbol = symbol_text(name)
        if symbol is not None:
            self.prose.replace(symbol, source, node.pos, node.pos + 1 + len(name))
            self.trailing_space(source, node)
            return index + 1
        if name in NON_WORD_MACROS or "@" in name or not name.isalpha() or self._layout_line(source, node):
            self.trailing_space(source, node)
            return index + 1
        self.prose.replace(name[0].upper() + name[1:], source, node.pos, node.pos + 1 + len(name), checkable=False)
        self.trailing_space(source, node)
        return index + 1

    def list_wrapper(self, items: list, index: int) -> bool:
        """An undefined command alone on its line that opens or closes a list of `\\item`s (a
        shorthand such as `\\squishlist` ... `\\squishend` defined in a file out of reach): it
        opens one when an `\\item` comes next, and closes the one it opened after an item's
        sentence has ended; between the items of a list it prints nothing (spacing). Read as the list
        it wraps, not as a word, a paragraph or a block."""
        source, node = items[index]
        if not alone_on_line(source.text, node.pos, node.pos + 1 + len(node.macroname)):
            return False
        following = next((other for _, other in items[index + 1 :]
                          if not (isinstance(other, lw.LatexCharsNode) and not other.chars.strip())
                          and not isinstance(other, lw.LatexCommentNode)), None)
        if is_macro(following, {"item"}):
            if not self.list_depth:  # inside a list, such a line between items is spacing (`\\myskip`)
                self.begin_macro_list()
            return True
        end = node.pos + 1 + len(node.macroname)
        if self._macro_lists and (self.prose.after_sentence_end(".?!:;") or ends_block(source.text, end)):
            self.end_macro_list()  # an item may end without a period (`\item Impute: $f(D)$` then `\ei`)
            return True
        return False

    def _layout_line(self, source: Source, node) -> bool:
        """`\\stab` alone on the first line of a block, with a command opening the next line
        (`\\textit{..}`, `\\item`): a spacing shorthand defined out of reach, not a word. A
        system's name starts a sentence on the same line as its verb."""
        end = node.pos + 1 + len(node.macroname)
        if not (self.prose.at_block_start and alone_on_line(source.text, node.pos, end)):
            return False
        line_end = source.text.find("\n", end)
        return line_end >= 0 and source.text[line_end + 1 :].lstrip(" \t").startswith("\\")

    def _heading_like(self, source: Source, group) -> bool:
        """`\\mypara{Problem}` on its own line, or ending with "." / ":", at a block's start."""
        if not self.prose.at_block_start:
            return False
        inside = source.text[group.pos + 1 : _end(group) - 1].strip()
        if len(inside.split()) > LABEL_MAX_WORDS:
            return False
        line_end = source.text.find("\n", _end(group))
        rest = source.text[_end(group) : line_end if line_end >= 0 else len(source.text)]
        return inside.endswith((".", ":")) or rest[:1] in (".", ":") or not rest.strip()


def alone_in_paragraph(text: str, start: int, end: int) -> bool:
    """Is text[start:end] all of its paragraph: nothing else on its lines (a comment aside), and
    a blank line or the text's edge before and after it?"""
    if not alone_on_line(text, start, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)] if line_start else ""
    after_end = text.find("\n", line_end + 1)
    after = text[line_end + 1 : len(text) if after_end < 0 else after_end]
    return not before.strip() and not after.strip()


@functools.lru_cache(maxsize=512)
def symbol_text(name: str) -> str | None:
    """What latex2text prints for a zero-argument symbol macro (`\\ss` -> "ß"), if it knows one."""
    from pylatexenc.latex2text import get_default_latex_context_db

    spec = get_default_latex_context_db().get_macro_spec(name)
    if spec is None or spec.macroname != name or not isinstance(spec.simplify_repl, str) or "%" in spec.simplify_repl:
        return None
    return spec.simplify_repl if spec.simplify_repl.strip() else None


def _after_optional(items: list, index: int) -> int:
    """The index after an optional `[..]` argument written right after the macro at items[index]
    (pylatexenc gives an unknown macro's `[Dim]` as text), or index + 1 when there is none."""
    node = items[index][1]
    following = items[index + 1][1] if index + 1 < len(items) else None
    if isinstance(following, lw.LatexCharsNode) and following.pos == _end(node) \
            and following.chars.startswith("[") and following.chars.rstrip().endswith("]") and "\n\n" not in following.chars:
        return index + 2
    return index + 1


def _end(node) -> int:
    return node.pos + node.len


def _arguments(node) -> list:
    argd = getattr(node, "nodeargd", None)
    return list(argd.argnlist) if argd is not None and getattr(argd, "argnlist", None) else []


def _arguments_of(node) -> list:
    return [arg for arg in _arguments(node) if _is_group(arg)]
