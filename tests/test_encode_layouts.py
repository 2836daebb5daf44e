"""Other texts, other layouts, other languages: what the encoder must read without the sample."""

from __future__ import annotations

import pytest

from teiedition import TEI_NS, text
from teiedition.encode import encode_bytes

NS = {"t": TEI_NS}

ENGLISH = (
    "THE RED BOOK\n\nby John Smith\n\n\nChapter 1\n\n"
    "It was a dark and stormy night; the rain fell in tor-\n"
    "rents, except at occasional intervals, when it was checked by a vio-\n"
    "lent gust of wind which swept up the streets.\n\n"
    "“Who is there?” she asked, and the so-called “friend” said nothing at all\n"
    "about the matter.\n\n"
    "                                                          1\n"
    "\fThe next morning, on 3 March 1854, the town of Lon-\n"
    "don woke up to snow.\n\nChapter 2\n\n"
    "Mr. Jones went to the well-known inn at Dover.\n\n"
    "                                                          2\n"
)

GERMAN = (
    "Die Reise nach Norden\n\n"
    "Es war im Jahre 1848, als der junge Arzt die Stadt verließ und sich auf den Weg\n"
    "machte. „Ich komme wieder“, sagte er zu seiner Mutter, die am Fenster stand und\n"
    "ihm lange nachsah, bis der Wagen hinter der Brücke verschwunden war. Die Stra-\n"
    "ßen waren leer.\n\n"
    "- 2 -\n\n"
    "Am nächsten Tag erreichte er die Grenze, wo ein Beamter seine Papiere prüfte und\n"
    "ihn nach dem Zweck der Reise fragte. Er antwortete nicht sofort, sondern blickte\n"
    "über die verschneiten Felder hinaus.\n\n"
    "- 3 -\n\n"
    "Die Nacht verbrachte er in einem Gasthaus, dessen Wirt ihm eine Suppe brachte.\n\n"
)


def test_english_title_page_byline_chapters_and_footer_page_numbers() -> None:
    r = encode_bytes(ENGLISH.encode(), "red.txt", entities=False)
    t = r.tree
    assert r.document.language == "en"
    assert t.xpath("string(//t:titlePart[@type='main'])", namespaces=NS) == "THE RED BOOK"
    assert t.xpath("string(//t:byline/t:docAuthor)", namespaces=NS) == "John Smith"
    assert t.xpath("string(//t:titleStmt/t:author)", namespaces=NS) == "John Smith"
    heads = t.xpath("//t:body/t:div/t:head/text()", namespaces=NS)
    assert heads == ["Chapter 1", "Chapter 2"]
    assert len(t.xpath("//t:body/t:div", namespaces=NS)) == 2
    # footer page numbers: page 1 from the start, page 2 after the number "1"
    assert t.xpath("//t:pb/@n", namespaces=NS) == ["1", "2"]
    reading = " ".join(text.block_text(p) for p in t.xpath("//t:text//t:p", namespaces=NS))
    assert "torrents" in reading and "violent" in reading and "London" in reading
    assert "well-known" in reading
    assert t.xpath("string(//t:q)", namespaces=NS) == "Who is there?"
    assert t.xpath("string(//t:soCalled/@rend)", namespaces=NS) == "pre(“) post(”)"
    kept = [ln for ln in ENGLISH.splitlines() if not ln.strip().isdigit()]
    assert text.words(t, diplomatic=True) == " ".join(kept).split()


def test_german_marks_and_dashed_page_numbers() -> None:
    r = encode_bytes(GERMAN.encode(), "reise.txt", entities=False)
    t = r.tree
    assert r.document.language == "de"
    assert t.xpath("//t:pb/@n", namespaces=NS) == ["1", "2", "3"]
    q = t.xpath("//t:q", namespaces=NS)[0]
    assert text.block_text(q) == "Ich komme wieder"
    assert q.get("rend") == "pre(„) post(“)"
    reading = " ".join(text.block_text(p) for p in t.xpath("//t:text//t:p", namespaces=NS))
    assert "Straßen" in reading
    assert len(t.xpath("//t:text//t:p", namespaces=NS)) == 3


