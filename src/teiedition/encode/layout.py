"""Lines → blocks and sections: where the source's paragraphs, headings, items and notes are.

``pages.find_pages`` first marks where pages begin and takes the page furniture out.
Paragraphs are separated by blank lines, by indentation, or (at a page break or after a line
padded with spaces) by a sentence end followed by a capital.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from ..document import Section
from ..letters import UPPER
from . import blocks as blocks_mod
from .blocks import HEADING_WORD, ORDINAL_DIVISION, division
from .columns import split_columns
from .initials import join_initials
from .lines import (
    PAGE,
    SENTENCE_END_CHARS,
    TEXT,
    Items,
    Line,
    indent,
    set_in,
    split_lines,
)
from .pages import find_pages, letters_key

_STARTS_UPPER = re.compile(rf"^[\"”»„“(\[–—-]?\s*[{UPPER}0-9]")
_BACK_START = re.compile(
    r"^(?:publicerades|publicerad|först publicerad|tidigare publicerad|översättning|översatt|"
    r"källa|källor|first published|published|translated|translation|translator|source|"
    r"übersetzung|übersetzt|quelle|erstveröffentlichung|erschienen|zuerst erschienen)\b",
    re.IGNORECASE,
)
#: A list item's mark at the start of a line: a bullet, or a number or letter with ")" or
#: "." ("1)", "(a)", "2."). Dashes are not list marks: Swedish and German prose open
#: dialogue lines with them.
_BULLETS = "•·▪◦‣∙●○■□➢►✓*"
_ITEM_MARK = re.compile(r"^(?:(?P<bullet>[•·▪◦‣∙●○■□➢►✓*])|(?P<enum>\(?(?:\d{1,2}|[a-z])[.)]))"
                        r"\s+(?=\S)")
#: A footnote's mark at the start of its first line: a number, asterisks, daggers or
#: superscript figures, then a space ("1 Se Tingsten …", "* Anm.", "² Ibid.").
_NOTE_MARK = re.compile(r"^(?P<mark>\d{1,3}|[*†‡]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s+(?=\S)")
_WORDY = re.compile(r"[^\W\d_]{2}")  # a note says something: a word of two letters or more
_OPENING_QUOTE = "»«”“„\"‘’'›‹"
#: "by NAME" under a title: the words that introduce an author in the languages we read.
BYLINE = re.compile(r"^(?:by|av|von|par|di|door|af)\s+(?P<name>\S.*)$", re.IGNORECASE)
_NAME_LINE = re.compile(rf"^(?:[{UPPER}][\w’'.-]*\.?\s+){{0,3}}[{UPPER}][\w’'-]+$")


LINES = attrgetter("lines")


@dataclass(slots=True)
class RawBlock:
    lines: list[Line]
    kind: str = "p"
    section: Section = "body"
    div: int = 0
    label: str | None = None  # a list item's mark as the source writes it ("1)", "•")


@dataclass(slots=True)
class Layout:
    blocks: list[RawBlock]
    pages: int
    page_signal: str  # which signal marked the pages ("none" where the text shows none)
    paragraph_signal: str
    notes: list[str] = field(default_factory=list)


def find_blocks(lines: list[Line]) -> tuple[list[RawBlock], str]:
    """Group lines into paragraph blocks (``blocks.find_blocks``: from the text's own
    signals)."""
    found, signal = blocks_mod.find_blocks(lines)
    return [RawBlock(b) for b in found], signal


def _item_marks(lines: list[Line]) -> Items:
    """Source line number -> list mark, for the lines that open list items.

    Bullets and enumerators alike count only in runs of two or more items (a lone "1)" or
    "•" is more likely a footnote or an ornament); numbers and letters must run on (1, 2,
    3 or a, b, c), each within 30 lines of the one before.
    """
    # a cheap test first: the regex would otherwise run on every line
    found = {ln.n: m for ln in lines if (t := ln.text) and (
        t[0] in _BULLETS or t[0] == "(" or t[1:2] in ".)" or t[2:3] in ".)")
        and (m := _ITEM_MARK.match(t))}
    keep: Items = {}
    run: list[int] = []

    def value(m: re.Match[str]) -> str:
        return m.group("bullet") or m.group("enum").strip("(.)")

    def close() -> None:
        if len(run) >= 2:
            keep.update((i, found[i]) for i in run)
        run.clear()

    for i in sorted(found):
        m = found[i]
        if run:
            last = found[run[-1]]
            v, w = value(last), value(m)
            same_kind = bool(last.group("bullet")) == bool(m.group("bullet"))
            follows = (v == w) if m.group("bullet") else (
                len(v) == len(w) == 1 and ord(w) == ord(v) + 1 or
                v.isdigit() and w.isdigit() and int(w) == int(v) + 1)
            if same_kind and follows and i - run[-1] <= 30:
                run.append(i)
                continue
            close()
        if m.group("bullet") or value(m) in ("1", "a"):
            run.append(i)
    close()
    return keep


def _continues_item(item: list[Line], ln: Line) -> bool:
    """Does ``ln`` go on with the list item whose lines are ``item``?"""
    first, last = item[0], item[-1]
    indent = len(first.raw) - len(first.raw.lstrip())
    if len(ln.raw) - len(ln.raw.lstrip()) > indent:
        return True  # hanging indent under the item's text
    return last.text[-1:] not in SENTENCE_END_CHARS and ln.text[:1].islower()


def split_items(blocks: list[RawBlock], items: Items | None = None) -> list[RawBlock]:
    """Lines that open list items become blocks of kind ``item`` (with the lines that
    continue them); the list mark (bullet, number or letter) leaves the reading text and
    becomes the item's ``label`` (``item/@n`` in the TEI)."""
    lines = [ln for b in blocks for ln in b.lines]
    marks = _item_marks(lines) if items is None else items
    if not marks:
        return blocks
    out: list[RawBlock] = []
    for b in blocks:
        current: RawBlock | None = None
        for ln in b.lines:
            # matched again: page furniture may have been cut from the line since
            m = _ITEM_MARK.match(ln.text) if ln.n in marks else None
            if m is not None:
                ln.text = ln.text[m.end():]
                current = RawBlock(lines=[ln], kind="item", label=m.group("bullet", "enum")[
                    0] or m.group("enum"))
                out.append(current)
            elif current is not None and (current.kind != "item"
                                          or _continues_item(current.lines, ln)):
                current.lines.append(ln)
            else:
                current = RawBlock(lines=[ln])
                out.append(current)
    return out


