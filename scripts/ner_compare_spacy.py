"""Compare with spaCy: train a blank Swedish spaCy NER on the same split, score the same test.

    pip install spacy   # not a teiedition dependency; only for this comparison
    python scripts/ner_compare_spacy.py [DATA_DIR] [--epochs N]

Trains ``spacy.blank("sv")`` + ``ner`` (spaCy's default CNN tok2vec, no pretrained vectors) on
the *train* part of scripts/ner_split.json, keeps the epoch that scores best on *dev*, then
scores *test* with the same exact-span measure as benchmarks/ner.py and times tagging on one
core. The CRF that ships was chosen by this comparison (see the figures it prints).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ner_data  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example, iob_to_biluo
    from spacy.util import fix_random_seed, minibatch

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=str(ner_data.DEFAULT_DATA))
    ap.add_argument("--epochs", type=int, default=12)
    args = ap.parse_args(argv)

    fix_random_seed(0)
    parts = ner_data.split(ner_data.load(args.data))
    nlp = spacy.blank("sv")
    nlp.add_pipe("ner")

    def example(s: ner_data.Sentence) -> Example:
        doc = Doc(nlp.vocab, words=list(s.tokens))
        return Example.from_dict(doc, {"entities": iob_to_biluo(list(s.labels))})

    train = [example(s) for s in parts["train"]]
    nlp.initialize(lambda: train)

    def predict(sents: list[ner_data.Sentence]) -> list[list[str]]:
        out = []
        docs = (Doc(nlp.vocab, words=list(s.tokens)) for s in sents)
        for doc in nlp.pipe(docs, batch_size=256):
            labs = []
            for tok in doc:
                labs.append("O" if tok.ent_iob_ == "O" else f"{tok.ent_iob_}-{tok.ent_type_}")
            out.append(labs)
        return out

    def scores(sents: list[ner_data.Sentence]) -> dict[str, dict]:
        res = {}
        for dom in ("modern", "historical"):
            part = [s for s in sents if s.domain == dom]
            res[dom] = ner_data.score(part, predict(part))
        return res

    best, best_bytes, best_epoch = -1.0, b"", 0
    rng = random.Random(0)
    t0 = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in minibatch(train, size=32):
            nlp.update(batch, drop=0.2, losses=losses)
        dev = scores(parts["dev"])
        avg = (dev["modern"]["ALL"]["f1"] + dev["historical"]["ALL"]["f1"]) / 2
        print(
            f"epoch {epoch}: loss {losses.get('ner', 0):.0f}, dev F1 modern "
            f"{dev['modern']['ALL']['f1']:.4f} historical {dev['historical']['ALL']['f1']:.4f}"
            f" ({time.perf_counter() - t0:.0f} s)",
            flush=True,
        )
        if avg > best:
            best, best_bytes, best_epoch = avg, nlp.to_bytes(), epoch
    nlp.from_bytes(best_bytes)
    print(f"training: {time.perf_counter() - t0:.0f} s; best epoch on dev: {best_epoch}")
    for dom, sc in scores(parts["test"]).items():
        print(ner_data.format_scores(f"spaCy {spacy.__version__}, {dom}, held back (test)", sc))

    toks = [s.tokens for s in parts["train"][:3000]]
    n = sum(len(t) for t in toks)
    t = time.perf_counter()
    predict(parts["train"][:3000])
    print(f"spaCy throughput: {n / (time.perf_counter() - t):,.0f} tokens/s (nlp.pipe)")
    size = len(best_bytes)
    t = time.perf_counter()
    spacy.blank("sv").add_pipe("ner")
    nlp2 = spacy.blank("sv")
    nlp2.add_pipe("ner")
    nlp2.from_bytes(best_bytes)
    print(f"spaCy model: {size / 1e6:.1f} MB, load {time.perf_counter() - t:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
