"""Document → TEI P5 tree: the teiHeader with its provenance, and the text woven from
reading text, milestones (lb, pb, fw) and spans (q, soCalled, names, dates)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from lxml import etree

from .. import TEI_NS, XML_NS, __version__
from ..config import DEFAULT, Config
from ..document import Block, Document, Milestone, Span
from .layout import BYLINE

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
RESP_ID = "teiedition"

LANGUAGE_NAMES = {
    "sv": "Swedish", "en": "English", "de": "German", "da": "Danish", "nb": "Norwegian Bokmål",
    "no": "Norwegian", "fi": "Finnish", "fr": "French", "ru": "Russian", "es": "Spanish",
    "it": "Italian", "nl": "Dutch", "pl": "Polish", "is": "Icelandic",
}


def _el(parent: etree._Element | None, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    attrib = {(f"{{{XML_NS}}}{k[4:]}" if k.startswith("xml_") else k): v
              for k, v in attrs.items() if v is not None}
    e = etree.Element(T + tag, attrib, nsmap={None: TEI_NS}) if parent is None else (
        etree.SubElement(parent, T + tag, attrib))
    if text is not None:
        e.text = text
    return e


# -- weaving reading text, milestones and spans ----------------------------------------------
#
# The text of the TEI (hundreds of thousands of lb elements in a book) is written as XML
# text and parsed once: lxml builds the same tree in C, where building it element by
# element from Python costs a proxy object and several calls per element (measured on the
# 9 MB benchmark text: building the TEI 0.68 -> 0.29 s). The header stays built with lxml (a
# few dozen elements). Every value is escaped below, and the XML holds no DTD and no entity
# references, so the parser reads nothing but what we wrote.

_FEED = 4096  # pieces of XML given to the parser at a time


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=True, remove_blank_text=False)
_XML_CLARK = f"{{{XML_NS}}}"


def _esc(s: str) -> str:
    """Text content as XML (a carriage return survives parsing only as a reference)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "\r", "&#13;")


def _text_escape(text: str) -> Callable[[str], str] | None:
    """The escape for the pieces of ``text``: None where it holds nothing to escape."""
    return _esc if ("&" in text or "<" in text or ">" in text or "\r" in text) else None


def _attr_value(s: str) -> str:
    """An attribute value as XML; white space other than spaces as references, so that the
    parser's attribute-value normalisation gives back exactly ``s``."""
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#9;"))


def _attributes(attrs: Iterable[tuple[str, str | None]]) -> str:
    """Attributes as lxml would set them: the last value of a name, in first-seen order;
    None leaves the attribute out; ``xml_id`` or ``{XML_NS}id`` is ``xml:id``."""
    out = []
    for k, v in dict(attrs).items():
        if v is None:
            continue
        if k.startswith("xml_"):
            k = "xml:" + k[4:]
        elif k.startswith(_XML_CLARK):
            k = "xml:" + k[len(_XML_CLARK):]
        out.append(f' {k}="{_attr_value(v)}"')
    return "".join(out)


Escape = Callable[[str], str] | None


_ARABIC = re.compile(r"[0-9]{1,9}")  # a page number the Schematron rule compares


