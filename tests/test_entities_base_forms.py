"""Register entries in their base form, from the text's own evidence; organisations known by
their head noun (issue 16). The recogniser is a stand-in, so that only these rules act."""

from __future__ import annotations

from teiedition.entities.register import empty_register
from tests.test_entities import marked, run


def test_a_genitive_form_goes_to_the_base_form_the_text_also_writes() -> None:
    texts = ["Brantings tal i Malmö väckte uppseende.",
             "Hjalmar Brantings vänner hade varnat honom. Men Branting svarade inte."]
    reg = empty_register()
    blocks, ms = run(texts, {"Brantings": ("PER", 0.9)}, register=reg)
    got = marked(blocks, "persName")
    # the base form is marked too, and every form is one entry named by the base form
    assert ("persName", "Branting", "#pers-branting") in got
    assert {ref for _t, _f, ref in got} == {"#pers-branting"}
    assert {m.name for m in ms if m.type == "PER"} == {"Branting"}


def test_german_genitive_and_an_organisation_in_the_genitive() -> None:
    texts = ["Die Politik Bismarcks war umstritten.", "Bismarck selbst schwieg dazu.",
             "Die Führung der Kominterns Sektion tagte, die Komintern schwieg."]
    blocks, ms = run(texts, {"Bismarcks": ("PER", 0.9), "Kominterns": ("ORG", 0.8)})
    names = {(m.type, m.name, m.ref) for m in ms if m.type != "DATE"}
    assert ("PER", "Bismarck", "pers-bismarck") in names
    assert ("ORG", "Komintern", "org-komintern") in names
    assert ("orgName", "Komintern", "#org-komintern") in marked(blocks, "orgName")


def test_without_the_base_form_in_the_text_a_final_s_stays() -> None:
    # "Hess" is a name that ends in s: nothing in the text writes "Hes"
    blocks, ms = run(["Rudolf Hess flög till Skottland.", "Hess greps där."],
                     {"Rudolf Hess": ("PER", 0.95)})
    assert {m.name for m in ms if m.type == "PER"} == {"Rudolf Hess"}
    assert all(ref == "#pers-rudolf-hess" for _t, _f, ref in marked(blocks, "persName"))


def test_a_name_ending_in_an_organisations_head_noun_is_an_organisation() -> None:
    texts = ["Hans planer gällde även Fjärde internationalen och Andra internationalen.",
             "Konflikten med Fjärde internationalen fortsatte, och Labour Party teg.",
             "I Andra internationalen var man oenig."]
    # the recogniser finds one weakly and as the wrong kind, the others not at all
    blocks, ms = run(texts, {"Fjärde internationalen": ("LOC", 0.45)})
    orgs = [(f, ref) for _t, f, ref in marked(blocks, "orgName")]
    assert orgs == [("Fjärde internationalen", "#org-fjarde-internationalen"),
                    ("Andra internationalen", "#org-andra-internationalen"),
                    ("Fjärde internationalen", "#org-fjarde-internationalen"),
                    ("Labour Party", "#org-labour-party"),
                    ("Andra internationalen", "#org-andra-internationalen")]


def test_an_ordinary_word_opening_a_sentence_before_a_head_noun_is_no_name() -> None:
    blocks, _ms = run(["Hela partiet samlades. Detta förbundet var nytt."], {})
    assert marked(blocks, "orgName") == []


def test_coordinated_names_of_a_surnames_shape_are_persons() -> None:
    # the recogniser is unsure and wrong about one, blind to the other
    blocks, _ms = run(["Processen mot Rykov och Jagoda började i mars."], {"Rykov": ("ORG", 0.5)})
    assert [(t, f) for t, f, _r in marked(blocks)] == [("persName", "Rykov"),
                                                       ("persName", "Jagoda")]


def test_a_place_or_a_sure_organisation_keeps_its_kind() -> None:
    # a surname's shape, but the gazetteer knows the place, the recogniser the company
    blocks, _ms = run(["Han reste till Saratov och Moskva för att köpa av Kalasjnikov."],
                      {"Saratov": ("LOC", 0.6), "Kalasjnikov": ("ORG", 0.9)})
    kinds = {f: t for t, f, _r in marked(blocks)}
    assert kinds["Saratov"] == "placeName" and kinds["Kalasjnikov"] == "orgName"


def _encoded(raw: str):  # noqa: ANN202
    """Mentions (tag, form, ref) and register entries (id -> names) of a whole encode."""
    from teiedition.encode import encode_bytes

    t = "{http://www.tei-c.org/ns/1.0}"
    root = encode_bytes(raw.encode(), "x.txt", register=None).tree.getroot()
    text = root.find(t + "text")
    found = [(el.tag.split("}")[1], "".join(el.itertext()), el.get("ref"))
             for tag in ("persName", "placeName", "orgName") for el in text.iter(t + tag)]
    entries = {e.get("{http://www.w3.org/XML/1998/namespace}id"):
               ["".join(n.itertext()) for n in e if n.tag.endswith("Name")]
               for e in root.iter(t + "person", t + "place", t + "org")}
    return found, entries


def test_german_ns_and_ens_genitives_go_to_the_base_form() -> None:
    """``Mariens``, ``Goethens`` (-ns after -e) and ``Fritzens`` (-ens after a sibilant)
    are variants of ``Marie``, ``Goethe``, ``Fritz`` when the text writes those too; a form
    whose base the text never writes stays as written."""
    found, entries = _encoded(
        "Marie kam am Abend nach Hause. Mariens Bruder wartete schon, und Goethe las ihm "
        "vor. Goethens Werke lagen auf dem Tisch, und Marie lachte über Goethes Verse. "
        "Später schrieb Fritz an Marie, und Fritzens Brief kam bald. Sophiens Antwort "
        "kam nie.\n")
    assert entries["pers-marie"] == ["Marie", "Mariens"]
    assert entries["pers-goethe"][0] == "Goethe"
    assert {"Goethens", "Goethes"} <= set(entries["pers-goethe"])
    assert entries["pers-fritz"] == ["Fritz", "Fritzens"]
    assert ("persName", "Mariens", "#pers-marie") in found  # the genitive, not "Mariens Bruder"
    assert ("persName", "Goethens", "#pers-goethe") in found
    assert not [i for i in entries if i.startswith(("pers-mariens", "pers-goethens"))]
    assert "pers-sophie" not in entries  # no "Sophie" in the text: the form stays


def test_english_and_french_possessives_make_no_variant_entries() -> None:
    found, entries = _encoded(
        "Paul came home late. Paul's brother was waiting, and Mary's letter lay on the "
        "table. Mary wrote to Paul again, and James's reply came soon after from London.\n")
    assert entries["pers-paul"] == ["Paul"] and entries["pers-mary"] == ["Mary"]
    assert entries["pers-james"] == ["James"]
    assert set(entries) == {"pers-paul", "pers-mary", "pers-james", "place-london"}
    assert {f for _t, f, _r in found} >= {"Paul", "Mary", "James"}
