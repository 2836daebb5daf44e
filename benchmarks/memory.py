#!/usr/bin/env python3
"""Peak memory of each command on one input at its documented size limit (issue 8), of
encoding 100 MB of text, alone and in a build (issue 13: encoding streams), and of validating
TEI too large to parse whole (in parts: 60 and 240 MB, whose times should be in proportion:
4× the TEI in at most 4.4× the time).

Target: every command stays under 500 MB on any single input up to the documented limit,
and an input just over a limit is refused at once (exit 2, little memory); ``html`` and
``pdf`` on many texts at once (``*-corpus``: the ELTeC novels of ../shared/corpora copied
to 25.6 MB) stay under 500 MB summed over all their processes (PSS, sampled every 50 ms).
Each command runs as its own process, as a user runs it; its peak is the largest resident
set of that process or of any process it started (the kernel's ru_maxrss of the waited-for
children).

    python benchmarks/memory.py            # inputs at the limits (takes a few minutes)
    python benchmarks/memory.py --quick    # small inputs (CI smoke run)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# this folder holds html.py, which must not shadow the standard library's html module
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != REPO / "benchmarks"]
sys.path.insert(0, str(REPO))

from teiedition import limits  # noqa: E402
from teiedition.resources import sample_path  # noqa: E402
from tests.textgen import (  # noqa: E402
    ELTEC_NOVEL,
    big_tei,
    eltec_paragraphs,
    make_text,
    write_big_tei,
)

BOUND_MB = 500
CLI = [sys.executable, "-m", "teiedition"]


def pdf_like_text(size: int) -> bytes:
    """About ``size`` bytes of PDF-extraction-like Swedish text (ELTeC paragraphs)."""
    if ELTEC_NOVEL.exists():
        paras = eltec_paragraphs(ELTEC_NOVEL)
    else:
        paras = [p for p in sample_path().read_text("utf-8").split("\n\n") if p.strip()]
    one = make_text(paras, seed=5).encode()
    data = one * (size // len(one) + 1)
    cut = data.rfind(b"\n\n", 0, size)
    return data[:cut if cut > 0 else size] + b"\n"


def ocr_like(data: bytes, seed: int, share: float = 0.01) -> bytes:
    """``data`` with ``share`` of its ASCII letters replaced by others at random, as OCR
    misreads them: each copy of a text gets its own errors, so its vocabulary keeps growing
    (the worst case for ``hyphenation.Vocabulary``, which ``MAX_VOCABULARY_FORMS`` bounds)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    a = np.frombuffer(data, dtype=np.uint8).copy()
    at = rng.choice(len(a), size=int(len(a) * share), replace=False)
    at = at[((a[at] | 0x20) >= ord("a")) & ((a[at] | 0x20) <= ord("z"))]
    a[at] = rng.integers(ord("a"), ord("z") + 1, size=len(at), dtype=np.uint8)
    return a.tobytes()


def ocr_text(size: int) -> bytes:
    """About ``size`` bytes of OCR-like text: the novel of ``pdf_like_text``, every copy with
    its own 1 % of letters misread."""
    one = pdf_like_text(2 * 2**20)
    parts, have = [], 0
    while have < size:
        parts.append(ocr_like(one, seed=len(parts)))
        have += len(one)
    return b"".join(parts)[:size].rsplit(b"\n\n", 1)[0] + b"\n"


