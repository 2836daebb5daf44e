"""The ``encode`` command's I/O: one text file (or standard input) to a TEI file on disk,
and its names into the register."""

from __future__ import annotations

import contextlib
import hashlib
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..config import DEFAULT, Config, load_config
from ..edition import CONFIG_NAME, edition_root
from ..errors import InputError
from ..manifest import FileRecord
from ..output import OutputError, part_writer, rename_part, safe_stem

if TYPE_CHECKING:
    from ..encode import EncodeResult


@dataclass(slots=True)
class EncodeReport:
    source: str
    output: Path
    result: EncodeResult

    def text(self) -> str:
        doc, counts = self.result.document, self.result.counts
        unsure = self.result.uncertain
        lines = [f"{self.output}: encoded {self.source} ({doc.encoding}, language {doc.language}):"
                 f" {counts.pb} page(s), {counts.paragraphs} paragraph(s), {counts.hyphens} "
                 f"line-end hyphen(s) ({len(unsure)} uncertain), {counts.mentions} entity "
                 "mention(s)"]
        if self.result.pages:
            lines.append(f"  layout: {self.result.pages}")
        for d in unsure:
            lines.append(f"  {self.source}:{d.line}: uncertain hyphen: read as "
                         f"'{d.reading}' ({d.reason})")
        for w in self.result.warnings:
            lines.append(f"  {self.source}: warning: {w}")
        return "\n".join(lines)


def read_source(path: Path) -> tuple[bytes, str]:
    """The bytes of a text file, size-checked before reading (a build's jobs sent as bytes
    carry their input; the ``encode`` command streams it: ``open_source``, ``open_stdin``)."""
    from ..encode.source import MAX_TEXT_BYTES, too_large

    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise too_large(size, str(path))
        return path.read_bytes(), path.name
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(path)) from None


def open_source(path: Path, name: str | None = None):  # noqa: ANN201 - encode.source.Reader
    """A text source on disk, to be read in pieces (size-checked before reading)."""
    from ..encode.source import Reader

    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(path)) from None
    return Reader(lambda: path.open("rb"), name or path.name, size=size)


def open_stdin(stack: contextlib.ExitStack, stream: BinaryIO, name: str = "stdin.txt"):  # noqa: ANN201 - encode.source.Reader
    """Standard input as a text source read in pieces: copied a block at a time
    (``source.READ_BYTES``) into a temporary file that ``stack`` removes, since the encoder
    reads its source more than once; never held whole, refused as soon as it passes
    ``MAX_TEXT_BYTES``."""
    from ..encode.source import MAX_TEXT_BYTES, READ_BYTES, Reader, too_large

    spool = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 - the stack closes it
    while block := stream.read(READ_BYTES):
        spool.write(block)
        if spool.tell() > MAX_TEXT_BYTES:
            raise too_large(spool.tell(), name)
    size = spool.tell()

    @contextlib.contextmanager
    def opener() -> Iterator[BinaryIO]:
        spool.seek(0)
        yield spool

    return Reader(opener, name, size=size)


def encode_text(src, target: Path, register=None,  # noqa: ANN001
                entities: bool = True, config: Config = DEFAULT
                ) -> tuple[EncodeResult, FileRecord]:
    """Encode a text source to the TEI file ``target`` in bounded memory, atomically
    (``encode_part``, then the part takes the target's name)."""
    result, part, sha = encode_part(src, target, register, entities, config)
    rename_part(part, target)
    st = target.stat()
    return result, FileRecord(sha, st.st_size, st.st_mtime_ns)


def encode_part(src, target: Path, register=None,  # noqa: ANN001
                entities: bool = True, config: Config = DEFAULT
                ) -> tuple[EncodeResult, Path, str]:
    """Encode a text source in bounded memory to a temporary file beside ``target`` (named
    as ``output.remove_stale_parts`` clears after a killed run); return the result, that
    file and its SHA-256. The caller gives it the target's name (or drops it): a build's
    worker encodes, the build decides whether the TEI on disk may be replaced.

    The TEI's text element is written to a second temporary file as the encoder makes it;
    then the header (which sums up the whole text) and that text are written to the part.
    """
    from ..encode import encode
    from ..encode.tei import END

    body_path: Path | None = None
    try:
        with part_writer(target) as (body, body_path):

            def write(piece: str) -> None:
                try:
                    body.write(piece.encode("utf-8"))
                except OSError as err:  # the encoder's, not a source's, error
                    raise OutputError(f"cannot write: {err.strerror or err}",
                                      path=str(target)) from None

            result = encode(src, write, register=register, entities=entities,
                            config=config)

        def pieces() -> Iterator[bytes]:
            yield result.head.encode("utf-8")
            with open(body_path, "rb") as fh:
                while block := fh.read(1 << 20):
                    yield block
            yield END.encode("utf-8")

        digest = hashlib.sha256()
        with part_writer(target) as (fh, part):
            for piece in pieces():
                digest.update(piece)
                fh.write(piece)
        return result, part, digest.hexdigest()
    finally:
        if body_path is not None:
            body_path.unlink(missing_ok=True)


def encode_file(source: Path | None, output: str | Path | None = None,
                register: Path | None = None, entities: bool = True,
                out_root: Path = Path("."), config: Config | bool = False) -> EncodeReport:
    """Encode one text file to TEI on disk (and add new entities to the register).

    ``config``: the edition config for the header; True reads the ``teiedition.toml`` of
    the output's edition (``edition.edition_root``), False uses none.
    """
    reg = None
    if entities and register is not None:
        from ..entities.register import load_register

        reg = load_register(register) if register.exists() else None
    with contextlib.ExitStack() as stack:
        if source is None:
            name = "stdin.txt"
            src = open_stdin(stack, sys.stdin.buffer, name)
        else:
            src, name = open_source(source), source.name
        out = Path(output) if output else out_root / "tei" / f"{safe_stem(name)}.xml"
        if config is True:
            root = edition_root(out)
            config = load_config(root / CONFIG_NAME) if root is not None else DEFAULT
        elif config is False:
            config = DEFAULT
        result, _record = encode_text(src, out, register=reg, entities=entities,
                                      config=config)
    if entities and register is not None and result.mentions:
        from ..entities.register import Register, write_register

        base = reg if reg is not None else Register.empty()
        write_register(base.update(result.mentions), register)
    return EncodeReport(str(source or "-"), out, result)
