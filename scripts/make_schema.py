#!/usr/bin/env python3
"""Generate schemas/teiedition.rng, the project's TEI customisation, from TEI All.

Why a generator and not a hand-edited schema: the customisation is TEI All with every element
outside ELEMENTS removed, so it is a strict subset of TEI All by construction (a document valid
against it is valid against TEI All, as far as RELAX NG goes) and it compiles in a fraction of
the time. Edit ELEMENTS here and rerun; the test suite checks that the committed schema is what
this script writes.

    python scripts/make_schema.py            # write schemas/teiedition.rng
    python scripts/make_schema.py --check    # exit 1 if the committed file is out of date
    python scripts/make_schema.py --refresh-tei-all ../shared/schemas/tei_all.rng
                                             # replace the shipped schemas/tei_all.rng.gz

Method: parse TEI All (shipped as schemas/tei_all.rng.gz), drop annotations and the embedded
Schematron, replace every element outside the allow-list by <notAllowed/>, propagate
notAllowed through the patterns to a fixpoint (a choice loses the branch, a required group
becomes notAllowed, an optional or zeroOrMore becomes empty), then keep only the defines
reachable from <start>.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "schemas" / "tei_all.rng.gz"
OUTPUT = ROOT / "schemas" / "teiedition.rng"

RNG = "http://relaxng.org/ns/structure/1.0"
TEI = "http://www.tei-c.org/ns/1.0"
R = f"{{{RNG}}}"

#: The TEI elements the edition may use; everything else in TEI All is removed.
_ALLOWED = """
    TEI teiHeader text front body back group div

    fileDesc titleStmt title author editor respStmt resp name sponsor funder principal
    editionStmt edition extent measure
    publicationStmt publisher distributor authority pubPlace availability licence idno
    address addrLine email
    seriesStmt biblScope citedRange notesStmt
    sourceDesc bibl biblStruct analytic monogr imprint series relatedItem listBibl
    encodingDesc projectDesc samplingDecl editorialDecl correction normalization quotation
    hyphenation segmentation interpretation punctuation stdVals
    tagsDecl rendition namespace tagUsage refsDecl classDecl taxonomy category catDesc
    appInfo application listPrefixDef prefixDef
    profileDesc creation langUsage language textClass keywords term classCode catRef abstract
    correspDesc correspAction correspContext
    revisionDesc listChange change

    head p ab lb pb cb milestone fw
    q quote soCalled said mentioned distinct gloss
    persName orgName placeName geogName rs date time hi foreign emph
    note ref ptr list item label lg l
    titlePage docAuthor docTitle titlePart docDate docImprint docEdition byline dateline
    opener closer salute signed postscript argument
    gap sic corr choice reg orig abbr expan unclear supplied del add space
    seg num trailer epigraph cit
    table row cell figure figDesc graphic

    standOff listPerson person forename surname roleName addName nameLink genName
    birth death floruit occupation affiliation sex
    listOrg org listPlace place location geo country settlement region district bloc
    listRelation relation desc
"""
ELEMENTS: frozenset[str] = frozenset(_ALLOWED.split())


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _is_rng(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag.startswith(R)


def _strip_foreign(root: etree._Element) -> None:
    """Drop annotations, embedded Schematron, comments and foreign attributes."""
    for el in list(root.iter()):
        if el is root:
            continue
        if not _is_rng(el):  # comments, PIs, a:documentation, sch:*
            parent = el.getparent()
            if parent is not None and _is_rng(parent):  # nested ones go with their parent
                tail = el.tail
                parent.remove(el)
                if tail and tail.strip():  # never happens in TEI All, but do not lose text
                    raise ValueError("unexpected text after a foreign element")
    for el in root.iter(f"{R}*"):
        for name in list(el.attrib):
            if name.startswith("{"):
                del el.attrib[name]


def _element_name(el: etree._Element) -> str | None:
    """The TEI local name an <element> pattern matches, or None for name classes."""
    name = el.get("name")
    ns = el.get("ns", TEI)
    if name is None or ns != TEI or ":" in name:
        return None
    return name


NAME_CLASSES = {"name", "anyName", "nsName", "choice"}


def _content(el: etree._Element) -> list[etree._Element]:
    """The pattern children of el (for <element>, without its name class)."""
    kids = [k for k in el if _is_rng(k)]
    if _local(el) == "element" and el.get("name") is None and kids:
        kids = kids[1:]
    if _local(el) == "attribute" and el.get("name") is None and kids:
        kids = kids[1:]
    return kids


def _na() -> etree._Element:
    return etree.Element(f"{R}notAllowed")


def _empty() -> etree._Element:
    return etree.Element(f"{R}empty")


def _replace(old: etree._Element, new: etree._Element) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)


def _reduce(el: etree._Element, dead: set[str]) -> None:
    """Simplify el's subtree bottom-up, replacing removed or impossible patterns."""
    for kid in list(el):
        if _is_rng(kid):
            _reduce(kid, dead)
    tag = _local(el)
    if el.getparent() is None or tag in ("grammar", "start", "define"):
        return
    parent_tag = _local(el.getparent())
    if parent_tag in ("element", "attribute") and el is el.getparent()[0] and \
            el.getparent().get("name") is None:
        return  # a name class, not a pattern
    kids = _content(el)
    na = [k for k in kids if _local(k) == "notAllowed"]
    if tag == "element":
        if _element_name(el) is None and el.get("name") is None:
            # anyName elements (foreign content such as xenoData, egXML): removed
            _replace(el, _na())
        elif _element_name(el) not in ELEMENTS or na:
            _replace(el, _na())
        else:
            _drop_empties(el)
    elif tag == "ref":
        if el.get("name") in dead:
            _replace(el, _na())
    elif tag == "choice":
        for k in na:
            el.remove(k)
        left = _content(el)
        if not left:
            _replace(el, _na())
        elif len(left) == 1:
            _replace(el, left[0])
    elif tag in ("group", "interleave", "mixed", "list", "oneOrMore", "attribute"):
        if na:
            _replace(el, _na())
        else:
            _drop_empties(el)
            left = _content(el)
            if tag in ("group", "interleave") and len(left) == 1:
                _replace(el, left[0])
    elif tag in ("zeroOrMore", "optional"):
        if na or all(_local(k) == "empty" for k in kids):
            _replace(el, _empty())
        else:
            _drop_empties(el)
    elif tag == "except":
        for k in na:
            el.remove(k)
        if not _content(el):
            el.getparent().remove(el)


