"""SARIF 2.1.0 (the format code-scanning tools read): one run, the rules' metadata, one result per finding.

Artifact URIs are relative to `base_dir` (the working directory), with `%SRCROOT%` as their base,
so the same report reads the same on any checkout.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

from .. import __version__
from ..findings import INPUT_ERROR
from ..printable import json_safe

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INPUT_ERROR_RULE = {
    "id": INPUT_ERROR,
    "shortDescription": {"text": "The input could not be read or parsed completely."},
    "defaultConfiguration": {"level": "error"},
}


def rule_descriptor(rule) -> dict:
    descriptor = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary or rule.id},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"kinds": list(rule.kinds), "check": rule.check},
    }
    if rule.rationale:
        descriptor["fullDescription"] = {"text": rule.rationale}
    help_text = "\n".join(part for part in (
        rule.rationale, f"Prompt: {rule.prompt}" if rule.prompt else "",
        f"Bad: {rule.bad}" if rule.bad else "", f"Good: {rule.good}" if rule.good else "") if part)
    if help_text:
        descriptor["help"] = {"text": help_text}
    return descriptor


def artifact_uri(path: str, base_dir: str) -> str:
    if path.startswith("<"):
        return quote(path.strip("<>"), errors="surrogateescape")
    relative = os.path.relpath(os.path.abspath(path), base_dir) if os.path.isabs(path) or os.path.exists(path) else path
    return quote(relative.replace(os.sep, "/"), errors="surrogateescape")


def result(finding, index: dict, base_dir: str) -> dict:
    region = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": max(finding.end_line, finding.line),
        "endColumn": max(finding.end_column, 1),
    }
    entry = {
        "ruleId": finding.rule,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(finding.path, base_dir), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }}],
    }
    if finding.rule in index:
        entry["ruleIndex"] = index[finding.rule]
    if finding.suggestion:
        entry["properties"] = {"suggestion": finding.suggestion}
    return entry


def render(findings, rules=(), base_dir: str | None = None) -> str:
    """`rules`: the Rule objects that ran (their metadata goes in tool.driver.rules)."""
    base_dir = os.path.abspath(base_dir or os.getcwd())
    descriptors = [rule_descriptor(rule) for rule in rules] + [INPUT_ERROR_RULE]
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "introlint",
                "version": __version__,
                "rules": descriptors,
            }},
            # Columns count characters (code points), as in every other format; said outright, since
            # readers disagree on what an absent columnKind means (GitHub reads UTF-16 units).
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": "file://" + quote(base_dir.replace(os.sep, "/").rstrip("/") + "/", errors="surrogateescape")}},
            "results": [result(finding, index, base_dir) for finding in findings],
        }],
    }
    return json_safe(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"
