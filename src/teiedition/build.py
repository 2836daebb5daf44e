"""Sources → outputs: encode text, validate TEI, publish HTML and PDF — incremental, parallel.

This is the I/O edge of the pipeline. ``build_edition`` plans the work from the manifest
(``teiedition.manifest``), runs per-document tasks on a process pool (or a Dask cluster), and
writes every output atomically. The tasks are plain top-level functions of picklable job
records, so the same tasks run in-process (``-j 1``), in worker processes, or on Dask.

Order of work, and why:

1. *encode*: every ``.txt`` source whose TEI is missing or stale becomes ``tei/<stem>.xml``.
   All encoders read the register as it was when the build started; the parent then adds the
   mentions of all texts to ``tei/register.xml`` in source order (so the result does not depend
   on which worker finished first), and only the parent writes the register.
2. *publish*: every TEI (ours in ``tei/`` or TEI written by others, published as it is) is
   validated, then rendered to its HTML page (and its share of the search index) and its PDF,
   with the final register.
3. *edition*: the pages about the whole edition (index, registers, search) from the texts'
   cards, headers and search-index parts that the publish step left (one job, in a worker).

Before all that, the outputs of sources that no longer exist are deleted (files that still
hold our bytes; a TEI edited by hand stays), with their manifest entries.

A TEI file in ``tei/`` whose bytes are not the ones we wrote was edited by hand: it is kept
(and published as edited) unless ``force``. TEI written by others must be well-formed, pass the
hardened parser and have a TEI P5 root in the TEI namespace; its schema problems against the
project schema are warnings, or failures with ``strict``. Our own TEI must be valid.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import __version__
from .errors import InputError, InvalidDocument, TeieditionError
from .manifest import DIRNAME, FileRecord, Manifest, fingerprint, sha256_bytes, sha256_file
from .memory import collector_paused
from .output import (
    OutputError,
    atomic_write,
    atomic_writer,
    ensure_dir,
    remove_stale_parts,
    safe_stem,
)
from .resources import data_path, sample_path, schema_path, xslt_path

if TYPE_CHECKING:
    from .encode import EncodeResult

Echo = Callable[[str], None] | None

FORMATS = ("tei", "html", "pdf")
TEXT_SUFFIXES = (".txt",)
TEI_SUFFIXES = (".xml",)
HTML_DIR = "output/html"
PDF_DIR = "output/pdf"
SEARCH_DIR = f"{DIRNAME}/search"


# =============================================================================== encode command

@dataclass(slots=True)
class EncodeReport:
    source: str
    output: Path
    result: EncodeResult

    def text(self) -> str:
        doc = self.result.document
        paras = sum(1 for b in doc.blocks if b.kind == "p")
        pbs = sum(1 for b in doc.blocks for m in b.milestones if m.tag == "pb")
        hy = doc.hyphenation
        unsure = self.result.uncertain
        lines = [f"{self.output}: encoded {self.source} ({doc.encoding}, language {doc.language}):"
                 f" {pbs} page(s), {paras} paragraph(s), {len(hy)} line-end hyphen(s) "
                 f"({len(unsure)} uncertain), {len(self.result.mentions)} entity mention(s)"]
        for d in unsure:
            lines.append(f"  {self.source}:{d.line}: uncertain hyphen: read as "
                         f"'{d.reading}' ({d.reason})")
        for w in self.result.warnings:
            lines.append(f"  {self.source}: warning: {w}")
        return "\n".join(lines)


def read_source(path: Path | None) -> tuple[bytes, str]:
    """The bytes of a text source (``None``: standard input), size-checked before reading."""
    from .encode.source import MAX_TEXT_BYTES, too_large

    if path is None:
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        return data, "stdin.txt"
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise too_large(size, str(path))
        return path.read_bytes(), path.name
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(path)) from None


def encode_file(source: Path | None, output: str | Path | None = None,
                register: Path | None = None, entities: bool = True,
                out_root: Path = Path(".")) -> EncodeReport:
    """Encode one text file to TEI on disk (and add new entities to the register)."""
    from .encode import encode_bytes
    from .xml import serialize

    data, name = read_source(source)
    reg = None
    if entities and register is not None:
        from .entities.register import load_register

        reg = load_register(register) if register.exists() else None
    result = encode_bytes(data, name, register=reg, entities=entities)
    out = Path(output) if output else out_root / "tei" / f"{safe_stem(name)}.xml"
    atomic_write(out, serialize(result.tree))
    if entities and register is not None and result.mentions:
        from .entities.register import Register, write_register

        base = reg if reg is not None else Register.empty()
        write_register(base.update(result.mentions), register)
    return EncodeReport(str(source or "-"), out, result)


# =============================================================================== sources

@dataclass(frozen=True, slots=True)
class Doc:
    """One source of the build and the names of its outputs."""

    path: Path
    kind: str  # "text" (encoded first) or "tei" (published as it is)
    stem: str  # unique in the build: tei/<stem>.xml, output/pdf/<stem>.pdf
    page: str  # unique HTML page name: output/html/<page>

    @property
    def tei_rel(self) -> str | None:
        return f"tei/{self.stem}.xml" if self.kind == "text" else None


def discover(sources: Sequence[Path], out_root: Path) -> list[Doc]:
    """The documents to build: files as given, folders walked for .txt and .xml (sorted).

    Inside a folder, hidden entries and the build's own output folders (tei/, output/ and
    .teiedition/ of ``out_root``) are skipped, so building ``.`` in an edition root does not
    read its own outputs back as sources.
    """
    skip = {(out_root / d).resolve() for d in ("tei", "output", DIRNAME)}
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for src in sources or [sample_path()]:
        if src.is_dir():
            for dirpath, dirnames, filenames in os.walk(src):
                here = Path(dirpath)
                dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                     and (here / d).resolve() not in skip)
                for name in sorted(filenames):
                    suffix = Path(name).suffix.lower()
                    if name.startswith(".") or suffix not in TEXT_SUFFIXES + TEI_SUFFIXES:
                        continue
                    found.append((here / name, "tei" if suffix in TEI_SUFFIXES else "text"))
        else:
            found.append((src, "tei" if src.suffix.lower() in TEI_SUFFIXES else "text"))
    from .publish.html import page_name

    docs: list[Doc] = []
    stems: set[str] = set()
    pages: set[str] = set()
    for path, kind in found:
        real = path.resolve()
        if real in seen:
            continue
        seen.add(real)
        base = safe_stem(path.name)
        stem, n = base, 1
        while stem.lower() in stems or stem.lower() == "register":
            n += 1
            stem = f"{base}-{n}"
        stems.add(stem.lower())
        docs.append(Doc(path, kind, stem, page_name(stem, pages)))
    return docs


# =============================================================================== jobs (workers)

@dataclass(slots=True)
class Job:
    """One task for a worker; ``phase`` is encode, publish or edition."""

    phase: str
    index: int  # position of the document in the build (results are merged in this order)
    root: str
    source: str = ""
    kind: str = "text"
    stem: str = ""
    page: str = ""
    tei: str = ""  # the TEI to publish (ours in tei/ or the source)
    register: str = ""  # tei/register.xml when it exists
    html: bool = False
    pdf: bool = False
    guard: bool = False  # encode: the TEI on disk is of unknown origin: write only if equal
    entities: bool = True  # encode: mark up names and dates
    strict: bool = False
    paper: str = "a4"
    edition_size: int = 1
    texts: list[tuple[str, str]] = field(default_factory=list)  # edition: (page, tei path)
    size: int = 0  # bytes of input: the pool is renewed after RECYCLE_BYTES per worker


@dataclass(slots=True)
class Outcome:
    """What a job did: files written (relative path → record), warnings, or the error."""

    phase: str
    index: int
    source: str = ""
    written: dict[str, FileRecord] = field(default_factory=dict)
    state: str = "built"  # built | adopted | kept
    warnings: list[str] = field(default_factory=list)
    mentions: list[Any] = field(default_factory=list)
    error: str | None = None
    refs: list[str] | None = None  # publish: the register ids the TEI points to
    fatal: bool = False  # an output could not be written: the build stops
    seconds: float = 0.0
    pid: int = 0
    peak_rss_kb: int = 0


def run_job(job: Job) -> Outcome:
    """Run one job and never raise: errors become ``Outcome.error`` (one line, no traceback)."""
    start = time.perf_counter()
    out = Outcome(job.phase, job.index, job.source)
    try:
        if job.phase == "encode":
            _encode_job(job, out)
        elif job.phase == "publish":
            _publish_job(job, out)
        else:
            _edition_job(job, out)
    except OutputError as err:
        out.error, out.fatal = str(err), True
    except TeieditionError as err:
        out.error = str(err)
    except MemoryError:
        out.error = f"{job.source}: error: out of memory"
    except Exception as err:  # a bug in a stage: report it for this document, go on
        out.error = f"{job.source or job.phase}: error: internal error " \
                    f"({type(err).__name__}: {err})"
    out.seconds = time.perf_counter() - start
    out.pid = os.getpid()
    out.peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return out


def _record(root: Path, rel: str, data: bytes, deps: str = "", source: str = "") -> FileRecord:
    path = root / rel
    atomic_write(path, data)
    st = path.stat()
    return FileRecord(sha256_bytes(data), st.st_size, st.st_mtime_ns, deps, source)


@cache
def _register_snapshot(path: str, sha: str):  # noqa: ANN202 - Register, imported lazily
    from .entities.register import empty_register, load_register

    return load_register(path) if path else empty_register()


def _encode_job(job: Job, out: Outcome) -> None:
    from .encode import encode_bytes
    from .xml import serialize

    root = Path(job.root)
    data, name = read_source(Path(job.source))
    reg_sha = sha256_file(Path(job.register)) if job.register else ""
    reg = _register_snapshot(job.register, reg_sha)
    result = encode_bytes(data, name, register=reg if job.entities else None,
                          entities=job.entities)
    tei = serialize(result.tree)
    rel = f"tei/{job.stem}.xml"
    target = root / rel
    out.mentions = list(result.mentions)
    out.warnings = [f"{job.source}: warning: {w}" for w in result.warnings]
    if job.guard and target.exists():
        if sha256_file(target) == sha256_bytes(tei):
            st = target.stat()
            out.written[rel] = FileRecord(sha256_bytes(tei), st.st_size, st.st_mtime_ns)
            out.state = "adopted"  # an earlier, interrupted build wrote exactly this
        else:
            out.state = "kept"  # someone else's bytes: never overwritten without --force
            out.mentions = []
        return
    out.written[rel] = _record(root, rel, tei)


@cache
def _register_xml(path: str, sha: str) -> str:
    from lxml import etree

    from .xml import parse_file

    return etree.tostring(parse_file(path).getroot(), encoding="unicode") if path else ""


@cache
def _html_wrapper():  # noqa: ANN202 - PyXsltExecutable
    """The HTML stylesheet seen one text at a time (``te:text-pages``: its page, its card on
    the index page, its mentions on the register pages and its search passages) and the
    edition pages made from those and the texts' headers (``te:edition-pages``).

    A small XSLT that imports ``html/edition.xsl`` and calls its templates, compiled once per
    process (one stylesheet for both, so the edition step can run in a worker that has it
    compiled already). The edition title is set from the size of the whole edition (a
    parameter), so a text page rendered alone names the edition as it would in a single run.
    A text's page is the principal result, serialised as it is made (no tree of the page is
    built, a third of the cost); its card, mentions and search passages are result documents
    that Saxon hands back in memory (captured, never written).
    """
    xml_out = "map{'method': 'xml', 'omit-xml-declaration': true(), 'indent': false()}"
    from .publish import xslt

    href = xslt_path("html", "edition.xsl").as_uri()
    text = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:teiedition" exclude-result-prefixes="#all">
  <xsl:import href="{href}"/>
  <xsl:param name="edition-size" as="xs:string" select="'1'"/>
  <xsl:variable name="te:title" as="xs:string" select="
      if (normalize-space($te:edition/@title)) then normalize-space($te:edition/@title)
      else if ($edition-size = '1' and count($te:texts) = 1) then te:title($te:texts/tei:TEI)
      else te:label('edition', $te:ui)"/>
  <!-- the same serialisation as $te:html-output -->
  <xsl:output method="html" html-version="5.0" include-content-type="no" indent="no"
      encoding="UTF-8"/>
  <xsl:template name="te:text-page-parts">
    <xsl:for-each select="$te:texts[1]">
      <xsl:call-template name="te:text-page"/>
      <xsl:result-document href="card" method="text">
        <xsl:variable name="card"><xsl:call-template name="te:text-card"/></xsl:variable>
        <xsl:value-of select="serialize($card, {xml_out})"/>
      </xsl:result-document>
      <xsl:result-document href="mentions" method="text">
        <xsl:variable name="mentions"><xsl:call-template name="te:text-mentions"/></xsl:variable>
        <xsl:value-of select="serialize($mentions, {xml_out})"/>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:result-document href="anchors" method="text">
      <xsl:value-of select="te:search-anchors-tsv()"/>
    </xsl:result-document>
  </xsl:template>
  <xsl:template name="te:edition-pages" as="xs:string*">
    <xsl:sequence select="'index.html'"/>
    <xsl:variable name="index"><xsl:call-template name="te:index-page"/></xsl:variable>
    <xsl:sequence select="serialize($index, $te:html-output)"/>
    <xsl:for-each select="$te:register-kinds">
      <xsl:sequence select="$te:register-files(.)"/>
      <xsl:variable name="page"><xsl:call-template name="te:register-page">
        <xsl:with-param name="kind" select="."/></xsl:call-template></xsl:variable>
      <xsl:sequence select="serialize($page, $te:html-output)"/>
    </xsl:for-each>
    <xsl:sequence select="'search.html'"/>
    <xsl:variable name="search"><xsl:call-template name="te:search-page"/></xsl:variable>
    <xsl:sequence select="serialize($search, $te:html-output)"/>
    <xsl:sequence select="'#search-meta', te:search-meta-json()"/>
  </xsl:template>
</xsl:stylesheet>"""
    with xslt._lock:
        try:
            return xslt.processor().new_xslt30_processor().compile_stylesheet(
                stylesheet_text=text)
        except Exception as err:
            raise TeieditionError(f"cannot compile the HTML stylesheet: {err}") from None


