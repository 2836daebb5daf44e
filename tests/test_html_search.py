"""The search index made in parts (one per text, by `teiedition build`'s workers) and merged:
the passages' reading text from Python equals the stylesheets' te:plain, and the merge gives
the same bytes as the one-run index."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teiedition.build import (
    _PART_MAGIC,
    merge_search,
    search_part,
    text_search_part,
)
from teiedition.errors import TeieditionError
from teiedition.publish import xslt
from teiedition.publish.html import (
    normalize_space,
    normalize_spaces,
    search_index_js,
    search_texts,
)
from teiedition.resources import xslt_path
from teiedition.xml import parse_bytes, parse_file

REPO = Path(__file__).resolve().parents[1]
ELTEC = REPO.parent / "shared" / "corpora" / "eltec-swe"

TRICKY = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Prov</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p>
</sourceDesc></fileDesc></teiHeader><text><front><titlePage><docTitle><titlePart>Titel
<lb/>rad två</titlePart></docTitle><docAuthor>A.\tFörfattare</docAuthor></titlePage></front>
<body><div><head>Första <hi>kapitlet</hi><fw type="header">SIDHUVUD</fw></head>
<p>Ett ord<note place="foot"><p>En not i stycket</p><l>versrad i not</l></note> till,
 av\u00a0<hi rend="italic">kursivt</hi>  och se<lb break="no"/>dan<lb/>ny rad<!-- kommentar -->
<?pi data?>slut.</p>
<lg><l>Första versen</l><l>andra <foreign xml:lang="la">versen</foreign></l></lg>
<list><head>Listhuvud</head><item>ett</item><item>två <label>etikett</label></item></list>
<p>&lt;/script&gt; och \u2028 radskiljare, "citat" och \\ snedstreck</p>
<quote><p>Ett inre stycke</p></quote>
<div><head>Andra</head><head>Andra rubriken</head><p><cell>cell</cell>text</p></div>
</div></body></text></TEI>"""


def _xslt_plain(root: etree._Element) -> list[str]:
    """te:plain of each te:search-units element, as the stylesheet computes it."""
    href = xslt_path("html", "edition.xsl").as_uri()
    exe = xslt.processor().new_xslt30_processor().compile_stylesheet(stylesheet_text=f"""
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:te="urn:teiedition"
    xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xsl:import href="{href}"/>
  <xsl:template name="te:plains" as="xs:string*">
    <xsl:sequence select="te:search-units($te:texts[1]/tei:TEI) ! te:plain(.)"/>
  </xsl:template>
</xsl:stylesheet>""")
    doc = xslt.parse_text('<te:edition xmlns:te="urn:teiedition"><te:text file="x.html">'
                          + etree.tostring(root, encoding="unicode") + "</te:text></te:edition>")
    exe.set_global_context_item(xdm_item=doc)
    exe.set_result_as_raw_value(True)
    value = exe.call_template_returning_value("{urn:teiedition}plains")
    return [value.item_at(i).string_value for i in range(value.size)]


def _documents() -> list[tuple[str, etree._Element]]:
    docs = [("tricky", parse_bytes(TRICKY.encode()).getroot()),
            ("profile fixture", parse_file(REPO / "tests/data/html/edition.xml").getroot())]
    if (REPO / "tei" / "sample.xml").is_file():
        docs.append(("sample", parse_file(REPO / "tei" / "sample.xml").getroot()))
    if ELTEC.is_dir():
        docs.append(("eltec", parse_file(min(ELTEC.glob("*.xml"),
                                             key=lambda p: p.stat().st_size)).getroot()))
    return docs


