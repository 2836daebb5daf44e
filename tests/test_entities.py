"""Entity markup: Swedish name rules, linking, journals, nesting, the register, the CLI.

Sentences here are written for these tests (not taken from the sample or the training data).
Most tests give ``annotate`` a stand-in recogniser that returns fixed spans, so that they test
the rules around the model and not the model; the tests marked ``model`` use the shipped CRF.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.document import Block, Span
from teiedition.entities import annotate, empty_register, load_register, names
from teiedition.entities.register import Mention, Register

TEI_NS = "{http://www.tei-c.org/ns/1.0}"

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ent:
    start: int
    end: int
    type: str
    text: str
    confidence: float


def tagger(spec: dict[str, tuple[str, float]]):  # noqa: ANN201
    """A stand-in recogniser: every listed form, wherever it occurs as a whole word."""

    def find(text: str, language: str = "sv") -> list[Ent]:  # the language: as the model's
        out = []
        for form, (typ, conf) in spec.items():
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                out.append(Ent(m.start(), m.end(), typ, form, conf))
        return out

    return find


def no_dates(text: str, lang: str, anchor: object) -> list:
    return []


def run(texts: list[str] | str, spec: dict[str, tuple[str, float]], register=None,  # noqa: ANN001
        spans: dict[int, list[Span]] | None = None, dates=no_dates):  # noqa: ANN001, ANN201
    """Annotate ``texts`` with the stand-in recogniser (``dates=None``: the real date finder)."""
    if isinstance(texts, str):
        texts = [texts]
    blocks = [Block("p", "body", t, spans=list((spans or {}).get(i, []))) for i, t in
              enumerate(texts)]
    ms = annotate(blocks, language="sv", anchor=None, register=register,
                  find_entities=tagger(spec), find_dates=dates)
    return blocks, ms


def marked(blocks: list[Block], tag: str | None = None) -> list[tuple[str, str, str | None]]:
    out = []
    for b in blocks:
        for s in sorted(b.spans, key=lambda s: (s.start, -s.end)):
            if tag is None or s.tag == tag:
                out.append((s.tag, b.text[s.start:s.end], s.attr("ref")))
    return out


# --- the rules in names.py ----------------------------------------------------------------


@pytest.mark.parametrize(("form", "known", "stem"), [
    ("SÄPO:s", set(), "SÄPO"),
    ("FN:s", set(), "FN"),
    ("Weiss’", set(), "Weiss"),
    ("Marx'", set(), "Marx"),
    ("Palmes", {"Palme"}, "Palme"),
    ("Palmes", set(), "Palmes"),          # unknown stem: the -s stays
    # a name ending in a sibilant takes the apostrophe (Weis’), not -s: Weiss is another
    # name, not Weis's genitive (names.GENITIVE_ENDINGS, as the form matcher reads it)
    ("Weiss", {"Weis"}, "Weiss"),
    ("Mariens", {"Marie"}, "Marie"),
    ("Fritzens", {"Fritz"}, "Fritz"),
    ("Weiss", set(), "Weiss"),
    ("Kim Il-sungs", {"Kim Il-sung"}, "Kim Il-sung"),
    ("Förenta nationernas", set(), "Förenta nationernas"),
])
def test_genitive_stem(form: str, known: set[str], stem: str) -> None:
    assert names.genitive_stem(form, known.__contains__)[0] == stem


def test_titles_stay_outside() -> None:
    t = "Där satt herrar Lindqvist och doktor Karin Berg."
    for phrase, name in (("herrar Lindqvist", "Lindqvist"), ("doktor Karin Berg", "Karin Berg")):
        s = t.index(phrase)
        a, b = names.strip_titles(t, s, s + len(phrase))
        assert t[a:b] == name


def test_hyphen_parts() -> None:
    assert names.hyphen_name_parts("SÄPO-agenterna") == [(0, 4)]
    assert names.hyphen_name_parts("Volvo-Scania-fabrikerna") == [(0, 5), (6, 12)]
    assert names.hyphen_name_parts("Il-sung") is None          # the hyphen is the name's
    assert names.hyphen_name_parts("Jean-Paul") is None
    assert names.hyphen_name_parts("Uppsala-Gävle") is None    # two names, no common noun


def test_derived_words_and_compounds_are_not_names() -> None:
    for w in ("marxistisk", "Leninisterna", "Titoismen", "maoistiska"):
        assert names.is_derived_word(w)
    for w in ("Gdansk", "Lenin", "Marx", "NATO"):
        assert not names.is_derived_word(w)
    assert names.is_compound_of("Stockholmsutställningen", ["Stockholm"]) == "Stockholm"
    assert names.is_compound_of("Uppsalaborna", ["Uppsala"]) == "Uppsala"
    assert names.is_compound_of("Stockholms", ["Stockholm"]) is None


def test_initials() -> None:
    assert names.initials_match("K Boye", "Karin Boye")
    assert names.initials_match("K. Boye", "Karin Boye")
    assert not names.initials_match("M Boye", "Karin Boye")
    assert not names.initials_match("K Berg", "Karin Boye")
    assert names.slug("Léon Blum") == "leon-blum"


# --- annotate with a stand-in recogniser --------------------------------------------------

TEXT = ("Förra våren reste Olof Palme till Finland. Palmes tal väckte debatt i Finland, "
        "och Palme svarade själv. Många SÄPO-agenter följde honom; SÄPO:s chef var orolig.")
SPEC = {"Olof Palme": ("PER", 0.95), "Palmes": ("PER", 0.7), "Palme": ("PER", 0.8),
        "Finland": ("LOC", 0.9), "SÄPO-agenter": ("ORG", 0.8), "SÄPO:s": ("ORG", 0.8)}


def test_inflection_and_surname_link_to_one_person() -> None:
    blocks, ms = run(TEXT, SPEC)
    per = [(m.text, m.ref) for m in ms if m.type == "PER"]
    assert per == [("Olof Palme", "pers-olof-palme"), ("Palmes", "pers-olof-palme"),
                   ("Palme", "pers-olof-palme")]
    org = [(m.text, m.ref) for m in ms if m.type == "ORG"]
    # the hyphenated compound is marked on its name part only; the genitive stays inside
    assert org == [("SÄPO", "org-sapo"), ("SÄPO:s", "org-sapo")]
    assert all(s.attr("resp") == "#teiedition" for s in blocks[0].spans)


def test_reading_text_is_unchanged_and_spans_only_added() -> None:
    q = Span(0, 11, "soCalled")
    blocks, _ms = run(TEXT, SPEC, spans={0: [q]})
    assert blocks[0].text == TEXT
    assert blocks[0].spans[0] == q
    assert len(blocks[0].spans) > 1


def test_initials_apostrophe_and_hyphenated_names() -> None:
    text = ("Karin Boye och Lars Weiss träffade Kim Il-sung. Senare skrev K Boye om Weiss’ "
            "resa och om Kim Il-sungs tal.")
    spec = {"Karin Boye": ("PER", 0.9), "Lars Weiss": ("PER", 0.9), "Kim Il-sung": ("PER", 0.9),
            "K Boye": ("PER", 0.8), "Weiss’": ("PER", 0.7), "Kim Il-sungs": ("PER", 0.8)}
    _blocks, ms = run(text, spec)
    got = {m.text: m.ref for m in ms}
    assert got == {"Karin Boye": "pers-karin-boye", "K Boye": "pers-karin-boye",
                   "Lars Weiss": "pers-lars-weiss", "Weiss’": "pers-lars-weiss",
                   "Kim Il-sung": "pers-kim-il-sung", "Kim Il-sungs": "pers-kim-il-sung"}


def test_same_surname_two_persons_is_uncertain() -> None:
    text = "Anna Lind och Jenny Lind sjöng. Sedan talade Lind."
    spec = {"Anna Lind": ("PER", 0.9), "Jenny Lind": ("PER", 0.9), "Lind": ("PER", 0.9)}
    _b, ms = run(text, spec)
    last = ms[-1]
    assert last.text == "Lind" and last.ref == "pers-jenny-lind" and last.cert == "low"


def test_titles_derived_words_and_compounds_left_out() -> None:
    text = ("Marxisterna kritiserade herr Lindqvist hårt. Han bodde i Stockholm och "
            "besökte Stockholmsutställningen med stalinistisk iver.")
    spec = {"Marxisterna": ("PER", 0.6), "herr Lindqvist": ("PER", 0.9),
            "Stockholm": ("LOC", 0.9), "Stockholmsutställningen": ("LOC", 0.6),
            "stalinistisk": ("PER", 0.5)}
    blocks, _ms = run(text, spec)
    assert [t for _tag, t, _r in marked(blocks)] == ["Lindqvist", "Stockholm"]


def test_forms_tagged_once_are_tagged_everywhere() -> None:
    texts = ["Gruvan i Kiruna växte.", "Senare flyttade hon från Kiruna till Vittangi."]
    blocks, ms = run(texts, {})
    assert ms == []  # neither the stand-in nor the gazetteer knows these small places

    def first_block_only(text: str) -> list[Ent]:
        i = text.find("Kiruna")
        return [Ent(i, i + 6, "LOC", "Kiruna", 0.9)] if text.startswith("Gruvan") else []

    blocks = [Block("p", "body", t) for t in texts]
    ms = annotate(blocks, register=None, find_entities=first_block_only, find_dates=no_dates)
    assert [(m.block, m.text, m.evidence) for m in ms] == [
        (0, "Kiruna", "model"), (1, "Kiruna", "propagated")]
    assert ms[0].ref == ms[1].ref == "place-kiruna"


def test_journals_from_evidence_not_from_a_list() -> None:
    texts = ["Artikeln stod i tidningen Norrlands Röst förra veckan.",
             "Norrlands Röst skrev igen, och Ny Tid nr 12 svarade."]
    blocks, ms = run(texts, {"Norrlands Röst": ("ORG", 0.8)})
    titles = [(m.text, m.type) for m in ms]
    assert titles == [("Norrlands Röst", "TITLE"), ("Norrlands Röst", "TITLE"),
                      ("Ny Tid", "TITLE")]
    assert all(s.attr("level") == "j" for b in blocks for s in b.spans if s.tag == "title")
    # without the evidence the same name is an organisation
    _b, ms = run(["Norrlands Röst skrev igen."], {"Norrlands Röst": ("ORG", 0.8)})
    assert [m.type for m in ms] == ["ORG"]


def test_names_never_cross_quotation_spans() -> None:
    text = "Han kallade det Nya Sverige som han drömt om."
    # a q span that starts inside the recognised name: the name must shrink or go
    q = Span(text.index("Sverige"), text.index(" han"), "soCalled")
    blocks, ms = run(text, {"Nya Sverige": ("LOC", 0.8)}, spans={0: [q]})
    for s in blocks[0].spans:
        if s is q:
            continue
        assert not (s.start < q.start < s.end < q.end or q.start < s.start < q.end < s.end)
    assert [m.text for m in ms] == ["Nya"] or ms == []
    # a name inside a quotation is marked inside it
    text = "Hon skrev: Olof Palme kommer i morgon."
    q = Span(11, len(text) - 1, "q")
    blocks, ms = run(text, {"Olof Palme": ("PER", 0.9)}, spans={0: [q]})
    assert [(m.start, m.end) for m in ms] == [(11, 21)]


def test_no_register_and_register_as_gazetteer(tmp_path: Path) -> None:
    text = "Stalin talade. Senare citerades Stalins ord i Pravda."
    # --no-register: works, makes ids from the text
    _b, ms = run(text, {"Stalin": ("PER", 0.9)}, register=None)
    assert {m.ref for m in ms} == {"pers-stalin"}
    # with a register: its forms are found even where the recogniser saw nothing, link to
    # the register's id and normalised name, and need no @cert
    auto = empty_register().update([
        Mention(0, 0, 0, "PER", "Josef Stalin", name="Josef Stalin", ref="pers-josef-stalin"),
        Mention(0, 0, 0, "PER", "Stalin", name="Josef Stalin", ref="pers-josef-stalin"),
        Mention(0, 0, 0, "TITLE", "Pravda", name="Pravda", ref="journal-pravda"),
    ])
    # entries encoding added by itself (resp="#teiedition") decide nothing: as without them
    _b, again = run(text, {"Stalin": ("PER", 0.9)}, register=auto)
    assert [(m.text, m.ref, m.cert) for m in again] == [(m.text, m.ref, m.cert) for m in ms]
    tree = copy.deepcopy(auto.tree)  # the editor takes the entries over
    for el in tree.getroot().iter(f"{TEI_NS}person", f"{TEI_NS}bibl"):
        el.set("resp", "#editor")
    reg = Register(tree)
    blocks, ms = run(text, {}, register=reg)
    assert [(m.text, m.type, m.ref, m.name, m.cert) for m in ms] == [
        ("Stalin", "PER", "pers-josef-stalin", "Josef Stalin", None),
        ("Stalins", "PER", "pers-josef-stalin", "Josef Stalin", None),
        ("Pravda", "TITLE", "journal-pravda", "Pravda", None)]
    # a register file path works too, and update adds the new form
    path = tmp_path / "register.xml"
    from teiedition.entities import write_register

    write_register(reg, path)
    _b, ms = run(text, {}, register=path)
    assert "Stalins" in load_register(path).update(ms).entries["pers-josef-stalin"].variants


def test_weak_evidence_gets_cert() -> None:
    _b, ms = run("Där stod Vandrén ensam.", {"Vandrén": ("PER", 0.5)})
    assert ms[0].cert == "low"
    _b, ms = run("Där stod Vandrén ensam.", {"Vandrén": ("PER", 0.7)})
    assert ms[0].cert == "medium"
    _b, ms = run("Där stod Vandrén ensam.", {"Vandrén": ("PER", 0.97)})
    assert ms[0].cert is None


def test_dates_with_year_inferred_from_the_document() -> None:
    text = "Den 21 april samlades de i Uppsala, och i augusti 1936 skildes de åt."
    blocks = [Block("p", "body", text)]
    ms = annotate(blocks, language="sv", anchor=datetime.date(1937, 11, 2), register=None,
                  find_entities=tagger({"Uppsala": ("LOC", 0.9)}))
    dates = [(m.text, dict(m.attrs), m.cert) for m in ms if m.type == "DATE"]
    assert dates == [("21 april", {"when": "1937-04-21"}, "high"),
                     ("augusti 1936", {"when": "1936-08"}, None)]
    date_spans = [s for s in blocks[0].spans if s.tag == "date"]
    assert date_spans[0].attrs == (("when", "1937-04-21"), ("cert", "high"),
                                   ("resp", "#teiedition"))


# --- the shipped recogniser ----------------------------------------------------------------


def _model_available() -> bool:
    from teiedition.resources import data_path

    return (data_path("ner") / "model.crfsuite").exists()


model = pytest.mark.skipif(not _model_available(), reason="entity model not built")


@model
def test_real_model_on_new_sentences() -> None:
    texts = ["Statsminister Ingvar Carlsson reste i går till Berlin för att träffa "
             "företrädare för Ericsson. Carlssons besök varade i två dagar.",
             "Enligt tidningen Dagens Nyheter har Carlsson även besökt Polen."]
    blocks = [Block("p", "body", t) for t in texts]
    ms = annotate(blocks, language="sv", anchor=None, register=None)
    got = {(m.type, m.text) for m in ms}
    assert ("PER", "Ingvar Carlsson") in got        # the title stays outside
    assert ("LOC", "Berlin") in got and ("LOC", "Polen") in got
    assert ("TITLE", "Dagens Nyheter") in got
    refs = {m.ref for m in ms if m.text in ("Ingvar Carlsson", "Carlssons", "Carlsson")}
    assert refs == {"pers-ingvar-carlsson"}


def _sample_blocks():  # noqa: ANN202
    encode = pytest.importorskip("teiedition.encode")
    from teiedition.resources import sample_path

    return encode.encode_bytes(sample_path().read_bytes(), "sample.txt", entities=False)


@model
def test_sample_reading_text_is_identical_with_and_without_entities() -> None:
    res = _sample_blocks()
    before = [(b.text, list(b.spans)) for b in res.document.blocks]
    import copy

    blocks = copy.deepcopy(res.document.blocks)
    ms = annotate(blocks, language="sv", anchor=datetime.date(1937, 11, 2), register=None)
    assert len(ms) > 100
    for (text, spans), b in zip(before, blocks, strict=True):
        assert b.text == text
        assert b.spans[:len(spans)] == spans  # earlier spans untouched
        for s in b.spans[len(spans):]:       # new spans nest with every other span
            for o in b.spans:
                assert not (s.start < o.start < s.end < o.end), (b.text[s.start:s.end], o)
                assert not (o.start < s.start < o.end < s.end), (b.text[s.start:s.end], o)


@model
def test_sample_consistent_refs_and_figures() -> None:
    """The sample against the gold annotation (benchmarks/entities.py prints the details)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "entities.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    gold = bench.load_gold()
    pred, _el, _w = bench.run(None)
    tp, fp, fn, errors, found = bench.score(pred, gold)
    p, r, f = bench.prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    assert f >= 0.85, errors
    assert not [e for e in errors if e.startswith("date value")]
    assert tp["DATE"] == sum(1 for g in gold if g["type"] == "DATE")


