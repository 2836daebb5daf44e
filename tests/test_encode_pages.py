"""The page model: page breaks and page furniture read from the whole document.

The data in ``tests/data/pages`` are ELTeC chapters (Swedish, English, German, French) set
with Typst in four page designs (verso/recto running heads with the number outside; a
number at the foot; a bare number at the head; a title at the head and the number at the
foot) and extracted by ``pdftotext`` as users do: by default (form feeds), with the form
feeds removed, and with ``-layout``. The key gives each page's first word and the words.
"""

from __future__ import annotations

import difflib
import json
import re
import textwrap
from pathlib import Path

import pytest

from teiedition import TEI_NS, text
from teiedition.build import EncodeReport
from teiedition.encode import encode_bytes

NS = {"t": TEI_NS}
DATA = Path(__file__).parent / "data" / "pages"
_WORD = re.compile(r"[^\W_]+")


def _words(s: str) -> list[str]:
    return [m.group().casefold() for m in _WORD.finditer(s)]


def page_starts(tree) -> list[str]:  # noqa: ANN001
    """The first word after each pb in the reading text (the fw beside it is not text)."""
    out = []
    for pb in tree.iterfind(".//t:text//t:pb", NS):
        parts: list[str] = []
        el = pb
        while el is not None and len(_words(" ".join(parts))) < 1:
            if el.tail:
                parts.append(el.tail)
            nxt = el.getnext()
            while nxt is None and el.getparent() is not None:
                el = el.getparent()
                if el.tail:
                    parts.append(el.tail)
                nxt = el.getnext()
            if nxt is not None and nxt.tag not in (f"{{{TEI_NS}}}fw", f"{{{TEI_NS}}}pb"):
                parts.append("".join(nxt.itertext()))
            el = nxt
        out.append(next(iter(_words(" ".join(parts))), ""))
    return out


CASES = sorted(p.stem.rsplit("-", 1)[0] + "-" + p.stem.rsplit("-", 1)[1]
               for p in DATA.glob("*.txt"))


@pytest.mark.parametrize("case", CASES)
def test_page_breaks_and_furniture_of_typeset_books(case: str) -> None:
    """Every page begins where the book's page does, numbered as printed; no running head
    or page number is left in the reading text; every word is there, in order."""
    stem, design, extraction = case.rsplit("-", 2)
    key = json.loads((DATA / f"{stem}-{design}.json").read_text())
    r = encode_bytes((DATA / f"{case}.txt").read_bytes(), f"{case}.txt", entities=False)
    # a line at the top of the first page that the running heads repeat is the book's
    # title there (a first page shows no running head in most books): text, so page 1 is
    # not compared
    starts = page_starts(r.tree)
    assert starts[1:] == [w.casefold() for w in key["page_starts"]][1:]
    assert len(starts) == len(key["page_starts"])
    ns = [int(n) for n in r.tree.xpath("//t:text//t:pb/@n", namespaces=NS)]
    assert ns == list(range(1, len(ns) + 1))
    reading = _words(" ".join(text.words(r.tree)))
    truth = _words(key["words"])
    ratio = difflib.SequenceMatcher(None, truth, reading, autojunk=False).ratio()
    assert ratio >= 0.998, (case, ratio)
    for furniture in key["furniture"]:
        assert reading.count(furniture.casefold()) <= truth.count(furniture.casefold())


def test_the_report_names_the_page_design() -> None:
    r = encode_bytes((DATA / "SWE501583-vr-ff.txt").read_bytes(), "k.txt", entities=False)
    report = EncodeReport("k.txt", Path("k.xml"), r).text()
    assert ("layout: page numbers at the top, running heads at the top (verso: LAGERLÖF, "
            "recto: KÖRKARLEN), form feeds, 4 pages") in report
    assert [fw.text for fw in r.tree.iterfind(".//t:fw", NS)] == [
        "KÖRKARLEN", "LAGERLÖF", "KÖRKARLEN", "LAGERLÖF"]


PROSE = (
    "Det var en stackars liten slumsyster, som höll på att dö. Hon hade fått lungsot av den "
    "snabba, häftiga sorten, och hon hade inte stått emot längre än ett år. I det längsta "
    "hade hon gått omkring och skött sina vanliga åligganden, men då det tog alldeles slut "
    "med krafterna, hade hon blivit skickad till ett sanatorium. Där hade hon vårdats under "
    "några månader utan att bli bättre, och då hon till sist förstod, att allt hopp var ute, "
    "hade hon begett sig hem till sin mor, som bodde i ett eget litet hus borta vid en "
    "förstadsgata. Nu låg hon till sängs i en trång kammare, densamma, där hon hade bott som "
    "barn och ung, och väntade på döden. Hennes mor satt vid hennes säng, ängslig och "
    "sorgsen, men hon gick så helt upp i att ge dottern all den vård, som hon behövde, att "
    "hon inte gav sig ro att gråta. "
)