def callout(mark: str) -> re.Pattern[str]:
    """Where the running text refers to the note ``mark``: the mark set right after a word
    or a punctuation mark ("talet.1", "Stalin2", "ord*", "text²"), not a free number."""
    if mark.isdigit() and mark.isascii():
        return re.compile(r"(?<=[^\W\d_]|[.,;:!?»”’)\]])" + mark + r"(?![\w])")
    return re.compile(r"(?<=\S)" + re.escape(mark) + r"(?![*†‡¹²³⁴⁵⁶⁷⁸⁹⁰\w])")


def _next_mark(mark: str) -> str | None:
    """The mark of the note after ``mark`` (2 after 1, ** after *), None if not countable."""
    if mark.isdigit() and mark.isascii():
        return str(int(mark) + 1)
    if set(mark) <= set("*†‡"):
        return mark + mark[0]
    return None


def find_notes(blocks: list[RawBlock]) -> None:
    """Footnotes: blocks at the end of a page (or of the text) whose lines open with note
    marks, each mark referred to by a callout earlier on the same page. They become blocks
    of kind ``note`` (the mark as ``label``), one per note; ``notes.attach`` later moves each
    to its callout. Anything less certain stays a paragraph."""
    page_from = (0, 0)  # block and line where the current page begins
    i = 0
    while i < len(blocks):
        b = blocks[i]
        first = b.lines[0]
        m = _NOTE_MARK.match(first.text) if b.kind == "p" and first.page is None else None
        if m is not None:
            # the note blocks standing together here, and whether a page ends after them
            j = i + 1
            while j < len(blocks) and blocks[j].kind == "p" and blocks[j].lines[0].page is \
                    None and _NOTE_MARK.match(blocks[j].lines[0].text):
                j += 1
            ends_page = j == len(blocks) or blocks[j].lines[0].page is not None
            notes = _split_notes(blocks[i:j]) if ends_page else None
            text = _page_text(blocks, page_from, i) if notes else ""
            # every note has its own mark (two notes "1" cannot both be at one callout "1")
            if notes and len({mark for mark, _ in notes}) == len(notes) and all(
                    callout(mark).search(text) and _WORDY.search(
                        _NOTE_MARK.sub("", lines[0].text, count=1)) for mark, lines in notes):
                new = []
                for mark, lines in notes:
                    lines[0].text = _NOTE_MARK.sub("", lines[0].text, count=1)
                    new.append(RawBlock(lines=lines, kind="note", section=b.section,
                                        label=mark))
                blocks[i:j] = new
                i += len(new)
                continue
        if any(map(PAGE, b.lines)):  # (tested in C: most blocks hold no page start)
            page_from = (i, max(k for k, ln in enumerate(b.lines) if ln.page is not None))
        i += 1