# --- the review CLI ---------------------------------------------------------------------------

TEI_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>
</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
</teiHeader><text><body>
<p><persName ref="#pers-josef-stalin" resp="#teiedition">Stalin</persName> och
<persName ref="#pers-josef-stalin" resp="#teiedition">Stalins</persName> män.</p>
<p>I <placeName ref="#place-uppsala" cert="low" resp="#teiedition">Uppsala</placeName>
läste man <title level="j" ref="#journal-ny-tid">Ny Tid</title> och
<title>En bok</title>.</p>
</body></text></TEI>
"""


def _cli(tmp_path: Path, *args: str):  # noqa: ANN202
    from teiedition.cli import main

    doc = tmp_path / "doc.xml"
    doc.write_text(TEI_DOC, encoding="utf-8")
    reg = empty_register().update([
        Mention(0, 0, 0, "PER", "Josef Stalin", name="Josef Stalin", ref="pers-josef-stalin")])
    from teiedition.entities import write_register

    write_register(reg, tmp_path / "register.xml")
    return CliRunner().invoke(main, ["entities", str(doc), "--register",
                                     str(tmp_path / "register.xml"), *args])


def test_cli_entities_json(tmp_path: Path) -> None:
    res = _cli(tmp_path, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    (stalin,) = data["entities"]
    assert stalin["id"] == "pers-josef-stalin" and stalin["name"] == "Josef Stalin"
    assert stalin["forms"] == {"Stalin": 1, "Stalins": 1} and stalin["count"] == 2
    assert stalin["first"].endswith("doc.xml:5")
    cands = {c["id"]: c for c in data["candidates"]}
    assert set(cands) == {"place-uppsala", "journal-ny-tid"}  # the plain title is no journal
    assert cands["place-uppsala"]["cert"] == "low"


def test_cli_entities_tsv_and_table(tmp_path: Path) -> None:
    res = _cli(tmp_path, "--format", "tsv")
    assert res.exit_code == 0
    rows = [line.split("\t") for line in res.output.splitlines()]
    assert rows[0][:3] == ["id", "kind", "name"]
    assert rows[1][:6] == ["pers-josef-stalin", "person", "Josef Stalin", "Stalin; Stalins",
                           "2", ""]
    assert {r[0] for r in rows[1:]} == {"pers-josef-stalin", "place-uppsala", "journal-ny-tid"}
    res = _cli(tmp_path)
    assert res.exit_code == 0
    assert "In the register: 1" in res.output
    assert "Not yet in the register (candidates): 2" in res.output


def test_cli_entities_bad_input(tmp_path: Path) -> None:
    from teiedition.cli import main

    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><p>unclosed</TEI>", encoding="utf-8")
    res = CliRunner().invoke(main, ["entities", str(bad), "--register",
                                    str(tmp_path / "none.xml")])
    assert res.exit_code == 2
    assert "bad.xml:1" in res.output


def test_genitive_of_a_surname_known_from_a_full_name() -> None:
    text = "Ellen Key skrev boken. Keys bok lästes, och Alva Myrdals svar kom snart."
    spec = {"Ellen Key": ("PER", 0.9), "Keys": ("PER", 0.8), "Alva Myrdals": ("PER", 0.8)}
    _b, ms = run(text, spec)
    assert [(m.text, m.ref) for m in ms] == [("Ellen Key", "pers-ellen-key"),
                                             ("Keys", "pers-ellen-key"),
                                             ("Alva Myrdals", "pers-alva-myrdals")]


def test_kind_follows_the_evidence_of_the_whole_text() -> None:
    # the recogniser calls Norrförbundet a place three times; its members and organs say otherwise
    text = ("Hon gick till Norrförbundet. Norrförbundets styrelse svarade. "
            "Många Norrförbundet-medlemmar protesterade mot Norrförbundet.")
    spec = {"Norrförbundet": ("LOC", 0.6)}
    _b, ms = run(text, spec)
    assert {m.type for m in ms} == {"ORG"}
    assert len(ms) == 4 and len({m.ref for m in ms}) == 1
    # an acronym is an organisation, not a person
    _b, ms = run("Sedan kom LKAB:s chef.", {"LKAB:s": ("PER", 0.7)})
    assert [(m.text, m.type, m.ref) for m in ms] == [("LKAB:s", "ORG", "org-lkab")]
    # a name coordinated with persons is a person
    text = "Där satt Gunnar Ekelöf, Bergsten och Karin Boye."
    spec = {"Gunnar Ekelöf": ("PER", 0.9), "Bergsten": ("LOC", 0.5),
            "Karin Boye": ("PER", 0.9)}
    _b, ms = run(text, spec)
    assert [m.type for m in ms] == ["PER", "PER", "PER"]


def test_given_name_alone_and_capitalised_common_words() -> None:
    text = ("Arvid Falk kom hem. Arvid satte sig. Kommer Olle Montanus i kväll? "
            "Olle svarade inte.")
    spec = {"Arvid Falk": ("PER", 0.9), "Arvid": ("PER", 0.8),
            "Kommer Olle Montanus": ("PER", 0.7), "Olle": ("PER", 0.8)}
    _b, ms = run(text, spec)
    assert [(m.text, m.ref, m.cert) for m in ms] == [
        ("Arvid Falk", "pers-arvid-falk", None),
        ("Arvid", "pers-arvid-falk", "medium"),   # a given name alone: less sure
        ("Olle Montanus", "pers-olle-montanus", "medium"),
        ("Olle", "pers-olle-montanus", "medium")]


def test_tei_text_is_identical_with_and_without_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the encoder: markup is only added, the reading text stays the same."""
    encode = pytest.importorskip("teiedition.encode")
    from teiedition.entities import model as model_module
    from teiedition.resources import sample_path

    stand_in = tagger({"Stalin": ("PER", 0.9), "Komintern": ("ORG", 0.8),
                       "Spanien": ("LOC", 0.9), "Fjärde internationalen": ("ORG", 0.8)})
    monkeypatch.setattr(model_module, "find_entities", stand_in)
    data = sample_path().read_bytes()
    with_ents = encode.encode_bytes(data, "sample.txt", register=None)
    without = encode.encode_bytes(data, "sample.txt", register=None, entities=False)
    ns = {"t": "http://www.tei-c.org/ns/1.0"}

    def body_text(tree) -> str:  # noqa: ANN001
        return "".join(tree.getroot().find("t:text", ns).itertext())

    assert body_text(with_ents.tree) == body_text(without.tree)
    names = with_ents.tree.getroot().findall(".//t:text//t:persName", ns)
    assert len(names) >= 10 and {n.get("ref") for n in names} == {"#pers-stalin"}
    assert with_ents.tree.getroot().findall(".//t:text//t:date", ns)


