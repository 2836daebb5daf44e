"""The one hardened XML parser configuration that every stage uses.

TEI arrives from others: it may carry external entities, entity bombs, DTDs or XIncludes.
We never load a DTD or any other file, never touch the network, and never resolve XIncludes,
so nothing outside the input can reach an output. What older TEI needs of its DTD is read
from the document alone (`_entities`): the text of the entities its internal subset
declares (`<!ENTITY ed "the editor">`), and, where it names an external DTD it relies on for
character entities (`&mdash;` from the ISO sets a P4-era DTD includes), the characters of
HTML's named references, which carry those sets. Everything else is refused with its place:
an external entity, a parameter entity, a name declared nowhere, and any declarations that
would expand the text beyond a bound (`_expansion`: entity bombs).
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import etree

from . import TEI_NS, p4
from .errors import InputError, NotTEI
from .limits import MAX_XML_BYTES, MB

XI_NS = "http://www.w3.org/2001/XInclude"



class _NothingResolver(etree.Resolver):
    """Answers every request for an external resource (DTD, entity) with nothing.

    ``load_dtd=False`` alone still lets libxml2 open a DTD file named in the DOCTYPE; with
    this resolver no file or URL is ever opened (`_entities` refuses a document that
    declares an external entity before it could be asked for).
    """

    def resolve(self, url, pubid, context):  # noqa: ANN001, ANN201
        return self.resolve_string("", context)


#: the hardened parser's options (``_parser``, ``pull_parser``)
_OPTIONS = dict(no_network=True, load_dtd=False, dtd_validation=False,
                huge_tree=False,  # keeps libxml2's depth and text-node limits
                remove_blank_text=False, collect_ids=False)


def _parser(resolve_entities: bool = False) -> etree.XMLParser:
    parser = etree.XMLParser(resolve_entities=resolve_entities, **_OPTIONS)
    parser.resolvers.add(_NothingResolver())
    return parser


def pull_parser(name: str | None = None) -> etree.XMLPullParser:
    """A parser fed piece by piece (start and end events), with the hardened options: no
    entity is expanded, no file or URL opened (a document with a DOCTYPE is for
    ``parse_bytes``, which expands its internal entities within bounds). ``name``: the
    document's name in the parser's error log."""
    parser = etree.XMLPullParser(events=("start", "end"), resolve_entities=False,
                                 base_url=name, **_OPTIONS)
    parser.resolvers.add(_NothingResolver())
    return parser


def pull_events(chunks: Iterable[bytes], name: str | None = None
                ) -> Iterator[tuple[str, etree._Element]]:
    """The start and end events of a document fed in ``chunks`` to a ``pull_parser``, for
    readers that keep one part of a long document at a time (they drop what they passed).
    ``XMLSyntaxError`` propagates (``syntax_error`` makes it ours)."""
    parser = pull_parser(name)
    for chunk in chunks:
        parser.feed(chunk)
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def file_chunks(path: str | Path, size: int = 1 << 16) -> Iterator[bytes]:
    """A file's bytes in pieces of ``size`` (``OSError`` propagates)."""
    with open(path, "rb") as f:
        while chunk := f.read(size):
            yield chunk


def syntax_error(err: etree.XMLSyntaxError, path: str | None) -> InputError:
    """A parser's error as ours: ``not well-formed XML: …`` with line and column."""
    line, col = (err.position if err.position else (None, None))
    msg = err.msg or str(err)
    # lxml appends "(<file>, line N)"; keep the words only
    msg = msg.split(", line ")[0] if ", line " in msg else msg
    return InputError(f"not well-formed XML: {msg}", path=path, line=line, column=col)


#: entities every XML parser knows
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})
#: an entity reference in the source text (names as XML allows them, ASCII and beyond)
_ENTITY_REF = re.compile(r"&([^\W\d][\w.:-]*);")
#: the same, where markup can hold one: comments, CDATA and processing instructions skipped
#: (their `&name;` is text; the bound on expansion still counts everything, the safe side)
_REFERENCE = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|" + _ENTITY_REF.pattern,
                        re.S)