@pytest.mark.parametrize("name,root", _documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_python_reading_text_of_passages_equals_te_plain(name: str, root: etree._Element) -> None:
    expected = _xslt_plain(root)
    got = search_texts(root)
    assert len(expected) > 3
    assert got == expected
    if name == "tricky":  # the note is left out, the line ends read as the stylesheet reads them
        assert "Ett ord till, av\u00a0kursivt och sedan ny rad slut." in got
        assert "versrad i not" in got and "En not i stycket" not in got
        assert "Titel rad två A. Författare" in got
        assert not any("SIDHUVUD" in t for t in got)  # a running head is not reading text


def _tsv(texts: list[list[str]]) -> str:
    return "\n".join(f"{t}\tp{k + 1}\t{x}" for t, units in enumerate(texts)
                     for k, x in enumerate(units))


def test_merged_parts_equal_the_one_run_index(tmp_path: Path) -> None:
    """Texts with shared and own words, a text without passages, hostile characters: the
    parts joined give the bytes of the index made in one run, which JSON and JS can read."""
    texts = [search_texts(root) for _, root in _documents()]
    texts.insert(1, [])  # a text without passages
    texts.append(["Ett ord, ett ORD; ett tredje ord", "</script> \u2028 \u2029 \"q\" \\ \x01x"])
    meta = json.dumps({"texts": [[f"t{i}.html", f"Text {i}"] for i in range(len(texts))],
                       "names": [["Namn </b>", "persons.html#p1", "person", ["Namns"]]]},
                      ensure_ascii=False)
    parts = []
    for i, units in enumerate(texts):
        part = tmp_path / f"t{i}.idx"
        part.write_bytes(search_part(_tsv([units]), "<section/>", "<TEI/>"))
        parts.append(part)
    fh = io.BytesIO()
    merge_search(parts, meta, fh)
    expected = search_index_js(_tsv(texts), meta).encode("utf-8")
    assert fh.getvalue() == expected
    index = json.loads(expected.decode()[len("window.TEIEDITION_INDEX = "):].rstrip(";\n"))
    assert set(index) == {"texts", "units", "names"}
    assert [u[2] for u in index["units"]] == [t for units in texts for t in units]
    last = sum(map(len, texts[:-1]))  # the number of the last text's first passage
    assert index["units"][last] == [len(texts) - 1, "p1", "Ett ord, ett ORD; ett tredje ord"]
    assert index["units"][last + 1][2].startswith("</script> \u2028 \u2029 ")
    assert b"</script>" not in fh.getvalue() and "\u2028".encode() not in fh.getvalue()
    assert b"\n" not in fh.getvalue()[:-1]  # one line: no passage breaks the script


def test_a_part_cut_short_or_of_another_version_is_refused(tmp_path: Path) -> None:
    part = tmp_path / "t.idx"
    whole = search_part(_tsv([["ett ord", "två ord"]]), "<c/>", "<h/>")
    assert whole.startswith(_PART_MAGIC)
    for bad in (whole[:-3], whole.replace(_PART_MAGIC, b"teiedition search part 1\n")):
        part.write_bytes(bad)
        with pytest.raises(TeieditionError, match="search index part"):
            merge_search([part], '{"texts": [], "names": []}', io.BytesIO())


_SPACES = " \t\r\n\u00a0\u2009x\x85"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_SPACES + "ab\x00", max_size=40), max_size=6))
def test_normalising_all_passages_at_once_equals_one_by_one(texts: list[str]) -> None:
    """normalize_spaces (passages joined with NUL) is normalize_space of each passage, also
    for runs of spaces and for texts that hold a NUL themselves."""
    assert normalize_spaces(texts) == [normalize_space(t) for t in texts]


@pytest.mark.parametrize("name,root", _documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_part_from_the_tei_equals_part_from_the_passages(name: str, root: etree._Element) -> None:
    """A worker's part made from the raw TEI text equals the part of the normalised passages
    (the one-run index's material)."""
    texts = search_texts(root)
    anchors = "\n".join(f"0\tp{k + 1}" for k in range(len(texts)))
    assert text_search_part(anchors, root, "<c/>", "<h/>", "m") == \
        search_part(_tsv([texts]), "<c/>", "<h/>", "m")
    with pytest.raises(TeieditionError, match="search passages"):
        text_search_part(anchors + "\n0\tpx", root, "<c/>", "<h/>")
