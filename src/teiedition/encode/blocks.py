"""Lines → paragraph blocks, from the evidence the whole text gives.

Extractions mark paragraphs in different ways, and most in one way only: blank lines (text
copied out of a viewer), a first-line indent (``pdftotext -layout``), a line end without the
space that wrapped lines keep (pypdf), or nothing but a last line that ends early (poppler's
default mode, which drops the indent). ``learn`` reads which of these the text uses from its
own lines, never from constants about one layout:

- a wrapped line ends where its next word would not have fitted; the lines that certainly
  wrap (the next begins in lower case) give the text's *capacity* (line length plus the next
  word, a low percentile), and a line ending a sentence with room left for the next word ends
  its paragraph;
- blank lines separate paragraphs where most lines that end early are followed by one
  (poppler also leaves stray blank lines inside paragraphs: there they are not evidence);
- indentation marks paragraphs where lines set in further than the usual line start follow
  sentence ends;
- a trailing space marks a wrapped line where most wrapped lines have one and some lines not.

``find_blocks`` then ends a block where the text's own signals say so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..letters import LOWER
from .hyphenation import HYPHENS
from .lines import LEAD, SENTENCE_END_CHARS, TEXT, Line, typical_width

#: A line that opens a new speaker's turn: a dash, or an opening quotation mark.
DIALOGUE = re.compile(r"^(?:[–—]\s*\S|[»«“„\"‹›‚‘]\S?)")
#: The first word of a line (empty where the line starts with a space): ``.end()`` is its
#: length, with no group made.
_FIRST_WORD = re.compile(r"\S*").match
#: The words that name a division of a book, in the languages we read.
_DIVISION = (r"(?:kapitel|kapitlet|chapter|chapitre|capitolo|cap[ií]tulo|hoofdstuk|del|delen|"
             r"part|partie|parte|teil|buch|book|bok|boken|livre|libro|avsnitt|abschnitt|"
             r"akt|act|acte|atto|section|sektion)")
HEADING_WORD = re.compile(
    rf"^(?:{_DIVISION}\b"  # Kapitel 3, CHAPTER XII, Part One
    r"|(?:[IVXLC]{1,6}|\d{1,3})\.?$"  # I.  12
    rf"|(?-i:(?:[IVXLC]{{1,6}}|\d{{1,3}})\.?\s+[^\W\d_][^{LOWER}]*)$)",  # I INTRODUCTION
    re.IGNORECASE,
)
#: ... and after an ordinal (FÖRSTA KAPITLET, Première partie): a heading in the body, but
#: at the top of a text as likely a title (THE RED BOOK).
ORDINAL_DIVISION = re.compile(rf"^(?:\S+\s+){{1,2}}{_DIVISION}\.?(?:\s+\S+)?$",
                               re.IGNORECASE)


def division(text: str) -> re.Match[str] | None:
    """Does ``text`` name a division (``Kapitel 3``, ``I.``, ``FÖRSTA KAPITLET``)?"""
    return HEADING_WORD.match(text) or ORDINAL_DIVISION.match(text)


@dataclass(frozen=True, slots=True)
class ParagraphStyle:
    """How one text marks its paragraphs (see the module docstring)."""

    blank: bool
    indent: bool
    trailing: bool
    body_indent: int  # the usual start of a line (spaces)
    capacity: int  # a wrapped line plus its next word is at least this long (characters)

    def describe(self) -> str:
        signals = [name for flag, name in ((self.blank, "blank lines"),
                                           (self.indent, "indentation"),
                                           (self.trailing, "line ends without a space"))
                   if flag]
        return " and ".join(signals) if signals else "short last lines"


#: Closing marks that may follow a sentence's end at a line end (German closes with «, French
#: with », Swedish with »; a bracket or an apostrophe as well).
CLOSERS = "»«”“\"’‘›‹)]"


def _ends_sentence(text: str) -> bool:
    """Does the line end a sentence (``gericht.``, ``hinterlassene.«``, ``Ja!»``)?"""
    if text[-1:] in SENTENCE_END_CHARS:
        return True
    bare = text.rstrip(CLOSERS)
    return bare != text and bare[-1:] in ".!?…:;"


def _first_word(line: Line) -> int:
    return _FIRST_WORD(line.text).end()


def _trailing(line: Line) -> bool:
    return line.raw.rstrip("\f")[-1:] in (" ", "\t")


def _broken(line: Line) -> bool:
    return line.soft_hyphen or line.text.endswith(HYPHENS)


def _percentile(values: list[int], share: float) -> int:
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def learn(lines: list[Line]) -> ParagraphStyle:
    """The text's paragraph signals, from all its lines."""
    body = list(filter(TEXT, lines))  # (in C)
    # the usual line start: the commonest indent (verse and quotations set in are fewer)
    starts = Counter(map(LEAD, body))
    body_indent = starts.most_common(1)[0][0] if starts else 0
    # consecutive text lines of one page (a blank line between them: ``gap``), read in one
    # pass: wrapped lines (the next goes on in lower case, no word broken: their length with
    # the next word, whether they keep a trailing space) and sentence ends (their length with
    # the next word, whether a blank line follows, whether the next line is set in)
    wrapped: list[int] = []
    trail = 0
    ends: list[tuple[int, bool]] = []
    indented = 0
    gaps = 0
    prev: Line | None = None
    gap = False
    for ln in lines:
        t = ln.text
        if not t:
            gap = gap or prev is not None
            continue
        if prev is not None and ln.page is None and not ln.furniture:
            if t[:1].islower():
                if not gap and not _broken(prev):
                    wrapped.append(len(prev.text) + 1 + _FIRST_WORD(t).end())
                    trail += _trailing(prev)
            elif _ends_sentence(prev.text):
                ends.append((len(prev.text) + 1 + _FIRST_WORD(t).end(), gap))
                indented += not gap and ln.lead >= body_indent + 2
            gaps += gap
        prev, gap = ln, False
    if len(wrapped) >= 10:
        capacity = _percentile(wrapped, 0.05)
    else:
        capacity = int(0.85 * typical_width(lines))
    # the ends with room for the next word (ended early)
    short_ends = [g for room, g in ends if room < capacity]
    # few lines that end early (a short text): any blank line is taken to mean a paragraph
    blank = 2 * sum(short_ends) >= len(short_ends) if len(short_ends) >= 3 else gaps > 0
    indent_style = indented >= 2 and 5 * indented >= len(ends) - sum(short_ends)
    trailing = (len(wrapped) >= 10 and 10 * trail >= 8 * len(wrapped)
                and sum(map(_trailing, body)) < 0.95 * len(body))
    return ParagraphStyle(blank=blank, indent=indent_style, trailing=trailing,
                          body_indent=body_indent, capacity=capacity)


