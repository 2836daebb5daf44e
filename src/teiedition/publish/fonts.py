"""Fonts for every script, and the characters no font has.

Typst brings Libertinus Serif (Latin, Greek, Cyrillic, Hebrew), New Computer Modern and
DejaVu Sans Mono. Arabic comes from Amiri (the package fontpkg-amiri, SIL OFL 1.1, 1.7 MB: a
naskh that sits well beside Libertinus); Chinese, Japanese and Korean from a CJK font when one
is installed (the optional package noto-cjk-sans-otc, Noto Sans CJK, SIL OFL 1.1, 19 MB: the
``[cjk]`` extra), or from any folder named in TEIEDITION_FONT_PATH. The text's font is a list:
Libertinus Serif first, then these, so each character is set in the first font that has it
(Typst's fallback); Japanese, Korean and Chinese text takes its own CJK family first, so Han
characters have the forms of its language.

A character that no font has would print as nothing: after typesetting, every character of
the text is looked up in the fonts embedded in the PDF (their ToUnicode maps), and one that is
in none of them is reported by its Unicode name and code point.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .parts import typst_string

#: Font packages looked for: module, folder inside it, family name (the fallback), and the
#: families it has per language (code: family).
PACKAGES: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("fontpkg_amiri", "files", "Amiri", {}),
    ("noto_cjk_sans_otc", "", "Noto Sans CJK JP",
     {"ja": "Noto Sans CJK JP", "ko": "Noto Sans CJK KR", "zh": "Noto Sans CJK SC"}),
)
DEFAULT = ("Libertinus Serif",)
_FONTS = '#let te-fonts = ("Libertinus Serif",)\n'
_CJK = "#let te-cjk = (:)\n"


def font_paths() -> list[tuple[str, str | None]]:
    """(folder, family) of every font package installed, then TEIEDITION_FONT_PATH's folders
    (family None: Typst's fallback finds them)."""
    found: list[tuple[str, str | None]] = []
    for module, sub, family, _ in PACKAGES:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations))) / sub
        if folder.is_dir():
            found.append((str(folder), family))
    for entry in os.environ.get("TEIEDITION_FONT_PATH", "").split(os.pathsep):
        if entry and Path(entry).is_dir():
            found.append((entry, None))
    return found


def with_fonts(source: str, paths: Iterable[tuple[str, str | None]]) -> str:
    """The Typst source with the font list of the fonts found (edition.typ's te-fonts) and
    the families per language of those that have them (te-cjk)."""
    families = [*DEFAULT, *(f for _, f in paths if f)]
    per_lang = {code: fam for _, _, family, langs in PACKAGES if family in families
                for code, fam in langs.items()}
    names = ", ".join(map(typst_string, families))
    source = source.replace(_FONTS, f"#let te-fonts = ({names},)\n", 1)
    if per_lang:
        langs = ", ".join(f"{code}: {typst_string(fam)}" for code, fam in sorted(per_lang.items()))
        source = source.replace(_CJK, f"#let te-cjk = ({langs})\n", 1)
    return source


#: a string literal's inside (a run of plain characters at a time: three times as fast on a
#: book as one character at a time)
_LITERAL = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
#: characters that need no glyph of their own (spaces, controls, formatting, combining marks
#: set with their base)
_NO_GLYPH = ("Z", "C", "M")


def text_chars(source: str) -> set[str]:
    """The characters of the text: those of the string literals in the code block (the
    page design before it holds none of the TEI's text). A letter seen only with combining
    marks (pointed Hebrew) is left out: its glyph stands for the cluster, which the PDF's
    ToUnicode map may not spell out."""
    body = source[source.find("\n#{\n"):]
    literals = _LITERAL.findall(body)
    chars = set("".join(literals))
    marks = "".join(sorted(c for c in chars if unicodedata.category(c).startswith("M")))
    if marks:  # only then is the character after each one looked at
        chars = set()
        has_mark = re.compile(f"[{re.escape(marks)}]")
        for s in literals:
            if has_mark.search(s) is None:
                chars.update(s)
                continue
            s = s.replace("\\\\", "")
            chars.update(c for c, after in zip(s, s[1:] + " ", strict=True)
                         if not unicodedata.category(after).startswith("M"))
    return {c for c in chars if ord(c) > 0x7E
            and not unicodedata.category(c).startswith(_NO_GLYPH)}


def pdf_chars(pdf: bytes) -> set[str]:
    """Every character some font in the PDF has a glyph for (from the fonts' ToUnicode
    maps; a glyph missing from its font is not mapped). Read with pikepdf (qpdf): 0.02
    CPU-s on a 433-page book where pypdf took 0.14, on the serial end of a book in parts."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    chars: set[str] = set()

    def once(obj: pikepdf.Object) -> bool:
        """Whether ``obj`` is seen the first time (a direct object always is)."""
        if obj.is_indirect:
            if obj.objgen in seen:
                return False
            seen.add(obj.objgen)
        return True

    def fonts(resources: pikepdf.Object | None) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        for font in _values(resources.get("/Font")):
            if not isinstance(font, pikepdf.Dictionary) or not once(font):
                continue
            tu = font.get("/ToUnicode")
            if isinstance(tu, pikepdf.Stream):
                chars.update(_cmap_chars(tu.read_bytes().decode("latin-1")))
            for sub in font.get("/DescendantFonts") or []:
                fonts(pikepdf.Dictionary(Font=pikepdf.Dictionary(X=sub)))
        for xobject in _values(resources.get("/XObject")):
            if isinstance(xobject, pikepdf.Stream) and once(xobject):
                fonts(xobject.get("/Resources"))

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            fonts(page.obj.get("/Resources"))
    return chars


def _values(d: object) -> list:
    """The values of a PDF dictionary (none for anything else)."""
    import pikepdf

    return list(d.values()) if isinstance(d, pikepdf.Dictionary) else []


def _cmap_chars(cmap: str) -> set[str]:
    """The characters a ToUnicode CMap maps glyphs to (its bfchar and bfrange entries)."""
    chars: set[str] = set()
    singles = " ".join(re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S))
    ranges = " ".join(re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S))
    for hexes in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", singles):
        value = bytes.fromhex(hexes).decode("utf-16-be", "ignore")
        # a glyph for a composed form (bet with dagesh, U+FB31) sets its parts
        chars.update(value, unicodedata.normalize("NFKD", value))
    for a, b, start in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", ranges):
        first = int(start, 16)
        chars.update(chr(first + k) for k in range(int(b, 16) - int(a, 16) + 1)
                     if first + k < 0x110000)
    return chars


def missing(source: str, pdf: bytes) -> list[str]:
    """Warnings for the characters of the text that no font in the PDF has."""
    gone = sorted(text_chars(source) - pdf_chars(pdf))
    return [f"no font has {unicodedata.name(c, 'an unnamed character')} (U+{ord(c):04X}, "
            f"{c!r}): it prints as a blank; install a font that has it (see "
            "TEIEDITION_FONT_PATH)" for c in gone]
