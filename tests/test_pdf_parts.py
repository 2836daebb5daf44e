"""A long text typeset in parts and joined (publish/parts.py) is the book a single run gives:
same pages, page numbers, running heads, footnote numbers, contents, bookmarks and index of
names. Checked on a book that fits both ways, with a small part size forced."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from teiedition import TEI_NS
from teiedition.publish import parts, pdf, timeline
from teiedition.xml import parse_file, serialize

from .test_pdf import words

DATA = Path(__file__).parent / "data" / "pdf"
T = f"{{{TEI_NS}}}"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")


def divisions(kind: str, head: str, count: int, paras_each: int,
              longer_than: int) -> etree._ElementTree:
    """The sample with its body made of ``count`` divisions of the sample's paragraphs
    longer than ``longer_than`` characters (names with @ref for the index)."""
    tree = parse_file(DATA / "sample.xml")
    body = tree.getroot().find(f"{T}text/{T}body")
    paras = [p for p in body.iter(f"{T}p") if len("".join(p.itertext())) > longer_than]
    for child in list(body):
        body.remove(child)
    for k in range(count):
        div = etree.SubElement(body, f"{T}div", type=kind)
        etree.SubElement(div, f"{T}head").text = f"{head} {k + 1}"
        for j in range(paras_each):
            div.append(copy.deepcopy(paras[(k * 3 + j) % len(paras)]))
    return tree


def book(chapters: int = 7) -> etree._ElementTree:
    """A book of chapters, one footnote per chapter: each chapter a page or more, so each
    opens a page."""
    tree = divisions("chapter", "Kapitel", chapters, 5, 200)
    for k, div in enumerate(tree.getroot().find(f"{T}text/{T}body")):
        note = etree.SubElement(div[1], f"{T}note")
        note.text = f"Anmärkning till kapitel {k + 1}."
    return tree


def pdftext(data: bytes, tmp: Path, name: str) -> list[str]:
    """The text of each page (pdftotext -layout), pages split at form feeds."""
    path = tmp / f"{name}.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[pdf.Rendered, pdf.Rendered]:
    single, parted, _ = single_and_parted(book(), "book.xml", 4)
    return single, parted


def single_and_parted(tree: etree._ElementTree, name: str, parts_wanted: int
                      ) -> tuple[pdf.Rendered, pdf.Rendered, int]:
    """The book typeset in one run and in parts of 1/``parts_wanted`` of its text, and the
    size of that part (characters)."""
    register = pdf._serialize_register(DATA / "register.xml")
    single = pdf.render(tree, register_xml=register, source_name=name)
    part = len("".join(tree.getroot().find(f"{T}text").itertext())) // parts_wanted
    return single, pdf.render(tree, register_xml=register, source_name=name,
                              part_chars=part), part


def test_the_book_was_cut_into_parts(both: tuple[pdf.Rendered, pdf.Rendered]) -> None:
    text = both[1].source.split(parts._OPEN, 1)[1]  # a fifth of the text, not of the page design
    book_ = parts.cut(both[1].source, len(text) // 5)
    assert len(book_.parts) >= 3
    assert all(p[0].startswith("chapter(level: 1, newpage: true") for p in book_.parts[1:])


def test_parts_typeset_as_the_stylesheet_writes_them(
        both: tuple[pdf.Rendered, pdf.Rendered], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """With the stylesheet in a child process, its statements are read as it writes them
    and the first parts typeset meanwhile (parts.typeset_book on the lines): the same source
    and the same book as from the whole source. The timeline (TEIEDITION_TIMELINE) has each
    process's events: the stylesheet's child, a Typst child per part, front and back."""
    tree = book()
    register = pdf._serialize_register(DATA / "register.xml")
    made: list[str] = []
    lines = list(pdf.typst_lines(serialize(tree), made, register_xml=register, paper="a4",
                                 source_name="book.xml", build_date=pdf.build_timestamp(tree)))
    assert "".join(made) == both[1].source and lines == both[1].source.split("\n")
    part = len("".join(tree.getroot().find(f"{T}text").itertext())) // 4
    log = tmp_path / "timeline.txt"
    monkeypatch.setenv(timeline.ENV, str(log))
    streamed = pdf.render(tree, register_xml=register, source_name="book.xml",
                          part_chars=part, apart=True)
    assert streamed.source == both[1].source
    assert pdftext(streamed.pdf, tmp_path, "streamed") == pdftext(both[1].pdf, tmp_path, "p")
    events = timeline.read(log)
    when = {(who, what): t for t, _, who, what in events}
    n = len(parts.cut(streamed.source, part * 5 // 4).parts)
    assert when["xslt", "stylesheet compiled"] < when["main", "the source complete"]
    for k in range(n):
        assert when["main", f"part {k}'s statements made"] < when[f"part {k}", "laid out"] \
            < when[f"part {k}", "PDF made"] <= when["main", f"part {k} bound"]
    assert {who for _, _, who, _ in events} == {"main", "xslt", "front", "back",
                                                *(f"part {k}" for k in range(n))}
    assert len({pid for _, pid, _, _ in events}) == 1 + 1 + n + 3  # front laid out twice
    lines = timeline.table(events, events[0][0])
    assert lines[0].split()[:2] == ["0.000", "main"] and len(lines) == len(events)


def test_a_failing_stylesheet_child_ends_the_book_with_its_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The XSLT child dies half-way through a long text: the parts begun meanwhile stop,
    and the book fails with the child's error, no part waiting for ever."""
    tree = book()
    child = pdf._XSLT_CHILD.replace('tree, params, job["out"])',
                                    'tree, params, job["out"] + ".all")')
    child = child.replace("print(json.dumps({}))", """
data = Path(job["out"] + ".all").read_bytes()
Path(job["out"]).write_bytes(data[:len(data) // 2])
sys.exit(5)""")
    assert child.count(".all") == 2
    monkeypatch.setattr(pdf, "_XSLT_CHILD", child)
    part = len("".join(tree.getroot().find(f"{T}text").itertext())) // 4
    with pytest.raises(pdf.TeieditionError, match="the XSLT step stopped .exit code 5"):
        pdf.render(tree, source_name="book.xml", part_chars=part, apart=True)