def _page_text(blocks: list[RawBlock], start: tuple[int, int], end: int) -> str:
    """The text of the lines from ``start`` (block, line) up to block ``end``."""
    b0, k0 = start
    return " ".join(ln.text for b in blocks[b0:end] for ln in
                    (b.lines[k0:] if b is blocks[b0] else b.lines))


def _split_notes(group: list[RawBlock]) -> list[tuple[str, list[Line]]] | None:
    """The notes in a run of blocks: a line opening with the next mark starts a new note."""
    notes: list[tuple[str, list[Line]]] = []
    for b in group:
        for ln in b.lines:
            m = _NOTE_MARK.match(ln.text)
            expected = _next_mark(notes[-1][0]) if notes else None
            if m is not None and (not notes or m.group("mark") == expected
                                  or ln is b.lines[0]):
                notes.append((m.group("mark"), [ln]))
            elif notes:
                notes[-1][1].append(ln)
    return notes or None



def _quotation_block(b: RawBlock, prev: RawBlock | None, body_indent: int) -> bool:
    """A block quotation: every line set in further than the running text, opening with a
    quotation mark or introduced by a colon (a centred heading is neither)."""
    if indent(b.lines[0]) < body_indent + 2 or any(
            indent(ln) < body_indent + 2 for ln in b.lines) or HEADING_WORD.match(
            _block_text(b)):
        return False
    return b.lines[0].text[:1] in _OPENING_QUOTE or (
        prev is not None and prev.kind in ("p", "quote")
        and _block_text(prev).rstrip().endswith(":"))


def _block_text(b: RawBlock) -> str:
    return " ".join(ln.text for ln in b.lines)


def _front_like(b: RawBlock) -> bool:
    text = _block_text(b)
    if len(b.lines) > 4 or len(text) > 200:
        return False
    # a sentence (eight words or more, closed by punctuation) is text, not a title page,
    # and so is a line that introduces what follows (ends with a colon)
    return not (text[-1:] in SENTENCE_END_CHARS and (len(text) > 100 or len(text.split()) >= 8)
                or text.endswith(":"))


_NO_HEAD_END = frozenset(".,;:!?…—–-")  # a heading without a division's name ends on none


def _heading_like(b: RawBlock, nxt: RawBlock | None, after_head: bool = False) -> bool:
    """A heading: a block of one or two short lines (three in a narrow column) before a
    longer one that names a division (``Kapitel 3``, ``I.``), is set in capitals, or ends
    without a clause's punctuation; right under a division's name, also a title line that
    ends with a full stop (``FÖRSTA KAPITLET`` / ``Stockholm i fågelperspektiv.``). A
    speaker's line (a dash or quotation mark first) is never a heading."""
    if len(b.lines) > 3 or nxt is None or len(b.lines) == 3 and any(
            len(ln.text) > 40 for ln in b.lines):
        return False
    text = _block_text(b)
    if len(text) > 80 or blocks_mod.DIALOGUE.match(text):
        return False
    if division(text):
        return True
    longer = len(_block_text(nxt)) > len(text)
    if text.isupper() and len(text) > 2 and longer:
        return True
    if after_head and len(b.lines) == 1 and len(text.split()) <= 8 and (
            longer or division(_block_text(nxt))):  # (a part's title over its first chapter)
        return bool(_STARTS_UPPER.match(text))
    # (a clause's mark behind a closing quotation mark is a clause's end too: '… det!”')
    return text.rstrip(blocks_mod.CLOSERS)[-1:] not in _NO_HEAD_END and bool(
        _STARTS_UPPER.match(text)) and longer


#: a letter's date line that names its place first ("Coyoacán, le 2 novembre 1937",
#: "Stockholm den 2 maj 1937", "New York, November 2, 1937"): up to four capitalised words
_PLACE_WORD = re.compile(r"[^\W\d_][\w.'’-]*,?\s+")


