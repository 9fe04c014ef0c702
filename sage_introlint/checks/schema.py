"""Declared options of a check kind: what each option may hold, checked when a pack loads.

A check kind lists its options in `OPTIONS`, a mapping of option name -> `Option`, built with
the helpers below (`text`, `integer`, `number`, `flag`, `choice`, `severity`, `regex`,
`regexes`, `terms`, `group_ref`, `list_of`, `mapping`). Every mistake a pack author can make with
an option (unknown name, missing required option, wrong type, a value outside `choices` or
outside `minimum`..`maximum`, a regular expression that does not compile, may backtrack for ever
or lacks a named group the kind reads, an unknown group) is reported by the pack loader at the
option's file:line:column, so the check itself can trust its options.

This module only describes and walks values; it reports through `Context.error`, so it needs
nothing from the pack loader.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Callable

from ..findings import SEVERITIES
from .. import user_regex

TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
              list: "a list", dict: "a mapping", type(None): "null"}


@dataclass
class Context:
    """Where a value is checked: `error(keypath, message)` makes the exception; `groups` of the pack."""

    error: Callable[[tuple, str], Exception]
    groups: dict = field(default_factory=dict)
    options_at: tuple | None = None  # keypath of the options mapping: its keys are named "option 'x'"

    def label(self, at: tuple) -> str:
        """How a message names the value at `at`: `option 'min'`, `'terms'`, `item 2 of 'quotes'`."""
        if not at:
            return "the value"
        if isinstance(at[-1], int):
            return f"item {at[-1] + 1} of {self.label(at[:-1])}"
        return f"option {at[-1]!r}" if at[:-1] == self.options_at else repr(at[-1])


@dataclass(frozen=True)
class Option:
    """What one option (or one item or field of it) may hold."""

    types: tuple  # allowed Python types of the YAML value (int also passes where float is allowed)
    required: bool = False
    choices: tuple = ()  # allowed values, when it is one of a few words
    minimum: float | None = None
    maximum: float | None = None
    items: Option | None = None  # for a list: what each item may hold
    fields: dict | None = None  # for a mapping: its keys, each an Option (unknown keys refused)
    regex_groups: tuple | None = None  # a regular expression, with these named groups (None: not one)
    group: bool = False  # names a group of the pack (or is a group written inline)
    check: Callable | None = None  # extra check(value, keypath, context) after the ones above

    def validate(self, value, at: tuple, context: Context) -> None:
        if not is_type(value, self.types):
            raise context.error(at, f"{context.label(at)} must be {type_name(self.types)}, not {type(value).__name__}")
        if self.choices and value not in self.choices:
            raise context.error(at, f"{context.label(at)} must be one of: {', '.join(map(str, self.choices))}; not {value!r}")
        if self.minimum is not None and isinstance(value, (int, float)) and value < self.minimum:
            raise context.error(at, f"{context.label(at)} must be at least {self.minimum}, not {value!r}")
        if self.maximum is not None and isinstance(value, (int, float)) and value > self.maximum:
            raise context.error(at, f"{context.label(at)} must be at most {self.maximum}, not {value!r}")
        if self.regex_groups is not None and isinstance(value, str):
            check_regex(value, self.regex_groups, at, context)
        if self.group and isinstance(value, str) and value not in context.groups:
            raise context.error(at, f"unknown group {value!r}; groups of this pack: "
                                    f"{', '.join(context.groups) or 'none'}")
        if self.items is not None and isinstance(value, list):
            for index, item in enumerate(value):
                self.items.validate(item, at + (index,), context)
        if self.fields is not None and isinstance(value, dict):
            validate_mapping(value, self.fields, at, context)
        if self.check is not None:
            self.check(value, at, context)


def validate_mapping(values: dict, fields: dict, at: tuple, context: Context, partial: bool = False,
                     what: str = "key") -> None:
    """Each key of `values` against `fields`; unknown keys and (unless `partial`) missing required ones."""
    for name, value in values.items():
        if name not in fields:
            raise context.error(at + (name,), f"unknown {what} {name!r}; expected one of: {', '.join(fields) or 'none'}")
        fields[name].validate(value, at + (name,), context)
    if not partial:
        for name, option in fields.items():
            if option.required and name not in values:
                raise context.error(at, f"missing required {what} {name!r}")


def check_regex(pattern: str, groups: tuple, at: tuple, context: Context) -> None:
    try:
        compiled = user_regex.check(pattern)  # RE2 for a user's pack, `re` for ours (see user_regex)
    except ValueError as error:
        raise context.error(at, str(error)) from None
    boundary = user_regex.ascii_boundary(pattern) if isinstance(compiled, user_regex.Re2Pattern) else None
    if boundary:
        warnings.warn(str(context.error(at, boundary)), user_regex.UserRegexWarning)
    missing = [name for name in groups if name not in compiled.groupindex]
    if missing:
        raise context.error(at, f"regular expression {pattern!r} needs the named group "
                                f"{', '.join(f'(?P<{name}>...)' for name in missing)}")


def is_type(value, expected) -> bool:
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in types:
        return False
    if isinstance(value, int) and float in types:
        return True
    return isinstance(value, types)


def type_name(expected) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(TYPE_NAMES.get(t, t.__name__) for t in types)


# --- the helpers check kinds declare their options with ----------------------------------------


def text(required: bool = False, **more) -> Option:
    """A string: a message template (`{name}` fields) or any other text."""
    return Option((str,), required, **more)


def integer(required: bool = False, minimum: int | None = None, maximum: int | None = None) -> Option:
    return Option((int,), required, minimum=minimum, maximum=maximum)


def number(required: bool = False, minimum: float | None = None, maximum: float | None = None) -> Option:
    """An integer or a decimal number (`0.5`, `20`)."""
    return Option((int, float), required, minimum=minimum, maximum=maximum)


def flag(required: bool = False) -> Option:
    return Option((bool,), required)


def choice(*values: str, required: bool = False) -> Option:
    return Option((str,), required, choices=tuple(values))


def severity(required: bool = False) -> Option:
    return choice(*SEVERITIES, required=required)


def regex(required: bool = False, groups: tuple = ()) -> Option:
    """A regular expression (guarded by `safe_regex`) that defines the named `groups`."""
    return Option((str,), required, regex_groups=tuple(groups))


def regexes(required: bool = False, groups: tuple = ()) -> Option:
    return list_of(regex(groups=groups), required)


def list_of(item: Option, required: bool = False) -> Option:
    return Option((list,), required, items=item)


def mapping(fields: dict, required: bool = False, check: Callable | None = None) -> Option:
    return Option((dict,), required, fields=fields, check=check)


def group_ref(required: bool = False) -> Option:
    """A group of the pack, by name (or written inline as a mapping with `members`)."""
    return Option((str, dict), required, group=True)


def term_text(term) -> str:
    """The words of a term entry: `words`, `{words: replacement}` or `{term: words, use: ..., why: ...}`."""
    if isinstance(term, dict):
        return str(term["term"] if "term" in term else next(iter(term), ""))
    return term


TERM_FIELDS = {"term": text(required=True), "use": text(), "why": text()}


def _check_term(value, at: tuple, context: Context) -> None:
    if isinstance(value, dict) and "term" in value:
        validate_mapping(value, TERM_FIELDS, at, context)
    elif isinstance(value, dict):
        if len(value) != 1:
            raise context.error(at, "a term with a replacement is one `term: replacement` pair "
                                    "(or a mapping with term, use, why)")
        (term, replacement), = value.items()
        if not isinstance(term, str) or not (replacement is None or isinstance(replacement, str)):
            raise context.error(at, "a term with a replacement is `term: replacement`, both strings (quote them)")
    if not re.sub(r"[\s~*-]", "", term_text(value)):
        raise context.error(at, f"empty term {term_text(value)!r}")


TERM = Option((str, dict), check=_check_term)


def terms(required: bool = False) -> Option:
    """A list of terms: words or phrases (a trailing `*` matches any ending), `term: replacement`, or
    `{term: ..., use: replacement, why: reason}`."""
    return list_of(TERM, required)
