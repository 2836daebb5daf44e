"""Entity and date markup on the sample, against the hand-made gold annotation.

Prints precision, recall and F1 per type (exact span and type; a journal may also be orgName,
Kreml orgName, as the guidelines allow), without the register and with the edition's register
(tei/register.xml), whether every date has the right ISO value, and the share of repeated
entities whose mentions all carry one @ref.

    python benchmarks/entities.py [--register tei/register.xml] [--show-errors]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# run as a script, this folder comes first on sys.path; its html.py would shadow the stdlib
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
GOLD = ROOT / "tests" / "data" / "entities" / "sample-gold.tsv"
TYPES = ("PER", "ORG", "LOC", "TITLE", "DATE")


def reading_blocks():  # noqa: ANN201
    """The sample's blocks as the encoder makes them (quotation spans included)."""
    from teiedition.encode import encode_bytes
    from teiedition.resources import sample_path

    res = encode_bytes(sample_path().read_bytes(), "sample.txt", entities=False)
    return res.document.blocks, res.document.metadata


def occurrence_index(full: str, start: int, surface: str) -> int:
    """1-based index of the occurrence of ``surface`` at ``start`` (the gold's counting)."""
    n = 0
    for m in re.finditer(re.escape(surface), full):
        s, e = m.start(), m.end()
        if (s == 0 or not full[s - 1].isalnum()) and (e == len(full) or not full[e].isalnum()):
            n += 1
            if s == start:
                return n
    return -1


def document_date(blocks, meta):  # noqa: ANN001, ANN201
    """The letter's own date: from the encoder's metadata, else the first front block that
    is a full date on its own (as encode passes it to annotate)."""
    import datetime

    from teiedition.entities.dates import parse_date

    if len(meta.get("date", "")) == 10:
        return datetime.date.fromisoformat(meta["date"])
    for b in blocks[:6]:
        d = parse_date(b.text)
        if d is not None and d.when and len(d.when) == 10:
            return datetime.date.fromisoformat(d.when)
    return None


def load_gold(path: Path = GOLD) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def run(register_path: Path | None):  # noqa: ANN201

    from teiedition.entities import annotate, load_register

    blocks, meta = reading_blocks()
    anchor = document_date(blocks, meta)
    reg = load_register(register_path) if register_path else None
    t0 = time.perf_counter()
    mentions = annotate(blocks, language="sv", anchor=anchor, register=reg)
    elapsed = time.perf_counter() - t0
    starts, pos = [], 0
    for b in blocks:
        starts.append(pos)
        pos += len(b.text) + 2
    full = "\n\n".join(b.text for b in blocks)
    pred = []
    for m in mentions:
        g = starts[m.block] + m.start
        pred.append((m.type, m.text, occurrence_index(full, g, m.text), m))
    words = len(full.split())
    return pred, elapsed, words


def score(pred, gold):  # noqa: ANN001, ANN201
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    index = {}
    for g in gold:
        for t in {g["type"], *(g["alt"].split("|") if g["alt"] else [])}:
            index[(t, g["surface"], int(g["occurrence"]))] = g
    matched = set()
    errors = []
    found_for: dict[int, object] = {}
    for typ, surface, occ, m in pred:
        g = index.get((typ, surface, occ))
        if g is not None and id(g) not in matched:
            matched.add(id(g))
            tp[g["type"]] += 1
            found_for[id(g)] = m
            if g["type"] == "DATE" and g["value"]:
                value = dict(m.attrs).get("when") or "/".join(
                    v for k, v in m.attrs if k in ("from", "to"))
                if value != g["value"]:
                    errors.append(f"date value {surface!r}: {value} (gold {g['value']})")
        else:
            fp[typ if typ in TYPES else "?"] += 1
            errors.append(f"FP {typ} {surface!r} #{occ}")
    for g in gold:
        if id(g) not in matched and not g["optional"]:
            fn[g["type"]] += 1
            errors.append(f"FN {g['type']} {g['surface']!r} #{g['occurrence']}")
    return tp, fp, fn, errors, found_for


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def consistency(gold, found_for) -> tuple[int, int, list[str]]:  # noqa: ANN001
    """Repeated gold entities whose found mentions all share one @ref (and no other entity's)."""
    by_entity: dict[str, list] = defaultdict(list)
    for g in gold:
        if g["entity"] and not g["optional"]:
            by_entity[g["entity"]].append(g)
    ref_owner: dict[str, set[str]] = defaultdict(set)
    for ent, gs in by_entity.items():
        for g in gs:
            m = found_for.get(id(g))
            if m is not None and m.ref:
                ref_owner[m.ref].add(ent)
    repeated = {e: gs for e, gs in by_entity.items() if len(gs) > 1}
    ok, bad, split = 0, [], 0
    for ent, gs in repeated.items():
        refs = {found_for[id(g)].ref for g in gs if id(g) in found_for}
        missing = sum(1 for g in gs if id(g) not in found_for)
        merged = any(len(ref_owner[r]) > 1 for r in refs)
        if len(refs) > 1 or merged:
            split += 1
        if len(refs) == 1 and not missing and not merged:
            ok += 1
        else:
            bad.append(f"{ent}: refs {sorted(r or '-' for r in refs)}, {missing} not found")
    return ok, len(repeated), bad, split


def report(label: str, pred, gold, elapsed: float, words: int, show: bool) -> None:  # noqa: ANN001
    tp, fp, fn, errors, found_for = score(pred, gold)
    print(f"\n== {label} ==")
    print(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for t in (*TYPES, "names", "all"):
        if t == "names":
            keys = ("PER", "ORG", "LOC", "TITLE")
        elif t == "all":
            keys = TYPES
        else:
            keys = (t,)
        a, b, c = (sum(x[k] for k in keys) for x in (tp, fp, fn))
        p, r, f = prf(a, b, c)
        print(f"{t:6} {p:6.3f} {r:6.3f} {f:6.3f}  {a:3d} {b:3d} {c:3d}")
    date_errors = [e for e in errors if e.startswith("date value")]
    n_dates = sum(1 for g in gold if g["type"] == "DATE")
    print(f"dates with the right ISO value: {tp['DATE'] - len(date_errors)}/{n_dates}")
    ok, total, bad, split = consistency(gold, found_for)
    print(f"repeated entities with one consistent @ref (every mention found): {ok}/{total}"
          f" ({ok / total if total else 0:.0%}); entities whose found mentions carry "
          f"different @refs, or share one with another entity: {split}")
    print(f"annotate time: {elapsed * 1000:.0f} ms for {words} words "
          f"({words / elapsed:,.0f} words/s, model loading included on the first run)")
    if show:
        for e in errors + bad:
            print("   ", e)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--register", type=Path, default=ROOT / "tei" / "register.xml")
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--quick", action="store_true", help="accepted for CI (already quick)")
    args = ap.parse_args()
    gold = load_gold()
    print(f"gold: {len(gold)} mentions "
          f"({', '.join(f'{t} {n}' for t, n in Counter(g['type'] for g in gold).items())})")
    pred, el, words = run(None)
    report("without the register (encode --no-register)", pred, gold, el, words,
           args.show_errors)
    if args.register.exists():
        pred, el, words = run(args.register)
        report(f"with the register {args.register.relative_to(ROOT)}", pred, gold, el, words,
               args.show_errors)
    else:
        print(f"\n(no register at {args.register}: skipped the run with the register)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
