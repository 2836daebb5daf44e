"""`build` encodes a text as `encode` does, in bounded memory: on this machine the worker
streams the text from its file and its TEI into a part file the client renames (no text or
TEI held whole, nor pickled); for Dask the job carries the bytes. Both give the same TEI."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from teiedition.build.jobs import Job, run_job
from teiedition.cli import main

STREAM = Path(__file__).parent / "data" / "stream"


def _job(src: Path, spool: str) -> Job:
    return Job("encode", 0, str(src), "text", src.stem, entities=False,
               size=src.stat().st_size, spool=spool)


def test_a_local_encode_job_carries_no_bytes_and_spools_the_same_tei(tmp_path: Path) -> None:
    src = STREAM / "wells.txt"
    tei = tmp_path / "tei"
    tei.mkdir()
    local = _job(src, str(tei)).loaded()
    assert local.data is None  # the client read nothing: the worker streams the file
    out = run_job(local)
    assert out.error is None and not out.files
    part, sha = out.spooled["tei/wells.xml"]
    assert Path(part).parent == tei and Path(part).name.endswith(".part")
    remote = _job(src, "").loaded()  # what Dask gets: the bytes, and the TEI back as bytes
    assert remote.data == src.read_bytes()
    sent = run_job(remote)
    assert not sent.spooled
    assert Path(part).read_bytes() == sent.files["tei/wells.xml"]
    assert hashlib.sha256(Path(part).read_bytes()).hexdigest() == sha


def test_a_local_encode_job_names_a_bad_source_as_the_build_found_it(tmp_path: Path) -> None:
    bad = tmp_path / "src" / "binary.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    out = run_job(_job(bad, str(tmp_path)).loaded())
    assert out.error is not None and out.error.startswith(f"{bad}:"), out.error
    assert out.exit_code == 2 and not out.spooled
    assert not list(tmp_path.glob(".*.part"))  # nothing half-written


def test_build_writes_the_tei_encode_writes_and_no_part_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("wells.txt", "lagerlof.txt"):
        (src / name).write_bytes((STREAM / name).read_bytes())
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "ed"), "-j", "1",
                                    "--formats", "tei", "--no-entities", "-q"])
    assert res.exit_code == 0, res.output
    for name in ("wells", "lagerlof"):
        res = CliRunner().invoke(main, ["encode", str(src / f"{name}.txt"), "-o",
                                        str(tmp_path / f"{name}.xml"), "--no-entities", "-q"])
        assert res.exit_code == 0, res.output
        assert (tmp_path / "ed" / "tei" / f"{name}.xml").read_bytes() == \
            (tmp_path / f"{name}.xml").read_bytes()
    assert not [p for p in (tmp_path / "ed").rglob("*") if p.name.endswith(".part")]
