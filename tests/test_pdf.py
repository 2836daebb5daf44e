"""The print edition: TEI -> Typst -> PDF, read back with poppler as a reader would.

Every check reads the PDF (pdftotext, pdfinfo, pdffonts, pdftoppm) and compares it with the
TEI: the words of the reading text, the pages the index names, the metadata, the fonts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from teiedition import TEI_NS
from teiedition.errors import InputError, InvalidDocument
from teiedition.publish.pdf import build_pdf, safe_stem
from teiedition.xml import parse_file

from .conftest import ELTEC

DATA = Path(__file__).parent / "data" / "pdf"
SAMPLE = DATA / "sample.xml"
REGISTER = DATA / "register.xml"
WAGNER = ELTEC / "SWE1619135_Wagner.xml"
T = f"{{{TEI_NS}}}"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")


# ----------------------------------------------------------------------------- helpers

def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdftext(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]  # -raw: no de-hyphenation of its own
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return run(*args, str(pdf), "-")


def pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return {k.strip(): v.strip() for k, _, v in (ln.partition(":") for ln in out.splitlines())}


def words(text: str) -> list[str]:
    """Words for comparison: the typesetter's hyphenation joined (Typst's hyphens come out
    as soft hyphens), a hyphen of the text separates words (so 'GPU-agenter' reads the same
    whether or not a line ends after its hyphen), page bars dropped, an editor's brackets
    inside a word dropped (Leiden: aug[usto]), numbers dropped (line, page and source-page
    numbers are numbers)."""
    text = unicodedata.normalize("NFC", text)
    # a formula's letters come out of the PDF as mathematical italic (U+1D44E for a): the
    # same letter to a reader
    text = re.sub("[\U0001D400-\U0001D7FF]", lambda m: unicodedata.normalize("NFKC", m[0]),
                  text)
    text = re.sub(r"\u00ad\s*\n\s*", "", text).replace("\u00ad", "")
    text = text.replace("-", " ").replace("|", "")
    text = re.sub(r"(?<=\w)[\[\]]+(?=\w)", "", text)  # aug[usto], [p]raes[ta]nt: one word
    return [w for w in re.findall(r"\w+", text) if not w.isdigit()]


#: where the TEI holds alternatives, the one the reading text shows (README, "TEI written by
#: others"): a choice shows the editor's form, an app its lemma (else its first reading)
EDITORIAL = ("corr", "reg", "expan")
SVG = "http://www.w3.org/2000/svg"
MATHML = "http://www.w3.org/1998/Math/MathML"
#: the parts of an SVG drawing that are not drawn (its words are in text, tspan, textPath)
SVG_NOT_DRAWN = ("style", "script", "title", "desc", "metadata", "defs")


def drawn_words(el: etree._Element) -> list[str]:
    """The words an SVG drawing in el draws (labels: not in the reading text's order, the
    print sets a figure's caption below its drawing)."""
    def drawn(e: etree._Element) -> bool:
        return not any(etree.QName(a).localname in SVG_NOT_DRAWN
                       for a in (e, *e.iterancestors(f"{{{SVG}}}*")))

    out: list[str] = []
    for svg in el.iter(f"{{{SVG}}}svg"):
        for e in svg.iter(f"{{{SVG}}}*"):
            if drawn(e):
                out += words(e.text or "")
            if e is not svg and drawn(e.getparent()):
                out += words(e.tail or "")
    return out


def shown(e: etree._Element) -> etree._Element | None:
    """The member of a choice or app that stands in the reading text (as te:app-text)."""
    if etree.QName(e).localname == "choice":
        kids = [c for c in e if isinstance(c.tag, str)]
        return next((c for c in kids if etree.QName(c).localname in EDITORIAL),
                    kids[0] if kids else None)
    for path in ("(t:lem | t:rdgGrp/t:lem)[1]", "(t:rdg | t:rdgGrp/t:rdg)[1]"):
        found = e.xpath(path, namespaces={"t": TEI_NS})
        if found:
            return found[0]
    return None


def reading_text(el: etree._Element) -> str:
    """The TEI reading text of an element: lb break="no" joins, other lb are spaces; of a
    choice or app only the member shown (`shown`), the others are the apparatus's; an SVG
    drawing's labels are not in it (`drawn_words`), nor a MathML formula's tokens (they are
    set as a formula, not as words: tests/test_formulae.py); a ptr to a URL reads as the URL."""
    parts: list[str] = []

    def walk(e: etree._Element, in_token: bool = False) -> None:
        in_token = in_token or e.tag == f"{{{TEI_NS}}}w"
        # inside a token (w), white space only is the file's layout, not a word break
        def keep(s: str | None) -> bool:
            return bool(s) and (not in_token or bool(s.strip()))
        if keep(e.text):
            parts.append(e.text)
        for child in e:
            if isinstance(child.tag, str):
                local = etree.QName(child).localname
                if local == "lb":
                    parts.append("" if child.get("break") == "no" else " ")
                elif local == "ptr" and not (child.get("target") or "#").strip().startswith("#"):
                    parts.append(" " + child.get("target", "").strip() + " ")  # a URL: its text
                elif local == "gap":  # its mark ([…], [desc]) stands apart from the words
                    parts.append(" ")
                    walk(child, in_token)
                    parts.append(" ")
                elif local in ("choice", "app"):
                    member = shown(child)
                    if member is not None:
                        walk(member, in_token)
                elif local not in ("note", "fw") \
                        and etree.QName(child).namespace not in (SVG, MATHML):
                    walk(child, in_token)
            if keep(child.tail):
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def assert_subsequence(expected: list[str], actual: list[str], max_gap: int = 40) -> None:
    """Every expected word appears in order in actual, with at most max_gap other words
    (running heads, footnotes, labels) between two of them."""
    i = 0
    for k, w in enumerate(expected):
        start = i
        while i < len(actual) and actual[i] != w:
            i += 1
        assert i < len(actual), (f"word {k} {w!r} missing after "
                                 f"{' '.join(expected[max(0, k - 8):k])!r}")
        assert i - start <= max_gap, (f"{i - start} extra words before {w!r} (word {k}): "
                                      f"{' '.join(actual[start:i][:60])!r}")
        i += 1


def dark_fraction(pdf: Path, page: int, tmp: Path) -> float:
    """Share of dark pixels on a page rendered to greyscale (PGM, no imaging library)."""
    stem = tmp / f"p{page}"
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)
    data = (stem.with_suffix(".pgm")).read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header, "not a PGM"
    pixels = data[header.end():]
    return sum(1 for b in pixels if b < 128) / len(pixels)


