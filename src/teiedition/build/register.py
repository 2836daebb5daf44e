"""The register as the jobs read it: a snapshot per register hash (encoding's evidence), its
XML (the stylesheets') and the part of it one text's pages need."""

from __future__ import annotations

import re
from functools import cache
from typing import Any


@cache
def _register_snapshot(path: str, sha: str):  # noqa: ANN202 - Register, imported lazily
    from ..entities.register import empty_register, load_register

    return load_register(path) if path else empty_register()


@cache
def _register_xml(path: str, sha: str) -> str:
    from lxml import etree

    from ..xml import parse_file

    return etree.tostring(parse_file(path).getroot(), encoding="unicode") if path else ""


_ENTRY_TAGS = tuple(f"{{http://www.tei-c.org/ns/1.0}}{k}" for k in ("person", "org", "place",
                                                                       "bibl"))
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@cache
def _register_index(path: str, sha: str):  # noqa: ANN202 - (root, entries by id, one per kind)
    """The register's entries (te:entry: person, org, place, bibl with an xml:id) by id, in
    document order, and the first entry of each kind."""
    from lxml import etree

    xml = _register_xml(path, sha)
    if not xml:
        return None, {}, []
    root = etree.fromstring(xml)
    by_id: dict[str, list[Any]] = {}
    kinds: dict[str, Any] = {}
    for el in root.iter(*_ENTRY_TAGS):
        if el.get(_XML_ID) is not None:
            by_id.setdefault(el.get(_XML_ID), []).append(el)
            kinds.setdefault(el.tag, el)
    return root, by_id, list(kinds.values())


def _register_for(path: str, sha: str, tei: Any):  # noqa: ANN202, ANN401 - lxml elements
    """The part of the register a text's pages read: the entries its @ref point to, and one
    entry of each kind (the navigation lists the kinds the register has). Text pages read
    nothing else of it (register.xsl's pages get the whole register in the edition step), and
    a large register is then not parsed again by Saxon for every text."""
    import copy

    from lxml import etree

    root, by_id, firsts = _register_index(path, sha)
    if root is None:
        return None
    wanted = list(firsts)
    for value in tei.xpath("//@ref"):  # te:ref-ids: normalize-space(@ref)'s '#' tokens
        for token in _XML_SPACE.split(value):
            if token.startswith("#"):
                wanted += by_id.get(token[1:], ())
    keep = set(wanted)
    out = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for el in root.iter(*_ENTRY_TAGS):  # document order, nested entries inside their parent
        if el in keep and not any(a in keep for a in el.iterancestors(*_ENTRY_TAGS)):
            out.append(copy.deepcopy(el))
    return out


_XML_SPACE = re.compile("[ \t\r\n]+")
