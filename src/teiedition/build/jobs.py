"""Run: the per-document tasks (encode one text, validate and publish one TEI) as plain
functions of picklable job records, so the same tasks run in-process, in worker processes
or on Dask. A job never raises: its errors come back in its ``Outcome``."""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidDocument, TeieditionError
from ..manifest import FileRecord, sha256_bytes, sha256_file
from ..memory import collector_paused
from ..output import (
    OutputError,
    atomic_write,
)
from .discover import HTML_DIR, PDF_DIR, SEARCH_DIR
from .encoding import read_source
from .register import _register_for, _register_snapshot, _register_xml
from .search import PART, text_search_part
from .stylesheet import _text_page_parts


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
            from .assemble import _edition_job

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


def _encode_job(job: Job, out: Outcome) -> None:
    from ..encode import encode_bytes
    from ..xml import serialize

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


def _check_and_validate(job: Job, out: Outcome):  # noqa: ANN202 - lxml tree
    """Parse (hardened), require TEI P5, validate; our TEI must be valid, others' may warn."""
    from ..limits import MAX_HTML_BYTES, MAX_XML_BYTES
    from ..publish.html import PURPOSE as HTML_PURPOSE
    from ..publish.html import _check_tei
    from ..validate import validate_tree
    from ..xml import parse_file

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
        from ..publish.pdf import render

        done = render(tree, register_xml=reg_xml, paper=job.paper,
                      source_name=Path(job.tei).name)
        out.written[f"{PDF_DIR}/{job.stem}.pdf"] = _record(root, f"{PDF_DIR}/{job.stem}.pdf",
                                                           done.pdf, deps)
        out.warnings += [f"{job.tei}: warning: typesetting: {w}" for w in done.warnings]
    if job.html:
        from ..publish.html import edition_xml, nfc

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


def _header_only(el):  # noqa: ANN001, ANN202 - lxml elements
    """A copy of the TEI root (its attributes: language) with its teiHeader only."""
    import copy

    from lxml import etree

    new = etree.Element(el.tag, dict(el.attrib), nsmap=el.nsmap)
    header = el.find("{http://www.tei-c.org/ns/1.0}teiHeader")
    if header is not None:
        new.append(copy.deepcopy(header))
    return new
