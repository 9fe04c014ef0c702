"""Paper mode in the engine: the active set of sections, each section's configured rules, findings.

The active pack decides the set: a paper set (`sage-paper`) is used as it is; any other pack is
a set of one section, its own (`section:` in the pack, else the Introduction), so `--pack
sage-intro` checks the Introduction exactly as before. A config's `sections:` re-maps a section
to another pack or adds one:

    sections:
      related-work: rules/our-related-work.yaml
      motivation: {headings: ["motivation"], pack: rules/motivation.yaml}
"""

from __future__ import annotations

import dataclasses
import re

from ..checks import is_paper_wide
from ..checks._abbrev import WORD, fits
from ..config import Config, _match, at_config, configured_rules, named_pack
from ..errors import ConfigError
from ..pack import load_pack, resolve_pack_path
from ..yamlfile import YamlFile
from .specs import PaperSet, SectionSpec, parse_sections

PAPER_SET = "sage-paper"


def paper_set(config: Config, override: str | None = None) -> PaperSet:
    """The sections to look for under `config` (and `--pack`), with the config's `sections:`."""
    try:
        path = resolve_pack_path(override) if override else resolve_pack_path(config.pack, config.base_dir)
    except ConfigError as error:
        raise at_config(config, ("pack",), config.pack, error) from None
    pack = load_pack(path)
    if pack.sections:
        wide = tuple(rule for rule in pack.rules if is_paper_wide(rule))
        found = PaperSet(pack.name, pack.sections, pack.default, path, wide, pack.subject)
    else:
        name = pack.section or "introduction"
        shipped = next((s for s in load_pack(PAPER_SET).sections if s.name == name), None)
        headings = shipped.headings if shipped else ("introduction\\b.*",)
        kind = "section" if pack.section else "auto"
        environment = shipped.environment if shipped else None
        found = PaperSet(pack.name, (SectionSpec(name, shipped.title if shipped else name, path, headings,
                                                 environment, None, kind),), name)
    return _with_config_sections(found, config)


def set_for_paper(found: PaperSet, paper, config: Config, override: str | None = None, kind: str | None = None) -> PaperSet:
    """The set a loaded paper is checked with: `found`, or, when the paper never names the set's
    subject and neither --pack nor the config names a pack, the set's generic packs. Then the
    paper's sections follow it: each section's `pack` is the generic one, and a section the
    generic set has no pack for is dropped (not checked). `check`, `stats`, `ledger` and
    `report` all ask here, so they agree on which pack a section gets. `kind` is the kind the
    user asked for: `--kind outline` or `paragraph` says the file answers the set's own prompts."""
    if found.subject is None or override is not None or config.pack_named or kind in ("outline", "paragraph"):
        return found
    texts = [section.doc.text for section in paper.sections]
    if found.subject.named_in(texts) and not _names_another(found.subject, texts):
        return found
    if any(_answers_the_prompts(section) for section in paper.sections):
        return found
    generic = found.without_subject()
    packs = {spec.name: spec.pack for spec in generic.sections}
    paper.sections = [dataclasses.replace(section, pack=packs[section.name]) for section in paper.sections
                      if section.name in packs]
    return generic


def _names_another(subject, texts: list[str]) -> bool:
    """The paper spells the subject's name out as words of its own (`SAGE (Symbolic Active
    Generative Engine)`; the SAGE of the prompts is never spelled out) and uses none of the
    subject's own terms: it is about another system of that name, and gets the generic packs."""
    if not subject.own_terms or subject.uses_own_terms(texts):
        return False
    return any(_spelled_out(subject.name, text) for text in texts)


def _spelled_out(name: str, text: str) -> bool:
    """`NAME (Long Form Words)` or `Long Form Words (NAME)`, the words' letters spelling NAME."""
    most = 2 * len(name)
    for match in re.finditer(rf"\b{re.escape(name)}[\s~]*\(([^()\n]{{3,100}})\)", text):
        words = WORD.findall(re.split(r"[,;]", match.group(1))[0])
        if 2 <= len(words) <= most and words[0][:1].isupper() and fits(name, " ".join(words)):
            return True
    for match in re.finditer(rf"((?:[^\W_][\w'-]*[\s~]+){{2,{most}}})\({re.escape(name)}\)", text):
        words = WORD.findall(match.group(1))
        while words and not words[0][:1].isupper():
            words.pop(0)  # "the Small Adaptive Grid Engine (SAGE)": the long form opens with a capital
        if len(words) >= 2 and fits(name, " ".join(words)):
            return True
    return False


