"""Large initials (``encode/initials.py``): the letter an extractor set apart goes back onto
its word, on real extractions of a design that opens each chapter with one (fresh2's
``g-initial-caps``), and a single-letter word stays a word."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

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
    words = " ".join(encode_bytes(raw, "x.txt", entities=False).tree.getroot().itertext())
    assert "Schnell war der Winter" in words and " chnell " not in words


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
