"""Swedish-aware tokenizer over the reading text, with character offsets.

The recogniser tags tokens, but markup is placed on the reading text by character offsets, so
every token keeps its ``start``/``end`` and ``text[start:end] == token.text`` always holds.
Tokens are shaped the way names are written in Swedish: ``GPU:s`` (colon genitive),
``Reiss’`` (apostrophe genitive), ``Kai-shek`` and ``GPU-agenter`` (hyphenated words) stay one
token each; the entity features look inside them. Sentence breaks avoid abbreviations
(``dvs.``, ``t.ex.``) and initials (``H. A. Wahlfors``); ``t o m`` or ``M Koltsov`` never break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Token", "tokenize", "sentences", "ABBREVIATIONS"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its text and its character offsets in the input string."""

    text: str
    start: int
    end: int


# Swedish abbreviations written with periods. Kept as one token with their periods, so the
# period is not mistaken for a sentence end. (General Swedish usage, not names from any text.)
# Single words are listed only where they are not also ordinary Swedish words.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    dvs d.v.s t.ex bl.a s.k m.m osv o.s.v etc t.o.m fr.o.m p.g.a f.d m.fl m.a.o o.d
    e.d ca nr kl resp jfr dyl sek årh forts st obs omkr prof dr hr frk mr mrs jr sr kap
    avd fig uppl övers utg vol sid anm jan febr apr aug sept okt nov dec kr e.kr f.kr
    f.m e.m fm em tf o.a s.a.s v.g.v f.ö d.ä d.y t.v t.h ang bet
    """.split()  # noqa: SIM905
)
# Abbreviations that often close a sentence: their period may also end it.
_MAY_END = frozenset(
    {"osv.", "o.s.v.", "etc.", "m.m.", "m.fl.", "o.d.", "e.d.", "dyl.", "kr.", "o.a."}
)

_W = r"[^\W_]"  # a letter or digit
_TOKEN_RE = re.compile(
    rf"""
    (?P<url>https?://\S+[^\s.,;:!?)\]”"’']|www\.\S+[^\s.,;:!?)\]”"’'])
  | (?P<num>\d+(?:[.,:]\d+)+)
  | (?P<abbr>(?:{_W}{{1,4}}\.){{1,3}}{_W}{{0,4}}\.?(?=[\s,;:)”"’]|$))
  | (?P<word>{_W}(?:{_W}|\u00ad|[-\u2010\u2011](?={_W}))*
        (?::{_W}{{1,4}}\b)?(?:(?<=[sxzSXZ])[’'](?!{_W}))?(?P<dot>\.)?)
  | (?P<ellipsis>\.\.+|…)
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)
_DOMAIN_RE = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:se|com|nu|org|net|fi|no|dk|de|uk)$")

_SENT_END = frozenset({".", "!", "?", "…", "..", "...", "?!", "!?"})
_CLOSERS = frozenset({"”", '"', "’", "'", ")", "]", "»"})


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with offsets; whitespace is never part of a token."""
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        s, e = m.span()
        if kind == "word" and m.start("dot") >= 0:  # word + period: kept for abbreviations
            word = text[s : e - 1]
            if len(word) > 1 and word.lower() in ABBREVIATIONS:
                append(Token(text[s:e], s, e))
            else:
                append(Token(word, s, e - 1))
                append(Token(".", e - 1, e))
        elif kind == "abbr":
            tok = m.group()
            low = tok.lower()
            if (low.endswith(".") and low[:-1] in ABBREVIATIONS) or _DOMAIN_RE.match(low):
                append(Token(tok, s, e))
            else:  # "H.A." or "slut.Men": words and periods
                for p in re.finditer(r"[^.]+|\.", tok):
                    append(Token(p.group(), s + p.start(), s + p.end()))
        else:
            append(Token(m.group(), s, e))
    return tokens


def sentences(tokens: Sequence[Token]) -> list[list[Token]]:
    """Group tokens into sentences.

    A sentence ends at ``.``/``!``/``?``/``…`` (plus closing quotes or brackets) when the next
    token starts with a capital letter, a digit, a quotation mark or a dash, unless the period
    follows an initial (``H. A. Wahlfors``). Abbreviation tokens (``dvs.``) end a sentence only
    if they usually close one (``osv.``) and a capital follows.
    """
    out: list[list[Token]] = []
    cur: list[Token] = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        cur.append(tok)
        i += 1
        text = tok.text
        if text in _SENT_END:
            if (
                text == "."
                and len(cur) >= 2
                and _is_initial(cur[-2].text)
                and cur[-2].end == tok.start
            ):
                continue
        elif text.lower() not in _MAY_END:
            continue
        while i < n and tokens[i].text in _CLOSERS and tokens[i].start == cur[-1].end:
            cur.append(tokens[i])
            i += 1
        if i >= n:
            break
        first = tokens[i].text[0]
        if first.isupper() or first.isdigit() or first in '”"«»–—-(':
            if text.lower() in _MAY_END and not first.isupper():
                continue
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


_TWO_LETTER_INITIALS = frozenset({"Hj", "Th", "Ch", "Ph", "Fr", "Gh", "Wm", "Joh", "Chr", "Aug"})


def _is_initial(text: str) -> bool:
    """A single capital letter or a short name abbreviation, as in ``H. A. Wahlfors``."""
    return (len(text) == 1 and text.isupper()) or text in _TWO_LETTER_INITIALS
