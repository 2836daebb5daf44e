"""Document → TEI P5 tree: the teiHeader with its provenance, and the text woven from
reading text, milestones (lb, pb, fw) and spans (q, soCalled, names, dates)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime

from lxml import etree

from .. import TEI_NS, XML_NS, __version__
from ..document import Block, Document, Milestone, Span
from .layout import BYLINE

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
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

def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _milestone(parent: etree._Element, m: Milestone) -> None:
    e = etree.SubElement(parent, T + m.tag, dict(m.attrs))
    if m.content is not None:
        e.text = m.content


def _emit(parent: etree._Element, text: str, start: int, end: int,
          milestones: Sequence[Milestone], inclusive_end: bool) -> None:
    """Text ``[start, end)`` with the milestones that fall in it (``end`` too if inclusive)."""
    pos = start
    for m in milestones:
        if m.offset < start or m.offset > end or (
                m.offset == end and not inclusive_end and not m.inside):
            continue
        _append_text(parent, text[pos:m.offset])
        pos = m.offset
        _milestone(parent, m)
    _append_text(parent, text[pos:end])


def _weave_plain(parent: etree._Element, text: str, milestones: Sequence[Milestone]) -> None:
    """``weave`` for text without spans: milestones in order, text between them."""
    pos = 0
    last: etree._Element | None = None
    sub = etree.SubElement
    for m in milestones:
        chunk = text[pos:m.offset]
        if last is None:
            parent.text = (parent.text or "") + chunk if chunk else parent.text
        elif chunk:
            last.tail = (last.tail or "") + chunk
        last = sub(parent, T + m.tag, dict(m.attrs)) if m.attrs else sub(parent, T + m.tag)
        if m.content is not None:
            last.text = m.content
        pos = m.offset
    rest = text[pos:]
    if rest:
        if last is None:
            parent.text = (parent.text or "") + rest
        else:
            last.tail = (last.tail or "") + rest


def weave(parent: etree._Element, text: str, spans: Sequence[Span],
          milestones: Sequence[Milestone], start: int = 0, end: int | None = None,
          inclusive_end: bool = True, first: Sequence[Milestone] = ()) -> None:
    """Write ``text[start:end]`` into ``parent`` with nested span elements and milestones.

    Spans must nest (no two cross). A milestone at a span's edge falls outside the span,
    unless it is marked ``inside``; ``first`` are such milestones at the span's start.
    """
    end = len(text) if end is None else end
    if not spans and not first and start == 0 and end == len(text):
        _weave_plain(parent, text, milestones)  # the common case: a paragraph without markup
        return
    for m in first:
        _milestone(parent, m)
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
        _emit(parent, text, pos, top.start, before, inclusive_end=True)
        el = etree.SubElement(parent, T + top.tag, dict(top.attrs))
        weave(el, text, inner, inside, top.start, top.end, inclusive_end=False,
              first=[m for m in inside if m.offset == top.start])
        pos = top.end
        i = j
        milestones = after
    _emit(parent, text, pos, end, milestones, inclusive_end)


def block_element(parent: etree._Element, block: Block, tag: str, **attrs: str) -> etree._Element:
    """Append ``block`` as element ``tag``; page milestones at its very start go before it."""
    before = [m for m in block.milestones if m.offset == 0 and m.tag in ("pb", "fw")]
    for m in before:
        _milestone(parent, m)
    rest = [m for m in block.milestones if m not in before]
    el = _el(parent, tag, **attrs)
    weave(el, block.text, block.spans, rest)
    return el


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


def _front(parent: etree._Element, blocks: list[Block], meta: dict[str, str]) -> None:
    front = _el(parent, "front")
    tp = _el(front, "titlePage")
    doc_title: etree._Element | None = None
    for b in blocks:
        if b.kind in ("titlePart", "subtitle"):
            if doc_title is None or doc_title is not tp[-1]:
                for m in [m for m in b.milestones if m.offset == 0 and m.tag in ("pb", "fw")]:
                    _milestone(tp, m)  # a page that opens with the title: pb before docTitle
                    b.milestones.remove(m)
                doc_title = _el(tp, "docTitle")
            block_element(doc_title, b, "titlePart",
                          type="main" if b.kind == "titlePart" else "sub")
            continue
        if b.kind == "byline":
            m = BYLINE.match(b.text)
            if m:
                b.spans = [s for s in b.spans if s.end <= m.start("name")]
                b.spans.append(Span(m.start("name"), len(b.text), "docAuthor"))
            block_element(tp, b, "byline")
            continue
        attrs = {"when": meta["date"]} if b.kind == "docDate" and meta.get("date") else {}
        if b.kind == "docDate":
            b.spans = [s for s in b.spans if s.tag != "date"]  # the element is the date
        block_element(tp, b, _FRONT_TAG.get(b.kind, "titlePart"), **attrs)


def text_element(doc: Document, parent: etree._Element | None = None) -> etree._Element:
    text = _el(parent, "text")
    blocks = doc.blocks
    front = [b for b in blocks if b.section == "front"]
    body = [b for b in blocks if b.section == "body"]
    back = [b for b in blocks if b.section == "back"]
    counter = {"p": 0}
    # the list or quote that consecutive items or quotations go into, per parent
    open_group: dict[etree._Element, tuple[str, etree._Element]] = {}

    def group(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
        kind, el = open_group.get(parent, ("", None))  # type: ignore[arg-type]
        if kind != tag or el is None or parent[-1] is not el:
            el = _el(parent, tag, **attrs)
            open_group[parent] = (tag, el)
        return el

    def p(parent: etree._Element, b: Block) -> None:
        counter["p"] += 1
        block_element(parent, b, "p", **{"xml_id": f"p{counter['p']}"})

    def para(parent: etree._Element, b: Block) -> None:
        if b.kind == "head":
            block_element(parent, b, "head")
        elif b.kind == "item":  # the source's mark as @n: "1)", "a.", "•"
            numbered = bool(b.label and b.label[-1] in ".)")
            lst = group(parent, "list", rend="numbered" if numbered else "bulleted")
            block_element(lst, b, "item", n=b.label)
        elif b.kind == "quote":
            p(group(parent, "quote"), b)
        elif b.kind == "note":  # a footnote whose callout was not found: where it stood
            block_element(parent, b, "note", place="foot", n=b.label)
        else:
            p(parent, b)

    if front:
        _front(text, front, doc.metadata)
    body_el = _el(text, "body")
    divs: dict[int, etree._Element] = {}
    for b in body:
        if b.div not in divs:
            divs[b.div] = _el(body_el, "div", xml_id=f"d{len(divs) + 1}")
        para(divs[b.div], b)
    if not body:
        _el(_el(body_el, "div", xml_id="d1"), "p", xml_id="p0")
    if back:
        back_el = _el(text, "back")
        div = _el(back_el, "div", type="colophon", xml_id="back1")
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
    root = _el(None, "TEI", xml_lang=doc.language)
    # built in place: appending a finished subtree would make lxml walk all of it again
    header(doc, decisions, root)
    text_element(doc, root)
    indent_structure(root)
    return etree.ElementTree(root)
