"""Lines → pages: where the source's pages begin, and the page furniture to keep out of the text.

Page furniture is what recurs with the page period, so it is read from the whole document,
not from a line and its neighbours. ``learn`` builds a ``PageModel``: the page numbers are
the longest chain of numbers that go up by one a page (a form-feed page, or ``period`` lines:
the median line gap per step), at the head or the foot of the page (the side of the form
feed, else the side with less text beyond the first and last number); the running heads are
the strings (compared by their letters, case-folded) that recur beside those numbers or at
the edges of form-feed pages, on versos and rectos in turn where two alternate. ``apply``
then empties the furniture lines and marks where each page's text begins (``Line.page``,
later ``pb`` and ``fw``), also inside a word broken across the page end.

For a streaming encoder the two are separate passes. ``learn`` takes the list of lines
today, but what it reads of them is small and local: the ``candidate`` lines (short lines,
lines with a number at an edge) with their index and form-feed page, the text lines next
to each number (``_near``), whether a page between two numbers has a letter, and the
typical line width; a chunked first pass can gather those facts. The model it returns
names the furniture by source line number (``Line.n``), so ``apply`` runs on one chunk at
a time (it carries only the page start still to be placed across a chunk end). Where
too few pages show a pattern (two numbers, a lone number set to the right, a head without
numbers, lines indented by a space in a text without indentation) ``_line_rules`` reads
each signal on its own, as before the model.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import itemgetter, or_

from .blocks import CLOSERS, division
from .lines import (
    HAS_LETTER,
    SENTENCE_END_CHARS,
    TEXT,
    Items,
    Line,
    indent,
    lead,
    set_in,
    typical_width,
)

#: Closing marks that may follow a sentence's end (``Nein.«``, ``fin. »``: the blocks' own,
#: and the space a French closing mark keeps).
_CLOSERS = CLOSERS + " "
_FIRST, _LAST = itemgetter(slice(0, 1)), itemgetter(slice(-1, None))  # ("" for an empty line)

#: Lines from one page number to the next, at least, where no form feed marks the pages.
MIN_PAGE_LINES = 8
#: A page number as books print it: bare, between dashes ("— 7 —"), in brackets ("(7)",
#: "[7]"), or after a word for page ("s. 7", "Seite 7").
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*|[(\[]\s*)?(?:(?:sida|sid\.|s\.|page|p\.|seite|s\.)\s*)?(\d{1,4})"
    r"(?:\s*[-–—]|\s*[)\]])?\s*$",
    re.IGNORECASE,
)
#: The last character of a page number line that is not a figure (``_PAGE_NUMBER``).
_NUMBER_CLOSE = "-–—)]"


@dataclass(slots=True)
class PageStart:
    """A page of the source begins at the line carrying this; ``n`` is its number."""

    n: str
    source_line: int
    running_head: str | None = None


def _mark_form_feeds(lines: list[Line]) -> int:
    count = 0
    pending = False
    for ln in lines:
        if "\f" in ln.raw:
            before, _, after = ln.raw.rpartition("\f")
            count += ln.raw.count("\f")
            # text after the form feed begins the page; with none, the next line does
            if after.strip():
                ln.page = PageStart("", ln.n)
                pending = False
            else:
                pending = True
            ln.furniture = not (before.strip() or after.strip())
            ln.text = (before.replace("\f", " ") + " " + after).strip(" \t")
            if not after.strip() and before.strip():
                ln.text = before.replace("\f", " ").strip(" \t")
            continue
        if pending and ln.text:
            ln.page = PageStart("", ln.n)
            pending = False
    return count


def _page_number_lines(lines: list[Line], width: int) -> list[int]:
    """Indices of lines that are bare page numbers, if they form a plausible sequence."""
    def alone(i: int) -> bool:  # nothing on the lines around it, but a page's edge
        ln = lines[i]
        before = i == 0 or not lines[i - 1].text or ln.page is not None
        after = i + 1 >= len(lines) or not lines[i + 1].text or lines[i + 1].page is not None
        return before and after

    # a cheap test first: the regex can only match a line that ends in a digit, a dash or
    # white space (re's \d and \s are str.isdecimal and str.isspace)
    cands = [i for i, ln in enumerate(lines) if (t := ln.text) and (
        (c := t[-1]) in _NUMBER_CLOSE or c.isdecimal() or c.isspace()) and _PAGE_NUMBER.match(t)
        and alone(i)]
    if len(cands) < 2:
        # a lone number set far to the right of running text, between text, is a page
        # number even without a sequence
        return [i for i in cands if width >= 30 and indent(lines[i]) > 0.5 * width
                and any(ln.text for ln in lines[:i]) and any(ln.text for ln in lines[i + 1:])]
    # a page holds text: between two numbers (and somewhere at all) a line with words
    bounds = [-1, *cands, len(lines)]
    wordy = [any(HAS_LETTER.search(ln.text) for ln in lines[a + 1:b])
             for a, b in zip(bounds, bounds[1:], strict=False)]
    if not any(wordy) or not all(wordy[1:-1]):
        return []  # numbers and nothing else between them: they are the text, not pages
    nums = [int(_PAGE_NUMBER.match(lines[i].text).group(1)) for i in cands]  # type: ignore[union-attr]
    rising = sum(1 for a, b in zip(nums, nums[1:], strict=False) if b == a + 1)
    # a page holds more than a few lines: bare figures closer than MIN_PAGE_LINES are
    # numbered steps or sections ("1", "2", "3" in a README), unless dashes or a word
    # mark them as page numbers ("- 2 -", "s. 2")
    gaps = sorted(b - a for a, b in zip(cands, cands[1:], strict=False))
    if gaps[len(gaps) // 2] < MIN_PAGE_LINES and all(
            lines[i].text.isdecimal() for i in cands):
        return []
    return cands if rising >= 0.6 * (len(nums) - 1) else []


_NUMBERED_HEAD = re.compile(r"^(?:(?P<a>\d{1,4})\s{2,}(?P<ta>\S.{0,70}?)"
                            r"|(?P<tb>\S.{0,70}?)\s{2,}(?P<b>\d{1,4}))$")


def _numbered_heads(lines: list[Line]) -> dict[int, tuple[str, str]]:
    """Head lines of a book's pages that hold the page number and a running head, set
    apart by spaces ("8          AUGUST STRINDBERG", "DET RÖDA RUMMET          9"):
    line index -> (number, running head), if they stand alone and their numbers run on."""
    cands: dict[int, tuple[str, str]] = {}
    # (the lines with two spaces in them, found in C: a few at most in running text)
    for i in compress(count(), map(str.__contains__, map(TEXT, lines), repeat("  "))):
        ln = lines[i]
        m = _NUMBERED_HEAD.match(ln.text)
        if m is None or not (i == 0 or not lines[i - 1].text or ln.page is not None):
            continue
        head = (m.group("ta") or m.group("tb")).strip()
        if head[-1:] not in SENTENCE_END_CHARS and any(ch.isalpha() for ch in head):
            cands[i] = (m.group("a") or m.group("b"), head)
    if len(cands) < 2:
        return {}
    nums = [int(n) for n, _ in cands.values()]
    rising = sum(1 for a, b in zip(nums, nums[1:], strict=False) if b == a + 1)
    return cands if rising >= 0.6 * (len(nums) - 1) else {}


def _running_heads(lines: list[Line]) -> set[str]:
    """Short lines that stand alone and recur at page-like intervals: the running heads.

    A line that merely repeats (a one-word reply in a novel) is not a head: the gaps between
    its occurrences must be long (≥ 20 lines) and regular (spread under a third of the mean).
    """
    texts = list(map(TEXT, lines))
    # the short lines that recur (counted in C), and where each stands
    recurring = {t for t, k in Counter(texts).items() if k >= 3 and t and len(t) <= 70
                 and t[-1] not in SENTENCE_END_CHARS}
    where: dict[str, list[int]] = {}
    for i in compress(count(), map(recurring.__contains__, texts)):
        where.setdefault(texts[i], []).append(i)
    heads = set()
    for text, idx in where.items():
        gaps = [b - a for a, b in zip(idx, idx[1:], strict=False)]
        mean = sum(gaps) / len(gaps)
        if mean < 20 or statistics.pstdev(gaps) > mean / 3:
            continue
        alone = sum(1 for i in idx
                    if (i == 0 or not lines[i - 1].text or lines[i - 1].page)
                    or (i + 1 < len(lines) and not lines[i + 1].text))
        if alone >= 0.8 * len(idx):
            heads.add(text)
    return heads


def _under_item(lines: list[Line], i: int, items: Items) -> bool:
    """Is line ``i`` a list item, or an indented line continuing the item above it?"""
    j = i
    while j >= 0 and lines[j].text:
        if lines[j].n in items:
            return True
        if j < i and lines[j].raw[:1] not in (" ", "\t"):
            return False
        j -= 1
    return False


def _indented_page_starts(lines: list[Line], items: Items, width: int) -> list[int]:
    """Lines starting with a space that mark page starts (see the module docstring)."""
    content = len(lines) - list(map(TEXT, lines)).count("")
    indented = [i for i in set_in(lines) if lines[i].text and not _under_item(lines, i, items)]
    if not indented or len(indented) > max(1, 0.1 * content):
        return []
    continues = 0
    for i in indented:
        prev = lines[i - 1] if i > 0 else None
        if (prev is not None and prev.text and len(prev.text) >= 0.75 * width
                and prev.text[-1] not in SENTENCE_END_CHARS):
            continues += 1
    return indented if continues else []


def _line_rules(lines: list[Line], items: Items, form_feeds: bool) -> tuple[int, str]:
    """The page signals of a short text, where too few pages show for a page model (two
    numbers, a lone number set to the right, a running head without numbers): each read on
    its own. Returns the number of pages and the signals used."""
    signals = ["form feed"] if form_feeds else []
    numbered_heads = _numbered_heads(lines)
    width = typical_width(lines)
    numbers = _page_number_lines(lines, width)
    heads = _running_heads(lines)
    indented = [] if numbers or signals or numbered_heads else _indented_page_starts(
        lines, items, width)
    if numbered_heads:
        signals.append("page numbers in running heads")
    if numbers:
        signals.append("page numbers")
    if heads:
        signals.append("running heads")
    if indented:
        signals.append("indented first line")

    drop: set[int] = set(numbered_heads)
    for i, (n, head) in numbered_heads.items():  # each heads the page it stands on
        j = i + 1
        while j < len(lines) and (not lines[j].text or j in numbered_heads):
            j += 1
        if j < len(lines):
            lines[j].page = PageStart(n, lines[j].n, running_head=head)
    # page numbers: header style when the first one stands before any text, else footer style
    if numbers:
        # footer style: the first number is 1, or a form feed follows the numbers; header
        # style: the numbers stand before their page's text
        first_text = next((i for i, ln in enumerate(lines) if ln.text), 0)
        first_num = int(_PAGE_NUMBER.match(lines[numbers[0]].text).group(1))  # type: ignore[union-attr]
        after = next((ln for ln in lines[numbers[0] + 1:] if ln.text or ln.furniture), None)
        header_style = numbers[0] <= first_text or not (
            first_num == 1 or (after is not None and after.page is not None)
            or len(numbers) == 1)  # a lone number after text ends its page (a footer)
        for i in numbers:
            num = int(_PAGE_NUMBER.match(lines[i].text).group(1))  # type: ignore[union-attr]
            target = i + 1 if header_style else i + 1
            n = str(num if header_style else num + 1)
            drop.add(i)
            j = target
            while j < len(lines) and (not lines[j].text or j in drop):
                j += 1
            if j < len(lines):
                lines[j].page = PageStart(n, lines[j].n)
        if not header_style:
            first_num = int(_PAGE_NUMBER.match(lines[numbers[0]].text).group(1))  # type: ignore[union-attr]
            k = next((i for i, ln in enumerate(lines) if ln.text and i not in drop), None)
            if k is not None and lines[k].page is None:
                lines[k].page = PageStart(str(first_num), lines[k].n)
    for i in indented:
        lines[i].page = PageStart("", lines[i].n)
    if heads:
        pending_head: str | None = None
        for i, ln in enumerate(lines):
            if ln.text in heads:
                drop.add(i)
                pending_head = ln.text
                continue
            if pending_head is not None and ln.text:
                if ln.page is None:
                    ln.page = PageStart("", ln.n)
                ln.page.running_head = pending_head
                pending_head = None

    for i in drop:  # page furniture: its content lives on in pb/@n and fw
        lines[i].text = ""
        lines[i].furniture = True
    return _number_pages(lines), ", ".join(signals) or "none"


def _number_pages(lines: list[Line]) -> int:
    """Give the pages without a printed number the number their place implies; returns
    the number of pages."""
    starts = [ln for ln in lines if ln.page is not None]
    if not starts:
        return 0
    first = next((ln for ln in lines if ln.text), None)
    if first is not None and first.page is None:
        first.page = PageStart("", first.n)
        starts.insert(0, first)
    # a page without a number counts on from the numbered page before it, or back from the
    # one after it where none is before it ("- 12 -" heading its page follows page 11, not
    # page 1) or where front matter numbered in roman figures ends before it
    labelled = [k for k, ln in enumerate(starts) if ln.page.n]  # type: ignore[union-attr]
    if not labelled:
        for k, ln in enumerate(starts, 1):
            ln.page.n = str(k)  # type: ignore[union-attr]
        return len(starts)
    for k, ln in enumerate(starts):
        if ln.page.n:  # type: ignore[union-attr]
            continue
        at = bisect.bisect_left(labelled, k)
        prev = starts[labelled[at - 1]].page.n if at else None  # type: ignore[union-attr]
        nxt = starts[labelled[at]].page.n if at < len(labelled) else None  # type: ignore[union-attr]
        if prev is None or (nxt is not None and _is_roman(prev) and not _is_roman(nxt)):
            ln.page.n = _page_label(nxt, k - labelled[at])  # type: ignore[arg-type,union-attr]
        else:
            ln.page.n = _page_label(prev, k - labelled[at - 1])  # type: ignore[union-attr]
    return len(starts)


# -- the page model: furniture is what recurs with the page period ---------------------------

#: A number at either edge of a furniture line, the rest a running head ("14 TITLE", "TITLE
#: 15", "2          AUGUST STRINDBERG"): the head has a letter and no more than 70 characters.
_EDGE_NUMBER = re.compile(r"^(?:(?P<a>\d{1,4})\s+(?P<ta>\S.{0,70}?)"
                          r"|(?P<tb>\S.{0,70}?)\s+(?P<b>\d{1,4}))$")
#: poppler sets a page number against the word broken at the page end ("luf13" … "ten"):
#: figures right after a letter or a hyphen at the end of the line, or before a letter at
#: the start of the line on the next page.
_GLUED_END = re.compile(r"(?<=[^\W\d_]|-)(?P<n>\d{1,4})$")
_GLUED_START = re.compile(r"^(?P<n>\d{1,4})(?=[^\W\d_])")
_KEY_DROP = re.compile(r"[\W\d_]+")
#: Front matter is numbered in small roman figures (i, ii, …, xlix at most here).
_ROMAN = re.compile(r"^[ivxlc]{1,7}$")
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


def _is_roman(label: str) -> bool:
    return bool(label) and not label.isdecimal()


def _page_label(label: str, offset: int) -> str:
    """The label ``offset`` pages after (or before) the page labelled ``label``."""
    if _is_roman(label):
        value = (roman_value(label) or 1) + offset
        return to_roman(value) if value >= 1 else "1"
    return str(max(1, int(label) + offset))
MAX_HEAD = 70  # characters of a running head, at most


@dataclass(slots=True)
class Candidate:
    """A line that may be page furniture: ``i`` its index, ``value`` the page number on it,
    ``head`` the running head it shows (``key`` its letters, case-folded, for comparing)."""

    i: int
    value: int | None
    head: str | None
    key: str | None
    page: int  # form-feed page index (0 where there are no form feeds)
    glued: str = ""  # "end" / "start" where the number is set against a word
    roman: bool = False  # a small roman figure (front matter)


@dataclass(slots=True)
class PageModel:
    """What the whole document shows of its pages: which lines are furniture (by source
    line number), where the numbers stand, which strings are running heads."""

    form_feeds: bool = False
    numbers: str = ""  # "head" or "foot" (page numbers); "" where the pages bear none
    period: float = 0.0  # lines per page (median)
    heads: dict[str, str] = field(default_factory=dict)  # key -> "verso", "recto" or ""
    head_position: str = ""  # "head" or "foot"
    members: dict[int, int] = field(default_factory=dict)  # line n -> printed page number
    furniture: dict[int, str | None] = field(default_factory=dict)  # line n -> head it shows
    glued: dict[int, tuple[str, int]] = field(default_factory=dict)  # line n -> (side, num)
    unnumbered: set[int] = field(default_factory=set)  # line n: a page without a number
    roman: set[int] = field(default_factory=set)  # line n: members in roman figures
    chapter_heads: bool = False  # running heads that repeat the chapter's heading

    def describe(self, pages: int) -> str:
        """The report's words: "page numbers at the foot, running head at the top (verso:
        AUTHOR, recto: TITLE), 212 pages"."""
        parts = []
        if self.numbers:
            parts.append(f"page numbers at the {'top' if self.numbers == 'head' else 'foot'}")
        if self.heads:
            where = "top" if self.head_position != "foot" else "foot"
            sides = {side: k for k, side in self.heads.items() if side}
            kind = f" (verso: {sides['verso']}, recto: {sides['recto']})" if len(sides) == 2 \
                else ""
            parts.append(f"running head{'s' if len(self.heads) > 1 else ''} at the {where}"
                         f"{kind}")
        if self.chapter_heads:
            parts.append("chapter titles as running heads")
        if self.form_feeds:
            parts.append("form feeds")
        return ", ".join(parts + [f"{pages} pages"])


