"""Span re-typing: a second, small classifier that decides the type of each name the CRF found.

The CRF labels word by word from a window of ±2 words; whether ``Brynäs`` or ``Örebro`` is a
place or its club is said further away (``vann``, ``förlorade``, ``matchen``, ``tabellen``,
a result ``3–1``), and by what the training annotations called the same form (the name
memory). The re-typer sees the whole span (its words, their endings, its shape, the memory's
type counts, the gazetteer's flags), the words in a ±5 window and the lower-case words of the
sentence, and the CRF's own type and confidence. It is a maximum-entropy classifier: a
python-crfsuite model over one-item sequences (no new dependency).

It is trained by ``scripts/train_ner.py`` on the spans the CRF found in sentences it had not
been trained on (the cross-validation folds' predictions; stacking, as the name memory is
cross-fitted), with the annotated type of a span whose extent is right, so it learns the CRF's
mistakes, not the training data's labels. A span keeps its CRF type unless the re-typer gives
another type at least ``MIN_SHARE``. A model folder with ``retype.crfsuite`` uses it in modern
text (``train_ner.py --retype``); the shipped model has none: in 5-fold CV it changed modern F1
by -0.2 points and ORG by -0.1 (figures in ``scripts/train_ner.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pycrfsuite

from .features import _has_score, cues, genitive_candidate, shape

if TYPE_CHECKING:
    from .features import Featurizer
    from .memory import NameMemory

__all__ = ["RETYPE_FILE", "MIN_SHARE", "Retyper", "span_features", "train_retyper"]

RETYPE_FILE = "retype.crfsuite"
TYPES = ("PER", "ORG", "LOC")
# the re-typer's probability another type needs to replace the CRF's
MIN_SHARE = 0.5
# words either side of a span whose forms are features
WINDOW = 5


def _bucket(p: float) -> str:
    return "9" if p >= 0.9 else "7" if p >= 0.7 else "5" if p >= 0.5 else "0"


def span_features(
    tokens: Sequence[str],
    start: int,
    end: int,
    typ: str,
    confidence: float,
    feat: Featurizer,
    memory: NameMemory,
) -> list[str]:
    """Features of the span ``tokens[start:end]`` the CRF labelled ``typ`` with
    ``confidence`` (its lowest marginal)."""
    words = tokens[start:end]
    low = [w.lower() for w in words]
    last = low[-1]
    stem = genitive_candidate(words[-1])
    f = [f"t={typ}", f"c={_bucket(confidence)}", f"t={typ}:{_bucket(confidence)}",
         f"n={min(end - start, 4)}", "sh=" + " ".join(shape(w) for w in words),
         "first=" + low[0], "last=" + last, "form=" + " ".join(low)]
    f += ["w=" + w for w in low]
    for k in (3, 4, 5, 6):
        if len(last) > k:
            f.append(f"s{k}={last[-k:]}")
    if stem is not None:
        f.append("gen")
        f.append("gst=" + stem.lower())
    for oc in cues(last):
        f.append("org" + oc)
    for flag in feat.flags.get(" ".join(low), ""):
        f.append("g" + flag)
    if stem is not None:
        for flag in feat.flags.get(stem.lower(), ""):
            f.append("gg" + flag)
    z = feat.zipf.get(last)
    f.append(f"z{z or 0}")
    if start == 0:
        f.append("init")
    counts = memory._lookup(words) if len(memory) else None
    if counts is None:
        f.append("mem=none")
    else:
        per, org, loc, seen = counts
        named = per + org + loc
        for t, c in zip(TYPES, (per, org, loc), strict=True):
            if c:
                share = c / named
                f.append(f"m{t}={'all' if share == 1 else 'most' if share >= 0.5 else 'some'}")
        f.append("mr=" + ("hi" if named >= 0.7 * max(seen, 1) else "lo"))
    for d in range(1, WINDOW + 1):
        for j, side in ((start - d, "L"), (end - 1 + d, "R")):
            if 0 <= j < len(tokens):
                w = tokens[j].lower()
                f.append(f"{side}={w}")
                if d == 1:
                    f.append(f"{side}1={w}")
                    f.append(f"{side}1c={shape(tokens[j])[:1]}")
                    for oc in cues(w):
                        f.append(f"{side}1org{oc}")
            elif d == 1:
                f.append(f"{side}1=<pad>")
    for j, w in enumerate(tokens):
        if (j < start or j >= end) and w[:1].islower():
            f.append("S=" + w)
    if _has_score(tokens):
        f.append("score")
    return f


class Retyper:
    """A loaded re-typing model (``retype.crfsuite``)."""

    def __init__(self, path: Path) -> None:
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(path))

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """The probability of each type for one span's features."""
        crf = self._crf
        crf.set([features])
        return {t: crf.marginal(t, 0) for t in crf.labels()}

    def retype(
        self,
        tokens: Sequence[str],
        spans: Iterable[tuple[int, int, str, float]],
        feat: Featurizer,
        memory: NameMemory,
    ) -> list[tuple[int, int, str, float]]:
        """The spans with the type the re-typer gives at least ``MIN_SHARE`` (the CRF's type
        otherwise), the new type's probability as the confidence when it changes."""
        out = []
        for s, e, typ, conf in spans:
            probs = self.probabilities(span_features(tokens, s, e, typ, conf, feat, memory))
            new = self._best(typ, probs)
            out.append((s, e, new, conf if new == typ else min(conf, probs[new])))
        return out

    def choose(self, typ: str, features: list[str]) -> str:
        """The type of a span the CRF labelled ``typ``, given its features."""
        return self._best(typ, self.probabilities(features))

    @staticmethod
    def _best(typ: str, probs: dict[str, float]) -> str:
        best = max(probs, key=lambda t: (probs[t], t == typ))
        return best if best != typ and best in TYPES and probs[best] >= MIN_SHARE else typ


def train_retyper(
    examples: Iterable[tuple[list[str], str]], path: Path, c1: float = 0.0, c2: float = 1.0,
    max_iterations: int = 200,
) -> Path:
    """A maximum-entropy classifier of ``(features, type)`` examples written to ``path``
    (lbfgs, L2; deterministic)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, label in examples:
        trainer.append([feats], [label])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": False})
    trainer.train(str(path))
    return path
