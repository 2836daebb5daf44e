"""Discover: the sources of a build (files as given, folders walked) and the names of their
outputs (unique TEI stems and HTML page names), and where outputs go."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..manifest import DIRNAME
from ..output import (
    safe_stem,
)
from ..resources import sample_path

FORMATS = ("tei", "html", "pdf")
TEXT_SUFFIXES = (".txt",)
TEI_SUFFIXES = (".xml",)
HTML_DIR = "output/html"
PDF_DIR = "output/pdf"
SEARCH_DIR = f"{DIRNAME}/search"


@dataclass(frozen=True, slots=True)
class Doc:
    """One source of the build and the names of its outputs."""

    path: Path
    kind: str  # "text" (encoded first) or "tei" (published as it is)
    stem: str  # unique in the build: tei/<stem>.xml, output/pdf/<stem>.pdf
    page: str  # unique HTML page name: output/html/<page> (a corpus: its first text's)
    pages: tuple[str, ...] = ()  # a teiCorpus: the page of each of its TEI, in order
    title: str = ""  # a teiCorpus: its title (the edition's when it is the only source)

    @property
    def html_pages(self) -> tuple[str, ...]:
        """The HTML pages this source makes: one, or one per TEI of a corpus."""
        return self.pages or (self.page,)

    @property
    def tei_rel(self) -> str | None:
        return f"tei/{self.stem}.xml" if self.kind == "text" else None


def walk(folder: Path, suffixes: Sequence[str], skip: set[Path] = frozenset()) -> list[Path]:
    """The files under ``folder`` with one of ``suffixes``, in sorted order; hidden entries
    and the folders in ``skip`` (resolved paths) are left out."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and (here / d).resolve() not in skip)
        found += [here / name for name in sorted(filenames)
                  if not name.startswith(".") and Path(name).suffix.lower() in suffixes]
    return found


def tei_files(paths: Sequence[str | Path]) -> list[Path]:
    """The TEI files that ``html``, ``pdf``, ``validate`` and ``entities`` were given: files
    as they are, folders walked for ``.xml`` (sorted). A walked folder's edition register
    (``tei/register.xml``) is the names' register, not a text, and is left out; a folder
    with no TEI file is an error, not an empty edition."""
    from ..edition import edition_register
    from ..errors import InputError

    found: list[Path] = []
    for given in map(Path, paths):
        if not given.is_dir():
            found.append(given)
            continue
        files = walk(given, TEI_SUFFIXES)
        registers = {r.resolve() for r in map(edition_register, files) if r is not None}
        files = [f for f in files if f.resolve() not in registers]
        if not files:
            raise InputError("the folder holds no TEI file (*.xml)", path=str(given))
        found += files
    return found


def discover(sources: Sequence[Path], out_root: Path) -> list[Doc]:
    """The documents to build: files as given, folders walked for .txt and .xml (sorted).

    Inside a folder, hidden entries and the build's own output folders (tei/, output/ and
    .teiedition/ of ``out_root``) are skipped, so building ``.`` in an edition root does not
    read its own outputs back as sources.
    """
    skip = {(out_root / d).resolve() for d in ("tei", "output", DIRNAME)}
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for src in sources or [sample_path()]:
        files = walk(src, TEXT_SUFFIXES + TEI_SUFFIXES, skip) if src.is_dir() else [src]
        found += [(f, "tei" if f.suffix.lower() in TEI_SUFFIXES else "text") for f in files]
    from .. import corpus
    from ..publish.html import page_name

    docs: list[Doc] = []
    stems: set[str] = set()
    pages: set[str] = set()
    for path, kind in found:
        real = path.resolve()
        if real in seen:
            continue
        seen.add(real)
        base = safe_stem(path.name)
        stem, n = base, 1
        while stem.lower() in stems or stem.lower() == "register":
            n += 1
            stem = f"{base}-{n}"
        stems.add(stem.lower())
        scanned = corpus.scan(path, path.stem) if kind == "tei" else None
        if scanned and scanned[1]:  # each TEI of a corpus a page, named as `html` names it
            named = tuple(page_name(name, pages) for name in scanned[1])
            docs.append(Doc(path, kind, stem, named[0], named, scanned[0]))
        else:
            docs.append(Doc(path, kind, stem, page_name(stem, pages)))
    return docs
