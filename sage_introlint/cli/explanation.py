"""The text of `introlint explain RULE`, from the rule's documentation in its pack."""

from __future__ import annotations

WHERE = {"term": "the offending words", "sent": "the sentence", "para": "the paragraph's first line",
         "doc": "the document's first line"}


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
    if rule.options:
        parts.append(f"Options (set in .introlint.yaml under rules: {{{rule.id}: {{...}}}}): "
                     + ", ".join(sorted(rule.options)))
    parts.append(f"Silence one place with <!-- introlint-disable-next-line {rule.id} --> "
                 f"(LaTeX: % introlint-disable-next-line {rule.id}).")
    return "\n\n".join(parts)
