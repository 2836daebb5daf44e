"""Quotation marks by language: one table (xslt/common/quote-marks.xml) for print and for
the HTML edition's stylesheet. The HTML had its own three rules (Swedish marks for every
language but English and German: a French «…» came out as ”…”)."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from teiedition.build.assemble import assets, quote_css
from teiedition.publish.pdf import typst_source
from teiedition.resources import xslt_path

TABLE = etree.parse(str(xslt_path("common", "quote-marks.xml"))).getroot()
LANGS = [x for m in TABLE.iter("marks") for x in m.get("langs").split()] + ["la"]


def _css_marks(lang: str) -> list[str]:
    """The marks the edition's style.css gives a q in ``lang`` (the default rule else)."""
    rules = dict(re.findall(r"^(.+?) \{ quotes: (.+?); \}$", quote_css(), re.M))
    sel = next((s for s in rules if f":lang({lang}) q" in s.split(", ")), "q")
    return [bytes(v, "ascii").decode("unicode_escape") if v else ""
            for v in re.findall(r'"([^"]*)"', rules[sel].replace("\\", "\\u"))]


def _print_marks(lang: str) -> list[str]:
    """The marks the PDF's Typst source puts around a q, and a q inside it, in ``lang``."""
    tei = etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>'
        "<titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body>"
        "<p>A <q>B <q>C</q> D</q> E</p></body></text></TEI>")
    src = typst_source(etree.ElementTree(tei))
    line = next(ln for ln in src.splitlines() if "B " in ln and "C" in ln)
    m = re.search(r'A (.)B (.)C(.) D(.) E', line)
    assert m, line
    return [m[1], m[4], m[2], m[3]]


@pytest.mark.parametrize("lang", LANGS)
def test_print_and_html_quote_alike(lang: str) -> None:
    assert _css_marks(lang) == _print_marks(lang)


def test_french_quotes_in_the_edition_stylesheet() -> None:
    css = next(v for k, v in assets().items() if k.endswith("assets/style.css")).decode()
    assert _css_marks("fr")[:2] == ["«", "»"] and _css_marks("sv")[:2] == ["”", "”"]
    assert css.count("quotes:") == len(TABLE.findall("marks"))


def _tei(body: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>'
        "<titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
        f"<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>{body}</p>"
        "</body></text></TEI>"))


@pytest.mark.parametrize(("q", "own"), [
    ("“Hello there”", True),          # TEI of others often keeps the marks in the text
    ("“Goodbye &amp;c", True),        # opens with a mark, ends in a broken entity
    ("«Salut»", True),
    ("plain words", False),
    ("’tis so", False),               # an elision, not a mark
    ("’tis so’", True),
])
def test_own_marks_are_not_added_twice_in_print_or_html(q: str, own: bool) -> None:
    """One rule (te:has-own-marks) for both editions: the HTML added its CSS marks to a q
    whose text had its own (““Hello there””), print added a second opening mark to one
    whose text opened with a mark and ended without one."""
    from teiedition.publish.html import render_fragment

    tei = _tei(f"A <q>{q}</q> B")
    line = next(ln for ln in typst_source(tei).splitlines() if "A " in ln and " B" in ln)
    text = etree.fromstring(f"<p>{q}</p>").text
    printed = re.search(r"A (.*) B", line)[1]
    assert (printed == text) is own, printed
    q_el = next(etree.HTML(render_fragment(tei)).iter("q"))
    assert ("nomarks" in q_el.get("class", "").split()) is own
