"""TEI that stands alone, the one register lookup, the edition config and `teiedition init`.

Every TEI file encode or build writes is copied alone into an empty folder and validated
(project schema + Schematron, and TEI All with jing); html and pdf on a file of an edition
link names as build does without --register; teiedition.toml is checked with line numbers,
fills the TEI header, the HTML and the PDF, and a change to it rebuilds what depends on it.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teiedition.build import build_edition
from teiedition.cli import main
from teiedition.config import EXAMPLE, LICENCES, parse_config
from teiedition.encode import encode_bytes
from teiedition.entities.standoff import STANDOFF_TYPE, attach
from teiedition.errors import InputError
from teiedition.resources import schema_path
from teiedition.validate import validate_file
from teiedition.xml import parse_file, serialize

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
CONFIG = EXAMPLE.replace('title = "Letters, 1937"', 'title = "Öppna brev 1937"')


@pytest.fixture(scope="session")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in sample built (TEI, HTML, PDF) in an edition that `init` started."""
    root = tmp_path_factory.mktemp("edition")
    res = CliRunner().invoke(main, ["init", str(root)])
    assert res.exit_code == 0, res.output
    (root / "teiedition.toml").write_text(CONFIG, encoding="utf-8")
    # the sample's reviewed register, as the repository ships it
    shutil.copy(Path(__file__).resolve().parents[1] / "tei" / "register.xml", root / "tei")
    summary = build_edition([], root, jobs=1)
    assert not summary.failed, summary.failed
    return root


