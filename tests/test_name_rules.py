"""Rules about names that hold for any language the text is in (issue 16): person nouns by
each language's agent suffixes and the evidence of its own words, prepositions of place
per language, and the genitive endings of names written once."""

from __future__ import annotations

import pytest

from teiedition.entities import names as N

# Words of the ELTeC novels in ../shared/corpora (and the sample), by language: common nouns
# for persons, and words the old suffix rule (-ent, -or, -man, -ian … in any language)
# took for them.
PERSONS = {
    "sv": "revolutionär arbetare arbetarna journalisten socialisterna direktören agenter "
          "presidenten emigranten löjtnantens redaktörens sjömannens författaren läraren "
          "kontorist artist jaktlöjtnanten debutanten fordringsägare",
    "de": "Studenten Arbeiter Lehrer Präsident Sozialist Revolutionär Direktor Kaufmann "
          "Künstler Pfarrer Schauspielerin Begleiter",
    "en": "socialist journalist historian chairman policeman gentlemen horsemen nihilist "
          "revolutionary missionary",
    "fr": "travailleur acteur directeur historien socialiste journaliste visiteur "
          "ambassadeur mécanicien révolutionnaire fonctionnaire",
    "es": "profesor director socialista periodista trabajador",
}
NOT_PERSONS = {
    "sv": "moment momentet parlamentet element dokumentet formulär humöret regemente "
          "tydligare närmare fingrarna kvinnor veckor upphör tillhör intelligent samman "
          "återfinna",
    "de": "Moment Parlament Fenster Zimmer Element Dokument Wasser Motor schwer erschien "
          "Temperament abgereist",
    "en": "government moment different important element parliament motor constant "
          "ancient recent ordinary library insist plants elephants specimen",
    "fr": "moment gouvernement bonheur couleur récent parlement extérieur appartiens "
          "seulement étaient",
    "es": "gobierno momento motor color revista conquista",
}


@pytest.mark.parametrize("lang", sorted(PERSONS))
def test_person_nouns_by_the_suffixes_and_words_of_the_texts_language(lang: str) -> None:
    assert [w for w in PERSONS[lang].split() if not N.is_person_noun(w, lang)] == []
    assert [w for w in NOT_PERSONS[lang].split() if N.is_person_noun(w, lang)] == []


def test_person_nouns_follow_the_language_not_the_union_of_all() -> None:
    # a Swedish agent noun is none in English, a French one none in Swedish
    assert N.is_person_noun("journalisten", "sv") and not N.is_person_noun("journalisten", "en")
    assert N.is_person_noun("directeur", "fr") and not N.is_person_noun("directeur", "sv")
    # titles are persons in every language; a language without a table has only them
    assert N.is_person_noun("professor", "fi") and not N.is_person_noun("kirjailija", "fi")


def test_prepositions_of_place_are_the_texts_languages() -> None:
    assert "de" in N.place_prepositions("fr") and "de" not in N.place_prepositions("sv")
    assert "to" in N.place_prepositions("en") and "to" not in N.place_prepositions("sv")
    assert "en" in N.place_prepositions("es") and "en" not in N.place_prepositions("en")
    assert "till" in N.place_prepositions("sv-SE")
    assert N.place_prepositions("fi") == frozenset() == N.place_prepositions("und")


def test_one_table_of_genitive_endings_strips_and_finds_them() -> None:
    from teiedition.entities.markup.forms import Forms

    assert N.genitive_splits("Mariens") == [("Marien", "s"), ("Marie", "ns")]
    assert N.genitive_splits("Fritzens") == [("Fritzen", "s"), ("Fritze", "ns"), ("Fritz", "ens")]
    assert N.genitive_splits("Reiss") == []  # a sibilant takes no bare -s
    known = {"Marie", "Fritz", "Stalin", "Goethe"}.__contains__
    assert [N.genitive_stem(w, known)[0] for w in ("Mariens", "Fritzens", "Stalins", "Goethens",
                                                   "Reiss", "Paris")] == [
        "Marie", "Fritz", "Stalin", "Goethe", "Reiss", "Paris"]
    text = ("Stalins brev till Fritzens bror, Mariens och Goethens vänner, Reiss’ papper "
            "och Reisss misstag.")
    found = [(text[s:e], f) for s, e, f in Forms(["Stalin", "Fritz", "Marie", "Goethe",
                                                   "Reiss"]).finditer(text)]
    assert found == [("Stalins", "Stalin"), ("Fritzens", "Fritz"), ("Mariens", "Marie"),
                     ("Goethens", "Goethe"), ("Reiss’", "Reiss")]


def test_one_sentence_start_for_usage_and_markup() -> None:
    from teiedition.entities import markup, usage

    assert not hasattr(markup, "_INITIAL") and not hasattr(usage, "_INITIAL")
    text = "Han kom. Sedan: Olle; Per – Lisa (Karin) «Eva»"
    starts = [text[m.end():].split()[0].strip("()«»:;") for m in
              usage.SENTENCE_START.finditer(text)]
    assert starts == ["Han", "Sedan", "Olle", "Per", "Lisa", "Karin", "Eva"]


def test_lists_of_names_are_read_with_the_texts_conjunctions() -> None:
    from teiedition.entities.markup.document import coordination

    # Corday (ELTeC fra): "Avez-vous lu Daphnis et Chloé?"
    m = coordination("fr").right.match(" et Chloé?", 0)
    assert m is not None and m.group("name") == "Chloé"
    assert coordination("sv").right.match(" et Chloé?", 0) is None
    assert coordination("sv").right.match(" och Kamenev", 0).group("name") == "Kamenev"
    assert coordination("en").right.match(" och Kamenev", 0) is None
    assert coordination("es").between.fullmatch(" y ")
    assert not coordination("de").between.fullmatch(" y ")
    # a language without a list: commas alone
    assert coordination("pl").right.match(", Kamenev", 0).group("name") == "Kamenev"
    assert coordination("pl").right.match(" i Kamenev", 0) is None


def test_genitive_endings_are_the_texts_languages() -> None:
    from teiedition.entities.markup.forms import Forms

    assert N.genitive_splits("Mariens", "de") == [("Marien", "s"), ("Marie", "ns")]
    assert N.genitive_splits("Mariens", "sv") == [("Marien", "s")]  # no -ns in Swedish
    # English: "the Morlocks" (Wells) is a plural, no genitive of Morlock
    assert N.genitive_splits("Morlocks", "en") == []
    assert N.genitive_stem("Morlocks", {"Morlock"}.__contains__, "en")[0] == "Morlocks"
    assert N.genitive_stem("Stalins", {"Stalin"}.__contains__, "sv")[0] == "Stalin"
    text = "Stalins brev och Goethens vers"
    def found(lang: str) -> list[str]:
        return [text[s:e] for s, e, _f in Forms(["Stalin", "Goethe"], lang).finditer(text)]
    assert found("de") == ["Stalins", "Goethens"]
    assert found("sv") == ["Stalins"]
    assert found("en") == []