def test_text_without_page_signals_has_no_pb() -> None:
    raw = "Ett stycke text som löper\növer två rader.\n\nOch ett stycke till.\n"
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb", namespaces=NS) == []
    assert len(r.tree.xpath("//t:text//t:p", namespaces=NS)) == 2


def test_a_repeated_short_reply_is_not_a_running_head() -> None:
    para = ("Han såg på henne länge och sade ingenting, men till sist frågade han om hon "
            "ville följa med.")
    raw = "\n\n".join(f"{para}\n\nJa.\n" for _ in range(5))
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:fw", namespaces=NS) == []
    assert text.words(r.tree, diplomatic=True) == raw.split()


def test_the_sources_own_quotation_marks_reach_the_editions() -> None:
    """Marks other than ” are kept in @rend and printed by the HTML and the PDF."""
    from teiedition.publish import pdf
    from teiedition.publish.html import render_fragment

    raw = "Han sade »ja tack» och ”visst” till dem.\n"
    r = encode_bytes(raw.encode(), "q.txt", entities=False)
    html = render_fragment(r.tree)
    assert 'style="quotes: &#34;»&#34; &#34;»&#34;"' in html
    assert html.count("quotes:") == 1  # the default marks come from the language
    assert 'para("Han sade »ja tack» och ”visst” till dem.")' in pdf.typst_source(r.tree)


def test_fraktur_ocr_hyphen_marks() -> None:
    """19th-century prints and their OCR break words with ¬, ⸗ or = at the line end."""
    raw = ("Uti Helsing¬\nfors hölls i går ett stort möte, hvarvid stadens borgerskap och\n"
           "många embets⸗\nmän infunno sig. Af tidningarnes berättelser om mötet fram=\n"
           "går, att stämningen var god, och mötet i Helsingfors räckte till sent på aftonen.\n")
    r = encode_bytes(raw.encode(), "ocr.txt", entities=False)
    reading = r.document.blocks[0].text
    assert "Helsingfors hölls" in reading
    assert "embetsmän infunno" in reading
    assert "framgår, att" in reading
    assert [lb.get("rend") for lb in r.tree.xpath("//t:lb[@break='no']", namespaces=NS)] == [
        "¬", "⸗", "="]
    assert text.words(r.tree, diplomatic=True) == raw.split()
    html = __import__("teiedition.publish.html", fromlist=["render_fragment"]).render_fragment(
        r.tree)
    assert '<span class="dipl">¬<br>' in html or '<span class="dipl">¬<br/>' in html


def test_a_language_without_a_date_grammar_is_encoded_with_a_warning() -> None:
    raw = ("No dia 2 de novembro de 1937, Léon Blum falou em Paris perante o congresso do "
           "partido.\n\nEle evocou a guerra em Espanha e a situação da França.\n")
    r = encode_bytes(raw.encode(), "pt.txt", register=None, entities=True)
    assert r.document.language == "pt"
    assert r.tree.xpath("//t:text//t:date", namespaces=NS) == []
    assert any("no date grammar for the language 'pt'" in w for w in r.warnings)
    assert text.words(r.tree, diplomatic=True) == raw.split()
    # too few letters to tell the language: still encoded
    r = encode_bytes(b"1937\n\n12 34\n", "n.txt", entities=True)
    assert r.document.language == "und"


