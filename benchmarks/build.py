"""Build at scale: HTML for the ELTeC corpus replicated to ~27 MB, scaling, memory, no-op.

    python benchmarks/build.py            # full: 27 MB at -j 2, 1x/4x/16x, 1,000 texts
    python benchmarks/build.py --quick    # CI smoke run (a few seconds)

Prints, for each size: documents, MB of TEI, seconds, MB/s, the CPU seconds of the workers
and of the parent (what the wall time would be on idle cores: CPU / cores; the machine's load
average is printed too, since other processes make the wall time longer), peak RSS of a
publishing worker and of the edition step; then the time of a build of 1,000 small texts and
of the rebuild that finds nothing to do (in-process and as a command). The corpus is
../shared/corpora/eltec-swe (TEI written by others, published as it is); copies get their own
names so each is a document of its own.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# this folder holds html.py, pdf.py …: as sys.path[0] they would shadow the standard library
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.memory import replicate  # noqa: E402
from teiedition.build import build_edition  # noqa: E402
from teiedition.resources import data_path, sample_path  # noqa: E402

ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-swe"
ENTITIES = (data_path() / "ner" / "model.crfsuite").exists()


def corpus(folder: Path, target_mb: float) -> list[Path]:
    """Copies of the ELTeC novels until ``target_mb`` of TEI."""
    novels = sorted(ELTEC.glob("*.xml"))
    if not novels:
        sys.exit(f"no corpus at {ELTEC}")
    return replicate(novels, folder, target_mb * 1e6)


def small_texts(folder: Path, n: int) -> None:
    paras = [p.strip() for p in sample_path().read_text(encoding="utf-8").split("\n\n")
             if len(p.strip()) > 200]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"t{i:04d}.txt").write_text(
            f"Text {i}\n\n{paras[i % len(paras)][:400]}\n", encoding="utf-8")


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def html_run(src: Path, out: Path, jobs: int) -> tuple[float, int, float, float, float, int,
                                                        int]:
    """(seconds, documents, MB, CPU seconds of the workers, of this process, peak RSS MB of
    a publishing worker, of the edition step) of a fresh HTML build."""
    files = list(src.glob("*.xml"))
    mb = sum(p.stat().st_size for p in files) / 1e6
    kids, me = _cpu(resource.RUSAGE_CHILDREN), _cpu(resource.RUSAGE_SELF)
    t = time.perf_counter()
    s = build_edition([src], out, ("html",), jobs=jobs, keep_going=True)
    secs = time.perf_counter() - t
    kids, me = _cpu(resource.RUSAGE_CHILDREN) - kids, _cpu(resource.RUSAGE_SELF) - me
    if s.failed:
        print(f"  {len(s.failed)} failed, e.g. {s.failed[0][1]}")
    peaks = s.peak_rss_kb_phase
    return (secs, len(files), mb, kids, me, peaks.get("publish", 0) // 1024,
            peaks.get("edition", 0) // 1024)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (CI smoke run)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    base_mb = 2.0 if args.quick else 27.0
    factors = (1, 2) if args.quick else (1, 4, 16)
    n_small = 100 if args.quick else 1000
    print(f"teiedition build benchmark: -j {args.jobs}, {os.cpu_count()} cores, "
          f"entities {'on' if ENTITIES else 'off (no model)'}")
    with tempfile.TemporaryDirectory(prefix="teiedition-bench-") as tmp:
        tmpd = Path(tmp)
        print(f"\nHTML for ELTeC novels (TEI written by others), -j {args.jobs}:")
        print(f"  {'size':>5} {'docs':>5} {'MB':>7} {'seconds':>8} {'MB/s':>6} "
              f"{'s/MB':>6} {'CPU s: workers':>15} {'parent':>7} {'load':>5} "
              f"{'peak RSS MB: worker':>20} {'edition step':>13}")
        for f in factors:
            src = tmpd / f"src{f}"
            corpus(src, base_mb * f)
            secs, n, mb, kids, me, rss, ed = html_run(src, tmpd / f"out{f}", args.jobs)
            print(f"  {f:>4}x {n:>5} {mb:>7.1f} {secs:>8.2f} {mb / secs:>6.2f} "
                  f"{secs / mb:>6.3f} {kids:>15.2f} {me:>7.2f} {os.getloadavg()[0]:>5.1f} "
                  f"{rss:>20} {ed:>13}")
            shutil.rmtree(tmpd / f"out{f}")
            shutil.rmtree(src)

        print(f"\n{n_small} small texts (encode + HTML), -j {args.jobs}:")
        src = tmpd / "small"
        small_texts(src, n_small)
        out = tmpd / "small-out"
        t = time.perf_counter()
        s = build_edition([src], out, ("html",), jobs=args.jobs, entities=ENTITIES)
        print(f"  first build: {time.perf_counter() - t:.2f} s ({len(s.built)} built, "
              f"{len(s.failed)} failed)")
        t = time.perf_counter()
        s = build_edition([src], out, ("html",), jobs=args.jobs, entities=ENTITIES)
        print(f"  no-change rebuild, in-process: {time.perf_counter() - t:.3f} s "
              f"({len(s.skipped)} skipped, {len(s.built)} built)")
        cmd = [sys.executable, "-c", "from teiedition.cli import main; main()", "build",
               str(src), "-o", str(out), "--formats", "html", "-q", "-j", str(args.jobs)]
        if not ENTITIES:
            cmd.append("--no-entities")
        t = time.perf_counter()
        rc = subprocess.run(cmd, check=False).returncode
        print(f"  no-change rebuild, `teiedition build` command (interpreter start "
              f"included): {time.perf_counter() - t:.3f} s (exit {rc})")


if __name__ == "__main__":
    main()