#: where the text page's result documents are said to be (captured: nothing is written)
_CAPTURED = "file:///teiedition-captured/"


@contextlib.contextmanager
def _html_stylesheet(edition_xml: str, size: int) -> Iterator[Any]:
    """The compiled HTML stylesheet with ``edition_xml`` as its document, under Saxon's lock;
    errors from the stylesheet become one-line ``TeieditionError``s."""
    from .publish import xslt

    exe = _html_wrapper()
    proc = xslt.processor()
    doc = xslt.parse_text(edition_xml)
    with xslt._lock:
        exe.clear_parameters()
        exe.set_parameter("edition-size", proc.make_string_value(str(size)))
        exe.set_global_context_item(xdm_item=doc)
        try:
            yield exe
        except TeieditionError:
            raise
        except Exception as err:
            raise TeieditionError(f"the HTML stylesheet failed: {err}") from None


def _text_page_parts(edition_xml: str, size: int) -> tuple[str, str, str, str]:
    """(page, card, mentions, search anchors) of the one text in ``edition_xml``."""
    with _html_stylesheet(edition_xml, size) as exe:
        exe.set_base_output_uri(_CAPTURED)
        exe.set_capture_result_documents(True)
        page = exe.call_template_returning_string("{urn:teiedition}text-page-parts")
        docs = exe.get_result_documents() or {}
    by_name = {uri.rpartition("/")[2]: value for uri, value in docs.items()}
    parts = [by_name.get(name) for name in ("card", "mentions", "anchors")]
    if page is None or any(p is None for p in parts):
        raise TeieditionError("the HTML stylesheet did not return one page, its card, "
                              "its mentions and its search passages")
    card, mentions, anchors = (p.item_at(0).string_value if p.size else "" for p in parts)
    return page, card, mentions, anchors


