"""Lines → pages: where the source's pages begin, and the page furniture to keep out of the text.

Page furniture is what recurs with the page period, so it is read from the whole document,
not from a line and its neighbours. The flow, one module a step:

- ``margin``: line numbers an edition prints in its margin go first (they rise by a step);
- ``candidates``: what each line may be (a page number, a running head, a number glued to a
  word), from the line alone;
- ``numbers``: the page numbers are the longest chain of numbers that go up by one a page (a
  form-feed page, or ``period`` lines: the line gap per step), roman figures in front matter;
- ``furniture``: the lines beside those numbers and at the edges of form-feed pages, and the
  running heads that repeat a chapter's own heading or number;
- ``model``: ``learn`` builds a ``PageModel`` from all of that: the numbers at the head or the
  foot of the page, the running heads (compared by their letters, case-folded) on versos and
  rectos in turn where two alternate, the pages that print no number; ``describe`` is the
  report's line;
- ``place``: ``apply`` empties the furniture lines and marks where each page's text begins
  (``Line.page``, later ``pb`` and ``fw``), also inside a word broken across the page end.

For a streaming encoder the two are separate passes. ``learn`` takes the list of lines
today, but what it reads of them is small and local: the ``candidate`` lines (short lines,
lines with a number at an edge) with their index and form-feed page, the text lines next
to each number (``near_lines``), whether a page between two numbers has a letter, and the
typical line width; a chunked first pass can gather those facts. The model it returns
names the furniture by source line number (``Line.n``), so ``apply`` runs on one chunk at
a time (it carries only the page start still to be placed across a chunk end). Where
too few pages show a pattern (two numbers, a lone number set to the right, a head without
numbers, lines indented by a space in a text without indentation) ``rules`` reads
each signal on its own, as before the model.
"""

from __future__ import annotations

from ..lines import Items, Line
from .candidates import MAX_HEAD, Candidate, candidate, letters_key
from .margin import drop_margin_numbers
from .model import PageModel, learn
from .numbers import PAGE_NUMBER, roman_value, to_roman
from .place import PageStart, apply, mark_form_feeds
from .rules import line_rules

__all__ = ["MAX_HEAD", "PAGE_NUMBER", "Candidate", "PageModel", "PageStart", "apply",
           "candidate", "drop_margin_numbers", "find_pages", "learn", "letters_key",
           "roman_value", "to_roman"]


def find_pages(lines: list[Line], items: Items) -> tuple[list[Line], int, str]:
    """Mark page starts on the lines and drop the lines that only carried page furniture.

    Returns the lines, the number of pages and what showed them (for the report).
    """
    form_feeds = bool(mark_form_feeds(lines))
    margin = ", line numbers in the margin" if drop_margin_numbers(lines) else ""
    model = learn(lines)
    if model is None:
        pages, signal = line_rules(lines, items, form_feeds)
        return lines, pages, signal + margin if pages else (margin[2:] or "none")
    pages = apply(model, lines)
    return lines, pages, model.describe(pages) + margin

