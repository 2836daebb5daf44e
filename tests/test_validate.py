"""Validation: the generated project schema, the Schematron rules, lxml message rewriting,
hostile XML, the `validate` CLI, and the ELTeC novels against TEI All."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teiedition import TEI_NS
from teiedition.cli import main
from teiedition.errors import InputError
from teiedition.resources import schema_path
from teiedition.validate import (
    Problem,
    load_schema,
    tei_element_names,
    validate_file,
    validate_tree,
)
from teiedition.xml import parse_bytes

from .conftest import REPO, SHARED, eltec_files

EDITION = REPO / "tests" / "data" / "edition"
VALID = EDITION / "valid.xml"
REGISTER = EDITION / "register.xml"
HOSTILE = REPO / "tests" / "hostile" / "xml"
VALID_TEXT = VALID.read_text(encoding="utf-8")


def _make_schema_module():
    spec = importlib.util.spec_from_file_location("make_schema",
                                                  REPO / "scripts" / "make_schema.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(text: str, schema: str = "project", register: Path | bool | None = REGISTER,
          name: str = "doc.xml") -> list[Problem]:
    data = text.encode("utf-8")
    return validate_tree(parse_bytes(data, name), name, schema=schema,  # type: ignore[arg-type]
                         register=register, source=data)


def line_of(text: str, needle: str) -> int:
    assert text.count(needle) == 1, f"{needle!r} must occur once"
    return text[: text.index(needle)].count("\n") + 1


def column_of(text: str, needle: str) -> int:
    start = text.index(needle)
    return start - text.rfind("\n", 0, start)


def broken(old: str, new: str) -> str:
    assert VALID_TEXT.count(old) == 1, f"{old!r} must occur once in valid.xml"
    return VALID_TEXT.replace(old, new)


# ----------------------------------------------------------------------------- the schema


def test_committed_schema_is_what_the_generator_writes() -> None:
    make_schema = _make_schema_module()
    source = gzip.decompress(make_schema.SOURCE.read_bytes())
    first = make_schema.build(source)
    assert first == make_schema.build(source), "the generator must be deterministic"
    assert first == (REPO / "schemas" / "teiedition.rng").read_bytes(), \
        "schemas/teiedition.rng is out of date: run scripts/make_schema.py"
    assert make_schema.main(["--check"]) == 0


def test_shipped_tei_all_is_the_shared_one() -> None:
    shared = SHARED / "schemas" / "tei_all.rng"
    if not shared.exists():
        pytest.skip("../shared/schemas/tei_all.rng is not present")
    assert gzip.decompress(schema_path("tei_all.rng.gz").read_bytes()) == shared.read_bytes()


def test_project_schema_is_a_subset_of_tei_and_covers_the_profile() -> None:
    project = load_schema("project")
    assert project is load_schema("project"), "compiled once per process"
    tei = tei_element_names()
    assert project.elements <= tei
    assert len(project.elements) < len(tei) / 2
    # every element that docs/tei-profile.md shows is in the project schema
    profile = (REPO / "docs" / "tei-profile.md").read_text(encoding="utf-8")
    example = profile.split("```xml", 1)[1].split("```", 1)[0]
    used = set(re.findall(r"<([A-Za-z][\w]*)[\s>/]", example))
    assert used, "the profile shows no elements?"
    assert used <= project.elements, sorted(used - project.elements)
    # register and header elements the brief names
    for name in ("listPerson", "person", "forename", "surname", "listOrg", "org", "listPlace",
                 "place", "geo", "standOff", "biblStruct", "classDecl", "taxonomy",
                 "licence", "availability", "idno"):
        assert name in project.elements
    for removed in ("teiCorpus", "xenoData", "particDesc", "settingDesc", "egXML"):
        assert removed not in project.elements


def test_generator_refuses_an_allow_list_it_cannot_satisfy() -> None:
    make_schema = _make_schema_module()
    source = gzip.decompress(make_schema.SOURCE.read_bytes())
    # biblStruct needs monogr: without it, biblStruct becomes impossible and the script says so
    make_schema.ELEMENTS = make_schema.ELEMENTS - {"monogr"}
    with pytest.raises(ValueError, match="biblStruct"):
        make_schema.build(source)
    make_schema.ELEMENTS = make_schema.ELEMENTS | {"notAnElement"}
    with pytest.raises(ValueError, match="notAnElement"):
        make_schema.build(source)


# ----------------------------------------------------------------------------- valid input


def test_hand_written_document_is_valid() -> None:
    assert validate_file(VALID) == []  # register.xml beside it is found
    assert validate_file(REGISTER) == []
    assert check(VALID_TEXT) == []


@pytest.fixture(scope="module")
def tei_all() -> None:
    load_schema("tei-all")  # ~10 s, once for the module


def test_hand_written_document_is_valid_against_tei_all(tei_all: None) -> None:
    assert validate_file(VALID, schema="tei-all") == []
    assert validate_file(REGISTER, schema="tei-all") == []


def _corpus_parts() -> tuple[str, str]:
    """A TEI document to put in a corpus (the valid fixture without its declaration) and a
    corpus header."""
    member = VALID.read_text(encoding="utf-8").split("?>", 1)[-1]
    header = ("<teiHeader><fileDesc><titleStmt><title>Korpus</title></titleStmt>"
              "<publicationStmt><p>Prov</p></publicationStmt><sourceDesc><p>Brev</p>"
              "</sourceDesc></fileDesc></teiHeader>")
    return member, header


def test_a_tei_corpus_is_checked_against_tei_all(tei_all: None, tmp_path: Path) -> None:
    """teiCorpus is TEI: TEI All takes it whole; the project schema (one document) checks
    each TEI inside, at its lines in the corpus file."""
    member, header = _corpus_parts()
    corpus = tmp_path / "corpus.xml"
    corpus.write_text(f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">{header}{member}'
                      "</teiCorpus>", encoding="utf-8")
    assert validate_file(corpus, schema="tei-all", register=REGISTER) == []


def test_a_tei_corpus_each_text_against_the_project_schema(tmp_path: Path) -> None:
    """The project schema describes one document: each TEI of a corpus is checked, and a
    problem is reported at its line in the corpus file."""
    member, header = _corpus_parts()
    corpus = tmp_path / "corpus.xml"
    corpus.write_text(f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">{header}{member}'
                      "</teiCorpus>", encoding="utf-8")
    assert validate_file(corpus, register=REGISTER) == []
    bad = tmp_path / "bad-corpus.xml"
    bad.write_text(f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">{header}\n{member}\n'
                   + member.replace('<p xml:id="p3">', '<p xml:id="p3" bogus="1">', 1)
                   + "</teiCorpus>", encoding="utf-8")
    (problem,) = validate_file(bad, register=REGISTER)
    first = len(member.splitlines()) + 1
    assert "bogus" in problem.message and problem.line > first  # in the second TEI
    empty = tmp_path / "empty.xml"
    empty.write_text(f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">{header}</teiCorpus>',
                     encoding="utf-8")
    (problem,) = validate_file(empty, register=REGISTER)
    assert "holds no <TEI>" in problem.message


def test_jing_agrees_with_tei_all(tmp_path: Path) -> None:
    """Conformance cross-check with an independent RELAX NG validator."""
    jing = shutil.which("jing")
    if not jing:
        pytest.skip("jing is not installed")
    tei_all_rng = tmp_path / "tei_all.rng"
    tei_all_rng.write_bytes(gzip.decompress(schema_path("tei_all.rng.gz").read_bytes()))
    for schema in (tei_all_rng, REPO / "schemas" / "teiedition.rng"):
        run = subprocess.run([jing, str(schema), str(VALID), str(REGISTER)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stdout + run.stderr
    bad = tmp_path / "bad.xml"
    bad.write_text(broken("<p xml:id=\"p3\">", "<p xml:id=\"p3\" bogus=\"1\">"), encoding="utf-8")
    run = subprocess.run([jing, str(tei_all_rng), str(bad)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode != 0 and "bogus" in run.stdout
    assert any("bogus" in p.message for p in validate_file(bad, register=REGISTER))


# ----------------------------------------------------------------------------- Schematron

RULE_CASES = [
    # (old, new, rule, the text the problem is located at, words the message must contain)
    ('ref="#pers-josef-stalin"', 'ref="#pers-nobody"', "pointer-resolves",
     'ref="#pers-nobody"', "persName/@ref points to #pers-nobody, which is not an xml:id"),
    ('ref="#org-gpu"', 'ref="register.xml#org-nobody"', "pointer-resolves",
     'ref="register.xml#org-nobody"', "orgName/@ref points to register.xml#org-nobody"),
    ('resp="#teiedition">Komintern', 'resp="#teiedition #ghost">Komintern', "pointer-resolves",
     'resp="#teiedition #ghost"', "orgName/@resp points to #ghost"),
    ('who="#teiedition"', 'who="#nobody"', "pointer-resolves", 'who="#nobody"',
     "change/@who points to #nobody"),
    ('when="1937-04-21"', 'when="21 april"', "date-w3c", 'when="21 april"',
     'date/@when="21 april" is not a date in the W3C form'),
    ('when="1937-04-21"', 'when="1937-02-30"', "date-day", 'when="1937-02-30"',
     "not a real date: February 1937 has 28 days"),
    ('when="1937-04-21"', 'when="1900-02-29"', "date-day", 'when="1900-02-29"',
     "February 1900 has 28 days"),
    ('when="1937-04-21"', 'when="1937-04-31"', "date-day", 'when="1937-04-31"',
     "April 1937 has 30 days"),
    ('when="--03-03"', 'when="--02-30"', "date-day", 'when="--02-30"', "February has 29 days"),
    ('when="1937-04-21"', 'when="1937-13-01"', "date-month", 'when="1937-13-01"',
     "there is no month 13"),
    ('from="1929" to="1937"', 'from="1937-05" to="1937-01"', "date-range", 'to="1937-01"',
     'date runs backwards: @from="1937-05" is later than @to="1937-01"'),
    ('from="1929" to="1937"', 'notBefore="1937" notAfter="1929"', "date-range",
     'notAfter="1929"', '@notBefore="1937" is later than @notAfter="1929"'),
    ('<p xml:id="p3">', '<p xml:id="p2">', "xml-id-unique", 'xml:id="p2">Vi',
     'xml:id="p2" is used more than once (an earlier p has it)'),
    ('<persName ref="#pers-josef-stalin">Stalin</persName>',
     '<persName ref="#pers-josef-stalin"> <lb/> </persName>', "name-not-empty",
     '<persName ref="#pers-josef-stalin"> <lb/>', "empty persName"),
    ('<placeName ref="#place-spanien">Spanien</placeName>',
     '<placeName ref="#place-spanien"/>', "name-not-empty", '<placeName ref="#place-spanien"/>',
     "empty placeName"),
    ('<date when="--03-03">tredje mars</date>', '<date when="--03-03"/>', "date-not-empty",
     '<date when="--03-03"/>', "empty date: a date in the text"),
    # in the header a date may be its value alone; one with neither says so where it is
    # (DraCor's <date type="premiere"/>), not "in the text"
    ('<date when="2026-11-24">2026</date>', '<date type="premiere"/>',
     "date-not-empty-outside-text", '<date type="premiere"/>',
     "empty date: a date outside the text (in the header, a register)"),
    ('<pb n="3"/>', '<pb n="2"/>', "pages-in-order", 'n="2"/>\n        <p xml:id="p3">',
     'page break n="2" follows page break n="2": page numbers must increase'),
]


@pytest.mark.parametrize(("old", "new", "rule", "at", "words"), RULE_CASES,
                         ids=[f"{c[2]}-{i}" for i, c in enumerate(RULE_CASES)])
def test_each_rule_fires_at_the_right_place(old: str, new: str, rule: str, at: str,
                                            words: str) -> None:
    text = broken(old, new)
    problems = check(text)
    assert len(problems) == 1, [str(p) for p in problems]
    (p,) = problems
    assert p.rule == rule
    assert words in p.message
    assert p.line == line_of(text, at)
    assert p.column == column_of(text, at)
    assert p.severity == "error"
    assert str(p) == f"doc.xml:{p.line}:{p.column}: error: {p.message}"


@pytest.mark.parametrize("when", ["1937", "1937-11", "1937-11-02", "--11-02", "--02-29", "--11",
                                  "---02", "1936-02-29", "2000-02-29", "-0044-03-15",
                                  "1937-11-02Z", "1937-11-02+01:00", "1937-11-02T10:15:00",
                                  "1937-11-02T23:59:59.5-05:00", "12:30:00", "10000-01-01"])
def test_real_w3c_dates_pass(when: str) -> None:
    assert check(broken('when="--03-03"', f'when="{when}"')) == []


@pytest.mark.parametrize("when", ["1937-1-2", "37-11-02", "1937/11/02", "1937-11-02T25:00:00",
                                  "1937-11-02T10:61:00", "1937-00-10", "1937-11-00", "---32",
                                  "1937-11-02+25:00", "01937", "1937-11-02T", "", "1937 "])
def test_impossible_dates_fail(when: str) -> None:
    problems = check(broken('when="--03-03"', f'when="{when}"'))
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].rule.startswith(("date-", "time-"))
    assert f'@when="{when}"' in problems[0].message


def test_pointer_without_register() -> None:
    problems = check(VALID_TEXT, register=False)
    refs = re.findall(r'ref="#([\w-]+)"', VALID_TEXT)
    assert len(problems) == len(refs)
    assert all(p.rule == "pointer-resolves" and "no register file was found" in p.message
               for p in problems)


def test_same_tag_twice_on_a_line_gets_the_right_column() -> None:
    text = broken('<placeName ref="#place-spanien">Spanien</placeName>',
                  '<placeName ref="#place-spanien">Spanien</placeName> och '
                  '<placeName ref="#place-x">X</placeName>')
    (p,) = check(text)
    assert (p.line, p.column) == (line_of(text, 'ref="#place-x"'),
                                  column_of(text, 'ref="#place-x"'))


# ----------------------------------------------------------------------------- RELAX NG

RNG_CASES = [
    ("Vi vädjar", "Vi <foo>x</foo> vädjar", "<foo>x",
     "<foo> is not a TEI element (found inside <p>)"),
    ('<p xml:id="p3">', '<p xml:id="p3" bogus="1">', 'bogus="1"',
     "<p> cannot have the attribute @bogus"),
    ('<p xml:id="p3">Vi', '<p xml:id="p3"><hi><p>x</p></hi>Vi', "<p>x</p>",
     "<hi> cannot contain <p>"),
    ("<profileDesc>", "<xenoData><x/></xenoData><profileDesc>", "<xenoData>",
     "<xenoData> inside <teiHeader> is not part of the teiedition schema"),
    ('<pb n="3"/>', '<pb n="3"/>loose text', "loose text",
     "text is not allowed directly inside <div>"),
    ('<title level="j">', '<title level="x">', 'level="x"',
     '@level="x" is not a valid value on <title>: use one of a, m, j, s, u'),
    ('<p xml:id="p3">', '<p xml:id="3p">', 'xml:id="3p"',
     '@xml:id="3p" is not a valid value on <p>: an xml:id starts with a letter'),
    ("<lb break=\"no\"/>organ", "<lb break=\"no\">x</lb>organ", "<lb break=\"no\">x",
     "<lb> must be empty"),
]


@pytest.mark.parametrize(("old", "new", "at", "words"), RNG_CASES,
                         ids=[c[3][:30] for c in RNG_CASES])
def test_relaxng_errors_are_located_and_explained(old: str, new: str, at: str,
                                                  words: str) -> None:
    text = broken(old, new)
    problems = check(text)
    assert len(problems) == 1, [str(p) for p in problems]
    (p,) = problems
    assert p.rule == "relaxng"
    assert words in p.message, p.message
    assert p.line == line_of(text, at)
    assert p.column == column_of(text, at)


def test_missing_required_element_is_reported_on_its_container() -> None:
    text = broken("<title type=\"main\">Det är dags att starta en världsomfattande offensiv mot "
                  "stalinismen</title>\n        <title type=\"sub\">Ett öppet brev till alla "
                  "arbetarorganisationer</title>\n", "")
    (p,) = check(text)
    assert p.line == line_of(text, "<author>Leo Trotskij</author>\n        <respStmt>")
    assert "inside <titleStmt>" in p.message and "required before it is missing" in p.message


def test_a_tei_element_outside_the_profile_is_fine_in_tei_all(tei_all: None) -> None:
    text = broken("<profileDesc>", "<xenoData><x xmlns=\"urn:x\"/></xenoData><profileDesc>")
    assert len(check(text)) == 1
    assert check(text, schema="tei-all") == []


# ----------------------------------------------------------------------------- hostile XML

HOSTILE_CASES = {
    # file: (expected status, words in the one-line message)
    "billion_laughs.xml": ("unreadable", "entit"),
    "quadratic_blowup.xml": ("unreadable", "entit"),
    "xxe_file.xml": ("unreadable", "entities"),
    "xxe_parameter_entity.xml": ("unreadable", "entities"),
    "external_dtd.xml": ("accepted", ""),  # named (file:///etc/passwd), never read
    "xinclude_passwd.xml": ("unreadable", "XInclude"),
    "deep_nesting.xml": ("unreadable", "depth"),
    "not_well_formed.xml": ("unreadable", "not well-formed XML"),
    "empty.xml": ("unreadable", "not well-formed XML"),
    "binary.xml": ("unreadable", "not well-formed XML"),
    "wrong_namespace.xml": ("invalid", "must be in http://www.tei-c.org/ns/1.0"),
    "no_namespace.xml": ("invalid", "is in no namespace"),
    "tei_p4.xml": ("invalid", "TEI P4"),
    "html_page.xml": ("invalid", "not a TEI document"),
}


def test_every_hostile_fixture_has_a_case() -> None:
    assert {p.name for p in HOSTILE.glob("*.xml")} == set(HOSTILE_CASES)


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES))
def test_hostile_xml_is_refused_cleanly(name: str) -> None:
    status, words = HOSTILE_CASES[name]
    path = HOSTILE / name
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "root:" not in result.output  # nothing of /etc/passwd ever shows
    if status == "accepted":
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == (2 if status == "unreadable" else 1)
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(f"{path}:") and ": error: " in lines[0]
    assert words in lines[0]
    assert "root:" not in result.output  # nothing of /etc/passwd ever shows
    if status == "unreadable":
        with pytest.raises(InputError):
            validate_file(path)
    else:
        (p,) = validate_file(path)
        assert p.rule == "tei" and p.line == 2


def test_ten_megabyte_attribute_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge_attribute.xml"
    head = VALID_TEXT.split('<p xml:id="p3">')[0]
    tail = VALID_TEXT.split('<p xml:id="p3">')[1]
    path.write_text(head + '<p xml:id="p3" rend="' + "x" * (10 * 1024 * 1024) + '">' + tail,
                    encoding="utf-8")
    with pytest.raises(InputError, match="limit"):
        validate_file(path)


def test_xinclude_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    path = tmp_path / "doc.xml"
    path.write_text(broken('<p xml:id="p3">Vi', f'<p xml:id="p3"><xi:include '
                           f'xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret}" '
                           f'parse="text"/>Vi'), encoding="utf-8")
    with pytest.raises(InputError) as info:
        validate_file(path)
    assert "XInclude" in str(info.value) and "TOP-SECRET" not in str(info.value)
    assert info.value.line == line_of(path.read_text(encoding="utf-8"), "<xi:include")


# ----------------------------------------------------------------------------- CLI


def _copy_edition(tmp_path: Path, text: str = VALID_TEXT) -> Path:
    (tmp_path / "register.xml").write_bytes(REGISTER.read_bytes())
    doc = tmp_path / "doc.xml"
    doc.write_text(text, encoding="utf-8")
    return doc


def test_cli_valid_document(tmp_path: Path) -> None:
    doc = _copy_edition(tmp_path)
    result = CliRunner().invoke(main, ["validate", str(doc)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 file checked against the teiedition schema and rules: 1 valid" in result.stderr


def test_cli_invalid_document_text_and_json(tmp_path: Path) -> None:
    doc = _copy_edition(tmp_path, broken('when="1937-04-21"', 'when="1937-02-30"'))
    result = CliRunner().invoke(main, ["validate", str(doc)])
    assert result.exit_code == 1
    line = line_of(doc.read_text(encoding="utf-8"), 'when="1937-02-30"')
    assert re.fullmatch(rf"{re.escape(str(doc))}:{line}:\d+: error: date/@when=\"1937-02-30\" "
                        r"is not a real date: February 1937 has 28 days\n", result.stdout)
    assert "1 invalid" in result.stderr

    result = CliRunner().invoke(main, ["validate", "--format", "json", str(doc)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "project"
    assert data["summary"] == {"files": 1, "valid": 0, "invalid": 1, "unreadable": 0}
    (f,) = data["files"]
    assert f["status"] == "invalid"
    (p,) = f["problems"]
    assert p["line"] == line and p["rule"] == "date-day" and p["severity"] == "error"


def test_cli_explicit_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no tei/register.xml here
    doc = tmp_path / "doc.xml"
    doc.write_text(VALID_TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(doc)])
    assert result.exit_code == 1 and "no register file was found" in result.stdout
    result = CliRunner().invoke(main, ["validate", "--register", str(REGISTER), str(doc)])
    assert result.exit_code == 0, result.stdout
    result = CliRunner().invoke(main, ["validate", "--register", str(tmp_path / "nope.xml"),
                                       str(doc)])
    assert result.exit_code == 2 and "register file not found" in result.stdout
    bad_register = tmp_path / "bad.xml"
    bad_register.write_text("<TEI>", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--register", str(bad_register), str(doc)])
    assert result.exit_code == 2 and f"{bad_register}:" in result.stdout


def test_cli_finds_the_edition_register(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A file anywhere under an edition's root (teiedition.toml) without entries of its own
    resolves its pointers in the edition's tei/register.xml, from any working folder."""
    (tmp_path / "teiedition.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "register.xml").write_bytes(REGISTER.read_bytes())
    (tmp_path / "out").mkdir()
    doc = tmp_path / "out" / "doc.xml"
    doc.write_text(VALID_TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(doc)])
    assert result.exit_code == 0, result.stdout
    (tmp_path / "tei" / "register.xml").unlink()
    result = CliRunner().invoke(main, ["validate", str(doc)])
    assert result.exit_code == 1 and "no register file was found" in result.stdout