def letters_key(text: str) -> str:
    """A line's letters, case-folded, the rest one space (``"- 12 - LA FIN"``: ``"la fin"``):
    running heads compared, a contents line and its heading compared (``layout``)."""
    return _KEY_DROP.sub(" ", text).strip().casefold()


def candidate(i: int, text: str, page: int = 0, heads: bool = True) -> Candidate | None:
    """The furniture a line may be, from the line alone (cheap tests first: this runs on
    every line, and most are text too long to be furniture); with ``heads`` false only a
    line with a page number on it (``learn``'s first look: the heads are read on demand)."""
    if not text:
        return None
    first, last = text[0], text[-1]
    if len(text) <= 7 and first in "ivxlc" and _ROMAN.match(text) and (
            value := roman_value(text)) is not None:
        return Candidate(i, value, None, None, page, roman=True)
    if first.isdecimal() or last.isdecimal():
        if len(text) > 160:
            return None
        m = _PAGE_NUMBER.match(text)
        if m:
            return Candidate(i, int(m.group(1)), None, None, page)
        flat = " ".join(text.split())
        m = _EDGE_NUMBER.match(flat) if len(flat) <= MAX_HEAD + 6 else None
        if m:
            head = (m.group("ta") or m.group("tb")).strip()
            if HAS_LETTER.search(head):
                return Candidate(i, int(m.group("a") or m.group("b")), head,
                                 letters_key(head), page)
        m = _GLUED_END.search(text) if last.isdecimal() else None
        if m:
            return Candidate(i, int(m.group("n")), None, None, page, glued="end")
        m = _GLUED_START.match(text) if first.isdecimal() else None
        if m:
            return Candidate(i, int(m.group("n")), None, None, page, glued="start")
        return None
    if last in _NUMBER_CLOSE and (m := _PAGE_NUMBER.match(text)):  # "- 7 -", "(7)"
        return Candidate(i, int(m.group(1)), None, None, page)
    if not heads or len(text) > MAX_HEAD and "  " not in text:
        return None
    flat = " ".join(text.split())
    if len(flat) <= MAX_HEAD and HAS_LETTER.search(flat):
        return Candidate(i, None, flat, letters_key(flat), page)
    return None