REPORT = (
    "                         KAPITEL I\n\n"
    "                       Om arbetarrörelsen\n\n"
    "Arbetarrörelsen i landet växte fram under åttiotalet. Den första fack-\n"
    "föreningen bildades i huvudstaden, och några år senare grundades partiet\n"
    "av bland andra en ung journalist, som sedan ledde det i trettio år.\n\n"
    "Partiets krav var:\n"
    "  • allmän rösträtt för män och\n"
    "    kvinnor,\n"
    "  • åtta timmars arbetsdag,\n"
    "  • skolreform.\n\n"
    "Han skrev i partiets tidning samma vår:\n\n"
    "      »Vi vilja icke våld, men vi vilja rätt, och den rätten skola vi\n"
    "      vinna med valsedeln.»\n\n"
    "Styrelsen föreslog följande:\n\n"
    "1) att årsmötet fastställer balansräkningen,\n"
    "2) att styrelsen beviljas ansvarsfrihet för\n"
    "   det gångna året,\n"
    "3) att avgiften höjs.\n\n"
    "                                                                      12\n\n"
    "                         KAPITEL II\n\n"
    "                       Storstrejken\n\n"
    "Strejken blev ett nederlag. Den började i augusti och avbröts efter en\n"
    "månad, då kassorna var tomma.\n\n"
    "– Vi förlorade, sade han.\n"
    "– Men vi lärde oss mycket, svarade hon.\n"
)


def test_lists_block_quotations_and_a_lone_page_number() -> None:
    """A report as a PDF extraction gives it: centred chapter heads, a bulleted and a
    numbered list (with a hanging continuation line), an indented quotation after a colon,
    a page number set to the right, dialogue lines."""
    r = encode_bytes(REPORT.encode(), "rapport.txt", entities=False)
    t = r.tree
    # a text that opens with a chapter head has no title page: the head opens the body
    assert t.xpath("//t:front", namespaces=NS) == []
    assert t.xpath("//t:body/t:div/t:head/text()", namespaces=NS) == [
        "KAPITEL I", "Om arbetarrörelsen", "KAPITEL II", "Storstrejken"]
    bullets, numbered = t.xpath("//t:list", namespaces=NS)
    assert bullets.get("rend") == "bulleted" and numbered.get("rend") == "numbered"
    assert [text.block_text(i) for i in bullets] == [
        "allmän rösträtt för män och kvinnor,", "åtta timmars arbetsdag,", "skolreform."]
    assert [i.get("n") for i in numbered] == ["1)", "2)", "3)"]
    assert text.block_text(numbered[1]) == (
        "att styrelsen beviljas ansvarsfrihet för det gångna året,")
    (quote,) = t.xpath("//t:body//t:quote", namespaces=NS)
    assert [text.block_text(p) for p in quote] == [
        "Vi vilja icke våld, men vi vilja rätt, och den rätten skola vi vinna med valsedeln."]
    assert quote.getprevious().tag == f"{{{TEI_NS}}}p"
    assert "samma vår:" in "".join(quote.getprevious().itertext())
    # the page number "12" ends page 12; the next chapter starts page 13; no pb elsewhere
    assert t.xpath("//t:pb/@n", namespaces=NS) == ["12", "13"]
    assert t.xpath("string(//t:pb[@n='13']/following-sibling::t:head[1])",
                   namespaces=NS) == "KAPITEL II"
    dialogue = [text.block_text(p) for p in t.xpath("//t:p", namespaces=NS)][-2:]
    assert dialogue == ["– Vi förlorade, sade han.", "– Men vi lärde oss mycket, svarade hon."]
    # every word of the source but the page number is in the diplomatic text, in order
    kept = [ln for ln in REPORT.splitlines() if ln.strip() != "12"]
    assert text.words(t, diplomatic=True) == " ".join(kept).split()
    from teiedition.validate import validate_tree
    assert validate_tree(t, "rapport.xml", register=False) == []


def test_no_list_without_a_run_of_items() -> None:
    """A lone "1)" or bullet, numbers that do not run on, and dialogue dashes are text."""
    raw = ("Det var år 1905.\n\n1) Denna not står ensam.\n\n"
           "3) Och denna börjar på tre.\n5) Och denna på fem.\n\n"
           "– Ja, sade han.\n– Nej, sade hon.\n")
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:list", namespaces=NS) == []
    assert text.words(r.tree, diplomatic=True) == raw.split()


