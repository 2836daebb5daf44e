"""Make PDF-extraction-like plain text from known paragraphs, for fidelity tests and benchmarks.

Paragraphs are wrapped at a width, long words broken at a line end with a hyphen at a real
hyphenation point (pyphen's dictionaries), and pages marked the way extractions mark them.
The original paragraphs are the answer key: encoding the text must give them back.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"


def eltec_paragraphs(path: Path, limit: int | None = None) -> list[str]:
    """The body paragraphs of a TEI file as plain strings (whitespace folded)."""
    tree = etree.parse(str(path))
    out = []
    for p in tree.iter(f"{TEI}p"):
        if p.xpath("ancestor::*[local-name()='teiHeader' or local-name()='note']"):
            continue
        parts = [t for t in p.xpath(".//text()[not(ancestor::*[local-name()='note'])]")]
        s = re.sub(r"\s+", " ", "".join(parts)).strip()
        if len(s.split()) >= 3:
            out.append(s)
        if limit and len(out) >= limit:
            break
    return out


def make_text(paragraphs: list[str], *, width: int = 80, hyphen_rate: float = 0.6,
              page_lines: int = 45, page_style: str = "indent", lang: str = "sv",
              seed: int = 1) -> str:
    """Lay paragraphs out as an extraction would: wrapped, hyphenated, paginated."""
    import pyphen

    rng = random.Random(seed)
    dic = pyphen.Pyphen(lang=lang)
    lines: list[str] = []
    for para in paragraphs:
        line = ""
        for word in para.split():
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                room = width - len(line) - 2
                split = None
                if room > 2 and "-" not in word and rng.random() < hyphen_rate:
                    fits = [(a, b) for a, b in dic.iterate(word) if len(a) <= room
                            and len(a) >= 2 and len(b) >= 2 and a.isalpha()
                            and b[0].isalpha()]
                    split = fits[0] if fits else None
                if split:
                    lines.append(f"{line} {split[0]}-")
                    line = split[1]
                else:
                    lines.append(line)
                    line = word
        lines.append(line)
        lines.append("")
    out: list[str] = []
    count = 0
    page = 1
    for ln in lines:
        count += 1
        if count >= page_lines and ln:
            count = 0
            page += 1
            if page_style == "indent":
                ln = " " + ln
            elif page_style == "formfeed":
                out.append("\f")
            elif page_style == "number":
                out.extend(["", str(page - 1), ""])
        out.append(ln)
    return "\n".join(out) + "\n"


ELTEC_NOVEL = (Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
               / "eltec-swe" / "SWE2105353_FlygareCarlen.xml")


def _novel_tei(novel: Path) -> tuple[etree._Element, etree._Element]:
    """(root, body) of an ELTeC novel as TEI of the project: its eltec: header elements
    (not TEI) and an empty textDesc dropped."""
    root = etree.parse(str(novel)).getroot()
    for el in list(root.iter("{http://distantreading.net/eltec/ns}*")):
        el.getparent().remove(el)
    for el in list(root.iter(f"{TEI}textDesc")):
        if len(el) == 0:
            el.getparent().remove(el)
    return root, root.find(f"{TEI}text/{TEI}body")


def _division(original: list[etree._Element], n: int) -> etree._Element:
    """The ``n``-th division of a novel repeated: a copy whose xml:ids get a suffix from the
    second round on (``-c2``, ``-c3`` …), so that they stay unique."""
    import copy

    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    new = copy.deepcopy(original[n % len(original)])
    if n >= len(original):
        suffix = f"-c{n // len(original) + 1}"
        for el in new.iter():
            if el.get(xml_id):
                el.set(xml_id, el.get(xml_id) + suffix)
    return new


def big_tei(size_mb: float, novel: Path = ELTEC_NOVEL) -> bytes:
    """A valid TEI document of about ``size_mb`` MB: an ELTeC novel whose body divisions are
    repeated (or cut short) until the document has that size.

    The eltec: header elements (not TEI) are dropped; every copy's xml:ids get a suffix
    and the page numbers run on over all copies, so the result stays valid against the
    project schema and its rules.
    """
    root, body = _novel_tei(novel)
    original = list(body)
    sizes = [len(etree.tostring(d, encoding="UTF-8")) for d in original]
    for d in original:
        body.remove(d)
    total = len(etree.tostring(root, encoding="UTF-8"))
    target = size_mb * 1024 * 1024
    n = 0
    while total < target or n == 0:
        body.append(_division(original, n))
        total += sizes[n % len(original)]
        n += 1
    page = 0
    for pb in root.iter(f"{TEI}pb"):  # one increasing sequence over all the copies
        if pb.get("n", "").isdigit():
            page += 1
            pb.set("n", str(page))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def write_big_tei(path: Path, size_mb: float, novel: Path = ELTEC_NOVEL) -> int:
    """``big_tei`` written to ``path`` as a stream, one division at a time, for documents
    too large to build in memory (100 MB and more); returns the bytes written."""
    import copy

    root, body = _novel_tei(novel)
    original = [copy.deepcopy(d) for d in body]  # (copied in place: they keep xmlns="…")
    for d in list(body):
        body.remove(d)
    body.text = "\n@BODY@\n"
    before = list(body.itersiblings(f"{TEI}*", preceding=True))
    after = list(body.itersiblings(f"{TEI}*"))
    page = 0
    for pb in (pb for el in reversed(before) for pb in el.iter(f"{TEI}pb")):
        if pb.get("n", "").isdigit():  # one increasing sequence over the whole document
            page += 1
            pb.set("n", str(page))
    head = etree.tostring(root, xml_declaration=True, encoding="UTF-8").split(b"@BODY@")[0]
    target = size_mb * 1024 * 1024
    declaration = f' xmlns="{TEI[1:-1]}"'.encode()
    written, n = 0, 0
    with open(path, "wb") as out:
        written += out.write(head)
        while written < target or n == 0:
            new = _division(original, n)
            for pb in new.iter(f"{TEI}pb"):
                if pb.get("n", "").isdigit():
                    page += 1
                    pb.set("n", str(page))
            new.tail = "\n"
            written += out.write(etree.tostring(new, encoding="UTF-8").replace(declaration, b"", 1))
            n += 1
        for pb in (pb for el in after for pb in el.iter(f"{TEI}pb")):
            if pb.get("n", "").isdigit():
                page += 1
                pb.set("n", str(page))
        tail = etree.tostring(root, xml_declaration=True, encoding="UTF-8").split(b"@BODY@")[1]
        written += out.write(tail)
    return written
