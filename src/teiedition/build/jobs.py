"""Run: the per-document tasks (encode one text, validate and publish one TEI) as plain
functions of picklable job records, so the same tasks run in-process, in worker processes
or on Dask. A job never raises: its errors come back in its ``Outcome``."""

from __future__ import annotations

import contextlib
import copy
import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import corpus
from ..config import DEFAULT, Config
from ..edition import effective_register, own_entries
from ..errors import InvalidDocument, TeieditionError
from ..manifest import FileRecord
from ..memory import collector_paused
from ..output import (
    OutputError,
)
from .discover import HTML_DIR, PDF_DIR, SEARCH_DIR
from .register import (
    RegisterSnapshot,
    _register_file,
    _register_for,
    _register_snapshot,
    _register_xml,
)
from .search import PART, search_part, text_search_part
from .stylesheet import _text_page_parts


@dataclass(slots=True)
class Job:
    """One task for a worker; ``phase`` is encode, publish or edition.

    A job carries its input (``data``: the text's or the TEI's bytes, read by the client just
    before the job is sent, see ``loaded``) and the register snapshot, and gives back its
    outputs as bytes: a worker opens no file of the client, so it may run anywhere (another
    folder, another machine). ``source`` and ``tei`` name the input in messages only.

    The one exception is ``spool``, for an encode job on this machine (the local executors):
    the worker then streams the text from ``source`` and its TEI into a temporary file in
    the folder ``spool`` (the edition's ``tei/``), which the client renames, so that a text
    of any size is encoded in bounded memory (bytes of a 100 MB text and its 160 MB of TEI
    would otherwise be held, and pickled, whole). On Dask the same, where every worker reads
    the text and writes into the spool folder as the client does (``DaskExecutor``: then
    ``path`` is the text's absolute path); elsewhere the text and its TEI travel as bytes.
    """

    phase: str
    index: int  # position of the document in the build (results are merged in this order)
    source: str = ""
    kind: str = "text"
    stem: str = ""
    page: str = ""
    tei: str = ""  # the TEI to publish (ours in tei/ or the source)
    register: RegisterSnapshot | None = None
    html: bool = False
    pdf: bool = False
    guard: bool = False  # encode: the TEI on disk is of unknown origin: write only if equal
    entities: bool = True  # encode: mark up names and dates
    strict: bool = False
    paper: str = "a4"
    edition_size: int = 1
    texts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # edition: (page,
    # the head of its search part: header, card, mentions)
    config: Config = DEFAULT  # the edition config (teiedition.toml): the TEI header
    size: int = 0  # bytes of input: the pool is renewed after RECYCLE_BYTES per worker
    data: bytes | None = None  # the input's bytes (None until ``loaded``)
    validate: bool = True  # publish: validate against the project schema first (build)
    search: str = "yes"  # html: "yes" (search in shards), "pagefind", "no" (html --search)
    title: str = ""  # the edition's title (html --title); "" for the stylesheet's choice
    pdfa: bool = False
    keep_source: bool = False  # pdf: also make the Typst source beside the PDF
    folder: str = ""  # pdf: the TEI's folder, where the client reads its figures' images
    figures: dict[str, bytes] = field(default_factory=dict)  # pdf: url -> image (``loaded``)
    gate: str = ""  # pdf: the memory budget the workers' children share (publish/admission)
    pages: list[str] = field(default_factory=list)  # html of a teiCorpus (build): the page
    # of each of its TEI, in the order of corpus.members
    member: str = ""  # html of a teiCorpus: the file the client wrote this TEI of it to
    # (``tei`` names the corpus in messages)
    spool: str = ""  # encode, local executors: the folder the worker writes the TEI to
    path: str = ""  # encode with a spool on Dask: the text's absolute path (``source`` as is)

    @property
    def streams(self) -> bool:
        """Does the worker read the input from its file (an encode job with a ``spool``)?"""
        return self.phase == "encode" and bool(self.spool)

    @property
    def in_parts(self) -> bool:
        """A job that only validates a TEI too large to parse whole (``limits.MAX_XML_BYTES``):
        the worker validates it from its file in parts (``validate_parts``), in bounded
        memory, as it streams a text (the workers see the client's folders, see ``spool``)."""
        from ..limits import MAX_XML_BYTES

        return self.phase == "publish" and self.validate and not (self.html or self.pdf) \
            and self.size > MAX_XML_BYTES and not self.member

    def input_path(self) -> Path:
        """The client's file this job reads (the client reads it, never the worker)."""
        return Path(self.source if self.phase == "encode" else self.tei)

    def loaded(self) -> Job:
        """This job with its input's bytes, read now (the client, just before sending it:
        only the jobs in flight hold their input in memory)."""
        if self.data is not None or self.phase == "edition" or self.streams or self.in_parts:
            return self
        from dataclasses import replace

        if self.phase == "encode":
            from .encoding import read_source

            data, _name = read_source(self.input_path())
        elif self.member:  # the worker checks its size, naming the corpus (``tei``)
            from ..errors import InputError

            try:
                data = Path(self.member).read_bytes()
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror}", path=self.tei) from None
        else:
            from ..xml import read_xml

            data = read_xml(self.input_path(), *_read_limit(self))
        figures = {}
        if self.pdf and self.folder:  # the images travel with the job, read by pdf's rules
            from ..publish.pdf import figure_urls, image_files

            figures = image_files(figure_urls(data), Path(self.folder))
        return replace(self, data=data, figures=figures)


