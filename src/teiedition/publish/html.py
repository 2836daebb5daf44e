"""TEI -> a static HTML reading edition (text pages, index, registers, search).

Every input is parsed once with the hardened parser; the parsed trees are joined into one
``<te:edition>`` document that Saxon receives as a string (never a path), and the stylesheet
``html/edition.xsl`` (compiled once per process) returns every page as a (name, content) pair
in one transformation (pages are put into NFC here). The search passages' reading text comes
from the parsed trees (``search_texts``), paired with the anchors the stylesheet lists in
``teiedition.build.search``. We write each file under a temporary name
inside the output directory and rename it into place, so a reader or an interrupted build
never sees half a page, and no name derived from the input can leave the output directory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from ..errors import InputError, TeieditionError
from ..output import atomic_write, inside
from ..xml import require_tei
from . import xslt
from .xslt import check_limits

TEI_NS = "http://www.tei-c.org/ns/1.0"
EDITION_NS = "urn:teiedition"
STYLESHEET = "html/edition.xsl"
BUILD = "{urn:teiedition}build"
FRAGMENT = "{urn:teiedition}fragment"

#: Why a text is refused above ``limits.MAX_HTML_BYTES`` (Saxon holds it and its page).
PURPOSE = " for one text of the HTML edition"

#: Names the edition itself uses; a text whose stem is one of them gets a suffix.
RESERVED = frozenset({"index", "persons", "organisations", "places", "journals", "search",
                      "search-index", "assets"})
# the process umask, for the mode of written files (reading it means setting it once)
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")


def page_name(stem: str, taken: set[str]) -> str:
    """A safe, unique ``.html`` file name from a TEI file's stem.

    Only ASCII letters, digits, ``-``, ``_`` survive (so no ``../``, no separators, no
    control or shell characters); reserved and already used names get a numeric suffix.
    """
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:100] or "text"
    name, n = base, 1
    while name.lower() in RESERVED or name.lower() in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name.lower())
    return f"{name}.html"


def _check_tei(tree: etree._ElementTree, path: str | None) -> etree._Element:
    """A TEI P5 document that Saxon can read, or a one-line error."""
    root = require_tei(tree, path)
    check_limits(root, path)
    return root


#: The number of a paragraph in its TEI document (the te:p-count accumulator's value), as an
#: attribute of the copy Saxon reads: looked up there, it costs a seventh of what the
#: accumulator costs in a text's page (Saxon computes accumulators slowly).
P_NUMBER = "te-n"


def _numbered(root: etree._Element) -> list[tuple[etree._Element, str | None]]:
    """Give each paragraph that te:p-count counts (a p inside a text, not inside a note) its
    number in ``P_NUMBER``, counting from each TEI element on as the accumulator does; return
    what the attribute held before (a TEI document may have one of its own)."""
    changed: list[tuple[etree._Element, str | None]] = []
    n = 0
    tei = f"{_T}TEI"
    for el in _COUNTED(root):
        if el.tag == tei:
            n = 0
            continue
        n += 1
        changed.append((el, el.get(P_NUMBER)))
        el.set(P_NUMBER, str(n))
    return changed


_COUNTED = etree.XPath("descendant-or-self::t:TEI | descendant::t:text//t:p[not(ancestor::t:note)]",
                       namespaces={"t": TEI_NS})


def tei_xml(root: etree._Element) -> str:
    """A TEI document as Saxon reads it for the HTML stylesheets: with its paragraphs'
    numbers (``P_NUMBER``); the tree itself is left as it was."""
    changed = _numbered(root)
    try:
        return etree.tostring(root, encoding="unicode", with_tail=False)
    finally:
        for el, old in changed:
            if old is None:
                del el.attrib[P_NUMBER]
            else:
                el.set(P_NUMBER, old)


def edition_xml(texts: Sequence[tuple[str, etree._Element]],
                register: etree._Element | None = None, title: str | None = None) -> str:
    """The ``<te:edition>`` document (as text) that ``edition.xsl`` reads."""
    parts = [f'<te:edition xmlns:te="{EDITION_NS}"']
    if title:
        parts.append(f" title={quoteattr(title)}")
    parts.append(">")
    for file, root in texts:
        parts.append(f"<te:text file={quoteattr(file)}>")
        parts.append(tei_xml(root))
        parts.append("</te:text>")
    if register is not None:
        parts.append("<te:register>")
        parts.append(etree.tostring(register, encoding="unicode", with_tail=False))
        parts.append("</te:register>")
    parts.append("</te:edition>")
    return "".join(parts)


_T = "{" + TEI_NS + "}"
_DIVS = frozenset(f"{_T}div{n}" for n in ("", 1, 2, 3, 4, 5, 6, 7))
_UNITS = (f"{_T}p", f"{_T}l", f"{_T}head", f"{_T}titlePage")
#: te:plain (xslt/common/common.xsl): skipped, a line end (unless break="no"), a block
_PLAIN_SKIP = frozenset({f"{_T}note", f"{_T}teiHeader", f"{_T}fw"})
_PLAIN_LB = f"{_T}lb"
_PLAIN_BLOCKS = frozenset(f"{_T}{n}" for n in (
    "p", "l", "head", "item", "label", "lg", "div", "titlePart", "docAuthor", "docDate", "cell"))


def _plain(el: etree._Element, out: list[str]) -> None:
    tag = el.tag
    if tag in _PLAIN_SKIP:
        return
    if tag == _PLAIN_LB and el.get("break") != "no":
        out.append(" ")
        return
    block = tag in _PLAIN_BLOCKS
    if block:
        out.append(" ")
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            _plain(child, out)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append(" ")


def normalize_space(text: str) -> str:
    """``text`` with white space normalised as XPath's normalize-space() does (spaces, tabs,
    line ends only)."""
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    return " ".join(filter(None, text.split(" ")))


def plain(el: etree._Element) -> str:
    """The reading text of an element as the stylesheets' ``te:plain`` makes it: notes and the
    header left out, a space for each line end and around blocks, white space normalised as
    XPath's normalize-space() does (spaces, tabs, line ends only)."""
    out: list[str] = []
    _plain(el, out)
    return normalize_space("".join(out))


