"""Unit tests of the HTML templates, one TEI element (or case) at a time."""

from __future__ import annotations

from teiedition.publish.html import render_fragment

from .html_helpers import (
    HERE,
    diplomatic_text,
    has_class,
    parse_html,
    reading_text,
    register_doc,
    tei_doc,
    words,
)

REG = register_doc("""
<listPerson><person xml:id="pers-stalin"><persName type="reg">Josef Stalin</persName>
  <persName type="variant">Stalin</persName></person>
  <person xml:id="pers-x">
    <persName type="reg">&lt;script&gt;alert("reg")&lt;/script&gt;</persName></person>
</listPerson>
<listOrg><org xml:id="org-sukp"><orgName type="reg">SUKP</orgName></org>
  <org xml:id="org-sukp-ck"><orgName type="reg">SUKP:s centralkommitté</orgName></org></listOrg>
<listPlace><place xml:id="place-paris"><placeName type="reg">Paris</placeName></place></listPlace>
""")


def frag(body: str, register=REG, **kw):  # noqa: ANN001, ANN201
    return parse_html(render_fragment(tei_doc(body, **kw), register))


def test_persname_links_to_register_with_tooltip() -> None:
    h = frag('<p>Då höll <persName ref="#pers-stalin">Stalins</persName> tal.</p>')
    (a,) = h.cssselect("a.ent")
    assert a.get("href") == "persons.html#pers-stalin"
    assert has_class(a, "ent-person")
    (tip,) = a.cssselect(".tip")
    assert tip.text_content() == "Josef Stalin"
    assert tip.get("role") == "tooltip"
    assert a.get("aria-describedby") == tip.get("id")  # the tooltip describes the link
    assert "Då höll Stalins tal." in " ".join(reading_text(h).split())


def test_org_and_place_go_to_their_pages_and_uncertain_is_marked() -> None:
    h = frag('<p><placeName ref="#place-paris" cert="low">Paris</placeName> '
             '<orgName ref="#org-sukp">SUKP</orgName></p>')
    hrefs = [a.get("href") for a in h.cssselect("a.ent")]
    assert hrefs == ["places.html#place-paris", "organisations.html#org-sukp"]
    paris = h.cssselect("a.ent")[0]
    assert has_class(paris, "cert-low")
    assert "osäker" in paris.cssselect(".tip")[0].text_content()


def test_nested_names_do_not_nest_links() -> None:
    h = frag('<p><orgName ref="#org-sukp-ck"><orgName ref="#org-sukp">SUKP</orgName>'
             ':s centralkommitté</orgName></p>')
    links = h.cssselect("a")
    outer = [a for a in links if has_class(a, "ent")]
    assert len(outer) == 1 and outer[0].get("href").endswith("#org-sukp-ck")
    assert not list(outer[0].iterdescendants("a")), "a link inside a link is invalid HTML"
    assert "SUKP:s centralkommitté" in reading_text(h)


def test_name_without_register_entry_is_kept_as_text() -> None:
    h = frag('<p>Hos <persName ref="#nobody">Ingen</persName> och '
             '<persName>Namnlös</persName>.</p>')
    assert not h.cssselect("a.ent")
    assert [s.text_content() for s in h.cssselect("span.ent")] == ["Ingen", "Namnlös"]


def test_script_in_names_and_text_is_escaped() -> None:
    body = ('<p>Text &lt;script&gt;alert(1)&lt;/script&gt; och '
            '<persName ref="#pers-x">&lt;script&gt;alert(2)&lt;/script&gt;</persName>'
            '<hi rend="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">y</hi></p>')
    out = render_fragment(tei_doc(body), REG)
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)" in out and "&lt;script&gt;alert(2)" in out
    assert '&lt;script&gt;alert("reg")' in out or "&lt;script&gt;alert(&quot;reg&quot;)" in out
    h = parse_html(out)
    assert not h.cssselect("script")
    assert "<script>alert(1)</script>" in reading_text(h)