def _call_html(template: str, edition_xml: str, size: int) -> list[str]:
    with _html_stylesheet(edition_xml, size) as exe:
        exe.set_result_as_raw_value(True)
        try:
            value = exe.call_template_returning_value(f"{{urn:teiedition}}{template}")
        finally:
            exe.set_result_as_raw_value(False)
    return [] if value is None else [value.item_at(i).string_value
                                     for i in range(value.size)]


def _check_and_validate(job: Job, out: Outcome):  # noqa: ANN202 - lxml tree
    """Parse (hardened), require TEI P5, validate; our TEI must be valid, others' may warn."""
    from .limits import MAX_HTML_BYTES, MAX_XML_BYTES
    from .publish.html import PURPOSE as HTML_PURPOSE
    from .publish.html import _check_tei
    from .validate import validate_tree
    from .xml import parse_file

    path = Path(job.tei)
    tree = parse_file(path, *((MAX_HTML_BYTES, HTML_PURPOSE) if job.html else (MAX_XML_BYTES,)))
    _check_tei(tree, str(path))
    problems = validate_tree(tree, path, "project", register=job.register or False)
    errors = [p for p in problems if p.severity == "error"]
    out.warnings += [str(p) for p in problems if p.severity != "error"]
    if errors:
        foreign = job.kind == "tei"
        if foreign and not job.strict:
            out.warnings.append(f"{path}: warning: {len(errors)} problem(s) against the project "
                                f"schema (TEI from elsewhere is published as it is; first: "
                                f"{errors[0].message}; --strict makes this an error)")
        else:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise InvalidDocument(f"{errors[0]}{more}".split(": error: ", 1)[-1],
                                  path=errors[0].path, line=errors[0].line,
                                  column=errors[0].column)
    return tree


_ENTRY_TAGS = tuple(f"{{http://www.tei-c.org/ns/1.0}}{k}" for k in ("person", "org", "place",
                                                                       "bibl"))
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@cache
def _register_index(path: str, sha: str):  # noqa: ANN202 - (root, entries by id, one per kind)
    """The register's entries (te:entry: person, org, place, bibl with an xml:id) by id, in
    document order, and the first entry of each kind."""
    from lxml import etree

    xml = _register_xml(path, sha)
    if not xml:
        return None, {}, []
    root = etree.fromstring(xml)
    by_id: dict[str, list[Any]] = {}
    kinds: dict[str, Any] = {}
    for el in root.iter(*_ENTRY_TAGS):
        if el.get(_XML_ID) is not None:
            by_id.setdefault(el.get(_XML_ID), []).append(el)
            kinds.setdefault(el.tag, el)
    return root, by_id, list(kinds.values())


def _register_for(path: str, sha: str, tei: Any):  # noqa: ANN202, ANN401 - lxml elements
    """The part of the register a text's pages read: the entries its @ref point to, and one
    entry of each kind (the navigation lists the kinds the register has). Text pages read
    nothing else of it (register.xsl's pages get the whole register in the edition step), and
    a large register is then not parsed again by Saxon for every text."""
    import copy

    from lxml import etree

    root, by_id, firsts = _register_index(path, sha)
    if root is None:
        return None
    wanted = list(firsts)
    for value in tei.xpath("//@ref"):  # te:ref-ids: normalize-space(@ref)'s '#' tokens
        for token in _XML_SPACE.split(value):
            if token.startswith("#"):
                wanted += by_id.get(token[1:], ())
    keep = set(wanted)
    out = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for el in root.iter(*_ENTRY_TAGS):  # document order, nested entries inside their parent
        if el in keep and not any(a in keep for a in el.iterancestors(*_ENTRY_TAGS)):
            out.append(copy.deepcopy(el))
    return out


_XML_SPACE = re.compile("[ \t\r\n]+")


def _publish_job(job: Job, out: Outcome) -> None:
    with collector_paused():
        _publish(job, out)


def _publish(job: Job, out: Outcome) -> None:
    from lxml import etree

    root = Path(job.root)
    tree = _check_and_validate(job, out)
    out.refs = sorted({r[1:] for v in tree.getroot().xpath("//@ref") for r in str(v).split()
                       if r.startswith("#")})
    reg_sha = sha256_file(Path(job.register)) if job.register else ""
    reg_xml = _register_xml(job.register, reg_sha)
    deps = ""  # the parent fills in the fingerprints it planned
    # the PDF first: in a worker that has not run Saxon yet, publish.pdf runs the print
    # stylesheet of a long text in a child process, so Saxon's heap and Typst's layout are
    # never in memory at once
    if job.pdf:
        from .publish.pdf import render

        done = render(tree, register_xml=reg_xml, paper=job.paper,
                      source_name=Path(job.tei).name)
        out.written[f"{PDF_DIR}/{job.stem}.pdf"] = _record(root, f"{PDF_DIR}/{job.stem}.pdf",
                                                           done.pdf, deps)
        out.warnings += [f"{job.tei}: warning: typesetting: {w}" for w in done.warnings]
    if job.html:
        from .publish.html import edition_xml, nfc

        page, card, mentions, anchors = _text_page_parts(
            edition_xml([(job.page, tree.getroot())],
                        _register_for(job.register, reg_sha, tree.getroot())),
            job.edition_size)
        out.written[f"{HTML_DIR}/{job.page}"] = _record(root, f"{HTML_DIR}/{job.page}",
                                                        nfc(page).encode(), deps)
        header = etree.tostring(_header_only(tree.getroot()), encoding="unicode")
        rel = f"{SEARCH_DIR}/{job.page}{PART}"
        out.written[rel] = _record(root, rel, text_search_part(anchors, tree.getroot(), card,
                                                               header, mentions), deps)


# ------------------------------------------------------------------ the search index, in parts
#
# Each worker writes, beside a text's page, its part of the search index: the card and header
# the index page needs and the text's passages (anchor and reading text) as JSON pieces. The
# edition step joins the parts into the same bytes as ``publish.html.search_index_js`` over
# all texts at once (tested), reading one part at a time: memory is bounded whatever the
# number of texts. No word list is built: assets/search.js looks for the query's words in the
# passages themselves, so joining is copying.

