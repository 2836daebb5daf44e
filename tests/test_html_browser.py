"""The edition in a real browser: headless Chromium loads the pages from file://."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from teiedition.publish.html import build_html, page_name

from .browser import Browser, chromium_path, png_pixels
from .conftest import eltec_files
from .html_helpers import FIXTURE, REGISTER

pytestmark = pytest.mark.skipif(chromium_path() is None,
                                reason="chromium is not installed (Debian package chromium)")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_html([FIXTURE], out, register=REGISTER)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    pytest.importorskip("websocket", reason="websocket-client is not installed")
    try:
        b = Browser()
    except RuntimeError as err:
        pytest.skip(f"chromium could not be started: {err}")
    yield b
    b.close()


def test_register_links_resolve(site: Path, browser: Browser) -> None:
    browser.goto((site / "edition.html").as_uri())
    hrefs = browser.js("Array.from(new Set(Array.from(document.querySelectorAll('a.ent'))"
                       ".map(a => a.href)))")
    assert len(hrefs) >= 10
    for href in hrefs:
        browser.goto(href)
        found = browser.js("(() => { const e = document.getElementById("
                           "decodeURIComponent(location.hash.slice(1)));"
                           " return e ? e.querySelector('h2').textContent : null })()")
        assert found, href
    # and back: every "mentioned in" link lands on a paragraph of the text
    browser.goto((site / "persons.html").as_uri())
    back = browser.js("Array.from(document.querySelectorAll('ul.mentions a')).map(a => a.href)")
    assert back
    for href in back:
        browser.goto(href)
        assert browser.js("document.getElementById(location.hash.slice(1)) !== null"), href


def test_view_toggle_with_mouse_and_keyboard(site: Path, browser: Browser) -> None:
    browser.goto((site / "edition.html").as_uri())
    dipl = "getComputedStyle(document.querySelector('.dipl')).display"
    assert browser.js(dipl) == "none"
    browser.js("document.querySelector('label[for=view-dipl]').click()")
    assert browser.js(dipl) == "inline"
    assert browser.js("document.querySelector('article').innerText").count("-\n") >= 4
    browser.js("document.querySelector('label[for=view-reading]').click()")
    assert browser.js(dipl) == "none"
    # keyboard: focus the radio group and use the arrow key
    browser.js("document.getElementById('view-reading').focus()")
    browser.key("ArrowRight", "ArrowRight", 39)
    assert browser.js("document.getElementById('view-dipl').checked") is True
    assert browser.js(dipl) == "inline"
    assert "skenrättegångar" not in browser.js("document.querySelector('article').innerText")


def test_tooltips_show_on_focus_without_javascript(site: Path, browser: Browser) -> None:
    browser.goto((site / "edition.html").as_uri())
    tip = "getComputedStyle(document.querySelector('{} .tip')).display"
    assert browser.js(tip.format("a.ent")) == "none"
    browser.js("document.querySelector('a.ent').focus()")
    assert browser.js(tip.format("a.ent")) == "block"
    browser.js("document.querySelector('time.date').focus()")
    assert browser.js(tip.format("time.date")) == "block"
    assert browser.js("document.querySelector('time.date .tip').textContent") == "1937-11-02"
    # Tab from the top reaches the skip link first, which targets main
    browser.js("document.activeElement.blur(); window.scrollTo(0, 0)")
    browser.goto((site / "edition.html").as_uri())
    browser.key("Tab", "Tab", 9)
    assert browser.js("document.activeElement.className") == "skip"


def test_screenshot_is_not_blank_and_title_visible(site: Path, browser: Browser) -> None:
    browser.events.clear()
    browser.goto((site / "edition.html").as_uri())
    rect = browser.js("(() => { const r = document.querySelector('h1').getBoundingClientRect();"
                      " return [r.top, r.height, r.width] })()")
    assert 0 <= rect[0] < 600 and rect[1] > 20 and rect[2] > 200
    width, height, rows = png_pixels(browser.screenshot(scale=0.25))
    assert (width, height) == (300, 350)
    colours = {row[i:i + 3] for row in rows for i in range(0, len(row), 3)}
    assert len(colours) > 50, "the page looks blank"
    # dark pixels (text) where the title is
    top = int(rect[0] / 4) + 2, int((rect[0] + rect[1]) / 4)
    dark = sum(1 for row in rows[top[0]:top[1]] for i in range(0, len(row), 3)
               if sum(row[i:i + 3]) < 200)
    assert dark > 50, "the title is not visible"
    urls = browser.requested_urls()
    assert urls and all(u.startswith("file://") for u in urls), urls


#: resolves when search.js has shown every result of the query (it loads the index's pieces)
SEARCHED = ("new Promise(r => { const t = () => ['done', 'failed'].includes(document"
            ".getElementById('results').dataset.state) ? r(document.getElementById('results')"
            ".dataset.state) : setTimeout(t, 5); t(); })")


def search(browser: Browser, site: Path, query: str) -> None:
    browser.goto((site / "search.html").as_uri() + "?q=" + quote(query))
    assert browser.js(SEARCHED) == "done"


def result_links(browser: Browser) -> list[str]:
    """The href of every result the search page lists, in order."""
    return browser.js("Array.from(document.querySelectorAll('#results ol li > a'))"
                      ".map(a => a.getAttribute('href'))")


def test_search_works_from_file_urls(site: Path, browser: Browser) -> None:
    search(browser, site, "stalin")
    hits = browser.js("Array.from(document.querySelectorAll('#results a')).map(a => a.href)")
    assert any(h.endswith("persons.html#pers-stalin") for h in hits)
    assert any(h.endswith("edition.html#p2") for h in hits)
    search(browser, site, "skenrättegångar")
    hits = browser.js("Array.from(document.querySelectorAll('#results li a')).map(a => a.href)")
    assert [h.rsplit("/", 1)[1] for h in hits] == ["edition.html#p2"]
    # the result shows its passage around the match, the match marked
    assert browser.js("document.querySelector('#results li mark').textContent") == \
        "skenrättegångar"
    search(browser, site, "skenrätt")
    assert browser.js("document.querySelector('#results li mark').textContent") == \
        "skenrättegångar"  # the whole word the query begins


@pytest.mark.parametrize("query,found", [
    ("SKENRÄTTEGÅNG", True),  # a word's beginning, any case
    ("rättegångar", False),  # inside a word: not a word of the text
    ("stalinistiska, kain", True),  # every word, in any order; punctuation separates
    ("stalinistiska sabotör spanien", True),
    ("stalinistiska norge", False),
    ("gpu agenterna", True),  # "GPU-agenterna": a hyphen separates words
])
def test_search_matches_words_from_their_beginning(site: Path, browser: Browser, query: str,
                                                   found: bool) -> None:
    search(browser, site, query)
    hits = browser.js("Array.from(document.querySelectorAll('#results ol a')).map(a => a.href)")
    assert [h.rsplit("/", 1)[1] for h in hits] == (["edition.html#p2"] if found else [])


def test_eltec_novel_renders(tmp_path: Path, browser: Browser) -> None:
    files = eltec_files()
    if not files:
        pytest.skip("../shared/corpora/eltec-swe is not present")
    novel = files[0]
    build_html([novel], tmp_path)
    browser.goto((tmp_path / page_name(novel.stem, set())).as_uri())
    assert browser.js("document.documentElement.lang") == "sv"
    toc = browser.js("Array.from(document.querySelectorAll('nav.toc a')).map(a => a.hash)")
    assert toc and all(browser.js(f"document.querySelector('{h}') !== null") for h in toc)
    _, _, rows = png_pixels(browser.screenshot(scale=0.25))
    assert len({row[i:i + 3] for row in rows for i in range(0, len(row), 3)}) > 50


CONTRAST_JS = r"""
(() => {
  function rgb(s) {
    const m = s.match(/[\d.]+/g).map(Number);
    return m.length > 3 ? m : m.concat([1]);
  }
  function lum(c) {
    const v = c.slice(0, 3).map(x => {
      x /= 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function bg(e) {  // the first opaque background behind e
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  }
  const out = [];
  for (const sel of SELECTORS) {
    const e = document.querySelector(sel);
    if (!e) { out.push([sel, null]); continue; }
    const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg(e));
    out.push([sel, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]);
  }
  return out;
})()
"""


def test_colour_contrast_meets_aa(site: Path, browser: Browser) -> None:
    selectors = ["p.p", "a.ent", ".pnum", ".pb", ".site-nav a", ".searchbox label",
                 ".searchbox button", "footer.site p", ".view-label", ".byline", "time.date"]
    browser.goto((site / "edition.html").as_uri())
    browser.js("document.querySelector('a.ent').focus()")
    js = CONTRAST_JS.replace("SELECTORS", repr(selectors + ["a.ent .tip"]))
    ratios = dict(browser.js(js))
    low = {s: r for s, r in ratios.items() if r is None or r < 4.5}
    assert not low, f"below WCAG AA 4.5:1: {low}"
    browser.goto((site / "index.html").as_uri())
    ratios = dict(browser.js(CONTRAST_JS.replace("SELECTORS", repr(["dl.meta dt", "dl.meta dd",
                                                                    "details summary"]))))
    assert all(r and r >= 4.5 for r in ratios.values()), ratios


def test_print_stylesheet_hides_the_interface(site: Path, browser: Browser) -> None:
    browser.goto((site / "edition.html").as_uri())
    display = ("['header.site', '.viewbar', 'footer.site', 'p.p']"
               ".map(s => getComputedStyle(document.querySelector(s)).display)")
    assert browser.js(display) == ["flex", "flex", "block", "block"]
    browser.call("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.js(display) == ["none", "none", "none", "block"]
        assert browser.js("getComputedStyle(document.querySelector('.pb')).display") != "none"
    finally:
        browser.call("Emulation.setEmulatedMedia", media="")


@pytest.mark.parametrize("shard_bytes,head_bytes", [(None, None), (0, 0), (None, 0)])
def test_search_shards_in_the_browser_find_what_brute_force_finds(
        tmp_path: Path, browser: Browser, monkeypatch: pytest.MonkeyPatch,
        shard_bytes: int | None, head_bytes: int | None) -> None:
    """A generated edition of three texts with hostile words (case that changes length,
    punctuation, final sigma, a word in more passages than are listed): for each query the
    browser lists, in order, the passages a search over every passage's whole text finds;
    also with shards split down to one word each (a limit of 0 bytes), and with every shard
    of more than one text a head (its first text) and a rest: the first results listed from
    the heads where they hold a screenful, the rest after the rests are loaded."""
    import random

    from teiedition.publish import search as search_index

    if shard_bytes is not None:
        monkeypatch.setattr(search_index, "SHARD_BYTES", shard_bytes)
    if head_bytes is not None:
        monkeypatch.setattr(search_index, "HEAD_BYTES", head_bytes)

    from .html_helpers import load_search, old_search, tei_doc

    words = ["Stalin", "Stalins", "GPU-agenterna", "ÅSKA", "åska", "İstanbul", "ΟΔΟΣ",
             "σοφός", "straße", "a", "ö", "«citat»", "1937-11-02", "e-post", "kort",
             "kortare", "ko", "och", "och", "och"]
    rng = random.Random(17)
    files = []
    for t in range(3):
        body = "".join(f"<p>{' '.join(rng.choice(words) for _ in range(12))}</p>"
                       for _ in range(250))
        path = tmp_path / f"text{t}.xml"
        path.write_bytes(etree_bytes(tei_doc(f"<div>{body}</div>")))
        files.append(path)
    out = tmp_path / "site"
    build_html(files, out)
    index, passages, _ = load_search(out)
    assert len(index["chunks"]) >= 2
    assert ("stalins$" in index["shards"]) == (shard_bytes == 0)  # one word a shard at 0
    assert any((out / "search").glob("*.r.js")) == (head_bytes == 0)
    for query in ["stalin", "ÅSK", "i̇stanbul", "σοφοσ", "ΣΟΦΌΣ", "och", "o", "gpu agent",
                  "kort 1937", "rätt", "STRASSE"]:
        search(browser, out, query)
        hits = result_links(browser)
        want = old_search(passages, index["separators"], query)
        assert hits == [f"{index['texts'][passages[n][0]][0]}#{passages[n][1]}"
                        for n in want[:100]], query
        summary = browser.js("document.querySelector('#results p').textContent")
        assert summary.split(":")[1].split(",")[0].strip() == str(len(want)), query
        # the results after the first 100: the button lists the next 100, until all are
        pages = 1
        while browser.js("document.querySelector('#results button.more') !== null"):
            browser.js("document.querySelector('#results button.more').click()")
            assert browser.js(SEARCHED) == "done"
            pages += 1
        assert pages == max(1, -(-len(want) // 100)), query
        hits = result_links(browser)
        assert hits == [f"{index['texts'][passages[n][0]][0]}#{passages[n][1]}"
                        for n in want], query


def test_search_forgets_pieces_beyond_its_budget_and_loads_them_again(tmp_path: Path,
                                                                      browser: Browser) -> None:
    """The tab keeps only the last used shards and chunks (here 1 of each): after each query
    no more are held, and a query that needs a forgotten piece loads it again and lists
    what a search over every passage's whole text finds."""
    from .html_helpers import load_search, old_search, tei_doc

    words = ["alfa", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    files = []
    for t in range(2):
        body = "".join(f"<p>{' '.join(words[(k * 3 + j + t) % 8] for j in range(k % 5 + 1))}"
                       f" {'x' * 40}</p>" for k in range(900))
        files.append(tmp_path / f"t{t}.xml")
        files[-1].write_bytes(etree_bytes(tei_doc(f"<div>{body}</div>")))
    out = tmp_path / "site"
    build_html(files, out)
    index, passages, _ = load_search(out)
    assert len(index["chunks"]) >= 3
    search(browser, out, "")
    browser.js("TEIEDITION_SEARCH.keep(1, 1)")
    for query in ["alfa", "beta gamma", "eta", "alfa", "theta", "beta gamma", "zeta eta"]:
        browser.js(f"TEIEDITION_SEARCH.run({query!r})")
        hits = result_links(browser)
        want = old_search(passages, index["separators"], query)
        assert hits == [f"{index['texts'][passages[n][0]][0]}#{passages[n][1]}"
                        for n in want[:100]], query
        shards, chunks = browser.js("TEIEDITION_SEARCH.held()")
        assert shards == 1 and chunks == 1, query


def etree_bytes(tree) -> bytes:  # noqa: ANN001 - lxml tree
    from lxml import etree

    return etree.tostring(tree, encoding="utf-8")


def test_pagefind_search_over_http(tmp_path: Path, browser: Browser) -> None:
    """`--search pagefind`: Pagefind's index beside the pages; the edition served on a
    loopback port (127.0.0.1 only, for this test) finds a word in the text's page, stemmed,
    the match marked, and lists no page of the interface (the search page itself)."""
    pytest.importorskip("pagefind_bin_extended", reason="pagefind[extended] is not installed")
    out = tmp_path / "site"
    files = build_html([FIXTURE], out, register=REGISTER, search="pagefind")
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert not (out / "search-index.js").exists() and not (out / "assets" / "search.js").exists()
    assert out / "assets" / "search-pagefind.js" in files
    server, thread, base = _serve(out)
    try:
        browser.goto(f"{base}/search.html?q=" + quote("skenrättegångar"))
        assert browser.js(SEARCHED) == "done"
        hits = result_links(browser)
        assert hits and all("edition" in h for h in hits), hits
        assert browser.js("document.querySelector('#results li mark').textContent").lower() \
            .startswith("skenrättegång")
        # a form of the word the text does not have: the Swedish stemmer finds it
        browser.goto(f"{base}/search.html?q=" + quote("skenrättegången"))
        assert browser.js(SEARCHED) == "done"
        assert browser.js("document.querySelectorAll('#results ol li').length") >= 1
        assert not any("search.html" in h for h in hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _serve(folder: Path):  # noqa: ANN202 - (server, thread, base URL)
    """``folder`` served over HTTP on a loopback port (127.0.0.1 only)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_address[1]}"


def _pagefind_pages(browser: Browser, base: str, query: str) -> set[str]:
    """The pages the search page of the served edition lists for ``query``."""
    browser.goto(f"{base}/search.html?q=" + quote(query))
    assert browser.js(SEARCHED) == "done", query
    return {h.split("#")[0].lstrip("/") for h in result_links(browser)}


def test_build_search_pagefind_is_incremental_and_served(tmp_path: Path, browser: Browser,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """`build --search pagefind`: Pagefind indexes the edition the build made (no shards);
    a build that changes nothing does not run Pagefind; a new text is indexed by the next
    build; served on a loopback port, the search finds a word of each text on its page;
    going back to the shards removes Pagefind's index."""
    pytest.importorskip("pagefind_bin_extended", reason="pagefind[extended] is not installed")
    from click.testing import CliRunner

    from teiedition.cli import main
    from teiedition.publish import pagefind

    calls: list[Path] = []
    real = pagefind.index_site
    monkeypatch.setattr(pagefind, "index_site", lambda site, **kw: (calls.append(site),
                                                                    real(site, **kw))[1])

    def build(*args: str) -> None:
        res = CliRunner().invoke(main, ["build", "-j", "1", "--formats", "html",
                                        str(src), "-o", str(out), *args])
        assert res.exit_code == 0, res.output + repr(res.exception)

    src, out = tmp_path / "src", tmp_path / "ed"
    src.mkdir()
    (src / "brev.xml").write_bytes(FIXTURE.read_bytes())
    build("--search", "pagefind")
    site = out / "output" / "html"
    assert (site / "pagefind" / "pagefind.js").is_file() and len(calls) == 1
    assert not (site / "search-index.js").exists() and not (site / "search").exists()
    assert (site / "assets" / "search-pagefind.js").is_file()
    index = {p: p.stat().st_mtime_ns for p in (site / "pagefind").rglob("*") if p.is_file()}
    build("--search", "pagefind")
    assert len(calls) == 1  # nothing changed: Pagefind did not run
    assert {p: p.stat().st_mtime_ns for p in (site / "pagefind").rglob("*")
            if p.is_file()} == index
    # a second text, with a word the first lacks; the config chooses the search now
    (out / "teiedition.toml").write_text('search = "pagefind"\n', encoding="utf-8")
    (src / "nytt.xml").write_text(FIXTURE.read_text(encoding="utf-8").replace(
        "fruktansvärd sjukdom", "kvicksilverbarometer sjukdom"), encoding="utf-8")
    build()
    assert len(calls) == 2
    server, thread, base = _serve(site)
    try:
        assert _pagefind_pages(browser, base, "kvicksilverbarometer") == {"nytt.html"}
        assert _pagefind_pages(browser, base, "fruktansvärd") == {"brev.html"}
        assert _pagefind_pages(browser, base, "skenrättegångar") == {"brev.html", "nytt.html"}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    build("--search", "shards")
    assert not (site / "pagefind").exists()
    assert (site / "search-index.js").is_file() and (site / "assets" / "search.js").is_file()
    assert not (site / "assets" / "search-pagefind.js").exists()