def vocabulary_growth() -> None:
    """The word forms a text's vocabulary holds as the text grows (what MAX_VOCABULARY_FORMS
    rests on): the 13 ELTeC novels of ../shared/corpora (six languages), and OCR-like text."""
    import math
    import random

    from teiedition.encode.hyphenation import Vocabulary

    files = sorted(CORPORA.glob("eltec-*/*.xml"))
    if files:  # their paragraphs mixed (a shelf of books in several languages, as one file)
        paras = [p for f in files for p in eltec_paragraphs(f)]
        random.Random(1).shuffle(paras)
        text = "\n\n".join(paras)
        points = []
        for share in (1 / 8, 1 / 4, 1 / 2, 1):
            v = Vocabulary()
            v.add(text[:int(len(text) * share)])
            points.append((int(len(text) * share), len(v._forms)))
        xs, ys = [math.log(n) for n, _ in points], [math.log(f) for _, f in points]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs)
        k = math.exp(my - b * mx)
        print(f"vocabulary: {len(files)} novels, {points[-1][0] / 1e6:.1f} M characters: "
              f"{points[-1][1]:,} forms; V = {k:.1f} n^{b:.2f} (Heaps): "
              + ", ".join(f"~{k * (mb * 2**20) ** b / 1e6:.2f} M at {mb} MB"
                          for mb in (100, 300, 512)))
    v = Vocabulary()
    noisy = ocr_text(8 * 2**20).decode()
    sizes = []
    for i in range(0, len(noisy), 2**20):
        v.add(noisy[i:i + 2**20])
        sizes.append(len(v._forms))
    half = len(sizes) // 2
    per_mb = (sizes[-1] - sizes[half]) / max(1, len(sizes) - 1 - half)
    print(f"vocabulary of OCR-like text (1 % of letters misread): {sizes[0]:,} forms in the "
          f"first MB, then {per_mb:,.0f} new forms a MB; the bound "
          f"{limits.MAX_VOCABULARY_FORMS:,}")


def tei_of_chars(chars: int) -> bytes:
    """A valid TEI document whose text holds about ``chars`` characters."""
    from lxml import etree

    probe = big_tei(1.0)
    per_mb = len("".join(etree.fromstring(probe).find(
        "{http://www.tei-c.org/ns/1.0}text").itertext())) / (len(probe) / 2**20)
    return big_tei(chars / per_mb)


CORPORA = Path(os.environ.get("TEIEDITION_CORPORA", REPO.parent / "shared" / "corpora"))


