"""Make the layout suite: real typeset books, extracted as users extract them, with answer keys.

    python scripts/make_layout_suite.py                  # the CI-sized suite -> tests/data/layouts/
    python scripts/make_layout_suite.py --full DIR       # whole novels (for benchmarks/layouts.py)
    python scripts/make_layout_suite.py --only swe-wagner--t-foot-centre   # one case
    python scripts/make_layout_suite.py --unseen         # the development held-out set
    python scripts/make_layout_suite.py --fresh          # the second development set
    python scripts/make_layout_suite.py --fresh2         # the third development set

Deterministic: the same corpora, fonts, Typst, Chromium and poppler give the same files.

Each case is one ELTeC novel (``../shared/corpora/eltec-swe`` and ``eltec-other``: Swedish,
English, German, French) typeset with one page design (Typst, or Chromium's print-to-PDF of
HTML with CSS ``@page`` margin boxes), then extracted four ways, *uncleaned*:

- ``pdftotext``: poppler's default mode (form feed at each page end);
- ``pdftotext-noff``: the same with the form feeds removed (text copied out of a viewer);
- ``pdftotext-layout``: ``pdftotext -layout`` (columns kept with spaces);
- ``pypdf``: ``pypdf``'s ``extract_text`` per page, joined by newlines.

The answer key (``key.json``) is what was typeset: the words in order (title page, heads,
paragraphs, verse lines), the blocks over them, the pages (the word each page's text starts
with, whether it starts inside a word, the printed number, the furniture), and every line-end
hyphen in the PDF with its correct reading. Pages and hyphens are read from the PDF itself
(``pdftotext -bbox-layout``: words with their boxes per page, the body area told from the
margins by position) aligned character by character to the typeset words, never guessed.

``manifest.json`` lists the cases and which are held out from tuning (see the README there).

``--unseen`` makes a second, development held-out set (``tests/data/layouts/unseen/``): the
tuned novels' later chapters typeset in designs the rules were not written for (``UNSEEN``),
to check a change generalises without reading the official held-out cases.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
if not CORPORA.is_dir():  # a worktree under /work/wt/NAME
    CORPORA = REPO.parent.parent / "shared" / "corpora"
OUT = REPO / "tests" / "data" / "layouts"
TEI = "{http://www.tei-c.org/ns/1.0}"

#: (short name, file, language code); one row per novel.
TEXTS = [
    ("swe-wagner", "eltec-swe/SWE1619135_Wagner.xml", "sv"),
    ("swe-flygare", "eltec-swe/SWE2105353_FlygareCarlen.xml", "sv"),
    ("swe-strindberg", "eltec-swe/SWE262937_Strindberg.xml", "sv"),
    ("swe-lagerlof", "eltec-swe/SWE501583_Lagerlof.xml", "sv"),
    ("eng-trollope", "eltec-other/ENG18742_Trollope.xml", "en"),
    ("eng-wells", "eltec-other/ENG18952_Wells.xml", "en"),
    ("eng-chesterton", "eltec-other/ENG19080_Chesterton.xml", "en"),
    ("deu-spyri", "eltec-other/DEU052.xml", "de"),
    ("deu-dohm", "eltec-other/DEU063.xml", "de"),
    ("deu-sudermann", "eltec-other/DEU092.xml", "de"),
    ("fra-gouraud", "eltec-other/FRA02201_Gouraud.xml", "fr"),
    ("fra-corday", "eltec-other/FRA04801_Corday.xml", "fr"),
    ("fra-lermina", "eltec-other/FRA05501_Lermina.xml", "fr"),
]
#: Nobody tunes on these: one text per language ...
HELD_OUT_TEXTS = {"swe-lagerlof", "eng-trollope", "deu-dohm", "fra-gouraud"}
#: ... and one design of each engine.
HELD_OUT_DESIGNS = {"t-caps-outer", "c-verso-recto"}
EXTRACTIONS = ("pdftotext", "pdftotext-noff", "pdftotext-layout", "pypdf")
HYPHENS = "-\u2010\xad"


# ---------------------------------------------------------------------------------------------
# the text: blocks from ELTeC


@dataclass
class Block:
    kind: str  # "title" (title page), "head", "p", "l" (a verse line)
    text: str
    group: int = 0  # verse: lines of one stanza share a group; heads of one division too


@dataclass
class Book:
    name: str
    language: str
    author: str
    title: str
    chapters: list[list[Block]] = field(default_factory=list)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\xad", "")
    return " ".join(text.replace("\xa0", " ").replace("\u2009", " ").split())


def _text_of(el: etree._Element) -> str:
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        name = etree.QName(e).localname if isinstance(e.tag, str) else ""
        if name in ("note", "fw", "pb", "gap", "milestone"):
            pass
        elif e.text and isinstance(e.tag, str):
            parts.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                parts.append(c.tail)

    walk(el)
    return _clean("".join(parts))


def _divisions(body: etree._Element) -> list[list[Block]]:
    """The body's leaf divisions as block lists (heads, paragraphs, verse lines)."""
    out: list[list[Block]] = []
    group = 0

    def leaf(div: etree._Element) -> None:
        nonlocal group
        blocks: list[Block] = []
        stanza = None
        for el in div.iter():
            name = etree.QName(el).localname if isinstance(el.tag, str) else ""
            if name == "head" and el.getparent() is div:
                if (t := _text_of(el)):
                    blocks.append(Block("head", t, group))
            elif name == "p" and not el.xpath("ancestor::*[local-name()='p' or "
                                              "local-name()='note']"):
                lines = el.findall(f".//{TEI}l")
                if lines:
                    group += 1
                    blocks.extend(Block("l", t, group) for ln in lines if (t := _text_of(ln)))
                elif (t := _text_of(el)):
                    blocks.append(Block("p", t))
            elif name == "l" and not el.xpath("ancestor::*[local-name()='p']"):
                par = el.getparent()
                if par is not stanza:  # a new stanza (lg) or run of lines
                    stanza = par
                    group += 1
                if (t := _text_of(el)):
                    blocks.append(Block("l", t, group))
        if blocks:
            out.append(blocks)

    def visit(el: etree._Element) -> None:
        divs = [c for c in el if isinstance(c.tag, str) and etree.QName(c).localname == "div"]
        if not divs:
            leaf(el)
            return
        # a part's own heads go before its first chapter's
        heads = [Block("head", t) for c in el if isinstance(c.tag, str)
                 and etree.QName(c).localname == "head" and (t := _text_of(c))]
        start = len(out)
        for d in divs:
            visit(d)
        if heads and len(out) > start:
            out[start][:0] = heads

    visit(body)
    return out