#: what the declared entities may add to a document, beyond its own size
EXPANSION_ALLOWANCE = 1024 * 1024


def _entities(tree: etree._ElementTree, data: bytes, path: str | None,
              max_bytes: int) -> dict[str, str] | None:
    """The entity declarations the document is to be read with (name -> replacement text),
    ``None`` when it needs none; ``InputError`` (at the DOCTYPE, or at the reference) for
    anything that would read outside the document or blow it up."""
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    text = None
    declared: dict[str, str] = {}
    if dtd is not None:
        decls = list(dtd.iterentities())
        text = source_text(data, docinfo.encoding)
        # parameter entities too (libxml2 lists every declaration of the internal subset;
        # an internal one, as P4 files set `<!ENTITY % TEI.prose "INCLUDE">`, is harmless)
        unparsed = unparsed_entities(text)  # a file's name, never read (a P4 figure's)
        decls = [e for e in decls if e.name not in unparsed]
        if any(e.system_url for e in decls):
            line, col = _doctype_position(data, docinfo.encoding)
            raise InputError("the document declares external entities; "
                             "teiedition never reads anything outside the document",
                             path=path, line=line, column=col)
        declared = {e.name: e.orig or "" for e in decls}
    external = bool(docinfo.system_url or docinfo.public_id)
    if not declared and not external:
        return None
    text = text if text is not None else source_text(data, docinfo.encoding)
    used: dict[str, int] = {}
    for m in _ENTITY_REF.finditer(text):
        used[m[1]] = used.get(m[1], 0) + 1
    first: dict[str, int] = {}  # each name referred to -> where first
    for m in _REFERENCE.finditer(text):
        if m[1] and m[1] not in _PREDEFINED and m[1] not in declared:
            first.setdefault(m[1], m.start())
    known = {}
    for name, at in first.items():
        char = html.entities.html5.get(name + ";") if external else None
        if char is None:
            line, col = _line_col(text, at)
            where = ("neither the document nor the named characters of HTML declare it "
                     "(its external DTD is never read)" if external
                     else "the document does not declare it")
            raise InputError(f"the entity &{name}; cannot be read: {where}", path=path,
                             line=line, column=col)
        known[name] = "".join(f"&#{ord(c)};" for c in char)
    entities = {**known, **declared}
    added = _expansion(entities, used)
    if added > max(EXPANSION_ALLOWANCE, len(data)) or len(data) + added > max_bytes:
        line, col = _doctype_position(data, docinfo.encoding)
        raise InputError(f"the document's entities would expand it by {added / MB:.1f} MB "
                         "(an entity bomb?); teiedition allows them to add at most the "
                         "document's own size", path=path, line=line, column=col)
    return known


def _entity_namespaces(root: etree._Element) -> None:
    """Elements that came from an entity's text in the namespace their place declares.

    libxml2 parses an entity's markup once, outside the element that uses it, and leaves
    its elements in no namespace even where a default namespace is in scope (`<hi>` of
    `<!ENTITY ed "<hi>the editor</hi>">` inside a TEI `<p>`); read as XML says, they are
    in it. (An element that undeclares the default, xmlns="", has none in scope and stays.)
    """
    for el in root.iter():
        if isinstance(el.tag, str) and not el.tag.startswith("{"):
            ns = el.nsmap.get(None)
            if ns:
                el.tag = f"{{{ns}}}{el.tag}"


def _expansion(entities: dict[str, str], used: dict[str, int]) -> int:
    """How many characters the references ``used`` (name -> count) add when expanded:
    each entity's text with its own references expanded, counted once per use (a loop is
    left to libxml2, which refuses it)."""
    sizes: dict[str, int] = {}

    def size(name: str, depth: int = 0) -> int:
        if name in sizes:
            return sizes[name]
        if name not in entities or depth > 40:
            return 0
        sizes[name] = 0  # a loop counts nothing more (the parser refuses it)
        value = entities[name]
        inner = sum(size(m[1], depth + 1) for m in _ENTITY_REF.finditer(value))
        sizes[name] = len(value) + inner
        return sizes[name]

    return sum(size(name) * count for name, count in used.items())


