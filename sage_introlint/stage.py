"""The paper's stage: `draft` (the default) or `final` (the camera-ready branch).

A marked slot the prompts ask for (`[X]%`, `[Y]x`, `[REF: VLLM]`) is expected in a draft and
must be gone from the final paper. A pack says so per vocabulary list of a `terms` rule with
`stages`, a mapping of stage -> severity:

    - message: "\"{match}\" is an open slot ..."
      stages: {draft: info, final: error}
      terms: [...]

`apply` resolves `stages` into the list's `severity` for the chosen stage, so the check kinds
never see the stage (the ledger still reads `stages` to tell a marked slot from a TODO). The
`terms` kind's option schema checks the stage names and severities when the pack loads. A list without `stages` has the same severity at every stage.
"""

from __future__ import annotations

import dataclasses

STAGES = ("draft", "final")
DEFAULT_STAGE = "draft"
_RESOLVED: dict[tuple[int, str], tuple[object, dict]] = {}


def staged_lists(options: dict) -> bool:
    """Does any vocabulary list of these options depend on the stage?"""
    return any(isinstance(spec, dict) and "stages" in spec for spec in options.get("lists") or ())


def resolved_options(options: dict, stage: str) -> dict:
    """`options` with every list's `stages` turned into its `severity` at `stage` (cached, so
    check kinds that compile per options object compile once per stage)."""
    key = (id(options), stage)
    hit = _RESOLVED.get(key)
    if hit is not None and hit[0] is options:
        return hit[1]
    lists = []
    for spec in options["lists"]:
        if isinstance(spec, dict) and "stages" in spec:
            severity = spec["stages"].get(stage)
            if severity is not None:  # `stages` stays: it marks the list's terms as slots
                spec = {**spec, "severity": severity}
        lists.append(spec)
    resolved = {**options, "lists": lists}
    _RESOLVED[key] = (options, resolved)
    return resolved


def apply(rules: list, stage: str | None) -> list:
    """The rules as they run at `stage` (None: the default, draft)."""
    stage = stage or DEFAULT_STAGE
    return [dataclasses.replace(rule, options=resolved_options(rule.options, stage))
            if staged_lists(rule.options) else rule for rule in rules]
