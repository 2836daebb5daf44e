"""Dates read against the document's own date (issue 16): the direction a sentence gives,
"this year", explicit years nearby, letters written in January about December; and letters
in four languages scored as benchmarks/dates.py scores them."""

from __future__ import annotations

import datetime
import importlib.util
from pathlib import Path

import pytest

from teiedition.encode import encode_bytes
from teiedition.entities.dates import find_dates

ROOT = Path(__file__).resolve().parents[1]
TEI = "{http://www.tei-c.org/ns/1.0}"
JANUARY = datetime.date(1890, 1, 12)
DECEMBER = datetime.date(1901, 12, 28)
MARCH = datetime.date(1912, 3, 14)


def values(text: str, lang: str, anchor: datetime.date | None) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.when or f"{m.from_}/{m.to}", m.cert or "")
            for m in find_dates(text, lang, anchor)]


@pytest.mark.parametrize(("lang", "text", "surface", "when"), [
    # past: the last such day on or before the letter's date
    ("en", "Your letter of the 5th of December reached me last week.", "5th of December",
     "1889-12-05"),
    ("sv", "Ditt brev av den 20 december kom i går.", "20 december", "1889-12-20"),
    ("de", "Ihr Schreiben vom 22. Dezember erhielt ich gestern.", "22. Dezember", "1889-12-22"),
    ("fr", "J'ai bien reçu votre lettre du 30 décembre.", "30 décembre", "1889-12-30"),
    # future: the first such day on or after it
    ("en", "Please send the accounts by 31st January.", "31st January", "1890-01-31"),
    ("sv", "Nästa möte hålls den 2 april.", "2 april", "1890-04-02"),
    ("de", "Am 15. Januar werde ich nach Berlin reisen.", "15. Januar", "1890-01-15"),
    ("fr", "Envoyez-moi les papiers d'ici le 1er février.", "1er février", "1890-02-01"),
    # since: past, even in the letter's own month
    ("en", "Since the 2nd of January the clerks have been at work.", "2nd of January",
     "1890-01-02"),
])
def test_a_january_letter_reads_the_direction_of_the_sentence(
        lang: str, text: str, surface: str, when: str) -> None:
    (got,) = values(text, lang, JANUARY)
    assert got[:2] == (surface, when)


@pytest.mark.parametrize(("lang", "text", "surface", "when"), [
    ("en", "We shall sail on January 15 if the weather allows.", "January 15", "1902-01-15"),
    ("en", "Your letter of November 30 arrived yesterday.", "November 30", "1901-11-30"),
    ("sv", "Den 10 januari reser jag till Oslo.", "10 januari", "1902-01-10"),
    ("de", "Bis zum 5. Februar bleibe ich hier.", "5. Februar", "1902-02-05"),
    ("fr", "Je partirai le 20 janvier pour Genève.", "20 janvier", "1902-01-20"),
])
def test_a_december_letter_looks_into_the_next_year(
        lang: str, text: str, surface: str, when: str) -> None:
    (got,) = values(text, lang, DECEMBER)
    assert got[:2] == (surface, when)


def test_without_tense_the_nearer_year_wins_only_within_three_months() -> None:
    # no verb at all: the December before a January letter is 35 days away, the next 330
    assert values("Tack för hälsningen av den 8 december.", "sv", JANUARY)[0][1:] == (
        "1889-12-08", "medium")
    assert values("The auction on January 15.", "en", DECEMBER)[0][1:] == ("1902-01-15",
                                                                          "medium")
    # April seen from November: neither is near, the document's year stays (as before)
    assert values("Årsmötet den 21 april.", "sv", datetime.date(1937, 11, 2))[0][1:] == (
        "1937-04-21", "high")


@pytest.mark.parametrize(("lang", "text", "surface"), [
    ("sv", "Under 1911 var det lugnt. Den första maj blir i år en demonstration.",
     "första maj"),
    ("sv", "Under 1911 var det lugnt, men i år firas den 20 december med fest.", "20 december"),
    ("en", "In 1911 there was none, but this year the congress meets on 5 December.",
     "5 December"),
    ("de", "Dieses Jahr fällt Ostern auf den 7. April.", "7. April"),
    ("fr", "Cette année, le 14 juillet tombe un dimanche.", "14 juillet"),
])
def test_this_year_is_the_documents_year(lang: str, text: str, surface: str) -> None:
    got = [v for v in values(text, lang, MARCH) if v[0] == surface]
    assert got and got[0][1].startswith("1912-") and got[0][2] == "high"


