"""Footnotes → ``<note place="foot" n="…">`` at the point of attachment.

``layout.find_notes`` recognised the notes at the foot of a page (or the end of the text);
here each moves into the block where its callout stands, as TEI places notes: the callout
figure leaves the text (it lives on in ``@n``), the note's reading text, line ends and markup
(names, dates, quotations found in it as in any block) go in its place.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Block, Milestone, Span
from .layout import callout

#: Blocks a note may be attached to (not the title page, not another note).
HOSTS = frozenset({"p", "head", "item", "quote"})


def _page_start(block: Block) -> int:
    """Offset after the last page break in ``block`` (0 if it has none)."""
    return max((m.offset for m in block.milestones if m.tag == "pb"), default=0)


def _find(out: list[Block], mark: str) -> tuple[Block, int, int] | None:
    """The first callout of ``mark`` on the current page, searching back to its start."""
    pattern = callout(mark)
    found = None
    for host in reversed(out):
        if host.kind not in HOSTS or host.section != "body":
            continue
        start = _page_start(host)
        hits = [m for m in pattern.finditer(host.text, start)
                if not any(s.tag == "note" and s.start <= m.start() < s.end for s in host.spans)]
        if hits:
            found = (host, hits[0].start(), hits[0].end())
        if any(m.tag == "pb" for m in host.milestones):
            break  # the page began in this block: earlier blocks belong to earlier pages
    return found


def _shift_milestone(m: Milestone, by: int) -> Milestone:
    return replace(m, offset=m.offset + by)


def attach(blocks: list[Block]) -> list[Block]:
    """The blocks with every note moved to its callout; a note whose callout is not found
    stays where it stood (as a note between the blocks)."""
    out: list[Block] = []
    for b in blocks:
        if b.kind != "note" or b.label is None:
            out.append(b)
            continue
        where = _find(out, b.label)
        if where is None:
            out.append(b)
            continue
        host, i, j = where
        delta = len(b.text) - (j - i)
        host.text = host.text[:i] + b.text + host.text[j:]
        host.milestones = sorted(
            [_shift_milestone(m, delta) if m.offset >= j else m for m in host.milestones]
            + [_shift_milestone(m, i) for m in b.milestones], key=lambda m: m.offset)
        spans = []
        for s in host.spans:
            if s.start >= j:
                s = replace(s, start=s.start + delta, end=s.end + delta)
            elif s.start <= i and s.end >= j and s.end > i:  # holds the callout: and the note
                s = replace(s, end=s.end + delta)
            elif s.end > i:  # cut by the callout (an entity that took the figure): dropped,
                continue  # its text stays
            spans.append(s)
        spans.extend(replace(s, start=s.start + i, end=s.end + i) for s in b.spans)
        spans.append(Span(i, i + len(b.text), "note", (("place", "foot"), ("n", b.label))))
        host.spans = spans
    return out
