"""Validation of a large TEI in parts (``validate_parts``): the same problems, words, places
and order as whole-document validation, on the hand-written edition document broken by
every rule and schema case, on an ELTeC novel, on hostile input; and in bounded memory
(the 100 MB+ case is in ``benchmarks/memory.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teiedition import validate as v
from teiedition.cli import main
from teiedition.errors import InputError
from teiedition.validate import validate_file
from teiedition.validate_parts import FileLines, validate_parts

from .test_validate import REGISTER, RNG_CASES, RULE_CASES, VALID_TEXT
from .textgen import big_tei, write_big_tei

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: valid.xml with its letter in three divisions, so that every division is a part of its own
PARTED = VALID_TEXT.replace(
    '</p>\n        <p xml:id="p2">',
    '</p>\n      </div>\n      <div type="letter">\n        <p xml:id="p2">').replace(
    '</p>\n        <pb n="3"/>',
    '</p>\n      </div>\n      <div type="letter">\n        <pb n="3"/>')


def both(tmp_path: Path, text: str | bytes, part_bytes: int = 1,
         register: Path | bool = REGISTER) -> tuple[list[str], list[str]]:
    """(whole, parts): the problems of one file validated whole and in parts."""
    path = tmp_path / "doc.xml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    whole = [str(p) for p in validate_file(path, register=register)]
    parts = [str(p) for p in validate_parts(path, register=register, part_bytes=part_bytes)]
    return whole, parts


def test_the_parted_letter_is_valid_and_three_parts(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert PARTED.count("<div ") == 4
    flushed = []
    from teiedition import validate_parts as vp

    real = vp._Walk._flush
    monkeypatch.setattr(vp._Walk, "_flush", lambda self, last: flushed.append(last)
                        or real(self, last))
    assert both(tmp_path, PARTED) == ([], [])
    assert flushed == [False, False, True]


CASES = [(old, new) for old, new, *_ in RULE_CASES + RNG_CASES] + [
    # pointers across parts: forward (resolves), missing, one of several missing
    ('<p xml:id="p1">', '<p xml:id="p1" corresp="#p3">'),
    ('<p xml:id="p1">', '<p xml:id="p1" corresp="#p9">'),
    ('<p xml:id="p2">', '<p xml:id="p2" corresp="#p3 #p1 #nowhere #p2">'),
    # an id of the first part again in the last, twice; the front's id in the body
    ('<p xml:id="p3">', '<p xml:id="p1">Ett.</p><p xml:id="p1">'),
    ('<p xml:id="p2">', '<p xml:id="front">'),
    # the page before a part: backwards, of another edition, without a number, empty
    ('<pb n="3"/>', '<pb n="1"/>'),
    ('<pb n="3"/>', '<pb n="1" ed="b"/>'),
    ('<pb n="2"/>', '<pb/>'),
    ('<pb n="2"/>', '<pb n=""/>'),
    ('<pb n="2"/>', '<pb n="ii"/>'),
    # the body's own content and text in it, a part of another kind of element
    ('<div type="letter">\n        <pb n="3"/>',
     '<p>x</p><div type="letter">\n        <pb n="3"/>'),
    ('<body>', '<body rend="x" bogus="y">'),
]


@pytest.mark.parametrize(("old", "new"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_parts_report_what_the_whole_document_reports(tmp_path: Path, old: str,
                                                      new: str) -> None:
    assert PARTED.count(old) == 1, old
    whole, parts = both(tmp_path, PARTED.replace(old, new))
    assert parts == whole


#: PARTED with a page break between its divisions (body: div pb div pb div)
BETWEEN = PARTED.replace('</div>\n      <div type="letter">',
                         '</div>\n      <pb/>\n      <div type="letter">')


@pytest.mark.parametrize(("old", "new"), [("", ""), *CASES[-14:]],
                         ids=[f"case{i}" for i in range(15)])
def test_parts_end_where_other_elements_come_between(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     old: str, new: str) -> None:
    """Divisions with page breaks between them (no two siblings of one name side by side)
    are still parts of their own, with what the whole document reports."""
    from teiedition import validate_parts as vp

    flushed = []
    real = vp._Walk._flush
    monkeypatch.setattr(vp._Walk, "_flush", lambda self, last: flushed.append(last)
                        or real(self, last))
    text = BETWEEN.replace(old, new) if old else BETWEEN
    whole, parts = both(tmp_path, text)
    assert parts == whole
    assert len(flushed) >= 3 - (old == '<div type="letter">\n        <pb n="3"/>')


def test_the_parts_hold_only_the_ids_they_need(tmp_path: Path) -> None:
    """Of the file's xml:ids the second pass holds those its pointers name and those more
    than one element has, not all of them (a file with an id on every paragraph)."""
    from teiedition.validate_parts import _first_pass

    path = tmp_path / "doc.xml"
    path.write_text(PARTED.replace('<p xml:id="p1">', '<p xml:id="p1" corresp="#p3 #x">')
                    .replace('<p xml:id="p3">', '<p xml:id="p2">Ett.</p><p xml:id="p3">'))
    assert _first_pass(str(path)) == ({"p3", "teiedition"}, {"p2"})  # (resp="#teiedition")


def test_most_cases_break_the_document(tmp_path: Path) -> None:
    broken = sum(bool(both(tmp_path, PARTED.replace(old, new))[0]) for old, new in CASES)
    assert broken >= len(CASES) - 5  # (another edition's page, a page without n: valid)


def test_one_line_documents_keep_their_columns(tmp_path: Path) -> None:
    """Several parts on one line: each element's column still counts the earlier ones."""
    text = PARTED.replace('<p xml:id="p3">', '<p xml:id="p1">').replace(
        '<pb n="3"/>', '<pb n="1"/>').replace('<p xml:id="p2">', '<p xml:id="p2" bogus="1">')
    one_line = text.split("\n", 1)[0] + "\n" + " ".join(text.split("\n")[1:])
    whole, parts = both(tmp_path, one_line)
    assert len(whole) == 3 and all(":2:" in p for p in whole)
    assert parts == whole


