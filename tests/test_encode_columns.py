"""Two columns side by side (``encode/columns.py``): ``pdftotext -layout`` of pages set in two
columns (fresh2's ``g-two-column``, real extractions) is read column by column; a page in one
column, a centred head with its number among them, is left as it is."""

from __future__ import annotations

import gzip
from pathlib import Path

from teiedition.encode import encode_bytes
from teiedition.encode.columns import split_columns
from teiedition.encode.lines import split_lines

from .layout_score import load_key, score

LAYOUTS = Path(__file__).parent / "data" / "layouts"
CASE = LAYOUTS / "fresh2" / "swe-wagner--g-two-column"


def _layout(folder: Path) -> bytes:
    return gzip.decompress((folder / "pdftotext-layout.txt.gz").read_bytes())


def test_two_columns_are_read_one_after_the_other() -> None:
    raw = _layout(CASE)
    lines = split_columns(split_lines(raw.decode("utf-8")))
    texts = [ln.text for ln in lines]
    # the head over both columns first, then the left column's lines, then the right's
    assert texts[0] == "NORRTULLSLIGAN — 1"
    left = texts.index("Söndag, jag har glömt daton.")
    right = texts.index("— Vet fröken, sade han, jag är nedstämd och")
    assert left < right
    assert not any("  " in t for t in texts[left:right])
    got = score(encode_bytes(raw, "x.txt", entities=False).tree, load_key(CASE / "key.json.gz"))
    assert got.words >= 0.99 and got.paragraph_f1 >= 0.95 and got.hyphens >= 0.95


def test_one_column_stays_as_it_is() -> None:
    raw = _layout(LAYOUTS / "swe-strindberg--t-chapter-spaced").decode("utf-8")
    lines = split_lines(raw)
    assert split_columns(lines) is lines
    assert [ln.raw for ln in lines] == [ln.raw for ln in split_lines(raw)]


def test_columns_after_front_matter_in_one_column() -> None:
    """Front matter in one column (480 lines of a novel's -layout pages, no gutter) before
    pages in two: the test for a gutter reads lines spread over the text, not its first
    lines only (which held no gutter), so the pages in two columns are still read column by
    column."""
    front = _layout(LAYOUTS / "swe-strindberg--t-chapter-spaced").decode("utf-8")
    front = "\f".join([front.rstrip("\n")] * 2) + "\n\f"
    two = "\f".join(_layout(LAYOUTS / "fresh2" / f"{t}--g-two-column").decode("utf-8")
                    for t in ("eng-wells", "fra-corday", "deu-spyri", "swe-wagner"))
    assert len(front.split("\n")) > 400
    texts = [ln.text for ln in split_columns(split_lines(front + two))]
    left = texts.index("Söndag, jag har glömt daton.")
    right = texts.index("— Vet fröken, sade han, jag är nedstämd och")
    assert left < right and not any("  " in t for t in texts[left:right])