def raw_search_texts(tei: etree._Element) -> list[str]:
    """``search_texts`` before white space is normalised (it has the same words: only white
    space differs, and white space only separates words)."""
    out = []
    for text in tei.iterchildren(f"{_T}text"):
        for el in text.iter(*_UNITS):
            tag = el.tag
            if tag == _UNITS[0]:
                if next(el.iterancestors(f"{_T}note"), None) is not None:
                    continue
                if not len(el):  # a paragraph of text alone (most are): its text
                    out.append(el.text or "")
                    continue
            elif tag == _UNITS[2] and el.getparent().tag not in _DIVS:
                continue
            parts: list[str] = []
            _plain(el, parts)
            out.append("".join(parts))
    return out


def search_texts(tei: etree._Element) -> list[str]:
    """The reading text of each passage a search result can point at, in document order:
    the units of ``te:search-units`` (xslt/html/search.xsl), whose anchors the stylesheet
    lists in the same order; white space normalised as ``normalize_space`` does."""
    return normalize_spaces(raw_search_texts(tei))


_SPACES = re.compile(" {2,}")


def normalize_spaces(texts: list[str]) -> list[str]:
    """``normalize_space`` of each text, on all of them at once (three times faster: the
    passages are joined with NUL, which XML text cannot hold)."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):  # a NUL after all (not from XML)
        return [normalize_space(t) for t in texts]
    joined = _SPACES.sub(" ", joined.replace("\n", " ").replace("\t", " ").replace("\r", " "))
    return [t.strip(" ") for t in joined.split("\x00")] if texts else []


def nfc(text: str) -> str:
    """``text`` in Unicode NFC (pages are; the check is quick, the normalising rare)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def render(texts: Sequence[tuple[str, etree._Element]],
           register: etree._Element | None = None, title: str | None = None,
           search: bool = True) -> list[tuple[str, str]]:
    """Every page of the edition as (file name, content) in one transformation; no file is
    written. For previews and tests: the search index is made by the build's engine
    (``build_html``), from each text's part; ``search=False`` leaves out the search page and
    box.
    """
    doc = xslt.parse_text(edition_xml(texts, register, title))
    out = xslt.call_template_strings(STYLESHEET, BUILD, doc,
                                     {"{urn:teiedition}search": "yes" if search else "no"})
    if len(out) % 2:
        raise TeieditionError("the HTML stylesheet returned an odd number of items")
    pages = [(name, nfc(content)) for name, content in zip(out[0::2], out[1::2], strict=True)]
    for name, _ in pages:
        if not _SAFE_NAME.match(name) or ".." in name:
            raise TeieditionError(f"the HTML stylesheet produced an unsafe file name {name!r}")
    return pages


def render_fragment(tei: etree._Element | etree._ElementTree,
                    register: etree._Element | etree._ElementTree | None = None) -> str:
    """The HTML of one TEI document's <text>, without the page around it (for tests and
    previews)."""
    root = tei.getroot() if isinstance(tei, etree._ElementTree) else tei
    reg = register.getroot() if isinstance(register, etree._ElementTree) else register
    doc = xslt.parse_text(edition_xml([("fragment.html", root)], reg))
    return nfc("".join(xslt.call_template_strings(STYLESHEET, FRAGMENT, doc)))


def write_atomic(out_dir: Path, name: str, data: bytes) -> Path:
    """Write ``out_dir/name`` via a temporary file and rename; refuse to leave ``out_dir``."""
    target = inside(out_dir, name)
    atomic_write(target, data)
    return target


def build_html(tei_paths: Sequence[str | Path], out_dir: str | Path,
               register: str | Path | None = None, title: str | None = None,
               search: bool | str = True, jobs: int | None = 1) -> list[Path]:
    """Build the HTML edition of ``tei_paths`` into ``out_dir``; return the files written.

    ``register`` is the edition's register (``tei/register.xml``): a TEI document with
    listPerson/listOrg/listPlace (and listBibl for journals) that the texts' ``@ref`` point
    into. ``search``: True or "yes" (the search in shards, works from ``file://``),
    "pagefind" (Pagefind's index, for a server), False or "no" (no search page or index).
    Each TEI of a teiCorpus is a text of its own (a single corpus's title is the edition's).
    The build's engine does the work (``teiedition.build.publish``): ``jobs`` worker
    processes (``None``: the cores; 1: in this process).
    """
    from ..build.publish import publish

    mode = ("yes" if search else "no") if isinstance(search, bool) else search
    if mode not in ("yes", "pagefind", "no"):
        raise InputError(f"unknown search {search!r} (yes, pagefind or no)")
    return publish(tei_paths, out_dir, html=True, register=register, title=title,
                   search=mode, jobs=jobs, names=page_name)


__all__ = ["build_html", "render", "render_fragment", "page_name", "edition_xml",
           "write_atomic"]
