"""`coverage`: every member of a vocabulary group is mentioned at least once.

A member (a competitor class, a part of the system, a challenge) is mentioned when any of its
`systems` or `terms` occurs in the checkable prose (word-aware, plurals and -ing/-ed forms
included; a trailing `*` matches any ending) or in a run-in head the front end kept out of the
prose (`- **Observability.** Each service keeps its own logs.` raises observability). One finding per missing member, at the document
start.

Options:
  group (required): name of a pack group (or the group inline).
  message (required): template; `{member}` is the member name with its systems in brackets,
    `{name}` the bare name, `{contrast}` its `contrast` text, `{title}` the group title.
"""

from __future__ import annotations

from typing import Iterator

from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import fill, group, member_matchers, member_title
from .schema import group_ref, text

OPTIONS = {"group": group_ref(required=True), "message": text(required=True)}


def check(doc: Document, rule) -> Iterator[Finding]:
    title = group(rule, rule.options["group"]).get("title", "")
    for member, matcher in member_matchers(rule, rule.options["group"]):
        if not matcher.mentions(doc, enough=1) and not _in_run_in_heads(doc, matcher):
            yield position_finding(doc.start, rule.severity, rule.id,
                                   fill(rule.options["message"], member=member_title(member),
                                        name=member["name"], contrast=member.get("contrast", ""),
                                        title=title))


def _in_run_in_heads(doc: Document, matcher) -> bool:
    return any(next(iter(matcher.scan(source.text[start:end])), None) is not None
               for source, start, end in doc.run_in_heads)
