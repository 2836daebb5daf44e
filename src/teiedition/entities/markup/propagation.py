"""Names across the document: a form tagged once is tagged wherever it recurs, and names are
found from the company they keep (the members of a list with a person, untagged acronyms,
an organisation's organs)."""

from __future__ import annotations

import re
from collections import defaultdict

from ...letters import LOWER, UPPER
from .. import names as N
from .. import usage as U
from ..gazetteer import lookup_place
from .document import (
    ROMAN,
    Candidate,
    Document,
    coordination,
)
from .extent import choose
from .forms import Forms

_ACRONYM = re.compile(rf"(?<![\w-])(?P<stem>[{UPPER}]{{3,6}})(?::s)?(?![\w])")
#: a word in capitals near a candidate acronym (a line of capitals: a heading, not a name)
_CAPITALS = re.compile(rf"\b[{UPPER}]{{2,}}\b")
# initials right before a surname: "M ", "M. ", "H. A. "
_INITIALS_BEFORE = re.compile(rf"(?<![^\W_])(?:[{UPPER}][{LOWER}]?\.? ){{1,3}}$")


def propagate(doc: Document, known: set[str], only: set[str] | None = None) -> None:
    """A form tagged once is tagged wherever it recurs untagged (``only``: just these)."""
    forms: dict[str, Candidate] = {}
    for c in sorted(doc.cands, key=lambda c: -c.confidence):
        if c.confidence >= 0.5 and not c.nested and (
                only is None or doc.surface(c) in only):
            stem = doc.stem(doc.surface(c), known)
            forms.setdefault(doc.surface(c), c)
            forms.setdefault(stem, c)
            # a person's surname alone (Reiss’ after Ignaz Reiss), unless it is also
            # an ordinary word
            given, sur = N.person_parts(stem)
            if c.type == "PER" and given and len(sur) >= 3 and sur[0].isupper() and \
                    not all(N.is_initial(g) for g in given) and \
                    sur.lower() not in N.FUNCTION_WORDS and \
                    not N.is_common_capitalised(sur):
                forms.setdefault(sur, c)
    index = Forms(list(forms), doc.language)
    if index:
        extra = []
        for bi, block in enumerate(doc.blocks):
            text = block.text
            for start, end, form in index.finditer(text):
                src = forms[form]
                if src.type == "PER":  # M Koltsov, M. Koltsov: initials belong to it
                    ini = _INITIALS_BEFORE.search(text, max(0, start - 12), start)
                    if ini and ini.group().split()[0].rstrip(".").lower() \
                            not in N.FUNCTION_WORDS:  # "I Chiang Kai-sheks" is "In …"
                        start = ini.start()
                extra.append(Candidate(bi, start, end, src.type,
                                       min(src.confidence, 0.95), "propagated"))
        doc.cands = choose(doc, doc.cands + extra)


def list_members(doc: Document, known: set[str]) -> list[Candidate]:
    """``Barbusse, Malraux, Heinrich Mann eller Feuchtwanger``: an untagged capitalised
    word coordinated with a person (not at a sentence start, and no word of the dictionary)
    is a person too, with low certainty."""
    out: list[Candidate] = []
    by_block: dict[int, list[Candidate]] = defaultdict(list)
    for c in doc.cands:
        if not c.nested and c.type == "PER" and c.evidence != "gazetteer":
            by_block[c.block].append(c)
    for bi, cs in by_block.items():
        text = doc.blocks[bi].text
        initial = {m.end() for m in U.SENTENCE_START.finditer(text)}
        taken = [(c.start, c.end) for c in cs]
        queue = list(cs)
        while queue:
            c = queue.pop()
            found = []
            m = coordination(doc.language).right.match(text, c.end)
            if m:  # the capitalised words right after the separator
                a, words = m.start("name"), []
                for w in m.group("name").split():
                    if not w[0].isupper():
                        break
                    words.append(w)
                found.append((a, a + len(" ".join(words)), words))
            m = coordination(doc.language).left.search(text, max(0, c.start - 80),
                                                         c.start)
            if m:  # the capitalised words right before the separator
                b, words = m.end("name"), []
                for w in reversed(m.group("name").split()):
                    if not w[0].isupper():
                        break
                    words.insert(0, w)
                found.append((b - len(" ".join(words)), b, words))
            for a, b, words in found:
                if not words or a in initial or \
                        any(s < b and a < e for s, e in taken) or \
                        words[0].lower() in N.FUNCTION_WORDS or \
                        N.is_common_capitalised(words[0]) or \
                        any(len(w) < 2 or N.is_dictionary_word(w) or N.is_derived_word(w)
                            for w in words) or \
                        (len(words) == 1 and N.is_compound_of(words[0], known)):
                    continue
                new = Candidate(bi, a, b, c.type, 0.55, "list")
                taken.append((a, b))
                out.append(new)
                queue.append(new)
    return out


def new_acronyms(doc: Document) -> list[Candidate]:
    """Untagged acronyms in running text (``EKKI``): organisations, with low certainty,
    unless a place, a Roman numeral, an ordinary word or part of a line in capitals."""
    out: list[Candidate] = []
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for c in doc.cands:
        spans[c.block].append((c.start, c.end))
    words, proper = N._dictionaries()
    for bi, block in enumerate(doc.blocks):
        text = block.text
        if text.isupper():
            continue
        for m in _ACRONYM.finditer(text):
            a, b = m.span()
            stem = m.group("stem")
            around = text[max(0, a - 20):a] + text[b:b + 20]
            if ROMAN.match(stem) or lookup_place(stem) is not None or \
                    stem in proper or stem.lower() in words or \
                    any(s < b and a < e for s, e in spans[bi]) or \
                    _CAPITALS.search(around) or \
                    N.zipf(stem.lower()) >= 3.5:
                continue
            out.append(Candidate(bi, a, b, "ORG", 0.55, "acronym"))
    return out


def organs(doc: Document, known: set[str]) -> list[Candidate]:
    """``SUKP:s centralkommitté``: an organisation's organ is an organisation, with the
    organisation's name nested in it."""
    out: list[Candidate] = []
    for c in doc.cands:
        if c.type != "ORG" or c.nested or " " in doc.surface(c):
            continue
        form = doc.surface(c)
        if doc.stem(form, known) == form and not form.endswith((":s", "’", "'")):
            continue
        text = doc.blocks[c.block].text
        m = re.match(r" ([^\W\d_]+)", text[c.end:c.end + 40])
        if m and m.group(1)[0].islower() and N.is_organ_noun(m.group(1)):
            out.append(Candidate(c.block, c.start, c.end + m.end(), "ORG", c.confidence,
                                 c.evidence))
            c.nested = True
    return out