def book(pages: int, furniture, lines_per_page: int = 14, first: int = 5,  # noqa: ANN001
         broken: dict[int, tuple[str, str]] | None = None) -> tuple[str, list[str]]:
    """A book's text as an extractor gives it: ``furniture(n, body)`` lays out page ``n``
    (a list of its text lines) with its head and foot; ``broken`` ends page ``n`` inside a
    word. Returns the text and the words of the book (no furniture)."""
    wrapped = textwrap.wrap(PROSE * (pages * lines_per_page // 8 + 1), 62)
    out, words = [], []
    for k in range(pages):
        body = wrapped[k * lines_per_page:(k + 1) * lines_per_page]
        n = first + k
        if broken and n in broken:
            a, b = broken[n]
            body[-1] += f" {a}-"
            wrapped[(k + 1) * lines_per_page] = b + " " + wrapped[(k + 1) * lines_per_page]
        out.append(furniture(n, body))
        words.extend(" ".join(body).split())
    return "".join(out), words


def test_numbers_at_the_foot_then_the_next_page_at_once() -> None:
    """Page numbers at the foot after a blank line, the next page's first line right after
    them: each is a page break, none stays a word."""
    raw, words = book(6, lambda n, body: "\n".join(body) + f"\n\n{n}\n")
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == ["5", "6", "7", "8", "9", "10"]
    assert text.words(r.tree) == [w for w in words]
    assert "page numbers at the foot" in r.pages


def test_running_heads_with_numbers_inside_a_broken_word() -> None:
    """"14 TITLE OF THE BOOK" on versos, "TITLE OF THE BOOK 15" on rectos, set where a word
    was broken across the page end: the word is whole, the pb inside it, the head an fw."""
    def layout(n: int, body: list[str]) -> str:
        head = f"{n} AUGUST STRINDBERG" if n % 2 == 0 else f"DET RÖDA RUMMET {n}"
        return head + "\n" + "\n".join(body) + "\n"
    raw, words = book(6, layout, broken={6: ("be", "klagade"), 8: ("förstnämn", "da,")})
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    t = r.tree
    assert t.xpath("//t:pb/@n", namespaces=NS) == ["5", "6", "7", "8", "9", "10"]
    reading = " ".join(text.words(t))
    assert "beklagade" in reading and "förstnämnda," in reading
    assert "STRINDBERG" not in reading and "RUMMET" not in reading
    assert t.xpath("//t:fw/text()", namespaces=NS) == [
        "DET RÖDA RUMMET", "AUGUST STRINDBERG"] * 3
    pb = t.xpath("//t:pb[@n='7']", namespaces=NS)[0]
    assert pb.getparent().tag == f"{{{TEI_NS}}}p"  # inside the paragraph, inside the word
    assert "verso: AUGUST STRINDBERG, recto: DET RÖDA RUMMET" in r.pages


def test_bare_numbers_at_the_head_leave_the_text() -> None:
    raw, words = book(5, lambda n, body: f"{n}\n" + "\n".join(body) + "\n", first=1)
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == ["1", "2", "3", "4", "5"]
    assert text.words(r.tree) == words
    assert "page numbers at the top" in r.pages


def test_layout_padding_and_numbers_set_right() -> None:
    """``pdftotext -layout``: lines padded with spaces, the number far right at the foot,
    the title centred at the head, form feeds between the pages."""
    def layout(n: int, body: list[str]) -> str:  # no running head on the first page
        return (" " * 24 + ("KÖRKARLEN" if n > 21 else "") + "\n\n" + "\n".join(body)
                + "\n\n" + " " * 60 + f"{n}\n\f")
    raw, words = book(5, layout, first=21)
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == ["21", "22", "23", "24", "25"]
    assert text.words(r.tree) == words
    assert r.tree.xpath("//t:fw/text()", namespaces=NS)[:2] == ["KÖRKARLEN", "KÖRKARLEN"]


def test_a_number_glued_to_a_broken_word() -> None:
    """poppler sets the page number against the word broken at the page end ("luf13" …
    "ten"): the number leaves the word, the word is joined, a page begins inside it."""
    def layout(n: int, body: list[str]) -> str:
        return "\n".join(body) + f"\n\n{n}\n"
    raw, words = book(6, layout, first=10, broken={12: ("luf", "ten")})
    raw = raw.replace("luf-\n\n12\n", "luf12\n")
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == [str(n) for n in range(10, 16)]
    reading = text.words(r.tree)
    assert "luften" in reading and "luf12" not in " ".join(reading)
    assert [w for w in reading if w.isdigit()] == []


@pytest.mark.parametrize("raw", [
    "# teiedition\n\nA pipeline.\n\n## Install\n\n1\n\npip install teiedition\n\n2\n\n"
    "Run it.\n\n3\n\nDone.\n",
    "Tyger Tyger, burning bright,\nIn the forests of the night;\n\nWhat immortal hand or "
    "eye,\nCould frame thy fearful symmetry?\n\n" * 4,
])
def test_no_pages_where_the_text_shows_none(raw: str) -> None:
    """A README or a poem: every word, no invented page break, the report says so."""
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb", namespaces=NS) == []
    assert text.words(r.tree, diplomatic=True) == raw.split()
    assert r.pages.startswith("no page furniture found")


def test_a_page_without_a_number_begins_where_the_extractor_left_its_blank_line() -> None:
    """Text copied without form feeds: a chapter's first page prints no number, but the blank
    line the extractor sets at every page end is still there; about a period before the next
    numbered page it marks where the unnumbered page begins."""
    def layout(n: int, body: list[str]) -> str:
        return "\n".join(body) + ("\n\n" if n == 7 else f"\n\n{n}\n")
    raw, words = book(6, layout, first=5)
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == ["5", "6", "7", "8", "9", "10"]
    assert text.words(r.tree) == words
    wrapped = textwrap.wrap(PROSE * (6 * 14 // 8 + 1), 62)  # as book() wraps it
    assert page_starts(r.tree) == [_words(wrapped[k * 14])[0] for k in range(6)]


def test_front_matter_numbered_in_roman_figures() -> None:
    """A preface on pages i-iii, the text from page 1: both runs of numbers are page
    numbers, each page is labelled as printed, no figure stays in the text."""
    labels = ["i", "ii", "iii", "1", "2", "3", "4"]

    def layout(n: int, body: list[str]) -> str:
        return f"{labels[n - 1]}\n" + "\n".join(body) + "\n"
    raw, words = book(7, layout, first=1)
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == labels
    assert text.words(r.tree) == words


def test_a_page_number_that_does_not_increase_leaves_its_pb_unnumbered() -> None:
    """Our own PDFs' margin line numbers (5, 10 … 45, then the page number 5) once gave
    pb n="5" twice, which validate rejects: the later pb keeps its place without @n."""
    from teiedition.document import Milestone
    from teiedition.encode.tei import _Milestones

    ms = _Milestones()
    written = [ms.xml(Milestone(0, "pb", (("n", n),))) for n in ("4", "5", "5", "6", "iii", "2")]
    assert written == ['<pb n="4"/>', '<pb n="5"/>', "<pb/>", '<pb n="6"/>', '<pb n="iii"/>',
                       '<pb n="2"/>']
    assert ms.unlabelled == ["5"]


def test_the_report_names_the_page_numbers_a_pb_lost() -> None:
    """A page number left off its pb for not increasing is said in the encode report, not
    dropped silently."""
    from teiedition.encode import Counts, _pages

    counts = Counts(pages=4, page_signals={"page numbers at the foot, 4 pages": None},
                    unlabelled=["5"])
    assert "1 page number not kept on its pb for not increasing on the page before (5)" \
        in _pages(counts)
    counts.unlabelled = []
    assert "not kept" not in _pages(counts)


@pytest.mark.parametrize("mark", ["({})", "[{}]"])
def test_page_numbers_in_brackets(mark: str) -> None:
    """'(12)' or '[12]' at the head of each page, without form feeds: page breaks with
    their numbers, and no bracketed figure left in the reading text."""
    raw, words = book(6, lambda n, body: mark.format(n) + "\n" + "\n".join(body) + "\n\n",
                      first=12)
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == [str(n) for n in range(12, 18)]
    assert text.words(r.tree) == words


@pytest.mark.parametrize("form_feed", ["\f", ""])
def test_running_heads_that_repeat_the_chapter_heading(form_feed: str) -> None:
    """Each page but a chapter's first carries the chapter's heading as its running head
    and its number at the foot: the heading stays a head once per chapter, the running
    heads leave the text, every page begins where it should."""
    names = ["CHAPTER I", "CHAPTER II", "CHAPTER III"]

    def layout(n: int, body: list[str]) -> str:
        chapter, k = divmod(n - 1, 3)
        if k == 0:  # the chapter's opening page: its heading, no furniture
            return f"{names[chapter]}\n\n" + "\n".join(body) + f"\n\n{form_feed}"
        return f"{names[chapter]}\n\n" + "\n".join(body) + f"\n\n{n}\n\n{form_feed}"
    raw, words = book(9, layout, first=1)
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    heads = [" ".join("".join(h.itertext()).split())
             for h in r.tree.xpath("//t:body//t:head", namespaces=NS)]
    assert heads == names
    for h in r.tree.xpath("//t:body//t:head", namespaces=NS):
        h.getparent().remove(h)
    assert text.words(r.tree) == words  # and no running head left in the text
    assert r.tree.xpath("//t:pb/@n", namespaces=NS)[-8:] == [str(n) for n in range(2, 10)]
    assert "chapter titles as running heads" in r.pages


@pytest.mark.parametrize("own_page", [False, True])
def test_a_heading_over_the_first_page_is_not_a_title_page(own_page: bool) -> None:
    """A one-line heading over the first page's prose (pages known from the numbers at the
    foot) opens the body; the same line alone on a page of its own is the title."""
    def layout(n: int, body: list[str]) -> str:
        return "\n".join(body) + f"\n\n{n}\n\f"
    raw, words = book(4, layout, first=1)
    title = "Die Reise ins Gebirge"
    raw = title + ("\n\f" if own_page else "\n") + raw
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    heads = [" ".join("".join(h.itertext()).split())
             for h in r.tree.xpath("//t:body//t:head", namespaces=NS)]
    parts = [" ".join("".join(h.itertext()).split())
             for h in r.tree.xpath("//t:titlePage//t:titlePart", namespaces=NS)]
    assert (heads, parts) == (([], [title]) if own_page else ([title], []))


def test_number_and_head_on_one_line_at_the_top_split_in_two() -> None:
    """'N   TITLE' on versos and the chapter's title and number on rectos ('THE RIVER   3'),
    which poppler sets as two lines each (the number first on even pages, last on odd ones),
    without form feeds: the numbers head their pages, each numbered as printed."""
    chapters = {3: "THE RIVER", 5: "A HOUSE IN TOWN", 7: "LETTERS", 9: "THE LAST WINTER"}

    def layout(n: int, body: list[str]) -> str:
        top = f"{n}\n\nTHE BOOK OF DAYS" if n % 2 == 0 else f"{chapters[n]}\n\n{n}"
        return f"{top}\n\n" + "\n".join(body) + "\n\n"
    raw, _ = book(8, layout, first=2)
    r = encode_bytes(raw.encode(), "x.txt", entities=False)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == [str(n) for n in range(2, 10)]
    assert not [w for w in text.words(r.tree) if w.isdigit()]  # no number left as a word
    assert "page numbers at the top" in r.pages


@pytest.mark.parametrize("form_feed", ["\f", ""])
def test_bare_chapter_numbers_as_running_heads(form_feed: str) -> None:
    """A chapter headed by its number alone, that number the running head of its later
    pages, the page number at the foot (a chapter's first page bears neither): each number
    stays its chapter's heading once, its repeats leave the text, and every page begins
    where it should, also without form feeds (the page period from the page numbers, which
    stand once each, not from the chapter's numbers, which recur)."""
    sentences = re.findall(r"[^.]+\.", PROSE)
    out, words, n = [], [], 1
    for c, chapter in enumerate(("1", "2", "3")):  # (each chapter's text its own)
        order = sentences[c:] + sentences[:c]
        lines = textwrap.wrap(" ".join(s.strip() for s in order * 3), 62)
        for k in range(0, len(lines), 14):
            body = lines[k:k + 14]
            if k == 0:
                out.append(f"{chapter}\n" + "\n".join(body) + f"\n\n{form_feed}")
            else:
                out.append(f"{chapter}\n\n" + "\n".join(body) + f"\n\n{n}\n\n{form_feed}")
            words += " ".join(body).split()
            n += 1
    r = encode_bytes("".join(out).encode(), "x.txt", entities=False)
    heads = [" ".join("".join(h.itertext()).split())
             for h in r.tree.xpath("//t:body//t:head", namespaces=NS)]
    assert heads == ["1", "2", "3"]
    for h in r.tree.xpath("//t:body//t:head", namespaces=NS):
        h.getparent().remove(h)
    assert text.words(r.tree) == words  # no running head nor page number left as a word
    # (a chapter's first page numbered by its neighbours)
    assert r.tree.xpath("//t:pb/@n", namespaces=NS) == [str(k) for k in range(1, n)]


def test_a_text_that_repeats_itself_gets_no_running_heads(eltec: list[Path]) -> None:
    """Four novels laid out twice, pages marked by an indented first line and no furniture
    at all: short lines that recur near page starts ('Det nya året.', '80.') are lines of
    the text. The line classifier had taken four as running heads (words gone from the
    reading text, and each chunk read twice); running heads recur with the page period,
    on a share of the pages (lineclass.MIN_HEAD_SHARE)."""
    from .textgen import eltec_paragraphs, make_text

    one = make_text([p for f in sorted(eltec) for p in eltec_paragraphs(f)], seed=5)
    raw = (one * 2).encode()
    tree = encode_bytes(raw, "twice.txt", entities=False, max_bytes=None).tree
    assert not tree.xpath("//t:fw", namespaces={"t": TEI_NS})
    assert text.words(tree, diplomatic=True) == raw.decode().split()
