"""Large initials: a chapter's first letter set large, which extractors part from the rest of
its word (poppler: the letter on a line of its own, ``S`` then ``chnell war der Winter``;
pypdf the same without the blank line; ``pdftotext -layout``: ``S   chnell war …``).

The letter goes back onto its word where what follows it goes on in lower case and is no
word the text uses elsewhere (``I  am`` in a justified ``-layout`` line stays: ``am`` is a
word; ``chnell`` is none), so that the word, the paragraph and the heading above it are read
as typeset. A letter from a line of its own keeps that line in the TEI: the word's line
says where its first letter came from (``Line.initial_from``), and the reading text joins
them with ``<lb break="no"/>`` (``reading.assemble``), so the diplomatic text still has
the letter on its line.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, count, repeat
from operator import eq

from .lines import INITIAL_FROM, TEXT, Line

#: A letter apart from the rest of its word by two spaces at least (``-layout``).
_SPACED = re.compile(r"^([^\W\d_])\s{2,}(?=[^\W\d_])")
#: Blank lines, at most, between the letter and its word.
_GAP = 1


def _word_counts(texts: list[str], words: set[str]) -> Counter[str]:
    """How often the text uses each of ``words`` (case-folded) as a word of its own."""
    if not words:
        return Counter()
    return Counter(re.findall(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sorted(words)))
                              + r")(?![^\W\d_])", "\n".join(texts).casefold()))


def join_initials(lines: list[Line]) -> int:
    """Put each large initial back onto its word (see the module docstring); returns how many."""
    for ln in compress(lines, map(INITIAL_FROM, lines)):  # (a read before this one)
        ln.initial_from = 0
    texts = list(map(TEXT, lines))
    found: list[tuple[int, int, str]] = []  # (letter's line, word's line, the rest's word)
    for i in compress(count(), map(eq, map(len, texts), repeat(1))):
        if not texts[i].isupper():
            continue
        j = i + 1
        while j < len(lines) and not texts[j] and j - i <= _GAP:
            j += 1
        if j < len(lines) and texts[j][:1].islower():
            found.append((i, j, texts[j].split()[0]))
    for i in compress(count(), map(str.startswith, texts, repeat("  "), repeat(1))):
        m = _SPACED.match(texts[i])
        if m and m.group(1).isupper() and texts[i][m.end()].islower():
            found.append((i, i, texts[i][m.end():].split()[0]))
    if not found:
        return 0
    rest = [re.sub(r"\W+$", "", w).casefold() for _, _, w in found]
    uses = _word_counts(texts, {w for w in rest if w})
    # (beside these lines themselves)
    elsewhere = uses - Counter(rest)
    joined = 0
    for (i, j, _), word in zip(found, rest, strict=True):
        if not word or elsewhere[word] > 0:
            continue
        if i == j:
            m = _SPACED.match(lines[i].text)
            lines[i].text = m.group(1) + lines[i].text[m.end():]  # type: ignore[union-attr]
        else:
            lines[j].text = lines[i].text + lines[j].text
            lines[j].initial_from = lines[i].n
            lines[i].text = ""
        joined += 1
    return joined
