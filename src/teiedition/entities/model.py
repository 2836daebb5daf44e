"""The statistical entity recogniser: a CRF shipped with the package, loaded once per process.

The model and its gazetteer live in ``teiedition/data/ner/`` (built by ``scripts/train_ner.py``
from ../shared/ner-train, see the README there for the data credit); nothing is downloaded.
Labels are BIO over PER / ORG / LOC. ``tag_with_confidence`` gives the marginal probability of
each chosen label, which the entity stage turns into ``@cert``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from ..letters import LOWER, UPPER
from ..resources import data_path
from .capitals import CAPITALS_FILE
from .clusters import CLUSTERS_FILE
from .features import GAZETTEER_FILE, Featurizer, genitive_candidate
from .memory import MEMORY_FILE, bio_spans
from .names import conjunctions
from .retype import RETYPE_FILE, Retyper
from .tokens import Token, sentences, tokenize

__all__ = ["Entity", "Tagger", "load_tagger", "find_entities", "MODEL_FILE", "TYPES"]

MODEL_FILE = "model.crfsuite"
TYPES = ("PER", "ORG", "LOC")
# confidence given to a mention labelled only because the same form was recognised elsewhere
# in the same document
PROPAGATED_CONFIDENCE = 0.5
# a mention's confidence from which its form is given to the form's untagged repeats
PROPAGATE_MIN = 0.8


@dataclass(frozen=True, slots=True)
class Entity:
    """A recognised name over ``text[start:end]`` of the input."""

    start: int
    end: int
    type: str  # PER | ORG | LOC
    text: str
    confidence: float


class Tagger:
    """A loaded CRF with its featurizer. Not thread-safe (one per thread or process)."""

    def __init__(self, model_dir: Path) -> None:
        model = model_dir / MODEL_FILE
        if not model.exists():
            raise FileNotFoundError(f"no entity model at {model} (run scripts/train_ner.py)")
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model))
        self.features = Featurizer(
            model_dir / GAZETTEER_FILE, model_dir / CLUSTERS_FILE, model_dir / MEMORY_FILE,
            model_dir / CAPITALS_FILE,
        )
        self.model_dir = model_dir
        retype = model_dir / RETYPE_FILE
        # the span re-typer (``retype.py``), if the model has one: modern text only, where
        # it was trained (it has the name memory's evidence, which OCR pages do not use)
        self.retyper = Retyper(retype) if retype.exists() else None

    def tag(self, sentence: Sequence[str], domain: str | None = None,
            language: str = "sv") -> list[str]:
        """BIO labels (``B-PER``, ``I-LOC``, ``O``) for one tokenised sentence.

        ``domain`` is ``modern`` or ``historical`` (old spelling, OCR newspapers); by default
        it is guessed from the sentence's spelling. ``language``: the text's, whose
        conjunctions end a name before a common noun (``_cut_coordination``).
        """
        return [lab for lab, _ in self.tag_with_confidence(sentence, domain, language)]

    def tag_with_confidence(
        self, sentence: Sequence[str], domain: str | None = None, language: str = "sv"
    ) -> list[tuple[str, float]]:
        """BIO labels with the marginal probability of each chosen label."""
        if not sentence:
            return []
        crf = self._crf
        domain = domain or self.features.guess_domain(sentence)
        labels = crf.tag(self.features.sentence(sentence, domain))
        marginal = crf.marginal
        probs = [marginal(y, i) for i, y in enumerate(labels)]
        tagged = list(
            zip(_cut_coordination(sentence, _repair(to_bio(labels)), language), probs,
                strict=True)
        )
        if self.retyper is not None and domain == "modern":
            spans = _spans(tagged)
            for s, e, typ, conf in self.retyper.retype(
                sentence, spans, self.features, self.features.memory
            ):
                if typ != tagged[s][0][2:]:
                    for k in range(s, e):
                        tagged[k] = (("B-" if k == s else "I-") + typ, min(tagged[k][1], conf))
        return tagged

    def tag_document(
        self,
        sents: Sequence[Sequence[str]],
        domain: str | None = None,
        propagate: bool = True,
        language: str = "sv",
    ) -> list[list[tuple[str, float]]]:
        """Tag the sentences of one document, then make it consistent with itself.

        The domain (modern or historical spelling) is guessed once for the whole document.
        ``propagate``: an acronym in parentheses after a name takes its type
        (``_acronyms``), untagged repeats of a form recognised with confidence take its type
        (``_propagate_forms``), untagged surnames of recognised persons become persons
        (``_propagate_surnames``); each with confidence ``PROPAGATED_CONFIDENCE``.
        """
        domain = domain or self.features.guess_domain([t for s in sents for t in s])
        tagged = [self.tag_with_confidence(s, domain, language) for s in sents]
        if not propagate:
            return tagged
        zipf = self.features.zipf
        _acronyms(sents, tagged)
        _propagate_forms(sents, tagged, zipf)
        _propagate_surnames(sents, tagged, zipf)
        return tagged


def _key(tokens: Sequence[str]) -> tuple[str, ...]:
    """A name's form for matching its repeats: the last word without its genitive ending."""
    last = tokens[-1]
    return (*tokens[:-1], genitive_candidate(last) or last)


