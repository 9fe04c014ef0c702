"""The text `introlint init` writes: the commented config file and the pre-commit hint."""

from __future__ import annotations

CONFIG_FILE = ".introlint.yaml"

PRE_COMMIT = """\
Add introlint to .pre-commit-config.yaml, for example as a local hook:

  - repo: local
    hooks:
      - id: introlint
        name: introlint
        entry: introlint check
        language: system
        files: ^paper/sections/.*\\.(md|tex)$

`files:` names the paper's sections only: a file with no known section heading is read
as an Introduction, so leave out README files, preambles, macro files and tables.
Or point `repo:` at the introlint repository with `hooks: [{id: introlint}]`.
"""


def config_template(pack_name: str | None, kind: str, rules) -> str:
    """A config naming the pack (commented out when `pack_name` is None: the default set then
    picks the SAGE packs for a paper that names SAGE and the generic ones for any other) and the
    kind, with every rule's default severity commented out."""
    width = max((len(rule.id) for rule in rules), default=0)
    lines = [
        "# introlint configuration (see `introlint --help`).",
        "# Found from each checked file's folder upward; `introlint rules` lists the rules and",
        "# `introlint explain RULE` says why each exists.",
        "",
        "# The rule pack: a shipped name or a YAML file of your own (relative to this file).",
        *_pack_lines(pack_name),
        "",
        "# auto, intro, outline or paragraph.",
        f"kind: {kind}",
        "",
        "# draft: the prompts' open slots ([X]%, [REF: ...]) are info; final: they are errors.",
        "stage: draft",
        "",
        "# Extra packs whose rules run as well:",
        "# packs: [rules/our-extra-rules.yaml]",
        "",
        "# Paths never checked (globs, relative to this file):",
        "exclude: []",
        "",
        "# LaTeX macros defined in a preamble introlint does not read: notes to co-authors",
        "# (not prose; `placeholder` reports them) and list environments or begin/end macros.",
        "# latex:",
        "#   note-macros: [rz, jmh]",
        "#   list-macros: [squishlist, squishend]",
        "",
        "# Per rule: off, error, warning, info, or {severity: ..., <option>: ...}.",
        "# The defaults are shown commented out; uncomment a line to change it.",
        "rules: {}",
    ]
    for rule in rules:
        lines.append(f"#   {rule.id + ':':<{width + 1}} {rule.severity:<7}  # {rule.summary}")
    lines.append("# Example:  rules: {sentence-count: {min: 8, max: 12}, readability: off}")
    return "\n".join(lines) + "\n"


def _pack_lines(pack_name: str | None) -> list[str]:
    if pack_name is not None:
        return [f"pack: {pack_name}"]
    return ["# Left out, the default set sage-paper checks each section of a paper that names SAGE",
            "# with the pack of its prompt, and any other paper with the generic systems-intro and",
            "# systems-sections packs. Naming a pack applies it to every paper, whatever it names:",
            "# pack: sage-paper"]