def _period(nums: list[Candidate]) -> float:
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


def _chain(nums: list[Candidate], period: float, form_feeds: bool) -> list[Candidate]:
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


def _edges(lines: list[Line], depth: int = 2) -> set[int]:
    """Indices of the first and last ``depth`` text lines of each form-feed page."""
    out: set[int] = set()
    page: list[int] = []
    for i, ln in enumerate(lines):
        if ln.page is not None and page:
            out.update(page[:depth] + page[-depth:])
            page = []
        if ln.text:
            page.append(i)
    out.update(page[:depth] + page[-depth:])
    return out


def _near(lines: list[Line], i: int, reach: int = 2) -> list[int]:
    """The text lines next to line ``i``: up to ``reach`` on each side, across blank lines
    (at most three of them in a row) and form feeds (a footer and the next page's header
    stand together)."""
    out = []
    for step in (-1, 1):
        j, found, blanks = i, 0, 0
        while found < reach:
            j += step
            if not 0 <= j < len(lines):
                break
            if not lines[j].text:
                # (where a margin's numbers were taken out, the blanks between them part
                # nothing)
                blanks = 0 if lines[j].furniture else blanks + 1
                if blanks > 3:
                    break
                continue
            out.append(j)
            found += 1
    return out


def learn(lines: list[Line]) -> PageModel | None:
    """The page model of a whole text, or None where too few pages show one (then the
    line-local rules of ``_line_rules`` read what there is).

    It needs only the candidate lines (``candidate``: a few per page) and, for form feeds,
    which page each is on; a streaming encoder gathers them chunk by chunk, learns once, and
    runs ``apply`` on each chunk.
    """
    form_feeds = any(ln.page is not None for ln in lines)
    page_of = 0
    cands: list[Candidate] = []  # the lines with a number at an edge (the rest on demand)
    for i, ln in enumerate(lines):
        if ln.page is not None:
            page_of += 1
        if (c := candidate(i, ln.text, page_of, heads=False)) is not None:
            cands.append(c)
    edges = _edges(lines) if form_feeds else None
    nums = [c for c in cands if c.value is not None and not c.glued and not c.roman
            and (edges is None or c.i in edges)]
    numbers_at = {c.i: c for c in nums}
    period = _period(nums)
    chain = _chain(nums, period, form_feeds)
    # a book sets its page numbers one way: where bare numbers make most of the run, a
    # member with words beside it is a heading that ends in a figure ("Chapitre 2")
    if chain and sum(1 for c in chain if c.key) * 3 < len(chain) and any(c.key for c in chain):
        nums = [c for c in nums if not c.key]
        period = _period(nums)
        chain = _chain(nums, period, form_feeds)
    # a page holds text (where form feeds part the pages, a foot number and the next page's
    # head number may stand together)
    if len(chain) < 3 or (not form_feeds and period < MIN_PAGE_LINES) or not (form_feeds or all(
            any(HAS_LETTER.search(ln.text) for ln in lines[a.i + 1:b.i])
            for a, b in zip(chain, chain[1:], strict=False))):
        chain = []
    model = PageModel(form_feeds=form_feeds, period=period)
    # running heads: strings that recur beside the numbers, or at the edges of form-feed pages
    # (shorter than a full line of text: a line of text that recurs is not a head)
    short: list[float] = []  # 0.8 of the typical width, measured when a head is first asked
    heads_at: dict[int, Candidate | None] = {}

    def head_at(i: int) -> Candidate | None:
        """The running head line ``i`` may be (short, with a letter), read on demand: only
        the lines beside the numbers and at page edges are asked."""
        if i not in heads_at:
            if not short:  # (a text with no numbers nor form feeds never asks: no width)
                short.append(0.8 * typical_width(lines))
            c = candidate(i, lines[i].text)
            heads_at[i] = c if c is not None and c.key and len(c.head) < short[0] else None  # type: ignore[arg-type]
        return heads_at[i]

    near: list[Candidate] = []
    if chain:
        for c in chain:
            if c.key:
                near.append(c)
            near.extend(h for j in _near(lines, c.i, 1) if (h := head_at(j)) is not None
                        and h.value is None)
    elif form_feeds:
        near = [h for j in sorted(edges or ()) if (h := head_at(j)) is not None]
    counts: dict[str, list[Candidate]] = {}
    for c in near:
        counts.setdefault(c.key, []).append(c)  # type: ignore[arg-type]
    pages = len(chain) or page_of + 1
    heads = {k: cs for k, cs in counts.items() if len({c.i for c in cs}) >= (
        2 if cs[0].head[-1:] not in SENTENCE_END_CHARS else max(3, 0.2 * pages))}  # type: ignore[index]
    if not chain and not heads:
        return None
    model.heads = {k: "" for k in heads}
    # numbers at the top or the foot: beside a form feed, the side they stand on; else what
    # the lines around them and the running heads beside them tell (_number_side)
    if chain:
        if form_feeds:
            top = {c.i for c in chain if _first_on_page(lines, c.i)}
            model.numbers = "head" if 2 * len(top) >= len(chain) else "foot"
            if model.numbers == "foot" and top:  # a number at the top is something else
                chain = [c for c in chain if c.i not in top]
        else:
            head_lines = {c.i for cs in heads.values() for c in cs}
            # (front matter in roman figures before the numbers is not the first page)
            front = max((c.i for c in cands if c.roman and c.i < chain[0].i), default=-1)
            model.numbers = _number_side(lines, chain, head_lines, front + 1)
        model.members = {lines[c.i].n: c.value for c in chain}  # type: ignore[misc]
        _front_matter(lines, cands, chain, heads, head_at, model, edges)
        # a number glued to a word where the chain misses it
        glued = [c for c in cands if c.glued]
        have = {c.value for c in chain}
        for g in glued:
            prev = max((c for c in chain if c.i < g.i), key=lambda c: c.i, default=None)
            nxt = min((c for c in chain if c.i > g.i), key=lambda c: c.i, default=None)
            want = (prev.value + 1 if prev else None, nxt.value - 1 if nxt else None)  # type: ignore[operator]
            if g.value in want and g.value not in have and (prev or nxt) and \
                    lines[g.i + 1:][:4] and _glued_fits(lines, g, period, prev, nxt):
                model.glued[lines[g.i].n] = (g.glued, g.value)  # type: ignore[assignment]
                have.add(g.value)
    # a second number beside most page numbers, never going down: a section's number set as
    # the running head (the page number at the foot, the chapter's at the top)
    if chain:
        member = {c.i for c in chain}
        if form_feeds:  # on the other edge of the pages (not the first: it opens the text)
            other = (lambda i: _first_on_page(lines, i)) if model.numbers == "foot" else (
                lambda i: not _first_on_page(lines, i))
            second = sorted(j for j, c in numbers_at.items() if j not in member and c.page
                            and not c.key and other(j))
            # (or on the page number's own edge, beside it: "11   3" split in two lines)
            second = sorted({*second, *(j for c in chain for j in _near(lines, c.i, 1)
                                        if j not in member and j in numbers_at
                                        and not numbers_at[j].key
                                        and numbers_at[j].page == c.page)})
        else:
            second = sorted({j for c in chain for j in _near(lines, c.i, 1) if j not in member
                             and j in numbers_at and not numbers_at[j].key})
        values = [numbers_at[j].value for j in second]
        steps = [b - a for a, b in zip(values, values[1:], strict=False)]  # type: ignore[operator]
        # (it repeats from page to page; a chapter's number at the top of its first page
        # does not, and stays a heading: so does the first of a run of one number, where it
        # opens a chapter, as the chapter's own heading does when its number is the
        # running head of the pages after)
        # (or each of its numbers stood alone on a line before: a chapter's number, its
        # heading first, then beside the page numbers of its pages)
        first_bare: dict[int, int] = {}
        for c in cands:
            if c.value is not None and not c.key and not c.glued and not c.roman:
                first_bare.setdefault(c.value, c.i)
        if len(second) >= max(2, 0.3 * len(chain)) and steps and (min(steps) == 0 or all(
                first_bare.get(v, j) < j for j, v in zip(second, values, strict=True))):
            # (and its numbers where no page number stands beside them, the page after an
            # unnumbered one: each number's repeats, its first occurrence being the
            # chapter's heading unless it stands beside a page number)
            series = set(values)
            alone = sorted(j for j, c in numbers_at.items() if j not in member and not c.key
                           and c.value in series)
            firsts = {numbers_at[j].value: j for j in reversed(alone)}
            second = sorted({*second, *(j for j in alone
                                        if firsts[numbers_at[j].value] != j)})
            values = [numbers_at[j].value for j in second]
            skip = set(member) | set(second)
            for k, j in enumerate(second):
                if (k == 0 or values[k] != values[k - 1]) and _opens_chapter(lines, j, skip):
                    continue
                model.furniture[lines[j].n] = lines[j].text
    # running heads that repeat the chapter's own heading (its title, "CHAPTER VII"): a
    # string beside the numbers or at the page edges whose every occurrence but the first
    # (the heading) stands there
    places = {j for c in chain for j in _near(lines, c.i, 1)}
    if form_feeds:
        places |= _edges(lines, 1)
    # (where the numbers stand at the foot, a head also tops the page after an unnumbered
    # one: about a period before the next number, none beside it; the short lines there)
    tops: set[int] = set()
    if model.numbers == "foot" and period and not form_feeds:
        for c in chain:
            tops.update(j for j in range(max(0, int(c.i - 1.2 * period)),
                                         max(0, int(c.i - 0.8 * period) + 1))
                        if 0 < len(lines[j].text) <= MAX_HEAD)
    chapter, chapter_keys = _chapter_heads(lines, places, head_at, tops)
    for j, head in chapter.items():
        model.furniture[lines[j].n] = head
    heads = {k: cs for k, cs in heads.items() if k not in chapter_keys}
    if chapter_keys:
        model.heads = {k: "" for k in heads}
        model.chapter_heads = True
    # which head lines are furniture: those found beside the numbers or at page edges
    for cs in heads.values():
        for c in cs:
            model.furniture[lines[c.i].n] = c.head
    for c in chain:
        model.furniture.setdefault(lines[c.i].n, c.head)
    # verso and recto: two heads that take turns
    if len(heads) == 2:
        (k1, c1), (k2, c2) = heads.items()
        v1 = [c.value if c.value is not None else _page_value(c, chain) for c in c1]
        par1 = {v % 2 for v in v1 if v is not None}
        if len(par1) == 1:
            even = k1 if par1 == {0} else k2
            model.heads = {k1: "", k2: ""}
            model.heads[even] = "verso"
            model.heads[k2 if even == k1 else k1] = "recto"
            model.heads = {(c1[0].head if k == k1 else c2[0].head): side  # type: ignore[misc]
                           for k, side in model.heads.items()}
    if model.heads and all(side == "" for side in model.heads.values()):
        model.heads = {cs[0].head: "" for cs in heads.values()}  # type: ignore[misc]
    tops = sum(1 for cs in heads.values() for c in cs if _head_on_top(lines, c, chain, model))
    model.head_position = "head" if 2 * tops >= sum(map(len, heads.values())) else "foot"
    if chain and not form_feeds:
        model.unnumbered = _unnumbered_pages(lines, chain, model)
    return model