def _declare(data: bytes, encoding: str | None, entities: dict[str, str]) -> bytes:
    """The document with ``entities`` declared in its internal subset and no external DTD
    (the DOCTYPE's head rewritten on its own line, so every other line keeps its number),
    as UTF-8."""
    text = source_text(data, encoding)
    decls = "".join(f'<!ENTITY {name} "{value}">' for name, value in entities.items())
    m = _DOCTYPE.match(text)
    if m is None:  # no DOCTYPE head found: the document as it was
        return data
    lines = "\n" * m["external"].count("\n")  # the head's line ends kept, inside the subset
    head = m["head"] + " [" + decls + lines + ("" if m["open"] == "[" else "]>")
    text = text[:m.start("head")] + head + text[m.end():]
    text = re.sub(r"^(<\?xml[^>]*?)\s+encoding\s*=\s*(\"[^\"]*\"|'[^']*')", r"\1", text)
    return text.encode("utf-8")


# ------------------------------------------------------------------ where in the source
#
# libxml2 gives an element its line but no column, and a DOCTYPE neither: the places a
# refusal points at are found in the source text (only when there is something to report).

_LITERAL = r"(?:\"[^\"]*\"|'[^']*')"
#: the prolog up to the DOCTYPE (XML declaration, processing instructions, comments, space),
#: then the DOCTYPE's head: its name, its external id, the ``[`` or ``>`` that ends it
_DOCTYPE = re.compile(
    r"(?:<\?.*?\?>|<!--.*?-->|\s)*"
    r"(?P<head><!DOCTYPE\s+[^\s\[>]+)"
    rf"(?P<external>(?:\s+(?:SYSTEM\s+{_LITERAL}|PUBLIC\s+{_LITERAL}\s+{_LITERAL}))?\s*)"
    r"(?P<open>[\[>])", re.S)


#: an unparsed entity's declaration: ``<!ENTITY fig1 SYSTEM "fig1.png" NDATA PNG>``
_UNPARSED = re.compile(rf"<!ENTITY\s+(?P<name>[^\s%][^\s]*)\s+(?:SYSTEM\s+(?P<sys>{_LITERAL})|"
                       rf"PUBLIC\s+{_LITERAL}\s+(?P<pubsys>{_LITERAL}))\s+NDATA\s+[^\s>]+\s*>")


def unparsed_entities(text: str) -> dict[str, str]:
    """The unparsed (NDATA) entities a document's internal subset declares: name -> system
    id. They name a file (an image, in P4 ``<figure entity="fig1">``) that the parser never
    opens, so they are no reason to refuse a document."""
    m = _DOCTYPE.match(text)
    if m is None or m["open"] != "[":
        return {}
    end = text.find("]>", m.end())
    subset = _COMMENT.sub("", text[m.end():end if end >= 0 else len(text)])
    out: dict[str, str] = {}
    seen: set[str] = set()
    for d in _GENERAL_ENTITY.finditer(subset):  # the first declaration of a name binds
        if d["name"] not in seen:
            seen.add(d["name"])
            u = _UNPARSED.match(subset, d.start())
            if u is not None:
                out[u["name"]] = (u["sys"] or u["pubsys"])[1:-1]
    return out


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_GENERAL_ENTITY = re.compile(r"<!ENTITY\s+(?P<name>[^\s%][^\s]*)")


