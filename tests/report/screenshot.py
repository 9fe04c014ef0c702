"""Write docs/report.png: the report of the planted whole-paper fixture as a reader sees it.

    .venv/bin/python tests/report/screenshot.py

Run it after changing the report's template; the README shows the image.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdp import Browser, find_chromium  # noqa: E402  (run as a script, next to cdp.py)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "paper" / "planted" / "main.tex"
TARGET = ROOT / "docs" / "report.png"


def main() -> int:
    chromium = find_chromium()
    if chromium is None:
        print("Chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        subprocess.run([str(ROOT / ".venv" / "bin" / "introlint"), "report", str(FIXTURE.relative_to(ROOT)),
                        "-o", str(page)], cwd=ROOT, check=False)
        browser = Browser(chromium)
        try:
            browser.open(page.as_uri())
            # show one explanation the way hovering over a highlighted number does
            browser.evaluate("document.querySelector('[data-section=\"experiments\"] mark[data-findings]')"
                             ".scrollIntoView({block: 'center'})")
            browser.evaluate("document.querySelector('[data-section=\"experiments\"] mark[data-findings]').click()")
            TARGET.parent.mkdir(exist_ok=True)
            browser.screenshot(str(TARGET))
        finally:
            browser.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