def test_parts_give_the_pages_of_a_single_run(both: tuple[pdf.Rendered, pdf.Rendered],
                                              tmp_path: Path) -> None:
    single, parted = (pdftext(r.pdf, tmp_path, n)
                      for r, n in zip(both, ("single", "parts"), strict=True))
    assert len(single) == len(parted) > 10
    for k, (a, b) in enumerate(zip(single, parted, strict=True)):
        if k == 1:  # the contents: the same entries and pages (drawn by other code)
            assert re.findall(r"(Kapitel \d+|Register)\W+(\d+)", a) == \
                re.findall(r"(Kapitel \d+|Register)\W+(\d+)", b)
            continue
        # every other page: the same lines, page numbers, running heads, footnote numbers,
        # line numbers, index entries with their pages
        assert a.split() == b.split(), f"page {k + 1} differs"


def bookmarks(data: bytes) -> list[tuple[str, int]]:
    """(title, page index) of each top-level bookmark."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [(o.title, reader.get_destination_page_number(o)) for o in reader.outline
            if not isinstance(o, list)]


def test_joined_pdf_metadata_and_bookmarks(both: tuple[pdf.Rendered, pdf.Rendered]) -> None:
    from pypdf import PdfReader

    single, parted = (PdfReader(io.BytesIO(r.pdf)) for r in both)
    assert parted.metadata.title == single.metadata.title
    assert parted.metadata.author == single.metadata.author
    marks = bookmarks(both[1].pdf)
    assert marks == bookmarks(both[0].pdf) and len(marks) >= 8


def links(data: bytes) -> list[tuple[int, int]]:
    """(page, target page) of every link annotation, pages counted from 1."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    number = {p.indirect_reference.idnum: k for k, p in enumerate(reader.pages)}
    found = []
    for k, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            if dest is None and "/A" in annot:
                dest = annot["/A"].get("/D")
            if isinstance(dest, str):
                target = reader.get_destination_page_number(reader.named_destinations[dest])
            else:
                target = number[dest[0].idnum]
            found.append((k + 1, target + 1))
    return found


