"""Sources → outputs: encode text, validate TEI, publish HTML and PDF, and report.

This is the I/O edge of the pipeline: it reads files, calls the pure stages, and writes
every output atomically.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .encode import EncodeResult, encode_bytes
from .encode.source import MAX_TEXT_BYTES
from .errors import InputError, TeieditionError
from .output import atomic_write, safe_stem
from .resources import sample_path
from .xml import serialize

Echo = Callable[[str], None] | None


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
        for d in unsure:
            lines.append(f"  {self.source}:{d.line}: uncertain hyphen: read as "
                         f"'{d.reading}' ({d.reason})")
        for w in self.result.warnings:
            lines.append(f"  {self.source}: warning: {w}")
        return "\n".join(lines)


def read_source(path: Path | None) -> tuple[bytes, str]:
    """The bytes of a text source (``None``: standard input), size-checked before reading."""
    if path is None:
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        return data, "stdin.txt"
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"the text is {size / 1048576:.0f} MB, larger than the limit of "
                             f"{MAX_TEXT_BYTES // 1048576} MB; split it into several files",
                             path=str(path))
        return path.read_bytes(), path.name
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(path)) from None


def encode_file(source: Path | None, output: str | Path | None = None,
                register: Path | None = None, entities: bool = True,
                out_root: Path = Path(".")) -> EncodeReport:
    """Encode one text file to TEI on disk (and add new entities to the register)."""
    data, name = read_source(source)
    reg = None
    if entities and register is not None:
        from .entities.register import load_register

        reg = load_register(register) if register.exists() else None
    result = encode_bytes(data, name, register=reg, entities=entities)
    out = Path(output) if output else out_root / "tei" / f"{safe_stem(name)}.xml"
    atomic_write(out, serialize(result.tree))
    if entities and register is not None and result.mentions:
        from .entities.register import Register, write_register

        base = reg if reg is not None else Register.empty()
        write_register(base.update(result.mentions), register)
    return EncodeReport(str(source or "-"), out, result)


@dataclass(slots=True)
class BuildSummary:
    built: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def text(self) -> str:
        lines = [f"built {len(self.built)} file(s), {len(self.failed)} failed"]
        lines += [f"  {p}" for p in self.built]
        lines += [f"  FAILED {s}: {why}" for s, why in self.failed]
        return "\n".join(lines)


def build_edition(sources: Sequence[Path], out_root: Path, formats: Sequence[str],
                  echo: Echo = None) -> BuildSummary:
    """Build every source (the built-in sample when there are none) into ``out_root``."""
    summary = BuildSummary()
    todo = list(sources) or [sample_path()]
    register = out_root / "tei" / "register.xml"
    for src in todo:
        try:
            if src.suffix.lower() == ".xml":
                tei_path = src
            else:
                report = encode_file(src, register=register, out_root=out_root)
                if echo:
                    echo(report.text())
                tei_path = report.output
                summary.built.append(tei_path)
            summary.built.extend(_publish(tei_path, out_root, formats, register))
        except TeieditionError as err:
            summary.failed.append((str(src), str(err)))
    return summary


def _publish(tei_path: Path, out_root: Path, formats: Sequence[str],
             register: Path) -> list[Path]:
    out: list[Path] = []
    reg = register if register.exists() else None
    if "html" in formats:
        from .publish.html import build_html

        out.extend(build_html([tei_path], out_root / "output" / "html", register=reg))
    if "pdf" in formats:
        from .publish.pdf import build_pdf

        out.extend(build_pdf([tei_path], out_root / "output" / "pdf", register=reg))
    return out