def load_or_fail(job: Job) -> Job | Outcome:
    """The job with its input (see ``Job.loaded``), or the outcome of a job whose input
    cannot be read (it is never sent)."""
    try:
        return job.loaded()
    except TeieditionError as err:
        return Outcome(job.phase, job.index, job.source, error=str(err),
                       exit_code=err.exit_code, exception=err)


def _read_limit(job: Job) -> tuple[int, str]:
    """The size limit of a publish job's input and why: one HTML text's for a TEI whose
    page is made, any XML input's otherwise; a corpus (``Job.pages``) is read to validate
    and print it whole, its HTML made a TEI at a time (``_corpus_pages``), each TEI within
    one HTML text's limit, as ``teiedition html`` does."""
    from ..limits import MAX_HTML_BYTES, MAX_XML_BYTES

    return (MAX_HTML_BYTES, _html_purpose()) if job.html and not job.pages \
        else (MAX_XML_BYTES, "")


def _html_purpose() -> str:
    from ..publish.html import PURPOSE

    return PURPOSE


@dataclass(slots=True)
class Outcome:
    """What a job did: the files it made (relative path → bytes, written by the client, which
    records them in ``written``), warnings, or the error."""

    phase: str
    index: int
    source: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    spooled: dict[str, tuple[str, str]] = field(default_factory=dict)  # relative path ->
    # (temporary file the worker wrote beside it, its SHA-256): renamed by the client
    written: dict[str, FileRecord] = field(default_factory=dict)
    state: str = "built"  # built | adopted | kept
    warnings: list[str] = field(default_factory=list)
    mentions: list[Any] = field(default_factory=list)
    error: str | None = None
    refs: list[str] | None = None  # publish: the register ids the TEI points to
    search_meta: str = ""  # edition: the texts and names of the search index (JSON)
    fatal: bool = False  # an output could not be written: the build stops
    exit_code: int = 0  # of the error (1 invalid, 2 bad input), as the CLI exits
    exception: TeieditionError | None = None  # the error itself (it pickles whole)
    seconds: float = 0.0
    stages: dict[str, list[float]] = field(default_factory=dict)  # name -> [CPU s, wall s]
    pid: int = 0
    peak_rss_kb: int = 0


@contextlib.contextmanager
def timed(stages: dict[str, list[float]] | None, name: str) -> Iterator[None]:
    """Add the CPU and wall time of the block to ``stages[name]`` (the per-stage profile that
    benchmarks/html.py prints; two clock reads per stage, nothing else); ``None``: no
    profile is kept, the block just runs."""
    if stages is None:
        yield
        return
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        yield
    finally:
        got = stages.setdefault(name, [0.0, 0.0])
        got[0] += time.process_time() - cpu
        got[1] += time.perf_counter() - wall