def _heading_line(line: Line, style: ParagraphStyle, short: bool = True) -> bool:
    """A line that could stand as a heading: a capital or a figure first, no comma at its
    end (verse lines and lists have those), not a speaker's line; ``short``: also shorter
    than most lines of text (where no blank line sets it apart)."""
    t = line.text
    return ((not short or len(t) < 0.6 * style.capacity) and t[-1:] not in ",;-"
            and (t[:1].isupper() or t[:1].isdigit()) and not DIALOGUE.match(t))


def ends_block(a: Line, b: Line, gap: bool, style: ParagraphStyle, alone: bool,
               under_division: bool = False, head: list[Line] | None = None) -> bool:
    """Does the block that ``a`` ends go no further (``b`` starts the next)?

    ``gap``: blank lines stood between them without page furniture; ``alone``: ``a`` is
    its block's only line so far; ``under_division``: the block before is a division's
    name (``Chapitre 2``), so ``a`` may be its title line, however long; ``head``: the
    block's lines where the block began apart (the text's start, a page start, a blank
    line) and holds three lines at most so far."""
    if _broken(a):
        return False  # a word broken at the line end goes on
    lower = b.text[:1].islower()
    if not gap and a.lead == b.lead >= style.body_indent + 2 and not _ends_sentence(a.text):
        return False  # lines set in together (verse, a quotation) go on
    if style.blank and gap:
        return True
    if style.indent and not lower and b.lead >= style.body_indent + 2:
        return True
    if style.trailing and not lower and not _trailing(a) and (
            _ends_sentence(a.text) or len(b.text) >= 0.6 * style.capacity):
        return True  # (short lines that end without a sentence's end: verse goes on)
    if lower:
        return False
    room = len(a.text) + 1 + _first_word(b) < style.capacity
    if division(b.text) and (_ends_sentence(a.text) or gap or b.page is not None
                             or b.lead >= a.lead + 2 or room):
        return True  # a division's name (Kapitel 3, II THE MACHINE) opens a block
    marked = style.blank or style.indent or style.trailing
    if _ends_sentence(a.text):
        if marked:  # the text's own mark decides; a page break may have taken it away,
            # and a line set apart (blank lines, set in: a centred heading) stands alone
            # a speaker's line after a short one (dialogue set without blank lines)
            return room and (gap or b.page is not None or bool(DIALOGUE.match(b.text))
                             or alone and a.lead >= b.lead + 2)
        # a paragraph that ends on a full line: only a new speaker shows it
        return room or gap or bool(DIALOGUE.match(b.text))
    # no sentence end: a heading standing alone (or after one), or a line in capitals
    # (a heading is followed by prose, a full line; verse goes on in short lines); or a
    # heading of one or two lines set apart above its text, a line of prose running into
    # the next however long it is (a paragraph ends a sentence where it ends early)
    # (well short of the line: a paragraph's first line at a page's top is short by the
    # indent the extractor dropped, and goes on with a noun in German; each line before
    # ends early too, or breaks a word: a centred title, not wrapped prose; a heading in
    # capitals is the rule below's)
    if head and not a.text.isupper() and len(a.text) + 1 + _first_word(b) < 0.85 * style.capacity \
            and a.text[-1:] not in ",;:-" and (head[0].text[:1].isupper() or head[0].text[
                :1].isdigit()) and not DIALOGUE.match(head[0].text) \
            and len(b.text) >= 0.8 * style.capacity and all(
                not _ends_sentence(x.text) and (_broken(x) or len(x.text) + 1 + _first_word(y)
                                                < style.capacity)
                for x, y in zip(head, head[1:], strict=False)):
        return True
    return room and ((gap or b.page is not None) and _heading_line(a, style, short=False)
                     or bool(division(a.text))
                     or (alone or a.text.isupper())
                     and _heading_line(a, style, short=not (alone and under_division))
                     # (a division's title line ends where it ends, whatever follows)
                     and (len(b.text) >= 0.6 * style.capacity or alone and under_division))


