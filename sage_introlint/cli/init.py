"""`introlint init`: write a commented .introlint.yaml at the repository root."""

from __future__ import annotations

import os

import click

from ..document import KINDS
from ..confinement import Refused, confine
from ..errors import ConfigError
from ..repository import repository_root
from .common import CONTEXT
from .init_template import CONFIG_FILE, PRE_COMMIT, config_template


@click.command("init", context_settings=CONTEXT)
@click.option("--pack", metavar="NAME|FILE", default=None, help="Pack to write into the config [default: none written: the default set picks "
                   "the SAGE packs for a paper that names SAGE, the generic ones for any other].")
@click.option("--kind", type=click.Choice(KINDS), default="auto", show_default=True,
              help="Kind to write into the config.")
@click.option("--force", is_flag=True, help="Overwrite an existing .introlint.yaml.")
def init_command(pack, kind, force):
    """Write a commented .introlint.yaml at the repository root and show the pre-commit entry.

    The file names the kind (and the pack given with --pack) and lists every rule with its default severity, so a
    team can turn rules off or change them in one place. It is never overwritten without
    --force.
    """
    from ..pack import DEFAULT_PACK, load_pack

    root = repository_root(os.getcwd())
    target = os.path.join(root, CONFIG_FILE)
    if os.path.islink(target):  # a symlink in a checkout may point anywhere: never write through it
        raise ConfigError(f"{target} is a symbolic link; introlint init does not write through it")
    if os.path.lexists(target) and not force:
        raise ConfigError(f"{target} already exists; use --force to overwrite it")
    pack_name = pack
    loaded = load_pack(pack_name or DEFAULT_PACK)
    if pack_name and pack_name.endswith((".yaml", ".yml")):  # the config reads pack files relative to itself
        try:
            confine(pack_name, os.path.realpath(root))
        except Refused as refused:
            raise ConfigError(f"--pack {refused}; a config names packs inside its repository only: "
                              "copy the pack into it first") from None
        pack_name = os.path.relpath(os.path.abspath(pack_name), root).replace(os.sep, "/")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | (0 if force else os.O_EXCL)
    with os.fdopen(os.open(target, flags, 0o644), "w", encoding="utf-8") as handle:
        handle.write(config_template(pack_name, kind, loaded.rules))
    click.echo(f"wrote {os.path.relpath(target)}\n")
    click.echo(PRE_COMMIT, nl=False)
