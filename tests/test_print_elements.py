"""Every element's text in print and in HTML: a fragment suite of the TEI modules editors use
(tests/data/print: manuscript description, bibliographies, drama, letters and quotations,
tables, figures, lists, nested verse, elements no template names), typeset and read back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree, html

from teiedition import TEI_NS
from teiedition.publish.html import build_html
from teiedition.publish.pdf import build_pdf
from teiedition.xml import parse_file

from .test_pdf import assert_subsequence, pdftext, reading_text, words

DATA = Path(__file__).parent / "data" / "print"
FRAGMENTS = sorted(DATA.glob("*.xml"))
T = f"{{{TEI_NS}}}"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")


BLOCKS = ("p", "ab", "l", "lg", "list", "item", "table", "row", "cell", "head", "sp", "quote",
          "floatingText", "figure", "listBibl", "bibl", "biblStruct", "msDesc", "msItem")


def separated(el: etree._Element) -> etree._Element:
    """A copy of ``el`` where the children of element-only content (msIdentifier, imprint,
    castItem …: no text of their own) are apart: in TEI the white space between them is not
    significant, so <idno>C</idno><title>T</title> are two words, not one."""
    el = etree.fromstring(etree.tostring(el))
    for e in el.iter(*(T + b for b in BLOCKS)):  # a block is apart from the text around it
        before = e.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + " "
        elif e.getparent() is not None:
            e.getparent().text = (e.getparent().text or "") + " "
        e.tail = " " + (e.tail or "")
    for e in el.iter():
        if isinstance(e.tag, str) and len(e) and not (e.text or "").strip() \
                and not any((c.tail or "").strip() for c in e):
            for c in e:
                c.tail = " " + (c.tail or "")
    return el


def expected_words(path: Path) -> list[str]:
    text = parse_file(path).getroot().find(f"{T}text")
    return words(reading_text(separated(text)))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("print")
    return {p.name: p for p in build_pdf(FRAGMENTS, out)}


@pytest.mark.parametrize("fragment", [p.name for p in FRAGMENTS])
def test_every_word_in_the_pdf_in_order(pdfs: dict[str, Path], fragment: str) -> None:
    pdf = pdfs[fragment.replace(".xml", ".pdf")]
    # the title page holds the header's title, the colophon the header: the text between
    assert_subsequence(expected_words(DATA / fragment), words(pdftext(pdf)), max_gap=25)


@pytest.mark.parametrize("fragment", [p.name for p in FRAGMENTS])
def test_every_word_in_the_html_in_order(tmp_path: Path, fragment: str) -> None:
    build_html([DATA / fragment], tmp_path)
    page = html.parse(str(tmp_path / fragment.replace(".xml", ".html"))).getroot()
    main = page.find(".//main")
    assert_subsequence(expected_words(DATA / fragment),
                       words(" ".join((main if main is not None else page).itertext())),
                       max_gap=25)
