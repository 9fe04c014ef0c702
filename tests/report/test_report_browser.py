"""The report as a reader sees it, in real headless Chromium: every finding at its paragraph,
the coverage matrix, no console error, no request leaving the page, keyboard and print."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sage_introlint.engine import check_paths
from warm_start import command

# the report and the ledger are written by real `introlint` processes, forked warm (tests/warm_start.py)
pytestmark = pytest.mark.usefixtures("warm_introlint")

ROOT = Path(__file__).resolve().parents[2]
PAPERS = ROOT / "fixtures" / "paper"

# Where each planted cross-section finding must show, counted by hand from the fixture:
# (rule, file, line, column) -> (section, paragraph, highlighted text or the pin's rule id)
PLANTED = {
    ("claim-consistency", "abstract.tex", 11, 50): ("abstract", 1, "35%"),
    ("claim-consistency", "experiments.tex", 9, 71): ("experiments", 3, "32%"),
    ("contributions-consistency", "abstract.tex", 8, 1): ("abstract", 1, "Our contributions are"),
    ("contribution-evidence", "introduction.tex", 14, 9): ("introduction", 2, "contribution-evidence"),
}

def PLANTED_KEY(finding):  # noqa: N802 (a key function, read like a table)
    return (finding.rule, f"{finding.path}:{finding.line}:{finding.column}", finding.message)


READ_FINDINGS = """
Array.from(document.querySelectorAll('li.finding')).map(li => {
  const section = li.closest('section.section');
  const list = li.closest('ul.findings');
  const anchor = document.getElementById('m-' + li.id);
  let shown = null;
  if (anchor) {
    shown = anchor.tagName === 'MARK' ? anchor.textContent
          : (anchor.nextElementSibling ? anchor.nextElementSibling.textContent : null);
  }
  return {id: li.id, rule: li.dataset.rule, where: li.querySelector('.where').textContent,
          message: li.querySelector('.message').textContent,
          section: section ? section.dataset.section : null,
          paragraph: list && list.dataset.paragraph ? Number(list.dataset.paragraph) : null,
          shown: shown, visible: li.offsetParent !== null};
})
"""


def write_report(paper: Path, target: Path, *extra: str) -> None:
    done = subprocess.run([*command(module=True), "report", str(paper), "-o", str(target), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def expected_paragraph(result, finding):
    """(section, paragraph number) of a finding from the documents' own source map, or (section, None)."""
    for section in result:
        doc = section.doc
        for number, paragraph in enumerate(doc.paragraphs, 1):
            first, last = doc.position(paragraph.span.start), doc.end_position(paragraph.span.end)
            if first.path == finding.path and (first.line, first.column) <= (finding.line, finding.column) \
                    and (finding.line, finding.column) <= (last.line, last.column):
                return section.name, number
    return None, None


@pytest.fixture(scope="module")
def planted(tmp_path_factory, browser):
    from sage_introlint.ledger.gather import gather

    target = tmp_path_factory.mktemp("report") / "planted.html"
    write_report(PAPERS / "planted" / "main.tex", target)
    browser.open(target.as_uri())
    return target, gather(str(PAPERS / "planted" / "main.tex"))


def test_every_finding_is_shown_at_its_paragraph(browser, planted):
    target, got = planted
    shown = {(item["rule"], item["where"], item["message"]): item for item in browser.evaluate(READ_FINDINGS)}
    assert len(shown) == len(got.findings) >= 19  # the section packs (issue 10) add their own findings
    for finding in got.findings:
        where = f"{finding.path}:{finding.line}:{finding.column}"
        item = shown[(finding.rule, where, finding.message)]
        assert item["visible"] and (item["paragraph"] is None or item["shown"]), where
        section, paragraph = expected_paragraph(got.sections, finding)
        if paragraph is not None:
            assert (item["section"], item["paragraph"]) == (section, paragraph), where
        else:  # about the whole section: listed under its heading
            assert item["paragraph"] is None and item["section"] is not None, where
        key = (finding.rule, Path(finding.path).name, finding.line, finding.column)
        if key in PLANTED:
            assert (item["section"], item["paragraph"], item["shown"].strip()[:len(PLANTED[key][2])]) == PLANTED[key]


