"""The edition's register of persons, organisations, places and journals (``tei/register.xml``).

A TEI document whose ``<standOff>`` holds ``listPerson``, ``listOrg``, ``listPlace`` and
``listBibl`` (journals). Each entry has an ``@xml:id``, one ``type="reg"`` name (the normalised
form) and ``type="variant"`` names for every form seen in a text (inflected forms too).

The register is the editor's: ``update`` only ever *adds* (new entries with ``@cert`` and
``@resp="#teiedition"``, new variant forms under existing entries). It never changes or removes
an element that is already there, so hand edits survive every run. The loaded lxml tree is
kept and written back with the additions, which is what makes that guarantee hold.

What encoding takes as evidence is the editor's part only (``Register.evidence``): entries
whose ``@resp`` is not ``#teiedition`` and their names, less the variant forms teiedition
added to them (marked ``resp="#teiedition"``). What encoding added by itself then never
changes a later encoding's decisions, so a build is a fixed point: building again gives the
same TEI, whatever the earlier builds added. An editor takes an entry over by changing its
``@resp``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..output import atomic_write
from ..xml import parse_file, serialize
from .names import name_structure, slug

__all__ = ["Mention", "Entry", "Register", "load_register", "write_register", "empty_register",
           "KINDS", "TYPE_KIND", "RESP"]

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_T = f"{{{TEI_NS}}}"

#: kind -> (list element, entry element, name element, id prefix)
KINDS: dict[str, tuple[str, str, str, str]] = {
    "person": ("listPerson", "person", "persName", "pers"),
    "org": ("listOrg", "org", "orgName", "org"),
    "place": ("listPlace", "place", "placeName", "place"),
    "journal": ("listBibl", "bibl", "title", "journal"),
}
#: mention type -> register kind
TYPE_KIND = {"PER": "person", "ORG": "org", "LOC": "place", "TITLE": "journal"}
KIND_TYPE = {v: k for k, v in TYPE_KIND.items()}
#: ``<list type="not-names">`` in the register's standOff: forms that are no names
STOP_LIST = "not-names"
#: the @resp of what teiedition added by itself (entries and variant forms)
RESP = "#teiedition"


def _by_teiedition(el: etree._Element) -> bool:
    """Whether teiedition alone is responsible for ``el`` (an editor who edits an entry
    names themselves in its @resp)."""
    return (el.get("resp") or "").split() == [RESP]


@dataclass(slots=True)
class Mention:
    """One entity or date found in a block's reading text.

    ``type`` is PER, ORG, LOC, TITLE (a journal) or DATE; ``name`` the normalised name it was
    linked to, ``ref`` the register id (without ``#``); ``cert`` None when the evidence is
    strong, else ``medium``/``low``; ``evidence`` says why it was marked (for the review).
    """

    block: int
    start: int
    end: int
    type: str
    text: str
    name: str = ""
    ref: str | None = None
    cert: str | None = None
    evidence: str = ""
    confidence: float = 1.0
    in_register: bool = False
    attrs: tuple[tuple[str, str], ...] = ()  # date attributes (when/from/to)


@dataclass(slots=True)
class Entry:
    """A register entry as read (the XML element stays authoritative)."""

    id: str
    kind: str
    name: str
    variants: list[str] = field(default_factory=list)
    cert: str | None = None
    resp: str | None = None
    idnos: dict[str, str] = field(default_factory=dict)

    @property
    def forms(self) -> list[str]:
        return [self.name, *[v for v in self.variants if v != self.name]]


_SKELETON = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:lang="sv">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Register of persons, organisations, places and journals</title>
        <respStmt xml:id="teiedition"><resp>automatic entries and variant forms</resp>
          <name>teiedition</name></respStmt>
      </titleStmt>
      <publicationStmt><p>Part of the edition; maintained by its editors. Entries with
        resp="#teiedition" were proposed by teiedition; cert says how sure it was.</p>
      </publicationStmt>
      <sourceDesc><p>Names as found in the edition's texts.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <listPerson/>
    <listOrg/>
    <listPlace/>
    <listBibl/>
  </standOff>
</TEI>
"""


class Register:
    """Lookup by any form, plus the XML tree the additions go into."""

    def __init__(self, tree: etree._ElementTree, path: str | None = None, *,
                 editorial: bool = False) -> None:
        self.tree = tree
        self.path = path
        self.editorial = editorial  # only the editor's entries and forms (``evidence``)
        self.entries: dict[str, Entry] = {}
        self._by_form: dict[str, list[str]] = {}
        self._elements: dict[str, etree._Element] = {}
        self._evidence: Register | None = self if editorial else None
        self._fingerprints: dict[str, str] | None = None
        self.stops: set[str] = set()  # forms an editor said are no names
        self.aliases: dict[str, str] = {}  # an entry merged into another: old id -> its id
        self._read()

    @classmethod
    def empty(cls) -> Register:
        """A register with no entries (same as ``empty_register()``)."""
        return empty_register()

    # -- reading -------------------------------------------------------------------------
    def _container(self) -> etree._Element:
        root = self.tree.getroot()
        so = root.find(f"{_T}standOff")
        if so is not None:
            return so
        body = root.find(f"{_T}text/{_T}body")
        if body is not None:
            return body
        so = etree.SubElement(root, f"{_T}standOff")
        return so

    def _read(self) -> None:
        root = self.tree.getroot()
        if root.tag != f"{_T}TEI":
            raise InputError("the register is not a TEI document", path=self.path)
        merged: list[tuple[str, list[str]]] = []
        for kind, (_lst, ent, name_el, _p) in KINDS.items():
            for el in root.iter(f"{_T}{ent}"):
                xid = el.get(XML_ID)
                if not xid:
                    continue
                if kind == "journal" and el.find(f"{_T}title[@level='j']") is None:
                    continue
                names = el.findall(f"{_T}{name_el}")
                if self.editorial:
                    if _by_teiedition(el):
                        continue
                    names = [n for n in names if not _by_teiedition(n)]
                same = (el.get("sameAs") or "").split()
                if same and same[0].startswith("#"):  # merged into another entry
                    self.aliases[xid] = same[0][1:]
                    merged.append((same[0][1:], [_text(n) for n in names if _text(n)]))
                    continue
                self._elements[xid] = el
                reg = next((n for n in names if n.get("type") == "reg"),
                           names[0] if names else None)
                name = _text(reg) if reg is not None else xid
                variants = [_text(n) for n in names if n is not reg and _text(n)]
                idnos = {i.get("type", ""): _text(i) for i in el.findall(f"{_T}idno")}
                self.entries[xid] = Entry(xid, kind, name, variants, el.get("cert"),
                                          el.get("resp"), idnos)
                for form in [name, *variants]:
                    ids = self._by_form.setdefault(form, [])
                    if xid not in ids:
                        ids.append(xid)

        for target, forms in merged:  # its forms are the other entry's now
            for form in forms:
                ids = self._by_form.setdefault(form, [])
                if target in self.entries and target not in ids:
                    ids.append(target)
        for lst in root.iter(f"{_T}list"):
            if lst.get("type") == STOP_LIST:
                self.stops.update(_text(i) for i in lst.iter(f"{_T}item") if _text(i))
        for old, target in list(self.aliases.items()):  # chains of merges end somewhere
            seen = {old}
            while target in self.aliases and target not in seen:
                seen.add(target)
                target = self.aliases[target]
            self.aliases[old] = target

    def resolve(self, xid: str) -> Entry | None:
        """The entry an id names, following merges (an old id stays valid as an alias)."""
        return self.entries.get(self.aliases.get(xid, xid))

    def evidence(self) -> Register:
        """The editor's part of the register, what encoding takes as evidence (see above).

        It reads the same tree (nothing is copied) and is made once per register."""
        if self._evidence is None:
            self._evidence = Register(self.tree, self.path, editorial=True)
        return self._evidence

    def fingerprints(self) -> dict[str, str]:
        """A hash of each entry as encoding sees it (by id): the element without the names
        this register does not read. A change to it (forms, kind, merges) changes its hash."""
        if self._fingerprints is None:
            import hashlib

            out = {}
            for xid, el in self._elements.items():
                el = copy.deepcopy(el)
                el.tail = None
                if self.editorial:
                    for n in [n for n in el.iter() if n is not el and _by_teiedition(n)]:
                        n.getparent().remove(n)
                kind = self.entries[xid].kind
                data = kind.encode() + b"\0" + etree.tostring(el, method="c14n")
                out[xid] = hashlib.sha256(data).hexdigest()
            self._fingerprints = out
        return self._fingerprints

    # -- lookup ----------------------------------------------------------------------------
    def lookup(self, form: str, kind: str | None = None) -> Entry | None:
        """The entry one of whose names is exactly ``form`` (first in document order)."""
        for xid in self._by_form.get(form, ()):
            e = self.resolve(xid)
            if e is not None and (kind is None or e.kind == kind):
                return e
        return None

    def forms(self) -> Iterator[tuple[str, Entry]]:
        """Every (form, entry) pair, for matching the register against a text."""
        for form, ids in self._by_form.items():
            for xid in dict.fromkeys(self.aliases.get(x, x) for x in ids):
                if xid in self.entries:
                    yield form, self.entries[xid]

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, xid: object) -> bool:
        return xid in self.entries

    # -- adding ----------------------------------------------------------------------------
    def new_id(self, kind: str, name: str) -> str:
        """``pers-josef-stalin``; a suffix ``-2``… when the id is taken by another name."""
        base = f"{KINDS[kind][3]}-{slug(name)}"
        xid, n = base, 1
        while xid in self.entries and self.entries[xid].name != name:
            n += 1
            xid = f"{base}-{n}"
        return xid

    def update(self, mentions: Iterable[Mention]) -> Register:
        """A new register with the mentions' new entities and new variant forms added.

        Existing elements are copied unchanged (hand edits are never overwritten); a mention
        whose ``ref`` is an existing entry of another kind is left alone.
        """
        new = Register(copy.deepcopy(self.tree), self.path)
        container = new._container()
        for m in mentions:
            kind = TYPE_KIND.get(m.type)
            if kind is None or not m.ref:
                continue
            lst_name, ent_name, name_el, _p = KINDS[kind]
            # an id merged into another entry (an older inflected form's) is that entry's:
            # encoding mints ids from the editor's part alone, so it cannot know the alias
            entry = new.resolve(m.ref)
            if entry is None and m.ref in new.aliases:
                continue  # an alias whose entry is gone: nothing to add to
            if entry is None:
                lst = container.find(f"{_T}{lst_name}")
                if lst is None:
                    lst = etree.Element(f"{_T}{lst_name}")
                    _append(container, lst)
                el = etree.Element(f"{_T}{ent_name}")
                _append(lst, el)
                el.set(XML_ID, m.ref)
                el.set("cert", m.cert or "high")
                el.set("resp", RESP)
                reg = etree.SubElement(el, f"{_T}{name_el}")
                if kind == "journal":
                    reg.set("level", "j")
                reg.set("type", "reg")
                if kind == "person":
                    _name_parts(reg, m.name or m.text)
                else:
                    reg.text = m.name or m.text
                _indent_new(el)
                new._read_one(el, kind)
                entry = new.entries[m.ref]
            if entry.kind != kind or m.text in entry.forms:
                continue
            el = _find_by_id(new.tree, entry.id)
            if el is None:  # pragma: no cover - entries come from the tree
                continue
            names = el.findall(f"{_T}{name_el}")
            var = etree.Element(f"{_T}{name_el}")
            if kind == "journal":
                var.set("level", "j")
            var.set("type", "variant")
            if not _by_teiedition(el):  # a form seen by teiedition in an editor's entry
                var.set("resp", RESP)
            var.text = m.text
            if names:
                _insert_after(names[-1], var)
            else:
                el.insert(0, var)
                var.tail = el.text
            entry.variants.append(m.text)
            new._by_form.setdefault(m.text, []).append(entry.id)
        new._migrate()
        return new

    def _migrate(self) -> None:
        """Entries an older version named by an inflected form (``org-kominterns``,
        "Kominterns") become aliases of the entry in base form that took the form over
        (``sameAs="#org-komintern"``): the old id is not renumbered and still resolves. Only
        teiedition's own entries are touched; an editor's stay as they are."""
        for xid, entry in list(self.entries.items()):
            el = self._elements.get(xid)
            if el is None or not _by_teiedition(el):
                continue
            for other_id in self._by_form.get(entry.name, ()):
                other = self.entries.get(other_id)
                if other is None or other_id == xid or other.kind != entry.kind or \
                        entry.name not in other.variants or \
                        not (len(other.name) < len(entry.name)
                             and entry.name.startswith(other.name)):
                    continue  # another entry, and one whose name is a base of this one
                el.set("sameAs", f"#{other_id}")
                self.aliases[xid] = other_id
                del self.entries[xid]
                break

    def _read_one(self, el: etree._Element, kind: str) -> None:
        xid = el.get(XML_ID)
        name_el = KINDS[kind][2]
        names = el.findall(f"{_T}{name_el}")
        name = _text(names[0]) if names else xid
        self.entries[xid] = Entry(xid, kind, name, [], el.get("cert"), el.get("resp"))
        self._elements[xid] = el
        self._by_form.setdefault(name, []).append(xid)