def test_lb_hyphen_reading_and_diplomatic() -> None:
    h = frag('<p>juridiska sken<lb break="no" rend="hyphen"/>rättegångar och '
             'GPU-<lb break="no"/>organ samt slut <lb/>rad</p>')
    reading = reading_text(h)
    assert "skenrättegångar" in reading
    assert "GPU-organ" in reading
    assert "slut rad" in " ".join(reading.split())
    dipl = diplomatic_text(h)
    assert "sken-\nrättegångar" in dipl
    assert "GPU-\norgan" in dipl
    assert "slut \nrad" in dipl


def test_running_heads_are_not_reading_text() -> None:
    """fw (a book page's head as encode writes it, a catchword) shows only in the
    diplomatic view, where it stood, and is not in the reading text."""
    h = frag('<p>och regnet <lb/>föll <pb n="8"/><fw type="header" place="top">8 AUGUST '
             'STRINDBERG</fw>hela <lb/>natten<fw type="catch">och</fw>.</p>')
    assert " ".join(reading_text(h).split()) == "och regnet föll hela natten."
    dipl = " ".join(diplomatic_text(h).split())
    assert dipl.index("föll") < dipl.index("8 AUGUST STRINDBERG") < dipl.index("hela")
    assert [fw.text_content() for fw in h.cssselect("span.dipl.fw")] == ["8 AUGUST STRINDBERG",
                                                                       "och"]

def test_lb_without_surrounding_space_is_a_word_boundary() -> None:
    h = frag("<p>offensiv mot<lb/>stalinismen</p>")
    assert "mot stalinismen" in reading_text(h)
    assert "mot\nstalinismen" in diplomatic_text(h)


def test_pb_inside_paragraph_is_a_visible_marker() -> None:
    h = frag('<pb n="1"/><p xml:id="p1">början <pb n="2"/>slutet</p>')
    (p,) = h.cssselect("p#p1")
    (marker,) = p.cssselect("span.pb")
    assert marker.get("id") == "page-2"
    assert "2" in marker.text_content()
    block = h.cssselect("#page-1")[0]
    assert has_class(block, "pb-block") and block.getparent().tag != "p"
    assert words(reading_text(p)) == ["början", "slutet"]


def test_paragraph_anchor_from_xml_id_or_position() -> None:
    h = frag('<p xml:id="p12">a</p><p>b</p>')
    ids = [p.get("id") for p in h.cssselect("p.p")]
    assert ids == ["p12", "p2"]
    assert h.cssselect("p#p12 a.pnum")[0].get("href") == "#p12"
    assert h.cssselect("p#p12 a.pnum")[0].text_content() == "12"


def test_unknown_elements_keep_their_text() -> None:
    h = frag('<p>före <seg type="x"><madeUp>hemlig</madeUp> text</seg> '
             '<o:thing xmlns:o="urn:other">främmande</o:thing> efter</p>'
             '<weirdBlock><p>inuti</p></weirdBlock>')
    assert words(reading_text(h)) == ["före", "hemlig", "text", "främmande", "efter", "inuti"]


def test_dates_show_iso_value_and_take_focus() -> None:
    h = frag('<p><date when="1937-04-21" cert="high">21 april</date>, '
             '<date from="1929" to="1940">1929–1940</date>, <date when="1937-13-99x">?</date>'
             ', <date>utan värde</date></p>')
    times = h.cssselect("time.date")
    assert len(times) == 1 and times[0].get("datetime") == "1937-04-21"
    assert times[0].get("tabindex") == "0"
    assert times[0].cssselect(".tip")[0].text_content() == "1937-04-21"
    spans = [s for s in h.cssselect("span.date")]
    assert spans[0].cssselect(".tip")[0].text_content() == "1929 – 1940"
    assert spans[1].get("datetime") is None  # an invalid ISO value never reaches datetime
    assert not spans[2].cssselect(".tip")