def _free(labs: list[tuple[str, float]], s: int, e: int) -> bool:
    """Tokens ``s:e`` are outside every entity and touch none."""
    if any(labs[k][0] != "O" for k in range(s, e)):
        return False
    return (s == 0 or labs[s - 1][0] == "O") and (e >= len(labs) or labs[e][0] != "I")


def _propagate_forms(
    sents: Sequence[Sequence[str]], tagged: list[list[tuple[str, float]]], zipf: dict[str, int]
) -> None:
    """Document-level consistency: a capitalised form recognised with confidence as one type
    (and never as another) is given that type where it recurs untagged in the document.
    A single word needs more: not at a sentence start, not a common word, not followed by
    a capitalised word (``Åbo`` in ``Åbo Underrättelser``)."""
    types: dict[tuple[str, ...], set[str]] = {}
    sure: dict[tuple[str, ...], str] = {}
    for toks, labs in zip(sents, tagged, strict=True):
        for s, e, typ, conf in _spans(labs):
            for key in {tuple(toks[s:e]), _key(toks[s:e])}:
                types.setdefault(key, set()).add(typ)
                if conf >= PROPAGATE_MIN:
                    sure[key] = typ
    forms = {k: t for k, t in sure.items() if types[k] == {t} and k[0][:1].isupper()}
    if not forms:
        return
    longest = max(len(k) for k in forms)
    for toks, labs in zip(sents, tagged, strict=True):
        n = len(toks)
        i = 0
        while i < n:
            hit = None
            if labs[i][0] == "O" and toks[i][:1].isupper():
                for m in range(min(longest, n - i), 0, -1):
                    span = toks[i : i + m]
                    typ = forms.get(tuple(span)) or forms.get(_key(span))
                    if typ is None or not _free(labs, i, i + m):
                        continue
                    if m == 1 and (
                        i == 0
                        or toks[i - 1] in _SENTENCE_OPENERS
                        or toks[i - 1] in (".", "!", "?")
                        # the first word of a longer name: "Åbo Underrättelser"
                        or (i + 1 < n and toks[i + 1][:1].isupper())
                        # a common word, unless written as an acronym (LO, SAF)
                        or (
                            not toks[i].isupper()
                            and (zipf.get(toks[i].lower(), 0) >= 4 or len(toks[i]) < 3)
                        )
                    ):
                        continue
                    hit = (m, typ)
                    break
            if hit is None:
                i += 1
                continue
            m, typ = hit
            labs[i] = ("B-" + typ, PROPAGATED_CONFIDENCE)
            for k in range(i + 1, i + m):
                labs[k] = ("I-" + typ, PROPAGATED_CONFIDENCE)
            i += m


