"""Line numbers an edition prints in its margin (every 5th line), taken out of the reading
text: they go up by a fixed step through a page, where page numbers go up by one a page."""

from __future__ import annotations

import re
import statistics
from itertools import compress, count
from operator import itemgetter, or_

from ..lines import TEXT, Line, lead

_FIRST, _LAST = itemgetter(slice(0, 1)), itemgetter(slice(-1, None))  # ("" for an empty line)
#: A line number set in the margin beside a text line, as ``pdftotext -layout`` keeps it:
#: figures at the line's start or end, parted from the text by two spaces at least.
_MARGIN_START = re.compile(r"^(\s*)(\d{1,4})(\s{2,})(?=\S)")
_MARGIN_END = re.compile(r"(?<=\S)(\s{2,})(\d{1,4})\s*$")
#: Marks an edition prints in its margin beside line numbers (where a source page begins).
_MARGIN_MARKS = frozenset("·•")
_MARGIN_MARKS_END = re.compile(r"\s{3,}[·•](?:,\s*[·•])*$")
MIN_MARGIN_RUN = 3  # numbers in a progression, at least, to be a margin's line numbering


def _progressions(found: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Runs of (place, value, distance) whose values go up by one step of two or more, each
    a multiple of the step (5, 10, 15 …), ``distance`` (lines from the run's previous
    member, or 0 where lines do not count) equal to the step where it is given."""
    runs: list[list[tuple[int, int, int]]] = []
    run: list[tuple[int, int, int]] = []
    for f in found:
        if run:
            step = f[1] - run[-1][1]
            first = run[1][1] - run[0][1] if len(run) > 1 else step
            if step == first and step >= 2 and f[1] % step == 0 and (
                    not f[2] or abs(f[2] - step) <= 1):
                run.append(f)
                continue
            if len(run) >= MIN_MARGIN_RUN:
                runs.append(run)
            # the last member may open the next run (a page's "45" then the next's "5")
            run = [run[-1], f] if (f[1] - run[-1][1] >= 2 and f[1] % (f[1] - run[-1][1]) == 0
                                   and run[-1][1] % (f[1] - run[-1][1]) == 0
                                   and len(run) < MIN_MARGIN_RUN) else [f]
            continue
        run = [f]
    if len(run) >= MIN_MARGIN_RUN:
        runs.append(run)
    return runs


def _margin_segment(lines: list[Line], segment: list[tuple[int, int, int]], out: set[int],
                    step: int) -> int:
    """The rest of one column of bare numbers (only blank lines between them) in a text whose
    margin numbers every ``step``-th line: a short page's numbering (``5``, ``5 10``) beside
    the page's number, and the source's page numbers the margin also shows (rising by one,
    two at least). Returns how many were dropped."""
    rest = [f for f in segment if f[0] not in out]
    drop: list[int] = []
    k = 0
    while k < len(rest):
        z = k + 1
        if rest[k][1] == step and len(segment) >= 2:
            while z < len(rest) and rest[z][1] == rest[z - 1][1] + step:
                z += 1
            drop += [i for i, _, _ in rest[k:z]]
        else:
            while z < len(rest) and rest[z][1] == rest[z - 1][1] + 1:
                z += 1
            if z - k >= 2:
                drop += [i for i, _, _ in rest[k:z]]
        k = z
    for i in drop:
        lines[i].text, lines[i].furniture = "", True
    return len(drop)


def drop_margin_numbers(lines: list[Line]) -> int:
    """Take the line numbers an edition prints in its margin (every 5th line: 5, 10 … 45) out
    of the reading text; returns how many were found.

    A margin's numbers go up by a fixed step (two or more) through a page, each a multiple of
    it: poppler's default mode sets the column apart, each number on a line of its own between
    blank lines; ``-layout`` keeps each beside its line, the step then also the number of text
    lines from one to the next. Page numbers go up by one a page and stay. The marks such an
    edition sets in the margin where a source page begins (a lone ``·``) go with them."""
    column: list[tuple[int, int, int]] = []  # bare numbers, parted by blank lines only
    starts: list[tuple[int, int, int]] = []
    ends: list[tuple[int, int, int]] = []
    last_bare = last_start = last_end = -1

    def distance(a: int, b: int) -> int:  # text lines from line a to line b
        return 0 if a < 0 else b - a - list(map(TEXT, lines[a + 1:b])).count("")

    # (a cheap test first, in C: most lines neither begin nor end with a figure)
    texts = list(map(TEXT, lines))
    for i in list(compress(count(), map(or_, map(str.isdecimal, map(_FIRST, texts)),
                                        map(str.isdecimal, map(_LAST, texts))))):
        t = lines[i].text
        if t.isdecimal() and len(t) <= 4:
            if column and any(lines[j].text for j in range(last_bare + 1, i)):
                column.append((-1, -1, 0))  # a break in the column
            column.append((i, int(t), 0))
            last_bare = i
            continue
        raw = lines[i].raw
        if t[0].isdecimal() and (m := _MARGIN_START.match(raw)):
            starts.append((i, int(m.group(2)), distance(last_start, i)))
            last_start = i
        if t[-1].isdecimal() and (m := _MARGIN_END.search(raw)):
            ends.append((i, int(m.group(2)), distance(last_end, i)))
            last_end = i
    dropped = 0
    # a column of numbers is a margin's where it recurs (on two pages at least): a text may
    # list 5, 10, 15 once
    runs = _progressions(column)
    if len(runs) < 2:
        runs = []
    for run in runs:
        for i, _, _ in run:
            if i >= 0:
                lines[i].text, lines[i].furniture = "", True
                dropped += 1
    if runs:  # the margin's other numbers, known by the step the whole text shows
        step = statistics.mode(r[1][1] - r[0][1] for r in runs)
        out = {i for run in runs for i, _, _ in run}
        segment: list[tuple[int, int, int]] = []
        for f in [*column, (-1, -1, 0)]:
            if f[0] >= 0:
                segment.append(f)
                continue
            dropped += _margin_segment(lines, segment, out, step)
            segment = []
    for found, where in ((starts, _MARGIN_START), (ends, _MARGIN_END)):
        for run in _progressions(found):
            for i, _, _ in run:
                ln = lines[i]
                m = where.search(ln.raw)
                if m is None:
                    continue
                a, z = m.span(2)
                ln.raw = ln.raw[:a] + " " * (z - a) + ln.raw[z:]  # the text keeps its indent
                ln.lead = lead(ln.raw)
                ln.text = ln.raw.strip(" \t\f")
                dropped += 1
    if dropped:
        for ln in lines:
            t = ln.text
            if not t or t[-1] not in _MARGIN_MARKS:
                continue
            if not t.strip("".join(_MARGIN_MARKS) + ", "):  # "·", "·, ·"
                ln.text, ln.furniture = "", True
            elif m := _MARGIN_MARKS_END.search(t):  # set beside a line by -layout
                ln.text = t[:m.start()]
                ln.raw = ln.raw[:ln.raw.rindex(m.group().strip()[0])].rstrip()
                ln.lead = lead(ln.raw)
    return dropped
