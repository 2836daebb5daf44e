"""The extent of names: overlapping candidates settled (one span wins), the stop list, names in
the genitive heading a description cut to the name, compounds made of names dropped, and,
outside the recogniser's languages, capitalised common words taken out of names."""

from __future__ import annotations

import re
from collections import defaultdict

from ...letters import UPPER
from .. import names as N
from .. import usage as U
from ..gazetteer import lookup_place
from .document import (
    NORDIC,
    NOUN_CAPITALS,
    ROMAN,
    Candidate,
    Document,
)

# one or two capitalised words before an organisation's head noun (or a compound ending in one)
_HEADED = re.compile(rf"(?<![\w’'\-])(?P<mod>(?:[{UPPER}][\w\-]* ){{1,2}})"
                     r"(?P<head>(?i:[^\W\d_]*" + N.ORG_HEADS + r"))(?![\w’'\-])")
_DET_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_]+)(?:\s+|[’'])$")  # "the ", "l’"


def drop_stops(doc: Document) -> None:
    """Forms the editor marked as no names (the register's stop list) are never marked,
    whatever found them: as written or as the genitive of a stop form."""
    stops = doc.register.stops
    if stops:
        doc.cands = [c for c in doc.cands if c.entry is not None or (
            doc.surface(c) not in stops and doc.genitive(doc.surface(c))[0] not in stops)]


def choose(doc: Document, cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates per block; nested organ names stay inside their org."""
    prio = {"register": 5, "cue": 4, "number": 4, "model": 3, "propagated": 3,
            "gazetteer": 1, "list": 2, "acronym": 1}
    by_span: dict[tuple[int, int, int], list[Candidate]] = defaultdict(list)
    for c in cands:
        by_span[(c.block, c.start, c.end)].append(c)
    merged = []
    for group in by_span.values():
        best = max(group, key=lambda c: (prio[c.evidence] + (c.evidence == "model") * 0.5,
                                         c.confidence))
        types = {c.evidence: c for c in group}
        if best.evidence not in ("register", "cue", "number"):
            gaz = types.get("gazetteer")
            # (outside the recogniser's languages, the gazetteer knows places better)
            if gaz is not None and best.type != "LOC" and gaz.confidence >= 0.75 and (
                    best.confidence < 0.9 or doc.language not in NORDIC):
                best.type = "LOC"
            if gaz is not None or len(group) > 1:
                best.confidence = max(c.confidence for c in group)
        best.nested = all(c.nested for c in group)
        merged.append(best)
    merged.sort(key=lambda c: (-prio[c.evidence], -(c.end - c.start), -c.confidence))
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    out = []
    for c in merged:
        spans = taken[c.block]
        if c.nested:
            if any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                   for s, e in spans) or not any(s < c.end and c.start < e
                                                 for s, e in spans):
                out.append(c)
            continue
        if any(s < c.end and c.start < e for s, e in spans):
            continue
        spans.append((c.start, c.end))
        out.append(c)
    # nested candidates whose container was dropped: keep them only if not overlapping
    out.sort(key=lambda c: (c.block, c.start, -c.end))
    return out


def genitive_heads(doc: Document, known: set[str]) -> None:
    """``Kremls Kain`` is Kreml's Cain: a name in the genitive heads a description.

    The span is cut to the genitive name, except for an organisation's organ
    (``SUKP:s centralkommitté``), which stays an organisation with the name nested in it.
    """
    def is_known(x: str) -> bool:
        return x in known or doc.register.lookup(x) is not None or \
            lookup_place(x) is not None

    extra = []
    for c in doc.cands:
        if c.nested:
            continue
        words = doc.surface(c).split(" ")
        if len(words) < 2:
            continue
        _stem, rule = doc.genitive(words[0], is_known)
        if rule is None:
            continue
        rest = words[1:]
        head_end = c.start + len(words[0])
        if all(w[:1].islower() for w in rest) and c.type == "ORG" and \
                N.is_organ_noun(rest[-1]):
            extra.append(Candidate(c.block, c.start, head_end, "ORG", c.confidence, c.evidence,
                                   nested=True))
        elif c.entry is None and (c.type == "PER" or all(w[:1].islower() for w in rest)):
            c.end = head_end
    if extra:
        doc.cands = choose(doc, doc.cands + extra)


def org_heads(doc: Document) -> list[Candidate]:
    """A name whose last word is an organisation's head noun is an organisation
    (``Fjärde internationalen``, ``Labour Party``), found with confidence enough to be
    tagged wherever it recurs; capitalised words before such a noun that nothing tagged
    (``i Andra internationalen``) become one, unless they open a sentence as an ordinary
    word would."""
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for c in doc.cands:
        taken[c.block].append((c.start, c.end))
        if c.entry is None and not c.nested and " " in doc.surface(c) and \
                N.is_org_head(doc.surface(c).rsplit(" ", 1)[1]):
            c.type, c.confidence = "ORG", max(c.confidence, 0.8)
    out: list[Candidate] = []
    for bi, block in enumerate(doc.blocks):
        text = block.text
        initial: set[int] | None = None
        for m in _HEADED.finditer(text):
            a, b = m.span()
            if m.group().isupper() or (doc.language not in NORDIC
                                       and not m.group("head")[:1].isupper()):
                continue  # a heading in capitals; "the Brownbie party" is no party
            if initial is None:
                initial = {x.end() for x in U.SENTENCE_START.finditer(text)}
            for word in m.group("mod").split():  # "I Andra internationalen": from Andra
                if word.lower() not in N.FUNCTION_WORDS and not doc.common_word(word) \
                        and not (a in initial and N.is_common_capitalised(word, lexicon=True)):
                    break
                a += len(word) + 1
            if a >= m.start("head") or any(s < b and a < e for s, e in taken[bi]):
                continue
            out.append(Candidate(bi, a, b, "ORG", 0.7, "model"))
    return out


def common_words(doc: Document) -> None:
    """Outside the recogniser's languages, a capitalised common word of the text's
    language is no name, whatever found it (``usage``): a one-word name is dropped, a
    longer one loses its common first words (``Nachbar Witkuhn``, ``Et Lucette``) or is
    dropped when it follows an article as a noun phrase does (``the Time Traveller``)."""
    if doc.language in NORDIC:
        return
    if doc._usage is None:
        doc._usage = U.count_usage((b.text for b in doc.blocks), doc.language)
    usage, lang = doc._usage, doc.language
    nouns = lang in NOUN_CAPITALS

    # a surname after a given name in the text ("Michael Böhmer": "Böhmer")
    surnames = set()
    for c in doc.cands:
        given, sur = N.person_parts(doc.surface(c))
        if c.type == "PER" and given and N.is_given_name(given[0], lang):
            surnames.add(sur)

    def is_name(w: str) -> bool:
        place = lookup_place(w)
        # a town named like a function word ("Alles", "Was") is not that word's evidence
        if place is not None and (place.kind in ("country", "continent")
                                  or U.zipf(w.lower(), lang) < 6.0):
            return True
        # (a surname is no evidence against the commonest words: "Dörthe Alles")
        return doc.register.lookup(w) is not None or N.is_given_name(w, lang) or \
            N.is_proper_noun(w) or w in surnames and U.zipf(w.lower(), lang) < 5.5

    verdict: dict[str, str | None] = {}

    def common(w: str) -> bool:
        if w not in verdict:
            verdict[w] = U.common_word(w, usage, lang, noun_capitals=nouns,
                                       is_name=is_name)
        return verdict[w] is not None

    keep = []
    for c in doc.cands:
        if c.entry is not None or c.evidence in ("register", "cue", "number"):
            keep.append(c)
            continue
        text = doc.blocks[c.block].text
        words = [(c.start + m.start(), c.start + m.end())
                 for m in re.finditer(r"\S+", text[c.start:c.end])]
        phrase = [text[a:b] for a, b in words]
        # words of a heading in capitals ("CHAPTER VIII", "IN SPECTACLES", "BEFORE"),
        # all of them words of the language (or numerals), are no name
        if (text.isupper() or len(phrase) > 1 and all(w.isupper() for w in phrase)) \
                and all(ROMAN.fullmatch(w) or U.zipf(re.split("[’']", w)[0].lower(), lang)
                        >= 3.0 and not is_name(w.capitalize()) for w in phrase):
            continue
        if len(words) > 1 and not N.is_org_head(text[words[-1][0]:words[-1][1]]):
            if all(w[:1].isupper() for w in phrase) and U.common_phrase(
                    phrase, *_determined(doc, text[c.start:c.end]), lang, is_name):
                continue
            while len(words) > 1 and text[words[0][0]].isupper() and \
                    common(text[words[0][0]:words[0][1]]):
                words = words[1:]
            c.start = words[0][0]
            rest = [(a, b) for a, b in words if not text[a].islower()]
            if len(rest) == 1 and len(rest) < len(words) and common(text[slice(*rest[0])]):
                continue  # "von Frauen": a particle before a common word is no name
        if len(words) == 1:
            w = doc.genitive(text[c.start:c.end], lambda x: x in usage.mid)[0]
            if w.lower().rstrip(".") in U.TITLES:  # "Madame", "Mrs" alone: no name
                continue
            if common(w) and (w == text[c.start:c.end] or common(text[c.start:c.end])):
                continue
        keep.append(c)
    doc.cands = keep


def _determined(doc: Document, phrase: str) -> tuple[int, int]:
    """How often ``phrase`` follows an article or a possessive, of how often it occurs."""
    if phrase in doc._phrase_use:
        return doc._phrase_use[phrase]
    dets = U.DETERMINERS.get(doc.language, frozenset())
    # the phrase itself is searched (a literal: fast); the word before it is read after
    pat = re.compile(r"(?<![^\W_])" + re.escape(phrase).replace(r"\ ", r"\s+")
                     + r"(?![^\W_])")
    det = total = 0
    first = phrase.split(" ", 1)[0]
    for b in doc.blocks:
        if first not in b.text:  # most blocks: a substring test, not a regex scan
            continue
        for m in pat.finditer(b.text):
            total += 1
            before = _DET_BEFORE.search(b.text, max(0, m.start() - 20), m.start())
            det += bool(before) and before.group(1).lower() in dets
    doc._phrase_use[phrase] = det, total
    return det, total