NOTES = (
    "Rörelsen växte fram under åttiotalet.1 Den första fackföreningen bildades i\n"
    "huvudstaden, och några år senare grundades partiet av en ung journalist,\n"
    "som ledde det i trettio år.2 Han skrev många artiklar i partiets tidning och\n"
    "höll tal över hela landet, från norr till söder.\n\n"
    "1 Se Tingsten, Den svenska socialdemokratiens idéutveckling, Stockholm 1941,\n"
    "   s. 12–14, där utvecklingen beskrivs utförligt och med många exempel ur käl-\n"
    "   lorna.\n"
    "2 Jfr nedan.\n\n"
    "                                                                       12\n\n"
    "Storstrejken började den 4 augusti och avbröts i september, då kassorna var\n"
    "tomma och medlemmarna trötta.* Efter strejken lämnade många förbunden och\n"
    "det tog flera år innan rörelsen hade återhämtat sig.\n\n"
    "100 man stod utanför porten när fabriken öppnade igen den hösten.\n\n"
    "* Uppgiften är osäker.\n\n"
    "                                                                       13\n\n"
    "Sista sidan har bara löptext och inga noter alls, men en siffra: år 1910.\n"
)


def test_footnotes_move_to_their_callouts() -> None:
    """Notes at the foot of a page, called by a figure or asterisk set after a word, become
    <note place="foot"> where the callout stood; a paragraph that merely opens with a number
    (no callout for it on its page) stays a paragraph."""
    r = encode_bytes(NOTES.encode(), "noter.txt", entities=False)
    t = r.tree
    notes = t.xpath("//t:text//t:note", namespaces=NS)
    assert [(n.get("place"), n.get("n")) for n in notes] == [
        ("foot", "1"), ("foot", "2"), ("foot", "*")]
    assert all(n.getparent().tag == f"{{{TEI_NS}}}p" for n in notes)
    first = notes[0].getparent()
    assert (first.text, notes[0].tail[:10]) == ("Rörelsen växte fram under åttiotalet.",
                                                " Den först")
    # the note's own line ends, and its hyphen "käl-/lorna" read as a broken word
    assert text.block_text(notes[0]).endswith("med många exempel ur källorna.")
    assert len(notes[0].xpath(".//t:lb", namespaces=NS)) == 2
    assert text.block_text(notes[1]) == "Jfr nedan."
    assert text.block_text(notes[2]) == "Uppgiften är osäker."
    assert [text.block_text(p)[:13] for p in t.xpath("//t:body//t:p", namespaces=NS)] == [
        "Rörelsen växt", "Storstrejken ", "100 man stod ", "Sista sidan h"]
    # "- 12 -" style numbers after the first page's text head the pages they precede
    assert t.xpath("//t:pb/@n", namespaces=NS) == ["11", "12", "13"]
    from teiedition.validate import validate_tree
    assert validate_tree(t, "noter.xml", register=False) == []
    # nothing lost: the diplomatic text gives back the source's words in its order, each
    # callout where it stood and each note at the foot of its page; page numbers are pb/@n
    kept = [ln for ln in NOTES.splitlines() if ln.strip() not in ("12", "13")]
    assert text.words(t, diplomatic=True) == " ".join(kept).split()


def test_running_heads_that_carry_the_page_number() -> None:
    """A book's page heads: the number and the author on the left page, the title and the
    number on the right one, after a form feed."""
    paras = [
        "Det var en afton i början av maj. Den lilla trädgården på Mosebacke hade ännu "
        "inte blivit öppnad för allmänheten och rabatterna voro ej uppgrävda.",
        "Klockan i Klara tystnade och han rycktes ur sina tankar genom ljudet av steg "
        "som närmade sig uppför trappan till terrassen.",
        "– Jag nämnde nyss för bror, upptog Falk samtalet, att jag i dag brutit med mitt "
        "förra och övergivit ämbetsmannabanan.",
    ]
    import textwrap
    pages = []
    for k, para in enumerate(paras * 2):
        n = 8 + k
        head = f"{n:<4}{'AUGUST STRINDBERG':>60}" if n % 2 == 0 else \
            f"{'DET RÖDA RUMMET':<60}{n:>4}"
        pages.append(head + "\n\n" + "\n".join(textwrap.wrap(para, 60)) + "\n")
    raw = "\f".join(pages)
    r = encode_bytes(raw.encode(), "bok.txt", entities=False)
    t = r.tree
    assert t.xpath("//t:pb/@n", namespaces=NS) == [str(n) for n in range(8, 14)]
    assert t.xpath("//t:fw/text()", namespaces=NS) == [
        "AUGUST STRINDBERG", "DET RÖDA RUMMET"] * 3
    assert not any("STRINDBERG" in text.block_text(p) for p in text.blocks(t))
    kept = [ln for ln in raw.replace("\f", "\n").splitlines()
            if "STRINDBERG" not in ln and "RUMMET" not in ln]
    assert text.words(t, diplomatic=True) == " ".join(kept).split()