_INDEX_JS = "window.TEIEDITION_INDEX = "
PART = ".idx"
_PART_MAGIC = b"teiedition search part 2\n"


def _js(value: Any) -> bytes:
    """A piece of the index as ``search_index_js`` writes the whole (same JSON settings, same
    escapes: a JS string that never ends the script early or breaks a line). JSON is
    compositional, and no piece ends in ``<``, so the pieces join to the same bytes."""
    return _escape_js(json.dumps(value, ensure_ascii=False, separators=(",", ":"))) \
        .encode("utf-8")


def _escape_js(text: str) -> str:
    from .publish.html import js_safe

    return js_safe(text)


def search_part(units_tsv: str, card: str, header: str, mentions: str = "") -> bytes:
    """One text's part of the search index (see above), from the passages the stylesheet
    lists one a line (text number, anchor, reading text)."""
    anchors: list[str] = []
    texts: list[str] = []
    for line in units_tsv.split("\n") if units_tsv else ():
        _, anchor, text = line.split("\t", 2)
        anchors.append(anchor)
        texts.append(text)
    return _part_bytes(anchors, texts, card, header, mentions)


def text_search_part(anchors_tsv: str, tei: Any, card: str, header: str,  # noqa: ANN401
                     mentions: str = "") -> bytes:
    """``search_part`` of a TEI document (lxml root), with the anchors of its passages as the
    stylesheet lists them (text number, anchor; one a line) and their text from the TEI."""
    from .publish.html import search_texts

    anchors = [line.split("\t", 1)[1] for line in anchors_tsv.split("\n")] \
        if anchors_tsv else []
    texts = search_texts(tei)
    if len(texts) != len(anchors):
        raise TeieditionError(f"the HTML stylesheet listed {len(anchors)} search passages, "
                              f"the TEI has {len(texts)}")
    return _part_bytes(anchors, texts, card, header, mentions)


def _part_bytes(anchors: list[str], texts: list[str], card: str, header: str,
                mentions: str) -> bytes:
    """``search_part`` from the passages' anchors and reading text."""
    from json.encoder import encode_basestring  # what json.dumps does to a string

    # '["anchor","text"]' without its '[': the merge puts '[<text number>,' before it; a
    # passage holds no line end (its white space is normalised), so one passage a line
    units = "\n".join(f"{encode_basestring(a)},{encode_basestring(t)}]"
                      for a, t in zip(anchors, texts, strict=True))
    ub = _escape_js(units).encode("utf-8")  # no piece ends in '<'
    meta = json.dumps({"card": card, "header": header, "mentions": mentions,
                       "units": len(anchors), "ub": len(ub)})
    return b"".join((_PART_MAGIC, meta.encode(), b"\n", ub))


@dataclass(slots=True)
class _Part:
    meta: dict[str, Any]
    data: bytes

    @classmethod
    def read(cls, path: Path, head_only: bool = False) -> _Part:
        with open(path, "rb") as fh:
            magic = fh.readline()
            line = fh.readline()
            if magic != _PART_MAGIC or not line.endswith(b"\n"):
                raise TeieditionError(f"{path}: not a search index part of this version")
            meta = json.loads(line)
            data = b"" if head_only else fh.read()
        if not head_only and len(data) != meta["ub"]:
            raise TeieditionError(f"{path}: a search index part cut short")
        return cls(meta, data)

    def units(self) -> list[bytes]:
        return self.data.split(b"\n") if self.meta["units"] else []


def merge_search(parts: Sequence[Path], meta_json: str, fh: BinaryIO) -> None:
    """Write search-index.js for the edition from the texts' parts, in edition order.

    ``meta_json`` is the stylesheet's list of texts and register names for the whole edition.
    Each passage gets its text's number; one part is read at a time.
    """
    meta = json.loads(meta_json)
    fh.write(_INDEX_JS.encode() + b'{"texts":' + _js(meta["texts"]) + b',"units":[')
    sep = b""
    for t, path in enumerate(parts):
        units = _Part.read(path).units()
        if units:
            prefix = b"[%d," % t
            fh.write(sep + prefix + (b"," + prefix).join(units))
            sep = b","
    fh.write(b'],"names":' + _js(meta["names"]) + b"};\n")


def _edition_job(job: Job, out: Outcome) -> None:
    """index.html, the register pages, search.html, search-index.js and the assets.

    The index and the register pages are made of what the workers rendered for each text
    (its card, its mentions of register entries) and the texts' headers, all kept in the
    texts' search parts: the edition step reads no TEI, and holds one card, header and list
    of mentions per text, not the texts.
    """
    from xml.sax.saxutils import quoteattr

    from .publish.html import nfc

    root = Path(job.root)
    reg_xml = _register_xml(job.register, sha256_file(Path(job.register))
                            if job.register else "")
    parts = [root / SEARCH_DIR / f"{page}{PART}" for page, _ in job.texts]
    doc = ['<te:edition xmlns:te="urn:teiedition">']
    for (page, _tei), part in zip(job.texts, parts, strict=True):
        meta = _Part.read(part, head_only=True).meta
        doc.append(f"<te:text file={quoteattr(page)}>{meta['header']}<te:card>{meta['card']}"
                   f"</te:card>{meta['mentions']}</te:text>")
    if reg_xml:
        doc.append(f"<te:register>{reg_xml}</te:register>")
    doc.append("</te:edition>")
    items = _call_html("edition-pages", "".join(doc), job.edition_size)
    del doc
    pages = dict(zip(items[0::2], items[1::2], strict=True))
    meta_json = pages.pop("#search-meta")
    for name, content in pages.items():
        rel = f"{HTML_DIR}/{name}"
        if name.startswith(".") or "/" in name or "\\" in name:
            raise TeieditionError(f"the HTML stylesheet produced an unsafe file name {name!r}")
        out.written[rel] = _record(root, rel, nfc(content).encode(), source="edition")
    del items, pages
    rel = f"{HTML_DIR}/search-index.js"
    digest = hashlib.sha256()
    with atomic_writer(root / rel) as fh:
        merge_search(parts, meta_json, _Hashing(fh, digest))
    st = (root / rel).stat()
    out.written[rel] = FileRecord(digest.hexdigest(), st.st_size, st.st_mtime_ns,
                                  source="edition")
    base = xslt_path("html", "assets")
    for asset in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = f"{HTML_DIR}/assets/{asset.relative_to(base).as_posix()}"
        out.written[rel] = _record(root, rel, asset.read_bytes(), source="edition")


class _Hashing:
    """A binary writer that also hashes what goes through it."""

    def __init__(self, fh: BinaryIO, digest: Any) -> None:
        self.fh, self.digest = fh, digest

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.fh.write(data)


def _header_only(el):  # noqa: ANN001, ANN202 - lxml elements
    """A copy of the TEI root (its attributes: language) with its teiHeader only."""
    import copy

    from lxml import etree

    new = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    header = el.find("{http://www.tei-c.org/ns/1.0}teiHeader")
    if header is not None:
        new.append(copy.deepcopy(header))
    return new


# =============================================================================== executors

