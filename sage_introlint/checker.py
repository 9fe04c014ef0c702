"""The checker: runs the active rules over a Document, applies suppression comments, and checks a
paper's sections under a config (remembering its paper set and configured rules between calls).

`engine` is the public API above it (`check_text`, `check_paths`); this module knows nothing of
files, folders or worker processes.
"""

from __future__ import annotations

import dataclasses

from .bounded import BoundedCache
from .checks import run
from .config import Config
from .document.model import Document, Source
from .findings import INPUT_ERROR, Finding, position_finding
from .ledger.context import PaperContext, paper_findings
from .pack import defined_rule_ids, load_pack
from .paper import load_paper
from .paper.run import paper_rules, paper_set, section_rules, set_for_paper
from .paper.unchecked import caveat
from .results import CheckResult
from .stage import apply as apply_stage
from .suppressions import apply as apply_suppressions

PAPER_WIDE = "*paper*"  # key of the paper set's own rules among the per-section rules
SLOT_RULE = "placeholder"  # the rule whose recognition the ledger's slot inventory reads


def check_document(doc: Document, rules) -> list[Finding]:
    """All findings for `doc` under `rules` (already configured), suppressed and sorted."""
    findings = [position_finding(p.position, "error", INPUT_ERROR, p.message) for p in doc.problems]
    notes_only = not doc.text.strip()  # a section that holds only notes to co-authors: report them
    if notes_only and not doc.leftovers:
        if not findings:  # nothing to check is a problem with the input, not 20 rule findings
            findings.append(position_finding(doc.start, "error", INPUT_ERROR, "empty document: no prose to check"))
        return findings
    ran = {rule.id for rule in rules
           if doc.kind in rule.kinds and not (notes_only and not rule.options.get("leftovers"))}
    for rule in rules:
        if rule.id in ran:
            findings.extend(run(rule, doc))
    doc_level = {rule.id for rule in rules if rule.location == "doc"}
    findings = apply_suppressions(set(findings), doc.suppressions, doc_level, ran, defined_rule_ids() | ran,
                                  lambda path, line: _holds_line(doc, path, line))
    return sorted(findings, key=sort_key)


def _holds_line(doc: Document, path: str, line: int) -> bool:
    """Does `doc` check text of `path` on `line` (a paper checks its sections apart)?"""
    for piece in doc.source_map.pieces:
        if piece.source.path == path and piece.checkable:
            first = piece.source.position(piece.src_start).line
            if first <= line <= piece.source.position(max(piece.src_start, piece.src_end - 1)).line:
                return True
    return False


def sort_key(finding: Finding):
    return (finding.path, finding.line, finding.column, finding.rule, finding.message)


class Checker:
    """Checks sources under configs; remembers paper sets and configured rules between calls."""

    def __init__(self, pack: str | None = None, select: str | None = None, ignore: str | None = None,
                 section: str | None = None, stage: str | None = None):
        self.pack, self.select, self.ignore, self.section, self.stage = pack, select, ignore, section, stage
        # by id(config) (configs are cached objects; the config is kept alive in the entry)
        self._sets: BoundedCache = BoundedCache(16)  # id(config) -> (config, paper set, rules)

    def forget(self) -> None:
        """Drop the remembered paper sets and configured rules."""
        self._sets.clear()

    def paper_set(self, config: Config):
        """(the paper set, {section name: configured rules}) for `config`."""
        entry = self._sets.get(id(config))
        if entry is None:
            entry = self._sets[id(config)] = (config, paper_set(config, self.pack), {})
        return entry[1], entry[2]

    def rules_for(self, config: Config, spec=None) -> list:
        """The configured rules of one section (default: the set's default section)."""
        found, rules = self.paper_set(config)
        spec = spec or found.spec(found.default or found.sections[0].name)
        if spec not in rules:  # by spec: a set without its subject has other packs for the same names
            rules[spec] = section_rules(config, found, spec, self.select, self.ignore, self.stage)
        return rules[spec]

    def wide_rules(self, config: Config) -> list:
        """The configured rules of the paper set itself (they read every section at once)."""
        found, rules = self.paper_set(config)
        if PAPER_WIDE not in rules:
            rules[PAPER_WIDE] = paper_rules(config, found, self.select, self.ignore, self.stage)
        return rules[PAPER_WIDE]

    def slot_rule(self, config: Config, spec):
        """The placeholder rule of a section at this stage, even where it is not run (the ledger
        lists the slots it recognises)."""
        found = next((rule for rule in self.rules_for(config, spec) if rule.id == SLOT_RULE), None)
        if found is None:
            own = next((rule for rule in load_pack(spec.pack).rules if rule.id == SLOT_RULE), None)
            found = apply_stage([own], self.stage or config.stage)[0] if own is not None else None
        return found

    def check_paper(self, source: Source, config: Config, kind: str | None, base_dir: str,
                    result: CheckResult | None = None):
        """(the paper, its findings, the context paper-wide rules read) for one source."""
        found, _ = self.paper_set(config)
        paper = self.load(source, base_dir, found, kind or config.kind, config)
        generic = set_for_paper(found, paper, config, self.pack, kind or config.kind)
        if generic is not found and result is not None:
            packs = dict.fromkeys(load_pack(section.pack).name for section in paper.sections)
            name = found.subject.name
            why = (f"spells {name} out as another system's name" if found.subject.named_in(
                section.doc.text for section in paper.sections) else f"never names {name}")
            result.notes.append(f"{source.path} {why}: checked as any systems paper "
                                f"({', '.join(packs) or 'no section'}); --pack {found.name} applies the "
                                f"{found.subject.name} rules")
        found = generic
        if result is not None and self.section is None and (said := caveat(source.path, found, paper)):
            result.caveats.append(said)
        findings = [position_finding(p.position, "error", INPUT_ERROR, p.message) for p in paper.problems]
        checked = [section for section in paper.sections if section.doc.text.strip()]
        if not checked and not findings:  # nothing to check is a problem with the input
            start = paper.sections[0].heading if paper.sections else source.position(0)
            findings.append(position_finding(start, "error", INPUT_ERROR, "empty document: no prose to check"))
        for section in paper.sections:
            if not (section.doc.text.strip() or section.doc.leftovers):  # no prose, no note to co-authors
                continue
            rules = self.rules_for(config, found.spec(section.name))
            named = section.name if len(found.sections) > 1 or self.section else None
            findings.extend(dataclasses.replace(f, section=named) if named else f
                            for f in check_document(section.doc, rules))
            if result is not None:
                result.rules.update((rule.id, rule) for rule in rules)
                for piece in section.doc.source_map.pieces:
                    result.sources.setdefault(piece.source.path, piece.source)
        context = PaperContext(checked, list(found.wide), lambda s: self.slot_rule(config, found.spec(s.name)))
        wide = self.wide_rules(config) if found.wide else []
        if wide and checked:
            findings.extend(paper_findings(context, wide))
            if result is not None:
                result.rules.update((rule.id, rule) for rule in wide)
        if result is not None:
            result.sources[source.path] = source
        return paper, sorted(set(findings), key=sort_key), context

    def load(self, source: Source, base_dir: str, found, kind: str | None, config: Config):
        """The paper's sections read from `source` (the editor's checker re-reads only what changed)."""
        return load_paper(source, base_dir, found, self.section, kind, config.latex)

    def check_source(self, source: Source, config: Config, kind: str | None, base_dir: str,
                     result: CheckResult | None = None) -> list[Finding]:
        return self.check_paper(source, config, kind, base_dir, result)[1]