def test_a_novel_with_problems_across_many_parts(tmp_path: Path) -> None:
    """An ELTeC novel (0.3 MB) in parts of 3 KB, with problems placed across them."""
    root = etree.fromstring(big_tei(0.3))
    ps = list(root.iter(f"{TEI}p"))
    ps[5].set(XML_ID, "early")
    ps[-3].set(XML_ID, "late")
    ps[3].set("corresp", "#late")  # forward: fine
    ps[-5].set("corresp", "#early #late")
    ps[10].set("corresp", "#nowhere #late")
    ps[20].set(XML_ID, "dup")
    ps[-20].set(XML_ID, "dup")
    ps[-19].set(XML_ID, "dup")
    pbs = list(root.iter(f"{TEI}pb"))
    pbs[len(pbs) // 2].set("n", "1")
    date = etree.SubElement(ps[-30], f"{TEI}date", when="1937-02-30")
    date.text = "x"
    etree.SubElement(ps[-40], f"{TEI}foo").text = "bar"
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    whole, parts = both(tmp_path, data, part_bytes=3000, register=False)
    assert len(whole) == 6, whole
    assert parts == whole


def test_an_error_deep_past_line_65535_keeps_its_place(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """libxml2 keeps lines in 16 bits; elements moved into a part's skeleton keep theirs.
    Over the whole-document limit, ``validate_file`` and the CLI validate in parts."""
    data = big_tei(0.2).replace(b"<teiHeader>", b"<teiHeader>" + b"\n" * 70000, 1)
    root_end = data.rindex(b"</body>")
    data = data[:root_end] + b'<div><p bogus="1">x</p></div>\n' + data[root_end:]
    path = tmp_path / "big.xml"
    path.write_bytes(data)
    whole = validate_file(path, register=False)
    line = data[:data.index(b'bogus="1"')].count(b"\n") + 1
    assert line > 70000 and [(p.line, p.column) for p in whole] == [(line, 9)]
    monkeypatch.setattr(v, "MAX_XML_BYTES", 1000)  # this file is now over the limit
    calls = []
    from teiedition import validate_parts as vp

    monkeypatch.setattr(vp, "PART_BYTES", 20_000)
    real = vp.validate_parts
    monkeypatch.setattr(vp, "validate_parts", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert validate_file(path, register=False) == whole and calls
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:{line}:9: error: <p> cannot have the attribute @bogus" in result.output


def test_a_large_file_is_never_read_whole(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """No whole-document parse, read or line split of the file: a part at a time."""
    path = tmp_path / "novel.xml"
    size = write_big_tei(path, 1.0)
    assert abs(size - 2**20) < 200_000
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    monkeypatch.setattr(etree, "fromstring", lambda *a, **k: pytest.fail("parsed whole"))
    assert validate_parts(path, register=False, part_bytes=100_000) == []


def test_file_lines_read_single_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("ä\n\nlast line, no newline".encode())
    lines = FileLines(str(path))
    assert len(lines) == 3 and list(lines) == ["ä", "", "last line, no newline"]
    assert lines[-1] == "last line, no newline" and lines[0:2] == ["ä", ""]


@pytest.mark.parametrize("n", [0, 1, 255, 256, 257, 600])
@pytest.mark.parametrize("end", ["", "\n"])
def test_file_lines_across_the_index_steps(tmp_path: Path, n: int, end: str) -> None:
    """Lines before, at and after each step of the sparse line index, an empty file."""
    text = "\n".join(f"<l n='{k}'>ä{k}</l>" for k in range(n)) + end
    path = tmp_path / "x.xml"
    path.write_text(text, encoding="utf-8")
    lines = FileLines(str(path))
    assert len(lines) == len(text.split("\n")) and list(lines) == text.split("\n")
    assert lines[-1] == text.split("\n")[-1]
    with pytest.raises(IndexError):
        lines[len(lines)]


@pytest.mark.parametrize("text", [
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/><text><body><div><p>x</p>"
    "</div><div><p>y</p></dvi></body></text></TEI>",  # not well-formed, in the last part
    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>&nbsp;</p></body></text></TEI>",
])
def test_not_well_formed_is_the_same_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(text)
    with pytest.raises(InputError) as whole:
        validate_file(path)
    with pytest.raises(InputError) as parts:
        validate_parts(path, part_bytes=1)
    assert (parts.value.line, parts.value.column) == (whole.value.line, whole.value.column)
    assert str(parts.value).startswith(f"{path}:1:") and "not well-formed" in str(parts.value)


@pytest.mark.parametrize("text", [
    "<html><body><p>x</p></body></html>",
    "<TEI><teiHeader/></TEI>",
    "<teiCorpus xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/></teiCorpus>",
])
def test_what_is_not_tei_says_so_as_whole(tmp_path: Path, text: str) -> None:
    whole, parts = both(tmp_path, text, register=False)
    assert len(whole) == 1 and parts == whole


def test_a_corpus_is_checked_a_text_at_a_time(tmp_path: Path) -> None:
    member = PARTED.split("?>", 1)[1].replace('<p xml:id="p3">', '<p xml:id="p3" bogus="1">')
    header = PARTED[PARTED.index("<teiHeader"):PARTED.index("</teiHeader>") + 12]
    corpus = ("<?xml version='1.0' encoding='UTF-8'?>\n<teiCorpus xmlns='http://www.tei-c.org/"
              f"ns/1.0'>{header}\n{member}\n{member}</teiCorpus>")
    whole, parts = both(tmp_path, corpus)
    assert len(whole) == 2 and parts == whole


def test_over_the_ceiling_and_entities_are_refused(tmp_path: Path) -> None:
    from teiedition.limits import MAX_VALIDATE_BYTES

    sparse = tmp_path / "huge.xml"
    with sparse.open("wb") as f:
        f.truncate(MAX_VALIDATE_BYTES + 1)
    with pytest.raises(InputError, match=r"larger than the limit of \d+ MB to validate"):
        validate_file(sparse)
    dtd = tmp_path / "dtd.xml"
    dtd.write_text('<!DOCTYPE TEI [<!ENTITY ed "the editor">]>\n'
                   "<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/></TEI>")
    with pytest.raises(InputError, match="declares entities in its DOCTYPE"):
        validate_parts(dtd)


def test_build_validates_a_large_tei_in_parts(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``build --formats tei`` of a TEI over the whole-document limit validates it from its
    file in parts (no bytes in the job); its problems stop a --strict build at their place."""
    from teiedition import limits
    from teiedition import validate_parts as vp

    src = tmp_path / "src"
    src.mkdir()
    novel = src / "novel.xml"
    write_big_tei(novel, 0.3)
    monkeypatch.setattr(limits, "MAX_XML_BYTES", 100_000)  # the novel is over it
    monkeypatch.setattr(vp, "PART_BYTES", 50_000)
    calls = []
    real = vp.validate_parts
    monkeypatch.setattr(vp, "validate_parts", lambda *a, **k: calls.append(a) or real(*a, **k))
    out = tmp_path / "ed"
    args = ["build", str(src), "-o", str(out), "--formats", "tei", "-j", "1", "--strict"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    data = novel.read_bytes()
    at = data.rindex(b"<p>")
    novel.write_bytes(data[:at] + b'<p rend="x" bogus="1">' + data[at + 3:])
    line = data[:at].count(b"\n") + 1
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and len(calls) == 2
    assert f"{novel}:{line}:" in result.output
    assert "<p> cannot have the attribute @bogus" in result.output


def test_a_dtd_entity_in_a_large_file_says_why(tmp_path: Path) -> None:
    path = tmp_path / "p4ish.xml"
    path.write_text('<!DOCTYPE TEI SYSTEM "tei_all.dtd">\n'
                    "<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/><text><body>"
                    "<p>a&mdash;b</p></body></text></TEI>")
    assert validate_file(path, register=False)  # whole: &mdash; is read (and p is misplaced)
    with pytest.raises(InputError, match=r"uses an entity of its DTD \(&mdash;\)") as err:
        validate_parts(path, register=False)
    assert err.value.line == 2


def test_build_of_a_text_validates_its_large_tei_in_parts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text whose TEI is over the whole-document limit: encoded, then validated in parts
    (its register copy is refreshed as a stream, never parsed whole)."""
    from teiedition import limits
    from teiedition import validate_parts as vp

    text = tmp_path / "letter.txt"
    text.write_text(Path(__file__).resolve().parent.parent.joinpath(
        "tests", "data", "stream", "wells.txt").read_text(encoding="utf-8")[:30_000])
    monkeypatch.setattr(limits, "MAX_XML_BYTES", 5_000)
    from teiedition.entities import standoff

    monkeypatch.setattr(standoff, "refresh", lambda *a: pytest.fail("parsed whole"))
    calls = []
    real = vp.validate_parts
    monkeypatch.setattr(vp, "validate_parts", lambda *a, **k: calls.append(a) or real(*a, **k))
    out = tmp_path / "ed"
    result = CliRunner().invoke(main, ["build", str(text), "-o", str(out), "--formats", "tei",
                                       "-j", "1", "--no-entities"])
    assert result.exit_code == 0, result.output
    assert (out / "tei" / "letter.xml").stat().st_size > 5_000 and len(calls) == 1


#: PARTED as one division (a text without headings, as the encoder writes it), and its
#: letters inside one division of the book
ONE_DIVISION = PARTED.replace('</div>\n      <div type="letter">', "")
NESTED = PARTED.replace("<body>", '<body>\n<div type="book">').replace(
    "</body>", "</div>\n</body>")


@pytest.mark.parametrize("text", [ONE_DIVISION, NESTED], ids=["one", "nested"])
@pytest.mark.parametrize(("old", "new"), [("", ""), *CASES],
                         ids=[f"case{i}" for i in range(len(CASES) + 1)])
def test_parts_end_inside_a_division(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     text: str, old: str, new: str) -> None:
    """A body of one division (a book without headings) is not held whole: a part ends
    inside it (and inside divisions in it), with what the whole document reports."""
    from teiedition import validate_parts as vp

    if old and text.count(old) != 1:
        pytest.skip("the case's place is not in this document once")
    flushed = []
    real = vp._Walk._flush
    monkeypatch.setattr(vp._Walk, "_flush", lambda self, last: flushed.append(last)
                        or real(self, last))
    whole, parts = both(tmp_path, text.replace(old, new) if old else text)
    assert parts == whole
    if not old:
        assert whole == [] and len(flushed) >= 3
