"""The ``encode`` command's I/O: one text file (or standard input) to a TEI file on disk,
and its names into the register."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..output import (
    atomic_write,
    safe_stem,
)

if TYPE_CHECKING:
    from ..encode import EncodeResult

@dataclass(slots=True)
class EncodeReport:
    source: str
    output: Path
    result: EncodeResult

    def text(self) -> str:
        doc = self.result.document
        paras = sum(1 for b in doc.blocks if b.kind == "p")
        pbs = sum(1 for b in doc.blocks for m in b.milestones if m.tag == "pb")
        hy = doc.hyphenation
        unsure = self.result.uncertain
        lines = [f"{self.output}: encoded {self.source} ({doc.encoding}, language {doc.language}):"
                 f" {pbs} page(s), {paras} paragraph(s), {len(hy)} line-end hyphen(s) "
                 f"({len(unsure)} uncertain), {len(self.result.mentions)} entity mention(s)"]
        if self.result.pages:
            lines.append(f"  layout: {self.result.pages}")
        for d in unsure:
            lines.append(f"  {self.source}:{d.line}: uncertain hyphen: read as "
                         f"'{d.reading}' ({d.reason})")
        for w in self.result.warnings:
            lines.append(f"  {self.source}: warning: {w}")
        return "\n".join(lines)


def read_source(path: Path | None) -> tuple[bytes, str]:
    """The bytes of a text source (``None``: standard input), size-checked before reading."""
    from ..encode.source import MAX_TEXT_BYTES, too_large

    if path is None:
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        return data, "stdin.txt"
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise too_large(size, str(path))
        return path.read_bytes(), path.name
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(path)) from None


def encode_file(source: Path | None, output: str | Path | None = None,
                register: Path | None = None, entities: bool = True,
                out_root: Path = Path(".")) -> EncodeReport:
    """Encode one text file to TEI on disk (and add new entities to the register)."""
    from ..encode import encode_bytes
    from ..xml import serialize

    data, name = read_source(source)
    reg = None
    if entities and register is not None:
        from ..entities.register import load_register

        reg = load_register(register) if register.exists() else None
    result = encode_bytes(data, name, register=reg, entities=entities)
    out = Path(output) if output else out_root / "tei" / f"{safe_stem(name)}.xml"
    atomic_write(out, serialize(result.tree))
    if entities and register is not None and result.mentions:
        from ..entities.register import Register, write_register

        base = reg if reg is not None else Register.empty()
        write_register(base.update(result.mentions), register)
    return EncodeReport(str(source or "-"), out, result)
