"""The search index made in parts (one per text, by `teiedition build`'s workers) and merged:
the passages' reading text from Python equals the stylesheets' te:plain, and the merge gives
the same bytes as the one-run index."""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import re
import shutil
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teiedition.build import (
    _PART_MAGIC,
    merge_search,
    search_part,
    text_search_part,
)
from teiedition.errors import TeieditionError
from teiedition.publish import xslt
from teiedition.publish.html import (
    normalize_space,
    normalize_spaces,
    search_texts,
)
from teiedition.xml import parse_bytes, parse_file

from .html_helpers import importing_stylesheet

REPO = Path(__file__).resolve().parents[1]
ELTEC = REPO.parent / "shared" / "corpora" / "eltec-swe"

TRICKY = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>Prov</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p>
</sourceDesc></fileDesc></teiHeader><text><front><titlePage><docTitle><titlePart>Titel
<lb/>rad två</titlePart></docTitle><docAuthor>A.\tFörfattare</docAuthor></titlePage></front>
<body><div><head>Första <hi>kapitlet</hi><fw type="header">SIDHUVUD</fw></head>
<p>Ett ord<note place="foot"><p>En not i stycket</p><l>versrad i not</l></note> till,
 av\u00a0<hi rend="italic">kursivt</hi>  och se<lb break="no"/>dan<lb/>ny rad<!-- kommentar -->
