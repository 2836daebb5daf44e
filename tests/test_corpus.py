"""A teiCorpus (with a nested corpus) in `html` and `pdf`: each TEI a text of the edition,
the corpus header the edition's title; notes stay with their own text."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from teiedition import corpus
from teiedition.errors import InputError
from teiedition.publish.html import build_html
from teiedition.publish.pdf import build_pdf
from teiedition.xml import parse_file, serialize

from .test_pdf import pdftext, words

CORPUS = Path(__file__).parent / "data" / "corpus" / "letters.xml"


def test_members_are_every_tei_nested_ones_too() -> None:
    got = corpus.members(parse_file(CORPUS), "letters")
    assert [name for name, _ in got] == ["letter-one", "letters-2", "letters-3"]
    assert [corpus.title(doc.getroot()) for _, doc in got] == \
        ["First letter", "Second letter", "Tredje brevet"]
    # the corpus's language where a text gives none
    assert got[1][1].getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_html_a_page_per_text(tmp_path: Path) -> None:
    build_html([CORPUS], tmp_path)
    pages = {p.name for p in tmp_path.glob("*.html")}
    assert {"letter-one.html", "letters-2.html", "letters-3.html"} <= pages
    one = html.parse(str(tmp_path / "letter-one.html")).getroot()
    assert "The ice broke on the river today" in " ".join(one.text_content().split())
    assert "Letters from the North" in one.findtext(".//title")
    three = html.parse(str(tmp_path / "letters-3.html")).getroot()
    assert three.get("lang") == "sv"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_one_book_of_the_texts(tmp_path: Path) -> None:
    pdf = build_pdf([CORPUS], tmp_path)[0]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Letters from the North" in info  # the corpus header: title and metadata
    text = pdftext(pdf)
    assert text.lstrip().startswith("Letters from the North")
    for s in ("First letter", "Karin Berg", "Second letter", "Tredje brevet",
              "Isen ligger kvar"):
        assert s in text, s
    # both texts' notes (both xml:id="n1") are footnotes of their own text: the ref in the
    # first letter repeats the first letter's note, not the second's
    flat = " ".join(text.split())
    assert "1Early for April. 2Early for April. 3The harbour of Luleå." in flat
    assert words(text).index("boats") < words(text).index("dusk") < words(text).index("Isen")


def test_cli_pdf_and_html_take_a_corpus(tmp_path: Path) -> None:
    for cmd in ("pdf", "html"):
        done = subprocess.run([sys.executable, "-m", "teiedition", cmd, str(CORPUS), "-o",
                               str(tmp_path / cmd)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_build_makes_the_pages_html_makes_and_tracks_the_corpus_as_one_source(
        tmp_path: Path) -> None:
    """`build` on a folder holding a corpus: a page per TEI (nested ones too), the same files
    with the same bytes as `teiedition html` makes of the corpus (index, search, pages); the
    manifest's source is the corpus file; a second build has nothing to do; a TEI taken out
    of the corpus takes its page with it, and the corpus gone takes all of them."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(CORPUS, src / "letters.xml")

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "teiedition", *args],
                              cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "built 1" in run("build", "src")
    run("html", "src/letters.xml", "-o", "by-html")
    built, by_html = tmp_path / "output/html", tmp_path / "by-html"
    files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(by_html).as_posix()
                           for p in by_html.rglob("*") if p.is_file())
    assert {"letter-one.html", "letters-2.html", "letters-3.html"} <= set(files)
    assert "letters.html" not in files
    for rel in files:
        assert (built / rel).read_bytes() == (by_html / rel).read_bytes(), rel
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "Letters from the North" in index  # the corpus header titles the edition
    assert all(f'href="{p}"' in index for p in ("letter-one.html", "letters-3.html"))
    page = " ".join(html.parse(str(built / "letters-3.html")).getroot().text_content().split())
    assert "Isen ligger" in page and "The ice broke" not in page
    manifest = json.loads((tmp_path / ".teiedition/manifest.json").read_text(encoding="utf-8"))
    ours = {rel for rel, rec in manifest["outputs"].items()
            if rec.get("source") == str(src / "letters.xml")}
    assert {"output/html/letter-one.html", "output/html/letters-3.html",
            "output/pdf/letters.pdf"} <= ours
    assert (tmp_path / "output/pdf/letters.pdf").stat().st_size > 1000
    stamps = {rel: (built / rel).stat().st_mtime_ns for rel in files}
    assert "built 0, skipped 1" in run("build", "src")
    assert stamps == {rel: (built / rel).stat().st_mtime_ns for rel in files}

    xml = (src / "letters.xml").read_text(encoding="utf-8")  # the Swedish letter goes
    start = xml.index('<TEI xml:lang="sv">')
    (src / "letters.xml").write_text(xml[:start] + xml[xml.index("</TEI>", start) + 6:],
                                     encoding="utf-8")
    assert "built 1" in run("build", "src")
    assert not (built / "letters-3.html").exists() and (built / "letters-2.html").exists()
    assert "Isen ligger" not in (built / "search-index.js").read_text(encoding="utf-8") + \
        "".join(p.read_text(encoding="utf-8") for p in (built / "search").glob("*.js"))
    (src / "letters.xml").unlink()  # the corpus goes, another comes: only its pages stay
    (src / "other.xml").write_bytes(CORPUS.read_bytes().replace(b'"letter-one"', b'"card"'))
    run("build", "src")
    assert sorted(p.name for p in built.glob("*.html")) == \
        ["card.html", "index.html", "other-2.html", "other-3.html", "search.html"]


