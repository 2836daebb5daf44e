"""Encode throughput: the sample, and ~10 MB of PDF-like Swedish text (structure + entities).

Prints figures; run by hand (`python benchmarks/encode.py`) and in CI (`--quick`).
Target (issue 3): encode ≥ 5 MB/s for structure; (issue 4) ≥ 20,000 words/s with entities.
Issue 13: encoding streams, so time grows linearly with the text (4x the text <= 4.4x the
time, printed for 10 and 40 MB, or 1 and 4 MB with ``--quick``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# this folder holds html.py, which must not shadow the standard library's html module
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "benchmarks"]
sys.path.insert(0, str(REPO))

import teiedition.encode as encode_module  # noqa: E402
from teiedition.encode import encode, encode_bytes, source  # noqa: E402
from teiedition.resources import sample_path  # noqa: E402
from teiedition.xml import serialize  # noqa: E402
from tests.textgen import eltec_paragraphs, make_text  # noqa: E402

ELTEC = REPO.parent / "shared" / "corpora" / "eltec-swe"


def corpus_text(megabytes: float) -> bytes:
    files = sorted(ELTEC.glob("*.xml"))
    if files:
        paras = [p for f in files for p in eltec_paragraphs(f)]
    else:  # without the shared corpus: the sample's paragraphs
        paras = [p for p in sample_path().read_text(encoding="utf-8").split("\n\n") if p.strip()]
    one = make_text(paras, seed=5).encode()
    reps = max(1, int(megabytes * 1024 * 1024 / len(one)))
    return one * reps


CLOCK = time.perf_counter  # (``--cpu``: time.process_time, for stages and totals alike)


def timed(data: bytes, entities: bool,
          timings: dict[str, float] | None = None) -> tuple[float, object]:
    t = CLOCK()
    r = encode_bytes(data, "bench.txt", entities=entities, max_bytes=None, timings=timings)
    return CLOCK() - t, r


def structure_only(data: bytes, runs: int) -> None:
    """The best of ``runs`` structure-only encodes, with the time of each stage in it."""
    best: tuple[float, dict[str, float], object] | None = None
    for _ in range(runs):
        stages: dict[str, float] = {}
        el, r = timed(data, entities=False, timings=stages)
        if best is None or el < best[0]:
            best = (el, stages, r)
        del r
    el, stages, r = best  # type: ignore[misc]
    words = len(data.split())
    mb = len(data) / 1048576
    unit = " CPU" if CLOCK is time.process_time else ""
    print(f"{mb:.1f} MB ({words} words) structure-only: {el:.2f} s{unit} = {mb / el:.2f} MB/s "
          f"(best of {runs}), {len(r.document.hyphenation)} hyphen decisions")
    t = time.perf_counter()
    xml = serialize(r.tree)
    ser = time.perf_counter() - t
    print("  per stage: " + ", ".join(f"{k} {v * 1000:.0f}" for k, v in stages.items())
          + f" ms; then serialising {len(xml) / 1048576:.1f} MB of TEI {ser * 1000:.0f} ms")


def streamed(data: bytes) -> tuple[float, float, int]:
    """Seconds (wall, CPU) to encode ``data`` structure-only as ``teiedition encode`` does
    (streaming, the TEI written out piece by piece: here counted, not kept), and the chunks."""
    written = [0]

    def write(piece: str) -> None:
        written[0] += len(piece)

    t, c = time.perf_counter(), time.process_time()
    r = encode(source.reader(data, "bench.txt", max_bytes=None), write, entities=False)
    return time.perf_counter() - t, time.process_time() - c, r.counts.chunks


def linear(mb: float, runs: int) -> None:
    """Time at 1x and 4x the text (best of ``runs`` each): streaming keeps it linear. The CPU
    seconds are the figure to trust on a shared machine (wall time follows the load)."""
    one = corpus_text(mb)
    best = []
    for data in (one, one * 4):
        el, cpu, chunks = min(streamed(data) for _ in range(runs))
        cpu = min(cpu, el)
        best.append((el, cpu))
        print(f"  streaming, {len(data) / 1048576:.1f} MB ({chunks} chunk(s)): {el:.2f} s "
              f"({cpu:.2f} s CPU) = {len(data) / 1048576 / el:.2f} MB/s")
    print(f"  4x the text: {best[1][0] / best[0][0]:.2f}x the time, "
          f"{best[1][1] / best[0][1]:.2f}x the CPU time (target <= 4.4)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small sizes (CI smoke run)")
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=3, help="structure-only runs (the best counts)")
    ap.add_argument("--structure-only", action="store_true",
                    help="no entity runs (minutes on a shared machine)")
    ap.add_argument("--cpu", action="store_true",
                    help="structure-only time and stages in CPU seconds (what to compare on "
                    "a shared machine, where wall time follows the others' load)")
    args = ap.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = encode_module.STAGE_CLOCK = time.process_time
    print("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg())
          + f" on {os.cpu_count()} cores (other processes make the figures slower)")
    mb = 1.0 if args.quick else args.mb

    sample = sample_path().read_bytes()
    first, _ = timed(sample, entities=False)
    again, _ = timed(sample, entities=False)
    print(f"sample structure-only: first call {first:.2f} s (loads lexicon, language model), "
          f"then {again * 1000:.0f} ms")
    try:
        if args.structure_only:
            raise ImportError("not run (--structure-only)")
        first_e, r = timed(sample, entities=True)
        again_e, r = timed(sample, entities=True)
        print(f"sample with entities:  first call {first_e:.2f} s, then {again_e * 1000:.0f} ms, "
              f"{len(r.mentions)} mentions")
    except ImportError as err:
        print(f"entities unavailable: {err}")

    data = corpus_text(mb)
    words = len(data.split())
    structure_only(data, 1 if args.quick else args.runs)
    linear(1.0 if args.quick else args.mb, 1 if args.quick else 2)
    try:
        if args.structure_only:
            raise ImportError("not run (--structure-only)")
        el, r = timed(data, entities=True)
        print(f"{len(data) / 1048576:.1f} MB with entities: {el:.2f} s = "
              f"{len(data) / 1048576 / el:.2f} MB/s = {words / el:,.0f} words/s, "
              f"{len(r.mentions)} mentions")
    except ImportError as err:
        print(f"entities unavailable: {err}")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
