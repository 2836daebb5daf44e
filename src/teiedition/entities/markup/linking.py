"""Linking: every candidate gets its normalised name, its register id and a certainty; a
surname alone, or with initials, goes to the full name the document uses elsewhere."""

from __future__ import annotations

from collections import Counter, defaultdict

from .. import names as N
from ..register import TYPE_KIND, Entry, Mention, Register
from .document import Candidate, Document


def link(doc: Document) -> list[Mention]:
    """Give every candidate a normalised name, a register id and a certainty."""
    known = doc.known_forms()
    reg = doc.register
    mentions: list[Mention] = []
    # (order, full name) of persons with given names; those of earlier chunks first
    per_full: list[tuple[int, str]] = [(-1, f) for f in doc.persons]
    stems: list[str] = []
    for idx, c in enumerate(doc.cands):
        stem = doc.stem(doc.surface(c), known)
        stems.append(stem)
        given, _sur = N.person_parts(stem)
        if c.type == "PER" and given and not all(N.is_initial(g) for g in given):
            per_full.append((idx, stem))
    freq = Counter(stems)
    fulls = _FullNames(per_full)
    for idx, c in enumerate(doc.cands):
        surface = doc.surface(c)
        stem = stems[idx]
        name, cert_link = stem, None
        kind = TYPE_KIND[c.type]
        entry = c.entry if c.entry is not None and c.entry.kind == kind else None
        if entry is None:
            entry = reg.lookup(surface, kind) or reg.lookup(stem, kind)
        if c.type == "PER" and entry is None:
            name, cert_link = _resolve_person(stem, idx, fulls)
            entry = reg.lookup(name, kind) or _register_person(reg, name)
        if entry is not None:
            ref, name, in_reg = entry.id, entry.name, True
        else:
            ref, in_reg = reg.new_id(kind, name), False
        cert = _cert(c, freq[stem], in_reg)
        if cert_link == "low" or (cert_link == "medium" and cert is None):
            cert = cert_link
        mentions.append(Mention(c.block, c.start, c.end, c.type, surface, name, ref,
                                cert, c.evidence, c.confidence, in_reg))
    return mentions


class _FullNames:
    """Persons named with given name(s) and surname in a document, indexed for linking."""

    def __init__(self, full: list[tuple[int, str]]) -> None:
        self.by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.by_given: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, f in full:
            given, sur = N.person_parts(f)
            self.by_surname[sur].append((i, f))
            if given:
                self.by_given[given[0]].append((i, f))


def _resolve_person(stem: str, idx: int, full: _FullNames) -> tuple[str, str | None]:
    """Surname alone or initials + surname -> the full name seen in the document."""
    given, sur = N.person_parts(stem)
    cands = full.by_surname.get(sur, [])
    if given and not all(N.is_initial(g) for g in given):
        # Nicolaus Falk -> Carl Nicolaus Falk, when that is the only fuller form
        longer = {f for _i, f in cands
                  if f != stem and set(given) < set(N.person_parts(f)[0])}
        return (longer.pop(), None) if len(longer) == 1 else (stem, None)
    if given:  # initials
        cands = [(i, f) for i, f in cands if N.initials_match(stem, f)]
    names = {f for _i, f in cands}
    if not names and not given:  # a given name alone (Arvid -> Arvid Falk): less sure
        cands = full.by_given.get(sur, [])
        if len({f for _i, f in cands}) == 1:
            return cands[0][1], "medium"
        return stem, None
    if not names:
        return stem, None
    if len(names) == 1:
        return names.pop(), None
    before = [f for i, f in cands if i < idx]
    return (before[-1] if before else cands[0][1]), "low"


def _register_person(reg: Register, name: str) -> Entry | None:
    """A register person whose surname (or initials + surname) this single form matches."""
    given, sur = N.person_parts(name)
    if given and not all(N.is_initial(g) for g in given):
        return None
    hits = []
    for e in reg.entries.values():
        if e.kind != "person":
            continue
        g2, s2 = N.person_parts(e.name)
        if s2 == sur and (not given or N.initials_match(name, e.name)):
            hits.append(e)
    return hits[0] if len(hits) == 1 else None


def _cert(c: Candidate, count: int, in_register: bool) -> str | None:
    """How sure the markup is, from the recogniser's confidence and the other evidence."""
    if in_register or c.evidence in ("register", "cue", "number"):
        return None
    score = c.confidence
    if c.evidence == "gazetteer":
        score = max(score, 0.85)
    if count >= 2:
        score += 0.1
    if score >= 0.85:
        return None
    return "medium" if score >= 0.6 else "low"