def test_hostile_text_does_not_break_annotation() -> None:
    texts = ["", "   ", "”””’’’", "A" * 5000, "Ö-Ö-Ö--Ö:s’’ ”Stalin” :s",
             "\u200b\u202eStalin\u202c", "x" * 10 + " Kiruna-" + "-" * 50,
             "1937 1937-1937 nr 1937 den 32 mars 99999"]
    spec = {"Stalin": ("PER", 0.9), "Kiruna": ("LOC", 0.7), "Ö": ("LOC", 0.5)}
    blocks, ms = run(texts, spec, dates=None)  # the real date finder
    for b in blocks:
        for s in b.spans:
            assert 0 <= s.start < s.end <= len(b.text)
    for m in ms:
        assert blocks[m.block].text[m.start:m.end] == m.text


def test_shorter_full_name_links_to_the_fuller_one() -> None:
    text = "Carl Nicolaus Falk reste. Sedan kom Nicolaus Falk hem, men inte Arvid Falk."
    spec = {"Carl Nicolaus Falk": ("PER", 0.9), "Nicolaus Falk": ("PER", 0.9),
            "Arvid Falk": ("PER", 0.9)}
    _b, ms = run(text, spec)
    assert [m.ref for m in ms] == ["pers-carl-nicolaus-falk", "pers-carl-nicolaus-falk",
                                   "pers-arvid-falk"]


