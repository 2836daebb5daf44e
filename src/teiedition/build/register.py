"""The register as the jobs read it: a snapshot (its bytes, name and hash) that travels with
each job, so a worker needs no file of the client. From it, per process and cached by hash:
the parsed register (encoding's evidence), its XML (the stylesheets'), a file for the
validator, and the part of it one text's pages need; and the copies of its entries that
every TEI of ours carries, refreshed from it."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Any

from ..manifest import FileRecord, Manifest, sha256_bytes, sha256_file
from ..output import OutputError, atomic_write


@dataclass(frozen=True, slots=True)
class RegisterSnapshot:
    """The register as it was when the phase was planned."""

    name: str  # the client's path, for messages only (never opened by a job)
    sha: str
    data: bytes

    @classmethod
    def of(cls, path: Path) -> RegisterSnapshot | None:
        if not path.is_file():
            return None
        data = path.read_bytes()
        return cls(str(path), sha256_bytes(data), data)

    def __hash__(self) -> int:  # the hash names the bytes: cache by it, not by the bytes
        return hash(self.sha)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RegisterSnapshot) and other.sha == self.sha


@lru_cache(maxsize=2)
def _register_snapshot(snap: RegisterSnapshot | None):  # noqa: ANN202 - Register, lazily
    from ..entities.register import Register, empty_register
    from ..xml import parse_bytes

    if snap is None:
        return empty_register()
    return Register(parse_bytes(snap.data, snap.name), snap.name)


@lru_cache(maxsize=2)
def _register_xml(snap: RegisterSnapshot | None) -> str:
    from lxml import etree

    from ..xml import parse_bytes

    if snap is None:
        return ""
    return etree.tostring(parse_bytes(snap.data, snap.name).getroot(), encoding="unicode")


_files: dict[str, Path] = {}


def _register_file(snap: RegisterSnapshot) -> Path:
    """The snapshot as a file of this process (the validator reads the register's ids from a
    file), in a folder of its own that goes when the process ends."""
    path = _files.get(snap.sha)
    if path is None:
        folder = Path(tempfile.mkdtemp(prefix="teiedition-register-"))
        # at the end of this process, a pool's worker too (they skip atexit)
        Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=0)
        path = folder / "register.xml"
        tmp = folder / f".register.{os.getpid()}"
        tmp.write_bytes(snap.data)
        tmp.replace(path)
        _files.clear()
        _files[snap.sha] = path
    return path


_ENTRY_TAGS = tuple(f"{{http://www.tei-c.org/ns/1.0}}{k}" for k in ("person", "org", "place",
                                                                       "bibl"))
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@lru_cache(maxsize=2)
def _register_index(snap: RegisterSnapshot | None):  # noqa: ANN202 - (root, by id, per kind)
    """The register's entries (te:entry: person, org, place, bibl with an xml:id) by id, in
    document order, and the first entry of each kind."""
    from lxml import etree

    xml = _register_xml(snap)
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


def _register_for(snap: RegisterSnapshot | None, tei: Any):  # noqa: ANN202, ANN401 - lxml
    """The part of the register a text's pages read: the entries its @ref point to, and one
    entry of each kind (the navigation lists the kinds the register has). Text pages read
    nothing else of it (register.xsl's pages get the whole register in the edition step), and
    a large register is then not parsed again by Saxon for every text."""
    import copy

    from lxml import etree

    root, by_id, firsts = _register_index(snap)
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


def _refresh_large(target: Path, register: Any) -> bool | None:  # noqa: ANN401 - lxml
    """``standoff.refresh_stream`` of a TEI too large to parse whole, written beside it and
    renamed into place: whether it changed (None: it cannot be refreshed so)."""
    from ..entities.standoff import refresh_stream
    from ..output import part_writer, rename_part

    with part_writer(target) as (fh, part):
        written = refresh_stream(target, register, fh)
    if written:
        rename_part(part, target)
    else:
        part.unlink(missing_ok=True)
    return written


def refresh_copies(rels: Sequence[str], root: Path, m: Manifest, register: Path) -> bool:
    """Make the register entries each TEI of ours carries (``standOff type="register"``)
    those of ``register`` now, so that every file stands alone and agrees with the master.

    Only files the build wrote and nobody edited since are touched (the manifest's record
    matches the file). ``m.notes["copies"]`` remembers the (TEI, register) hashes each was
    refreshed for, so a build where neither changed reads no TEI. Returns whether the
    manifest changed.
    """
    from ..entities.standoff import refresh
    from ..limits import MAX_XML_BYTES
    from ..xml import parse_file

    reg_sha = sha256_file(register) if register.exists() else ""
    notes: dict[str, list[str]] = m.notes.setdefault("copies", {})
    reg_root = None
    changed = False
    for rel in rels:
        rec = m.outputs.get(rel)
        target = root / rel
        if rec is None or f"{rel}#edited" in m.outputs or not target.exists():
            continue
        if notes.get(rel) == [rec.sha256, reg_sha]:
            continue
        if not rec.same_stat(target.stat()) and sha256_file(target) != rec.sha256:
            continue  # edited by hand since: the editor's (the encode step says so)
        if reg_root is None:
            reg_root = parse_file(register).getroot() if reg_sha else None
        if target.stat().st_size > MAX_XML_BYTES:  # too large to parse whole: as a stream
            written = _refresh_large(target, reg_root)
            if written is None:
                continue  # not our layout of the copy: it stays as its encoding wrote it
            sha = sha256_file(target) if written else rec.sha256
        else:
            data = target.read_bytes()
            new = refresh(data, reg_root)
            written = new != data
            if written:
                try:
                    atomic_write(target, new)
                except OSError as err:
                    raise OutputError(f"cannot write: {err.strerror}",
                                      path=str(target)) from None
            sha = sha256_bytes(new) if written else rec.sha256
        if written:
            st = target.stat()
            m.record(rel, FileRecord(sha, st.st_size, st.st_mtime_ns, rec.deps, rec.source))
            rec = m.outputs[rel]
        notes[rel] = [rec.sha256, reg_sha]
        changed = m.dirty = True
    for rel in [r for r in notes if r not in m.outputs]:
        del notes[rel]
        changed = m.dirty = True
    return changed
