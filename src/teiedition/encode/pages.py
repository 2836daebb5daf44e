"""Lines → pages: where the source's pages begin, and the page furniture to keep out of the text.

Text extracted from a PDF keeps the page layout as tell-tale lines. We read four signals of a
new page: a form feed; a bare page number (header or footer); a running head repeated on many
pages; and, in extractions that mark nothing else, a line that starts with a space where the
text otherwise has no indentation and at least one such line continues a sentence (so it
cannot be a paragraph indent).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .lines import HAS_LETTER, SENTENCE_END_CHARS, TEXT, Items, Line, indent, typical_width

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:sida|sid\.|s\.|page|p\.|seite|s\.)\s*)?(\d{1,4})(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)


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
        (c := t[-1]) in "-–—" or c.isdecimal() or c.isspace()) and _PAGE_NUMBER.match(t)
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
    return cands if rising >= 0.6 * (len(nums) - 1) else []


_NUMBERED_HEAD = re.compile(r"^(?:(?P<a>\d{1,4})\s{2,}(?P<ta>\S.{0,70}?)"
                            r"|(?P<tb>\S.{0,70}?)\s{2,}(?P<b>\d{1,4}))$")


def _numbered_heads(lines: list[Line]) -> dict[int, tuple[str, str]]:
    """Head lines of a book's pages that hold the page number and a running head, set
    apart by spaces ("8          AUGUST STRINDBERG", "DET RÖDA RUMMET          9"):
    line index -> (number, running head), if they stand alone and their numbers run on."""
    cands: dict[int, tuple[str, str]] = {}
    for i, ln in enumerate(lines):
        m = _NUMBERED_HEAD.match(ln.text) if "  " in ln.text else None
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
    where: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.text and len(ln.text) <= 70:
            where.setdefault(ln.text, []).append(i)
    heads = set()
    for text, idx in where.items():
        if len(idx) < 3 or text[-1] in SENTENCE_END_CHARS:
            continue
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
    indented = [i for i, ln in enumerate(lines) if ln.raw[:1] in (" ", "\t") and ln.text
                and not _under_item(lines, i, items)]
    if not indented or len(indented) > max(1, 0.1 * content):
        return []
    continues = 0
    for i in indented:
        prev = lines[i - 1] if i > 0 else None
        if (prev is not None and prev.text and len(prev.text) >= 0.75 * width
                and prev.text[-1] not in SENTENCE_END_CHARS):
            continues += 1
    return indented if continues else []


def find_pages(lines: list[Line], items: Items) -> tuple[list[Line], int, str]:
    """Mark page starts on the lines and drop the lines that only carried page furniture.

    Returns the remaining lines, the number of pages and the signal used.
    """
    signals = []
    if _mark_form_feeds(lines):
        signals.append("form feed")
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
    kept = lines
    starts = [ln for ln in kept if ln.page is not None]
    if not starts:
        return kept, 0, "none"
    first = next((ln for ln in kept if ln.text), None)
    if first is not None and first.page is None:
        first.page = PageStart("", first.n)
        starts.insert(0, first)
    # pages before the first numbered one count back from it ("- 12 -" heading its page
    # follows page 11, not page 1)
    first_n = next((int(ln.page.n) for ln in starts if ln.page and ln.page.n), 1)
    unnumbered_before = next((k for k, ln in enumerate(starts) if ln.page and ln.page.n), 0)
    counter = max(0, first_n - unnumbered_before - 1)
    for ln in starts:
        if ln.page and ln.page.n:
            counter = int(ln.page.n)
        else:
            counter += 1
            if ln.page is not None:
                ln.page.n = str(counter)
    return kept, len(starts), ", ".join(signals)
