"""The editor's review of every `systems-intro` finding on the real corpus (fixtures/corpus-review.tsv).

Each line judges one finding: file, line, column, rule, verdict (TP or FP) and why (naming the
word or line, never quoting the paper). The test in test_corpus_review.py fails when a finding
appears that nobody judged, and measures precision per rule. After a change that moves
findings, run

    .venv/bin/python tests/checks/corpus_review.py

to append the new findings with verdict `?` (and list the judged ones that no longer occur);
then read each new finding in its file and replace `?` by TP or FP with a reason.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
REVIEW = ROOT / "fixtures" / "corpus-review.tsv"
CONFIG = ROOT / "fixtures" / "corpus.introlint.yaml"  # the corpus papers' note macros
PACK = "systems-intro"
HEADER = ["file", "line", "column", "rule", "verdict", "why"]

Key = tuple[str, int, int, str]


def corpus_paths() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".tex") and p.stem != "README")


def current_findings() -> list[Key]:
    """(file name, line, column, rule) of every finding of the pack on the corpus, as the CLI reports them."""
    from sage_introlint.engine import check_paths

    result = check_paths([str(p) for p in corpus_paths()], pack=PACK, config_file=str(CONFIG))
    assert not result.errors, result.errors
    return [(Path(f.path).name, f.line, f.column, f.rule) for f in result.findings]


def read_review(path: Path = REVIEW) -> dict[Key, tuple[str, str]]:
    """Key -> (verdict, why)."""
    if not path.exists():
        return {}
    review = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            review[(row["file"], int(row["line"]), int(row["column"]), row["rule"])] = (row["verdict"], row["why"])
    return review


def write_review(review: dict[Key, tuple[str, str]], path: Path = REVIEW) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(HEADER)
        for key in sorted(review):
            writer.writerow([*key, *review[key]])


def precision(findings: list[Key], review: dict[Key, tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """Rule -> (TP, FP) over the findings that occur (and are judged); key "all" for the total."""
    counts: Counter = Counter()
    for key in findings:
        verdict = review.get(key, ("?", ""))[0]
        if verdict in ("TP", "FP"):
            counts[(key[3], verdict)] += 1
            counts[("all", verdict)] += 1
    rules = sorted({rule for rule, _ in counts})
    return {rule: (counts[(rule, "TP")], counts[(rule, "FP")]) for rule in rules}


def table(scores: dict[str, tuple[int, int]]) -> str:
    lines = [f"{'rule':<22} {'TP':>4} {'FP':>4} {'precision':>9}"]
    for rule, (tp, fp) in sorted(scores.items(), key=lambda item: (item[0] == "all", item[0])):
        lines.append(f"{rule:<22} {tp:>4} {fp:>4} {tp / max(1, tp + fp):>9.0%}")
    return "\n".join(lines)


def main() -> int:
    findings = current_findings()
    review = read_review()
    new = [key for key in findings if key not in review]
    gone = [key for key in review if key not in set(findings)]
    for key in new:
        review[key] = ("?", "")
    write_review({key: value for key, value in review.items() if key not in gone} if "--drop-gone" in sys.argv
                 else review)
    print(f"{len(new)} new findings added with verdict '?'; {len(gone)} judged findings no longer occur"
          + (" (dropped)" if "--drop-gone" in sys.argv and gone else ""))
    print(table(precision(findings, review)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
