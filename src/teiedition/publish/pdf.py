"""TEI -> Typst source (XSLT 3.0, xslt/print/edition.xsl) -> PDF (the ``typst`` package).

Why this route: Typst installs from PyPI, needs nothing at run time, embeds its own fonts,
hyphenates Swedish, writes PDF/A and tagged PDF, and typesets a 250-page novel in about a
second. The stylesheet writes all text from the TEI as Typst *string literals*, so text is
never parsed as markup (see the header of edition.xsl); Typst compiles in an empty temporary
root, so even code could not read a file of ours. Output files are written atomically.

Typst runs in a child process of its own (a fresh interpreter that imports only ``typst``):
the memory of the layout (about 400 MB for a 277-page novel) is returned when the child
ends, never adds to Saxon's in the same process, and does not pile up in a ``build``
worker that typesets one text after another.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as _dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version as _dist_version
from pathlib import Path

from lxml import etree

from .. import TEI_NS, __version__
from ..errors import InputError, InvalidDocument, TeieditionError
from ..limits import MAX_PDF_CHARS
from ..resources import xslt_path
from ..xml import parse_file, require_tei, serialize
from . import admission, fonts, parts, timeline, xslt
from .xslt import check_limits

PAPERS = ("a4", "a5", "letter")

#: Largest reading text typeset, in characters (``teiedition.limits``). Typst holds a
#: document's whole layout in memory, about 420 MB per million characters, so a text over
#: parts.SINGLE_RUN_CHARS is typeset in parts (publish/parts.py) and joined into one PDF.
MAX_TEXT_CHARS = MAX_PDF_CHARS
STYLESHEET = "print/edition.xsl"
TEMPLATE = ("print", "edition.typ")

_T = f"{{{TEI_NS}}}"
_TE = "urn:teiedition"

# The child process that typesets: JSON on stdin, the PDF into a file, JSON on stdout.
# No system fonts: the same fonts (Typst's bundled Libertinus Serif, New Computer Modern,
# DejaVu Sans Mono) on every machine, so the PDF is the same everywhere; an empty package
# folder, so no `#import "@preview/…"` can reach anything.
# With "place" (a part of a book, publish/parts.py): the layout first, its `query` answer on
# stdout; then a line on stdin with the part's first page number, written to the file that
# edition.typ's te-page() reads; then the PDF. The second compile reuses the layout of the
# first in this process (Typst memoises it) and sets only the page numbers.
_CHILD = r"""
import json, os, sys, time
def mark(what, who=None):  # timeline.mark without importing it
    if os.environ.get("TEIEDITION_TIMELINE"):
        with open(os.environ["TEIEDITION_TIMELINE"], "a", encoding="utf-8") as f:
            f.write(f"{time.time():.4f}\t{os.getpid()}\t{who or job['who']}\t{what}\n")
job = json.loads(sys.stdin.readline())
mark("Typst child: job read")
sys.path[:0] = job["path"]
import typst
pdf, warns, summary = b"", [], None
try:
    compiler = typst.Compiler(input=job["input"], root=job["root"], ignore_system_fonts=True,
                              font_paths=job["fonts"], package_path=job["packages"],
                              package_cache_path=job["packages"])
    mark("typst imported, compiler made")
    if job["place"]:
        print(json.dumps({"layout": compiler.query(job["query"], field="value", one=True)}),
              flush=True)
        mark("laid out; waits for its first page number")
        first = json.loads(sys.stdin.readline() or "null")
        mark(f"first page {first}")
        if not isinstance(first, int):
            sys.exit(0)
        with open(job["place"], "w") as f:
            f.write(str(first))
    if job["pdf"]:
        pdf, warns = compiler.compile_with_warnings(
            format="pdf", pdf_standards=job["standards"], timestamp=job["timestamp"],
            pdf_tags=True)
        mark("PDF made")
    if job["query"]:  # after a compile, the query reads the same layout
        summary = compiler.query(job["query"], field="value", one=True)
        mark("queried")
except typst.TypstError as err:
    print(json.dumps({"error": str(getattr(err, "message", err))}))
    sys.exit(0)
