"""Rules that need "a capital" or "a small letter" hold in every alphabet (``letters``), not
only in the Swedish one they were first written for: Czech, Polish and Russian text."""

from __future__ import annotations

import pytest
from lxml import etree

from teiedition.encode import encode_bytes
from teiedition.encode.hyphenation import Vocabulary, decide, lexicon

T = "{http://www.tei-c.org/ns/1.0}"

CZECH = """Úvod do dějin

Byl pozdní večer, první máj, večerní máj, byl lásky čas. Hrdliččin zval ku lásce hlas, \
kde borový zaváněl háj. O lásce šeptal tichý mech, květoucí strom lhal lásky žel.

Část druhá

Svou lásku slavík růži pěl, růžinu jevil vonný vzdech. Jezero hladké v křovích stinných \
zvučelo temně tajný bol, břeh je objímal kol a kol.

Ve městě ČKD-
verken byly zavřeny a dělníci šli domů.
"""


@pytest.mark.parametrize(("line", "after"), [
    ("arbetarna vid ČKD-", "verken strejkade"),  # Czech capitals
    ("enligt ŁKS-", "ledningen"),  # Polish
    ("в СССР-", "овских газетах"),  # Cyrillic
    ("arbetarna vid ASEA-", "verken strejkade"),  # as before
])
def test_an_acronym_in_any_alphabet_keeps_its_hyphen(line: str, after: str) -> None:
    d = decide(0, line, after, Vocabulary(f"{line} {after}"), lexicon("sv"))
    assert d is not None and not d.joined and d.certain
    assert d.reason == "an acronym or number before the hyphen"


def test_a_heading_with_a_czech_capital_and_an_acronym_across_the_line_end() -> None:
    body = encode_bytes(CZECH.encode(), "t.txt", entities=False).tree.find(f".//{T}body")
    # "Část druhá" starts with a capital (it was read as a paragraph: Č was no capital)
    assert [h.text for h in body.iter(f"{T}head")] == ["Část druhá"]
    last = body.findall(f".//{T}p")[-1]
    # ČKD-verken keeps its hyphen (it had been joined as "ČKDverken")
    assert "".join(last.itertext()).startswith("Ve městě ČKD-verken")
    assert etree.tostring(last, encoding="unicode").count('rend="hyphen"') == 0
