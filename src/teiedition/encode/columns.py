"""Two columns side by side: ``pdftotext -layout`` of a page in two columns (a newspaper's
page) sets each line of the left column and the line beside it in the right column on one
line of text, parted by the gutter's spaces. Read so, every line mixes two texts.

The gutter is found per page (form feeds part the pages) from the lines themselves: the
column where most of the page's lines have a run of spaces end and the right column's text
begin, in the middle of the line. Each line is then cut there into its left and its right
part, and the page is read as printed: the lines across both columns above the columns (a
running head), the left column, the right column (each part keeping its indentation, a
paragraph's first line), the lines across both columns below. A text whose pages show no
such gutter is left as it is (the test runs on a sample of lines spread over the text first).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, repeat

from .lines import RAW, Line, lead
from .source import SOFT_HYPHEN as SOFT

#: A run of spaces that may be a gutter, and where the text after it begins.
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
#: Lines to test first, spread evenly over the text (front matter in one column, the pages
#: after it in two, still show their gutter): most texts have no gutter anywhere.
PROBE = 400
#: Share of a page's text lines that must show the gutter.
MIN_SHARE = 0.6
#: Lines of a page with text in both columns, at least.
MIN_PAIRED = 12


def _gutter(raws: list[str]) -> int | None:
    """The column where the right column's text begins on this page, or None."""
    texts = [r.replace("\f", " ").rstrip() for r in raws]
    long = [t for t in texts if t.strip()]
    if len(long) < 8:
        return None
    width = max(map(len, long))
    starts: Counter[int] = Counter()
    for t in long:
        for m in _GAP.finditer(t):
            if 0.3 * width <= m.end() <= 0.7 * width:
                starts[m.end()] += 1
    if not starts:
        return None
    at, _ = starts.most_common(1)[0]
    near = sum(n for p, n in starts.items() if abs(p - at) <= 3)
    # (lines of the right column alone start there too, after spaces only)
    alone = sum(1 for t in long if t[:at - 1].strip() == "" and len(t) > at)
    return at if near + alone >= MIN_SHARE * len(long) else None


def _cut(raw: str, at: int) -> tuple[str, str] | None:
    """The left and right parts of a line at the gutter (right column's start ``at``), the
    right keeping its indentation from ``at``; None where text crosses the gutter."""
    body = raw.replace("\f", " ").rstrip()
    if len(body) <= at - 2:
        return raw.rstrip(), ""
    text = body.lstrip()
    start = len(body) - len(text)
    if start >= at - 3:  # (the right column's line alone)
        return "", " " * max(0, start - at) + text
    # (the run of spaces over the gutter: the right part may begin further in, a
    # paragraph's indented first line)
    best = next((m for m in _GAP.finditer(body) if m.start() <= at - 1 and m.end() >= at - 3),
                None)
    if best is None:
        return None
    return raw[:best.start()].rstrip(), " " * max(0, best.end() - at) + body[best.end():]


def split_columns(lines: list[Line]) -> list[Line]:
    """The lines as printed where the pages are set in two columns (see the module); else
    the lines themselves."""
    probe = lines[::max(1, len(lines) // PROBE)]
    if sum(map(bool, map(_GAP.search, (ln.raw.strip() for ln in probe)))) < 0.4 * sum(
            1 for ln in probe if ln.text):
        return _invisible(lines)
    pages: list[list[Line]] = [[]]
    for ln in lines:
        if "\f" in ln.raw and pages[-1]:
            pages.append([])
        pages[-1].append(ln)
    out: list[Line] = []
    split = 0
    for page in pages:
        at = _gutter([ln.raw for ln in page])
        cuts = [_cut(ln.raw, at) for ln in page] if at else []
        if not at or not _in_columns(cuts, at):
            out.extend(page)
            continue
        split += 1
        first = next((k for k, c in enumerate(cuts) if c is not None and c[1]), len(page))
        last = max((k for k, c in enumerate(cuts) if c is not None and c[1]), default=-1)
        left: list[Line] = []
        right: list[Line] = []
        for k, (ln, c) in enumerate(zip(page, cuts, strict=True)):
            if c is None or k < first or k > last:
                (left if k <= last else right).append(ln)  # (across: above, or below)
                continue
            a, b = c
            ff = "\f" if "\f" in ln.raw else ""
            left.append(_line(ln, ff + a, not b.strip()))
            if b.strip():
                right.append(_line(ln, b, True))
        out.extend(left)
        out.extend(right)
    return _invisible(out if split else lines)


def _in_columns(cuts: list[tuple[str, str] | None], at: int) -> bool:
    """Is a page whose lines cut at the gutter ``at`` as ``cuts`` set in two columns? Most of
    its lines cut there, many hold text on both sides, and most of those a left part set
    full (reaching towards the gutter)."""
    paired = [c for c in cuts if c is not None and c[0].strip() and c[1].strip()]
    if sum(1 for c in cuts if c is not None) < MIN_SHARE * len(cuts) or len(
            paired) < MIN_PAIRED:
        return False
    full = sum(1 for a, _ in paired if len(a.replace("\f", "").strip()) >= 0.6 * at)
    return 2 * full >= len(paired)


def _invisible(lines: list[Line]) -> list[Line]:
    """The soft hyphens the source kept before a gutter, where no column ends with them:
    inside a line a soft hyphen is invisible, and goes."""
    if SOFT not in "".join(map(RAW, lines)):  # (the usual case, tested at memory speed)
        return lines
    for ln in compress(lines, map(str.__contains__, map(RAW, lines), repeat(SOFT))):
        ln.raw = ln.raw.replace(SOFT, "")
        ln.text = ln.text.replace(SOFT, "")
    return lines


def _line(ln: Line, raw: str, end: bool) -> Line:
    """A column's part of a source line (its number kept: the source's line); ``end``: the
    part the line ends with (a soft hyphen there the line already shows)."""
    soft = raw.endswith(SOFT)
    if soft:  # (the left part's soft hyphen, inside the source line)
        raw = raw[:-1] + "-"
    new = Line(ln.n, raw.strip(" \t\f"), raw, soft_hyphen=soft or (end and ln.soft_hyphen))
    if raw[:1] in " \t\f":
        new.lead = lead(raw)
    return new
