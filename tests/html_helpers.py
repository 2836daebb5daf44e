"""Helpers for the HTML tests: TEI fragments, reading the HTML, comparing words."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from lxml import etree, html

from teiedition.resources import xslt_path
from teiedition.xml import parse_bytes

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "data" / "html" / "edition.xml"
REGISTER = HERE / "data" / "html" / "register.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"

#: HTML that is interface, not text: hidden diplomatic forms, tooltips, page and paragraph
#: numbers, note markers.
NOT_TEXT = ("dipl", "tip", "pb", "pnum", "noteref", "note-n", "backref")


@cache
def importing_stylesheet(relative: str, body: str):  # noqa: ANN201 (a PyXsltExecutable)
    """A small stylesheet that imports ``xslt/<relative>`` and adds ``body`` (templates,
    output), with the tei, te and xs namespaces declared; compiled once per process for each
    (relative, body), as the stylesheets of the pipeline are."""
    from teiedition.publish import xslt

    href = xslt_path(*relative.split("/")).as_uri()
    return xslt.processor().new_xslt30_processor().compile_stylesheet(stylesheet_text=f"""
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:te="urn:teiedition"
    xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xsl:import href="{href}"/>
{body}
</xsl:stylesheet>""")


def tei_doc(body: str, *, lang: str = "sv", header_extra: str = "", front: str = "",
            back: str = "") -> etree._ElementTree:
    """A small TEI document around ``body`` (the inside of <body>), hardened-parsed."""
    xml = f"""<TEI xmlns="{TEI_NS}" xml:lang="{lang}"><teiHeader><fileDesc>
<titleStmt><title>Fragment</title></titleStmt><publicationStmt><p>test</p></publicationStmt>
<sourceDesc><p>test</p></sourceDesc></fileDesc>{header_extra}</teiHeader>
<text>{front and f'<front>{front}</front>'}<body>{body}</body>
{back and f'<back>{back}</back>'}</text></TEI>"""
    return parse_bytes(xml.encode("utf-8"))


def register_doc(entries: str) -> etree._ElementTree:
    xml = f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>R</title></titleStmt>
<publicationStmt><p>r</p></publicationStmt><sourceDesc><p>r</p></sourceDesc></fileDesc>
</teiHeader><standOff>{entries}</standOff></TEI>"""
    return parse_bytes(xml.encode("utf-8"))


def parse_html(text: str) -> html.HtmlElement:
    return html.document_fromstring(text) if text.lstrip().lower().startswith("<!doctype") \
        else html.fragment_fromstring(text, create_parent="div")


def has_class(el: html.HtmlElement, name: str) -> bool:
    return name in (el.get("class") or "").split()


def reading_text(el: html.HtmlElement) -> str:
    """The text a reader sees in the reading view, without interface elements."""
    el = html.fromstring(html.tostring(el, encoding="unicode"))
    for bad in list(el.iter()):
        if bad is not el and isinstance(bad.tag, str) and \
                any(has_class(bad, c) for c in NOT_TEXT):
            parent = bad.getparent()
            if parent is None:
                continue
            tail = bad.tail or ""
            prev = bad.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(bad)
    return el.text_content()


def diplomatic_text(el: html.HtmlElement) -> str:
    """The diplomatic view: .dipl shown (br as newline), .rd and interface hidden."""
    el = html.fromstring(html.tostring(el, encoding="unicode"))
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for bad in list(el.iter()):
        if bad is not el and isinstance(bad.tag, str) and \
                any(has_class(bad, c) for c in ("rd", "tip", "pb", "pnum", "noteref")):
            bad.drop_tree()
    return el.text_content()


def words(text: str) -> list[str]:
    """Lower-cased words; NFC first, since the pages are NFC (canonically the same text)."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def tei_body_words(tree: etree._ElementTree) -> list[str]:
    """The words of the TEI body's reading text (a plain lb is a word boundary)."""
    body = tree.getroot().find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag == f"{{{TEI_NS}}}lb" and el.get("break") != "no":
            parts.append(" ")
        if el.tag == f"{{{TEI_NS}}}fw":  # the source page's head, not reading text
            return
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if isinstance(el.tag, str) and el.tag.split("}")[-1] in {"p", "l", "head", "item",
                                                                 "label", "cell"}:
            parts.append(" ")

    walk(body)
    return words("".join(parts))


