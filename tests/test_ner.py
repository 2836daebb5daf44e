"""The statistical entity recogniser: shipped model, recognitions on unseen text, training.

Data-dependent tests read ../shared/ner-train (beside the clone) and skip if it is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teiedition.entities.model import Entity, Tagger, find_entities, load_tagger
from teiedition.entities.tokens import tokenize
from teiedition.resources import data_path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "ner-train"
sys.path.insert(0, str(REPO / "scripts"))

# a trimmed ELTeC novel (Wagner, chapters 1-2): unlabelled text for the word clusters
ELTEC_PIECE = REPO / "tests" / "data" / "build"

needs_data = pytest.mark.skipif(not DATA.exists(), reason="../shared/ner-train not present")

# Sentences written for these tests (not from the training data), with the names a careful
# annotator marks under our guidelines (titles outside, inflection inside).
OWN = [
    (
        "Statsministern Magdalena Andersson besökte Göteborg i tisdags tillsammans med "
        "Ulf Kristersson.",
        {("PER", "Magdalena Andersson"), ("LOC", "Göteborg"), ("PER", "Ulf Kristersson")},
    ),
    (
        "Enligt Skatteverket har Volvo betalat för lite skatt i Norge.",
        {("ORG", "Skatteverket"), ("ORG", "Volvo"), ("LOC", "Norge")},
    ),
    (
        "Författaren Selma Lagerlöf föddes i Värmland och bodde senare i Falun.",
        {("PER", "Selma Lagerlöf"), ("LOC", "Värmland"), ("LOC", "Falun")},
    ),
    (
        "Delegationen reste från New York till Genève på måndagen.",
        {("LOC", "New York"), ("LOC", "Genève")},
    ),
    (
        "Polisen i Malmö har gripit en man som misstänks för rånet mot Handelsbanken.",
        {("LOC", "Malmö"), ("ORG", "Handelsbanken")},
    ),
    (
        "Karl Marx skrev stora delar av sitt verk i London.",
        {("PER", "Karl Marx"), ("LOC", "London")},
    ),
    (
        "I Helsingfors höll professor Johan Lindberg ett föredrag om Finlands historia.",
        {("LOC", "Helsingfors"), ("PER", "Johan Lindberg"), ("LOC", "Finlands")},
    ),
    (
        "Socialdemokraterna och Moderaterna möttes i en debatt i Stockholm.",
        {("ORG", "Socialdemokraterna"), ("ORG", "Moderaterna"), ("LOC", "Stockholm")},
    ),
    (
        "Lisa Berg och hennes bror Erik Berg flyttade till Uppsala förra året.",
        {("PER", "Lisa Berg"), ("PER", "Erik Berg"), ("LOC", "Uppsala")},
    ),
    (
        "Tyskland och Frankrike enades om ett nytt avtal med Ryssland.",
        {("LOC", "Tyskland"), ("LOC", "Frankrike"), ("LOC", "Ryssland")},
    ),
]


def test_model_loads_from_package_data_once() -> None:
    d = data_path("ner")
    assert (d / "model.crfsuite").stat().st_size > 100_000
    assert (d / "gazetteer.tsv.gz").exists()
    size = sum(p.stat().st_size for p in d.iterdir())
    assert size <= 25_000_000
    tagger = load_tagger()
    assert tagger is load_tagger()  # cached: loaded once per process
    assert tagger.model_dir == d


def test_recognises_names_in_own_sentences() -> None:
    expected = 0
    found = 0
    wrong = 0
    for text, gold in OWN:
        ents = find_entities(text)
        got = {(e.type, e.text) for e in ents}
        expected += len(gold)
        found += len(gold & got)
        wrong += len(got - gold)
        for e in ents:
            assert isinstance(e, Entity)
            assert text[e.start : e.end] == e.text
            assert e.type in ("PER", "ORG", "LOC")
            assert 0.0 < e.confidence <= 1.0
    assert found / expected >= 0.8, (found, expected)
    assert wrong <= expected * 0.2, wrong


def test_tag_and_confidence_agree() -> None:
    tagger = load_tagger()
    sent = ["Chiang", "Kai-shek", "reste", "till", "Shanghai", "med", "GPU:s", "agenter", "."]
    labels = tagger.tag(sent)
    with_conf = tagger.tag_with_confidence(sent)
    assert [lab for lab, _ in with_conf] == labels
    assert labels[0] == "B-PER" and labels[1] == "I-PER"
    assert labels[4] == "B-LOC"
    assert labels[2] == labels[3] == labels[7] == labels[8] == "O"
    for lab, p in with_conf:
        assert lab == "O" or lab[:2] in ("B-", "I-")
        assert 0.0 < p <= 1.0
    assert tagger.tag([]) == [] and tagger.tag_with_confidence([]) == []


def test_genitive_and_hyphen_inflection_stay_inside() -> None:
    ents = find_entities("Sveriges regering och Stockholms stad protesterade mot Finlands beslut.")
    got = {(e.type, e.text) for e in ents}
    assert ("LOC", "Sveriges") in got and ("LOC", "Finlands") in got


def test_offsets_with_line_breaks_and_repeats() -> None:
    text = "Igår talade Maria Svensson i Lund.\nSenare på kvällen kom Svensson till Malmö."
    ents = find_entities(text)
    for e in ents:
        assert text[e.start : e.end] == e.text
    types = {e.text: e.type for e in ents}
    assert types.get("Maria Svensson") == "PER"
    assert types.get("Svensson") == "PER"
    assert types.get("Lund") == "LOC" and types.get("Malmö") == "LOC"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Aåb C:s’'-.–\n\t”1é ΚßGPU\u00ad\x00")), max_size=80))
def test_any_text_gives_valid_spans(text: str) -> None:
    for e in find_entities(text):
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text and e.text.strip() == e.text
        assert e.type in ("PER", "ORG", "LOC") and 0.0 < e.confidence <= 1.0


def test_empty_and_odd_input() -> None:
    assert find_entities("") == []
    assert find_entities(" \n\t ") == []
    tagger = load_tagger()
    long = ["Stalin", "och", "Trotskij", "i", "Moskva", ","] * 500  # one very long sentence
    labels = tagger.tag(long)
    assert len(labels) == len(long)
    assert len(tagger.tag([""])) == 1


@needs_data
def test_held_back_sentences_are_mostly_right() -> None:
    import ner_data

    test = ner_data.split(ner_data.load(DATA))["test"]
    tagger = load_tagger()
    for dom, minimum in (("modern", 0.78), ("historical", 0.5)):
        part = [s for s in test if s.domain == dom][:300]
        sc = ner_data.score(part, [tagger.tag(s.tokens) for s in part])
        assert sc["ALL"]["f1"] >= minimum, (dom, sc["ALL"])
        assert sc["ALL"]["gold"] > 100


@needs_data
def test_training_script_reproduces_a_model(tmp_path: Path) -> None:
    import train_ner

    a, b = tmp_path / "a", tmp_path / "b"
    small = ["--limit", "300", "--iterations", "40", "--clusters", "--unlabelled",
             str(ELTEC_PIECE)]
    assert train_ner.main([str(DATA), "--out", str(a), *small]) == 0
    # the gazetteer derived from the installed packages is the shipped one, byte for byte
    shipped = data_path("ner", "gazetteer.tsv.gz")
    assert (a / "gazetteer.tsv.gz").read_bytes() == shipped.read_bytes()
    gaz = str(a / "gazetteer.tsv.gz")
    assert train_ner.main([str(DATA), "--out", str(b), "--gazetteer", gaz, *small]) == 0
    assert (a / "model.crfsuite").read_bytes() == (b / "model.crfsuite").read_bytes()
    # the word clusters (from the novel's text and the 300 sentences) are the same table
    table = (a / "clusters.tsv.gz").read_bytes()
    assert table == (b / "clusters.tsv.gz").read_bytes()
    # and so is the name memory of the 300 sentences' annotations
    assert (a / "memory.tsv.gz").read_bytes() == (b / "memory.tsv.gz").read_bytes()
    ta, tb = Tagger(a), Tagger(b)
    assert len(ta.features.clusters) > 300
    assert len(ta.features.memory) > 100
    # the novel's words are in it: unlabelled text reaches the model's features
    assert "fönstret" in ta.features.clusters or "fönster" in ta.features.clusters
    sent = "Igår kom Anders Svensson till Stockholm med representanter för Volvo .".split()  # noqa: SIM905
    la, lb = ta.tag_with_confidence(sent), tb.tag_with_confidence(sent)
    assert la == lb
    assert any(lab != "O" for lab, _ in la)  # even a small model finds names
    # the clusters cover the words of Swedish text, not of the German, French and English
    # novels, which therefore are not read as old Swedish spelling
    from teiedition.entities.features import CLUSTER_COVERAGE

    feats = ta.features
    swedish = [w for text, _ in OWN for w in text.replace(".", " .").split()]
    assert feats.cluster_coverage(swedish) >= CLUSTER_COVERAGE
    assert any(x.startswith("k=") for f in feats.sentence(swedish, "modern") for x in f)
    for name in ("dohm2-de", "gouraud-fr", "trollope-en"):
        words = _eltec_excerpt(name)
        assert feats.cluster_coverage(words) < CLUSTER_COVERAGE / 3, name
        assert not feats.covers(words)
        assert feats.guess_domain(words) == "modern", name
    # the paragraph whose first sentence a model with clusters made one place name: without
    # clusters it reads as old Swedish spelling, with them as no Swedish
    from teiedition.entities.features import Featurizer

    para = next(p for p in _eltec_text("dohm2-de").split("\n") if "Wandmalerei" in p)
    words = [t.text for t in tokenize(para)]
    assert Featurizer(a / "gazetteer.tsv.gz").guess_domain(words) == "historical"
    assert feats.guess_domain(words) == "modern"


def _eltec_text(name: str) -> str:
    """An ELTeC novel excerpt in tests/data/entities/eltec (German, French, English)."""
    import gzip

    return gzip.decompress((REPO / "tests" / "data" / "entities" / "eltec" / f"{name}.txt.gz")
                           .read_bytes()).decode("utf-8")


def _eltec_excerpt(name: str) -> list[str]:
    return [t.text for t in tokenize(_eltec_text(name))]


# Organisations named in sentences written for this test; none of these names occurs in the
# training data, so only the general cues (head nouns such as -inspektionen, -förbundet,
# -nämnden, company forms) can find them.
UNSEEN_ORGS = [
    ("Enligt Konsumentverket har priserna stigit kraftigt under året.", "Konsumentverket"),
    ("Beslutet överklagades till Kärnkraftsinspektionen i fjol.", "Kärnkraftsinspektionen"),
    ("Byggnadsarbetareförbundet kräver högre löner i årets avtalsrörelse.",
     "Byggnadsarbetareförbundet"),
    ("Frågan bereds nu av Jordbruksdepartementet och länsstyrelsen.", "Jordbruksdepartementet"),
    ("Saken utreds av Strålskyddsnämnden sedan i våras.", "Strålskyddsnämnden"),
    ("Skogsstyrelsen varnar för granbarkborren i hela Småland.", "Skogsstyrelsen"),
    ("Glasbruksföreningen höll sitt årsmöte på lördagen.", "Glasbruksföreningen"),
]


def test_organisation_cues() -> None:
    from teiedition.entities.features import cues, org_cue

    assert org_cue("naturvårdsverket") == "c" and org_cue("tingsrätt") == "h"
    assert org_cue("skatteverkets") == "c" and org_cue("gpu:s") == ""
    assert org_cue("aktiebolag") == "h" and org_cue("ab") == "f"
    assert org_cue("stockholm") == org_cue("sovjetunionen") == org_cue("volvo") == ""
    assert org_cue("tjänstemannafacket") == "c" and org_cue("avdelning") == "h"
    assert org_cue("utbildningsföretaget") == "c"  # a name often follows: "… Academedia"
    assert org_cue("förslaget") == org_cue("underlaget") == ""
    # place head nouns: compounds and bare nouns, also in old spelling
    assert cues("medelhavet") == "C" and cues("dünafloden") == "C" and cues("fyr") == "H"
    assert cues("naturvårdsverket") == "c" and cues("stockholm") == ""


def test_recognises_unseen_organisations() -> None:
    found = 0
    for text, name in UNSEEN_ORGS:
        got = {(e.type, e.text) for e in find_entities(text)}
        found += ("ORG", name) in got
        assert not any(e.type == "PER" for e in find_entities(text)), got
    assert found >= 5, found


@needs_data
def test_cross_validation_folds_leave_the_test_part_out() -> None:
    import ner_data
    import train_ner

    sents = ner_data.load(DATA)
    folds = train_ner.cv_folds(sents, 3)
    parts = ner_data.split(sents)
    held = [s for f in folds for s in f]
    assert len(held) == len(parts["train"]) + len(parts["dev"])
    assert not any(ner_data.part_of(s) == "test" for s in held)
    for f in folds:  # both domains in every fold, a NewsEye page never split
        assert {s.domain for s in f} == {"modern", "historical"}
        docs = {s.doc for s in f if s.domain == "historical"}
        assert all(d not in {s.doc for g in folds if g is not f for s in g} for d in docs)


def test_domain_guess_reads_ocr_line_breaks() -> None:
    """A page in post-1906 spelling is still an OCR newspaper page when its words are broken
    at line ends; a modern text with a few dashes is not."""
    feats = load_tagger().features
    # written for this test, in the shape of an OCR page after the spelling reform
    ocr = (  # noqa: SIM905
        "Till föreståndare vid Jo - mala folkskola har direk - tionen valt herr Berg , "
        "som förut tjänstgjort i Tam= mela . Mötet i Helsing - fors besöktes av över "
        "hundra lärare från hela lan - det ."
    ).split()
    assert feats.guess_domain(ocr) == "historical"
    modern = (  # noqa: SIM905
        "Men mer snö blir det i hela landet - redan under torsdagen . Regeringen vill "
        "satsa på skolan - inte på vägarna , säger ministern ."
    ).split()
    assert feats.guess_domain(modern) == "modern"
    old = "Hvad sade han om äfven detta ?".split()  # noqa: SIM905
    assert feats.guess_domain(old) == "historical"


def test_line_break_kept_on_the_first_half_is_joined() -> None:
    """``Eng= land`` (the hyphen left on the first half, as in NewsEye) is read as the word
    ``england`` with its gazetteer flags, like ``Eng - land``."""
    feats = load_tagger().features
    attached = feats.sentence(["i", "Eng=", "land", "."])
    spaced = feats.sentence(["i", "Eng", "-", "land", "."])
    assert "brk_j=england" in attached[1] and "brk_j=england" in attached[2]
    assert "brk_j=england" in spaced[1] and "brk_j=england" in spaced[3]
    assert any(x.startswith("brkg") for x in attached[1])


def test_word_clusters_group_words_by_their_contexts() -> None:
    """Generated text in which towns, firms and first names each have their own contexts:
    the clusters separate the three kinds (their paths part at the top of the tree), whatever
    the order of the sentences."""
    import random

    from teiedition.entities.clusters import build_clusters, cluster_key

    rng = random.Random(7)
    towns = ["Uleåborg", "Tammerfors", "Kalmar", "Västerås", "Gävle", "Borgå", "Lund", "Umeå"]
    firms = ["Ericsson", "Nokia", "Scania", "Sandvik", "Atlas", "Boliden", "Saab", "Alfa"]
    names = ["Karin", "Olof", "Greta", "Nils", "Hedvig", "Sven", "Ebba", "Axel"]
    frames = {
        0: ["hon flyttade till {} i maj", "tåget från {} var sent", "i {} regnade det",
            "vi bodde i {} länge", "han reste till {} igen"],
        1: ["aktien i {} steg kraftigt", "{} redovisade vinst i år", "vd för {} avgick",
            "han anställdes av {} i fjol", "aktierna i {} föll"],
        2: ["{} sade att hon var trött", "då skrattade {} högt", "{} och hennes bror kom",
            "brevet till {} kom fram", "{} log mot henne"],
    }
    sents = []
    for kind, words in enumerate((towns, firms, names)):
        for w in words:
            for fr in frames[kind]:
                for _ in range(3):
                    sents.append(fr.format(w).split())
    rng.shuffle(sents)
    table = build_clusters(sents, min_count=3, contexts=100, dims=20)
    assert table == build_clusters(list(reversed(sents)), min_count=3, contexts=100, dims=20)
    for words in (towns, firms, names):
        tops = {table[cluster_key(w)][:2] for w in words}
        others = {table[cluster_key(w)][:2] for ws in (towns, firms, names) if ws is not words
                  for w in ws}
        assert len(tops) == 1 and not tops & others, (words, tops, others)
    # old spelling and OCR forms share the modern form's row
    assert cluster_key("Hwilken") == cluster_key("hvilken") == "vilken"


def test_acronym_and_its_spelled_out_name_are_one_organisation() -> None:
    from teiedition.entities.model import long_form

    assert long_form(["höll", "Sveriges", "socialdemokratiska", "arbetareparti"], "SAP") == 1
    assert long_form(["beslut", "av", "Förenta", "nationerna"], "FN") == 2
    assert long_form(["med", "Internationella", "arbetsorganisationen"], "ILO") == 1
    assert long_form(["i", "samband", "med", "kongressen"], "SAP") is None
    text = (
        "Sveriges socialdemokratiska arbetareparti (SAP) höll kongress i Stockholm. "
        "Enligt SAP är frågan avgjord. Landsorganisationen i Sverige (LO) protesterade. "
        "Både LO och arbetsgivarna var där."
    )
    got = [(e.type, e.text) for e in find_entities(text)]
    assert ("ORG", "Sveriges socialdemokratiska arbetareparti") in got
    assert ("ORG", "Landsorganisationen i Sverige") in got
    assert got.count(("ORG", "SAP")) == 2 and got.count(("ORG", "LO")) == 2, got


@needs_data
def test_cluster_dropout_is_fixed_and_partial() -> None:
    """Training can drop the cluster features of a fixed share of sentences (by their words'
    hash: the same ones in every run and fold), so the model learns to read both ways."""
    import ner_data
    import train_ner

    sents = ner_data.load(DATA)
    kept = [train_ner.keep_clusters(s.tokens, 30) for s in sents]
    assert kept == [train_ner.keep_clusters(list(s.tokens), 30) for s in sents]
    assert abs(1 - sum(kept) / len(kept) - 0.30) < 0.03
    assert all(train_ner.keep_clusters(s.tokens, 0) for s in sents)
    fewer = [train_ner.keep_clusters(s.tokens, 10) for s in sents]
    assert all(f for f, k in zip(fewer, kept, strict=True) if k)  # nested: 10 % within 30 %

