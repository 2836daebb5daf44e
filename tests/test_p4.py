"""TEI P4, as libraries hold much older TEI, published as P5 (p4.py): every word in HTML
and PDF, its P4 ways read as P5 (`sic/@corr` a choice, IDREF pointers links, `lang` a
language, `div0` a division, the DTD named and never read, its character entities
known)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from teiedition import TEI_NS
from teiedition.cli import main
from teiedition.p4 import to_p5
from teiedition.publish.html import build_html
from teiedition.publish.pdf import build_pdf
from teiedition.xml import parse_file, require_tei

from .test_pdf import pdftext, words
from .test_print_elements import unmarked

P4 = Path(__file__).parent / "data" / "p4" / "letters-p4.xml"
T = f"{{{TEI_NS}}}"


def p4_words() -> list[str]:
    """The words of the P4 text as it stands (every text node of <text>, notes included,
    the P4 attribute values that P5 makes into text: corr, expan)."""
    tree = parse_file(P4)
    text = tree.getroot().find("text")
    extra = [v for e in text.iter() for k, v in e.attrib.items() if k in ("corr", "expan")]
    return words(" ".join([*text.itertext(), *extra]))


def test_the_tree_is_p5() -> None:
    tree = parse_file(P4)
    root = require_tei(tree, str(P4))
    assert root is tree.getroot() and root.tag == f"{T}TEI" and root.nsmap == {None: TEI_NS}
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert not [e for e in root.iter() if isinstance(e.tag, str) and not e.tag.startswith(T)]
    assert not [e for e in root.iter() if "TEIform" in e.attrib or "org" in e.attrib]
    assert [d.get("type") for d in root.iter(f"{T}div")] == ["volume", "letter", "letter"]
    (choice_sic, choice_abbr, choice_corr) = root.iter(f"{T}choice")
    assert [c.tag[len(T):] + ":" + c.text for c in choice_sic] == ["sic:teh", "corr:the"]
    assert [c.tag[len(T):] + ":" + c.text for c in choice_corr] == ["corr:full", "sic:fo"]
    assert root.find(f".//{T}ref").get("target") == "#l2"
    assert root.find(f".//{T}date").get("when") == "1854-11-14"
    assert [la.get("ident") for la in root.iter(f"{T}language")] == ["en", "fr"]
    # a message about the text still names the line it is on in the file
    second = root.find(f".//{T}div[@n='2']")
    assert second.sourceline == P4.read_text(encoding="latin-1").split("\n").index(
        next(line for line in P4.read_text(encoding="latin-1").split("\n")
             if 'id="l2" n="2"' in line)) + 1


def test_to_p5_twice_is_p5() -> None:
    tree = parse_file(P4)
    root = to_p5(tree)
    assert etree.tostring(root) == etree.tostring(require_tei(tree, str(P4)))


def test_html_every_word_and_p4_ways(tmp_path: Path) -> None:
    build_html([P4], tmp_path)
    page = html.parse(str(tmp_path / "letters-p4.html")).getroot()
    main_text = page.find(".//main").text_content()
    shown = words(" ".join(page.find(".//main").itertext()))  # reading and source forms
    missing = [w for w in set(p4_words()) if w not in shown]
    assert missing == [], missing
    # sic/@corr a choice: the correction in the reading text, the source's form beside it
    assert [(e.get("class"), e.text) for e in page.iter("span")
            if e.get("class") in ("rd", "dipl")][:2] == [("rd", "the"), ("dipl", "teh")]
    assert "—" in main_text and "as the editor would say" in main_text
    links = {a.get("href"): a.text_content() for a in page.iter("a") if a.get("class") == "ref"}
    assert links["#l2"] == "my next letter" or "2 Letter the second" in links.values()
    assert page.find(".//*[@lang='fr']").text_content().strip() == "c'est la guerre"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_every_word(tmp_path: Path) -> None:
    (pdf,) = build_pdf([P4], tmp_path)
    printed = set(unmarked(words(pdftext(pdf)), 0))  # 'night5': the footnote's mark
    missing = [w for w in set(p4_words()) if w not in printed]
    assert missing == [], missing


def test_validate_still_says_p4(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["validate", str(P4)])
    assert res.exit_code == 1 and "TEI P4" in res.output and "html, pdf" in res.output


FIGURE_P4 = """<?xml version="1.0"?>
<!DOCTYPE TEI.2 SYSTEM "teixlite.dtd" [
<!NOTATION PNG SYSTEM "image/png">
<!-- <!ENTITY auth SYSTEM "not-this.png" NDATA PNG> -->
<!ENTITY plate SYSTEM "plate1.png" NDATA PNG>
<!ENTITY auth "Anna Author">
]>
<TEI.2>
<teiHeader><fileDesc><titleStmt><title>A P4 text with a figure</title><author>&auth;</author>
</titleStmt><publicationStmt><p>Here.</p></publicationStmt><sourceDesc><p>There.</p>
</sourceDesc></fileDesc></teiHeader>
<text><body><div1 type="chapter" id="c1"><head>One</head>
<p>Text before the figure.</p>
<figure entity="plate"><head>Figure 1. The view from the hill.</head></figure>
<p>Text after it.</p></div1></body></text></TEI.2>
"""


def test_a_figure_of_an_unparsed_entity_prints_its_image(tmp_path: Path) -> None:
    """P4 names a figure's image by an unparsed entity (``NDATA``): a file's name that no
    parser opens, so the document is read (it was refused as "external entities") and the
    figure's graphic is the entity's file, printed in the PDF."""
    from .test_print_elements import pdf_images

    src = tmp_path / "fig.xml"
    src.write_text(FIGURE_P4, encoding="utf-8")
    shutil.copy(Path(__file__).parent / "data" / "print" / "plate1.png", tmp_path)
    root = require_tei(parse_file(src), str(src))
    assert [g.get("url") for g in root.iter(f"{T}graphic")] == ["plate1.png"]
    assert root.find(f".//{T}author").text == "Anna Author"
    pdf = build_pdf([src], tmp_path / "out")[0]
    assert len(pdf_images(pdf)) == 3  # header, rule, the one image
    assert "Figure 1. The view from the hill." in " ".join(pdftext(pdf).split())
    build_html([src], tmp_path / "html")
    page = (tmp_path / "html" / "fig.html").read_text(encoding="utf-8")
    assert "Figure 1. The view from the hill." in page and "Text after it." in page


@pytest.mark.parametrize("subset", [
    # an external parsed entity declared first binds: a later NDATA one does not excuse it
    '<!ENTITY plate SYSTEM "/etc/passwd"><!ENTITY plate SYSTEM "p.png" NDATA PNG>',
    # nor does one inside a comment
    '<!-- <!ENTITY plate SYSTEM "p.png" NDATA PNG> --><!ENTITY plate SYSTEM "/etc/passwd">',
])
def test_an_external_entity_is_still_refused_beside_unparsed_ones(tmp_path: Path,
                                                                  subset: str) -> None:
    src = tmp_path / "x.xml"
    src.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI.2 [<!NOTATION PNG SYSTEM "p">'
                   f'{subset}]>\n<TEI.2><text><body><p>&plate;</p></body></text></TEI.2>',
                   encoding="utf-8")
    res = CliRunner().invoke(main, ["html", str(src), "-o", str(tmp_path / "out")])
    assert res.exit_code != 0 and "declares external entities" in res.output
    assert not (tmp_path / "out").exists()
