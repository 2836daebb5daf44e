"""`teiedition html`: exit codes and messages (0 written, 2 bad input)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.cli import main

from .html_helpers import FIXTURE, REGISTER, TEI_NS, reading_text, tei_body_words, words

REPO = Path(__file__).resolve().parent.parent


def test_html_command_writes_the_edition(tmp_path: Path) -> None:
    out = tmp_path / "site"
    res = CliRunner().invoke(main, ["html", str(FIXTURE), "--register", str(REGISTER),
                                    "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "files written" in res.output
    assert (out / "edition.html").is_file() and (out / "persons.html").is_file()


@pytest.mark.parametrize("content, message", [
    (b"<TEI.2><text>p4</text></TEI.2>", "not a TEI P5"),
    (b"<teiCorpus xmlns='http://www.tei-c.org/ns/1.0'><teiHeader/></teiCorpus>",
     "holds no <TEI> document"),
    (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", "not well-formed"),
    (b'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><text><body><p>&x;</p></body></text></TEI>",
     "entities"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    res = CliRunner().invoke(main, ["html", str(bad), "-o", str(tmp_path / "out")])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(bad)) and message in lines[0]
    assert "root:" not in res.output  # nothing of /etc/passwd
    assert not (tmp_path / "out").exists()


def test_the_edition_sample_when_encoded(tmp_path: Path) -> None:
    """tei/sample.xml (written by `teiedition encode`) with tei/register.xml, once present."""
    sample, register = REPO / "tei" / "sample.xml", REPO / "tei" / "register.xml"
    if not sample.is_file():
        pytest.skip("tei/sample.xml is not in the repository yet")
    from lxml import html

    from teiedition.publish.html import build_html
    from teiedition.xml import parse_file

    build_html([sample], tmp_path, register=register if register.is_file() else None)
    page = html.document_fromstring((tmp_path / "sample.html").read_bytes())
    tree = parse_file(sample)
    assert words(reading_text(page.cssselect("div.text .tei-body")[0])) == tei_body_words(tree)
    if register.is_file():
        reg_ids = set(parse_file(register).getroot().xpath("//@xml:id"))
        refs = [r for r in tree.getroot().xpath(".//t:text//@ref", namespaces={"t": TEI_NS})
                if r[1:] in reg_ids]
        assert refs and len(page.cssselect("a.ent")) >= len(refs) * 0.9