def find_blocks(lines: list[Line]) -> tuple[list[list[Line]], str]:
    """Group lines into paragraph blocks; return them and how the text marks paragraphs."""
    style = learn(lines)
    blocks: list[list[Line]] = []
    current: list[Line] = []
    pending_page = None
    gap = False  # blank lines since the last text line
    furniture = False  # … and page furniture among them
    under_division = False  # the last block is a division's name alone (Chapitre 2)
    apart = True  # the current block began apart: the text's start, a page, a blank line
    for ln in lines:
        if not ln.text:
            if ln.page is not None:
                pending_page = ln.page
            gap = True
            furniture = furniture or ln.furniture
            continue
        if pending_page is not None and ln.page is None:
            ln.page = pending_page
        pending_page = None
        # (a line that goes on in lower case with no blank line before it never ends the
        # block before it: ends_block's answer, known without asking)
        if current and (gap or not ln.text[0].islower()) and ends_block(
                current[-1], ln, gap and not furniture, style, len(current) == 1,
                under_division, current if apart and len(current) <= 3 else None):
            blocks.append(current)
            under_division = len(current) == 1 and bool(division(current[0].text))
            current = []
        if not current:
            apart = gap or ln.page is not None or not blocks
        gap = furniture = False
        current.append(ln)
    if current:
        blocks.append(current)
    return blocks, style.describe()
