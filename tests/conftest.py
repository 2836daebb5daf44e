"""Shared fixtures: the sample, its TEI (encoded once per session), the shared corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from teiedition.resources import sample_path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ELTEC = SHARED / "corpora" / "eltec-swe"


def eltec_files() -> list[Path]:
    return sorted(ELTEC.glob("*.xml")) if ELTEC.is_dir() else []


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return sample_path().read_bytes()


@pytest.fixture(scope="session")
def sample_structure(sample_bytes: bytes):  # noqa: ANN201
    """The sample encoded without entities: structure, hyphens and quotations only."""
    from teiedition.encode import encode_bytes

    return encode_bytes(sample_bytes, "sample.txt", entities=False)


@pytest.fixture
def eltec() -> list[Path]:
    files = eltec_files()
    if not files:
        pytest.skip("../shared/corpora/eltec-swe is not present")
    return files
