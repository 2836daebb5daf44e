"""Validate a TEI file of any size in parts, in bounded memory, as if it were read whole.

A file up to ``limits.MAX_XML_BYTES`` is parsed and validated whole (``validate``). A
larger one is read as a stream twice (``xml.pull_events``), never whole:

1. what the parts need of the whole file (``_first_pass``): the xml:ids that its pointers
   name (where a part's pointers may resolve) and those that more than one element has
   (the only ones an earlier part can have), so that the ids of a file with many are not
   held for the second pass;
2. its parts: the ``teiHeader`` (and what else precedes ``text`` in ``TEI``) is kept; the
   children of ``body`` are gathered in parts of about ``PART_BYTES`` of the file, and
   each part is validated (RELAX NG, then the Schematron rules) inside a skeleton
   ``TEI/teiHeader/text/body`` with the header, so that the schema sees it in its place;
   ``front`` goes with the first part, ``back`` (and what follows ``text``) with the last.
   A part ends only before a child of ``body`` whose name an earlier child of the part has
   (``div`` after ``div``, also where other elements come between: ``pb div pb div``,
   ``lg p lg p``), so that each part is what the schema allows of a body wherever the
   whole is (a body's content repeats; it ends with what a body may end with). The same
   holds inside a division (a book of one division, as the encoder writes a text without
   headings): a part may end before a child of an open division (every element down from
   ``body`` a division) whose name the part's share of it has; the part takes a copy of
   each open division (its name and attributes) with the children read so far.

What a part cannot see of the rest of the file is handed to the Schematron rules
(``schemas/teiedition.sch``), which keep the one wording of every rule: the ids elsewhere
in the file that the part points to, the ids of the part that an earlier part already has
(with the element that has them first), and the page break before the part. The elements
are moved into the skeleton, not copied, so they keep their lines: problems are reported at
their place in the file, in the order and words of whole-document validation.

A ``teiCorpus`` is validated one ``TEI`` at a time, as the project schema validates a
corpus (also against TEI All here, where a corpus that fits is validated as a whole).
Limits: a ``text`` without ``body`` (a ``group``), ``front``, ``back`` and a child of
``body`` that is no division (a 200 MB ``list``) are each validated whole (held in
memory); a file with a DOCTYPE that declares entities is refused (its entities are for the
whole-document parser).
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from . import TEI_NS, XML_NS, corpus
from .errors import InputError
from .limits import MAX_VALIDATE_BYTES, MAX_XML_BYTES, MB
from .validate import (
    Problem,
    SchemaName,
    _check_xinclude,
    _Locator,
    _root_problems,
    check,
    find_registers,
    unique,
    validate_tree,
)
from .xml import file_chunks, pull_events, syntax_error, too_large

#: bytes of the file in one part (RELAX NG and Schematron hold ~10× that)
PART_BYTES = 4 * MB

_T = f"{{{TEI_NS}}}"
_ID = f"{{{XML_NS}}}id"
_LANG = f"{{{XML_NS}}}lang"
#: the attributes whose pointers the rule ``pointer-resolves`` checks
_POINTERS = ("ref", "corresp", "who", "resp")
#: the streams' names in libxml2's error log (which holds other parsers' errors too)
_STREAMS = itertools.count()
_DOCTYPE_ENTITY = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.S)


class FileLines(Sequence[str]):
    """The lines of a file, read when asked for (for the columns of problems): an index of
    every ``STEP``-th line's start is built on first use, one pass over the file; a line is
    found from the start before it. Nothing is held but that index (32 bytes per 1,000
    lines: a start for each line would be 8 bytes a line, 200 MB for 2 GB of TEI)."""

    STEP = 256

    def __init__(self, path: str, encoding: str = "utf-8") -> None:
        self._path = path
        self._encoding = encoding
        self._starts: array[int] | None = None
        self._count = 0

    def _index(self) -> array[int]:
        if self._starts is None:
            starts = array("q")
            count = 0
            with open(self._path, "rb") as f, _mapped(f) as m:
                pos = 0
                while True:
                    if count % self.STEP == 0:
                        starts.append(pos)
                    count += 1
                    pos = m.find(b"\n", pos)
                    if pos < 0:
                        break
                    pos += 1
            self._starts, self._count = starts, count
        return self._starts

    def __len__(self) -> int:
        self._index()
        return self._count

    def __getitem__(self, i):  # noqa: ANN001, ANN204 - Sequence's overloads
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        starts = self._index()
        if i < 0:
            i += self._count
        if not 0 <= i < self._count:
            raise IndexError("line index out of range")
        with open(self._path, "rb") as f, _mapped(f) as m:
            a = starts[i // self.STEP]
            for _ in range(i % self.STEP):
                a = m.find(b"\n", a) + 1
            b = m.find(b"\n", a)
            data = m[a:b if b >= 0 else len(m)]
        try:
            return data.decode(self._encoding, errors="replace")
        except LookupError:
            return data.decode("utf-8", errors="replace")


def _mapped(f: BinaryIO) -> mmap.mmap | contextlib.nullcontext[bytes]:
    """The file read-only in memory (an empty file, which mmap refuses, as no bytes)."""
    if os.fstat(f.fileno()).st_size == 0:
        return contextlib.nullcontext(b"")
    return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def validate_parts(path: str | Path, schema: SchemaName = "project",
                   register: str | Path | bool | None = None, *, lookup: bool = True,
                   part_bytes: int = PART_BYTES) -> list[Problem]:
    """Validate the TEI file ``path`` in parts (see the module); an empty list means valid.

    Raises InputError as ``validate.validate_file`` does: a file that cannot be read, is
    not well-formed, uses XInclude or entities, or is over ``limits.MAX_VALIDATE_BYTES``.
    """
    path = str(path)
    try:
        size = Path(path).stat().st_size
        with open(path, "rb") as f:
            head = f.read(1 << 16)
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=path) from None
    if size > MAX_VALIDATE_BYTES:
        raise too_large(size, path, MAX_VALIDATE_BYTES, " to validate")
    if _DOCTYPE_ENTITY.search(head):
        raise InputError("the document declares entities in its DOCTYPE; a file this large "
                         f"({size / MB:.0f} MB) is validated in parts, which "
                         "reads no DOCTYPE: expand the entities first", path=path)
    registers = find_registers(path, register, lookup)
    walk = _Walk(path, schema, registers, part_bytes, *_first_pass(path), FileLines(path))
    walk.register, walk.lookup = register, lookup
    try:
        name = f"teiedition:stream:{next(_STREAMS)}"
        # (pieces small against a part, so that a part's end is where its size says)
        pieces = file_chunks(path, max(1, min(1 << 16, part_bytes // 4)))
        for event, el in pull_events(walk.counted(pieces), name):
            walk.event(event, el)
    except etree.XMLSyntaxError as err:
        raise _stream_error(err, path, name) from None
    return unique(walk.problems)


def _refuse_entities(root: etree._Element, path: str, loc: _Locator) -> None:
    """An entity reference left in a part (a DOCTYPE names a DTD, which is never read):
    whole, the document would have had its DTD's named characters; in parts, none."""
    ent = next(root.iter(etree.Entity), None)
    if ent is not None:
        parent = ent.getparent()
        line = loc.line(parent) if parent is not None else None
        raise InputError(f"the document uses an entity of its DTD (&{ent.name};); a file over "
                         f"{MAX_XML_BYTES / MB:g} MB is validated in parts, which expand no "
                         "DTD's entities: write the characters themselves", path=path,
                         line=line)


