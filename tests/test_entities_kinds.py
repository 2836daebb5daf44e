"""A name's kind from the company it keeps (issue 16): a name the recogniser is unsure is a
place, that no gazetteer knows and that never stands where places stand (after "i", "from",
"nach"), is an organisation when it is coordinated with a person, as agents are."""

from __future__ import annotations

import re

import pytest

from teiedition.document import Block
from teiedition.encode import encode_bytes
from teiedition.entities import annotate
from teiedition.resources import sample_path

T = "{http://www.tei-c.org/ns/1.0}"


def test_the_samples_gestapo_is_an_organisation() -> None:
    """``en förbindelse mellan Gestapo och en gammal tysk revolutionär``: the recogniser says
    place (0.62); the first encode without a register filed ``place-gestapo``."""
    tree = encode_bytes(sample_path().read_bytes(), "sample.txt", register=None).tree
    text = tree.getroot().find(T + "text")
    kinds = {el.tag for tag in ("persName", "placeName", "orgName")
             for el in text.iter(T + tag) if el.text == "Gestapo"}
    assert kinds == {T + "orgName"}
    refs = {el.get("ref") for el in text.iter(T + "orgName") if el.text == "Gestapo"}
    assert refs == {"#org-gestapo"}


class _Ent:
    def __init__(self, start: int, end: int, typ: str, conf: float) -> None:
        self.start, self.end, self.type, self.confidence = start, end, typ, conf


def _unsure_place(form: str):  # noqa: ANN202
    """A recogniser that calls ``form`` a place, unsure (0.6), wherever it occurs."""
    def find(text: str) -> list[_Ent]:
        return [_Ent(m.start(), m.end(), "LOC", 0.6)
                for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    return find


def _kinds(texts: list[str], form: str, language: str) -> set[str]:
    blocks = [Block("p", "body", t) for t in texts]
    ms = annotate(blocks, language=language, register=None, find_entities=_unsure_place(form),
                  find_dates=lambda *_a: [])
    return {m.type for m in ms if m.text.startswith(form)}


@pytest.mark.parametrize("language, text", [
    ("sv", "Han hade förbindelser mellan Vorwacht och en gammal tysk revolutionär."),
    ("sv", "Både journalisten och Vorwacht anklagade honom."),
    ("en", "The letters linked Vorwacht and an old German revolutionary."),
    ("de", "Er verhandelte zwischen Vorwacht und einem alten Revolutionär."),
    ("fr", "Il négociait entre Vorwacht et un vieux révolutionnaire."),
])
def test_an_unknown_name_coordinated_with_a_person_is_an_organisation(language: str,
                                                                     text: str) -> None:
    assert _kinds([text], "Vorwacht", language) == {"ORG"}


@pytest.mark.parametrize("language, texts", [
    # the same name stands after a preposition of place elsewhere in the document
    ("sv", ["Han reste till Vorwacht i maj.",
            "Han hade förbindelser mellan Vorwacht och en gammal tysk revolutionär."]),
    # coordinated with a place, not a person
    ("sv", ["Han hade förbindelser mellan Vorwacht och en gammal tysk stad."]),
    ("en", ["He travelled from Vorwacht and an old friend joined him there."]),
])
def test_a_place_stays_a_place(language: str, texts: list[str]) -> None:
    assert _kinds(texts, "Vorwacht", language) == {"LOC"}


@pytest.mark.parametrize("language, text, span, kept", [
    # a clause the recogniser took for one place: the lower-case word before "der
    # Wandmalerei" ends the name, and nothing of it is a name
    ("de", "Er stand eine Weile vor der Wandmalerei, die ihm gefiel.",
     "Er stand eine Weile vor der Wandmalerei", set()),
    # particles between capitalised words stay inside a name
    ("sv", "Boken om Ludwig van Beethoven kom ut i fjol.", "Ludwig van Beethoven",
     {"Ludwig van Beethoven"}),
    ("sv", "Han talade med Carl von der Lancken igår.", "Carl von der Lancken",
     {"Carl von der Lancken"}),
])
def test_a_lower_case_word_before_particles_ends_a_name(language: str, text: str, span: str,
                                                         kept: set[str]) -> None:
    def find(t: str) -> list[_Ent]:
        i = t.find(span)
        return [_Ent(i, i + len(span), "PER" if kept else "LOC", 0.9)] if i >= 0 else []
    ms = annotate([Block("p", "body", text)], language=language, register=None,
                  find_entities=find, find_dates=lambda *_a: [])
    assert {m.text for m in ms} == kept