<?pi data?>slut.</p>
<lg><l>Första versen</l><l>andra <foreign xml:lang="la">versen</foreign></l></lg>
<list><head>Listhuvud</head><item>ett</item><item>två <label>etikett</label></item></list>
<p>&lt;/script&gt; och \u2028 radskiljare, "citat" och \\ snedstreck</p>
<quote><p>Ett inre stycke</p></quote>
<div><head>Andra</head><head>Andra rubriken</head><p><cell>cell</cell>text</p></div>
</div></body></text></TEI>"""


def _xslt_plain(root: etree._Element) -> list[str]:
    """te:plain of each te:search-units element, as the stylesheet computes it."""
    exe = importing_stylesheet("html/edition.xsl", """
  <xsl:template name="te:plains" as="xs:string*">
    <xsl:sequence select="te:search-units($te:texts[1]/tei:TEI) ! te:plain(.)"/>
  </xsl:template>""")
    doc = xslt.parse_text('<te:edition xmlns:te="urn:teiedition"><te:text file="x.html">'
                          + etree.tostring(root, encoding="unicode") + "</te:text></te:edition>")
    exe.set_global_context_item(xdm_item=doc)
    exe.set_result_as_raw_value(True)
    value = exe.call_template_returning_value("{urn:teiedition}plains")
    return [value.item_at(i).string_value for i in range(value.size)]


def _documents() -> list[tuple[str, etree._Element]]:
    docs = [("tricky", parse_bytes(TRICKY.encode()).getroot()),
            ("profile fixture", parse_file(REPO / "tests/data/html/edition.xml").getroot())]
    if (REPO / "tei" / "sample.xml").is_file():
        docs.append(("sample", parse_file(REPO / "tei" / "sample.xml").getroot()))
    if ELTEC.is_dir():
        docs.append(("eltec", parse_file(min(ELTEC.glob("*.xml"),
                                             key=lambda p: p.stat().st_size)).getroot()))
    return docs


@pytest.mark.parametrize("name,root", _documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_python_reading_text_of_passages_equals_te_plain(name: str, root: etree._Element) -> None:
    expected = _xslt_plain(root)
    got = search_texts(root)
    assert len(expected) > 3
    assert got == expected
    if name == "tricky":  # the note is left out, the line ends read as the stylesheet reads them
        assert "Ett ord till, av\u00a0kursivt och sedan ny rad slut." in got
        assert "versrad i not" in got and "En not i stycket" not in got
        assert "Titel rad två A. Författare" in got
        assert not any("SIDHUVUD" in t for t in got)  # a running head is not reading text


def test_a_part_cut_short_or_of_another_version_is_refused(tmp_path: Path) -> None:
    part = tmp_path / "t.idx"
    whole = search_part(["p1", "p2"], ["ett ord", "två ord"], "<c/>", "<h/>")
    assert whole.startswith(_PART_MAGIC)
    for bad in (whole[:-3], whole.replace(_PART_MAGIC, b"teiedition search part 2\n")):
        part.write_bytes(bad)
        with pytest.raises(TeieditionError, match="search index part"):
            merge_search([part], '{"texts": [], "names": []}', lambda name, data: None)


def test_merged_parts_equal_the_one_run_index(tmp_path: Path) -> None:
    """Texts with shared and own words, a text without passages, hostile characters: the
    parts joined give the bytes of the index made in one run."""
    from teiedition.publish.search import IndexWriter, text_words

    def search_files(texts: list[tuple[list[str], list[str]]], meta_json: str,
                     write: Callable[[str, bytes], None]) -> None:
        """The whole index of ``texts`` in one run (the reference)."""
        meta = json.loads(meta_json)
        writer = IndexWriter(write)
        for t, (anchors, passages) in enumerate(texts):
            writer.add(t, anchors, passages, text_words(passages))
        writer.finish(meta["texts"], meta["names"])

    texts = [search_texts(root) for _, root in _documents()]
    texts.insert(1, [])  # a text without passages
    texts.append(["Ett ord, ett ORD; ett tredje ord", "</script> \u2028 \u2029 \"q\" \\ \x01x"])
    meta = json.dumps({"texts": [[f"t{i}.html", f"Text {i}"] for i in range(len(texts))],
                       "names": [["Namn </b>", "persons.html#p1", "person", ["Namns"]]]},
                      ensure_ascii=False)
    parts = []
    for i, units in enumerate(texts):
        part = tmp_path / f"t{i}.idx"
        part.write_bytes(search_part([f"p{k + 1}" for k in range(len(units))], units,
                                     "<section/>", "<TEI/>"))
        parts.append(part)
    merged: dict[str, bytes] = {}
    merge_search(parts, meta, merged.__setitem__)
    one: dict[str, bytes] = {}
    search_files([([f"p{k + 1}" for k in range(len(u))], u) for u in texts], meta,
                 one.__setitem__)
    assert merged == one
    # parts joined as the workers deliver them (any order, PartJoin): the same bytes; the
    # index is not written before all have arrived
    from teiedition.build.search import PartJoin

    early: dict[str, bytes] = {}
    join = PartJoin(parts, early.__setitem__)
    order = list(dict.fromkeys([2, 0, len(parts) - 1, *range(len(parts) - 2, 0, -1)]))
    assert sorted(order) == list(range(len(parts)))
    for t in order:
        join.arrived(t)
        if t != order[-1]:
            with pytest.raises(TeieditionError, match="missing"):
                join.finish(meta)
    join.finish(meta)
    assert early == one
    # as publish delivers them (build.publish._run): the bytes before they are stored; a
    # part that is next is joined from them and only its head is stored, one that comes
    # early is stored whole and read in its turn
    from teiedition.build.search import _Part

    whole = {t: parts[t].read_bytes() for t in order}
    delivered: dict[str, bytes] = {}
    join = PartJoin(parts, delivered.__setitem__)
    for t in order:
        joined_before = join.next
        parts[t].unlink()
        parts[t].write_bytes(join.arrived(t, whole[t]))
        stored = parts[t].read_bytes()
        assert stored == (_Part.head(whole[t]) if t == joined_before else whole[t])
        assert _Part.read(parts[t], head_only=True).meta == _Part.of(whole[t], "t").meta
    join.finish(meta)
    assert delivered == one
    assert b"</script>" not in b"".join(one.values())
    assert "\u2028".encode() not in b"".join(one.values())
    assert all(b"\n" not in data[:-1] for data in one.values())  # one line: one statement


_SPACES = " \t\r\n\u00a0\u2009x\x85"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_SPACES + "ab\x00", max_size=40), max_size=6))
def test_normalising_all_passages_at_once_equals_one_by_one(texts: list[str]) -> None:
    """normalize_spaces (passages joined with NUL) is normalize_space of each passage, also
    for runs of spaces and for texts that hold a NUL themselves."""
    assert normalize_spaces(texts) == [normalize_space(t) for t in texts]


def test_split_only_is_the_white_space_str_split_splits_at_that_is_no_separator() -> None:
    from teiedition.publish.search import SEPARATORS, SPLIT_ONLY

    assert "".join(c for c in map(chr, range(0x110000))
                                 if c.isspace() and c not in SEPARATORS) == SPLIT_ONLY


_WORDY = "aBcΣσςİı " + "\t\n\u00a0\u2009\ufeff\x85\x1c\x00" + ".,;«»—-'’\"\\/"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_WORDY, max_size=40), max_size=6))
def test_passage_words_by_split_equal_the_words_the_pattern_finds(texts: list[str]) -> None:
    """str.split after the separators are replaced finds the words search.js sees (those of
    the pattern), also beside white space that is no separator and NULs of the text's own."""
    from teiedition.publish.search import _WORD, _passage_words

    assert _passage_words(texts) == [_WORD.findall(t.lower()) for t in texts]


