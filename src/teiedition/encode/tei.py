"""Document → TEI P5 tree: the teiHeader with its provenance, and the text woven from
reading text, milestones (lb, pb, fw) and spans (q, soCalled, names, dates)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from lxml import etree

from .. import TEI_NS, XML_NS, __version__
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
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


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


class _Milestones:
    """Milestones and start tags as XML strings, each made once per document: a milestone
    without content is the same string for every one with its tag and attributes (the lb of
    a book: a handful of strings), and so is a span's start tag."""

    def __init__(self) -> None:
        self.empty: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}
        self._starts: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}

    def xml(self, m: Milestone) -> str:
        if m.content is None:
            key = (m.tag, m.attrs)
            x = self.empty.get(key)
            if x is None:
                x = self.empty[key] = f"<{m.tag}{_attributes(m.attrs)}/>"
            return x
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
        x = empty.get((m.tag, m.attrs)) if m.content is None else None
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


class _Box:
    """An element that holds elements only (``STRUCTURAL``): its children are boxes or
    finished XML strings, and it is indented as ``indent_structure`` indents."""

    __slots__ = ("attrs", "children", "tag")

    def __init__(self, parent: _Box | None, tag: str, **attrs: str | None) -> None:
        self.tag = tag
        self.attrs = _attributes(attrs.items())
        self.children: list[_Box | str] = []
        if parent is not None:
            parent.children.append(self)

    def render(self, out: list[str], level: int) -> None:
        if not self.children:
            out.append(f"<{self.tag}{self.attrs}/>")
            return
        out.append(f"<{self.tag}{self.attrs}>")
        pad = "\n" + "  " * (level + 1)
        for child in self.children:
            out.append(pad)
            if isinstance(child, str):
                out.append(child)
            else:
                child.render(out, level + 1)
        out.append("\n" + "  " * level + f"</{self.tag}>")


def block_element(parent: _Box, block: Block, tag: str, ms: _Milestones,
                  start: str | None = None, **attrs: str | None) -> None:
    """Append ``block`` as element ``tag``; page milestones at its very start go before it.

    ``start``: the start tag as XML, where the caller has it (instead of ``attrs``).
    """
    before = [m for m in block.milestones if m.offset == 0 and m.tag in ("pb", "fw")]
    for m in before:
        parent.children.append(ms.xml(m))
    rest = [m for m in block.milestones if m not in before] if before else block.milestones
    out = [start or f"<{tag}{_attributes(attrs.items())}>"]
    weave(out, block.text, block.spans, rest, _text_escape(block.text), ms)
    out.append(f"</{tag}>")
    parent.children.append("".join(out))


# -- the header --------------------------------------------------------------------------------

