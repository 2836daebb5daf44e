"""Decoding hostile and unusual text: clear errors for what is not text, exact text otherwise."""

from __future__ import annotations

import codecs
import gzip
import re
from pathlib import Path

import pytest

from teiedition.encode import encode_bytes, source
from teiedition.errors import InputError

LAYOUTS = Path(__file__).parent / "data" / "layouts"

SV = "Källan till smittan är Komintern, för vilken apparaten bara tjänar som täckmantel.\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (SV.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SV.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + SV.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + SV.encode("utf-16-be"), "utf-16-be"),
    ((SV * 20).encode("cp1252"), None),
])
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str | None) -> None:
    got = source.decode(data, "x.txt")
    assert got.text.split() == (SV * (20 if encoding is None else 1)).split()
    if encoding:
        assert got.encoding == encoding
    else:  # a legacy 8-bit encoding, found by the detector
        assert got.encoding.replace("_", "-") in {"cp1252", "windows-1252", "latin-1",
                                                  "iso8859-1", "iso-8859-1", "cp1250",
                                                  "iso8859-15"}


def test_line_ends_nfc_and_control_characters() -> None:
    decomposed = "Ka\u0308llan"  # ä as a + combining diaeresis
    got = source.decode(f"{decomposed} är\r\nhär\rnu\x07.\n".encode(), "x.txt")
    assert got.text == "Källan är\nhär\nnu.\n"
    assert any("NFC" in n for n in got.normalisations)
    assert any("control" in w for w in got.warnings)


def test_soft_hyphens() -> None:
    got = encode_bytes("Det var en skenrätte\u00ad\ngång i Moskva och in\u00adget annat.\n"
                       .encode(), "x.txt", entities=False)
    d = got.document.hyphenation[0]
    assert d.joined and d.reason == "soft hyphen in the source"
    assert got.document.blocks[0].text == "Det var en skenrättegång i Moskva och inget annat."


def test_soft_hyphens_that_an_extractor_wrote_for_printed_hyphens() -> None:
    """pypdf gives a font's hyphen glyph as U+00AD where the font maps it so: every hyphen of
    the book, inside lines too (``n'est\\u00adce``), and no plain one. Those are printed."""
    data = gzip.decompress((LAYOUTS / "fra-corday--t-head-outer" / "pypdf.txt.gz")
                           .read_bytes())
    assert b"n'est\xc2\xadce" in data and b"-ce" not in data
    words = encode_bytes(data, "x.txt", entities=False).tree.getroot().xpath(
        "string(//*[local-name()='body'])").split()
    assert "n'est-ce" in words and "Champ-de-Mars." in words


def test_soft_hyphens_as_hints_stay_invisible() -> None:
    """Hyphenation hints (several to a word, text made for a reader's line breaking) are
    not printed hyphens, even where no plain hyphen stands beside them."""
    src = ("Die Sil\u00adben\u00adtren\u00adnung und die Zei\u00adlen\u00adlän\u00adge "
           "sind Ein\u00adstel\u00adlun\u00adgen des Le\u00adse\u00adpro\u00adgramms, "
           "die der Le\u00adser nicht sieht.\nEin zwei\u00ad\nter Satz.\n")
    words = encode_bytes(src.encode(), "x.txt", entities=False).document.blocks[0].text
    assert "Silbentrennung" in words and "Lesepro\u00adgramms" not in words
    assert "Lese-programms" not in words and "Leseprogramms" in words


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b" \n\t\n  \n", "empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"abc\x00def\x00" * 100, "NUL"),
    (bytes(range(1, 32)) * 200, "control characters"),
])
def test_not_text_is_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        encode_bytes(data, "bad.txt", entities=False)
    assert message in str(err.value)
    # the file, and where the evidence is in it (the first control character: line 1)
    assert re.match(r"bad\.txt:(1:1:)? error: ", str(err.value))


def test_too_large_is_refused_before_work() -> None:
    big = b"a" * (source.MAX_TEXT_BYTES + 1)
    with pytest.raises(InputError, match="larger than the limit"):
        source.decode(big, "big.txt")


def test_broken_utf16_bom() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        source.decode(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "x.txt")
