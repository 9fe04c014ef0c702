"""Where the language server's re-check after a one-word edit spends its time, measured.

The same edits as `editor.one_word_edit`, checked the same way (`check_buffer` under
`heap.deferred`), with a CPU clock around each part of the check:
- reading: the paper's sections read from the buffer (`IncrementalChecker.load`), in three parts:
  the parse (markdown-it on the edited block spliced into the last read, or pylatexenc's parse
  with the edited run spliced in; a full parse where a splice is not certain), the sentences
  (spaCy's tokenizer on the edited block; the others' bounds are kept by text), and the rest
  (writing the plain text and source map of the whole document: Markdown layout, the LaTeX
  walk, macros, sections);
- each rule run on a section (`checks.run`), the costly ones by name, the rest summed by where
  they report (term, sentence, paragraph: the memo answers unchanged paragraphs; document);
- the per-document work rules share (`checks._shared.shared`: the word index, whole-text term
  matches, the heading scan, prose units), which the first rule that asks would pay: its own
  row, taken out of that rule's;
- paper rules and the ledger (`ledger.context.paper_findings`);
- suppressions, and the rest (config lookup, decoding, paper set, sorting, the replay),
  which is the whole minus the parts, so the rows sum to the measured whole.
The whole is this pass's own mean CPU per edit (the clocks add ~0.1 ms of their own; the
median without them is `one_word_edit`'s).
Then the floor: the last edited text checked again, read anew with every paragraph remembered
(the server's answer for an unchanged text bypassed): what any re-check pays for the whole
document; the rest of an edit is the edited paragraph's own work.
`python bench/edit_shares.py [RUNS]` prints it for the Markdown and the LaTeX intro.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from editor import edits, server_check

COSTLY_MS = 0.25  # a rule at least this costly per edit gets its own row


@contextmanager
def clocked(totals: Counter):
    """Patch the checker so each part's CPU time adds to `totals` (undone on exit)."""
    from sage_introlint import checker, incremental
    from sage_introlint.checks import _shared
    from sage_introlint.document import latex_reread, reread, sentences

    clock = time.process_time
    originals = (checker.run, checker.paper_findings, checker.apply_suppressions, incremental.IncrementalChecker.load,
                 reread.MarkdownReads.read, latex_reread.LatexReads.parse, sentences.segment)

    inside = [0.0, 0]  # shared work done inside the running rule; how deep in `shared` we are

    def run(rule, doc):
        inside[0], start = 0.0, clock()
        found = list(originals[0](rule, doc))
        totals[("rule", rule.location, rule.id)] += clock() - start - inside[0]
        return found

    def shared(doc, name, key, build):
        def timed_build():
            inside[1] += 1
            start = clock()
            try:
                return build()
            finally:
                inside[1] -= 1
                if not inside[1]:  # the outermost only: a shared value built from another
                    spent = clock() - start
                    totals[("shared", name)] += spent
                    inside[0] += spent
        return original_shared(doc, name, key, timed_build)

    def timed(name, call):
        def wrapper(*args, **kwargs):
            start = clock()
            value = call(*args, **kwargs)
            value = list(value) if name == "paper" else value
            totals[(name,)] += clock() - start
            return value
        return wrapper

    checker.run, checker.paper_findings = run, timed("paper", originals[1])
    checker.apply_suppressions = timed("suppressions", originals[2])
    incremental.IncrementalChecker.load = timed("reading", originals[3])
    reread.MarkdownReads.read = timed("parse", originals[4])
    latex_reread.LatexReads.parse = timed("parse", originals[5])
    sentences.segment = timed("sentences", originals[6])
    original_shared = _shared.shared
    users = [module for name, module in list(sys.modules.items())  # `from ._shared import shared`
             if name.startswith("sage_introlint") and name != _shared.__name__
             and getattr(module, "shared", None) is original_shared]
    for module in users:
        module.shared = shared
    try:
        yield
    finally:
        for module in users:
            module.shared = original_shared
        (checker.run, checker.paper_findings, checker.apply_suppressions, incremental.IncrementalChecker.load,
         reread.MarkdownReads.read, latex_reread.LatexReads.parse, sentences.segment) = originals


