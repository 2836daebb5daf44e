"""`teiedition build`: default build, incremental rebuilds, hand edits, failures, determinism,
interrupts, unwritable outputs, and the Dask path — on the built-in sample and texts cut from
it (and an ELTeC novel, TEI written by others, when ../shared is there)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teiedition.cli import main
from teiedition.errors import InputError
from teiedition.resources import data_path, sample_path
from teiedition.xml import parse_file

TEI = "{http://www.tei-c.org/ns/1.0}"
ELTEC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "eltec-swe"
# The entity model ships from another stage; without it, build structure only.
ENTITIES = [] if (data_path() / "ner" / "model.crfsuite").exists() else ["--no-entities"]


def _stage(name: str) -> bool:
    try:
        __import__(f"teiedition.publish.{name}")
    except ImportError:
        return False
    return True


needs_html = pytest.mark.skipif(not _stage("html"), reason="publish.html not importable yet")
needs_pdf = pytest.mark.skipif(not _stage("pdf"), reason="publish.pdf not importable yet")


def run(*args: str, code: int | None = 0) -> str:
    res = CliRunner().invoke(main, ["build", "-j", "1", *ENTITIES, *args])
    if code is not None:
        assert res.exit_code == code, res.output + repr(res.exception)
    return res.output


def texts(folder: Path, n: int, size: int = 900) -> list[Path]:
    """``n`` small texts: consecutive paragraphs of the sample, each with its own title."""
    paras = [p.strip() for p in sample_path().read_text(encoding="utf-8").split("\n\n")
             if len(p.strip()) > 200]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        body = "\n\n".join(paras[(i + k) % len(paras)][:size] for k in range(2))
        p = folder / f"text{i:02d}.txt"
        p.write_text(f"Brev nummer {i + 1}\n\n{body}\n", encoding="utf-8")
        out.append(p)
    return out


def digest(root: Path) -> dict[str, str]:
    """SHA-256 of every output file (TEI, HTML, PDF) under ``root``, by relative path."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in ("tei", "output") for p in sorted((root / sub).rglob("*")) if p.is_file()}


def _ids(html: str) -> str:
    return re.sub(r"\b(tip|ref|note)-d\d+e\d+\b", r"\1-ID", html)


def summary_counts(out: str) -> dict[str, int]:
    line = next(x for x in out.splitlines() if x.startswith("built "))
    return {k: int(v) for k, v in re.findall(r"(built|skipped|kept|failed) (\d+)", line)}


