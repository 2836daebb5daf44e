"""Bytes → text: encoding detection, line ends, Unicode NFC, characters XML cannot hold.

Text from PDF extraction or OCR arrives in any encoding. We decode BOM-marked Unicode
exactly, try strict UTF-8 next (it almost never decodes non-UTF-8 text by accident), and ask
charset-normalizer for anything else. What cannot be text (NUL-ridden binary, a PDF or image
given by mistake) is refused with a message that says what the file looks like.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import InputError
from ..limits import MAX_TEXT_BYTES

SOFT_HYPHEN = "\u00ad"
#: A soft hyphen at a line end (spaces after it dropped), and one anywhere inside a line.
_SOFT_AT_END = re.compile(SOFT_HYPHEN + r"[ \t]*\n")
_SOFT_INSIDE = re.compile(SOFT_HYPHEN + r"(?!\n| {2,}\S)")
#: (one before a run of spaces and more text stays: it may end a line of a column that
#: ``pdftotext -layout`` set beside the next, ``encode.columns`` reads it there)
#: A soft hyphen inside a line, alone between two letters ("n'est\u00adce").
_INNER_SOFT = re.compile(r"(?<=[^\W\d_])\u00ad(?=[^\W\d_])")
_PLAIN_HYPHEN = re.compile(r"[^\W\d_]-[^\W\d_]")
_RUN_SOFT = re.compile(r"[^\W\d_]+(?:\u00ad[^\W\d_]+){3,}")


def _printed_soft_hyphens(text: str) -> bool:
    """Are the soft hyphens inside this text's lines printed hyphens? Where an extractor
    wrote every hyphen as U+00AD, the text has no plain one between letters, soft ones end
    lines too, and they stand one to a word part (hyphenation hints, set for a reader's
    line breaking, come three and more to a word: ``Sil\u00adben\u00adtren\u00adnung``)."""
    inner = len(_INNER_SOFT.findall(text))
    return inner >= 3 and SOFT_HYPHEN + "\n" in text and not _PLAIN_HYPHEN.search(text) \
        and len(_RUN_SOFT.findall(text)) * 10 < inner

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
#: A text is binary where 1 % of it are characters XML cannot hold, or of any 64 K of it
#: (binary data appended to a long text: its share of the whole may be small).
_BINARY_WINDOW_CONTROLS = 65536 // 100
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


#: Markup at the start of a file: an XML declaration, a doctype, or the root of a TEI, TEI
#: corpus or HTML document. Encoding it would put its tags into the reading text as words.
_MARKUP = re.compile(rb"(?:\xef\xbb\xbf)?\s*"
                     rb"(?:<\?xml[\s?]|<!DOCTYPE\s|<(?:TEI|teiCorpus|html)[\s>])", re.IGNORECASE)


def _sniff_binary(data: bytes, name: str | None) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this looks like {what}, not plain text; extract its text first",
                             path=name)
    markup = _MARKUP.match(data[:4096])
    if markup:
        line = data[:markup.end()].count(b"\n") + 1
        raise InputError("this is XML or HTML (a TEI document?), not plain text: encode reads "
                         "text extracted from a PDF or OCR; give TEI to validate, html, pdf "
                         "or build", path=name, line=line, column=1)


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

#: Bytes read at a time, and the prefix on which the encoding is detected.
READ_BYTES = 1 << 20
HEAD_BYTES = 4 * 1024 * 1024


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


Opener = Callable[[], BinaryIO]


def _blocks(opener: Opener, skip: int = 0) -> Iterator[bytes]:
    with opener() as fh:
        if skip:
            fh.read(skip)
        while block := fh.read(READ_BYTES):
            yield block


def _line_at(opener: Opener, offset: int) -> int:
    """The 1-based line of byte ``offset`` (for the message of a decoding error)."""
    return _line_column_at(opener, offset)[0]


def _line_column_at(opener: Opener, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters, the line read as UTF-8) of byte
    ``offset``, for the message of a decoding error: read a block at a time, as the text."""
    line, at = 1, 0
    start = b""  # the line's bytes before the offset (of the blocks read so far)
    for block in _blocks(opener):
        part = block[:max(0, offset - at)]
        breaks = part.count(b"\n")
        line += breaks
        start = part[part.rfind(b"\n") + 1:] if breaks else start + part
        at += len(block)
        if at >= offset:
            break
    return line, len(start.decode("utf-8", "replace")) + 1