def edit_shares(intro: Path, runs: int) -> tuple[float, list[tuple[str, float]], float]:
    """(mean CPU ms per one-word edit, [(part, mean CPU ms)] summing to it, mean CPU ms of the floor)."""
    from sage_introlint import heap

    check, text, checker = server_check(intro)
    versions = edits(text, runs + 5)
    for version in versions[:5]:  # the edited paragraph's first variants warm the memo's other entries
        check(version)
        heap.tidy()
    totals: Counter = Counter()
    whole = 0.0
    with clocked(totals):
        for version in versions[5:]:
            start = time.process_time()
            check(version)
            whole += time.process_time() - start
            heap.tidy()
    floor = 0.0  # the last version again, read and checked anew with every paragraph remembered
    for _ in range(runs):
        checker.unchanged.clear()  # (the server answers an unchanged Markdown text without a check)
        start = time.process_time()
        check(versions[-1])
        floor += time.process_time() - start
        heap.tidy()
    return whole * 1000 / runs, rows(totals, whole, runs), floor * 1000 / runs


def rows(totals: Counter, whole: float, runs: int) -> list[tuple[str, float]]:
    """The parts in ms per edit: reading (parse, sentences, the rest), costly rules by name, other
    rules by location, paper rules, suppressions, the rest."""
    per = {key: value * 1000 / runs for key, value in totals.items()}
    parse, split = per.pop(("parse",), 0.0), per.pop(("sentences",), 0.0)
    found = [("reading: parse", parse), ("reading: sentences", split),
             ("reading: the rest (plain text, source map, sections)", per.pop(("reading",), 0.0) - parse - split)]
    rules = sorted(((key, ms) for key, ms in per.items() if key[0] == "rule"), key=lambda item: -item[1])
    lumped: Counter = Counter()
    for (_, location, rule), ms in rules:
        if ms >= COSTLY_MS:
            found.append((f"rule {rule} ({location})", ms))
        else:
            lumped[location] += ms
    found += [(f"other {location}-level rules", ms) for location, ms in lumped.most_common()]
    shared = sorted(((key[1], ms) for key, ms in per.items() if key[0] == "shared"), key=lambda item: -item[1])
    found.append((f"shared per-document work ({', '.join(f'{name} {ms:.2f}' for name, ms in shared[:3])})",
                  sum(ms for _, ms in shared)))
    found.append(("paper rules and ledger", per.pop(("paper",), 0.0)))
    found.append(("suppressions", per.pop(("suppressions",), 0.0)))
    found.append(("the rest (config, decoding, paper set, sort)", whole * 1000 / runs - sum(ms for _, ms in found)))
    return found


def shares_line(name: str, whole: float, parts: list[tuple[str, float]], floor: float) -> str:
    """One line: the whole, every part in ms and share, then the floor: what a re-check of a text
    with no paragraph changed costs (reading the whole document, every rule's fixed cost), the
    rest of an edit being the edited paragraph's own work."""
    return f"{name}: {whole:.1f} ms CPU per edit = " + "; ".join(
        f"{part} {ms:.2f} ({ms / whole:.0%})" for part, ms in parts) + (
        f". With no paragraph changed a re-check still costs {floor:.1f} ms ({floor / whole:.0%}): the "
        f"whole-document floor; the edited paragraph's own work is the other {max(whole - floor, 0):.1f} ms")


if __name__ == "__main__":
    import sys

    root = Path(__file__).resolve().parent.parent
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    for name in ("clean-intro.md", "clean-intro.tex"):
        print(shares_line(name, *edit_shares(root / "fixtures" / "docs" / name, runs)))
