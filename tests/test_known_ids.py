"""The rule ids a suppression comment may name do not depend on what the bounded pack cache still holds.

An editor server lives for hours and loads many packs; a pack dropped from the cache must not
turn a suppression comment that names one of its rules into `unknown rule`.
"""

from __future__ import annotations

from sage_introlint import pack
from sage_introlint.checker import Checker
from sage_introlint.config import DEFAULT
from sage_introlint.document.model import Source

TEXT = ("# Introduction\n\n<!-- introlint-disable marketing-language -- quoted from a review -->\n"
        "We build a system. It serves models. We measure it.\n")


def unused(checker: Checker) -> list[str]:
    found = checker.check_source(Source("intro.md", TEXT), DEFAULT, None, ".")
    return [f.message for f in found if f.rule == "unused-suppression"]


def test_an_evicted_pack_s_rule_ids_stay_known(tmp_path):
    # The rule is turned off, so it does not run: only the pack says the id exists.
    checker = Checker(ignore="marketing-language")
    assert unused(checker) == []
    for number in range(pack._CACHE.limit + 1):  # fill the bound: every pack loaded above is evicted
        other = tmp_path / f"other-{number}.yaml"
        other.write_text(f"name: other-{number}\nrules: []\n", encoding="utf-8")
        pack.load_pack(str(other))
    assert not any("marketing-language" in p.rule_ids() for p in pack._CACHE.values())
    assert unused(checker) == []


def test_an_id_no_pack_defines_is_still_unknown():
    text = TEXT.replace("marketing-language", "marketing-languag")
    found = Checker().check_source(Source("intro.md", text), DEFAULT, None, ".")
    assert [(f.rule, f.line) for f in found if f.rule == "unused-suppression"] == [("unused-suppression", 3)]