@pytest.fixture(scope="session")
def tei_all(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("jing") is None:
        pytest.skip("jing is not installed (.ci/run installs it)")
    path = tmp_path_factory.mktemp("schema") / "tei_all.rng"
    path.write_bytes(gzip.decompress(schema_path("tei_all.rng.gz").read_bytes()))
    return path


def _alone(path: Path, folder: Path) -> Path:
    """``path`` copied into an empty folder of its own (no register beside or above it)."""
    folder.mkdir(parents=True)
    return Path(shutil.copy(path, folder / path.name))


def _jing(schema: Path, path: Path) -> None:
    res = subprocess.run(["jing", str(schema), str(path)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


# ------------------------------------------------------------------------- stand-alone TEI

def test_every_file_in_tei_is_valid_alone(edition: Path, tmp_path: Path,
                                          tei_all: Path) -> None:
    files = sorted((edition / "tei").glob("*.xml"))
    assert {p.name for p in files} == {"sample.xml", "register.xml"}
    for path in files:
        alone = _alone(path, tmp_path / path.stem)
        assert validate_file(alone) == [], path.name  # project schema + Schematron
        _jing(tei_all, alone)
    sample = parse_file(edition / "tei" / "sample.xml").getroot()
    refs = {r[1:] for r in sample.xpath("//t:text//@ref", namespaces={"t": T[1:-1]})}
    carried = {e.get(XML_ID) for e in sample.iterfind(f"{T}standOff/*/*")}
    assert len(refs) > 40 and refs <= carried  # every name pointer resolves in the file
    # and each copy is the master's entry, whole (variants and GeoNames ids included)
    master = parse_file(edition / "tei" / "register.xml").getroot()
    theirs = {e.get(XML_ID): e for e in master.iterfind(f"{T}standOff/*/*")}
    for mine in sample.iterfind(f"{T}standOff/*/*"):
        other = theirs[mine.get(XML_ID)]
        assert [(c.tag, c.attrib, c.text) for c in mine.iter()] == \
            [(c.tag, c.attrib, c.text) for c in other.iter()]
    assert sample.xpath("//*[@xml:id='place-moskva']/t:idno/text()",
                        namespaces={"t": T[1:-1]}) == ["524901"]


def test_without_the_register_the_file_is_valid_alone(sample_bytes: bytes, tmp_path: Path,
                                                      tei_all: Path) -> None:
    res = CliRunner().invoke(main, ["encode", "-", "--no-register", "-q", "-o",
                                    str(tmp_path / "a" / "sample.xml")], input=sample_bytes)
    assert res.exit_code == 0, res.output
    path = tmp_path / "a" / "sample.xml"
    assert not (tmp_path / "a" / "register.xml").exists()
    assert validate_file(path) == []
    _jing(tei_all, path)
    root = parse_file(path).getroot()
    entries = root.findall(f"{T}standOff/{T}listPerson/{T}person")
    assert entries and all(e.get("resp") == "#teiedition" and e.get("cert") for e in entries)


def _tei(text: str, refs: str) -> etree._Element:
    return etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        f'</title><respStmt xml:id="teiedition"><resp>r</resp><name>n</name></respStmt>'
        f'</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>'
        f'</fileDesc></teiHeader><text><body><p xml:id="p1">{text} {refs}</p></body></text>'
        f'</TEI>')


REGISTER = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Register</title>
<respStmt xml:id="teiedition"><resp>automatic entries</resp><name>teiedition</name></respStmt>
<respStmt xml:id="ed-anna"><resp>review</resp><name>Anna</name></respStmt></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<standOff><listPerson>
  <person xml:id="pers-a" resp="#ed-anna"><persName type="reg"><forename>Anna</forename>
    <surname>Ahl</surname></persName><affiliation ref="#org-b">member</affiliation></person>
  <person xml:id="pers-z" sameAs="#pers-a"><persName type="reg">A. Ahl</persName></person>
  <person xml:id="pers-unused"><persName type="reg">Nobody</persName></person>
</listPerson><listOrg>
  <org xml:id="org-b" resp="#teiedition" cert="low"><orgName type="reg">B-klubben</orgName>
    <note>founded in <placeName ref="#place-c">C-stad</placeName></note></org>
</listOrg><listPlace><place xml:id="place-c"><placeName type="reg">C-stad</placeName></place>
</listPlace></standOff></TEI>"""


def test_the_copy_follows_pointers_inside_entries(tmp_path: Path) -> None:
    """A merged entry (sameAs), an affiliation, a place named in a note and the editor's
    respStmt come along: the copy is closed under its own pointers, and nothing more."""
    reg = etree.fromstring(REGISTER)
    tei = _tei('<persName ref="#pers-z">A. Ahl</persName>', "")
    attach(tei, reg)
    ids = {e.get(XML_ID) for e in tei.iterfind(f"{T}standOff/*/*")}
    assert ids == {"pers-a", "pers-z", "org-b", "place-c"}
    assert tei.find(f"{T}standOff").get("type") == STANDOFF_TYPE
    assert [r.get(XML_ID) for r in tei.iter(f"{T}respStmt")] == ["teiedition", "ed-anna"]
    path = tmp_path / "t.xml"
    path.write_bytes(serialize(tei))
    assert validate_file(path) == []
    # attaching again gives the same document (one copy, refreshed in place)
    again = parse_file(path).getroot()
    attach(again, reg)
    assert serialize(again) == path.read_bytes()
    # a pointer the register cannot resolve stays and is reported by validation
    tei2 = _tei('<persName ref="#pers-nowhere">X</persName>', "")
    attach(tei2, reg)
    assert tei2.find(f"{T}standOff") is None


# ------------------------------------------------------------------ one register lookup

def _name_links(html: str) -> list[str]:
    return re.findall(r'href="(?:persons|organisations|places|journals)\.html#[^"]+"', html)


def test_html_and_pdf_link_names_as_build_does(edition: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    built = (edition / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert len(_name_links(built)) > 100
    monkeypatch.chdir(tmp_path)  # not the edition's folder: the file's own place counts
    res = CliRunner().invoke(main, ["html", str(edition / "tei" / "sample.xml"), "-o", "h"])
    assert res.exit_code == 0, res.output
    mine = (tmp_path / "h" / "sample.html").read_text(encoding="utf-8")
    assert _name_links(mine) == _name_links(built)
    for page in ("persons.html", "places.html", "organisations.html"):
        assert (tmp_path / "h" / page).read_text(encoding="utf-8") == \
            (edition / "output" / "html" / page).read_text(encoding="utf-8")
    # a copy alone links the same names from the entries it carries
    alone = _alone(edition / "tei" / "sample.xml", tmp_path / "alone")
    res = CliRunner().invoke(main, ["html", str(alone), "-o", "h2"])
    assert res.exit_code == 0, res.output
    assert _name_links((tmp_path / "h2" / "sample.html").read_text("utf-8")) == \
        _name_links(built)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    res = CliRunner().invoke(main, ["pdf", str(alone), "-o", "p"])
    assert res.exit_code == 0, res.output

    def text(pdf: Path) -> str:
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout

    ours, theirs = text(tmp_path / "p" / "sample.pdf"), text(
        edition / "output" / "pdf" / "sample.pdf")
    assert "Josef Stalin" in ours  # the index's normalised name, from the file's own copy
    assert ours == theirs


def test_register_pages_list_the_entries_a_file_carries_alone(
        edition: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A TEI that carries its entries, published without its edition's register (another
    edition's file, TEI by others with a standOff): every name link of its page lands on an
    entry of the register pages (they were built from the master register only, so the links
    dangled)."""
    alone = _alone(edition / "tei" / "sample.xml", tmp_path / "alone")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["html", str(alone), "-o", "h"])
    assert res.exit_code == 0, res.output
    links = _name_links((tmp_path / "h" / "sample.html").read_text("utf-8"))
    assert len(links) > 100
    ids: dict[str, set[str]] = {}
    for link in set(links):
        page, frag = link[len('href="'):-1].split("#")
        if page not in ids:
            ids[page] = set(re.findall(r'\bid="([^"]+)"',
                                       (tmp_path / "h" / page).read_text("utf-8")))
        assert frag in ids[page], f"{link} points at no entry of {page}"


def test_validate_finds_the_edition_register_from_below(tmp_path: Path) -> None:
    """A file without entries of its own, anywhere under an edition's root, resolves its
    pointers in the edition's tei/register.xml; elsewhere it does not."""
    (tmp_path / "teiedition.toml").write_text("", encoding="utf-8")
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "register.xml").write_bytes(REGISTER)
    doc = tmp_path / "drafts" / "deep" / "x.xml"
    doc.parent.mkdir(parents=True)
    doc.write_bytes(serialize(_tei('<persName ref="#pers-a">Anna</persName>', "")))
    assert validate_file(doc) == []
    alone = _alone(doc, tmp_path.parent / (tmp_path.name + "-alone"))
    problems = validate_file(alone)
    assert [p.message for p in problems if "pers-a" in p.message]


