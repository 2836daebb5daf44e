"""A table of contents is front matter of its own, never the title, a subtitle or a heading.

``tests/data/contents`` holds the first pages of a PDF that ``teiedition pdf`` made of an
ELTeC novel (Lermina, French: title page, then ``Contents`` over 20 lines with dot leaders and
page numbers), as ``pdftotext``, ``pdftotext -layout`` and pypdf extract them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teiedition import TEI_NS
from teiedition.encode import encode_bytes
from teiedition.validate import validate_tree

NS = {"t": TEI_NS}
DATA = Path(__file__).parent / "data" / "contents"
TITLE = "L'effrayante aventure : édition ELTeC"


def _encode(data: bytes):  # noqa: ANN202
    return encode_bytes(data, "x.txt", entities=False)


@pytest.mark.parametrize("name", ["lermina-pdftotext.txt", "lermina-layout.txt",
                                  "lermina-pypdf.txt"])
def test_contents_page_is_a_div_of_its_own(name: str) -> None:
    result = _encode((DATA / name).read_bytes())
    root = result.tree.getroot()
    div = root.find(".//t:front/t:div[@type='contents']", NS)
    assert div is not None
    assert "".join(div.find("t:head", NS).itertext()).strip() == "Contents"
    items = div.findall("t:list/t:item", NS)
    assert len(items) == 20
    assert "".join(items[1].itertext()).startswith("Chapitre")
    titles = ["".join(t.itertext()) for t in root.iterfind(".//t:titlePart", NS)]
    assert not any("Contents" in t for t in titles), titles
    assert TITLE in titles[0]
    if name != "lermina-pypdf.txt":  # (pypdf runs the title page's lines together)
        assert titles[0] == TITLE
    # nothing of the contents is a body heading, and the body opens with the first chapter
    heads = ["".join(h.itertext()) for h in root.iterfind(".//t:body//t:head", NS)]
    assert not any(". . ." in h for h in heads)
    assert validate_tree(result.tree, "x.xml", register=False) == []


def test_contents_without_a_title_page() -> None:
    src = (b"Contents\n"
           b"The Beginning . . . . . . . . . . . 1\n"
           b"The Middle . . . . . . . . . . . . 9\n"
           b"The End . . . . . . . . . . . . . 17\n\n"
           b"THE BEGINNING\n\n"
           b"It began on a grey morning, when the river was high and nobody in the town "
           b"had slept.\n")
    root = _encode(src).tree.getroot()
    assert len(root.findall(".//t:front/t:div[@type='contents']/t:list/t:item", NS)) == 3
    assert not [t for t in root.iterfind(".//t:titlePart", NS) if "Contents" in t.text]
    assert [h.text for h in root.iterfind(".//t:body//t:head", NS)] == ["THE BEGINNING"]
