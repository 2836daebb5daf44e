"""The page model: the page numbers, their side, the running heads (verso and recto), the
unnumbered pages and front matter, learnt from the whole document (``learn``), and the
report's words for it (``PageModel.describe``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import division
from ..lines import HAS_LETTER, SENTENCE_END_CHARS, TEXT, Line, typical_width
from .candidates import MAX_HEAD, Candidate, candidate, inner_numbers
from .furniture import (
    chapter_heads,
    first_on_page,
    near_lines,
    opens_chapter,
    page_edges,
    section_numbers,
)
from .numbers import MIN_PAGE_LINES, number_chain, page_period


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


def learn(lines: list[Line]) -> PageModel | None:
    """The page model of a whole text, or None where too few pages show one (then the
    line-local rules of ``line_rules`` read what there is).

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
    edges = page_edges(lines) if form_feeds else None
    nums = [c for c in cands if c.value is not None and not c.glued and not c.roman
            and (edges is None or c.i in edges)]
    numbers_at = {c.i: c for c in nums}
    period = page_period(nums)
    chain = number_chain(nums, period, form_feeds)
    # a book sets its page numbers one way: where bare numbers make most of the run, a
    # member with words beside it is a heading that ends in a figure ("Chapitre 2")
    if chain and sum(1 for c in chain if c.key) * 3 < len(chain) and any(c.key for c in chain):
        nums = [c for c in nums if not c.key]
        period = page_period(nums)
        chain = number_chain(nums, period, form_feeds)
    if not form_feeds and (inner := inner_numbers(lines)):
        # (a number inside a line of furniture whose letters recur, "The Man Who Was
        # Thursday7Gilbert Keith Chesterton", where an extractor joined the margin boxes of
        # one line: the page numbers where they make a longer run than those at an edge, a
        # chapter's number alone on its line)
        inner_period = page_period(inner)
        inner_chain = number_chain(inner, inner_period, form_feeds)
        if len(inner_chain) > len(chain):
            nums, period, chain = inner, inner_period, inner_chain
            numbers_at = {c.i: c for c in nums}
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
            near.extend(h for j in near_lines(lines, c.i, 1) if (h := head_at(j)) is not None
                        and h.value is None)
        if not form_feeds:  # (or a page from them, recurring with the period)
            near.extend(_period_heads(lines, chain, period, head_at))
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
            top = {c.i for c in chain if first_on_page(lines, c.i)}
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
        for j in section_numbers(lines, chain, cands, numbers_at, form_feeds, model.numbers):
            model.furniture[lines[j].n] = lines[j].text
    # running heads that repeat the chapter's own heading (its title, "CHAPTER VII"): a
    # string beside the numbers or at the page edges whose every occurrence but the first
    # (the heading) stands there
    places = {j for c in chain for j in near_lines(lines, c.i, 1)}
    if form_feeds:
        places |= page_edges(lines, 1)
    # (where the numbers stand at the foot, a head also tops the page after an unnumbered
    # one: about a period before the next number, none beside it; the short lines there)
    tops: set[int] = set()
    if model.numbers == "foot" and period and not form_feeds:
        for c in chain:
            tops.update(j for j in range(max(0, int(c.i - 1.2 * period)),
                                         max(0, int(c.i - 0.8 * period) + 1))
                        if 0 < len(lines[j].text) <= MAX_HEAD)
    chapter, chapter_keys = chapter_heads(lines, places, head_at, tops)
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


def _period_heads(lines: list[Line], chain: list[Candidate], period: float,
                  head_at) -> list[Candidate]:  # noqa: ANN001
    """Running heads a page away from the numbers, without form feeds (a head at the top
    where the number stands at the foot, on versos only): the short lines about a period
    before or after a number whose string stands there twice at least and nowhere else
    (once more at most: a chapter's title as its heading)."""
    if not period:
        return []
    seen: dict[str, list[Candidate]] = {}
    for c in chain:
        for j in (*range(max(0, int(c.i - 1.2 * period)), max(0, int(c.i - 0.8 * period) + 1)),
                  *range(int(c.i + 0.8 * period), min(len(lines), int(c.i + 1.2 * period) + 1))):
            # (not before the first number: a title page's lines are no running heads)
            if j > chain[0].i and 0 < len(lines[j].text) <= MAX_HEAD and (
                    h := head_at(j)) is not None and h.value is None:
                seen.setdefault(lines[j].text, []).append(h)
    texts = None
    skip = {c.i for c in chain} | {h.i for hs in seen.values() for h in hs}
    out: list[Candidate] = []
    for text, hs in seen.items():
        once = list({h.i: h for h in hs}.values())  # (a line between two numbers: once)
        if len(once) < 2:
            continue
        if texts is None:
            texts = list(map(TEXT, lines))
        if texts.count(text) <= len(once) + 1:
            # (the first, where it opens a chapter, is the chapter's heading its running
            # heads repeat)
            # heads repeat; so is one under a division's name, "TRETTONDE KAPITLET")
            once.sort(key=lambda h: h.i)
            out.extend(h for k, h in enumerate(once) if not (
                k == 0 and opens_chapter(lines, h.i, skip)
                or division(_previous_text(lines, h.i))))
    return out


