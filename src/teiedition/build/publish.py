"""Publish TEI as it is: ``teiedition html`` and ``teiedition pdf`` on the build's engine.

They are the build's publish jobs (one text per job: parse, check, HTML page and search part,
or PDF) and, for HTML, its edition job (index, register pages, search), run by the same
executor (``-j N`` worker processes, renewed every ``RECYCLE_BYTES`` of input, so a worker
holds one document and Saxon's heap stays flat in the number of texts); without what only
``build`` needs: no encode step, no manifest, no schema validation (these commands publish TEI
written by others as it is). What the jobs make is written into a hidden staging folder
inside the output folder; only when every job has succeeded are the files moved into place,
so a failed run leaves the output folder as it was (every error is reported,
``FILE:LINE:COL: error: …``). A teiCorpus is a text per TEI in the HTML edition (split here,
each member one job) and one book in print (the job joins it).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import InputError
from ..output import OutputError, ensure_dir, write_staged
from ..publish import admission
from .assemble import assets, edition_texts
from .discover import HTML_DIR, PDF_DIR, SEARCH_DIR
from .executors import RECYCLE_BYTES, LocalExecutor
from .jobs import Job, Outcome, timed
from .register import RegisterSnapshot
from .search import PART, PartJoin


class PublishFailed(InputError):
    """Texts failed: every error, one line each; the exit code of the worst (2: a text
    cannot be read as TEI or published; 1: invalid)."""

    def __init__(self, errors: list[Outcome]) -> None:
        super().__init__("\n".join(o.error or "" for o in errors))
        self.exit_code = max(o.exit_code or 2 for o in errors)

    def __str__(self) -> str:
        return self.message


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _register(files: Sequence[Path], register: str | Path | None
              ) -> RegisterSnapshot | None:
    """The register as the jobs get it, once it is known to be a TEI document Saxon can read
    (a bad register is one error before any text is read): the one lookup every command
    makes (``edition.effective_register``): the edition's ``tei/register.xml``, then
    ``register``; each job puts the text's own entries first."""
    from lxml import etree

    from ..edition import effective_register, register_paths
    from ..manifest import sha256_bytes
    from ..publish.html import _check_tei
    from ..xml import parse_file

    paths = register_paths(files, register)
    roots = [_check_tei(parse_file(r), str(r)) for r in paths]
    if len(roots) <= 1:
        return RegisterSnapshot.of(paths[0]) if paths else None
    data = etree.tostring(effective_register([], roots), encoding="UTF-8")
    return RegisterSnapshot(str(paths[0]), sha256_bytes(data), data)


def _root_is_corpus(path: Path) -> bool:
    """Whether the file's root element is a teiCorpus (read up to the root's start tag, 4 KB
    at a time: the jobs wait for this look at every file; a file that cannot be read so is
    left to its job, which reports why)."""
    from lxml import etree

    from ..xml import file_chunks, pull_events

    try:
        for _, el in pull_events(file_chunks(path, 4096)):
            return el.tag == "{http://www.tei-c.org/ns/1.0}teiCorpus"
    except (etree.XMLSyntaxError, OSError):
        return False
    return False


def _html_texts(paths: list[Path], names: Callable[[str, set[str]], str], spool: Path
                ) -> tuple[list[tuple[str, Path, bytes | None, Path | None]], str | None]:
    """(page, file, its bytes or the file in ``spool`` they were written to, when split
    here) of each text of the HTML edition, and the title of a single corpus: each TEI of a
    teiCorpus is a text of its own. A corpus is read as a stream (``corpus.stream``), each
    TEI written to ``spool`` as it passes, so the corpus is never held whole (and the limit of
    one HTML text applies to each TEI, not to the corpus); one with a DOCTYPE is parsed whole
    (its entities are the hardened parser's) and its TEI held as bytes."""
    from .. import corpus
    from ..limits import MAX_HTML_BYTES
    from ..publish.html import PURPOSE
    from ..xml import parse_file, serialize

    taken: set[str] = set()
    out: list[tuple[str, Path, bytes | None, Path | None]] = []
    title = None
    for path in paths:
        if not _root_is_corpus(path):
            out.append((names(path.stem, taken), path, None, None))
            continue

        def spooled(stem: str, data: bytes, path: Path = path) -> None:
            member = spool / f"{len(out)}.xml"
            write_staged(member, data)
            out.append((names(stem, taken), path, None, member))

        head = corpus.stream(path, path.stem, spooled)
        if head is None:
            tree = parse_file(path, MAX_HTML_BYTES, PURPOSE)
            head = corpus.title(tree.getroot())
            for stem, doc in corpus.members(tree, path.stem, str(path)):
                out.append((names(stem, taken), path, serialize(doc), None))
        if len(paths) == 1:
            title = head or None
    return out, title