def _acronyms(sents: Sequence[Sequence[str]], tagged: list[list[tuple[str, float]]]) -> None:
    """An acronym in parentheses and the name before it are one entity named twice:
    ``Sveriges socialdemokratiska arbetareparti ( SAP )``, ``Internationella
    arbetsorganisationen ( ILO )``. The name is found by the acronym's letters
    (``long_form``); both get the type the model gave either (else ORG if the name ends in an
    organisation head noun), with at least ``PROPAGATE_MIN`` confidence, so that
    ``_propagate_forms`` carries the acronym to its repeats."""
    for toks, labs in zip(sents, tagged, strict=True):
        for j in range(1, len(toks) - 2):
            acr = toks[j + 1]
            if toks[j] != "(" or toks[j + 2] != ")" or not _ACRONYM.match(acr):
                continue
            start = long_form(toks[:j], acr)
            if start is None:
                # no spelled-out name: the acronym takes the type of a name just before it
                prev = _spans(labs[:j])
                if prev and prev[-1][1] == j:
                    labs[j + 1] = ("B-" + prev[-1][2], max(prev[-1][3], labs[j + 1][1]))
                continue
            inner = _spans(labs[start:j])
            if labs[j + 1][0] != "O":
                typ = labs[j + 1][0][2:]
            elif len(inner) == 1 and inner[0][:2] == (0, j - start):
                typ = inner[0][2]  # the model found the whole name
            else:
                typ = "ORG"  # what names with an acronym mostly are
            for k in range(start, j):
                labs[k] = (("B-" if k == start else "I-") + typ, max(labs[k][1], PROPAGATE_MIN))
            labs[j + 1] = ("B-" + typ, max(labs[j + 1][1], PROPAGATE_MIN))
            if j + 3 < len(labs) and labs[j + 3][0].startswith("I-"):
                labs[j + 3] = ("B-" + labs[j + 3][0][2:], labs[j + 3][1])


_ACRONYM = re.compile(rf"^[{UPPER}][{UPPER}{LOWER}]{{0,2}}[{UPPER}]{{1,6}}$")


def long_form(words: Sequence[str], acronym: str) -> int | None:
    """Where the name an acronym abbreviates starts among the ``words`` just before it, else
    None (Schwartz & Hearst 2003): the acronym's letters are found right to left in the
    words, its first letter at the start of a word, within ``min(len + 5, 2 * len)`` words;
    the name starts with a capital letter (``Sveriges socialdemokratiska arbetareparti`` for
    SAP, ``Förenta nationerna`` for FN)."""
    letters = [ch.lower() for ch in acronym if ch.isalnum()]
    limit = min(len(letters) + 5, 2 * len(letters))
    first = len(words)
    while first > 0 and len(words) - first < limit and words[first - 1][:1].isalnum():
        first -= 1
    text = " ".join(words[first:]).lower()
    if not text:
        return None
    li, ti = len(letters) - 1, len(text) - 1
    while li > 0:  # all letters but the first, right to left, anywhere in the words
        while ti >= 0 and text[ti] != letters[li]:
            ti -= 1
        if ti < 0:
            return None
        li -= 1
        ti -= 1
    # the first letter starts a word, and the name starts with a capital: the nearest such
    while ti >= 0:
        if text[ti] == letters[0] and (ti == 0 or text[ti - 1] == " "):
            k = first + text[:ti].count(" ")
            if words[k][:1].isupper():
                return k
        ti -= 1
    return None


def _propagate_surnames(
    sents: Sequence[Sequence[str]], tagged: list[list[tuple[str, float]]], zipf: dict[str, int]
) -> None:
    """A capitalised token left outside every entity, not at the start of its sentence and not
    a common word, whose form (or genitive stem) was recognised with confidence as the last
    word of a person's name elsewhere in the document (and never as another type), is
    labelled PER with confidence ``PROPAGATED_CONFIDENCE``."""
    surnames: set[str] = set()
    other: set[str] = set()
    for toks, labs in zip(sents, tagged, strict=True):
        for s, e, typ, conf in _spans(labs):
            last = toks[e - 1]
            forms = {last, genitive_candidate(last) or last}
            if typ != "PER":
                other.update(forms)
            elif conf >= PROPAGATE_MIN and e - s >= 2:
                surnames.update(f for f in forms if len(f) > 2 and f[:1].isupper())
    surnames -= other
    if not surnames:
        return
    for toks, labs in zip(sents, tagged, strict=True):
        for i in range(1, len(toks)):
            tok = toks[i]
            if labs[i][0] != "O" or labs[i - 1][0] != "O" or not tok[:1].isupper():
                continue
            if toks[i - 1] in _SENTENCE_OPENERS or zipf.get(tok.lower(), 0) >= 4:
                continue
            stem = genitive_candidate(tok)
            if tok in surnames or (stem is not None and stem in surnames):
                if i + 1 < len(toks) and labs[i + 1][0] != "O":
                    continue  # would touch a neighbouring name
                labs[i] = ("B-PER", PROPAGATED_CONFIDENCE)