# ----------------------------------------------------------------------------- builds

@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    written = build_pdf([SAMPLE], out, register=REGISTER, keep_source=True)
    assert [p.name for p in written] == ["sample.pdf", "sample.typ"]
    return written[0]


@pytest.fixture(scope="module")
def wagner_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not WAGNER.is_file():
        pytest.skip("../shared/corpora/eltec-swe is not present")
    out = tmp_path_factory.mktemp("eltec")
    return build_pdf([WAGNER], out, keep_source=True)[0]


def page_count(pdf: Path) -> int:
    return int(pdfinfo(pdf)["Pages"])


def index_page(pdf: Path) -> int:
    for n in range(page_count(pdf), 0, -1):
        if "\nRegister\n" in "\n" + pdftext(pdf, n):
            return n
    raise AssertionError("no index page")


# ----------------------------------------------------------------------------- the sample

def test_every_word_of_the_reading_text_is_printed(sample_pdf: Path) -> None:
    tei = parse_file(SAMPLE).getroot()
    text = tei.find(f"{T}text")
    body_back = " ".join(reading_text(e) for e in (text.find(f"{T}body"), text.find(f"{T}back")))
    expected = words(body_back)
    assert len(expected) > 2000
    last_text_page = index_page(sample_pdf) - 1
    printed = words(pdftext(sample_pdf, 2, last_text_page))
    assert_subsequence(expected, printed)
    # nothing printed twice or invented: the extra words are running heads only
    extra = len(printed) - len(expected)
    assert 0 <= extra <= 12 * (last_text_page - 1), extra
    # the title page holds every word of the TEI's titlePage
    title_words = set(words(pdftext(sample_pdf, 1)))
    assert set(words(reading_text(text.find(f"{T}front")))) <= title_words


def test_running_heads_of_a_text_without_chapters(sample_pdf: Path) -> None:
    """The page where the text begins has no running head, its number at the foot; the next
    pages have author (even) or title (odd) with the number on top."""
    pages = layout_pages(sample_pdf)
    assert pages[1][0].split()[:2] == ["Den", "socialistiska"] and pages[1][-1].strip() == "2"
    # a running head on one line: a long title is cut at a word
    assert re.fullmatch(r"\s*Det är dags att starta [^…]* …\s+3", pages[2][0]), pages[2][0]
    assert re.fullmatch(r"\s*4\s+Leo Trotskij", pages[3][0]), pages[3][0]
    assert all(page[-1].strip() not in ("3", "4") for page in pages[2:4])


def test_title_page(sample_pdf: Path) -> None:
    page1 = " ".join(pdftext(sample_pdf, 1).split())
    for part in ("Leo Trotskij", "Det är dags att starta en världsomfattande offensiv mot "
                 "stalinismen", "Ett öppet brev till alla arbetarorganisationer",
                 "2 november 1937", "Översättning: Martin Fahlgren"):
        assert part in page1