def _text_line(lines: list[Line], i: int, step: int, skip: set[int]) -> str:
    """The first text line from ``i`` on (``step`` 1) or back (-1), passing over blank
    lines and the lines ``skip`` names (page numbers); "" where there is none."""
    i += step
    while 0 <= i < len(lines):
        if lines[i].text and i not in skip:
            return lines[i].text
        i += step
    return ""


def _opens_chapter(lines: list[Line], i: int, skip: set[int]) -> bool:
    """Does the number on line ``i`` open a chapter (its heading, not a running head)? The
    text before it ends a sentence, the text after it begins one (a capital, a dash, a
    quotation mark), and is no heading of its own (``CHAPTER 12`` under a running head
    ``12``)."""
    before = _text_line(lines, i, -1, skip)
    after = _text_line(lines, i, 1, skip)
    return bool(after) and (not before or before[-1:] in SENTENCE_END_CHARS
                            or before.rstrip(_CLOSERS)[-1:] in SENTENCE_END_CHARS) \
        and not after[:1].islower() and not division(after)


def _chapter_heads(lines: list[Line], places: set[int], head_at,  # noqa: ANN001
                   tops: set[int] | None = None) -> tuple[dict[int, str], set[str]]:
    """Running heads that repeat their chapter's heading ("CHAPTER VII" on each page of
    chapter VII): line index -> head for each occurrence but the heading itself (most of
    them at a page edge, ``places``), and the keys of those heads. They are the strings
    seen at page edges whose spans (first to last occurrence in the text) do not overlap,
    two at least (or, ``tops``, lines that may top a page after an unnumbered one, where
    they name a division): a book's title or author recurs over the whole book, a chapter's title
    over its chapter only, one after the other. The heading is a string's first
    occurrence (its second where the two stand together: a head over the chapter's opening
    page). A string that ends a sentence ("Nein!") is a head only where it names a division
    ("Tjugufjerde Kapitlet.")."""
    keys: set[str] = set()
    for j in places:
        h = head_at(j)
        if h is not None and h.value is None and (
                h.head[-1:] not in SENTENCE_END_CHARS or division(h.head)):
            keys.add(h.key)
    for j in tops or ():  # (a division's name only: a short line there may be text)
        if division(lines[j].text) and (h := head_at(j)) is not None and h.value is None:
            keys.add(h.key)
    if len(keys) < 2:
        return {}, set()
    firsts = {k[:1] for k in keys}
    where: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        t = ln.text
        if t and len(t) <= MAX_HEAD + 6 and (t[0].casefold() in firsts or not t[0].isalpha()) \
                and (k := letters_key(t)) in keys:
            where.setdefault(k, []).append(i)
    # the most strings whose spans do not overlap (the earliest-ending first)
    chosen: list[str] = []
    end = -1
    for k, occ in sorted(where.items(), key=lambda kv: kv[1][-1]):
        if len(occ) >= 2 and occ[0] > end:
            chosen.append(k)
            end = occ[-1]
    if len(chosen) < 2:
        return {}, set()
    out: dict[int, str] = {}
    for k in chosen:
        occ = where[k]
        heading = occ[1] if occ[1] - occ[0] <= 3 else occ[0]
        rest = [i for i in occ if i != heading]
        # (most at a page edge; the rest, where no number or form feed marks the edge,
        # head the page after an unnumbered one: a chapter's second page)
        if 2 * sum(1 for i in rest if i in places or tops and i in tops) >= len(rest):
            out.update((i, " ".join(lines[i].text.split())) for i in rest)
    return out, set(chosen)