if job["pdf"] and not isinstance(pdf, bytes):
    print(json.dumps({"error": "typesetting produced no PDF"}))
    sys.exit(0)
with open(job["output"], "wb") as f:
    f.write(pdf or b"")
print(json.dumps({"warnings": [str(getattr(w, "message", w)) for w in warns],
                  "summary": summary}))
"""

# Poppler (pdfinfo, pdftotext …, up to 23.x at least) reports "Syntax Error: Suspects object
# is wrong type (boolean)" for a /Suspects false in the catalog's MarkInfo, the value Typst
# writes; false is also the default, so the entry goes (spaces of the same length keep every
# byte offset of the cross-reference table right).
_SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"
_NO_SUSPECTS = b"/MarkInfo<</Marked true" + b" " * len(b"/Suspects false") + b">>"


@dataclass
class Rendered:
    """One TEI document typeset: the PDF bytes, the Typst source and Typst's warnings."""

    pdf: bytes
    source: str
    warnings: list[str] = field(default_factory=list)


@cache
def _template() -> str:
    return xslt_path(*TEMPLATE).read_text(encoding="utf-8")


@cache
def typst_version() -> str:
    """Version of the typst binding (its engine version is in the PDF's Creator field)."""
    try:
        return _dist_version("typst")
    except Exception:  # pragma: no cover - typst is a dependency
        return "?"


def _serialize_register(register: str | Path | None) -> str:
    if register is None:
        return ""
    tree = parse_file(register)
    root = tree.getroot()
    if root.tag != f"{_T}TEI":
        raise InvalidDocument("the register is not a TEI P5 document "
                              f"(root element {etree.QName(root).localname})", path=str(register))
    # the root element only: no DOCTYPE can reach Saxon's parse-xml()
    return etree.tostring(root, encoding="unicode")


def _check_tei(tree: etree._ElementTree, path: str | None) -> None:
    """A TEI P5 document that Saxon can read, or a one-line error."""
    check_limits(require_tei(tree, path), path)


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _parse_date(value: str | None) -> _dt.datetime | None:
    m = _DATE.match((value or "").strip())
    if not m:
        return None
    try:
        return _dt.datetime(int(m[1]), int(m[2] or 1), int(m[3] or 1), tzinfo=_dt.UTC)
    except ValueError:
        return None


def build_timestamp(tree: etree._ElementTree) -> _dt.datetime:
    """The PDF's creation date, fixed for reproducible output.

    SOURCE_DATE_EPOCH if set (the reproducible-builds convention); else the newest date of
    the TEI's revisionDesc or publicationStmt (the date this version of the text was made);
    else 1970-01-01.
    """
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return _dt.datetime.fromtimestamp(int(env), _dt.UTC)
    header = tree.getroot().find(f"{_T}teiHeader")
    dates: list[_dt.datetime] = []
    if header is not None:
        for el in header.iterfind(f".//{_T}revisionDesc//{_T}change"):
            dates.append(_parse_date(el.get("when")))  # type: ignore[arg-type]
        for el in header.iterfind(f"{_T}fileDesc/{_T}publicationStmt/{_T}date"):
            dates.append(_parse_date(el.get("when") or el.text))  # type: ignore[arg-type]
    good = [d for d in dates if d is not None and d.year >= 1970]
    return max(good) if good else NO_DATE


#: the creation date of a PDF whose TEI gives no date (not shown in the colophon)
NO_DATE = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


def _parameters(register_xml: str, paper: str, source_name: str,
                when: _dt.datetime) -> dict[str, str]:
    """The print stylesheet's parameters (``when``: the build's date, ``build_timestamp``)."""
    if paper not in PAPERS:
        raise InputError(f"unknown paper size {paper!r} (choose one of {', '.join(PAPERS)})")
    return {"paper": paper, "register-xml": register_xml, "version": __version__,
            "typst-version": typst_version(),
            "build-date": "" if when == NO_DATE else when.date().isoformat(),
            "source-name": source_name}


def page_design() -> str:
    """The first part of every Typst source (edition.typ), with the fonts found."""
    return fonts.with_fonts(_template(), fonts.font_paths())


