"""The text of `introlint explain RULE`, from the rule's documentation in its pack."""

from __future__ import annotations

from ..user_regex import ascii_note

WHERE = {"term": "the offending words", "sent": "the sentence", "para": "the paragraph's first line",
         "doc": "the document's first line"}


def _strings(value) -> list[str]:
    """Every string in a rule's options (its patterns among them)."""
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else ()
    return [text for item in items for text in _strings(item)]


def explanation(rule) -> str:
    """Summary, severity and kinds, where findings point, then why, prompt, bad, good, options."""
    parts = [f"{rule.id}: {rule.summary}",
             f"default severity {rule.severity}; kinds {', '.join(rule.kinds)}; points at {WHERE[rule.location]}; "
             f"check kind `{rule.check}`"]
    for title, text in (("Why", rule.rationale), ("Prompt", rule.prompt), ("Bad", rule.bad), ("Good", rule.good)):
        if text:
            parts.append(f"{title}:\n" + "\n".join("  " + line for line in text.splitlines()))
    from ..checks import describe

    if describe(rule):
        parts.append(describe(rule))
    note = ascii_note(_strings(rule.options))
    if note:
        parts.append(f"Note: {note}.")
    if rule.options:
        parts.append(f"Options (set in .introlint.yaml under rules: {{{rule.id}: {{...}}}}): "
                     + ", ".join(sorted(rule.options)))
    parts.append(f"Silence one place with <!-- introlint-disable-next-line {rule.id} --> "
                 f"(LaTeX: % introlint-disable-next-line {rule.id}).")
    return "\n\n".join(parts)