def _unnumbered_pages(lines: list[Line], chain: list[Candidate], model: PageModel) -> set[int]:
    """Where a page that prints no number begins (a chapter's first page), without form
    feeds, in a span of text a page or more longer than the period between two page starts:
    at a division's name (``I``, ``CHAPTER XII``) about a page before the next start, where
    the numbers head their pages (a book whose chapters open pages sets none there, so the
    next number opens the page after it); else, where blank lines are rare
    (they part nothing else), at the blank line the extractor left at a page end, about a
    period after the last start."""
    period = model.period
    if not period:
        return set()
    blank = [not ln.text for ln in lines]
    blank_ends = sum(blank) <= 0.1 * len(lines)
    furniture = {i for i, ln in enumerate(lines) if ln.n in model.furniture}
    # each known page start: the first text line after a number (and its heads)
    starts = [0]
    for c in chain:
        j = c.i + 1
        while j < len(lines) and (blank[j] or j in furniture):
            j += 1
        starts.append(j)
    if model.numbers == "foot":  # a running head with no number beside it tops its page
        members = {c.i for c in chain}
        for i in sorted(furniture - members):
            if model.furniture.get(lines[i].n) and not any(
                    abs(i - m) <= 2 for m in members):
                starts.append(i + 1)
        starts.sort()
    starts.append(len(lines))
    out: set[int] = set()
    for a, b in zip(starts, starts[1:], strict=False):
        # the page before a numbered one is full or nearly (a chapter's first page has
        # room above its head); the one after a start may end short (a chapter's end)
        # (``period`` is a full page: more than one between two starts is a page unseen)
        while b - a > 1.05 * period:
            heads = [j for j in range(max(a + 1, int(b - 1.3 * period)), int(b - 0.4 * period))
                     if not blank[j] and j not in furniture and len(lines[j].text) <= 60
                     and division(lines[j].text)] if model.numbers == "head" else []
            if heads:
                b = heads[-1]
                out.add(lines[b].n)
                continue
            if not blank_ends:
                break
            # (the page that ends at b may be a chapter's last, and short; the one before it
            # holds a third of a page at least)
            want = b - period
            near = [j + 1 for j in range(max(a + int(0.3 * period), int(b - 1.3 * period)),
                                         int(b - 0.3 * period))
                    if blank[j] and not blank[j + 1] and j + 1 not in furniture
                    and not blank[j - 1]]
            if not near:
                break
            b = min(near, key=lambda j: abs(j - want))
            out.add(lines[b].n)
    return out


