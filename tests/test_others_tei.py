"""TEI written by other projects, as their editions encode it (tests/data/print/*.xml in
each project's style): what a QA round on real files of those projects found wrong."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree, html

from teiedition.publish.html import build_html
from teiedition.publish.pdf import build_pdf

from .html_helpers import has_class
from .test_pdf import pdftext, words

DATA = Path(__file__).parent / "data" / "print"
PERSEUS = DATA / "perseus.xml"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")

@pytest.fixture(scope="module")
def perseus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, html.HtmlElement]:
    """The Perseus-style fragment: the PDF's text and the HTML page."""
    out = tmp_path_factory.mktemp("perseus")
    pdf = build_pdf([PERSEUS], out / "pdf")[0]
    build_html([PERSEUS], out / "html")
    page = html.parse(str(out / "html" / "perseus.html")).getroot()
    return pdftext(pdf), page

def test_numbered_notes_count_on_past_an_apparatus_entry(perseus: tuple) -> None:
    """An apparatus entry (a footnote lettered a, b …) or a note with a mark of its own takes
    no number: the notes after it go on 1, 2, 3, 4 (Typst's footnote counter stepped for the
    letter too: 1, 2, 4, 5)."""
    printed, _ = perseus
    marks = [int(m[1]) for ln in printed.splitlines()
             if (m := re.match(r"^(\d+)(namque|laboriosis|perenne|nitenti)", ln))]
    assert marks == [1, 2, 3, 4], printed
    assert re.search(r"^ao O\] et G$", printed, re.M), printed  # the entry keeps its letter

def test_an_app_without_readings_is_the_lemma_of_its_note(perseus: tuple) -> None:
    """Perseus marks the lemma a note discusses with an app that lists no readings
    (<note><app><lem>namque</lem></app> nam quoque</note>): the note reads 'namque] nam
    quoque', and the apparatus has no entry for it (it had 'a namque]', listing nothing)."""
    printed, page = perseus
    assert "namque] nam quoque" in printed
    assert "perenne saeclo] seclo" in printed
    assert not re.search(r"^[a-z](namque|saeclo)\]\s*$", printed, re.M), printed
    notes = [li.text_content() for li in page.iter("li")
             if li.getparent() is not None and has_class(li.getparent(), "notes")]
    assert any("namque] nam quoque" in " ".join(n.split()) for n in notes), notes
    apparatus = page.xpath("//section[contains(@class, 'apparatus')]//li")
    assert [" ".join(words(li.text_content())) for li in apparatus] == ["a o O et G"]
    assert len(page.xpath("//sup[contains(@class, 'appref')]")) == 1


