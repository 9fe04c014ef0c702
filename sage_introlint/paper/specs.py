"""Which headings start which section, and which pack checks it: a paper set's `sections`.

A paper set (the shipped `sage-paper`, or a team's own) lists its sections in paper order:

    sections:
      - name: related-work           # the section's id: findings carry it, `--section` names it
        title: Related Work          # how messages and `stats` name it
        kind: section                # document kind its pack reads (auto: intro/outline/paragraph)
        pack: sage-related-work      # the rule pack it is checked with
        headings: ["related work", "background and related work"]
        environment: abstract        # optional: a LaTeX environment that is this section
        through: experiments         # optional: sibling sections up to that one belong to it
      - name: other                  # optional, last: every other section after the first known one
        fallback: true               # (Background, Discussion, Conclusion), each checked on its own,
        headings: [".*"]             # except the titles `skip` names (Acknowledgments, References)
        skip: ["acknowledge?ments?", "references"]
        names: ["conclusions?"]      # optional: titles that are this section even with no known
                                     # section before them (a Conclusion file checked alone)
    default: introduction            # a file with no known heading is this section

A heading names a section when its title, without a number ("3", "3.1", "III.", "A."), matches
one of the section's `headings` in full (regular expressions, case-insensitive). A `fallback`
section never decides which headings are sections; it takes the unnamed ones at that level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..document.source import SECTION_NUMBER
from ..errors import ConfigError

SECTION_KEYS = {"name": str, "title": str, "pack": str, "headings": list, "environment": str, "through": str,
                "kind": str, "fallback": bool, "skip": list, "names": list}
SECTION_KINDS = ("section", "auto", "intro", "outline", "paragraph")
NUMBER = re.compile(rf"\s*(?:{SECTION_NUMBER}|[A-Z][.)]\s+)?")  # "3", "III.", "01 — ", and appendix "A."
REMARK = re.compile(r"\s+\([^()]*\)$")  # a remark after the title, not part of it


@dataclass(frozen=True)
class SectionSpec:
    """One kind of section: how its heading is recognised and which pack checks it."""

    name: str
    title: str
    pack: str  # a pack name or an absolute pack file path
    headings: tuple[str, ...]
    environment: str | None = None
    through: str | None = None
    kind: str = "section"  # the document kind its pack reads; auto: intro, outline or paragraph
    fallback: bool = False  # takes the section-level headings no other section names
    skip: tuple[str, ...] = ()  # titles it does not take (a fallback's back matter)
    names: tuple[str, ...] = ()  # titles that name a fallback section on their own (Conclusion)

    def matches(self, title: str) -> bool:
        text = _bare(title)
        if any(_compiled(pattern).fullmatch(text) for pattern in self.skip):
            return False
        return any(_compiled(pattern).fullmatch(text) for pattern in self.headings)

    def named_by(self, title: str) -> bool:
        """Does the title name this fallback section even where no named section came before?"""
        text = _bare(title)
        return any(_compiled(pattern).fullmatch(text) for pattern in self.names)


def _bare(title: str) -> str:
    """A heading title without its number ("3", "3.1", "III.", "A."), closing ":" or "." and a
    closing remark in parentheses ("References (working)", "Introduction (draft)")."""
    text = " ".join(title.split())
    text = text[NUMBER.match(text).end():].rstrip(":.")
    return REMARK.sub("", text) or text


@dataclass(frozen=True)
class Subject:
    """What a paper set's rules are about (the SAGE system), and the packs for a paper that is not.

        subject:
          name: SAGE                       # how messages name it
          pattern: '\\bSAGE\\b'            # a paper is about it when its prose matches
          otherwise:                       # a paper that never names it: section -> generic pack
            introduction: systems-intro
          own_terms: 'control plane|\\bsageLLM\\b'  # a paper that spells the name out as other
                                           # words and uses none of these is about another system

    The SAGE rules (its parts, its competitors, its facts) only make sense on a paper about
    SAGE; another team's paper checked with the defaults gets the generic rules instead.
    """

    name: str
    pattern: str
    otherwise: tuple[tuple[str, str], ...]  # (section name, pack path)
    own_terms: str | None = None  # words only papers about it use (see paper.run._names_another)

    def named_in(self, texts) -> bool:
        return _found_in(self.pattern, texts)

    def uses_own_terms(self, texts) -> bool:
        return self.own_terms is not None and _found_in(self.own_terms, texts)


def _found_in(pattern: str, texts) -> bool:
    compiled = _compiled(pattern, 0)
    return any(compiled.search(text) for text in texts)


@dataclass(frozen=True)
class PaperSet:
    """The sections of a paper in order, and the section a file without a known heading is."""

    name: str
    sections: tuple[SectionSpec, ...]
    default: str | None = None
    path: str | None = None  # the set's pack file: its own rules read every section at once
    wide: tuple = ()  # those rules (claim-consistency, ...), as the pack defines them
    subject: Subject | None = None
    known: tuple[str, ...] = ()  # packs whose rule ids a config may still name (the set with its subject)

    def without_subject(self) -> PaperSet:
        """The set for a paper that never names the subject: the same sections, each with its
        generic pack (a section without one is not checked), and no paper-wide rules."""
        packs = dict(self.subject.otherwise)
        sections = tuple(replace(spec, pack=packs[spec.name]) for spec in self.sections if spec.name in packs)
        known = tuple(spec.pack for spec in self.sections) + ((self.path,) if self.path else ())
        return PaperSet(f"{self.name} without {self.subject.name}", sections, self.default, None, (), None, known)

    def classify(self, title: str) -> SectionSpec | None:
        """The named section a heading title starts, or None (not one of them). A fallback section
        is named only by its `names` (a file that holds just a Conclusion is no Introduction)."""
        named = next((spec for spec in self.sections if not spec.fallback and spec.matches(title)), None)
        return named or next((spec for spec in self.sections if spec.fallback and spec.named_by(title)), None)

    def fallback(self, title: str) -> SectionSpec | None:
        """The section that checks a heading no named section takes, or None (not checked)."""
        return next((spec for spec in self.sections if spec.fallback and spec.matches(title)), None)

    def spec(self, name: str) -> SectionSpec:
        for spec in self.sections:
            if spec.name == name:
                return spec
        known = ", ".join(spec.name for spec in self.sections)
        raise ConfigError(f"unknown section {name!r}; sections of {self.name}: {known}")

    def by_environment(self, environment: str) -> SectionSpec | None:
        return next((spec for spec in self.sections if spec.environment == environment), None)


_PATTERNS: dict[tuple[str, int], re.Pattern] = {}


def _compiled(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    found = _PATTERNS.get((pattern, flags))
    if found is None:
        found = _PATTERNS[(pattern, flags)] = re.compile(pattern, flags)
    return found


def parse_sections(doc, at: tuple, entries: list, resolve) -> tuple[SectionSpec, ...]:
    """Validate a `sections` list (YamlFile `doc`, key path `at`); `resolve(pack)` -> pack path."""
    from ..pack_keys import check_keys

    specs: list[SectionSpec] = []
    for index, entry in enumerate(entries):
        where = at + (index,)
        if not isinstance(entry, dict):
            raise doc.error(where, "a section must be a mapping with name, pack and headings")
        check_keys(doc, where, entry, SECTION_KEYS, required=("name", "pack", "headings"))
        _check_patterns(doc, where, "headings", entry["headings"])
        if entry.get("kind", "section") not in SECTION_KINDS:
            raise doc.error(where + ("kind",), f"unknown kind {entry['kind']!r}; expected one of: {', '.join(SECTION_KINDS)}")
        _check_patterns(doc, where, "skip", entry.get("skip", []))
        _check_patterns(doc, where, "names", entry.get("names", []))
        if any(spec.name == entry["name"] for spec in specs):
            raise doc.error(where + ("name",), f"section {entry['name']!r} is listed twice")
        specs.append(SectionSpec(
            name=entry["name"], title=entry.get("title", entry["name"]), pack=resolve(entry["pack"]),
            headings=tuple(entry["headings"]), environment=entry.get("environment"),
            through=entry.get("through"), kind=entry.get("kind", "section"), fallback=entry.get("fallback", False),
            skip=tuple(entry.get("skip", ())), names=tuple(entry.get("names", ()))))
    names = {spec.name for spec in specs}
    for index, spec in enumerate(specs):
        if spec.through and spec.through not in names:
            raise doc.error(at + (index, "through"), f"unknown section {spec.through!r}; sections: {', '.join(names)}")
    return tuple(specs)


def _check_patterns(doc, where: tuple, key: str, patterns: list) -> None:
    """Each of a section's `headings` (or `skip`) is a regular expression RE2 can run."""
    from ..safe_regex import UnsafeRegex, compile_safe

    for position, pattern in enumerate(patterns):
        if not isinstance(pattern, str):
            raise doc.error(where + (key, position), f"{key} must be strings (regular expressions)")
        try:
            compile_safe(pattern)
        except UnsafeRegex as error:
            raise doc.error(where + (key, position), str(error)) from None
