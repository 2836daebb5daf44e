"""Benchmark of the print edition (issue 6). Prints its figures; not a test.

1. The sample's PDF in a fresh process, *including* the XSLT step and the stylesheet's
   compilation (target < 1 s); then warm (stylesheet compiled, fonts loaded), median of 5.
   The sample is tei/sample.xml with tei/register.xml when the repository has them, else the
   hand-written profile fixture tests/data/pdf/sample.xml and its register.
2. The largest ELTeC novel (../shared/corpora/eltec-swe/SWE2105353_FlygareCarlen.xml, 1 MB
   of TEI) in a fresh process: wall and CPU time, pages, and peak resident memory (targets:
   < 3.7 s, i.e. >= 10x faster than the 37 s of the XSL-FO route, and < 500 MB). With two
   cores it is typeset in parts (parts.PARTS_CHARS), two at a time.

Typst runs in a child process of its own, and so does the XSLT step of a long text
(publish/pdf.py): CPU seconds are those of the process and its children, and memory is
given three ways: the peak of the main process, the peak of the largest child (Typst), and
the peak of all of them together (sampled every 5 ms from outside).
Wall times depend on what else the machine runs: CPU seconds are printed beside them.

3. Books longer than one Typst run holds (typeset in parts, publish/parts.py): a 1.5 MB TEI
   novel (~350 pages; targets <= 3 s wall on 2 cores, every process < 500 MB) and a 5 MB
   TEI text (1,000+ pages; < 500 MB, time linear in size), each made by joining the
   chapters of the ELTeC-swe novels one after another (ids made unique), and for the first
   size where its CPU goes, stage by stage. Not with --quick (a book in parts takes 8 s of
   CPU; tests/test_pdf_parts.py runs the route on a small one).

Usage: python benchmarks/pdf.py [--novel PATH] [--books 1.5,5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOVEL = REPO.parent / "shared" / "corpora" / "eltec-swe" / "SWE2105353_FlygareCarlen.xml"


def sample_inputs() -> tuple[Path, Path | None]:
    tei, reg = REPO / "tei" / "sample.xml", REPO / "tei" / "register.xml"
    if tei.is_file():
        return tei, reg if reg.is_file() else None
    return REPO / "tests" / "data" / "pdf" / "sample.xml", \
        REPO / "tests" / "data" / "pdf" / "register.xml"


CHILD = r"""
import json, resource, sys, tempfile, time
from pathlib import Path

def cpu():
    r, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


tei, reg, warm = sys.argv[1], sys.argv[2] or None, int(sys.argv[3])
before = sys.argv[4] if len(sys.argv) > 4 else ""
out = Path(tempfile.mkdtemp())
if before:  # a worker that has typeset another text already (stylesheet, fonts loaded)
    from teiedition.publish import pdf
    pdf.build_pdf([before], out / "before")
t0, c0 = time.perf_counter(), cpu()
from teiedition.publish import pdf, timeline
from teiedition.xml import parse_file
timeline.mark("imported teiedition.publish.pdf")
first = pdf.build_pdf([tei], out, register=reg)[0]
total, total_cpu = time.perf_counter() - t0, cpu() - c0
# the same again, stage by stage (stylesheet compiled, fonts loaded)
reg_xml = pdf._serialize_register(reg)
runs = []
for _ in range(warm):
    t, c = time.perf_counter(), cpu()
    tree = parse_file(tei)
    when = pdf.build_timestamp(tree)
    src = pdf.typst_source(tree, register_xml=reg_xml, build_date=when)
    t1, c1 = time.perf_counter(), cpu()
    data, _ = pdf.compile_source(src, timestamp=when)
    runs.append((time.perf_counter() - t, cpu() - c, t1 - t, c1 - c))
    (out / "again.pdf").write_bytes(data)
import subprocess
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
pages = subprocess.run(["pdfinfo", str(first)], capture_output=True, text=True).stdout
pages = int(next(l.split()[-1] for l in pages.splitlines() if l.startswith("Pages:")))
print(json.dumps({"cold": total, "cold_cpu": total_cpu, "runs": runs, "pages": pages,
                  "rss_mb": rss, "child_rss_mb": child_rss,
                  "bytes": first.stat().st_size}))