def _front_matter(lines: list[Line], cands: list[Candidate], chain: list[Candidate],
                  heads: dict, head_at, model: PageModel,  # noqa: ANN001
                  edges: set[int] | None) -> None:
    """Front matter numbered in small roman figures before the first page number: a run of
    them that goes up with the pages (two at least, or one beside a running head of the
    book), where the page numbers stand."""
    romans = [c for c in cands if c.roman and c.i < chain[0].i and (edges is None or c.i in edges)]
    run = _chain(romans, model.period, model.form_feeds)
    beside = {j: h for c in run for j in _near(lines, c.i, 1)
              if (h := head_at(j)) is not None and h.key in heads}
    if not run or (len(run) < 2 and not beside):
        return
    for c in run:
        model.members[lines[c.i].n] = c.value  # type: ignore[assignment]
        model.roman.add(lines[c.i].n)
        model.furniture.setdefault(lines[c.i].n, None)
    for j, h in beside.items():
        model.furniture[lines[j].n] = h.head


def _number_side(lines: list[Line], chain: list[Candidate], head_lines: set[int],
                 start: int = 0) -> str:
    """Head or foot, without form feeds. Extractors set a blank line where a page ends, so
    a number that holds on to the text after it (none between) heads its page, one that
    holds on to the text before it ends its page (but a text that ends with a number ends
    with a footer). Where the numbers stand alone, the running heads tell: heads stand at
    the top of the page, so a number that follows its head (on the same line or the next)
    is at the top too; a number always followed by the head ends the page before the
    head's. Else: footer numbers leave a page more text before the first of them than after
    the last (the first numbered page is before it)."""
    def text(i: int) -> bool:
        return 0 <= i < len(lines) and bool(lines[i].text)

    after = sum(1 for ln in lines[chain[-1].i + 1:] if ln.text)
    if not after:  # the text ends with a number: a header number would have text after it
        return "foot"
    head = sum(1 for c in chain if not text(c.i - 1) and text(c.i + 1))
    foot = sum(1 for c in chain if text(c.i - 1) and not text(c.i + 1))
    if min(head, foot) == 0 < max(head, foot) or (
            max(head, foot) >= 2 and max(head, foot) >= 2 * min(head, foot)):
        return "head" if head > foot else "foot"
    if _alternating(lines, chain):
        return "head"
    same_line = sum(1 for c in chain if c.key)
    head_first = number_first = 0
    for c in chain:
        near = [j for j in _near(lines, c.i, 1) if j in head_lines]
        head_first += any(j < c.i for j in near)
        number_first += any(j > c.i for j in near)
    if head_first + same_line >= max(1, 0.3 * len(chain)):
        return "head"
    if number_first >= 2:
        return "foot"
    before = sum(1 for ln in lines[start:chain[0].i] if ln.text)
    period = _period(chain)
    return "foot" if before >= after + period else "head"


