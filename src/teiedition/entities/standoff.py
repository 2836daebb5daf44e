"""The register entries a TEI document carries, so that it stands alone.

A TEI file that ``encode`` or ``build`` writes points its names at register entries
(``<persName ref="#pers-x">``). A file that only pointed into ``tei/register.xml`` would have
dangling pointers wherever it is copied without it, so each file carries a copy of the
entries it uses in ``<standOff type="register">`` (``listPerson``, ``listOrg``,
``listPlace``, ``listBibl``: the denormalised copy a library ingesting one file needs).
``tei/register.xml`` stays the master: the copies are refreshed from it on every build.

What is copied is found, not listed: every ``#id`` pointer in the document that resolves to
no ``xml:id`` of its own is looked up in the register, and so are the pointers inside what
was copied (an entry's ``@resp``, ``@sameAs``, an affiliation's ``@ref``), until nothing is
left. Entries are copied whole (names, variants, name parts, idnos, notes: whatever the
editor wrote); a pointer to a ``respStmt`` of the register's header (``resp="#editor"``)
brings that ``respStmt`` into the ``titleStmt``.
"""

from __future__ import annotations

import copy
import mmap
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from .. import TEI_NS, XML_NS

__all__ = ["attach", "refresh", "refresh_stream", "standoff_xml", "STANDOFF_TYPE"]

_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"
#: standOff/@type of the copy (a standOff the editor wrote is never touched)
STANDOFF_TYPE = "register"
#: the order of the lists in the copy (others follow in the register's order)
_LIST_ORDER = ("listPerson", "listOrg", "listPlace", "listBibl")


def _pointers(el: etree._Element) -> set[str]:
    """The ids that ``#id`` tokens in ``el``'s attributes (and its descendants') name."""
    out: set[str] = set()
    for node in el.iter():
        if isinstance(node.tag, str):
            out |= _pointers_of(node)
    return out


def _is_copy(el: etree._Element) -> bool:
    return el.tag == f"{_T}standOff" and el.get("type") == STANDOFF_TYPE


def _own_ids(root: etree._Element) -> set[str]:
    """The xml:ids of the document outside its register copy."""
    ids: set[str] = set()
    for child in root:
        if isinstance(child.tag, str) and not _is_copy(child):
            ids.update(x for x in child.xpath(".//@xml:id | @xml:id"))
    return ids


def _entry_of(el: etree._Element) -> etree._Element | None:
    """The register entry that holds ``el``: the ancestor-or-self whose parent is a list."""
    while el is not None:
        parent = el.getparent()
        if parent is not None and etree.QName(parent).localname.startswith("list"):
            return el
        el = parent
    return None


def _register_index(register: etree._Element) -> dict[str, etree._Element]:
    return {x: el for el in register.iter() if isinstance(el.tag, str)
            for x in [el.get(_XML_ID)] if x}


def _collect(wanted: set[str], own: set[str], register: etree._Element
             ) -> tuple[list[etree._Element], list[etree._Element]]:
    """The register's entries (and header respStmts) that ``wanted`` pointers need, closed
    under the entries' own pointers, in the register's order; ``own`` ids are the
    document's and never looked up."""
    index = _register_index(register)
    entries: dict[int, etree._Element] = {}  # id(element) -> entry, in the order found
    resps: dict[int, etree._Element] = {}
    done: set[str] = set()
    todo = sorted(wanted - own)
    while todo:
        xid = todo.pop()
        if xid in done:
            continue
        done.add(xid)
        target = index.get(xid)
        if target is None:
            continue
        entry = _entry_of(target)
        if entry is not None:
            if id(entry) not in entries:
                entries[id(entry)] = entry
                todo.extend(x for x in sorted(_pointers(entry)) if x not in own)
        elif target.tag == f"{_T}respStmt":
            resps[id(target)] = target
    order = {id(e): i for i, e in enumerate(register.iter())}
    return (sorted(entries.values(), key=lambda e: order[id(e)]),
            sorted(resps.values(), key=lambda e: order[id(e)]))


