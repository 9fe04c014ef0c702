"""`introlint rules` and `introlint explain`: what the active pack checks, and why."""

from __future__ import annotations

import json
import os

import click

from ..errors import ConfigError
from ..printable import json_safe, visible
from .common import CONTEXT
from .explanation import explanation
from .process import write


BUILT_IN = (
    ("input-error", "error", "The input cannot be read or parsed completely (exit status 2); never silenced."),
    ("unused-suppression", "warning", "A suppression comment names an unknown rule, or a disable-next-line "
                                      "silences nothing."),
)


def active_pack_rules(config_file: str | None, pack: str | None):
    """The rules of `--pack`, else of the config found from the current folder."""
    from ..config import config_for, pack_rules

    return pack_rules(config_for(os.getcwd(), config_file), pack)


@click.command("rules", context_settings=CONTEXT)
@click.option("--pack", metavar="NAME|FILE", help="List this pack's rules instead of the config's pack.")
@click.option("--config", "config_file", metavar="FILE", help="Config file naming the pack and extra packs.")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True)
def rules_command(pack, config_file, output_format):
    """List every rule: id, default severity, document kinds, what it checks."""
    found = active_pack_rules(config_file, pack)
    if output_format == "json":
        write(json_safe(json.dumps([{"id": r.id, "severity": r.severity, "kinds": list(r.kinds), "summary": r.summary}
                                    for r in found], indent=2, ensure_ascii=False)) + "\n")
        return
    width = max((len(rule.id) for rule in found), default=0)
    write("".join(f"{rule.id:<{width}}  {rule.severity:<7}  {','.join(rule.kinds):<25}  {visible(rule.summary)}\n"
                  for rule in found))
    write("\nBuilt in, for every pack:\n" + "".join(f"{rule_id:<{width}}  {severity:<7}  {'all':<25}  {summary}\n"
                                                   for rule_id, severity, summary in BUILT_IN))


@click.command("explain", context_settings=CONTEXT)
@click.argument("rule_id", metavar="RULE")
@click.option("--pack", metavar="NAME|FILE", help="Look the rule up in this pack.")
@click.option("--config", "config_file", metavar="FILE", help="Config file naming the pack and extra packs.")
def explain_command(rule_id, pack, config_file):
    """Explain RULE: why it exists, the prompt it comes from, a bad and a good example."""
    found = {rule.id: rule for rule in active_pack_rules(config_file, pack)}
    built_in = {built[0]: built for built in BUILT_IN}
    if rule_id not in found and rule_id in built_in:  # `introlint rules` lists them: explain them too
        _, severity, summary = built_in[rule_id]
        write(f"{rule_id}: {summary}\n\ndefault severity {severity}; built in, for every pack and document kind\n")
        return
    if rule_id not in found:
        raise ConfigError(f"unknown rule {rule_id!r}; known rules: {', '.join([*found, *built_in])}")
    variants = section_variants(config_file, pack, rule_id)
    if len(variants) < 2:
        write(explanation(found[rule_id]) + "\n")  # pack text: shown safe (see process.write)
        return
    write(f"{rule_id} is a rule of {len(variants)} sections, each with its own pack:\n\n")
    write("\n\n".join(f"In the {title} (pack {name}):\n\n{explanation(rule)}" for title, name, rule in variants) + "\n")


def section_variants(config_file: str | None, pack: str | None, rule_id: str) -> list[tuple[str, str, object]]:
    """(section title, pack name, rule) for each section pack of the active paper set that
    defines `rule_id` its own way (`system-coverage` of the abstract and of the Introduction)."""
    from ..config import config_for
    from ..pack import load_pack
    from ..paper.run import paper_set

    variants, seen = [], []
    for spec in paper_set(config_for(os.getcwd(), config_file), pack).sections:
        section_pack = load_pack(spec.pack)
        rule = next((r for r in section_pack.rules if r.id == rule_id), None)
        if rule is not None and (rule.summary, rule.check) not in seen:
            seen.append((rule.summary, rule.check))
            variants.append((spec.title, section_pack.name, rule))
    return variants
