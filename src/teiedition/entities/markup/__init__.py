"""Names and dates in the reading text: recognise, delimit, link to the register, mark up.

``annotate`` is called by ``encode`` with the document's blocks and runs the stages of this
package in the order of the flow:

1. ``candidates``: for every block, candidate names from four kinds of evidence — the
   statistical recogniser (``model``), the register's known forms, the place gazetteer
   (``gazetteer``) and textual cues for journals (``tidningen X``, ``X nr 60``);
2. ``extent``: their extent settled with the rules in ``names`` (titles outside,
   ``GPU-agenter`` marked on ``GPU``, derived words and compounds out), one span of
   overlapping ones chosen;
3. ``propagation``: over the whole document, forms tagged once are tagged everywhere, and
   names are found from the company they keep (lists, acronyms, organs);
4. ``kinds``: one kind per name;
5. ``linking``: ``Stalins`` is ``Stalin`` when ``Stalin`` is known, a surname alone or with
   initials goes to the full name seen in the text, and every mention of one entity gets
   one register id;
6. ``nesting``: dates (``dates.find_dates``) and names appended to ``Block.spans``, nested
   properly inside ``q``/``soCalled`` (a name that would cross one is shrunk or dropped).

The mentions are returned for the report and for ``Register.update``; ``note`` words the
decisions for the TEI header. The reading text is never changed.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Collection, Sequence
from typing import Any

from ...document import Block
from .. import names as N
from ..gazetteer import lookup_place
from ..register import Mention, Register, empty_register, load_register
from .candidates import JOURNAL_CUES, collect
from .document import ROMAN, Document
from .extent import choose, common_words, drop_stops, genitive_heads, org_heads
from .kinds import acronyms, surname_shapes, vote
from .linking import link
from .nesting import RESP, TAGS, dates, place
from .note import interpretation_note
from .propagation import list_members, new_acronyms, organs, propagate

__all__ = ["annotate", "interpretation_note", "TAGS", "JOURNAL_CUES", "RESP"]


# recogniser and date finder (the other modules of this package), loaded lazily


def _default_find_entities(language: str) -> Callable[[str], Sequence[Any]]:
    """The package's recogniser, reading the text as ``language`` (its conjunctions end a
    name before a common noun)."""
    from functools import partial

    from ..model import find_entities

    return partial(find_entities, language=language)


def _default_find_dates() -> Callable[..., Sequence[Any]]:
    from ..dates import find_dates

    return find_dates


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
    fe = find_entities or _default_find_entities(language)
    fd = find_dates or _default_find_dates()
    if register is None:
        reg = empty_register()
    elif isinstance(register, Register):
        reg = register
    else:
        reg = load_register(register)
    # what encoding added by itself never decides again (builds are fixed points)
    doc = Document(blocks, reg.evidence(), language, persons)
    for bi, block in enumerate(blocks):
        collect(doc, bi, block, fe)
    settle(doc)
    mentions = link(doc)
    found = dates(blocks, fd, language, anchor)
    mentions = place(blocks, mentions, found)
    return mentions


def settle(doc: Document) -> None:
    """Choose among overlapping candidates, drop compounds, propagate forms."""
    drop_stops(doc)
    doc.cands = choose(doc, doc.cands)
    known = doc.known_forms()
    genitive_heads(doc, known)
    acronyms(doc)
    def is_name(x: str) -> bool:  # gazetteer places only by a main name of 5+ letters
        if x in known or doc.register.lookup(x) is not None:
            return True
        place = lookup_place(x) if len(x) >= 5 else None
        return place is not None and not place.alternate

    doc.cands = [c for c in doc.cands
                 if c.entry is not None or " " in doc.surface(c)
                 or not N.is_compound_of(doc.surface(c), is_name)]
    doc.cands = choose(doc, doc.cands + org_heads(doc))
    propagate(doc, known)
    # names found from the company they keep: list members, acronyms, organs
    surname_shapes(doc)
    extra = list_members(doc, known) + new_acronyms(doc)
    if extra:
        doc.cands = choose(doc, doc.cands + extra)
        known = doc.known_forms()
        propagate(doc, known, only={doc.surface(c) for c in extra})
    extra = organs(doc, known)
    if extra:
        doc.cands = choose(doc, doc.cands + extra)
    # "KAPITEL II", "del IV": a numeral standing alone is no name, whatever found it
    doc.cands = [c for c in doc.cands
                 if c.entry is not None or not ROMAN.fullmatch(doc.surface(c))]
    common_words(doc)
    vote(doc, known)
    drop_stops(doc)  # also what the company of names and propagation added
