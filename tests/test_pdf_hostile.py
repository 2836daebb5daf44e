"""Text that is Typst markup or code prints as text and executes nothing (issue 8).

The stylesheet writes every piece of TEI text as a Typst string literal; these tests show
that (a) a hostile document prints its characters literally, (b) the generated source has
no code but our own function calls once the string literals are taken out, and (c) for any
text the literal evaluates in Typst to exactly that text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teiedition.publish.pdf import build_pdf, compile_source, typst_source
from teiedition.xml import parse_bytes

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")

HOSTILE = [
    '#read("/etc/passwd")',
    '#import "@preview/cetz:0.3.0": *',
    "#eval(\"1+1\")",
    "$x^2 + y_1$",
    "*bold* _emph_ `raw code` ```rust fn main()```",
    "@ref-label <label> <te-ent>",
    "back\\slash \\u{41} \\\" end",
    "] ) } close [ ( { open",
    "// a comment /* a block comment */",
    '"quoted" \'single\' -- --- ... ~ =heading',
    "#set page(paper: \"a0\") #pagebreak() #panic(\"boom\")",
    "= Not a heading",
    "- not a list + nor this / term: list",
    "#{ \"code\" } #let x = 1 #x",
    "<script>alert(1)</script> & &amp;",
]


def hostile_tei() -> bytes:
    """A TEI document with hostile strings in the header, text, names, notes and pb."""
    h = [escape(s) for s in HOSTILE]
    paras = "\n".join(f"<p>Para {i}: {s} end{i}.</p>" for i, s in enumerate(h))
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
 <teiHeader><fileDesc>
  <titleStmt><title>{h[0]} Title</title><author>{h[1]}</author>
   <respStmt><resp>translation</resp><name>{h[3]}</name></respStmt></titleStmt>
  <publicationStmt><availability><licence>{h[8]}</licence></availability></publicationStmt>
  <sourceDesc><bibl>{h[6]}</bibl></sourceDesc>
 </fileDesc>
 <profileDesc><textClass><keywords><term>{h[4]}</term></keywords></textClass></profileDesc>
 </teiHeader>
 <text>
  <body>
   <div><head>{h[5]}</head>
    <pb n={quoteattr(HOSTILE[2])}/>
    {paras}
    <p>Name: <persName ref={quoteattr('#x" ) #read("/etc/passwd") (')}>{h[9]}</persName>,
       quote <q>{h[7]}</q>, note<note>{h[10]}</note>, <hi rend={quoteattr('#x')}>{h[11]}</hi>,
       <foreign xml:lang={quoteattr('x-$(rm -rf)')}>{h[12]}</foreign>,
       <persName ref="#p1">{h[13]}</persName>, page<pb n={quoteattr(HOSTILE[0])}/>break.</p>
   </div>
  </body>
 </text>
</TEI>
"""
    return doc.encode("utf-8")


