"""Run: where the jobs run: in this process or a pool of worker processes (``LocalExecutor``),
or on a Dask cluster (``DaskExecutor``); one interface, ``run(jobs) -> outcomes``."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sys
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from ..errors import InputError
from .jobs import Job, Outcome, load_or_fail, run_job, run_job_with_register


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
                ready = load_or_fail(job)
                yield ready if isinstance(ready, Outcome) else run_job(ready)
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
            if fork and any(j.phase == "publish" and j.validate for j in jobs):
                # the compiled schema (0.15 s) is inherited by every worker of every pool,
                # not compiled again after each renewal (lxml is safe to fork; Saxon is not,
                # so each worker still compiles the stylesheet); not for jobs that do not
                # validate (the html and pdf commands: TEI of others as it is)
                from ..validate import load_schema, load_schematron

                load_schema("project")
                load_schematron()
            ctx = mp.get_context("fork" if fork else "forkserver" if os.name == "posix"
                                 else "spawn")
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_worker_init)
        futures, sent = [], []
        for job in jobs:  # the input of one chunk (RECYCLE_BYTES per worker) in memory
            ready = load_or_fail(job)
            if isinstance(ready, Outcome):
                yield ready
                continue
            futures.append(self._pool.submit(run_job, ready))
            sent.append(job)
        try:
            for fut in as_completed(futures):
                try:
                    yield fut.result()
                except BrokenProcessPool:  # a worker was killed (OOM killer, signal)
                    job = sent[futures.index(fut)]
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
        if not abort:
            self._pool.shutdown(wait=True)
            self._pool = None
            return
        # stop the workers now: their files are atomic, the next build resumes
        with _cancelled_futures_quiet():
            for p in list(getattr(self._pool, "_processes", {}).values()):
                with contextlib.suppress(Exception):
                    p.terminate()
            self._pool.shutdown(wait=True)  # after a terminate: the pool sees it is broken
        self._pool = None


@contextlib.contextmanager
def _cancelled_futures_quiet() -> Iterator[None]:
    """While a pool whose pending futures were cancelled (Ctrl-C) is torn down: Python 3.11's
    pool manager thread marks every pending future broken, and a cancelled one raises
    InvalidStateError there, printed as a thread's traceback after "interrupted". Python
    3.12 ignores that error in the same place (``terminate_broken``); so does this."""
    import threading
    from concurrent.futures import InvalidStateError

    before = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if not issubclass(args.exc_type, InvalidStateError):
            before(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = before


#: Bytes at the start of a text that a worker must read as the client does (with its size)
#: before it is trusted to read the text from its path.
PROBE_BYTES = 65536


def _head_digest(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read(PROBE_BYTES)).hexdigest()


def _worker_sees(texts: list[tuple[str, int, str]], spools: list[str],
                 token: str) -> tuple[list[bool], list[str]]:
    """On a worker: which texts (absolute path, size, digest of the first ``PROBE_BYTES``)
    it reads as the client does, and the files it could make in each spool folder (the
    client checks that it sees them: the same file system, not a folder of the same name)."""
    seen = []
    for path, size, digest in texts:
        try:
            seen.append(os.stat(path).st_size == size and _head_digest(path) == digest)
        except OSError:
            seen.append(False)
    made = []
    for folder in spools:
        name = os.path.join(folder, f".{token}-{os.getpid()}-{uuid.uuid4().hex}.probe")
        try:
            with open(name, "xb"):
                pass
            made.append(name)
        except OSError:
            made.append("")
    return seen, made


class DaskExecutor:
    """The same jobs on a Dask distributed cluster.

    A job carries its input and the register snapshot and returns its outputs as bytes, so
    the workers need no shared file system and no particular working directory. The one
    exception is an encode job with a ``spool`` (see ``Job``): where every worker reads the
    text as the client does (its size and first bytes, at its absolute path) and writes into
    the spool folder a file the client then sees, the worker streams the text from its path
    and its TEI into that folder (bounded memory, nothing pickled); else the text and its TEI
    travel as bytes. (Asked of the workers there are when the jobs are sent.)
    A few jobs per worker thread are in flight at a time: the client reads an input just
    before it sends it, and holds the inputs and outputs of those jobs only.
    """

    def __init__(self, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - distributed is a dependency
            raise InputError("--executor dask needs the 'distributed' package") from None
        try:
            self.client = Client(scheduler, set_as_default=False, timeout=10)
        except Exception as err:
            raise InputError(f"cannot connect to the Dask scheduler {scheduler}: {err}") from None

    def _in_flight(self) -> int:
        try:
            threads = sum(self.client.nthreads().values())
        except Exception:  # noqa: BLE001 - a scheduler that does not say: a small window
            threads = 1
        return max(2, 2 * threads)

    def _streaming(self, jobs: Sequence[Job]) -> dict[int, Job]:
        """Job index -> the job as it goes to the workers: with its absolute ``path`` and
        ``spool`` where every worker reads its text and writes into its spool folder as the
        client does (see the class), without ``spool`` where any cannot."""
        out = {j.index: replace(j, spool="") for j in jobs if j.spool}
        texts: list[tuple[str, int, str]] = []
        for j in jobs:
            if not j.streams:
                continue
            path = os.path.abspath(j.input_path())
            try:
                texts.append((path, os.stat(path).st_size, _head_digest(path)))
            except OSError:  # (load_or_fail reports it)
                texts.append((path, -1, ""))
        spools = sorted({os.path.abspath(j.spool) for j in jobs if j.streams})
        if not texts:
            return out
        token = f"teiedition-{uuid.uuid4().hex}"
        try:
            answers = list(self.client.run(_worker_sees, texts, spools, token).values())
        except Exception:  # noqa: BLE001 - workers that cannot tell: bytes, as before
            return out
        visible = set()
        for folder in spools:
            made = [seen[1][spools.index(folder)] for seen in answers]
            if made and all(made) and all(os.path.exists(m) for m in made):
                visible.add(folder)
            for m in made:
                with contextlib.suppress(OSError):
                    if m:
                        os.unlink(m)
        streaming = [j for j in jobs if j.streams]
        for k, j in enumerate(streaming):
            spool = os.path.abspath(j.spool)
            if answers and spool in visible and all(seen[0][k] for seen in answers) \
                    and texts[k][1] >= 0:
                out[j.index] = replace(j, spool=spool, path=texts[k][0])
        return out

    def run(self, jobs: Sequence[Job], isolate: bool = False) -> Iterator[Outcome]:
        from distributed import as_completed

        streaming = self._streaming(jobs)
        todo = iter(sorted(jobs, key=lambda j: -j.size))  # the largest first (see Local)
        sent: dict[Any, Job] = {}
        registers: dict[str, Any] = {}  # the phase's register snapshot, sent to each worker once
        with self.client.as_current():
            done = as_completed([], with_results=False)

            def submit(job: Job) -> Any:  # noqa: ANN401 - a Dask future
                snap = job.register
                if snap is None:
                    return self.client.submit(run_job, job, pure=False)
                if snap.sha not in registers:
                    registers[snap.sha] = self.client.scatter(snap, broadcast=True, hash=False)
                return self.client.submit(run_job_with_register, replace(job, register=None),
                                          registers[snap.sha], pure=False)

            def send() -> Iterator[Outcome]:
                for job in todo:  # (a spool only where the workers see the client's files)
                    ready = load_or_fail(streaming.get(job.index, job))
                    if isinstance(ready, Outcome):
                        yield ready
                        continue
                    fut = submit(ready)
                    sent[fut] = job
                    done.add(fut)
                    return

            try:
                for _ in range(self._in_flight()):
                    yield from send()
                for fut in done:
                    job = sent.pop(fut)
                    try:
                        outcome = fut.result()
                    except Exception as err:  # the worker died: report for its job
                        outcome = Outcome(job.phase, job.index, job.source,
                                          error=f"{job.source or job.phase}: error: Dask task "
                                          f"failed ({err})")
                    fut.release()
                    yield outcome
                    yield from send()
            finally:
                for f in [*sent, *registers.values()]:
                    f.cancel()

    def close(self, abort: bool = False) -> None:
        self.client.close()