def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: the parent decides what stops. SIGTERM (how
    # the parent stops a worker) must not run the parent's handler, inherited by fork.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


_saxon_here = False  # Saxon (a native image with its own threads) has run in this process

#: Worker processes are replaced after about this much input each. Saxon's heap (a GraalVM
#: native image) grows with every document transformed and is not given back (about 30 MB
#: per MB of TEI); new workers keep memory flat in the number of documents, for a start-up
#: cost (Saxon, the compiled stylesheet, the schema: ~1-2 s) per renewal. (Python 3.11's
#: ``max_tasks_per_child`` deadlocks, so the parent renews the whole pool between chunks.)
RECYCLE_BYTES = 16_000_000


def chunks(jobs: Sequence[Job], workers: int) -> Iterator[list[Job]]:
    """The jobs in runs of about ``RECYCLE_BYTES`` per worker."""
    chunk: list[Job] = []
    total = 0
    for job in jobs:
        chunk.append(job)
        total += job.size
        if total >= RECYCLE_BYTES * workers:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


class LocalExecutor:
    """``-j 1``: in this process; ``-j N``: N worker processes, renewed every
    ``RECYCLE_BYTES`` of input per worker.

    Workers are forked (cheap: modules already imported) unless Saxon has run in this
    process, which must not be forked; then they start from a fork server.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool = None

    def run(self, jobs: Sequence[Job], isolate: bool = False) -> Iterator[Outcome]:
        """The jobs' outcomes as they finish.

        ``isolate``: run even one job in a worker process, and end the workers afterwards:
        the encode phase, whose models and lexicons (~330 MB) must not stay in a process
        that publishes next (one process would hold them beside Saxon and Typst).
        """
        global _saxon_here
        if not isolate and (self.jobs == 1 or self._pool is None and len(jobs) <= 1):
            for job in jobs:
                _saxon_here |= job.phase != "encode"
                yield run_job(job)
            return
        # the largest first: the last jobs are small, so no worker waits long for another
        parts = list(chunks(sorted(jobs, key=lambda j: -j.size), self.jobs))
        for n, part in enumerate(parts):
            yield from self._run_pool(part)
            if n < len(parts) - 1 or isolate:  # renew the workers: their memory goes too
                self.close()

    def _run_pool(self, jobs: Sequence[Job]) -> Iterator[Outcome]:
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        if self._pool is None:
            import multiprocessing as mp

            fork = sys.platform.startswith("linux") and not _saxon_here
            if fork and any(j.phase == "publish" for j in jobs):
                # the compiled schema (0.15 s) is inherited by every worker of every pool,
                # not compiled again after each renewal (lxml is safe to fork; Saxon is not,
                # so each worker still compiles the stylesheet)
                from .validate import load_schema, load_schematron

                load_schema("project")
                load_schematron()
            ctx = mp.get_context("fork" if fork else "forkserver" if os.name == "posix"
                                 else "spawn")
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_worker_init)
        futures = [self._pool.submit(run_job, j) for j in jobs]
        try:
            for fut in as_completed(futures):
                try:
                    yield fut.result()
                except BrokenProcessPool:  # a worker was killed (OOM killer, signal)
                    job = jobs[futures.index(fut)]
                    yield Outcome(job.phase, job.index, job.source, fatal=True,
                                  error=f"{job.source or job.phase}: error: a worker process "
                                  "died (out of memory, or killed); nothing half-written "
                                  "was left, run the build again")
        except GeneratorExit:  # stopped at a failure: the pending jobs are not needed
            for f in futures:
                f.cancel()
            raise

    def close(self, abort: bool = False) -> None:
        if self._pool is None:
            return
        if abort:  # stop the workers now: their files are atomic, the next build resumes
            for p in list(getattr(self._pool, "_processes", {}).values()):
                with contextlib.suppress(Exception):
                    p.terminate()
        self._pool.shutdown(wait=True)  # after a terminate: the pool sees it is broken
        self._pool = None


class DaskExecutor:
    """The same jobs on a Dask distributed cluster (workers must see the same file system)."""

    def __init__(self, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - distributed is a dependency
            raise InputError("--executor dask needs the 'distributed' package") from None
        try:
            self.client = Client(scheduler, set_as_default=False, timeout=10)
        except Exception as err:
            raise InputError(f"cannot connect to the Dask scheduler {scheduler}: {err}") from None

    def run(self, jobs: Sequence[Job], isolate: bool = False) -> Iterator[Outcome]:
        from distributed import as_completed

        jobs = sorted(jobs, key=lambda j: -j.size)  # the largest first (see LocalExecutor)
        futures = [self.client.submit(run_job, j, pure=False) for j in jobs]
        try:
            with self.client.as_current():
                for fut in as_completed(futures):
                    try:
                        yield fut.result()
                    except Exception as err:  # the worker died: report for its job
                        job = jobs[futures.index(fut)]
                        yield Outcome(job.phase, job.index, job.source,
                                      error=f"{job.source}: error: Dask task failed ({err})")
        finally:
            for f in futures:
                f.cancel()

    def close(self, abort: bool = False) -> None:
        self.client.close()


# =============================================================================== the build

@dataclass(slots=True)
class BuildSummary:
    built: list[str] = field(default_factory=list)  # sources with at least one new output
    skipped: list[str] = field(default_factory=list)  # sources whose outputs were current
    kept: list[str] = field(default_factory=list)  # TEI edited by hand, not regenerated
    removed: list[str] = field(default_factory=list)  # outputs of sources that are gone
    orphans: list[str] = field(default_factory=list)  # TEI edited by hand, its source gone
    failed: list[tuple[str, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    edition: str = "none"  # built | skipped | none
    stopped: bool = False  # stopped at the first failure (no --keep-going)
    seconds: float = 0.0
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # per worker process
    peak_rss_kb_phase: dict[str, int] = field(default_factory=dict)  # encode/publish/edition

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def text(self, verbose: bool = False) -> str:
        lines = [f"built {len(self.built)}, skipped {len(self.skipped)} (up to date), "
                 f"kept {len(self.kept) + len(self.orphans)} (edited by hand), "
                 f"failed {len(self.failed)} in {self.seconds:.2f} s"]
        for s in self.kept:
            lines.append(f"  kept {s}: edited by hand after it was generated; "
                         "not regenerated (--force regenerates it)")
        for s in self.orphans:
            lines.append(f"  kept {s}: its source is gone, but it was edited by hand")
        if self.removed:
            lines.append(f"  removed {len(self.removed)} output(s) of sources that are gone")
            if verbose:
                lines += [f"    {r}" for r in self.removed]
        for s, why in self.failed:
            lines.append(f"  FAILED {why}" if why.startswith(s) else f"  FAILED {s}: {why}")
        if self.stopped:
            lines.append("  stopped at the first failure (--keep-going builds the others)")
        if verbose:
            lines += [f"  wrote {p}" for p in self.written]
        else:
            lines += self._where()
        return "\n".join(lines)

    def _where(self) -> list[str]:
        """Where the results are: the TEI, the HTML edition's entry page, the PDFs."""
        def place(paths: list[Path]) -> str:
            return str(paths[0]) if len(paths) == 1 else f"{len(paths)} files in {paths[0].parent}/"

        tei = [p for p in self.written if p.suffix == ".xml" and p.name != "register.xml"]
        html = [p for p in self.written if p.name == "index.html"]
        pdf = [p for p in self.written if p.suffix == ".pdf"]
        out = []
        if tei:
            out.append(f"  TEI:  {place(tei)}")
        if html:
            out.append(f"  HTML: {html[0]} (open it in a browser)")
        if pdf:
            out.append(f"  PDF:  {place(pdf)}")
        return out


@dataclass(slots=True)
class _Deps:
    """Fingerprints of what every output depends on beyond its own input."""

    encode: str
    html: str
    pdf: str
    schema: str


def _tree_hash(manifest: Manifest, folder: Path, pattern: str = "*") -> str:
    if not folder.is_dir():
        return ""
    files = sorted(p for p in folder.rglob(pattern)
                   if p.is_file() and "__pycache__" not in p.parts)
    return fingerprint([(p.relative_to(folder).as_posix(), manifest.hash_input(p))
                        for p in files])


def _dependency_hashes(manifest: Manifest) -> _Deps:
    sde = os.environ.get("SOURCE_DATE_EPOCH", "")
    model = _tree_hash(manifest, data_path())
    schemas = _tree_hash(manifest, schema_path())
    common = _tree_hash(manifest, xslt_path("common"))
    return _Deps(
        encode=fingerprint(__version__, model, sde),
        html=fingerprint(__version__, common, _tree_hash(manifest, xslt_path("html")), schemas),
        pdf=fingerprint(__version__, common, _tree_hash(manifest, xslt_path("print")), schemas,
                        sde),
        schema=schemas)


class _Lock:
    """One build at a time per output root (a second one would interleave the manifest)."""

    def __init__(self, root: Path) -> None:
        import fcntl

        meta = root / DIRNAME
        try:
            meta.mkdir(parents=True, exist_ok=True)
            self.fh = open(meta / "lock", "a+b")  # noqa: SIM115 - held for the whole build
        except OSError as err:
            raise OutputError(f"cannot write to the output folder: {err.strerror or err}",
                              path=str(root)) from None
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.fh.close()
            raise InputError("another build is running in this output folder",
                             path=str(root)) from None

    def release(self) -> None:
        self.fh.close()


def _check_writable(root: Path) -> None:
    for sub in ("tei", HTML_DIR, PDF_DIR, SEARCH_DIR):
        folder = root / sub
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot create the output folder {sub}: "
                              f"{err.strerror or err}", path=str(root)) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"the output folder {sub} is not writable", path=str(folder))
        remove_stale_parts(folder)
    remove_stale_parts(root / DIRNAME)
    remove_stale_parts(root / HTML_DIR / "assets")


