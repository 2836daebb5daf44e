"""The page-number sequence: what a printed page number looks like, roman figures of front
matter, page labels, the page period (lines a page) and the chain of numbers that go up with
the pages."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .candidates import Candidate

#: Lines from one page number to the next, at least, where no form feed marks the pages.
MIN_PAGE_LINES = 8
#: A page number as books print it: bare, between dashes ("— 7 —"), in brackets ("(7)",
#: "[7]"), or after a word for page ("s. 7", "Seite 7").
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*|[(\[]\s*)?(?:(?:sida|sid\.|s\.|page|p\.|seite|s\.)\s*)?(\d{1,4})"
    r"(?:\s*[-–—]|\s*[)\]])?\s*$",
    re.IGNORECASE,
)
#: The last character of a page number line that is not a figure (``PAGE_NUMBER``).
NUMBER_CLOSE = "-–—)]"
#: Front matter is numbered in small roman figures (i, ii, …, xlix at most here).
ROMAN = re.compile(r"^[ivxlc]{1,7}$")
_ROMAN_DIGITS = (("c", 100), ("xc", 90), ("l", 50), ("xl", 40), ("x", 10), ("ix", 9),
                 ("v", 5), ("iv", 4), ("i", 1))


def to_roman(value: int) -> str:
    out = []
    for digits, v in _ROMAN_DIGITS:
        while value >= v:
            out.append(digits)
            value -= v
    return "".join(out)


def roman_value(text: str) -> int | None:
    """The value of a small roman figure written the usual way ("xiv"), else None."""
    value, rest = 0, text
    for digits, v in _ROMAN_DIGITS:
        while rest.startswith(digits):
            value += v
            rest = rest[len(digits):]
    return value if not rest and value and to_roman(value) == text else None


def is_roman(label: str) -> bool:
    return bool(label) and not label.isdecimal()


def page_label(label: str, offset: int) -> str:
    """The label ``offset`` pages after (or before) the page labelled ``label``."""
    if is_roman(label):
        value = (roman_value(label) or 1) + offset
        return to_roman(value) if value >= 1 else "1"
    return str(max(1, int(label) + offset))


def page_period(nums: list[Candidate]) -> float:
    """Lines per page: the line gap per step of the page number (its upper quartile: a
    chapter's last page ends short). A page number stands once in a book: a number that
    recurs is another series (a chapter's number as the running head, ``11 … 2 … 11 … 3
    … 12``), left out where it would part the page numbers' steps."""
    seen = Counter(c.value for c in nums)
    unique = [c for c in nums if seen[c.value] == 1]
    if len(unique) >= 3 and len(unique) < len(nums):
        nums = unique
    steps = sorted((b.i - a.i) / (b.value - a.value) for a, b in zip(nums, nums[1:], strict=False)  # type: ignore[operator]
                   if 1 <= b.value - a.value <= 3 and b.i - a.i >= 3)  # type: ignore[operator]
    return steps[3 * len(steps) // 4] if steps else 0.0


def number_chain(nums: list[Candidate], period: float, form_feeds: bool) -> list[Candidate]:
    """The longest run of numbers that go up with the pages: by one a page (a form-feed
    page, or ``period`` lines), a few more where a plate or a blank page left no number.
    Of two runs as long, the one with fewer numbers skipped (where form feeds count the
    pages) wins, then the one whose steps keep closer to the period (a chapter's number
    ``1`` a page before the page number ``1`` is no page number)."""
    # (numbers in the run, minus the numbers it skips, minus its steps' distance from the
    # period in pages)
    best: list[tuple[int, int, float]] = [(1, 0, 0.0)] * len(nums)
    back = [-1] * len(nums)
    for k, c in enumerate(nums):
        for j in range(max(0, k - 12), k):
            p = nums[j]
            dv = c.value - p.value  # type: ignore[operator]
            if not 1 <= dv <= 6:
                continue
            skip = 0
            if form_feeds:  # a page each, or more where plates left the extraction
                ok = 1 <= c.page - p.page <= dv
                skip = dv - (c.page - p.page)
            else:
                gap = c.i - p.i
                ok = (gap >= 3 if dv == 1 else gap >= 0.5 * period * (dv - 1)) and \
                    gap <= 1.8 * period * dv + 5
            off = abs(c.i - p.i - period * dv) / period if period and not form_feeds else 0.0
            score = (best[j][0] + 1, best[j][1] - skip, best[j][2] - off)
            if ok and score > best[k]:
                best[k], back[k] = score, j
    if not nums:
        return []
    k = max(range(len(nums)), key=best.__getitem__)
    out = []
    while k >= 0:
        out.append(nums[k])
        k = back[k]
    return out[::-1]
