"""Where names are nested: dates and names become spans of their blocks, inside the
quotation spans (``q``, ``soCalled``) already there and never crossing them or each other."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from ...document import Block, Span
from ..register import Mention
from .document import trim

#: mention type -> TEI element
TAGS = {"PER": "persName", "ORG": "orgName", "LOC": "placeName", "TITLE": "title",
        "DATE": "date"}
RESP = "#teiedition"


def dates(blocks: list[Block], fd: Callable[..., Sequence[Any]], language: str,
          anchor: datetime.date | None) -> list[Mention]:
    """Dates of the whole text at once (a year written in one paragraph can supply the year
    of a later one in an undated text); blocks are joined by a blank line."""
    from ..dates import supports

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
            s, e = trim(text, s, e)
            if e <= s or not text[s].isupper():
                return None
    return (s, e) if e > s else None


def place(blocks: list[Block], names: list[Mention], dates: list[Mention]) -> list[Mention]:
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