@pytest.mark.parametrize("name,root", _documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_passage_words_of_real_text_equal_the_pattern(name: str, root: etree._Element) -> None:
    from teiedition.publish.search import _WORD, _passage_words

    texts = search_texts(root)
    assert _passage_words(texts) == [_WORD.findall(t.lower()) for t in texts]


@pytest.mark.parametrize("name,root", _documents(), ids=lambda v: v if isinstance(v, str) else "")
def test_part_from_the_tei_equals_part_from_the_passages(name: str, root: etree._Element) -> None:
    """A worker's part made from the raw TEI text equals the part of the normalised passages
    (the one-run index's material)."""
    texts = search_texts(root)
    anchors = "\n".join(f"0\tp{k + 1}" for k in range(len(texts)))
    assert text_search_part(anchors, root, "<c/>", "<h/>", "m") == \
        search_part([f"p{k + 1}" for k in range(len(texts))], texts, "<c/>", "<h/>", "m")
    with pytest.raises(TeieditionError, match="search passages"):
        text_search_part(anchors + "\n0\tpx", root, "<c/>", "<h/>")


# ----- the index in shards (publish.search) -----

#: words with letters whose case changes their length or form, punctuation, odd white space
_WORDS = ["Stalin", "Stalins", "stalinistiska", "GPU-agenterna", "ÅSKA", "åska", "Öl",
          "İstanbul", "ΟΔΟΣ", "σοφός", "straße", "STRASSE", "a", "A.", "ö", "x", "é", "e\u0301",
          "«citat»", "</script>", "\u2028rad", "1937", "1937-11-02", "e-post", "Ǆemal",
          "över\u00a0allt", "tab\tbed", "kort", "kortare", "ko"]


def _write_index(texts: list[list[str]], spill: int | None = None,
                 shard_bytes: int | None = None, head_bytes: int | None = None
                 ) -> dict[str, bytes]:
    from teiedition.publish.search import IndexWriter, text_words

    files: dict[str, bytes] = {}
    writer = IndexWriter(lambda name, data: files.__setitem__(name, data),
                         **({"spill_bytes": spill} if spill is not None else {}),
                         shard_bytes=shard_bytes, head_bytes=head_bytes)
    for t, passages in enumerate(texts):
        writer.add(t, [f"p{k + 1}" for k in range(len(passages))], passages,
                   text_words(passages))
    writer.finish([[f"t{t}.html", f"T{t}"] for t in range(len(texts))], [])
    return files


def _folder(files: dict[str, bytes], tmp: Path) -> Path:
    for name, data in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_bytes(data)
    return tmp


_passage = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.lists(_passage, max_size=12), min_size=1, max_size=4),
       queries=st.lists(st.lists(st.sampled_from(_WORDS + ["sta", "s", "Ö", "gpu agent",
                                                           "rätt", "ίσ", "σ", "i̇"]),
                                 min_size=1, max_size=3).map(" ".join), max_size=6))
