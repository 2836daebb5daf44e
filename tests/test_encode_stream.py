"""Encoding in chunks: a text read a chunk at a time gives the TEI of the text read whole.

The texts are two novels' openings (ELTeC: Lagerlöf in Swedish, Wells in English, 110,000
characters each, in tests/data/stream) laid out as extractions lay them out; the chunk size is
forced down to 12,000 characters so that each text is read in ten or more chunks, their cuts
falling inside paragraphs, on pages and next to line-end hyphens.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from teiedition.encode import encode, encode_bytes, source, tei
from teiedition.errors import InputError
from teiedition.xml import serialize
from tests.textgen import make_text

DATA = Path(__file__).parent / "data" / "stream"
T = "{http://www.tei-c.org/ns/1.0}"
SMALL = 12_000


def paragraphs(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def indented(text: str) -> str:
    """Paragraphs marked by a first-line indent only, no blank line between them (what
    pdftotext -layout gives for most books)."""
    lines = text.split("\n")
    out: list[str] = []
    for prev, ln in zip(["x", *lines], lines, strict=False):
        if not ln.strip() and "\f" not in ln:
            continue
        out.append("    " + ln if not prev.strip() and "\f" not in ln else ln)
    return "\n".join(out) + "\n"


def layouts() -> list[tuple[str, bytes]]:
    sv, en = paragraphs("lagerlof.txt"), paragraphs("wells.txt")
    return [
        ("sv-formfeed", make_text(sv, width=66, page_style="formfeed", seed=4).encode()),
        ("sv-numbers", make_text(sv, width=72, page_style="number", seed=5).encode()),
        ("sv-indented", indented(make_text(sv, width=60, page_style="formfeed",
                                           seed=6)).encode()),
        ("en-numbers", make_text(en, width=70, page_style="number", lang="en_GB",
                                 seed=7).encode()),
        ("en-none", make_text(en, width=80, page_style="none", lang="en_GB",
                              seed=8).encode()),
    ]


def reading(tree: etree._ElementTree) -> tuple[list[str], list[str | None], list[str]]:
    """The words of the reading text (running heads left out), the pb numbers, and the
    paragraphs' words."""
    body = tree.getroot().find(f"{T}text")
    words: list[str] = []
    for el in body.iter():
        if el.tag != f"{T}fw" and isinstance(el.tag, str) and el.text:
            words += el.text.split()
        if el.tail:
            words += el.tail.split()
    pbs = [pb.get("n") for pb in body.iter(f"{T}pb")]
    ps = [" ".join("".join(p.itertext()).split()) for p in body.iter(f"{T}p")]
    return words, pbs, ps


@pytest.mark.parametrize(("name", "data"), layouts(), ids=lambda x: x if isinstance(x, str)
                         else "")
def test_chunks_give_the_tei_of_the_whole(name: str, data: bytes) -> None:
    whole = encode_bytes(data, f"{name}.txt", entities=False)
    parts = encode_bytes(data, f"{name}.txt", entities=False, chunk_chars=SMALL)
    assert whole.counts.chunks == 1 and parts.counts.chunks >= 8
    # the invariants first (for a readable failure), then the bytes
    w, p = reading(whole.tree), reading(parts.tree)
    assert p[0] == w[0]  # every word, in order
    assert len(p[1]) == len(w[1])  # as many page breaks
    assert p[2] == w[2]  # the same paragraphs
    # the same page numbers, and the text element byte for byte
    assert p[1] == w[1]
    text = f"{T}text"
    got, want = (etree.tostring(r.tree.find(text)) for r in (parts, whole))
    assert got == want
    assert re.sub(r"recognised by [^.]*", "", etree.tostring(parts.tree.find(f"{T}teiHeader"),
                                                           encoding="unicode")) == \
        re.sub(r"recognised by [^.]*", "", etree.tostring(whole.tree.find(f"{T}teiHeader"),
                                                          encoding="unicode"))
    assert parts.counts.pb == whole.counts.pb and parts.counts.hyphens == whole.counts.hyphens