def test_quotation_marks_from_css_unless_the_text_has_them() -> None:
    h = frag("<p><q>sagt</q> och <soCalled>så kallat</soCalled></p>")
    assert [q.tag for q in h.cssselect("q")] == ["q", "q"]
    assert not any(has_class(q, "nomarks") for q in h.cssselect("q"))
    marks = ('<encodingDesc><editorialDecl><quotation marks="all"><p>kept</p></quotation>'
             "</editorialDecl></encodingDesc>")
    h = frag("<p>”<q>sagt</q>”</p>", header_extra=marks)
    assert has_class(h.cssselect("q")[0], "nomarks")


def test_eltec_elements() -> None:
    h = frag('<div type="chapter"><head>I.</head><p><hi>I</hi>ngenting <foreign xml:lang="fr">'
             'enfin</foreign><ref target="#n1"/></p><l>Vers ett,</l><l>vers två.</l>'
             '<gap unit="graphic"/><milestone unit="*"/>'
             '<quote type="letter"><label><hi>Brev</hi></label><p>Kära bror!</p></quote></div>',
             back='<div type="notes"><note xml:id="n1">En not.</note></div>')
    sec = h.cssselect("section.div-chapter")[0]
    assert sec.cssselect("h2")[0].text_content() == "I."
    assert sec.get("aria-labelledby") == sec.cssselect("h2")[0].get("id")
    assert h.cssselect("em.hi")[0].text_content() == "I"
    assert h.cssselect("i.foreign")[0].get("lang") == "fr"
    assert [line.text_content() for line in h.cssselect("span.l")] == ["Vers ett,", "vers två."]
    assert h.cssselect("span.gap") and h.cssselect("hr.milestone")
    assert h.cssselect("blockquote p.label") and "Kära bror!" in reading_text(h)
    (marker,) = h.cssselect("sup.noteref a")
    assert marker.get("href") == "#n1"
    note = h.cssselect("#n1")[0]
    assert "En not." in note.text_content()
    assert note.cssselect("a.backref")[0].get("href") == "#" + marker.get("id")


def test_inline_note_gets_marker_and_listed_note() -> None:
    from teiedition.publish.html import render

    tei = tei_doc('<p>text<note place="foot">fotnot här</note> mer</p>')
    pages = dict(render([("t.html", tei.getroot())]))
    h = parse_html(pages["t.html"])
    (a,) = h.cssselect("p sup.noteref a")
    (li,) = h.cssselect("section.notes li")
    assert a.get("href") == "#" + li.get("id")
    assert "fotnot här" in li.text_content()
    assert li.cssselect("a.backref")[0].get("href") == "#" + a.get("id")


def test_unsafe_link_targets_are_not_links() -> None:
    h = frag('<p><ref target="javascript:alert(1)">farlig</ref> '
             '<ref target="https://example.org/x">säker</ref></p>')
    hrefs = [a.get("href") for a in h.cssselect("a.ref")]
    assert hrefs == ["https://example.org/x"]
    assert "farlig" in reading_text(h)


def test_hi_renditions() -> None:
    h = frag('<p><hi rend="bold">b</hi><hi rend="sup">s</hi><hi rend="small-caps">sc</hi>'
             '<hi rend="italic">i</hi></p>')
    assert [e.tag for e in h.cssselect(".hi")] == ["b", "sup", "span", "i"]
    assert has_class(h.cssselect(".hi")[2], "sc")


def _ids(h) -> list[str]:  # noqa: ANN001
    return [e.get("id") for e in h.iter() if isinstance(e.tag, str) and e.get("id")]


def test_ids_stay_unique_when_the_tei_repeats_them() -> None:
    h = frag('<p xml:id="p1">a</p><p xml:id="p1">b</p><div xml:id="p1"><head>x</head></div>')
    ids = _ids(h)
    assert len(ids) == len(set(ids)), ids
    assert [p.get("id") for p in h.cssselect("p.p")] == ["p1", "p2"]