def test_shards_find_what_the_whole_text_search_found(tmp_path_factory: pytest.TempPathFactory,
                                                      texts: list[list[str]],
                                                      queries: list[str]) -> None:
    """Every query word, from a word's beginning, any case: the shards give the passages the
    search over the whole passages' text gave (brute force), for hostile words; so do shards
    split down to single words (a shard limit of 0 bytes: each shard is one word, its key),
    each of more than one text in a head (its first text) and a rest."""
    from tests.html_helpers import load_search, old_search, shard_search

    for limit in (None, 0):
        folder = _folder(_write_index(texts, shard_bytes=limit, head_bytes=limit),
                         tmp_path_factory.mktemp("idx"))
        index, passages, shards = load_search(folder)
        assert [p[2] for p in passages] == [p for ps in texts for p in ps]
        if limit == 0:
            assert all(list(words) == [key.removesuffix("$")] for key, words in shards.items())
        for q in [*queries, *_WORDS]:
            assert shard_search(index, shards, q) == old_search(passages, index["separators"],
                                                                q), q


def test_large_beginnings_are_split_into_longer_keys(tmp_path: Path) -> None:
    """A two-character beginning whose postings exceed the limit is split by three characters,
    one of three that still exceeds it by four, and so on, the small keys of a split packed
    into shards up to the limit ("k1 k2", named by the first); the other beginnings stay
    whole; every word is in exactly one shard, which the query rule finds from the word and
    from its beginnings; spilling to disk changes no byte of the split index."""
    from teiedition.publish.search import shard_file, shards_for
    from tests.html_helpers import load_search

    rng = __import__("random").Random(5)
    common = ["stor", "stod", "står", "stockholm", "sten", "st", "stark", "sa", "de", "den",
              "förr", "förstå", "förklara", "förra", "för"]
    texts = [[" ".join(rng.choice(common) for _ in range(30)) for _ in range(200)]
             for _ in range(3)]
    limit = 4_000
    files = _write_index(texts, shard_bytes=limit)
    index, _, shards = load_search(_folder(files, tmp_path))
    names = index["shards"]
    assert {"sa$", "de"} <= set(names) and "st" not in names and "fö" not in names
    assert sorted(k for n in names for k in n.split(" ")) == \
        ["de", "för$", "förk", "förr", "förs", "sa$", "st$", "sta", "ste", "sto", "stå"]
    assert any(" " in n for n in names)  # packed keys
    for name in names:
        keys = name.split(" ")
        assert all(w.startswith(tuple(k.removesuffix("$") for k in keys)) or w + "$" in keys
                   for w in shards[name]), name
        size = len(files[shard_file(keys[0])])
        assert size < limit + 400 or len(shards[name]) == 1, name
    for w in common:
        owners = [n for n, words in shards.items() if w in words]
        assert len(owners) == 1, w
        for t in {w[:1], w[:2], w[:3], w}:
            assert owners[0] in shards_for(t, names), (w, t)
    assert set(shards_for("fö", names)) == {n for n in names if n.startswith("för")}
    # a word alone ("st$": the word "st") is needed by its beginnings, not by longer words
    st = next(n for n in names if "st$" in n.split(" "))
    assert shards[st].get("st") and st in shards_for("s", names) and \
        st in shards_for("st", names) and st not in shards_for("sto", names)
    assert _write_index(texts, spill=1, shard_bytes=limit) == files


