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

import bisect
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .layout import RawBlock, _item_marks, _read_blocks
from .lines import SENTENCE_END_CHARS, Line, split_lines, typical_width
from .pages import PAGE_NUMBER, find_pages, roman_value

LABELS = ("body", "par", "head", "number", "runhead", "blank")
#: Block kinds the verdict calls a heading (a title page's lines are headings to the key).
_HEADS = frozenset(("head", "titlePart", "subtitle", "docAuthor", "byline", "docDate"))


@dataclass(slots=True)
class Read:
    """A text as the rules read it: its source lines and each line's verdict."""

    lines: list[Line]
    raw: list[str]  # each line as the source has it (furniture lines are emptied)
    verdict: list[str] | Verdicts


def _furniture_kind(raw: str) -> str:
    t = " ".join(raw.replace("\f", " ").split())
    return "number" if PAGE_NUMBER.match(t) or roman_value(t) else "runhead"


def verdicts(text: str) -> Read:
    """Run the page model and the block reader over ``text``; each line's verdict."""
    lines = split_lines(text)
    raw = [ln.raw for ln in lines]
    items = _item_marks(lines)
    lines, _, _ = find_pages(lines, items)
    blocks, _, _ = _read_blocks(lines, items, None, classifier=False)
    return Read(lines, raw, verdict_of(lines, raw, blocks))


def verdict_of(lines: list[Line], raw: list[str], blocks: list[RawBlock]) -> list[str]:
    """Each line's label as the rules decided it (furniture, the kind of its block)."""
    verdict = ["blank"] * len(lines)
    index = {ln.n: k for k, ln in enumerate(lines)}
    for k, ln in enumerate(lines):
        if ln.furniture and raw[k].strip(" \t\f"):
            verdict[k] = _furniture_kind(raw[k])
    for b in blocks:
        for j, ln in enumerate(b.lines):
            k = index.get(ln.n)
            if k is None:
                continue
            if b.kind in _HEADS:
                verdict[k] = "head"
            else:
                verdict[k] = "par" if j == 0 else "body"
    return verdict


class Verdicts:
    """Each line's verdict as ``verdict_of`` gives it, read on demand (``verdicts[k]``): the
    classifier reads a few lines' only, where the rules are unsure, not the whole text's."""

    def __init__(self, lines: list[Line], raw: list[str], blocks: list[RawBlock]) -> None:
        self.lines, self.raw, self.blocks = lines, raw, blocks
        self.firsts = [b.lines[0].n for b in blocks]

    def __getitem__(self, k: int) -> str:
        ln = self.lines[k]
        n = ln.n
        # (two lines of one number: verdict_of gives the last its block's verdict)
        at = -1 if k + 1 < len(self.lines) and self.lines[k + 1].n == n else \
            bisect.bisect_right(self.firsts, n) - 1
        if at >= 0:
            for j, x in enumerate(self.blocks[at].lines):
                if x.n == n:
                    return "head" if self.blocks[at].kind in _HEADS else "par" if j == 0 \
                        else "body"
        if ln.furniture and self.raw[k].strip(" \t\f"):
            return _furniture_kind(self.raw[k])
        return "blank"


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


def _keys(raw: list[str]) -> list[str]:
    """Each line's text, case-folded, where it is short enough to be a running head (a
    running head repeats itself, in capitals or not: no regular expression on every line)."""
    return [t.casefold() if len(t := r.strip(" \t\f")) <= 80 else "" for r in raw]


@dataclass(slots=True)
class Context:
    """What the features read of the whole text (once per text, not once per line)."""

    width: int
    keys: list[str]
    recur: Counter
    starts: list[int]
    usual: int  # the usual indentation of a line


