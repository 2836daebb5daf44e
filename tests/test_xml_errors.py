"""Every refusal of XML input says FILE:LINE:COL, the same in the parser, `validate`, `html`
and `build` (whose workers parse bytes, not files): an external entity at its `<!DOCTYPE`
(after comments and processing instructions), an entity declared nowhere at its reference
(in UTF-8 and UTF-16), an XInclude at its start tag (inside a
paragraph), a root that is not TEI at its start tag, a document that is not
well-formed where the parser stopped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.cli import main
from teiedition.errors import InputError
from teiedition.xml import parse_bytes, require_tei

HOSTILE = Path(__file__).parent / "hostile" / "xml"
BODY = ('<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/>'
        '</publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>')
TEI = f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{BODY}<text><body><p>x</p></body></text></TEI>'

#: name -> (document, line, column, words of the message)
CASES: dict[str, tuple[bytes, int, int, str]] = {
    "undeclared-entity-after-prolog": (
        ('<?xml version="1.0" encoding="UTF-8"?>\n<!-- an edition file\n  checked by hand -->\n'
         '<?xml-model href="tei_all.rng"?>\n  <!DOCTYPE TEI SYSTEM "tei.dtd">\n'
         + TEI.replace("<p>x</p>", "\n<p>x &mdash; &edname;</p>")).encode(), 7, 14,
        "the entity &edname; cannot be read"),
    "external-entity-after-a-comment-naming-a-doctype": (
        ('<?xml version="1.0"?>\n<!-- <!DOCTYPE is not here --><!DOCTYPE TEI [\n'
         '<!ENTITY ed SYSTEM "ed.xml">\n]>\n' + TEI.replace("<p>x</p>", "<p>&ed;</p>")).encode(),
        2, 31, "declares external entities"),
    "parameter-entity": ((HOSTILE / "xxe_parameter_entity.xml").read_bytes(), 2, 1,
                         "declares external entities"),
    "utf-16-undeclared-entity": (
        ('<?xml version="1.0" encoding="UTF-16"?>\n\n<!DOCTYPE TEI PUBLIC "-//TEI//DTD" '
         '"tei.dtd">\n' + TEI.replace("<p>x</p>", "<p>&nosuch;</p>")).encode("utf-16"), 4,
        TEI.index("<p>x</p>") + 4, "the entity &nosuch; cannot be read"),
    "xinclude-inside-a-paragraph": (
        ('<?xml version="1.0"?>\n' + TEI.replace(
            "<p>x</p>", '\n<p>Se <hi>här</hi>: <xi:include xmlns:xi="http://www.w3.org/2001/'
            'XInclude" href="a.xml"/> och <xi:include xmlns:xi="http://www.w3.org/2001/'
            'XInclude" href="b.xml"/></p>\n')).encode(), 3, 21, 'XInclude (href="a.xml")'),
    "not-tei": ((b'<?xml version="1.0"?>\n<!-- exported -->\n    <html xmlns="http://www.w3.org/'
                 b'1999/xhtml"><body/></html>\n'), 3, 5, "not <TEI>"),
    "not-well-formed": (('<?xml version="1.0"?>\n' + TEI.replace("<p>x</p>", "\n  <p>x</b>"))
                        .encode(), 3, 11, "not well-formed"),
}


def _error(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as err:
        require_tei(parse_bytes(data, name), name, source=data)
    return str(err.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_parser_says_where(case: str) -> None:
    data, line, col, words = CASES[case]
    msg = _error(data, f"{case}.xml")
    assert msg.startswith(f"{case}.xml:{line}:{col}: error: "), msg
    assert words in msg


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_html_and_build_say_where(case: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    data, line, col, _words = CASES[case]
    src = tmp_path / "src"
    src.mkdir()
    (src / f"{case}.xml").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    where = f"src/{case}.xml:{line}:{col}: error: "
    for args in (["validate", f"src/{case}.xml"], ["html", f"src/{case}.xml", "-o", "html"],
                 ["build", "src", "-o", "ed", "-j", "1", "--formats", "html"]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code != 0, (args, res.output)
        assert where in res.output, (args, res.output)
    # nothing half-written
    assert not list(tmp_path.glob("html/*.html"))
    assert not list(tmp_path.glob(f"ed/output/html/{case}*"))


def test_every_hostile_fixture_is_refused_with_a_position() -> None:
    """The hostile XML fixtures that are refused: each with a line and a column."""
    seen = 0
    for path in sorted(HOSTILE.glob("*.xml")):
        data = path.read_bytes()
        try:
            require_tei(parse_bytes(data, path.name), path.name, source=data)
        except InputError as err:
            seen += 1
            assert re.match(rf"{re.escape(path.name)}:\d+:\d+: error: ", str(err)), str(err)
    assert seen >= 12


# ------------------------------------------------------------- entities read from the document

LEGACY = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
          '<!DOCTYPE TEI PUBLIC "-//TEI P5//DTD Main Document Type//EN"\n  "tei_all.dtd" [\n'
          '<!ENTITY ed "<hi>the editor</hi>">\n<!ENTITY sig "&ed;, &mdash; Paris">\n]>\n'
          + TEI.replace("<p>x</p>", '<p n="p&eacute;">Signed &sig; &amp; d&eacute;j&agrave;'
                        '</p>\n<p xml:id="two">x</p>'))


def test_older_tei_reads_its_entities_from_the_document() -> None:
    """A P4-era file names its DTD and uses its character entities; the DTD is never read:
    declared entities (markup too) expand, named characters come from HTML's table."""
    tree = parse_bytes(LEGACY.encode("latin-1"), "legacy.xml")
    root = require_tei(tree, "legacy.xml")
    p = root.find(".//{http://www.tei-c.org/ns/1.0}p[@n]")
    assert p.get("n") == "pé"
    assert "".join(p.itertext()) == "Signed the editor, — Paris & déjà"
    assert p.find("{http://www.tei-c.org/ns/1.0}hi").text == "the editor"
    # the DOCTYPE's head spanned two lines: every line after it keeps its number
    two = root.find(".//*[@{http://www.w3.org/XML/1998/namespace}id='two']")
    assert two.sourceline == LEGACY[:LEGACY.index('xml:id="two"')].count("\n") + 1 == 8


