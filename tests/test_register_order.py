"""Registers as scholars read them (issue 16): persons listed "Barbusse, Henri", a surname
written first not inverted ("Chiang Kai-shek"), every register and index sorted by one rule
with the collation of the edition's language, identically in the HTML and the PDF; new
register entries carry the name structure that rule reads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from teiedition.entities.register import Mention, empty_register
from teiedition.publish.html import build_html
from teiedition.publish.pdf import build_pdf

from .html_helpers import importing_stylesheet

T = "{http://www.tei-c.org/ns/1.0}"
PERSONS = [  # id, reg name (inner XML)
    ("pers-henri-barbusse", "<forename>Henri</forename> <surname>Barbusse</surname>"),
    ("pers-chiang-kai-shek", "<surname>Chiang</surname> <forename>Kai-shek</forename>"),
    ("pers-anders-zorn", "<forename>Anders</forename> <surname>Zorn</surname>"),
    ("pers-karin-oberg", "<forename>Karin</forename> <surname>Öberg</surname>"),
    ("pers-nils-aberg", "<forename>Nils</forename> <surname>Åberg</surname>"),
    ("pers-olof-ohlin", "<forename>Olof</forename> <surname>Ohlin</surname>"),
    ("pers-arno-penzias", "<forename>Arno</forename> <surname>Penzias</surname>"),
    ("pers-rosa-pena", "<forename>Rosa</forename> <surname>Peña</surname>"),
    # older entries, or TEI by others, without structure: filed by te:person-key
    ("pers-erik-andersson", "Erik Andersson"),
    ("pers-karl-xii", "Karl XII"),
    ("pers-karl-ix", "Karl IX"),
    ("pers-charles-de-gaulle", "Charles de Gaulle"),
    ("pers-peter-den-store", "Peter den store"),
    ("pers-ludwig-van-beethoven", "Ludwig van Beethoven"),
]
_ROOT = ["Erik Andersson", "Barbusse, Henri", "Ludwig van Beethoven", "Chiang Kai-shek",
         "Charles de Gaulle", "Karl IX", "Karl XII"]
ORDER = {  # as each language's readers look names up
    # å ä ö after z, ñ with n
    "sv": _ROOT + ["Ohlin, Olof", "Peña, Rosa", "Penzias, Arno", "Peter den store",
                   "Zorn, Anders", "Åberg, Nils", "Öberg, Karin"],
    # å with a, ö with o
    "de": ["Åberg, Nils"] + _ROOT + ["Öberg, Karin", "Ohlin, Olof", "Peña, Rosa",
                                     "Penzias, Arno", "Peter den store", "Zorn, Anders"],
    # ñ after n (Penzias before Peña)
    "es": ["Åberg, Nils"] + _ROOT + ["Öberg, Karin", "Ohlin, Olof", "Penzias, Arno",
                                     "Peña, Rosa", "Peter den store", "Zorn, Anders"],
}


def _edition(tmp: Path, lang: str) -> tuple[Path, Path]:
    names = " ".join(f'<persName ref="#{i}">{re.sub("<[^>]+>", "", n)}</persName>,'
                     for i, n in PERSONS)
    tei = tmp / "text.xml"
    tei.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>
<titleStmt><title>Brev</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
<sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Namn: {names} och fler.</p></body></text></TEI>
""", encoding="utf-8")
    entries = "".join(f'<person xml:id="{i}"><persName type="reg">{n}</persName></person>'
                      for i, n in PERSONS)
    reg = tmp / "register.xml"
    reg.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Register</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
<sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson>{entries}</listPerson></standOff></TEI>
""", encoding="utf-8")
    return tei, reg


@pytest.mark.parametrize("lang", ["sv", "de", "es"])
def test_html_register_lists_persons_by_surname_in_the_languages_order(
        tmp_path: Path, lang: str) -> None:
    tei, reg = _edition(tmp_path, lang)
    out = tmp_path / "html"
    build_html([tei], out, register=reg)
    page = etree.parse(str(out / "persons.html"), etree.HTMLParser())
    shown = [" ".join("".join(h.itertext()).split()) for h in page.iter("h2")]
    assert shown == ORDER[lang]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ["sv", "de", "es"])
def test_pdf_index_has_the_same_names_in_the_same_order(tmp_path: Path, lang: str) -> None:
    import subprocess

    tei, reg = _edition(tmp_path, lang)
    pdf = build_pdf([tei], tmp_path / "pdf", register=reg)[0]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [re.sub(r"\s+\d+(, \d+)*$", "", ln.strip()) for ln in text.splitlines()]
    listed = [ln for ln in lines if ln in ORDER[lang]]
    assert listed[-len(ORDER[lang]):] == ORDER[lang]


def test_new_person_entries_carry_their_name_structure() -> None:
    reg = empty_register().update([
        Mention(0, 0, 1, "PER", "Henri Barbusse", "Henri Barbusse", "pers-henri-barbusse"),
        Mention(0, 0, 1, "PER", "Chiang Kai-shek", "Chiang Kai-shek", "pers-chiang-kai-shek"),
        Mention(0, 0, 1, "PER", "Charles de Gaulle", "Charles de Gaulle", "pers-de-gaulle"),
        Mention(0, 0, 1, "PER", "Stalin", "Stalin", "pers-stalin"),
        Mention(0, 0, 1, "PER", "Karl XII", "Karl XII", "pers-karl-xii"),
        Mention(0, 0, 1, "ORG", "Komintern", "Komintern", "org-komintern"),
    ])
    def parts(xid: str) -> list[tuple[str, str]]:
        el = next(e for e in reg.tree.iter() if e.get(
            "{http://www.w3.org/XML/1998/namespace}id") == xid)
        name = el[0]
        return [(c.tag.replace(T, ""), c.text or "") for c in name]

    assert parts("pers-henri-barbusse") == [("forename", "Henri"), ("surname", "Barbusse")]
    assert parts("pers-chiang-kai-shek") == [("surname", "Chiang"), ("forename", "Kai-shek")]
    assert parts("pers-de-gaulle") == [("forename", "Charles"), ("nameLink", "de"),
                                       ("surname", "Gaulle")]
    assert parts("pers-stalin") == [("surname", "Stalin")]
    assert parts("pers-karl-xii") == [("forename", "Karl"), ("genName", "XII")]
    assert parts("org-komintern") == []
    # the name reads as before: lookups by the full form still find the entries
    assert reg.lookup("Henri Barbusse") is not None and reg.lookup("Chiang Kai-shek") is not None


# --- one rule for names without structure, and the alphabets of many languages ---------

NAMES = ["Henri Barbusse", "Chiang Kai-shek", "Kim Il-sung", "Charles de Gaulle",
         "Ludwig van Beethoven", "Walther von der Vogelweide", "Karl XII", "Karl IX",
         "Karl V.", "Gustav II Adolf", "Peter den store", "Friedrich der Große",
         "Alfred the Great", "Martin Luther King Jr.", "José Ortega y Gasset",
         "Pieter Bruegel den äldre", "Lucas Cranach der Ältere", "Hans V. Müller",
         "Anna Karin Öberg", "Stalin", "M Koltsov", "Michail Koltsov"]


def _keys(entries: list[str], lang: str) -> list[str]:
    """The entries (person elements as XML) in te:sort-key order, shown by te:index-name."""
    from teiedition.publish import xslt

    exe = importing_stylesheet("common/common.xsl", f"""
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//tei:person">
      <xsl:sort select="te:sort-key(., '{lang}')" collation="{{te:collation('{lang}')}}"/>
      <xsl:value-of select="te:index-name(.) || '&#10;'"/>
    </xsl:for-each>
  </xsl:template>""")
    doc = xslt.parse_text('<listPerson xmlns="http://www.tei-c.org/ns/1.0">' + "".join(entries)
                          + "</listPerson>")
    return exe.transform_to_string(xdm_node=doc).strip().split("\n")


def _structured(name: str) -> str:
    reg = empty_register().update([Mention(0, 0, 1, "PER", name, name, "pers-x")])
    el = next(e for e in reg.tree.iter(f"{T}person"))
    return etree.tostring(el, encoding="unicode")


def test_names_without_structure_are_filed_where_their_structure_files_them() -> None:
    plain = _keys([f'<person><persName type="reg">{n}</persName></person>' for n in NAMES],
                  "sv")
    structured = _keys([_structured(n) for n in NAMES], "sv")
    # the same order; the structured ones are shown inverted ("Gaulle, Charles de")
    assert [structured.index(next(s for s in structured if sorted(s.replace(",", "").split())
                                  == sorted(p.split()))) for p in plain] == list(range(len(NAMES)))
    assert plain[:8] == ["Alfred the Great", "Henri Barbusse", "Ludwig van Beethoven",
                         "Pieter Bruegel den äldre", "Chiang Kai-shek",
                         "Lucas Cranach der Ältere", "Friedrich der Große", "Charles de Gaulle"]
    # rulers by their name and number, not their numeral's letters
    assert [n for n in plain if n.startswith("Karl")] == ["Karl V.", "Karl IX", "Karl XII"]
    assert "Gaulle, Charles de" in structured and "Karl XII" in structured
    assert "King, Martin Luther Jr." in structured and "Kim Il-sung" in structured
    assert "Ortega y Gasset, José" in structured


def test_the_lists_of_the_name_rule_are_the_same_in_python_and_xslt() -> None:
    from teiedition.entities import names as N
    from teiedition.resources import xslt_path

    xsl = etree.parse(str(xslt_path("common", "sort.xsl")))
    def words(name: str) -> tuple[str, ...]:
        (var,) = xsl.xpath("//*[@name=$n]/@select", n=name)
        return tuple(re.findall(r"'([^']*)'", var))
    assert words("te:epithet-articles") == N.EPITHET_ARTICLES
    assert words("te:name-conjunctions") == N.NAME_CONJUNCTIONS
    assert words("te:suffixes") == N.GENERATIONAL


# Surnames as each language's indexes file them (CLDR's collation for the language).
SURNAMES = ["Zorn", "Åberg", "Ærø", "Öberg", "Ørsted", "Oberg", "Aagaard", "Abel", "Peña",
            "Penzias", "Chopin", "Czerny", "Hus", "Łukasiewicz", "Lutosławski", "Şahin",
            "Sandor", "Szabó", "Sztáray", "Ibsen", "Ilıcalı", "Þórsson", "Tórsson"]
ALPHABETS = {  # as ICU 72 sorts them with CLDR's collation for each language
    "sv": ["Aagaard", "Abel", "Chopin", "Czerny", "Hus", "Ibsen", "Ilıcalı", "Łukasiewicz",
           "Lutosławski", "Oberg", "Peña", "Penzias", "Şahin", "Sandor", "Szabó", "Sztáray",
           "Þórsson", "Tórsson", "Zorn", "Åberg", "Ærø", "Öberg", "Ørsted"],
    "da": ["Abel", "Chopin", "Czerny", "Hus", "Ibsen", "Ilıcalı", "Łukasiewicz",
           "Lutosławski", "Oberg", "Peña", "Penzias", "Şahin", "Sandor", "Szabó", "Sztáray",
           "Þórsson", "Tórsson", "Zorn", "Ærø", "Öberg", "Ørsted", "Åberg", "Aagaard"],
    "de": ["Aagaard", "Abel", "Åberg", "Ærø", "Chopin", "Czerny", "Hus", "Ibsen", "Ilıcalı",
           "Łukasiewicz", "Lutosławski", "Oberg", "Öberg", "Ørsted", "Peña", "Penzias",
           "Şahin", "Sandor", "Szabó", "Sztáray", "Tórsson", "Zorn", "Þórsson"],
    "es": ["Aagaard", "Abel", "Åberg", "Ærø", "Chopin", "Czerny", "Hus", "Ibsen", "Ilıcalı",
           "Łukasiewicz", "Lutosławski", "Oberg", "Öberg", "Ørsted", "Penzias", "Peña",
           "Şahin", "Sandor", "Szabó", "Sztáray", "Tórsson", "Zorn", "Þórsson"],
    "pl": ["Aagaard", "Abel", "Åberg", "Ærø", "Chopin", "Czerny", "Hus", "Ibsen", "Ilıcalı",
           "Lutosławski", "Łukasiewicz", "Oberg", "Öberg", "Ørsted", "Peña", "Penzias",
           "Şahin", "Sandor", "Szabó", "Sztáray", "Tórsson", "Zorn", "Þórsson"],
    "cs": ["Aagaard", "Abel", "Åberg", "Ærø", "Czerny", "Hus", "Chopin", "Ibsen", "Ilıcalı",
           "Łukasiewicz", "Lutosławski", "Oberg", "Öberg", "Ørsted", "Peña", "Penzias",
           "Şahin", "Sandor", "Szabó", "Sztáray", "Tórsson", "Zorn", "Þórsson"],
    "hu": ["Aagaard", "Abel", "Åberg", "Ærø", "Chopin", "Czerny", "Hus", "Ibsen", "Ilıcalı",
           "Łukasiewicz", "Lutosławski", "Oberg", "Ørsted", "Öberg", "Peña", "Penzias",
           "Şahin", "Sandor", "Szabó", "Sztáray", "Tórsson", "Zorn", "Þórsson"],
    "tr": ["Aagaard", "Abel", "Åberg", "Ærø", "Chopin", "Czerny", "Hus", "Ibsen", "Ilıcalı",
           "Łukasiewicz", "Lutosławski", "Oberg", "Ørsted", "Öberg", "Peña", "Penzias",
           "Sandor", "Szabó", "Sztáray", "Şahin", "Tórsson", "Zorn", "Þórsson"],
}


@pytest.mark.parametrize("lang", sorted(ALPHABETS))
def test_registers_sort_by_the_alphabet_of_the_editions_language(lang: str) -> None:
    entries = [f'<person><persName type="reg" sortKey="{n}">{n}</persName></person>'
               for n in SURNAMES]
    assert _keys(entries, lang) == ALPHABETS[lang]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_index_files_names_no_register_holds_by_the_same_rule(tmp_path: Path) -> None:
    """TEI by others, no register: the index lists the mentions' own words, persons by
    surname (inverted where the mention has parts), rulers by name and number."""
    import subprocess

    names = ['<persName ref="#p1">Henri Barbusse</persName>',
             '<persName ref="#p2">Karl XII</persName>',
             '<persName ref="#p3"><forename>Karin</forename> <surname>Öberg</surname></persName>',
             '<persName ref="#p4">Charles de Gaulle</persName>',
             '<persName ref="#p5">Anders Zorn</persName>',
             '<persName ref="#p6">Chiang Kai-shek</persName>']
    tei = tmp_path / "t.xml"
    tei.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="sv"><teiHeader><fileDesc>
<titleStmt><title>Brev</title></titleStmt><publicationStmt><p>Test</p></publicationStmt>
<sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Namn: {", ".join(names)}.</p></body></text></TEI>
""", encoding="utf-8")
    pdf = build_pdf([tei], tmp_path / "pdf")[0]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    want = ["Henri Barbusse", "Chiang Kai-shek", "Charles de Gaulle", "Karl XII", "Anders Zorn",
            "Öberg, Karin"]
    lines = [re.sub(r"\s+\d+(, \d+)*$", "", ln.strip()) for ln in text.splitlines()]
    assert [ln for ln in lines if ln in want][-len(want):] == want
