"""The tagged-PDF structure of a book typeset in parts, made one (``parts.Binder``).

Typst writes each part as a tagged PDF: a structure tree (``/StructTreeRoot``, one
``/Document`` element holding headings, paragraphs, notes …), each page's marked content
tied to its elements through ``/StructParents`` keys into the tree's ``/ParentTree``. Joined
page by page, the parts' trees would be lost and the book untagged, so a screen reader
would get no headings and no reading order. Here the elements of every part go into the
book's one ``/Document`` in order (the front's, typeset last, before the others'), the
elements of pages a part does not keep (the
overlap the next part sets again) left out, the ``/StructParents`` keys of its pages and
their annotations moved past those of the parts before, its ``/ParentTree`` entries added
under the moved keys, its ids (``/IDTree``) kept unique and its role map merged.
"""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name


def _document(pdf: pikepdf.Pdf) -> Dictionary | None:
    """The one /Document element of a Typst structure tree (its /K: the element or an
    array of it); None where the PDF has no such tree."""
    tree = pdf.Root.get(Name.StructTreeRoot)
    if tree is None or Name.ParentTree not in tree or Name.K not in tree:
        return None
    kids = _kids(tree)
    only = kids[0] if len(kids) == 1 else None
    return only if isinstance(only, Dictionary) and only.get(Name.S) == Name.Document else None


