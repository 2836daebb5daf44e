"""The kind of a name (person, organisation, place, journal): one kind per name over the
document, from the evidence that found it, its context (an organisation's organs, a place's
prepositions, persons it is coordinated with) and its neighbours in a list."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .. import names as N
from ..gazetteer import lookup_place
from .document import (
    Candidate,
    Document,
    coordination,
)

_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")


def acronyms(doc: Document) -> None:
    """An acronym that is no known place names an organisation: running text does not
    write persons' names in capitals, and places so written are countries (USA)."""
    for c in doc.cands:
        stem = doc.genitive(doc.surface(c))[0]
        if c.type in ("PER", "LOC") and c.entry is None and len(stem) > 1 and \
                stem.isupper() and stem.isalpha() and lookup_place(stem) is None and \
                not doc.blocks[c.block].text.isupper():
            c.type = "ORG"


def surname_shapes(doc: Document) -> None:
    """A one-word name the recogniser was unsure of (below 0.7) that has the shape of a
    Slavic surname and is no place the gazetteer knows is a person: ``rättegången mot
    Zinovjev``. Its list neighbours (``och Kamenev``) then follow it as persons."""
    for c in doc.cands:
        form = doc.surface(c)
        if c.entry is None and not c.nested and c.type != "PER" and c.confidence < 0.7 \
                and c.evidence in ("model", "propagated") and \
                N.is_slavic_surname(form) and lookup_place(form) is None and \
                lookup_place(doc.genitive(form)[0]) is None:
            c.type = "PER"


def in_places(doc: Document, known: set[str]) -> set[str]:
    """The names (stems) that stand after a preposition of place somewhere in the
    document ("i Lausanne", "from Paris"): places there, whatever else they do."""
    out = set()
    prepositions = N.place_prepositions(doc.language)
    for c in doc.cands:
        m = _WORD_BEFORE.search(doc.blocks[c.block].text, max(0, c.start - 20), c.start)
        if m and m.group(1).lower() in prepositions:
            out.add(doc.stem(doc.surface(c), known))
    return out


def agent(doc: Document, c: Candidate, known: set[str], placed: set[str]) -> bool:
    """A name the recogniser was unsure is a place, that no gazetteer knows and that
    never stands after a preposition of place in the document, coordinated with a
    person (``mellan Gestapo och en gammal tysk revolutionär``, ``the Okhrana and its
    agents``): it acts as persons do, so it is an organisation, not a place."""
    form = doc.surface(c)
    stem = doc.stem(form, known)
    if c.entry is not None or c.confidence >= 0.7 or c.evidence not in (
            "model", "propagated") or stem in placed or lookup_place(stem) is not None \
            or " " in stem:
        return False
    text = doc.blocks[c.block].text
    m = coordination(doc.language).after.match(text, c.end)
    if m:
        for w in m.group("np").split():
            if N.is_person_noun(w, doc.language):
                return True
            if w[:1].isupper():  # the phrase's own name: a list neighbour's vote
                break
    m = coordination(doc.language).before.search(text, max(0, c.start - 40), c.start)
    return bool(m) and N.is_person_noun(m.group("w"), doc.language)


def org_context(doc: Document, c: Candidate) -> bool:
    """The name stands in the genitive before, or hyphenated to, a noun for the organs
    or members of an organisation."""
    text = doc.blocks[c.block].text
    form = text[c.start:c.end]
    after = text[c.end:c.end + 40]
    if after.startswith("-"):
        m = re.match(r"-([^\W\d_]+)", after)
        return bool(m) and m.group(1)[:1].islower() and N.is_org_context_noun(m.group(1))
    if doc.genitive(form)[1] is not None or form.endswith("s"):
        m = re.match(r" ([^\W\d_]+)", after)
        return bool(m) and N.is_org_context_noun(m.group(1))
    return False


def vote(doc: Document, known: set[str]) -> None:
    """One kind per name: the journal evidence wins, else the majority of its mentions'
    votes (the recogniser's confidence, a surname of a person in the text, an organisation's
    context, the kinds of its neighbours in a list); ``known``: the document's known forms."""
    by_stem: dict[str, Counter[str]] = defaultdict(Counter)
    surnames = {N.person_parts(doc.stem(doc.surface(c), known))[1]: c for c in doc.cands
                if c.type == "PER" and " " in doc.stem(doc.surface(c), known)}
    for full in doc.persons:
        surnames.setdefault(N.person_parts(full)[1], None)  # type: ignore[arg-type]
    placed = in_places(doc, known)
    for c in doc.cands:
        stem = doc.stem(doc.surface(c), known)
        if not c.nested and c.evidence != "propagated":
            by_stem[stem][c.type] += (  # the recogniser votes with its confidence
                5 if c.evidence in ("cue", "number", "register") else c.confidence)
            if stem in surnames:  # Trotskijs: the surname of a person in the text
                by_stem[stem]["PER"] += 2
        # Kominterns exekutivkommitté, GPU-agenter; Gestapo och en gammal revolutionär
        if org_context(doc, c) or c.type == "LOC" and agent(doc, c, known, placed):
            by_stem[stem]["ORG"] += 1
    # coordinated names are mostly of one kind (Zinovjev och Kamenev; Schweiz och
    # Frankrike): a name's neighbours in a list vote for its kind
    ordered = sorted((c for c in doc.cands if not c.nested),
                     key=lambda c: (c.block, c.start))
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.block == b.block and coordination(doc.language).between.fullmatch(
                doc.blocks[a.block].text[a.end:b.start]):
            sa, sb = doc.stem(doc.surface(a), known), doc.stem(doc.surface(b), known)
            if sa != sb:
                by_stem[sa][b.type] += 0.5
                by_stem[sb][a.type] += 0.5
    for c in doc.cands:
        counts = by_stem.get(doc.stem(doc.surface(c), known))
        if counts and c.entry is None:
            c.type = counts.most_common(1)[0][0]