def test_many_problems_each_at_its_own_place() -> None:
    """Thousands of dangling pointers, several on a line: each problem names its own
    element's line and column (the locator indexes the document once, not per problem)."""
    one = '<placeName ref="#place-nowhere-{0}">X</placeName> och '
    lines = ["".join(one.format(f"{k}-{i}") for i in range(8)) for k in range(300)]
    text = broken('<placeName ref="#place-spanien">Spanien</placeName>', "\n".join(lines))
    problems = [p for p in check(text, register=False) if "place-nowhere" in p.message]
    wanted = [(line_of(text, f'ref="#place-nowhere-{k}-{i}"'),
               column_of(text, f'ref="#place-nowhere-{k}-{i}"'))
              for k in range(300) for i in range(8)]
    assert sorted((p.line, p.column) for p in problems) == sorted(wanted)


def test_cli_many_files_and_exit_codes(tmp_path: Path) -> None:
    good = _copy_edition(tmp_path)
    bad = tmp_path / "bad.xml"
    bad.write_text(broken('<p xml:id="p3">', '<p xml:id="p2">'), encoding="utf-8")
    missing = tmp_path / "missing.xml"
    result = CliRunner().invoke(main, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{bad}:")
    result = CliRunner().invoke(main, ["validate", str(good), str(bad), str(missing)])
    assert result.exit_code == 2
    assert f"{missing}: error: no such file" in result.stdout
    assert "3 files checked" in result.stderr and "1 unreadable" in result.stderr
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(missing)])
    assert json.loads(result.stdout)["files"][0]["status"] == "unreadable"
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])  # a folder: its TEI files
    assert result.exit_code == 1 and f"{bad}:" in result.stdout and str(missing) not in \
        result.stdout


