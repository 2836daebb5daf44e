"""A long text typeset in parts and joined into one PDF: any length in bounded memory.

Typst holds the layout of a whole document in memory (about 420 MB per million characters),
so a book is cut into parts at its chapters (the chapters that open a new page, so that a
part's pages are the pages a single run would give), each part typeset by a child process
of its own, two at a time, in one layout pass:

1. a part is laid out and tells its page count, the pages of its headings and of every name
   marked for the index (``te-part-end`` in edition.typ); its footnotes are numbered from the
   start, counted in the source before any layout (``footnotes``);
2. once the parts before it are laid out, it learns its first page number, and the same
   child makes its PDF: its page numbers are read from a file (edition.typ's
   te-first-page-file) only where they are printed, so Typst's memoised layout of the
   part is reused and only the numbers are set (about a third of a layout's CPU, where
   a second process would lay the part out again); while it waits, laid out, the next part
   lays out (the first part waits for the front, so for the end of the stylesheet);
3. the front (title page, contents with the book's pages) and the back (index of names with
   the book's pages, colophon) are typeset with the numbers they need, beside the last
   parts' PDFs.

The PDFs are bound into one with pikepdf (qpdf, ``Binder``), each part as it arrives while
the later ones are typeset, the front and back at the end: one document with the front's
metadata (and XMP, PDF/A identification when asked for), the parts' bookmarks in order, and
a link annotation over every page number of the contents and the index, to the heading or
name it stands for (each part reports where its headings and names are, the front and back
where their numbers landed), and the parts' tagged-PDF structure trees as one (``tagged``):
the book is tagged as a single run is.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import TeieditionError
from . import timeline

if TYPE_CHECKING:
    import pikepdf

#: With one core, up to this many characters of text a document is one Typst run (with two
#: or more, up to PARTS_CHARS): tagged, its contents and index linked; Typst peaks at
#: 380-405 MB on ELTeC's largest novel (911,000 characters, 277 pages). Longer texts are
#: typeset in parts.
SINGLE_RUN_CHARS = 950_000
#: Characters of Typst source per part (about 200,000 characters of text, 70-80 pages of
#: A4; a part's Typst process peaks near 150 MB). A part ends at the first chapter that
#: opens a page after this many; a run without such chapters is cut at a paragraph.
PART_SOURCE_CHARS = 250_000

_OPEN = "\n#{\n"
#: Statements that begin a new page in every layout: a part may start there as it is.
_PAGE_STARTS = ("chapter(level: 1, newpage: true", "source-titlepage(")
_PARA = "para("


@dataclass
class Book:
    """The Typst source of one text cut into what the passes typeset."""

    preamble: str  # the page design and `#show: edition.with(…)`, up to the code block
    front: list[str]  # title page (and `toc(…)`)
    parts: list[list[str]]  # the text, one list of statements per part
    back: list[str]  # index and colophon
    toc_title: str | None = None  # the contents' title (a string literal), when there is one
    heads: list[tuple[int, str]] = field(default_factory=list)  # (level, body) per heading
    # per part: whether it was cut from the one before in running text (not where the page
    # design breaks the page anyway): where it starts is then found in a layout (``_settle``)
    flows: list[bool] = field(default_factory=list)


#: With two cores or more, a text from this length on is typeset in parts: two children
#: lay it out at once, where one run uses one core (the largest ELTeC novel, 911,000
#: characters: see README, Measured), and each holds a part's layout, not the whole.
PARTS_CHARS = 500_000


def needs_parts(chars: int, part_chars: int | None = None, cores: int = 1) -> bool:
    """Whether a text of ``chars`` characters is typeset in parts (``cores``: how many
    children can lay out parts at once)."""
    if part_chars is not None:
        return chars > part_chars
    return chars > (PARTS_CHARS if cores >= 2 else SINGLE_RUN_CHARS)


def typst_string(s: str) -> str:
    """A Typst string literal showing exactly ``s`` (the rule of tp:str in typst.xsl)."""
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\t\n\r\x85\u2028\u2029]", " ", s) + '"'


def arguments(call: str) -> list[str]:
    """The top-level arguments of one generated call ``name(a, b, …)`` as source text."""
    inner = call[call.index("(") + 1: call.rindex(")")]
    args: list[str] = []
    depth, start, i, n = 0, 0, 0, len(inner)
    while i < n:
        c = inner[i]
        if c == '"':
            i += 1
            while inner[i] != '"':
                i += 2 if inner[i] == "\\" else 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            args.append(inner[start:i].strip())
            start = i + 1
        i += 1
    last = inner[start:].strip()
    if last:
        args.append(last)
    return args


_NAMED = re.compile(r"^[a-z-]+: ")


def _heading(line: str) -> tuple[int, str] | None:
    """(level, body) of the outlined heading a statement makes, or None."""
    if line.startswith("chapter("):
        args = arguments(line)
        heads = [a for a in args if not _NAMED.match(a)]
        if not heads:
            return None
        level = next((int(a.split(": ")[1]) for a in args if a.startswith("level: ")), 1)
        return level, "(" + ", ".join(heads) + ",).join(linebreak())"
    if line.startswith(("endnotes(", "index(")):
        return 1, arguments(line)[0]
    return None


def cut(source: str, part_chars: int = PART_SOURCE_CHARS) -> Book:
    """Cut the Typst source of pdf.typst_source into front, parts and back (``_Cutter``, as
    typeset_book cuts the lines of a source as they arrive)."""
    c = _Cutter(part_chars, lambda k: None)
    for line in source.split("\n"):
        c.line(line)
    c.end()
    return Book(preamble=c.preamble, front=c.front, parts=c.parts,
                back=c.back, toc_title=c.toc_title, heads=c.heads, flows=c.flows)


Spot = tuple[int, float]  # a book's page number and a y on it (pt from the top)


def _toc(book: Book | _Cutter, pages: Sequence[Spot]) -> str:
    """The contents as one statement, from the headings of levels 1-2 and where they are."""
    entries = [f"(level: {lvl}, page: {p}, y: {y:.2f}, body: {body})"
               for (lvl, body), (p, y) in zip(book.heads, pages, strict=True) if lvl <= 2]
    return f"toc-given({book.toc_title}, ({', '.join(entries)},))"


_FIRST = "#let te-first-page = 1\n#let te-first-note = 0\n"
_FIRST_FILE = "#let te-first-page-file = none\n"
#: The file in Typst's root a part reads its first page number from (edition.typ).
PAGE_FILE = "first-page.txt"


def _code(preamble: str, statements: Sequence[str], page: int | None = 1,
          notes: int = 0) -> str:
    """A document of ``statements`` whose first page is the book's ``page``, after ``notes``
    footnotes (edition.typ's te-first-page, te-first-note). ``page`` None: a part, whose
    first page number is read from PAGE_FILE once the parts before it are laid out."""
    if _FIRST not in preamble or _FIRST_FILE not in preamble:
        raise TeieditionError("typesetting in parts: the page design does not say where "
                              "a part begins (te-first-page)")
    first = f"#let te-first-page = {int(page or 1)}\n#let te-first-note = {int(notes)}\n"
    code = preamble.replace(_FIRST, first, 1)
    if page is None:
        code = code.replace(_FIRST_FILE, f"#let te-first-page-file = \"{PAGE_FILE}\"\n", 1)
    return code + "\n".join([*statements, "te-part-end()"]) + "\n}\n"


def _index_given(line: str, pages: dict[str, list[Spot]]) -> str:
    """index(title, groups) -> index(title, groups, given: (ref: ((page, y), …), …))."""
    given = ", ".join(
        f"{typst_string(ref)}: ({', '.join(f'({n}, {y:.2f})' for n, y in ns)},)"
        for ref, ns in pages.items())
    return line[:-1] + f", given: ({given or ':'}))"


_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_FOOTNOTE = re.compile(r"(?<![\w-])fn\(")


def footnotes(statements: Sequence[str]) -> int:
    """How many footnotes ``statements`` make (each ``fn(`` outside string literals steps
    Typst's footnote counter): known before layout, so the first pass already numbers a
    part's footnotes as the book does and lays out the same lines as the second."""
    return sum(len(_FOOTNOTE.findall(_LITERAL.sub('""', s))) for s in statements)


@dataclass
class Place:
    """How a part learns its first page number: called with the summary of its layout, it
    returns the number (waiting for the parts before it to be laid out); ``known`` has the
    same number as soon as it is known, often while the part is still laid out: the child
    is given it then (pdf.run_typst), so that its layout has it already and the PDF is made
    from that layout as it is, where a number learnt after it is set again (0.08 CPU-s of a
    70-page part)."""

    wait: Callable[[dict], int]
    known: Future[int] = field(default_factory=Future)

    def __call__(self, summary: dict) -> int:
        return self.wait(summary)


Typeset = Callable[[str, bool, "Place | None"], tuple[bytes, list[str], dict]]


#: A part cut from the next in running text is laid out with about this many characters of
#: the next part's statements after its own, where a page that a statement begins is looked
#: for (``_settle``).
OVERLAP_CHARS = PART_SOURCE_CHARS // 4


class _Redo(Exception):
    """A part cut in running text whose layout has no page that a statement begins."""


def _settle(starts: Sequence[Sequence], first: int, nominal: int,
            top: float) -> tuple[int, int] | None:
    """Where the next part begins, from a layout's statement marks ((statement, page, y) for
    the statements after ``first``, the part's own first): the statement nearest ``nominal``
    that begins a page after the first, at its top (``top``, the top margin, in pt), and
    that page. There the single run turns the page too, so the next part, laid out from that
    statement, gives the same pages."""
    found = [(int(j), int(p)) for j, p, y in starts
             if j > first and p > 1 and abs(y - top) < 0.5]
    return min(found, key=lambda jp: (abs(jp[0] - nominal), jp[0])) if found else None


class _Cutter:
    """``cut`` as the lines of a source arrive (a stream from the XSLT step): the preamble up
    to the code block, the front, the parts of the text, the back; ``ready(k)`` is called
    once part k and what its layout needs of the next part are known."""

    def __init__(self, part_chars: int, ready: Callable[[int], None]) -> None:
        self.part_chars, self.ready = part_chars, ready
        self.preamble_lines: list[str] = []
        self.opened = False  # the code block has begun
        self.front: list[str] = []
        self.toc_title: str | None = None
        self.first = True  # no statement of the code block seen yet
        self.parts: list[list[str]] = []
        self.flows: list[bool] = []
        self.size = 0
        self.held: list[str] = []  # lines that may be the back (index, colophon)
        self.flat: list[str] = []  # the statements of the parts in order
        self.nominal: list[int] = []  # where each part begins in flat
        self.notes_to: list[int] = []  # the footnotes before each statement of flat
        self.heads: list[tuple[int, str]] = []
        self.back: list[str] = []
        self.done = False
        self.announced = 0  # parts passed to ``ready``

    @property
    def preamble(self) -> str:
        """The source up to its code block (``Book.preamble``)."""
        return "\n".join(self.preamble_lines) + "\n"

    def line(self, line: str) -> None:
        """Take the next line of the source."""
        if not self.opened:
            self.preamble_lines.append(line)
            self.opened = line == "#{"
            return
        if not line.strip():
            return
        if self.first:
            if not self.front and self.toc_title is None and line.startswith("titlepage("):
                self.front.append(line)
                return
            if self.toc_title is None and line.startswith("toc("):
                self.toc_title = arguments(line)[0]
                return
            self._begin()
        if line.startswith(("colophon(", "index(")) or line == "}":
            self.held.append(line)  # the back, or the end, unless a statement follows
            return
        for held in self.held:  # not the back: lines of the text after all
            self._statement(held)
        self.held = []
        self._statement(line)

    def _begin(self) -> None:
        """The text begins (the front is known): a text without contents opens with
        ``opening()`` (edition.typ)."""
        self.first = False
        self.notes_to.append(footnotes(self.front))
        for line in ["opening()"] if self.toc_title is None else []:
            self.flat.append(line)
            self.notes_to.append(self.notes_to[-1] + footnotes([line]))

    def _statement(self, line: str) -> None:
        page = line.startswith(_PAGE_STARTS)
        if not self.parts or self.parts[-1] and (
                self.size >= self.part_chars and page or self.size >= 2 * self.part_chars):
            self.nominal.append(len(self.flat) if self.parts else 0)
            self.parts.append([])
            self.flows.append(len(self.parts) > 1 and not page)
            self.size = 0
        self.parts[-1].append(line)
        self.size += len(line)
        self.flat.append(line)
        self.notes_to.append(self.notes_to[-1] + footnotes([line]))
        if (h := _heading(line)) is not None:
            self.heads.append(h)
        self._announce()

    def end(self) -> None:
        """The stream ended: the held lines are the back; the last parts are ready."""
        if self.first:  # no statement at all
            self._begin()
        if self.held and self.held[-1] == "}":
            self.held.pop()
        self.back = self.held
        self.heads += [h for ln in self.back if (h := _heading(ln)) is not None]
        self.done = True
        self._announce()

    def complete(self, k: int) -> bool:
        """Whether part k's statements are all known (the next part has begun, or the end)."""
        return k < len(self.parts) - 1 or self.done and k < len(self.parts)

    def end_of(self, k: int) -> int:
        """Where part k ends in flat (part k complete)."""
        return self.nominal[k + 1] if k + 1 < len(self.parts) else len(self.flat)

    def _announce(self) -> None:
        while self.announced < len(self.parts):
            k = self.announced
            ahead = k + 1 < len(self.parts) and self.flows[k + 1]
            # a part cut from the next in running text is laid out with the next one's first
            # statements: the next part must be known to its end too
            if not self.complete(k) or ahead and not self.complete(k + 1):
                return
            self.announced += 1
            self.ready(k)


def typeset_book(source: str | Iterable[str], typeset: Typeset, *,
                 workers: int | None = None,
                 part_chars: int = PART_SOURCE_CHARS) -> tuple[bytes, list[str], int]:
    """Typeset ``source`` (pdf.typst_source, or its lines as they are made) in parts; return
    the joined PDF, the warnings and the number of text parts.

    ``typeset(code, final, place)`` runs Typst on ``code`` in a child process and returns the
    PDF (with ``final``; else only a layout), warnings and the ``<te-part>`` summary. With
    ``place`` it lays the part out, calls ``place(summary)`` for its first page number, and
    makes the PDF from the same layout (one layout pass: only the page numbers are set again).
    A part's first page is known once the parts before it are laid out: ``workers`` children
    take the parts in order, so a part waits at most for the ones running beside it.

    Given the lines as the XSLT step makes them, a part is typeset as soon as its lines are
    there, while the rest is transformed: until the source is complete, one child fewer
    than ``workers`` typesets (the XSLT child uses a core, and memory).

    A part that the next one continues in running text (no page break by design between
    them) is laid out with the next part's first statements too; the next part begins at
    a statement that begins a page of that layout (``_settle``), and the pages from there on
    are left out of this part: the joined book turns its pages where a single run does. Such
    a part waits for the layout of the one before it. Where no page of the overlap begins
    with a statement (one paragraph running on for pages), the part is laid out again without
    it and the next begins on a new page.
    """
    workers = max(1, workers or cores())
    lines = source.split("\n") if isinstance(source, str) else source
    # the summaries of the front (laid out with placeholder pages) and of each part's layout
    # (up to where the next part begins); the statement each part begins with
    laid: list[Future[dict]] = [Future()]
    begins: list[Future[int]] = [Future()]
    firsts: list[Future[int]] = []  # each part's first page number, once known
    kept: list[int | None] = []  # the pages of a part's PDF that are the book's
    ahead: list[bool] = []
    done: list[Future[tuple[bytes, list[str], dict]]] = []
    lock = threading.Lock()
    pool = ThreadPoolExecutor(max_workers=workers)
    # the front and the back on threads of their own: not queued behind the parts' PDFs (a
    # core free at the end would wait for them)
    ends_pool = ThreadPoolExecutor(max_workers=2)
    # the parts' PDFs bound in order as they arrive, by this thread while it waits for the
    # layouts and PDFs of the later parts (``waiting``)
    binder: Binder | None = None
    bound = 0  # the parts bound

    def bind_next() -> None:
        nonlocal binder, bound
        if binder is None:  # (pikepdf's import: 0.1 s, not before the stylesheet's child)
            binder = Binder()
        binder.add(done[bound].result()[0], kept[bound])  # a part that failed: its error
        timeline.mark(f"part {bound} bound")
        bound += 1

    def waiting(f: Future[dict]) -> dict:
        """The result of ``f``; meanwhile the parts' PDFs that arrive are bound."""
        while not f.done():
            if bound < len(done) and done[bound].done():
                bind_next()
            else:
                wait([f, *done[bound:bound + 1]], return_when=FIRST_COMPLETED)
        return f.result()
    # while the stylesheet writes the source it uses a core: one part child fewer lays out
    # beside it (a second may wait there, laid out, for its first page number: ``place``)
    slots = threading.Semaphore(workers)
    streaming = not isinstance(source, str) and workers > 1
    if streaming:
        slots.acquire()
    book = _Cutter(part_chars, lambda k: submit(k))

    def settle(_: object = None) -> None:
        """Each part whose first page is known now (the parts before it laid out) is told it
        (``Place.known``)."""
        with lock:
            for k, f in enumerate(firsts):
                if f.done():
                    continue
                if not all(laid[j].done() and laid[j].exception() is None
                           for j in range(k + 1)):
                    return
                f.set_result(start_of(k))
                timeline.mark(f"part {k}'s first page known: {f.result()}")

    laid[0].add_done_callback(settle)

    def submit(k: int) -> None:
        with lock:
            while len(laid) < k + 2:
                laid.append(Future())
                laid[-1].add_done_callback(settle)
                begins.append(Future())
            firsts.append(Future())
            kept.append(None)
            ahead.append(k + 1 < len(book.parts) and book.flows[k + 1])
            if k == 0:
                begins[0].set_result(0)
            if k + 1 < len(book.parts) and not book.flows[k + 1]:
                begins[k + 1].set_result(book.nominal[k + 1])
            elif k + 1 == len(book.parts) and book.done:
                begins[k + 1].set_result(len(book.flat))
        timeline.mark(f"part {k}'s statements made")
        settle()
        done.append(pool.submit(part, k))

    def front_code(pages: Sequence[Spot]) -> str:
        toc = [_toc(book, pages)] if book.toc_title is not None else []
        return _code(book.preamble, [*book.front, *toc])

    def start_of(k: int) -> int:
        """The book's page number of part k's first page (waits for the parts before it)."""
        return 1 + sum(laid[j].result()["pages"] for j in range(k + 1))

    def statements(a: int, end: int, marks: bool) -> list[str]:
        flat = book.flat
        got = flat[a:end]
        if a > 0 and got[0].startswith(_PARA) and flat[a - 1].startswith(_PARA):
            got[0] = f"te-continued({got[0]})"  # as indented as in the book
        if not marks:
            return got
        return [x for j, st in enumerate(got, a) for x in (f"[#metadata({j})<te-st>]", st)]

    def part(k: int) -> tuple[bytes, list[str], dict]:
        try:
            with slots, timeline.acting(f"part {k}"):
                return laid_out(k)
        except BaseException as err:  # the parts after it must not wait for it
            for f in (laid[k + 1], begins[k + 1]):
                if not f.done():
                    f.set_exception(err)
            raise

    def laid_out(k: int) -> tuple[bytes, list[str], dict]:
        a = begins[k].result()
        end = book.end_of(k)
        notes_to = book.notes_to
        if ahead[k]:  # into the next part, never to its end
            size, last = 0, book.end_of(k + 1)
            while end < last - 1 and size < min(OVERLAP_CHARS, part_chars // 4):
                size += len(book.flat[end])
                end += 1

        def placed(s: dict) -> int:
            if ahead[k]:
                found = _settle(s["starts"], a, book.nominal[k + 1], s["top"])
                if found is None:
                    raise _Redo
                at, page = found
                kept[k] = page - 1
                s = {**s, "pages": page - 1, "notes": notes_to[at] - notes_to[a],
                     "heads": [h for h in s["heads"] if h[1] < page],
                     "ents": [e for e in s["ents"] if e[1] < page]}
                begins[k + 1].set_result(at)
            laid[k + 1].set_result(s)
            timeline.mark("laid out")
            if all(laid[j].done() for j in range(k + 1)):
                return start_of(k)
            # laid out, waiting for the parts before it (the first: for the front, which
            # needs every heading, so the end of the stylesheet): the next part lays out
            # meanwhile, where this child would only wait (one part child beside the
            # stylesheet, and the cores idle until its end)
            slots.release()
            try:
                return start_of(k)
            finally:
                slots.acquire()
                timeline.mark("first page known, slot taken again")

        # the first page, when the parts before it are laid out already (a part that starts
        # once one before it has ended): set in the source, so that the PDF is made from the
        # layout as it is (a number learnt after the layout costs a third of a layout more)
        page = start_of(k) if all(laid[j].done() for j in range(k + 1)) else None
        place = Place(placed, firsts[k])
        try:
            return typeset(_code(book.preamble, statements(a, end, ahead[k]), page,
                                 notes_to[a]), True, place)
        except _Redo:
            ahead[k] = False
            begins[k + 1].set_result(book.nominal[k + 1])
            return typeset(_code(book.preamble, statements(a, book.nominal[k + 1], False),
                                 page, notes_to[a]), True, place)

    try:
        try:
            try:
                for line in lines:
                    book.line(line)
            finally:
                if streaming:
                    slots.release()
            book.end()
            # the front's pages (the contents, as long as the headings are many), laid out
            # with placeholder page numbers once every heading is known; the parts laid out
            # meanwhile wait for it to learn their first page
            placeholder = [(999, 0.0)] * len(book.heads)
            timeline.mark("the source complete")
            with timeline.acting("front"):
                laid[0].set_result(typeset(front_code(placeholder), False, None)[2])
        except BaseException as err:  # the parts waiting for the front must not wait for ever
            if not laid[0].done():
                laid[0].set_exception(err)
            raise
        n = len(book.parts)
        summaries = [waiting(laid[k]) for k in range(n + 1)]
        front_pages = summaries[0]["pages"]
        starts = [start_of(k) for k in range(n)]
        note_count = sum(s["notes"] for s in summaries)
        head_pages: list[Spot] = []
        ents: dict[str, list[Spot]] = {}
        for s, start in zip(summaries, [1, *starts], strict=True):
            head_pages += [(start + p - 1, y) for _, p, y in s["heads"]]
            for ref, p, y in s["ents"]:
                seen = ents.setdefault(ref, [])
                if not seen or seen[-1][0] != start + p - 1:
                    seen.append((start + p - 1, y))
        back_start = 1 + sum(s["pages"] for s in summaries)
        back = [_index_given(ln, ents) if ln.startswith("index(") else ln for ln in book.back]
        head_pages += [(back_start, 0.0)] * sum(1 for ln in book.back
                                               if ln.startswith("index("))
        if len(head_pages) != len(book.heads):
            raise TeieditionError(f"typesetting in parts: {len(book.heads)} headings in the "
                                  f"source, {len(head_pages)} laid out")
        ends = [ends_pool.submit(_acting, "front", typeset, front_code(head_pages), True, None),
                ends_pool.submit(_acting, "back", typeset,
                                 _code(book.preamble, back, back_start, note_count), True,
                                 None)]
        while bound < n:
            bind_next()
        middle = [d.result() for d in done]
        results = [ends[0].result(), *middle, ends[1].result()]
    finally:
        for f in done:  # stopped by an error: the parts not begun are not begun
            f.cancel()
        pool.shutdown(wait=True)
        ends_pool.shutdown(wait=True)
    for r, s, keep in zip(middle, summaries[1:], kept, strict=True):
        if (r[2].get("pages") if keep is None else keep) != s["pages"]:
            raise TeieditionError("typesetting in parts: a part's page count changed with "
                                  "its page numbers")
    if results[0][2].get("pages", front_pages) != front_pages:
        raise TeieditionError("typesetting in parts: the contents changed their page count")
    warnings = [w for r in results for w in r[1]]
    links = [(k, ln) for k, r in enumerate(results) for ln in r[2].get("links", ())]
    binder = binder or Binder()
    binder.add(results[-1][0])
    timeline.mark("the back bound")
    book_pdf = binder.finish(results[0][0], links)
    timeline.mark("the front, links and structure bound, written")
    return book_pdf, list(dict.fromkeys(warnings)), n


def _acting(who: str, typeset: Typeset, *args: object) -> tuple[bytes, list[str], dict]:
    """``typeset(*args)`` with its events for ``who`` (timeline)."""
    with timeline.acting(who):
        return typeset(*args)  # type: ignore[arg-type]


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Binder:
    """One PDF of a book's PDFs, bound as they arrive (``add``: the text's parts while the
    later ones are typeset, then the back; ``finish``: the front, typeset last, goes first):
    the front's catalog (metadata, XMP, output intent, language), every part's bookmarks,
    and the parts' structure trees as one (``tagged``: the book is a tagged PDF as a single
    run is).

    With pikepdf (qpdf, in C++): the pages of the parts are copied as they are, with the
    links inside each part; the book's 433 pages in 0.3 CPU-s (most of it the structure
    trees), done part by part beside the typesetting of the next parts, so that the end of
    a book waits only for the front, the back and the writing (0.1).
    """

    def __init__(self) -> None:
        import pikepdf

        from . import tagged

        self.out = pikepdf.new()
        self.structure = tagged.Merger(self.out)
        self.marks: list = []  # the bookmarks of the PDFs added, in order
        self.counts: list[int] = []  # the pages of each PDF added that are the book's

    def add(self, data: bytes, keep: int | None = None) -> None:
        """The next PDF of the book, of which the first ``keep`` pages are the book's (None:
        all)."""
        import pikepdf

        part = pikepdf.open(io.BytesIO(data))
        self.marks += self._bind(part, keep, front=False)

    def _bind(self, part: pikepdf.Pdf, keep: int | None, *, front: bool) -> list:
        """Copy the pages of ``part`` (the first ``keep``) into the book, after those bound
        before (before them: ``front``), with their structure; their bookmarks."""
        pages = list(part.pages)[:keep]
        at = 0 if front else len(self.out.pages)
        for j, page in enumerate(pages):
            self.out.pages.insert(at + j, page)
        copied = [self.out.pages[at + j] for j in range(len(pages))]
        n = 0 if front else len(self.counts) + 1  # the front 0, the PDFs added from 1
        self.structure.add(part, pages, copied, n, first=front)
        self.counts.insert(0 if front else len(self.counts), len(pages))
        where = {p.objgen: at + j for j, p in enumerate(pages)}
        with part.open_outline() as outline:
            return _marks(outline.root, where, self.out)

    def finish(self, front: bytes, links: Sequence[tuple[int, dict]] = ()) -> bytes:
        """The book: ``front`` before the PDFs added, its catalog the book's; ``links``:
        (PDF, link) per page number that points into another PDF (the front 0, the PDFs
        added from 1; te-link-to in edition.typ: its page in that PDF, x0, x1 and baseline
        y, its target's book page and y, in pt from the top left): each becomes a link
        annotation over the number, to that spot."""
        import pikepdf
        from pikepdf import Array, Dictionary, Name

        out = self.out
        source = pikepdf.open(io.BytesIO(front))
        self.marks[:0] = self._bind(source, None, front=True)
        for key, value in source.Root.items():  # metadata, XMP, language, output intent
            if key not in (Name.Type, Name.Pages, Name.StructTreeRoot, Name.Outlines,
                           Name.MarkInfo):
                out.Root[key] = _copied(out, source, value)
        if Name.Info in source.trailer:
            out.trailer.Info = _copied(out, source, source.trailer.Info)
        with out.open_outline() as outline:
            outline.root.extend(self.marks)
        firsts = [0, *itertools.accumulate(self.counts)]  # each PDF's first page index
        total = len(out.pages)
        for k, link in links:
            if not 0 <= k < len(self.counts):  # (checked before firsts[k] is read)
                continue
            at_page = firsts[k] + int(link["page"]) - 1
            to = int(link["target"]["page"]) - 1
            if not (0 <= at_page < total and 0 <= to < total):
                continue
            page, target = out.pages[at_page], out.pages[to]
            height = float(page.mediabox[3])
            top = float(target.mediabox[3]) - float(link["target"]["y"])
            y = height - float(link["y"])  # the number's baseline; the box spans its figures
            annot = out.make_indirect(Dictionary(
                Type=Name.Annot, Subtype=Name.Link, F=4, Border=Array([0, 0, 0]),
                Rect=Array([float(link["x0"]), y - _BELOW, float(link["x1"]), y + _ABOVE]),
                Dest=Array([target.obj, Name.XYZ, 0,
                            min(top + _ABOVE, float(target.mediabox[3])), None])))
            if Name.Annots not in page.obj:
                page.obj.Annots = Array()
            page.obj.Annots.append(annot)
        self.structure.finish()  # the parts' trees as one (or none, where a part had none)
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, min_version=source.pdf_version)
        return buffer.getvalue()


def _copied(out: pikepdf.Pdf, source: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """``value`` of ``source`` copied into ``out``: an indirect object as one, a direct one
    as it is (what it refers to copied: the copier maps what it copied before)."""
    from pikepdf import Array

    if value.is_indirect:
        return out.copy_foreign(value)
    return out.copy_foreign(source.make_indirect(Array([value])))[0]


def _marks(items: Sequence, at: dict, out: pikepdf.Pdf) -> list:
    """The bookmarks ``items`` of a part as bookmarks of ``out`` (the joined book): each to
    its page there (``at``: the part's page -> the book's index); one whose page is not
    kept goes, with what it holds."""
    from pikepdf import Array, OutlineItem

    found = []
    for item in items:
        dest = item.destination
        if not isinstance(dest, Array) or len(dest) == 0:
            continue
        page = at.get(dest[0].objgen)
        if page is None:
            continue
        copy = OutlineItem(item.title, Array([out.pages[page].obj, *list(dest)[1:]]))
        copy.children.extend(_marks(item.children, at, out))
        found.append(copy)
    return found


#: How far a link's box reaches below and above the baseline of its number (pt): the
#: figures of 10-11 pt type with a little room.
_BELOW, _ABOVE = 3.0, 10.0


def summary(answer: str) -> dict:
    """The ``<te-part>`` summary from Typst's query answer (a JSON value)."""
    value = json.loads(answer)
    if isinstance(value, list):
        value = value[0] if value else {}
    if not isinstance(value, dict) or "pages" not in value:
        raise TeieditionError("typesetting in parts: a part did not report its pages")
    return value