class _Milestones:
    """Milestones and start tags as XML strings, each made once per document: a milestone
    without content is the same string for every one with its tag and attributes (the lb of
    a book: a handful of strings), and so is a span's start tag."""

    def __init__(self) -> None:
        self.empty: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}
        self._starts: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}
        self.page: int | None = None  # the number of the last pb written, where numeric
        self.unlabelled: list[str] = []  # page numbers left off because they did not increase

    def _in_order(self, m: Milestone) -> Milestone:
        """A pb whose number does not increase on the one before keeps its place but loses
        its ``@n``: the page model read a number that was not the page's (a margin line
        number, a misread head), and the label would make the TEI contradict itself (the
        Schematron rule pages-in-order compares each numbered pb with the one before)."""
        n = next((v for k, v in m.attrs if k == "n"), "")
        if not _ARABIC.fullmatch(n):
            self.page = None
            return m
        if self.page is not None and int(n) <= self.page:
            self.unlabelled.append(n)
            self.page = None
            return replace(m, attrs=tuple(kv for kv in m.attrs if kv[0] != "n"))
        self.page = int(n)
        return m

    def xml(self, m: Milestone) -> str:
        if m.tag == "pb":
            m = self._in_order(m)
        if m.content is None:
            key = (m.tag, m.attrs)
            x = self.empty.get(key)
            if x is None:
                x = self.empty[key] = f"<{m.tag}{_attributes(m.attrs)}/>"
            return x
        if not m.content:  # as the serialiser writes an empty element
            return f"<{m.tag}{_attributes(m.attrs)}/>"
        return f"<{m.tag}{_attributes(m.attrs)}>{_esc(m.content)}</{m.tag}>"

    def start(self, tag: str, attrs: tuple[tuple[str, str], ...]) -> str:
        key = (tag, attrs)
        x = self._starts.get(key)
        if x is None:
            x = self._starts[key] = f"<{tag}{_attributes(attrs)}>"
        return x


def _emit(out: list[str], text: str, start: int, end: int, milestones: Sequence[Milestone],
          inclusive_end: bool, esc: Escape, ms: _Milestones) -> None:
    """Text ``[start, end)`` with the milestones that fall in it (``end`` too if inclusive)."""
    pos = start
    for m in milestones:
        if m.offset < start or m.offset > end or (
                m.offset == end and not inclusive_end and not m.inside):
            continue
        chunk = text[pos:m.offset]
        if chunk:
            out.append(chunk if esc is None else esc(chunk))
        pos = m.offset
        out.append(ms.xml(m))
    chunk = text[pos:end]
    if chunk:
        out.append(chunk if esc is None else esc(chunk))


def _weave_plain(out: list[str], text: str, milestones: Sequence[Milestone],
                 esc: Escape, ms: _Milestones) -> None:
    """``weave`` for text without spans: milestones in order, text between them."""
    pos = 0
    append = out.append
    empty = ms.empty
    for m in milestones:
        off = m.offset
        chunk = text[pos:off]
        if chunk:
            append(chunk if esc is None else esc(chunk))
        x = empty.get((m.tag, m.attrs)) if m.content is None and m.tag != "pb" else None
        append(ms.xml(m) if x is None else x)
        pos = off
    chunk = text[pos:]
    if chunk:
        append(chunk if esc is None else esc(chunk))


def weave(out: list[str], text: str, spans: Sequence[Span], milestones: Sequence[Milestone],
          esc: Escape, ms: _Milestones, start: int = 0, end: int | None = None,
          inclusive_end: bool = True, first: Sequence[Milestone] = ()) -> None:
    """Write ``text[start:end]`` as XML into ``out`` with nested span elements and milestones.

    Spans must nest (no two cross). A milestone at a span's edge falls outside the span,
    unless it is marked ``inside``; ``first`` are such milestones at the span's start.
    """
    end = len(text) if end is None else end
    if not spans and not first and start == 0 and end == len(text):
        _weave_plain(out, text, milestones, esc, ms)  # the common case: no markup
        return
    for m in first:
        out.append(ms.xml(m))
    milestones = [m for m in milestones if m not in first]
    ordered = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, -s.end))
    pos = start
    i = 0
    while i < len(ordered):
        top = ordered[i]
        inner = []
        j = i + 1
        while j < len(ordered) and ordered[j].start < top.end:
            inner.append(ordered[j])
            j += 1
        inside: list[Milestone] = []
        before: list[Milestone] = []
        after: list[Milestone] = []
        for m in milestones:  # one pass: before the span, inside it, after it
            if top.start < m.offset < top.end or (m.inside and m.offset in (top.start, top.end)):
                inside.append(m)
            elif m.offset <= top.start:
                before.append(m)
            else:
                after.append(m)  # a milestone exactly at top.end: emitted after the span
        _emit(out, text, pos, top.start, before, True, esc, ms)
        out.append(ms.start(top.tag, top.attrs))
        weave(out, text, inner, inside, esc, ms, top.start, top.end, inclusive_end=False,
              first=[m for m in inside if m.offset == top.start])
        out.append(f"</{top.tag}>")
        pos = top.end
        i = j
        milestones = after
    _emit(out, text, pos, end, milestones, inclusive_end, esc, ms)


