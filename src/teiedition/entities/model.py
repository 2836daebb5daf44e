"""The statistical entity recogniser: a CRF shipped with the package, loaded once per process.

The model and its gazetteer live in ``teiedition/data/ner/`` (built by ``scripts/train_ner.py``
from ../shared/ner-train, see the README there for the data credit); nothing is downloaded.
Labels are BIO over PER / ORG / LOC. ``tag_with_confidence`` gives the marginal probability of
each chosen label, which the entity stage turns into ``@cert``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from ..resources import data_path
from .features import GAZETTEER_FILE, Featurizer, genitive_stem
from .tokens import Token, sentences, tokenize

__all__ = ["Entity", "Tagger", "load_tagger", "find_entities", "MODEL_FILE", "TYPES"]

MODEL_FILE = "model.crfsuite"
TYPES = ("PER", "ORG", "LOC")
# confidence given to a mention labelled only because the same form was recognised elsewhere
# in the same document
PROPAGATED_CONFIDENCE = 0.5


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
        self.features = Featurizer(model_dir / GAZETTEER_FILE)
        self.model_dir = model_dir

    def tag(self, sentence: Sequence[str], domain: str | None = None) -> list[str]:
        """BIO labels (``B-PER``, ``I-LOC``, ``O``) for one tokenised sentence.

        ``domain`` is ``modern`` or ``historical`` (old spelling, OCR newspapers); by default
        it is guessed from the sentence's spelling.
        """
        if not sentence:
            return []
        domain = domain or self.features.guess_domain(sentence)
        return _cut_coordination(
            sentence, _repair(self._crf.tag(self.features.sentence(sentence, domain)))
        )

    def tag_with_confidence(
        self, sentence: Sequence[str], domain: str | None = None
    ) -> list[tuple[str, float]]:
        """BIO labels with the marginal probability of each chosen label."""
        if not sentence:
            return []
        crf = self._crf
        domain = domain or self.features.guess_domain(sentence)
        labels = crf.tag(self.features.sentence(sentence, domain))
        marginal = crf.marginal
        probs = [marginal(y, i) for i, y in enumerate(labels)]
        return list(zip(_cut_coordination(sentence, _repair(labels)), probs, strict=True))

    def tag_document(
        self,
        sents: Sequence[Sequence[str]],
        domain: str | None = None,
        propagate: bool = True,
    ) -> list[list[tuple[str, float]]]:
        """Tag the sentences of one document, then label untagged repeats of surnames.

        The domain (modern or historical spelling) is guessed once for the whole document.
        A capitalised token left outside every entity, not at the start of its sentence and not
        a common word, whose form (or genitive stem) was recognised with confidence as the
        last word of a person's name elsewhere in the document (and never as another type),
        is labelled PER with confidence ``PROPAGATED_CONFIDENCE``.
        """
        domain = domain or self.features.guess_domain([t for s in sents for t in s])
        tagged = [self.tag_with_confidence(s, domain) for s in sents]
        if not propagate:
            return tagged
        surnames: set[str] = set()
        other: set[str] = set()
        for toks, labs in zip(sents, tagged, strict=True):
            for s, e, typ, conf in _spans(labs):
                last = toks[e - 1]
                forms = {last, genitive_stem(last) or last}
                if typ != "PER":
                    other.update(forms)
                elif conf >= 0.8 and e - s >= 2:
                    surnames.update(f for f in forms if len(f) > 2 and f[:1].isupper())
        surnames -= other
        if not surnames:
            return tagged
        zipf = self.features.zipf
        for toks, labs in zip(sents, tagged, strict=True):
            for i in range(1, len(toks)):
                tok = toks[i]
                if labs[i][0] != "O" or labs[i - 1][0] != "O" or not tok[:1].isupper():
                    continue
                if toks[i - 1] in _SENTENCE_OPENERS or zipf.get(tok.lower(), 0) >= 4:
                    continue
                stem = genitive_stem(tok)
                if tok in surnames or (stem is not None and stem in surnames):
                    if i + 1 < len(toks) and labs[i + 1][0] != "O":
                        continue  # would touch a neighbouring name
                    labs[i] = ("B-PER", PROPAGATED_CONFIDENCE)
        return tagged


_SENTENCE_OPENERS = frozenset({":", "”", '"', "„", "«", "»", "–", "—", "(", "•", "*", "-"})


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


_CONJUNCTIONS = frozenset({"och", "samt", "eller"})


def _cut_coordination(tokens: Sequence[str], labels: list[str]) -> list[str]:
    """End a name at a conjunction followed by a lowercase word: ``Jordbruksdepartementet och
    länsstyrelsen`` is one name and a common noun. A suspended compound (``Havs- och
    vattenmyndigheten``, ``Post- och telestyrelsen``) stays one name."""
    for i in range(1, len(labels) - 1):
        if (
            labels[i].startswith("I-")
            and tokens[i] in _CONJUNCTIONS
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
    """``(start, end, type, min confidence)`` of the entities in a BIO sequence."""
    out = []
    start, typ, conf = -1, "", 1.0
    for i, (lab, p) in enumerate([*labs, ("O", 1.0)]):
        if lab.startswith("I-") and lab[2:] == typ and start >= 0:
            conf = min(conf, p)
            continue
        if start >= 0:
            out.append((start, i, typ, conf))
            start, typ = -1, ""
        if lab != "O":
            start, typ, conf = i, lab[2:], p
    return out


@cache
def load_tagger(model_dir: str | None = None) -> Tagger:
    """The shipped tagger (or one from ``model_dir``), loaded once per process."""
    return Tagger(Path(model_dir) if model_dir else data_path("ner"))


def find_entities(
    text: str, tagger: Tagger | None = None, domain: str | None = None
) -> list[Entity]:
    """Names in ``text`` with character offsets into it, type and confidence.

    ``text`` is one document (its domain, modern or historical spelling, is guessed once for
    all of it unless given).
    """
    tagger = tagger or load_tagger()
    sents: list[list[Token]] = sentences(tokenize(text))
    tagged = tagger.tag_document([[t.text for t in s] for s in sents], domain)
    out: list[Entity] = []
    for toks, labs in zip(sents, tagged, strict=True):
        for s, e, typ, conf in _spans(labs):
            a, b = toks[s].start, toks[e - 1].end
            out.append(Entity(a, b, typ, text[a:b], round(conf, 4)))
    return out
