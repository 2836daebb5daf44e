"""The state shared by the stages of ``markup``: one document's blocks, its candidate names
and the evidence every stage reads (the register, the text's own capitalised words, the
language), with the helpers that read a candidate's form and stem the same way everywhere."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ...document import Block
from .. import names as N
from .. import usage as U
from ..gazetteer import lookup_place
from ..register import Entry, Register
from .forms import Forms

_CAPWORD = r"[^\W\d_][\w’'\-]*"
#: the capitalised words a text writes: its own evidence for a name's base form
_CAP_WORD = re.compile(r"(?<![\w’'])(?=[^\W\d_a-zß-öø-ÿ])[^\W\d_][\w\-]*(?![\w’':])")
#: A Roman numeral standing alone (a chapter's or a king's number without the name).
ROMAN = re.compile(r"[IVXLCDM]{1,7}[.:]?")

#: languages the recogniser reads as it was trained (Swedish, and its close neighbours)
NORDIC = frozenset({"sv", "da", "nb", "nn", "no"})
#: languages that capitalise every noun
NOUN_CAPITALS = frozenset({"de", "lb"})
#: languages whose names capitalise every word but particles ("Labour Party", "Deutsche
#: Bank"; unlike "Académie française", "Fjärde internationalen")
TITLE_CASE = frozenset({"de", "lb", "en", "nl"})


class Coordination(NamedTuple):
    """How names are coordinated in a language (names.conjunctions), compiled once."""

    between: re.Pattern[str]  # all that stands between two coordinated names
    right: re.Pattern[str]  # a list's next name, after the separator
    left: re.Pattern[str]  # a list's previous name, before the separator
    after: re.Pattern[str]  # a coordinated noun phrase after a name (≤ 3 words before its noun)
    before: re.Pattern[str]  # the word before the conjunction before a name


@lru_cache(maxsize=32)
def coordination(language: str) -> Coordination:
    words = "|".join(N.conjunctions(language)) or "(?!)"
    sep = rf"(?:\s*,\s*|\s+(?:{words})\s+)"
    return Coordination(
        re.compile(rf"\s*(?:,|{words})\s*|\s*,\s*(?:{words})\s*"),
        re.compile(rf"{sep}(?P<name>{_CAPWORD}(?: {_CAPWORD}){{0,2}})(?![\w’'\-])"),
        re.compile(rf"(?<![\w’'\-])(?P<name>{_CAPWORD}(?: {_CAPWORD}){{0,2}}){sep}$"),
        re.compile(rf"\s+(?:{words})\s+(?P<np>(?:[^\W\d_]+\s+){{0,3}}[^\W\d_]+)"),
        re.compile(rf"(?P<w>[^\W\d_]+)\s+(?:{words})\s+$"))


@dataclass(slots=True)
class Candidate:
    """A name found in ``blocks[block].text[start:end]``, with the evidence that found it."""

    block: int
    start: int
    end: int
    type: str
    confidence: float
    evidence: str
    entry: Entry | None = None
    nested: bool = False


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not (text[s].isalnum()):
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] in "’'"):
        e -= 1
    return s, e


def main_place(name: str) -> bool:
    place = lookup_place(name)
    return place is not None and not place.alternate


class Document:
    """All candidates of one document and the evidence shared between its blocks."""

    def __init__(self, blocks: list[Block], register: Register, language: str,
                 persons: Collection[str] = ()) -> None:
        self.blocks = blocks
        # full names (given names, not initials only) found in the document's earlier chunks
        self.persons = [f for f in persons if (g := N.person_parts(f)[0])
                        and not all(N.is_initial(x) for x in g)]
        self.register = register
        self.language = language
        self.cands: list[Candidate] = []
        self._reg_forms = Forms([f for f, _e in register.forms()], language)
        # the text's own evidence for a name's base form: the capitalised words it writes
        self._words = {m.group() for b in blocks for m in _CAP_WORD.finditer(b.text)}
        self._phrases: dict[str, bool] = {}
        self._usage: U.Usage | None = None  # how the text writes its words, lazily
        self._phrase_use: dict[str, tuple[int, int]] = {}


    def in_text(self, form: str) -> bool:
        """``form`` is written in the document as words of their own (``Komintern`` beside
        ``Kominterns``): then it is the base form of its inflected forms."""
        if " " not in form:
            return form in self._words
        found = self._phrases.get(form)
        if found is None:
            words = re.escape(form).replace(r"\ ", r"\s+")
            pat = re.compile(r"(?<![\w’'])" + words + r"(?![\w’'])")
            first = form.split(" ", 1)[0]  # a substring test skips most blocks
            found = self._phrases[form] = any(first in b.text and pat.search(b.text)
                                              for b in self.blocks)
        return found


    def surface(self, c: Candidate) -> str:
        return self.blocks[c.block].text[c.start:c.end]


    def genitive(self, form: str, known: Callable[[str], bool] = lambda s: False
                 ) -> tuple[str, str | None]:
        """``names.genitive_stem`` with the endings of the text's language."""
        return N.genitive_stem(form, known, self.language)


    def known_forms(self) -> set[str]:
        """Forms tagged in the document, their certain stems, and persons' surnames."""
        forms = {self.surface(c) for c in self.cands}
        stems = set()
        for f in forms:
            stem, rule = self.genitive(f, self.in_text)
            if rule:
                stems.add(stem)
        for c in self.cands:
            if c.type == "PER":
                given, sur = N.person_parts(self.genitive(self.surface(c))[0])
                if given and sur:
                    stems.add(sur)
        return forms | stems


    def stem(self, form: str, known: set[str]) -> str:
        """``form`` without its genitive ending, if the stem is a name known in the text,
        the register or the gazetteer (and ``form`` itself is no such name: ``Paris``)."""
        if self.register.lookup(form) is not None or main_place(form):
            return form

        def is_known(s: str) -> bool:
            return s in known or self.register.lookup(s) is not None or main_place(s) or \
                self.in_text(s)

        return self.genitive(form, is_known)[0]


    def common_word(self, word: str, zipf: float = 4.5) -> bool:
        """A frequent word of a text's language other than the Nordic ones the recogniser was
        trained for (Swedish; Danish and Norwegian are close): the recogniser takes any
        capitalised word for a name there, so a sentence's first word ("Mais", "However",
        "The") must be a rare word to be one."""
        if self.language in NORDIC or len(word) < 2 or word.isupper():
            return False
        return U.zipf(word.lower(), self.language) >= zipf  # 0 without a list ('und')


    def known_outside(self, form: str) -> bool:
        return self.register.lookup(form) is not None or lookup_place(form) is not None