def _letters(n: int, words: int) -> str:
    """A corpus of ``n`` letters of ``words`` words each."""
    tei = ('<TEI><teiHeader><fileDesc><titleStmt><title>Letter {k}</title></titleStmt>'
           '<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>'
           '</fileDesc></teiHeader><text><body><p>{text}</p></body></text></TEI>')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="sv"><teiHeader><fileDesc>'
            '<titleStmt><title>Brev</title></titleStmt><publicationStmt><p>p</p>'
            '</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>'
            + "".join(tei.format(k=k, text=" ".join(f"ord{k}x{i}" for i in range(words)))
                      for k in range(1, n + 1)) + "</teiCorpus>\n")


def test_html_reads_a_corpus_as_a_stream_each_tei_under_the_limit_of_one_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limit of one HTML text holds for each TEI of a corpus, not for the corpus (read
    as a stream, never whole): four letters of 3 KB each in a corpus of 11 KB under a limit
    of 4 KB are published; a letter over it is refused, named by the corpus file."""
    from teiedition import limits

    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 4000)
    src = tmp_path / "brev.xml"
    src.write_text(_letters(4, 300), encoding="utf-8")
    assert src.stat().st_size > 2.5 * 4000
    build_html([src], tmp_path / "out", jobs=1)
    pages = sorted(p.name for p in (tmp_path / "out").glob("brev-*.html"))
    assert pages == ["brev-1.html", "brev-2.html", "brev-3.html", "brev-4.html"]
    page = (tmp_path / "out" / "brev-4.html").read_text(encoding="utf-8")
    assert "ord4x299" in page and 'lang="sv"' in page
    src.write_text(_letters(2, 600), encoding="utf-8")
    with pytest.raises(InputError, match="larger than the limit") as err:
        build_html([src], tmp_path / "out2", jobs=1)
    lines = str(err.value).splitlines()  # each letter, named by the corpus file
    assert len(lines) == 2 and all(x.startswith(f"{src}: error: XML input") for x in lines)
    assert not (tmp_path / "out2").exists()


def test_build_reads_a_corpus_for_html_a_tei_at_a_time_as_html_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`build` applied one HTML text's limit to the whole corpus (a 13 MB corpus of 39
    novels was refused, while `teiedition html` published it): each TEI is held to it, the
    corpus to any XML input's; its pages are those `html` makes; a letter over the limit is
    refused, named by the corpus file."""
    from teiedition import limits
    from teiedition.build import build_edition

    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 4000)
    src = tmp_path / "src"
    src.mkdir()
    (src / "brev.xml").write_text(_letters(4, 300), encoding="utf-8")
    assert (src / "brev.xml").stat().st_size > 2.5 * 4000
    summary = build_edition([src], tmp_path / "ed", formats=["html"], jobs=1)
    assert summary.built and not summary.failed
    built = tmp_path / "ed" / "output" / "html"
    build_html([src / "brev.xml"], tmp_path / "by-html", jobs=1)
    for k in range(1, 5):
        page = f"brev-{k}.html"
        assert (built / page).read_bytes() == (tmp_path / "by-html" / page).read_bytes()
    (src / "brev.xml").write_text(_letters(2, 600), encoding="utf-8")
    summary = build_edition([src], tmp_path / "ed", formats=["html"], jobs=1,
                            keep_going=True)
    assert summary.failed
    (source, error), = summary.failed
    assert source.endswith("brev.xml") and "larger than the limit of" in error, error


def test_a_corpus_stream_hands_each_tei_on_before_the_rest_is_read(tmp_path: Path) -> None:
    """corpus.stream: the TEI before a broken one are handed on as the file is read; the
    error has the line and column of the break; a DOCTYPE (entities: the whole parse)."""
    text = _letters(3, 5000)  # 3 letters of ~50 KB, the file read 64 KB at a time
    src = tmp_path / "broken.xml"
    src.write_text(text.replace("ord3x4999", "ord3x4999 <b>", 1), encoding="utf-8")
    seen: list[str] = []
    with pytest.raises(InputError, match="not well-formed XML") as err:
        corpus.stream(src, "broken", lambda name, data: seen.append(name))
    assert seen == ["broken-1", "broken-2"]
    assert err.value.line == 2 and err.value.column and err.value.column > 100_000
    dtd = tmp_path / "dtd.xml"
    dtd.write_text(_letters(2, 5).replace(
        "<teiCorpus ", '<!DOCTYPE teiCorpus [<!ENTITY a "Karin Berg">]>\n<teiCorpus ', 1)
        .replace("ord2x0", "&a;"), encoding="utf-8")
    assert corpus.stream(dtd, "dtd", lambda name, data: seen.append(name)) is None
    assert seen == ["broken-1", "broken-2"]
    build_html([dtd], tmp_path / "out", jobs=1)
    assert "Karin Berg" in (tmp_path / "out" / "dtd-2.html").read_text(encoding="utf-8")


def test_a_corpus_streamed_gives_the_bytes_of_its_members() -> None:
    got: list[tuple[str, bytes]] = []
    assert corpus.stream(CORPUS, "letters", lambda n, d: got.append((n, d))) == \
        "Letters from the North"
    assert got == [(n, serialize(d)) for n, d in corpus.members(parse_file(CORPUS), "letters")]


def test_a_corpus_streamed_as_documents_keeps_the_lines_of_its_file() -> None:
    """corpus.stream_docs (build's pages of a corpus): each TEI as members makes it, its
    elements at their lines in the corpus's file (what messages about it point at)."""
    got: list[tuple[str, bytes, list[int | None]]] = []
    corpus.stream_docs(CORPUS, "letters", lambda n, d: got.append(
        (n, serialize(d), [e.sourceline for e in d.iter()])))
    assert got == [(n, serialize(d), [e.sourceline for e in d.iter()])
                   for n, d in corpus.members(parse_file(CORPUS), "letters")]
    assert got and got[-1][2][0] > 1
