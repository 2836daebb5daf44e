"""Writing outputs safely: atomic replacement, sanitised names, never outside the out dir."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

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


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write to a temporary file beside ``path`` and rename: no half-written file, ever."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