def test_every_highlight_explains_its_findings(browser, planted):
    missing = browser.evaluate("""
      Array.from(document.querySelectorAll('mark[data-findings]')).flatMap(m =>
        m.dataset.findings.split(' ').filter(id => !document.getElementById(id)))""")
    assert missing == []
    assert browser.evaluate("document.querySelectorAll('mark[data-findings]').length") >= 5


def test_coverage_matrix_cells(browser, planted):
    cells = browser.evaluate("""
      Object.fromEntries(Array.from(document.querySelectorAll('table.matrix[data-section=introduction] tr[data-member]'))
        .map(tr => [tr.dataset.member, Array.from(tr.querySelectorAll('td.cell'))
          .map(td => [Number(td.dataset.mentions), td.dataset.contrast])]))""")
    # paragraph 1 names vLLM and says "but nothing above them decides": a mention, contrasted
    assert cells["LLM serving engines"] == [[1, "yes"], [0, "no"]]
    # paragraph 2 (the contributions) names the six-layer architecture and the control plane
    assert cells["layered architecture (L1-L6)"][1][0] >= 1
    assert cells["unified LLM + embedding control plane"][1][0] >= 1
    assert cells["ML serving frameworks"] == [[0, "no"], [0, "no"]]


def test_no_console_error_and_no_request_leaves_the_page(browser, planted):
    target, _ = planted
    assert browser.problems() == []
    assert browser.requests() == [target.as_uri()]


def test_the_ledger_is_on_the_page(browser, planted):
    rows = browser.evaluate("Array.from(document.querySelectorAll('#ledger table.contributions tbody tr'))"
                            ".map(tr => tr.cells[3].textContent.trim())")
    assert len(rows) == 4 and rows[2] == "none found"
    claims = browser.evaluate("Array.from(document.querySelectorAll('#ledger table.claims[data-section=experiments] tbody tr'))"
                              ".map(tr => tr.cells[1].textContent)")
    assert claims[:2] == ["32%", "[Y]x"]


def test_keyboard_moves_between_findings_and_opens_each(browser, planted):
    browser.key("n", text="n")
    first = browser.evaluate("document.activeElement.dataset.findings")
    assert first
    browser.key("Enter")
    tip = browser.evaluate("[document.getElementById('tip').hidden, document.getElementById('tip').textContent]")
    message = browser.evaluate(f"document.getElementById('{first.split()[0]}').querySelector('.message').textContent")
    assert tip[0] is False and message in tip[1]
    browser.key("Escape")
    assert browser.evaluate("document.getElementById('tip').hidden") is True
    browser.key("n", text="n")
    assert browser.evaluate("document.activeElement.dataset.findings") != first
    assert browser.evaluate("document.activeElement.tabIndex") == 0


def test_printed_page_hides_navigation_and_keeps_the_findings(browser, planted):
    browser.call("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.evaluate("['nav', '.keys'].map(s => getComputedStyle(document.querySelector(s)).display)")
        assert hidden == ["none", "none"]
        assert browser.evaluate("getComputedStyle(document.querySelector('li.finding')).display") != "none"
        pdf = browser.call("Page.printToPDF", {})["data"]
        assert len(pdf) > 10000
    finally:
        browser.call("Emulation.setEmulatedMedia", {"media": ""})


def test_markdown_paper_report_and_json_ledger(browser, tmp_path):
    target = tmp_path / "planted-md.html"
    write_report(PAPERS / "planted.md", target)
    browser.open(target.as_uri())
    assert browser.problems() == [] and browser.requests() == [target.as_uri()]
    shown = {(i["rule"], i["where"]) for i in browser.evaluate(READ_FINDINGS)}
    result = check_paths([str(PAPERS / "planted.md")])
    assert shown == {(f.rule, f"{f.path}:{f.line}:{f.column}") for f in result.findings}
    ledger = subprocess.run([*command(module=True), "ledger", str(PAPERS / "planted.md"),
                             "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    data = json.loads(ledger.stdout)
    assert [s["name"] for s in data["sections"]] == ["abstract", "introduction", "experiments"]