class Reader:
    """A plain-text source read in pieces, as many times as a stage needs, never held whole.

    The constructor reads the bytes once (C speed): size limit, file signatures, byte-order
    marks, NUL bytes, the SHA-256 and the encoding — strict UTF-8 if the whole file is, else
    (as before streaming) UTF-8 with legacy lines where its first 4 MB hold UTF-8 sequences,
    else what charset-normalizer finds in those 4 MB, checked against the whole file.
    ``pieces`` then yields the decoded, normalised text (LF line ends, NFC, no characters XML
    cannot hold, soft hyphens read) a megabyte at a time, cut at line ends; after a full
    pass, ``check`` refuses binary or empty input and says what was changed.
    """

    def __init__(self, opener: Opener, name: str | None = None,
                 max_bytes: int | None = MAX_TEXT_BYTES, size: int | None = None) -> None:
        self.opener = opener
        self.name = name
        if max_bytes is not None and size is not None and size > max_bytes:
            raise too_large(size, name, max_bytes)
        self.skip = 0  # bytes of a byte-order mark
        self.encoding = ""
        self._scan(max_bytes)
        self._reset()

    # -- the byte pass ---------------------------------------------------------------------
    def _scan(self, max_bytes: int | None) -> None:
        sha = hashlib.sha256()
        size = 0
        head = b""
        utf8 = codecs.getincrementaldecoder("utf-8")()
        strict: tuple[str, codecs.IncrementalDecoder] | None = None
        valid = True
        for raw in _blocks(self.opener):
            sha.update(raw)
            block = raw
            if not size:
                head = raw[:HEAD_BYTES]
                self._first_block(raw)
                if self.encoding:  # a byte-order mark: that encoding, exactly
                    strict = (self.encoding, codecs.getincrementaldecoder(
                        self.encoding.removesuffix("-sig"))())
                    block = raw[self.skip:]
            elif len(head) < HEAD_BYTES:
                head += raw[:HEAD_BYTES - len(head)]
            size += len(raw)
            if max_bytes is not None and size > max_bytes:
                raise too_large(size, self.name, max_bytes)
            if strict is not None:
                self._strict(strict, block, size - len(block))
            elif valid:
                try:
                    utf8.decode(block)
                except UnicodeDecodeError:
                    valid = False
        if strict is not None:
            self._strict(strict, b"", size, final=True)
        elif valid:
            try:
                utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                valid = False
        if not size:
            raise InputError("the text is empty (only whitespace)", path=self.name)
        self.size = size
        self.sha256 = sha.hexdigest()
        if not self.encoding:
            self.encoding = "utf-8" if valid else self._legacy(head)

    def _first_block(self, block: bytes) -> None:
        _sniff_binary(block, self.name)
        for bom, enc in _BOMS:
            if block.startswith(bom):
                self.encoding, self.skip = enc, len(bom)
                return
        if b"\x00" in block[:65536]:
            raise InputError("the file contains NUL bytes: it is binary, or UTF-16/32 without a "
                             "byte-order mark; save it as UTF-8", path=self.name)

    def _strict(self, state: tuple[str, codecs.IncrementalDecoder], block: bytes, at: int,
                final: bool = False) -> None:
        enc, dec = state
        pending = len(dec.getstate()[0])
        try:
            dec.decode(block, final)
        except UnicodeDecodeError as err:
            offset = at - pending + err.start  # (``at`` counts the mark)
            # (lines and columns counted in UTF-8's bytes: of a UTF-16/32 file, the byte)
            line, column = _line_column_at(self.opener, offset) if enc == "utf-8-sig" \
                else (None, None)
            raise InputError(f"the file starts with a {enc} byte-order mark but is not "
                             f"valid {enc} (byte {offset})", path=self.name, line=line,
                             column=column) from None

    def _legacy(self, head: bytes) -> str:
        """The encoding of a file that is not strict UTF-8 (detected on its first 4 MB)."""
        if len(_UTF8_SEQUENCE.findall(head)) >= 3:
            return "utf-8+cp1252"
        from charset_normalizer import from_bytes  # imported only when needed (slow import)

        matches = list(from_bytes(head))
        if not matches:
            raise InputError("cannot determine the text encoding (the file may be binary)",
                             path=self.name)
        enc = _choose(matches)
        try:
            dec = codecs.getincrementaldecoder(enc)()
        except LookupError:
            dec = None
        at = 0
        try:
            if dec is None:
                raise UnicodeDecodeError(enc, b"", 0, 0, "unknown")
            for block in _blocks(self.opener):
                dec.decode(block)
                at += len(block)
            dec.decode(b"", final=True)
        except UnicodeDecodeError as err:
            line = _line_at(self.opener, at + err.start) if dec is not None else None
            raise InputError(f"the file is not consistently encoded (looked like {enc}, but "
                             "later bytes do not decode): mixed encodings?", path=self.name,
                             line=line) from None
        return enc

    # -- the text passes ---------------------------------------------------------------------
    def _reset(self) -> None:
        self.controls = 0
        self.first_control: tuple[int, int] | None = None
        self.binary_at: tuple[int, int] | None = None
        self.lines = 0  # line ends read so far in this pass
        self.legacy_lines: list[int] = []
        self.legacy_count = 0
        self.changed: set[str] = set()
        self.has_text = False
        self.chars = 0

    def _raw_pieces(self) -> Iterator[tuple[str, bytes | None]]:
        """Decoded text a megabyte at a time, each cut after a line end (the last may not
        be), with its UTF-8 where the bytes are that (for the fast control-character test)."""
        if self.encoding == "utf-8+cp1252":
            rest = b""
            lineno = 0
            for block in _blocks(self.opener, self.skip):
                data = rest + block
                cut = data.rfind(b"\n") + 1 or data.rfind(b"\r") + 1  # (old Mac line ends)
                if not cut or (cut == len(data) and data.endswith(b"\r")):
                    rest = data
                    continue
                data, rest = data[:cut], data[cut:]
                text, lineno = self._mixed_lines(data, lineno)
                yield text, None
            if rest:
                yield self._mixed_lines(rest, lineno)[0], None
            return
        is_utf8 = self.encoding == "utf-8"
        dec = codecs.getincrementaldecoder(self.encoding.removesuffix("-sig"))()
        rest = ""
        for block in _blocks(self.opener, self.skip):
            text = rest + dec.decode(block)
            cut = text.rfind("\n") + 1 or text.rfind("\r") + 1  # (old Mac line ends)
            if cut == len(text) and text.endswith("\r"):
                cut -= 1  # a CR LF cut in two would be two line ends
            if not cut and len(text) < 8 * READ_BYTES:  # one very long line: cut anyway
                rest = text
                continue
            cut = cut or len(text)
            piece, rest = text[:cut], text[cut:]
            yield piece, (piece.encode("utf-8", "surrogatepass") if is_utf8 else None)
        rest += dec.decode(b"", final=True)
        if rest:
            yield rest, (rest.encode("utf-8", "surrogatepass") if is_utf8 else None)

    def _mixed_lines(self, data: bytes, lineno: int) -> tuple[str, int]:
        """Lines of UTF-8 and of cp1252 (files pasted together), each decoded as the one it
        is, the legacy ones counted; ``lineno``: the lines before ``data``. Returns the text
        and the number of the last line."""
        out = []
        for line in data.splitlines(keepends=True):
            lineno += 1
            try:
                out.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                out.append(line.decode("cp1252", errors="replace"))
                self.legacy_count += 1
                if len(self.legacy_lines) < 11:
                    self.legacy_lines.append(lineno)
        return "".join(out), lineno

    def _where(self, text: str, i: int) -> tuple[int, int]:
        """(line, column) of ``text[i]``, ``text`` being the piece after ``self.lines`` lines."""
        return self.lines + text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)

    def pieces(self) -> Iterator[str]:
        """The normalised text, a megabyte at a time, cut after line ends (see the class)."""
        self._reset()
        for text, utf8 in self._raw_pieces():
            controls = _count_illegal(text, utf8 if utf8 is not None else
                                      text.encode("utf-8", "surrogatepass"))
            if any(ch in text for ch in _OTHER_LINE_ENDS):
                text = _LINE_ENDS.sub("\n", text)
                self.changed.add("line ends")
            if not unicodedata.is_normalized("NFC", text):
                text = unicodedata.normalize("NFC", text)
                self.changed.add("NFC")
            if controls:
                at = [m.start() for m in _ILLEGAL.finditer(text)]
                if self.first_control is None and at:
                    self.first_control = self._where(text, at[0])
                if self.binary_at is None:  # a binary part: 1 % or more of 64 K characters
                    per_window = Counter(i >> 16 for i in at)
                    dense = [w for w, k in per_window.items() if k > _BINARY_WINDOW_CONTROLS]
                    if dense:
                        self.binary_at = self._where(text, next(
                            i for i in at if i >> 16 == min(dense)))
                self.controls += controls
                text = _ILLEGAL.sub("", text)
            if SOFT_HYPHEN in text:
                # A soft hyphen at a line end is a discretionary break: the word is joined.
                # Inside a line it is invisible and carries nothing, unless the extractor
                # gave every printed hyphen as one (pypdf, where a font maps its hyphen
                # glyph to U+00AD): then no word has a plain hyphen, soft ones stand alone
                # between letters, and they are read as hyphens.
                text = _SOFT_AT_END.sub("\u00ad\n", text)
                if _printed_soft_hyphens(text):
                    text = _INNER_SOFT.sub("-", text)
                    self.changed.add("soft hyphens read as printed hyphens")
                text = _SOFT_INSIDE.sub("", text)
                self.changed.add("soft hyphens")
            self.lines += text.count("\n")
            self.chars += len(text)
            if not self.has_text and not text.isspace() and text:
                self.has_text = True
            yield text

    def check(self) -> tuple[list[str], list[str]]:
        """After a full pass of ``pieces``: refuse binary or empty input; else the warnings
        and the normalisations made, for the header and the report."""
        warnings: list[str] = []
        if self.encoding == "utf-8+cp1252":
            shown = ", ".join(map(str, self.legacy_lines[:10])) + (
                " …" if self.legacy_count > 10 else "")
            warnings.append(f"mixed encodings: {self.legacy_count} line(s) were not UTF-8 and "
                            f"were read as cp1252 (lines {shown})")
        if self.controls and (self.controls > max(16, self.chars // 100)
                              or self.binary_at is not None):
            line, col = self.binary_at or self.first_control or (None, None)
            raise InputError(f"the file contains {self.controls} control characters: it is "
                             "binary, not plain text", path=self.name, line=line, column=col)
        normalisations = [what for key, what in (
            ("line ends", "line ends normalised to LF"),
            ("NFC", "Unicode normalised to NFC")) if key in self.changed]
        if self.controls:
            warnings.append(f"removed {self.controls} control character(s) that XML cannot hold")
        if "soft hyphens" in self.changed:
            normalisations.append("soft hyphens (U+00AD) read as line-end word breaks")
        if not self.has_text:
            raise InputError("the text is empty (only whitespace)", path=self.name)
        return warnings, normalisations


def reader(data: bytes, name: str | None = None,
           max_bytes: int | None = MAX_TEXT_BYTES) -> Reader:
    """A ``Reader`` over bytes in memory."""
    return Reader(lambda: io.BytesIO(data), name, max_bytes, size=len(data))


def decode(data: bytes, name: str | None = None,
           max_bytes: int | None = MAX_TEXT_BYTES) -> SourceText:
    """Decode and normalise a plain-text source; raise ``InputError`` for non-text input.

    ``max_bytes=None`` lifts the size limit (benchmarks measuring throughput).
    """
    r = reader(data, name, max_bytes)
    text = "".join(r.pieces())
    warnings, normalisations = r.check()
    return SourceText(text=text, encoding=r.encoding, sha256=r.sha256, size=r.size,
                      warnings=warnings, normalisations=normalisations)