def _stream_error(err: etree.XMLSyntaxError, path: str, name: str) -> InputError:
    """A stream's syntax error as the whole-document parser says it: the first error the
    parser logged (the exception may carry a later, derived one, without its place)."""
    first = next((e for e in err.error_log if e.filename == name
                  and e.level >= etree.ErrorLevels.ERROR), None)
    if first is None:
        return syntax_error(err, path)
    return InputError(f"not well-formed XML: {first.message}", path=path, line=first.line,
                      column=first.column)


def _pointed(el: etree._Element) -> Iterator[str]:
    """The ids the pointers of el name (``#id``, the rule ``pointer-resolves``)."""
    for a in _POINTERS:
        v = el.get(a)
        if v:
            for t in v.split():
                if t.startswith("#"):
                    yield t[1:]


def _first_pass(path: str) -> tuple[set[str], set[str]]:
    """(the xml:ids of the file that a pointer of it names, the xml:ids more than one element
    has), read as a stream (what is read is dropped): all the file's ids are held only
    here, the second pass holds these two (few: pointers name the register's entries)."""
    ids: set[str] = set()
    twice: set[str] = set()
    pointed: set[str] = set()
    name = f"teiedition:stream:{next(_STREAMS)}"
    try:
        for event, el in pull_events(file_chunks(path), name):
            if event == "start":
                value = el.get(_ID)
                if value is not None:
                    if value in ids:
                        twice.add(value)
                    else:
                        ids.add(value)
                pointed.update(_pointed(el))
            else:
                _drop_read(el)
    except etree.XMLSyntaxError as err:
        raise _stream_error(err, path, name) from None
    pointed &= ids
    return pointed, twice