def _pairs(tree: Any, key: Name) -> list[tuple[Any, Any]]:  # noqa: ANN401 - a PDF tree
    """The (key, value) pairs of a number tree (``key`` /Nums) or a name tree (/Names):
    its own, then those of its /Kids."""
    out: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        flat = list(node.get(key, []))
        out += [(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]
        stack += reversed(list(node.get(Name.Kids, [])))
    return out


def _nums(tree: Any) -> list[tuple[int, Any]]:  # noqa: ANN401 - a PDF number tree
    """The (key, value) pairs of a number tree (/Nums, or /Kids of such trees)."""
    return [(int(k), v) for k, v in _pairs(tree, Name.Nums)]


def _ids(tree: Dictionary) -> list[tuple[str, Any]]:
    """The (id, element) pairs of a structure tree's /IDTree (a name tree)."""
    if Name.IDTree not in tree:
        return []
    return [(str(k), v) for k, v in _pairs(tree.IDTree, Name.Names)]


def _kids(e: Dictionary) -> list:
    k = e.get(Name.K)
    return [] if k is None else list(k) if isinstance(k, Array) else [k]


def _prune(e: Dictionary, kept: set, page: Any = None) -> bool:  # noqa: ANN401
    """Leave out of element ``e`` what lies on pages not ``kept`` (objgens); False when
    nothing of it is left."""
    page = e.get(Name.Pg, page)
    on_kept = page is not None and page.objgen in kept
    had = _kids(e)
    kids = []
    for kid in had:
        if isinstance(kid, int):  # a marked-content id on the element's page
            keep = on_kept
        elif isinstance(kid, Dictionary) and kid.get(Name.Type) in (Name.MCR, Name.OBJR):
            pg = kid.get(Name.Pg, page)
            keep = pg is not None and pg.objgen in kept
        elif isinstance(kid, Dictionary):
            keep = _prune(kid, kept, page)
        else:
            keep = True
        if keep:
            kids.append(kid)
    if not kids and had:
        return False
    if len(kids) != len(had):
        e.K = Array(kids)
    return True


def _shift(pages: list, by: int) -> set[int]:
    """Move the /StructParents keys of ``pages`` and the /StructParent keys of their
    annotations on by ``by``; the keys as they were."""
    keys = set()
    for holder, name in [(p.obj, Name.StructParents) for p in pages] + [
            (a, Name.StructParent) for p in pages for a in p.obj.get(Name.Annots, [])]:
        if name in holder:
            keys.add(int(holder[name]))
            holder[name] = int(holder[name]) + by
    return keys


def _rename_ids(part: pikepdf.Pdf, doc: Dictionary, taken: set[str],
                suffix: str) -> list[tuple[str, Any]]:
    """Give the elements of ``part`` (its /IDTree names them) whose /ID another part has
    already a new one; their (id, element) pairs. Where an id that a table's cells may name
    in /Headers changes (any but a footnote's: Typst numbers 'Note 1', 'Note 2' … in each
    part), the cells under ``doc`` follow."""
    renamed: dict[str, str] = {}
    found: list[tuple[str, Any]] = []
    for old, e in _ids(part.Root.StructTreeRoot):
        new = old if old not in taken else f"{old} {suffix}"
        if new != old:
            e.ID = pikepdf.String(new)
            renamed[old] = new
        taken.add(new)
        found.append((new, e))
    if any(not old.startswith("Note ") for old in renamed):
        stack = [doc]
        while stack:
            e = stack.pop()
            for a in (e.get(Name.A) if isinstance(e.get(Name.A), Array) else [e.get(Name.A)]):
                if isinstance(a, Dictionary) and Name.Headers in a:
                    a.Headers = Array([pikepdf.String(renamed.get(str(h), str(h)))
                                       for h in a.Headers])
            stack += [k for k in _kids(e) if isinstance(k, Dictionary)
                      and k.get(Name.Type) not in (Name.MCR, Name.OBJR)]
    return found


class Merger:
    """The book's structure tree, growing by each part's (``add``), made as the parts arrive
    (the front's, typeset last, goes first)."""

    def __init__(self, out: pikepdf.Pdf) -> None:
        self.out = out
        self.doc: Dictionary | None = out.make_indirect(Dictionary(
            Type=Name.StructElem, S=Name.Document, K=Array()))
        self.nums: list[tuple[int, Any]] = []
        self.next = 0
        self.taken: set[str] = set()
        self.new_ids: list[tuple[str, Any]] = []
        self.roles: dict = {}

    def add(self, part: pikepdf.Pdf, pages: list, copied: list, n: int,
            first: bool = False) -> None:
        """Part ``n``'s tree, for its ``pages`` (the ones kept) now ``copied`` into the book
        (call after the pages are copied: the copier maps the elements' /Pg to them);
        ``first``: before the elements of the parts added before (the front)."""
        if self.doc is None:
            return
        doc = _document(part)
        if doc is None:  # a part without a tree: the book cannot claim one
            self.doc = None
            return
        kept = {p.objgen for p in pages}
        by = self.next
        wanted = _shift(copied, by)  # the kept pages' keys, moved past the parts' before
        entries = [(k, v) for k, v in _nums(part.Root.StructTreeRoot.ParentTree)
                   if k in wanted]
        kids = _kids(doc)
        if len(pages) < len(part.pages):  # the overlap the next part sets again goes
            kids = [k for k in kids if not isinstance(k, Dictionary)
                    or k.get(Name.Type) in (Name.MCR, Name.OBJR) or _prune(k, kept)]
        ids = _rename_ids(part, doc, self.taken, f"({n + 1})")
        for kid in kids:  # their parent is the book's Document, not the part's
            if isinstance(kid, Dictionary) and Name.P in kid:
                del kid[Name.P]
        # copied in one call each (the copier maps what it copied before: pages, elements)
        copies = list(self.out.copy_foreign(part.make_indirect(Array(kids)))) if kids else []
        for at, copy in enumerate(copies):
            if isinstance(copy, Dictionary) and copy.get(Name.Type) not in (Name.MCR,
                                                                              Name.OBJR):
                copy.P = self.doc
            if first:
                self.doc.K.insert(at, copy)
            else:
                self.doc.K.append(copy)
        if ids:
            elements = self.out.copy_foreign(part.make_indirect(Array([e for _, e in ids])))
            self.new_ids += [(i, e) for (i, _), e in zip(ids, elements, strict=True)]
        if entries:  # copied in one call (the copier maps what it copied before)
            values = self.out.copy_foreign(part.make_indirect(Array([v for _, v in entries])))
            self.nums += [(k + by, v) for (k, _), v in zip(entries, values, strict=True)]
        self.next = by + max(wanted, default=-1) + 1  # every key moved, with an entry or not
        for role, to in part.Root.StructTreeRoot.get(Name.RoleMap, Dictionary()).items():
            self.roles.setdefault(role, to)

    def finish(self) -> bool:
        """Write the merged tree into the book; False (and no tree) where a part had none."""
        root = self.out.Root
        if self.doc is None:
            for key in (Name.StructTreeRoot, Name.MarkInfo):
                if key in root:
                    del root[key]
            return False
        nums = Array()
        for k, v in sorted(self.nums, key=lambda kv: kv[0]):
            nums.append(k)
            nums.append(v)
        tree = self.out.make_indirect(Dictionary(
            Type=Name.StructTreeRoot, K=Array([self.doc]), ParentTreeNextKey=self.next,
            ParentTree=self.out.make_indirect(Dictionary(Nums=nums))))
        self.doc.P = tree
        if self.roles:
            tree.RoleMap = Dictionary(self.roles)
        if self.new_ids:
            names = Array()
            for key, e in sorted(self.new_ids, key=lambda p: p[0]):
                names.append(pikepdf.String(key))
                names.append(e)
            tree.IDTree = Dictionary(Names=names)
        root.StructTreeRoot = tree
        root.MarkInfo = Dictionary(Marked=True)
        return True
