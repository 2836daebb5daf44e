"""Train the line classifier (issue 13) on the layout suite's tuned cases, and compare it with
the rules on cases it was not trained on.

    python scripts/train_lines.py                  # train -> src/teiedition/data/lines.crfsuite
    python scripts/train_lines.py --eval tests/data/layouts/unseen   # and score both there
    python scripts/train_lines.py --cases 2 --out /tmp/m.crfsuite    # a small model (the test)
    python scripts/train_lines.py --without t-plates --out /tmp/m.crfsuite   # one design left out
    python scripts/train_lines.py --without t-plates --eval-left-out --out /tmp/m.crfsuite

Each line of each extraction gets its label from the case's answer key (``key.json.gz``): the
extracted words are aligned to the typeset ones (difflib, as ``tests/layout_score.py``), a line
none of whose words the book has is page furniture (``number`` where it is a page number,
else ``runhead``), a line whose first word begins a heading is ``head``, one whose first word
begins a paragraph ``par``, the rest ``body`` (or ``blank``). The features are
``teiedition.encode.lineclass.features`` (the rules' verdict among them); the CRF reads each
page's lines as one sequence. Deterministic: the same suite gives the same model, byte for byte.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import pycrfsuite

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from teiedition.encode.lineclass import LABELS, features, pages_of, verdicts  # noqa: E402
from teiedition.encode.pages import PAGE_NUMBER  # noqa: E402
from tests.layout_score import _norm  # noqa: E402

SUITE = REPO / "tests" / "data" / "layouts"
MODEL = REPO / "src" / "teiedition" / "data" / "lines.crfsuite"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 80, "feature.possible_transitions": True}


def key_labels(raw_lines: list[str], key: dict) -> list[str]:
    """Each extracted line's label from the answer key (see the module docstring)."""
    kw: list[str] = []
    to_norm: list[int] = []
    for w in key["words"]:
        to_norm.append(len(kw))
        if n := _norm(w):
            kw.append(n)
    to_norm.append(len(kw))
    toks: list[str] = []
    owner: list[int] = []
    for k, r in enumerate(raw_lines):
        for t in r.replace("\f", " ").split():
            if n := _norm(t):
                toks.append(n)
                owner.append(k)
    sm = difflib.SequenceMatcher(None, kw, toks, autojunk=False)
    matched: dict[int, int] = {}
    for a, b, size in sm.get_matching_blocks():
        for x in range(size):
            matched[b + x] = a + x
    first: dict[int, int | None] = {}
    seen: set[int] = set()
    for j, k in enumerate(owner):
        if k not in seen:
            seen.add(k)
            first[k] = matched.get(j)
        elif first[k] is None and j in matched:
            first[k] = -1  # a later word of the line is the book's: text
    head_words = {i for b in key["blocks"] if b["kind"] in ("head", "title")
                  for i in range(to_norm[b["start"]], to_norm[b["end"]])}
    par_starts = {to_norm[b["start"]] for b in key["blocks"] if b["kind"] == "p"}
    out = []
    for k, r in enumerate(raw_lines):
        t = " ".join(r.replace("\f", " ").split())
        if not t:
            out.append("blank")
        elif k not in first or first[k] is None:
            out.append("number" if PAGE_NUMBER.match(t) else "runhead" if len(t) <= 90
                       else "body")
        elif first[k] in head_words:
            out.append("head")
        elif first[k] in par_starts:
            out.append("par")
        else:
            out.append("body")
    return out


def sequences(folder: Path, extractions: list[str]) -> list[tuple[list, list[str], list[str]]]:
    """(features, labels, rules' verdicts) per page of each extraction of one case."""
    key = json.loads(gzip.decompress((folder / "key.json.gz").read_bytes()))
    out = []
    for ex in extractions:
        text = gzip.decompress((folder / f"{ex}.txt.gz").read_bytes()).decode("utf-8")
        read = verdicts(text)
        labels = key_labels(read.raw, key)
        feats = features(read)
        for a, b in pages_of(read):
            out.append((feats[a:b], labels[a:b], read.verdict[a:b]))
    return out


def cases(data: Path, held_out: bool | None) -> list[Path]:
    manifest = json.loads((data / "manifest.json").read_text("utf-8"))
    return [data / c["case"] for c in manifest["cases"]
            if held_out is None or c["held_out"] == held_out]


def f1_table(gold: list[str], *systems: tuple[str, list[str]]) -> str:
    rows = [f"{'label':<8}{'gold':>6}" + "".join(f"{name + ' F1':>12}" for name, _ in systems)]
    for lab in LABELS:
        if lab == "blank":
            continue
        cells = []
        for _, pred in systems:
            tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == lab)
            fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == lab != g)
            fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab != p)
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            cells.append(f"{f1:>12.3f}")
        rows.append(f"{lab:<8}{Counter(gold)[lab]:>6}" + "".join(cells))
    acc = [sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold)
           for _, pred in systems]
    rows.append(f"{'accuracy':<14}" + "".join(f"{a:>12.4f}" for a in acc))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=SUITE, help="the suite to train on (tuned cases)")
    ap.add_argument("--cases", type=int, help="the first N tuned cases only (a small model)")
    ap.add_argument("--without", action="append", default=[], metavar="DESIGN",
                    help="leave a design's cases out (leave-one-design-out: score it after)")
    ap.add_argument("--out", type=Path, default=MODEL)
    ap.add_argument("--eval", type=Path, help="a suite to score the rules and the model on")
    ap.add_argument("--eval-left-out", action="store_true",
                    help="score on the tuned cases of the --without designs (never held-out)")
    args = ap.parse_args(argv)
    manifest = json.loads((args.data / "manifest.json").read_text("utf-8"))
    extractions = manifest["extractions"]
    train = [c for c in cases(args.data, held_out=False)
             if c.name.split("--")[-1] not in args.without][:args.cases]
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for folder in train:
        for feats, labels, _ in sequences(folder, extractions):
            trainer.append(feats, labels)
            n += len(labels)
    trainer.set_params(PARAMS)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(f"trained on {n} lines of {len(train)} cases x {len(extractions)} extractions "
          f"-> {args.out}", file=sys.stderr)
    if args.eval or args.eval_left_out:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(args.out))
        gold: list[str] = []
        rules: list[str] = []
        crf: list[str] = []
        scored = cases(args.eval, held_out=None) if args.eval else [
            c for c in cases(args.data, held_out=False) if c.name.split("--")[-1] in args.without]
        for folder in scored:
            for feats, labels, verdict in sequences(folder, extractions):
                gold += labels
                rules += verdict
                crf += tagger.tag(feats)
        print(f"on {args.eval or ', '.join(args.without)} ({len(gold)} lines):")
        print(f1_table(gold, ("rules", rules), ("CRF", crf)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
