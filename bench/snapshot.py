"""Snapshot every output introlint gives on fixtures/ and ../shared/corpus (check in all formats,
default pack and systems-intro, plus stats json), one file per invocation, all in one process, so a
speed change can be proven not to change a finding: run before and after, then diff the folders."""
import hashlib, os, sys
from pathlib import Path
from click.testing import CliRunner
from sage_introlint.cli import main

ROOTS = [Path("fixtures"), Path("../shared/corpus")]
FORMATS = ["text", "full", "json", "sarif", "github"]
PACKS = [[], ["--pack", "systems-intro"]]


def files():
    for root in ROOTS:
        yield from sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".tex"))


def main_(out):
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    runner = CliRunner()
    for path in files():
        name = str(path).replace("/", "__")
        runs = [(f"check-{fmt}-{'sys' if pack else 'default'}", ["check", "--no-daemon", "-q", "--format", fmt, *pack, str(path)])
                for pack in PACKS for fmt in FORMATS]
        runs.append(("stats-json", ["stats", "--format", "json", str(path)]))
        runs.append(("stats-json-sys", ["stats", "--format", "json", "--pack", "systems-intro", str(path)]))
        for tag, args in runs:
            r = runner.invoke(main, args)
            (out / f"{name}.{tag}").write_text(f"exit {r.exit_code}\n{r.output}")
    print("snapshot", out)

if __name__ == "__main__":
    main_(sys.argv[1])