def _name_parts(el: etree._Element, name: str) -> None:
    """A person's name with its structure (``names.name_structure``), for sorting and for
    the index's "Barbusse, Henri". The text of ``el`` stays ``name``."""
    words = name.split()
    parts = name_structure(name)
    el.text = None
    prev: etree._Element | None = None
    for i, (tag, text) in enumerate(parts):
        child = etree.SubElement(el, f"{_T}{tag}")
        child.text = text
        if i < len(parts) - 1:
            child.tail = " "
        prev = child
    assert prev is not None and _text(el) == " ".join(words)


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _find_by_id(tree: etree._ElementTree, xid: str) -> etree._Element | None:
    for el in tree.getroot().iter():
        if el.get(XML_ID) == xid:
            return el
    return None


def _depth(el: etree._Element) -> int:
    return sum(1 for _ in el.iterancestors())


def _append(parent: etree._Element, new: etree._Element) -> None:
    """Append ``new`` with indentation like its siblings; existing whitespace is kept."""
    pad = "\n" + "  " * _depth(parent)
    children = list(parent)
    if children:
        last = children[-1]
        new.tail = last.tail if last.tail is not None else pad
        last.tail = pad + "  "
    else:
        parent.text = pad + "  "
        new.tail = pad
    parent.append(new)