def typst_source(tree: etree._ElementTree, *, register_xml: str = "", paper: str = "a4",
                 source_name: str = "", build_date: _dt.datetime | None = None) -> str:
    """The complete Typst source for one TEI tree: the page design, then the text."""
    return page_design() + xslt.transform(STYLESHEET, tree, _parameters(
        register_xml, paper, source_name, build_date or build_timestamp(tree)))


def compile_source(source: str, *, pdfa: bool = False,
                   timestamp: _dt.datetime | None = None,
                   images: dict[str, bytes] | None = None) -> tuple[bytes, list[str]]:
    """Typeset Typst source in an empty temporary root, in a child process (see the module
    docstring); return PDF bytes and warnings."""
    pdf, warns, _ = run_typst(source, pdfa=pdfa, timestamp=timestamp, images=images)
    return pdf, warns


#: Images a figure may show: found beside the TEI, inside its folder, of these kinds (checked
#: by their first bytes too), at most this size.
IMAGE_KINDS = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",),
               ".jpeg": (b"\xff\xd8\xff",), ".gif": (b"GIF87a", b"GIF89a")}
MAX_IMAGE_BYTES = 20 * 1024 * 1024


def images(tree: etree._ElementTree, folder: Path) -> dict[str, bytes]:
    """The images of the text's figures that are files inside ``folder`` (the TEI's own),
    given their ``te:image`` names (see ``image_files`` and ``attach``)."""
    return attach(tree, image_files(
        [g.get("url", "") for g in tree.getroot().iterfind(_GRAPHICS)], folder))


_GRAPHICS = f".//{_T}text//{_T}graphic[@url]"


def figure_urls(data: bytes) -> list[str]:
    """The @url of each graphic inside a text of the TEI ``data``, read as a stream (the
    client of a build reads the images a PDF job carries; a document that does not parse
    names none: its job reports why)."""
    from ..p4 import entity_files, figure_image
    from ..xml import pull_events

    urls: list[str] = []
    inside = 0
    p4: dict[str, str] | None = None  # TEI P4: its figures' files (see p4.to_p5)
    pieces = (data[k:k + (1 << 16)] for k in range(0, len(data), 1 << 16))
    try:
        for event, el in pull_events(pieces):
            if el.tag in (f"{_T}text", "text"):
                inside += 1 if event == "start" else -1
            elif event == "start" and inside and el.tag == f"{_T}graphic" and el.get("url"):
                urls.append(el.get("url"))
            elif event == "start" and el.tag == "TEI.2" and el.getparent() is None:
                p4 = entity_files(el.getroottree().docinfo)
            elif event == "start" and inside and p4 is not None and el.tag == "figure" \
                    and el.get("entity"):
                urls.append(figure_image(el, p4) or "")
            elif event == "end" and el.getparent() is not None:
                el.clear()  # read at its start: a long text is not held
    except etree.XMLSyntaxError:
        return []
    return urls


def image_paths(urls: Iterable[str], folder: Path) -> dict[str, Path]:
    """url -> path of each url that may be an image of the text: a file inside ``folder`` of
    a kind IMAGE_KINDS names, at most MAX_IMAGE_BYTES. A URL with a scheme, an absolute path,
    a path that leaves the folder (also by a link): none (the figure keeps its mark)."""
    base = folder.resolve()
    found: dict[str, Path] = {}
    for url in urls:
        if url in found or re.match(r"^[a-zA-Z][\w+.-]*:|^[/\\]", url):
            continue
        try:
            path = (base / url).resolve()
            if (path.suffix.lower() in IMAGE_KINDS and path.is_relative_to(base)
                    and path.is_file() and path.stat().st_size <= MAX_IMAGE_BYTES):
                found[url] = path
        except (OSError, ValueError):
            continue
    return found


def image_files(urls: Iterable[str], folder: Path) -> dict[str, bytes]:
    """url -> bytes of each of ``image_paths`` that starts as its kind says (another file is
    not shown: the figure keeps its mark)."""
    found: dict[str, bytes] = {}
    for url, path in image_paths(urls, folder).items():
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if data.startswith(IMAGE_KINDS[path.suffix.lower()]) and len(data) <= MAX_IMAGE_BYTES:
            found[url] = data
    return found


