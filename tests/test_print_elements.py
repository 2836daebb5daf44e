"""Every element's text in print and in HTML: a fragment suite of the TEI modules editors use
(tests/data/print: manuscript description, bibliographies, drama, letters and quotations,
tables, figures, lists, nested verse, elements no template names), typeset and read back."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from lxml import etree, html

from teiedition import TEI_NS
from teiedition.publish.html import build_html
from teiedition.publish.pdf import build_pdf
from teiedition.xml import parse_file

from .conftest import SHARED
from .html_helpers import NOT_TEXT, has_class
from .test_pdf import (
    assert_subsequence,
    drawn_words,
    pdftext,
    reading_text,
    shown,
    words,
)

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
                and not in_token(e) and not any((c.tail or "").strip() for c in e):
            for c in e:
                c.tail = " " + (c.tail or "")
    return el


def in_token(e: etree._Element) -> bool:
    """Is e a w or inside one (its parts make one word)?"""
    return e.tag == f"{T}w" or next(e.iterancestors(f"{T}w"), None) is not None


def expected_words(path: Path) -> list[str]:
    text = parse_file(path).getroot().find(f"{T}text")
    return words(reading_text(separated(text)))


def alternative_words(path: Path) -> list[str]:
    """Words the TEI holds beside its reading text, which the edition must keep elsewhere
    (HTML: the diplomatic view and the list of variants; print: footnotes): the members of
    a choice it does not show (the source's form, other readings), the readings of an app
    it does not show, what the app says of a witness (witDetail) and its notes; the labels
    of an SVG drawing."""
    text = parse_file(path).getroot().find(f"{T}text")
    out: list[str] = []
    for alt in text.iter(f"{T}choice", f"{T}app"):
        shown_el = shown(alt)
        members = [c for c in alt if isinstance(c.tag, str)] \
            if etree.QName(alt).localname == "choice" \
            else alt.iter(f"{T}lem", f"{T}rdg", f"{T}witDetail")
        out += [w for m in members if m is not shown_el for w in words(reading_text(m))]
        out += [w for n in alt.iter(f"{T}note") for w in words("".join(n.itertext()))]
    return out + drawn_words(text)


def unmarked(ws: list[str], marks: int) -> list[str]:
    """Printed words without the footnote and apparatus marks set after them (pdftotext
    reads the superscript as part of the word: 'Premiere2', 'lindena', and '2Premiere] …'
    at the foot): figures always, the letters a, b, … of the first `marks` apparatus
    entries where a word ends in one. (Compare with the TEI's words `unmarked` too: '1r',
    a folio, reads 'r' on both sides.)"""
    letters = {chr(ord("a") + i) for i in range(min(marks, 26))}
    out = []
    for w in ws:
        w = re.sub(r"(?<=[^\W\d_])\d+$|^\d+(?=[^\W\d_])", "", w)
        if w[-1:] in letters and len(w) > 1:
            out += [w, w[:-1]]  # either may be the word: the test takes the one in order
        else:
            out.append(w)
    return out


def logical(ws: list[str]) -> list[str]:
    """pdftotext gives a right-to-left line's words left to right (visual order): each run of
    Hebrew or Arabic words of a line back in reading order."""
    out: list[str] = []
    run: list[str] = []
    for w in [*ws, ""]:
        if w and all("\u0590" <= c <= "\u08ff" or not c.isalpha() for c in w):
            run.append(w)
            continue
        out += run[::-1]
        run = []
        if w:
            out.append(w)
    return out


WQY = Path("/usr/share/fonts/truetype/wqy")
#: the CJK font teiedition's [cjk] extra installs (Noto Sans CJK), else Debian's WenQuanYi
#: named in TEIEDITION_FONT_PATH: the tests need one of them for Japanese
NOTO_CJK = importlib.util.find_spec("noto_cjk_sans_otc") is not None
HAS_CJK = NOTO_CJK or WQY.is_dir()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("print")
    with pytest.MonkeyPatch.context() as mp:  # a CJK font for scripts.xml's Japanese
        mp.setenv("TEIEDITION_FONT_PATH", str(WQY))
        return {p.name: p for p in build_pdf(FRAGMENTS, out)}


@pytest.mark.parametrize("fragment", [p.name for p in FRAGMENTS])
def test_every_word_in_the_pdf_in_order(pdfs: dict[str, Path], fragment: str) -> None:
    if fragment == "scripts.xml" and not HAS_CJK:
        pytest.skip("no CJK font: neither teiedition[cjk] nor fonts-wqy-microhei installed")
    pdf = pdfs[fragment.replace(".xml", ".pdf")]
    # the title page holds the header's title, the colophon the header: the text between
    printed = [w for line in pdftext(pdf).splitlines() for w in logical(words(line))]
    apps = len(list(parse_file(DATA / fragment).iter(f"{T}app")))
    assert_subsequence(unmarked(expected_words(DATA / fragment), 0), unmarked(printed, apps),
                       max_gap=25)


@pytest.mark.parametrize("fragment", [p.name for p in FRAGMENTS])
def test_every_word_in_the_html_in_order(tmp_path: Path, fragment: str) -> None:
    """The reading view (`reading_view`) holds the reading text in order."""
    build_html([DATA / fragment], tmp_path)
    page = html.parse(str(tmp_path / fragment.replace(".xml", ".html"))).getroot()
    main = page.find(".//main")
    assert_subsequence(expected_words(DATA / fragment),
                       words(reading_view(main if main is not None else page)),
                       max_gap=25)


def reading_view(el: html.HtmlElement) -> str:
    """The text of the reading view: the diplomatic view's spans and the interface's
    (tooltips, paragraph numbers: html_helpers.NOT_TEXT) taken out, their tails joined to
    the text before them (so er<span class="dipl"><br></span>zählte, a line end inside a
    word, stays one word, and 12. Oktober<span class="tip">1894-10-12</span> is no
    'Oktober1894'); blocks apart (HTML_APART)."""
    el = html.fromstring(html.tostring(el, encoding="unicode"))
    for dipl in [e for e in el.iter() if isinstance(e.tag, str)
                 and any(has_class(e, c) for c in NOT_TEXT)]:
        prev, parent = dipl.getprevious(), dipl.getparent()
        if prev is not None:
            prev.tail = (prev.tail or "") + (dipl.tail or "")
        else:
            parent.text = (parent.text or "") + (dipl.tail or "")
        parent.remove(dipl)
    for e in el.iter(*HTML_APART):
        if e.tag == "sup" and has_class(e, "hi"):
            continue  # a superscript of the text (2<hi rend="sup">nd</hi>) is in its word
        e.text = " " + (e.text or "")
        e.tail = " " + (e.tail or "")
    return "".join(el.itertext())


#: HTML elements apart from the words around them: blocks, line breaks, note and variant
#: marks (sup, but not a superscript of the text, sup.hi); other inline markup is inside the
#: word (aug<span>[usto]</span>)
HTML_APART = ("p", "div", "li", "td", "th", "tr", "dt", "dd", "br", "h1", "h2", "h3", "h4",
              "h5", "h6", "section", "article", "header", "footer", "blockquote", "figure",
              "figcaption", "table", "ol", "ul", "dl", "nav", "aside", "sup", "hr", "main")


@pytest.mark.parametrize("fragment", [p.name for p in FRAGMENTS
                                      if alternative_words(p)])
def test_the_alternatives_are_kept(pdfs: dict[str, Path], tmp_path: Path,
                                   fragment: str) -> None:
    """What the reading text does not show of a choice or an app (the source's spelling, an
    abbreviation, another witness's reading) is still in the edition: in the HTML page (the
    diplomatic view, the list of variants) and in the PDF (footnotes)."""
    alternatives = alternative_words(DATA / fragment)
    build_html([DATA / fragment], tmp_path)
    page = html.parse(str(tmp_path / fragment.replace(".xml", ".html"))).getroot()
    in_html = set(words(" ".join(page.find(".//main").itertext())))
    pdf = pdfs[fragment.replace(".xml", ".pdf")]
    in_pdf = set(unmarked(words(pdftext(pdf)), 0))
    assert [w for w in alternatives if w not in in_html] == []
    assert [w for w in unmarked(alternatives, 0) if w not in in_pdf] == []


# ----------------------------------------------------------------------------- scripts

SCRIPTS = DATA / "scripts.xml"


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout


@pytest.mark.skipif(not HAS_CJK, reason="no CJK font: neither teiedition[cjk] nor "
                    "fonts-wqy-microhei installed")
def test_every_script_prints_with_real_glyphs(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Greek, Cyrillic, Hebrew (Libertinus Serif), Arabic (Amiri) and Japanese (Noto Sans
    CJK, or a CJK font from TEIEDITION_FONT_PATH): every letter is in some embedded font, no
    warning."""
    from teiedition.publish import fonts

    monkeypatch.setenv("TEIEDITION_FONT_PATH", str(WQY))
    warnings: list[str] = []
    pdf = build_pdf([SCRIPTS], tmp_path, warn=warnings.append)[0]
    assert warnings == []
    data = pdf.read_bytes()
    covered = fonts.pdf_chars(data)
    for word in ("Πηληϊάδεω", "счастливые", "אלהים", "الكلمة", "吾輩は猫である"):
        letters = {c for c in word if c.isalpha()}
        assert letters <= covered, (word, letters - covered)
    used = pdf_fonts(pdf).replace(" ", "")
    assert "Amiri" in used
    assert ("NotoSansCJKjp" in used) if NOTO_CJK else ("WenQuanYi" in used or "wqy" in used)


@pytest.mark.skipif(not NOTO_CJK, reason="teiedition[cjk] (noto-cjk-sans-otc) not installed")
def test_japanese_korean_and_chinese_take_their_own_cjk_family(tmp_path: Path) -> None:
    """The same Han character has other shapes in Japanese, Korean and Chinese: text marked
    with each language is set in that language's Noto Sans CJK family."""
    tei = tmp_path / "cjk.xml"
    tei.write_text(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>CJK</title>
</titleStmt><publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
</fileDesc></teiHeader><text><body>
<p>Japanese: <foreign xml:lang="ja">吾輩は猫である</foreign>.</p>
<p xml:lang="zh">学而时习之，不亦说乎</p>
<p>Korean: <foreign xml:lang="ko">대한민국 헌법</foreign>.</p>
</body></text></TEI>""", encoding="utf-8")
    warnings: list[str] = []
    pdf = build_pdf([tei], tmp_path / "out", warn=warnings.append)[0]
    assert warnings == []
    used = pdf_fonts(pdf)
    for family in ("NotoSansCJKjp", "NotoSansCJKsc", "NotoSansCJKkr"):
        assert family in used, (family, used)
    printed = pdftext(pdf)
    for phrase in ("吾輩は猫である", "学而时习之", "대한민국 헌법"):
        assert phrase in printed, phrase


def test_a_character_no_font_has_is_named(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A script no font has (Linear B; Japanese too where no CJK font is installed) cannot
    print: `pdf` says which characters, by name and code point, on stderr; the other scripts
    have their fonts."""
    monkeypatch.delenv("TEIEDITION_FONT_PATH", raising=False)
    tei = tmp_path / "scripts.xml"
    tei.write_text(SCRIPTS.read_text("utf-8").replace(
        "</body>", '<p>Linear B: <foreign xml:lang="gmy">\U00010000\U00010001</foreign>.</p>'
        "</body>"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "teiedition", "pdf", str(tei), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    said = done.stderr
    assert said.startswith(f"{tei}: warning: no font has ")
    for c in "\U00010000\U00010001" + ("" if NOTO_CJK else "吾輩は猫である"):
        assert f"U+{ord(c):04X}" in said and unicodedata.name(c) in said, c
    for c in "μсבال" + ("吾輩は猫" if NOTO_CJK else ""):  # real glyphs
        assert f"U+{ord(c):04X}" not in said, c


def test_html_says_lang_and_dir(tmp_path: Path) -> None:
    build_html([SCRIPTS], tmp_path)
    page = html.parse(str(tmp_path / "scripts.html")).getroot()
    assert page.get("dir") == "ltr"
    he = page.xpath("//*[@lang='he']")
    ar = page.xpath("//*[@lang='ar']")
    assert he and ar and he[0].get("dir") == "rtl" and ar[0].get("dir") == "rtl"
    assert page.xpath("//*[@lang='ja']") and page.xpath("//*[@lang='ru']")


# ----------------------------------------------------------------------------- TEI of others

OTHERS = SHARED / "corpora" / "eltec-other"


@pytest.mark.parametrize("name", ["ENG18952_Wells.xml", "DEU063.xml"])
def test_whole_tei_of_other_projects_every_word(tmp_path: Path, name: str) -> None:
    """Whole ELTeC novels in English and German: every word of the text (front, body, back),
    in order, in the PDF (after its contents) and in the HTML page."""
    novel = OTHERS / name
    if not novel.is_file():
        pytest.skip("../shared/corpora/eltec-other is not present")
    text = separated(parse_file(novel).getroot().find(f"{T}text"))
    full = words(reading_text(text))
    for page in text.iter(f"{T}titlePage"):  # printed as the edition's title page, first
        page.getparent().remove(page)
    expected = words(reading_text(text))
    pdf = build_pdf([novel], tmp_path)[0]
    pages = pdftext(pdf).split("\f")
    # the text after the title page and the contents (which name the chapters first)
    first = 1 + max((k for k, p in enumerate(pages) if p.lstrip().startswith(
        ("Contents", "Inhalt"))), default=0)
    assert_subsequence(expected, words("\f".join(pages[first:])), max_gap=40)
    build_html([novel], tmp_path / "html")
    page = html.parse(str(tmp_path / "html" / name.replace(".xml", ".html"))).getroot()
    (article,) = page.xpath("//main//div[@class = 'text']")
    assert_subsequence(full, words(" ".join(article.itertext())), max_gap=40)


def figure_folder(tmp_path: Path, name: str, outside: bool = True) -> Path:
    """``tmp_path/name`` with structures.xml and its plate1.png beside it; with ``outside``
    also a real PNG, ``tmp_path/outside.png``, that structures.xml points to out of its
    folder."""
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(DATA / "structures.xml", folder / "structures.xml")
    shutil.copy(DATA / "plate1.png", folder / "plate1.png")
    if outside:
        shutil.copy(DATA / "plate1.png", tmp_path / "outside.png")
    return folder


def pdf_images(pdf: Path) -> list[str]:
    """The lines of ``pdfimages -list``: a header, a rule, then one line per image."""
    return subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                          text=True).stdout.strip().splitlines()


def test_a_figure_shows_its_image_only_from_inside_the_folder(tmp_path: Path) -> None:
    """structures.xml: plate1.png beside it is printed (an image in the PDF); ../outside.png
    (a real PNG, but outside the TEI's folder) is not read: that figure keeps its mark."""
    folder = figure_folder(tmp_path, "tei")
    pdf = build_pdf([folder / "structures.xml"], tmp_path / "out", keep_source=True)
    source = pdf[1].read_text(encoding="utf-8")
    assert source.count('figure-image("image-1.png")') == 1 and "image-2" not in source
    assert "outside" not in source.split("\n#{\n", 1)[1]
    listed = pdf_images(pdf[0])
    assert len(listed) == 3  # header, rule, one image (60 x 30)
    assert " 60 " in listed[2] and " 30 " in listed[2]


def test_right_to_left_paragraphs_are_set_right_to_left(tmp_path: Path) -> None:
    """A Hebrew or Arabic paragraph in an English text takes its language's direction: it
    stands at the right margin, where a left-to-right paragraph starts at the left."""
    pdf, typ = build_pdf([SCRIPTS], tmp_path, keep_source=True)
    source = typ.read_text(encoding="utf-8")
    assert 'lang-block("he", {para(' in source and 'lang-block("ar", {para(' in source
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
                            capture_output=True, text=True).stdout.splitlines()

    def indent(word: str) -> int:
        line = next(ln for ln in layout if word in ln)
        return len(line) - len(line.lstrip())

    assert indent("הארץ") > indent("Russian") + 20 and indent("الله") > indent("Russian") + 20


def test_build_prints_the_figures_beside_the_tei_as_pdf_does(tmp_path: Path) -> None:
    """build's PDF job carries the images the client read by pdf's rules (plate1.png beside
    the TEI: printed; ../outside.png: not read), so build and pdf print the same figures."""
    figure_folder(tmp_path, "tei-src")
    done = subprocess.run([sys.executable, "-m", "teiedition", "build", "tei-src",
                           "--formats", "pdf"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    listed = pdf_images(tmp_path / "output/pdf/structures.pdf")
    assert len(listed) == 3  # header, rule, one image (60 x 30)
    assert " 60 " in listed[2] and " 30 " in listed[2]


def png(width: int, height: int) -> bytes:
    """A grey PNG of that size."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                                             0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_build_rebuilds_the_pdf_when_only_an_image_changed(tmp_path: Path) -> None:
    """An image a figure prints is part of the PDF's fingerprint: unchanged, nothing is
    rebuilt; the image alone replaced, the PDF is made again and shows the new one."""
    folder = figure_folder(tmp_path, "tei-src", outside=False)
    out = tmp_path / "output/pdf/structures.pdf"

    def build() -> str:
        done = subprocess.run([sys.executable, "-m", "teiedition", "build", "tei-src",
                               "--formats", "html,pdf", "-v"], cwd=tmp_path,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout + done.stderr

    def image_size() -> list[str]:
        return pdf_images(out)[2].split()[3:5]

    build()
    made = out.stat().st_mtime_ns
    assert image_size() == ["60", "30"]
    assert "up to date" in build() and out.stat().st_mtime_ns == made
    (folder / "plate1.png").write_bytes(png(40, 20))
    build()
    assert out.stat().st_mtime_ns != made and image_size() == ["40", "20"]
    made = out.stat().st_mtime_ns
    build()
    assert out.stat().st_mtime_ns == made


def test_a_hyphen_before_a_line_end_joins_the_word(pdfs: dict[str, Path],
                                                    tmp_path: Path) -> None:
    """DTA keeps the source's hyphen in the text and a plain lb ("Leip-<lb/>zig"): the word
    reads as one in print and in the HTML reading view; before a capital ("Poſt-<lb/>Kutſche")
    the hyphen is a compound's and the line end no word break either."""
    printed = re.sub(r"\s+", " ", pdftext(pdfs["dta.pdf"]))
    assert "begann in Leip-zig, wo die Poſt-Kutſche hielt" in printed
    build_html([DATA / "dta.xml"], tmp_path)
    page = html.parse(str(tmp_path / "dta.html")).getroot()
    p = next(p for p in page.iter("p") if "begann" in p.text_content())
    reading = "".join(t for t in p.xpath(".//text()[not(ancestor::*[contains(@class, 'dipl')])]"))
    assert "begann in Leip-zig, wo die Poſt-Kutſche hielt" in re.sub(r"\s+", " ", reading)


def test_verse_numbered_by_its_own_lines(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """l/@n, as plays and poems number their lines: every fifth beside its line, in the
    margin where prose gets the page's line numbers (which it replaces), and in HTML."""
    layout = subprocess.run(["pdftotext", "-layout", str(pdfs["verse-numbers.pdf"]), "-"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    numbered = {ln.split()[0]: ln for ln in layout if re.match(r"\s*\d+\s{2,}\S", ln)}
    assert "And by opposing end them" in numbered["5"]
    assert "To sleep, perchance to dream" in numbered["10"]
    assert set(numbered) == {"5", "10"}  # no count of the page's lines beside them
    build_html([DATA / "verse-numbers.xml"], tmp_path)
    page = html.parse(str(tmp_path / "verse-numbers.html")).getroot()
    marks = [(a.text, a.getparent().text_content()) for a in page.iter("a")
             if "lnum" in (a.get("class") or "")]
    assert [m[0] for m in marks] == ["5", "10"]
    assert "And by opposing" in marks[0][1] and "perchance" in marks[1][1]