def replicate(novels: list[Path], folder: Path, target_bytes: float) -> list[Path]:
    """Copies of ``novels`` under names of their own in ``folder`` until ``target_bytes`` of
    TEI: a corpus of any size for the benchmarks (build, html, memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    total, k = 0, 0
    while novels and total < target_bytes:
        for n in novels:
            p = folder / f"{n.stem}-{k}.xml"
            shutil.copyfile(n, p)
            out.append(p)
            total += p.stat().st_size
            if total >= target_bytes:
                break
        k += 1
    return out


def make_input(case: str, size: float, folder: Path) -> Path:
    """The input of one case, written into ``folder`` (a corpus case: a folder of texts)."""
    if case.endswith("-corpus"):
        src = folder / "corpus"
        replicate(sorted(CORPORA.glob("eltec-*/*.xml")), src, size)
        return src
    if case in ("encode:over", "validate:over"):  # refused from its size: a sparse file
        src = folder / ("big.txt" if case.startswith("encode") else "big.xml")
        with src.open("wb") as fh:
            fh.truncate(int(size))
    elif case == "encode-ocr":
        src = folder / "big.txt"
        src.write_bytes(ocr_text(int(size)))
    elif case.startswith(("encode", "build")):
        src = folder / "big.txt"
        src.write_bytes(pdf_like_text(int(size)))
    elif case.startswith("pdf"):
        src = folder / "big.xml"
        src.write_bytes(tei_of_chars(int(size)))
    else:  # (written a division at a time: 120 MB of TEI never in this process's memory)
        src = folder / "big.xml"
        write_big_tei(src, size / 2**20)
    return src


def command(case: str, src: Path) -> list[str]:
    out = src.parent
    if case.endswith("-corpus"):  # every text of the folder in one command, the cores' workers
        kind = case.split("-")[0]
        return [*CLI, kind, *map(str, sorted(src.glob("*.xml"))), "-o", str(out / kind)]
    return {
        "encode": [*CLI, "encode", str(src), "-o", str(out / "out.xml"), "-q"],
        "encode-structure": [*CLI, "encode", str(src), "-o", str(out / "out.xml"), "-q",
                             "--no-entities"],
        "encode-ocr": [*CLI, "encode", str(src), "-o", str(out / "out.xml"), "-q",
                       "--no-entities"],
        "validate": [*CLI, "validate", str(src)],
        "html": [*CLI, "html", str(src), "-o", str(out / "html")],
        "pdf": [*CLI, "pdf", str(src), "-o", str(out / "pdf")],
        "build": [*CLI, "build", str(src), "-j", "1", "-q"],
        # the TEI phase of a build streams too (the worker reads the text's file)
        "build-tei": [*CLI, "build", str(src), "-j", "1", "-q", "--formats", "tei",
                      "--no-entities"],
        # a text too long for one PDF: the other formats
        "build-tei-html": [*CLI, "build", str(src), "-j", "1", "-q", "--formats", "tei,html"],
    }[case.split(":")[0]]


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _kb(pid: int, field: bytes) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(pid: int) -> tuple[int, int, int]:
    """(processes, summed RSS KB, summed PSS KB) of ``pid`` and its descendants now. PSS
    divides shared pages among the processes that share them (forked workers share the
    parent's), so its sum is the memory the command holds; the RSS sum counts them again."""
    kids, todo, seen = _children(), [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += kids.get(p, [])
    return len(seen), sum(_kb(p, b"Rss:") for p in seen), sum(_kb(p, b"Pss:") for p in seen)


def measure(cmd: list[str], cwd: Path | None = None, every: float = 0.05
            ) -> tuple[int, float, float, int, int, int]:
    """Run ``cmd``; (exit code, wall s, CPU s of it and its children, peak summed RSS MB,
    peak summed PSS MB, most processes at once), sampling the process tree every ``every`` s.
    The CPU is that of the waited-for children of this process since it started, so call it
    from a small process of its own."""
    import threading

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0, 0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            n, rss, pss = tree_memory(proc.pid)
            peak[:] = max(peak[0], rss), max(peak[1], pss), max(peak[2], n)
            stop.wait(every)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    stop.set()
    th.join()
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode:
        print("    " + err.decode(errors="replace").strip().splitlines()[-1][:160])
    return proc.returncode, wall, cpu, peak[0] // 1024, peak[1] // 1024, peak[2]


def run(case: str, src: Path, quick: bool) -> bool:
    """Run one command from this small process and print its line; True if it met the bound.

    The peak is ``ru_maxrss`` of RUSAGE_CHILDREN: the largest resident set of any
    waited-for descendant (workers included). It never goes down within a process, and a
    child forked from a big process starts with that process's pages, so every case runs
    from its own small process, not from the one that made the (large) input.
    """
    if case.endswith("-corpus"):  # worker processes: the sum of their memory counts
        code, seconds, cpu, rss, pss, procs = measure(command(case, src), cwd=src.parent)
        ok = code == 0 and (pss < BOUND_MB or quick)
        mb = sum(f.stat().st_size for f in src.glob("*.xml")) / 2**20
        print(f"{case:14s} {mb:7.2f} MB  exit {code}  {seconds:6.2f} s  peak {pss:5.0f} MB "
              f"summed over {procs} processes (PSS; RSS summed {rss} MB), "
              f"{len(list(src.glob('*.xml')))} texts, CPU {cpu:.1f} s   "
              f"{'ok' if ok else 'FAIL'}", flush=True)
        return ok
    t = time.perf_counter()
    proc = subprocess.run(command(case, src), cwd=src.parent, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    code, err = proc.returncode, proc.stderr.decode(errors="replace").strip()
    over = case.endswith(":over")
    ok = code == 2 if over else code == 0 and (peak < BOUND_MB or quick)
    tei = src.parent / "tei" / f"{src.stem}.xml"
    if case == "build-tei" and tei.exists():  # the TEI is written, then validated (in parts)
        print(f"    TEI written and validated: {tei.stat().st_size / 2**20:.1f} MB", flush=True)
    print(f"{case:14s} {src.stat().st_size / 2**20:7.2f} MB  exit {code}  {seconds:6.2f} s  "
          f"peak {peak:5.0f} MB   {'ok' if ok else 'FAIL'}", flush=True)
    if err and (over or not ok):
        lines = err.splitlines()
        said = next((line for line in lines if "error:" in line), lines[-1])
        print("    " + said[:160], flush=True)
    return ok


def cases(quick: bool) -> list[tuple[str, float]]:
    """(case, size): text and XML sizes in bytes, PDF sizes in characters of text."""
    if quick:
        # encoding streams: a text of two chunks, structure only
        return [("encode", 200_000), ("encode-structure", 3 * 2**20),
                ("encode-ocr", 3 * 2**20),
                ("validate", 1 * 2**20), ("html", 1 * 2**20),
                ("pdf", 100_000), ("build", 100_000), ("build-tei", 3 * 2**20),
                ("html-corpus", 1e6)]
    text, xml = limits.MAX_TEXT_BYTES, limits.MAX_XML_BYTES
    html, pdf = limits.MAX_HTML_BYTES, limits.MAX_PDF_CHARS
    return [
        # encoding streams: memory does not grow with the text (100 MB structure only; 10 MB,
        # five chunks, with entities); a text over the ceiling is refused from its size
        ("encode-structure", 100 * 2**20), ("encode", 10 * 2**20),
        # … and on OCR-like text, whose vocabulary grows with it (MAX_VOCABULARY_FORMS)
        ("encode-ocr", 100 * 2**20),
        ("build-tei", 100 * 2**20),  # a build's TEI phase streams as encode does
        ("encode:over", text * 1.05),
        # TEI up to the XML limit is validated whole; larger TEI in parts, at any size up to
        # the ceiling (4× the TEI should take 4× the time)
        ("validate", xml * 0.98), ("validate", 60 * 2**20), ("validate", 240 * 2**20),
        ("validate:over", limits.MAX_VALIDATE_BYTES * 1.05),
        ("html", html * 0.98), ("html:over", html * 1.1),
        ("pdf", pdf * 0.98), ("pdf:over", pdf * 1.1),
        # the whole pipeline on the longest text that still makes one PDF, and on a text
        # whose TEI is at the HTML limit, without the PDF
        ("build", min(text, pdf) * 0.9), ("build-tei-html", html / 1.7),
        # many texts in one command (issue 17): the ELTeC novels to 25.6 MB, and to 4.5 MB
        # (the 13 novels once) as PDFs
        ("html-corpus", 25.6e6), ("pdf-corpus", 4.5e6),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs (CI smoke run)")
    ap.add_argument("--only", help="comma-separated cases (encode, html:over, …)")
    ap.add_argument("--run", nargs=2, metavar=("CASE", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        return 0 if run(args.run[0], Path(args.run[1]), args.quick) else 1
    print(f"limits: text {limits.MAX_TEXT_BYTES / 2**20:g} MB, XML "
          f"{limits.MAX_XML_BYTES / 2**20:g} MB, HTML {limits.MAX_HTML_BYTES / 2**20:g} MB "
          f"of TEI a text, PDF {limits.MAX_PDF_CHARS:,} characters; bound {BOUND_MB} MB")
    only = set(args.only.split(",")) if args.only else None
    if not args.quick and (only is None or "vocabulary" in only):
        vocabulary_growth()
    failed = 0
    parts: list[tuple[float, float]] = []  # (MB, s) of validation in parts
    for case, size in cases(args.quick):
        if only and case not in only:
            continue
        if case.endswith("-corpus") and not list(CORPORA.glob("eltec-*/*.xml")):
            print(f"{case:14s} skipped: no corpus at {CORPORA}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            src = make_input(case, size, Path(tmp))
            proc = subprocess.run([sys.executable, __file__, "--run", case, str(src)]
                                  + (["--quick"] if args.quick else []),
                                  check=False, stdout=subprocess.PIPE, text=True)
            print(proc.stdout, end="", flush=True)
            failed += proc.returncode != 0
            m = re.match(r"validate\s+([\d.]+) MB\s+exit 0\s+([\d.]+) s", proc.stdout)
            if m and float(m.group(1)) * 2**20 > limits.MAX_XML_BYTES:
                parts.append((float(m.group(1)), float(m.group(2))))
    if len(parts) >= 2:  # validation in parts: time in proportion to the TEI
        (mb0, s0), (mb1, s1) = min(parts), max(parts)
        print(f"validate in parts: {mb1 / mb0:.1f}× the TEI in {s1 / s0:.2f}× the time "
              f"({mb0 / s0:.1f} and {mb1 / s1:.1f} MB/s; load {os.getloadavg()[0]:.1f})")
    print(f"{failed} case(s) over the bound or not refused" if failed else
          f"every command stayed under {BOUND_MB} MB; every input over a limit was refused")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
