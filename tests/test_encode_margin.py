"""Line numbers an edition prints in its margin (5, 10 … 45 a page) are not reading text.

The data in ``tests/data/margin`` are the first pages of a PDF that ``teiedition pdf`` made of
an ELTeC novel (Spyri; its margin numbers every fifth line, a ``·`` where a source page
begins, the source's page numbers beside it), extracted as users do: ``pdftotext`` (the margin
a column of its own, each number between blank lines), ``pdftotext -layout`` (each number
beside its line) and pypdf (a column without blank lines; Wägner's novel).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from teiedition import TEI_NS, text
from teiedition.encode import encode_bytes

NS = {"t": TEI_NS}
DATA = Path(__file__).parent / "data" / "margin"
MARGIN = {str(v) for v in range(5, 50, 5)}


def _encode(data: bytes, name: str = "x.txt"):  # noqa: ANN202
    return encode_bytes(data, name, entities=False)


def _words(result) -> list[str]:  # noqa: ANN001
    root = result.tree.getroot()
    return [w for b in text.blocks(root) for w in text.block_text(b).split()]


def test_margin_numbers_leave_the_text_in_both_poppler_modes() -> None:
    words = {}
    for name in ("spyri-pdftotext.txt", "spyri-layout.txt"):
        raw = (DATA / name).read_bytes()
        result = _encode(raw, name)
        ws = _words(result)
        numbers = [w for w in ws if re.fullmatch(r"\d+", w)]
        assert numbers == ["1880"], (name, numbers)  # the title page's date only
        assert not any("·" in w for w in ws), name
        heads = result.tree.getroot().iterfind(".//t:text//t:head", NS)
        assert not [h for h in heads if "".join(h.itertext()).strip().isdecimal()], name
        assert "line numbers in the margin" in result.pages, name
        # every page found, numbered as printed
        pbs = result.tree.getroot().findall(".//t:text//t:pb", NS)
        assert len(pbs) == raw.count(b"\f") == 12, name
        words[name] = ws
    # the two extractions of one PDF now read the same words
    sm = difflib.SequenceMatcher(None, words["spyri-pdftotext.txt"],
                                 words["spyri-layout.txt"], autojunk=False)
    assert sm.ratio() > 0.99


def test_margin_column_without_blank_lines_pypdf() -> None:
    ws = _words(_encode((DATA / "wagner-pypdf.txt").read_bytes()))
    left = [w for w in ws if w in MARGIN]
    # 60 before this rule; pypdf joins some of the column's numbers into one line ("10 20")
    assert len(left) <= 12, left


def test_a_list_of_fives_once_is_text() -> None:
    src = (b"Readme\n\nThe scale has these marks:\n\n5\n\n10\n\n15\n\n20\n\n"
           b"Each mark is a step of five.\n")
    result = _encode(src)
    assert [w for w in _words(result) if w.isdecimal()] == ["5", "10", "15", "20"]
    assert "margin" not in result.pages


def test_layout_line_numbers_every_fifth_line_are_taken_out() -> None:
    body = [f"This is line {k} of a poem that an edition numbers in its margin," for k in
            range(1, 21)]
    out = []
    for k, line in enumerate(body, 1):
        out.append(f"{k:<4}  {line}" if k % 5 == 0 else f"      {line}")
    result = _encode(("\n".join(out) + "\n").encode())
    ws = _words(result)
    assert [w for w in ws if w.isdecimal()] == [str(k) for k in range(1, 21)]
    assert "line numbers in the margin" in result.pages