def pdf_line_tops(pdf: Path, page: int) -> dict[str, float]:
    """The top (y, pt) of each line of a PDF page by its first word (pdftotext -bbox-layout)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page),
                          str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    tops: dict[str, float] = {}
    for line in etree.fromstring(out.encode()).iter("{*}line"):
        first = line.find("{*}word")
        if first is not None:
            tops.setdefault(first.text, float(line.get("yMin")))
    return tops


def test_divisions_without_headings_stay_apart(tmp_path: Path) -> None:
    """Two poems as Perseus encodes them (CTS text parts without a heading) do not run on as
    one: in print the second begins after a space (the gap over its first line is more than
    one and a half of the lines' pitch); in HTML its division has a top margin."""
    pdf = build_pdf([PERSEUS], tmp_path / "pdf")[0]
    tops = pdf_line_tops(pdf, 2)
    pitch = tops["meas"] - tops["Corneli,"]
    assert tops["Passer,"] - tops["plus"] > 1.5 * pitch, tops
    assert tops["quicum"] - tops["Passer,"] == pytest.approx(pitch, abs=0.5)
    build_html([PERSEUS], tmp_path / "html")
    css = (tmp_path / "html" / "assets" / "style.css").read_text(encoding="utf-8")
    page = html.parse(str(tmp_path / "html" / "perseus.html")).getroot()
    poems = page.xpath("//div[contains(@class, 'div-textpart')][.//span[@class='l']]")
    assert len(poems) == 2 and poems[1].getprevious() is poems[0]
    assert "div.div + div.div, section.div + div.div { margin-top: 1.6em; }" in css


DICTIONARY = DATA / "dictionary.xml"


def test_dictionary_senses_keep_their_numbers(tmp_path: Path) -> None:
    """A dictionary entry (the TEI dictionaries module, as testdictionaries.xml and the TLFi
    encode it): the headword in bold; each sense a line of its own that begins with its
    number (@n), nested senses with their parents' ('1 a'); the entry had run into one
    paragraph without a number."""
    pdf = build_pdf([DICTIONARY], tmp_path / "pdf")[0]
    lines = [" ".join(ln.split()) for ln in pdftext(pdf).splitlines()]
    for start in ("pamplemousse subst. masc.", "1 a 1677 pampelmous fruit", "b 1772 arbre",
                  "2 1946 fruit du Citrus", "citron", "1 fruit jaune du citronnier",
                  "2 couleur de ce fruit adjectivement"):
        assert any(ln.startswith(start) for ln in lines), (start, lines)
    build_html([DICTIONARY], tmp_path / "html")
    page = html.parse(str(tmp_path / "html" / "dictionary.html")).getroot()
    assert [b.text_content() for b in page.xpath("//b[@class='sense-n']")] == \
        ["1 a", "b", "2", "1", "2"]
    assert [b.text_content() for b in page.xpath("//b[contains(@class, 'headword')]")] == \
        ["pamplemousse", "citron"]
    senses = page.xpath("//div[@class='tei-sense']")
    assert len(senses) == 6
    assert " ".join(senses[1].text_content().split()).startswith("1 a 1677 pampelmous")
    # a citation runs in its sense's line (it was a block that broke the line)
    cit = page.xpath("//*[contains(concat(' ', @class, ' '), ' cit ')]")
    assert len(cit) == 1 and cit[0].tag == "span" and not has_class(cit[0], "blk")
    line = cit[0].getparent()
    assert " ".join(line.text_content().split()) == ("b 1772 arbre qui produit ce fruit planter "
                                                      "des pamplemousses au bord de l'eau "
                                                      "Dissertation sur le jardinage, p.77")


def test_dictionary_blocks_set_in_alike_in_print_and_html() -> None:
    """One rule (te:dict-depth) for how far a sense or a related entry is set in, in print
    and in HTML's style.css; an entry after an entry stands apart in both. Print had set the
    related entry (re) flush and run the entries together."""
    from teiedition.publish.html import render_fragment
    from teiedition.publish.pdf import typst_source
    from teiedition.resources import xslt_path

    tree = etree.parse(str(DICTIONARY))
    printed = [int(d) for d in re.findall(r"^dict-para\(depth: (\d+),", typst_source(tree),
                                          re.M)]
    page = html.fromstring(render_fragment(tree))

    def css_depth(el: html.HtmlElement) -> int:  # style.css: 1.2em for each such div
        return sum(1 for a in el.iterancestors("div") if has_class(a, "tei-re") or (
            has_class(a, "tei-sense") and not (has_class(a.getparent(), "tei-entry")
                                               or has_class(a.getparent(), "tei-entryFree"))))

    css = (xslt_path("html", "assets", "style.css")).read_text()
    assert ".tei-sense, .tei-re { margin-left: 1.2em; }" in css
    assert ".tei-entry > .tei-sense, .tei-entryFree > .tei-sense { margin-left: 0; }" in css
    shown = [css_depth(p) for p in page.xpath("//p[@class='dict']")]
    assert printed == shown == [0, 1, 1, 0, 0, 1, 0, 0, 0]
    assert typst_source(tree).count("\nentry-break()") == 1


def test_supplied_text_with_its_own_brackets_gets_no_more(tmp_path: Path) -> None:
    """The Graves diary's editors wrote the brackets into the supplied text
    (<supplied>[£]</supplied>100): it reads '[£]100', not '[[£]]100'; supplied words without
    brackets get them ('[in Aug.]')."""
    diary = DATA / "diary.xml"
    printed = pdftext(build_pdf([diary], tmp_path / "pdf")[0])
    assert "[£]40" in printed and "[£] 12" in printed and "[in Aug.]" in printed
    assert "[[" not in printed and "]]" not in printed
    build_html([diary], tmp_path / "html")
    page = html.parse(str(tmp_path / "html" / "diary.html")).getroot()
    assert [s.text_content() for s in page.xpath("//span[@class='supplied']")] == \
        ["[£]", "[£] ", "[in Aug.]"]


def italic_runs(pdf: Path) -> dict[str, bool]:
    """Each text run of a PDF (pdftohtml -xml) and whether it is set in italics."""
    out = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return {" ".join("".join(t.itertext()).split()): t.find("i") is not None
            for t in etree.fromstring(out.encode()).iter("text")}


@pytest.mark.skipif(shutil.which("pdftohtml") is None, reason="pdftohtml is not installed")
def test_stage_directions_highlighted_whole_stay_italic(tmp_path: Path) -> None:
    """DraCor (from TextGrid) writes every stage direction as <stage><hi>…</hi></stage>: the
    stage is set in italics and the hi inside it too, not turned back upright as emphasis
    inside italics is (Typst's emph toggles); an emph in a stage direction still is."""
    runs = italic_runs(build_pdf([DATA / "dracor.xml"], tmp_path)[0])
    for words_ in ("Der Fürst am Schachbrett, allein.", "nach einigen Zügen."):
        assert runs.get(words_) is True, (words_, runs)
    assert any(k.startswith("Es erscheint ein Geist.") and v for k, v in runs.items()), runs
    assert any("großem" in k and not v for k, v in runs.items()), runs


def test_apparatus_entries_keep_the_editors_signs(tmp_path: Path) -> None:
    """papyri.info's editorial apparatus: a lemma and a reading that differ only in what the
    editors supply read 'ὀκτ[ω]καιδεκάτου] ὀκτωκ[αι]δεκάτου' (without the brackets both
    read ὀκτωκαιδεκάτου), and a reading with a gap 'α ν[…]υ τοῦ', not one word 'ανυ'."""
    papyrus = DATA / "papyrus.xml"
    build_html([papyrus], tmp_path / "html")
    page = html.parse(str(tmp_path / "html" / "papyrus.html")).getroot()
    entries = [" ".join(li.text_content().split())
               for li in page.xpath("//section[contains(@class, 'apparatus')]//li")]
    assert entries == ["a ἄνευ τόκου τοῦ] αν[…]υ τοῦ ↩",
                       "b ὀκτ[ω]καιδεκάτου] ὀκτωκ[αι]δεκάτου ↩"], entries
    printed = pdftext(build_pdf([papyrus], tmp_path / "pdf")[0])
    assert "ὀκτ[ω]καιδεκάτου] ὀκτωκ[αι]δεκάτου" in printed
    assert "ἄνευ τόκου τοῦ] αν[…]υ τοῦ" in printed


def test_the_texts_language_where_the_root_has_none(perseus: tuple) -> None:
    """Perseus and EEBO-TCP put the language on the text (<text xml:lang="lat">), not on the
    TEI root: the book is set in it (hyphenation, quotation marks; the colophon says which)
    and the HTML page is marked with it; both said English."""
    printed, page = perseus
    assert re.search(r"^Language la$", printed, re.M), printed
    assert page.get("lang") == "la"


def test_a_run_of_unnumbered_page_breaks_is_one_mark() -> None:
    """EEBO-TCP writes a ``pb`` per page image, without ``@n``: a run of them is one dot in
    the margin, not "·, ·, ·" (a numbered page in the run keeps its number)."""
    from teiedition.publish.pdf import typst_source

    tei = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T'
        "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p>"
        "</sourceDesc></fileDesc></teiHeader><text><body><p>Before the images.</p>"
        '<pb facs="tcp:1:1"/><pb facs="tcp:1:2"/><pb facs="tcp:1:3"/><p>After them, and '
        '<pb facs="a"/><pb facs="b"/>inside; <pb n="12"/><pb/><pb/>mixed.</p></body></text>'
        "</TEI>")
    marks = re.findall(r'pb(?:mark|m)?\(((?:"[^"]*"(?:, )?)+)\)', typst_source(
        etree.ElementTree(tei)))
    assert marks == ['"·"', '"·"', '"12", "·"']
