"""The page signals of a short text, where too few pages show for a page model (two numbers, a
lone number set to the right, a running head without numbers, lines indented by a space in a
text without indentation): each read on its own."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from itertools import compress, count, repeat

from ..lines import HAS_LETTER, SENTENCE_END_CHARS, TEXT, Items, Line, indent, set_in, typical_width
from .numbers import MIN_PAGE_LINES, NUMBER_CLOSE, PAGE_NUMBER
from .place import PageStart, number_pages


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
        (c := t[-1]) in NUMBER_CLOSE or c.isdecimal() or c.isspace()) and PAGE_NUMBER.match(t)
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
    nums = [int(PAGE_NUMBER.match(lines[i].text).group(1)) for i in cands]  # type: ignore[union-attr]
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


def line_rules(lines: list[Line], items: Items, form_feeds: bool) -> tuple[int, str]:
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
        first_num = int(PAGE_NUMBER.match(lines[numbers[0]].text).group(1))  # type: ignore[union-attr]
        after = next((ln for ln in lines[numbers[0] + 1:] if ln.text or ln.furniture), None)
        header_style = numbers[0] <= first_text or not (
            first_num == 1 or (after is not None and after.page is not None)
            or len(numbers) == 1)  # a lone number after text ends its page (a footer)
        for i in numbers:
            num = int(PAGE_NUMBER.match(lines[i].text).group(1))  # type: ignore[union-attr]
            target = i + 1 if header_style else i + 1
            n = str(num if header_style else num + 1)
            drop.add(i)
            j = target
            while j < len(lines) and (not lines[j].text or j in drop):
                j += 1
            if j < len(lines):
                lines[j].page = PageStart(n, lines[j].n)
        if not header_style:
            first_num = int(PAGE_NUMBER.match(lines[numbers[0]].text).group(1))  # type: ignore[union-attr]
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
    return number_pages(lines), ", ".join(signals) or "none"