def test_texts_in_a_group_number_their_sections_apart() -> None:
    h = parse_html(render_fragment(parse_group(), REG))
    ids = _ids(h)
    assert len(ids) == len(set(ids)), ids
    assert [s.get("id") for s in h.cssselect("section")] == ["sec-t1-1", "sec-t2-1"]


def parse_group():  # noqa: ANN201
    from teiedition.xml import parse_bytes

    return parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><group>'
                       b'<text><body><div><head>A</head><p>a</p></div></body></text>'
                       b'<text><body><div><head>B</head><p>b</p></div></body></text>'
                       b"</group></text></TEI>")


def test_heading_levels_follow_nesting_and_stop_at_h6() -> None:
    h = frag("<div><head>1</head>" + "<div><head>n</head>" * 7 + "<p>x</p>" + "</div>" * 8)
    tags = [e.tag for e in h.iter() if isinstance(e.tag, str) and e.tag[0] == "h"
            and e.tag[1:].isdigit()]
    assert tags == ["h2", "h3", "h4", "h5", "h6", "h6", "h6", "h6"]


def test_teiheader_missing_still_renders() -> None:
    from teiedition.publish.html import render
    from teiedition.xml import parse_bytes

    tei = parse_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>ord</p>'
                      b"</body></text></TEI>")
    pages = dict(render([("t.html", tei.getroot())]))
    assert "ord" in reading_text(parse_html(pages["t.html"]))
    assert "(untitled)" in pages["index.html"]


def test_register_authority_ids_become_links_only_when_safe() -> None:
    from teiedition.publish.html import render

    reg = register_doc("""<listPlace>
      <place xml:id="pl-a"><placeName type="reg">A</placeName>
        <idno type="geonames">2673730</idno></place>
      <place xml:id="pl-b"><placeName type="reg">B</placeName>
        <idno type="x">javascript:alert(1)</idno></place>
      <place xml:id="pl-c"><placeName type="reg">C</placeName>
        <idno type="wikidata">https://www.wikidata.org/wiki/Q1754</idno></place></listPlace>""")
    tei = tei_doc('<p><placeName ref="#pl-a">A</placeName></p>')
    pages = dict(render([("t.html", tei.getroot())], reg.getroot()))
    h = parse_html(pages["places.html"])
    links = {e.get("id"): [a.get("href") for a in e.cssselect("p.idno a")]
             for e in h.cssselect("article.entry")}
    assert links == {"pl-a": ["https://www.geonames.org/2673730"], "pl-b": [],
                     "pl-c": ["https://www.wikidata.org/wiki/Q1754"]}
    assert "javascript:alert(1)" in h.get_element_by_id("pl-b").text_content()


def test_markup_in_attributes_cannot_break_out() -> None:
    evil = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    h = frag(f'<p><gap reason="{evil}"/><foreign xml:lang="{evil}">x</foreign>'
             f'<ref target="https://e.org/{evil}">y</ref><hi rend="{evil}">z</hi></p>')
    assert not h.cssselect("script")
    assert h.cssselect("span.gap")[0].get("title").endswith('"><script>alert(1)</script>')
    assert h.cssselect("i.foreign")[0].get("lang") is None  # not a language tag: dropped
    assert not h.cssselect("a.ref")  # not a safe URL: no link
    assert words(reading_text(h)) == ["xyz"]  # the text stays, the markup goes