@needs_html
@needs_pdf
def test_default_build_writes_sample_tei_html_pdf(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = run()
    assert summary_counts(out) == {"built": 1, "skipped": 0, "kept": 0, "failed": 0}
    tei = parse_file(tmp_path / "tei" / "sample.xml").getroot()
    assert tei.tag == f"{TEI}TEI"
    assert "offensiv mot stalinismen" in " ".join("".join(tei.itertext()).split())
    page = (tmp_path / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert "Den socialistiska världsrörelsen" in page and page.rstrip().endswith("</html>")
    assert (tmp_path / "output" / "html" / "index.html").exists()
    assert "window.TEIEDITION_INDEX" in (tmp_path / "output/html/search-index.js").read_text()
    pdf = (tmp_path / "output" / "pdf" / "sample.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    manifest = json.loads((tmp_path / ".teiedition" / "manifest.json").read_text())
    rec = manifest["outputs"]["tei/sample.xml"]
    assert rec["sha256"] == hashlib.sha256((tmp_path / "tei/sample.xml").read_bytes()).hexdigest()


@needs_html
def test_rebuild_without_changes_skips_everything(tmp_path: Path) -> None:
    src = texts(tmp_path / "src", 3)
    out = tmp_path / "ed"
    run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()
              and p.name != "lock"}
    assert len([p for p in before if p.name.startswith("text") and p.suffix == ".xml"]) == 3
    second = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    assert summary_counts(second) == {"built": 0, "skipped": 3, "kept": 0, "failed": 0}
    after = {p: p.stat().st_mtime_ns for p in before}
    assert after == before  # not one file rewritten, the manifest included
    # touching a source (same bytes, new mtime) re-hashes it, and still rebuilds nothing
    os.utime(src[0], ns=(time.time_ns(), time.time_ns()))
    third = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    assert summary_counts(third)["built"] == 0


@needs_html
def test_changing_one_input_rebuilds_only_it(tmp_path: Path) -> None:
    src = texts(tmp_path / "src", 3)
    out = tmp_path / "ed"
    run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    tei = {p.name: p.stat().st_mtime_ns for p in (out / "tei").glob("text*.xml")}
    pages = {p.name: p.stat().st_mtime_ns for p in (out / "output/html").glob("text*.html")}
    src[1].write_text(src[1].read_text(encoding="utf-8").replace("Brev nummer 2",
                                                                 "Ett ändrat brev"))
    res = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html", "-v")
    assert summary_counts(res) == {"built": 1, "skipped": 2, "kept": 0, "failed": 0}
    new_tei = {p.name: p.stat().st_mtime_ns for p in (out / "tei").glob("text*.xml")}
    new_pages = {p.name: p.stat().st_mtime_ns for p in (out / "output/html").glob("text*.html")}
    assert [n for n in tei if tei[n] != new_tei[n]] == ["text01.xml"]
    assert [n for n in pages if pages[n] != new_pages[n]] == ["text01.html"]
    assert "Ett ändrat brev" in (out / "output/html/text01.html").read_text(encoding="utf-8")
    # the index lists the new title: the edition pages follow the texts
    assert "Ett ändrat brev" in (out / "output/html/index.html").read_text(encoding="utf-8")


@needs_html
def test_hand_edited_tei_is_kept_and_published_unless_force(tmp_path: Path) -> None:
    src = texts(tmp_path / "src", 2)
    out = tmp_path / "ed"
    run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    tei = out / "tei" / "text00.xml"
    tree = parse_file(tei)
    p = tree.getroot().find(f".//{TEI}body//{TEI}p")
    p.text = "REDAKTÖRENS RÄTTELSE " + (p.text or "")
    tei.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    edited = tei.read_bytes()
    # the source changes too: the editor's TEI still wins
    src[0].write_text(src[0].read_text(encoding="utf-8") + "\nEtt tillägg.\n")
    res = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    assert summary_counts(res)["kept"] == 1
    assert "edited by hand" in res and "text00.txt" in res
    assert tei.read_bytes() == edited
    assert "REDAKTÖRENS RÄTTELSE" in (out / "output/html/text00.html").read_text()
    again = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    assert summary_counts(again)["kept"] == 1 and tei.read_bytes() == edited
    forced = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html", "--force")
    assert summary_counts(forced)["kept"] == 0
    assert b"REDAKT\xc3\x96RENS" not in tei.read_bytes()
    assert "Ett tillägg" in " ".join("".join(parse_file(tei).getroot().itertext()).split())


@needs_html
def test_outputs_of_removed_sources_are_removed_but_not_hand_edited_tei(tmp_path: Path) -> None:
    """A source that is gone takes its TEI, page, search part and manifest entries with it
    (and leaves the index and the search index); a TEI edited by hand stays, and so do the
    outputs of a source that still exists but is not part of this build."""
    src = texts(tmp_path / "src", 4)
    out = tmp_path / "ed"
    run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    manifest = out / ".teiedition" / "manifest.json"
    for i in range(4):
        assert (out / f"tei/text0{i}.xml").is_file()
        assert (out / f"output/html/text0{i}.html").is_file()
    # text01: deleted; text02: its TEI edited by hand, then deleted
    tei2 = out / "tei" / "text02.xml"
    tei2.write_bytes(tei2.read_bytes().replace(b"Brev nummer 3", b"Brev nummer 3 (granskad)"))
    edited = tei2.read_bytes()
    src[1].unlink()
    src[2].unlink()
    res = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    assert "removed 5 output(s) of sources that are gone" in res, res
    assert "kept tei/text02.xml: its source is gone, but it was edited by hand" in res
    assert summary_counts(res)["kept"] == 1
    assert not (out / "tei/text01.xml").exists()
    assert tei2.read_bytes() == edited
    for gone in ("text01", "text02"):
        assert not (out / f"output/html/{gone}.html").exists()
        assert not (out / f".teiedition/search/{gone}.html.idx").exists()
        assert gone not in (out / "output/html/index.html").read_text(encoding="utf-8")
        assert f"{gone}.html" not in (out / "output/html/search-index.js").read_text()
        assert f"/{gone}" not in manifest.read_text(encoding="utf-8")
    assert (out / "output/html/text03.html").is_file() and (out / "tei/text03.xml").is_file()
    # a build of one file does not remove the others, whose sources still exist
    one = run(str(src[0]), "-o", str(out), "--formats", "html")
    assert "of sources that are gone" not in one
    assert (out / "output/html/text03.html").is_file() and (out / "tei/text03.xml").is_file()
    # nothing left to remove: the next build says nothing about it, and removes nothing
    again = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    assert "of sources that are gone" not in again and "kept tei/" not in again
    assert tei2.read_bytes() == edited
    assert sorted(p.name for p in (out / "output/html").glob("text*.html")) == \
        ["text00.html", "text03.html"]


@needs_html
def test_keep_going_builds_the_others_and_exits_1(tmp_path: Path) -> None:
    texts(tmp_path / "src", 3)
    (tmp_path / "src" / "broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'>"
                                                 "<teiHeader></TEI>")
    (tmp_path / "src" / "binary.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02" * 50)
    out = tmp_path / "ed"
    res = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html", "--keep-going",
              code=1)
    assert summary_counts(res) == {"built": 3, "skipped": 0, "kept": 0, "failed": 2}
    assert "FAILED" in res and "broken.xml:1:" in res and "not well-formed" in res
    # a text's failure names it once, by the path the build found it at (as the TEI's do)
    assert f"FAILED {tmp_path / 'src' / 'binary.txt'}: error: " in res
    assert "binary.txt: binary.txt" not in res
    assert sorted(p.name for p in (out / "output/html").glob("text*.html")) == [
        "text00.html", "text01.html", "text02.html"]
    assert "Traceback" not in res
    # without --keep-going the build stops at the first failure
    res = run(str(tmp_path / "src"), "-o", str(tmp_path / "ed2"), "--formats", "html",
              code=1)
    assert "stopped at the first failure" in res


@needs_html
@needs_pdf
def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    """Two separate processes (different hash seeds), two folders, parallel workers: the same
    bytes in every TEI, HTML and PDF file."""
    texts(tmp_path / "src", 2)
    for name, seed in (("a", "1"), ("b", "2")):
        (tmp_path / name).mkdir()
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", "from teiedition.cli import main; main()",
                        "build", str(tmp_path / "src"), str(sample_path()), "-j", "2", "-q",
                        *ENTITIES], cwd=tmp_path / name, env=env, check=True, timeout=120)
    a, b = digest(tmp_path / "a"), digest(tmp_path / "b")
    assert {"tei/sample.xml", "output/html/sample.html", "output/pdf/sample.pdf",
            "output/pdf/text01.pdf", "output/html/index.html",
            "output/html/search-index.js"} <= set(a)
    assert [k for k in a if a[k] != b.get(k)] == []
    assert set(a) == set(b)
    assert b"2023-11-14" in (tmp_path / "a/tei/sample.xml").read_bytes()  # the epoch's date


