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