class _Run:
    """The bookkeeping of one build: manifest, progress, log, summary."""

    def __init__(self, root: Path, manifest: Manifest, summary: BuildSummary,
                 echo: Echo, log: Any, bar: Any, verbose: bool) -> None:
        self.root, self.manifest, self.summary = root, manifest, summary
        self.echo, self.log, self.bar, self.verbose = echo, log, bar, verbose
        self.failed_sources: set[str] = set()
        self.last_save = time.monotonic()
        self.save_every = 1.0

    def event(self, **fields: Any) -> None:
        if self.log is not None:
            self.log.write(json.dumps(fields, ensure_ascii=False) + "\n")
            self.log.flush()

    def take(self, o: Outcome, deps: dict[str, str], record: bool = True) -> None:
        """Record an outcome (in the manifest, the summary, the log, the progress bar).

        ``record=False``: the caller records the files in the manifest later (TEI only once
        the register holds its names, so a kill in between cannot leave a TEI that counts as
        done while the register lacks its entries).
        """
        s = self.summary
        if o.pid:
            s.peak_rss_kb[o.pid] = max(s.peak_rss_kb.get(o.pid, 0), o.peak_rss_kb)
            s.peak_rss_kb_phase[o.phase] = max(s.peak_rss_kb_phase.get(o.phase, 0),
                                               o.peak_rss_kb)
        src = os.path.abspath(o.source) if o.source and o.phase != "edition" else ""
        for rel, rec in o.written.items():
            rec.deps = deps.get(rel, rec.deps)
            if src:
                rec.source = src  # so that its outputs go when the source goes
            if o.state != "kept" and record:
                self.manifest.record(rel, rec)
            s.written.append(self.root / rel)
        s.warnings += o.warnings
        if self.echo and self.verbose:
            for w in o.warnings:
                self.echo(w)
        name = o.source or o.phase
        if o.error:
            self.failed_sources.add(o.source)
            s.failed.append((name, o.error))
            if self.echo and self.verbose:
                self.echo(o.error)
        elif o.state == "kept":
            s.kept.append(o.source)
        elif o.phase == "edition":
            s.edition = "built"
        elif o.source not in s.built:
            s.built.append(o.source)
        self.event(event="failed" if o.error else o.state, phase=o.phase, source=o.source,
                   outputs=sorted(o.written), error=o.error, warnings=o.warnings,
                   seconds=round(o.seconds, 3))
        if self.bar is not None:
            self.bar.update(1)
        elif self.echo and self.verbose and not o.error:
            self.echo(f"{o.phase} {name}: {', '.join(sorted(o.written)) or o.state} "
                      f"({o.seconds:.2f} s)")
        # a kill loses at most a second of bookkeeping, or for a large manifest at most what
        # keeps saving it under 5% of the time (a save costs O(outputs))
        if self.manifest.dirty and time.monotonic() - self.last_save > self.save_every:
            t = time.monotonic()
            self.manifest.save(__version__)
            self.last_save = time.monotonic()
            self.save_every = max(1.0, 20 * (self.last_save - t))


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def build_edition(sources: Sequence[Path], out_root: Path, formats: Sequence[str] = FORMATS,
                  echo: Echo = None, *, jobs: int | None = None, keep_going: bool = False,
                  force: bool = False, strict: bool = False, executor: str = "local",
                  scheduler: str | None = None, paper: str = "a4", entities: bool = True,
                  verbose: bool = False,
                  progress: bool = False, log: Path | None = None) -> BuildSummary:
    """Build every source (the built-in sample when there are none) into ``out_root``.

    ``formats``: html and/or pdf (TEI is always made for text sources); ``jobs``: worker
    processes (default: the number of cores); ``executor="dask"`` runs the jobs on the Dask
    scheduler at ``scheduler``. Raises OutputError (exit 2) when outputs cannot be written.
    """
    started = time.perf_counter()
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise InputError(f"unknown format(s): {', '.join(sorted(unknown))}")
    root = ensure_dir(out_root)
    lock = _Lock(root)
    # SIGTERM (a scheduler's timeout, systemd) stops the build like Ctrl-C: workers too
    old_term = None
    if threading.current_thread() is threading.main_thread():
        old_term = signal.signal(signal.SIGTERM, _terminate)
    log_fh = None
    ex: LocalExecutor | DaskExecutor | None = None
    summary = BuildSummary()
    manifest = Manifest.load(root)
    try:
        _check_writable(root)
        if manifest.warning and echo:
            echo(manifest.warning)
        docs = discover(list(sources), root)
        if log is not None:
            try:
                log_fh = open(log, "a", encoding="utf-8")  # noqa: SIM115
            except OSError as err:
                raise OutputError(f"cannot write the log: {err.strerror}", path=str(log)) \
                    from None
        deps = _dependency_hashes(manifest)
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=0, unit="task", file=sys.stderr, leave=False, dynamic_ncols=True)
        run = _Run(root, manifest, summary, echo, log_fh, bar, verbose)
        if executor == "dask":
            if not scheduler:
                raise InputError("--executor dask needs --scheduler ADDRESS")
            ex = DaskExecutor(scheduler)
        else:
            ex = LocalExecutor(jobs or os.cpu_count() or 1)
        try:
            _build(docs, root, set(formats), run, ex, deps, keep_going=keep_going,
                   force=force, strict=strict, paper=paper, entities=entities)
        except KeyboardInterrupt:
            ex.close(abort=True)
            ex = None
            raise
        finally:
            if bar is not None:
                bar.close()
    finally:
        if ex is not None:
            ex.close()
        with contextlib.suppress(OutputError):
            if manifest.dirty:
                manifest.save(__version__)
        if log_fh is not None:
            summary.seconds = time.perf_counter() - started
            log_fh.write(json.dumps({"event": "summary", "built": len(summary.built),
                                     "skipped": len(summary.skipped),
                                     "kept": len(summary.kept) + len(summary.orphans),
                                     "failed": len(summary.failed),
                                     "seconds": round(summary.seconds, 3)}) + "\n")
            log_fh.close()
        lock.release()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_phase(run: _Run, ex: LocalExecutor | DaskExecutor, jobs: list[Job],
               deps: dict[str, str], keep_going: bool, record: bool = True,
               isolate: bool = False) -> list[Outcome]:
    if not jobs:
        return []
    if run.bar is not None:
        run.bar.total += len(jobs)
        run.bar.refresh()
    outcomes: list[Outcome] = []
    for o in ex.run(jobs, isolate=isolate):
        run.take(o, deps, record)
        outcomes.append(o)
        if o.fatal:
            raise OutputError(o.error.split(": error: ", 1)[-1] if o.error else "cannot write",
                              path=o.error.split(": error: ", 1)[0] if o.error else None)
        if o.error and not keep_going:
            run.summary.stopped = True
            break
    return sorted(outcomes, key=lambda o: o.index)