def source_text(data: bytes, encoding: str | None = None) -> str:
    """The document's text as its declaration (or UTF-8) says, without a byte order mark."""
    text = None
    for enc in (encoding, "utf-8"):
        if enc:
            try:
                text = data.decode(enc, errors="replace")
                break
            except LookupError:
                continue
    text = text if text is not None else data.decode("utf-8", errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _doctype_position(data: bytes, encoding: str | None) -> tuple[int | None, int | None]:
    """Line and column of the ``<!DOCTYPE`` (after the XML declaration and comments)."""
    text = source_text(data, encoding)
    m = _DOCTYPE.match(text)
    return _line_col(text, m.start("head")) if m else (None, None)


def element_position(el: etree._Element, text: str | None
                     ) -> tuple[int | None, int | None]:
    """Line and column of ``el``'s start tag in the source ``text`` (the column is None when
    the text is not known or the tag is not found on its line)."""
    line = el.sourceline
    if text is None or not line:
        return line, None
    lines = text.split("\n")
    if line > len(lines):
        return line, None
    q = etree.QName(el)
    name = f"{el.prefix}:{q.localname}" if el.prefix else q.localname
    # the nth start tag of that name on the line, n counted over the elements on that line
    same = [e for e in el.getroottree().getroot().iter(el.tag) if e.sourceline == line]
    nth = same.index(el) if el in same else 0
    found = list(re.finditer(rf"<{re.escape(name)}(?=[\s/>])", lines[line - 1]))
    return (line, found[nth].start() + 1) if nth < len(found) else (line, None)


def _entity_position(root: etree._Element, ent: etree._Entity, text: str
                     ) -> tuple[int | None, int | None]:
    parent = ent.getparent()
    start = parent.sourceline if parent is not None and parent.sourceline else 1
    offset = 0
    for _ in range(start - 1):
        offset = text.find("\n", offset) + 1
    at = text.find(f"&{ent.name};", offset)
    return _line_col(text, at) if at >= 0 else (start, None)


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
        raise syntax_error(err, path) from None
    tree = root.getroottree()
    entities = _entities(tree, data, path, max_bytes)
    if entities is not None:
        source = _declare(data, tree.docinfo.encoding, entities)
        try:
            root = etree.fromstring(source, _parser(resolve_entities=True), base_url=path)
        except etree.XMLSyntaxError as err:
            line, col = (err.position if err.position else (None, None))
            raise InputError(f"its entities cannot be read: {err.msg or err}", path=path,
                             line=line, column=col) from None
        _entity_namespaces(root)
        tree = root.getroottree()
    ent = next((n for n in root.iter() if isinstance(n, etree._Entity)), None)
    if ent is not None:
        line, col = _entity_position(root, ent, source_text(data, tree.docinfo.encoding))
        raise InputError(f"the document uses an entity reference (&{ent.name};), which is "
                         "not expanded", path=path, line=line, column=col)
    if next(root.iter(f"{{{XI_NS}}}*"), None) is not None:
        text = source_text(data, tree.docinfo.encoding)
        refuse_xinclude(root, path, column=lambda el: element_position(el, text)[1])
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
        return ("this is TEI P4 (root element <TEI.2>), not a TEI P5 document: html, pdf "
                "and build read it converted to P5; to validate it, convert it first (e.g. "
                "with the TEI Consortium's P4-to-P5 stylesheet p4top5.xsl)")
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


def require_tei(tree: etree._ElementTree, path: str | None,
                source: bytes | None = None) -> etree._Element:
    """The root of a TEI P5 document; ``NotTEI`` (with line and column: from ``source``, the
    document's bytes, or else from the file at ``path``) for anything else."""
    root = tree.getroot()
    if p4.is_p4(root):  # older TEI: read as P5 (validate still says it is P4)
        root = p4.to_p5(tree)
    problem = tei_root_problem(root, corpus=False)
    if problem:
        if source is None and path:
            try:
                source = Path(path).read_bytes()
            except OSError:
                source = None
        text = source_text(source, tree.docinfo.encoding) if source is not None else None
        line, col = element_position(root, text)
        raise NotTEI(problem, path=path, line=line, column=col)
    return root
