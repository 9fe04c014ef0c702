"""The text of `introlint stats`: the per-paragraph table and the coverage lines."""

from __future__ import annotations

from ..printable import visible


def problem_line(problem) -> str:
    """`PATH:LINE:COL: MESSAGE` of a problem the front end found in the input."""
    where = problem.position
    return f"{where.path}:{where.line}:{where.column}: {problem.message}"


def stats_table(path: str, kind: str, rows: list[dict], covered: dict, groups: dict, home: str | None = None) -> str:
    """The table of one section; a paragraph read from a file other than `home` (an `\\input`
    file) names that file in its line column."""
    header = ["para", "line", "sentences", "words", "grade"] + [covered[name]["title"] for name in groups]
    table = [header]
    for row in rows:
        grade = "-" if row["grade"] is None else f"{row['grade']:.1f}"
        where = str(row["line"]) if row["path"] == home else f"{visible(row['path'])}:{row['line']}"
        table.append([str(row["paragraph"]), where, str(row["sentences"]), str(row["words"]), grade]
                     + [", ".join(row[name]) or "-" for name in groups])
    widths = [max(len(line[column]) for line in table) for column in range(len(header))]
    out = [f"{path}: {kind}, {len(rows)} paragraph{'s' if len(rows) != 1 else ''}\n\n"]
    for line in table:
        out.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() + "\n")
    if groups:  # (a generic pack counts no groups)
        out.append("\ncoverage:\n")
    for name in groups:
        info = covered[name]
        total = len(info["mentions"])
        missing = f"; missing: {', '.join(info['missing'])}" if info["missing"] else ""
        out.append(f"  {info['title']}: {len(info['covered'])}/{total}{missing}\n")
    return "".join(out)