_SENTENCE_OPENERS = frozenset({":", "”", '"', "„", "«", "»", "–", "—", "(", "•", "*", "-"})


def to_bioes(labels: Sequence[str]) -> list[str]:
    """BIO labels as BIOES: a name's last word ``E-X``, a one-word name ``S-X`` (the CRF
    then learns where names end, not only where they start)."""
    out = []
    n = len(labels)
    for i, lab in enumerate(labels):
        if lab == "O":
            out.append(lab)
            continue
        ends = i + 1 == n or labels[i + 1] != "I-" + lab[2:]
        if lab.startswith("B-"):
            out.append(("S-" if ends else "B-") + lab[2:])
        else:
            out.append(("E-" if ends else "I-") + lab[2:])
    return out


def to_bio(labels: list[str]) -> list[str]:
    """BIOES labels (a model trained on them) as BIO; BIO labels unchanged."""
    return [
        ("B-" if lab[0] == "S" else "I-") + lab[2:] if lab[:1] in ("S", "E") else lab
        for lab in labels
    ]


def _repair(labels: list[str]) -> list[str]:
    """Make BIO well-formed: an ``I-X`` not following ``B-X``/``I-X`` becomes ``B-X``."""
    prev = "O"
    out = []
    for lab in labels:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        out.append(lab)
        prev = lab
    return out


def _cut_coordination(tokens: Sequence[str], labels: list[str], language: str = "sv",
                      ) -> list[str]:
    """End a name at a conjunction of the text's ``language`` (``names.conjunctions``)
    followed by a lowercase word: ``Jordbruksdepartementet och länsstyrelsen`` is one name and
    a common noun (``the Foreign Office and the embassy`` in English). A suspended compound
    (``Havs- och vattenmyndigheten``, ``Post- och telestyrelsen``) stays one name."""
    conjunctions = conjunctions_of(language)
    for i in range(1, len(labels) - 1):
        if (
            labels[i].startswith("I-")
            and tokens[i] in conjunctions
            and tokens[i + 1][:1].islower()
            and not tokens[i - 1].endswith("-")
        ):
            labels[i] = "O"
            k = i + 1
            while k < len(labels) and labels[k].startswith("I-"):
                labels[k] = "O"
                k += 1
    return labels


def _spans(labs: Sequence[tuple[str, float]]) -> list[tuple[int, int, str, float]]:
    """``(start, end, type, min confidence)`` of the entities in a BIO sequence: the spans of
    ``memory.bio_spans`` (the package's one reading of BIO), each with its lowest marginal."""
    return [(s, e, typ, min(p for _, p in labs[s:e]))
            for s, e, typ in bio_spans([lab for lab, _ in labs])]


@cache
def conjunctions_of(language: str) -> frozenset[str]:
    """The conjunctions of ``language`` as a set (looked up once per language)."""
    return frozenset(conjunctions(language))


@cache
def load_tagger(model_dir: str | None = None) -> Tagger:
    """The shipped tagger (or one from ``model_dir``), loaded once per process."""
    return Tagger(Path(model_dir) if model_dir else data_path("ner"))


def find_entities(
    text: str, tagger: Tagger | None = None, domain: str | None = None, language: str = "sv"
) -> list[Entity]:
    """Names in ``text`` with character offsets into it, type and confidence.

    ``text`` is one document (its domain, modern or historical spelling, is guessed once for
    all of it unless given) in ``language``.
    """
    tagger = tagger or load_tagger()
    sents: list[list[Token]] = sentences(tokenize(text))
    tagged = tagger.tag_document([[t.text for t in s] for s in sents], domain,
                                 language=language)
    out: list[Entity] = []
    for toks, labs in zip(sents, tagged, strict=True):
        for s, e, typ, conf in _spans(labs):
            a, b = toks[s].start, toks[e - 1].end
            out.append(Entity(a, b, typ, text[a:b], round(conf, 4)))
    return out
