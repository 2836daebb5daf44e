"""The shortcuts that make encode fast give what the plain definitions give.

Each fast path (a byte test before a regex count, a vocabulary split by slices, TEI written
as an XML string and parsed) is checked against the definition it stands for, on the inputs
where the two could part: characters to escape, white space in attribute values, Unicode
white space and case rules, illegal characters the byte test must not miss.
"""

from __future__ import annotations

import codecs
import re

import pytest

from teiedition import TEI_NS
from teiedition.document import Block, Document, Milestone, Span
from teiedition.encode import encode_bytes, source, tei
from teiedition.encode.hyphenation import _EDGE_PUNCT, Vocabulary

NS = {"t": TEI_NS}


@pytest.mark.parametrize("bad", ["\x07", "\x1f", "\x7f", "\ufffe", "\uffff", "\x0b"])
@pytest.mark.parametrize("how", ["utf-8", "utf-16-bom", "hangul"])
def test_illegal_characters_are_counted_and_removed(bad: str, how: str) -> None:
    text = f"Första raden {bad}med ett tecken.\nAndra raden.\n"
    if how == "hangul":  # ED lead bytes in UTF-8 that are no surrogates: the exact count runs
        text = "한국어 " + text
    data = (codecs.BOM_UTF16_LE + text.encode("utf-16-le") if how == "utf-16-bom"
            else text.encode("utf-8"))
    got = source.decode(data, "x.txt")
    assert bad not in got.text
    assert any("removed 1 control character" in w for w in got.warnings), got.warnings


def test_text_without_illegal_characters_has_no_warning() -> None:
    got = source.decode("한국어 och svenska: ”citat” – \u2028ny rad\n".encode(), "x.txt")
    assert got.warnings == []
    assert got.text == "한국어 och svenska: ”citat” – \nny rad\n"


def test_vocabulary_equals_the_whole_text_definition() -> None:
    # Greek final sigma (lower() depends on the next character), non-breaking and other
    # Unicode spaces (str.split splits on them), İ (lower() makes two characters), and
    # slices that end in the middle of a long text
    # (the split runs on UTF-8 bytes first: white space that is not ASCII, a control
    # character str.split splits at, a lone surrogate must give what str gives)
    words = ["ΟΔΥΣΣΕΥΣ", "Οδυσσεύς.", "İstanbul", "ord\u00a0med", "tunn\u2009rymd", "»Citat«",
             "GPU-Komintern", "rätte-", "gångar", "(parentes)", "x", "Åsa", "ÅSA",
             "ideo\u3000grafisk", "fil\x1cskiljare", "rad\u2028slut", "trasig\ud800halva"]
    text = "\n".join(" ".join(words[(i + k) % len(words)] for k in range(7))
                     for i in range(6000))
    expected = {t.strip(_EDGE_PUNCT) for t in set(text.lower().split())} - {""}
    vocab = Vocabulary(text)
    assert vocab.has("åsa") is True  # builds the vocabulary
    assert vocab._forms == expected


@pytest.mark.parametrize("seen_max", [10, 200_000])
def test_vocabulary_added_in_pieces_equals_the_whole(monkeypatch, seen_max: int) -> None:  # noqa: ANN001
    # a streaming first pass adds the text a piece at a time, skipping the raw tokens the
    # earlier pieces gave (a set emptied at _SEEN_MAX: 10 empties it after every piece)
    import teiedition.encode.hyphenation as hyphenation

    monkeypatch.setattr(hyphenation, "_SEEN_MAX", seen_max)
    words = ["ΟΔΥΣΣΕΥΣ", "Οδυσσεύς.", "İstanbul", "ord\u00a0med", "»Citat«", "rätte-",
             "gångar", "(parentes)", "Åsa", "ÅSA", "åsa,"]
    lines = [" ".join(words[(i * 3 + k) % len(words)] + str(i % (7 + k)) * (k % 2)
                      for k in range(5)) for i in range(3000)]
    text = "\n".join(lines)
    pieces = ["\n".join(lines[i:i + 700]) + "\n" for i in range(0, len(lines), 700)]
    streamed = Vocabulary()
    for piece in pieces:
        streamed.add(piece)
        assert len(streamed._seen) <= seen_max  # bounded
    whole = Vocabulary(text)
    assert whole.has("åsa") and streamed.has("åsa")
    assert streamed._forms == whole._forms