def test_an_explicit_year_in_the_sentence_wins() -> None:
    assert values("In 1900 the fire of March 3 destroyed the east wing.", "en", DECEMBER)[1][
        1:] == ("1900-03-03", "high")
    assert values("Im Herbst 1911, am 14. Oktober, starb mein Vater.", "de", MARCH)[1][1:] == (
        "1911-10-14", "high")


def test_every_language_with_a_grammar_reads_this_year() -> None:
    for lang, text in [("da", "I år holdes mødet den 20. december."),
                       ("nb", "I år holdes møtet den 20. desember."),
                       ("es", "Este año la reunión será el 20 de diciembre."),
                       ("it", "Quest'anno la riunione sarà il 20 dicembre."),
                       ("nl", "Dit jaar is de vergadering op 20 december."),
                       ("fi", "Tänä vuonna kokous pidetään 20. joulukuuta.")]:
        got = values(text, lang, JANUARY)
        assert [v[1:] for v in got] == [("1890-12-20", "high")], lang


def _encode(text: str) -> tuple[list[tuple[str, str]], str]:
    tree = encode_bytes(text.encode(), "letter.txt", entities=True).tree
    dates = [("".join(d.itertext()), d.get("when") or "") for d in tree.iter(f"{TEI}date")
             if d.get("resp")]
    note = " ".join("".join(e.itertext()) for e in tree.iter(f"{TEI}interpretation"))
    return dates, note


def test_the_issues_letter_with_a_paragraph_about_an_earlier_year() -> None:
    text = ("Dear Mr. Hartley,\n\nThe year 1889 was a hard one for the firm, and in March 1889 "
            "we lost the contract.\n\nYour letter of the 5th of December reached me last week."
            " Please send the accounts by 31st January.\n\nLondon, 12 January 1890.\n\n"
            "Yours faithfully,\nJohn Whitmore\n")
    dates, note = _encode(text)
    assert ("5th of December", "1889-12-05") in dates
    assert ("31st January", "1890-01-31") in dates
    # the closing date line is the anchor, and the header says so
    assert "1890-01-12" in note and "London, 12 January 1890." in note


def test_an_undated_text_says_it_kept_the_narrative_rule() -> None:
    dates, note = _encode("Hon kom till Paris i maj 1931. Den 3 juni skrev hon hem till "
                          "sin mor, som bodde i Uppsala.\n\nDen 9 juli reste hon vidare.\n")
    assert ("3 juni", "1931-06-03") in dates
    assert "no date of its own" in note


def test_letters_in_four_languages_are_dated_right() -> None:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "dates.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    scores = bench.score_letters()
    assert set(scores) == {"dev", "heldout"}
    right = sum(r for r, _t, _w in scores.values())
    total = sum(t for _r, t, _w in scores.values())
    assert total >= 60
    assert right / total >= 0.95, [w for _r, _t, ws in scores.values() for w in ws]
    # read in chunks (the streaming encoder), a closing date line still anchors the dates
    # of the chunks before it: the same values
    assert bench.score_letters(chunk_chars=400) == scores


@pytest.mark.parametrize("chunk_chars", [None, 120])
def test_a_closing_date_line_anchors_also_a_letter_read_in_chunks(chunk_chars: int | None
                                                                  ) -> None:
    """``Lyon, ce 3 janvier 1912`` after the signature: the letter's date, whether the text
    is read whole or in chunks (before, the streaming encoder read only the first chunk's
    head, and ``ce`` was no date line's word: 20 janvier -> 1911)."""
    text = ("Mon cher Lucien,\n\nTa lettre du 28 décembre m'est parvenue hier. L'année 1911 "
            "a été dure : en octobre 1911 la fabrique a fermé.\n\n"
            "Je viendrai à Paris le 20 janvier, et je resterai jusqu'au 2 février.\n\n"
            "Cette année, le 14 juillet tombe un dimanche.\n\n"
            "Ton vieil ami,\nÉtienne Vallet\n\nLyon, ce 3 janvier 1912\n")
    kw = {} if chunk_chars is None else {"chunk_chars": chunk_chars}
    r = encode_bytes(text.encode(), "x.txt", **kw)
    assert chunk_chars is None or r.counts.chunks > 1
    dates = [("".join(d.itertext()), d.get("when")) for d in r.tree.iter(f"{TEI}date")]
    note = " ".join("".join(e.itertext()) for e in r.tree.iter(f"{TEI}interpretation"))
    assert ("28 décembre", "1911-12-28") in dates
    assert ("20 janvier", "1912-01-20") in dates and ("2 février", "1912-02-02") in dates
    assert ("14 juillet", "1912-07-14") in dates
    assert "1912-01-03" in note and "Lyon, ce 3 janvier 1912" in note
