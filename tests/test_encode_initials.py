"""Large initials (``encode/initials.py``): the letter an extractor set apart goes back onto
its word, on real extractions of a design that opens each chapter with one (fresh2's
``g-initial-caps``), and a single-letter word stays a word."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from teiedition import text
from teiedition.encode import encode_bytes
from teiedition.encode.initials import join_initials
from teiedition.encode.lines import split_lines

CASE = Path(__file__).parent / "data" / "layouts" / "fresh2" / "deu-spyri--g-initial-caps"


@pytest.mark.parametrize("extraction", ["pdftotext", "pdftotext-layout", "pypdf"])
def test_the_initial_goes_back_onto_its_word(extraction: str) -> None:
    raw = gzip.decompress((CASE / f"{extraction}.txt.gz").read_bytes())
    lines = split_lines(raw.decode("utf-8"))
    assert join_initials(lines) >= 2
    texts = [ln.text for ln in lines]
    assert any(t.startswith("Schnell war der Winter") for t in texts)
    assert "S" not in texts and not any(t.startswith("chnell") for t in texts)
    tree = encode_bytes(raw, "x.txt", entities=False).tree
    words = " ".join(text.words(tree))
    assert "Schnell war der Winter" in words and " chnell " not in words
    if extraction != "pdftotext-layout":  # the letter's own line is kept: the diplomatic
        diplomatic = text.words(tree, diplomatic=True)  # text has it apart, as the source
        assert diplomatic[diplomatic.index("chnell") - 1] == "S"


def test_the_letter_keeps_its_line_in_the_diplomatic_text() -> None:
    """Hypothesis found 'A\nb' read as one word 'Ab' in the diplomatic text too: the
    source's line end inside the word is an <lb break="no"/>, so both readings hold."""
    for raw in ("A\nb", "x y\nA\nbc d", "Vorwort\n\nS\n\nchnell war der Winter.\n"):
        tree = encode_bytes(raw.encode(), "r.txt", entities=False).tree
        assert text.words(tree, diplomatic=True) == raw.split()
    assert text.words(tree) == ["Vorwort", "Schnell", "war", "der", "Winter."]


def test_a_one_letter_word_stays_a_word() -> None:
    """``I  am`` in a justified ``-layout`` line, ``A`` alone on a line over ``man``: the
    rest is a word the text uses elsewhere, so nothing is joined."""
    text = ("It was late when I came home, and I am tired now.\n"
            "I  am not sure what a man can do.\n\n"
            "A\n"
            "man walked by.\n")
    lines = split_lines(text)
    assert join_initials(lines) == 0
    assert [ln.text for ln in lines][1] == "I  am not sure what a man can do."
