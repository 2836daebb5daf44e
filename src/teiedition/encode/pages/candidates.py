"""Candidate furniture lines: what a line may be (a page number, a running head with or without
its number, a number glued to a word at a page end) read from the line alone, and the
letters-only key running heads are compared by."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lines import HAS_LETTER, Line
from .numbers import NUMBER_CLOSE, PAGE_NUMBER, ROMAN, roman_value

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
#: Lines of the text's start where a number inside a line of furniture must show (a few
#: pages) to be sought in the rest.
INNER_PROBE = 400
#: A number set between two words without a space, inside a line ("Thursday7Gilbert").
_INNER_NUMBER = re.compile(r"(?<=[^\W\d_])(\d{1,4})(?=[^\W\d_])")
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
    if len(text) <= 7 and first in "ivxlc" and ROMAN.match(text) and (
            value := roman_value(text)) is not None:
        return Candidate(i, value, None, None, page, roman=True)
    if first.isdecimal() or last.isdecimal():
        if len(text) > 160:
            return None
        m = PAGE_NUMBER.match(text)
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
    if last in NUMBER_CLOSE and (m := PAGE_NUMBER.match(text)):  # "- 7 -", "(7)"
        return Candidate(i, int(m.group(1)), None, None, page)
    if not heads or len(text) > MAX_HEAD and "  " not in text:
        return None
    flat = " ".join(text.split())
    if len(flat) <= MAX_HEAD and HAS_LETTER.search(flat):
        return Candidate(i, None, flat, letters_key(flat), page)
    return None


def inner_numbers(lines: list[Line]) -> list[Candidate]:
    """Lines that hold one number, set between two words without a space, and whose letters
    (``letters_key``) recur on three lines at least: an extractor's join of the margin boxes
    of one line of furniture (title, number, author). The text's first pages are read first
    (``INNER_PROBE`` lines): where none of them holds such a line, none is sought further."""
    found: list[Candidate] = []
    for i, ln in enumerate(lines):
        if i == INNER_PROBE and not found:
            return []
        t = ln.text
        if not t or len(t) > 2 * MAX_HEAD:
            continue
        m = _INNER_NUMBER.search(t)
        if m is None or sum(map(str.isdecimal, t)) != len(m.group(1)):
            continue
        head = " ".join((t[:m.start()] + " " + t[m.end():]).split())
        found.append(Candidate(i, int(m.group(1)), head, letters_key(head), 0))
    keys = Counter(c.key for c in found)
    return [c for c in found if keys[c.key] >= 3]