# -------------------------------------------------------------------------- the config

@pytest.mark.parametrize(("change", "line", "message"), [
    (('licence = "CC-BY-4.0"', 'licence = "CC-BY"'), 18,
     "licence: unknown SPDX id 'CC-BY' (did you mean CC-BY-4.0?)"),
    (('date = "2026"', 'date = "2026-02-30x"'), 14, "date: '2026-02-30x' is not an ISO date"),
    (('title = ', 'titel = '), 8, "titel: unknown key (did you mean title?)"),
    (('paper = "a4"', 'paper = "a3"'), 26, "paper: unknown paper size 'a3'"),
    (('role = "editor"', 'rolle = "editor"'), 36, "editors.rolle: unknown key"),
    (('search = "shards"', 'search = "lunr"'), 30, "search: unknown search 'lunr'"),
    (('base_url = "https://example.org/letters/"', 'base_url = "example.org"'), 23,
     "base_url: 'example.org' is not an http(s) URL"),
    (('languages = ["sv"]', 'languages = ["svenska"]'), 22,
     "languages: 'svenska' is not a language code"),
    (('formats = ["tei", "html", "pdf"]', 'formats = ["tei", "epub"]'), 27,
     "formats: unknown format 'epub'"),
    (('paper = "a4"', 'paper = a4'), 26, "not TOML: Invalid value"),
    (('licence = "CC-BY-4.0"', 'licence = "LicenseRef-own"'), 18,
     "licence: LicenseRef-own is no SPDX licence: give its text in licence_text"),
])
def test_config_errors_name_their_line(change: tuple[str, str], line: int,
                                       message: str) -> None:
    text = EXAMPLE.replace(*change)
    assert text != EXAMPLE
    with pytest.raises(InputError) as err:
        parse_config(text)
    assert str(err.value).startswith(f"teiedition.toml:{line}:")
    assert message in str(err.value)
    assert text.splitlines()[line - 1].lstrip().startswith(change[1].split()[0].strip("[")) \
        or "not TOML" in message


