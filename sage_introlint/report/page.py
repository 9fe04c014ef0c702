"""`introlint report`: one self-contained HTML page of a checked paper.

The page holds the paper's text by section with every finding highlighted where it points
(hover, focus or click shows the message and the rule's explanation), a summary by rule and
severity, the coverage matrix of each section whose pack has groups, and the ledger. It is
rendered by a Jinja2 template with autoescaping; it loads nothing (a Content-Security-Policy
forbids every request) so it can be mailed, archived or opened offline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import SEVERITIES, SEVERITY_RANK
from .locate import Locator
from .matrix import contrast_cues, rows

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@dataclass
class SectionView:
    """What the template needs of one section (`sections` of `render`)."""

    name: str
    title: str
    heading: object  # Position
    doc: object  # Document
    groups: dict = field(default_factory=dict)  # the section pack's groups (matrix rows)
    rules: list = field(default_factory=list)  # the section pack's rules (contrast cues)


def _finding_view(number: int, finding, rules: dict) -> dict:
    rule = rules.get(finding.rule)
    return {
        "id": f"f{number}", "rule": finding.rule, "severity": finding.severity, "message": finding.message,
        "where": f"{finding.path}:{finding.line}:{finding.column}", "path": finding.path,
        "line": finding.line, "column": finding.column, "suggestion": finding.suggestion,
        "summary": rule.summary if rule else "", "why": rule.rationale if rule else "",
        "prompt": rule.prompt if rule else "",
    }


def _worst(severities) -> str | None:
    return max(severities, key=lambda s: SEVERITY_RANK.get(s, 0), default=None)


def _segments(doc, paragraph, placed: list[tuple[dict, object]]) -> list[dict]:
    """The paragraph's text cut where findings start and end; each piece lists its findings.

    A finding of no width (a paragraph rule at the first character) is a pin before the text;
    `anchors` are the findings whose highlight starts at a piece (the list links to them). One
    sweep over the cuts, keeping the findings open at each: linear in the findings and the
    pieces, so a paragraph with thousands of findings costs no more than their listing.
    """
    start, end = paragraph.span.start, paragraph.span.end

    def clamp(offset: int) -> int:
        return min(max(offset, start), end)

    pins_at: dict[int, list[dict]] = {}
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for order, (view, span) in enumerate(placed):
        if span.start == span.end:
            pins_at.setdefault(span.start, []).append({"id": view["id"], "rule": view["rule"],
                                                       "severity": view["severity"]})
        elif clamp(span.start) < clamp(span.end):
            opens.setdefault(clamp(span.start), []).append(order)
            closes.setdefault(clamp(span.end), []).append(order)
    cuts = sorted({start, end, *(clamp(offset) for _, span in placed for offset in (span.start, span.end))})
    pieces: list[dict] = []
    anchored: set[str] = set()
    active: set[int] = set()  # indexes into `placed` of the findings covering the current piece
    for left, right in zip(cuts, cuts[1:] + [None]):
        active.difference_update(closes.get(left, ()))
        active.update(opens.get(left, ()))
        pins = pins_at.get(left, [])
        if right is None:
            if pins:
                pieces.append({"pins": pins, "text": "", "findings": [], "anchors": [], "severity": None})
            break
        covering = [placed[order][0] for order in sorted(active)]
        anchors = [view["id"] for view in covering if view["id"] not in anchored]
        anchored.update(anchors)
        pieces.append({"pins": pins, "text": doc.text[left:right], "findings": [v["id"] for v in covering],
                       "anchors": anchors, "severity": _worst(v["severity"] for v in covering)})
    return pieces


def _section_view(index: int, section: SectionView, views: list[tuple[dict, object]]) -> dict:
    doc = section.doc
    locator = Locator(doc)
    by_paragraph: dict[int, list] = {}
    whole: list[dict] = []
    rest = []
    for view, finding in views:
        place = locator.place(finding)
        if place.paragraph is not None:
            by_paragraph.setdefault(place.paragraph, []).append((view, place.span))
        elif (finding.path, finding.line) == (section.heading.path, section.heading.line) \
                or finding.section == section.name:  # at a subsection heading: about that part
            whole.append(view)
        else:
            rest.append((view, finding))
    paragraphs = []
    previous = 0
    for number, paragraph in enumerate(doc.paragraphs):
        placed = sorted(by_paragraph.get(number, []), key=lambda item: (item[1].start, item[0]["id"]))
        where = doc.position(paragraph.span.start)
        heads = [d.title for d in getattr(doc, "divisions", []) or []
                 if d.level < 5 and previous <= d.span.start <= paragraph.span.start]
        previous = paragraph.span.end
        paragraphs.append({"id": f"s{index}-p{number + 1}", "number": number + 1, "path": where.path,
                           "line": where.line, "segments": _segments(doc, paragraph, placed),
                           "findings": [view for view, _ in placed], "heads": heads})
    matrix = rows(doc, section.groups, contrast_cues(section.rules)) if section.groups else []
    view = {"id": f"s{index}", "name": section.name, "title": section.title or section.name,
            "heading": f"{section.heading.path}:{section.heading.line}", "findings": whole,
            "paragraphs": paragraphs, "matrix": matrix}
    return view, rest


def _summary(findings) -> list[dict]:
    counts: dict[str, dict[str, int]] = {}
    for finding in findings:
        counts.setdefault(finding.rule, {s: 0 for s in SEVERITIES})[finding.severity] += 1
    return [{"rule": rule, **by_severity, "total": sum(by_severity.values())}
            for rule, by_severity in sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))]


def render(path: str, sections: list[SectionView], findings: list, rules: dict, ledger: dict | None,
           stage: str) -> str:
    """The HTML page (a str) of `sections` with `findings`; `ledger` is `ledger.render.to_dict`."""
    import jinja2

    views = [(_finding_view(n, f, rules), f) for n, f in enumerate(findings, 1)]
    section_views, remaining = [], views
    for index, section in enumerate(sections, 1):
        view, remaining = _section_view(index, section, remaining)
        section_views.append(view)
    totals = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    env = jinja2.Environment(loader=jinja2.PackageLoader("sage_introlint.report", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("report.html.j2").render(
        path=path, stage=stage, csp=CSP, sections=section_views, elsewhere=[view for view, _ in remaining],
        summary=_summary(findings), totals=totals, severities=SEVERITIES, ledger=ledger,
        count=len(findings))
