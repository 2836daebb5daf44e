"""The build manifest: what each output was made from, so a rebuild redoes only what changed.

One JSON file in the output root (``.teiedition/manifest.json``), written atomically. It holds

- ``inputs``: for every file whose content we hashed (sources, TEI, stylesheets, schemas, the
  model, the register) its size, mtime and SHA-256, so the next build re-hashes a file only
  when its size or mtime changed (a no-change rebuild of 1,000 texts is a few thousand stats);
- ``outputs``: for every file we wrote (path relative to the output root) the SHA-256, size and
  mtime of the bytes we wrote and ``deps``, a fingerprint of everything it was made from. An
  output is up to date when its ``deps`` are unchanged and the file still holds our bytes.

A TEI file in ``tei/`` whose bytes differ from the ones we recorded was edited by hand: the
build keeps it (see ``teiedition.build``).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .output import atomic_write

FORMAT = 1
DIRNAME = ".teiedition"
FILENAME = "manifest.json"


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MB chunks (memory stays flat)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(*parts: object) -> str:
    """A short stable hash of the parts (their JSON), for ``deps``."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(slots=True)
class FileRecord:
    """What we know about one file's content at one moment."""

    sha256: str
    size: int
    mtime_ns: int
    deps: str = ""
    source: str = ""

    @classmethod
    def of(cls, path: Path, sha256: str | None = None, deps: str = "",
           source: str = "") -> FileRecord:
        st = path.stat()
        return cls(sha256 or sha256_file(path), st.st_size, st.st_mtime_ns, deps, source)

    def same_stat(self, st: os.stat_result) -> bool:
        return st.st_size == self.size and st.st_mtime_ns == self.mtime_ns


@dataclass(slots=True)
class Manifest:
    """The manifest of one output root; ``load`` never fails (a bad file counts as empty)."""

    path: Path
    inputs: dict[str, FileRecord] = field(default_factory=dict)
    outputs: dict[str, FileRecord] = field(default_factory=dict)
    notes: dict[str, Any] = field(default_factory=dict)  # what a stage learnt about inputs
    warning: str | None = None  # why an existing manifest was ignored
    dirty: bool = False

    @classmethod
    def load(cls, root: Path) -> Manifest:
        path = root / DIRNAME / FILENAME
        m = cls(path)
        try:
            raw = json.loads(path.read_bytes())
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}")
            m.inputs = {k: FileRecord(**v) for k, v in raw.get("inputs", {}).items()}
            m.outputs = {k: FileRecord(**v) for k, v in raw.get("outputs", {}).items()}
            m.notes = dict(raw.get("notes", {}))
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError, AttributeError) as err:
            m.inputs, m.outputs, m.notes = {}, {}, {}
            m.warning = (f"{path}: warning: the build manifest could not be read ({err}); "
                         "everything is rebuilt")
        return m

    def save(self, version: str) -> None:
        """Write atomically (a kill leaves the previous complete manifest)."""
        def one(value: Any) -> str:  # json's C encoder (an indent would use the Python one)
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

        def section(records: dict[str, FileRecord]) -> str:  # one file a line
            return "{\n" + ",\n".join(f"{one(k)}:{one(_asdict(v))}"
                                       for k, v in sorted(records.items())) + "\n}"

        atomic_write(self.path, f'{{"format":{FORMAT},"teiedition":{one(version)},\n'
                                f'"inputs":{section(self.inputs)},\n'
                                f'"outputs":{section(self.outputs)},\n'
                                f'"notes":{one(self.notes)}}}\n')
        self.dirty = False

    def hash_input(self, path: Path) -> str:
        """SHA-256 of an input, re-read only when its size or mtime changed."""
        key = str(path.resolve())
        st = path.stat()
        rec = self.inputs.get(key)
        if rec is not None and rec.same_stat(st):
            return rec.sha256
        digest = sha256_file(path)
        st2 = path.stat()
        # a file being written while we hash it gets no cache entry (hashed again next time)
        if st2.st_mtime_ns == st.st_mtime_ns and st2.st_size == st.st_size:
            self.inputs[key] = FileRecord(digest, st.st_size, st.st_mtime_ns)
            self.dirty = True
        return digest

    def output_current(self, rel: str, root: Path, deps: str) -> bool:
        """True when ``rel`` exists, was made from ``deps`` and still holds our bytes."""
        rec = self.outputs.get(rel)
        if rec is None or rec.deps != deps:
            return False
        try:
            st = (root / rel).stat()
        except OSError:
            return False
        if rec.same_stat(st):
            return True
        if st.st_size != rec.size:
            return False
        if sha256_file(root / rel) == rec.sha256:  # touched, same bytes: refresh the stat
            rec.mtime_ns = st.st_mtime_ns
            self.dirty = True
            return True
        return False

    def record(self, rel: str, rec: FileRecord) -> None:
        self.outputs[rel] = rec
        self.dirty = True


def _asdict(r: FileRecord) -> dict[str, Any]:
    d: dict[str, Any] = {"sha256": r.sha256, "size": r.size, "mtime_ns": r.mtime_ns}
    if r.deps:
        d["deps"] = r.deps
    if r.source:
        d["source"] = r.source
    return d