def test_vocabulary_stops_at_its_bound_the_same_whatever_the_hash_seed(
        tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """A text with more word forms than MAX_VOCABULARY_FORMS (here lowered to 400: OCR-like
    noise makes new forms without end) keeps the first ones read, the same forms in every
    process (sorted where a piece passes the bound), and the encoder says so; every word
    of the text stays in the TEI."""
    import os
    import subprocess
    import sys

    import teiedition.encode as encode_mod
    import teiedition.encode.hyphenation as hyphenation
    from teiedition.encode import encode_bytes
    from teiedition.xml import serialize

    words = [f"ord{chr(0x61 + i % 26)}{chr(0x61 + i // 26 % 26)}{i // 676}" for i in range(1200)]
    lines = [" ".join(words[i:i + 8]) for i in range(0, len(words), 8)]
    paras = ["\n".join(lines[i:i + 3]) for i in range(0, len(lines), 3)]
    text = "\n\n".join(paras) + "\n"
    below = Vocabulary()
    below.add(text)  # below the bound nothing changes: every form is kept
    assert len(below._forms) == len(set(words)) and not below.full

    for mod in (hyphenation, encode_mod):
        monkeypatch.setattr(mod, "MAX_VOCABULARY_FORMS", 400)
    r = encode_bytes(text.encode(), "noisy.txt", entities=False, chunk_chars=4000)
    assert any("more than 400 word forms" in w for w in r.warnings)
    xml = serialize(r.tree)
    xml = xml.decode() if isinstance(xml, bytes) else xml
    assert all(w in xml for w in words)

    src = tmp_path / "noisy.txt"
    src.write_text(text, encoding="utf-8")
    code = ("import hashlib, sys, teiedition.encode.hyphenation as h; "
            "h.MAX_VOCABULARY_FORMS = 400; v = h.Vocabulary(); "
            "[v.add(p) for p in open(sys.argv[1], encoding='utf-8').read().split('\\n\\n')]; "
            "print(len(v._forms), v.full, "
            "hashlib.sha256(' '.join(sorted(v._forms)).encode()).hexdigest())")
    outs = [subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout.split() for seed in ("1", "2")]
    assert outs[0] == outs[1]  # the same forms kept whatever the hash seed
    assert outs[0][:2] == ["400", "True"]


def test_split_lines_measures_each_lead_as_the_definition_says() -> None:
    from teiedition.encode.lines import split_lines

    raws = ["", "text", "  two", "\t tab", "\f   after a form feed", "  \f  space, then feed",
            "\f", "   ", "soft\u00ad", "\u00a0nbsp is text"]
    for text in ("\n".join(raws), raws):
        got = split_lines(text, first=41)
        assert [ln.n for ln in got] == list(range(41, 41 + len(raws)))
        for ln in got:  # the spaces before the text after a form feed at the line's start
            after = ln.raw.lstrip("\f")
            assert ln.lead == len(after) - len(after.lstrip(" \t")), ln.raw
        assert got[8].soft_hyphen and got[8].text == "soft-"


def _tree_of(block: Block) -> object:
    doc = Document(blocks=[block], encoding="utf-8", sha256="0" * 64, language="sv",
                   source_name="a&b <c>.txt")
    decisions = {k: "x" for k in ("hyphenation", "normalization", "quotation",
                                  "segmentation")}
    return tei.build(doc, decisions)


def test_text_and_attributes_survive_the_string_and_the_parse() -> None:
    text = 'A & B <c> "d" ]]> e\tf'
    odd = 'quote " amp & lt < gt > nl \n tab \t cr \r end'
    block = Block(kind="p", section="body", text=text,
                  milestones=[Milestone(2, "lb", (("rend", odd),), 2),
                              Milestone(4, "fw", (("type", "header"),), 2, content="R & <D>")],
                  spans=[Span(0, 5, "persName", (("ref", odd), ("ref", "#last")))])
    root = _tree_of(block).getroot()
    p = root.find("t:text//t:p", NS)
    assert p is not None
    assert "".join(p.itertext()) == text[:4] + "R & <D>" + text[4:]  # fw's text inside
    lb = p.find(".//t:lb", NS)
    assert lb is not None and lb.get("rend") == odd
    name = p.find("t:persName", NS)
    assert name is not None and name.get("ref") == "#last"  # the last value, as lxml sets it
    assert root.find(".//t:fw", NS).text == "R & <D>"
    assert root.find(".//t:sourceDesc//t:note[@type='file']", NS).text.startswith(
        "Plain-text file a&b <c>.txt")


def test_encode_keeps_markup_characters_as_text() -> None:
    raw = ("Rubrik & <undertitel>\n\nEn mening med <taggar> & \"citat\" och ]]> i sig, "
           "som fortsätter\npå nästa rad.\n\nEn till mening om R&D.\n")
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    text = "".join(r.tree.getroot().find("t:text", NS).itertext())
    assert r.tree.xpath("//t:text//t:soCalled", namespaces=NS)  # the marks became markup

    def words(s: str) -> str:
        return re.sub(r"\s+", " ", s.replace('"', "")).strip()

    assert words(text) == words(raw)


def test_what_a_paused_collection_kept_goes_to_the_oldest_generation() -> None:
    """``collector_paused`` ages what the stage kept at once (no young-generation pass over
    it on the way out), enables the collector again, and leaves objects the process froze
    itself frozen."""
    import gc

    from teiedition.memory import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(2000)]
    assert gc.isenabled()
    assert not any(o is kept[0] for o in gc.get_objects(generation=0))
    assert any(o is kept[0] for o in gc.get_objects(generation=2))
    frozen = [[1]]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with collector_paused():
            more = [[n] for n in range(10)]
        assert gc.isenabled() and gc.get_freeze_count() == before
        assert any(o is more[0] for o in gc.get_objects(generation=0))
    finally:
        gc.unfreeze()
    assert frozen and kept and more
