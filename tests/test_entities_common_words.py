"""Capitalised common words of a text's language are no names (issue 16): excerpts of ELTeC
novels in German, French and English (``tests/data/entities/eltec``, 30,000 characters each
from /work/shared/corpora/eltec-other: Dohm, *Wie Frauen werden*; Gouraud, *Cécile est
amoureuse*; Trollope, *Harry Heathcote of Gangoil*), encoded without a register as a new
edition would. Before the rule, these excerpts gave ``Sie`` (46 mentions), ``aus`` (14),
``bien`` (30), ``Mais`` (12) and ``said`` (41) as persons."""

from __future__ import annotations

import gzip
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from teiedition.encode import encode_bytes
from teiedition.entities.usage import common_word, count_usage

T = "{http://www.tei-c.org/ns/1.0}"
DATA = Path(__file__).parent / "data" / "entities" / "eltec"


@cache
def marked(name: str) -> dict[str, Counter[str]]:
    raw = gzip.decompress((DATA / f"{name}.txt.gz").read_bytes())
    text = encode_bytes(raw, f"{name}.txt", register=None).tree.getroot().find(T + "text")
    return {tag: Counter("".join(el.itertext()) for el in text.iter(T + tag))
            for tag in ("persName", "placeName", "orgName")}


CASES = [
    # excerpt, common words of its language that were marked, names it must keep
    ("dohm-de", {"Sie", "Mann", "Lippen", "Atelier", "Was", "Von", "Alles"}, {"Käthe", "Dörthe"}),
    ("dohm2-de", {"aus", "Wort", "Dame", "Salon", "Was"}, {"Käthe", "Michael", "Dörthe"}),
    ("gouraud-fr", {"bien", "Mais", "Eh bien", "Madame"}, {"Laure", "Rose", "Annette"}),
    ("trollope-en", {"said"}, {"Harry", "Nokes", "Heathcote", "Kate"}),
]


@pytest.mark.parametrize("name, common, persons", CASES, ids=[c[0] for c in CASES])
def test_common_words_of_the_language_are_no_names(name: str, common: set[str],
                                                   persons: set[str]) -> None:
    found = marked(name)
    every = Counter()
    for counts in found.values():
        every.update(counts)
    assert not {w for w in common if every[w]}, {w: every[w] for w in common}
    # no mention is a lower-case word ("Mark und" gave "und" as a surname everywhere)
    assert not [f for f in every if f[:1].islower() and f.split()[0] not in ("de", "von")]
    for p in persons:
        assert found["persName"][p] >= 3, (p, found["persName"][p])


def test_usage_evidence_and_name_evidence() -> None:
    """The text's own evidence, one rule at a time, and what outweighs it."""
    text = ("Mais il vint. Il dit mais non, mais oui. Le Marquis parla. Le Marquis rit. "
            "Voyons. Bobby rit et Bobby parla. Mr. Bull came. Bull said so.")
    u = count_usage([text], "fr")

    def why(w: str, named: set[str] = frozenset()) -> str | None:
        return common_word(w, u, "fr", noun_capitals=False, is_name=lambda x: x in named)

    assert why("Mais") == "lower case in the text"
    assert why("Marquis") == "after an article"
    assert why("Marquis", {"Marquis"}) is None  # a given name or a place outweighs it
    assert why("Voyons") == "at sentence starts"
    assert why("Bobby") is None  # capitalised inside sentences, never in lower case
    assert why("Bull") is None  # after a title
    de = count_usage(["Er sah das Fenster. Dann kam Peter ans Fenster und Fenster klirrten."],
                     "de")
    assert common_word("Fenster", de, "de", noun_capitals=True, is_name=lambda x: False)
    assert common_word("Peter", de, "de", noun_capitals=True,
                       is_name=lambda x: x == "Peter") is None


def test_words_in_capitals_of_headings_and_chapter_openings_are_no_names() -> None:
    """Chesterton's chapters open with a heading in capitals and their first word in
    capitals (``BEFORE one of the fresh faces``): words of the language, which the text
    also writes in lower case, not organisations; a name in capitals stays one."""
    raw = ("CHAPTER IX\n\nTHE MAN IN SPECTACLES\n\nBEFORE one of the fresh faces could "
           "appear, Syme had gone out before them into the street. Gregory followed Syme "
           "across the square and stood before the door.\n\nCHAPTER X\n\nTHE DUEL\n\n"
           "ACROSS the fields came Gregory, and Syme waited for him at the gate. Then "
           "GABRIEL SYME wrote to Gregory from London.\n")
    text = encode_bytes(raw.encode(), "x.txt", register=None).tree.getroot().find(T + "text")
    every = ["".join(el.itertext()) for tag in ("persName", "placeName", "orgName")
             for el in text.iter(T + tag)]
    assert not {"BEFORE", "ACROSS", "CHAPTER IX", "CHAPTER X", "THE MAN IN SPECTACLES",
                "SPECTACLES", "THE DUEL", "DUEL"} & set(every), every
    assert {"Syme", "Gregory", "London"} <= set(every)