"""


def child(tei: Path, reg: Path | None, warm: int, before: Path | None = None,
          timeline: Path | None = None) -> dict:
    """Run CHILD in a fresh process; add the peak of its and its children's RSS summed,
    sampled from here every 5 ms (so the sampling costs the measured process nothing).
    ``timeline``: the file its processes write their events into (publish/timeline.py);
    the result's "origin" is the time the process was started."""
    import os

    env = {**os.environ, "TEIEDITION_TIMELINE": str(timeline)} if timeline else None
    origin = time.time()
    # the installed teiedition (src/ alone lacks the stylesheets, which ship from xslt/)
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(tei), str(reg or ""), str(warm),
                             str(before or "")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tempfile.gettempdir(), env=env)
    peak = 0
    try:
        import psutil

        me = psutil.Process(proc.pid)
        while proc.poll() is None:
            total = 0
            try:
                for q in [me, *me.children(recursive=True)]:
                    total += q.memory_info().rss
            except psutil.Error:
                pass
            peak = max(peak, total)
            time.sleep(0.005)
    except ImportError:
        pass
    stdout, stderr = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"the benchmark's child process failed:\n{stderr}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["sum_mb"] = peak / 2**20
    result["origin"] = origin
    return result


def make_book(size_mb: float, path: Path, corpus: Path = NOVEL.parent) -> Path:
    """A TEI novel of about ``size_mb`` MB: the ELTeC-swe novels' chapters in turn."""
    import copy

    from lxml import etree

    ns = "{http://www.tei-c.org/ns/1.0}"
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    novels = [etree.parse(str(p)) for p in sorted(corpus.glob("*.xml"))]
    chapters = [d for n in novels for d in n.getroot().find(f"{ns}text/{ns}body")
                if isinstance(d.tag, str)]
    book = copy.deepcopy(novels[0].getroot())
    body = book.find(f"{ns}text/{ns}body")
    for child in list(body):
        body.remove(child)
    k = 0
    while k % 20 or len(etree.tostring(book, encoding="UTF-8")) < size_mb * 1e6:
        div = copy.deepcopy(chapters[k % len(chapters)])
        for e in div.iter():
            if e.get(xml_id):
                e.set(xml_id, f"{e.get(xml_id)}-{k}")
            if (e.get("target") or "").startswith("#"):
                e.set("target", f"{e.get('target')}-{k}")
        body.append(div)
        k += 1
    path.write_bytes(etree.tostring(book, xml_declaration=True, encoding="UTF-8"))
    return path


def show_timeline(size: float, corpus: Path) -> None:
    """A book of ``size`` MB typeset once in a fresh process, its processes' events printed
    in time order (``--timeline``): where a core waits."""
    from teiedition.publish import timeline

    with tempfile.TemporaryDirectory() as tmp:
        tei = make_book(size, Path(tmp) / f"book-{size:g}mb.xml", corpus)
        log = Path(tmp) / "timeline.txt"
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        r = child(tei, None, warm=0, timeline=log)
        print(f"timeline of the {tei.stat().st_size / 1e6:.2f} MB book ({r['pages']} pages, "
              f"{r['cold']:.2f} s wall from the imports on, {r['cold_cpu']:.2f} CPU-s; load "
              f"average {load}); seconds from the start of the process:")
        for line in timeline.table(timeline.read(log), r["origin"]):
            print("  " + line)


def books(sizes: list[float], corpus: Path) -> None:
    """Section 3: long books in parts."""
    import os

    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"books in parts (load average {' '.join(load)}, {len(os.sched_getaffinity(0))} "
          f"cores for this process):")
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            tei = make_book(mb, Path(tmp) / f"book-{mb:g}mb.xml", corpus)
            r = child(tei, None, warm=0)
            real = tei.stat().st_size / 1e6
            rates.append(r["cold"] / real)
            if mb == sizes[0]:
                profile(tei)
            print(f"  {real:.2f} MB TEI, {r['pages']} pages: {r['cold']:.2f} s wall, "
                  f"{r['cold_cpu']:.2f} s CPU ({r['cold'] / real:.2f} s per MB); largest "
                  f"process {max(r['rss_mb'], r['child_rss_mb']):.0f} MB (main "
                  f"{r['rss_mb']:.0f}, largest child {r['child_rss_mb']:.0f}); all together "
                  f"{r['sum_mb']:.0f} MB; PDF {r['bytes'] / 1e6:.1f} MB")
    print("  targets: 1.5 MB <= 3 s wall on 2 cores (FOP route 32 s), every process < 500 MB;"
          " time linear in size (s per MB about constant)")