@needs_html
def test_edition_equals_a_single_html_run(tmp_path: Path) -> None:
    """Pages made one text per worker (and the merged search index) are the same bytes as
    the publish stage's own one-run edition."""
    from teiedition.publish.html import build_html

    texts(tmp_path / "src", 2)
    out = tmp_path / "ed"
    run(str(tmp_path / "src"), "-o", str(out), "--formats", "html")
    ref = tmp_path / "ref"
    register = out / "tei" / "register.xml"
    build_html(sorted((out / "tei").glob("text*.xml")), ref,
               register=register if register.exists() else None)
    names = sorted(p.name for p in ref.glob("*.html"))
    # the register pages too: their mentions are made by the workers, one text at a time
    assert {"text00.html", "text01.html", "index.html", "search.html"} <= set(names)
    if ENTITIES == []:
        assert "persons.html" in names
        assert 'class="mentions"' in (ref / "persons.html").read_text(encoding="utf-8")
    shards = sorted(f"search/{p.name}" for p in (ref / "search").glob("*.js"))
    assert len(shards) > 20 and sorted(f"search/{p.name}" for p in (
        out / "output/html/search").glob("*.js")) == shards
    for name in [*names, "search-index.js", *shards]:
        # generate-id() numbers the nodes of the one document that holds all texts, so only
        # the number in tip-/ref-/note- ids may differ (they stay unique within a page)
        got, expected = ((d / name).read_text(encoding="utf-8") for d in (out / "output/html",
                                                                            ref))
        assert _ids(got) == _ids(expected), name
        ids = re.findall(r'id="((?:tip|ref|note)-d\d+e\d+)"', got)
        assert len(ids) == len(set(ids))


