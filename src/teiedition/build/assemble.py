"""Assemble: the pages about the whole edition (index, register pages, search page, search
index, assets) from what the publish jobs left for each text."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import TeieditionError
from ..manifest import FileRecord, sha256_file
from ..output import (
    atomic_writer,
)
from ..resources import xslt_path
from .discover import HTML_DIR, SEARCH_DIR
from .jobs import Job, Outcome, _record
from .register import _register_xml
from .search import PART, _Part, merge_search
from .stylesheet import _call_html


def _edition_job(job: Job, out: Outcome) -> None:
    """index.html, the register pages, search.html, search-index.js and the assets.

    The index and the register pages are made of what the workers rendered for each text
    (its card, its mentions of register entries) and the texts' headers, all kept in the
    texts' search parts: the edition step reads no TEI, and holds one card, header and list
    of mentions per text, not the texts.
    """
    from xml.sax.saxutils import quoteattr

    from ..publish.html import nfc

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
