"""Lines → what each is (body, paragraph start, heading, page number, running head): the
rules' verdict per line, and the features a trained classifier reads of each line.

The rules (``pages``, ``layout``) decide page furniture, headings and paragraphs from the
whole document. ``verdicts`` reads their decisions back per source line, so that a line
classifier (a CRF over each page's lines, ``scripts/train_lines.py``) can be trained on the
layout suite's answer keys with the rules' verdict as one of its features, and compared with
the rules on cases neither was tuned on. ``features`` is what the CRF sees of a line: its
length against the text's typical line, indentation, case, digits, roman figures, its last
character, blank lines around it, its distance from the page starts the page model found,
how often its letters recur (a running head recurs), and the rules' verdict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .layout import RawBlock, _item_marks, classify, find_blocks, split_items, split_verse
from .lines import SENTENCE_END_CHARS, Line, split_lines, typical_width
from .pages import _PAGE_NUMBER, find_pages, letters_key, roman_value

LABELS = ("body", "par", "head", "number", "runhead", "blank")
#: Block kinds the verdict calls a heading (a title page's lines are headings to the key).
_HEADS = frozenset(("head", "titlePart", "subtitle", "docAuthor", "byline", "docDate"))


@dataclass(slots=True)
class Read:
    """A text as the rules read it: its source lines and each line's verdict."""

    lines: list[Line]
    raw: list[str]  # each line as the source has it (furniture lines are emptied)
    verdict: list[str]


def _furniture_kind(raw: str) -> str:
    t = " ".join(raw.replace("\f", " ").split())
    return "number" if _PAGE_NUMBER.match(t) or roman_value(t) else "runhead"


def verdicts(text: str) -> Read:
    """Run the page model and the block reader over ``text``; each line's verdict."""
    lines = split_lines(text)
    raw = [ln.raw for ln in lines]
    items = _item_marks(lines)
    lines, _, _ = find_pages(lines, items)
    blocks, signal = find_blocks(lines)
    blocks = split_items(blocks, items)
    if blocks:
        classify(blocks, None, block_quotes="indentation" not in signal)
        split_verse(blocks)
    verdict = ["blank"] * len(lines)
    index = {ln.n: k for k, ln in enumerate(lines)}
    for k, ln in enumerate(lines):
        if ln.furniture and raw[k].strip(" \t\f"):
            verdict[k] = _furniture_kind(raw[k])
    b: RawBlock
    for b in blocks:
        for j, ln in enumerate(b.lines):
            k = index.get(ln.n)
            if k is None:
                continue
            if b.kind in _HEADS:
                verdict[k] = "head"
            else:
                verdict[k] = "par" if j == 0 else "body"
    return Read(lines, raw, verdict)


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    return sum(1 for e in edges if x >= e)


def _end_class(t: str) -> str:
    if not t:
        return "none"
    c = t[-1]
    if c in SENTENCE_END_CHARS:
        return "stop"
    if c in ",;":
        return "comma"
    if c in "-\u00ad\u2010":
        return "hyphen"
    if c.isdigit():
        return "digit"
    return "letter" if c.isalpha() else "other"


def features(read: Read) -> list[list[str]]:
    """The CRF's features of each line (strings, crfsuite's attribute form)."""
    lines = read.lines
    width = max(1, typical_width(lines))
    keys = [letters_key(r) if len(r.strip()) <= 80 else "" for r in read.raw]
    recur = Counter(k for k in keys if k)
    starts = [k for k, ln in enumerate(lines) if ln.page is not None]
    leads = sorted(len(r) - len(r.lstrip(" ")) for r in read.raw if r.strip())
    usual = leads[len(leads) // 2] if leads else 0
    out: list[list[str]] = []
    texts = [" ".join(r.replace("\f", " ").split()) for r in read.raw]
    for k, t in enumerate(texts):
        prev = texts[k - 1] if k else ""
        nxt = texts[k + 1] if k + 1 < len(texts) else ""
        r = read.raw[k]
        lead = len(r) - len(r.lstrip(" "))
        near = min((abs(k - s) for s in starts), default=99)
        words = t.split()
        f = [
            f"verdict={read.verdict[k]}",
            f"len={_bucket(len(t) / width, (0.01, 0.2, 0.4, 0.6, 0.8, 0.95, 1.1))}",
            f"indent={_bucket(lead - usual, (1, 3, 7, 15))}",
            f"end={_end_class(t)}",
            f"prev_end={_end_class(prev)}",
            f"prev_len={_bucket(len(prev) / width, (0.01, 0.6, 0.9))}",
            f"next_len={_bucket(len(nxt) / width, (0.01, 0.6, 0.9))}",
            f"blank_before={not prev}",
            f"blank_after={not nxt}",
            f"ff={chr(12) in r}",
            f"page_start={_bucket(near, (1, 2, 4, 8))}",
            f"recur={_bucket(recur[keys[k]] if keys[k] else 0, (2, 3, 5, 10))}",
            f"words={_bucket(len(words), (1, 2, 4, 8, 12))}",
        ]
        if t:
            first = t[0]
            f += [
                f"upper={t.isupper()}",
                f"first_upper={first.isupper()}",
                f"first_dash={first in '-–—'}",
                f"first_quote={first in chr(34) + '“”„«»‘’'}",
                f"digits={t.replace(' ', '').strip('-–—()[]').isdigit()}",
                f"edge_digit={t[0].isdigit() or t[-1].isdigit()}",
                f"roman={roman_value(t.strip('.').lower()) is not None and len(t) <= 8}",
            ]
        out.append(f)
    return out


def pages_of(read: Read, size: int = 60) -> list[tuple[int, int]]:
    """The CRF's sequences: the lines of each page the rules found, or runs of ``size``
    lines where they found none."""
    starts = sorted({0, *(k for k, ln in enumerate(read.lines) if ln.page is not None)})
    if len(starts) < 2:
        starts = list(range(0, len(read.lines), size))
    bounds = [*starts, len(read.lines)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