def publish(paths: Sequence[str | Path], out_dir: str | Path, *, html: bool,
            register: str | Path | None = None, title: str | None = None,
            search: str = "yes", paper: str = "a4", pdfa: bool = False,
            keep_source: bool = False, jobs: int | None = 1,
            names: Callable[[str, set[str]], str] | None = None,
            warn: Callable[[str], None] | None = None,
            profile: dict[str, list[float]] | None = None) -> list[Path]:
    """Publish ``paths`` into ``out_dir`` as the HTML edition (``html``) or one PDF each;
    return the files written.

    ``jobs``: worker processes (``None``: the cores; 1: in this process, for small editions
    and tests). ``names(stem, taken)`` gives each text its output name (page or PDF stem),
    unique. ``search``: "yes" (the search in shards, from file://), "pagefind" (Pagefind's
    index, over HTTP), "no". ``warn`` hears the jobs' warnings (``FILE: warning: …``, e.g. a
    character no font has); ``profile`` receives the stages: name -> [CPU s, wall s], summed
    over the jobs.
    """
    if not paths:
        raise InputError("no TEI files given")
    named = names or (lambda stem, taken: stem)
    files = [Path(p) for p in paths]
    snapshot = _register(files, register)
    if title is None:  # the edition's (teiedition.toml), as build titles it
        from ..edition import edition_config

        title = edition_config(files).edition_title or None
    texts: list[tuple[str, Path, bytes | None, Path | None]] = []
    if not html:
        taken: set[str] = set()
        texts = [(named(p.stem, taken), p, None, None) for p in files]
    created = not Path(out_dir).exists()
    out = ensure_dir(out_dir)
    workers = default_jobs() if jobs is None else jobs
    stage = Path(tempfile.mkdtemp(prefix=".teiedition-", dir=out))
    # the workers' Typst and Saxon children start when their memory fits (admission.py)
    gate = admission.make_gate(stage) if not html and workers > 1 and len(texts) > 1 else ""
    ok = False
    try:
        if html:  # the TEI of a corpus are spooled into the stage as it is read
            texts, corpus_title = _html_texts(files, named, stage / ".members")
            title = title or corpus_title
        todo = []
        for i, (name, path, data, member) in enumerate(texts):
            try:
                size = len(data) if data is not None else (member or path).stat().st_size
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror}", path=str(path)) from None
            todo.append(Job("publish", i, source=str(path), kind="tei", stem=name, page=name,
                            tei=str(path), register=snapshot, html=html, pdf=not html,
                            paper=paper, edition_size=len(texts), size=size, data=data,
                            validate=False, title=title or "", search=search, pdfa=pdfa,
                            keep_source=keep_source, folder=str(path.parent), gate=gate,
                            member=str(member) if member else ""))
        ex = LocalExecutor(workers)
        # one worker for a large edition too: Saxon's heap then goes with each renewed worker
        alone = workers == 1 and sum(j.size for j in todo) > RECYCLE_BYTES
        made: list[str] = []
        # the search index joins each text's part as it arrives (while the workers render
        # the rest); its shards and search-index.js are written after the edition job
        join = _search_join(stage, [j.page for j in todo], made) \
            if html and search == "yes" else None

        def arrived(t: int, files: dict[str, bytes]) -> None:
            if join is not None:  # the part is joined from memory if it is next
                rel = f"{SEARCH_DIR}/{todo[t].page}{PART}"
                with timed(profile, JOIN_STAGE):
                    kept = join.arrived(t, files.get(rel))
                if kept is not None:
                    files[rel] = kept

        try:
            done = _run(ex, todo, stage, made, isolate=alone, arrived=arrived)
            if html:
                pages = [j.page for j in todo]
                edition = Job("edition", len(todo), register=snapshot, edition_size=len(todo),
                              texts=edition_texts(stage, pages), title=title or "",
                              search=search)
                done += _run(ex, [edition], stage, made, isolate=False)
                for rel, data in assets(search).items():
                    write_staged(stage / rel, data)
                    made.append(rel)
                if join is not None:
                    with timed(profile, JOIN_STAGE):
                        join.finish(done[-1].search_meta)
        finally:
            ex.close()
        for o in done if warn else ():
            for w in o.warnings:
                warn(w)
        top = HTML_DIR if html else PDF_DIR
        rels = [rel for rel in made if rel.startswith(top + "/")]
        if html and search == "pagefind":
            from ..publish.pagefind import index_site

            index_site(stage / top)
            rels += sorted(p.relative_to(stage).as_posix()
                           for p in (stage / top / "pagefind").rglob("*") if p.is_file())
        with timed(profile, "move into place"):
            written = _move_into_place(stage, rels, top, out)
        for o in done if profile is not None else ():
            for name, (cpu, wall) in o.stages.items():
                got = profile.setdefault(name, [0.0, 0.0])
                got[0] += cpu
                got[1] += wall
        ok = True
        return written
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        if created and not ok:  # a failed run leaves no output folder it made
            with contextlib.suppress(OSError):
                out.rmdir()


