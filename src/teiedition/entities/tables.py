"""The tables a trained model ships beside its CRF (name memory, capitals, clusters,
gazetteer): a header naming the kind and its version, then the table as text, gzipped with
a fixed mtime, so that the same training data give the same bytes (the model's reproduction
test compares them)."""

from __future__ import annotations

import gzip
from pathlib import Path


def write_table(path: Path, header: str, body: str) -> Path:
    """``header`` and ``body`` gzipped into ``path``, byte-reproducibly."""
    data = (header + body).encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(data)
    return path


def read_table(path: Path, header: str, what: str) -> str:
    """The body of a table ``write_table`` wrote with ``header``; ValueError where the file
    is not one (``what`` names the kind in the message)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    if not text.startswith(header):
        raise ValueError(f"{path}: not a teiedition {what} (rebuild with train_ner.py)")
    return text[len(header):]