def context(read: Read) -> Context:
    keys = _keys(read.raw)
    leads = np.fromiter((len(r) - len(r.lstrip(" ")) for r in read.raw if r.strip()),
                        dtype=np.int32)
    usual = int(np.partition(leads, len(leads) // 2)[len(leads) // 2]) if len(leads) else 0
    return Context(max(1, typical_width(read.lines)), keys, Counter(filter(None, keys)),
                   [k for k, ln in enumerate(read.lines) if ln.page is not None], usual)


def features(read: Read, only: list[int] | None = None,
             ctx: Context | None = None) -> list[list[str]]:
    """The CRF's features of each line (strings, crfsuite's attribute form), or of the lines
    ``only`` names (in order); ``ctx`` as ``context`` gives it, where known."""
    lines = read.lines
    ctx = ctx or context(read)
    width, keys, recur, starts, usual = ctx.width, ctx.keys, ctx.recur, ctx.starts, ctx.usual
    out: list[list[str]] = []

    def flat(k: int) -> str:
        return " ".join(read.raw[k].replace("\f", " ").split()) if 0 <= k < len(lines) else ""

    for k in (range(len(lines)) if only is None else only):
        t = flat(k)
        prev = flat(k - 1) if k else ""
        nxt = flat(k + 1)
        r = read.raw[k]
        lead = len(r) - len(r.lstrip(" "))
        at = bisect.bisect_left(starts, k)
        near = min((abs(k - starts[j]) for j in (at - 1, at) if 0 <= j < len(starts)),
                   default=99)
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


_TAGGER: list = []  # the shipped model, opened on first use


def _tagger():  # noqa: ANN202 - pycrfsuite.Tagger
    if not _TAGGER:
        import pycrfsuite

        from ..resources import data_path

        tagger = pycrfsuite.Tagger()
        tagger.open(str(data_path("lines.crfsuite")))
        _TAGGER.append(tagger)
    return _TAGGER[0]


#: How a line of dialogue begins (a dash or a quotation mark): speech, never a running
#: head, however often a novel repeats it ('— Ja.', '»Nej.«'); nor is a line that goes on
#: in lower case (a paragraph's last words, 'vet.')
SPEECH_MARKS = ("—", "–", "-", "»", "«", "›", "‹", '"', "“", "”", "„", "‚", "'", "‘", "’")

#: The model's probability, at least, that a line the rules kept as text is a running head.
RUNHEAD_P = 0.8
#: Running heads are furniture that recurs with the page period: on at least this share of a
#: chunk's pages (the rules' and the classifier's together) or none is taken. Below it they
#: are lines of the text that happen to recur near page starts (a text that repeats itself:
#: 6 lines of a 9 MB text without any running head were taken). The development cases'
#: takes cover 0.14 of their pages at least, an excerpt of a few pages.
MIN_HEAD_SHARE = 0.05
#: The model's probability (of the likeliest line), at least, that a short block set apart
#: that the rules left as text is a heading (leave-one-design-out on the tuned cases, with
#: the tuned, unseen and fresh sets: the likeliest such block, an author's name under a poem,
#: 'Talis Qualis.', read 0.40 with the model trained without its design; no real heading the
#: rules left was read above 0.3 anywhere).
HEAD_P = 0.8


def heading_probability(lines: list[Line], blocks: list[RawBlock],
                        spans: list[tuple[int, int]]) -> list[float]:
    """The trained classifier's heading verdict on each span of ``lines`` (indices, end
    excluded): the highest marginal probability of ``head`` among its lines, each span read
    with up to three lines around it on its page (its page's lines as the model was trained
    on; not the whole text: only the spans the rules are unsure of are read)."""
    if not spans:
        return []
    raw = [ln.raw for ln in lines]
    read = Read(lines, raw, Verdicts(lines, raw, blocks))
    ctx = context(read)
    return [max(_marginals(read, ctx, a, b, "head")) for a, b in spans]


def _marginals(read: Read, ctx: Context, a: int, b: int, label: str) -> list[float]:
    """The shipped model's marginal probability of ``label`` for each of the lines ``a`` to
    ``b`` (end excluded), read with up to three lines around them on their page (the page's
    lines as the model was trained on them; not the whole text)."""
    starts = ctx.starts
    at = bisect.bisect_right(starts, a)
    lo = max(a - 3, starts[at - 1] if at else 0)
    at = bisect.bisect_right(starts, b - 1)
    hi = min(b + 3, starts[at] if at < len(starts) else len(read.lines))
    tagger = _tagger()
    tagger.set(features(read, list(range(lo, hi)), ctx))
    tagger.tag()
    return [tagger.marginal(label, k - lo) for k in range(a, b)]


def running_heads(lines: list[Line], blocks: list[RawBlock]) -> list[int]:
    """Lines the rules kept as text that the trained classifier reads as running heads:
    where the rules are unsure, i.e. short lines (under 0.8 of a full line) that recur in
    the text, next to a page start the page model found (two lines at most). Each is read
    with the lines around it on its page, and taken where its string is read so twice at
    least (or repeats a heading) and stands nowhere else but once; returns their
    indices."""
    pages = sum(1 for ln in lines if ln.page is not None)
    if pages < 2:
        return []
    raw = [ln.raw for ln in lines]
    read = Read(lines, raw, [])
    ctx = context(read)
    width, keys, recur, starts = ctx.width, ctx.keys, ctx.recur, ctx.starts
    cands = []
    for s in starts:
        for k in range(max(0, s - 3), min(len(lines), s + 3)):
            t = lines[k].text
            if t and not lines[k].furniture and len(t) < 0.8 * width and recur[keys[k]] >= 2 \
                    and not t.startswith(SPEECH_MARKS) and not t[0].islower():
                cands.append(k)
    if not cands:
        return []
    read.verdict = Verdicts(lines, raw, blocks)
    out = [k for k in sorted(set(cands)) if read.verdict[k] in ("par", "body", "head")
           and _marginals(read, ctx, k, k + 1, "runhead")[0] >= RUNHEAD_P]
    # a running head recurs as one: its string read so twice at least (or once, repeating a
    # heading), and standing next to a page start wherever it occurs (but once: the
    # chapter's heading it repeats)
    flagged = Counter(keys[k] for k in out)
    near = set(cands)
    where: dict[str, list[int]] = {}
    for k, key in enumerate(keys):
        if key in flagged:
            where.setdefault(key, []).append(k)
    sure = {key for key, n in flagged.items()
            if (n >= 2 or any(read.verdict[k] == "head" for k in where[key]))
            and sum(1 for k in where[key] if k not in near and not lines[k].furniture) <= 1}
    taken = [k for k in out if keys[k] in sure]
    heads = sum(1 for ln in lines if ln.page is not None and ln.page.running_head)
    return taken if heads + len(taken) >= MIN_HEAD_SHARE * pages else []

