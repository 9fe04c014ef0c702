"""`share`: no single member of a group takes more than its share of all mentions.

Counts every mention of every member (see `coverage`) in the checkable prose; when one member
has more than `max_share` of them, and there are at least `min_mentions`, one finding at the
document start names it.

Options:
  group (required): name of a pack group (or the group inline).
  max_share (required): a fraction, e.g. 0.5.
  min_mentions: fewest mentions before the share means anything (default 4).
  message (required): template with `{name}`, `{count}`, `{total}`, `{percent}`.
"""

from __future__ import annotations

from typing import Iterator

from ..document.model import Document
from ..findings import Finding, position_finding
from ._text import fill, mention_counts
from .schema import group_ref, integer, number, text

OPTIONS = {"group": group_ref(required=True), "max_share": number(required=True, minimum=0, maximum=1),
           "min_mentions": integer(minimum=1), "message": text(required=True)}


def check(doc: Document, rule) -> Iterator[Finding]:
    counts = mention_counts(rule, rule.options["group"], doc)
    total = sum(count for _, count in counts)
    if not counts or total < rule.options.get("min_mentions", 4):
        return
    member, count = max(counts, key=lambda pair: pair[1])
    if count > rule.options["max_share"] * total:
        yield position_finding(doc.start, rule.severity, rule.id,
                               fill(rule.options["message"], name=member["name"], count=count, total=total,
                                    percent=round(100 * count / total)))
