"""Evidence beyond the CRF's window: the capitals table (``entities/capitals.py``), the span
re-typer (``entities/retype.py``) and the tagger's conjunctions by language."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from teiedition.entities.capitals import (
    build_capitals,
    initial_positions,
    load_capitals,
    write_capitals,
)
from teiedition.entities.features import Featurizer
from teiedition.entities.memory import NameMemory
from teiedition.entities.model import _cut_coordination
from teiedition.entities.retype import Retyper, span_features, train_retyper
from teiedition.entities.tokens import sentences, tokenize
from teiedition.resources import data_path

REPO = Path(__file__).resolve().parent.parent
# a trimmed ELTeC novel (Wagner, chapters 1-2)
ELTEC_PIECE = REPO / "tests" / "data" / "build"


def _eltec_sentences() -> list[list[str]]:
    sys.path.insert(0, str(REPO / "scripts"))
    import ner_data

    return [list(s) for s in ner_data.read_unlabelled(ELTEC_PIECE)]


def _tok(text: str) -> list[list[str]]:
    return [[t.text for t in s] for s in sentences(tokenize(text))]


def test_capitals_count_only_where_a_capital_says_something(tmp_path: Path) -> None:
    text = (
        "Försäkringskassan meddelar att ersättningen höjs. Enligt Försäkringskassan blir det "
        "dyrare. Dessutom meddelar Försäkringskassan att blanketten ändras. Det blir "
        "dessutom svårare, säger hon: Dessutom är det sent."
    )
    caps = build_capitals(_tok(text))
    # two occurrences inside sentences, both capitalised; the sentence-initial one not counted
    assert caps.table["försäkringskassan"] == (2, 0)
    # 'Dessutom' opens two sentences (one after a colon): only the lower-case one counts
    assert caps.table["dessutom"] == (0, 1)
    assert caps.feature("Försäkringskassan") == "capr=12"
    assert caps.feature("Dessutom") == "capr=01"
    assert caps.feature("Transportstyrelsen") is None  # never seen: no evidence either way
    assert caps.feature("3") is None
    assert initial_positions(["Han", "sa", ":", "Kom", "."]) == [True, False, False, True,
                                                                  False]
    # the table is written deterministically and read back unchanged
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    pa, pb = write_capitals(caps, a), write_capitals(build_capitals(_tok(text)), b)
    assert pa.read_bytes() == pb.read_bytes()
    assert load_capitals(pa).table == caps.table


def test_capitals_from_a_novel_separate_names_from_words() -> None:
    caps = build_capitals(_eltec_sentences())
    assert len(caps) > 1000
    # the words of the novel that are most often written with a capital inside a sentence
    # are names; the most frequent lower-case words are never capitalised there
    common = sorted(caps.table.items(), key=lambda kv: -sum(kv[1]))[:30]
    assert all(up <= 0.1 * (up + low) for k, (up, low) in common if k.isalpha()), common
    names = [k for k, (up, low) in caps.table.items() if up >= 5 and low == 0]
    assert names and all(k[:1].isalpha() for k in names)


def test_capitals_reach_the_features_of_an_initial_word() -> None:
    gaz = data_path("ner", "gazetteer.tsv.gz")
    feat = Featurizer(gaz)
    feat.capitals = build_capitals(_tok(
        "Beslutet togs av Transportstyrelsen i går. Enligt Transportstyrelsen är det klart. "
        "Han ville dessutom resa. Det var dessutom kallt."))
    first = feat.sentence(["Transportstyrelsen", "meddelar", "att", "det", "är", "klart"],
                          "modern")
    assert "icapr=12" in first[0] and "m:icapr=12" in first[0]
    other = feat.sentence(["Dessutom", "meddelar", "de", "det"], "modern")
    assert "icapr=02" in other[0]
    # a model without the table: the features as before (no capr at all)
    plain = Featurizer(gaz).sentence(["Transportstyrelsen", "meddelar"], "modern")
    assert not any(x.startswith(("capr", "icapr")) for f in plain for x in f)


# Generated sports and place sentences: the same town names are clubs where the sentence
# speaks of matches and places where it speaks of living and travelling. The CRF's
# per-word window cannot see 'vann' five words away; the re-typer sees the sentence.
TOWNS = ["Örebro", "Västerås", "Luleå", "Halmstad", "Sundsvall", "Kalmar", "Gävle",
         "Jönköping", "Borås", "Växjö", "Karlstad", "Linköping"]
SPORT = ["{t} vann till slut matchen mot {u} med 3 – 1 .",
         "Efter förlusten mot {u} ligger {t} sist i tabellen .",
         "{t} förlorade hemma och tappade serieledningen till {u} .",
         "Tränaren var nöjd när {t} slog {u} i kvartsfinalen ."]
PLACE = ["Hon flyttade från {t} till {u} förra året .",
         "Det regnade kraftigt i {t} och vägarna mot {u} stängdes .",
         "Han bor i {t} men arbetar i {u} sedan i våras .",
         "Tåget från {t} var försenat när det kom fram till {u} ."]


def _town_examples(rng: random.Random, n: int, feat: Featurizer) -> list:
    out = []
    for _ in range(n):
        sport = rng.random() < 0.5
        pattern = rng.choice(SPORT if sport else PLACE)
        t, u = rng.sample(TOWNS, 2)
        toks = pattern.format(t=t, u=u).split()
        for name in (t, u):
            i = toks.index(name)
            # the CRF read every town as a place
            out.append((toks, i, span_features(toks, i, i + 1, "LOC", 0.8, feat,
                                               NameMemory({})), "ORG" if sport else "LOC"))
    return out


def test_retyper_learns_clubs_from_the_sentence(tmp_path: Path) -> None:
    feat = Featurizer(data_path("ner", "gazetteer.tsv.gz"))
    rng = random.Random(7)
    train = _town_examples(rng, 200, feat)
    path = train_retyper(((f, lab) for *_, f, lab in train), tmp_path / "r.crfsuite")
    again = train_retyper(((f, lab) for *_, f, lab in train), tmp_path / "r2.crfsuite")
    assert path.read_bytes() == again.read_bytes()  # deterministic
    retyper = Retyper(path)
    # unseen sentences with unseen clubs: the sentence's words decide
    for text, want in [
        ("Umeå vann derbyt mot Skellefteå med 3 – 1 .", "ORG"),
        ("Efter förlusten mot Umeå ligger Skellefteå sist i tabellen .", "ORG"),
        ("Hon flyttade från Umeå till Skellefteå förra året .", "LOC"),
        ("Han bor i Umeå men arbetar i Skellefteå sedan i våras .", "LOC"),
    ]:
        toks = text.split()
        spans = [(i, i + 1, "LOC", 0.8) for i, w in enumerate(toks)
                 if w in ("Umeå", "Skellefteå")]
        got = retyper.retype(toks, spans, feat, NameMemory({}))
        assert [t for _, _, t, _ in got] == [want, want], (text, got)
        if want == "ORG":  # the new type's probability bounds the confidence
            assert all(c <= 0.8 for *_, c in got)


def test_tagger_ends_names_at_the_conjunctions_of_the_texts_language() -> None:
    toks = ["the", "Foreign", "Office", "and", "the", "embassy"]
    labels = ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"]
    assert _cut_coordination(toks, list(labels), "en") == ["O", "B-ORG", "I-ORG", "O", "O",
                                                           "O"]
    # Swedish conjunctions do not cut an English name, nor English ones a Swedish one
    assert _cut_coordination(toks, list(labels), "sv") == labels
    sv = ["Jordbruksdepartementet", "och", "länsstyrelsen"]
    assert _cut_coordination(sv, ["B-ORG", "I-ORG", "I-ORG"], "sv") == ["B-ORG", "O", "O"]
    assert _cut_coordination(sv, ["B-ORG", "I-ORG", "I-ORG"], "en") == ["B-ORG", "I-ORG",
                                                                      "I-ORG"]
    de = ["das", "Auswärtige", "Amt", "und", "die", "Botschaft"]
    assert _cut_coordination(de, ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"],
                             "de")[3:] == ["O", "O", "O"]


DATA = REPO.parent / "shared" / "ner-train"


@pytest.mark.skipif(not DATA.exists(), reason="../shared/ner-train not present")
def test_training_reproduces_capitals_and_retyper(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import train_ner

    from teiedition.entities.model import Tagger

    gaz = str(data_path("ner", "gazetteer.tsv.gz"))
    small = ["--limit", "120", "--iterations", "5", "--retype", "--gazetteer", gaz,
             "--unlabelled", str(ELTEC_PIECE)]
    a, b = tmp_path / "a", tmp_path / "b"
    try:
        assert train_ner.main([str(DATA), "--out", str(a), *small]) == 0
        assert train_ner.main([str(DATA), "--out", str(b), *small]) == 0
    finally:
        train_ner.USE_RETYPE = False
    for name in ("model.crfsuite", "capitals.tsv.gz", "retype.crfsuite", "memory.tsv.gz"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    tagger = Tagger(a)
    assert tagger.retyper is not None
    assert len(tagger.features.capitals) > 1000  # the novel's words and the sentences'
    sent = "Igår kom Anders Svensson till Stockholm med Volvo .".split()  # noqa: SIM905
    assert tagger.tag_with_confidence(sent, "modern") == Tagger(b).tag_with_confidence(
        sent, "modern")
