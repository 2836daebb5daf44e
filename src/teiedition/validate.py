"""Validate TEI: RELAX NG (project schema or TEI All), then the project's Schematron rules.

Every problem comes back as a :class:`Problem` with file, line and column and a message in
words a TEI editor understands (lxml's RELAX NG messages are rewritten; the Schematron rules
in ``schemas/teiedition.sch`` say what they mean). Schemas are compiled once per process:
the project schema in ~0.15 s, TEI All in ~10 s, so TEI All is only loaded when asked for.

Schematron engine: ``lxml.isoschematron`` (the ISO skeleton compiled to XSLT 1.0 and run by
libxslt). It ships with lxml, which we depend on anyway, it is fast (the document is walked in
C), and the rules stay plain ISO Schematron (query binding ``exslt``) that other engines run
too. The pure-Python alternative available here (pyschematron 0.1.0) is an empty placeholder.
"""

from __future__ import annotations

import copy
import functools
import gzip
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree, isoschematron

from . import TEI_NS, XML_NS, corpus
from .edition import register_paths
from .errors import InputError
from .limits import MAX_XML_BYTES
from .resources import schema_path
from .xml import parse_file, refuse_xinclude, tei_root_problem

SchemaName = Literal["project", "tei-all"]
SCHEMAS: tuple[SchemaName, ...] = ("project", "tei-all")
SCHEMA_LABELS = {"project": "the teiedition schema", "tei-all": "TEI All"}

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XI_NS = "http://www.w3.org/2001/XInclude"
DATE_ATTRS = frozenset({"when", "from", "to", "notBefore", "notAfter"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a document, where it is and which check found it.

    ``rule`` is ``relaxng`` for the schema, ``tei`` for the document-level checks (root element,
    namespace, XInclude) and the Schematron assertion id (e.g. ``pointer-resolves``) otherwise.
    """

    path: str
    line: int | None
    column: int | None
    severity: Literal["error", "warning"]
    message: str
    rule: str

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# --------------------------------------------------------------------------- schemas


@dataclass(slots=True)
class Schema:
    """A compiled RELAX NG schema and what it says about each element (for messages)."""

    name: SchemaName
    relaxng: etree.RelaxNG
    #: element -> attribute names it may carry
    attributes: dict[str, frozenset[str]] = field(default_factory=dict)
    #: element -> element names it may contain ("#text" if it may hold text)
    children: dict[str, frozenset[str]] = field(default_factory=dict)
    #: (element, attribute) -> the closed list of values, where the schema has one
    values: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    @property
    def elements(self) -> frozenset[str]:
        return frozenset(self.attributes)


def _schema_tree(name: SchemaName) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    if name == "project":
        return etree.parse(str(schema_path("teiedition.rng")), parser)
    data = gzip.decompress(schema_path("tei_all.rng.gz").read_bytes())
    return etree.ElementTree(etree.fromstring(data, parser))


@functools.cache
def load_schema(name: SchemaName = "project") -> Schema:
    """Compile a schema (once per process): ``project`` or ``tei-all``."""
    if name not in SCHEMAS:
        raise InputError(f"unknown schema {name!r}: use one of {', '.join(SCHEMAS)}")
    tree = _schema_tree(name)
    schema = Schema(name, etree.RelaxNG(tree))
    _describe(tree.getroot(), schema)
    return schema


@functools.cache
def tei_element_names() -> frozenset[str]:
    """Every element TEI All defines (to tell 'not TEI' from 'not in our schema')."""
    root = _schema_tree("tei-all").getroot()
    return frozenset(e.get("name") for e in root.iter(f"{{{RNG_NS}}}element")
                     if e.get("name") and e.get("ns", TEI_NS) == TEI_NS)


def _describe(grammar: etree._Element, schema: Schema) -> None:
    """Collect, per element, the attributes and child elements its content model allows."""
    r = f"{{{RNG_NS}}}"
    defines = {d.get("name"): d for d in grammar.iter(f"{r}define")}
    memo: dict[str, tuple[set[str], set[str], dict[str, tuple[str, ...]]]] = {}

    def walk(node: etree._Element, attrs: set[str], kids: set[str],
             values: dict[str, tuple[str, ...]], seen: set[str]) -> None:
        for child in node:
            if not isinstance(child.tag, str) or not child.tag.startswith(r):
                continue
            local = child.tag[len(r):]
            if local == "element":
                if child.get("name"):
                    kids.add(child.get("name"))
            elif local in ("text", "data", "value", "mixed"):
                kids.add("#text")  # the element may hold text
                if local == "mixed":
                    walk(child, attrs, kids, values, seen)
            elif local == "attribute":
                aname = child.get("name")
                if aname:
                    aname = "xml:" + aname[4:] if aname.startswith("xml:") else aname
                    attrs.add(aname)
                    closed = _closed_values(child, defines)
                    if closed:
                        values[aname] = closed
            elif local == "ref":
                name = child.get("name")
                if name in seen:
                    continue
                if name not in memo:
                    a: set[str] = set()
                    k: set[str] = set()
                    v: dict[str, tuple[str, ...]] = {}
                    memo[name] = (a, k, v)  # placeholder against cycles
                    walk(defines[name], a, k, v, seen | {name})
                a, k, v = memo[name]
                attrs |= a
                kids |= k
                values.update(v)
            else:
                walk(child, attrs, kids, values, seen)

    for el in grammar.iter(f"{r}element"):
        name = el.get("name")
        if not name or el.get("ns", TEI_NS) != TEI_NS:
            continue
        attrs: set[str] = set()
        kids: set[str] = set()
        values: dict[str, tuple[str, ...]] = {}
        walk(el, attrs, kids, values, set())
        schema.attributes[name] = frozenset(attrs)
        schema.children[name] = frozenset(kids)
        for aname, vals in values.items():
            schema.values[(name, aname)] = vals


def _closed_values(attribute: etree._Element, defines: dict[str, etree._Element]
                   ) -> tuple[str, ...]:
    """The values of an attribute whose content is a plain choice of <value>s, else ()."""
    r = f"{{{RNG_NS}}}"
    out: list[str] = []

    def collect(node: etree._Element) -> bool:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            local = child.tag[len(r):] if child.tag.startswith(r) else ""
            if local == "value":
                out.append(child.text or "")
            elif local == "choice":
                if not collect(child):
                    return False
            elif local == "ref":
                if not collect(defines[child.get("name")]):
                    return False
            else:
                return False
        return True

    return tuple(out) if collect(attribute) and out else ()


def _compiled_schematron() -> etree._XSLTResultTree:
    sch = etree.parse(str(schema_path("teiedition.sch")))
    # no svrl:fired-rule per matched context: we only read the failures
    xslt = isoschematron.Schematron(sch, store_xslt=True, compile_params={
        "generate-fired-rule": "false"}).validator_xslt
    # The ISO skeleton's location path for an attribute is "/@name" without its element;
    # make it start from the parent so that every failure can be mapped back to a line.
    axsl = "http://www.w3.org/1999/XSL/Transform"
    for tmpl in xslt.getroot().iterfind(f"{{{axsl}}}template"):
        if tmpl.get("match") == "@*" and tmpl.get("mode") == "schematron-get-full-path":
            up = etree.Element(f"{{{axsl}}}apply-templates", select="parent::*",
                               mode="schematron-get-full-path")
            tmpl.insert(0, up)
    return xslt


@functools.cache
def load_schematron() -> etree.XSLT:
    """The project's Schematron rules, compiled to XSLT once per process."""
    return etree.XSLT(_compiled_schematron())


# --------------------------------------------------------------------------- register


@functools.cache
def _register_ids(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    tree = parse_file(path)
    return frozenset(tree.getroot().xpath("//@xml:id"))


def register_ids(path: str | Path) -> frozenset[str]:
    """The xml:ids of a register file (parsed with the hardened parser, cached)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as err:
        raise InputError(f"cannot read the register: {err.strerror}", path=str(p)) from None
    return _register_ids(str(p), st.st_mtime_ns, st.st_size)


def find_registers(tei_path: str | Path, register: str | Path | bool | None,
                   lookup: bool = True) -> list[Path]:
    """The registers pointers may resolve to, besides the document's own entries.

    ``None``: the file's edition register (``edition.register_paths``); a path: that one
    too (it must exist); ``False``: none. ``lookup=False``: ``register`` only (a build job
    has its register with it and looks at no file of the client).
    """
    if register is False:
        return []
    if not lookup:
        return [] if register in (None, True) else [Path(register)]
    return register_paths([tei_path], None if register is True else register)


# --------------------------------------------------------------------------- locations


class _Locator:
    """Line and column of an element (or one of its attributes) in the source text.

    libxml2 gives elements a line but no column; we find the start tag on that line.
    """

    def __init__(self, tree: etree._ElementTree, path: str, source: bytes | None,
                 lines: Sequence[str] | None = None,
                 line_of: dict[etree._Element, int] | None = None,
                 offsets: dict[tuple[str, int | None], int] | None = None,
                 offsets_from: etree._Element | None = None) -> None:
        """``lines``: the file's lines when ``source`` is None (else read from the file);
        for a part of a large file (``validate_parts``): ``line_of``, the lines of the
        skeleton's elements, which are not the file's; ``offsets``, how many elements of
        each (tag, line) earlier parts had, counted from ``offsets_from`` on."""
        self._tree = tree
        self._path = path
        self._source = source
        self._lines: Sequence[str] | None = lines
        self._line_of = line_of or {}
        self._offsets = offsets or {}
        self._offsets_from = offsets_from
        self._ordinals: dict[etree._Element, int] | None = None

    def line(self, el: etree._Element) -> int | None:
        """The line el starts on in the file."""
        return self._line_of.get(el) or el.sourceline

    def has_big_lines(self) -> bool:
        """Whether the document runs past line 65535 (libxml2's short line field)."""
        if self._source is not None:
            return self._source.count(b"\n") >= 65534
        return any((el.sourceline or 0) >= 65535 for el in self._tree.getroot().iter())

    def _text_lines(self) -> list[str]:
        if self._lines is None:
            data = self._source
            if data is None:
                try:
                    data = Path(self._path).read_bytes()
                except OSError:
                    data = b""
            enc = self._tree.docinfo.encoding or "utf-8"
            try:
                text = data.decode(enc, errors="replace")
            except LookupError:
                text = data.decode("utf-8", errors="replace")
            self._lines = text.split("\n")
        return self._lines

    def _ordinal(self, el: etree._Element) -> int:
        """How many elements of el's name start earlier on el's line (one pass, then a
        lookup: a document with thousands of problems must not be walked once for each)."""
        if self._ordinals is None:
            self._ordinals = {}
            seen: dict[tuple[str, int | None], int] = {}
            offsets: dict[tuple[str, int | None], int] = {}
            for other in self._tree.getroot().iter(etree.Element):
                if other is self._offsets_from:  # from here on, earlier parts' elements count
                    offsets = self._offsets
                key = (other.tag, self.line(other))
                self._ordinals[other] = seen.get(key, 0) + offsets.get(key, 0)
                seen[key] = seen.get(key, 0) + 1
        return self._ordinals.get(el, 0)

    def element(self, el: etree._Element, attr: str | None = None) -> tuple[int | None, int | None]:
        line = self.line(el)
        if line is None:
            return None, None
        lines = self._text_lines()
        if line > len(lines):
            return line, None
        qname = etree.QName(el).localname if el.prefix is None else \
            f"{el.prefix}:{etree.QName(el).localname}"
        tag_re = re.compile("<" + re.escape(qname) + r"(?=[\s/>]|$)")
        hits = [m.start() for m in tag_re.finditer(lines[line - 1])]
        if not hits:  # written with another prefix than the tree's (a part's skeleton)
            any_prefix = re.compile(r"<(?:[^\W\d][\w.\-]*:)?"
                                    + re.escape(etree.QName(el).localname) + r"(?=[\s/>]|$)")
            hits = [m.start() for m in any_prefix.finditer(lines[line - 1])]
        if not hits:
            return line, None
        k = self._ordinal(el) if len(hits) > 1 else 0  # several such tags on the line
        start = hits[min(k, len(hits) - 1)]
        if attr is None:
            return line, start + 1
        # the attribute may be on this line or a following one (long start tags)
        attr_re = re.compile(r"(?<=[\s])" + re.escape(attr) + r"\s*=")
        for i in range(line - 1, min(len(lines), line + 20)):
            text = lines[i]
            m = attr_re.search(text, start if i == line - 1 else 0)
            if m:
                return i + 1, m.start() + 1
            if ">" in text[start if i == line - 1 else 0:]:
                break
        return line, start + 1

    def text_in(self, el: etree._Element) -> tuple[int | None, int | None]:
        """Where the first stray (non-blank) text directly inside el is."""
        line: int | None = None
        text = ""
        if el.text and el.text.strip():
            text = el.text
            lead = text[: len(text) - len(text.lstrip())]
            start = self.line(el)
            line = start + lead.count("\n") if start else None
        else:
            for child in el:
                if child.tail and child.tail.strip():
                    text = child.tail
                    nxt = child.getnext()
                    rest = text[len(text) - len(text.lstrip()):]
                    line = self.line(nxt) - rest.count("\n") if (  # type: ignore[operator]
                        nxt is not None and self.line(nxt)) else self.line(child)
                    break
        if line is None or not text:
            return self.element(el)
        lines = self._text_lines()
        snippet = text.strip()[:20]
        pos = lines[line - 1].find(snippet) if 0 < line <= len(lines) else -1
        return line, (pos + 1 if pos >= 0 else None)


# --------------------------------------------------------------------------- checks


def _name(el: etree._Element) -> str:
    """A TEI element by its prefix-free name; others with their namespace."""
    q = etree.QName(el)
    return q.localname if q.namespace in (TEI_NS, None) else f"{{{q.namespace}}}{q.localname}"


def _root_problems(tree: etree._ElementTree, path: str, loc: _Locator,
                   schema: SchemaName = "project") -> list[Problem]:
    """Document-level checks that make schema validation pointless when they fail."""
    root = tree.getroot()
    message = tei_root_problem(root)
    if message is None and schema == "project" and corpus.is_corpus(root) \
            and next(root.iter(f"{{{TEI_NS}}}TEI"), None) is None:
        message = "this TEI corpus (<teiCorpus>) holds no <TEI> document"
    if message is None:
        return []
    line, col = loc.element(root)
    return [Problem(path, line, col, "error", message, "tei")]


def _check_xinclude(tree: etree._ElementTree, path: str, loc: _Locator) -> None:
    refuse_xinclude(tree.getroot(), path, column=lambda el: loc.element(el)[1])


_RNG_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (t, re.compile(p)) for t, p in [
        ("ELEMWRONG", r"Did not expect element (\S+) there"),
        ("EXTRACONTENT", r"Element (\S+) has extra content: (\S+)"),
        ("TEXTWRONG", r"Did not expect text in element (\S+) content"),
        ("NOTELEM", r"Expecting an element got text"),
        ("INVALIDATTR", r"Invalid attribute (\S+) for element (\S+)"),
        ("ELEMNAME", r"Expecting element (\S+), got (\S+)"),
        ("NOELEM", r"Expecting an element (\S*), got nothing"),
        ("ATTRVALID", r"Element (\S+) failed to validate attributes"),
        ("CONTENTVALID", r"Element (\S+) failed to validate content"),
        ("ELEMWRONGNS", r"Element (\S+) has wrong namespace: expecting (\S+)"),
        ("ELEMNOTEMPTY", r"Expecting element (\S+) to be empty"),
        ("INTEREXTRA", r"Extra element (\S+) in interleave"),
        ("LACKDATA", r"Datatype element (\S+) contains no data"),
        ("DATAELEM", r"Datatype element (\S+) has child elements"),
        ("VALUE", r"Error validating value ?(\S*)"),
        ("DATATYPE", r"Error validating datatype (\S+)"),
    ]]


def _rng_problems(tree: etree._ElementTree, path: str, schema: Schema,
                  loc: _Locator) -> list[Problem]:
    """Run RELAX NG and turn libxml2's messages into an editor's words."""
    if schema.relaxng.validate(tree):
        return []
    entries = list(schema.relaxng.error_log)
    specific_paths = {e.path for e in entries
                      if e.type_name not in ("RELAXNG_ERR_ATTRVALID", "RELAXNG_ERR_CONTENTVALID",
                                             "RELAXNG_ERR_EXTRACONTENT")}
    out: list[Problem] = []
    for e in entries:
        node = None
        if e.path:
            try:
                found = tree.xpath(e.path)
                node = found[0] if found else None
            except etree.XPathError:
                node = None
        kind = e.type_name.removeprefix("RELAXNG_ERR_")
        # summaries that repeat a more precise message about the same element or below it
        if kind in ("ATTRVALID", "CONTENTVALID", "EXTRACONTENT") and e.path and any(
                p and (p == e.path or p.startswith(e.path + "/")) for p in specific_paths):
            continue
        message, line, col = _rng_message(kind, e.message, node, schema, loc)
        if not message:
            continue
        if line is None:
            line = e.line or None
        out.append(Problem(path, line, col, "error", message, "relaxng"))
    return out


def _rng_message(kind: str, raw: str, node: etree._Element | None, schema: Schema,
                 loc: _Locator) -> tuple[str, int | None, int | None]:
    m = None
    for k, pattern in _RNG_PATTERNS:
        if k == kind:
            m = pattern.search(raw)
            break
    line: int | None = None
    col: int | None = None
    if node is not None and isinstance(node.tag, str):
        line, col = loc.element(node)
    label = SCHEMA_LABELS[schema.name]
    parent = node.getparent() if node is not None else None
    pname = f"<{_name(parent)}>" if parent is not None else "the document"

    text_extra = kind == "EXTRACONTENT" and m is not None and m.group(2) == "text"
    if kind in ("ELEMWRONG", "INTEREXTRA", "EXTRACONTENT") and not text_extra \
            and node is not None and isinstance(node.tag, str):
        return _unexpected_element(node, schema), line, col
    if (kind in ("TEXTWRONG", "NOTELEM") or text_extra) and node is not None:
        el = node if kind != "NOTELEM" else (parent if parent is not None else node)
        line, col = loc.text_in(el)
        allowed = schema.children.get(etree.QName(el).localname, frozenset())
        if not allowed:
            return (f"<{_name(el)}> must be empty (no text or elements inside it)",
                    *loc.element(el))
        return (f"text is not allowed directly inside <{_name(el)}>: put it inside an element "
                f"that holds text (such as <p>)"), line, col
    if kind == "INVALIDATTR" and m and node is not None:
        return _bad_attribute(m.group(1), node, schema, loc)
    if kind == "ELEMNAME" and m and node is not None:
        want, got = m.group(1), m.group(2)
        return (f"<{got}> is not allowed at this point inside {pname}: a <{want}> is "
                f"required here (missing, or in the wrong order)"), line, col
    if kind == "NOELEM" and m and node is not None:
        what = f"a <{m.group(1)}>" if m.group(1) else "an element it requires"
        return (f"<{_name(node)}> is incomplete: it must contain {what} "
                f"(required by {label})"), line, col
    if kind == "ELEMWRONGNS" and m and node is not None:
        ns = etree.QName(node).namespace
        where = f"the namespace {ns}" if ns else "no namespace"
        return (f"<{etree.QName(node).localname}> is in {where}, but TEI elements must be in "
                f"{m.group(2)}"), line, col
    if kind == "ELEMNOTEMPTY" and node is not None:
        return f"<{_name(node)}> must be empty (no text or elements inside it)", line, col
    if kind in ("LACKDATA", "VALUE", "DATATYPE", "DATAELEM") and node is not None:
        text = (node.text or "").strip()
        shown = f' "{text[:40]}"' if text else ""
        if kind == "DATAELEM":
            return f"<{_name(node)}> must contain only a value, not elements", line, col
        if kind == "LACKDATA":
            return f"<{_name(node)}> must not be empty", line, col
        return f"the content{shown} of <{_name(node)}> is not a valid value here", line, col
    if kind == "ATTRVALID" and node is not None:
        return f"<{_name(node)}> has an attribute that is not allowed or not valid", line, col
    if kind == "CONTENTVALID" and node is not None:
        return (f"the content of <{_name(node)}> does not match what {label} allows for it"), \
            line, col
    return f"schema: {raw.strip()}", line, col


def _unexpected_element(node: etree._Element, schema: Schema) -> str:
    name = _name(node)
    parent = node.getparent()
    inside = f" inside <{_name(parent)}>" if parent is not None else ""
    ns = etree.QName(node).namespace
    local = etree.QName(node).localname
    if ns != TEI_NS:
        return (f"<{local}> (namespace {ns or 'none'}) is not a TEI element and is not "
                f"allowed here{inside}")
    if local not in schema.elements:
        if schema.name == "project" and local in tei_element_names():
            return (f"<{name}>{inside} is not part of the teiedition schema (it is TEI: "
                    f"check with --schema tei-all, or use an element of the edition's profile)")
        return f"<{name}> is not a TEI element" + (f" (found{inside})" if inside else "")
    if parent is not None and isinstance(parent.tag, str):
        pname = _name(parent)
        allowed = schema.children.get(etree.QName(parent).localname)
        if allowed is not None and local not in allowed:
            return f"<{pname}> cannot contain <{name}>"
        return (f"<{name}> is out of place inside <{pname}>: it is in the wrong order or "
                f"repeated, or an element required before it is missing")
    return f"<{name}> is not allowed here"


_NCNAME = re.compile(r"[^\W\d][\w.\-]*")


def _bad_attribute(attr: str, node: etree._Element, schema: Schema,
                   loc: _Locator) -> tuple[str, int | None, int | None]:
    elname = _name(node)
    local = etree.QName(node).localname
    # lxml reports xml:id as "id": find the attribute as written
    written = attr
    value = node.get(attr)
    if value is None and node.get(f"{{{XML_NS}}}{attr}") is not None:
        written, value = f"xml:{attr}", node.get(f"{{{XML_NS}}}{attr}")
    if value is None:
        for key in node.attrib:
            if etree.QName(key).localname == attr:
                ns = etree.QName(key).namespace
                written = f"{{{ns}}}{attr}" if ns else attr
                value = node.get(key)
                break
    line, col = loc.element(node, written if not written.startswith("{") else None)
    allowed = schema.attributes.get(local, frozenset())
    if written == "xml:id" and value and _NCNAME.fullmatch(value):
        return "", line, col  # a well-formed but repeated id: the Schematron rule says so
    if written not in allowed:
        return f"<{elname}> cannot have the attribute @{written}", line, col
    msg = f'@{written}="{value}" is not a valid value on <{elname}>'
    values = schema.values.get((local, written))
    if values:
        msg += f": use one of {', '.join(values[:12])}" + (" …" if len(values) > 12 else "")
    elif attr in DATE_ATTRS:
        msg += ": write the date as YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD (e.g. 1937-04-21)"
    elif written == "xml:id":
        msg += (": an xml:id starts with a letter or _ and has no spaces or colons "
                "(e.g. p12, pers-leo-trotskij)")
    elif attr in ("ref", "corresp", "target", "who", "resp", "rendition"):
        msg += ": pointers are URIs such as #id or register.xml#id, separated by spaces"
    return msg, line, col


_STEP = re.compile(r"/(?:\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\]"
                   r"(?:\[(\d+)\])?|@\*\[local-name\(\)='([^']*)' and namespace-uri\(\)="
                   r"'([^']*)'\]|@([\w.:-]+))")


def _xpath_location(tree: etree._ElementTree, location: str) -> list:
    try:
        found = tree.xpath(location)
    except etree.XPathError:
        return []
    return [(t.getparent(), t.attrname) if getattr(t, "is_attribute", False) else t
            for t in found if isinstance(t, etree._Element) or getattr(t, "is_attribute", False)]


def _at_location(tree: etree._ElementTree, location: str) -> list:
    """What an SVRL ``@location`` names: an element, or (element, attribute name).

    The Schematron skeleton writes locations as steps of ``*[local-name()=… and
    namespace-uri()=…][n]``; walking them directly is ~20× faster than XPath, which matters
    when a document has thousands of problems. Anything else goes to XPath.
    """
    if not location:
        return []
    steps = list(_STEP.finditer(location))
    if "".join(m.group(0) for m in steps) != location:
        return _xpath_location(tree, location)
    node: etree._Element | None = None
    for i, m in enumerate(steps):
        local, ns, nth, alocal, ans, aname = m.groups()
        if local is not None:
            tag = f"{{{ns}}}{local}" if ns else local
            k = int(nth or 1)
            if node is None:
                root = tree.getroot()
                node = root if root.tag == tag and k == 1 else None
            else:
                node = next((c for j, c in enumerate(node.iterchildren(tag), 1) if j == k),
                            None)
            if node is None:
                return []
        elif i == len(steps) - 1 and node is not None:  # the attribute, always last
            if aname is not None and ":" in aname:  # a prefixed name: let XPath read it
                return _xpath_location(tree, location)
            name = aname if aname is not None else f"{{{ans}}}{alocal}" if ans else alocal
            return [(node, name)] if node.get(name) is not None else []
        else:
            return []
    return [node] if node is not None else []


#: element-context rules whose problem is best pointed at one attribute
_RULE_ATTRIBUTE = {"pages-in-order": "n"}


def _schematron_problems(tree: etree._ElementTree, path: str, registers: list[Path],
                         loc: _Locator, context: dict[str, str] | None = None) -> list[Problem]:
    """Run the project's Schematron rules and map each failure to its element's line;
    ``context``: what a part of a large file cannot see of the rest (``validate_parts``)."""
    if registers:
        ids = frozenset().union(*(register_ids(r) for r in registers))
        note = f" or in the register {' or '.join(str(r) for r in registers)}"
        params = {"register-ids": etree.XSLT.strparam(" " + " ".join(sorted(ids)) + " "),
                  "register-name": etree.XSLT.strparam(registers[0].name),
                  "register-note": etree.XSLT.strparam(note)}
    else:
        params = {"register-note": etree.XSLT.strparam(
            " (and no register file was found: give one with --register)")}
    for name, value in (context or {}).items():
        params[name] = etree.XSLT.strparam(value)
    # libxslt numbers the nodes of the document it transforms, which overwrites libxml2's
    # record of line numbers above 65535: transform a copy of such a document
    doc = etree.ElementTree(copy.deepcopy(tree.getroot())) if loc.has_big_lines() else tree
    report = load_schematron()(doc, **params)
    out: list[Problem] = []
    for fa in report.getroot().iter(f"{{{SVRL_NS}}}failed-assert",
                                    f"{{{SVRL_NS}}}successful-report"):
        text = " ".join("".join(fa.itertext()).split())
        line = col = None
        location = fa.get("location", "")
        found = _at_location(tree, location)
        if found:
            target = found[0]
            if isinstance(target, tuple):
                owner, aname = target
                q = etree.QName(aname)
                written = f"xml:{q.localname}" if q.namespace == XML_NS else q.localname
                line, col = loc.element(owner, written)
            elif isinstance(target, etree._Element):
                line, col = loc.element(target, _RULE_ATTRIBUTE.get(fa.get("id", "")))
        role = fa.get("role", "")
        severity: Literal["error", "warning"] = "warning" if role in ("warning", "warn") \
            else "error"
        out.append(Problem(path, line, col, severity, text, fa.get("id") or "schematron"))
    return out


# --------------------------------------------------------------------------- public API


def validate_tree(tree: etree._ElementTree, path: str | Path, schema: SchemaName = "project",
                  register: str | Path | bool | None = None, *,
                  source: bytes | None = None, lookup: bool = True,
                  lines: Sequence[str] | None = None) -> list[Problem]:
    """Validate a parsed TEI tree; ``source`` (the file's bytes) or ``lines`` (the file's
    lines, read as needed) are used for columns.

    Raises InputError for what must never be processed (XInclude) and for a register that
    cannot be read.
    """
    path = str(path)
    loc = _Locator(tree, path, source, lines)
    _check_xinclude(tree, path, loc)
    problems = _root_problems(tree, path, loc, schema)
    if problems:
        return problems
    if schema == "project" and corpus.is_corpus(tree):
        # the project schema describes one TEI document: each of the corpus's is checked
        # (at its lines in the file); TEI All checks the corpus as a whole
        return sorted((p for _, doc in corpus.members(tree, "", path)
                       for p in validate_tree(doc, path, schema, register, source=source,
                                              lookup=lookup, lines=lines)),
                      key=lambda p: (p.line or 0, p.column or 0))
    reg = find_registers(path, register, lookup)
    return unique(check(tree, path, schema, reg, loc))


def check(tree: etree._ElementTree, path: str, schema: SchemaName, registers: list[Path],
          loc: _Locator, context: dict[str, str] | None = None) -> list[Problem]:
    """RELAX NG and the Schematron rules on a TEI tree (a whole document, or a part of a
    large one with its ``context``), in the order found."""
    problems = _rng_problems(tree, path, load_schema(schema), loc)
    sch = _schematron_problems(tree, path, registers, loc, context)
    # a date attribute that Schematron explains needs no second, vaguer schema message
    dated = {(p.line, p.column) for p in sch if p.rule.startswith(("date-", "time-"))}
    return [p for p in problems
            if not (p.rule == "relaxng" and (p.line, p.column) in dated)] + sch


def unique(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in the order of the file, each reported once."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for p in sorted(problems, key=lambda p: (p.line or 0, p.column or 0)):
        key = (p.line, p.column, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def validate_file(path: str | Path, schema: SchemaName = "project",
                  register: str | Path | bool | None = None) -> list[Problem]:
    """Parse (hardened) and validate one TEI file; an empty list means valid.

    A file over ``limits.MAX_XML_BYTES`` (the whole-document parse) is validated in parts,
    in bounded memory, with the same result (``validate_parts``).
    Raises InputError when the file cannot be read or is not well-formed, or is refused
    (entities, DTDs, XInclude, limits).
    """
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0  # (parse_file says why it cannot be read)
    if size > MAX_XML_BYTES:
        from .validate_parts import validate_parts

        return validate_parts(path, schema=schema, register=register)
    tree = parse_file(path)
    return validate_tree(tree, path, schema=schema, register=register)


@dataclass(slots=True)
class FileReport:
    """The outcome for one file: problems if it was read, or the reason it could not be."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    error: InputError | None = None

    @property
    def status(self) -> Literal["valid", "invalid", "unreadable"]:
        if self.error is not None:
            return "unreadable"
        return "invalid" if any(p.severity == "error" for p in self.problems) else "valid"

    def lines(self) -> list[str]:
        """The compiler-style lines for this file (the input error, or each problem)."""
        if self.error is not None:
            err = self.error
            return [str(err) if err.path else f"{self.path}: error: {err.message}"]
        return [str(p) for p in self.problems]

    def as_dict(self) -> dict[str, object]:
        problems = [p.as_dict() for p in self.problems]
        if self.error is not None:
            e = self.error
            problems = [{"path": e.path or self.path, "line": e.line, "column": e.column,
                         "severity": "error", "message": e.message, "rule": "input"}]
        return {"path": self.path, "status": self.status, "problems": problems}


def validate_paths(paths: Iterable[str | Path], schema: SchemaName = "project",
                   register: str | Path | None = None) -> Iterator[FileReport]:
    """Validate many files, going on after a bad one (for the CLI and builds)."""
    for p in paths:
        path = str(p)
        try:
            if Path(path).is_dir():
                raise InputError("is a directory, not a TEI file", path=path)
            if not Path(path).exists():
                raise InputError("no such file", path=path)
            yield FileReport(path, validate_file(path, schema=schema, register=register))
        except InputError as err:
            yield FileReport(path, error=err)


def summary(reports: Sequence[FileReport], schema: SchemaName) -> str:
    """One line: how many files were valid, invalid, unreadable."""
    counts = {s: sum(r.status == s for r in reports) for s in ("valid", "invalid", "unreadable")}
    errors = sum(len(r.problems) for r in reports)
    n = len(reports)
    parts = [f"{counts['valid']} valid", f"{counts['invalid']} invalid"]
    if counts["unreadable"]:
        parts.append(f"{counts['unreadable']} unreadable")
    against = "the teiedition schema and rules" if schema == "project" else \
        f"{SCHEMA_LABELS[schema]} and the teiedition rules"
    return (f"{n} file{'s' if n != 1 else ''} checked against {against}: {', '.join(parts)}"
            + (f" ({errors} problem{'s' if errors != 1 else ''})" if errors else ""))


def reports_json(reports: Sequence[FileReport], schema: SchemaName) -> str:
    """The machine-readable form: schema, one entry per file, and the totals."""
    counts = {s: sum(r.status == s for r in reports) for s in ("valid", "invalid", "unreadable")}
    return json.dumps({"schema": schema, "files": [r.as_dict() for r in reports],
                       "summary": {"files": len(reports), **counts}},
                      ensure_ascii=False, indent=2)