def hostile_register() -> bytes:
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>
<title>r</title></titleStmt><publicationStmt><p>r</p></publicationStmt><sourceDesc><p>r</p>
</sourceDesc></fileDesc></teiHeader><standOff><listPerson><person xml:id="p1">
<persName type="reg">{escape(HOSTILE[14])} {escape(HOSTILE[0])}</persName></person>
</listPerson></standOff></TEI>""".encode()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "hostile.xml"
    src.write_bytes(hostile_tei())
    reg = tmp / "register.xml"
    reg.write_bytes(hostile_register())
    pdf, typ = build_pdf([src], tmp / "out", register=reg, keep_source=True)
    return pdf, typ.read_text(encoding="utf-8")


def test_hostile_text_prints_as_text(hostile_build: tuple[Path, str]) -> None:
    pdf, _ = hostile_build
    text = flat(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                               check=True, capture_output=True, text=True).stdout)
    text = re.sub("\u00ad ", "", text)
    for i, s in enumerate(HOSTILE):
        assert f"Para {i}: {flat(s)} end{i}." in text, s
    # in the header's fields, names, notes, quotes and the index too
    assert f"{HOSTILE[0]} Title" in text  # title page
    assert f"“{HOSTILE[7]}”" in text  # an English q: “…”, once
    nospace = re.sub(r"\s", "", text)  # the index column is narrow: it wraps at "/"
    assert re.sub(r"\s", "", HOSTILE[14] + HOSTILE[0]) + "2" in nospace  # index, page 2
    # nothing was read or run: no file content, no A0 page, no panic, no evaluated code
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first = passwd.read_text(errors="replace").split(":", 1)[0]
        assert f"{first}:x:" not in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Page size:       595.276 x 841.89" in info
    assert f"Title:           {HOSTILE[0]} Title" in info


def test_generated_source_is_only_our_calls(hostile_build: tuple[Path, str]) -> None:
    _, typ = hostile_build
    comment = typ.index("\n// ---- generated by teiedition")
    generated = typ[typ.index("\n", comment + 1):]  # after the template and that comment
    # take out every string literal ("…" with \\ and \" escapes): what remains is code
    code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', generated)
    assert not re.search(r'[$@<>`\\]|/\*|//|#(?!show: edition|\{)', code), \
        re.search(r'.{0,40}([$@<>`\\]|/\*|//|#(?!show: edition|\{)).{0,40}', code)
    names = set(re.findall(r"([A-Za-z_][\w-]*)\s*[(:]", code))
    allowed = {"show", "edition", "with", "title", "authors", "keywords", "description", "lang",
               "paper", "running-author", "running-title", "titlepage", "author", "subtitle",
               "date", "translator", "extra", "join", "chapter", "level", "newpage", "pbs",
               "para", "line-para", "pb", "pbm", "pbmark", "nm", "it", "itx", "bf", "sc", "sup",
               "sub",
               "ul", "st", "spaced", "fn", "linebreak", "parbreak", "verse", "vl", "bquote",
               "milestone", "gap-block", "gapmark", "figure-svg", "minor-head", "lst", "item",
               "tbl", "div-break", "dict-para", "depth",
               "source-titlepage", "toc", "back-matter", "endnotes", "index", "entries",
               "ref", "name", "colophon", "lm", "opening"}
    assert names <= allowed, names - allowed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                      blacklist_characters="\x00\ufffe\uffff"),
               min_size=1, max_size=60))
def test_any_text_roundtrips_through_a_typst_string(text: str) -> None:
    """Whatever the text, its literal evaluates in Typst to the same (space-normalised)
    text: no escape can end the string early or change a character."""
    if any(ord(c) < 0x20 and c not in "\t\n\r" for c in text):
        return  # not allowed in XML 1.0 at all
    norm = re.sub(r"[ \t\r\n]+", " ", text).strip(" ")  # XML white space only (not NBSP)
    if not norm or re.search(r"[\u0085\u2028\u2029]", text):
        return  # white space the stylesheet turns into spaces: covered by the hostile test
    line = _para_line(text)
    literal = line[len("para("):-1]
    assert re.fullmatch(r'"(?:[^"\\]|\\.)*"', literal), line
    import typst

    got = json.loads(typst.query(f"#metadata({literal})<x>".encode(), "<x>", field="value"))
    assert got == [norm], (text, got)


def _para_line(text: str) -> str:
    """The Typst source line of a one-paragraph TEI whose paragraph is ``text``."""
    tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
           "<title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
           "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>"
           f"<p>{escape(text)}</p></body></text></TEI>").encode()
    source = typst_source(parse_bytes(tei))
    return next(ln for ln in source.splitlines() if ln.startswith("para("))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["ord", "längre", '"', "\\", '\\"', "\ue000", "“", "#[x]",
                                 " ", "  ", "\n", "ab\\nc"]), min_size=30, max_size=160))
def test_line_marks_in_running_text_keep_every_character(pieces: list[str]) -> None:
    """Running text longer than a line carries line marks (lm(), print/inline.xsl), put in
    after the text is escaped: the paragraph is literals and marks only, and its literals
    evaluate in Typst to the text, whatever quotes, backslashes or U+E000 it holds."""
    text = "".join(pieces)
    norm = re.sub(r"[ \t\r\n]+", " ", text).strip(" ")
    if len(norm) < 61:
        return
    line = _para_line(text)
    args = line[len("para("):-1]
    literal = r'"(?:[^"\\]|\\.)*"'
    assert re.fullmatch(f"{literal}(?:, (?:lm\\(\\)|{literal}))*", args), line
    # a mark after the first space that ends 60 characters or more, where text follows
    assert ("lm()" in args) == bool(re.search(r".{60}[^ ]* .", re.sub(r"\s+", " ", text)))
    import typst

    got = json.loads(typst.query(
        f"#let lm() = none\n#metadata(({args},).filter(x => x != none).join())<x>".encode(),
        "<x>", field="value"))
    assert got == [norm], (text, got)


def test_hostile_document_compiles_with_pdfa(tmp_path: Path) -> None:
    src = tmp_path / "h.xml"
    src.write_bytes(hostile_tei())
    pdf = build_pdf([src], tmp_path, pdfa=True)[0]
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_typst_cannot_read_outside_its_root() -> None:
    """Even code (which the stylesheet never writes) could not read our files: Typst runs
    in an empty temporary root."""
    from teiedition.errors import TeieditionError

    with pytest.raises(TeieditionError, match="typesetting failed"):
        compile_source('#read("/etc/passwd")')
    with pytest.raises(TeieditionError, match="typesetting failed"):
        compile_source(f'#read("{Path(__file__).resolve()}")')


def test_malicious_xml_is_refused_and_nothing_written(tmp_path: Path) -> None:
    """XXE in the text or the register: a one-line error, no PDF, no file content."""
    from teiedition.errors import TeieditionError

    xxe = ('<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>')
    bad = tmp_path / "xxe.xml"
    bad.write_text(xxe)
    out = tmp_path / "out"
    with pytest.raises(TeieditionError) as err:
        build_pdf([bad], out)
    assert str(err.value).startswith(str(bad)) and "\n" not in str(err.value)
    good = tmp_path / "good.xml"
    good.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>ok</p></body>'
                    "</text></TEI>")
    with pytest.raises(TeieditionError):
        build_pdf([good], out, register=bad)
    assert not out.exists() or not any(out.iterdir())


def test_a_text_too_long_to_typeset_is_refused(tmp_path: Path) -> None:
    """A huge text fails at once with the documented limit, before Typst could run out of
    memory on it."""
    from teiedition.errors import InputError
    from teiedition.publish.pdf import MAX_TEXT_CHARS

    para = "<p>" + "ord " * 25_000 + "</p>"
    n = MAX_TEXT_CHARS // 100_000 + 1
    big = tmp_path / "big.xml"
    big.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>' + para * n
                   + "</body></text></TEI>")
    with pytest.raises(InputError, match="too long to typeset") as err:
        build_pdf([big], tmp_path / "out")
    assert str(err.value).startswith(str(big))