def test_cli_usage_errors() -> None:
    assert CliRunner().invoke(main, ["validate"]).exit_code == 2
    result = CliRunner().invoke(main, ["validate", "--schema", "tei-lite", str(VALID)])
    assert result.exit_code == 2 and "tei-lite" in result.output
    result = CliRunner().invoke(main, ["validate", "--help"])
    assert result.exit_code == 0 and "--schema" in result.stdout


# ----------------------------------------------------------------------------- ELTeC

ELTEC_NS = "http://distantreading.net/eltec/ns"


@pytest.mark.parametrize("path", eltec_files() or [pytest.param(None, marks=pytest.mark.skip(
    reason="../shared/corpora/eltec-swe is not present"))], ids=lambda p: p and p.name)
def test_eltec_novels_against_tei_all(path: Path, tei_all: None, tmp_path: Path) -> None:
    problems = validate_file(path, schema="tei-all")
    # as published they carry eltec: header elements, which TEI does not allow
    assert problems
    for p in problems:
        assert p.path == str(path) and p.line and p.line < 100 and p.column
        assert p.rule == "relaxng"
    assert any("authorGender" in p.message and ELTEC_NS in p.message for p in problems)
    # against the project schema: told that textDesc is not part of the edition's profile
    assert any("<textDesc>" in p.message for p in validate_file(path))

    # without the eltec: elements (and the textDesc they leave empty) they are valid TEI
    tree = etree.parse(str(path))
    for el in list(tree.getroot().iter(f"{{{ELTEC_NS}}}*")):
        el.getparent().remove(el)
    for el in list(tree.getroot().iter(f"{{{TEI_NS}}}textDesc")):
        if len(el) == 0:
            el.getparent().remove(el)
    clean = tmp_path / path.name
    tree.write(str(clean), encoding="UTF-8", xml_declaration=True)
    assert validate_file(clean, schema="tei-all") == []
    assert validate_file(clean) == []


def test_lines_past_65535_are_right() -> None:
    """libxml2 keeps element lines in 16 bits; past that we still report the true line."""
    text = broken('<p xml:id="p3">', "<p>x</p>\n" * 70000 + '<p xml:id="p3" bogus="1">')
    text = text.replace('when="1937-11-13"', 'when="1937-11-31"')
    problems = check(text)
    assert [(p.line, p.column, p.rule) for p in problems] == [
        (line_of(text, 'bogus="1"'), column_of(text, 'bogus="1"'), "relaxng"),
        (line_of(text, 'when="1937-11-31"'), column_of(text, 'when="1937-11-31"'), "date-day")]


def test_an_external_dtd_file_is_never_opened(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text("this is not a DTD", encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{dtd.as_uri()}">\n'
                   f'<TEI xmlns="{TEI_NS}"/>\n', encoding="utf-8")
    # "Content error in the external subset" would mean libxml2 read evil.dtd and choked
    # on it; the DTD is named, never read: the (empty) document is checked as it is
    problems = validate_file(doc)
    assert problems and not any("external subset" in p.message for p in problems)
