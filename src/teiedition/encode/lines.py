"""Source lines: the unit every layout pass reads (pages, blocks, items, notes).

A ``Line`` keeps its text stripped and its raw form (indentation is evidence), its number in
the source (for error messages and ``lb/@n``) and what the page pass found on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter, itemgetter, methodcaller
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .pages import PageStart

#: What ends a sentence, tested on a line's last character (``text[-1:] in``): a set look-up,
#: where a regex search ``[…]$`` tries every position of the line.
SENTENCE_END_CHARS = frozenset('.!?:;”"»)]…')
HAS_LETTER = re.compile(r"[^\W\d_]")

#: Source line number -> the list mark that opens the line (see ``layout._item_marks``).
Items = dict[int, re.Match[str]]


@dataclass(slots=True)
class Line:
    n: int  # 1-based line number in the source
    text: str  # stripped of leading and trailing whitespace
    raw: str
    page: PageStart | None = None  # a page begins with this line
    soft_hyphen: bool = False  # the line ended in a soft hyphen (U+00AD)
    furniture: bool = False  # the line held only page furniture (form feed, number, head)
    lead: int = 0  # spaces before the text, after a form feed (``lead``): set with ``raw``
    initial_from: int = 0  # its first letter is a large initial from this source line


TEXT = attrgetter("text")  # a line's text, for map() in C
RAW = attrgetter("raw")
PAGE = attrgetter("page")
LEAD = attrgetter("lead")  # where a line's text starts (after a form feed): ``Line.lead``
INITIAL_FROM = attrgetter("initial_from")


def typical_width(lines: list[Line]) -> int:
    """The width of a full line: the 90th percentile of the line lengths."""
    widths = list(filter(None, map(len, map(TEXT, lines))))  # in C: no Python loop
    if not widths:
        return 0
    k = int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0
    return int(np.partition(np.array(widths, dtype=np.int32), k)[k])  # no full sort


_LEADING = frozenset(" \t\f")
_SET_IN = frozenset(" \t")
_FIRST_CHAR = itemgetter(slice(0, 1))
_SOFT_END = methodcaller("endswith", "\u00ad")


def split_lines(text: str | list[str], first: int = 1) -> list[Line]:
    """Split text (or take its lines, as ``str.split("\\n")`` gives them) into lines numbered
    from ``first`` (a chunk's lines by their number in the source); a form feed starts a new
    physical line of its own.

    Each line's ``lead`` is measured here, once (the paragraph finder reads it several times
    a line): the spaces before its text after any form feed at its start (poppler puts the
    form feed at the start of the next page's first line, before its indent). The tests
    that pick the lines to look at run in C (``map``, ``compress``): most lines need none."""
    raws = text.split("\n") if isinstance(text, str) else text
    if not any(map(_SOFT_END, raws)):  # the usual case: no soft hyphens
        out = [Line(i, raw.strip(" \t\f"), raw) for i, raw in enumerate(raws, first)]
    else:
        out = []
        for i, raw in enumerate(raws, start=first):
            soft = raw.endswith("\u00ad")
            if soft:
                raw = raw[:-1] + "-"
            out.append(Line(n=i, text=raw.strip(" \t\f"), raw=raw, soft_hyphen=soft))
    # (a line that starts with text has no lead)
    for ln in compress(out, map(_LEADING.__contains__, map(_FIRST_CHAR, raws))):
        ln.lead = lead(ln.raw)
    return out


def set_in(lines: list[Line]) -> list[int]:
    """Indices of the lines whose raw form starts with a space or a tab (found in C: most
    lines of most texts start with their text)."""
    return list(compress(count(), map(_SET_IN.__contains__, map(_FIRST_CHAR, map(RAW, lines)))))


def lead(raw: str) -> int:
    """The spaces before a line's text, after a form feed at its start; a pass that changes
    a line's ``raw`` sets its ``lead`` again with this."""
    raw = raw.lstrip("\f")
    return len(raw) - len(raw.lstrip(" \t"))


def indent(ln: Line) -> int:
    return len(ln.raw) - len(ln.raw.lstrip(" \t"))
