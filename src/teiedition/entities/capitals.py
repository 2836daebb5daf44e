"""How a word is written where its capital says something: learned from unlabelled text.

A word at a sentence's start is capitalised whatever it is, so ``Försäkringskassan meddelar``
and ``Dessutom meddelar`` look alike to the CRF there. Elsewhere in running text the capital is
evidence: ``Försäkringskassan`` is written with one wherever it stands, ``dessutom`` never.
``build_capitals`` counts, over unlabelled sentences (the ELTeC Swedish novels and the training
sentences with their labels unused), how often each word (``clusters.cluster_key``: lowercase,
modern spelling) is capitalised and how often not, *outside* sentence-initial positions; the
feature (``Capitals.features``) is the bucketed share, so a sentence-initial word carries the
evidence of its other occurrences. The table is data learned at training time and shipped
beside the model (``capitals.tsv.gz``); a word it never saw gets no feature (in another
language most words are unseen, which must not read as evidence).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .clusters import cluster_key
from .tables import read_table, write_table

__all__ = ["CAPITALS_FILE", "Capitals", "build_capitals", "load_capitals", "write_capitals",
           "initial_positions"]

CAPITALS_FILE = "capitals.tsv.gz"
_HEADER = "teiedition-capitals 1\n"
# tokens after which the next word starts a sentence or a quotation (its capital says nothing):
# the capitals feature's initial positions and the CRF's ``init`` feature (``features.py``)
OPENERS = frozenset({":", "”", '"', "“", "„", "«", "»", "–", "—", "(", "•", "*", "’", "'",
                     ".", "!", "?", "…", "...", ".."})


def initial_positions(tokens: Sequence[str]) -> list[bool]:
    """Whether each token stands where any word is capitalised (sentence start, after an
    opener)."""
    return [i == 0 or tokens[i - 1] in OPENERS for i in range(len(tokens))]


class Capitals:
    """Word key -> ``(capitalised, lower-case)`` counts outside sentence-initial positions."""

    def __init__(self, table: dict[str, tuple[int, int]]) -> None:
        self.table = table

    def __len__(self) -> int:
        return len(self.table)

    def feature(self, word: str) -> str | None:
        """``capr=`` the share of the word's counted occurrences with a capital (``0`` none,
        ``l`` < 0.5, ``h`` < 1, ``1`` all) and how many (``1``, ``2``-``9``, ``10``+), or None
        for a word not seen (or with no letter)."""
        if not word[:1].isalpha():
            return None
        c = self.table.get(cluster_key(word))
        if c is None:
            return None
        up, low = c
        n = up + low
        share = "0" if up == 0 else "1" if low == 0 else "h" if up >= low else "l"
        return f"capr={share}{'1' if n == 1 else '2' if n < 10 else '9'}"


def build_capitals(sentences: Iterable[Sequence[str]], base: Capitals | None = None,
                   ) -> Capitals:
    """Count each word's capitalised and lower-case occurrences outside sentence-initial
    positions (added to the counts of ``base``); deterministic."""
    table: dict[str, list[int]] = {k: list(v) for k, v in (base.table if base else {}).items()}
    for toks in sentences:
        for tok, initial in zip(toks, initial_positions(toks), strict=True):
            first = tok[:1]
            if initial or not first.isalpha() or len(tok) < 2:
                continue
            row = table.setdefault(cluster_key(tok), [0, 0])
            row[0 if first.isupper() else 1] += 1
    return Capitals({k: (v[0], v[1]) for k, v in table.items()})


def write_capitals(caps: Capitals, out_dir: Path) -> Path:
    """``out_dir/capitals.tsv.gz``: word, capitalised count, lower-case count; sorted, fixed
    mtime (the same text gives the same bytes)."""
    path = out_dir / CAPITALS_FILE
    lines = [f"{k}\t{u}\t{low}" for k, (u, low) in sorted(caps.table.items())
             if "\t" not in k and "\n" not in k]
    return write_table(path, _HEADER, "\n".join(lines))


def load_capitals(path: Path) -> Capitals:
    """Read ``capitals.tsv.gz`` (an empty table if the model has none)."""
    if not path.exists():
        return Capitals({})
    body = read_table(path, _HEADER, "capitals table")
    table: dict[str, tuple[int, int]] = {}
    for line in body.split("\n"):
        if line:
            k, u, low = line.split("\t")
            table[k] = (int(u), int(low))
    return Capitals(table)
