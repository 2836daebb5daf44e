"""The built-in sample, encoded: structure, pages, every hyphenation decision, header."""

from __future__ import annotations

import hashlib
import re

from teiedition import TEI_NS, text
from teiedition.resources import sample_path

NS = {"t": TEI_NS}


def xp(result, path: str):  # noqa: ANN001, ANN201
    return result.tree.xpath(path, namespaces=NS)


def test_front_matter(sample_structure) -> None:  # noqa: ANN001
    r = sample_structure
    assert xp(r, "string(//t:front//t:docAuthor)") == "Leo Trotskij"
    main = xp(r, "//t:front//t:titlePart[@type='main']")[0]
    assert text.block_text(main) == ("Det är dags att starta en världsomfattande offensiv mot "
                                     "stalinismen")
    assert len(main.findall(f"{{{TEI_NS}}}lb")) == 1  # the title ran over two lines
    assert xp(r, "string(//t:docDate/@when)") == "1937-11-02"
    assert xp(r, "string(//t:titlePart[@type='sub'])") == (
        "Ett öppet brev till alla arbetarorganisationer")


def test_paragraphs_follow_the_source(sample_structure) -> None:  # noqa: ANN001
    body = xp(sample_structure, "//t:body//t:p")
    back = xp(sample_structure, "//t:back//t:p")
    assert len(body) == 24
    assert text.block_text(body[0]).startswith("Den socialistiska världsrörelsen")
    # the page break swallowed the blank line between these two paragraphs
    assert text.block_text(body[16]).endswith("som har begåtts i Spanien.")
    assert text.block_text(body[17]).startswith("Vi måste noga följa")
    assert [text.block_text(p)[:13] for p in back] == ["Publicerades ", "Översättning:"]
    ids = xp(sample_structure, "//t:p/@xml:id | //t:div/@xml:id")
    assert len(ids) == len(set(ids)) == len(body) + len(back) + 2


def test_page_breaks_fall_where_pages_begin(sample_structure) -> None:  # noqa: ANN001
    pbs = xp(sample_structure, "//t:pb")
    assert [pb.get("n") for pb in pbs] == ["1", "2", "3", "4"]
    # page 1 opens the title page; 2 and 3 fall inside running paragraphs; 4 between two
    assert pbs[0].getparent().tag == f"{{{TEI_NS}}}titlePage"
    for pb, after in ((pbs[1], "mord från bakhåll"), (pbs[2], "försedda med påskriften")):
        assert pb.getparent().tag == f"{{{TEI_NS}}}p"
        following = "".join(pb.getparent().xpath("string(.)"))
        assert after in following
        assert pb.getnext().tag == f"{{{TEI_NS}}}lb"
        assert pb.getnext().tail.startswith(after.split()[0])
    assert pbs[3].getparent().tag == f"{{{TEI_NS}}}div"
    assert text.block_text(pbs[3].getnext()).startswith("Vi måste noga följa")


EXPECTED_HYPHENS = {
    # line: (reading, joined?)  — read by an editor from the source
    17: ("skenrättegångar", True), 18: ("utrotningskampanj", True),
    20: ("internationalen", True), 21: ("stalinistiska", True), 37: ("förbereda", True),
    56: ("förtalskampanj", True), 59: ("kriminella", True), 77: ("förkrossande", True),
    79: ("Kai-shek", False), 81: ("publicerades", True), 83: ("GPU-organ", False),
    100: ("utgifterna", True), 103: ("journalister", True), 134: ("bestörtning", True),
    146: ("arbetarrörelsen", True), 160: ("verksamhet", True),
    168: ("GPU-Komintern-agenternas", False), 172: ("honungssöta", True),
    178: ("skrupelfri", True), 180: ("revolutionärer", True),
}


def test_every_hyphenation_decision(sample_structure) -> None:  # noqa: ANN001
    got = {d.line: (d.reading, d.joined) for d in sample_structure.document.hyphenation}
    assert got == EXPECTED_HYPHENS
    # each decision is recorded in the TEI so the diplomatic text can be restored
    assert len(xp(sample_structure, "//t:lb[@break='no'][@rend='hyphen']")) == 17
    assert len(xp(sample_structure, "//t:lb[@break='no'][not(@rend)]")) == 3
    reading = " ".join(text.block_text(p) for p in xp(sample_structure, "//t:p"))
    for word in ("skenrättegångar", "Chiang Kai-shek,", "GPU-organ", "revolutionärer"):
        assert word in reading
    assert "sken-" not in reading and "revolu-" not in reading


def test_only_the_unsure_decision_is_reported(sample_structure) -> None:  # noqa: ANN001
    assert [d.line for d in sample_structure.uncertain] == [168]


def test_quotations(sample_structure) -> None:  # noqa: ANN001
    q = [text.block_text(e) for e in xp(sample_structure, "//t:q")]
    so = [text.block_text(e) for e in xp(sample_structure, "//t:soCalled")]
    assert "Fjärde internationalen består till två tredjedelar av spioner och sabotörer" in q
    assert "Trotskijs förhandlingar med Rudolf Hess" in q
    assert so.count("tillfälliga") == 2 and "trotskisterna" in so and "ocensurerat" in so
    body_text = "".join(xp(sample_structure, "//t:text//text()"))
    assert "”" not in body_text  # every mark was paired and is rendered from the markup
    assert sample_structure.warnings == []


def test_header(sample_structure, sample_bytes: bytes) -> None:  # noqa: ANN001
    r = sample_structure
    assert xp(r, "string(//t:titleStmt/t:author)") == "Leo Trotskij"
    assert xp(r, "string(//t:titleStmt/t:title[@type='main'])").endswith("mot stalinismen")
    assert xp(r, "string(//t:respStmt[t:resp='translation']/t:name)") == "Martin Fahlgren"
    assert xp(r, "string(/t:TEI/@xml:lang)") == "sv"
    assert xp(r, "string(//t:langUsage/t:language/@ident)") == "sv"
    sha = hashlib.sha256(sample_bytes).hexdigest()
    assert sha in xp(r, "string(//t:appInfo)")
    assert "utf-8" in xp(r, "string(//t:appInfo)")
    note = xp(r, "string(//t:sourceDesc//t:note[@type='publication'])")
    assert note.startswith("Publicerades på engelska i tidningen Socialist Appeal")
    for decl in ("hyphenation", "normalization", "quotation", "segmentation"):
        assert xp(r, f"string(//t:editorialDecl/t:{decl})").strip()
    assert "20 line ends" in xp(r, "string(//t:editorialDecl/t:hyphenation)")


def test_diplomatic_text_is_the_source(sample_structure) -> None:  # noqa: ANN001
    """Nothing lost or moved: the TEI gives back every word of the source, in order."""
    source_words = sample_path().read_text(encoding="utf-8").split()
    assert text.words(sample_structure.tree, diplomatic=True) == source_words


def test_reading_text_has_no_line_end_hyphen_left(sample_structure) -> None:  # noqa: ANN001
    for p in xp(sample_structure, "//t:p"):
        assert not re.search(r"\w- \w", text.block_text(p))