def test_paragraph_numbers_given_to_saxon_equal_the_accumulator() -> None:
    """edition_xml writes each counted paragraph's number (te-n) for the p template; the page
    equals the one made from te:p-count alone, a te-n of the source's own is overwritten and
    kept in the tree, and paragraphs in notes or the header are not counted."""
    from lxml import etree

    from teiedition.publish import html as H
    from teiedition.publish import xslt

    body = ('<p te-n="99">Ett</p><p>Två<note place="foot"><p te-n="5">i not</p></note></p>'
            '<div><head>H</head><p xml:id="p7">tre</p><quote><p>fyra</p></quote>'
            '<note><p>i en not mellan stycken</p></note><p>fem</p></div>')
    tei = tei_doc(body)
    root = tei.getroot() if hasattr(tei, "getroot") else tei
    before = etree.tostring(root)
    with_numbers = H.render_fragment(root)
    assert etree.tostring(root) == before  # the caller's tree is left as it was
    bare = etree.fromstring(before)  # without te-n: the stylesheet counts alone
    for p in bare.iter("{http://www.tei-c.org/ns/1.0}p"):
        p.attrib.pop("te-n", None)
    plain = ('<te:edition xmlns:te="urn:teiedition"><te:text file="fragment.html">'
             + etree.tostring(bare, encoding="unicode") + "</te:text></te:edition>")
    by_accumulator = H.nfc("".join(xslt.call_template_strings(
        H.STYLESHEET, H.FRAGMENT, xslt.parse_text(plain))))
    assert with_numbers == by_accumulator
    h = parse_html(with_numbers)
    assert [a.text_content() for a in h.cssselect("a.pnum")] == ["1", "2", "7", "4", "5"]


def test_list_items_show_the_marks_the_source_wrote() -> None:
    """item/@n (as encode writes it for "1)", "a.", "•") becomes the item's list marker;
    a mark that is not a short run of letters, figures, bullets and brackets reaches no CSS."""
    h = frag('<list rend="numbered"><item n="a)">ett</item><item n="b)">två</item>'
             '<item n=\'"; background: url(x)\'>tre</item></list>')
    styles = [li.get("style") for li in h.iter("li")]
    assert styles == ['list-style-type: "a) "', 'list-style-type: "b) "', None]


SOURCES = (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T'
           b"</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc>"
           # ELTeC: parts side by side, nothing written between them
           b'<bibl type="firstEdition"><title>Germinal</title><author>Emile Zola</author>'
           b"<pubPlace>Paris</pubPlace><date>1885</date></bibl>"
           # written out: its own punctuation and words between the parts, a bare link
           b"<bibl><author>Ann Berg</author>: <title>Dikter</title>, utgiven av "
           b'<publisher>Bonniers</publisher> 1890<ref target="https://example.org/a"/></bibl>'
           b"</sourceDesc></fileDesc></teiHeader><text><body><p>ord</p></body></text></TEI>")


def test_sources_keep_every_word_and_keep_their_parts_apart() -> None:
    """A source description reads the same on the index page and in the print colophon
    (te:bibl-text): parts that stand side by side are separated, words written between
    them are kept."""
    from teiedition.publish import pdf
    from teiedition.publish.html import render
    from teiedition.xml import parse_bytes

    tei = parse_bytes(SOURCES)
    index = parse_html(dict(render([("t.html", tei.getroot())]))["index.html"])
    shown = [" ".join(s.text_content().split()) for s in index.cssselect("dd span.blk")]
    assert shown == ["Germinal. Emile Zola. Paris. 1885",
                     "Ann Berg: Dikter, utgiven av Bonniers 1890 https://example.org/a"]
    colophon = pdf.typst_source(tei).rpartition("colophon(")[2]
    assert '"Germinal. Emile Zola. Paris. 1885. — Ann Berg: Dikter, utgiven av Bonniers 1890 ' \
        'https://example.org/a")' in colophon


TOKENISED = HERE / "data" / "html" / "tokenised.xml"
#: its paragraphs as printed text
TOKENISED_TEXT = ["Il importe tout d'abord de dissiper néfastes.",
                  "Le Captain existé, assure-t-on couramment (1) Qu'en savent-ils?",
                  "I don't know, John's dog."]