def test_a_paragraph_running_across_the_cut_keeps_its_hyphen_page_break_and_quotation() -> None:
    """The chunk's size is reached inside a paragraph that runs over a page end with a word
    broken there and a quotation open across it: the cut waits for the paragraph's end."""
    filler = [f"Stycke {i} handlar om ingenting särskilt och slutar som det började."
              for i in range(40)]
    head = "\n\n".join(filler) + "\n\n"
    para = ("Hon sade: ”Det här är en lång mening som går över sidans slut, och där står\n"
            "ett ord som bryts vid radslutet, nämligen ordet järnvägs-\n"
            "\f\n"
            "stationen, och citatet slutar först här.” Sedan gick hon.\n")
    text = (head + para + "\n" + "\n\n".join(filler) + "\n").encode()
    cut_inside = len(head) + 30  # the chunk is full inside the paragraph
    whole = encode_bytes(text, "x.txt", entities=False)
    parts = encode_bytes(text, "x.txt", entities=False, chunk_chars=int(cut_inside))
    assert parts.counts.chunks >= 2
    assert serialize(parts.tree) == serialize(whole.tree)
    p = next(p for p in parts.tree.getroot().iter(f"{T}p") if "järnväg" in "".join(p.itertext()))
    assert p.find(f".//{T}pb") is not None  # the page break inside the paragraph
    q = p.find(f"{T}q")
    assert q is not None and "järnvägsstationen" in "".join(q.itertext())
    assert "citatet slutar först här" in "".join(q.itertext())


def test_register_ids_are_the_same_in_every_chunk() -> None:
    """Names keep one register across chunks: a person named in full in the first chunk and
    by surname in the last gets one id, the same as when the text is read whole."""
    sv = paragraphs("lagerlof.txt")[:120]
    names = ["Hjalmar Branting talade länge i riksdagen om saken.",
             "Efteråt sade Branting att han var nöjd med beslutet."]
    text = make_text([names[0], *sv, names[1]], width=70, page_style="formfeed", seed=3)
    whole = encode_bytes(text.encode(), "x.txt", register=None)
    parts = encode_bytes(text.encode(), "x.txt", register=None, chunk_chars=SMALL)
    assert parts.counts.chunks >= 3

    def refs(r) -> list[tuple[str, str]]:  # noqa: ANN001
        return [("".join(e.itertext()), e.get("ref"))  # the mentions in the text (not the
                for e in r.tree.getroot().find(f"{T}text").iter(f"{T}persName")]  # entries)

    got = dict(refs(parts))
    assert got["Hjalmar Branting"] == got["Branting"] == "#pers-hjalmar-branting"
    assert dict(refs(whole))["Branting"] == "#pers-hjalmar-branting"
    # every id the whole reading gave a name, the chunked reading gives it too
    assert {r for _n, r in refs(whole)} <= {r for _n, r in refs(parts)} | {None}


def test_streamed_xml_equals_its_serialised_tree() -> None:
    """The written XML is what lxml writes for it (so the file and the tree agree)."""
    data = layouts()[2][1]
    body: list[str] = []
    r = encode(source.reader(data, "x.txt"), body.append, entities=False, chunk_chars=SMALL)
    xml = (r.head + "".join(body) + tei.END).encode()
    assert serialize(etree.fromstring(xml).getroottree()) == xml


def test_binary_after_five_megabytes_is_refused_with_its_line_and_no_output(
        tmp_path: Path) -> None:
    one = make_text(paragraphs("lagerlof.txt"), width=70, page_style="formfeed", seed=1)
    text = (one * (5 * 2**20 // len(one.encode()) + 1)).encode()
    lines = text.count(b"\n")
    junk = bytes((i * 7919 + 13) % 256 for i in range(65536))  # any bytes, as binary is
    src = tmp_path / "big.txt"
    src.write_bytes(text + junk)
    with pytest.raises(InputError) as err:
        source.decode(src.read_bytes(), "big.txt", max_bytes=None)
    assert err.value.line is not None and err.value.line > lines
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.run([sys.executable, "-m", "teiedition", "encode", str(src), "-o",
                           str(out / "big.xml"), "--no-entities"], capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert proc.returncode == 2
    assert f"big.txt:{err.value.line}:" in proc.stderr and "binary" in proc.stderr
    assert list(out.iterdir()) == []  # no TEI, no temporary file
