"""The build: lock the output root, discover, then each phase planned and run (encode →
publish → edition), with the manifest, log, progress and summary kept as outcomes arrive."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..config import DEFAULT, Config, load_config
from ..edition import CONFIG_NAME
from ..errors import InputError
from ..manifest import DIRNAME, FileRecord, Manifest, fingerprint, sha256_bytes, sha256_file
from ..output import (
    OutputError,
    atomic_write,
    ensure_dir,
    remove_stale_parts,
    rename_part,
)
from ..publish import admission
from .assemble import assets, edition_texts, write_search_index
from .discover import FORMATS, HTML_DIR, PDF_DIR, SEARCH_DIR, Doc, discover
from .executors import DaskExecutor, LocalExecutor
from .jobs import Job, Outcome
from .plan import (
    _dependency_hashes,
    _Deps,
    _Evidence,
    _figures,
    _publish_deps,
    _RegisterView,
    _remove_gone,
)
from .register import RegisterSnapshot, refresh_copies
from .search import PART

Echo = Callable[[str], None] | None

#: the config's and the command line's names of the searches -> the stylesheet's and jobs'
SEARCH_MODES = {"shards": "yes", "pagefind": "pagefind", "none": "no"}


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


def build_edition(sources: Sequence[Path], out_root: Path,
                  formats: Sequence[str] | None = None,
                  echo: Echo = None, *, jobs: int | None = None, keep_going: bool = False,
                  force: bool = False, strict: bool = False, executor: str = "local",
                  scheduler: str | None = None, paper: str | None = None,
                  entities: bool = True, search: str | None = None,
                  verbose: bool = False,
                  progress: bool = False, log: Path | None = None) -> BuildSummary:
    """Build every source (the built-in sample when there are none) into ``out_root``.

    ``formats``: html and/or pdf (TEI is always made for text sources); ``jobs``: worker
    processes (default: the number of cores); ``executor="dask"`` runs the jobs on the Dask
    scheduler at ``scheduler``. ``formats`` and ``paper`` default to the edition config's
    (``teiedition.toml`` in ``out_root``), which also fills the TEI headers and the edition's
    title. ``search`` (shards, pagefind or none; default: the config's) is the HTML
    edition's search: Pagefind indexes the pages when the edition pages are made, so a build
    that changes nothing does not run it. Raises OutputError (exit 2) when outputs cannot be
    written, InputError for a config with errors.
    """
    started = time.perf_counter()
    config = load_config(Path(out_root) / CONFIG_NAME)
    wanted = tuple(formats) if formats is not None else config.formats
    unknown = set(wanted) - set(FORMATS)
    if unknown:
        raise InputError(f"unknown format(s): {', '.join(sorted(unknown))}")
    searching = search or config.search
    if searching not in SEARCH_MODES:
        raise InputError(f"unknown search {searching!r} (shards, pagefind or none)")
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
            _build(docs, root, set(wanted), run, ex, deps, keep_going=keep_going,
                   force=force, strict=strict, paper=paper or config.paper,
                   entities=entities, config=config, search=SEARCH_MODES[searching])
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


def _write(root: Path, job: Job, o: Outcome) -> None:
    """Write what a job made into the client's folders, each file atomically, and record it
    (``o.written``); a file that cannot be written stops the build (``o.fatal``).

    Encoding with ``guard`` (a TEI on disk we did not record): the same bytes are adopted
    (an interrupted build wrote them), other bytes are kept (someone else's, never
    overwritten without --force). The edition also gets the search index, joined here from
    the texts' parts, and the assets.
    """
    if o.error:
        for part, _sha in o.spooled.values():
            Path(part).unlink(missing_ok=True)
        return
    _take_spooled(root, job, o)
    files, o.files = o.files, {}
    source = "edition" if o.phase == "edition" else ""
    if o.phase == "edition":
        files.update(assets(job.search))
    try:
        for rel, data in files.items():
            path = root / rel
            sha = sha256_bytes(data)
            if job.guard and path.exists():
                _adopt_or_keep(path, sha, rel, o)
                continue
            atomic_write(path, data)
            st = path.stat()
            o.written[rel] = FileRecord(sha, st.st_size, st.st_mtime_ns, "", source)
        if o.phase == "edition" and job.search == "yes":
            o.written.update(write_search_index(root, [page for page, _ in job.texts],
                                                o.search_meta))
        elif o.phase == "edition" and job.search == "pagefind":
            o.written.update(_pagefind(root))
    except OutputError as err:
        o.error, o.fatal = str(err), True


def _adopt_or_keep(path: Path, sha: str, rel: str, o: Outcome) -> None:
    """A guarded output whose file exists (a TEI the build has no record of): adopted when
    it already holds these bytes, else kept as it is (the editor's, never overwritten)."""
    if sha256_file(path) == sha:
        st = path.stat()
        o.written[rel] = FileRecord(sha, st.st_size, st.st_mtime_ns)
        o.state = "adopted"
    else:
        o.state, o.mentions = "kept", []


def _pagefind(root: Path) -> dict[str, FileRecord]:
    """Pagefind's index of the HTML edition as it now is (the old index removed first: its
    fragments are named by their content), its files' records by path."""
    import shutil

    from ..publish.pagefind import index_site

    site = root / HTML_DIR
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    index_site(site)
    written: dict[str, FileRecord] = {}
    for p in sorted((site / "pagefind").rglob("*")):
        if p.is_file():
            st = p.stat()
            written[p.relative_to(root).as_posix()] = FileRecord(
                sha256_file(p), st.st_size, st.st_mtime_ns, source="edition")
    return written


def _take_spooled(root: Path, job: Job, o: Outcome) -> None:
    """The TEI a local encode job wrote to a temporary file (``Job.spool``): renamed into
    place, or, with ``guard``, adopted or kept as ``_write`` does with bytes."""
    spooled, o.spooled = o.spooled, {}
    for rel, (part, sha) in spooled.items():
        path, part_path = root / rel, Path(part)
        try:
            if job.guard and path.exists():
                part_path.unlink(missing_ok=True)
                _adopt_or_keep(path, sha, rel, o)
                continue
            rename_part(part_path, path)
            st = path.stat()
            o.written[rel] = FileRecord(sha, st.st_size, st.st_mtime_ns, "", "")
        except OutputError as err:
            o.error, o.fatal = str(err), True
        except OSError as err:
            o.error, o.fatal = f"{path}: error: cannot write: {err.strerror or err}", True
        if o.fatal:
            for p, _ in spooled.values():
                Path(p).unlink(missing_ok=True)
            return


def _run_phase(run: _Run, ex: LocalExecutor | DaskExecutor, jobs: list[Job],
               deps: dict[str, str], keep_going: bool, record: bool = True,
               isolate: bool = False) -> list[Outcome]:
    if not jobs:
        return []
    if run.bar is not None:
        run.bar.total += len(jobs)
        run.bar.refresh()
    outcomes: list[Outcome] = []
    by_index = {j.index: j for j in jobs}
    for o in ex.run(jobs, isolate=isolate):
        _write(run.root, by_index[o.index], o)
        run.take(o, deps, record)
        outcomes.append(o)
        if o.fatal:
            raise OutputError(o.error.split(": error: ", 1)[-1] if o.error else "cannot write",
                              path=o.error.split(": error: ", 1)[0] if o.error else None)
        if o.error and not keep_going:
            run.summary.stopped = True
            break
    return sorted(outcomes, key=lambda o: o.index)


def _build(docs: list[Doc], root: Path, formats: set[str], run: _Run,
           ex: LocalExecutor | DaskExecutor, d: _Deps, *, keep_going: bool, force: bool,
           strict: bool, paper: str, entities: bool, config: Config = DEFAULT,
           search: str = "yes") -> None:
    m = run.manifest
    s = run.summary
    register = root / "tei" / "register.xml"
    _remove_gone(docs, root, run)

    # ---- 1. encode the texts whose TEI is missing or stale
    enc_jobs: list[Job] = []
    enc_deps: dict[str, str] = {}
    enc_base: dict[str, str] = {}
    reg_before = sha256_file(register) if register.exists() else ""
    evidence = _Evidence(m, register, reg_before) if entities else None
    for i, doc in enumerate(docs):
        if doc.kind != "text":
            continue
        rel = doc.tei_rel or ""
        try:
            enc_base[rel] = fingerprint("encode", d.encode, m.hash_input(doc.path), entities,
                                        config.digest())
            want = fingerprint(enc_base[rel], evidence.part(rel, doc.path) if evidence else "")
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
        enc_jobs.append(Job("encode", i, str(doc.path), "text", doc.stem,
                            guard=guard, entities=entities, size=doc.path.stat().st_size,
                            config=config, spool=str(target.parent)))
    snapshot = RegisterSnapshot.of(register) if enc_jobs and entities else None
    for job in enc_jobs:  # all encoders read the register as it was before the phase
        job.register = snapshot
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
    if evidence is not None:  # what each new TEI took from the register: its finer deps
        for o in outcomes:
            if not o.error and o.state != "kept":
                doc = docs[o.index]
                rel = doc.tei_rel or ""
                evidence.learn(rel, {x.ref for x in o.mentions if x.in_register and x.ref})
                o.written[rel].deps = fingerprint(enc_base[rel], evidence.part(rel, doc.path))
    if done:  # ours, not yet done (no deps): a kill before the register is written re-encodes
        for rel, rec in done:
            m.record(rel, FileRecord(rec.sha256, rec.size, rec.mtime_ns))
        m.save(__version__)
    mentions = [x for o in outcomes if not o.error for x in o.mentions]
    if mentions:
        from ..entities.register import load_register, write_register
        from ..xml import serialize

        reg = load_register(register)
        new = reg.update(mentions)
        if serialize(new.tree) != serialize(reg.tree) or not register.exists():
            try:
                write_register(new, register)
            except OSError as err:
                raise OutputError(f"cannot write the register: {err.strerror}",
                                  path=str(register)) from None
            if evidence is not None:  # the same evidence (only ours was added): cache it
                evidence.read(register, sha256_file(register))
    for rel, rec in done:  # now that the register holds their names, the TEI files count
        m.record(rel, rec)
    if evidence is not None:
        evidence.forget(set(m.outputs))
    # every TEI of ours carries the entries it points to, as the register now has them
    if refresh_copies([doc.tei_rel for doc in docs if doc.kind == "text" and doc.tei_rel],
                      root, m, register) or done:
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
    figures: dict[int, str] = {}  # the fingerprint of the images a text prints
    html_size = sum(len(doc.html_pages) for doc in docs)  # a corpus: a text per TEI
    # the config's title, else a lone corpus's titles the edition
    title = config.edition_title or (docs[0].title if len(docs) == 1 else "")
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
        html_rels = [rel for page in doc.html_pages
                     for rel in (f"{HTML_DIR}/{page}", f"{SEARCH_DIR}/{page}{PART}")]
        pdf_rel = f"{PDF_DIR}/{doc.stem}.pdf"
        if want_pdf and doc.kind == "tei":  # (a corpus member's figures are not printed)
            figures[i] = _figures(m, tei, tei_sha, doc.path.parent)
        h, p = _publish_deps(d, doc, tei_sha, reg_view.part(tei_sha), strict, paper, html_size,
                             title, figures.get(i, ""), search)
        common = (tei_sha, reg_sha, doc.kind, strict)
        need_html = want_html and (force or not all(m.output_current(rel, root, h)
                                                    for rel in html_rels))
        need_pdf = want_pdf and (force or not m.output_current(pdf_rel, root, p))
        pub_deps.update({rel: h for rel in html_rels} | {pdf_rel: p})
        # with TEI only, the TEI is still validated (once per content, schema and register)
        valid_key, v = f"#valid:{tei}", fingerprint("valid", d.schema, *common)
        need_valid = not (want_html or want_pdf) and (
            force or getattr(m.outputs.get(valid_key), "deps", None) != v)
        if need_valid:
            validations[i] = (valid_key, FileRecord(tei_sha, 0, 0, v))
        if need_html or need_pdf or need_valid:
            pub_jobs.append(Job("publish", i, str(doc.path), doc.kind, doc.stem, doc.page,
                                str(tei), html=need_html, pdf=need_pdf, strict=strict,
                                paper=paper, edition_size=html_size, size=tei.stat().st_size,
                                pages=list(doc.pages), title=title, config=config,
                                search=search,
                                folder=str(doc.path.parent) if doc.kind == "tei" else ""))
        elif str(doc.path) not in s.built and str(doc.path) not in s.kept:
            s.skipped.append(str(doc.path))
            run.event(event="skipped", phase="publish", source=str(doc.path))
            if run.bar is None and run.echo and run.verbose:
                run.echo(f"up to date: {doc.path}")
    shas = {i: sha for i, _, _, sha in ready}
    if len(reg_view.refs) > 2 * len(docs) + 100:  # forget texts that are long gone
        keep = set(shas.values())
        reg_view.refs = m.notes["refs"] = {k: v for k, v in reg_view.refs.items() if k in keep}
    urls = m.notes.get("figures", {})
    if len(urls) > 2 * len(docs) + 100:
        keep = set(shas.values())
        m.notes["figures"] = {k: v for k, v in urls.items() if k in keep}
    snapshot = RegisterSnapshot.of(register) if pub_jobs and reg_sha else None
    for job in pub_jobs:
        job.register = snapshot
    # the workers' Typst and Saxon children start when their memory fits (admission.py);
    # the gate's folder goes when the build is done with it (or with the object)
    gated = isinstance(ex, LocalExecutor) and ex.jobs > 1 and sum(j.pdf for j in pub_jobs) > 1
    gate_dir = tempfile.TemporaryDirectory(prefix="teiedition-gate-") if gated else None
    gate = admission.make_gate(Path(gate_dir.name)) if gate_dir is not None else ""
    for job in pub_jobs:
        job.gate = gate
    for o in _run_phase(run, ex, pub_jobs, pub_deps, keep_going):
        if not o.error and o.index in validations:
            m.record(*validations[o.index])
        if not o.error and o.refs is not None:  # now the names it uses are known: finer deps
            doc, sha = docs[o.index], shas[o.index]
            reg_view.learn(sha, o.refs)
            h, p = _publish_deps(d, doc, sha, reg_view.part(sha), strict, paper, html_size,
                                 title, figures.get(o.index, ""), search)
            for rel in o.written:
                m.outputs[rel].deps = p if rel.startswith(PDF_DIR) else h
            m.dirty = True
    if gate_dir is not None:
        gate_dir.cleanup()
    if s.stopped or not want_html:
        return

    # ---- 3. the edition pages, from every text that has its HTML page
    texts = [(page, str(tei), tei_sha) for i, doc, tei, tei_sha in ready
             if str(doc.path) not in run.failed_sources for page in doc.html_pages]
    if not texts:
        return
    parts = [m.outputs.get(f"{SEARCH_DIR}/{page}{PART}") for page, _, _ in texts]
    ed = fingerprint("edition", d.html, reg_sha, html_size > 1, title,
                     [(p, sha) for p, _, sha in texts], [r.sha256 if r else "" for r in parts],
                     *((search,) if search != "yes" else ()))
    mine = [rel for rel, rec in m.outputs.items() if rec.source == "edition"]
    if not force and mine and all(m.output_current(rel, root, ed) for rel in mine):
        s.edition = "skipped"
        return
    earlier = {rel: m.outputs.pop(rel) for rel in mine}  # this edition may not make them
    job = Job("edition", len(docs), register=RegisterSnapshot.of(register) if reg_sha else None,
              edition_size=html_size, texts=edition_texts(root, [p for p, _, _ in texts]),
              title=title, config=config, search=search)
    outcome = _run_phase(run, ex, [job], {}, keep_going=True)
    for o in outcome:
        for rel in o.written:
            m.outputs[rel].deps = ed
        if not o.error:  # what the earlier edition made and this one did not: gone (the
            # search of another kind, a register page), unless someone changed it since
            emptied: set[Path] = set()
            for rel, rec in earlier.items():
                with contextlib.suppress(OSError):
                    if rel not in o.written and rec.same_stat((root / rel).stat()):
                        (root / rel).unlink()
                        emptied.add((root / rel).parent)
            for folder in sorted(emptied, key=lambda p: -len(p.parts)):  # (search/, pagefind/)
                with contextlib.suppress(OSError):
                    if folder != root / HTML_DIR:
                        folder.rmdir()  # only if empty
    m.dirty = True
