"""The one hardened XML parser configuration that every stage uses.

TEI arrives from others: it may carry external entities, entity bombs, DTDs or XIncludes.
We never resolve entities, never load DTDs, never touch the network, and refuse a document
that declares entities at all, so nothing outside the input can reach an output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from . import TEI_NS
from .errors import InputError, NotTEI
from .limits import MAX_XML_BYTES, MB

XI_NS = "http://www.w3.org/2001/XInclude"



class _NothingResolver(etree.Resolver):
    """Answers every request for an external resource (DTD, entity) with nothing.

    ``load_dtd=False`` alone still lets libxml2 open a DTD file named in the DOCTYPE; with
    this resolver no file or URL is ever opened. The document is then refused by
    ``_check_doctype``.
    """

    def resolve(self, url, pubid, context):  # noqa: ANN001, ANN201
        return self.resolve_string("", context)


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,  # keeps libxml2's depth and text-node limits
        remove_blank_text=False,
        collect_ids=False,
    )
    parser.resolvers.add(_NothingResolver())
    return parser


def _check_doctype(tree: etree._ElementTree, path: str | None) -> None:
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or list(dtd.elements())):
        raise InputError("the document declares a DTD with entities or elements; "
                         "TEI input must not (entities are never expanded)", path=path)
    if docinfo.system_url or docinfo.public_id:
        raise InputError("the document refers to an external DTD; TEI input must not",
                         path=path)


def too_large(size: int, path: str | None, limit: int = MAX_XML_BYTES,
              purpose: str = "") -> InputError:
    """The one message for an XML input over a size limit (see ``teiedition.limits``)."""
    return InputError(f"XML input of {size / MB:.1f} MB is larger than the limit of "
                      f"{limit / MB:g} MB{purpose} (a memory bound; split the text into "
                      "volumes or parts)", path=path)


def parse_bytes(data: bytes, path: str | None = None, max_bytes: int = MAX_XML_BYTES,
                purpose: str = "") -> etree._ElementTree:
    """Parse XML bytes with the hardened configuration; errors carry line and column.

    ``max_bytes`` and ``purpose`` (" to publish as HTML") let a stage that needs more
    memory per byte than parsing refuse earlier, with a message that says why.
    """
    if len(data) > max_bytes:
        raise too_large(len(data), path, max_bytes, purpose)
    try:
        root = etree.fromstring(data, _parser(), base_url=path)
    except etree.XMLSyntaxError as err:
        line, col = (err.position if err.position else (None, None))
        msg = err.msg or str(err)
        # lxml appends "(<file>, line N)"; keep the words only
        msg = msg.split(", line ")[0] if ", line " in msg else msg
        raise InputError(f"not well-formed XML: {msg}", path=path, line=line,
                         column=col) from None
    tree = root.getroottree()
    _check_doctype(tree, path)
    if any(isinstance(n, etree._Entity) for n in root.iter()):
        raise InputError("the document uses entity references, which are not expanded",
                         path=path)
    refuse_xinclude(root, path)
    return tree


def refuse_xinclude(root: etree._Element, path: str | None,
                    column: Callable[[etree._Element], int | None] | None = None) -> None:
    """XIncludes are never resolved (they could pull in any local file): refuse them."""
    for el in root.iter(f"{{{XI_NS}}}*"):
        href = el.get("href")
        what = f' (href="{href}")' if href is not None else ""
        raise InputError(f"the document uses XInclude{what}; teiedition never resolves "
                         "XIncludes: put the included content into the document itself",
                         path=path, line=el.sourceline, column=column(el) if column else None)


def read_xml(path: str | Path, max_bytes: int = MAX_XML_BYTES, purpose: str = "") -> bytes:
    """The bytes of one XML file, size-checked before reading (see ``parse_bytes``)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(p)) from None
    if size > max_bytes:
        raise too_large(size, str(p), max_bytes, purpose)
    try:
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(p)) from None


def parse_file(path: str | Path, max_bytes: int = MAX_XML_BYTES,
               purpose: str = "") -> etree._ElementTree:
    """Read and parse one XML file (size-checked before reading; see ``parse_bytes``)."""
    return parse_bytes(read_xml(path, max_bytes, purpose), str(path), max_bytes, purpose)


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """The one serialisation of TEI that we write: UTF-8, declaration, trailing newline."""
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"



def tei_root_problem(root: etree._Element, *, corpus: bool = True) -> str | None:
    """Why ``root`` is not the root of a TEI P5 document, in an editor's words (None: it is)."""
    q = etree.QName(root)
    roots = ("TEI", "teiCorpus") if corpus else ("TEI",)
    if q.localname == "TEI.2":
        return ("this is TEI P4 (root element <TEI.2>), not a TEI P5 document: convert it "
                "first (e.g. with the TEI Consortium's P4-to-P5 stylesheet p4top5.xsl, which "
                "renames <TEI.2> to <TEI> in the TEI namespace)")
    if q.localname in ("TEI", "teiCorpus") and q.namespace != TEI_NS:
        where = f"the namespace {q.namespace}" if q.namespace else "no namespace"
        return (f"the root element <{q.localname}> is in {where}, so this is not a TEI P5 "
                f'document: TEI P5 elements must be in {TEI_NS}: add xmlns="{TEI_NS}" to it')
    if q.localname == "teiCorpus" and not corpus:
        return ("this is a TEI corpus (<teiCorpus>), which is published one TEI document at a "
                "time: give its <TEI> documents as separate files")
    if q.localname not in roots or q.namespace != TEI_NS:
        name = q.localname if q.namespace in (TEI_NS, None) else root.tag
        return f"the root element is <{name}>, not <TEI>: this is not a TEI document"
    return None


def require_tei(tree: etree._ElementTree, path: str | None) -> etree._Element:
    """The root of a TEI P5 document; ``NotTEI`` (with the line) for anything else."""
    root = tree.getroot()
    problem = tei_root_problem(root, corpus=False)
    if problem:
        raise NotTEI(problem, path=path, line=root.sourceline)
    return root
