"""Sources → outputs: encode text, validate TEI, publish HTML and PDF — incremental, parallel.

This is the I/O edge of the pipeline. ``build_edition`` plans the work from the manifest
(``teiedition.manifest``), runs per-document tasks on a process pool (or a Dask cluster), and
writes every output atomically. The tasks are plain top-level functions of picklable job
records that carry their input's bytes and the register and return their outputs as bytes,
so the same tasks run in-process (``-j 1``), in worker processes, or on Dask workers that
share no file with the build.

The modules, in the order the build uses them:

- ``discover``: the sources (files as given, folders walked) and the names of their outputs;
- ``plan``: the fingerprints every output depends on, what is stale, what belongs to sources
  that are gone;
- ``jobs`` and ``executors``: the per-document tasks and where they run (in this process, a
  pool of worker processes, or a Dask cluster), with ``register``, ``stylesheet`` and
  ``search`` as what the tasks use (the register as a text sees it, the HTML stylesheet one
  text at a time, the text's part of the search index);
- ``assemble``: the edition pages (index, register pages, search) from the texts' parts;
- ``run``: ``build_edition``, which drives the phases and keeps the manifest and summary;
- ``encoding``: the ``encode`` command's I/O (one text to one TEI file).

Order of work, and why:

1. *encode*: every ``.txt`` source whose TEI is missing or stale becomes ``tei/<stem>.xml``.
   All encoders read the register as it was when the build started (its editor's part only,
   so a build is a fixed point; see ``plan._Evidence``); the parent then adds the
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

from .discover import FORMATS, HTML_DIR, PDF_DIR, SEARCH_DIR, Doc, discover
from .encoding import EncodeReport, encode_file, encode_text, open_source, read_source
from .executors import RECYCLE_BYTES, DaskExecutor, LocalExecutor, chunks
from .jobs import Job, Outcome, run_job
from .run import BuildSummary, build_edition
from .search import _PART_MAGIC, PART, merge_search, search_part, text_search_part

__all__ = [
    "FORMATS", "HTML_DIR", "PART", "PDF_DIR", "RECYCLE_BYTES", "SEARCH_DIR", "_PART_MAGIC",
    "BuildSummary", "DaskExecutor", "Doc", "EncodeReport", "Job", "LocalExecutor", "Outcome",
    "build_edition", "chunks", "discover", "encode_file", "encode_text", "merge_search",
    "open_source", "read_source", "run_job", "search_part", "text_search_part",
]