def test_config_values_and_defaults() -> None:
    c = parse_config(EXAMPLE)
    assert (c.title, c.publisher, c.place, c.date, c.licence, c.paper) == (
        "Letters, 1937", "The Example Society", "Stockholm", "2026", "CC-BY-4.0", "a4")
    assert [(e.name, e.role) for e in c.editors] == [
        ("Anna Andersson", "editor"), ("Bertil Berg", "transcription and review of the register")]
    assert c.licence_url == LICENCES["CC-BY-4.0"][1]
    assert parse_config("").formats == ("tei", "html", "pdf")
    assert (c.search, parse_config("").search) == ("shards", "shards")
    # the search changes no TEI: the digest (the encoder's fingerprint) leaves it out
    assert parse_config(EXAMPLE.replace('"shards"', '"pagefind"')).digest() == c.digest()
    # comments and key order do not change what depends on the config
    assert parse_config("# x\n" + EXAMPLE).digest() == c.digest()
    assert parse_config(EXAMPLE.replace("Stockholm", "Uppsala")).digest() != c.digest()
    own = parse_config('licence = "LicenseRef-archive"\nlicence_text = "Ask the archive."')
    assert own.licence_name == "" and own.licence_text == "Ask the archive."


def test_build_refuses_a_bad_config(tmp_path: Path) -> None:
    (tmp_path / "teiedition.toml").write_text('title = "x"\nlicence = "CC-BY"\n', "utf-8")
    res = CliRunner().invoke(main, ["build", "-o", str(tmp_path), "--no-entities"])
    assert res.exit_code == 2
    assert f"{tmp_path / 'teiedition.toml'}:2: error: licence: unknown SPDX id 'CC-BY'" \
        in res.output
    assert not (tmp_path / "tei").exists()  # nothing half-written


def test_config_fills_header_html_and_pdf(edition: Path) -> None:
    tei = parse_file(edition / "tei" / "sample.xml").getroot()
    fd = tei.find(f"{T}teiHeader/{T}fileDesc")
    ps = fd.find(f"{T}publicationStmt")
    assert ps.findtext(f"{T}publisher") == "The Example Society"
    assert ps.findtext(f"{T}pubPlace") == "Stockholm"
    assert ps.find(f"{T}date").get("when") == "2026"
    lic = ps.find(f"{T}availability/{T}licence")
    assert lic.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    assert fd.findtext(f"{T}editionStmt/{T}edition/{T}title") == "Öppna brev 1937"
    resps = [(r.findtext(f"{T}resp"), r.findtext(f"{T}name"))
             for r in fd.iterfind(f"{T}titleStmt/{T}respStmt")]
    assert ("editor", "Anna Andersson") in resps
    assert "supplied by the editor" not in etree.tostring(ps, encoding="unicode")
    index = (edition / "output" / "html" / "index.html").read_text(encoding="utf-8")
    assert "<title>Öppna brev 1937 – A digital edition</title>" in index
    for value in ("The Example Society, Stockholm 2026", "Anna Andersson",
                  'href="https://creativecommons.org/licenses/by/4.0/"',
                  'href="https://example.org/letters/"'):
        assert value in index
    page = (edition / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert "<title>Det är dags att starta en världsomfattande offensiv mot stalinismen – " \
        "Öppna brev 1937 – A digital edition</title>" in page
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = edition / "output" / "pdf" / "sample.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for value in ("The Example Society", "Creative Commons Attribution 4.0 International",
                  "Anna Andersson"):
        assert value in text  # the colophon
    title_page = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout
    assert "Öppna brev 1937: A digital edition" in title_page
    assert "The Example Society, Stockholm 2026" in title_page
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Subject:.*Öppna brev 1937: A digital edition$", info, re.M), info


def test_without_a_config_the_header_says_where_details_go(sample_structure) -> None:  # noqa: ANN001
    ps = sample_structure.tree.getroot().find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt")
    assert "teiedition.toml" in "".join(ps.itertext())