def read_book(name: str, path: Path, language: str) -> Book:
    tree = etree.parse(str(path))
    author = _clean(tree.findtext(f".//{TEI}titleStmt/{TEI}author") or "")
    author = re.sub(r"\s*\(.*?\)\s*", " ", author).strip()
    if "," in author:  # "Lagerlöf, Selma" -> "Selma Lagerlöf"
        last, first = author.split(",", 1)
        author = f"{first.strip()} {last.strip()}"
    title = _clean(tree.findtext(f".//{TEI}titleStmt/{TEI}title") or name)
    title = re.sub(r"\s*:\s*ELTeC.*$", "", title).strip()
    body = tree.find(f".//{TEI}body")
    return Book(name, language, author, title, _divisions(body))


def excerpt(book: Book, words: int | None, later: bool | float = False) -> list[list[Block]]:
    """About ``words`` words: the openings of the first chapters, and a chapter with verse
    if the novel has verse (its opening up to the verse and a little after). None: all.
    ``later``: three chapters from the middle of the novel instead (no verse sought); a
    float: from that share of the novel's chapters (0.75: its last quarter)."""
    if words is None:
        return book.chapters
    chapters = book.chapters
    per = max(400, words // 3)
    at = 0.5 if later is True else float(later)
    first = min(max(0, int(len(chapters) * at) - (1 if later is True else 0)),
                max(0, len(chapters) - 3)) if later else 0
    chosen: list[int] = list(range(first, min(first + 3, len(chapters))))
    verse = None if later else next(
        (i for i, c in enumerate(chapters) if any(b.kind == "l" for b in c)), None)
    if verse is not None and verse not in chosen:
        chosen[-1] = verse
    out: list[list[Block]] = []
    for i in chosen:
        blocks = chapters[i]
        count, taken = 0, []
        first_l = next((k for k, b in enumerate(blocks) if b.kind == "l"), None)
        # a chapter with verse: from a few blocks before the verse (keeping the heads)
        start = 0
        if i == verse and first_l is not None and first_l > 8:
            taken = [b for b in blocks[:first_l] if b.kind == "head"]
            start = first_l - 4
        for b in blocks[start:]:
            taken.append(b)
            count += len(b.text.split())
            if count >= per and b.kind != "l" and b.kind != "head":
                break
        # a one-division novel (no chapters): the budget goes to it
        out.append(taken)
    if len(chapters) == 1:
        count, taken = 0, []
        for b in chapters[0]:
            taken.append(b)
            count += len(b.text.split())
            if count >= words and b.kind == "p":
                break
        out = [taken]
    return out


# ---------------------------------------------------------------------------------------------
# page designs


@dataclass(frozen=True)
class Design:
    name: str
    engine: str  # "typst" or "chromium"
    width: float  # pt
    height: float
    top: float  # margins, pt
    bottom: float
    inner: float
    outer: float
    font: str
    size: float
    leading: float  # em
    indent: float  # em; 0: paragraphs spaced instead
    spacing: float  # em between paragraphs
    header: str  # see _typst_furniture
    footer: str
    new_page: bool = True  # chapters begin on a new page
    title_page: bool = False
    roman_front: bool = False  # the first chapter in roman numerals, then 1 again
    plates: bool = False  # a gap in the numbers after each chapter (a plate)
    justify: bool = True
    head_case: str = "as-is"  # or "upper"
    chapter_numbers: str = ""  # "roman": each chapter headed by its number alone (XIV);
    # "title": by its title alone, without the division's name or number
    initial: bool = False  # a chapter's first paragraph opens with a large initial
    head_style: str = ""  # "smallcaps": chapter heads in small capitals (not bold)
    columns: int = 1  # text columns on the page (2: a newspaper's page)
    description: str = ""


DESIGNS = [
    Design("t-foot-centre", "typst", 360, 560, 50, 60, 50, 45, "Libertinus Serif", 11, 0.6,
           1.5, 0.6, "", "number-centre", description="number at the foot, centred; indented "
           "paragraphs; chapters on new pages"),
    Design("t-head-outer", "typst", 420, 620, 65, 50, 55, 50, "Liberation Serif", 11, 0.65,
           1.2, 0.65, "verso-author-recto-title", "", title_page=True,
           description="running heads: verso 'N AUTHOR', recto 'TITLE N'; none on chapter "
           "openings; title page; indented paragraphs"),
    Design("t-chapter-spaced", "typst", 460, 680, 60, 60, 60, 60, "DejaVu Serif", 10, 0.6,
           0, 1.2, "chapter-centre", "number-right", new_page=False,
           description="chapter title as running head, number at the foot right; spaced "
           "paragraphs without indent; chapters run on"),
    Design("t-roman-front", "typst", 500, 720, 60, 55, 65, 65, "New Computer Modern", 10, 0.55,
           1.5, 0.55, "author-left-number-right", "", title_page=True, roman_front=True,
           description="head 'AUTHOR ... N' on every page; title page and first chapter in "
           "roman numerals, then 1; indented paragraphs"),
    Design("t-bare-head", "typst", 300, 500, 55, 45, 40, 40, "Libertinus Serif", 10.5, 0.6,
           1.0, 0.6, "number-centre", "", justify=True,
           description="a bare number at the head of every page; narrow column; indented"),
    Design("t-caps-outer", "typst", 400, 600, 60, 60, 55, 50, "DejaVu Serif", 9.5, 0.6,
           1.5, 0.6, "title-caps-centre", "number-outer", head_case="upper",
           description="the title in capitals at the head, centred; number at the foot, "
           "outer side (alternating); capitalised chapter heads"),
    Design("t-dash-number", "typst", 380, 580, 70, 70, 60, 60, "Liberation Sans", 10, 0.7,
           1.5, 1.0, "", "dash-number-centre",
           description="'— N —' at the foot; indented and spaced paragraphs; sans font; "
           "wide margins"),
    Design("t-plates", "typst", 430, 640, 60, 50, 55, 55, "Liberation Serif", 10.5, 0.6,
           1.3, 0.6, "chapter-left-number-right", "", plates=True, title_page=True,
           description="head 'CHAPTER TITLE ... N' (number right); a plate after each "
           "chapter (a gap of two in the numbers); title page"),
    Design("c-margin-boxes", "chromium", 369, 567, 57, 57, 48, 48, "Liberation Serif", 11,
           0.0, 1.5, 0, "title-centre", "number-centre",
           description="Chromium @page margin boxes: title at the top centre, number at the "
           "foot centre; indented paragraphs; CSS hyphenation"),
    Design("c-verso-recto", "chromium", 420, 595, 60, 50, 55, 50, "DejaVu Serif", 10, 0.0,
           0, 0.8, "verso-number-author-recto-title-number", "",
           description="Chromium @page :left/:right: 'N AUTHOR' on versos, 'TITLE N' on "
           "rectos; spaced paragraphs; ragged right"),
]
#: The development held-out set (``--unseen``): page styles none of the rules was written
#: for, to typeset the tuned novels' later chapters.
UNSEEN = [
    Design("u-rule-foot", "typst", 390, 600, 60, 62, 55, 50, "Liberation Serif", 10.5, 0.6,
           1.2, 0.6, "chapter-smallcaps-centre", "rule-number-centre",
           description="chapter title in small capitals at the head, centred; a rule over "
           "the number at the foot, centred; indented paragraphs; chapters on new pages"),
    Design("u-paren-outer", "typst", 340, 540, 62, 45, 45, 45, "DejaVu Serif", 9.5, 0.62,
           1.4, 0.62, "paren-number-outer", "", new_page=False,
           description="'(N)' at the head, outer side; chapters run on; indented paragraphs"),
    Design("u-title-chapter", "typst", 440, 650, 62, 55, 60, 55, "New Computer Modern", 10.5,
           0.6, 0, 1.0, "verso-number-title-recto-chapter-number", "", title_page=True,
           description="verso 'N TITLE', recto 'CHAPTER N' in capitals; spaced paragraphs "
           "without indent; title page"),
    Design("c-foot-outer", "chromium", 400, 590, 55, 60, 55, 50, "Liberation Sans", 10, 0.0,
           1.2, 0, "author-smallcaps-centre", "number-outer",
           description="Chromium: the author in small capitals at the top centre, the number "
           "at the foot, outer corner; indented paragraphs; sans"),
]
#: A second development set (``--fresh``), made before the heading and page work of the
#: session that made it and scored once before any tuning: three more designs, the tuned
#: novels' last quarter.
FRESH = [
    Design("f-roman-run", "typst", 380, 590, 64, 66, 55, 50, "Libertinus Serif", 10.5, 0.6,
           1.3, 0.6, "chapter-centre-plain", "rule-number-outer", new_page=False,
           chapter_numbers="roman",
           description="each chapter headed by its roman numeral alone (its title, if any, "
           "under it); that numeral as the running head, centred; a rule over the number at "
           "the foot, outer side; chapters run on; indented paragraphs"),
    Design("f-two-line", "typst", 410, 630, 72, 58, 58, 52, "DejaVu Serif", 9.5, 0.62,
           0, 0.9, "author-smallcaps-over-title", "bracket-number-centre", title_page=True,
           description="a two-line running head: the author in small capitals over the title "
           "in italics, centred; '[N]' at the foot, centred; spaced paragraphs without "
           "indent; title page; chapters on new pages"),
    Design("c-rule-foot", "chromium", 380, 580, 52, 64, 56, 48, "Liberation Serif", 10.5,
           0.0, 1.6, 0, "none", "rule-number-centre",
           description="Chromium: no running head; the number at the foot, centred, under a "
           "rule (a margin box's border); indented paragraphs; chapters on new pages"),
]
#: A third development set (``--fresh2``, issue 13's eighth session), made and scored before
#: any change of that session: designs unlike all the above, the tuned novels' chapters from a
#: third into the book (none of the other sets starts there).
FRESH2 = [
    Design("g-foot-line", "typst", 400, 610, 55, 70, 58, 50, "Liberation Serif", 10.5, 0.62,
           1.3, 0.62, "", "verso-number-author-recto-chapter-number",
           description="running head and number in one footer line: verso 'N  AUTHOR', "
           "recto 'CHAPTER TITLE  N'; nothing at the head; indented paragraphs; chapters "
           "on new pages"),
    Design("g-initial-caps", "typst", 370, 570, 60, 50, 52, 48, "Libertinus Serif", 10.5,
           0.6, 1.2, 0.6, "number-outer", "", initial=True, head_style="smallcaps",
           description="no running head, the bare number at the head, outer corner; chapter "
           "heads in small capitals; each chapter opens with a large initial; indented "
           "paragraphs; chapters on new pages"),
    Design("g-title-only", "typst", 430, 640, 64, 60, 58, 54, "DejaVu Serif", 9.5, 0.6,
           0, 0.9, "verso-title-recto-chapter-italic", "number-centre", new_page=False,
           chapter_numbers="title",
           description="chapters headed by their title alone (no division's name nor "
           "number); running heads without a number, verso the book's title, recto the "
           "chapter's, in italics; the number at the foot, centred; spaced paragraphs; "
           "chapters run on"),
    Design("g-two-column", "typst", 440, 600, 58, 50, 40, 40, "Liberation Sans", 8.5, 0.5,
           1.0, 0.5, "title-number-centre", "", new_page=False, columns=2,
           description="a newspaper's page: two columns, small sans type, 'TITLE — N' "
           "centred at the head over both; indented paragraphs; chapters run on"),
    Design("c-foot-line", "chromium", 390, 580, 50, 66, 52, 48, "DejaVu Serif", 10, 0.0,
           1.4, 0, "none-foot", "author-number-title",
           description="Chromium: one footer line of three margin boxes, the author left, "
           "the number centred, the title right; nothing at the head; indented paragraphs"),
    Design("c-named-pages", "chromium", 410, 600, 62, 52, 56, 50, "Liberation Serif", 10.5,
           0.0, 1.3, 0, "verso-number-title-recto-chapter-number", "",
           description="Chromium @page :left/:right with a named page per chapter (its title "
           "in the recto's head: Chromium does not do string-set): verso 'N  TITLE', recto "
           "'CHAPTER TITLE  N'; indented paragraphs; chapters on new pages"),
]
BY_NAME = {d.name: d for d in DESIGNS + UNSEEN + FRESH + FRESH2}
UNSEEN_OUT = OUT / "unseen"
FRESH_OUT = OUT / "fresh"
FRESH2_OUT = OUT / "fresh2"


def _s(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _typst_header(kind: str, book: Book) -> str:
    author, title = _s(book.author), _s(book.title)
    up_title = _s(book.title.upper())
    n = "counter(page).display(if page.numbering == none {\"1\"} else {page.numbering})"
    chapter = ("{ let hs = query(heading.where(level: 1).before(here())); "
               "if hs.len() > 0 { hs.last().body } else { " + title + " } }")
    return {
        "": "none",
        "number-centre": f"align(center, {n})",
        "number-right": f"align(right, {n})",
        "number-outer": f"if calc.even(here().page()) {{ align(left, {n}) }} "
                        f"else {{ align(right, {n}) }}",
        "dash-number-centre": f"align(center, [— #{n} —])",
        "verso-author-recto-title": f"if calc.even(here().page()) {{ [#{n} #h(1fr) #{author}] }}"
                                    f" else {{ [#{title} #h(1fr) #{n}] }}",
        "chapter-centre": f"align(center, text(style: \"italic\", {chapter}))",
        "author-left-number-right": f"[#{author} #h(1fr) #{n}]",
        "title-caps-centre": f"align(center, text(tracking: 0.5pt, {up_title}))",
        "chapter-left-number-right": f"[#{chapter} #h(1fr) #{n}]",
        "chapter-smallcaps-centre": f"align(center, smallcaps({chapter}))",
        "rule-number-centre": f"[#line(length: 100%, stroke: 0.4pt) #v(-0.4em) "
                              f"#align(center, {n})]",
        "chapter-centre-plain": "align(center, { let hs = query(heading.where(level: 1)"
                                ".before(here())); if hs.len() > 0 { hs.last().body } })",
        "rule-number-outer": f"[#line(length: 100%, stroke: 0.4pt) #v(-0.4em) "
                             f"#if calc.even(here().page()) {{ align(left, {n}) }} "
                             f"else {{ align(right, {n}) }}]",
        "author-smallcaps-over-title": f"align(center, [#smallcaps({author}) \\ "
                                       f"#text(style: \"italic\", {title})])",
        "bracket-number-centre": f"align(center, [\\[#{n}\\]])",
        "verso-number-author-recto-chapter-number":
            f"if calc.even(here().page()) {{ [#{n} #h(1fr) #{author}] }} "
            f"else {{ [#{chapter} #h(1fr) #{n}] }}",
        "verso-title-recto-chapter-italic":
            f"align(center, text(style: \"italic\", if calc.even(here().page()) {{ {title} }} "
            f"else {{ {chapter} }}))",
        "title-number-centre": f"align(center, [#{up_title} — #{n}])",
        "paren-number-outer": f"if calc.even(here().page()) {{ align(left, [(#{n})]) }} "
                              f"else {{ align(right, [(#{n})]) }}",
        "verso-number-title-recto-chapter-number":
            f"if calc.even(here().page()) {{ [#{n} #h(1fr) #{up_title}] }} "
            f"else {{ [#upper({chapter}) #h(1fr) #{n}] }}",
    }[kind]


def _runs(chapter: list[Block]) -> Iterator[list[Block]]:
    """The chapter's blocks one by one, the lines of a stanza (same group) together."""
    k = 0
    while k < len(chapter):
        run = [chapter[k]]
        while run[0].kind == "l" and k + 1 < len(chapter) and chapter[k + 1].kind == "l" \
                and chapter[k + 1].group == run[0].group:
            k += 1
            run.append(chapter[k])
        yield run
        k += 1


def typst_source(book: Book, chapters: list[list[Block]], d: Design) -> str:
    """The Typst document of one case."""

    def furniture(kind: str) -> str:
        if not kind:
            return "none"
        body = _typst_header(kind, book)
        # no furniture on the title page and on chapter openings (pages with a level-1 head;
        # a newspaper's page has its head whatever it holds)
        opening = "false" if d.columns > 1 else \
            "query(heading.where(level: 1)).any(h => h.location().page() == p)"
        return ("context { let p = here().page(); "
                f"let opening = {opening}; "
                f"let tp = {str(d.title_page).lower()} and p == 1; "
                f"if not opening and not tp {{ {body} }} }}")

    heading = "smallcaps(it.body)" if d.head_style == "smallcaps" else \
        "text(weight: \"bold\", it.body)"
    lines = [
        f"#set page(width: {d.width}pt, height: {d.height}pt, margin: (top: {d.top}pt, "
        f"bottom: {d.bottom}pt, inside: {d.inner}pt, outside: {d.outer}pt), "
        f"header: {furniture(d.header)}, footer: {furniture(d.footer)}, "
        f"numbering: {_s('i' if d.roman_front else '1')}, columns: {d.columns})",
        "#set columns(gutter: 14pt)",
        f"#set text(font: {_s(d.font)}, size: {d.size}pt, lang: {_s(book.language)}, "
        "hyphenate: true)",
        f"#set par(justify: {str(d.justify).lower()}, leading: {d.leading}em, "
        f"first-line-indent: {d.indent}em, spacing: {d.spacing}em)",
        "#show heading: it => block(width: 100%, above: 2.2em, below: 1.4em, "
        f"align(center, text(size: 1.15em, {heading})))",
        "#show heading.where(level: 2): it => block(width: 100%, above: 0.6em, below: 1.4em, "
        "align(center, text(size: 1.0em, style: \"italic\", it.body)))",
        "",
    ]
    if d.title_page:
        lines += [
            "#v(25%)", f"#align(center, text(size: 1.2em, {_s(book.author)}))", "#v(2em)",
            f"#align(center, text(size: 1.8em, weight: \"bold\", {_s(book.title)}))",
            "#pagebreak()", "",
        ]
    for ci, chapter in enumerate(chapters):
        if ci and d.new_page:
            lines.append("#pagebreak(weak: true)")
        if ci == 1 and d.roman_front:
            lines += ["#set page(numbering: \"1\")", "#counter(page).update(1)"]
        if ci and d.plates:
            lines.append("#counter(page).update(n => n + 2)")
        level = 1
        opening = d.initial
        for group in _runs(chapter):
            b = group[0]
            if b.kind == "head":
                text = b.text.upper() if d.head_case == "upper" else b.text
                lines.append(f"#heading(level: {level}, {_s(text)})")
                level = 2
            elif opening and b.kind == "p" and b.text[:1].isalpha():
                # a large initial, sunk below the line (the word it begins goes on after it)
                lines.append(f"#box(text(size: 2.6em, baseline: 0.45em, {_s(b.text[0])}))"
                             f"#{_s(b.text[1:])}")
                opening = False
                level = 1
            elif b.kind == "l":
                verse = " #linebreak() ".join(f"#{_s(g.text)}" for g in group)
                lines.append("#block(inset: (left: 2.5em), above: 1em, below: 1em)"
                             f"[#set par(first-line-indent: 0pt, justify: false); {verse}]")
            else:
                lines.append(f"#{_s(b.text)}")
                level = 1 if level == 2 else level
                opening = False
            lines.append("")
    return "\n".join(lines) + "\n"


def _css(text: str) -> str:
    """A CSS string (its characters as they are: json's ``\\u00e9`` is no CSS escape)."""
    return json.dumps(text, ensure_ascii=False)


def html_source(book: Book, chapters: list[list[Block]], d: Design) -> str:
    """The HTML document of one Chromium case (CSS paged media)."""
    mm = f"{d.top}pt {d.outer}pt {d.bottom}pt {d.inner}pt"
    box = f"font: {d.size * 0.85}pt '{d.font}'"
    if d.header == "none":
        pages = (f"@page {{ @bottom-center {{ content: counter(page); {box}; "
                 "border-top: 0.5pt solid black; padding-top: 3pt; vertical-align: top } }")
    elif d.header == "title-centre":
        margins = (f"@top-center {{ content: {json.dumps(book.title)}; {box} }} "
                   f"@bottom-center {{ content: counter(page); {box} }}")
        pages = f"@page {{ {margins} }}"
    elif d.header == "none-foot":  # one footer line: author, number, title
        pages = (f"@page {{ @bottom-left {{ content: {_css(book.author)}; {box} }} "
                 f"@bottom-center {{ content: counter(page); {box} }} "
                 f"@bottom-right {{ content: {_css(book.title)}; {box} }} }}")
    elif d.header == "verso-number-title-recto-chapter-number":
        # a named page per chapter, its title in the recto's head (Chromium has no
        # string-set: a margin box cannot take the text of the page's heading)
        pages = (f"@page :left {{ @top-left {{ content: counter(page); {box} }} "
                 f"@top-right {{ content: {_css(book.title)}; {box}; "
                 "font-style: italic } } "
                 f"@page :right {{ @top-right {{ content: counter(page); {box} }} }} ")
        for ci, chapter in enumerate(chapters):
            heads = [b.text for b in chapter if b.kind == "head"]
            name = heads[-1] if heads else book.title
            pages += (f"@page ch{ci}:right {{ @top-left {{ content: {_css(name)}; "
                      f"{box}; font-style: italic }} }} "
                      f"@page ch{ci}:first {{ @top-left {{ content: none }} "
                      f"@top-right {{ content: none }} }} ")
    elif d.header == "author-smallcaps-centre":
        pages = (f"@page {{ @top-center {{ content: {json.dumps(book.author)}; {box}; "
                 "font-variant: small-caps } } "
                 f"@page :left {{ @bottom-left {{ content: counter(page); {box} }} }} "
                 f"@page :right {{ @bottom-right {{ content: counter(page); {box} }} }}")
    else:
        pages = (f"@page :left {{ @top-left {{ content: counter(page); {box} }} "
                 f"@top-right {{ content: {json.dumps(book.author)}; {box} }} }} "
                 f"@page :right {{ @top-left {{ content: {json.dumps(book.title)}; {box} }} "
                 f"@top-right {{ content: counter(page); {box} }} }}")
    css = (
        f"@page {{ size: {d.width}pt {d.height}pt; margin: {mm}; }} {pages} "
        f"@page chapter:first {{ @top-center {{ content: none }} @top-left {{ content: none }} "
        f"@top-right {{ content: none }} }} "
        f"body {{ margin: 0; font: {d.size}pt/1.35 '{d.font}'; hyphens: auto; "
        f"text-align: {'justify' if d.justify and d.indent else 'left'}; }} "
        f"p {{ margin: 0 0 {d.spacing}em 0; text-indent: {d.indent}em; }} "
        "h2 { font-size: 1.2em; text-align: center; margin: 2em 0 1.2em; } "
        "h3 { font-size: 1em; font-style: italic; text-align: center; margin: 0 0 1.2em; } "
        f"section {{ page: chapter; {'break-before: page;' if d.new_page else ''} }} "
        ".verse { margin: 0.8em 0 0.8em 2.5em; text-indent: 0; text-align: left; }"
    )
    out = [f"<!DOCTYPE html><html lang=\"{book.language}\"><head><meta charset=\"utf-8\">"
           f"<title>{html.escape(book.title)}</title><style>{css}</style></head><body>"]
    named = d.header == "verso-number-title-recto-chapter-number"
    for ci, chapter in enumerate(chapters):
        out.append(f"<section style=\"page: ch{ci}\">" if named else "<section>")
        level = 2
        for group in _runs(chapter):
            b = group[0]
            if b.kind == "head":
                out.append(f"<h{level}>{html.escape(b.text)}</h{level}>")
                level = 3
            elif b.kind == "l":
                out.append("<p class=\"verse\">" + "<br>".join(html.escape(g.text)
                                                              for g in group) + "</p>")
            else:
                out.append(f"<p>{html.escape(b.text)}</p>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)


def typeset(book: Book, chapters: list[list[Block]], d: Design, tmp: Path) -> Path:
    pdf = tmp / "book.pdf"
    if d.engine == "typst":
        import typst

        src = tmp / "book.typ"
        src.write_text(typst_source(book, chapters, d), encoding="utf-8")
        typst.compile(str(src), output=str(pdf), font_paths=[], timestamp=0)
    else:
        src = tmp / "book.html"
        src.write_text(html_source(book, chapters, d), encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={tmp / 'profile'}", f"--print-to-pdf={pdf}", src.as_uri()],
            check=True, capture_output=True, timeout=120)
    return pdf


# ---------------------------------------------------------------------------------------------
# extraction and the key


def extract(pdf: Path) -> dict[str, str]:
    def run(*args: str) -> str:
        return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"],
                              check=True, capture_output=True).stdout.decode("utf-8")

    from pypdf import PdfReader

    default = run()
    return {
        "pdftotext": default,
        "pdftotext-noff": default.replace("\f", ""),
        "pdftotext-layout": run("-layout"),
        "pypdf": "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages),
    }


def pdf_pages(pdf: Path, d: Design) -> list[dict]:
    """Per page: the body lines (lists of words) and the furniture, from -bbox-layout."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"],
                           check=True, capture_output=True).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(recover=True))
    out = []
    for page in root.iter("{*}page"):
        height = float(page.get("height"))
        body: list[list[str]] = []
        furniture: list[str] = []
        numbered: list[str] = []  # the furniture on the side that prints the number
        for line in page.iter("{*}line"):
            ws = list(line.iter("{*}word"))
            if not ws:
                continue
            y0 = min(float(w.get("yMin")) for w in ws)
            y1 = max(float(w.get("yMax")) for w in ws)
            texts = [w.text or "" for w in ws]
            if y1 <= d.top - 1 or y0 >= height - d.bottom + 1:
                furniture.append(" ".join(texts))
                (numbered if (y1 <= d.top - 1 and _numbered(d.header)) or (
                    y0 >= height - d.bottom + 1 and _numbered(d.footer)) else []).append(
                    furniture[-1])
            else:
                body.append(texts)
        out.append({"body": body, "furniture": furniture, "numbered": numbered})
    return out


ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$", re.I)


def _numbered(kind: str) -> bool:
    """Does a header or footer of this kind print the page number (see _typst_header)?"""
    return "number" in kind or kind == "verso-author-recto-title"


def _printed_number(furniture: list[str], recto: bool = False) -> str | None:
    """The page number the furniture prints (the lines on the side the design sets it, so
    that a chapter's number in the running head on the other side is not taken): a figure
    at an edge of a furniture line, arabic before roman, roman only in small letters (front
    matter). A running head that names a chapter (``CHAPTER III``, ``II THE MACHINE``) is
    not the page's number; of two numbers standing alone on one edge (a recto's ``11   3``:
    the chapter's number inside, the page's outside), the outer one is (the last in reading
    order on a recto, the first on a verso)."""
    edges = [(toks[0].strip("()[]"), toks[-1].strip("()[]")) for f in furniture
             if (toks := f.replace("—", " ").split())]
    # a line that is the number alone first ("CHAPITRE 5" above a recto's "3"), the outer
    # of such lines first
    lone = [pair[0] == pair[1] and pair[0].isdigit() for pair in edges]
    order = sorted(range(len(edges)), key=lambda i: (not lone[i], -i if recto and lone[i] else i))
    edges = [edges[i] for i in order]
    for pair in edges:
        for tok in pair:
            if tok.isdigit():
                return tok
    for pair in edges:
        for tok in pair:
            if tok.islower() and ROMAN.match(tok):
                return tok
    return None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _value(label: str) -> tuple[int, bool]:
    """A page label's number and whether it is roman."""
    if label.isdigit():
        return int(label), False
    total, last = 0, 0
    for c in reversed(label.lower()):
        v = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}[c]
        total, last = (total - v, last) if v < last else (total + v, v)
    return total, True


def _label_pages(pages: list[dict]) -> None:
    """Each page's ``label``: its printed number, or for an unnumbered page (a chapter opening,
    the title page) the number its neighbours imply (the next printed one counted back, else
    the last one counted on). ``printed`` says which it is."""
    for p in pages:
        p["printed"] = p["n"] is not None
        p["label"] = p["n"]
    for i in range(len(pages) - 2, -1, -1):  # counted back from the next page
        nxt = pages[i + 1]["label"]
        if pages[i]["label"] is None and nxt is not None:
            v, roman = _value(nxt)
            if v > 1:
                pages[i]["label"] = _roman(v - 1) if roman else str(v - 1)
    for i in range(1, len(pages)):  # the end of the book: counted on
        prev = pages[i - 1]["label"]
        if pages[i]["label"] is None and prev is not None:
            v, roman = _value(prev)
            pages[i]["label"] = _roman(v + 1) if roman else str(v + 1)


def make_key(chapters: list[list[Block]], book: Book, d: Design, pages: list[dict]) -> dict:
    """The answer key: the typeset words and blocks, aligned to the PDF's pages and lines."""
    blocks: list[tuple[str, str, int]] = []
    if d.title_page:
        blocks += [("title", book.author, -1), ("title", book.title, -1)]
    for chapter in chapters:
        for b in chapter:
            text = b.text.upper() if b.kind == "head" and d.head_case == "upper" else b.text
            blocks.append((b.kind, text, b.group))
    words: list[str] = []
    key_blocks = []
    for kind, text, group in blocks:
        ws = text.split()
        key_blocks.append({"kind": kind, "start": len(words), "end": len(words) + len(ws),
                           **({"group": group} if kind == "l" else {})})
        words += ws
    # the typeset characters (no spaces), each with its word and its place in the word
    chars: list[tuple[str, int, int]] = [(c, wi, ci) for wi, w in enumerate(words)
                                         for ci, c in enumerate(w)]
    pos = 0
    mismatches = 0
    key_pages = []
    hyphens = []

    def consume(token: str) -> None:
        nonlocal pos, mismatches
        for c in token:
            if pos < len(chars) and chars[pos][0] == c:
                pos += 1
                continue
            # resynchronise on the rest of the token within a short window
            rest = token[token.index(c):] if c in token else c
            window = "".join(ch for ch, _, _ in chars[pos:pos + 60])
            at = window.find(rest)
            if at > 0:
                pos += at + 1
            else:
                mismatches += 1
            continue

    for number, page in enumerate(pages, 1):
        first = None
        for line in page["body"]:
            for ti, tok in enumerate(line):
                if first is None and pos < len(chars):
                    first = pos
                last = ti == len(line) - 1
                if last and len(tok) > 1 and tok[-1] in HYPHENS and pos + len(tok) - 1 < len(chars):
                    consume(tok[:-1])
                    if pos < len(chars):
                        ch, wi, _ = chars[pos]
                        owned = ch in HYPHENS
                        if owned:
                            pos += 1
                        hyphens.append({"word": wi, "reading": words[wi], "owned": owned,
                                        "page": number})
                else:
                    consume(tok)
        if first is not None:
            _, wi, ci = chars[first]
            key_pages.append({"page": number, "start": wi, "mid_word": ci > 0,
                              "n": _printed_number(page["numbered"], number % 2 == 1),
                              "furniture": page["furniture"]})
        else:
            key_pages.append({"page": number, "start": None, "mid_word": False,
                              "n": _printed_number(page["numbered"], number % 2 == 1),
                              "furniture": page["furniture"]})
    _label_pages(key_pages)
    return {"words": words, "blocks": key_blocks, "pages": key_pages, "hyphens": hyphens,
            "alignment_mismatches": mismatches, "unaligned_tail": len(chars) - pos}


# ---------------------------------------------------------------------------------------------


def cases() -> list[tuple[str, str]]:
    """(text, design) pairs: each design typesets one novel per language, in rotation, so
    every novel is typeset by several designs."""
    by_lang: dict[str, list[str]] = {}
    for name, _, lang in TEXTS:
        by_lang.setdefault(lang, []).append(name)
    out = []
    for di, d in enumerate(DESIGNS):
        for lang in ("sv", "en", "de", "fr"):
            names = by_lang[lang]
            out.append((names[di % len(names)], d.name))
    return out


def _tuned_rotation(designs: list[Design], shift: int) -> list[tuple[str, str]]:
    """(text, design) pairs of a development set: each of ``designs`` typesets one tuned
    novel per language, the novels in rotation, ``shift`` places on from ``cases``'s (so
    that each set pairs designs and novels its own way)."""
    by_lang: dict[str, list[str]] = {}
    for name, _, lang in TEXTS:
        if name not in HELD_OUT_TEXTS:
            by_lang.setdefault(lang, []).append(name)
    return [(by_lang[lang][(di + shift) % len(by_lang[lang])], d.name)
            for di, d in enumerate(designs) for lang in ("sv", "en", "de", "fr")]


def unseen_cases() -> list[tuple[str, str]]:
    """(text, design) pairs of the development held-out set: each unseen design typesets one
    tuned novel per language (their later chapters), in rotation."""
    return _tuned_rotation(UNSEEN, 1)


def fresh2_cases() -> list[tuple[str, str]]:
    """(text, design) pairs of the third development set, in a third rotation; a design
    that heads chapters by their title alone typesets the tuned novels whose chapters have
    titles (``TITLED``)."""
    out = []
    for text, design in _tuned_rotation(FRESH2, 3):
        if BY_NAME[design].chapter_numbers == "title":
            lang = next(t[2] for t in TEXTS if t[0] == text)
            text = TITLED[lang]
        out.append((text, design))
    return out


#: Per language, a tuned novel whose chapters have titles beside their numbers.
TITLED = {"sv": "swe-strindberg", "en": "eng-wells", "de": "deu-spyri", "fr": "fra-lermina"}


def fresh_cases() -> list[tuple[str, str]]:
    """(text, design) pairs of the second development set: each fresh design typesets one
    tuned novel per language (their last quarter), in another rotation than ``unseen``."""
    return _tuned_rotation(FRESH, 2)


#: A head that only numbers its chapter (``XIV.``, ``17``, ``CHAPTER XII``, ``Chapitre 3``,
#: ``Elfte Kapitlet.``): a design that numbers chapters itself sets its own number instead.
_NUMBER_HEAD = re.compile(r"^(?:(?:chapter|chapitre|kapitel)\s+\S+|\S+\s+kapitlet|"
                          r"[IVXLCDM]+|\d+)\.?$", re.IGNORECASE)


def roman_chapters(book: Book, chapters: list[list[Block]]) -> list[list[Block]]:
    """Each chapter headed by its number in the novel as a roman numeral alone (``XIV``), its
    own heads after it unless they only number it (``chapter_numbers="roman"``)."""
    out = []
    for chapter in chapters:
        index = next((i for i, c in enumerate(book.chapters) if chapter and c
                      and c[0] is chapter[0]), len(out))
        heads = [b for b in chapter if b.kind == "head"]
        rest = [b for b in chapter if b.kind != "head"]
        kept = [b for b in heads if not _NUMBER_HEAD.match(b.text)]
        out.append([Block("head", _roman(index + 1).upper()), *kept, *rest])
    return out


#: A division's name or number at the start of a head (``VI THE SUNSET OF MANKIND``).
_NUMBER_PREFIX = re.compile(r"^(?:[IVXLC]+\.?|\d+\.?)\s+(?=\S)")


def title_chapters(chapters: list[list[Block]]) -> list[list[Block]]:
    """Each chapter headed by its title alone (``chapter_numbers="title"``): the heads that
    only number it dropped, a number before the title taken off; a chapter without a title
    keeps its heads."""
    out = []
    for chapter in chapters:
        heads = [b for b in chapter if b.kind == "head"]
        titles = [Block("head", _NUMBER_PREFIX.sub("", b.text), b.group) for b in heads
                  if not _NUMBER_HEAD.match(b.text)]
        rest = [b for b in chapter if b.kind != "head"]
        out.append([*(titles or heads), *rest])
    return out


def make_case(text: str, design: str, words: int | None, dest: Path, compress: bool,
              keep_pdf: bool = False, later: bool | float = False) -> dict:
    name, file, lang = next(t for t in TEXTS if t[0] == text)
    book = read_book(name, CORPORA / file, lang)
    chapters = excerpt(book, words, later)
    d = BY_NAME[design]
    if d.chapter_numbers == "roman":
        chapters = roman_chapters(book, chapters)
    elif d.chapter_numbers == "title":
        chapters = title_chapters(chapters)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="layout-suite-") as tmp:
        pdf = typeset(book, chapters, d, Path(tmp))
        texts = extract(pdf)
        if keep_pdf:
            (dest / "book.pdf").write_bytes(pdf.read_bytes())
        key = make_key(chapters, book, d, pdf_pages(pdf, d))
    key.update({"text": text, "design": design, "engine": d.engine, "language": lang,
                "held_out": text in HELD_OUT_TEXTS or design in HELD_OUT_DESIGNS
                or d in UNSEEN or d in FRESH or d in FRESH2})
    for kind, content in texts.items():
        data = content.encode("utf-8")
        if compress:
            (dest / f"{kind}.txt.gz").write_bytes(gzip.compress(data, 9, mtime=0))
        else:
            (dest / f"{kind}.txt").write_bytes(data)
    key_data = json.dumps(key, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if compress:
        (dest / "key.json.gz").write_bytes(gzip.compress(key_data, 9, mtime=0))
    else:
        (dest / "key.json").write_bytes(key_data)
    return key


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--full", type=Path, help="whole novels into this folder (not stored)")
    ap.add_argument("--words", type=int, default=2400, help="words per CI-sized excerpt")
    ap.add_argument("--only", action="append", help="a case name TEXT--DESIGN (repeatable)")
    ap.add_argument("--pdf", action="store_true", help="keep each case's PDF beside its texts")
    ap.add_argument("--unseen", action="store_true",
                    help="the development held-out set (unseen designs, later chapters)")
    ap.add_argument("--fresh", action="store_true",
                    help="the second development set (fresh designs, the last quarter)")
    ap.add_argument("--fresh2", action="store_true",
                    help="the third development set (fresh2 designs, from a third in)")
    args = ap.parse_args(argv)
    dest = args.full or (UNSEEN_OUT if args.unseen else FRESH_OUT if args.fresh
                         else FRESH2_OUT if args.fresh2 else OUT)
    words = None if args.full else args.words
    designs = UNSEEN if args.unseen else FRESH if args.fresh else FRESH2 if args.fresh2 \
        else DESIGNS
    pairs = unseen_cases() if args.unseen else fresh_cases() if args.fresh else \
        fresh2_cases() if args.fresh2 else cases()
    later: bool | float = True if args.unseen else 0.75 if args.fresh else \
        0.35 if args.fresh2 else False
    manifest = []
    for text, design in pairs:
        case = f"{text}--{design}"
        if args.only and case not in args.only:
            continue
        key = make_case(text, design, words, dest / case, compress=not args.full,
                        keep_pdf=args.pdf, later=later)
        d = BY_NAME[design]
        row = {"case": case, "text": text, "design": design, "engine": d.engine,
               "language": key["language"], "held_out": key["held_out"],
               "words": len(key["words"]), "pages": len(key["pages"]),
               "hyphens": len(key["hyphens"])}
        manifest.append(row)
        print(f"{case}: {row['words']} words, {row['pages']} pages, {row['hyphens']} line-end "
              f"hyphens, {key['alignment_mismatches']} unaligned characters, "
              f"{key['unaligned_tail']} left at the end", file=sys.stderr)
    if not args.only:
        (dest / "manifest.json").write_text(json.dumps({
            "held_out_texts": sorted(HELD_OUT_TEXTS),
            "held_out_designs": sorted(d.name for d in designs)
            if args.unseen or args.fresh or args.fresh2 else sorted(HELD_OUT_DESIGNS),
            "extractions": list(EXTRACTIONS),
            "designs": {d.name: {"engine": d.engine, "description": d.description}
                        for d in designs},
            "cases": manifest}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