def test_a_large_shard_is_a_head_and_a_rest(tmp_path: Path) -> None:
    """A shard over the head limit: its first texts (up to the limit, one at least) and the
    first passage they do not cover in search/KEY.js, the other texts in search/KEY.r.js;
    together the postings of the whole shard (load_search checks the seam), and a shard
    within the limit is one file as before."""
    from teiedition.publish.search import rest_file, shard_file
    from tests.html_helpers import load_search

    texts = [[f"och hon {'stockholm' if k % 50 == t else 'gick'}" for k in range(300)]
             for t in range(6)]
    whole = _write_index(texts)
    heads = _write_index(texts, head_bytes=2_000)
    assert rest_file("oc") not in whole and rest_file("oc") in heads
    head = heads[shard_file("oc")]
    assert len(head) < 2_000 + 100 < len(whole[shard_file("oc")])
    end = int(re.search(rb"\],(\d+)\);\n$", head)[1])
    assert end % 300 == 0 and 0 < end < 6 * 300  # a later text's first passage
    _, _, whole_shards = load_search(_folder(whole, tmp_path / "whole"))
    _, _, split_shards = load_search(_folder(heads, tmp_path / "split"))
    assert split_shards == whole_shards
    assert {n for n in heads if n.endswith(".r.js")} == \
        {rest_file(k) for k in ("gi", "ho", "oc")}  # stockholm: 6 passages, within the limit


def test_spilled_postings_give_the_same_files() -> None:
    """Postings moved to disk (the bound on memory) change no byte of the index; the chunks
    split the passages (several chunks here) without losing one."""
    from teiedition.publish import search

    texts = [[" ".join(_WORDS[(t * 7 + k * 3 + j) % len(_WORDS)] for j in range(40))
              for k in range(300)] for t in range(5)]
    held = _write_index(texts)
    spilled = _write_index(texts, spill=1)
    assert held == spilled
    assert sum(name.startswith("search/c") for name in held) > 3
    assert len(held["search-index.js"]) < sum(map(len, held.values())) / 20
    assert b"</script" not in b"".join(held.values())
    assert search.shard_file("σο") == "search/3c3-3bf.js"


@pytest.mark.parametrize("search", ["no", "pagefind"])
def test_without_shards_a_texts_part_is_its_head_alone(search: str) -> None:
    """The passages and their words are made for the search in shards only: without it (no
    search, or Pagefind, which reads the pages) a text's part is the head the edition pages
    read (card, header, mentions), the same as with shards, and no passage."""
    from teiedition.build.jobs import Job, run_job
    from teiedition.build.register import RegisterSnapshot
    from teiedition.build.search import _Part

    tei = REPO / "tei" / "sample.xml"
    data = tei.read_bytes()

    def part(mode: str) -> _Part:
        job = Job("publish", 0, source=str(tei), kind="tei", stem="s", page="s.html",
                  tei=str(tei), register=RegisterSnapshot.of(REPO / "tei" / "register.xml"),
                  html=True, validate=False, search=mode, data=data, size=len(data))
        out = run_job(job)
        assert out.error is None, out.error
        (raw,) = (b for n, b in out.files.items() if n.endswith(".idx"))
        return _Part(*_split(raw))

    yes = part("yes")
    no = part(search)
    assert yes.meta["ub"] > 1000 and len(yes.passages()[1]) > 10 and yes.words()
    assert no.meta["ub"] == no.meta["lb"] == no.meta["wb"] == 0 and no.data == b""
    assert no.passages() == (b"", array("I"))
    head = {k: v for k, v in yes.meta.items() if k not in ("ub", "lb", "wb")}
    assert {k: v for k, v in no.meta.items() if k not in ("ub", "lb", "wb")} == head
    assert "<" in head["card"] and head["mentions"]


def _split(raw: bytes) -> tuple[dict, bytes]:
    magic, meta, data = raw.split(b"\n", 2)
    assert magic + b"\n" == _PART_MAGIC
    return json.loads(meta), data


_PIECE_TEXT = st.text(alphabet="ab åé\u2028\u2029</>\"\\\n\x01€𝄞", max_size=30)


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.lists(_PIECE_TEXT, max_size=9), min_size=1, max_size=5),
       chunk=st.integers(min_value=1, max_value=120))
