"""`build --executor dask` on workers that share neither the client's folder nor its files:
tasks carry their input and the register and return their outputs, which the client writes.

The workers start in another folder and are forbidden (by a Python audit hook) to open
anything in the client's folder; the client itself runs in a folder of its own and names
its sources and output with relative paths. The outputs must be the bytes of a local build.
Two clusters: a ``LocalCluster`` (its worker set up by a plugin) and ``dask scheduler`` and
``dask worker`` processes started with a preload in another folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.cli import main
from teiedition.resources import data_path

distributed = pytest.importorskip("distributed")

DATA = Path(__file__).parent / "data" / "build"
ENTITIES = [] if (data_path() / "ner" / "model.crfsuite").exists() else ["--no-entities"]
LETTER = """Uppsala den 4 juni 1921

Käre bror!

I går kom Hjalmar Branting hit till Uppsala och talade i Folkets Hus om freden. Tidningen
Social-Demokraten skrev om mötet redan i morse.

Din Johan
"""

PRELOAD = '''
import os, sys

def dask_setup(worker):
    os.chdir(os.environ["TEIEDITION_TEST_WORKDIR"])
    forbidden = os.environ["TEIEDITION_TEST_FORBIDDEN"]

    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.path.abspath(os.fsdecode(args[0]))
            if path.startswith(forbidden):
                raise PermissionError(f"a worker opened a file of the client: {path}")

    sys.addaudithook(hook)
'''


class _Elsewhere(distributed.WorkerPlugin):
    """A worker in another folder that may not open the client's files."""

    def __init__(self, workdir: str, forbidden: str) -> None:
        self.workdir, self.forbidden = workdir, forbidden

    def setup(self, worker) -> None:  # noqa: ANN001
        os.environ["TEIEDITION_TEST_WORKDIR"] = self.workdir
        os.environ["TEIEDITION_TEST_FORBIDDEN"] = self.forbidden
        namespace: dict = {}
        exec(PRELOAD, namespace)  # noqa: S102 - the preload the dask-worker test uses
        namespace["dask_setup"](worker)


def build(*args: str) -> str:
    res = CliRunner().invoke(main, ["build", *ENTITIES, *args])
    assert res.exit_code == 0, res.output + repr(res.exception)
    return res.output


def digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in ("tei", "output") for p in sorted((root / sub).rglob("*")) if p.is_file()}


def client_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The client's folder (the current one): two texts and TEI by others, and a local build
    of them in ``local/`` to compare with."""
    client = tmp_path / "client"
    (client / "src").mkdir(parents=True)
    (client / "src" / "letter.txt").write_text(LETTER, encoding="utf-8")
    (client / "src" / "short.txt").write_text(LETTER.replace("4 juni", "5 juni")
                                              .replace("Hjalmar Branting", "Per Albin Hansson"),
                                              encoding="utf-8")
    shutil.copyfile(DATA / "SWE1619135_Wagner-ch1-2.xml", client / "src" / "wagner.xml")
    monkeypatch.chdir(client)
    build("src", "-o", "local", "-j", "1", "-q", "--formats", "html,pdf")
    return client


def test_local_cluster_in_another_folder_gives_the_local_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = client_folder(tmp_path, monkeypatch)
    elsewhere = tmp_path / "worker"
    elsewhere.mkdir()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        c.register_plugin(_Elsewhere(str(elsewhere), str(client)))
        # the hook is in place: the worker cannot read the client's files
        with pytest.raises(PermissionError):
            c.submit(Path.read_bytes, client / "src" / "letter.txt").result()
        out = build("src", "-o", "dask", "-q", "--formats", "html,pdf", "--executor", "dask",
                    "--scheduler", cluster.scheduler_address)
    assert "FAILED" not in out
    local, dask = digest(client / "local"), digest(client / "dask")
    assert {"tei/letter.xml", "output/pdf/wagner.pdf", "output/html/index.html"} <= set(local)
    assert dask == local
    assert list(elsewhere.iterdir()) == []  # nothing written where the worker runs


def test_dask_worker_processes_started_elsewhere_give_the_local_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = client_folder(tmp_path, monkeypatch)
    cluster = tmp_path / "cluster"
    cluster.mkdir()
    (cluster / "preload_elsewhere.py").write_text(PRELOAD, encoding="utf-8")
    env = dict(os.environ, TEIEDITION_TEST_WORKDIR=str(cluster),
               TEIEDITION_TEST_FORBIDDEN=str(client), DASK_DISTRIBUTED__WORKER__DAEMON="False")
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    info = cluster / "scheduler.json"
    procs = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(info)],
                              cwd=cluster, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1",
             "--nthreads", "1", "--no-dashboard", "--preload",
             str(cluster / "preload_elsewhere.py"), "--local-directory", str(cluster)],
            cwd=cluster, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with distributed.Client(address, timeout=30) as c:
            c.wait_for_workers(1, timeout=60)
        out = build("src", "-o", "dask", "-q", "--formats", "html,pdf", "--executor", "dask",
                    "--scheduler", address)
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(timeout=30)
    assert "FAILED" not in out
    assert digest(client / "dask") == digest(client / "local")


def test_workers_that_see_the_client_files_stream_the_text_from_its_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers that read the client's texts (a shared file system: here the same machine)
    encode each from its path into the edition's tei/ folder, as local workers do: the text
    is not sent as bytes (the in-memory encoder is never called) and the TEI is the local
    build's, byte for byte. A text the workers read differently (another file of the same
    name) goes as bytes."""
    from teiedition.build import executors, jobs

    client = tmp_path / "client"
    (client / "src").mkdir(parents=True)
    long = "\n\n".join([LETTER.strip()] * 40)  # several of the encoder's read blocks
    (client / "src" / "letter.txt").write_text(long, encoding="utf-8")
    (client / "src" / "short.txt").write_text(LETTER, encoding="utf-8")
    monkeypatch.chdir(client)
    build("src", "-o", "local", "-j", "1", "-q", "--formats", "tei")

    real = jobs._encode_in_memory

    def no_bytes(job, out, reg):  # noqa: ANN001, ANN202
        raise AssertionError(f"{job.source} was sent as bytes")

    monkeypatch.setattr(jobs, "_encode_in_memory", no_bytes)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        out = build("src", "-o", "dask", "-q", "--formats", "tei", "--executor", "dask",
                    "--scheduler", cluster.scheduler_address)
        assert "FAILED" not in out
        assert digest(client / "dask") == digest(client / "local")
        assert not list((client / "dask" / "tei").glob(".*"))  # no probe or part left

        # a worker that reads another file at the path: that text travels as bytes
        seen = executors._worker_sees
        monkeypatch.setattr(executors, "_worker_sees", lambda texts, spools, token: seen(
            [(p, s + ("short" in p), d) for p, s, d in texts], spools, token))
        sent: list[str] = []
        monkeypatch.setattr(jobs, "_encode_in_memory", lambda job, out, reg: sent.append(
            job.source) or real(job, out, reg))
        build("src", "-o", "dask2", "-q", "--formats", "tei", "--executor", "dask",
              "--scheduler", cluster.scheduler_address)
    assert sent == [str(Path("src") / "short.txt")]
    assert digest(client / "dask2") == digest(client / "local")

