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
    if rule_id not in found:
        raise ConfigError(f"unknown rule {rule_id!r}; known rules: {', '.join(found)}")
    write(explanation(found[rule_id]) + "\n")  # pack text: shown safe (see process.write)
