"""Paragraphs and headings from the signals a text uses (``encode/blocks.py``).

Each test writes one text the way an extractor gives it (the same novel's page, four ways) and
checks the blocks the encoder reads; the layout suite (``test_layout_suite.py``) measures the
same on whole typeset books.
"""

from __future__ import annotations

from teiedition import TEI_NS, text
from teiedition.encode import encode_bytes
from teiedition.encode.blocks import ParagraphStyle, division, learn
from teiedition.encode.lines import split_lines

NS = {"t": TEI_NS}

#: A page of prose: three paragraphs (the second a speaker's two lines), wrapped at ~60.
PARAGRAPHS = [
    ["Det var en afton i början av maj. Den lilla trädgården på",
     "Mosebacke hade ännu icke blivit öppnad för allmänheten och",
     "rabatterna voro ej uppgrävda; snödropparne hade arbetat sig",
     "upp genom fjolårets lövsamlingar och höllo just på att sluta",
     "sin korta verksamhet för att lämna plats åt de ömtåligare",
     "saffransblommorna, vilka tagit skydd under ett päronträd."],
    ["– Nej, sade han och såg upp mot fönstret, där ljuset ännu",
     "brann."],
    ["Men solen stod över Liljeholmen och sköt hela kvastar av",
     "strålar mot öster; de gingo genom rökarne från Bergsund, de",
     "ilade fram över Riddarfjärden, klättrade upp till korset på",
     "Riddarholmskyrkan, kastade sig över till Tyskans branta tak,",
     "lekte med vimplarne på Skeppsbrobåtarne och tonade bort i ett",
     "rosenfärgat moln, långt ut i fjärran, där havet ligger nu."],
]
HEAD = ["FÖRSTA KAPITLET", "Stockholm i fågelperspektiv."]


def _paragraphs(raw: str) -> list[str]:
    t = encode_bytes(raw.encode(), "x.txt", entities=False).tree
    return [text.block_text(p) for p in t.xpath("//t:body//t:p", namespaces=NS)]


def _heads(raw: str) -> list[str]:
    t = encode_bytes(raw.encode(), "x.txt", entities=False).tree
    return [text.block_text(h) for h in t.xpath("//t:body//t:head", namespaces=NS)]


EXPECTED = [" ".join(p) for p in PARAGRAPHS]


def test_poppler_default_mode_short_last_lines() -> None:
    """No blank line, no indent: a sentence that ends with room left for the next word ends
    its paragraph; lines that end full do not."""
    raw = "\n".join(HEAD + [ln for p in PARAGRAPHS for ln in p]) + "\n"
    style = learn(split_lines(raw))
    assert style.describe() == "short last lines"
    assert _paragraphs(raw) == EXPECTED
    assert _heads(raw) == HEAD


def test_stray_blank_lines_inside_paragraphs_are_not_paragraph_marks() -> None:
    """Poppler leaves blank lines where its text blocks split, even mid-sentence: where most
    short last lines have none after them, blank lines are not the text's paragraph mark."""
    lines = HEAD + [ln for p in PARAGRAPHS * 2 for ln in p]
    lines.insert(5, "")  # inside the first paragraph, after "på"
    lines.insert(12, "")  # inside the third
    raw = "\n".join(lines) + "\n"
    assert not learn(split_lines(raw)).blank
    assert _paragraphs(raw) == EXPECTED * 2


def test_blank_lines_where_the_text_uses_them() -> None:
    raw = "\n\n".join("\n".join(p) for p in [HEAD[:1], HEAD[1:], *PARAGRAPHS]) + "\n"
    assert learn(split_lines(raw)).blank
    assert _paragraphs(raw) == EXPECTED


def test_pdftotext_layout_first_line_indent() -> None:
    """-layout keeps the indent: a paragraph that ends on a full line is found too."""
    paras = [list(p) for p in PARAGRAPHS]
    paras[2][-1] = "rosenfärgat moln, långt ut i fjärran, där havet ligger, blått."
    raw = "\n".join(["              " + HEAD[0], "           " + HEAD[1]]
                    + [("    " if i == 0 else "") + ln for p in paras
                       for i, ln in enumerate(p)]) + "\n"
    assert learn(split_lines(raw)).indent
    assert _paragraphs(raw) == [" ".join(p) for p in paras]
    assert _heads(raw) == HEAD


