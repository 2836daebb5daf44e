"""The plain data passed between the stages of ``encode``.

A block (paragraph, heading, title-page part) holds its *reading text* as one string, the
source's line and page ends as milestones at character offsets, and the markup found in it
(quotations, names, dates) as spans over that string. ``encode.tei`` weaves the three into XML,
so every stage works on plain strings and offsets and none of them can lose a character.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["p", "head", "item", "quote", "docAuthor", "byline", "titlePart", "docDate",
                    "subtitle", "l"]
Section = Literal["front", "body", "back"]


@dataclass(slots=True, eq=False)  # not frozen: made by the hundred thousand, fast to build
class Milestone:
    """An element at ``offset`` outside the reading text: ``lb``, ``pb`` or ``fw``.

    ``attrs`` are the TEI attributes (``break``, ``rend``, ``n``), ``source_line`` the line
    number in the source where the new line or page starts.
    """

    offset: int
    tag: Literal["lb", "pb", "fw"]
    attrs: tuple[tuple[str, str], ...] = ()
    source_line: int | None = None
    content: str | None = None  # the text of an ``fw`` (running head): not reading text
    inside: bool = False  # at a span's very start or end: belongs inside it (a line that
    # began with a closing quotation mark, or a line end right after an opening one)


@dataclass(slots=True)
class Span:
    """Markup over ``text[start:end]``: a TEI element name and its attributes."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str) -> str | None:
        return dict(self.attrs).get(name)


@dataclass(slots=True)
class Block:
    """A paragraph, heading, list item, block quotation or title-page part with its reading
    text and markup (consecutive items form one list, consecutive quotations one quote)."""

    kind: BlockKind
    section: Section
    text: str
    milestones: list[Milestone] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    first_line: int = 0  # source line number of the block's first line
    div: int = 0  # which body division the block belongs to (0-based)
    label: str | None = None  # a list item's mark as the source writes it ("1)", "•")


@dataclass(frozen=True, slots=True)
class HyphenDecision:
    """How one line-end hyphen was read, with the evidence, for the report and the TEI."""

    line: int
    before: str  # the word part before the hyphen
    after: str  # the word part after the line end
    joined: bool  # True: the hyphen was a line-end hyphen and is dropped
    certain: bool
    reason: str
    space: bool = False  # the hyphen ends a word part (`figur- eller`): a space follows

    @property
    def reading(self) -> str:
        if self.joined:
            return f"{self.before}{self.after}"
        return f"{self.before}- {self.after}" if self.space else f"{self.before}-{self.after}"


@dataclass(slots=True)
class Document:
    """Everything ``encode`` knows about one text, before it becomes TEI."""

    blocks: list[Block]
    encoding: str
    sha256: str
    language: str
    source_name: str
    hyphenation: list[HyphenDecision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, date, translator …