def attach(tree: etree._ElementTree, files: dict[str, bytes]) -> dict[str, bytes]:
    """Give each graphic whose url ``files`` holds ``te:image``, the name of its copy in
    Typst's root; return the copies by name."""
    found: dict[str, bytes] = {}
    for g in tree.getroot().iterfind(_GRAPHICS):
        data = files.get(g.get("url", ""))
        if data is not None:
            name = f"image-{len(found) + 1}{Path(g.get('url', '')).suffix.lower()}"
            found[name] = data
            g.set(f"{{{_TE}}}image", name)
    return found


def run_typst(source: str, *, pdfa: bool = False, timestamp: _dt.datetime | None = None,
              pdf: bool = True, query: str | None = None,
              images: dict[str, bytes] | None = None,
              place: Callable[[str], int] | None = None,
              known: Future[int] | None = None,
              ) -> tuple[bytes, list[str], str | None]:
    """Run Typst on ``source`` in a child process: the PDF (unless ``pdf`` is false: a layout
    only), its warnings, and the answer to ``query`` (a selector, JSON of the value).
    ``images``: files put beside the source in Typst's root (names from ``images()``).
    ``place`` (a part of a book, with ``query``): called with the query's answer on the
    layout, returns the part's first page number (written to parts.PAGE_FILE); the child then
    makes the PDF from the same layout (see _CHILD); ``known``: that number as soon as it is
    known, given to the child while it lays the part out (``_PageWrites``)."""
    when = timestamp or NO_DATE
    with tempfile.TemporaryDirectory(prefix="teiedition-typst-") as tmp, \
            contextlib.closing(_PageWrites()) as writes:
        root = Path(tmp) / "root"
        packages = Path(tmp) / "packages"
        root.mkdir()
        packages.mkdir()
        main = root / "main.typ"
        main.write_text(source, encoding="utf-8")
        for name, data in (images or {}).items():
            (root / Path(name).name).write_bytes(data)
        if place is not None:
            (root / parts.PAGE_FILE).write_text("1", encoding="utf-8")
            if known is not None:
                known.add_done_callback(lambda f: writes.write(root / parts.PAGE_FILE, f))
        output = Path(tmp) / "out.pdf"
        job = {"path": [p for p in sys.path if p], "input": str(main), "root": str(root),
               "packages": str(packages),
               "output": str(output), "standards": ["a-2b"] if pdfa else [],
               "timestamp": int(when.timestamp()), "pdf": pdf, "query": query,
               "place": str(root / parts.PAGE_FILE) if place is not None else None,
               "fonts": [d for d, _ in fonts.font_paths()], "who": timeline.who()}
        # the child imports only typst, from where this process found it: without the site
        # module (-S: the .pth files of the environment, an editable install's finder), a
        # third of a Python start (20 ms CPU a child, 11 children for a book of 433 pages)
        timeline.mark("start a Typst child" + (" (layout only)" if not pdf else ""))
        with subprocess.Popen([sys.executable, "-S", "-c", _CHILD], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=tmp) as child:
            try:
                assert child.stdin is not None and child.stdout is not None
                child.stdin.write(json.dumps(job) + "\n")
                child.stdin.flush()
                layout: dict = {}
                if place is not None:  # a dead child leaves "": communicate() says why
                    line = child.stdout.readline()
                    layout = json.loads(line) if line.startswith("{") else {}
                    if "layout" in layout:
                        first = int(place(layout["layout"]))
                        try:
                            child.stdin.write(f"{first}\n")
                            child.stdin.flush()
                        except BrokenPipeError:  # it died: communicate() says why
                            pass
                out, err = child.communicate()
            except BaseException:
                child.kill()
                raise
            if "error" in layout:
                out = json.dumps(layout)
        timeline.mark("Typst child ended")
        done = subprocess.CompletedProcess(child.args, child.returncode, out, err)
        answer = _child_answer(done, "the typesetter")
        if "error" in answer:
            raise TeieditionError(f"typesetting failed: {' '.join(answer['error'].split())}")
        data = output.read_bytes()
    if data.count(_SUSPECTS) == 1:
        data = data.replace(_SUSPECTS, _NO_SUSPECTS)
    return (data, [" ".join(w.split()) for w in answer.get("warnings", [])],
            answer.get("summary"))