def run_job(job: Job) -> Outcome:
    """Run one job and never raise: errors become ``Outcome.error`` (one line, no traceback)."""
    start = time.perf_counter()
    out = Outcome(job.phase, job.index, job.source)
    try:
        if job.data is None and job.phase != "edition" and not (job.streams or job.in_parts):
            # never read a file of the client (but the text a local encode job streams)
            raise TeieditionError(f"{job.source}: error: internal error (a job without its "
                                  "input)")
        if job.phase == "encode":
            _encode_job(job, out)
        elif job.phase == "publish":
            _publish_job(job, out)
        else:
            from .assemble import _edition_job

            _edition_job(job, out)
    except OutputError as err:
        out.error, out.fatal, out.exit_code, out.exception = str(err), True, err.exit_code, err
    except TeieditionError as err:
        out.error, out.exit_code, out.exception = str(err), err.exit_code, err
    except MemoryError:
        out.error, out.exit_code = f"{job.source}: error: out of memory", 2
    except Exception as err:  # a bug in a stage: report it for this document, go on
        out.error = f"{job.source or job.phase}: error: internal error " \
                    f"({type(err).__name__}: {err})"
        out.exit_code = 2
    out.seconds = time.perf_counter() - start
    out.pid = os.getpid()
    out.peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return out


def run_job_with_register(job: Job, register: RegisterSnapshot) -> Outcome:
    """``run_job`` with the register given apart (Dask sends it to each worker once)."""
    job.register = register
    return run_job(job)


def _encode_job(job: Job, out: Outcome) -> None:
    reg = _register_snapshot(job.register) if job.entities else None
    name = Path(job.source).name
    try:
        result = (_encode_spooled if job.streams else _encode_in_memory)(job, out, reg)
    except TeieditionError as err:
        # the encoder knows the text by its file name only (the TEI must not depend on the
        # folder); the message names it as the build found it, like the TEI jobs' messages
        if err.path == name:
            err.path = job.source
        raise
    out.mentions = list(result.mentions)
    out.warnings = [f"{job.source}: warning: {w}" for w in result.warnings]


def _encode_in_memory(job: Job, out: Outcome, reg: Any):  # noqa: ANN202, ANN401
    """Encode the text the job carries; its TEI goes back to the client in ``out.files``."""
    from ..encode import encode, source, tei

    assert job.data is not None
    # the streaming encoder, its TEI made as UTF-8 bytes (the job returns them to the client,
    # which writes them): no tree, about 1.6 bytes of TEI per byte of text
    tei_bytes = bytearray()

    def write(piece: str) -> None:
        tei_bytes.extend(piece.encode("utf-8"))

    result = encode(source.reader(job.data, Path(job.source).name), write, register=reg,
                    entities=job.entities, config=job.config)
    tei_bytes[0:0] = result.head.encode("utf-8")  # the header, made last, goes first
    tei_bytes += tei.END.encode("utf-8")
    out.files[f"tei/{job.stem}.xml"] = tei_bytes  # type: ignore[assignment]
    return result


def _encode_spooled(job: Job, out: Outcome, reg: Any):  # noqa: ANN202, ANN401 - a Register
    """Encode the text from its file into a temporary file in ``job.spool`` (see ``Job``):
    memory bounded by the streaming encoder, whatever the text's size."""
    from .encoding import encode_part, open_source

    path = Path(job.path or job.source)
    rel = f"tei/{job.stem}.xml"
    result, part, sha = encode_part(open_source(path, Path(job.source).name),
                                    Path(job.spool) / Path(rel).name, reg,
                                    job.entities, job.config)
    out.spooled[rel] = (str(part), sha)
    return result


def _check_and_validate(job: Job, out: Outcome):  # noqa: ANN202 - lxml tree
    """Parse (hardened), require TEI P5 (or a teiCorpus), validate; our TEI must be valid,
    others' may warn. The tree as read: a corpus stays a corpus."""
    from ..publish.html import _check_tei
    from ..xml import parse_bytes, require_tei

    assert job.data is not None
    name = job.tei
    tree = parse_bytes(job.data, name, *_read_limit(job))
    if not corpus.is_corpus(tree):
        require_tei(tree, name, source=job.data)  # where the root is, from the job's bytes
        _check_tei(tree, name)
    if job.validate:
        _validate(job, out, tree, name)
    return tree


