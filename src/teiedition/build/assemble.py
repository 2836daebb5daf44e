"""Assemble: the pages about the whole edition (index, register pages, search page, search
index, assets) from what the publish jobs left for each text.

The edition job (in a worker) turns the heads of the texts' search parts (header, card,
mentions) and the register into the HTML pages; the client then writes them, joins the
search parts it holds into the search index (``search-index.js``, its shards and chunks;
one part in memory at a time) and copies the assets."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..errors import TeieditionError
from ..manifest import FileRecord, sha256_bytes
from ..output import atomic_write
from ..resources import xslt_path
from .discover import HTML_DIR, SEARCH_DIR
from .jobs import Job, Outcome, timed
from .register import _register_xml
from .search import PART, _Part, merge_search
from .stylesheet import _call_html


def edition_texts(root: Path, pages: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(page, head of its search part) of each text, for the edition job (client side)."""
    return [(page, _Part.read(root / SEARCH_DIR / f"{page}{PART}", head_only=True).meta)
            for page in pages]


def _edition_job(job: Job, out: Outcome) -> None:
    """index.html, the register pages and search.html, with the search index's metadata.

    The index and the register pages are made of what the workers rendered for each text
    (its card, its mentions of register entries) and the texts' headers: the edition step
    reads no TEI, and holds one card, header and list of mentions per text, not the texts.
    """
    from xml.sax.saxutils import quoteattr

    from ..publish.html import nfc

    reg_xml = _register_xml(job.register)
    beyond = [meta["entries"] for _, meta in job.texts if meta.get("entries")]
    if beyond:  # entries TEI by others carries that the register lacks: listed too
        from lxml import etree

        from ..edition import effective_register

        reg = effective_register([etree.fromstring(x) for x in beyond],
                                 [etree.fromstring(reg_xml)] if reg_xml else [])
        reg_xml = etree.tostring(reg, encoding="unicode")
    title = f" title={quoteattr(job.title)}" if job.title else ""
    doc = [f'<te:edition xmlns:te="urn:teiedition"{title}>']
    for page, meta in job.texts:
        doc.append(f"<te:text file={quoteattr(page)}>{meta['header']}<te:card>{meta['card']}"
                   f"</te:card>{meta['mentions']}</te:text>")
    if reg_xml:
        doc.append(f"<te:register>{reg_xml}</te:register>")
    doc.append("</te:edition>")
    items = _call_html("edition-pages", "".join(doc), job.edition_size, job.search,
                       lambda name: timed(out.stages, name))
    del doc
    pages = dict(zip(items[0::2], items[1::2], strict=True))
    out.search_meta = pages.pop("#search-meta", "")  # none unless the search is in shards
    for name, content in pages.items():
        if name.startswith(".") or "/" in name or "\\" in name:
            raise TeieditionError(f"the HTML stylesheet produced an unsafe file name {name!r}")
        out.files[f"{HTML_DIR}/{name}"] = nfc(content).encode()


def write_search_index(root: Path, pages: list[str], meta_json: str) -> dict[str, FileRecord]:
    """The search index's files from the texts' parts, each written atomically (client
    side); their records by path."""
    written: dict[str, FileRecord] = {}

    def write(name: str, data: bytes) -> None:
        rel = f"{HTML_DIR}/{name}"
        atomic_write(root / rel, data)
        st = (root / rel).stat()
        written[rel] = FileRecord(sha256_bytes(data), st.st_size, st.st_mtime_ns,
                                  source="edition")

    merge_search([root / SEARCH_DIR / f"{page}{PART}" for page in pages], meta_json, write)
    return written


#: the script of each kind of search (the edition gets its own only)
#: the search page's scripts per kind of search (search-page.js: what both share)
SEARCH_SCRIPTS = {"yes": ("search-page.js", "search.js"),
                  "pagefind": ("search-page.js", "search-pagefind.js")}
_ALL_SEARCH_SCRIPTS = {name for names in SEARCH_SCRIPTS.values() for name in names}


def assets(search: str = "yes") -> dict[str, bytes]:
    """The stylesheets and scripts the pages use, by output path (of the search scripts,
    the one of ``search``: "yes", "pagefind" or "no"); ``style.css`` with the quotation
    marks of each language (``quote_css``)."""
    base = xslt_path("html", "assets")
    out = {f"{HTML_DIR}/assets/{a.relative_to(base).as_posix()}": a.read_bytes()
           for a in sorted(p for p in base.rglob("*") if p.is_file())
           if a.name not in _ALL_SEARCH_SCRIPTS or a.name in SEARCH_SCRIPTS.get(search, ())}
    out[f"{HTML_DIR}/assets/style.css"] += quote_css().encode("utf-8")
    return out


@cache
def quote_css() -> str:
    """CSS for ``q`` in every language of ``xslt/common/quote-marks.xml``, the table print
    takes its marks from too (``te:quote-marks``): one rule for both editions."""
    from lxml import etree

    def marks(m: etree._Element) -> str:
        return " ".join('"' + "".join(f"\\{ord(c):04X}" for c in m.get(k, "")) + '"'
                        for k in ("open", "close", "inner-open", "inner-close"))

    table = etree.parse(str(xslt_path("common", "quote-marks.xml"))).getroot()
    rules = ["\n/* quotation marks by language (xslt/common/quote-marks.xml) */"]
    # the default (no languages) first, so that every language's rule comes after it
    for m in sorted(table.iter("marks"), key=lambda m: bool(m.get("langs", "").split())):
        langs = m.get("langs", "").split()
        sel = ", ".join(f":lang({x}) q" for x in langs) if langs else "q"
        rules.append(f"{sel} {{ quotes: {marks(m)}; }}")
    return "\n".join(rules) + "\n"