class _PageWrites:
    """A part's first page number written into its Typst root as soon as it is known
    (``write``, from another thread), while the child may lay the part out: the page file is
    read only where a number is printed, in the second layout pass (edition.typ's running
    heads), so a number there in time is the layout's, and the PDF is made from it without
    setting the numbers again. Replaced whole (a reader sees one number or the other); none
    once the root goes (``close``)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = True

    def write(self, path: Path, known: Future[int]) -> None:
        with self.lock:
            if not self.open or known.cancelled() or known.exception() is not None:
                return
            new = path.with_name(path.name + ".new")
            try:
                new.write_text(str(known.result()), encoding="utf-8")
                os.replace(new, path)
            except OSError:
                pass

    def close(self) -> None:
        with self.lock:
            self.open = False


def _child_answer(done: subprocess.CompletedProcess, who: str) -> dict:
    """A child's JSON answer, or a one-line error when it died."""
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        try:
            answer = json.loads(lines[-1])
            if isinstance(answer, dict):
                return answer
        except ValueError:
            pass
    why = (f"killed by signal {-done.returncode} (out of memory?)" if done.returncode < 0
           else f"exit code {done.returncode}")
    last = (done.stderr.strip().splitlines() or [""])[-1][:300]
    raise TeieditionError(f"typesetting failed: {who} stopped ({why})"
                          + (f": {last}" if last else ""))


def check_size(tree: etree._ElementTree, path: str | None = None) -> int:
    """Refuse a text longer than MAX_TEXT_CHARS (a ceiling far above books); return its
    length in characters."""
    text = tree.getroot().find(f"{_T}text")
    n = 0
    if text is not None:
        for chunk in text.itertext():
            n += len(chunk)
            if n > MAX_TEXT_CHARS:
                raise InputError(f"the text is too long to typeset (more than "
                                 f"{MAX_TEXT_CHARS:,} characters, some 3,000 pages); split "
                                 "it into volumes", path=path)
    return n


#: From this length on (characters of text), a process that has not loaded Saxon yet runs
#: the XSLT step in a child process too: Saxon's memory (about 200 MB after a 1 MB novel)
#: is then returned before Typst's child starts, instead of being held beside it.
SEPARATE_XSLT_CHARS = 200_000

# The child that runs the print stylesheet: it compiles the stylesheet (argv: sys.path, the
# stylesheet) before its job comes (a line of JSON on stdin), so that it may be started
# while this process still reads the TEI (``xslt_started_early``); then the text after the
# page design (the second part of typst_source) into the file job["out"] as it is made
# (Saxon writes each statement when it is made), JSON on stdout; no job (stdin closed): it
# ends. It imports only the XSLT step (Saxon, lxml): the first part of a long book is
# typeset as soon as the child writes it, and every module more is time before that
# (teiedition.publish.pdf and what it imports: 0.32 s, where these take 0.05).
_XSLT_CHILD = r"""
import json, sys
sys.path[:0] = json.loads(sys.argv[1])
from pathlib import Path
from teiedition.errors import TeieditionError
from teiedition.publish import timeline, xslt
from teiedition.xml import parse_bytes
mark = timeline.mark
try:
    with timeline.acting("xslt"):
        mark("XSLT child: imported")
        xslt.stylesheet(sys.argv[2])
        mark("stylesheet compiled")
        line = sys.stdin.readline()
        if not line:
            sys.exit(0)
        job = json.loads(line)
        tree = parse_bytes(Path(job["tei"]).read_bytes())
        mark("TEI parsed")
        params = {**job["params"], "register-xml": Path(job["register"]).read_text("utf-8")}
        xslt.transform_to_file(sys.argv[2], tree, params, job["out"])  # compiled above
        mark("transformed")
except TeieditionError as err:
    print(json.dumps({"error": err.message}))
    sys.exit(0)
print(json.dumps({}))
"""