def _corpus_pages(job: Job, out: Outcome) -> None:
    """The HTML page of each TEI of a corpus, on the page the client named for it
    (``Job.pages``, in the order of ``corpus.members``), read from the job's bytes as a
    stream (``corpus.stream_docs``): one TEI and its page in memory at a time, each within
    one HTML text's limit, as the html command splits a corpus. Each TEI as the stream hands
    it on (the whole corpus passed the hardened parse in ``_check_and_validate``): not
    serialised and parsed again, and its lines, in messages, are those of the corpus's file.
    A corpus with a DOCTYPE is parsed whole (its entities are the hardened parser's)."""
    from ..limits import MAX_HTML_BYTES
    from ..publish.html import _check_tei
    from ..xml import parse_bytes, serialize, too_large

    assert job.data is not None
    n = 0

    def changed(count: int) -> TeieditionError:  # the file changed since the client read it
        return TeieditionError(f"{job.tei}: error: the corpus changed while it was built "
                               f"({count} TEI, {len(job.pages)} expected); build again")

    def page(stem: str, doc: Any) -> None:  # noqa: ANN401 - an lxml tree
        nonlocal n
        if n >= len(job.pages):
            raise changed(n + 1)
        size = len(serialize(doc))  # the size the html command's spool would hold
        if size > MAX_HTML_BYTES:
            raise too_large(size, job.tei, MAX_HTML_BYTES, _html_purpose())
        _check_tei(doc, job.tei)
        _html_page(job, out, job.pages[n], doc.getroot())
        n += 1

    if corpus.stream_docs(job.tei, Path(job.tei).stem, page, data=job.data) is None:
        tree = parse_bytes(job.data, job.tei)
        for stem, doc in corpus.members(tree, Path(job.tei).stem, job.tei):
            page(stem, doc)
    if n != len(job.pages):
        raise changed(n)


def _validate(job: Job, out: Outcome, tree: Any, name: str) -> None:  # noqa: ANN401
    """Validate against the project schema: our TEI must be valid, others' may warn; a
    TEI too large to parse whole (``tree`` None, ``Job.in_parts``) from its file, in parts."""
    from ..validate import validate_tree
    from ..validate_parts import validate_parts

    register = _register_file(job.register) if job.register else False
    if tree is None:
        problems = validate_parts(name, "project", register=register, lookup=False)
    else:
        assert job.data is not None
        problems = validate_tree(tree, name, "project", register=register, source=job.data,
                                 lookup=False)
    if register:  # the worker's copy of the register is the client's file in messages
        from dataclasses import replace

        here, name_ = str(register), job.register.name
        problems = [replace(p, message=p.message.replace(here, name_)) for p in problems]
    errors = [p for p in problems if p.severity == "error"]
    out.warnings += [str(p) for p in problems if p.severity != "error"]
    if errors:
        foreign = job.kind == "tei"
        if foreign and not job.strict:
            out.warnings.append(f"{name}: warning: {len(errors)} problem(s) against the project "
                                f"schema (TEI from elsewhere is published as it is; first: "
                                f"{errors[0].message}; --strict makes this an error)")
        else:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise InvalidDocument(f"{errors[0]}{more}".split(": error: ", 1)[-1],
                                  path=errors[0].path, line=errors[0].line,
                                  column=errors[0].column)


def _publish_job(job: Job, out: Outcome) -> None:
    with collector_paused():
        _publish(job, out)


def _publish(job: Job, out: Outcome) -> None:
    from ..publish.pdf import EARLY_XSLT_BYTES, xslt_started_early

    # a long text alone on the cores: its stylesheet compiles in a child while it is read
    with xslt_started_early(job.pdf and not job.gate and job.size >= EARLY_XSLT_BYTES):
        _publish_text(job, out)


