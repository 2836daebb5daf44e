"""What TEI embeds from other vocabularies, as a reader sees it: MathML formulae set as
formulae (HTML: the browser's MathML; print: Typst's math layout), SVG drawings drawn in the
HTML page with what could run or reach outside left out, and pointers inside the text that
say where they point (tests/data/print/formulae.xml, drawing.xml)."""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

from teiedition.publish.html import build_html
from teiedition.publish.pdf import build_pdf, typst_source
from teiedition.xml import parse_file

from .test_pdf import pdftext

DATA = Path(__file__).parent / "data" / "print"
M = "http://www.w3.org/1998/Math/MathML"
SVG = "http://www.w3.org/2000/svg"


def page(tmp_path: Path, name: str) -> html.HtmlElement:
    build_html([DATA / name], tmp_path)
    return html.parse(str(tmp_path / name.replace(".xml", ".html"))).getroot()


def math_in_html(tmp_path: Path) -> list[etree._Element]:
    """The formulae of the page as the browser reads them (an HTML5 parser puts <math> in
    the MathML namespace; lxml's HTML parser keeps the tag name)."""
    return page(tmp_path, "formulae.xml").findall(".//math")


def test_html_formulae_are_mathml(tmp_path: Path) -> None:
    maths = math_in_html(tmp_path)
    assert len(maths) == 6
    first = maths[0]
    assert [e.tag for e in first.iter()] == ["math", "mi", "msup", "mi", "mn"]
    assert first.xpath("string()") == "πr2"
    assert maths[2].get("display") == "block"
    # the TeX annotation is the same formula in another notation, not drawn
    assert not page(tmp_path, "formulae.xml").findall(".//annotation")
    assert maths[1].find(".//mfrac") is not None and maths[3].find(".//msqrt") is not None
    raw = (tmp_path / "formulae.html").read_text(encoding="utf-8")
    assert raw.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') == 6


def test_html_drawing_is_svg_and_safe(tmp_path: Path) -> None:
    doc = page(tmp_path, "drawing.xml")
    (svg,) = doc.findall(".//svg")
    labels = [t.text for t in svg.iter("text")]
    assert labels == ["mooring", "belfry"]
    assert not svg.findall(".//style") and not svg.findall(".//script")
    hrefs = [v for e in svg.iter() for k, v in e.attrib.items() if k.endswith("href")]
    assert hrefs == []  # every link went outside the drawing (/etc/passwd, missing.png, …)
    # the gradient keeps its paint, under an id no other drawing or part of the page has
    (grad,) = svg.findall(".//lineargradient")
    assert grad.get("id").endswith("-sky") and grad.get("id") != "sky"
    assert any(e.get("fill") == f"url(#{grad.get('id')})" for e in svg.iter("rect"))
    # a style pointing outside goes with its attribute
    assert not any("missing" in (e.get("style") or "") for e in svg.iter())


def test_html_drawing_events_and_scripts_left_out(tmp_path: Path) -> None:
    hostile = (DATA / "drawing.xml").read_text(encoding="utf-8").replace(
        '<svg:path d="M20 100 L220 20"',
        '<svg:script>alert(1)</svg:script><svg:foreignObject><svg:text>x</svg:text>'
        '</svg:foreignObject><svg:a><svg:set attributeName="href" to="javascript:alert(4)"/>'
        '<svg:animate attributeName="xlink:href" values="javascript:alert(5)"/>'
        '<svg:set attributeName="fill" to="red"/></svg:a>'
        '<svg:path onclick="alert(2)" ONLOAD="alert(3)" d="M20 100 L220 20"')
    (tmp_path / "hostile.xml").write_text(hostile, encoding="utf-8")
    out = tmp_path / "out"
    build_html([tmp_path / "hostile.xml"], out)
    raw = (out / "hostile.html").read_text(encoding="utf-8")
    assert "alert" not in raw and "foreignObject" not in raw
    assert '<set attributeName="fill" to="red"' in raw  # an animation of anything else stays
    assert '<path d="M20 100 L220 20"' in raw


def test_html_pointers_say_where(tmp_path: Path) -> None:
    doc = page(tmp_path, "formulae.xml")
    links = {a.get("href"): a.text_content() for a in doc.iter("a")
             if a.get("class") == "ref"}
    assert links["#circle"] == "Of the circle"  # a section: its heading
    assert links["#fig"] == "Fig. 1 A circle"  # its number and heading
    assert links["#area"] == "The area of a circle of …"  # else its first words


def test_print_formulae_are_typst_math() -> None:
    src = typst_source(parse_file(DATA / "formulae.xml"))
    assert src.count("mth(") - src.count("#let mth(") == 6 and "mth(block: true" in src
    assert 'mattach(mvar("r"), t: mtext("2"))' in src
    assert 'mfrac(' in src and 'msqrt(' in src and 'mtable(' in src
    assert 'mop("relation", "=")' in src and 'mop("large", "∑")' in src
    assert "a^2+b^2" not in src  # the annotation


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_print_formulae_and_pointers_in_the_pdf(tmp_path: Path) -> None:
    (pdf,) = build_pdf([DATA / "formulae.xml"], tmp_path)
    text = unicodedata.normalize("NFKC", pdftext(pdf))
    # every formula's characters (a formula is set in two dimensions, limits above and
    # below: pdftotext's order is not the formula's, so compare characters, not words)
    printed = Counter(re.sub(r"\s+", "", text))
    tree = parse_file(DATA / "formulae.xml")
    for math in tree.iter(f"{{{M}}}math"):
        chars = Counter(unicodedata.normalize("NFKC", c) for tok in math.iter()
                        if etree.QName(tok).localname in ("mi", "mn", "mo")
                        for c in (tok.text or "").strip())
        assert not chars - printed, chars - printed
    assert "As shown in Of the circle, the area is given in The area of a circle of …" \
        in re.sub(r"\s+", " ", pdftext(pdf))