def test_config_languages_choose_among_the_editions(sample_bytes: bytes) -> None:
    text = "Hej, hur mår du i dag? Jag mår bra, tack.".encode()
    assert encode_bytes(text, "a.txt", entities=False).document.language == "sv"
    nb = parse_config('languages = ["nb", "da"]')
    assert encode_bytes(text, "a.txt", entities=False, config=nb).document.language in (
        "no", "da")


def test_a_config_change_rebuilds_what_depends_on_it(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Ett brev\n\nDet här är ett kort brev om ingenting alls, "
                               "skrivet för att pröva utgåvans inställningar.\n", "utf-8")
    root = tmp_path / "ed"
    root.mkdir()
    (root / "teiedition.toml").write_text('publisher = "Förlaget"\n', "utf-8")
    args = dict(formats=("tei", "html"), jobs=1, entities=False)
    assert build_edition([src], root, **args).built
    tei = root / "tei" / "a.xml"
    assert b"<publisher>F\xc3\xb6rlaget</publisher>" in tei.read_bytes()
    assert not build_edition([src], root, **args).built  # nothing changed: nothing built
    (root / "teiedition.toml").write_text('# a comment only\npublisher = "Förlaget"\n',
                                          "utf-8")
    assert not build_edition([src], root, **args).built  # comments change nothing
    (root / "teiedition.toml").write_text('publisher = "Nya förlaget"\n', "utf-8")
    summary = build_edition([src], root, **args)
    assert summary.built and summary.edition == "built"
    assert "Nya förlaget" in tei.read_text("utf-8")
    assert "Nya förlaget" in (root / "output" / "html" / "index.html").read_text("utf-8")


# ---------------------------------------------------------- the copies follow the master

def test_an_edited_register_entry_reaches_every_copy(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name, place in (("a", "Moskva"), ("b", "Moskva och Paris")):
        (src / f"{name}.txt").write_text(
            f"Brev {name}\n\nJosef Stalin talade i {place} den 3 mars 1937 inför "
            f"partiets centralkommitté.\n", "utf-8")
    root = tmp_path / "ed"
    args = dict(formats=("tei",), jobs=1)
    assert not build_edition([src], root, **args).failed
    reg_path = root / "tei" / "register.xml"
    reg = reg_path.read_text("utf-8")
    assert 'xml:id="pers-josef-stalin"' in reg
    # the editor corrects the normalised name (its forename, where it has name parts)
    tree = etree.parse(str(reg_path))
    name = tree.xpath("//t:person[@xml:id='pers-josef-stalin']/t:persName[@type='reg']",
                      namespaces={"t": T[1:-1]})[0]
    forename = name.find(f"{T}forename")
    if forename is not None:
        forename.text = "Iosif"
    else:
        name.text = name.text.replace("Josef", "Iosif")
    reg_path.write_bytes(etree.tostring(tree, encoding="UTF-8", xml_declaration=True))
    assert "Iosif" in reg_path.read_text("utf-8")
    before = (root / "tei" / "b.xml").read_bytes()
    # a hand-edited TEI is the editor's: its copy stays as it was
    hand = root / "tei" / "a.xml"
    hand.write_bytes(hand.read_bytes().replace(b"</TEI>", b"<!-- checked --></TEI>"))
    assert not build_edition([src], root, **args).failed
    after = (root / "tei" / "b.xml").read_text("utf-8")
    assert "Iosif" in after
    assert after.split("<standOff")[0] == before.decode().split("<standOff")[0]
    assert "Iosif" not in hand.read_text("utf-8")
    assert validate_file(root / "tei" / "b.xml") == []


@pytest.mark.parametrize("change", ["none", "entry", "gone", "no-copy", "no-register"])
def test_a_copy_refreshed_as_a_stream_is_what_the_whole_parse_makes(
        edition: Path, tmp_path: Path, change: str) -> None:
    """standoff.refresh_stream (a TEI too large to parse whole: over the XML limit) gives
    the bytes refresh gives, copying the rest of the file as it is."""
    import io

    from teiedition.entities.standoff import refresh, refresh_stream

    data = (edition / "tei" / "sample.xml").read_bytes()
    reg = parse_file(edition / "tei" / "register.xml").getroot()
    stalin = reg.xpath("//*[@xml:id='pers-josef-stalin']")[0]
    if change == "entry":  # the editor corrects an entry
        etree.SubElement(stalin, f"{T}note").text = "Generalsekreterare"
    elif change == "gone":  # an entry the text uses is gone from the register
        stalin.getparent().remove(stalin)
    elif change == "no-copy":  # a TEI without its copy yet
        data = re.sub(rb"\n  <standOff type=\"register\">.*</standOff>", b"", data,
                      flags=re.S)
        assert b"<standOff" not in data
    path = tmp_path / "sample.xml"
    path.write_bytes(data)
    register = None if change == "no-register" else reg
    out = io.BytesIO()
    written = refresh_stream(path, register, out)
    expected = refresh(data, register)
    assert written is (expected != data)
    assert (out.getvalue() if written else data) == expected
    if change == "entry":
        assert b"Generalsekreterare" in out.getvalue()


def test_build_refreshes_the_copy_of_a_tei_too_large_to_parse_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the XML limit a TEI of ours has its register copy refreshed as a stream (it
    stayed as its encoding wrote it): the editor's correction reaches it."""
    from teiedition import limits

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Brev\n\nJosef Stalin talade i Moskva den 3 mars 1937 inför "
                               "partiets centralkommitté.\n", "utf-8")
    root = tmp_path / "ed"
    assert not build_edition([src], root, formats=("tei",), jobs=1).failed
    monkeypatch.setattr(limits, "MAX_XML_BYTES", 1000)  # the TEI is now over it
    assert (root / "tei" / "a.xml").stat().st_size > 1000
    reg_path = root / "tei" / "register.xml"
    reg_path.write_text(reg_path.read_text("utf-8").replace(
        'xml:id="place-moskva"', 'xml:id="place-moskva" n="checked"'), "utf-8")
    assert not build_edition([src], root, formats=("tei",), jobs=1).failed
    assert 'xml:id="place-moskva" n="checked"' in (root / "tei" / "a.xml").read_text("utf-8")