@needs_html
def test_edition_with_a_larger_register_equals_a_single_html_run(tmp_path: Path) -> None:
    """Each worker gives Saxon only the register entries its text names (and one of each
    kind): the pages are still those of the one-run edition with the whole register, entries
    no text names included."""
    from teiedition.publish.html import build_html

    data = Path(__file__).parent / "data"
    # the texts alone in a folder: no register beside them, so both runs read the one below
    (tmp_path / "texts").mkdir()
    tei = [Path(shutil.copy(data / "html" / "edition.xml", tmp_path / "texts")),
           Path(shutil.copy(data / "edition" / "valid.xml", tmp_path / "texts"))]
    register = data / "html" / "register.xml"
    out = tmp_path / "ed"
    (out / "tei").mkdir(parents=True)
    (out / "tei" / "register.xml").write_bytes(register.read_bytes())
    # an entry of a kind no text names, and one nested in another
    reg = parse_file(register)
    extra = etree.fromstring(
        f'<listPlace xmlns="{TEI[1:-1]}"><place xml:id="place-unnamed"><placeName>Ingenstans'
        '</placeName><place xml:id="place-inner"><placeName>Inre</placeName></place></place>'
        "</listPlace>")
    reg.getroot().find(f"{TEI}standOff").append(extra)
    (out / "tei" / "register.xml").write_bytes(etree.tostring(reg, encoding="UTF-8"))
    run(*map(str, tei), "-o", str(out), "--formats", "html", "-j", "2")
    ref = tmp_path / "ref"
    build_html(tei, ref, register=out / "tei" / "register.xml")
    names = sorted(p.name for p in ref.glob("*.html"))
    assert {"edition.html", "valid.html", "persons.html", "places.html"} <= set(names)
    assert "Ingenstans" in (ref / "places.html").read_text(encoding="utf-8")
    for name in [*names, "search-index.js"]:
        got, expected = ((d / name).read_text(encoding="utf-8") for d in (out / "output/html",
                                                                            ref))
        assert _ids(got) == _ids(expected), name


@needs_html
@pytest.mark.skipif(not ELTEC.is_dir(), reason="../shared/corpora/eltec-swe not present")
def test_tei_from_elsewhere_is_published_with_warnings_or_refused_when_strict(
        tmp_path: Path) -> None:
    novel = ELTEC / "SWE1619135_Wagner.xml"
    out = tmp_path / "ed"
    res = run(str(novel), "-o", str(out), "--formats", "html", "-v")
    assert "against the project schema" in res and "published as it is" in res
    page = (out / "output/html/SWE1619135_Wagner.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")
    assert not (out / "tei" / "SWE1619135_Wagner.xml").exists()  # published as it is
    strict = run(str(novel), "-o", str(tmp_path / "strict"), "--formats", "html",
                 "--strict", code=1)
    assert "FAILED" in strict and "SWE1619135_Wagner.xml:" in strict


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    res = run("-o", str(blocker / "edition"), code=2)
    assert "error: cannot create the output folder" in res
    assert "Traceback" not in res


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        res = run("-o", str(out), code=2)
    finally:
        out.chmod(0o700)
    assert "error: cannot" in res and "Permission denied" in res


def _check_outputs(root: Path) -> None:
    """Every visible output is complete: XML parses, HTML is whole, PDF has its trailer."""
    for p in (root / "tei").glob("*.xml"):
        parse_file(p)
    for p in (root / "output/html").glob("*.html"):
        assert p.read_text(encoding="utf-8").rstrip().endswith("</html>"), p
    for p in (root / "output/pdf").glob("*.pdf"):
        data = p.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), p
    m = root / ".teiedition" / "manifest.json"
    if m.exists():
        json.loads(m.read_text())  # the manifest is always whole


@needs_html
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_build_leaves_no_corrupt_output_and_rebuild_completes(tmp_path: Path,
                                                                     sig: int) -> None:
    texts(tmp_path / "src", 20, size=400)
    out = tmp_path / "ed"
    cmd = [sys.executable, "-c", "from teiedition.cli import main; main()", "build",
           str(tmp_path / "src"), "-o", str(out), "--formats", "html", "-j", "2", "-q",
           *ENTITIES]
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.PIPE)
    # a random point: after k of the 20 TEI files (encoding) or k of the 20 pages (publishing)
    rng = random.Random()
    folder, pattern = rng.choice([(out / "tei", "text*.xml"), (out / "output/html", "text*.html")])
    k = rng.randint(1, 15)
    deadline = time.monotonic() + 60
    while len(list(folder.glob(pattern))) < k and proc.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.fail(f"the build ended before the kill ({folder.name}, {k}): "
                    f"{proc.communicate()[1].decode()[-2000:]}")
    os.killpg(proc.pid, sig)  # the whole group, workers too (as Ctrl-C or the OOM killer)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT and proc.returncode not in (0, 1):
        assert proc.returncode == 130 and b"interrupted" in err, err
        assert b"Traceback" not in err
    _check_outputs(out)
    res = run(str(tmp_path / "src"), "-o", str(out), "--formats", "html", "-j", "2")
    counts = summary_counts(res)
    assert counts["failed"] == 0 and counts["kept"] == 0 and counts["built"] + \
        counts["skipped"] == 20
    _check_outputs(out)
    assert not [p for p in out.rglob("*") if p.name.endswith((".part", ".tmp"))]
    manifest = json.loads((out / ".teiedition" / "manifest.json").read_text())
    for rel, rec in manifest["outputs"].items():
        if "#" not in rel:
            assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == rec["sha256"], rel
    assert len(list((out / "output/html").glob("text*.html"))) == 20


