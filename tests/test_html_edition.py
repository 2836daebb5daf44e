"""Whole editions: the hand-written profile fixture with its register, and the ELTeC novels."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import html

from teiedition.errors import InputError
from teiedition.publish import html as html_mod
from teiedition.publish.html import build_html, page_name, write_atomic
from teiedition.xml import parse_file

from .conftest import eltec_files
from .html_helpers import (
    FIXTURE,
    REGISTER,
    TEI_NS,
    first_missing,
    reading_text,
    tei_body_words,
    words,
)


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("edition")
    build_html([FIXTURE], out, register=REGISTER)
    return out


def load(path: Path) -> html.HtmlElement:
    return html.document_fromstring(path.read_bytes())


def ids(doc: html.HtmlElement) -> set[str]:
    return {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}


def test_files_of_the_edition(edition: Path) -> None:
    names = sorted(p.relative_to(edition).as_posix() for p in edition.rglob("*") if p.is_file())
    assert [n for n in names if not n.startswith("search/")] == \
        ["assets/print.css", "assets/search-page.js", "assets/search.js", "assets/style.css",
         "edition.html",
                     "index.html", "journals.html", "organisations.html", "persons.html",
                     "places.html", "search-index.js", "search.html"]
    assert "search/c0.js" in names and "search/73-6b.js" in names  # a chunk, the shard "sk"
    assert not [n for n in names if n.endswith(".tmp")]


def test_index_page_has_the_metadata(edition: Path) -> None:
    doc = load(edition / "index.html")
    text = " ".join(doc.text_content().split())
    tei = parse_file(FIXTURE).getroot()
    title = tei.findtext(f".//{{{TEI_NS}}}title[@type='main']")
    assert doc.cssselect("h1")[0].text_content() == title
    for needed in ("Leo Trotskij", "2 november 1937", "Martin Fahlgren", "CC BY 4.0",
                   "Socialist Appeal", "teiedition 0.1.0", "hyphenation"):
        assert needed in text, needed
    labels = [dt.text_content() for dt in doc.cssselect("dl.meta dt")]
    for label in ("Författare", "Datum", "Källa", "Översättare", "Licens"):
        assert label in labels
    assert doc.cssselect("details.encoding summary")


def test_text_page_structure_and_accessibility(edition: Path) -> None:
    doc = load(edition / "edition.html")
    assert doc.get("lang") == "sv"
    skip = doc.cssselect("a.skip")[0]
    assert skip.get("href") == "#main" and doc.cssselect("main#main")
    assert doc.cssselect("header.site nav") and doc.cssselect("footer.site")
    assert [h.tag for h in doc.cssselect("h1")] == ["h1"]
    levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert [p.get("id") for p in doc.cssselect("article p.p")] == ["p1", "p2", "p3", "p4", "p5"]
    assert [s.get("id") for s in doc.cssselect("span.pb")] == ["page-1", "page-2"]
    # the view toggle is there, before the text, and the text has diplomatic forms
    inputs = doc.cssselect("article.text-page > input.view-input")
    assert [i.get("id") for i in inputs] == ["view-reading", "view-dipl"]
    assert doc.cssselect("article .dipl br")
    # no external requests: every href/src is relative or a fragment
    for el in doc.iter():
        for attr in ("src", "href"):
            v = el.get(attr) if isinstance(el.tag, str) else None
            if v and el.tag in ("link", "script", "img"):
                assert not re.match(r"^[a-z]+:", v), v


def test_every_name_links_to_an_existing_register_entry(edition: Path) -> None:
    doc = load(edition / "edition.html")
    links = doc.cssselect("a.ent")
    tei = parse_file(FIXTURE)
    refs = tei.getroot().xpath(".//t:text//*[@ref]", namespaces={"t": TEI_NS})
    # every name with a register entry is a link, except a name nested in another
    assert len(links) == len(refs) - 1
    cache: dict[str, set[str]] = {}
    for a in links:
        page, frag = a.get("href").split("#")
        cache.setdefault(page, ids(load(edition / page)))
        assert unquote(frag) in cache[page], a.get("href")
        assert a.cssselect(".tip")[0].text_content().strip()


def test_register_mentions_link_back_to_paragraphs(edition: Path) -> None:
    text_ids = ids(load(edition / "edition.html"))
    persons = load(edition / "persons.html")
    stalin = persons.get_element_by_id("pers-stalin")
    hrefs = [a.get("href") for a in stalin.cssselect("ul.mentions a")]
    assert hrefs == ["edition.html#p2", "edition.html#p3"]
    for page in ("persons.html", "organisations.html", "places.html", "journals.html"):
        for a in load(edition / page).cssselect("ul.mentions a"):
            target, frag = a.get("href").split("#")
            assert target == "edition.html" and frag in text_ids
    journal = load(edition / "journals.html").get_element_by_id("journal-socialist-appeal")
    assert [a.get("href") for a in journal.cssselect("ul.mentions a")] == ["edition.html#p4"]
    nin = persons.get_element_by_id("pers-unmentioned")
    assert nin.cssselect("p.none")
    assert "Kremls Kain" in stalin.text_content()  # the variants are listed


def test_reading_text_equals_tei_words(edition: Path) -> None:
    doc = load(edition / "edition.html")
    got = words(reading_text(doc.cssselect("div.text .tei-body")[0]))
    assert got == tei_body_words(parse_file(FIXTURE))


def test_search_index_covers_words_and_names(edition: Path) -> None:
    from .html_helpers import load_search

    index, units, shards = load_search(edition)
    assert index["texts"] == [["edition.html", parse_file(FIXTURE).getroot().findtext(
        f".//{{{TEI_NS}}}title[@type='main']")]]
    hits = {u[1] for u in units if "skenrättegångar" in u[2].lower()}
    assert hits == {"p2"}  # the reading form, hyphen resolved
    assert [units[n][1] for n in shards["sk"]["skenrättegångar"]] == ["p2"]
    assert not any(re.search(r"sken-\s*rätte", u[2]) for u in units)
    assert any(n[0] == "Josef Stalin" and n[1] == "persons.html#pers-stalin"
               for n in index["names"])
    assert "fetch(" not in (edition / "assets" / "search.js").read_text()


def test_edition_without_search(tmp_path: Path) -> None:
    files = build_html([FIXTURE], tmp_path, register=REGISTER, search=False)
    names = {p.name for p in files}
    assert "search.html" not in names and "search-index.js" not in names
    assert "search.js" not in names and "edition.html" in names
    doc = load(tmp_path / "edition.html")
    assert not doc.cssselect("form.searchbox")
    assert not [a for a in doc.iter("a") if "search" in (a.get("href") or "")]


# ----- output safety (issue 8) -----

def test_page_names_are_sanitised() -> None:
    taken: set[str] = set()
    assert page_name("../../etc/passwd", taken) == "etc-passwd.html"
    assert page_name("index", taken) == "index-2.html"
    assert page_name("<script>", taken) == "script.html"
    assert page_name("..", taken) == "text.html"
    assert page_name("Index", taken) == "Index-3.html"  # case-insensitive file systems
    assert page_name("a b/c\\d", taken) == "a-b-c-d.html"


def test_hostile_file_names_stay_inside_output(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    evil = src / "..evil <script> name.xml"
    evil.write_bytes(FIXTURE.read_bytes())
    out = tmp_path / "out"
    written = build_html([evil], out)
    for p in written:
        assert p.resolve().is_relative_to(out.resolve())
    assert (out / "evil-script-name.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_write_atomic_refuses_to_escape(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for bad in ("../x.html", "/tmp/x.html", "assets/../../x.html"):
        with pytest.raises(InputError):
            write_atomic(out, bad, b"x")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, out / "assets")
    with pytest.raises(InputError):
        write_atomic(out, "assets/style.css", b"x")
    assert not list(outside.iterdir())


def test_rebuild_replaces_files_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_html([FIXTURE], out, register=REGISTER)
    page = out / "edition.html"
    before = page.stat().st_ino
    page.write_text("stale")
    build_html([FIXTURE], out, register=REGISTER)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert page.stat().st_ino != before  # a new file renamed into place, not rewritten
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_non_tei_input_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"  # TEI elements in another namespace (P4 is read as P5)
    other.write_text("<TEI xmlns='http://example.org/tei'><text>x</text></TEI>")
    with pytest.raises(InputError, match="not a TEI P5"):
        build_html([other], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_stylesheet_compiled_once(tmp_path: Path) -> None:
    from teiedition.build.stylesheet import _html_wrapper

    build_html([FIXTURE], tmp_path / "a")
    before = _html_wrapper.cache_info()
    build_html([FIXTURE], tmp_path / "b")
    after = _html_wrapper.cache_info()
    assert after.misses == before.misses and after.hits > before.hits
    assert html_mod.STYLESHEET == "html/edition.xsl"


# ----- TEI from others: the ELTeC novels -----

ELTEC = eltec_files()


@pytest.fixture(scope="module")
def eltec_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ELTEC:
        pytest.skip("../shared/corpora/eltec-swe is not present")
    out = tmp_path_factory.mktemp("eltec")
    build_html(ELTEC, out)
    return out


@pytest.mark.parametrize("path", ELTEC, ids=[p.stem for p in ELTEC])
def test_eltec_every_body_word_in_order(eltec_site: Path, path: Path) -> None:
    tree = parse_file(path)
    doc = load(eltec_site / page_name(path.stem, set()))
    got = words(reading_text(doc.cssselect("div.text .tei-body")[0]))
    expected = tei_body_words(tree)
    assert len(expected) > 20000
    if got != expected:
        miss = first_missing(expected, got)
        pytest.fail(f"HTML words differ from TEI body words; first missing: {miss}")


@pytest.mark.parametrize("path", ELTEC, ids=[p.stem for p in ELTEC])
def test_eltec_page_is_readable(eltec_site: Path, path: Path) -> None:
    tree = parse_file(path)
    doc = load(eltec_site / page_name(path.stem, set()))
    assert doc.get("lang") == "sv"  # xml:lang="sw" with langUsage swe is Swedish
    heads = tree.getroot().xpath(".//t:body//t:div[t:head]", namespaces={"t": TEI_NS})
    toc = doc.cssselect("nav.toc a")
    assert len(toc) == len(heads)
    page_ids = ids(doc)
    for a in toc:
        assert a.get("href")[1:] in page_ids
    assert len(set(page_ids)) == len([e for e in doc.iter() if isinstance(e.tag, str)
                                      and e.get("id")]), "duplicate ids"
    pbs = tree.getroot().xpath(".//t:text//t:pb", namespaces={"t": TEI_NS})
    assert len(doc.cssselect("span.pb")) == len(pbs)
    # notes: every reference to a note is a link to it
    for ref in doc.cssselect("sup.noteref a"):
        assert ref.get("href")[1:] in page_ids
    title = doc.cssselect("h1")[0].text_content()
    assert title and "ELTeC" not in title


def test_too_deep_nesting_is_a_clear_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.xml"
    deep.write_text(f'<TEI xmlns="{TEI_NS}"><text><body><p>' + "<hi>" * 120 + "x"
                    + "</hi>" * 120 + "</p></body></text></TEI>")
    with pytest.raises(InputError, match="nested more than 96") as err:
        build_html([deep], tmp_path / "out")
    assert str(err.value).startswith(f"{deep}:1: error:")
    ok = tmp_path / "ok.xml"
    ok.write_text(f'<TEI xmlns="{TEI_NS}"><text><body><p>' + "<hi>" * 90 + "x"
                  + "</hi>" * 90 + "</p></body></text></TEI>")
    build_html([ok], tmp_path / "out")
    assert "x" in (tmp_path / "out" / "ok.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("body, message", [
    ("<p " + " ".join(f'a{i}="1"' for i in range(300)) + ">x</p>", "more than 150 attributes"),
    (f"<p><{'x' * 2000}>t</{'x' * 2000}></p>", "longer than 900"),
    (f"<p {'y' * 1200}='1'>t</p>", "longer than 900"),
])
def test_parser_limits_are_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text(f'<TEI xmlns="{TEI_NS}"><text><body>{body}</body></text></TEI>')
    with pytest.raises(InputError, match=message) as err:
        build_html([bad], tmp_path / "out")
    assert str(err.value).startswith(f"{bad}:1: error:")


def test_pages_are_the_same_bytes_every_run(tmp_path: Path) -> None:
    """No generate-id(): Saxon numbers documents per process, so ids built from it change
    from one run (or worker) to the next."""
    build_html([FIXTURE], tmp_path / "a", register=REGISTER)
    build_html([FIXTURE], tmp_path / "b", register=REGISTER)
    for page in ("edition.html", "index.html", "persons.html", "search-index.js"):
        assert (tmp_path / "a" / page).read_bytes() == (tmp_path / "b" / page).read_bytes()
    assert re.search(r'id="tip-n\d+"', (tmp_path / "a" / "edition.html").read_text("utf-8"))