@pytest.mark.parametrize("subset", ['<!-- ]> -->\n<!ENTITY % x SYSTEM "x.ent">',
                                    '<!ENTITY a "]>">\n<!ENTITY % x SYSTEM "x.ent">'])
def test_a_bracket_inside_the_subset_does_not_end_it(subset: str) -> None:
    """The internal subset is read token by token: a `]>` in a comment or in an entity's
    text does not hide the external parameter entity declared after it."""
    data = f'<?xml version="1.0"?>\n<!DOCTYPE TEI [{subset}]>\n{TEI}'.encode()
    assert "declares external entities" in _error(data, "pe.xml")


def test_a_doctype_name_on_its_own_line_keeps_the_lines() -> None:
    """A line end between `<!DOCTYPE` and its name is kept once, not twice."""
    data = ('<?xml version="1.0"?>\n<!DOCTYPE\nTEI SYSTEM\n "tei.dtd">\n'
            + TEI.replace("<p>x</p>", '\n<p xml:id="here">&mdash;</p>')).encode()
    root = require_tei(parse_bytes(data, "lines.xml"), "lines.xml")
    here = root.find(".//*[@{http://www.w3.org/XML/1998/namespace}id='here']")
    assert (here.text, here.sourceline) == ("\u2014", 6)


def test_a_reference_in_a_comment_or_cdata_is_text() -> None:
    """`&name;` in a comment, a CDATA section or a processing instruction is not a
    reference: it needs no declaration (the real reference beside it still expands)."""
    data = ('<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY ed "E">]>\n' + TEI.replace(
        "<p>x</p>", "<!-- was &oldname; --><?note &pi; ?><p><![CDATA[&cd;]]> &ed;</p>"
    )).encode()
    p = require_tei(parse_bytes(data, "c.xml"), "c.xml").find(
        ".//{http://www.tei-c.org/ns/1.0}body/{http://www.tei-c.org/ns/1.0}p")
    assert p.text == "&cd; E"
    # an undeclared name is placed at its reference, not at its mention in the comment
    bad = (data.replace(b"<!DOCTYPE TEI [", b'<!DOCTYPE TEI SYSTEM "tei.dtd" [')
           .replace(b"&oldname;", b"&nosuch;").replace(b" &ed;", b" &ed; &nosuch;"))
    column = bad.split(b"\n")[2].rindex(b"&nosuch;") + 1
    assert _error(bad, "c.xml").startswith(
        f"c.xml:3:{column}: error: the entity &nosuch; cannot be read")


def test_entity_bombs_are_refused_by_their_size() -> None:
    """Expansion may add at most the document's own size (or 1 MB): a block of text
    declared once and used many times is refused before it is expanded."""
    block = "x" * 4000
    refs = "&big;" * 400  # 1.6 MB from a 0.4 MB document (libxml2's own bound, 5x, lets
    pad = "<p>" + "y " * 200_000 + "</p>"  # it through; a smaller document it refuses)
    data = ('<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY big "' + block + '">]>\n'
            + TEI.replace("<p>x</p>", f"{pad}<p>{refs}</p>")).encode()
    with pytest.raises(InputError, match="would expand it by 1.5 MB"):
        parse_bytes(data, "bomb.xml")
    with pytest.raises(InputError, match="entity amplification"):  # libxml2's
        parse_bytes(data.replace(pad.encode(), b""), "bomb.xml")
    small = data.replace(refs.encode(), b"&big;&big;").replace(pad.encode(), b"")
    assert "".join(parse_bytes(small, "ok.xml").getroot().itertext()).count("x") == 8000
