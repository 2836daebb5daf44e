"""Bytes → text: encoding detection, line ends, Unicode NFC, characters XML cannot hold.

Text from PDF extraction or OCR arrives in any encoding. We decode BOM-marked Unicode
exactly, try strict UTF-8 next (it almost never decodes non-UTF-8 text by accident), and ask
charset-normalizer for anything else. What cannot be text (NUL-ridden binary, a PDF or image
given by mistake) is refused with a message that says what the file looks like.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import InputError
from ..limits import MAX_TEXT_BYTES

SOFT_HYPHEN = "\u00ad"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\x7fELF", "an executable program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Characters XML 1.0 cannot hold (tab, newline and form feed are handled before this).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b]")
#: The characters that start a line end other than LF: looked for with ``in`` (a memchr-like
#: scan per character), ten times faster than searching with ``_LINE_ENDS``.
_OTHER_LINE_ENDS = "\r\u2028\u2029\x85\x0b"
#: In UTF-8 the controls of ``_ILLEGAL`` are these single bytes; U+FFFE/U+FFFF are EF BF BE/BF,
#: and surrogates would start with ED (as do some Hangul syllables: then the exact count runs).
_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b" + bytes(range(0x0e, 0x20)) + b"\x7f"


@dataclass(slots=True)
class SourceText:
    """The decoded, normalised text and what was done to get it."""

    text: str
    encoding: str
    sha256: str
    size: int
    warnings: list[str] = field(default_factory=list)
    normalisations: list[str] = field(default_factory=list)


def _sniff_binary(data: bytes, name: str | None) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this looks like {what}, not plain text; extract its text first",
                             path=name)


#: Where the detector finds several encodings equally plausible, the common one wins.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1257", "cp1251",
              "koi8_r", "mac_roman", "cp850", "cp437")


def _choose(matches: list) -> str:  # noqa: ANN001 (charset_normalizer.CharsetMatch)
    def rank(m) -> tuple[float, int, float]:  # noqa: ANN001
        pref = min((_PREFERRED.index(c) for c in m.could_be_from_charset if c in _PREFERRED),
                   default=len(_PREFERRED))
        return (round(m.chaos, 2), pref, -m.coherence)

    best = min(matches, key=rank)
    names = [c for c in best.could_be_from_charset if c in _PREFERRED]
    return min(names, key=_PREFERRED.index) if names else best.encoding


_UTF8_SEQUENCE = re.compile(rb"[\xc3-\xc5][\x80-\xbf]|[\xe2][\x80-\x84][\x80-\xbf]")


def _decode_mixed(data: bytes) -> str:
    """UTF-8 text with some lines in a legacy 8-bit encoding (files pasted together)."""
    return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _decode(data: bytes, name: str | None) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.removesuffix("-sig"))
            except UnicodeDecodeError as err:
                raise InputError(f"the file starts with a {enc} byte-order mark but is not "
                                 f"valid {enc} (byte {err.start + len(bom)})", path=name) from None
            return text, enc
    if b"\x00" in data[:65536]:
        raise InputError("the file contains NUL bytes: it is binary, or UTF-16/32 without a "
                         "byte-order mark; save it as UTF-8", path=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if len(_UTF8_SEQUENCE.findall(data[: 4 * 1024 * 1024])) >= 3:
        return _decode_mixed(data), "utf-8+cp1252"
    from charset_normalizer import from_bytes  # imported only when needed (slow import)

    matches = list(from_bytes(data[: 4 * 1024 * 1024]))
    if not matches:
        raise InputError("cannot determine the text encoding (the file may be binary)",
                         path=name)
    enc = _choose(matches)
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"the file is not consistently encoded (looked like {enc}, but "
                         "later bytes do not decode): mixed encodings?", path=name) from None


def _not_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _count_illegal(text: str, utf8: bytes) -> int:
    """How many characters of ``text`` XML cannot hold; ``utf8`` is ``text`` in UTF-8.

    The byte test (C speed) settles the usual case, text without any; the exact count runs
    only where it may find one.
    """
    if (len(utf8.translate(None, _CONTROL_BYTES)) == len(utf8) and b"\xef\xbf\xbe" not in utf8
            and b"\xef\xbf\xbf" not in utf8 and b"\xed" not in utf8):
        return 0
    return sum(1 for _ in _ILLEGAL.finditer(text))


def too_large(size: int, name: str | None, limit: int = MAX_TEXT_BYTES) -> InputError:
    return InputError(f"the text is {size / 1048576:.1f} MB, larger than the limit of "
                      f"{limit / 1048576:g} MB per file; split it into several files "
                      "(one per volume or chapter)", path=name)


def decode(data: bytes, name: str | None = None,
           max_bytes: int | None = MAX_TEXT_BYTES) -> SourceText:
    """Decode and normalise a plain-text source; raise ``InputError`` for non-text input.

    ``max_bytes=None`` lifts the size limit (benchmarks measuring throughput).
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise too_large(len(data), name, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    _sniff_binary(data, name)
    text, encoding = _decode(data, name)
    out = SourceText(text="", encoding=encoding, sha256=sha, size=len(data))
    if encoding == "utf-8+cp1252":
        bad = [i for i, line in enumerate(data.splitlines(), 1) if _not_utf8(line)]
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        out.warnings.append(f"mixed encodings: {len(bad)} line(s) were not UTF-8 and were "
                            f"read as cp1252 (lines {shown})")

    # the input bytes are the text's UTF-8 where they decoded as strict UTF-8
    controls = _count_illegal(text, data if encoding == "utf-8" else
                              text.encode("utf-8", "surrogatepass"))
    if controls and controls > max(16, len(text) // 100):
        raise InputError(f"the file contains {controls} control characters: it is binary, "
                         "not plain text", path=name)

    if any(ch in text for ch in _OTHER_LINE_ENDS):
        text = _LINE_ENDS.sub("\n", text)
        out.normalisations.append("line ends normalised to LF")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        out.normalisations.append("Unicode normalised to NFC")
    if controls:
        text = _ILLEGAL.sub("", text)
        out.warnings.append(f"removed {controls} control character(s) that XML cannot hold")
    if SOFT_HYPHEN in text:
        # A soft hyphen at a line end is a discretionary break: the word is joined. Inside a
        # line it is invisible and carries nothing.
        text = re.sub(SOFT_HYPHEN + r"[ \t]*\n", "\u00ad\n", text)
        text = re.sub(SOFT_HYPHEN + r"(?!\n)", "", text)
        out.normalisations.append("soft hyphens (U+00AD) read as line-end word breaks")
    if not text.strip():
        raise InputError("the text is empty (only whitespace)", path=name)
    out.text = text
    return out