def _run(ex: LocalExecutor, jobs: list[Job], stage: Path, made: list[str], isolate: bool,
         arrived: Callable[[int, dict[str, bytes]], None] | None = None) -> list[Outcome]:
    """Run the jobs, writing what each made into ``stage`` as it arrives (``made``: their
    paths; ``arrived(index, files)`` is told of each job that succeeded before its files
    are written, and may change what is written);
    the outcomes in the jobs' order. Every failure is reported together once all have run
    (one failure as its own error); an output that cannot be written stops the run.
    """
    done: list[Outcome] = []
    for o in ex.run(jobs, isolate=isolate):
        files, o.files = o.files, {}
        if not o.error:
            try:
                if arrived is not None:
                    arrived(o.index, files)
                for rel, data in files.items():
                    write_staged(stage / rel, data)
                    made.append(rel)
            except OutputError as err:
                o.error, o.fatal, o.exit_code, o.exception = str(err), True, 2, err
        del files
        done.append(o)
        if o.fatal:
            break
    done.sort(key=lambda o: o.index)
    failed = [o for o in done if o.error]
    if len(failed) == 1 and failed[0].exception is not None:
        raise failed[0].exception
    if failed:
        raise PublishFailed(failed)
    return done


#: the profile's stage of the search index's join (``PartJoin``)
JOIN_STAGE = "search index: join the parts, write the shards"


def _search_join(stage: Path, pages: list[str], made: list[str]) -> PartJoin:
    """The join of the search index's files from the texts' parts (``PartJoin``), written
    into the stage (``made``: their paths); no records (``build``'s manifest needs them, not
    these commands)."""
    def write(name: str, data: bytes) -> None:
        rel = f"{HTML_DIR}/{name}"
        write_staged(stage / rel, data)
        made.append(rel)

    return PartJoin([stage / SEARCH_DIR / f"{page}{PART}" for page in pages], write)


def _move_into_place(stage: Path, rels: list[str], top: str, out: Path) -> list[Path]:
    """Rename the files made (``rels``, under ``stage/top``) into ``out`` (the same file
    system: each rename is atomic), in that order."""
    written: list[Path] = []
    folders: set[Path] = set()
    try:
        for rel in rels:
            target = out / rel[len(top) + 1:]
            if target.parent not in folders:  # each folder made once, not once per file
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            os.replace(stage / rel, target)
            written.append(target)
    except OSError as err:
        raise OutputError(f"cannot write the edition: {err.strerror}",
                          path=str(getattr(err, "filename", None) or out)) from None
    return written