def test_contents_and_index_link_to_their_pages(both: tuple[pdf.Rendered, pdf.Rendered]
                                                ) -> None:
    """The numbers of the contents and the index (set in parts of their own) link to the
    pages of the other parts as a single run's do; every link inside a part stays."""
    single, parted = links(both[0].pdf), links(both[1].pdf)
    contents = [b for a, b in parted if a == 2]  # chapters in order, the index last
    assert len(contents) >= 8 and contents == sorted(contents) and contents[0] > 2
    index = [(a, b) for a, b in parted if a >= contents[-1]]
    assert len(index) >= 20 and all(1 <= b < contents[-1] for _, b in index)
    assert sorted(parted) == sorted(single)


def test_every_word_once_in_order(both: tuple[pdf.Rendered, pdf.Rendered],
                                  tmp_path: Path) -> None:
    single, parted = (pdftext(r.pdf, tmp_path, n) for r, n in zip(both, ("s", "p"), strict=True))
    assert words(" ".join(parted[2:])) == words(" ".join(single[2:]))


def letters(count: int = 30) -> etree._ElementTree:
    """A book of short divisions (two of the sample's paragraphs each): none opens a page, so
    the parts are cut in running text."""
    return divisions("letter", "Brev", count, 2, 100)


def test_parts_cut_in_running_text_turn_the_pages_of_a_single_run(tmp_path: Path) -> None:
    """Where no division opens a page, a part ends at a page of its layout that a statement
    begins (the next part starts there), so the book turns its pages where a single run
    does: no page break of its own at the parts' boundaries."""
    single, parted, part = single_and_parted(letters(), "letters.xml", 8)
    book_ = parts.cut(parted.source, part * 5 // 4)
    assert len(book_.parts) >= 4 and all(book_.flows[1:])
    a, b = pdftext(single.pdf, tmp_path, "single"), pdftext(parted.pdf, tmp_path, "parts")
    assert len(a) == len(b) > 12
    heads = r"(Brev \d+|Register)\W+(\d+)"
    assert re.findall(heads, a[1]) == re.findall(heads, b[1])
    for k in range(2, len(a)):
        assert a[k].split() == b[k].split(), f"page {k + 1} differs"
    assert sorted(links(single.pdf)) == sorted(links(parted.pdf))
    assert bookmarks(parted.pdf) == bookmarks(single.pdf)  # none twice, none lost
    assert len(bookmarks(single.pdf)) == 31


def test_pdfa_parts(tmp_path: Path) -> None:
    """--pdfa on a book in parts: the joined file keeps the PDF/A identification (XMP) and
    embeds every font."""
    tree = book(4)
    chars = len("".join(tree.getroot().find(f"{T}text").itertext()))
    out = pdf.render(tree, pdfa=True, source_name="book.xml", part_chars=chars // 3)
    path = tmp_path / "a.pdf"
    path.write_bytes(out.pdf)
    assert b"pdfaid:part" in out.pdf
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [ln.split() for ln in fonts.splitlines()[2:]]
    assert rows and all("yes" in r[-5:-2] for r in rows), fonts


@pytest.mark.parametrize("failing", [0, 1, 3])
def test_a_part_that_fails_ends_the_book_with_its_error(failing: int) -> None:
    """A part whose typesetting fails (here: the parts after a flow cut wait for it) stops
    the whole book with that error; no part waits for it for ever."""
    import threading

    source = letters().getroot()
    register = pdf._serialize_register(DATA / "register.xml")
    code = pdf.typst_source(etree.ElementTree(source), register_xml=register)
    seen: list[str] = []

    def typeset(code: str, final: bool, place: parts.Place | None
                ) -> tuple[bytes, list[str], dict]:
        summary = {"pages": 3, "notes": 0, "heads": [], "ents": [], "starts": [],
                   "top": 85.0, "links": []}
        if place is not None:
            seen.append(code)
            if len(seen) == failing + 1:
                raise pdf.TeieditionError("typesetting failed: part")
            place(summary)
        return b"", [], summary

    failed: list[BaseException] = []

    def run() -> None:
        try:
            parts.typeset_book(code, typeset, workers=2, part_chars=len(code) // 8)
        except BaseException as err:  # noqa: BLE001 - the test looks at it
            failed.append(err)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "the book waits for ever"
    assert failed and "typesetting failed: part" in str(failed[0])


def test_a_part_waiting_for_its_first_page_lets_the_next_lay_out() -> None:
    """While the stylesheet still writes the source, one part child lays out beside it; the
    first part, laid out, waits for its first page number until the contents are laid out
    (at the end of the source): meanwhile the next part lays out, where it waited too. The
    book is then bound from the parts' PDFs in order, the front before them."""
    import threading

    import pikepdf

    code = pdf.typst_source(book(9), register_xml=pdf._serialize_register(
        DATA / "register.xml"))
    lines = code.split("\n")
    laying: list[int] = []  # the parts whose layout began, in order
    second = threading.Event()
    held: list[bool] = []

    def source() -> Iterator[str]:
        yield from lines[:-2]
        held.append(second.wait(20))  # the source is not complete until a second part lays out
        yield from lines[-2:]

    def blank(pages: int) -> bytes:
        doc = pikepdf.new()
        for _ in range(pages):
            doc.add_blank_page()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def typeset(code: str, final: bool, place: parts.Place | None
                ) -> tuple[bytes, list[str], dict]:
        statements = code[code.index("\n#{\n") + 4:].split("\n")
        heads = [(h[0], 1, 0.0) for ln in statements if (h := parts._heading(ln))]
        pages = 2 if place is not None else 1
        summary = {"pages": pages, "notes": parts.footnotes(statements), "heads": heads,
                   "ents": [], "starts": [], "top": 85.0, "links": []}
        if place is not None:
            laying.append(len(laying))
            if len(laying) == 2:
                second.set()
            first = place(summary)
            # the same number the child was given as soon as it was known
            assert place.known.done() and place.known.result() == first
            numbers.append(first)
        return blank(pages), [], summary

    numbers: list[int] = []
    data, _, n = parts.typeset_book(source(), typeset, workers=2, part_chars=len(code) // 5)
    assert n >= 3 and held == [True], (n, held)
    assert sorted(numbers) == [2 + 2 * k for k in range(n)]  # after the 1-page front
    assert len(pikepdf.open(io.BytesIO(data)).pages) == 1 + 2 * n + 1


def test_a_first_page_number_learnt_meanwhile_replaces_the_file(tmp_path: Path) -> None:
    """pdf._PageWrites: a part's first page number, once known, replaces the page file its
    Typst child reads (whole: never half a number); once the child's root is gone, nothing
    is written; a number that failed is not written."""
    from concurrent.futures import Future

    page = tmp_path / parts.PAGE_FILE
    page.write_text("1")
    writes = pdf._PageWrites()
    known: Future[int] = Future()
    known.add_done_callback(lambda f: writes.write(page, f))
    known.set_result(148)
    assert page.read_text() == "148" and sorted(p.name for p in tmp_path.iterdir()) == [
        parts.PAGE_FILE]
    failed: Future[int] = Future()
    failed.set_exception(pdf.TeieditionError("a part before it failed"))
    writes.write(page, failed)
    assert page.read_text() == "148"
    writes.close()
    later: Future[int] = Future()
    later.set_result(221)
    writes.write(page, later)
    assert page.read_text() == "148"


def test_the_book_in_parts_is_tagged_as_one(both: tuple[pdf.Rendered, pdf.Rendered],
                                            tmp_path: Path) -> None:
    """The parts' structure trees become the book's (publish/tagged.py): tagged as a single
    run is, every page's marked content found through the one /ParentTree, no element on
    a page the book does not have (the overlap a part drops), the same headings and notes in
    the same order as the single run's tree, each id once."""
    import pikepdf

    from teiedition.publish.tagged import _nums

    single, parted = both
    book_pdf = pikepdf.open(io.BytesIO(parted.pdf))
    tree = book_pdf.Root.StructTreeRoot
    keys = {k for k, _ in _nums(tree.ParentTree)}
    used = [int(p.obj.StructParents) for p in book_pdf.pages if "/StructParents" in p.obj]
    used += [int(a.StructParent) for p in book_pdf.pages for a in p.obj.get("/Annots", [])
             if "/StructParent" in a]
    assert used and len(used) == len(set(used)) and set(used) <= keys
    pages = {p.objgen for p in book_pdf.pages}
    stack, seen = [tree.K[0]], 0
    while stack:
        e = stack.pop()
        seen += 1
        assert "/Pg" not in e or e.Pg.objgen in pages
        kids = e.get("/K")
        for kid in (list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary):
                if kid.get("/Type") in ("/MCR", "/OBJR"):
                    assert "/Pg" not in kid or kid.Pg.objgen in pages
                else:
                    stack.append(kid)
    assert seen > 100

    def outline(data: bytes, name: str) -> tuple[list[str], list[str]]:
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, re.M), info
        text = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                              check=True).stdout.decode("utf-8", "replace")
        return (re.findall(r'^\s*H1 "([^"]*)"', text, re.M),
                re.findall(r"^\s*Note <([^>]*)>", text, re.M))

    heads, notes = outline(parted.pdf, "parted")
    single_heads, single_notes = outline(single.pdf, "single")
    assert heads == single_heads and heads[1:8] == [f"Kapitel {k}" for k in range(1, 8)]
    # each part numbers its notes' ids from 1: a later part's get its number ('Note 1 (3)')
    assert len(notes) == len(set(notes)) == len(single_notes) == 7


def test_structure_trees_read_with_their_kids() -> None:
    """A number or name tree may hold its pairs in /Kids: every reader of publish/tagged.py
    (ParentTree, IDTree, also the first part's when the book's is written) sees them."""
    import pikepdf
    from pikepdf import Array, Dictionary

    from teiedition.publish.tagged import _ids, _nums

    nums = Dictionary(Kids=Array([Dictionary(Nums=Array([0, "a", 1, "b"])),
                                  Dictionary(Nums=Array([2, "c"]))]))
    assert [(k, str(v)) for k, v in _nums(nums)] == [(0, "a"), (1, "b"), (2, "c")]
    ids = Dictionary(IDTree=Dictionary(Names=Array([pikepdf.String("H1"), 1]), Kids=Array(
        [Dictionary(Names=Array([pikepdf.String("Note 1"), 2]))])))
    assert [(k, int(v)) for k, v in _ids(ids)] == [("H1", 1), ("Note 1", 2)]


def test_binder_front_goes_first_after_a_part_that_keeps_no_page() -> None:
    """The front goes before the PDFs added, whatever they kept (a first part that kept no
    page does not make the next one the front), and a link of a PDF the book has not is
    left out, not an error."""
    import pikepdf

    def pdf(widths: list[int]) -> bytes:
        doc = pikepdf.new()
        for w in widths:
            doc.add_blank_page(page_size=(w, 800))
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    binder = parts.Binder()
    binder.add(pdf([300]), 0)  # none of its pages is the book's
    binder.add(pdf([400, 401]))
    binder.add(pdf([500]))
    link = {"page": 1, "x0": 10, "x1": 20, "y": 100, "target": {"page": 2, "y": 50}}
    book = pikepdf.open(io.BytesIO(binder.finish(pdf([200]), [(2, link), (9, link)])))
    assert [int(p.mediabox[2]) for p in book.pages] == [200, 400, 401, 500]
    annots = book.pages[1].obj.get("/Annots")  # part 2's first page: the book's second
    assert annots is not None and len(annots) == 1
