"""The recogniser's name memory (forms the training annotations named) and BIOES labels."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teiedition.entities.memory import build_memory, load_memory, write_memory
from teiedition.entities.model import to_bio, to_bioes

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "ner-train"
sys.path.insert(0, str(REPO / "scripts"))


def _sent(text: str) -> tuple[list[str], list[str]]:
    """``Polisen|B-ORG i Solna|B-LOC``: tokens with their labels (``O`` if none)."""
    toks, labs = [], []
    for w in text.split():
        tok, _, lab = w.partition("|")
        toks.append(tok)
        labs.append(lab or "O")
    return toks, labs


SENTS = [
    _sent("Uppsala|B-ORG universitet|I-ORG har anställt fler lärare ."),
    _sent("Hon studerade vid Uppsala|B-ORG universitet|I-ORG i tre år ."),
    _sent("Uppsala|B-LOC är en stad ; Uppsala|B-LOC universitet|I-LOC ?"),
    _sent("Enligt polisen|B-ORG var det lugnt , sade polisen i Malmö|B-LOC ."),
    _sent("Stalins|B-PER politik och Stalin|B-PER själv ."),
]


def test_memory_counts_forms_by_type_and_occurrence() -> None:
    mem = build_memory(SENTS)
    # two ORG, one LOC; it occurs three times
    assert mem.table[("Uppsala", "universitet")] == [0, 2, 1, 3]
    # lower-case "polisen": one of its two occurrences annotated
    assert mem.table[("polisen",)] == [0, 1, 0, 2]
    # the genitive counts for its base form too
    assert mem.table[("Stalin",)] == [2, 0, 0, 2]
    assert mem.table[("Uppsala",)][2] == 1  # LOC once alone, and seen in all four places
    assert mem.table[("Uppsala",)][3] == 4


def test_memory_features_cover_the_longest_form() -> None:
    mem = build_memory(SENTS)
    toks = "I går talade Stalins son vid Uppsala universitet om polisen .".split()  # noqa: SIM905
    f = mem.features(toks)
    assert f[0] == [] and f[1] == [] and f[4] == []
    assert "mem=PER" in f[3] and "memp=U" in f[3]  # genitive of a remembered name
    # the longest form wins: "Uppsala universitet", mostly ORG, not "Uppsala" LOC
    assert "memB=ORG" in f[6] and "memL=ORG" in f[7]
    assert "memr=lo" not in f[6]
    assert "memr=mid" in f[9]  # annotated in one of two occurrences
    assert build_memory([]).features(toks) == [[] for _ in toks]


def test_memory_file_round_trip(tmp_path: Path) -> None:
    mem = build_memory(SENTS)
    p = write_memory(mem, tmp_path)
    again = build_memory(list(reversed(SENTS)))
    q = write_memory(again, tmp_path / "..")
    assert p.read_bytes() == q.read_bytes()  # deterministic, whatever the order
    assert load_memory(p).table == mem.table
    assert len(load_memory(tmp_path / "none.tsv.gz")) == 0
    p.write_bytes(b"not gzip")
    with pytest.raises(OSError):
        load_memory(p)


@given(st.lists(st.sampled_from(["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC"]),
                max_size=12))
def test_bioes_round_trip(labels: list[str]) -> None:
    # well-formed BIO (an I- follows its own type) survives BIOES and back
    bio, prev = [], "O"
    for lab in labels:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        bio.append(lab)
        prev = lab
    bioes = to_bioes(bio)
    assert to_bio(bioes) == bio
    assert all(lab == "O" or lab[0] in "BIES" for lab in bioes)
    # every name ends in E or is S
    for i, lab in enumerate(bioes):
        if lab[:1] in ("B", "I"):
            assert i + 1 < len(bioes) and bioes[i + 1][:1] in ("I", "E")


def test_bioes_labels() -> None:
    assert to_bioes(["B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]) == [
        "B-PER", "I-PER", "E-PER", "O", "S-LOC", "B-LOC", "E-LOC"]


@pytest.mark.skipif(not DATA.exists(), reason="../shared/ner-train not present")
def test_training_sentences_never_see_their_own_names() -> None:
    """Cross-fitting: a training sentence's memory is built without its own part, so a name
    named in one training sentence only is not in the memory that sentence is trained with
    (a test sentence's names are never in the memory either), and whole NewsEye pages stay
    in one part."""
    import ner_data
    import train_ner

    sents = ner_data.load(DATA)
    sents = [s for s in sents if ner_data.part_of(s) == "train"][::7]
    mems = train_ner.memories(sents)
    full = train_ner.full_memory(sents)
    once = 0
    for s, mem in zip(sents, mems, strict=True):
        for a, b, _typ in ner_data.spans(s.labels):
            form = s.tokens[a:b]
            if len(form) <= 6 and sum(full.table[form][:3]) == 1:
                assert form not in mem.table or sum(mem.table[form][:3]) == 0
                once += 1
    assert once > 100
    pages: dict[str, set[int]] = {}
    for s in sents:
        if s.domain == "historical":
            pages.setdefault(s.doc, set()).add(train_ner.memory_part(s))
    assert pages and all(len(p) == 1 for p in pages.values())
    assert len({train_ner.memory_part(s) for s in sents}) == train_ner.MEMORY_PARTS