def _place_and_date(text: str, parse_date):  # noqa: ANN001, ANN202 - the date line reader
    """The date of a date line that names its place first, else None."""
    at = 0
    for _ in range(4):
        m = _PLACE_WORD.match(text, at)
        if m is None or not m.group()[:1].isupper():
            return None
        at = m.end()
        date = parse_date(text[at:])
        if date is not None:  # a year alone after words is a title's ("The Great War 1914")
            return date if len(str(date)) > 4 else None
    return None


def _split_date_lines(blocks: list[RawBlock], parse_date) -> None:  # noqa: ANN001
    """A date line run together with a title block becomes a block of its own."""
    if parse_date is None:
        return
    i = 0
    while i < min(len(blocks), 6):
        b = blocks[i]
        if _front_like(b) and len(b.lines) > 1:
            for j, ln in enumerate(b.lines):
                if parse_date(ln.text) is not None:
                    parts = [b.lines[:j], [ln], b.lines[j + 1:]]
                    blocks[i:i + 1] = [RawBlock(lines=p) for p in parts if p]
                    break
        i += 1


#: A line of a table of contents: a title, dot leaders, the page number (``I . . . . 5``,
#: ``Chapitre 1: Le crime . . . . . 12``; poppler may set a word joiner before the number).
_CONTENTS_LINE = re.compile(r"(?:\s?\.){4,}[\s\u2060]*(?:\d{1,4}|[ivxlcIVXLC]{1,7})?\s*$")
FRONT_BLOCKS = 6  # blocks of front matter, at most, before the body (contents apart)


def _contents_lines(b: RawBlock) -> int | None:
    """Where a table of contents begins in ``b`` (0, or 1 under its heading ``Contents``):
    most of its lines carry dot leaders. None where it is no contents."""
    ls = [ln.text for ln in b.lines if ln.text]
    for k in (0, 1):
        rest = ls[k:]
        hits = sum(1 for t in rest if _CONTENTS_LINE.search(t))
        if hits and hits >= 0.6 * len(rest) and (k == 0 or not _CONTENTS_LINE.search(ls[0])):
            return k
    return None


def _leading_contents(b: RawBlock) -> int:
    """How many lines at the start of ``b`` are contents lines."""
    k = 0
    while k < len(b.lines) - 1 and _CONTENTS_LINE.search(b.lines[k].text):
        k += 1
    return k


def _split_contents(blocks: list[RawBlock], limit: int) -> int:
    """A table of contents among the first blocks (two lines with dot leaders at least, in
    one block or in several: ``-layout`` parts them by their indents) becomes front matter
    of its own: its heading (the short line over it) a ``head``, each of its lines an
    ``item`` (``section`` front), so that neither the title nor a subtitle nor the body's
    first heading is read from it. Returns how many blocks it now spans."""
    for c in range(min(limit, FRONT_BLOCKS + 2)):
        k = _contents_lines(blocks[c])
        if k is None:
            continue
        end = c + 1
        while end < limit and _contents_lines(blocks[end]) == 0:
            end += 1
        lines = [ln for b in blocks[c:end] for ln in b.lines if ln.text][k:]
        # the last contents line run together with what follows it (pypdf)
        if end < limit and (more := _leading_contents(blocks[end])):
            lines += blocks[end].lines[:more]
            blocks[end].lines = blocks[end].lines[more:]
        if len(lines) < 2:
            continue
        out: list[RawBlock] = []
        first = c
        if k == 1:
            out.append(RawBlock(lines=blocks[c].lines[:1], kind="head", section="front"))
        elif c > 0 and blocks[c - 1].kind == "p" and len(
                head := blocks[c - 1].lines[-1].text) <= 40 and head[-1:] not in _NO_HEAD_END:
            # the short line over it (the last of a block where no blank line parts it from
            # the title page's: pypdf)
            out.append(RawBlock(lines=blocks[c - 1].lines[-1:], kind="head", section="front"))
            if len(blocks[c - 1].lines) > 1:
                blocks[c - 1].lines = blocks[c - 1].lines[:-1]
            else:
                first = c - 1
        out += [RawBlock(lines=[ln], kind="item", section="front") for ln in lines]
        blocks[first:end] = out
        return len(out)
    return 0