def test_danish_and_norwegian_dates() -> None:
    """The date grammars cover Danish and Norwegian too: the language is detected, the
    dates are marked with ISO values."""
    da = ("Mødet blev holdt den 2. november 1937 i byen. Partiet havde samlet mange "
          "medlemmer fra hele landet, og formanden talte længe om situationen.\n")
    nb = ("Møtet ble holdt 17. mai 1905 i byen. Partiet hadde samlet mange medlemmer fra "
          "hele landet, og formannen snakket lenge om situasjonen.\n")
    for raw, lang, when in ((da, "da", "1937-11-02"), (nb, "no", "1905-05-17")):
        r = encode_bytes(raw.encode(), "x.txt", entities=True, register=None)
        assert r.document.language == lang
        assert r.tree.xpath("//t:text//t:date/@when", namespaces=NS) == [when]
        assert not any("date grammar" in w for w in r.warnings)


def test_a_text_of_numbers_alone_is_text_not_page_numbers() -> None:
    """Bare numbers are page numbers only between text; a text that is nothing but numbers
    keeps them (hypothesis found "0\\n1" encoded as two empty pages)."""
    for raw in ("0\n1", "12\n\n13\n\n14"):
        r = encode_bytes(raw.encode(), "n.txt", entities=False)
        assert text.words(r.tree, diplomatic=True) == raw.split()
        assert r.tree.xpath("//t:pb", namespaces=NS) == []


@pytest.mark.parametrize("line, body, when", [
    ("Coyoacán, le 2 novembre 1937", "Le 3 mars, il a prononcé un discours devant le comité "
     "central, et depuis ce jour beaucoup de choses ont changé dans le monde entier.",
     "1937-11-02"),
    ("Stockholm den 2 maj 1937", "Den 3 mars höll han ett tal vid ett möte, och sedan dess "
     "har mycket hänt i hela världen, sade han till oss alla.", "1937-05-02"),
    ("New York, November 2, 1937", "On March 3, he delivered a speech before the committee, "
     "and since that day a great deal has changed in the whole world.", "1937-11-02"),
])
def test_a_date_line_that_names_its_place_dates_the_text(line: str, body: str,
                                                         when: str) -> None:
    """A letter's date line with its place first is the document's date (docDate/@when),
    the anchor for the years of the dates in the text; the place stays in the line."""
    raw = f"Leo Trotskij\n\nEtt öppet brev\n\n{line}\n\n{body}\n"
    r = encode_bytes(raw.encode(), "brev.txt", register=None)
    (doc_date,) = r.tree.xpath("//t:docDate", namespaces=NS)
    assert doc_date.get("when") == when
    assert " ".join("".join(doc_date.itertext()).split()) == line
    (march,) = r.tree.xpath("//t:body//t:date", namespaces=NS)
    assert march.get("when") == "1937-03-03"  # the year from the date line


@pytest.mark.parametrize("title", ["Kapitel Ett 1937", "The Great War 1914", "Stockholm 1912"])
def test_a_title_with_capitalised_words_and_a_year_is_not_a_date_line(title: str) -> None:
    r = encode_bytes(f"{title}\n\nText text text som fortsätter ganska länge, med många ord "
                     "och en punkt på slutet av meningen.\n".encode(), "x.txt", entities=False)
    assert not r.tree.xpath("//t:docDate", namespaces=NS)


