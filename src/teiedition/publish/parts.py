"""A long text typeset in parts and joined into one PDF: any length in bounded memory.

Typst holds the layout of a whole document in memory (about 420 MB per million characters),
so a book is cut into parts at its chapters (the chapters that open a new page, so that a
part's pages are the pages a single run would give), each part typeset by a child process
of its own, two at a time. Two passes:

1. every part is laid out (no PDF written) and tells its page count, footnote count, the
   pages of its headings and of every name marked for the index (``te-part-end`` in
   edition.typ);
2. from these, each part learns its first page number and footnote number and is typeset
   again, now as PDF; the front (title page, contents with the book's pages) and the back
   (index of names with the book's pages, colophon) are typeset with the numbers they need.

The PDFs are joined with pypdf: one document with the front's metadata (and XMP, PDF/A
identification when asked for), the parts' bookmarks in order. What a part cannot carry across
the join: links from the index and the contents to their pages (plain numbers), and the
tagged-PDF structure (the joined file is untagged; a single run is tagged).
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import TeieditionError

#: Up to this many characters of text a document is one Typst run: faster (one layout
#: pass, not two), tagged, its contents and index linked; Typst peaks at 380-405 MB on ELTeC's
#: largest novel (911,000 characters, 277 pages). Longer texts are typeset in parts.
SINGLE_RUN_CHARS = 950_000
#: Characters of Typst source per part (about 200,000 characters of text, 70-80 pages of
#: A4; a part's Typst process peaks near 150 MB). A part ends at the first chapter that
#: opens a page after this many; a run without such chapters is cut at a paragraph.
PART_SOURCE_CHARS = 250_000

_OPEN = "\n#{\n"
_CHAPTER_PAGE = "chapter(level: 1, newpage: true"


@dataclass
class Book:
    """The Typst source of one text cut into what the passes typeset."""

    preamble: str  # the page design and `#show: edition.with(…)`, up to the code block
    front: list[str]  # title page (and `toc(…)`)
    parts: list[list[str]]  # the text, one list of statements per part
    back: list[str]  # index and colophon
    toc_title: str | None = None  # the contents' title (a string literal), when there is one
    heads: list[tuple[int, str]] = field(default_factory=list)  # (level, body) per heading


def needs_parts(chars: int, part_chars: int | None = None) -> bool:
    """Whether a text of ``chars`` characters is typeset in parts."""
    return chars > (SINGLE_RUN_CHARS if part_chars is None else part_chars)


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
    """Cut the Typst source of pdf.typst_source into front, parts and back."""
    at = source.index(_OPEN) + len(_OPEN)
    preamble = source[:at]
    lines = [ln for ln in source[at:].rstrip().removesuffix("}").split("\n") if ln.strip()]
    front = [lines.pop(0)] if lines and lines[0].startswith("titlepage(") else []
    toc_title = None
    if lines and lines[0].startswith("toc("):
        toc_title = arguments(lines.pop(0))[0]
    back: list[str] = []
    while lines and lines[-1].startswith(("colophon(", "index(")):
        back.insert(0, lines.pop())
    parts: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if parts[-1] and (size >= part_chars and line.startswith(_CHAPTER_PAGE)
                          or size >= 2 * part_chars):
            parts.append([])
            size = 0
        parts[-1].append(line)
        size += len(line)
    heads = [h for ln in lines + back if (h := _heading(ln)) is not None]
    return Book(preamble=preamble, front=front, parts=[p for p in parts if p], back=back,
                toc_title=toc_title, heads=heads)


def _toc(book: Book, pages: Sequence[int]) -> str:
    """The contents as one statement, from the headings of levels 1-2 and their pages."""
    entries = [f"(level: {lvl}, page: {p}, body: {body})"
               for (lvl, body), p in zip(book.heads, pages, strict=True) if lvl <= 2]
    return f"toc-given({book.toc_title}, ({', '.join(entries)},))"


_FIRST = "#let te-first-page = 1\n#let te-first-note = 0\n"


def _code(preamble: str, statements: Sequence[str], page: int = 1, notes: int = 0) -> str:
    """A document of ``statements`` whose first page is the book's ``page``, after ``notes``
    footnotes (edition.typ's te-first-page, te-first-note)."""
    if _FIRST not in preamble:
        raise TeieditionError("typesetting in parts: the page design does not say where "
                              "a part begins (te-first-page)")
    first = f"#let te-first-page = {int(page)}\n#let te-first-note = {int(notes)}\n"
    return preamble.replace(_FIRST, first, 1) + "\n".join([*statements, "te-part-end()"]) \
        + "\n}\n"


def _index_given(line: str, pages: dict[str, list[int]]) -> str:
    """index(title, groups) -> index(title, groups, given: (ref: (pages…), …))."""
    given = ", ".join(f"{typst_string(ref)}: ({', '.join(map(str, ns))},)"
                      for ref, ns in pages.items())
    return line[:-1] + f", given: ({given or ':'}))"


_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_FOOTNOTE = re.compile(r"(?<![\w-])fn\(")


def footnotes(statements: Sequence[str]) -> int:
    """How many footnotes ``statements`` make (each ``fn(`` outside string literals steps
    Typst's footnote counter): known before layout, so the first pass already numbers a
    part's footnotes as the book does and lays out the same lines as the second."""
    return sum(len(_FOOTNOTE.findall(_LITERAL.sub('""', s))) for s in statements)


Typeset = Callable[[str, bool], tuple[bytes, list[str], dict]]


def typeset_book(source: str, typeset: Typeset, *, workers: int | None = None,
                 part_chars: int = PART_SOURCE_CHARS) -> tuple[bytes, list[str], int]:
    """Typeset ``source`` (pdf.typst_source) in parts; return the joined PDF, the warnings and
    the number of text parts.

    ``typeset(code, final)`` runs Typst on ``code`` in a child process: with ``final`` it
    returns the PDF, else only the ``<te-part>`` summary (a layout, no PDF).
    """
    book = cut(source, part_chars)
    workers = max(1, min(workers or _cores(), len(book.parts)))
    first = ["opening()"] if book.toc_title is None else []
    texts = [[*(first if k == 0 else []), *part] for k, part in enumerate(book.parts)]
    before = [footnotes(book.front) + sum(footnotes(t) for t in texts[:k])
              for k in range(len(texts))]

    def front_code(pages: Sequence[int]) -> str:
        toc = [_toc(book, pages)] if book.toc_title is not None else []
        return _code(book.preamble, [*book.front, *toc])

    placeholder = [999] * len(book.heads)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # pass 1: the layout of every part (and of the front with placeholder pages)
        summaries = list(pool.map(lambda c: typeset(c, False)[2], [
            front_code(placeholder),
            *(_code(book.preamble, t, 1, n) for t, n in zip(texts, before, strict=True))]))
        front_pages = summaries[0]["pages"]
        starts, notes, pages = [], [], 0
        note_count = 0
        head_pages: list[int] = []
        ents: dict[str, list[int]] = {}
        for k, s in enumerate(summaries):  # the front (page 1 on), then the parts
            start = pages + 1
            if k > 0:
                starts.append(start)
                notes.append(note_count)  # as laid out (pass 1 numbered from `before`)
            head_pages += [start + p - 1 for _, p in s["heads"]]
            for ref, p in s["ents"]:
                seen = ents.setdefault(ref, [])
                if not seen or seen[-1] != start + p - 1:
                    seen.append(start + p - 1)
            pages += s["pages"]
            note_count += s["notes"]
        back_start = pages + 1
        back = [_index_given(ln, ents) if ln.startswith("index(") else ln for ln in book.back]
        head_pages += [back_start] * sum(1 for ln in book.back if ln.startswith("index("))
        if len(head_pages) != len(book.heads):
            raise TeieditionError(f"typesetting in parts: {len(book.heads)} headings in the "
                                  f"source, {len(head_pages)} laid out")
        # pass 2: every part as PDF with its place in the book
        finals = [front_code(head_pages),
                  *(_code(book.preamble, t, s, n)
                    for t, s, n in zip(texts, starts, notes, strict=True)),
                  _code(book.preamble, back, back_start, note_count)]
        results = list(pool.map(lambda c: typeset(c, True), finals))
    if results[0][2].get("pages", front_pages) != front_pages:
        raise TeieditionError("typesetting in parts: the contents changed their page count")
    warnings = [w for r in results for w in r[1]]
    return join([r[0] for r in results]), list(dict.fromkeys(warnings)), len(texts)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def join(pdfs: Sequence[bytes]) -> bytes:
    """One PDF of the parts in order: the first part's catalog (metadata, XMP, output intent,
    language) and every part's bookmarks. The parts' structure trees are not merged, so the
    joined file does not claim to be tagged."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdfs[0])))
    for data in pdfs[1:]:
        writer.append(PdfReader(io.BytesIO(data)), import_outline=True)
    root = writer._root_object
    for key in ("/StructTreeRoot", "/MarkInfo", "/ParentTree"):
        if NameObject(key) in root:
            del root[NameObject(key)]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def summary(answer: str) -> dict:
    """The ``<te-part>`` summary from Typst's query answer (a JSON value)."""
    value = json.loads(answer)
    if isinstance(value, list):
        value = value[0] if value else {}
    if not isinstance(value, dict) or "pages" not in value:
        raise TeieditionError("typesetting in parts: a part did not report its pages")
    return value


