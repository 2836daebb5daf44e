"""Writing outputs safely: atomic replacement, sanitised names, never outside the out dir."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(name: str) -> str:
    """A file-name stem from any input name: no directories, no dots in front, ASCII-ish."""
    stem = Path(name.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = _UNSAFE.sub("-", stem).strip(".-_")
    return stem[:100] or "document"


def inside(out_dir: Path, name: str) -> Path:
    """``out_dir / name``, refusing any name that would land outside ``out_dir``."""
    base = out_dir.resolve()
    target = (base / name).resolve()
    if base != target and base not in target.parents:
        raise InputError(f"output name {name!r} would leave the output folder {out_dir}")
    return target


class OutputError(InputError):
    """An output cannot be written (read-only or full disk, a file where a folder must be).

    Not a problem of one document: a build stops on it (exit 2).
    """


def ensure_dir(folder: str | Path) -> Path:
    """Create the output folder (and its parents); OutputError with the reason if we can't."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot create the output folder: {err.strerror or err}",
                          path=str(path)) from None
    return path


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write to a temporary file beside ``path`` and rename: no half-written file, ever.

    The temporary name is hidden and ends in ``.part`` (``.NAME.XXXX.part``); a build that is
    killed may leave one, which ``remove_stale_parts`` clears. OSError becomes OutputError.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path) as fh:
        fh.write(payload)
    return path


def write_staged(path: Path, data: bytes) -> None:
    """Write a new file inside a private staging folder whose files are moved into place
    only when everything succeeded: no temporary name, mode change and rename per file (as
    ``atomic_write`` needs), which cost a quarter of writing an edition's 1,300 search files.
    OSError becomes OutputError."""
    try:
        try:
            fh = open(path, "wb")  # noqa: SIM115 - closed below
        except FileNotFoundError:  # its folder's first file (no stat for every file)
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(path, "wb")  # noqa: SIM115
        with fh:
            fh.write(data)
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", path=str(path)) from None


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """``atomic_write`` for output made piece by piece: a binary file that appears at ``path``
    only when the block ends without an exception."""
    with part_writer(path) as (fh, part):
        yield fh
    rename_part(part, path)


@contextlib.contextmanager
def part_writer(path: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A new temporary file beside ``path`` (named as ``remove_stale_parts`` clears), open
    for writing, and its path; removed if the block fails, else left for the caller to
    rename (``rename_part``) or remove. OSError becomes OutputError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror or err}", path=str(path)) from None
    part = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, part
    except OSError as err:
        part.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {err.strerror or err}", path=str(path)) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def rename_part(part: Path, path: Path) -> None:
    """Give a finished temporary file made beside ``path`` (``mkstemp``: mode 0600) the mode
    a new file gets and the name ``path``; the part is removed where that fails."""
    try:
        os.chmod(part, 0o666 & ~_UMASK)
        os.replace(part, path)
    except OSError as err:
        part.unlink(missing_ok=True)
        raise OutputError(f"cannot write: {err.strerror or err}", path=str(path)) from None


_PART = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.(part|tmp)$")


def remove_stale_parts(folder: Path) -> int:
    """Delete temporary files that an interrupted write left in ``folder`` (not recursive).

    Only names of the form that ``atomic_write`` (and the publish stages) create are touched.
    """
    n = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for e in entries:
        if _PART.match(e.name) and e.is_file(follow_symlinks=False):
            try:
                os.unlink(e.path)
                n += 1
            except OSError:
                pass
    return n
