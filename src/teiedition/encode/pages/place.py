"""Placing the pages: form feeds read as page starts, then the model applied line by line
(``apply``: each page start marked, inside a word broken across the page end too, the
furniture lines emptied), and the pages without a printed number labelled by their place."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lines import Line
from .numbers import is_roman, page_label, to_roman

if TYPE_CHECKING:
    from .model import PageModel

@dataclass(slots=True)
class PageStart:
    """A page of the source begins at the line carrying this; ``n`` is its number."""

    n: str
    source_line: int
    running_head: str | None = None


def mark_form_feeds(lines: list[Line]) -> int:
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
                    pending = PageStart(page_label(label, 1), n)
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
    return number_pages(lines)


def number_pages(lines: list[Line]) -> int:
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
        if prev is None or (nxt is not None and is_roman(prev) and not is_roman(nxt)):
            ln.page.n = page_label(nxt, k - labelled[at])  # type: ignore[arg-type,union-attr]
        else:
            ln.page.n = page_label(prev, k - labelled[at - 1])  # type: ignore[union-attr]
    return len(starts)