def test_names_found_from_the_company_they_keep() -> None:
    # list members of a person are persons; dictionary words in the same list are not
    text = ("Vid bordet satt Gunnar Ekelöf, Vennberg och Lundkvist. Sedan talade Vennberg "
            "länge med Gunnar Ekelöf och Kassören.")
    _b, ms = run(text, {"Gunnar Ekelöf": ("PER", 0.9)})
    got = [(m.text, m.type, m.cert) for m in ms]
    assert got == [("Gunnar Ekelöf", "PER", None), ("Vennberg", "PER", "medium"),
                   ("Lundkvist", "PER", "low"), ("Vennberg", "PER", "medium"),
                   ("Gunnar Ekelöf", "PER", None)]
    # an untagged acronym is an organisation (low certainty); a Roman numeral is not
    text = "Beslutet kom från SKOP och gällde kapitel XIV i stadgan."
    _b, ms = run(text, {})
    assert [(m.text, m.type, m.cert) for m in ms] == [("SKOP", "ORG", "low")]
    # in any alphabet's capitals, not the Swedish ones only (letters.UPPER)
    for acronym in ("ÜBB", "ČKD", "СССР"):
        _b, ms = run(f"Beslutet kom från {acronym} och gällde kapitel XIV i stadgan.", {})
        assert [(m.text, m.type) for m in ms] == [(acronym, "ORG")]
    # an organisation's organ contains its name
    text = "Han talade inför LO:s styrelse i går."
    blocks, ms = run(text, {"LO:s": ("ORG", 0.9)})
    assert [(m.text, m.type) for m in ms] == [("LO:s styrelse", "ORG"), ("LO:s", "ORG")]
    assert [(s.tag, text[s.start:s.end]) for s in blocks[0].spans] == [
        ("orgName", "LO:s styrelse"), ("orgName", "LO:s")]


def test_a_roman_numeral_alone_is_no_name() -> None:
    """A recogniser that takes the numeral of "KAPITEL II" or "del IV" for a name is
    overruled; a numeral inside a name ("Karl XII") stays part of it."""
    blocks, _ = run(["KAPITEL II", "Om del IV och Karl XII talade han länge."],
                    {"II": ("ORG", 0.8), "IV": ("LOC", 0.7), "Karl XII": ("PER", 0.95)})
    assert marked(blocks) == [("persName", "Karl XII", "#pers-karl-xii")]
