"""A text of any size → the layout of one chunk of lines at a time, each read in context.

The layout finds pages, paragraphs and headings from evidence across the text it is given
(the spacing of page numbers, running heads that recur, the share of indented lines). A
chunk of two million characters (some 700 pages) holds that evidence many times over, so
each chunk is read on its own, with ``CONTEXT_LINES`` of the text before and after it: the
look-behind gives the first page of the chunk its furniture and its number, the look-ahead
lets a paragraph (with its hyphens and quotations) that runs past the cut end where the
source ends it. Only the blocks that *start* in the chunk are kept; the next chunk begins
after the last of them, so every line is in exactly one kept block or is furniture.

A text of up to ``CHUNK_CHARS`` is one chunk with no context: the layout sees exactly the
text, as it did before streaming. Across chunks, the page numbers the layout counted (pages
without a printed number) continue from the page the two readings share, body divisions
and verse stanzas are numbered on, and only the first chunk holds a title page (only the
last a colophon).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, chain, count, takewhile
from operator import add

from . import layout
from .hyphenation import HYPHENS
from .lines import PAGE

#: Characters per chunk (of the normalised text): about 1,000 pages of a novel.
CHUNK_CHARS = 2 * 1024 * 1024
#: Lines read before and after a chunk, for the decisions that span its ends (five pages).
CONTEXT_LINES = 240
#: How far past the chunk's size a cut at a paragraph end is looked for (lines).
_SEARCH_LINES = 5000
_SENTENCE_END = frozenset('.!?:;”"»)]…')


class Lines:
    """The source's lines, read from the text's pieces only as far as needed and forgotten
    once no chunk can look back at them; line ``n`` is the text's ``split("\\n")[n - 1]``."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self._pieces = pieces
        self._lines: list[str] = []
        self.first = 1  # the number of _lines[0]
        self._partial = ""
        self.eof = False

    @property
    def end(self) -> int:
        """The number after the last line read."""
        return self.first + len(self._lines)

    def _more(self) -> bool:
        if self.eof:
            return False
        piece = next(self._pieces, None)
        if piece is None:
            self.eof = True
            self._lines.append(self._partial)
            self._partial = ""
            return False
        parts = (self._partial + piece).split("\n")
        self._partial = parts.pop()
        self._lines.extend(parts)
        return True

    def has(self, n: int) -> bool:
        """Is there a line ``n`` (reading on as needed)?"""
        while n >= self.end and self._more():
            pass
        return n < self.end

    def __getitem__(self, n: int) -> str:
        return self._lines[n - self.first]

    def slice(self, a: int, b: int) -> list[str]:
        """Lines ``a`` to ``b - 1``."""
        return self._lines[a - self.first:b - self.first]

    def reach(self, start: int, chars: float) -> tuple[int, int]:
        """The line after the first lines from ``start`` that hold ``chars`` characters
        (each with its line end), reading on as needed, and the characters they hold; the
        end where the text ends first. The lengths are summed in C (``accumulate``), not a
        line at a time."""
        n, total = start, 0
        while True:
            have = self._lines[n - self.first:]
            sums = list(map(add, accumulate(map(len, have)), count(1)))
            i = bisect_left(sums, chars - total)
            if i < len(sums):
                return n + i + 1, total + sums[i]
            n += len(have)
            total += sums[-1] if sums else 0
            if not self._more() and n >= self.end:
                return n, total

    def forget(self, before: int) -> None:
        drop = max(0, min(before, self.end) - self.first)
        if drop:
            del self._lines[:drop]
            self.first += drop


@dataclass(slots=True)
class Chunk:
    lines: list[str]  # the lines read: look-behind, the chunk's own lines, look-ahead
    first_line: int  # the source line number of the text's first line
    own_from: int  # the chunk's own lines: blocks that start in [own_from, own_to) are kept
    own_to: int | None  # None: to the end of the text
    index: int


def _blank(s: str) -> bool:
    return not s.strip() and "\f" not in s


def _cut(lines: Lines, t: int) -> int:
    """The first line of the next chunk, at or after line ``t``: after a blank line that
    follows a sentence end (a paragraph end in any layout that leaves blank lines), else
    before an indented line after a sentence end (paragraphs by indentation), else after
    any line that does not end in a hyphen."""
    def ends_sentence(s: str) -> bool:
        s = s.rstrip()
        return bool(s) and s[-1] in _SENTENCE_END and not s.endswith(HYPHENS)

    fallback = None
    indent = None
    c = t
    while lines.has(c) and c < t + _SEARCH_LINES:
        prev, cur = lines[c - 1], lines[c]
        if cur.strip():
            if _blank(prev) and lines.has(c - 2) and c - 2 >= lines.first and ends_sentence(
                    lines[c - 2]):
                return c
            if indent is None and cur[:1] in (" ", "\t") and ends_sentence(prev):
                indent = c
            if fallback is None and prev.strip() and not prev.rstrip().endswith(HYPHENS):
                fallback = c
        c += 1
    return indent or fallback or c


@dataclass(slots=True)
class _State:
    """What one chunk's reading hands to the next."""

    pages: dict[int, str] = field(default_factory=dict)  # line -> page number, last reading
    div: int = -1  # the division of the last kept body block
    last_kind: str = ""
    stanzas: int = 0  # verse stanzas numbered so far


@dataclass(slots=True)
class ChunkLayout:
    blocks: list[layout.RawBlock]
    meta: dict[str, str]
    pages: int
    page_signal: str
    paragraph_signal: str
    whole: bool = False  # the chunk is the whole text