# -------------------------------------------------------------------------------- init

def test_init_writes_a_commented_config_and_the_layout(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["init", str(tmp_path / "new")])
    assert res.exit_code == 0, res.output
    root = tmp_path / "new"
    for d in ("sources", "tei", "output/html", "output/pdf"):
        assert (root / d).is_dir()
    text = (root / "teiedition.toml").read_text("utf-8")
    assert text == EXAMPLE and parse_config(text).title
    assert sum(line.startswith("#") for line in text.splitlines()) > 10
    (root / "teiedition.toml").write_text('title = "mine"\n', "utf-8")
    res = CliRunner().invoke(main, ["init", str(root)])
    assert res.exit_code == 2 and "never overwritten" in res.output
    assert (root / "teiedition.toml").read_text("utf-8") == 'title = "mine"\n'


def test_tei_by_others_with_entries_of_its_own_links_them_in_build_and_html(
        tmp_path: Path) -> None:
    """TEI written elsewhere that carries its own listPerson: build and html both look there
    first (the one lookup), with no register in the edition."""
    tei = _tei('<persName ref="#pers-a">Anna Ahl</persName> och '
               '<placeName ref="#place-c">C-stad</placeName>.', "")
    so = etree.SubElement(tei, f"{T}standOff")
    reg = etree.fromstring(REGISTER)
    for lst in ("listPerson", "listPlace"):
        so.append(reg.find(f"{T}standOff/{T}{lst}"))
    src = tmp_path / "src"
    src.mkdir()
    (src / "other.xml").write_bytes(serialize(tei))
    root = tmp_path / "ed"
    summary = build_edition([src], root, formats=("html",), jobs=1)
    assert not summary.failed, summary.failed
    built = (root / "output" / "html" / "other.html").read_text("utf-8")
    assert _name_links(built) == ['href="persons.html#pers-a"', 'href="places.html#place-c"']
    res = CliRunner().invoke(main, ["html", str(src / "other.xml"), "-o", str(tmp_path / "h")])
    assert res.exit_code == 0, res.output
    assert _name_links((tmp_path / "h" / "other.html").read_text("utf-8")) == \
        _name_links(built)
