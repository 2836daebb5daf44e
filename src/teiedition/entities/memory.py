"""Name memory: the forms the training annotations named, with how often and as what.

A news corpus names the same bodies again and again (``Uppsala universitet``, ``Solna``,
``Miljöpartiet``); the CRF's per-word features see the words, not that this sequence was an
organisation in 9 of its 10 annotated occurrences. ``build_memory`` counts, over labelled
sentences, each entity's form (its tokens; a last word's genitive stem as a second key) by
type, and how often the form occurs at all (annotated or not), so that a generic noun that is
annotated now and then (``polisen``) says so. The table is data learned at training time and
shipped beside the model (``memory.tsv.gz``); ``NameMemory.features`` gives the CRF the
dominant type, the share of occurrences annotated, and the position in the form.

Training must see the memory as a test sentence will: a sentence's own names are always in a
memory built from it. ``scripts/train_ner.py`` therefore gives each training sentence a memory
built from the other parts of the training data (cross-fitting, Krishnan & Manning 2006 build
their second stage the same way), and the model's test-time memory from all of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .features import genitive_candidate
from .tables import read_table, write_table

__all__ = ["MEMORY_FILE", "NameMemory", "build_memory", "load_memory", "write_memory"]

MEMORY_FILE = "memory.tsv.gz"
_HEADER = "teiedition-memory 1\n"
TYPES = ("PER", "ORG", "LOC")
# longest form remembered (tokens): longer names are rare and their words say enough
MAX_LEN = 6


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of a BIO label sequence (an I- without B- opens)."""
    out = []
    start, typ = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        if lab.startswith("I-") and lab[2:] == typ and start >= 0:
            continue
        if start >= 0:
            out.append((start, i, typ))
            start, typ = -1, ""
        if lab != "O":
            start, typ = i, lab[2:]
    return out


def _keys(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """A form's keys: its tokens, and with the last word's genitive stem (``Stalins``)."""
    k = tuple(tokens)
    stem = genitive_candidate(k[-1])
    return [k, (*k[:-1], stem)] if stem else [k]


class NameMemory:
    """Form (token tuple) -> ``[per, org, loc, seen]``: annotated counts by type, and the
    occurrences of the form as a token sequence (annotated or not)."""

    def __init__(self, table: dict[tuple[str, ...], list[int]]) -> None:
        self.table = table
        self.longest = max((len(k) for k in table), default=0)
        self.first = frozenset(k[0] for k in table)

    def __len__(self) -> int:
        return len(self.table)

    def _lookup(self, span: Sequence[str]) -> list[int] | None:
        t = self.table.get(tuple(span))
        if t is None:
            stem = genitive_candidate(span[-1])
            if stem:
                t = self.table.get((*span[:-1], stem))
        return t

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """Per token, the features of the longest remembered form that covers it (forms
        matched left to right, longest first, starting at a capitalised word or one the
        annotations named lower-case): ``mem=ORG`` (dominant type, or ``mix`` when no type
        has two thirds), ``memp=B``/``I``/``L``/``U`` (position in the form), ``memr=`` the
        share of its occurrences annotated (``lo`` < 0.3, ``mid``, ``hi`` >= 0.7), and
        ``memn=`` its count (1, 2-4, 5+)."""
        n = len(tokens)
        out: list[list[str]] = [[] for _ in range(n)]
        if not self.table:
            return out
        i = 0
        while i < n:
            if tokens[i] not in self.first and (
                genitive_candidate(tokens[i]) not in self.first
            ):
                i += 1
                continue
            hit = None
            for m in range(min(self.longest, n - i), 0, -1):
                t = self._lookup(tokens[i : i + m])
                if t is not None:
                    hit = (m, t)
                    break
            if hit is None:
                i += 1
                continue
            m, (per, org, loc, seen) = hit
            named = per + org + loc
            best = max(range(3), key=lambda k: (per, org, loc)[k])
            typ = TYPES[best] if 3 * (per, org, loc)[best] >= 2 * named else "mix"
            share = named / max(seen, named)
            r = "hi" if share >= 0.7 else "lo" if share < 0.3 else "mid"
            c = "1" if named == 1 else "2" if named < 5 else "5"
            for k in range(i, i + m):
                pos = "U" if m == 1 else "B" if k == i else "L" if k == i + m - 1 else "I"
                out[k] = [f"mem={typ}", f"memp={pos}", f"mem{pos}={typ}", f"memr={r}",
                          f"mem={typ}:{r}", f"memn={c}"]
            i += m
        return out


def build_memory(sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> NameMemory:
    """The memory of ``(tokens, BIO labels)`` sentences; deterministic."""
    sents = [(tuple(t), tuple(lab)) for t, lab in sentences]
    table: dict[tuple[str, ...], list[int]] = {}
    for toks, labs in sents:
        for s, e, typ in bio_spans(labs):
            if e - s > MAX_LEN or typ not in TYPES:
                continue
            for key in _keys(toks[s:e]):
                table.setdefault(key, [0, 0, 0, 0])[TYPES.index(typ)] += 1
    if not table:
        return NameMemory({})
    longest = max(len(k) for k in table)
    first = {k[0] for k in table}
    for toks, _ in sents:  # how often each form occurs at all (as the keys of its names)
        n = len(toks)
        for i in range(n):
            if toks[i] not in first and genitive_candidate(toks[i]) not in first:
                continue
            for m in range(1, min(longest, n - i) + 1):
                for key in _keys(toks[i : i + m]):
                    t = table.get(key)
                    if t is not None:
                        t[3] += 1
    return NameMemory(table)


def write_memory(memory: NameMemory, out_dir: Path) -> Path:
    """``out_dir/memory.tsv.gz``: one form a line (tokens joined by a tab), its counts;
    sorted, fixed mtime, so the same data give the same bytes."""
    path = out_dir / MEMORY_FILE
    lines = [
        " ".join(map(str, v)) + "\t" + "\t".join(k)
        for k, v in sorted(memory.table.items())
    ]
    return write_table(path, _HEADER, "\n".join(lines))


def load_memory(path: Path) -> NameMemory:
    """Read ``memory.tsv.gz`` (an empty memory if the model has none)."""
    if not path.exists():
        return NameMemory({})
    body = read_table(path, _HEADER, "name memory")
    table: dict[tuple[str, ...], list[int]] = {}
    for line in body.split("\n"):
        if line:
            counts, *toks = line.split("\t")
            table[tuple(toks)] = [int(x) for x in counts.split(" ")]
    return NameMemory(table)