def test_pypdf_trailing_space_on_wrapped_lines() -> None:
    """pypdf keeps a space at the end of each wrapped line and none where a paragraph ends:
    a paragraph that ends on a full line is found by it."""
    paras = [list(p) for p in PARAGRAPHS] * 2
    raw = "\n".join(HEAD + [ln + (" " if i < len(p) - 1 else "") for p in paras
                            for i, ln in enumerate(p)]) + "\n"
    assert learn(split_lines(raw)).trailing
    assert _paragraphs(raw) == [" ".join(p) for p in paras]


def test_dialogue_lines_are_paragraphs_never_headings() -> None:
    lines = [ln for p in PARAGRAPHS for ln in p]
    speech = ["– Vi förlorade, sade han.", "– Men vi lärde oss mycket, svarade hon.",
              "– Ja."]
    raw = "\n".join(HEAD + lines[:6] + speech + lines[8:]) + "\n"
    got = _paragraphs(raw)
    assert got[1:4] == speech
    assert _heads(raw) == HEAD


def test_heading_kinds() -> None:
    for head in ("Kapitel 3", "CHAPTER XII", "I.", "12", "Première partie", "Chapitre 1",
                 "FÖRSTA KAPITLET", "Första Kapitlet.", "II THE MACHINE", "Zweites Buch"):
        assert division(head), head
    # (a title in the form of one, THE RED BOOK, is told apart by its place: see classify)
    for line in ("I am here", "In the first part we", "12 år gammal", "1848 kom han"):
        assert not division(line), line
    for head in ("CHAPTER XII", "I.", "ANDRA BREFVET.", "Zum Alm-Öhi hinauf"):
        # after the end of a chapter (at the top of a text, a line may be its title)
        raw = "\n".join(PARAGRAPHS[1] + [head] + [ln for p in PARAGRAPHS for ln in p]) + "\n"
        assert _heads(raw) == [head], head
        assert _paragraphs(raw) == [EXPECTED[1], *EXPECTED], head


def test_verse_set_in_stays_together_under_indentation() -> None:
    """-layout: a stanza set in (every line indented alike) is not a run of indented
    paragraph starts, and its short lines are not headings."""
    stanza = ["       I oron, som beständigt väckes", "       Och sjelf sitt gift begärligt när,",
              "       Vår tanke ut på hafvet sträckes", "       Och skeppen ser, som krossas der."]
    paras = [["    " + p[0], *p[1:]] for p in PARAGRAPHS]
    raw = "\n".join(paras[0] + stanza + paras[1] + stanza + paras[2]) + "\n"
    t = encode_bytes(raw.encode(), "x.txt", entities=False).tree
    assert t.xpath("//t:body//t:head", namespaces=NS) == []
    verse = [text.block_text(ln) for ln in t.xpath("//t:l", namespaces=NS)]
    assert verse == [s.strip() for s in stanza] * 2


def test_style_is_plain_data() -> None:
    style = learn(split_lines("Ett stycke.\n"))
    assert isinstance(style, ParagraphStyle) and style.capacity >= 0


def test_a_title_wrapped_in_two_lines_set_apart_over_its_text() -> None:
    """A chapter's title without a division's name, centred and wrapped in two lines that
    both end early (no blank line under it: poppler's default mode), after a blank line:
    a heading, not the first lines of its paragraph; lines in capitals keep their own rule."""
    lines = [ln for p in PARAGRAPHS for ln in p]
    titles = [["Der Hausherr hört allerlei in seinem", "Hause, das er noch nicht gehört hat"],
              ["Fräulein Rottenmeier hat einen", "unruhigen Tag"]]
    raw = "\n".join(PARAGRAPHS[1] + [""] + titles[0] + lines + [""] + titles[1] + lines) + "\n"
    assert _heads(raw) == [" ".join(t) for t in titles]
    assert _paragraphs(raw) == [EXPECTED[1], *EXPECTED, *EXPECTED]
