"""An index of name forms found in running text with the inflection they carry inside
(``GPU:s``, ``Reiss’``, ``Stalins``): the register's forms and, later, the forms the document
itself tagged (propagation) are matched with it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence

from .. import names as N

_HEAD = re.compile(r"[^\W_]+")
_WORD_START = re.compile(r"(?<![^\W_’'])[^\W_]+")
_CAP_START = re.compile(r"(?<![^\W_’'])(?=[^\W\d_a-zß-öø-ÿ])[^\W_]+")
_COLON_END = re.compile(r":[^\W\d_]{1,4}(?![^\W_])(?!:[^\W_])")


class Forms:
    """Many name forms matched at word starts, with the endings a name carries inside
    (``GPU:s``, ``Reiss’``, ``Stalins``, ``Mariens``: ``names.GENITIVE_ENDINGS``); the forms
    are indexed by their first word, so a text is scanned once whatever the number of forms
    (a register may hold thousands)."""

    def __init__(self, forms: Sequence[str], language: str = "") -> None:
        self.language = language
        self.endings = N.genitive_endings(language)
        self.by_head: dict[str, list[str]] = defaultdict(list)
        capital_only = True
        for f in sorted({f for f in forms if f and len(f) > 1}, key=len, reverse=True):
            m = _HEAD.match(f)
            if m is None:
                continue
            self.by_head[m.group()].append(f)
            capital_only = capital_only and f[0].isupper()
        self.starts = _CAP_START if capital_only else _WORD_START

    def __bool__(self) -> bool:
        return bool(self.by_head)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, form) of every non-overlapping occurrence, longest form first."""
        by_head = self.by_head
        pos = 0
        for w in self.starts.finditer(text):
            p = w.start()
            if p < pos:
                continue
            run = w.group()
            cands = by_head.get(run)
            for stem, _end in N.genitive_splits(run, self.language):  # Stalins, Mariens
                if stem in by_head:
                    cands = (cands or []) + by_head[stem]
            if not cands:
                continue
            for form in sorted(cands, key=len, reverse=True) if len(cands) > 1 else cands:
                if not text.startswith(form, p):
                    continue
                end = inflected_end(text, p + len(form), form, self.endings)
                if end is not None:
                    yield p, end, form
                    pos = end
                    break


def inflected_end(text: str, q: int, form: str,
                  endings: Sequence[tuple[str, Callable[[str], bool]]] = N.GENITIVE_ENDINGS
                  ) -> int | None:
    """Where a form found at ``text[:q]`` ends with its inflection, if it ends a word there."""
    n = len(text)

    def free(i: int) -> bool:  # no letter or digit, and no further colon ending, follows
        return i >= n or not (text[i].isalnum() or (text[i] == ":" and i + 1 < n
                                                    and text[i + 1].isalnum()))

    if q < n:
        c = text[q]
        if c == ":":
            m = _COLON_END.match(text, q)
            if m:
                return m.end()
        if c in "’'" and form[-1] in N.SIBILANTS and (q + 1 >= n or not text[q + 1].isalnum()):
            return q + 1  # Reiss’
        for end, fits in endings:  # Stalins, Mariens, Maxens (names.genitive_endings)
            if text.startswith(end, q) and fits(form[-1]) and free(q + len(end)):
                return q + len(end)
    return q if free(q) else None


