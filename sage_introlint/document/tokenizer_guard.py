"""Text as spaCy's tokenizer may safely see it: no run without spaces longer than MAX_RUN.

spaCy strips prefixes and suffixes off a token one at a time, searching the rest each time, so
one 16 KB run of `%`, `)`, `'` or `<` costs a minute (quadratic in the run). No word, number or
URL an author writes is that long, so such a run gets a space every MAX_RUN characters before
the tokenizer sees it. The text keeps its length (a character becomes a space), so every offset
the tokens give still points into the original text, which the sentence component reads.
The tokenizer is called without `Language.make_doc`'s max_length check: only the tokenizer and
our component run, which need no more memory than the text, so a long paragraph is no error.
"""

from __future__ import annotations

import re

MAX_RUN = 256
# from a run's first character only: a search does not rescan every word from each of its letters
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_RUN + 1))


def spaced(text: str) -> str:
    """`text` with every MAX_RUN-th character of an over-long run replaced by a space."""
    # (the pieces of str.split are the runs of \S: the same test, without a regex tried at every position)
    if len(text) <= MAX_RUN or max(map(len, text.split()), default=0) <= MAX_RUN:
        return text
    chars = list(text)
    for match in _LONG_RUN.finditer(text):
        for position in range(match.start() + MAX_RUN, match.end(), MAX_RUN):
            chars[position] = " "
    return "".join(chars)


def tokenize(nlp, text: str):
    """spaCy Doc of `text` from `nlp`'s tokenizer, over-long runs split (offsets unchanged)."""
    return nlp.tokenizer(spaced(text))
