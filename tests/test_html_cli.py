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
    (b"<TEI xmlns='http://example.org/tei'><text>x</text></TEI>", "not a TEI P5"),
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


def _texts(folder: Path, n: int) -> list[Path]:
    """``n`` distinct TEI texts (the fixture with its words in another order per copy)."""
    from lxml import etree

    from teiedition.xml import parse_file

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        tree = parse_file(FIXTURE)
        ps = tree.getroot().findall(f".//{{{TEI_NS}}}body//{{{TEI_NS}}}p")
        ps[0].text = f"Text {i}: " + (ps[0].text or "")
        path = folder / f"text{i}.xml"
        path.write_bytes(etree.tostring(tree, encoding="utf-8"))
        out.append(path)
    return out


def test_workers_make_the_same_edition_as_one_process(tmp_path: Path) -> None:
    """`-j 2` (worker processes, build's engine) writes the same files, byte for byte, as
    `-j 1` (in this process)."""
    files = [str(p) for p in _texts(tmp_path / "in", 4)]
    for j in ("1", "2"):
        res = CliRunner().invoke(main, ["html", *files, "--register", str(REGISTER), "-j", j,
                                        "-o", str(tmp_path / f"j{j}")])
        assert res.exit_code == 0, res.output
    one = {p.relative_to(tmp_path / "j1"): p.read_bytes() for p in (tmp_path / "j1").rglob("*")
           if p.is_file()}
    two = {p.relative_to(tmp_path / "j2"): p.read_bytes() for p in (tmp_path / "j2").rglob("*")
           if p.is_file()}
    assert one == two
    assert {Path(f"text{i}.html") for i in range(4)} <= set(one)
    assert b"Text 3: " in one[Path("text3.html")]
    assert not [p for p in (tmp_path / "j2").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("command", ["html", "pdf"])
def test_every_failing_text_is_reported_and_nothing_written(tmp_path: Path,
                                                            command: str) -> None:
    """Two bad texts among good ones, in worker processes: each bad one is one line
    FILE:LINE: error, exit 2, and the output folder gets nothing (not even the good texts'
    files); a folder that was there keeps what it had."""
    files = _texts(tmp_path / "in", 2)
    (tmp_path / "in" / "bad1.xml").write_bytes(b"<TEI xmlns='http://www.tei-c.org/ns/1.0'>"
                                                 b"\n<text>")
    (tmp_path / "in" / "bad2.xml").write_bytes(b"<TEI xmlns='urn:x'><text>x</text></TEI>")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    args = [command, str(files[0]), str(tmp_path / "in" / "bad1.xml"), str(files[1]),
            str(tmp_path / "in" / "bad2.xml"), "-j", "2", "-o", str(out)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 2, res.output
    assert lines[0].startswith(f"{tmp_path / 'in' / 'bad1.xml'}:2:") and "error:" in lines[0]
    assert lines[1].startswith(f"{tmp_path / 'in' / 'bad2.xml'}") and "TEI P5" in lines[1]
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_folders_are_walked_for_tei_and_the_register_is_not_a_text(tmp_path: Path) -> None:
    """``html``, ``validate``, ``entities`` and ``pdf`` take folders as ``build`` does:
    their ``.xml`` files, sorted, subfolders included, hidden entries and the folder's
    register left out; an empty folder is an error, not an empty edition."""
    coll = tmp_path / "coll"
    (coll / "sub").mkdir(parents=True)
    (coll / ".hidden").mkdir()
    tei = (REPO / "tei" / "sample.xml").read_bytes()
    (coll / "sample.xml").write_bytes(tei)
    (coll / "sub" / "letter.xml").write_bytes(tei)
    (coll / ".hidden" / "draft.xml").write_bytes(b"<not-tei/>")
    (coll / "register.xml").write_bytes((REPO / "tei" / "register.xml").read_bytes())
    out = tmp_path / "site"
    res = CliRunner().invoke(main, ["html", str(coll), "-o", str(out), "--no-search"])
    assert res.exit_code == 0, res.output
    pages = sorted(p.name for p in out.glob("*.html"))
    assert "sample.html" in pages and "letter.html" in pages
    assert "register.html" not in pages and "draft.html" not in pages

    res = CliRunner().invoke(main, ["validate", str(coll)])
    assert res.exit_code == 0, res.output
    assert "2 files checked" in res.stderr
    res = CliRunner().invoke(main, ["entities", str(coll), "--register",
                                    str(coll / "register.xml"), "--format", "tsv"])
    assert res.exit_code == 0, res.output
    one = CliRunner().invoke(main, ["entities", str(coll / "sample.xml"), "--register",
                                    str(coll / "register.xml"), "--format", "tsv"])

    def counts(tsv: str) -> dict[str, int]:
        rows = [line.split("\t") for line in tsv.splitlines()[1:]]
        return {r[0]: int(r[4]) for r in rows}
    assert counts(res.output) == {k: 2 * n for k, n in counts(one.output).items()}

    empty = tmp_path / "empty"
    empty.mkdir()
    for command in ("html", "pdf", "validate", "entities"):
        res = CliRunner().invoke(main, [command, str(empty), "-o", str(tmp_path / "x")]
                                 if command in ("html", "pdf") else [command, str(empty)])
        assert res.exit_code == 2, (command, res.output)
        assert f"{empty}: error: the folder holds no TEI file" in res.stderr, command
    assert not (tmp_path / "x").exists()


def test_html_workers_start_without_the_project_schema(tmp_path: Path) -> None:
    """``html`` publishes TEI as it is (no validation): its parent compiles no schema for
    the workers to inherit (0.14 CPU-s and more of the parent's, serial, before any worker
    starts); ``build``'s publish jobs, which validate, still do."""
    import subprocess
    import sys

    for n in (1, 2):
        (tmp_path / f"t{n}.xml").write_bytes((REPO / "tests" / "data" / "html" /
                                              "edition.xml").read_bytes())
    code = f"""
import sys
from pathlib import Path
from teiedition.build.executors import LocalExecutor
from teiedition.build.jobs import Job
from teiedition.build.publish import publish
from teiedition.validate import load_schema
tmp = Path({str(tmp_path)!r})
files = publish([tmp / "t1.xml", tmp / "t2.xml"], tmp / "out", html=True, jobs=2,
                search="no")
print(len(files), load_schema.cache_info().currsize)
tei = str(tmp / "t1.xml")
# jobs that validate (and make nothing else): the schema compiled before the workers fork
ex = LocalExecutor(2)
list(ex.run([Job("publish", n, source=tei, kind="tei", tei=tei, size=10) for n in (0, 1)]))
ex.close()
print(load_schema.cache_info().currsize)
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    made, html_schemas, build_schemas = run.stdout.split()
    assert int(made) > 2 and html_schemas == "0" and build_schemas == "1"
