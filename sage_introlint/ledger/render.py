"""The ledger as data (`--format json`) and as the text table `introlint ledger` prints."""

from __future__ import annotations

import json

from .build import ClaimEntry, ContributionEntry, Ledger, SlotEntry


def _where(at) -> dict:
    p = at.position
    return {"path": p.path, "line": p.line, "column": p.column}


def _number(value: float | None):
    if value is None:
        return None
    return int(value) if value == int(value) else value


def claim_dict(entry: ClaimEntry) -> dict:
    c = entry.claim
    return {"metric": c.metric, "direction": c.direction, "value": _number(c.value), "slot": c.slot,
            "unit": c.unit, "baseline": c.baseline, "role": c.role, "text": entry.at.text(),
            **_where(entry.at), "sentence": entry.at.context(200), "experiment": c.experiment or None}


def slot_dict(entry: SlotEntry) -> dict:
    s = entry.slot
    return {"text": s.text, "marked": s.marked, "severity": s.severity, **_where(entry.at),
            "sentence": entry.at.context(200), "fills": entry.fills or None}


def contribution_dict(entry: ContributionEntry) -> dict:
    c = entry.contribution
    return {"number": c.number, "text": entry.at.context(200), **_where(entry.at), "parts": list(c.parts),
            "evidence": list(entry.evidence)}


def to_dict(ledger: Ledger, path: str, stage: str) -> dict:
    return {
        "path": path,
        "stage": stage,
        "sections": [{"name": s.name, "title": s.title, "path": s.heading.path, "line": s.heading.line,
                      "claims": [claim_dict(c) for c in s.claims], "slots": [slot_dict(x) for x in s.slots]}
                     for s in ledger.sections],
        "contributions": [contribution_dict(c) for c in ledger.contributions],
    }


def to_json(ledger: Ledger, path: str, stage: str) -> str:
    return json.dumps(to_dict(ledger, path, stage), indent=2, ensure_ascii=False) + "\n"


def describe(claim: dict) -> str:
    """`p99 latency reduction vs vLLM` for a claim dict."""
    words = [claim["metric"] or "(no metric named)"]
    if claim["direction"]:
        words.append(claim["direction"])
    if claim["baseline"]:
        words.append(f"vs {claim['baseline']}")
    if claim["role"] == "baseline":
        words.append("(the baseline's number)")
    return " ".join(words)


def to_text(ledger: Ledger, path: str, stage: str) -> str:
    data = to_dict(ledger, path, stage)
    claims = sum(len(s["claims"]) for s in data["sections"])
    slots = sum(len(s["slots"]) for s in data["sections"])
    out = [f"{path}: {len(data['sections'])} section(s), {claims} claim(s), {slots} open slot(s), "
           f"{len(data['contributions'])} contribution(s); stage {stage}\n"]
    for section in data["sections"]:
        out.append(f"\n{section['title']} ({section['path']}:{section['line']})\n")
        if not section["claims"] and not section["slots"]:
            out.append("  no quantitative claim, no open slot\n")
        for claim in section["claims"]:
            where = f"{claim['line']}:{claim['column']}"
            out.append(f"  claim   {where:<7} {claim['text']:<8} {describe(claim)}\n")
        for slot in section["slots"]:
            kind = "slot" if slot["marked"] else "placeholder"
            fills = f"  <- {slot['fills']}" if slot["fills"] else ""
            where = f"{slot['line']}:{slot['column']}"
            out.append(f"  {kind:<7} {where:<7} {slot['text']} ({slot['severity']}){fills}\n"
                       f"          in: {slot['sentence']}\n")
    if data["contributions"]:
        out.append("\nContributions (the Introduction's numbered list)\n")
    for item in data["contributions"]:
        parts = ", ".join(item["parts"]) or "no known part"
        out.append(f"  ({item['number']}) {item['line']}:{item['column']}  {item['text']}  [{parts}]\n")
        for evidence in item["evidence"]:
            out.append(f"        evidence: {evidence}\n")
        if not item["evidence"]:
            out.append("        evidence: none found\n")
    return "".join(out)