def block_element(block: Block, tag: str, ms: _Milestones, start: str | None = None,
                  **attrs: str | None) -> tuple[list[str], str]:
    """``block`` as element ``tag`` (XML), and the page milestones at its very start, which
    go before it. ``start``: the start tag as XML, where the caller has it."""
    before = [m for m in block.milestones if m.offset == 0 and m.tag in ("pb", "fw")]
    rest = [m for m in block.milestones if m not in before] if before else block.milestones
    pre = [ms.xml(m) for m in before]  # first: milestones are written in document order
    head = start or f"<{tag}{_attributes(attrs.items())}>"
    out = [head]
    weave(out, block.text, block.spans, rest, _text_escape(block.text), ms)
    if len(out) == 1:  # no content: as the serialiser writes an empty element
        return pre, head[:-1] + "/>"
    out.append(f"</{tag}>")
    return pre, "".join(out)


# -- the header --------------------------------------------------------------------------------

def _build_date() -> str | None:
    """The revision date: only from SOURCE_DATE_EPOCH, so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return None


def header(doc: Document, decisions: dict[str, str],
           parent: etree._Element | None = None, config: Config = DEFAULT,
           resps: Sequence[etree._Element] = ()) -> etree._Element:
    """The teiHeader: what the text says about itself (titles, author, translator, source),
    what the edition config says about the edition (``config``: editors, edition title,
    publication, licence), and how it was encoded; ``resps``: respStmts of the register that
    the entries the document carries name (their ``@resp``)."""
    meta = doc.metadata
    h = _el(parent, "teiHeader")
    fd = _el(h, "fileDesc")
    ts = _el(fd, "titleStmt")
    _el(ts, "title", meta.get("title") or doc.source_name, type="main")
    if meta.get("subtitle"):
        _el(ts, "title", meta["subtitle"], type="sub")
    if meta.get("author"):
        _el(ts, "author", meta["author"])
    if meta.get("translator"):
        rs = _el(ts, "respStmt")
        _el(rs, "resp", "translation")
        _el(rs, "name", meta["translator"])
    for editor in config.editors:
        rs = _el(ts, "respStmt")
        _el(rs, "resp", editor.role)
        _el(rs, "name", editor.name)
    rs = _el(ts, "respStmt", xml_id=RESP_ID)
    _el(rs, "resp", "TEI encoding and automatic markup (structure, hyphenation, quotations, "
        "names, dates)")
    _el(rs, "name", f"teiedition {__version__}")
    for r in resps:
        ts.append(r)

    if config.title or config.subtitle:
        es = _el(fd, "editionStmt")
        ed = _el(es, "edition")
        if config.title:
            _el(ed, "title", config.title, type="main")
        if config.subtitle:
            _el(ed, "title", config.subtitle, type="sub")
    publication_stmt(fd, config, doc.source_name)

    sd = _el(fd, "sourceDesc")
    bibl = _el(sd, "bibl", type="source")
    parts = []
    if meta.get("author"):
        parts.append(_el(bibl, "author", meta["author"]))
    parts.append(_el(bibl, "title", meta.get("title") or doc.source_name))
    if meta.get("date"):
        parts.append(_el(bibl, "date", meta.get("date_text", meta["date"]), when=meta["date"]))
    if meta.get("publication"):
        parts.append(_el(bibl, "note", meta["publication"], type="publication"))
    if meta.get("translator"):
        parts.append(_el(bibl, "note", f"Translation: {meta['translator']}",
                         type="translation"))
    parts.append(_el(bibl, "note", f"Plain-text file {doc.source_name} ({doc.encoding}, "
                     f"sha256 {doc.sha256})", type="file"))
    for e in parts[:-1]:  # bibl is prose: keep its parts apart when read as text
        e.tail = ". "

    ed = _el(h, "encodingDesc")
    ai = _el(ed, "appInfo")
    app = _el(ai, "application", ident="teiedition", version=__version__)
    _el(app, "label", "teiedition")
    _el(app, "desc", f"Encoded from {doc.source_name}: input sha256 {doc.sha256}, "
        f"detected encoding {doc.encoding}.")
    decl = _el(ed, "editorialDecl")
    hy = _el(decl, "hyphenation", eol="hard")
    _el(hy, "p", decisions["hyphenation"])
    no = _el(decl, "normalization")
    _el(no, "p", decisions["normalization"])
    qu = _el(decl, "quotation", marks="none")
    _el(qu, "p", decisions["quotation"])
    se = _el(decl, "segmentation")
    _el(se, "p", decisions["segmentation"])
    if decisions.get("interpretation"):
        it = _el(decl, "interpretation")
        _el(it, "p", decisions["interpretation"])

    pd = _el(h, "profileDesc")
    lu = _el(pd, "langUsage")
    _el(lu, "language", LANGUAGE_NAMES.get(doc.language, doc.language), ident=doc.language)

    rd = _el(h, "revisionDesc")
    _el(rd, "change", "Encoded from plain text by teiedition " + __version__ + ".",
        when=_build_date(), who="#" + RESP_ID)
    return h


def publication_stmt(parent: etree._Element, config: Config, source_name: str
                     ) -> etree._Element:
    """``publicationStmt`` from the edition config: publisher (or, where the config names
    none, its editors or title as the responsible authority), place, date, the edition's URL
    and the licence; without a config, a note saying where the details go."""
    ps = _el(parent, "publicationStmt")
    if not config.has_publication:
        _el(ps, "p", f"Digital edition encoded with teiedition {__version__} from the "
            f"plain-text source {source_name}; publication details are to be supplied by "
            "the editor in teiedition.toml at the edition's root (teiedition init writes "
            "one).")
        return ps
    if config.publisher:
        _el(ps, "publisher", config.publisher)
    else:
        _el(ps, "authority", "; ".join(e.name for e in config.editors) or config.title
            or "the edition's editors")
    if config.place:
        _el(ps, "pubPlace", config.place)
    if config.date:
        _el(ps, "date", config.date, when=config.date)
    if config.base_url:
        _el(ps, "idno", config.base_url, type="URI")
    if config.licence:
        av = _el(ps, "availability")
        text = " ".join(t for t in (config.licence_name or config.licence,
                                    config.licence_text) if t)
        _el(av, "licence", text, target=config.licence_url or None, n=config.licence)
    return ps


# -- the text ------------------------------------------------------------------------------------

_FRONT_TAG = {"docAuthor": "docAuthor", "docDate": "docDate"}


class TextWriter:
    """The ``text`` element written block by block, in document order, as XML pieces: the
    blocks of a text of any size pass through it a chunk at a time and are not kept.

    Containers (front, titlePage, docTitle, body, div, back, list, quote, lg) are opened when
    their first child comes and closed when a block needs another; element-only containers
    are indented, one level of two spaces each, as ``indent_structure`` indents the header,
    and every piece is written as lxml serialises it (empty elements closed with ``/>``,
    ``>`` escaped), so that the written XML equals its parsed and re-serialised tree.
    """

    def __init__(self, write: Callable[[str], object], metadata: dict[str, str]) -> None:
        self.write = write
        self.meta = metadata
        self.ms = _Milestones()
        self.p = 0  # paragraphs written (their xml:id)
        self.divs = 0  # body divisions opened (their xml:id)
        self.section = ""
        self.div = -1  # the source division of the open div
        self.stack: list[str] = []  # open elements, outermost first
        self.last_title = False  # the last child of the open titlePage is a docTitle
        self.stanza: str | None = None  # the verse stanza whose lg is open
        self.body = False  # the body was opened

    # -- containers
    def _pad(self) -> str:
        return "\n" + "  " * (len(self.stack) + 1)

    def _open(self, tag: str, **attrs: str | None) -> None:
        self.write(f"{self._pad() if self.stack else ''}<{tag}{_attributes(attrs.items())}>")
        self.stack.append(tag)

    def _close(self) -> None:
        tag = self.stack.pop()
        self.write(f"{self._pad()}</{tag}>")

    def _close_to(self, depth: int) -> None:
        while len(self.stack) > depth:
            self._close()

    def _leaf(self, xml: str) -> None:
        self.write(self._pad() + xml)

    def _block(self, block: Block, tag: str, start: str | None = None,
               **attrs: str | None) -> None:
        before, xml = block_element(block, tag, self.ms, start, **attrs)
        for m in before:
            self._leaf(m)
        self._leaf(xml)

    # -- blocks
    def blocks(self, blocks: Iterable[Block]) -> None:
        for b in blocks:
            self.add(b)

    def add(self, b: Block) -> None:
        """Write one block where it belongs (after every block before it)."""
        if not self.stack:
            self._open("text")
        if b.section == "front":
            self._front(b)
            return
        if b.section != self.section:
            self._close_to(1)
            if b.section == "back" and not self.body:
                self._empty_body()
            self.section = b.section
            self.body = self.body or b.section == "body"
            self._open(b.section)
            self.div = -1
            if b.section == "back":
                self._open("div", type="colophon", xml_id="back1")
        if b.section == "body" and b.div != self.div:
            self._close_to(2)
            self.divs += 1
            self.div = b.div
            self._open("div", xml_id=f"d{self.divs}")
        self._para(b)

    def _group(self, tag: str, **attrs: str) -> None:
        """The list, quote or lg that consecutive blocks of a kind go into (open or new)."""
        if len(self.stack) == 4 and self.stack[3] == tag:
            return
        self._close_to(3)
        self._open(tag, **attrs)

    def _para(self, b: Block) -> None:
        if b.kind == "item":  # the source's mark as @n: "1)", "a.", "•"
            numbered = bool(b.label and b.label[-1] in ".)")
            self._group("list", rend="numbered" if numbered else "bulleted")
            self._block(b, "item", n=b.label)
        elif b.kind == "quote":
            self._group("quote")
            self._p(b)
        elif b.kind == "l":  # a verse line; the lines of one stanza (label) share an lg
            if self.stanza != b.label or not (len(self.stack) == 4 and self.stack[3] == "lg"):
                self._close_to(3)
                self.stanza = b.label
            self._group("lg")
            self._block(b, "l")
        else:
            self._close_to(3)
            if b.kind == "head":
                self._block(b, "head")
            elif b.kind == "note":  # a footnote whose callout was not found: where it stood
                self._block(b, "note", place="foot", n=b.label)
            else:
                self._p(b)

    def _p(self, b: Block) -> None:
        self.p += 1
        self._block(b, "p", f'<p xml:id="p{self.p}">')

    def _front(self, b: Block) -> None:
        if self.section != "front":
            self._close_to(1)
            self.section = "front"
            self._open("front")
        if b.kind in ("head", "item"):  # a table of contents: a div of its own
            if self.stack[2:3] != ["div"]:
                self._close_to(2)
                self._open("div", type="contents")
            self.last_title = False
            if b.kind == "head":
                self._close_to(3)
                self._block(b, "head")
            else:
                self._group("list")
                self._block(b, "item")
            return
        if self.stack[2:3] != ["titlePage"]:
            self._close_to(2)
            self._open("titlePage")
        if b.kind in ("titlePart", "subtitle"):
            if not self.last_title:
                self._close_to(3)
                for m in [m for m in b.milestones if m.offset == 0 and m.tag in ("pb", "fw")]:
                    self._leaf(self.ms.xml(m))  # a page that opens with the title: pb first
                    b.milestones.remove(m)
                self._open("docTitle")
                self.last_title = True
            self._block(b, "titlePart", type="main" if b.kind == "titlePart" else "sub")
            return
        self._close_to(3)
        self.last_title = False
        if b.kind == "byline":
            m = BYLINE.match(b.text)
            if m:
                b.spans = [s for s in b.spans if s.end <= m.start("name")]
                b.spans.append(Span(m.start("name"), len(b.text), "docAuthor"))
            self._block(b, "byline")
            return
        meta = self.meta
        attrs = {"when": meta["date"]} if b.kind == "docDate" and meta.get("date") else {}
        if b.kind == "docDate":
            b.spans = [s for s in b.spans if s.tag != "date"]  # the element is the date
        self._block(b, _FRONT_TAG.get(b.kind, "titlePart"), **attrs)

    def _empty_body(self) -> None:
        self._open("body")
        self._open("div", xml_id="d1")
        self._leaf('<p xml:id="p0"/>')
        self._close_to(1)
        self.body = True

    def close(self) -> None:
        """Close every open element (a text without body blocks gets an empty one)."""
        if not self.stack:
            self._open("text")
        if not self.body:
            self._close_to(1)
            self._empty_body()
        self._close_to(0)


#: Elements whose content is other elements only: safe to indent for a human reader.
STRUCTURAL = frozenset((
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "sourceDesc",
    "editionStmt", "availability",
    "encodingDesc", "appInfo", "application", "editorialDecl", "hyphenation", "normalization",
    "quotation", "segmentation", "interpretation", "profileDesc", "langUsage", "revisionDesc",
    "text", "front", "titlePage", "docTitle", "body", "div", "back", "standOff", "listPerson",
    "person", "listOrg", "org", "listPlace", "place", "list", "quote",
))


def indent_structure(el: etree._Element, level: int = 0) -> None:
    """Indent element-only TEI containers; mixed content (p, head, …) is left untouched."""
    if etree.QName(el).localname not in STRUCTURAL or not len(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        indent_structure(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
END = "\n</TEI>\n"


def start(doc: Document, decisions: dict[str, str], config: Config = DEFAULT,
          resps: Sequence[etree._Element] = ()) -> str:
    """The document up to its ``text``: declaration, the TEI start tag and the header (built
    with lxml: a few dozen elements), indented as ``serialize`` writes them."""
    root = _el(None, "TEI", xml_lang=doc.language)
    h = header(doc, decisions, root, config, resps)
    indent_structure(h, 1)  # and the root as indent_structure(root) indents it:
    root.text = h.tail = "\n  "
    head = etree.tostring(root, encoding="unicode")  # <TEI …>\n  <teiHeader>…\n  </TEI>
    return XML_DECLARATION + head.removesuffix("</TEI>")


def parse(pieces: list[str]) -> etree._ElementTree:
    """The tree of a TEI document written as pieces of XML (``start``, the text, ``END``).

    Fed to the parser a slice at a time, each slice freed as it is read: the document is
    never held whole as a string beside its tree.
    """
    parser = _parser()
    for i in range(0, len(pieces), _FEED):
        piece = pieces[i:i + _FEED]
        pieces[i:i + len(piece)] = [""] * len(piece)  # the list keeps its length
        parser.feed("".join(piece).encode("utf-8"))
    return etree.ElementTree(parser.close())


def build(doc: Document, decisions: dict[str, str]) -> etree._ElementTree:
    """The TEI document of ``doc`` as a tree: the XML that ``TextWriter`` writes, parsed."""
    out: list[str] = [start(doc, decisions)]
    writer = TextWriter(out.append, doc.metadata)
    writer.blocks(doc.blocks)
    writer.close()
    out.append(END)
    return parse(out)