class _XsltChild:
    """The XSLT child (_XSLT_CHILD) in a temporary folder of its own, compiling the
    stylesheet until its job comes (``run``); ``close`` ends it and removes the folder."""

    def __init__(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="teiedition-xslt-")
        timeline.mark("start the XSLT child")
        with open(Path(self.tmp) / "err.txt", "w", encoding="utf-8") as err:  # Saxon's
            self.child = subprocess.Popen(
                [sys.executable, "-c", _XSLT_CHILD, json.dumps([p for p in sys.path if p]),
                 STYLESHEET], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                text=True, cwd=self.tmp)

    def run(self, data: bytes, params: dict[str, str], register_xml: str) -> Path:
        """Give the child its job, the TEI ``data``; the file it writes the text into
        (there, empty, before it starts)."""
        files = {k: Path(self.tmp) / k for k in ("tei.xml", "register.xml", "out.typ")}
        files["tei.xml"].write_bytes(data)
        files["register.xml"].write_text(register_xml, encoding="utf-8")
        files["out.typ"].write_bytes(b"")
        job = {"tei": str(files["tei.xml"]), "register": str(files["register.xml"]),
               "out": str(files["out.typ"]), "params": params}
        assert self.child.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it died: _xslt_answer says why
            self.child.stdin.write(json.dumps(job) + "\n")
            self.child.stdin.close()
        return files["out.typ"]

    def close(self) -> None:
        if self.child.poll() is None:
            self.child.kill()
        self.child.wait()
        for pipe in (self.child.stdin, self.child.stdout):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(OSError):
                    pipe.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _saxon_here() -> bool:
    """Whether this process has started Saxon (it then runs the stylesheet itself)."""
    return xslt.processor.cache_info().currsize > 0


#: From this size of TEI file on (bytes; its text is SEPARATE_XSLT_CHARS or more, read in a
#: process without Saxon: the stylesheet runs in a child), a text's XSLT child is started
#: before the file is read (``xslt_started_early``).
EARLY_XSLT_BYTES = SEPARATE_XSLT_CHARS * 3 // 2
#: The XSLT child started early (``xslt_started_early``) that the next text takes.
_early: list[_XsltChild] = []


@contextlib.contextmanager
def xslt_started_early(wanted: bool = True) -> Iterator[None]:
    """Meanwhile the XSLT child of the next long text runs at once and compiles the
    stylesheet (a third of a second), where it would start only once the TEI is read
    and checked: on two cores the one that this process leaves idle. ``wanted``: that
    text is long (a child would run the stylesheet: SEPARATE_XSLT_CHARS) and no other
    work shares the cores (no admission gate). A child not taken ends at the exit."""
    if not wanted or _early or _saxon_here():
        yield
        return
    _early.append(_XsltChild())
    try:
        yield
    finally:
        while _early:
            _early.pop().close()


@contextlib.contextmanager
def _xslt_child(data: bytes, *, register_xml: str, paper: str, source_name: str,
                build_date: _dt.datetime) -> Iterator[tuple[subprocess.Popen, Path, str]]:
    """The XSLT child (the one started early, else a new one) on the TEI ``data``: the
    process, the file it writes the text into and its folder. Left before the child has
    ended (stopped early, or failed), the child goes."""
    child = _early.pop() if _early else _XsltChild()
    try:
        out = child.run(data, _parameters("", paper, source_name, build_date), register_xml)
        yield child.child, out, child.tmp
    finally:
        child.close()


def _xslt_answer(child: subprocess.Popen, tmp: str) -> None:
    """Wait for the XSLT child; raise its error, or why it died."""
    assert child.stdout is not None
    out = child.stdout.read()  # (its stdin is closed: communicate() would flush it)
    child.wait()
    err = (Path(tmp) / "err.txt").read_text(encoding="utf-8", errors="replace")
    answer = _child_answer(subprocess.CompletedProcess(child.args, child.returncode, out, err),
                           "the XSLT step")
    if "error" in answer:
        raise TeieditionError(answer["error"])


