"""Property tests (hypothesis) across stages: random TEI built from the elements the schema
allows keeps every word in the HTML, and is valid against the project schema where it should.

By default a modest number of examples runs; `TEIEDITION_EXAMPLES=10000 pytest
tests/test_properties.py tests/test_fidelity.py` runs 10,000 per property (by hand: minutes).
"""

from __future__ import annotations

import os
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teiedition.publish.html import render

from .html_helpers import TEI_NS as TEI
from .html_helpers import parse_html, reading_text, tei_body_words, tei_doc, words

EXAMPLES = int(os.environ.get("TEIEDITION_EXAMPLES", "60"))

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ<>&\"'#$*_@\\`[]{}0123456789",
               min_size=1, max_size=10)
TEXT = st.lists(WORD, min_size=1, max_size=6).map(lambda ws: escape(" ".join(ws)))


def _wrap(tag: str, attrs: str = ""):  # noqa: ANN202
    return lambda inner: f"<{tag}{attrs}>{inner}</{tag}>"


INLINE_TAGS = [
    _wrap("hi", ' rend="italic"'), _wrap("emph"), _wrap("foreign", ' xml:lang="en"'),
    _wrap("q"), _wrap("soCalled"), _wrap("quote"), _wrap("persName", ' ref="#p1"'),
    _wrap("orgName"), _wrap("placeName"), _wrap("title", ' level="j"'),
    _wrap("date", ' when="1937-11-02"'), _wrap("name"), _wrap("rs", ' type="person"'),
    _wrap("num"), _wrap("seg"), _wrap("sic"), _wrap("unclear"), _wrap("supplied"),
    _wrap("add"), _wrap("abbr"),
]
MILESTONES = st.sampled_from(['<lb/>', '<lb break="no"/>', '<lb break="no" rend="hyphen"/>',
                              '<pb n="7"/>', '<milestone unit="section"/>', '<gap/>'])

INLINE = st.recursive(
    st.one_of(TEXT, MILESTONES),
    lambda children: st.one_of(
        st.tuples(st.sampled_from(INLINE_TAGS), st.lists(children, min_size=1, max_size=3)
                  .map("".join)).map(lambda t: t[0](t[1])),
        st.lists(children, min_size=2, max_size=4).map(" ".join),
    ),
    max_leaves=12,
)
P = INLINE.map(lambda s: f"<p>{s}</p>")
HEAD = TEXT.map(lambda s: f"<head>{s}</head>")
LG = st.lists(TEXT, min_size=1, max_size=4).map(
    lambda ls: "<lg>" + "".join(f"<l>{x}</l>" for x in ls) + "</lg>")
# a note stands after a word (the HTML moves its text to the foot of the page)
NOTE_P = st.tuples(TEXT, TEXT).map(lambda t: f'<p>{t[0]} <note place="foot">{t[1]}</note></p>')
DIV = st.tuples(st.one_of(st.just(""), HEAD),
                st.lists(st.one_of(P, LG, NOTE_P), min_size=1, max_size=4)).map(
    lambda t: f"<div>{t[0]}{''.join(t[1])}</div>")
BODY = st.lists(DIV, min_size=1, max_size=3).map("".join)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=EXAMPLES)
@given(BODY)
def test_html_keeps_every_word_of_random_tei(body: str) -> None:
    tei = tei_doc(body)
    page = dict(render([("t.html", tei.getroot())], search=False))["t.html"]
    doc = parse_html(page)
    for el in doc.iter("p", "div", "li", "h1", "h2", "h3", "h4", "section", "span"):
        if el.tag != "span" or "l" in (el.get("class") or "").split():
            # lay out as a browser would: block boxes are word boundaries
            el.text, el.tail = " " + (el.text or ""), " " + (el.tail or "")
    text_words = words(" ".join(reading_text(e) for e in doc.cssselect("div.text .tei-body")))
    note_words = words(" ".join(reading_text(e) for e in doc.cssselect("ol.notes li")))
    notes = [words(" ".join(n.itertext())) for n in tei.iter(f"{{{TEI}}}note")]
    for n in list(tei.iter(f"{{{TEI}}}note")):
        n.getparent().remove(n)  # (the tail is kept: notes here stand at a paragraph's end)
    # every letter of every word, in order (editorial brackets such as [supplied] may split
    # a word in two, which is how the edition marks them)
    assert "".join(text_words) == "".join(tei_body_words(tei)), body
    assert "".join(note_words) == "".join(w for n in notes for w in n), body