def _publish_deps(d: _Deps, doc: Doc, tei_sha: str, reg_part: str, strict: bool, paper: str,
                  size: int) -> tuple[str, str]:
    """The fingerprints of a document's HTML page (and search passages) and of its PDF."""
    common = (tei_sha, reg_part, doc.kind, strict)
    return (fingerprint("html", d.html, *common, doc.page, size > 1),
            fingerprint("pdf", d.pdf, *common, paper))


class _RegisterView:
    """What a text's pages take from the register: the entries it points to, and which kinds
    of entries exist (the navigation). A new name in one text then rebuilds the pages of the
    texts that use it, not every page of the edition.

    The ids a TEI points to are learnt when it is published and kept in the manifest under
    its hash; before that, the whole register counts.
    """

    def __init__(self, m: Manifest, register: Path, sha: str) -> None:
        self.m, self.sha = m, sha
        self.refs: dict[str, list[str]] = m.notes.setdefault("refs", {})
        cached = m.notes.get("register", {})
        if cached.get("sha") == sha:
            self.kinds, self.entries = cached["kinds"], cached["entries"]
            return
        self.kinds, self.entries = [], {}
        if sha:
            from lxml import etree

            from .xml import parse_file

            xid = "{http://www.w3.org/XML/1998/namespace}id"
            for el in parse_file(register).getroot().iter():
                if isinstance(el.tag, str) and el.get(xid):
                    self.entries[el.get(xid)] = sha256_bytes(etree.tostring(el, method="c14n"))
                    self.kinds.append(etree.QName(el).localname)
            self.kinds = sorted(set(self.kinds))
        m.notes["register"] = {"sha": sha, "kinds": self.kinds, "entries": self.entries}
        m.dirty = True

    def part(self, tei_sha: str) -> str:
        if not self.sha:
            return ""
        refs = self.refs.get(tei_sha)
        if refs is None:
            return f"register:{self.sha}"
        return fingerprint(self.kinds, [(r, self.entries.get(r)) for r in refs])

    def learn(self, tei_sha: str, refs: list[str]) -> None:
        self.refs[tei_sha] = refs


def _outputs_of(doc: Doc) -> set[str]:
    """Every file a source can have in the output root (in any format)."""
    out = {f"{HTML_DIR}/{doc.page}", f"{SEARCH_DIR}/{doc.page}{PART}", f"{PDF_DIR}/{doc.stem}.pdf"}
    if doc.tei_rel:
        out.add(doc.tei_rel)
    return out


def _remove_gone(docs: list[Doc], root: Path, run: _Run) -> None:
    """Delete the outputs (and manifest entries) of sources that no longer exist, and the
    outputs a source of this build no longer makes (its page was renamed).

    A source that still exists but is not part of this build keeps its outputs (building one
    file into an edition does not remove the others). Only files that still hold the bytes we
    wrote are deleted: a TEI file edited by hand stays (the summary says so), and so does any
    other output someone changed; their entries leave the manifest.
    """
    m, s = run.manifest, run.summary
    current = {os.path.abspath(doc.path): _outputs_of(doc) for doc in docs}
    exists: dict[str, bool] = {}
    for rel, rec in sorted(m.outputs.items()):
        old_format = rel.startswith(f"{SEARCH_DIR}/") and not rel.endswith(PART)
        if old_format:
            pass  # a search part in an earlier format (made again as .idx)
        elif "#" in rel or not rec.source or rec.source == "edition":
            continue
        elif rec.source in current:
            if rel in current[rec.source]:
                continue
        else:
            if rec.source not in exists:
                exists[rec.source] = Path(rec.source).exists()
            if exists[rec.source]:
                continue
        path = root / rel
        edited = f"{rel}#edited" in m.outputs
        try:
            st = path.stat()
        except OSError:
            st = None
        ours = st is not None and not edited and (
            rec.same_stat(st) or (st.st_size == rec.size and sha256_file(path) == rec.sha256))
        if ours:
            try:
                path.unlink()
            except OSError as err:
                raise OutputError(f"cannot remove {rel}: {err.strerror}", path=str(path)) \
                    from None
            if not old_format:
                s.removed.append(rel)
                run.event(event="removed", output=rel, source=rec.source)
        elif st is not None and rel.startswith("tei/"):
            s.orphans.append(rel)
            run.event(event="kept", output=rel, source=rec.source)
        m.outputs.pop(rel, None)
        m.outputs.pop(f"{rel}#edited", None)
        m.inputs.pop(str(path.resolve()), None)  # hashes no longer needed
        if rec.source and not Path(rec.source).exists():
            m.inputs.pop(rec.source, None)
        m.dirty = True
    for key in [k for k in m.outputs if k.startswith("#valid:")]:
        if not Path(key[len("#valid:"):]).exists():
            del m.outputs[key]
            m.dirty = True