def test_tokenised_tei_reads_as_printed_text() -> None:
    """ELTeC level 2: one token a line. The layout white space becomes the spaces of the
    text (none before a comma, after d', before -on); tokens side by side are spaced where
    the document marks joined ones with @join. (Print: tests/test_pdf.py.)"""
    from teiedition.publish.html import render
    from teiedition.xml import parse_file

    page = parse_html(dict(render([("t.html", parse_file(TOKENISED).getroot())]))["t.html"])
    paras = [" ".join(p.text_content().split()) for p in page.cssselect("div.text p.p")]
    assert [p.split(" ", 1)[1] for p in paras] == TOKENISED_TEXT  # after the number
    assert page.cssselect("section.div h2")[0].text_content() == "Ville de Paris"
    assert not page.cssselect("span.tei-w, span.tei-pc")  # tokens are text, not spans


APPARATUS = HERE / "data" / "html" / "apparatus.xml"


def test_critical_apparatus_lemma_in_the_text_readings_listed() -> None:
    """app: the lemma (or the first reading) is the text; a lettered marker links to the
    list of variant readings, which gives every reading with its witnesses (om. for an empty
    one) and links back. No reading is lost, none is run into the text."""
    from teiedition.publish.html import render
    from teiedition.xml import parse_file

    page = parse_html(dict(render([("t.html", parse_file(APPARATUS).getroot())]))["t.html"])
    paras = [" ".join(reading_text(p).split()) for p in page.cssselect("div.text p.p")]
    assert paras == ["Det var en mörka natt, och regnetb föll.", "Han sade jac."]
    entries = [" ".join(li.text_content().split()) for li in page.cssselect("section.apparatus li")]
    assert entries == ["a mörk A] dyster B ↩", "b regnet] om. B ↩", "c ja A; nej B ↩"]
    for marker in page.cssselect("sup.appref a"):
        (entry,) = page.cssselect(marker.get("href"))
        assert entry.cssselect("a.backref")[0].get("href") == "#" + marker.get("id")
        assert marker.get("title") == " ".join(entry.text_content().split())[2:-2]


def test_a_note_in_a_note_takes_the_next_number() -> None:
    """Notes without @n are numbered in document order, a note inside a note after it
    (the print edition numbers them so too); numbering is linear (an accumulator)."""
    from teiedition.publish.html import render

    tei = tei_doc('<p>Text<note place="foot">Yttre<note place="foot">inre</note></note> och'
                  '<note place="foot">sista</note>.</p>')
    h = parse_html(dict(render([("t.html", tei.getroot())]))["t.html"])
    assert [a.text_content() for a in h.cssselect("div.text sup.noteref a")] == ["1", "3"]
    listed = h.cssselect("section.notes li")
    assert [li.cssselect(".note-n")[0].text_content() for li in listed] == ["1", "2", "3"]
    assert listed[0].cssselect("sup.noteref a")[0].text_content() == "2"  # in note 1


def test_a_documentary_transcription_without_text_is_the_page(tmp_path) -> None:  # noqa: ANN001
    """TEI may hold a sourceDoc (surfaces, zones, lines) instead of a text: its lines are
    the page's text in HTML and print (HTML failed with a Saxon type error; print dropped
    every line)."""
    from teiedition.publish.html import render
    from teiedition.publish.pdf import build_pdf
    from teiedition.xml import parse_bytes

    src = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>'
           "Brev</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc>"
           "<p>y</p></sourceDesc></fileDesc></teiHeader><sourceDoc><surface><zone>"
           "<line>Första raden</line><line>Andra <hi>raden</hi></line></zone></surface>"
           "</sourceDoc></TEI>")
    page = parse_html(dict(render([("t.html", parse_bytes(src.encode()).getroot())]))["t.html"])
    assert [" ".join(x.text_content().split()) for x in page.cssselect("div.text .line")] == \
        ["Första raden", "Andra raden"]
    (tmp_path / "brev.xml").write_text(src, encoding="utf-8")
    pdf = build_pdf([tmp_path / "brev.xml"], tmp_path / "out")[0]
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Första raden\nAndra raden" in text