def _standoff(parent: etree._Element, entries: list[etree._Element]) -> etree._Element:
    """``<standOff type="register">`` with copies of ``entries`` in their lists, indented as
    a child of the TEI root, appended to ``parent``."""
    by_list: dict[str, list[etree._Element]] = {}
    for e in entries:
        by_list.setdefault(etree.QName(e.getparent()).localname, []).append(e)
    names = [n for n in _LIST_ORDER if n in by_list] + [n for n in by_list
                                                         if n not in _LIST_ORDER]
    so = etree.SubElement(parent, f"{_T}standOff", type=STANDOFF_TYPE)
    so.text = "\n    "
    for k, name in enumerate(names):
        lst = etree.SubElement(so, f"{_T}{name}")
        lst.tail = "\n  " if k == len(names) - 1 else "\n    "
        lst.text = "\n      "
        items = by_list[name]
        for j, e in enumerate(items):
            c = _clean(copy.deepcopy(e))
            _reindent(c, _depth(e), 3)
            c.tail = "\n    " if j == len(items) - 1 else "\n      "
            lst.append(c)
    return so


def standoff_xml(refs: set[str], register: etree._Element, own: set[str]
                 ) -> tuple[str, list[etree._Element]]:
    """For a document written as text (the streaming encoder): the ``standOff`` its ``refs``
    need, as XML to write after its ``text`` ("" for none), and copies of the register's
    respStmts to add to its titleStmt. The same XML ``attach`` makes."""
    entries, resps = _collect(refs, own, register)
    if not entries:
        return "", [_clean(copy.deepcopy(r)) for r in resps]
    holder = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
    so = _standoff(holder, entries)
    xml = etree.tostring(so, encoding="unicode", with_tail=False)
    xml = xml.replace(f' xmlns="{TEI_NS}"', "", 1)  # declared by the document's root
    return xml, [_clean(copy.deepcopy(r)) for r in resps]


def attach(tree: etree._ElementTree | etree._Element, register: etree._Element | None) -> None:
    """Put into ``tree`` (in place) the register entries its pointers need.

    ``register``: the root of the register (a TEI document); None or a register without
    the entries leaves those pointers as they are (validation names them). An earlier copy
    is replaced; without entries to carry the document has no copy.
    """
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    for so in [c for c in root if isinstance(c.tag, str) and _is_copy(c)]:
        _remove(so)
    if register is None:
        return
    own = _own_ids(root)
    entries, resps = _collect(_pointers(root) - own, own, register)
    if resps:
        ts = root.find(f"{_T}teiHeader/{_T}fileDesc/{_T}titleStmt")
        if ts is not None:
            for r in resps:
                _append(ts, _clean(copy.deepcopy(r)))
    if not entries:
        return
    prev = root[-1] if len(root) else None
    so = _standoff(root, entries)
    if prev is not None:  # the root's last child ends with the root's closing indentation
        so.tail = prev.tail
        prev.tail = "\n  "


def refresh(data: bytes, register: etree._Element | None) -> bytes:
    """``data`` (a TEI file's bytes) with its register copy made again from ``register``;
    the same bytes where nothing changed."""
    from ..xml import parse_bytes, serialize

    tree = parse_bytes(data)
    attach(tree, register)
    new = serialize(tree)
    return data if new == data else new


