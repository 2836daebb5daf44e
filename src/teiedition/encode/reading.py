"""Source lines of one block → its reading text, with line and page ends as milestones."""

from __future__ import annotations

from ..document import Block, HyphenDecision, Milestone
from .hyphenation import HYPHENS, Lexicon, Vocabulary, decide
from .layout import RawBlock

LB_HYPHEN = (("break", "no"), ("rend", "hyphen"))
LB_KEPT = (("break", "no"),)


def _page_milestones(offset: int, line) -> list[Milestone]:  # noqa: ANN001
    page = line.page
    out = [Milestone(offset, "pb", (("n", page.n),), page.source_line)]
    if page.running_head:
        out.append(Milestone(offset, "fw", (("type", "header"),), page.source_line,
                             content=page.running_head))
    return out


def assemble(raw: RawBlock, vocab: Vocabulary, lex: Lexicon) -> tuple[Block, list[HyphenDecision]]:
    """Join a block's lines into reading text; every line end becomes an ``lb``."""
    lines = raw.lines
    if not lines:
        return Block(kind=raw.kind, section=raw.section, text="", milestones=[],  # type: ignore[arg-type]
                     first_line=0, div=raw.div, label=raw.label), []
    prev = lines[0]
    parts: list[str] = [prev.text]
    milestones: list[Milestone] = [] if prev.page is None else _page_milestones(0, prev)
    decisions: list[HyphenDecision] = []
    offset = len(prev.text)
    append, lb_at = parts.append, milestones.append
    if prev.initial_from:  # a large initial on a line of its own before the word's line
        lb_at(Milestone(1, "lb", LB_KEPT, prev.n))
    for line in lines[1:]:
        text = line.text
        d = decide(prev.n, prev.text, text, vocab, lex, soft=prev.soft_hyphen) if (
            prev.soft_hyphen or prev.text.endswith(HYPHENS)) else None
        if d is None:
            append(" ")
            offset += 1
            lb = ()
        else:
            decisions.append(d)
            if d.joined:  # drop the hyphen that ended the previous line
                mark = parts[-1][-1]
                parts[-1] = parts[-1][:-1]
                offset -= 1
                lb = LB_HYPHEN if mark in "-\u2010" else (("break", "no"), ("rend", mark))
            elif d.space:
                append(" ")
                offset += 1
                lb = ()
            else:
                lb = LB_KEPT
        if line.page is not None:
            milestones.extend(_page_milestones(offset, line))
        if line.initial_from:  # the letter's line, then the word's, inside the word
            lb_at(Milestone(offset, "lb", lb, line.initial_from))
            lb, offset, text = LB_KEPT, offset + 1, text[1:]
            append(line.text[0])
        lb_at(Milestone(offset, "lb", lb, line.n))
        append(text)
        offset += len(text)
        prev = line
    block = Block(kind=raw.kind, section=raw.section, text="".join(parts),  # type: ignore[arg-type]
                  milestones=milestones, first_line=lines[0].initial_from or lines[0].n,
                  div=raw.div, label=raw.label)
    return block, decisions