def _drop_read(el: etree._Element) -> None:
    """Free an element the stream has passed: its content and the siblings before it."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def _localname(el: etree._Element) -> str:
    return etree.QName(el).localname


class _Walk:
    """The second pass: events in, parts validated as they are complete."""

    def __init__(self, path: str, schema: SchemaName, registers: list[Path],
                 part_bytes: int, ids: set[str], twice: set[str], lines: FileLines) -> None:
        self.path, self.schema, self.registers = path, schema, registers
        self.part_bytes, self.lines = part_bytes, lines
        self.ids = ids  # the xml:ids of the file that its pointers name
        self.twice = twice  # the xml:ids more than one element of the file has
        self.problems: list[Problem] = []
        self.depth = 0
        self.mode = ""  # "tei", "corpus", or "drain" (nothing more to check)
        self.root: etree._Element | None = None
        self.text: etree._Element | None = None
        self.body: etree._Element | None = None
        self.body_done = False
        self.context: list[etree._Element] = []  # teiHeader and the like: in every part
        self.before: list[etree._Element] = []  # front: with the first part
        self.items: list[etree._Element] = []  # body's children of the current part
        self.item_tags: set[str] = set()  # their names (the part may end before one)
        self.after: list[etree._Element] = []  # back: with the last part
        self.tail: list[etree._Element] = []  # TEI's children after text: the last part
        self.parts = 0
        self.fed = 0  # bytes given to the parser so far
        self.part_start = 0
        self.seen: dict[str, str] = {}  # xml:id (of twice) -> the element that has it first
        self.previous_pb = ""
        self.carry: Counter[tuple[str, int]] = Counter()
        self.carry_line = 0
        self.members = 0
        self.chain: list[etree._Element] = []  # the open divisions a part ends inside
        self.register: str | Path | bool | None = None
        self.lookup = True

    def counted(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            self.fed += len(chunk)
            yield chunk

    # -- events ---------------------------------------------------------------------
    def event(self, kind: str, el: etree._Element) -> None:
        if kind == "start":
            self.depth += 1
            if self.depth == 1:
                self._root(el)
            elif self.mode == "tei":
                self._start(el)
            return
        depth = self.depth
        self.depth -= 1
        if self.mode == "tei":
            self._end(el, depth)
        elif self.mode == "corpus":
            if el.tag == f"{_T}TEI" and all(a.tag == f"{_T}teiCorpus"
                                            for a in el.iterancestors()):
                self._member(el)
            elif depth == 1:
                self._corpus_end(el)
        elif depth > 1:
            _drop_read(el)

    def _root(self, el: etree._Element) -> None:
        self.root = el
        is_corpus = corpus.is_corpus(el)
        if el.tag == f"{_T}TEI":
            self.mode = "tei"
        elif is_corpus:
            self.mode = "corpus"
        else:  # not TEI: the one problem, where the root is (after the file is read)
            self.mode = "drain"
            tree = etree.ElementTree(etree.Element(el.tag, nsmap=el.nsmap))
            loc = _Locator(tree, self.path, None, self.lines, {tree.getroot(): el.sourceline})
            self.problems += _root_problems(tree, self.path, loc, self.schema)

    def _start(self, el: etree._Element) -> None:
        d = self.depth
        if d == 2 and el.tag == f"{_T}text":
            self.text = el
        elif d == 3 and el.tag == f"{_T}body" and el.getparent() is self.text:
            self.body = el
        elif d < 4 or self.body is None or self.body_done \
                or self.fed - self.part_start < self.part_bytes:
            return
        elif d == 4 and self.items and el.tag in self.item_tags:
            self._flush(last=False)
        elif d > 4 and el.getparent().tag in _DIVS:
            chain = self._open_divisions(el)
            if chain and any(c.tag == el.tag for c in chain[-1] if c is not el):
                self.chain = chain
                self._flush(last=False)
                self.chain = []

    def _open_divisions(self, el: etree._Element) -> list[etree._Element]:
        """The open divisions from body's child down to ``el``'s parent, when every element
        between body and ``el`` is one (a part may then end inside them: a book of one
        division, as an encoder writes a text without headings, is not held whole)."""
        chain = []
        for a in el.iterancestors():
            if a is self.body:
                return chain[::-1]
            if a.tag not in _DIVS:
                return []
            chain.append(a)
        return []

    def _split(self, chain: list[etree._Element], line_of: dict) -> etree._Element:
        """The part's share of the open divisions ``chain``: a copy of each (its name and
        attributes, at its line) holding the children read so far, which leave the
        division; the division itself stays open for the parser and goes on in the next
        part. Its xml:id stays with the first part that has the division's start."""
        top = None
        parent = None
        for k, div in enumerate(chain):
            copy = etree.Element(div.tag, attrib=dict(div.attrib), nsmap=div.nsmap)
            copy.text, div.text = div.text, None
            line_of[copy] = div.sourceline
            div.attrib.pop(_ID, None)
            last = chain[k + 1] if k + 1 < len(chain) else div[-1]  # open: stays
            for c in list(div):
                if c is last:
                    break
                copy.append(c)
            if parent is None:
                top = copy
            else:
                parent.append(copy)
            parent = copy
        assert top is not None
        return top

    def _end(self, el: etree._Element, depth: int) -> None:
        if depth == 4 and self.body is not None and el.getparent() is self.body:
            while (prev := el.getprevious()) is not None and not isinstance(prev.tag, str):
                self.body.remove(prev)  # a comment between divisions says nothing here
            self.items.append(el)
            self.item_tags.add(el.tag)
        elif depth == 3 and el.getparent() is self.text:
            if el is self.body:
                self.body_done = True
            else:
                (self.after if self.body_done else self.before).append(el)
        elif depth == 2:
            if self.text is None:
                self.context.append(el)
            elif el is not self.text:
                self.tail.append(el)
        elif depth == 1:
            self._flush(last=True)

    # -- parts ----------------------------------------------------------------------
    def _flush(self, last: bool) -> None:
        """Validate the current part inside its skeleton, then let it go."""
        first = self.parts == 0
        src = self.root
        assert src is not None
        root = etree.Element(src.tag, attrib=dict(src.attrib), nsmap=src.nsmap)
        root.text = src.text
        line_of = {root: src.sourceline}
        for c in self.context:
            root.append(c)
        own: list[etree._Element] = []
        start = None
        if self.text is not None:
            text = etree.SubElement(root, self.text.tag, attrib=dict(self.text.attrib))
            text.text, text.tail, line_of[text] = self.text.text, "\n", self.text.sourceline
            start = text
            own += self.before if first else []
            for c in self.before if first else []:
                text.append(c)
            if self.body is not None:
                body = etree.SubElement(text, self.body.tag, attrib=dict(self.body.attrib))
                body.text = self.body.text if first else None
                line_of[body] = self.body.sourceline
                for c in self.items:
                    body.append(c)
                own += self.items
                if self.chain:
                    split = self._split(self.chain, line_of)
                    body.append(split)
                    own.append(split)
            if last:
                for c in self.after:
                    text.append(c)
                own += self.after
        if last:
            for c in self.tail:
                root.append(c)
            own += self.tail
        tree = etree.ElementTree(root)
        loc = _Locator(tree, self.path, None, self.lines, line_of,
                       dict(self.carry), start)
        _check_xinclude(tree, self.path, loc)
        _refuse_entities(root, self.path, loc)
        if first:
            self.problems += _root_problems(tree, self.path, loc, self.schema)
        self.problems += check(tree, self.path, self.schema, self.registers, loc,
                               self._context(root, own))
        self._remember(own)
        self.parts += 1
        self.part_start = self.fed
        self.items, self.item_tags = [], set()
        holder = etree.Element("kept")  # the context leaves the skeleton, which is freed
        for c in self.context:
            holder.append(c)
        self.before = [] if first else self.before

    def _context(self, root: etree._Element, own: list[etree._Element]
                 ) -> dict[str, str]:
        """What this part cannot see of the file, for the Schematron rules."""
        here = {v for el in root.iter() if (v := el.get(_ID)) is not None}
        pointed = {t for el in root.iter() for t in _pointed(el)}
        other = sorted((pointed - here) & self.ids)
        context_ids = {v for c in self.context for el in c.iter()
                       if (v := el.get(_ID)) is not None}
        earlier = sorted(f"{v}={self.seen[v]}" for o in own for el in o.iter()
                         if (v := el.get(_ID)) is not None and v in self.seen
                         and v not in context_ids)
        return {"other-ids": " " + " ".join(other) + " " if other else "",
                "earlier-ids": " " + " ".join(earlier) + " " if earlier else "",
                "previous-pb": self.previous_pb}

    def _remember(self, own: list[etree._Element]) -> None:
        """The ids, the last page break and the line counts the next part needs."""
        if self.parts == 0:
            for c in self.context:
                for el in c.iter():
                    v = el.get(_ID)
                    if v is not None and v in self.twice:
                        self.seen.setdefault(v, _localname(el))
        last_line = 0
        for o in own:
            for el in o.iter(etree.Element):
                v = el.get(_ID)
                if v is not None and v in self.twice:
                    self.seen.setdefault(v, _localname(el))
                if el.tag == f"{_T}pb":
                    n = el.get("n")
                    self.previous_pb = f"{n}|{el.get('ed') or ''}" if n is not None and \
                        n.translate(_DIGITS) == "" else ""
                last_line = max(last_line, el.sourceline or 0)
        counts: Counter[tuple[str, int]] = Counter(
            (el.tag, last_line) for o in own for el in o.iter(etree.Element)
            if el.sourceline == last_line)
        if last_line == self.carry_line:
            counts += self.carry
        self.carry, self.carry_line = counts, last_line

    # -- a corpus: one TEI at a time ------------------------------------------------
    def _member(self, el: etree._Element) -> None:
        doc = corpus._member_doc(el)
        self.members += 1
        self.problems += validate_tree(doc, self.path, self.schema, self.register,
                                       lookup=self.lookup, lines=self.lines)
        _drop_read(el)

    def _corpus_end(self, root: etree._Element) -> None:
        if not self.members:
            tree = etree.ElementTree(etree.Element(root.tag, nsmap=root.nsmap))
            loc = _Locator(tree, self.path, None, self.lines,
                           {tree.getroot(): root.sourceline})
            self.problems += _root_problems(tree, self.path, loc, self.schema)


_DIGITS = str.maketrans("", "", "0123456789")
#: the divisions a part may end inside
_DIVS = frozenset(f"{_T}div{n}" for n in ("", 1, 2, 3, 4, 5, 6, 7))