def test_chunks_cut_from_bytes_equal_chunks_cut_piece_by_piece(texts: list[list[str]],
                                                               chunk: int) -> None:
    """The join copies a text's passages into the chunks as bytes, cut where the lengths
    the worker counted bring a chunk to CHUNK_BYTES: the same chunk files (and the same
    chunks' starts) as the passages joined one by one as text and made safe for a script
    at the end, for text of several bytes per character and what js_safe escapes, a chunk
    ending in the middle of a text, at its end, or spanning several."""
    from teiedition.publish import search
    from teiedition.publish.search import chunk_file, js_safe, passage_pieces

    old = search.CHUNK_BYTES
    search.CHUNK_BYTES = chunk
    try:
        files: dict[str, bytes] = {}
        writer = search.IndexWriter(files.__setitem__)
        for t, passages in enumerate(texts):
            writer.add(t, [f"p{k}" for k in range(len(passages))], passages, "")
        writer.finish([], [])
    finally:
        search.CHUNK_BYTES = old
    expected: dict[str, bytes] = {}
    held: list[str] = []
    size, starts, n = 0, [], 0

    def close() -> None:
        body = f"TEIEDITION_SEARCH.chunk({len(starts) - 1},[{','.join(held)}]);\n"
        expected[chunk_file(len(starts) - 1)] = js_safe(body).encode()

    for t, passages in enumerate(texts):
        for piece in passage_pieces([f"p{k}" for k in range(len(passages))], passages):
            if not held:
                starts.append(n)
            held.append(f"[{t},{piece}")
            size += len(f"[{t},") + len(piece)
            n += 1
            if size >= chunk:
                close()
                held, size = [], 0
    if held:
        close()
    assert {k: v for k, v in files.items() if k.startswith("search/c")} == expected
    index = json.loads(files["search-index.js"].decode().split(" = ", 1)[1].rstrip(";\n"))
    assert index["chunks"] == starts and index["passages"] == n


def _words_in_python(texts: list[str]) -> str:
    """text_words by the rule in Python (the reference, and what runs where the compiled
    module is not built)."""
    from teiedition.publish.search import _passage_words, _postings, js_safe

    return js_safe(_postings(_passage_words(texts), len(texts)))


@functools.cache
def _compiled_module() -> ModuleType | None:
    """teiedition.publish._words as installed, else built now from its source as pip builds
    it (setuptools' build_ext, into a temporary folder), so that an install that did not
    build it (an editable one, an older setuptools) still tests it; None without a compiler."""
    import importlib.util
    import tempfile

    from teiedition.publish import search

    if search._words is not None:
        return search._words
    try:
        from setuptools import Distribution, Extension
        from setuptools.command.build_ext import build_ext

        folder = tempfile.mkdtemp(prefix="teiedition-words-")
        atexit.register(shutil.rmtree, folder, True)
        source = REPO / "src" / "teiedition" / "publish" / "_words.c"
        cmd = build_ext(Distribution({"ext_modules": [Extension("_words", [str(source)])]}))
        cmd.build_lib, cmd.build_temp = folder, folder
        cmd.ensure_finalized()
        cmd.run()
        built = cmd.get_ext_fullpath("_words")
    except Exception:  # noqa: BLE001 - no compiler or no Python headers: nothing to test
        return None
    spec = importlib.util.spec_from_file_location("teiedition.publish._words", built)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def _compiled() -> Iterator[None]:
    """text_words with the compiled module (installed or built now)."""
    from teiedition.publish import search

    module = _compiled_module()
    if module is None:
        pytest.skip("teiedition.publish._words is not built and cannot be (no C compiler)")
    saved, search._words = search._words, module
    try:
        yield
    finally:
        search._words = saved


#: every kind of character the compiled words meet: separators of each kind (white space,
#: punctuation, U+FEFF), white space that is no separator (\x1c, \x85: word characters),
#: control characters JSON escapes, letters whose lower case changes length (İ) or is
#: contextual (Σ), text of one, two and four bytes per character (𝄞, emoji), CJK, NUL
_ALL_KINDS = ("aAbzåÄéÉ ßΣσςİıДжЖ中文한𝄞😀ǅ\u0301 \t\n\r\u00a0\u2009\u3000\ufeff"
              "\x1c\x1d\x85\x01\x08\x7f.,;:!?«»—–-'’\"\\/<>()[]{}#%&@$§¶•·°†‡\u2028\u2029"
              "0123456789")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=_ALL_KINDS + "\x00", max_size=60), max_size=8))
