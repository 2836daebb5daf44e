"""Page furniture beside the numbers: where a page's edges are, the lines next to a number, and
the furniture that repeats a division's own heading (a chapter's title or number as running
head), told apart from the heading itself."""

from __future__ import annotations

from ..blocks import CLOSERS, division
from ..lines import SENTENCE_END_CHARS, Line
from .candidates import MAX_HEAD, Candidate, letters_key

#: Closing marks that may follow a sentence's end (``Nein.«``, ``fin. »``: the blocks' own,
#: and the space a French closing mark keeps).
_CLOSERS = CLOSERS + " "


def page_edges(lines: list[Line], depth: int = 2) -> set[int]:
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


def near_lines(lines: list[Line], i: int, reach: int = 2) -> list[int]:
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


def first_on_page(lines: list[Line], i: int) -> bool:
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


def _text_line(lines: list[Line], i: int, step: int, skip: set[int]) -> str:
    """The first text line from ``i`` on (``step`` 1) or back (-1), passing over blank
    lines and the lines ``skip`` names (page numbers); "" where there is none."""
    i += step
    while 0 <= i < len(lines):
        if lines[i].text and i not in skip:
            return lines[i].text
        i += step
    return ""


def opens_chapter(lines: list[Line], i: int, skip: set[int]) -> bool:
    """Does the number on line ``i`` open a chapter (its heading, not a running head)? The
    text before it ends a sentence, the text after it begins one (a capital, a dash, a
    quotation mark), and is no heading of its own (``CHAPTER 12`` under a running head
    ``12``)."""
    before = _text_line(lines, i, -1, skip)
    after = _text_line(lines, i, 1, skip)
    return bool(after) and (not before or before[-1:] in SENTENCE_END_CHARS
                            or before.rstrip(_CLOSERS)[-1:] in SENTENCE_END_CHARS) \
        and not after[:1].islower() and not division(after)


def chapter_heads(lines: list[Line], places: set[int], head_at,  # noqa: ANN001
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


def section_numbers(lines: list[Line], chain: list[Candidate], cands: list[Candidate],
                    numbers_at: dict[int, Candidate], form_feeds: bool,
                    numbers: str) -> list[int]:
    """A second number beside most page numbers, never going down: a section's number set as
    the running head (the page number at the foot, ``numbers``, the chapter's at the top).
    Returns the indices of the lines it stands on that are furniture (not the chapter's
    own heading)."""
    member = {c.i for c in chain}
    if form_feeds:  # on the other edge of the pages (not the first: it opens the text)
        other = (lambda i: first_on_page(lines, i)) if numbers == "foot" else (
            lambda i: not first_on_page(lines, i))
        second = sorted(j for j, c in numbers_at.items() if j not in member and c.page
                        and not c.key and other(j))
        # (or on the page number's own edge, beside it: "11   3" split in two lines)
        second = sorted({*second, *(j for c in chain for j in near_lines(lines, c.i, 1)
                                    if j not in member and j in numbers_at
                                    and not numbers_at[j].key
                                    and numbers_at[j].page == c.page)})
    else:
        second = sorted({j for c in chain for j in near_lines(lines, c.i, 1) if j not in member
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
        return [j for k, j in enumerate(second) if not (
            (k == 0 or values[k] != values[k - 1]) and opens_chapter(lines, j, skip))]
    return []