def _own_page(blocks: list[RawBlock], front_to: int) -> bool:
    """Does the front matter ``blocks[:front_to]`` stand on a page of its own, as a title
    page does? Where the text shows its pages (a page begins later on), a page must begin
    between the front matter's first line and the body's first; where it shows none, the
    front matter is taken as it is."""
    later = any(ln.page is not None for b in blocks[front_to:] for ln in b.lines)
    if not later:
        return True
    first = blocks[0].lines[0]
    body = blocks[front_to].lines[0] if front_to < len(blocks) else None
    return any(ln.page is not None and ln is not first
               for b in blocks[:front_to] for ln in b.lines) or (
        body is not None and body.page is not None)


def classify(blocks: list[RawBlock], parse_date,  # noqa: ANN001
             block_quotes: bool = True) -> dict[str, str]:
    """Assign sections and kinds to blocks in place; return metadata found on the way.

    ``block_quotes=False`` where indentation marks paragraphs (then it cannot mark quotes).
    """
    meta: dict[str, str] = {}
    _split_date_lines(blocks, parse_date)
    n = len(blocks)
    # back matter: trailing blocks that open with a colophon word
    back_from = n
    while back_from > 1 and blocks[back_from - 1].kind == "p" and _BACK_START.match(
            _block_text(blocks[back_from - 1])) and len(
            blocks[back_from - 1].lines) <= 4:
        back_from -= 1
    for b in blocks[back_from:]:
        b.section = "back"
    # front matter: leading short blocks, if a body follows them; a table of contents
    contents = _split_contents(blocks, back_from)
    back_from += len(blocks) - n
    n = len(blocks)
    # (a heading the contents list opens the body: it is not the title)
    listed = {letters_key(_CONTENTS_LINE.sub("", _block_text(b))) for b in blocks[:back_from]
              if b.section == "front" and b.kind == "item"}
    front_to = 0
    while front_to < min(back_from - 1, FRONT_BLOCKS + contents) and (
            blocks[front_to].section == "front" or _front_like(blocks[front_to])
            and letters_key(_block_text(blocks[front_to])) not in listed
            and blocks[front_to].kind == "p"
           and not HEADING_WORD.match(_block_text(blocks[front_to]))
           and not (ORDINAL_DIVISION.match(_block_text(blocks[front_to])) and not any(
               BYLINE.match(_block_text(b)) for b in blocks[front_to + 1:front_to + 4]))):
        front_to += 1
    if front_to == 1 and len(blocks[0].lines) == 1 and not contents and not _own_page(
            blocks, front_to):
        front_to = 0  # a chapter's heading over its first page's text, not a title page
    has_byline = any(BYLINE.match(_block_text(b)) for b in blocks[:front_to])
    title_seen = False
    for i, b in enumerate(blocks[:front_to]):
        if b.section == "front":  # the contents
            continue
        b.section = "front"
        text = _block_text(b)
        date = parse_date(text) if parse_date else None
        if date is None and parse_date and len(b.lines) == 1:
            date = _place_and_date(text, parse_date)
        byline = BYLINE.match(text)
        if date is not None and "date" not in meta:
            b.kind = "docDate"
            meta["date"] = date
            meta["date_text"] = text
        elif byline and "author" not in meta and len(b.lines) == 1:
            b.kind = "byline"
            meta["author"] = byline.group("name")
        elif (not title_seen and not has_byline and "author" not in meta and i + 1 < front_to
              and len(b.lines) == 1 and _NAME_LINE.match(text) and not HEADING_WORD.match(text)
              and not text.isupper() and len(text.split()) >= 2):
            b.kind = "docAuthor"
            meta["author"] = text
        elif not title_seen:
            b.kind = "titlePart"
            meta["title"] = text
            title_seen = True
        elif text.casefold() == meta["title"].casefold():  # the half-title repeats it
            b.kind = "titlePart"
        else:
            b.kind = "subtitle"
            meta.setdefault("subtitle", text)
    # body: headings open divisions
    div = 0
    seen_p = False
    body = list(chain.from_iterable(b.lines for b in blocks[front_to:back_from]
                                    if b.kind == "p"))
    texts = list(filter(TEXT, body))
    if 2 * len(set_in(texts)) <= len(texts):  # the median line is not indented (the usual case)
        body_indent = 0
    else:
        indents = sorted(indent(ln) for ln in texts)
        body_indent = indents[len(indents) // 2]
    for i in range(front_to, back_from):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < back_from else None
        if b.kind == "p" and block_quotes and _quotation_block(
                b, blocks[i - 1] if i > front_to else None, body_indent):
            b.kind = "quote"
        if b.kind != "p":
            seen_p = True
        elif _heading_like(b, nxt, i > front_to and blocks[i - 1].kind == "head" and bool(
                division(_block_text(blocks[i - 1])))):
            if seen_p or div > 0 or i > front_to:
                div += 1 if seen_p else 0
            b.kind = "head"
            seen_p = False
        else:
            seen_p = True
        b.div = div
    _first_heading_from_front(blocks, front_to, back_from, meta)
    for b in blocks[back_from:]:
        m = re.match(r"^(?:översättning|översatt av|translated by|translation|translator|"
                     r"übersetzung|übersetzt von)\s*:?\s*(.+)$", _block_text(b), re.IGNORECASE)
        if m:
            meta["translator"] = m.group(1).strip()
        else:
            meta["publication"] = (meta.get("publication", "") + " " + _block_text(b)).strip()
    return meta


class HeadShape(NamedTuple):
    """What a heading looks like, to compare the heads of one book (``_head_shape``)."""

    one_line: bool
    names_division: bool
    capitals: bool
    sentence: bool  # it ends a sentence
    short: bool
    adjacent: bool  # the text it heads right under it (no blank line between)

    def cheap(self) -> tuple[bool, bool, bool]:
        """The parts read without the block's text (``_cheap_shape``)."""
        return self.one_line, self.sentence, self.adjacent


def _cheap_shape(b: RawBlock, nxt: RawBlock) -> tuple[bool, bool, bool]:
    """``HeadShape.cheap`` of a block, without joining its text (a test on every block)."""
    return (len(b.lines) == 1, b.lines[-1].text[-1:] in SENTENCE_END_CHARS,
            nxt.lines[0].n == b.lines[-1].n + 1)


def _head_shape(b: RawBlock, nxt: RawBlock | None) -> HeadShape:
    """What a heading looks like, to compare the heads of one book: its lines, whether it
    names a division, is set in capitals, ends a sentence, is short, and has the text it
    heads right under it (no blank line between)."""
    text = _block_text(b)
    adjacent = nxt is not None and nxt.lines[0].n == b.lines[-1].n + 1
    return HeadShape(len(b.lines) == 1, bool(division(text)), text.isupper(),
                     text[-1:] in SENTENCE_END_CHARS, len(text.split()) <= 15, adjacent)


def _first_heading_from_front(blocks: list[RawBlock], front_to: int, back_from: int,
                              meta: dict[str, str]) -> None:
    """The first chapter's heading read as the title page's last line (a heading without a
    division's name, ``Zum Alm-Öhi hinauf``, over the text it opens): where it has the shape
    the book's own headings share (two of them at least, ``_head_shape``), and a title
    stays before it (or it stands alone before the text, with no page of its own), it
    is the body's first heading."""
    if front_to < 1 or front_to >= back_from or blocks[front_to].kind != "p":
        return
    cand = blocks[front_to - 1]
    if cand.section != "front" or cand.kind not in ("titlePart", "subtitle") or not any(
            b.kind == "titlePart" for b in blocks[:front_to - 1]) and (
            front_to > 1 or _own_page(blocks, front_to) and any(
                ln.page is not None for b in blocks[front_to:] for ln in b.lines)):
        return
    shapes = Counter(_head_shape(b, blocks[i + 1] if i + 1 < back_from else None)
                     for i, b in enumerate(blocks[front_to:back_from], front_to)
                     if b.kind == "head")
    if not shapes:
        return
    common, n = shapes.most_common(1)[0]
    if n < 2 or _head_shape(cand, blocks[front_to]) != common:
        return
    text = _block_text(cand)
    if meta.get("subtitle") == text:
        del meta["subtitle"]
    cand.section, cand.kind, cand.div = "body", "head", 0


def _stanza(b: RawBlock, width: int, share: float = 2 / 3) -> bool:
    """Does ``b`` break its lines early, as verse does (at least ``share`` of its line ends)?
    A wrapped line of prose ends where its next word would not have fitted; a verse line
    ends where the next would have (by a sixth of the line or more), and no word is broken
    at a line end."""
    lines = b.lines
    breaks = len(lines) - 1
    if breaks < 1:
        return False
    room = 0.85 * width
    late_allowed = (1 - share) * breaks  # wrapped line ends it may have and still be verse
    late = 0
    for ln, nxt in zip(lines, lines[1:], strict=False):
        t = ln.text
        if ln.soft_hyphen or t.endswith(("-", "\u2010", "\u00ad")):
            return False
        word = nxt.text.find(" ")
        if len(t) + 1 + (word if word >= 0 else len(nxt.text)) >= room:
            late += 1
            if late > late_allowed:  # prose: decided at its first line ends
                return False
    return not lines[-1].soft_hyphen


def split_verse(blocks: list[RawBlock]) -> None:
    """Verse: body paragraphs whose lines break early (``_stanza``) become stanzas of verse
    lines (blocks of kind ``l``, one per line, the stanza's number as ``label``), where there
    are at least two such stanzas and they hold a quarter of the body's lines, or four of
    them: one early-broken block (an address, a greeting) does not make a poem."""
    body = [b for b in blocks if b.section == "body" and b.kind == "p"]
    # (the lengths gathered in C, the percentile picked without a full sort)
    lengths = list(filter(None, map(len, map(TEXT, chain.from_iterable(map(LINES, body))))))
    if len(lengths) < 4:
        return
    k = (9 * (len(lengths) - 1)) // 10  # the wrap width: the 90th percentile
    width = int(np.partition(np.array(lengths, dtype=np.int64), k)[k])
    stanzas = {id(b) for b in body if _stanza(b, width)}
    verse_lines = sum(len(b.lines) for b in body if id(b) in stanzas)
    if len(stanzas) < 2 or (4 * verse_lines < len(lengths) and len(stanzas) < 4):
        return
    # a text with verse: a stanza whose longer lines reach the width is verse too, where a
    # third of its line ends come early (prose in it wraps, and has none)
    stanzas |= {id(b) for b in body if id(b) not in stanzas and _stanza(b, width, 1 / 3)}
    out: list[RawBlock] = []
    n = 0
    for b in blocks:
        if id(b) not in stanzas:
            out.append(b)
            continue
        n += 1
        out.extend(RawBlock(lines=[ln], kind="l", section=b.section, div=b.div, label=str(n))
                   for ln in b.lines)
    blocks[:] = out


def _to_running_head(lines: list[Line], k: int) -> bool:
    """Make line ``k`` the running head of its page (kept as its page's fw, out of the
    reading text, as ``pages`` keeps the heads it finds); False, and the line stays text,
    where its page has a head already or no page start is near (nothing is lost)."""
    ln = lines[k]
    if ln.page is not None:  # the page began with it: its text begins on the next line
        j = next((j for j in range(k + 1, min(k + 8, len(lines))) if lines[j].text), None)
        if j is None or ln.page.running_head:
            return False
        if lines[j].page is None:  # the page begins with the line after the head
            lines[j].page, ln.page = ln.page, None
        # (else the page model began a page there too: the head is that page's, and the
        # start on the head's line stays, as the rules leave an emptied head's)
        page = lines[j].page
    else:
        after = range(k + 1, min(k + 4, len(lines)))
        before = range(k - 1, max(k - 4, -1), -1)
        near = [j for j in (*after, *before) if lines[j].page is not None]
        if not near:
            return False
        page = lines[near[0]].page
    if page.running_head:  # one head a page: a second line stays where it is
        return False
    page.running_head = ln.text
    ln.text, ln.furniture = "", True
    return True


def analyse(text: str | list[str], parse_date=None,  # noqa: ANN001
            first_line: int = 1) -> tuple[Layout, dict[str, str]]:
    """Text (or its lines, numbered from ``first_line``) → layout (pages, blocks with
    sections and kinds) and the metadata it shows."""
    lines = split_columns(split_lines(text, first_line))
    items = _item_marks(lines)  # once: the page and the list finders both need them
    lines, pages, page_signal = find_pages(lines, items)
    texts = list(map(TEXT, lines))  # (the read takes list and note marks off the lines)
    blocks, para_signal, meta = _read_blocks(lines, items, parse_date)
    if not blocks:
        return Layout([], pages, page_signal, para_signal), {}
    from .lineclass import running_heads  # (it reads the blocks this module makes)

    found = running_heads(lines, blocks)
    if found:  # where the rules were unsure, the trained classifier's running heads
        # read again from the lines as the first read found them (with their list and note
        # marks: else the second read would find no item and no note, and lose the marks)
        read = list(map(TEXT, lines))
        for ln, text in zip(lines, texts, strict=True):
            ln.text = text
        if [k for k in found if _to_running_head(lines, k)]:
            blocks, para_signal, meta = _read_blocks(lines, items, parse_date)
        else:  # (none taken: the first read stands, as it read the lines)
            for ln, text in zip(lines, read, strict=True):
                ln.text = text
    return Layout(blocks, pages, page_signal, para_signal), meta


def _read_blocks(lines: list[Line], items: Items, parse_date,  # noqa: ANN001
                 classifier: bool = True) -> tuple[list[RawBlock], str, dict[str, str]]:
    """The paged lines' blocks (items, notes, sections and kinds, stanzas), their paragraph
    signal and the metadata they show: ``analyse`` reads them again after the classifier
    turned lines into running heads; ``lineclass.verdicts`` reads the rules' own (no
    ``classifier`` heading verdicts: the rules' verdict is one of the classifier's features)."""
    join_initials(lines)
    blocks, para_signal = find_blocks(lines)
    blocks = split_items(blocks, items)
    find_notes(blocks)
    if not blocks:
        return blocks, para_signal, {}
    meta = classify(blocks, parse_date, block_quotes="indentation" not in para_signal)
    if classifier:
        _heads_from_classifier(lines, blocks)
    split_verse(blocks)
    return blocks, para_signal, meta


#: How a heading the rules refused may not end: a clause or a word going on.
_CLAUSE_GOES_ON = frozenset(",;:-–—…")


def _unsure_head(b: RawBlock, nxt: RawBlock | None) -> bool:
    """Has a block the rules left as text a heading's shape? One to three lines, 80
    characters at most, a capital or a figure first, no clause going on at its end, no
    speaker's line, over a longer paragraph (where it is set apart is the caller's)."""
    if len(b.lines) > 3 or nxt is None or nxt.kind != "p" or b.lines[-1].text[
            -1:] in _CLAUSE_GOES_ON or not _STARTS_UPPER.match(b.lines[0].text):
        return False
    text = _block_text(b)
    return len(text) <= 80 and len(_block_text(nxt)) > len(text) and not \
        blocks_mod.DIALOGUE.match(text)


def _heads_from_classifier(lines: list[Line], blocks: list[RawBlock]) -> None:
    """Where the rules are unsure of a heading, the trained classifier's verdict
    (``lineclass.heading_probability``): a short block set apart that has a heading's shape
    (``_unsure_head``), a shape two of the book's own headings share (``_head_shape``), but that
    the rules left as text becomes a heading where the model reads one
    (``lineclass.HEAD_P``); the divisions are numbered again where any did. Only those
    blocks are read: most texts have none."""
    # the shapes the book's own headings share (two of them at least, ``_head_shape``): a
    # block of another shape is no heading the rules missed
    shapes = Counter(_head_shape(b, blocks[i + 1] if i + 1 < len(blocks) else None)
                     for i, b in enumerate(blocks) if b.kind == "head" and b.section == "body")
    shared = {shape for shape, n in shapes.items() if n >= 2}
    if not shared:
        return
    cheap = {shape.cheap() for shape in shared}
    index: dict[int, int] | None = None
    cands: list[int] = []
    for i, b in enumerate(blocks):
        # (the shapes' cheap parts first: most blocks fail them)
        if b.kind != "p" or b.section != "body" or i + 1 == len(blocks):
            continue
        nxt = blocks[i + 1]
        if _cheap_shape(b, nxt) not in cheap or not _unsure_head(b, nxt) or _head_shape(
                b, nxt) not in shared:
            continue
        if b.lines[0].page is None:  # set apart: a page start or a blank line before it
            if index is None:
                index = {ln.n: k for k, ln in enumerate(lines)}
            k = index[b.lines[0].n]
            if k and lines[k - 1].text:
                continue
        cands.append(i)
    if not cands:
        return
    from . import lineclass  # (it reads the blocks this module makes)

    if index is None:
        index = {ln.n: k for k, ln in enumerate(lines)}
    spans = [(index[blocks[i].lines[0].n], index[blocks[i].lines[-1].n] + 1) for i in cands]
    heads = [i for i, p in zip(cands, lineclass.heading_probability(lines, blocks, spans),
                               strict=True) if p >= lineclass.HEAD_P]
    for i in heads:
        blocks[i].kind = "head"
    if heads:
        _number_divisions(blocks)


def _number_divisions(blocks: list[RawBlock]) -> None:
    """Each body block's division, as ``classify`` numbers them: a heading after text opens
    the next."""
    div, seen_p = 0, False
    for b in blocks:
        if b.section != "body":
            continue
        if b.kind == "head":
            div += seen_p
            seen_p = False
        else:
            seen_p = True
        b.div = div