def _typst_source_apart(tree: etree._ElementTree, *, register_xml: str, paper: str,
                        source_name: str, build_date: _dt.datetime,
                        gate: str | None = None) -> str:
    """typst_source() in a child process (see SEPARATE_XSLT_CHARS), admitted by memory
    (``gate``, see admission.py)."""
    data = serialize(tree)
    with admission.admitted(gate, admission.xslt_mb(len(data) + len(register_xml))), \
            _xslt_child(data, register_xml=register_xml, paper=paper,
                        source_name=source_name, build_date=build_date) as (child, out, tmp):
        _xslt_answer(child, tmp)
        return page_design() + out.read_text(encoding="utf-8")


def typst_lines(data: bytes, made: list[str], *,
                register_xml: str, paper: str, source_name: str,
                build_date: _dt.datetime) -> Iterator[str]:
    """The lines of typst_source() (as ``str.split("\\n")`` gives them) as the XSLT child
    makes them (``data``: the TEI serialised), so that the first parts of a long text are
    typeset while the rest is transformed (parts.typeset_book). ``made`` receives the
    source's text, piece by piece. The child's error is raised after its last line."""
    with _xslt_child(data, register_xml=register_xml, paper=paper,
                     source_name=source_name, build_date=build_date) as (child, out, tmp):
        pending = ""
        for piece in _grown(child, out, page_design()):
            made.append(piece)
            *lines, pending = (pending + piece).split("\n")
            yield from lines
        yield pending
        _xslt_answer(child, tmp)


def _grown(child: subprocess.Popen, path: Path, first: str) -> Iterator[str]:
    """``first``, then what the child appends to the file ``path`` (UTF-8) until it ends."""
    yield first
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    read = 0
    with open(path, "rb") as f:
        while True:
            ended = child.poll() is not None  # before the read: nothing written is missed
            data = f.read(1 << 16)
            if data:
                if not read:
                    timeline.mark("the stylesheet's first bytes read")
                read += len(data)
                yield decoder.decode(data)
            elif ended:
                break
            else:
                time.sleep(0.005)
    rest = decoder.decode(b"", final=True)
    if rest:
        yield rest


def render(tree: etree._ElementTree, *, register_xml: str = "", paper: str = "a4",
           pdfa: bool = False, source_name: str = "", part_chars: int | None = None,
           folder: Path | None = None, figures: dict[str, bytes] | None = None,
           gate: str | None = None, apart: bool | None = None) -> Rendered:
    """One parsed TEI document -> PDF bytes (with its Typst source and warnings).

    A long text (parts.needs_parts; or longer than ``part_chars``, for tests) is typeset in
    parts of about that size and joined (see parts.py). ``folder``: the TEI file's folder,
    where its figures' images are looked for (see ``images``); or ``figures``, the images
    already read (url -> bytes, see ``image_files``: a build's job carries them).
    ``gate``: the memory budget shared with other workers (admission.py): the children
    that run the stylesheet and Typst start when there is room. ``apart``: run the
    stylesheet in a child process (None: for a long text in a process without Saxon, see
    SEPARATE_XSLT_CHARS); a text in parts is then typeset as the child writes it."""
    timeline.mark("render the parsed TEI")
    found = images(tree, folder) if folder is not None else attach(tree, figures or {})
    chars = check_size(tree, source_name or None)
    when = build_timestamp(tree)
    if apart is None:
        apart = chars >= SEPARATE_XSLT_CHARS and not _saxon_here()
    if paper not in PAPERS:
        raise InputError(f"unknown paper size {paper!r} (choose one of {', '.join(PAPERS)})")
    cores = parts.cores()
    if not parts.needs_parts(chars, part_chars, cores):
        if apart:
            source = _typst_source_apart(tree, register_xml=register_xml, paper=paper,
                                         source_name=source_name, build_date=when, gate=gate)
        else:
            source = typst_source(tree, register_xml=register_xml, paper=paper,
                                  source_name=source_name, build_date=when)
        with admission.admitted(gate, admission.typst_mb(len(source))):
            pdf, warns = compile_source(source, pdfa=pdfa, timestamp=when, images=found)
        return Rendered(pdf=pdf, source=source, warnings=warns + fonts.missing(source, pdf))

    def typeset(code: str, final: bool, place: parts.Place | None,
                ) -> tuple[bytes, list[str], dict]:
        data, warns, answer = run_typst(
            code, pdfa=pdfa, timestamp=when, pdf=final, query="<te-part>", images=found,
            place=None if place is None else lambda a: place(parts.summary(a)),
            known=None if place is None else place.known)
        return data, warns, parts.summary(answer) if answer else {}

    size = part_chars * 5 // 4 if part_chars else parts.PART_SOURCE_CHARS
    # the children that run at a time, each with a part and the overlap after it; while the
    # XSLT child makes the source, one lays out beside it, one may wait (parts.typeset_book)
    one = admission.typst_mb(size + parts.OVERLAP_CHARS)
    need = cores * one
    made: list[str] = []
    if apart:  # the first parts are typeset while the rest is transformed
        data = serialize(tree)
        # one part child lays out beside the stylesheet, and one more may wait there for
        # its first page number (parts.typeset_book)
        need = max(need, admission.xslt_mb(len(data) + len(register_xml))
                   + min(2, cores) * one)
        lines: str | Iterator[str] = typst_lines(
            data, made, register_xml=register_xml, paper=paper, source_name=source_name,
            build_date=when)
        # left early (an error), the generator is closed: the XSLT child ends
        ending: contextlib.AbstractContextManager = contextlib.closing(lines)
    else:
        lines = typst_source(tree, register_xml=register_xml, paper=paper,
                             source_name=source_name, build_date=when)
        made.append(lines)
        ending = contextlib.nullcontext()
    with admission.admitted(gate, need), ending:
        pdf, warns, _ = parts.typeset_book(lines, typeset, workers=cores,
                                           **({"part_chars": size} if part_chars else {}))
    text = "".join(made)
    warns += fonts.missing(text, pdf)
    timeline.mark("characters without a font looked for: the PDF is done")
    return Rendered(pdf=pdf, source=text, warnings=warns)


