"""TEI P4 read as TEI P5, so that the publishers print and show older TEI.

Much TEI that libraries hold is P4 (root ``<TEI.2>``, no namespace, ``id``/``lang``
attributes, IDREF pointers, ``sic/@corr`` instead of ``choice``): Perseus, the early text
corpora. The changes are the ones the TEI Consortium's P4-to-P5 conversion (p4top5.xsl) makes
and the P5 Guidelines' "Changes from P4" chapter lists, done on the tree in place, so that
the HTML and PDF readers (and their line numbers for messages) see a P5 document. `validate`
still reports a P4 file as P4: a converted tree is what we read, not a P5 file an editor
wrote.
"""

from __future__ import annotations

import re

from lxml import etree

from . import TEI_NS

XML_NS = "http://www.w3.org/XML/1998/namespace"
_T = f"{{{TEI_NS}}}"

#: P4 elements with another name in P5
RENAMED = {"TEI.2": "TEI", "xref": "ref", "xptr": "ptr"}

#: attributes whose P4 value is one or more ids (IDREF/IDREFS) and whose P5 value is one or
#: more pointers (``#id``)
POINTERS = frozenset({"target", "targets", "corresp", "who", "ana", "sameAs", "copyOf",
                      "next", "prev", "synch", "hand", "wit", "scribe", "decls", "exclude",
                      "select", "inst", "spanTo"})

#: P4 DTD defaults that a file normalised against the DTD carries on every element: noise
#: in P5 (where most of these attributes are gone or have other values)
DEFAULTS = {"TEIform": None, "default": {"NO"}, "org": {"uniform"}, "sample": {"complete"},
            "part": {"N"}, "full": {"yes"}, "status": {"unremarkable"},
            "anchored": {"yes"}, "direct": {"unspecified"}, "instant": {"false"},
            "opt": {"N"}, "place": {"unspecified"}}

#: ``<sic corr="x">a</sic>`` and its kin: the element's P5 partner, which is also the name
#: of the P4 attribute that holds the partner's text
PAIRS = {"sic": "corr", "corr": "sic", "abbr": "expan", "expan": "abbr", "orig": "reg",
         "reg": "orig"}

_ID_TOKEN = re.compile(r"^[^\s#/:]+$")


def is_p4(root: etree._Element) -> bool:
    """Is ``root`` the root of a TEI P4 document (``<TEI.2>``, no namespace)?"""
    return root.tag == "TEI.2"


def entity_files(docinfo: etree.DocInfo) -> dict[str, str]:
    """name -> file of the entities with a system id the document declares: in P4 a
    figure's ``@entity`` names one (``<!ENTITY fig1 SYSTEM "fig1.png" NDATA PNG>``), whose
    file is the figure's image. (The reader lets no other external entity through.)"""
    dtd = docinfo.internalDTD
    return {e.name: e.system_url for e in dtd.iterentities() if e.system_url} if dtd else {}


def figure_image(el: etree._Element, files: dict[str, str]) -> str | None:
    """The image file of a P4 ``figure`` (its ``@entity``'s file), else None."""
    value = el.get("entity")
    return files.get(value, value) if value else None


def to_p5(tree: etree._ElementTree) -> etree._Element:
    """Rewrite the P4 document ``tree`` as P5, in place (a new root in the TEI namespace,
    declared as the default one, holding the old root's children); return the new root."""
    old = tree.getroot()
    files = entity_files(tree.docinfo)
    root = etree.Element(_T + "TEI", nsmap={None: TEI_NS})
    root.sourceline = old.sourceline
    for att, value in old.attrib.items():
        root.set(att, value)
    root.text = old.text
    for child in list(old):
        root.append(child)  # moved: it keeps its line for messages
    tree._setroot(root)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or (el.tag.startswith("{") and el is not root):
            continue  # comments, processing instructions; elements of other vocabularies
        name = "TEI" if el is root else RENAMED.get(el.tag, el.tag)
        _attributes(el, name, files)
        partner = PAIRS.get(name)
        if partner and el.get(partner) is not None:
            _choice(el, partner)
        el.tag = _T + name
    _divisions(root)
    return root


def _attributes(el: etree._Element, name: str, files: dict[str, str]) -> None:
    for att in list(el.attrib):
        value = el.attrib[att]
        if att.startswith("{"):
            continue
        default = DEFAULTS.get(att, ...)
        if default is None or (default is not ... and value in default):
            del el.attrib[att]
        elif att == "id":
            del el.attrib[att]
            el.set("ident" if name == "language" else f"{{{XML_NS}}}id", value)
        elif att == "lang":
            del el.attrib[att]
            el.set(f"{{{XML_NS}}}lang", value)
        elif att in POINTERS:
            el.set(att, " ".join(f"#{t}" if _ID_TOKEN.match(t) else t for t in value.split()))
        elif att == "value" and name in ("date", "time"):
            del el.attrib[att]
            el.set("when", value.strip())
        elif att == "entity" and name == "figure":  # an unparsed entity's name
            el.insert(0, etree.Element(_T + "graphic", url=figure_image(el, files)))
            del el.attrib[att]


def _choice(el: etree._Element, partner: str) -> None:
    """``<sic corr="x">a</sic>`` → ``<choice><sic>a</sic><corr>x</corr></choice>``."""
    other = el.attrib.pop(partner)
    choice = etree.Element(_T + "choice")
    choice.tail, el.tail = el.tail, None
    el.addprevious(choice)
    choice.append(el)
    alt = etree.SubElement(choice, _T + partner)
    alt.text = other
    if el.get("resp") is not None:
        alt.set("resp", el.get("resp"))


def _divisions(root: etree._Element) -> None:
    """P5 has no ``div0``: where a P4 text uses it, its numbered divisions become ``div``
    (nesting says the level, as in P5's unnumbered divisions)."""
    if next(root.iter(_T + "div0"), None) is None:
        return
    for el in root.iter(*(f"{_T}div{i}" for i in range(8))):
        el.tag = _T + "div"