def _build_date() -> str | None:
    """The revision date: only from SOURCE_DATE_EPOCH, so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return None


def header(doc: Document, decisions: dict[str, str],
           parent: etree._Element | None = None) -> etree._Element:
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
    rs = _el(ts, "respStmt", xml_id=RESP_ID)
    _el(rs, "resp", "TEI encoding and automatic markup (structure, hyphenation, quotations, "
        "names, dates)")
    _el(rs, "name", f"teiedition {__version__}")

    ps = _el(fd, "publicationStmt")
    _el(ps, "p", f"Digital edition encoded with teiedition {__version__} from the plain-text "
        f"source {doc.source_name}; publication details are to be supplied by the editor.")

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


# -- the text ------------------------------------------------------------------------------------

_FRONT_TAG = {"docAuthor": "docAuthor", "docDate": "docDate"}


def _front(parent: _Box, blocks: list[Block], meta: dict[str, str], ms: _Milestones) -> None:
    front = _Box(parent, "front")
    tp = _Box(front, "titlePage")
    doc_title: _Box | None = None
    for b in blocks:
        if b.kind in ("titlePart", "subtitle"):
            if doc_title is None or not tp.children or doc_title is not tp.children[-1]:
                for m in [m for m in b.milestones if m.offset == 0 and m.tag in ("pb", "fw")]:
                    tp.children.append(ms.xml(m))  # a page that opens with the title: pb first
                    b.milestones.remove(m)
                doc_title = _Box(tp, "docTitle")
            block_element(doc_title, b, "titlePart", ms,
                          type="main" if b.kind == "titlePart" else "sub")
            continue
        if b.kind == "byline":
            m = BYLINE.match(b.text)
            if m:
                b.spans = [s for s in b.spans if s.end <= m.start("name")]
                b.spans.append(Span(m.start("name"), len(b.text), "docAuthor"))
            block_element(tp, b, "byline", ms)
            continue
        attrs = {"when": meta["date"]} if b.kind == "docDate" and meta.get("date") else {}
        if b.kind == "docDate":
            b.spans = [s for s in b.spans if s.tag != "date"]  # the element is the date
        block_element(tp, b, _FRONT_TAG.get(b.kind, "titlePart"), ms, **attrs)


def _text_box(doc: Document, ms: _Milestones) -> _Box:
    text = _Box(None, "text")
    blocks = doc.blocks
    front = [b for b in blocks if b.section == "front"]
    body = [b for b in blocks if b.section == "body"]
    back = [b for b in blocks if b.section == "back"]
    counter = {"p": 0}
    # the list or quote that consecutive items or quotations go into, per parent
    open_group: dict[_Box, tuple[str, _Box]] = {}
    stanza: dict[_Box, str | None] = {}  # the stanza whose lg is open, per parent

    def group(parent: _Box, tag: str, **attrs: str) -> _Box:
        kind, el = open_group.get(parent, ("", None))  # type: ignore[arg-type]
        if kind != tag or el is None or parent.children[-1] is not el:
            el = _Box(parent, tag, **attrs)
            open_group[parent] = (tag, el)
        return el

    def p(parent: _Box, b: Block) -> None:
        counter["p"] += 1
        block_element(parent, b, "p", ms, f'<p xml:id="p{counter["p"]}">')

    def para(parent: _Box, b: Block) -> None:
        if b.kind == "head":
            block_element(parent, b, "head", ms)
        elif b.kind == "item":  # the source's mark as @n: "1)", "a.", "•"
            numbered = bool(b.label and b.label[-1] in ".)")
            lst = group(parent, "list", rend="numbered" if numbered else "bulleted")
            block_element(lst, b, "item", ms, n=b.label)
        elif b.kind == "quote":
            p(group(parent, "quote"), b)
        elif b.kind == "l":  # a verse line; the lines of one stanza (label) share an lg
            if stanza.get(parent) != b.label:
                open_group.pop(parent, None)
                stanza[parent] = b.label
            block_element(group(parent, "lg"), b, "l", ms)
        elif b.kind == "note":  # a footnote whose callout was not found: where it stood
            block_element(parent, b, "note", ms, place="foot", n=b.label)
        else:
            p(parent, b)

    if front:
        _front(text, front, doc.metadata, ms)
    body_el = _Box(text, "body")
    divs: dict[int, _Box] = {}
    for b in body:
        if b.div not in divs:
            divs[b.div] = _Box(body_el, "div", xml_id=f"d{len(divs) + 1}")
        para(divs[b.div], b)
    if not body:
        _Box(body_el, "div", xml_id="d1").children.append('<p xml:id="p0"/>')
    if back:
        back_el = _Box(text, "back")
        div = _Box(back_el, "div", type="colophon", xml_id="back1")
        for b in back:
            para(div, b)
    return text


#: Elements whose content is other elements only: safe to indent for a human reader.
STRUCTURAL = frozenset((
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "publicationStmt", "sourceDesc",
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


def build(doc: Document, decisions: dict[str, str]) -> etree._ElementTree:
    """The TEI document: the header built with lxml, the text written as XML, parsed once.

    One parse of the whole: a parsed text element appended to a built root would make lxml
    move each of its nodes into the other document (three times the parse, measured).
    """
    root = _el(None, "TEI", xml_lang=doc.language)
    h = header(doc, decisions, root)
    indent_structure(h, 1)  # and the root as indent_structure(root) indents it:
    root.text = h.tail = "\n  "
    head = etree.tostring(root, encoding="unicode")  # <TEI …>\n  <teiHeader>…\n  </TEI>
    out = [head.removesuffix("</TEI>")]
    _text_box(doc, _Milestones()).render(out, 1)
    out.append("\n</TEI>")
    # fed to the parser a slice at a time, each slice freed as it is read: the document is
    # never held whole as a string beside its tree (the memory at the peak)
    parser = _parser()
    for i in range(0, len(out), _FEED):
        piece = out[i:i + _FEED]
        out[i:i + len(piece)] = [""] * len(piece)  # the list keeps its length
        parser.feed("".join(piece).encode("utf-8"))
    return etree.ElementTree(parser.close())
