"""Benchmark of the HTML edition (issue 5). Prints its figures; not a test.

1. The sample edition, all pages, in a fresh process *including* stylesheet compilation
   (target < 1 s). The sample is tei/sample.xml with tei/register.xml when the repository has
   them, else the hand-written profile fixture tests/data/html/edition.xml and its register.
2. Throughput once compiled, in MB of TEI per second per core (target >= 5): the four ELTeC
   novels of ../shared/corpora/eltec-swe replicated (default x14: 56 texts, ~28 MB, about the
   58 novels / 27.6 MB of the issue's reference), each built as its own edition with
   build_html (parse, transform, search index, atomic writes), one process.

Usage: python benchmarks/html.py [--copies N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ELTEC = REPO.parent / "shared" / "corpora" / "eltec-swe"


def sample_inputs(tmp: Path) -> tuple[Path, Path | None]:
    """tei/sample.xml, else the sample encoded now (`teiedition encode`, into tmp, with a copy
    of tei/register.xml), else the hand-written profile fixture."""
    tei, reg = REPO / "tei" / "sample.xml", REPO / "tei" / "register.xml"
    if tei.is_file():
        return tei, reg if reg.is_file() else None
    if reg.is_file():
        shutil.copyfile(reg, tmp / "register.xml")
        cli = [sys.executable, "-c", "from teiedition.cli import main; main()"]
        run = subprocess.run([*cli, "encode", "-q",
                              str(REPO / "src" / "teiedition" / "data" / "sample.txt"),
                              "-o", str(tmp / "sample.xml"),
                              "--register", str(tmp / "register.xml")],
                             capture_output=True, text=True)
        if run.returncode == 0 and (tmp / "sample.xml").is_file():
            return tmp / "sample.xml", tmp / "register.xml"
    return REPO / "tests" / "data" / "html" / "edition.xml", \
        REPO / "tests" / "data" / "html" / "register.xml"


COLD = """
import sys, time
t0 = time.perf_counter()
from teiedition.publish.html import build_html
t1 = time.perf_counter()
files = build_html([sys.argv[1]], sys.argv[2], register=sys.argv[3] or None)
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {len(files)}")
"""


def bench_sample() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _bench_sample(*sample_inputs(Path(tmp)))


def _bench_sample(tei: Path, reg: Path | None) -> None:
    runs = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            res = subprocess.run([sys.executable, "-c", COLD, str(tei), out, str(reg or "")],
                                 capture_output=True, text=True, check=True)
            total = time.perf_counter() - t
            imp, build, n = res.stdout.split()
            runs.append((float(build), float(imp), total, int(n)))
    build, imp, total, n = min(runs)
    name = tei.relative_to(REPO) if tei.is_relative_to(REPO) else "sample.txt encoded now"
    print(f"sample edition: {name} ({tei.stat().st_size / 1024:.0f} KB), {n} files")
    print(f"  build incl. stylesheet compilation: {build:.3f} s (best of 3; target < 1 s)")
    print(f"  + import {imp:.3f} s; whole process incl. interpreter start {total:.3f} s")


def bench_throughput(copies: int) -> None:
    from teiedition.publish.html import build_html

    novels = sorted(ELTEC.glob("*.xml"))
    if not novels:
        print("throughput: ../shared/corpora/eltec-swe not found, skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        files = []
        for i in range(copies):
            for n in novels:
                dst = src / f"{n.stem}-{i}.xml"
                shutil.copyfile(n, dst)
                files.append(dst)
        size = sum(f.stat().st_size for f in files)
        build_html([novels[0]], Path(tmp) / "warm")  # compile once, outside the timing
        mb = size / 1e6
        print(f"throughput: {len(files)} ELTeC texts ({len(novels)} novels x {copies}), "
              f"{mb:.1f} MB of TEI, one process, each text its own edition")
        for label, search in (("full build (pages, search index, files)", True),
                              ("pages only (the TEI Stylesheets' work)", False)):
            wall, cpu = time.perf_counter(), time.process_time()
            for f in files:
                build_html([f], Path(tmp) / label[:4] / f.stem, search=search)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"  {label}: wall {wall:.2f} s = {mb / wall:.2f} MB/s; CPU {cpu:.2f} s = "
                  f"{mb / cpu:.2f} MB/s per core (target >= 5)")
        some = files[: len(novels) * min(copies, 4)]
        wall, cpu = time.perf_counter(), time.process_time()
        build_html(some, Path(tmp) / "one")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        part = sum(f.stat().st_size for f in some) / 1e6
        print(f"  full build as one edition of {len(some)} texts ({part:.1f} MB): wall {wall:.2f} s"
              f" = {part / wall:.2f} MB/s; CPU {cpu:.2f} s = {part / cpu:.2f} MB/s per core")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=14)
    ap.add_argument("--quick", action="store_true", help="one copy (CI smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.copies = 1
    bench_sample()
    bench_throughput(args.copies)


if __name__ == "__main__":
    main()
