"""Where the files shipped with the package live (sample, stylesheets, schemas, model)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def _path(package: str, *parts: str) -> Path:
    ref = files(package).joinpath(*parts)
    with as_file(ref) as p:  # a real path for wheels and editable installs alike
        return Path(p)


def data_path(*parts: str) -> Path:
    return _path("teiedition", "data", *parts)


def xslt_path(*parts: str) -> Path:
    return _path("teiedition.xslt", *parts)


def schema_path(*parts: str) -> Path:
    return _path("teiedition.schemas", *parts)


def sample_path() -> Path:
    """The built-in sample text (Trotsky's open letter of 2 November 1937, in Swedish)."""
    return data_path("sample.txt")
