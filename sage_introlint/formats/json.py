"""A JSON array of findings: path, line, column, end_line, end_column, severity, rule, message
(and section, suggestion and fix where there is one)."""

from __future__ import annotations

import json

from ..printable import json_safe


def render(findings) -> str:
    return json_safe(json.dumps([finding.to_dict() for finding in findings], indent=2, ensure_ascii=False)) + "\n"
