"""Across the paper: quantitative claims, open slots and contributions, section by section.

`build.build` makes the ledger `introlint ledger` prints and the report shows; `context`
gives the cross-section check kinds (claim-consistency, contribution-evidence,
contributions-consistency) one ledger per paper.
"""