def test_quotation_marks_rendered_once(sample_pdf: Path) -> None:
    text = " ".join(pdftext(sample_pdf).split())
    text = re.sub(r"(\w)[-\u00ad] (\w)", r"\1\2", text)
    # <q> and <soCalled> of a Swedish text: ” at both ends, exactly once
    assert "”Fjärde internationalen består till två tredjedelar av spioner och sabotörer”" \
        in text
    assert "”tillfälliga” mord eller ”tillfälliga”" in text
    assert "””" not in text and "“" not in text
    tei = parse_file(SAMPLE).getroot()
    n_quotes = len(tei.findall(f".//{T}q")) + len(tei.findall(f".//{T}soCalled"))
    assert text.count("”") == 2 * n_quotes


def test_index_pages_hold_the_names(sample_pdf: Path) -> None:
    tei = parse_file(SAMPLE).getroot()
    reg = parse_file(REGISTER).getroot()
    forms: dict[str, set[str]] = {}
    for el in tei.find(f"{T}text").iter(f"{T}persName", f"{T}orgName", f"{T}placeName"):
        ref = el.get("ref", "")[1:]
        forms.setdefault(ref, set()).add(" ".join(words(reading_text(el))))
    names: dict[str, str] = {}
    for entry in reg.iter(f"{T}person", f"{T}org", f"{T}place"):
        n = entry.find("*[@type='reg']")
        sur, fore = n.find(f"{T}surname"), n.find(f"{T}forename")
        shown = (f"{sur.text}, {fore.text}" if sur is not None and fore is not None
                 else " ".join("".join(n.itertext()).split()))
        names[shown] = entry.get("{http://www.w3.org/XML/1998/namespace}id")
    ip = index_page(sample_pdf)
    listed: dict[str, list[int]] = {}
    for line in pdftext(sample_pdf, ip).splitlines():
        m = re.match(r"^(.*?\S)\s+(\d+(?:, \d+)*)$", line.strip())
        if m and m[1] in names:
            listed[names[m[1]]] = [int(p) for p in m[2].split(", ")]
    # every entity named in the text is in the index, and nothing else is
    assert set(listed) == set(forms), set(forms) ^ set(listed)
    assert "pers-emile-vandervelde" not in listed  # in the register, not in this text
    page_words = {p: " ".join(words(pdftext(sample_pdf, p))) for p in range(1, ip)}
    for ref, pages in listed.items():
        assert pages == sorted(set(pages))
        for p in pages:  # every page listed really holds a mention
            assert any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", page_words[p])
                       for f in forms[ref]), (ref, p, forms[ref])
    # and the pages are all there: a name only ever written marked up is listed on every
    # page that shows it (running heads removed: they repeat author and title)
    heads = {"Leo Trotskij", "Det är dags att starta en världsomfattande offensiv mot"}
    for ref in ("pers-ignaz-reiss", "place-spanien", "place-paris", "org-poum"):
        shown_on = set()
        for p in range(2, ip):
            body = "\n".join(ln for ln in pdftext(sample_pdf, p).splitlines()
                             if ln.strip(" …") not in heads)
            if any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", " ".join(words(body)))
                   for f in forms[ref]):
                shown_on.add(p)
        assert set(listed[ref]) == shown_on, (ref, listed[ref], shown_on)


def test_metadata_fonts_tags(sample_pdf: Path) -> None:
    info = pdfinfo(sample_pdf)
    assert info["Title"] == "Det är dags att starta en världsomfattande offensiv mot stalinismen"
    assert info["Author"] == "Leo Trotskij"
    assert info["Subject"] == "Ett öppet brev till alla arbetarorganisationer"
    assert "Komintern" in info["Keywords"] and "Spanien" in info["Keywords"]
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    # reproducible: the creation date is the TEI's revision date, not the clock
    assert info["CreationDate"].endswith("2026 UTC") and "Nov 24" in info["CreationDate"]
    fonts = run("pdffonts", str(sample_pdf)).splitlines()[2:]
    assert fonts, "no fonts"
    for row in fonts:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
    assert any("Libertinus" in row for row in fonts)
    from pypdf import PdfReader

    root = PdfReader(sample_pdf).trailer["/Root"]
    assert root["/Lang"] == "sv" and bool(root["/MarkInfo"]["/Marked"])
    # poppler reads it without complaint (it reports "Syntax Error: Suspects object is wrong
    # type (boolean)" for the /Suspects false that Typst writes)
    for tool in ("pdfinfo", "pdffonts", "pdftotext"):
        args = [tool, str(sample_pdf)] + (["-"] if tool == "pdftotext" else [])
        err = subprocess.run(args, capture_output=True, text=True, check=True).stderr
        assert err == "", (tool, err)