def _answers_the_prompts(section) -> bool:
    """An outline, or a paragraph answer with its trimming list or a "Paragraph 3" title, has the
    shape of the set's own prompts (2.1, 2.2): it is the set's paper even where it never names the
    subject (prompt 2.2 asks not to repeat the system description in every paragraph)."""
    doc = section.doc
    return doc.kind == "outline" or (doc.kind == "paragraph" and (bool(doc.trimming) or doc.titled))


def _with_config_sections(found: PaperSet, config: Config) -> PaperSet:
    if not config.sections:
        return found
    located = config.source or YamlFile(config.path or "config", {})
    specs = {spec.name: spec for spec in found.sections}
    added = []
    for name, setting in config.sections.items():
        at = ("sections", name)
        if isinstance(setting, str):
            if name not in specs:
                raise located.error(at, f"unknown section {name!r}; give headings and a pack to add one")
            pack = _resolve(located, at, setting, config.base_dir)
            specs[name] = dataclasses.replace(specs[name], pack=pack)
        elif isinstance(setting, dict):
            entry = {"name": name, **setting}
            if name in specs:
                entry.setdefault("headings", list(specs[name].headings))
                entry.setdefault("pack", specs[name].pack)
            spec = parse_sections(located, ("sections",), [entry],
                                  lambda pack: _resolve(located, at, pack, config.base_dir))[0]
            if name in specs:
                specs[name] = spec
            else:
                added.append(spec)
        else:
            raise located.error(at, "a section setting is a pack (name or file) or a mapping with headings and pack")
    # a team that maps sections to packs of its own has chosen them: no generic packs instead
    return PaperSet(found.name, tuple(specs.values()) + tuple(added), found.default, found.path, found.wide,
                    subject=None)


def _resolve(located, at, pack: str, base_dir: str) -> str:
    try:
        return resolve_pack_path(pack, base_dir)
    except ConfigError as error:
        raise located.error(at, str(error)) from None


def section_rules(config: Config, paper: PaperSet, spec: SectionSpec, select: str | None, ignore: str | None,
                  stage: str | None = None):
    """The configured rules of one section's pack (and the config's extra packs): the config's
    settings for the rules they have, then `--select` / `--ignore`, whose ids are checked
    against every rule of the set."""
    extras = [rule for index, name in enumerate(config.packs) for rule in named_pack(config, ("packs", index), name).rules]
    every = {rule.id: rule for pack in [s.pack for s in paper.sections] + list(paper.known)
             for rule in load_pack(pack).rules}
    every.update((rule.id, rule) for rule in paper.wide)
    every.update((rule.id, rule) for rule in extras if rule.id not in every)
    located = config.source or YamlFile(config.path or "config", {})
    for rule_id in config.rules:
        if rule_id not in every:
            raise located.error(("rules", rule_id), f"unknown rule {rule_id!r}; known rules: {', '.join(every)}")
    for option, value in (("--select", select), ("--ignore", ignore)):
        if value:
            _match(value, list(every.values()), option)
    own = {rule.id for rule in load_pack(spec.pack).rules} | {rule.id for rule in extras}
    mine = dataclasses.replace(config, pack=spec.pack, rules={k: v for k, v in config.rules.items() if k in own})
    if select:
        select = _only(select, own)
        if not select:
            return []
    return configured_rules(mine, spec.pack, select, _only(ignore, own) if ignore else None, stage)


def paper_rules(config: Config, paper: PaperSet, select: str | None, ignore: str | None,
                stage: str | None = None) -> list:
    """The configured rules of the set itself, which read every section at once (the config's
    severities and options, `--select`, `--ignore`, the stage)."""
    ids = {rule.id for rule in paper.wide}
    if not ids:
        return []
    if select:
        select = _only(select, ids)
        if not select:
            return []
    mine = dataclasses.replace(config, pack=paper.path, packs=(),
                               rules={k: v for k, v in config.rules.items() if k in ids})
    chosen = configured_rules(mine, paper.path, select, _only(ignore, ids) if ignore else None, stage)
    return [rule for rule in chosen if rule.id in ids]


def _only(spec: str, ids: set[str]) -> str:
    """The comma-separated ids or prefixes of `spec` that name a rule in `ids`."""
    tokens = [token.strip() for token in spec.split(",")]
    return ",".join(t for t in tokens if t and any(i == t or i.startswith(t) for i in ids))
