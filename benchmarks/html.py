"""Benchmark of the HTML edition (issues 5, 17). Prints its figures; not a test.

1. The sample edition, all pages, in a fresh process *including* stylesheet compilation
   (target < 1 s). The sample is tei/sample.xml with tei/register.xml when the repository has
   them, else the hand-written profile fixture tests/data/html/edition.xml and its register.
2. The corpus: the 13 ELTeC novels of ../shared/corpora (eltec-swe and eltec-other) copied
   under distinct names to ~25 MB (the issue's 54 novels / 25.6 MB; ``--mb``), published by
   one ``teiedition html`` command (``-j``: the cores): wall and CPU seconds, the peak of the
   memory of all its processes summed (PSS; target < 500 MB); the target is >= 5x the TEI
   Stylesheets' 7.9 s (<= 1.6 s) on 2 cores; then the same with ``--search none`` (no search
   page or index, as the Stylesheets make none: the like-for-like row, beside the default).
3. Where the time goes: the same edition through the same engine in this process
   (``publish(profile=...)``), each stage's CPU and wall seconds summed over the texts' jobs
   and the edition job: parse, serialisation for Saxon, Saxon's parse, the transform (page,
   card, mentions and search anchors in one pass), the search part (passages' text, words),
   the edition pages, the search index, writing.

Usage: python benchmarks/html.py [--mb 25] [-j N] [--quick]
The machine's load average is printed with the figures (other processes share the cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# this folder holds html.py, which must not shadow the standard library's html module
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.memory import measure, replicate  # noqa: E402

CORPORA = Path(os.environ.get("TEIEDITION_CORPORA", REPO.parent / "shared" / "corpora"))
CLI = [sys.executable, "-m", "teiedition"]


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def sample_inputs(tmp: Path) -> tuple[Path, Path | None]:
    """tei/sample.xml, else the sample encoded now (`teiedition encode`, into tmp, with a copy
    of tei/register.xml), else the hand-written profile fixture."""
    tei, reg = REPO / "tei" / "sample.xml", REPO / "tei" / "register.xml"
    if tei.is_file():
        return tei, reg if reg.is_file() else None
    if reg.is_file():
        shutil.copyfile(reg, tmp / "register.xml")
        run = subprocess.run([*CLI, "encode", "-q",
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
        tei, reg = sample_inputs(Path(tmp))
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


def corpus(folder: Path, target_mb: float, corpora: Path = CORPORA) -> list[Path]:
    """The ELTeC novels copied under distinct names until ``target_mb`` MB of TEI."""
    novels = sorted(corpora.glob("eltec-*/*.xml"))
    if not novels:
        sys.exit(f"no corpus at {corpora}")
    return replicate(novels, folder, target_mb * 1e6)


#: the command line as ``teiedition``, which writes the main process's own CPU seconds (user +
#: system) into the file named first when it ends: the workers' are the rest
SPLIT = """
import resource, sys
from teiedition.cli import main
out = sys.argv.pop(1)
try:
    main(sys.argv[1:], prog_name="teiedition")
finally:
    r = resource.getrusage(resource.RUSAGE_SELF)
    open(out, "w").write(str(r.ru_utime + r.ru_stime))
"""


def bench_command(files: list[Path], out: Path, jobs: int, search: str = "shards") -> None:
    """One `teiedition html` command; ``search="none"``: the pages alone (what the TEI
    Stylesheets make: the like-for-like comparison, never instead of the default). Its CPU
    is split between the main process (reading, the search index's join, writing) and the
    workers (the texts' pages and parts, the edition pages)."""
    mb = sum(f.stat().st_size for f in files) / 1e6
    main_cpu = out.parent / f"{out.name}.cpu"
    code, wall, cpu, rss, pss, procs = measure(
        [sys.executable, "-c", SPLIT, str(main_cpu), "html", *map(str, files), "-o", str(out),
         "-j", str(jobs), "--search", search])
    parent = float(main_cpu.read_text()) if main_cpu.is_file() else float("nan")
    n = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"corpus: {len(files)} ELTeC texts, {mb:.1f} MB of TEI; `teiedition html -j {jobs} "
          f"--search {search}` (load average before: {load()})")
    print(f"  exit {code}, {n} files; wall {wall:.2f} s ({mb / wall:.1f} MB/s; target <= 1.6 s "
          f"for 25.6 MB on 2 cores), CPU {cpu:.2f} s ({mb / cpu:.1f} MB/s per core): the main "
          f"process {parent:.2f} s, the workers {cpu - parent:.2f} s")
    print(f"  peak memory of all its processes: PSS {pss} MB (target < 500), RSS summed {rss}"
          f" MB; at most {procs} processes")


def bench_profile(files: list[Path], out: Path, jobs: int) -> None:
    from teiedition.build.publish import publish
    from teiedition.publish.html import page_name

    profile: dict[str, list[float]] = {}
    wall = time.perf_counter()
    publish(files, out, html=True, jobs=jobs, profile=profile,
            names=page_name)
    wall = time.perf_counter() - wall
    cpu = sum(c for c, _ in profile.values())
    print(f"where the time goes (same edition, -j {jobs}, in-process driver; wall {wall:.2f} s; "
          f"load average {load()}): CPU s and wall s per stage, summed over the jobs")
    for name, (c, w) in sorted(profile.items(), key=lambda kv: -kv[1][0]):
        print(f"  {name:52s} CPU {c:6.2f} s ({100 * c / cpu:4.1f} %)  wall {w:6.2f} s")
    print(f"  {'all stages':52s} CPU {cpu:6.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=25.6, help="MB of TEI in the corpus")
    ap.add_argument("-j", "--jobs", type=int, default=None, help="workers [default: cores]")
    ap.add_argument("--quick", action="store_true", help="~1 MB (CI smoke run)")
    ap.add_argument("--no-sample", action="store_true", help="skip the sample edition")
    ap.add_argument("--corpora", type=Path, default=CORPORA, help="folder of eltec-* folders")
    args = ap.parse_args()
    from teiedition.build.publish import default_jobs

    jobs = args.jobs or default_jobs()
    if args.quick:
        args.mb = 1.0
    if not args.no_sample:
        bench_sample()
    if not list(args.corpora.glob("eltec-*/*.xml")):
        print(f"corpus: {args.corpora} not found, skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus(Path(tmp) / "src", args.mb, args.corpora)
        bench_command(files, Path(tmp) / "cmd", jobs)
        bench_command(files, Path(tmp) / "none", jobs, search="none")
        bench_profile(files, Path(tmp) / "prof", jobs)


if __name__ == "__main__":
    main()