def _drop_empties(el: etree._Element) -> None:
    """<empty/> next to other patterns in a sequence adds nothing."""
    kids = _content(el)
    empties = [k for k in kids if _local(k) == "empty"]
    if empties and len(empties) < len(kids):
        for k in empties:
            el.remove(k)


def _define_dead(define: etree._Element) -> bool:
    return any(_local(k) == "notAllowed" for k in define if _is_rng(k))


def build(source_bytes: bytes) -> bytes:
    """TEI All (bytes) -> the project schema (bytes), deterministically."""
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(source_bytes, parser)
    _strip_foreign(root)
    defines = {d.get("name"): d for d in root.findall(f"{R}define")}
    if len(defines) != len(root.findall(f"{R}define")) or root.find(f".//{R}include") is not None:
        raise ValueError("expected a flat TEI All grammar without combine or include")
    known = {_element_name(e) for e in root.iter(f"{R}element")}
    missing = sorted(ELEMENTS - known)
    if missing:
        raise ValueError(f"not TEI elements: {', '.join(missing)}")

    dead: set[str] = set()
    while True:
        for define in defines.values():
            _reduce(define, dead)
        _reduce(root.find(f"{R}start"), dead)
        now = {n for n, d in defines.items() if _define_dead(d)}
        if now == dead:
            break
        dead = now

    # keep what start reaches
    reached: set[str] = set()
    todo = [r.get("name") for r in root.find(f"{R}start").iter(f"{R}ref")]
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        todo.extend(r.get("name") for r in defines[name].iter(f"{R}ref"))
    for name, define in defines.items():
        if name not in reached:
            root.remove(define)

    kept = {_element_name(e) for e in root.iter(f"{R}element")}
    lost = sorted(ELEMENTS - kept)
    if lost:
        raise ValueError(f"allow-listed elements became impossible or unreachable: "
                         f"{', '.join(lost)} (add what they require to ELEMENTS)")

    etree.cleanup_namespaces(root)
    for el in root.iter():
        el.text = None if len(el) else el.text
        el.tail = None
    etree.indent(root, space=" ")
    header = etree.Comment(
        "\n teiedition project schema: a TEI P5 customisation, generated by "
        "scripts/make_schema.py\n"
        " from TEI All (schemas/tei_all.rng.gz). Do not edit: edit the allow-list in the "
        "script and rerun it.\n"
        f" {len(kept)} elements are kept; everything else in TEI All is removed, so a document\n"
        " valid against this schema is valid against TEI All (as far as RELAX NG goes).\n"
        " TEI All's embedded Schematron is not carried over; schemas/teiedition.sch holds "
        "the project's rules.\n"
        " Source: " + _edition_note(source_bytes) + "\n")
    root.insert(0, header)
    header.tail = "\n "
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _edition_note(source_bytes: bytes) -> str:
    marker = b"TEI Edition: "
    start = source_bytes.find(marker)
    if start < 0:
        return "TEI All"
    end = source_bytes.find(b"\n", start)
    return source_bytes[start:end].decode("utf-8").strip().rstrip(".")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed schema differs")
    ap.add_argument("--refresh-tei-all", metavar="RNG",
                    help="store this tei_all.rng as schemas/tei_all.rng.gz first")
    args = ap.parse_args(argv)
    if args.refresh_tei_all:
        data = Path(args.refresh_tei_all).read_bytes()
        # mtime=0 and no file name: the same input gives the same bytes
        SOURCE.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    out = build(gzip.decompress(SOURCE.read_bytes()))
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_bytes() != out:
            print(f"{OUTPUT} is out of date: run scripts/make_schema.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_bytes(out)
    print(f"wrote {OUTPUT} ({len(out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