def test_compiled_words_equal_the_rule_in_python(texts: list[str]) -> None:
    """The compiled one pass (publish/_words.c) gives text_words byte for byte as the rule in
    Python, for every script and every kind of separator, and for a text that holds a NUL of
    its own (the rule in Python then)."""
    from teiedition.publish.search import text_words

    with _compiled():
        assert text_words(texts) == _words_in_python(texts)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["och", "Och", "OCH", "ock", "o", "oc", "ö", "Öl", "öl"]),
                min_size=1, max_size=400).map(" ".join).map(lambda t: [t, t[:7], "", t]))
def test_compiled_words_grow_their_table(texts: list[str]) -> None:
    """Many words and many passages of one word (the table and the lists grow)."""
    from teiedition.publish.search import text_words

    many = [f"ord{k} {k % 7} x{k * 31 % 1000}" for k in range(5000)] + texts
    with _compiled():
        assert text_words(many) == _words_in_python(many)


def _novels() -> list[Path]:
    shared = REPO.parent / "shared" / "corpora"
    return [min(d.glob("*.xml"), key=lambda p: p.stat().st_size)
            for d in sorted(shared.glob("eltec-*")) if any(d.glob("*.xml"))]


@pytest.mark.parametrize("name,root", [*_documents(), *((p.name, parse_file(p).getroot())
                                                        for p in _novels())],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_compiled_words_of_real_text_equal_the_rule_in_python(name: str,
                                                              root: etree._Element) -> None:
    from teiedition.publish.search import text_words

    texts = search_texts(root)
    with _compiled():
        assert text_words(texts) == _words_in_python(texts)


_RAW = _ALL_KINDS + "  \t\n\r\r\n   x" + "\ud800"


@settings(max_examples=400, deadline=None)
@given(anchors=st.lists(st.text(alphabet="p1-_é\"<\\/\x01", max_size=6), max_size=8),
       raw=st.lists(st.text(alphabet=_RAW + "\x00", max_size=60), max_size=8))
def test_compiled_pieces_equal_the_pieces_of_the_normalised_text(anchors: list[str],
                                                                 raw: list[str]) -> None:
    """The compiled pieces (white space normalised as they are written, JSON, js_safe,
    UTF-8, and each piece's length before js_safe) are encoded_pieces of the text
    normalised by normalize_spaces, for every script and escape, runs of white space at
    either end, a NUL of the text's own (Python then), a lone surrogate (UTF-8's error,
    raised by Python) and anchors and texts of different counts."""
    from teiedition.publish.search import encoded_pieces, raw_pieces

    anchors = (anchors * 9)[:len(raw)] if anchors else [f"p{k}" for k in range(len(raw))]
    try:
        expected = encoded_pieces(anchors, normalize_spaces(list(raw)))
    except UnicodeEncodeError:
        with _compiled(), pytest.raises(UnicodeEncodeError):
            raw_pieces(anchors, raw)
        return
    with _compiled():
        data, lengths = raw_pieces(anchors, raw)
    assert (data, list(lengths)) == (expected[0], list(expected[1]))


@pytest.mark.parametrize("anchors,texts,count", [
    ("a", "b", 3),  # fewer pieces than counted
    ("", "", 2),
    ("a\x00b", "x\x00y", 1),  # more
    ("a\x00b", "x", 2),  # anchors and texts of different counts
    ("a", "x", 0),
])
def test_compiled_pieces_refuse_a_count_they_do_not_hold(anchors: str, texts: str,
                                                         count: int) -> None:
    """The compiled pieces read ``count`` pieces from each string, no more and no fewer: a
    count that does not match is an error, not pieces read as empty."""
    module = _compiled_module()
    if module is None:
        pytest.skip("teiedition.publish._words is not built and cannot be (no C compiler)")
    with pytest.raises(ValueError, match="not as many as counted"):
        module.pieces(anchors, texts, count)
    assert module.pieces("a\x00b", "x\x00y", 2)[0] == b'"a","x"]\n"b","y"]'
    assert module.pieces("", "", 0) == (b"", b"")
