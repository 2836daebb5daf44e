"""Names in texts of languages other than the recogniser's (Swedish; Danish and Norwegian
are close): a sentence's first word must be a rare word of that language to be a name, and
the place gazetteer decides the kind of a place name the recogniser calls something else."""

from __future__ import annotations

import pytest

from teiedition.encode import encode_bytes

T = "{http://www.tei-c.org/ns/1.0}"


def names(raw: str) -> dict[str, list[str]]:
    tree = encode_bytes(raw.encode(), "x.txt", register=None).tree
    text = tree.getroot().find(T + "text")  # the mentions (not the register entries it carries)
    return {tag: [el.text or "" for el in text.iter(T + tag)]
            for tag in ("persName", "placeName", "orgName")}


FRENCH = ("Les procès de Moscou ne sont possibles que sous un régime totalitaire, où la "
          "police dicte aux accusés comme aux procureurs la conduite à tenir. Mais ces "
          "prétendus procès étaient dès le début conçus comme le point de départ d'une "
          "campagne. Ensuite, André Breton écrivait à Diego Rivera depuis Paris.\n")
ENGLISH = ("The Moscow trials are possible only under a totalitarian regime in which the "
           "police dictate to the accused and the prosecutors alike. However, these trials "
           "were conceived as the starting point of a campaign. Meanwhile, André Breton wrote "
           "to Diego Rivera from Paris and then left for Moscow.\n")


@pytest.mark.parametrize("raw, common", [(FRENCH, ("Mais", "Ensuite", "Les")),
                                         (ENGLISH, ("However", "Meanwhile", "The"))])
def test_sentence_openers_are_not_names(raw: str, common: tuple[str, ...]) -> None:
    found = names(raw)
    every = [n for kind in found.values() for n in kind]
    assert not any(n.split()[0] in common for n in every), found
    assert "André Breton" in found["persName"] and "Diego Rivera" in found["persName"]
    assert "Paris" in found["placeName"]
    assert {"Moscou", "Moscow"} & set(found["placeName"])  # a place, whatever the recogniser says
    assert not {"Moscou", "Moscow"} & set(found["persName"])


def test_swedish_names_that_are_common_words_elsewhere_stay_names() -> None:
    """The rule is for other languages: a Swedish sentence may open with a name."""
    found = names("Per Albin Hansson talade länge i riksdagen om krisen. Olof Palme "
                  "svarade honom samma dag i Stockholm.\n")
    assert "Per Albin Hansson" in found["persName"] and "Olof Palme" in found["persName"]


def test_a_language_without_word_frequencies_is_read_as_before() -> None:
    """'und' (too short to tell) and languages wordfreq has no list for: no error."""
    for raw in ("Stalin\n", "Kwa hivyo Stalin alisema kwamba wao ni wapelelezi wote.\n"):
        encode_bytes(raw.encode(), "x.txt", register=None)


def test_german_common_nouns_are_not_names() -> None:
    """German capitalises every noun: its commonest nouns are no names, wherever they stand
    (the recogniser, trained on Swedish, took "Rede" and "Lage" for persons)."""
    found = names("Am 3. März hielt Stalin eine Rede vor dem Zentralkomitee in Moskau. Die "
                  "Arbeiter protestierten, und André Breton schrieb aus Paris über die Lage "
                  "der Regierung und die Not der Leute.\n")
    every = {n for kind in found.values() for n in kind}
    assert not every & {"Rede", "Lage", "Regierung", "Not", "Leute"}, found
    assert {"Stalin", "André Breton"} <= set(found["persName"])
    assert {"Moskau", "Paris"} <= set(found["placeName"])