_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(path: str | Path) -> str:
    """A file name stem derived from an input path that cannot leave the output folder."""
    stem = unicodedata.normalize("NFC", Path(str(path)).name)
    stem = re.sub(r"\.xml$", "", stem, flags=re.IGNORECASE)
    stem = _UNSAFE.sub("_", stem).strip("._-")[:120]
    return stem or "document"


def build_pdf(tei_paths: Iterable[str | Path], out_dir: str | Path,
              register: str | Path | None = None, paper: str = "a4", pdfa: bool = False,
              keep_source: bool = False, jobs: int | None = 1,
              warn: Callable[[str], None] | None = None) -> list[Path]:
    """Typeset each TEI file as ``out_dir/<name>.pdf`` (and ``<name>.typ`` with keep_source);
    a teiCorpus is one book, a part per text. ``warn`` hears the typesetter's warnings
    (``FILE: warning: …``), e.g. a character that no font has.

    Inputs are read with the hardened parser; the register (``tei/register.xml``) gives the
    index its normalised names. The build's engine does the work (``teiedition.build.publish``):
    ``jobs`` worker processes (``None``: the cores; 1: in this process). Returns the files
    written, in the order of the inputs.
    """
    from ..build.publish import publish

    if paper not in PAPERS:
        raise InputError(f"unknown paper size {paper!r} (choose one of {', '.join(PAPERS)})")

    def name(stem: str, used: set[str]) -> str:
        base = safe_stem(stem)
        got, n = base, 2
        while got in used:
            got, n = f"{base}-{n}", n + 1
        used.add(got)
        return got

    paths = list(tei_paths)
    # one long text: its XSLT child starts now, not once the build has read the file
    with xslt_started_early(len(paths) == 1 and _file_size(paths[0]) >= EARLY_XSLT_BYTES):
        return publish(paths, out_dir, html=False, register=register, paper=paper,
                       pdfa=pdfa, keep_source=keep_source, jobs=jobs, names=name, warn=warn)


def _file_size(path: str | Path) -> int:
    """The size of the file ``path`` in bytes (0: none; publish says why)."""
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
