"""Entity recogniser figures: P/R/F1 per type on the held-back data, speed, load time, size.

    python benchmarks/ner.py [DATA_DIR] [--quick] [--model-dir DIR]

Scores exact span matches (type and extent) on the *test* part of scripts/ner_split.json, which
the shipped model never saw: modern news sentences and whole historical OCR pages, separately.
Relaxed scores (a span overlapping a gold span of its type) follow the by-document ones.
Scored twice: sentence by sentence with the domain given (modern / historical), and by
document with the domain guessed from the spelling and with and without the propagation of
names to their repeats (``tag_document``), which is how ``find_entities`` runs.
``--quick`` (CI smoke run) scores a sample of the test part and times fewer tokens.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# this folder holds html.py, which must not shadow the standard library's html module
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "benchmarks"]
sys.path.insert(0, str(REPO / "scripts"))

import ner_data  # noqa: E402

from teiedition.resources import data_path  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=str(ner_data.DEFAULT_DATA))
    ap.add_argument("--quick", action="store_true", help="smoke run: a sample, fewer tokens")
    ap.add_argument("--model-dir", default=None, help="model directory (default: shipped)")
    args = ap.parse_args(argv)

    model_dir = Path(args.model_dir) if args.model_dir else data_path("ner")
    t0 = time.perf_counter()
    from teiedition.entities.model import MODEL_FILE, load_tagger

    tagger = load_tagger(str(model_dir) if args.model_dir else None)
    load_s = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())
    print(f"model: {model_dir / MODEL_FILE}")
    print(
        f"model size: {(model_dir / MODEL_FILE).stat().st_size / 1e6:.2f} MB "
        f"(with gazetteer and metadata: {size / 1e6:.2f} MB)"
    )
    print(f"load time (import + model + gazetteer, first call): {load_s:.3f} s")

    data = Path(args.data)
    if not data.exists():
        print(f"no training data at {data}: scores skipped")
        return 0
    sents = ner_data.load(data)
    test = ner_data.split(sents)["test"]
    if args.quick:
        test = test[::4]
    for dom in ("modern", "historical"):
        part = [s for s in test if s.domain == dom]
        pred = [tagger.tag(s.tokens, dom) for s in part]
        print(
            ner_data.format_scores(
                f"{dom}, held back, sentence by sentence, domain given ({len(part)} sentences, "
                f"{sum(len(s.tokens) for s in part)} tokens)",
                ner_data.score(part, pred),
            )
        )
    # as find_entities runs: whole documents, domain guessed from the spelling, repeats of
    # names propagated (a modern sentence is its own document here)
    for dom in ("modern", "historical"):
        docs: dict[str, list[ner_data.Sentence]] = {}
        for s in test:
            if s.domain == dom:
                docs.setdefault(s.doc or str(s.index), []).append(s)
        for propagate in (False, True):
            pred_doc: list[list[str]] = []
            gold_doc: list[ner_data.Sentence] = []
            guessed: dict[str, int] = {}
            for doc_sents in docs.values():
                toks = [s.tokens for s in doc_sents]
                g = tagger.features.guess_domain([t for s in toks for t in s])
                guessed[g] = guessed.get(g, 0) + 1
                tagged = tagger.tag_document(toks, g, propagate=propagate)
                pred_doc += [[lab for lab, _ in t] for t in tagged]
                gold_doc += doc_sents
            print(
                ner_data.format_scores(
                    f"{dom}, held back, by document, domain guessed {guessed}, "
                    f"propagation {'on' if propagate else 'off'}",
                    ner_data.score(gold_doc, pred_doc),
                )
            )
            rel = ner_data.score(gold_doc, pred_doc, relaxed=True)
            print("  relaxed spans (overlap, type right): "
                  + ", ".join(f"{t} {v['f1']:.3f}" for t, v in rel.items()))

    # throughput on one core: tokens through features + CRF, and find_entities on raw text
    pool = [s.tokens for s in sents]
    target = 30_000 if args.quick else 200_000
    batch: list[tuple[str, ...]] = []
    n = 0
    i = 0
    while n < target:
        batch.append(pool[i % len(pool)])
        n += len(pool[i % len(pool)])
        i += 1
    # CPU time of this process (one core) as well as wall time: on a busy machine the wall
    # figure measures the neighbours
    fresh = type(tagger)(tagger.model_dir)  # empty feature caches: a cold first document
    for label in ("cold caches", "warm caches"):
        t, c = time.perf_counter(), time.process_time()
        for s in batch:
            fresh.tag_with_confidence(s)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        print(
            f"throughput tag_with_confidence, {label}: {n / cpu:,.0f} tokens per CPU second "
            f"({n / wall:,.0f} tokens/s wall; {n} tokens, one core)"
        )

    from teiedition.entities.model import find_entities
    from teiedition.resources import sample_path

    text = sample_path().read_text(encoding="utf-8")
    reps = 3 if args.quick else 20
    from teiedition.entities.tokens import tokenize

    words = sum(1 for tok in tokenize(text) if tok.text[:1].isalnum()) * reps
    t, c = time.perf_counter(), time.process_time()
    for _ in range(reps):
        find_entities(text, fresh)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    print(
        f"throughput find_entities on the sample (tokenize + sentences + tag + spans): "
        f"{words / cpu:,.0f} words per CPU second ({words / wall:,.0f} words/s wall)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
