"""The search index made in parts (one per text, by `teiedition build`'s workers) and merged:
the passages' reading text from Python equals the stylesheets' te:plain, and the merge gives
the same bytes as the one-run index, also when the word lists are merged in several passes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teiedition.build import (
    _snippet,
    merge_search,
    search_part,
    text_search_part,
)
from teiedition.errors import TeieditionError
from teiedition.publish import xslt
from teiedition.publish.html import (
    PUNCTUATION,
    normalize_space,
    passage_words,
    search_index_js,
    search_texts,
    search_words,
)
from teiedition.resources import xslt_path
from teiedition.xml import parse_bytes, parse_file

REPO = Path(__file__).resolve().parents[1]
ELTEC = REPO.parent / "shared" / "corpora" / "eltec-swe"

TRICKY = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Prov</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p>
</sourceDesc></fileDesc></teiHeader><text><front><titlePage><docTitle><titlePart>Titel
<lb/>rad två</titlePart></docTitle><docAuthor>A.\tFörfattare</docAuthor></titlePage></front>
<body><div><head>Första <hi>kapitlet</hi></head>
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


def _tsv(texts: list[list[str]]) -> str:
    return "\n".join(f"{t}\tp{k + 1}\t{x}" for t, units in enumerate(texts)
                     for k, x in enumerate(units))


@pytest.mark.parametrize("budget", [1, 7, 10_000_000])
def test_merged_parts_equal_the_one_run_index(tmp_path: Path, budget: int) -> None:
    """Texts with shared and own words, a text without passages, hostile characters; the
    word lists merged in one pass or in many (budget: postings held at a time)."""
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
    merge_search(parts, meta, fh, budget=budget)
    expected = search_index_js(_tsv(texts), meta).encode("utf-8")
    assert fh.getvalue() == expected
    index = json.loads(expected.decode()[len("window.TEIEDITION_INDEX = "):].rstrip(";\n"))
    last = sum(map(len, texts[:-1]))  # the number of the last text's first passage
    assert index["units"][last] == [len(texts) - 1, "p1", "Ett ord, ett ORD; ett tredje ord"]
    assert last in index["words"]["ord"] and last in index["words"]["tredje"]
    assert b"</script>" not in fh.getvalue() and "\u2028".encode() not in fh.getvalue()


_CHARS = ("ab åÄ ΣσςΣ İ ß\u00a0\u2009\u3000\x1c\x85\t\r\n" + PUNCTUATION + "\u2028\U0001F600")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_CHARS, max_size=40), max_size=6))
def test_one_pass_tokeniser_equals_the_word_regex(texts: list[str]) -> None:
    """The one-pass tokeniser (punctuation made spaces, passages joined, str.split) finds
    the words that search_words (the regex of the one-run index) finds, passage by passage;
    the snippet of a passage is the start of its normalised text."""
    assert passage_words(texts) == [search_words(t) for t in texts]
    for t in texts:
        # long: only its start is normalised; the last: its opening is normalised already
        for text in (t, t * 9, "\n  " + "ord " * 22 + t, "\n" + "ord " * 22 + "o" + t):
            full = normalize_space(text)
            assert _snippet(text) == (full if len(full) <= 90 else full[:90] + "…")


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


def test_posting_numbers_are_written_as_json_writes_them() -> None:
    """The merge's numbers in decimal (a digit table in numpy) equal json.dumps's, at every
    length from one digit to the largest int32."""
    import numpy as np

    from teiedition.build import _POW10, _decimal

    edges = [0, 1, 9, 10, 99, 100, 999, 1000, 65_535, 99_999, 100_000, 999_999, 10**7,
             10**8 - 1, 10**9, 2**31 - 1]
    rng = np.random.default_rng(7)
    numbers = np.array(edges + sorted(rng.integers(0, 2**31 - 1, 500).tolist()), np.int32)
    digits = np.searchsorted(_POW10, numbers, side="right") + 1
    pos = np.concatenate(([0], np.cumsum(digits + 1)))
    assert _decimal(numbers, digits, pos) == \
        (json.dumps(numbers.tolist(), separators=(",", ":"))[1:-1] + ",").encode()
    assert _decimal(numbers[:0], digits[:0], pos[:1]) == b""
