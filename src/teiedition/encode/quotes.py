"""Quotation marks → ``<q>`` and ``<soCalled>``; the marks leave the text (rendered from markup).

Swedish uses ” both to open and to close, so a mark's role comes from its context: after a
space or an opening bracket it opens, before a space or punctuation it closes. Marks are paired
inside one paragraph with a stack; a mark left without a partner stays in the text and is
reported. Marks other than ” are recorded as ``rend="pre(») post(»)"`` so the
diplomatic text can be restored. A quotation of at most two words with no punctuation
inside is a scare quote (``soCalled``); anything longer is quoted speech or writing (``q``).
"""

from __future__ import annotations

import bisect
import re

from ..document import Block, Span

_OPEN_ONLY = {"„": "“”", "‚": "‘’"}  # German-style openers and the closers they take
_AMBIGUOUS = {"”", '"', "»", "«", "“"}
_OPEN_BEFORE = set(" \t\n([{–—-/") | {""}
_CLOSE_AFTER = set(" \t\n)]}.,;:!?–—-/…") | {""}
MAX_SOCALLED_WORDS = 2
#: The marks a q/soCalled without @rend had; others are kept as rend="pre(») post(»)".
DEFAULT_MARKS = ("”", "”")


def _role(text: str, i: int) -> str:
    ch = text[i]
    if ch in _OPEN_ONLY:
        return "open"
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    opens = prev in _OPEN_BEFORE or prev in _AMBIGUOUS
    closes = nxt in _CLOSE_AFTER or nxt in _AMBIGUOUS
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


_MARK = re.compile("[" + re.escape("".join(_AMBIGUOUS) + "".join(_OPEN_ONLY)) + "]")


def _pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    marks = [m.start() for m in _MARK.finditer(text)]
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone: list[int] = []
    for i in marks:
        role = _role(text, i)
        if role == "either":
            role = "close" if stack else "open"
        if role == "open":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
        else:
            lone.append(i)
    return sorted(pairs), sorted(lone + stack)


def _kind(content: str) -> str:
    # (split no further than one word past the most a soCalled has: a long quotation is
    # not cut into all its words to be counted)
    words = content.split(None, MAX_SOCALLED_WORDS)
    if len(words) <= MAX_SOCALLED_WORDS and not any(c in content for c in ".!?,;:"):
        return "soCalled"
    return "q"


def mark_quotations(block: Block) -> list[str]:
    """Turn paired marks in ``block`` into spans (in place); return warnings for lone marks."""
    text = block.text
    if not _MARK.search(text):
        return []
    pairs, lone = _pairs(text)
    # a pair around nothing (”” or ” ”) quotes nothing: its marks stay text
    pairs = [(o, c) for o, c in pairs if text[o + 1:c].strip()]
    warnings = [f"line {block.first_line}: unbalanced quotation mark {text[i]!r} near "
                f"{text[max(0, i - 20):i + 20]!r} kept as text" for i in lone]
    if not pairs:
        return warnings
    removed = sorted(p for pair in pairs for p in pair)

    def new(pos: int) -> int:
        return pos - bisect.bisect_left(removed, pos)

    bounds = [-1, *removed, len(text)]
    block.text = "".join(text[a + 1:b] for a, b in zip(bounds, bounds[1:], strict=False))
    first = removed[0]
    # a line end just after an opening mark or just before a closing one stays inside
    edges = {o + 1 for o, _ in pairs} | {c for _, c in pairs}
    at = bisect.bisect_left
    for m in block.milestones:  # moved in place: each milestone belongs to this block only
        off = m.offset
        if off > first:
            if off in edges:
                m.inside = True
            m.offset = off - at(removed, off)
    block.spans = [Span(new(s.start), new(s.end), s.tag, s.attrs) for s in block.spans]
    for o, c in pairs:
        start, end = new(o), new(c)
        marks = (text[o], text[c])
        attrs = () if marks == DEFAULT_MARKS else (("rend", f"pre({marks[0]}) post({marks[1]})"),)
        block.spans.append(Span(start, end, _kind(block.text[start:end]), attrs))
    return warnings