def refresh_stream(path: str | Path, register: etree._Element | None, out: BinaryIO
                   ) -> bool | None:
    """``refresh`` for a TEI file too large to parse whole: the file read as a stream (its
    pointers and ids, what ``attach`` reads of it) and written to ``out`` with only its
    register copy made again, the rest copied as its bytes. True when the copy changed
    (``out`` holds the file), False when it is as it was (nothing written). None where
    this cannot be done so and nothing was written: the copy is not the root's last
    element or there are several, or the header would need a respStmt of the register.
    For TEI that ``xml.serialize`` wrote (ours): the bytes ``refresh`` would give."""
    from ..xml import file_chunks, pull_events

    pointers: set[str] = set()
    own: set[str] = set()
    copies = 0
    last_is_copy = False
    depth = 0
    in_copy = False
    for event, el in pull_events(file_chunks(path)):
        if event == "start":
            depth += 1
            if depth == 2:
                in_copy = _is_copy(el)
                copies += in_copy
                last_is_copy = in_copy
            if not in_copy:  # (the root's pointers count, its xml:id does not)
                pointers |= _pointers_of(el)
                if depth > 1 and (x := el.get(_XML_ID)) is not None:
                    own.add(x)
            continue
        depth -= 1
        if depth >= 1:  # read: dropped (with the siblings before it)
            el.clear(keep_tail=True)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
    if copies > 1 or (copies and not last_is_copy):
        return None
    entries, resps = _collect(pointers - own, own, register) if register is not None \
        else ([], [])
    if resps:
        return None
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        end = m.rfind(b"</")  # the root's end tag
        if end < 0:
            return None
        start = before = _ws_before(m, end)  # after the last child's end
        if copies:
            so = m.rfind(b"<standOff", 0, before)
            if so < 0 or m[before - len(_COPY_END):before] != _COPY_END:
                return None
            start = _ws_before(m, so)
        xml = ""
        if entries:
            holder = etree.Element(f"{_T}TEI", nsmap={None: TEI_NS})
            xml = etree.tostring(_standoff(holder, entries), encoding="unicode",
                                 with_tail=False).replace(f' xmlns="{TEI_NS}"', "", 1)
        new = (b"\n  " + xml.encode("utf-8") if xml else b"") + m[before:end]
        if new == m[start:end]:
            return False
        out.write(m[:start])
        out.write(new)
        out.write(m[end:])
    return True


_COPY_END = b"</standOff>"


def _pointers_of(el: etree._Element) -> set[str]:
    """The ids ``#id`` tokens in ``el``'s own attributes name (``_pointers`` reads each
    element of a tree with it, ``refresh_stream`` each element as it streams past)."""
    return {tok[1:] for name, value in el.attrib.items() if "#" in value and name != _XML_ID
            for tok in value.split() if tok.startswith("#")}


def _ws_before(m: mmap.mmap, pos: int) -> int:
    """Where the white space before ``pos`` begins."""
    while pos > 0 and m[pos - 1:pos] in (b" ", b"\n", b"\t", b"\r"):
        pos -= 1
    return pos


def _clean(el: etree._Element) -> etree._Element:
    """The copy without the tail it had in the register."""
    el.tail = None
    return el


def _reindent(el: etree._Element, old: int, level: int) -> None:
    """Shift the indentation inside a copied entry from depth ``old`` to ``level`` (only
    white space that is all there is between elements: text in names is never touched)."""
    if old == level:
        return
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        if node.text is not None and not node.text.strip() and len(node):
            node.text = _shift(node.text, level - old)
        for child in node:
            if child.tail is not None and not child.tail.strip():
                child.tail = _shift(child.tail, level - old)


def _shift(ws: str, by: int) -> str:
    if "\n" not in ws:
        return ws
    head, _, pad = ws.rpartition("\n")
    return head + "\n" + " " * max(0, len(pad) + 2 * by)


def _depth(el: etree._Element) -> int:
    return sum(1 for _ in el.iterancestors())


def _append(parent: etree._Element, new: etree._Element) -> None:
    children = list(parent)
    if children:
        new.tail = children[-1].tail
        children[-1].tail = (parent.text or "\n")
    parent.append(new)


def _remove(el: etree._Element) -> None:
    """Remove ``el`` keeping the white space after its previous sibling as it was."""
    prev = el.getprevious()
    parent = el.getparent()
    if prev is not None:
        prev.tail = el.tail
    elif parent is not None:
        parent.text = el.tail
    parent.remove(el)
