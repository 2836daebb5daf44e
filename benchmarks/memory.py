#!/usr/bin/env python3
"""Peak memory of each command on one input at its documented size limit (issue 8), and of
encoding 100 MB of text (issue 13: encoding streams).

Target: every command stays under 500 MB on any single input up to the documented limit,
and an input just over a limit is refused at once (exit 2, little memory). Each command
runs as its own process, as a user runs it; its peak is the largest resident set of that
process or of any process it started (the kernel's ru_maxrss of the waited-for children).

    python benchmarks/memory.py            # inputs at the limits (takes a few minutes)
    python benchmarks/memory.py --quick    # small inputs (CI smoke run)
"""

from __future__ import annotations

import argparse
import resource
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
from tests.textgen import ELTEC_NOVEL, big_tei, eltec_paragraphs, make_text  # noqa: E402

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


def tei_of_chars(chars: int) -> bytes:
    """A valid TEI document whose text holds about ``chars`` characters."""
    from lxml import etree

    probe = big_tei(1.0)
    per_mb = len("".join(etree.fromstring(probe).find(
        "{http://www.tei-c.org/ns/1.0}text").itertext())) / (len(probe) / 2**20)
    return big_tei(chars / per_mb)


def make_input(case: str, size: float, folder: Path) -> Path:
    """The input of one case, written into ``folder``."""
    if case.startswith("encode") and case.endswith(":over"):
        src = folder / "big.txt"  # refused from its size: a sparse file, nothing to read
        with src.open("wb") as fh:
            fh.truncate(int(size))
    elif case.startswith(("encode", "build")):
        src = folder / "big.txt"
        src.write_bytes(pdf_like_text(int(size)))
    elif case.startswith("pdf"):
        src = folder / "big.xml"
        src.write_bytes(tei_of_chars(int(size)))
    else:
        src = folder / "big.xml"
        src.write_bytes(big_tei(size / 2**20))
    return src


def command(case: str, src: Path) -> list[str]:
    out = src.parent
    return {
        "encode": [*CLI, "encode", str(src), "-o", str(out / "out.xml"), "-q"],
        "encode-structure": [*CLI, "encode", str(src), "-o", str(out / "out.xml"), "-q",
                             "--no-entities"],
        "validate": [*CLI, "validate", str(src)],
        "html": [*CLI, "html", str(src), "-o", str(out / "html")],
        "pdf": [*CLI, "pdf", str(src), "-o", str(out / "pdf")],
        "build": [*CLI, "build", str(src), "-j", "1", "-q"],
        # a text too long for one PDF: the other formats
        "build-tei-html": [*CLI, "build", str(src), "-j", "1", "-q", "--formats", "tei,html"],
    }[case.split(":")[0]]


def run(case: str, src: Path, quick: bool) -> bool:
    """Run one command from this small process and print its line; True if it met the bound.

    The peak is ``ru_maxrss`` of RUSAGE_CHILDREN: the largest resident set of any
    waited-for descendant (workers included). It never goes down within a process, and a
    child forked from a big process starts with that process's pages, so every case runs
    from its own small process, not from the one that made the (large) input.
    """
    t = time.perf_counter()
    proc = subprocess.run(command(case, src), cwd=src.parent, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    code, err = proc.returncode, proc.stderr.decode(errors="replace").strip()
    over = case.endswith(":over")
    ok = code == 2 if over else code == 0 and (peak < BOUND_MB or quick)
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
        # a text of three chunks (streamed) with and without entities
        return [("encode", 200_000), ("encode-structure", 5 * 2**20),
                ("validate", 1 * 2**20), ("html", 1 * 2**20),
                ("pdf", 100_000), ("build", 100_000)]
    text, xml = limits.MAX_TEXT_BYTES, limits.MAX_XML_BYTES
    html, pdf = limits.MAX_HTML_BYTES, limits.MAX_PDF_CHARS
    return [
        # encoding streams: memory does not grow with the text (100 MB structure only; 10 MB,
        # five chunks, with entities); a text over the ceiling is refused from its size
        ("encode-structure", 100 * 2**20), ("encode", 10 * 2**20),
        ("encode:over", text * 1.05),
        ("validate", xml * 0.98), ("validate:over", xml * 1.05),
        ("html", html * 0.98), ("html:over", html * 1.1),
        ("pdf", pdf * 0.98), ("pdf:over", pdf * 1.1),
        # the whole pipeline on the longest text that still makes one PDF, and on a text
        # whose TEI is at the HTML limit, without the PDF
        ("build", min(text, pdf) * 0.9), ("build-tei-html", html / 1.7),
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
    failed = 0
    for case, size in cases(args.quick):
        if only and case not in only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            src = make_input(case, size, Path(tmp))
            failed += subprocess.run([sys.executable, __file__, "--run", case, str(src)]
                                     + (["--quick"] if args.quick else []),
                                     check=False).returncode != 0
    print(f"{failed} case(s) over the bound or not refused" if failed else
          f"every command stayed under {BOUND_MB} MB; every input over a limit was refused")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
