"""The Swedish tokenizer: names stay whole, offsets are exact, sentences break where they end."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from teiedition.entities.tokens import Token, sentences, tokenize
from teiedition.resources import sample_path


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


def test_genitives_stay_one_token() -> None:
    assert texts("GPU:s agenter och SUKP:s centralkommitté") == [
        "GPU:s",
        "agenter",
        "och",
        "SUKP:s",
        "centralkommitté",
    ]
    assert texts("Reiss’ mördare, Marx’ idéer och Stalins brott.") == [
        "Reiss’",
        "mördare",
        ",",
        "Marx’",
        "idéer",
        "och",
        "Stalins",
        "brott",
        ".",
    ]
    # an apostrophe that is a closing quote after a word not ending in s is split off
    assert texts("han sa ’nej’ igen") == ["han", "sa", "’", "nej", "’", "igen"]


def test_hyphenated_words_are_one_token() -> None:
    assert texts("Chiang Kai-shek och GPU-agenterna i Komintern-kadern") == [
        "Chiang",
        "Kai-shek",
        "och",
        "GPU-agenterna",
        "i",
        "Komintern-kadern",
    ]
    # dashes with spaces and line-end hyphens before a newline are separate
    assert texts("Paris – Berlin") == ["Paris", "–", "Berlin"]
    assert texts("sken-\nrättegångar") == ["sken", "-", "rättegångar"]


def test_abbreviations_and_numbers() -> None:
    assert texts("dvs. t.ex. bl.a. kl. 14.30 den 13:e nr 60-61") == [
        "dvs.",
        "t.ex.",
        "bl.a.",
        "kl.",
        "14.30",
        "den",
        "13:e",
        "nr",
        "60-61",
    ]
    assert texts("N:o 20 på DN.se") == ["N:o", "20", "på", "DN.se"]


def test_offsets_are_exact() -> None:
    s = "  Den 21 april höll EKKI (Kominterns exekutivkommitté) ett möte i\u00a0Paris…  "
    for tok in tokenize(s):
        assert s[tok.start : tok.end] == tok.text
        assert tok.text.strip() == tok.text and tok.text


def test_offsets_reconstruct_the_sample() -> None:
    text = sample_path().read_text(encoding="utf-8")
    toks = tokenize(text)
    assert len(toks) > 2000
    rebuilt = []
    pos = 0
    for tok in toks:
        gap = text[pos : tok.start]
        assert gap.strip() == "", (gap, tok)
        rebuilt.append(gap + tok.text)
        pos = tok.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text
    # what we have in the token stream is every non-space character, in order
    assert "".join(t.text for t in toks) == re.sub(r"\s+", "", text)


@given(st.text(alphabet=st.sampled_from(list("aÅb C:s’'-.–\n\t”1é ")), max_size=60))
def test_offsets_hold_for_any_text(s: str) -> None:
    toks = tokenize(s)
    assert "".join(t.text for t in toks) == re.sub(r"\s+", "", s)
    for a, b in zip(toks, toks[1:], strict=False):
        assert a.end <= b.start
    for t in toks:
        assert isinstance(t, Token) and s[t.start : t.end] == t.text


def sents(s: str) -> list[str]:
    return [" ".join(t.text for t in sent) for sent in sentences(tokenize(s))]


def test_sentences_do_not_break_at_abbreviations_or_initials() -> None:
    s = (
        "Trotskisterna, dvs. alla kritiker, anklagades. Det gällde t o m M Koltsov och "
        "s k vänstersocialister. Prof. H. A. Wahlfors kom kl. 10 till Helsingfors."
    )
    assert sents(s) == [
        "Trotskisterna , dvs. alla kritiker , anklagades .",
        "Det gällde t o m M Koltsov och s k vänstersocialister .",
        "Prof. H . A . Wahlfors kom kl. 10 till Helsingfors .",
    ]


def test_sentences_break_after_quotes_and_exclamations() -> None:
    s = "Han sa: ”Fjärde internationalen består av spioner.” Detta visar allt! Nu? Ja."
    assert sents(s) == [
        "Han sa : ” Fjärde internationalen består av spioner . ”",
        "Detta visar allt !",
        "Nu ?",
        "Ja .",
    ]
    # lowercase after a period (an unknown abbreviation, an ellipsis) does not break
    assert len(sents("Det var ca. tio … eller fler.")) == 1
    # abbreviations that close sentences do so before a capital
    assert sents("Böcker, tidningar osv. Sedan kom de.") == [
        "Böcker , tidningar osv.",
        "Sedan kom de .",
    ]


def test_sentences_cover_all_tokens() -> None:
    toks = tokenize(sample_path().read_text(encoding="utf-8"))
    ss = sentences(toks)
    assert [t for s in ss for t in s] == toks
    assert 60 < len(ss) < 400