@pytest.mark.parametrize("lang_text, kept, joined", [
    ("C'est peut-\nêtre la déclaration la plus cynique de ce gouverne-\nment, écrivait-il le "
     "vingt-\ncinq octobre à ses amis de la capitale, qui le savaient déjà depuis longtemps.",
     ("peut-être", "vingt-cinq"), ("gouvernement",)),
    ("It was a well-\nknown fact that the govern-\nment had twenty-\nfive agents in the "
     "city, and everybody in the movement knew their names and their addresses.",
     ("well-known", "twenty-five"), ("government",)),
])
def test_hyphenated_compounds_of_languages_that_write_them_so(lang_text: str,
                                                             kept: tuple[str, ...],
                                                             joined: tuple[str, ...]) -> None:
    """French and English write compounds with a hyphen: where wordfreq finds the hyphenated
    form far more often than the joined one, the hyphen at a line end is the word's own."""
    r = encode_bytes((lang_text + "\n").encode(), "x.txt", entities=False)
    reading = text.block_text(text.blocks(r.tree)[0])
    for w in kept + joined:
        assert w in reading, (w, reading)


POEM = """Gustaf Fröding

Säv, säv, susa

Säv, säv, susa,
våg, våg, slå,
I sägen mig var Ingalill
den unga månde gå?

Hon skrek som en vingskjuten and,
när hon sjönk i sjön,
det var när sista vår stod grön.

De voro henne gramse
vid Östanålid,
det tog hon sig så illa vid.
"""


def test_verse_becomes_stanzas_of_lines() -> None:
    """Lines that end where the next word would have fitted are verse: each stanza an lg,
    each line an l (the HTML shows them as lines, not run together as prose)."""
    r = encode_bytes(POEM.encode(), "dikt.txt", entities=False)
    stanzas = r.tree.xpath("//t:body//t:lg", namespaces=NS)
    assert [[text.block_text(ln) for ln in lg.xpath("t:l", namespaces=NS)] for lg in stanzas] \
        == [[ln for ln in stanza.splitlines()] for stanza in POEM.split("\n\n")[2:]]
    assert not r.tree.xpath("//t:body//t:p | //t:body//t:lb", namespaces=NS)
    from teiedition.validate import validate_tree

    assert validate_tree(r.tree, "dikt.xml", register=False) == []
    assert text.words(r.tree) == POEM.split()  # every word, in order


def test_prose_with_a_short_line_or_an_address_stays_prose() -> None:
    """Wrapped prose ends its lines where the next word would not fit; a greeting or an
    address alone does not make a poem."""
    import textwrap

    prose = ("Det var en afton i början av maj. Den lilla trädgården på Mosebacke hade ännu "
             "inte blivit öppnad för allmänheten och rabatterna voro ej uppgrävda. ") * 4
    raw = ("Kära vän!\nTack för ditt brev.\n\n" + "\n".join(textwrap.wrap(prose, 70)) +
           "\n\n" + "\n".join(textwrap.wrap(prose, 70)) + "\n\nMed vänlig hälsning\nLeo\n")
    r = encode_bytes(raw.encode(), "brev.txt", entities=False)
    assert not r.tree.xpath("//t:lg | //t:l", namespaces=NS)


def test_two_notes_with_one_mark_are_not_notes() -> None:
    """Hypothesis (10,000 examples) found a page whose foot held two "notes" marked 0 and
    one callout 0: one was attached, the other stayed, and the diplomatic text lost the
    order of the words. Notes on a page must have marks of their own."""
    raw = "0 0 0 0 0 0 0 :0.\n0 AA ”\n0 0 000000 0000000000AA\n0 0 000000 000000000000"
    r = encode_bytes(raw.encode(), "r.txt", entities=False)
    assert text.words(r.tree, diplomatic=True) == raw.split()
    marks = r.tree.xpath("//t:note/@n", namespaces=NS)
    assert len(marks) == len(set(marks))
