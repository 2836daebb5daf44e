"""A TEI corpus (``teiCorpus``, nested ones too) read as the texts of an edition.

Libraries hold collections as one teiCorpus file: a corpus header, then one ``TEI`` per text
(or further corpora). The HTML edition makes each TEI a text of its own (``members``); the
print edition makes the corpus one book (``as_one``): the corpus header gives the title page
and the PDF's metadata, and each TEI is a part headed by its title, its ids prefixed so that
notes and references stay inside their text.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .errors import InputError

_T = f"{{{TEI_NS}}}"
_ID = "{http://www.w3.org/XML/1998/namespace}id"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def is_corpus(tree: etree._ElementTree | etree._Element) -> bool:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    return root.tag == f"{_T}teiCorpus"


def title(el: etree._Element) -> str:
    """The main title in the header of a TEI or teiCorpus element ('' when it has none)."""
    titles = el.findall(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt/{_T}title")
    main = [t for t in titles if t.get("type") in (None, "main")] or titles
    return " ".join(" ".join(main[0].itertext()).split()) if main else ""


def _texts(corpus: etree._Element) -> Iterator[etree._Element]:
    """The TEI elements of a corpus, nested corpora included, in document order."""
    for child in corpus:
        if child.tag == f"{_T}TEI":
            yield child
        elif child.tag == f"{_T}teiCorpus":
            yield from _texts(child)


def _require_texts(root: etree._Element, path: str | None) -> None:
    if next(_texts(root), None) is None:
        raise InputError("this TEI corpus (<teiCorpus>) holds no <TEI> document", path=path,
                         line=root.sourceline)


def members(tree: etree._ElementTree, stem: str,
            path: str | None = None) -> list[tuple[str, etree._ElementTree]]:
    """(name, document) of each text: the document itself, or each TEI of a corpus as a
    document of its own (named ``stem-1``, ``stem-2`` … or by its xml:id), with the corpus's
    language where it gives none."""
    root = tree.getroot()
    if not is_corpus(root):
        return [(stem, tree)]
    _require_texts(root, path)
    out = []
    for k, tei in enumerate(_texts(root), 1):
        out.append((member_stem(tei.get(_ID), stem, k), _member_doc(tei)))
    return out


def _member_doc(tei: etree._Element) -> etree._ElementTree:
    """A corpus's TEI ``tei`` as a document of its own (a copy), with the language of the
    nearest ancestor that gives one where it gives none (``members`` and ``stream``)."""
    doc = copy.deepcopy(tei)
    lang = next((e.get(_LANG) for e in tei.iterancestors() if e.get(_LANG)), None)
    if lang and doc.get(_LANG) is None:
        doc.set(_LANG, lang)
    return etree.ElementTree(doc)


def stream(path: str | Path, stem: str, each: Callable[[str, bytes], None],
           data: bytes | None = None) -> str | None:
    """Each TEI of the corpus file ``path`` (or of its bytes ``data``, already read) as
    ``members`` makes it (its name, its document's bytes as ``xml.serialize`` writes them)
    handed to ``each`` while the file is read: ``stream_docs``, for a reader that writes
    each TEI out (the html command's spool)."""
    from .xml import serialize

    return stream_docs(path, stem, lambda name, doc: each(name, serialize(doc)), data)


def stream_docs(path: str | Path, stem: str,
                each: Callable[[str, etree._ElementTree], None],
                data: bytes | None = None) -> str | None:
    """Each TEI of the corpus file ``path`` (or of its bytes ``data``, already read) as
    ``members`` makes it (its name, its document: a copy whose elements keep their lines in
    the corpus's file) handed to ``each`` while the file is read: one text in memory at a
    time, whatever the corpus's size; returns the corpus's title ('' when it has none). None,
    before any text, when the file declares a DOCTYPE (its entities are for the hardened
    parser, which reads a file whole: ``members``). Not well-formed XML or a corpus without
    a TEI: ``InputError`` with line and column."""
    from .xml import file_chunks, syntax_error

    head, n, root_line = "", 0, None
    chunks = file_chunks(path) if data is None else (
        data[i:i + (1 << 16)] for i in range(0, len(data), 1 << 16))
    try:
        for kind, el in _walk(chunks):
            if kind == "root":
                info = el.getroottree().docinfo
                if info.doctype or info.internalDTD is not None:
                    return None
                root_line = el.sourceline
            elif kind == "header":
                head = title(el)
            else:
                n += 1
                each(member_stem(el.get(_ID), stem, n), _member_doc(el))
    except etree.XMLSyntaxError as err:
        raise syntax_error(err, str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(path)) from None
    if not n:
        raise InputError("this TEI corpus (<teiCorpus>) holds no <TEI> document",
                         path=str(path), line=root_line)
    return head


def member_stem(xml_id: str | None, stem: str, k: int) -> str:
    """The name of the ``k``-th TEI of a corpus: its xml:id, else ``stem-k`` (one rule for
    ``members`` and ``scan``)."""
    return xml_id or f"{stem}-{k}"


def scan(path: str | Path, stem: str) -> tuple[str, list[str]] | None:
    """(the corpus's title, the names of its texts in the order of ``members``) when the
    file's root is a teiCorpus, else None; read as a stream (``_walk``: each text is dropped
    from the tree once passed), so that ``build`` names a corpus's pages without holding
    it. A file that cannot be read so counts as no corpus: its publish job reports why."""
    from .xml import file_chunks

    names: list[str] = []
    head = ""
    try:
        for kind, el in _walk(file_chunks(path)):
            if kind == "root":
                if el.tag != f"{_T}teiCorpus":
                    return None
            elif kind == "header":
                head = title(el)
            else:
                names.append(member_stem(el.get(_ID), stem, len(names) + 1))
    except (etree.XMLSyntaxError, OSError):
        return None
    return head, names


def _walk(chunks: Iterator[bytes]) -> Iterator[tuple[str, etree._Element]]:
    """What ``stream_docs`` and ``scan`` read of a corpus fed in ``chunks``: ("root", the
    root, at its start tag), ("header", the root once its teiHeader is whole) and ("tei", each TEI
    of a teiCorpus, whole), in document order; each TEI is dropped from the tree once the
    reader asks for more, so one text is held at a time. ``XMLSyntaxError`` and
    ``OSError`` propagate."""
    from .xml import pull_events

    for event, el in pull_events(chunks):
        parent = el.getparent()
        if event == "start":
            if parent is None:
                yield "root", el
        elif parent is None:
            continue
        elif el.tag == f"{_T}teiHeader" and parent.getparent() is None:
            yield "header", parent
        elif el.tag == f"{_T}TEI" and parent.tag == f"{_T}teiCorpus":
            yield "tei", el
            parent.remove(el)  # a text passed: dropped


def _prefixed(el: etree._Element, prefix: str, keep: bool = True) -> etree._Element:
    """A copy of ``el`` whose xml:ids and local pointers (#id) carry ``prefix`` (``keep``
    false: ``el`` itself, changed so)."""
    if keep:
        el = copy.deepcopy(el)
    ids = {e.get(_ID) for e in el.iter() if isinstance(e.tag, str) and e.get(_ID)}
    for e in el.iter():
        if not isinstance(e.tag, str):
            continue
        if e.get(_ID):
            e.set(_ID, prefix + e.get(_ID))
        for att in ("target", "corresp", "next", "prev", "wit", "source", "who", "resp"):
            value = e.get(att)
            if value and "#" in value:
                e.set(att, " ".join(f"#{prefix}{v[1:]}" if v.startswith("#") and v[1:] in ids
                                    else v for v in value.split()))
    return el


def _part(corpus: etree._Element, prefix: str, keep: bool = True) -> etree._Element:
    """One division per TEI (and per nested corpus), headed by its title (``keep`` false:
    made of the corpus's own elements, which it takes)."""
    div = etree.Element(f"{_T}div", type="corpus")
    etree.SubElement(div, f"{_T}head").text = title(corpus) or "—"
    for k, child in enumerate((c for c in corpus if isinstance(c.tag, str)
                               and c.tag in (f"{_T}TEI", f"{_T}teiCorpus")), 1):
        if child.tag == f"{_T}teiCorpus":
            div.append(_part(child, f"{prefix}{k}-", keep))
            continue
        tei = _prefixed(child, f"{prefix}{k}-", keep)
        part = etree.SubElement(div, f"{_T}div", type="text")
        if tei.get(_LANG):
            part.set(_LANG, tei.get(_LANG))
        etree.SubElement(part, f"{_T}head").text = title(tei) or f"{k}"
        authors = [" ".join(" ".join(a.itertext()).split()) for a in
                   tei.findall(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt/{_T}author")]
        if any(authors):
            etree.SubElement(part, f"{_T}byline").text = ", ".join(a for a in authors if a)
        text = tei.find(f"{_T}text")
        for child in (text if text is not None else []):
            part.append(child)
    return div


def as_one(tree: etree._ElementTree, path: str | None = None, *,
           keep: bool = True) -> etree._ElementTree:
    """A corpus as one TEI document for print: the corpus header, then a division per text.
    (Not valid TEI: a division holds each text's front, body and back as they are; the print
    stylesheet reads them as containers.) ``keep`` false: the texts are taken from ``tree``
    (spent then), not copied, so the corpus is not held twice."""
    root = tree.getroot()
    _require_texts(root, path)
    tei = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
    if root.get(_LANG):
        tei.set(_LANG, root.get(_LANG))
    header = root.find(f"{_T}teiHeader")
    if header is not None:
        tei.append(copy.deepcopy(header))
    body = etree.SubElement(etree.SubElement(tei, f"{_T}text"), f"{_T}body")
    for div in _part(root, "t", keep):
        if div.tag != f"{_T}head":
            body.append(div)
    return etree.ElementTree(tei)