def first_missing(expected: list[str], got: list[str]) -> tuple[int, str] | None:
    """Where ``expected`` stops being a subsequence of ``got`` (None: all present, in order)."""
    j = 0
    for i, w in enumerate(expected):
        while j < len(got) and got[j] != w:
            j += 1
        if j == len(got):
            return i, " ".join(expected[max(0, i - 8): i + 8])
        j += 1
    return None


def _script_json(text: str, prefix: str) -> object:
    import json

    assert text.startswith(prefix) and text.endswith(");\n"), text[:80]
    return json.loads("[" + text[len(prefix):-3] + "]")


def load_search(folder: Path) -> tuple[dict, list[list], dict[str, dict[str, list[int]]]]:
    """An edition's search index as data: the manifest (search-index.js), every passage
    (text number, anchor, text; from the chunks) and each shard's words with the passages
    they are in (absolute numbers)."""
    import json

    js = (folder / "search-index.js").read_text("utf-8")
    index = json.loads(js[len("window.TEIEDITION_INDEX = "):].rstrip().rstrip(";"))
    passages: list[list] = []
    for n in range(len(index["chunks"])):
        got = _script_json((folder / "search" / f"c{n}.js").read_text("utf-8"),
                           "TEIEDITION_SEARCH.chunk(")
        assert got[0] == n and len(passages) == index["chunks"][n]
        passages.extend(got[1])
    assert len(passages) == index["passages"]
    shards = {}
    for key in index["shards"]:
        name = "-".join(f"{ord(c):x}" for c in key.split(" ")[0])  # a shard of keys "k1 k2"
        got_key, words, *end = _script_json(
            (folder / "search" / f"{name}.js").read_text("utf-8"), "TEIEDITION_SEARCH.shard(")
        assert got_key == key
        if end:  # a head: the rest is in its own file, from the first passage not covered
            rest_key, rest = _script_json(
                (folder / "search" / f"{name}.r.js").read_text("utf-8"), "TEIEDITION_SEARCH.rest(")
            assert rest_key == key and rest and rest[0][0] == end[0] > words[-1][0]
            words = words + rest
        assert bool(end) == (key in index["rests"])  # the index names the shards with a rest
        got: dict[str, list[int]] = {}
        for base, block in words:
            for w, d in block.items():
                got.setdefault(w, []).extend(base + sum(d[:i + 1]) for i in range(len(d)))
        shards[key] = got
    return index, passages, shards


def old_search(passages: list[list], separators: str, query: str) -> list[int]:
    """The passages that the search before shards found for ``query`` (every query word begins
    a word of the lower-cased passage), by brute force: the reference for the shards."""
    def tokens(s: str) -> list[str]:
        return [t for t in "".join(" " if c in separators else c for c in s.lower())
                .split(" ") if t]

    def word_start(s: str, t: str) -> bool:
        at = s.find(t)
        while at != -1:
            if at == 0 or s[at - 1] in separators:
                return True
            at = s.find(t, at + 1)
        return False

    ts = tokens(query)
    if not ts:
        return []
    return [n for n, p in enumerate(passages)
            if all(word_start(p[2].lower(), t) for t in ts)]


def shard_search(index: dict, shards: dict[str, dict[str, list[int]]], query: str) -> list[int]:
    """What search.js finds with the shards (the same steps in Python): each query word's
    shards, the passages of the words that begin with it, those of every query word."""
    seps = index["separators"]
    ts = [t for t in "".join(" " if c in seps else c for c in query.lower()).split(" ") if t]
    if not ts:
        return []
    found = None
    for t in ts:
        keys = [s for s in index["shards"]
                if any(k[:-1].startswith(t) if k.endswith("$") else
                       k.startswith(t) or t.startswith(k) for k in s.split(" "))]
        got = {n for k in keys for w, ns in shards.get(k, {}).items() if w.startswith(t)
               for n in ns}
        found = got if found is None else found & got
    return sorted(found or ())