PROFILE = r"""
import json, resource, sys, time
from pathlib import Path

def cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime

rows = []
def step(name, f):
    t, c = time.perf_counter(), cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN)
    out = f()
    rows.append((name, time.perf_counter() - t,
                 cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN) - c))
    return out

from teiedition.publish import parts, pdf
from teiedition.xml import parse_file
tree = step("parse the TEI", lambda: parse_file(sys.argv[1]))
when = pdf.build_timestamp(tree)
source = step("XSLT to Typst source (child: Saxon, stylesheet, transform)",
              lambda: pdf._typst_source_apart(tree, register_xml="", paper="a4",
                                              source_name="book.xml", build_date=when))

def typeset(code, final, place):
    name = ("front, layout only" if not final else "front or back") if place is None \
        else "a part: layout, page numbers, PDF"
    def run():
        data, warns, answer = pdf.run_typst(
            code, timestamp=when, pdf=final, query="<te-part>",
            place=None if place is None else lambda a: place(parts.summary(a)),
            known=None if place is None else place.known)
        return data, warns, parts.summary(answer) if answer else {}
    return step(name, run)

add, finish = parts.Binder.add, parts.Binder.finish
parts.Binder.add = lambda self, *a: step("bind a part's PDF (pikepdf; beside the next parts)",
                                         lambda: add(self, *a))
parts.Binder.finish = lambda self, *a: step("bind the front, links, structure tree, write",
                                            lambda: finish(self, *a))
step("all of the typesetting (the rows from the front on)",
     lambda: parts.typeset_book(source, typeset, workers=1))
print(json.dumps(rows))
"""


def profile(tei: Path) -> None:
    """Where the CPU of a book in parts goes: its stages one at a time (one worker, so
    each child's CPU is its own), in a fresh process."""
    done = subprocess.run([sys.executable, "-c", PROFILE, str(tei)], capture_output=True,
                          text=True, cwd=tempfile.gettempdir())
    if done.returncode:
        raise SystemExit(f"the profile failed:\n{done.stderr}")
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    sums: dict[str, list[float]] = {}
    for name, wall, cpu in rows:
        got = sums.setdefault(name, [0, 0.0, 0.0])
        got[0] += 1
        got[1] += wall
        got[2] += cpu
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(f"  where the CPU goes ({tei.stat().st_size / 1e6:.2f} MB, stages one at a time, "
          f"load average {load}):")
    print("  | stage | runs | CPU-s | wall s |")
    for name, (n, wall, cpu) in sums.items():
        print(f"  | {name} | {n} | {cpu:.2f} | {wall:.2f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--novel", type=Path, default=NOVEL)
    ap.add_argument("--quick", action="store_true",
                    help="the smallest novel instead of the largest (CI smoke run)")
    ap.add_argument("--books", default="1.5,5",
                    help="sizes in MB of TEI of the long books typeset in parts")
    ap.add_argument("--timeline", action="store_true",
                    help="only the timeline of the first book size: each process's events")
    args = ap.parse_args()
    if args.timeline:
        show_timeline(float(args.books.split(",")[0]), args.novel.parent)
        return
    if args.quick:
        args.novel = NOVEL.parent / "SWE1619135_Wagner.xml"

    tei, reg = sample_inputs()
    r = child(tei, reg, warm=5)
    warm = sorted(x[0] for x in r["runs"])[len(r["runs"]) // 2]
    xslt = sorted(x[2] for x in r["runs"])[len(r["runs"]) // 2]
    print(f"sample ({tei.relative_to(REPO)}, {r['pages']} pages):")
    print(f"  fresh process, incl. imports, stylesheet compilation, XSLT, Typst: "
          f"{r['cold']:.2f} s wall, {r['cold_cpu']:.2f} s CPU   (target < 1 s)")
    print(f"  warm, median of 5: {warm:.3f} s (XSLT {xslt:.3f} s)")

    if not args.novel.is_file():
        print(f"novel: {args.novel} not found, skipped")
        return
    if not args.quick:
        books([float(s) for s in args.books.split(",")], args.novel.parent)
    r = child(args.novel, None, warm=0)  # one build in a fresh process: time and memory
    other = args.novel.parent / "SWE262937_Strindberg.xml"
    w = child(args.novel, None, warm=0, before=other if other.is_file() else None)
    size = args.novel.stat().st_size / 1e6
    print(f"novel ({args.novel.name}, {size:.1f} MB TEI, {r['pages']} pages, "
          f"PDF {r['bytes'] / 1e6:.1f} MB):")
    print(f"  fresh process, everything: {r['cold']:.2f} s wall, {r['cold_cpu']:.2f} s CPU")
    print(f"  in a worker that typeset another novel before: {w['cold']:.2f} s wall, "
          f"{w['cold_cpu']:.2f} s CPU   (target < 3.7 s; XSL-FO route: ~37 s)")
    print(f"  speed-up over 37 s: {37 / r['cold']:.1f}x (fresh, wall), "
          f"{37 / r['cold_cpu']:.1f}x (fresh, CPU)")
    print(f"  peak RSS: {max(r['rss_mb'], r['child_rss_mb']):.0f} MB, the largest process "
          f"(main {r['rss_mb']:.0f} MB, largest child {r['child_rss_mb']:.0f} MB: Typst); "
          f"all together {r['sum_mb']:.0f} MB   (target < 500 MB; XSL-FO route: ~2.2 GB)")


if __name__ == "__main__":
    main()
