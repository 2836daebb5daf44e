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
    parts: list[str] = []
    milestones: list[Milestone] = []
    decisions: list[HyphenDecision] = []
    offset = 0
    lines = raw.lines
    for i, line in enumerate(lines):
        text = line.text
        if i > 0:
            prev = lines[i - 1]
            d = decide(prev.n, prev.text, text, vocab, lex, soft=prev.soft_hyphen) if (
                prev.soft_hyphen or prev.text.endswith(HYPHENS)) else None
            if d is not None:
                decisions.append(d)
                if d.joined:  # drop the hyphen that ended the previous line
                    mark = parts[-1][-1]
                    parts[-1] = parts[-1][:-1]
                    offset -= 1
                elif d.space:
                    parts.append(" ")
                    offset += 1
                lb = (LB_HYPHEN if mark in "-\u2010" else (("break", "no"), ("rend", mark))
                      ) if d.joined else () if d.space else LB_KEPT
            else:
                parts.append(" ")
                offset += 1
                lb = ()
            if line.page is not None:
                milestones.extend(_page_milestones(offset, line))
            milestones.append(Milestone(offset, "lb", lb, line.n))
        elif line.page is not None:
            milestones.extend(_page_milestones(0, line))
        parts.append(text)
        offset += len(text)
    block = Block(kind=raw.kind, section=raw.section, text="".join(parts),  # type: ignore[arg-type]
                  milestones=milestones, first_line=lines[0].n if lines else 0, div=raw.div,
                  label=raw.label)
    return block, decisions