def _alternating(lines: list[Line], chain: list[Candidate]) -> bool:
    """Do the numbers stand before a short line on even pages and after one on odd pages
    (or the other way round)? Then number and head share a line at the top, the number on
    the outer side ("4   TITLE" on versos, "CHAPTER 5   3" on rectos), which the extractor
    split in two: a footer number and the next page's head would keep one order."""
    width = typical_width(lines)

    def head(j: int) -> bool:
        t = lines[j].text
        return len(t) < 0.6 * width and bool(HAS_LETTER.search(t)) and (
            t[-1:] not in SENTENCE_END_CHARS or bool(division(t)))  # ("IX." over its chapter)

    votes: dict[int, list[int]] = {0: [0, 0], 1: [0, 0]}  # parity -> [head before, after]
    for c in chain:
        near = _near(lines, c.i, 1)
        before = any(head(j) for j in near if j < c.i)
        after = any(head(j) for j in near if j > c.i)
        if before != after:
            votes[c.value % 2][0 if before else 1] += 1  # type: ignore[operator]
    even, odd = votes[0], votes[1]
    return (min(even[0], odd[1]) >= 2 and even[1] + odd[0] <= 1) or (
        min(even[1], odd[0]) >= 2 and even[0] + odd[1] <= 1)


def _first_on_page(lines: list[Line], i: int) -> bool:
    """Is line ``i`` among the first two text lines of its form-feed page?"""
    seen = 0
    for j in range(i, -1, -1):
        if j != i and lines[j].text:
            seen += 1
        if lines[j].page is not None:
            return seen <= 1
        if seen > 1:
            return False
    return True


