"""Gathering candidates: the names one block offers by four kinds of evidence, the statistical
recogniser (``model``), the register's known forms, the place gazetteer and the cues that announce
a journal (``tidningen X``, ``X nr 60``); the recogniser's spans are cut to the name there
(titles outside, a sentence's capitalised first word and the words after the name out)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from ...document import Block
from .. import names as N
from .. import usage as U
from ..gazetteer import lookup_place
from ..register import KIND_TYPE
from .document import (
    NORDIC,
    NOUN_CAPITALS,
    TITLE_CASE,
    Candidate,
    Document,
    trim,
)


class Tok(NamedTuple):
    """A capitalised word of a block and where it stands."""

    text: str
    start: int
    end: int


#: Words that announce a newspaper or journal title right after them (sv, en, de).
JOURNAL_CUES: frozenset[str] = frozenset(N.words(
    """
    tidningen tidningarna tidskriften tidskrifterna dagstidningen veckotidningen
    morgontidningen kvällstidningen organet bladet månadstidningen
    newspaper newspapers journal magazine
    zeitung zeitschrift blatt wochenzeitung tageszeitung
    """))

# Capitalised words as names are written (GPU:s, Kai-shek, Reiss’); a lighter pass than
# the recogniser's tokenizer, which these scans do not need.
_CAP_TOKEN = re.compile(r"(?<![^\W_])(?=[^\W\d_a-zß-öø-ÿ])[^\W_](?:[\w\-:’']*[^\W_])?"
                        r"(?:(?<=[sxzSXZ])[’'](?![^\W_]))?")
_CUE = re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(JOURNAL_CUES, key=len, reverse=True))
                  + r") (?=[^\W\d_])", re.IGNORECASE)
_ISSUE = re.compile(r"(?<![^\W_])(?:nr|no|heft|vol|årg)\.? ?\d", re.IGNORECASE)


def collect(doc: Document, bi: int, block: Block, fe: Callable[[str], Sequence[Any]]) -> None:
    """Add the candidates of block ``bi`` to ``doc.cands``; ``fe`` is the recogniser."""
    text = block.text
    if not text.strip():
        return
    toks = [Tok(m.group(), m.start(), m.end()) for m in _CAP_TOKEN.finditer(text)]
    initial = {m.end() for m in U.SENTENCE_START.finditer(text)}
    found: list[Candidate] = []
    for e in fe(text):
        found.extend(_from_model(doc, bi, text, e, initial))
    found.extend(_from_register(doc, bi, text))
    found.extend(_from_gazetteer(doc, bi, text, toks, initial))
    found.extend(_journals(doc, bi, text, toks))
    doc.cands.extend(found)


def _from_model(doc: Document, bi: int, text: str, e: Any, initial: set[int]) -> list[Candidate]:
    etype = str(getattr(e, "type", "")).upper()[:3]
    etype = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}.get(etype)
    if etype is None:
        return []
    conf = float(getattr(e, "confidence", 1.0) or 0.0)
    s, t = N.strip_titles(text, e.start, e.end)
    s, t = trim(text, s, t)
    if t <= s:
        return []
    words = [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:t])]
    # "Kommer Olle", "Hennes Nåd": a sentence's first word is capitalised anyway
    if len(words) > 1 and s in initial and (
            N.is_common_capitalised(text[s:words[0][1]], lexicon=True)
            or doc.common_word(text[s:words[0][1]])):
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
    out: list[Candidate] = []
    for piece in pieces:
        out.extend(_piece(doc, bi, text, piece, etype, conf, initial))
    return out


def _piece(doc: Document, bi: int, text: str, words: list[tuple[int, int]], etype: str,
           conf: float, initial: set[int]) -> list[Candidate]:
    # "Mark und", "Heidi hatte": a name ends in a capitalised word (or a particle's
    # name: "Ludwig van"), and a word of the sentence after it is none of it
    while len(words) > 1 and text[words[-1][0]].islower() and (
            etype == "PER" or doc.language in TITLE_CASE
            or doc.language not in NORDIC
            and doc.common_word(text[words[-1][0]:words[-1][1]], 5.0)):
        words = words[:-1]
    s, t = words[0][0], words[-1][1]
    surface = text[s:t]
    if not surface[0].isupper() and not surface[0].isdigit():
        return []
    if len(words) == 1:
        w = surface
        if N.is_derived_word(w) and not doc.known_outside(w):
            return []
        if s in initial and (w.lower() in N.FUNCTION_WORDS or (
                conf < 0.9 and N.is_common_capitalised(w)
                and not doc.known_outside(w))):
            return []
        # "Mais", "However" opening a sentence of a text in another language; in German
        # every noun is capitalised: its commonest nouns ("Rede", "Lage") are no names
        if (s in initial and doc.common_word(w)
                or doc.language in NOUN_CAPITALS and doc.common_word(w, 5.0)) \
                and not doc.known_outside(w):
            return []
    # GPU-agenter -> GPU; GPU-Komintern-agenternas -> GPU, Komintern
    last = text[words[-1][0]:t]
    parts = N.hyphen_name_parts(last)
    if parts is not None:
        off = words[-1][0]
        if len(words) == 1:
            return [Candidate(bi, off + a, off + b, etype, conf, "model") for a, b in parts]
        a, b = parts[-1]
        if a == 0:
            t = off + b
    return [Candidate(bi, s, t, etype, conf, "model")]


def _from_register(doc: Document, bi: int, text: str) -> list[Candidate]:
    if not doc._reg_forms:
        return []
    out = []
    for start, end, form in doc._reg_forms.finditer(text):
        entry = doc.register.lookup(form)
        if entry is None:
            continue
        typ = KIND_TYPE[entry.kind]
        out.append(Candidate(bi, start, end, typ, 1.0, "register", entry))
    return out


def _from_gazetteer(doc: Document, bi: int, text: str, toks: Sequence[Any],
                    initial: set[int]) -> list[Candidate]:
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
            stem, _rule = doc.genitive(form, lambda s: lookup_place(s) is not None)
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
            out.append(Candidate(bi, s, e, "LOC", conf, "gazetteer"))
            i += k
        else:
            i += 1
    return out


def _journals(doc: Document, bi: int, text: str, toks: Sequence[Tok]) -> list[Candidate]:
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
        out.append(Candidate(bi, toks[i].start, toks[j].end, "TITLE", 0.95, "cue"))
    for m in _ISSUE.finditer(text):
        j = ending.get(m.start() - 1)
        if j is None:
            continue
        i = j
        while i > 0 and toks[i].start - toks[i - 1].end == 1 and j - i < 4:
            i -= 1
        out.append(Candidate(bi, toks[i].start, toks[j].end, "TITLE", 0.9, "number"))
    return out
