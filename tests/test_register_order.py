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

T = "{http://www.tei-c.org/ns/1.0}"
PERSONS = [  # id, reg name (inner XML)
    ("pers-henri-barbusse", "<forename>Henri</forename> <surname>Barbusse</surname>"),
    ("pers-chiang-kai-shek", "<surname>Chiang</surname> <forename>Kai-shek</forename>"),
    ("pers-anders-zorn", "<forename>Anders</forename> <surname>Zorn</surname>"),
    ("pers-karin-oberg", "<forename>Karin</forename> <surname>Öberg</surname>"),
    ("pers-nils-aberg", "<forename>Nils</forename> <surname>Åberg</surname>"),
    ("pers-olof-ohlin", "<forename>Olof</forename> <surname>Ohlin</surname>"),
    ("pers-erik-andersson", "Erik Andersson"),  # an older entry without structure
]
ORDER = {  # as each language's readers look names up
    "sv": ["Erik Andersson", "Barbusse, Henri", "Chiang Kai-shek", "Ohlin, Olof", "Zorn, Anders",
           "Åberg, Nils", "Öberg, Karin"],
    "de": ["Åberg, Nils", "Erik Andersson", "Barbusse, Henri", "Chiang Kai-shek",
           "Öberg, Karin", "Ohlin, Olof", "Zorn, Anders"],
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


@pytest.mark.parametrize("lang", ["sv", "de"])
def test_html_register_lists_persons_by_surname_in_the_languages_order(
        tmp_path: Path, lang: str) -> None:
    tei, reg = _edition(tmp_path, lang)
    out = tmp_path / "html"
    build_html([tei], out, register=reg)
    page = etree.parse(str(out / "persons.html"), etree.HTMLParser())
    shown = [" ".join("".join(h.itertext()).split()) for h in page.iter("h2")]
    assert shown == ORDER[lang]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ["sv", "de"])
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
    assert parts("org-komintern") == []
    # the name reads as before: lookups by the full form still find the entries
    assert reg.lookup("Henri Barbusse") is not None and reg.lookup("Chiang Kai-shek") is not None