def _page_value(c: Candidate, chain: list[Candidate]) -> int | None:
    """The page number of the chain member nearest to ``c`` (the page the head is on)."""
    if not chain:
        return None
    near = min(chain, key=lambda m: abs(m.i - c.i))
    return near.value if abs(near.i - c.i) <= 8 else None


def _head_on_top(lines: list[Line], c: Candidate, chain: list[Candidate],
                 model: PageModel) -> bool:
    if model.form_feeds:
        return _first_on_page(lines, c.i)
    near = [m for m in chain if abs(m.i - c.i) <= 8]
    if not near or not model.numbers:
        return True
    m = near[0]
    if m.i == c.i:
        return model.numbers == "head"
    # after a footer number, or with a header number, the head tops the next page
    return model.numbers == "head" or c.i > m.i


def _glued_fits(lines: list[Line], g: Candidate, period: float, prev: Candidate | None,
                nxt: Candidate | None) -> bool:
    """A number glued to a word stands where a page ends: about a page from its neighbours
    in the chain, and the word goes on on the next text line (in lower case)."""
    for other in (prev, nxt):
        if other is not None and period and not 0.5 * period <= abs(g.i - other.i) <= \
                1.8 * period + 5:
            return False
    if g.glued == "end":
        after = next((ln.text for ln in lines[g.i + 1:g.i + 5] if ln.text), "")
        return after[:1].islower() or not after
    return True


def apply(model: PageModel, lines: list[Line]) -> int:
    """Mark where pages begin (``Line.page``) and empty the furniture lines, as ``model``
    says; returns the number of pages. A header number names the page it opens, a footer
    number the page it closes. It reads each line once and carries only the page it is
    about to open and the one it is on, so a chunked encoder can run it chunk by chunk."""
    pending: PageStart | None = None
    current: PageStart | None = None  # the page the lines are on
    foot = model.numbers == "foot"
    for ln in lines:
        if ln.page is not None:  # a form feed: the page begins here, whatever it shows
            pending = pending or PageStart("", ln.n)
            ln.page = None
        n = ln.n
        if n in model.members or n in model.furniture:
            value = model.members.get(n)
            head = model.furniture.get(n)
            label = (to_roman if n in model.roman else str)(value) if value is not None else ""
            if value is not None and foot and current is not None and pending is None:
                # the page this footer closes, unless more than a page lies between them (a
                # page without a number and without a form feed began unseen)
                if not model.period or n - current.source_line <= 1.6 * model.period:
                    current.n = label
                    pending = PageStart("", n)
                else:
                    pending = PageStart(_page_label(label, 1), n)
            if pending is None:
                pending = PageStart("", n)
            if value is not None and not foot:
                pending.n = label
            if head:
                pending.running_head = pending.running_head or head
            ln.text = ""
            ln.furniture = True
            continue
        if n in model.glued:
            side, value = model.glued[n]
            digits = str(value)
            if side == "end":  # the page ends with this line: the next text line begins one
                ln.text = ln.text[:-len(digits)]
                if ln.text[-1:].isalpha():
                    ln.text += "-"  # poppler took the hyphen: the word goes on
                    ln.soft_hyphen = True
                if foot and current is not None:
                    current.n = str(value)
                pending = PageStart("" if foot else str(value), n)
                continue
            ln.text = ln.text[len(digits):]
            pending = PageStart(str(value), n)
        if n in model.unnumbered and ln.text and pending is None:
            pending = PageStart("", n)
        if ln.text and (pending is not None or current is None):
            pending = pending or PageStart("", n)
            ln.page = current = PageStart(pending.n, n, pending.running_head)
            pending = None
    return _number_pages(lines)


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


def find_pages(lines: list[Line], items: Items) -> tuple[list[Line], int, str]:
    """Mark page starts on the lines and drop the lines that only carried page furniture.

    Returns the lines, the number of pages and what showed them (for the report).
    """
    form_feeds = bool(_mark_form_feeds(lines))
    margin = ", line numbers in the margin" if drop_margin_numbers(lines) else ""
    model = learn(lines)
    if model is None:
        pages, signal = _line_rules(lines, items, form_feeds)
        return lines, pages, signal + margin if pages else (margin[2:] or "none")
    pages = apply(model, lines)
    return lines, pages, model.describe(pages) + margin
