"""The wheel holds every package of the source tree: pyproject.toml lists them by hand
(xslt/ and schemas/ are mapped into the package), and an editable install finds a new
subpackage without the list, so a missing entry shows only in `pip install .` (the
entities.markup split was missing: every entity test failed to import in CI)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_the_source_is_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    src = ROOT / "src"
    found = {".".join(p.parent.relative_to(src).parts) for p in src.rglob("__init__.py")
             if "egg-info" not in str(p)}
    assert found - listed == set(), f"add to pyproject.toml packages: {sorted(found - listed)}"
