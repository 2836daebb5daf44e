"""Real file-system faults, not simulated ones: a full disk, a read-only file system, a
folder the user may not write. Each command must stop with a one-line error and exit 2,
leave no temporary or half-written file, and a later build in a good place must work.

The disk and read-only cases mount a tiny tmpfs, which needs root (CI runs as root); the
permission case drops to an unprivileged user, which also needs root. Elsewhere they skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from teiedition.resources import sample_path

NOBODY = 65534


@contextlib.contextmanager
def tmpfs(where: Path, size: str, read_only: bool = False) -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (",ro" if read_only else "")
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)],
                         capture_output=True, text=True, check=False)
    if res.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def teiedition(*args: str, cwd: Path, user: int | None = None) -> subprocess.CompletedProcess:
    # the installed teiedition, as a user runs it (src/ alone lacks the shipped stylesheets)
    return subprocess.run([sys.executable, "-m", "teiedition", *args], cwd=cwd,
                          capture_output=True, text=True, check=False,
                          user=user, timeout=300)


def one_line_error(res: subprocess.CompletedProcess) -> str:
    errors = [line for line in res.stderr.splitlines() + res.stdout.splitlines()
              if "error:" in line]
    assert errors, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    return errors[0]


def leftovers(folder: Path) -> list[Path]:
    """Temporary or empty files an interrupted write would leave."""
    return [p for p in folder.rglob("*") if p.is_file() and
            (p.name.startswith(".") and p.suffix in (".tmp", ".part") or ".tmp" in p.name
             or p.stat().st_size == 0)]


def test_full_disk(tmp_path: Path) -> None:
    """The sample's edition does not fit into 96 KB: the build says so and stops cleanly."""
    src = tmp_path / "sample.txt"
    src.write_bytes(sample_path().read_bytes())
    with tmpfs(tmp_path / "disk", "96k") as disk:
        res = teiedition("encode", str(src), "-o", str(disk / "sample.xml"), "-q",
                         "--no-entities", cwd=tmp_path)
        assert res.returncode == 0, res.stderr  # the TEI alone fits
        res = teiedition("html", str(disk / "sample.xml"), "-o", str(disk / "html"),
                         cwd=tmp_path)
        assert res.returncode == 2, res.stdout + res.stderr
        assert "No space left on device" in one_line_error(res)
        assert not leftovers(disk)
        assert not (disk / "html").exists()  # a failed edition leaves nothing behind
        free = os.statvfs(disk)
        (disk / "filler").write_bytes(b"x" * max(0, free.f_bavail * free.f_frsize - 8192))
        res = teiedition("pdf", str(disk / "sample.xml"), "-o", str(disk / "pdf"),
                         cwd=tmp_path)
        assert res.returncode == 2, res.stdout + res.stderr
        assert "No space left on device" in one_line_error(res)
        assert not leftovers(disk)
        assert not (disk / "pdf" / "sample.pdf").exists()


def test_read_only_file_system(tmp_path: Path) -> None:
    src = tmp_path / "sample.txt"
    src.write_bytes(sample_path().read_bytes())
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as ro:
        res = teiedition("encode", str(src), "-o", str(ro / "sample.xml"), "-q",
                         "--no-entities", cwd=tmp_path)
        assert res.returncode == 2, res.stdout + res.stderr
        assert "Read-only file system" in one_line_error(res)
        assert not list(ro.iterdir())


def test_folder_the_user_may_not_write(tmp_path: Path) -> None:
    """As an unprivileged user (root ignores permissions), build into a folder of root's."""
    if os.geteuid() != 0:
        pytest.skip("switching to an unprivileged user needs root")
    work = tmp_path / "work"
    work.mkdir()
    (work / "sample.txt").write_bytes(sample_path().read_bytes())
    locked = work / "locked"
    locked.mkdir(mode=0o755)
    for p in (tmp_path, work, work / "sample.txt"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    # the unprivileged user must reach the checkout and the interpreter to run at all
    try:
        probe = subprocess.run([sys.executable, "-c", "import teiedition, lxml, saxonche"],
                               user=NOBODY, cwd=work, capture_output=True, check=False)
    except OSError:
        probe = None
    if probe is None or probe.returncode:
        pytest.skip("the unprivileged user cannot reach this Python installation")
    res = teiedition("build", "sample.txt", "-o", str(locked), "--formats", "tei", "-j", "1",
                     "--no-entities", cwd=work, user=NOBODY)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Permission denied" in one_line_error(res)
    assert not list(locked.iterdir())
