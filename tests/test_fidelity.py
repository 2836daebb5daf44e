"""Fidelity: every word of the source reaches the TEI, in order, for texts of many kinds.

Texts are made from the ELTeC novels (paragraphs known), laid out with line ends, hyphens and
page breaks; encoding them must give the paragraphs back as reading text. Random texts
(hypothesis) must give back their exact words as diplomatic text.
"""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teiedition import TEI_NS, text
from teiedition.encode import encode_bytes

from .textgen import eltec_paragraphs, make_text

QUOTES = re.compile(r"[”“„\"»«]")


def words_without_marks(s: str) -> list[str]:
    return [w for w in QUOTES.sub("", s).split() if w]


@pytest.mark.parametrize("style", ["indent", "formfeed", "number"])
def test_eltec_paragraphs_come_back(eltec, style: str) -> None:  # noqa: ANN001
    paras = eltec_paragraphs(eltec[0], limit=150)
    raw = make_text(paras, page_style=style, seed=7)
    result = encode_bytes(raw.encode(), "novel.txt", entities=False)
    tree = result.tree
    # diplomatic: exactly the words of the laid-out text (page numbers become pb/@n)
    kept_lines = [ln for ln in raw.splitlines() if not (style == "number" and ln.isdigit())]
    assert text.words(tree, diplomatic=True) == " ".join(kept_lines).split()
    # reading: the original words; count the line-end hyphen decisions that went wrong
    got = words_without_marks(" ".join(text.words(tree)))
    want = words_without_marks(" ".join(paras))
    assert len(got) == len(want)
    wrong = [(a, b) for a, b in zip(got, want, strict=True) if a != b]
    decisions = len(result.document.hyphenation)
    assert decisions > 30
    assert len(wrong) <= 0.02 * decisions, wrong[:10]
    pages = tree.xpath("//t:pb/@n", namespaces={"t": TEI_NS})
    assert len(pages) >= 3 and pages == sorted(pages, key=int)


def test_eltec_paragraph_boundaries(eltec) -> None:  # noqa: ANN001
    paras = eltec_paragraphs(eltec[-1], limit=120)
    result = encode_bytes(make_text(paras, seed=3).encode(), "n.txt", entities=False)
    blocks = [text.block_text(b) for b in text.blocks(result.tree)]
    # every source paragraph is one block (short ones may be read as headings/titles)
    assert [QUOTES.sub("", b) for b in blocks] == [QUOTES.sub("", p) for p in paras]


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ-”,.:;!?0123456789’",
               min_size=1, max_size=12)
LINE = st.lists(WORD, min_size=0, max_size=12).map(" ".join)
TEXT = st.lists(st.one_of(LINE, st.just(""), LINE.map(lambda s: " " + s),
                          LINE.map(lambda s: s + "-")), min_size=1, max_size=40).map(
    "\n".join)


@settings(max_examples=int(os.environ.get("TEIEDITION_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_keeps_every_word(raw: str) -> None:
    if not raw.strip():
        return
    result = encode_bytes(raw.encode(), "r.txt", entities=False)
    assert text.words(result.tree, diplomatic=True) == raw.split()


NAMEISH = st.sampled_from(["Stalin", "Stalins", "GPU:s", "Reiss’", "Kai-shek", "Moskva", "den",
                           "21", "april", "1937", "”", "-", "tidningen", "Pravda", "och", "M",
                           "Koltsov", "Spanien", "nr", "60-61", "Herr", "Jansson", "AB"])
NAME_TEXT = st.lists(st.lists(NAMEISH, max_size=12).map(" ".join), min_size=1,
                     max_size=20).map("\n".join)


@settings(max_examples=int(os.environ.get("TEIEDITION_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXT, NAME_TEXT))
def test_random_text_with_entities_keeps_every_word(raw: str) -> None:
    """Names and dates only add markup: the words of any text come back unchanged."""
    if not raw.strip():
        return
    result = encode_bytes(raw.encode(), "r.txt", entities=True)
    assert text.words(result.tree, diplomatic=True) == raw.split()