def test_keep_source_is_the_typst_source(sample_pdf: Path) -> None:
    typ = sample_pdf.with_suffix(".typ").read_text(encoding="utf-8")
    assert typ.startswith("// teiedition print edition")
    assert '#show: edition.with(' in typ
    assert 'nm("org", "org-komintern", "Komintern")' in typ


def test_pages_are_not_blank(sample_pdf: Path, tmp_path: Path) -> None:
    for page in (1, 2, 3):
        assert dark_fraction(sample_pdf, page, tmp_path) > 0.002, page


def test_reproducible_and_paper_sizes(tmp_path: Path, sample_pdf: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    again = build_pdf([SAMPLE], tmp_path / "again", register=REGISTER)[0]
    assert again.read_bytes() == sample_pdf.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    a5 = build_pdf([SAMPLE], tmp_path / "a5", register=REGISTER, paper="a5")[0]
    info = pdfinfo(a5)
    assert info["Page size"].startswith("419.528 x 595.276")
    assert info["CreationDate"].startswith("Fri Jan  2 00:00:00 1970")
    assert int(info["Pages"]) > page_count(sample_pdf)
    letter = build_pdf([SAMPLE], tmp_path / "letter", paper="letter")[0]
    assert pdfinfo(letter)["Page size"].startswith("612 x 792")


def test_pdfa(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = build_pdf([SAMPLE], tmp_path, register=REGISTER, pdfa=True)[0]
    reader = PdfReader(pdf)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part[^0-9]*2", xmp)
    assert re.search(r"pdfaid:conformance[^A-Z]*B", xmp)
    assert "/OutputIntents" in reader.trailer["/Root"]


# ----------------------------------------------------------------------------- ELTeC

def test_eltec_novel_toc_chapters_and_words(wagner_pdf: Path) -> None:
    tei = parse_file(WAGNER).getroot()
    heads = [" ".join(reading_text(h).split())
             for h in tei.iterfind(f".//{T}body/{T}div/{T}head")]
    assert len(heads) >= 10
    # the table of contents lists every chapter with a page; each chapter opens its page
    toc = pdftext(wagner_pdf, 2)
    assert toc.startswith("Innehåll")
    lines = [ln for ln in toc.splitlines()[1:] if ln.strip()]
    assert len(lines) == len(heads)
    pages = []
    for head, line in zip(heads, lines, strict=True):  # "I. . . . . 4"
        m = re.fullmatch(r"[ .\u2060]*(\d+)", line[len(head):])
        assert line.startswith(head) and m, line
        pages.append(int(m[1]))
    assert pages == sorted(set(pages))
    for head, page in zip(heads, pages, strict=True):
        lines = [ln for ln in pdftext(wagner_pdf, page).splitlines() if ln.strip()]
        assert head in lines[:12], (head, page, lines[:12])
        before = pdftext(wagner_pdf, page - 1)
        assert head not in before.splitlines()
    # every word of the body (chapters, verse, highlighted words) is printed, in order
    expected = words(reading_text(tei.find(f"{T}text/{T}body")))
    printed = words(pdftext(wagner_pdf, pages[0], page_count(wagner_pdf)))
    assert_subsequence(expected, printed)
    info = pdfinfo(wagner_pdf)
    assert info["Title"] == "Norrtullsligan" and info["Author"] == "Elin Wägner"


def test_eltec_language_is_swedish(wagner_pdf: Path) -> None:
    from pypdf import PdfReader

    # ELTeC says xml:lang="sw" (Swahili); the text is Swedish and is hyphenated as such
    assert PdfReader(wagner_pdf).trailer["/Root"]["/Lang"] == "sv"


# ----------------------------------------------------------------------------- inputs

def test_safe_output_names(tmp_path: Path) -> None:
    assert safe_stem("../../etc/passwd.xml") == "passwd"
    assert safe_stem("a b/..\\c?*.xml") == "c"
    assert safe_stem("..xml") == "document"
    assert safe_stem("Lagerlöf roman.XML") == "Lagerlöf_roman"
    odd = tmp_path / "in" / "..weird name;$(x).xml"
    odd.parent.mkdir()
    shutil.copy(SAMPLE, odd)
    written = build_pdf([odd, SAMPLE, SAMPLE], tmp_path / "out")
    assert [p.name for p in written] == ["weird_name_x.pdf", "sample.pdf", "sample-2.pdf"]
    assert all(p.parent == tmp_path / "out" for p in written)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_not_tei_is_refused(tmp_path: Path) -> None:
    html = tmp_path / "page.xml"
    html.write_text("<html><body>x</body></html>")
    with pytest.raises(InvalidDocument, match="not a TEI document"):
        build_pdf([html], tmp_path / "out")
    with pytest.raises(InputError, match="paper"):
        build_pdf([SAMPLE], tmp_path / "out", paper="b5")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from teiedition.cli import main

    res = CliRunner().invoke(main, ["pdf", str(SAMPLE), "-o", str(tmp_path), "--paper", "a5",
                                    "--keep-source", "--register", str(REGISTER)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "sample.pdf").is_file() and (tmp_path / "sample.typ").is_file()
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>")
    res = CliRunner().invoke(main, ["pdf", str(bad), "-o", str(tmp_path)])
    assert res.exit_code == 2 and "bad.xml:1:" in res.output


def test_eltec_source_pages_all_in_the_margin(wagner_pdf: Path) -> None:
    """Every pb/@n of the source is set in the margin, in order, none alone on a page."""
    tei = parse_file(WAGNER).getroot()
    expected = [pb.get("n") for pb in tei.iter(f"{T}pb")]
    typ = wagner_pdf.with_suffix(".typ").read_text(encoding="utf-8")
    typ = typ[typ.index("// ---- generated"):]
    shown: list[str] = []
    for m in re.finditer(r'\b(?:pbm?|pbmark)\(((?:"[^"]*"(?:, )?)+)\)|pbs: \(((?:"[^"]*", ?)+)\)',
                         typ):
        shown += re.findall(r'"([^"]*)"', m[1] or m[2])
    assert shown == expected
    # source page 2 begins after "lyktstolpe": the grey bar marks the spot in the line and
    # the number stands in the margin on that same line
    layout = run("pdftotext", "-layout", "-enc", "UTF-8", str(wagner_pdf), "-")
    line = next(ln for ln in layout.splitlines() if "hvar lyktstolpe| för att se" in ln)
    assert re.search(r"klockan,\s{2,}2$", line), line
    # the first source pages in the margin of the text, in order (running heads left out)
    margin = [ln.rsplit(None, 1)[-1] for ln in layout.splitlines()
              if re.search(r"\S\s{3,}\d+$", ln) and "Norrtullsligan" not in ln]
    assert margin[:20] == [n for n in expected if n.isdigit()][:20]
    # no page holds nothing but a margin number
    for n in range(1, page_count(wagner_pdf) + 1):
        assert len(words(pdftext(wagner_pdf, n))) > 0 or n == 1, n
    assert "Register" not in pdftext(wagner_pdf)  # no names marked up: no index


def test_elements_of_other_tei(tmp_path: Path) -> None:
    """TEI written by others: notes in notes, verse groups, lists, tables, drama, letters,
    choice, del, floatingText, a loose note in back, no teiHeader at all. German quotes."""
    pdf = build_pdf([DATA / "kitchen-sink.xml"], tmp_path)[0]
    text = " ".join(pdftext(pdf).split())
    for s in ("Ein „Zitat ‚innen‘ außen“ und „so“.", "lingua latina", "Kapitälchen",
              "Fehler3 Doktor4 weg dazu [ergänzt] […] Ende.", "Zeile eins Zeile zwei Strophe zwei",
              "– zwei unter", "HAMLET Sein oder nicht sein.", "Blockzitat eins zwei",
              "Lieber Freund, Inhalt X", "Loser Text im div.", "Fußnote mit fett und",
              "innen", "Anmerkungen Lose Anmerkung", "Ende Verweis."):
        assert s in text, s
    # notes are footnotes: a number in the text, the note with its number at the foot
    assert "Text1 und lingua" in text and "1Fußnote mit fett und 2." in text
    assert "2innen" in text  # a note in a note: the next number
    # the editor's form of a choice in the line, the source's in a footnote; a deletion
    # stays in the line (struck through, as in the HTML reading view)
    assert "3Fehler] Fehlr" in text and "4Doktor] Dr." in text
    toc = pdftext(pdf, 2)
    assert toc.startswith("Inhalt") and "Erstes: Unterkopf" in toc


@pytest.mark.skipif(not (Path(__file__).parent.parent / "tei" / "sample.xml").is_file(),
                    reason="tei/sample.xml (the encoded sample) is not in the repository yet")
def test_the_encoded_sample(tmp_path: Path) -> None:
    """The edition's own sample, as `encode` wrote it, with the edition's register."""
    tei_dir = Path(__file__).parent.parent / "tei"
    pdf = build_pdf([tei_dir / "sample.xml"], tmp_path, register=tei_dir / "register.xml")[0]
    text = parse_file(tei_dir / "sample.xml").getroot().find(f"{T}text")
    expected = words(" ".join(reading_text(e) for e in (text.find(f"{T}body"),
                                                        text.find(f"{T}back"))))
    assert_subsequence(expected, words(pdftext(pdf, 2, index_page(pdf) - 1)))


# ----------------------------------------------------------------------------- line numbers

# The same text typeset with Typst's own line numbering (par.line, counted per page) as the
# reference: injected after the generated `#show: edition.with(…)`, it numbers the lines of
# every paragraph of the text; the page foreground (our numbers) is switched off, and what we
# do not count is switched off for par.line too (title pages, contents, gaps, tables, index).
ORACLE = """
#set page(foreground: none)
#set par.line(numbering: n => if calc.rem(n, 5) == 0 { str(n) }, numbering-scope: "page")
#show heading: set par.line(numbering: none)
#show footnote.entry: set par.line(numbering: none)
#let te-off(f) = (..args) => { set par.line(numbering: none); f(..args) }
#let titlepage = te-off(titlepage)
#let source-titlepage = te-off(source-titlepage)
#let toc = te-off(toc)
#let gap-block = te-off(gap-block)
#let pbmark = te-off(pbmark)
#let chapter = te-off(chapter)
#let tbl = te-off(tbl)
#let index = te-off(index)
#let colophon = te-off(colophon)
"""


def layout_pages(pdf: Path) -> list[list[str]]:
    """The non-empty lines of each page as pdftotext -layout places them."""
    text = run("pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-")
    return [[ln for ln in page.splitlines() if ln.strip()] for page in text.split("\f")]


def numbered_lines(pdf: Path, running_head: str) -> list[tuple[int, int, str]]:
    """(page, number, first words of the line) for every line number in the left margin."""
    out = []
    for page, lines in enumerate(layout_pages(pdf), start=1):
        for line in lines:
            m = re.match(r"^ {0,3}(\d+) {2,}(\S.{0,30})", line)
            if m and running_head not in line:
                out.append((page, int(m[1]), m[2].strip()))
    return out


def assert_line_numbers_as_typst_counts(pdf: Path, running_head: str) -> None:
    """The left-margin numbers of ``pdf`` (built with keep_source) are those that Typst's own
    per-page line numbering puts on the same text: same pages, same numbers, same lines."""
    from teiedition.publish.pdf import compile_source

    typ = pdf.with_suffix(".typ").read_text(encoding="utf-8")
    show = typ.index("\n#{\n", typ.index("#show: edition.with("))
    reference = pdf.with_name("reference.pdf")
    reference.write_bytes(compile_source(typ[:show] + ORACLE + typ[show:])[0])
    ours, theirs = numbered_lines(pdf, running_head), numbered_lines(reference, running_head)
    assert all(n % 5 == 0 for _, n, _ in ours)
    assert ours == theirs


def test_line_numbers_count_the_lines_of_each_page(wagner_pdf: Path) -> None:
    """Every 5th line of a page is numbered, on the right line (an ELTeC novel, A4)."""
    assert len(numbered_lines(wagner_pdf, "Elin Wägner")) > 300
    assert_line_numbers_as_typst_counts(wagner_pdf, "Elin Wägner")


def test_line_numbers_across_page_breaks(tmp_path: Path) -> None:
    """Paragraphs, block quotations, lists and wrapped verse lines that run on to the next
    page, footnotes under them, source page breaks inside them (A5): numbered as Typst's own
    line numbering counts them."""
    pdf = build_pdf([DATA / "line-numbers.xml"], tmp_path, paper="a5", keep_source=True)[0]
    numbers = numbered_lines(pdf, "Emilie Flygare-Carlén")
    assert len(numbers) > 120 and page_count(pdf) > 15
    assert_line_numbers_as_typst_counts(pdf, "Emilie Flygare-Carlén")


def test_no_running_head_on_a_chapter_opening(wagner_pdf: Path) -> None:
    """A chapter's first page has no running head, only its page number at the foot; the
    pages of the text between have author (even) or title (odd) and the number on top."""
    toc = pdftext(wagner_pdf, 2)
    opening = {int(m[1]) for m in re.finditer(r"(\d+)\s*$", toc, re.M)}
    assert len(opening) >= 10
    pages = layout_pages(wagner_pdf)
    for page in range(min(opening), max(opening) + 2):
        top, foot = pages[page - 1][0], pages[page - 1][-1]
        head = "Elin Wägner" if page % 2 == 0 else "Norrtullsligan"
        if page in opening:
            assert head not in top and foot.strip() == str(page), (page, top, foot)
        else:
            assert re.fullmatch(rf"\s*(\d+\s+)?{head}(\s+\d+)?", top), (page, top)
            assert str(page) in top.split() and foot.strip() != str(page), (page, top, foot)


# ----------------------------------------------------------------------------- processes

def test_the_largest_eltec_novel_is_within_the_limit() -> None:
    """The documented ceiling takes every novel of the corpus (the largest has 911,000
    characters of text) many times over."""
    from teiedition.publish.pdf import MAX_TEXT_CHARS, check_size

    novel = ELTEC / "SWE2105353_FlygareCarlen.xml"
    if not novel.is_file():
        pytest.skip("../shared/corpora/eltec-swe is not present")
    assert 900_000 < check_size(parse_file(novel)) <= MAX_TEXT_CHARS


def test_xslt_step_in_a_child_process_gives_the_same_source() -> None:
    """A long text's XSLT step may run in a child process (so that Saxon's memory is not
    held beside Typst's): the Typst source is the same, and a failure is one line."""
    from teiedition.errors import TeieditionError
    from teiedition.publish import pdf

    tree = parse_file(SAMPLE)
    when = pdf.build_timestamp(tree)
    reg = pdf._serialize_register(REGISTER)
    args = {"register_xml": reg, "paper": "a5", "source_name": "sample.xml", "build_date": when}
    assert pdf._typst_source_apart(tree, **args) == pdf.typst_source(tree, **args)
    with pytest.raises(TeieditionError, match="^error: transformation with .* failed") as err:
        pdf._typst_source_apart(etree.ElementTree(etree.fromstring("<html/>")), **args)
    assert "\n" not in str(err.value)


def test_the_xslt_child_started_early_runs_the_next_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """xslt_started_early: the XSLT child starts (and compiles the stylesheet) before the
    text is read; the text's XSLT step is then that child's, with the same source; one not
    taken ends with the block."""
    from teiedition.publish import pdf, timeline

    log = tmp_path / "timeline.txt"
    monkeypatch.setenv(timeline.ENV, str(log))
    monkeypatch.setattr(pdf, "_saxon_here", lambda: False)  # as in a process that never ran it
    with pdf.xslt_started_early():
        early = pdf._early[0].child
        tree = parse_file(SAMPLE)
        when = pdf.build_timestamp(tree)
        args = {"register_xml": "", "paper": "a4", "source_name": "s.xml", "build_date": when}
        assert pdf._typst_source_apart(tree, **args) == pdf.typst_source(tree, **args)
        assert not pdf._early and early.poll() == 0
    events = [(pid, what) for _, pid, _, what in timeline.read(log)]
    assert [what for _, what in events].count("start the XSLT child") == 1
    assert {pid for pid, what in events if what == "transformed"} == {early.pid}
    with pdf.xslt_started_early():
        unused = pdf._early[0].child
    assert unused.poll() is not None and not pdf._early
    with pdf.xslt_started_early(wanted=False):
        assert not pdf._early


def test_a_child_that_dies_is_a_one_line_error() -> None:
    """A typesetting child killed (the kernel's OOM killer, a signal) or crashing leaves a
    one-line error that says so, not a traceback or a hang."""
    from teiedition.errors import TeieditionError
    from teiedition.publish import pdf

    killed = subprocess.run([sys.executable, "-c", "import os, signal; "
                             "os.kill(os.getpid(), signal.SIGKILL)"], capture_output=True,
                            text=True)
    with pytest.raises(TeieditionError, match=r"the typesetter stopped \(killed by signal 9"):
        pdf._child_answer(killed, "the typesetter")
    crashed = subprocess.run([sys.executable, "-c", "import typst_nonexistent"],
                             capture_output=True, text=True)
    with pytest.raises(TeieditionError, match="exit code 1.*ModuleNotFoundError") as err:
        pdf._child_answer(crashed, "the XSLT step")
    assert "\n" not in str(err.value)


def test_list_marks_and_footnote_marks_as_the_source_wrote_them(tmp_path: Path) -> None:
    """Items print their own mark (item/@n: "1)", "•"); a footnote whose mark is not a
    number prints that mark ("*") in the text and at the foot."""
    from teiedition.encode import encode_bytes

    raw = ("Styrelsen föreslog följande om kassan och om medlemmarnas avgifter:\n\n"
           "1) att årsmötet fastställer balansräkningen,\n"
           "2) att avgiften höjs.\n\n"
           "Förslaget antogs, men kassören var tveksam.* Han reserverade sig skriftligen.\n\n"
           "* Reservationen finns i protokollet.\n")
    tei = tmp_path / "styrelse.xml"
    tei.write_bytes(etree.tostring(encode_bytes(raw.encode(), "styrelse.txt",
                                                entities=False).tree))
    pdf = build_pdf([tei], tmp_path / "pdf")[0]
    text = pdftext(pdf)
    assert re.search(r"1\)\s+att årsmötet", text) and re.search(r"2\)\s+att avgiften", text)
    assert re.search(r"tveksam\.\*", text)
    assert re.search(r"^\*\s*Reservationen finns", text, re.MULTILINE)


def test_colophon_date_only_when_the_tei_or_the_build_gives_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A TEI without a dated change or publication date has no date in its colophon (the
    PDF's own creation date is then the epoch, for reproducibility, but a reader never
    sees 1970-01-01); a dated revision or SOURCE_DATE_EPOCH is shown."""
    from teiedition.publish import pdf

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    tree = parse_file(DATA / "kitchen-sink.xml")
    colophon = pdf.typst_source(tree).rpartition("colophon(")[2]
    assert "1970" not in colophon and '("Datum"' not in colophon
    dated = parse_file(DATA.parent / "html" / "edition.xml")
    header = dated.getroot().find(f"{{{TEI_NS}}}teiHeader")
    for old in header.iterfind(f"{{{TEI_NS}}}revisionDesc"):
        header.remove(old)
    revision = etree.SubElement(header, f"{{{TEI_NS}}}revisionDesc")
    etree.SubElement(revision, f"{{{TEI_NS}}}change", when="2024-05-01").text = "Checked."
    assert '"2024-05-01")' in pdf.typst_source(dated).rpartition("colophon(")[2]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 365))
    assert '"1971-01-01")' in pdf.typst_source(tree).rpartition("colophon(")[2]


def test_tokenised_tei_prints_as_text(tmp_path: Path) -> None:
    """The white space of tokenised TEI (ELTeC level 2) prints as the HTML reads it."""
    from .test_html_templates import TOKENISED, TOKENISED_TEXT

    text = " ".join(pdftext(build_pdf([TOKENISED], tmp_path)[0]).split())
    for para in TOKENISED_TEXT:
        assert para in text


def test_a_long_tokenised_paragraph_carries_line_marks() -> None:
    """A run of tokens is running text: its line marks (which the line numbers need) are
    set as in a plain paragraph, and its words are spaced as printed text."""
    from teiedition.publish import pdf
    from teiedition.xml import parse_bytes

    words = [f"ord{i}" for i in range(300)]
    tokens = "\n".join(f"<w>{w}</w>" + ("\n<pc>,</pc>" if i % 7 == 6 else "")
                       for i, w in enumerate(words))
    tei = parse_bytes(f'<TEI xmlns="{TEI_NS}"><text><body><p>{tokens}\n<pc>.</pc>\n</p>'
                      f"</body></text></TEI>".encode())
    para = pdf.typst_source(tei).rpartition("para(")[2].partition("\n")[0]
    assert para.count("lm()") >= 20
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', para))
    assert text.startswith("ord0 ord1 ord2 ord3 ord4 ord5 ord6, ord7 ")
    assert text.rstrip().endswith("ord299.")


def test_critical_apparatus_lemma_in_the_text_entries_as_footnotes(tmp_path: Path) -> None:
    """app prints its lemma (or first reading) and a lettered footnote with every reading."""
    from .test_html_templates import APPARATUS

    text = " ".join(pdftext(build_pdf([APPARATUS], tmp_path)[0]).split())
    assert "Det var en mörka natt, och regnetb föll. Han sade jac." in text
    for entry in ("amörk A] dyster B", "bregnet] om. B", "cja A; nej B"):
        assert entry in text


def test_short_divisions_follow_one_another(tmp_path: Path) -> None:
    """Letters, diary entries, articles: divisions shorter than a page on average do not
    each start a page (3,000 letters made 3,065 pages and 855 MB of Typst); the chapters of
    a novel still do (test_no_running_head_on_a_chapter_opening)."""
    letters = "".join(f'<div type="letter"><head>Brev {i}</head><p>Kära vän, här är brev '
                      f"nummer {i} med lite text som fortsätter en stund.</p></div>"
                      for i in range(60))
    tei = tmp_path / "brev.xml"
    tei.write_text(f'<TEI xmlns="{TEI_NS}" xml:lang="sv"><teiHeader><fileDesc><titleStmt>'
                   "<title>Brev</title></titleStmt><publicationStmt><p>x</p></publicationStmt>"
                   "<sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader><text><body>"
                   f"{letters}</body></text></TEI>", encoding="utf-8")
    pdf = build_pdf([tei], tmp_path / "out")[0]
    assert page_count(pdf) < 20
    text = " ".join(pdftext(pdf).split())
    assert all(f"Brev {i} Kära vän, här är brev nummer {i} " in text for i in range(60))


def test_contents_only_for_a_readable_number_of_chapters() -> None:
    """A table of contents lists up to 500 chapters; beyond that (thousands of letters) the
    PDF's bookmarks list them, and Typst's memory stays within its limit (6,000 letters:
    904 MB with the contents, 423 MB without)."""
    from teiedition.publish import pdf
    from teiedition.xml import parse_bytes

    def letters(n: int) -> str:
        body = "".join(f"<div><head>Brev {i}</head><p>Kära vän, brev {i}.</p></div>"
                       for i in range(n))
        tei = parse_bytes(f'<TEI xmlns="{TEI_NS}"><text><body>{body}</body></text></TEI>'
                          .encode())
        return pdf.typst_source(tei)

    assert "\ntoc(" in letters(500)
    many = letters(501)
    assert "\ntoc(" not in many and "\nopening()" in many and many.count("chapter(") > 501