def _insert_after(prev: etree._Element, new: etree._Element) -> None:
    """Insert ``new`` right after ``prev``, taking over its whitespace."""
    tail = prev.tail
    last = prev.getnext() is None
    prev.addnext(new)  # lxml moves prev's tail behind new; restore it in front
    parent = prev.getparent()
    prev.tail = (parent.text if last and parent is not None else tail)
    new.tail = tail


def _indent_new(el: etree._Element) -> None:
    """Indent the children of an element teiedition made itself."""
    pad = "\n" + "  " * _depth(el)
    children = list(el)
    if not children:
        return
    el.text = pad + "  "
    for i, child in enumerate(children):
        child.tail = pad if i == len(children) - 1 else pad + "  "


def empty_register() -> Register:
    """A register with no entries (``encode --no-register`` and first runs)."""
    return Register(etree.ElementTree(etree.fromstring(_SKELETON.encode("utf-8"))))


def load_register(path: str | Path) -> Register:
    """Read the register; a missing file gives an empty register that will be written there."""
    p = Path(path)
    if not p.exists():
        reg = empty_register()
        reg.path = str(p)
        return reg
    return Register(parse_file(p), str(p))


def write_register(register: Register, path: str | Path) -> None:
    """Write atomically: a temporary file in the same folder, then rename over the old one."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    data = serialize(register.tree)
    atomic_write(p, data)


def apply_corrections(register: Register, rows: Iterable, resp: str = "editor") -> Register:
    """A new register with an editor's corrections (``review.Correction`` rows): a changed
    kind moves the entry to its list (the id stays), a changed name becomes the normalised
    name (the old one a variant), ``merge_into`` gives the entry's forms to another entry and
    leaves the id behind as an alias (``@sameAs``, so old references still resolve),
    ``reject`` puts the forms on the register's stop list (``<list type="not-names">``) and
    removes the entry. A candidate the editor changed becomes an entry. Every entry touched
    becomes the editor's (``@resp``), so encoding takes it as evidence from then on; rows
    that change nothing leave their entry as it was."""
    new = Register(copy.deepcopy(register.tree), register.path)
    container = new._container()
    who = f"#{resp}"
    changed = False
    for r in rows:
        entry = new.entries.get(r.id) if r.id else None
        forms = [f for f in dict.fromkeys([r.name, *r.forms]) if f]
        if r.reject:
            _stop(new, container, forms, who)
            if entry is not None:
                el = new._elements[entry.id]
                el.getparent().remove(el)
            changed = True
            continue
        if entry is None:
            if r.in_register and not r.merge_into or not r.id:
                continue  # nothing to change, or a candidate without an id
            if not r.merge_into:  # an edited candidate: the editor's entry now
                m = Mention(0, 0, 0, KIND_TYPE[r.kind], r.name, r.name, r.id)
                new = _with(new, m, forms, who)
                container = new._container()
                changed = True
                continue
        if r.merge_into:
            target = new.entries.get(r.merge_into)
            if target is None:
                raise InputError(f"merge_into names no entry: {r.merge_into!r}")
            tel = new._elements[target.id]
            for f in forms:
                if f not in target.forms:
                    _add_name(tel, target.kind, f, "variant")
                    target.variants.append(f)
            tel.set("resp", who)
            tel.attrib.pop("cert", None)
            if entry is not None:
                el = new._elements[entry.id]
                for n in el.findall(f"{_T}{KINDS[entry.kind][2]}"):
                    el.remove(n)
                el.set("sameAs", f"#{target.id}")
                el.set("resp", who)
                el.attrib.pop("cert", None)
            changed = True
            continue
        assert entry is not None
        el = new._elements[entry.id]
        touched = entry.kind != r.kind or entry.name != r.name
        if entry.kind != r.kind:
            el = _move(new, container, el, entry.kind, r.kind)
        if entry.name != r.name:
            name_el = KINDS[r.kind][2]
            regs = [n for n in el.findall(f"{_T}{name_el}") if n.get("type") == "reg"]
            if regs and entry.name not in entry.variants:  # the old name stays a variant
                old = etree.Element(f"{_T}{name_el}", {"type": "variant"})
                old.text = entry.name
                _insert_after(regs[0], old)
            reg = regs[0] if regs else _add_name(el, r.kind, r.name, "reg")
            reg[:] = []
            if r.kind == "person":
                _name_parts(reg, r.name)
            else:
                reg.text = r.name
        if touched:
            el.set("resp", who)
            el.attrib.pop("cert", None)
            changed = True
    if changed:
        _respstmt(new, resp)
    return Register(new.tree, new.path)


def _with(reg: Register, m: Mention, forms: list[str], who: str) -> Register:
    new = reg.update([m])
    el = new._elements[m.ref or ""]
    entry = new.entries[m.ref or ""]
    for f in forms:
        if f not in entry.forms:
            _add_name(el, entry.kind, f, "variant")
    el.set("resp", who)
    el.attrib.pop("cert", None)
    return Register(new.tree, new.path)


def _add_name(el: etree._Element, kind: str, form: str, typ: str) -> etree._Element:
    name_el = KINDS[kind][2]
    names = el.findall(f"{_T}{name_el}")
    n = etree.Element(f"{_T}{name_el}")
    if kind == "journal":
        n.set("level", "j")
    n.set("type", typ)
    n.text = form
    if names:
        _insert_after(names[-1], n)
    else:
        el.insert(0, n)
        n.tail = el.text
    return n


def _move(reg: Register, container: etree._Element, el: etree._Element, old: str,
          kind: str) -> etree._Element:
    """The entry as one of ``kind``: element and name elements renamed, in its list."""
    lst_name, ent_name, name_el, _p = KINDS[kind]
    new_el = etree.Element(f"{_T}{ent_name}", dict(el.attrib))
    new_el.text = el.text
    for child in list(el):
        if child.tag == f"{_T}{KINDS[old][2]}":
            child.tag = f"{_T}{name_el}"
            if kind == "journal":
                child.set("level", "j")
            elif child.get("level") == "j":
                del child.attrib["level"]
        new_el.append(child)
    parent = el.getparent()
    parent.remove(el)
    lst = container.find(f"{_T}{lst_name}")
    if lst is None:
        lst = etree.Element(f"{_T}{lst_name}")
        _append(container, lst)
    _append(lst, new_el)
    reg._elements[new_el.get(XML_ID)] = new_el
    return new_el


def _stop(reg: Register, container: etree._Element, forms: list[str], who: str) -> None:
    lst = next((x for x in container.iter(f"{_T}list") if x.get("type") == STOP_LIST), None)
    if lst is None:
        lst = etree.Element(f"{_T}list", {"type": STOP_LIST, "resp": who})
        _append(container, lst)
    have = {_text(i) for i in lst.iter(f"{_T}item")}
    for f in forms:
        if f not in have:
            item = etree.Element(f"{_T}item")
            item.text = f
            _append(lst, item)
            have.add(f)


def _respstmt(reg: Register, resp: str) -> None:
    """The editor named in the header, so that ``@resp="#editor"`` points somewhere."""
    root = reg.tree.getroot()
    if any(e.get(XML_ID) == resp for e in root.iter()):
        return
    ts = root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt")
    if ts is None:
        return
    rs = etree.Element(f"{_T}respStmt", {XML_ID: resp})
    r = etree.SubElement(rs, f"{_T}resp")
    r.text = "corrections from the review table"
    n = etree.SubElement(rs, f"{_T}name")
    n.text = resp
    _append(ts, rs)