class Reader:
    """Chunks of a text, each read by ``layout.analyse`` in context (see the module)."""

    def __init__(self, pieces: Iterator[str], parse_date: Callable[[str], str | None] | None,
                 chunk_chars: int = CHUNK_CHARS, context: int = CONTEXT_LINES) -> None:
        self.lines = Lines(pieces)
        self.parse_date = parse_date
        self.chunk_chars = chunk_chars
        self.context = context
        self.state = _State()
        self.chunks = 0

    def _next_chunk(self, start: int) -> Chunk | None:
        lines = self.lines
        if not lines.has(start):
            return None
        lines.forget(start - self.context)
        first = lines.first  # the look-behind's first line (reading on keeps it)
        # the chunk's own lines reach ``chunk_chars``; a rest under a quarter of that joins it
        # (the lines are summed once: the longer reach goes on from the shorter)
        own, held = lines.reach(start, self.chunk_chars)
        n = own if held >= self.chunk_chars * 1.25 else lines.reach(
            own, self.chunk_chars * 1.25 - held)[0]
        if not lines.has(n):  # the rest of the text
            return Chunk(lines.slice(first, lines.end), first, start, None, self.chunks)
        own_to = _cut(lines, own)
        lines.has(own_to + self.context)
        return Chunk(lines.slice(first, min(lines.end, own_to + self.context)), first, start,
                     own_to, self.chunks)

    def __iter__(self) -> Iterator[ChunkLayout]:
        start = 1
        while (chunk := self._next_chunk(start)) is not None:
            out, start = self._read(chunk)
            self.chunks += 1
            yield out

    def _read(self, chunk: Chunk) -> tuple[ChunkLayout, int]:
        lay, meta = layout.analyse(chunk.lines, self.parse_date, chunk.first_line)
        first_chunk, last_chunk = chunk.index == 0, chunk.own_to is None
        if first_chunk and last_chunk:  # the whole text: as the layout read it
            return ChunkLayout(lay.blocks, meta, lay.pages, lay.page_signal,
                               lay.paragraph_signal, whole=True), 1 << 62
        own_to = chunk.own_to if chunk.own_to is not None else 1 << 62
        kept: list[layout.RawBlock] = []
        anchor: layout.RawBlock | None = None  # the last block read before the chunk
        for b in lay.blocks:
            a, z = b.lines[0].n, b.lines[-1].n
            if a < chunk.own_from:
                if z >= chunk.own_from:  # read differently this time: its rest is kept
                    kept.append(layout.RawBlock([ln for ln in b.lines if ln.n >= chunk.own_from],
                                                b.kind, b.section, b.div, b.label))
                else:
                    anchor = b
            elif a < own_to:
                kept.append(b)
        self._continue_pages(lay.blocks, kept, chunk.own_from)
        self._continue_divisions(kept, anchor)
        if not first_chunk:
            meta = {k: v for k, v in meta.items() if k in ("publication", "translator")
                    and last_chunk}
        for b in kept:
            if (b.section == "front" and not first_chunk) or (
                    b.section == "back" and not last_chunk):
                b.section, b.kind = "body", "p"
        pages = len(list(filter(None, map(PAGE, chain.from_iterable(map(layout.LINES, kept))))))
        body = [b for b in kept if b.section == "body"]
        if body:
            self.state.last_kind = body[-1].kind
        nxt = (1 << 62) if last_chunk else (kept[-1].lines[-1].n + 1 if kept else own_to)
        nxt = max(nxt, chunk.own_from + 1)
        # the pages of this reading that the next can share: those in its look-behind
        behind = nxt - self.context
        self.state.pages = {ln.n: ln.page.n for b in _from_end(lay.blocks, behind)
                            for ln in b.lines if ln.page is not None and ln.n >= behind}
        signal = lay.page_signal if pages or "margin" in lay.page_signal else "none"
        return ChunkLayout(kept, meta, pages, signal, lay.paragraph_signal), nxt

    def _continue_pages(self, read: list[layout.RawBlock], kept: list[layout.RawBlock],
                        own_from: int) -> None:
        """Page numbers the layout counted from the start of what it read continue from the
        page that this reading and the last one share (in the look-behind)."""
        before = self.state.pages
        shared = [(ln.n, ln.page.n) for b in takewhile(lambda b: b.lines[0].n < own_from, read)
                  for ln in b.lines if ln.page is not None and ln.n < own_from and ln.n in before]
        if not shared:
            return
        line, n = shared[-1]
        if not (n.isdigit() and before[line].isdigit()):
            return
        delta, expect = int(before[line]) - int(n), int(n)
        if not delta:
            return
        for b in kept:
            for ln in b.lines:
                if ln.page is None:
                    continue
                if not ln.page.n.isdigit() or int(ln.page.n) != expect + 1:
                    return  # a printed number: the count ends
                expect += 1
                ln.page.n = str(expect + delta)

    def _continue_divisions(self, kept: list[layout.RawBlock],
                            anchor: layout.RawBlock | None) -> None:
        state = self.state
        body = [b for b in kept if b.section == "body"]
        if body:
            if state.div < 0:  # the first chunk: the layout's numbers
                shift = 0
            elif anchor is not None and anchor.section == "body":
                shift = state.div - anchor.div
            else:
                first = body[0]
                shift = state.div - first.div + (
                    1 if first.kind == "head" and state.last_kind != "head" else 0)
            for b in body:
                b.div += shift
            state.div = body[-1].div
        labels = {}
        for b in kept:
            if b.kind == "l" and b.label is not None:
                labels.setdefault(b.label, str(state.stanzas + len(labels) + 1))
                b.label = labels[b.label]
        state.stanzas += len(labels)


def _from_end(blocks: list[layout.RawBlock], line: int) -> list[layout.RawBlock]:
    """The last blocks, from the one that holds (or follows) source line ``line`` on."""
    i = len(blocks)
    while i and blocks[i - 1].lines[-1].n >= line:
        i -= 1
    return blocks[i:]