def _publish_text(job: Job, out: Outcome) -> None:
    from lxml import etree

    if job.in_parts:
        with timed(out.stages, "validate in parts"):
            _validate(job, out, None, job.tei)
        return
    with timed(out.stages, "parse, check, validate"):
        tree = _check_and_validate(job, out)
    out.refs = sorted({r[1:] for v in tree.getroot().xpath("//@ref") for r in str(v).split()
                       if r.startswith("#")})
    reg_xml = _register_xml(job.register)
    # the one register lookup: the text's own entries before the edition's register (for
    # TEI of ours the copy is the register's, refreshed by the build: nothing to merge)
    own = job.kind != "text" and bool(own_entries(tree.getroot()))
    if own:
        reg = effective_register([tree.getroot()],
                                 [etree.fromstring(reg_xml)] if reg_xml else [])
        reg_xml = etree.tostring(reg, encoding="unicode") if reg is not None else ""
    # the PDF first: in a worker that has not run Saxon yet, publish.pdf runs the print
    # stylesheet of a long text in a child process, so Saxon's heap and Typst's layout are
    # never in memory at once
    if job.pdf:
        from ..publish.pdf import check_size, render

        book = tree
        if corpus.is_corpus(tree):  # a corpus is one book: its TEI as parts
            from ..publish.html import _check_tei

            # the corpus's elements move into the book (its HTML is made from the bytes)
            book = corpus.as_one(tree, job.tei, keep=False)
            _check_tei(book, job.tei)
        check_size(book, job.tei)  # refused with the path as given, before any work
        with timed(out.stages, "PDF (print stylesheet, Typst)"):
            done = render(book, register_xml=reg_xml, paper=job.paper, pdfa=job.pdfa,
                          source_name=Path(job.tei).name,
                          figures=job.figures, gate=job.gate or None)
        out.files[f"{PDF_DIR}/{job.stem}.pdf"] = done.pdf
        if job.keep_source:
            out.files[f"{PDF_DIR}/{job.stem}.typ"] = done.source.encode("utf-8")
        out.warnings += [f"{job.tei}: warning: {w}" for w in done.warnings]
        del book, done
    if job.html and corpus.is_corpus(tree):  # its TEI one at a time, from the job's bytes
        del tree
        _corpus_pages(job, out)
    elif job.html:
        _html_page(job, out, job.page, tree.getroot())


def _html_page(job: Job, out: Outcome, name: str, root: Any) -> None:  # noqa: ANN401
    """The HTML page ``name`` of one TEI and its search part."""
    from lxml import etree

    from ..publish.html import edition_xml, nfc

    with timed(out.stages, "serialise for Saxon"):
        # the one register lookup: the text's own entries first (TEI of others; ours carry
        # the register's own entries, refreshed by the build)
        own = own_entries(root) if job.kind != "text" else []
        reg_xml = _register_xml(job.register) if own else ""
        reg = (effective_register([root], [etree.fromstring(reg_xml)] if reg_xml else [])
               if own else _register_for(job.register, root))
        xml = edition_xml([(name, root)], reg, job.title)
    page, card, mentions, anchors = _text_page_parts(
        xml, job.edition_size, job.search, lambda stage: timed(out.stages, stage))
    del xml
    out.files[f"{HTML_DIR}/{name}"] = nfc(page).encode()
    with timed(out.stages, "search part (passages' text, words)"):
        header = etree.tostring(_header_only(root), encoding="unicode")
        entries = _entries_beyond(own, reg_xml)
        # the passages and their words only for the search in shards (Pagefind reads the
        # pages; "no" has no index): else the part is the head the edition pages need
        out.files[f"{SEARCH_DIR}/{name}{PART}"] = text_search_part(
            anchors, root, card, header, mentions, entries) if job.search == "yes" else \
            search_part([], [], card, header, mentions, entries)


def _entries_beyond(own: list[tuple[str, Any]], reg_xml: str) -> str:
    """Of the entries a TEI carries in its own standOff (``own``: list name, entry), those
    the edition's register lacks, as a TEI document of lists ("" where there are none): its
    page links them, so the edition's register pages must list them too."""
    from lxml import etree

    from .. import TEI_NS, XML_NS

    if not own:
        return ""
    known = set(etree.fromstring(reg_xml).xpath("//@xml:id")) if reg_xml else set()
    tei = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    so = etree.SubElement(tei, f"{{{TEI_NS}}}standOff")
    lists: dict[str, Any] = {}
    for kind, e in own:
        if e.get(f"{{{XML_NS}}}id") not in known:
            if kind not in lists:
                lists[kind] = etree.SubElement(so, f"{{{TEI_NS}}}{kind}")
            lists[kind].append(copy.deepcopy(e))
    return etree.tostring(tei, encoding="unicode") if lists else ""


def _header_only(el):  # noqa: ANN001, ANN202 - lxml elements
    """A copy of the TEI root (its attributes: language) with its teiHeader only."""

    from lxml import etree

    new = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    header = el.find("{http://www.tei-c.org/ns/1.0}teiHeader")
    if header is not None:
        new.append(copy.deepcopy(header))
    return new