def _build(docs: list[Doc], root: Path, formats: set[str], run: _Run,
           ex: LocalExecutor | DaskExecutor, d: _Deps, *, keep_going: bool, force: bool,
           strict: bool, paper: str, entities: bool) -> None:
    m = run.manifest
    s = run.summary
    register = root / "tei" / "register.xml"
    _remove_gone(docs, root, run)

    # ---- 1. encode the texts whose TEI is missing or stale
    enc_jobs: list[Job] = []
    enc_deps: dict[str, str] = {}
    for i, doc in enumerate(docs):
        if doc.kind != "text":
            continue
        rel = doc.tei_rel or ""
        try:
            want = fingerprint("encode", d.encode, m.hash_input(doc.path), entities)
        except OSError as err:
            run.take(Outcome("encode", i, str(doc.path),
                             error=f"{doc.path}: error: cannot read: {err.strerror}"), {})
            continue
        enc_deps[rel] = want
        target = root / rel
        rec = m.outputs.get(rel)
        guard = False
        if not force and target.exists():
            if m.output_current(rel, root, want):
                continue
            kept = m.outputs.get(f"{rel}#edited")
            st = target.stat()
            if kept is not None and kept.same_stat(st):
                s.kept.append(str(doc.path))  # known hand edit: no need to look again
                run.event(event="kept", phase="encode", source=str(doc.path))
                continue
            on_disk = sha256_file(target)
            if rec is not None and on_disk != rec.sha256:
                m.record(f"{rel}#edited", FileRecord(on_disk, st.st_size, st.st_mtime_ns))
                s.kept.append(str(doc.path))
                run.event(event="kept", phase="encode", source=str(doc.path))
                continue
            guard = rec is None  # not in the manifest: ours from a killed build, or foreign
        m.outputs.pop(f"{rel}#edited", None)
        enc_jobs.append(Job("encode", i, str(root), str(doc.path), "text", doc.stem,
                            register=str(register) if register.exists() else "",
                            guard=guard, entities=entities, size=doc.path.stat().st_size))
    reg_before = sha256_file(register) if register.exists() else ""
    # publishing follows: encode in worker processes that end with the phase (see run)
    outcomes = _run_phase(run, ex, enc_jobs, enc_deps, keep_going, record=False,
                          isolate=bool(formats & {"html", "pdf"}))
    for o in outcomes:
        if o.state == "kept":
            rel = f"tei/{docs[o.index].stem}.xml"
            target = root / rel
            st = target.stat()
            m.record(f"{rel}#edited", FileRecord(sha256_file(target), st.st_size,
                                                 st.st_mtime_ns))
    done = [(rel, rec) for o in outcomes if not o.error and o.state != "kept"
            for rel, rec in o.written.items()]
    if done:  # ours, not yet done (no deps): a kill before the register is written re-encodes
        for rel, rec in done:
            m.record(rel, FileRecord(rec.sha256, rec.size, rec.mtime_ns))
        m.save(__version__)
    mentions = [x for o in outcomes if not o.error for x in o.mentions]
    if mentions:
        from .entities.register import load_register, write_register
        from .xml import serialize

        reg = load_register(register)
        new = reg.update(mentions)
        if serialize(new.tree) != serialize(reg.tree) or not register.exists():
            try:
                write_register(new, register)
            except OSError as err:
                raise OutputError(f"cannot write the register: {err.strerror}",
                                  path=str(register)) from None
    for rel, rec in done:  # now that the register holds their names, the TEI files count
        m.record(rel, rec)
    if done:
        m.save(__version__)
    if s.stopped:
        return

    # ---- 2. validate and publish every TEI
    reg_sha = sha256_file(register) if register.exists() else ""
    reg_view = _RegisterView(m, register, reg_sha)
    if reg_sha != reg_before and reg_before:
        run.event(event="register", changed=True)
    want_html, want_pdf = "html" in formats, "pdf" in formats
    pub_jobs: list[Job] = []
    pub_deps: dict[str, str] = {}
    validations: dict[int, tuple[str, FileRecord]] = {}
    ready: list[tuple[int, Doc, Path, str]] = []  # documents that can be published
    html_size = len(docs)
    for i, doc in enumerate(docs):
        if str(doc.path) in run.failed_sources:
            continue
        tei = root / doc.tei_rel if doc.tei_rel else doc.path
        try:
            tei_sha = m.hash_input(tei)
        except OSError as err:
            run.take(Outcome("publish", i, str(doc.path),
                             error=f"{tei}: error: cannot read: {err.strerror}"), {})
            continue
        ready.append((i, doc, tei, tei_sha))
        html_rel, search_rel = f"{HTML_DIR}/{doc.page}", f"{SEARCH_DIR}/{doc.page}{PART}"
        pdf_rel = f"{PDF_DIR}/{doc.stem}.pdf"
        h, p = _publish_deps(d, doc, tei_sha, reg_view.part(tei_sha), strict, paper, html_size)
        common = (tei_sha, reg_sha, doc.kind, strict)
        need_html = want_html and (force or not (m.output_current(html_rel, root, h)
                                                 and m.output_current(search_rel, root, h)))
        need_pdf = want_pdf and (force or not m.output_current(pdf_rel, root, p))
        pub_deps.update({html_rel: h, search_rel: h, pdf_rel: p})
        # with TEI only, the TEI is still validated (once per content, schema and register)
        valid_key, v = f"#valid:{tei}", fingerprint("valid", d.schema, *common)
        need_valid = not (want_html or want_pdf) and (
            force or getattr(m.outputs.get(valid_key), "deps", None) != v)
        if need_valid:
            validations[i] = (valid_key, FileRecord(tei_sha, 0, 0, v))
        if need_html or need_pdf or need_valid:
            pub_jobs.append(Job("publish", i, str(root), str(doc.path), doc.kind, doc.stem,
                                doc.page, str(tei), str(register) if reg_sha else "",
                                html=need_html, pdf=need_pdf, strict=strict, paper=paper,
                                edition_size=html_size, size=tei.stat().st_size))
        elif str(doc.path) not in s.built and str(doc.path) not in s.kept:
            s.skipped.append(str(doc.path))
            run.event(event="skipped", phase="publish", source=str(doc.path))
            if run.bar is None and run.echo and run.verbose:
                run.echo(f"up to date: {doc.path}")
    shas = {i: sha for i, _, _, sha in ready}
    if len(reg_view.refs) > 2 * len(docs) + 100:  # forget texts that are long gone
        keep = set(shas.values())
        reg_view.refs = m.notes["refs"] = {k: v for k, v in reg_view.refs.items() if k in keep}
    for o in _run_phase(run, ex, pub_jobs, pub_deps, keep_going):
        if not o.error and o.index in validations:
            m.record(*validations[o.index])
        if not o.error and o.refs is not None:  # now the names it uses are known: finer deps
            doc, sha = docs[o.index], shas[o.index]
            reg_view.learn(sha, o.refs)
            h, p = _publish_deps(d, doc, sha, reg_view.part(sha), strict, paper, html_size)
            for rel in o.written:
                m.outputs[rel].deps = p if rel.startswith(PDF_DIR) else h
            m.dirty = True
    if s.stopped or not want_html:
        return

    # ---- 3. the edition pages, from every text that has its HTML page
    texts = [(doc.page, str(tei), tei_sha) for i, doc, tei, tei_sha in ready
             if str(doc.path) not in run.failed_sources]
    if not texts:
        return
    search = [m.outputs.get(f"{SEARCH_DIR}/{page}{PART}") for page, _, _ in texts]
    ed = fingerprint("edition", d.html, reg_sha, html_size > 1,
                     [(p, sha) for p, _, sha in texts], [r.sha256 if r else "" for r in search])
    mine = [rel for rel, rec in m.outputs.items() if rec.source == "edition"]
    if not force and mine and all(m.output_current(rel, root, ed) for rel in mine):
        s.edition = "skipped"
        return
    for rel in mine:  # pages of an earlier edition that this one may not make again
        m.outputs.pop(rel, None)
    job = Job("edition", len(docs), str(root), register=str(register) if reg_sha else "",
              edition_size=html_size, texts=[(p, t) for p, t, _ in texts])
    outcome = _run_phase(run, ex, [job], {}, keep_going=True)
    for o in outcome:
        for rel in o.written:
            m.outputs[rel].deps = ed
    m.dirty = True