@needs_html
def test_dask_cluster_gives_the_same_outputs(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    texts(tmp_path / "src", 2)
    run(str(tmp_path / "src"), "-o", str(tmp_path / "local"), "--formats", "html")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        res = run(str(tmp_path / "src"), "-o", str(tmp_path / "dask"), "--formats", "html",
                  "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert summary_counts(res)["built"] == 2
    assert digest(tmp_path / "dask") == digest(tmp_path / "local")


def test_json_log_has_a_line_per_document_and_a_summary(tmp_path: Path) -> None:
    texts(tmp_path / "src", 2)
    log = tmp_path / "build.jsonl"
    run(str(tmp_path / "src"), "-o", str(tmp_path / "ed"), "--formats", "tei", "--log",
        str(log))
    events = [json.loads(x) for x in log.read_text().splitlines()]
    encoded = [e for e in events if e.get("phase") == "encode"]
    assert sorted(Path(e["source"]).name for e in encoded) == ["text00.txt", "text01.txt"]
    assert all(e["event"] == "built" and e["outputs"] for e in encoded)
    assert events[-1]["event"] == "summary" and events[-1]["built"] == 2


def test_full_disk_stops_the_build_with_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    """ENOSPC while writing an output: exit 2, one line, no temporary file left behind."""
    import errno

    import teiedition.output as output

    real_fdopen = output.os.fdopen

    class Full:
        def __init__(self, fh) -> None:  # noqa: ANN001
            self.fh = fh

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd: int, mode: str = "r", *a: object, **k: object):  # noqa: ANN202
        fh = real_fdopen(fd, mode, *a, **k)
        return Full(fh) if "tei" in Path(os.readlink(f"/proc/self/fd/{fd}")).parts else fh

    monkeypatch.setattr(output.os, "fdopen", fdopen)
    texts(tmp_path / "src", 2)
    out = tmp_path / "ed"
    res = run(str(tmp_path / "src"), "-o", str(out), "--formats", "tei", "--keep-going", code=2)
    assert "error: cannot write: No space left on device" in res
    assert "Traceback" not in res
    assert not list((out / "tei").iterdir())  # nothing half-written
    json.loads((out / ".teiedition" / "manifest.json").read_text())


def test_encoding_runs_in_a_worker_that_ends_before_publishing(tmp_path: Path) -> None:
    """The entity model and lexicons (~330 MB) never share a process with Saxon: with -j 1
    too, encode runs in a worker process, and the process that publishes never loads them."""
    texts(tmp_path / "src", 1)
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from teiedition.cli import main\n"
        f"res = CliRunner().invoke(main, ['build', {str(tmp_path / 'src')!r}, '-o', "
        f"{str(tmp_path / 'ed')!r}, '-j', '1', '--formats', 'tei,html'])\n"
        "assert res.exit_code == 0, res.output\n"
        "print(sorted(m for m in ('pycrfsuite', 'wordfreq', 'py3langid', 'saxonche')"
        " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=tmp_path).stdout
    assert out.strip() == "['saxonche']"
    assert (tmp_path / "ed" / "tei" / "text00.xml").exists()
    assert (tmp_path / "ed" / "output" / "html" / "text00.html").exists()


def test_html_refuses_a_text_over_its_limit(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import teiedition.limits
    import teiedition.publish.html as html

    monkeypatch.setattr(teiedition.limits, "MAX_HTML_BYTES", 10_000)  # read by the jobs
    with pytest.raises(InputError, match="larger than the limit of .* for one text of the "
                                         "HTML edition"):
        html.build_html([Path(__file__).resolve().parents[1] / "tei" / "sample.xml"],
                        tmp_path / "out")
    assert not (tmp_path / "out").exists()