def _previous_text(lines: list[Line], i: int) -> str:
    """The text line before line ``i`` (across blank lines), or ""."""
    return next((lines[j].text for j in range(i - 1, -1, -1) if lines[j].text), "")


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
    run = number_chain(romans, model.period, model.form_feeds)
    beside = {j: h for c in run for j in near_lines(lines, c.i, 1)
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

    last = chain[-1].i
    after = sum(1 for ln in lines[last + 1:] if ln.text)
    # the text ends with a number (and the running heads beside it): a header number would
    # have text after it
    if not after or all(j in head_lines for j in range(last + 1, len(lines))
                        if lines[j].text):
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
        # (heads on both sides, a head and a foot line, or one line of furniture in three
        # boxes the extractor set apart, "AUTHOR / 7 / TITLE": the order tells nothing)
        near = [j for j in near_lines(lines, c.i, 1) if j in head_lines]
        first, last = any(j < c.i for j in near), any(j > c.i for j in near)
        head_first += first and not last
        number_first += last and not first
    if head_first + same_line >= max(1, 0.3 * len(chain)):
        return "head"
    if number_first >= 2:
        return "foot"
    before = sum(1 for ln in lines[start:chain[0].i] if ln.text)
    period = page_period(chain)
    return "foot" if before >= after + period else "head"


def _alternating(lines: list[Line], chain: list[Candidate]) -> bool:
    """Do the numbers stand before a short line on even pages and after one on odd pages
    (or the other way round)? Then number and head share a line at the top, the number on
    the outer side ("4   TITLE" on versos, "CHAPTER 5   3" on rectos), which the extractor
    split in two: a footer number and the next page's head would keep one order."""
    width = typical_width(lines)

    def head(j: int) -> bool:
        t = lines[j].text
        # (a title may end on a full stop, "Lyckliga Människor.": a few words, then; a
        # chapter's title as running head may be long, but ends a line of text early, with a
        # capital first and neither a sentence's end nor a broken word at its end)
        if not HAS_LETTER.search(t):
            return False
        if len(t) < 0.6 * width:
            return t[-1:] not in SENTENCE_END_CHARS or bool(division(t)) or \
                len(t.split()) <= 4  # ("IX." over its chapter)
        return len(t) < 0.9 * width and t[:1].isupper() and \
            t[-1:] not in SENTENCE_END_CHARS and t[-1:] not in "-,;"

    votes: dict[int, list[int]] = {0: [0, 0], 1: [0, 0]}  # parity -> [head before, after]
    for c in chain:
        near = near_lines(lines, c.i, 1)
        before = any(head(j) for j in near if j < c.i)
        after = any(head(j) for j in near if j > c.i)
        if before != after:
            votes[c.value % 2][0 if before else 1] += 1  # type: ignore[operator]
    even, odd = votes[0], votes[1]
    return (min(even[0], odd[1]) >= 2 and even[1] + odd[0] <= 1) or (
        min(even[1], odd[0]) >= 2 and even[0] + odd[1] <= 1)


def _page_value(c: Candidate, chain: list[Candidate]) -> int | None:
    """The page number of the chain member nearest to ``c`` (the page the head is on)."""
    if not chain:
        return None
    near = min(chain, key=lambda m: abs(m.i - c.i))
    return near.value if abs(near.i - c.i) <= 8 else None


def _head_on_top(lines: list[Line], c: Candidate, chain: list[Candidate],
                 model: PageModel) -> bool:
    if model.form_feeds:
        return first_on_page(lines, c.i)
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
