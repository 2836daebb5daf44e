"""``teiedition encode -``: standard input read a block at a time like a file, never whole.

The texts are novels' openings laid out as extractions lay them out (tests/data/stream), made
longer than the blocks standard input is read in; the TEI must be the one of the same bytes
read from a file, and bad input must fail with its place and leave no file behind.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from teiedition.build.encoding import open_stdin
from teiedition.cli import main
from teiedition.encode import source
from teiedition.errors import InputError
from tests.textgen import make_text

DATA = Path(__file__).parent / "data" / "stream"


def novel(min_bytes: int) -> bytes:
    """Lagerlöf's opening, laid out with form feeds, repeated to at least ``min_bytes``."""
    paras = (DATA / "lagerlof.txt").read_text(encoding="utf-8").splitlines()
    one = make_text(paras, width=70, page_style="formfeed", seed=3).encode()
    return one * (min_bytes // len(one) + 1)


class Stream(io.BytesIO):
    """Standard input that records how much each read asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.asked.append(-1 if size is None else size)
        return super().read(size)


def encode(tmp_path: Path, data: bytes, out: str = "out.xml") -> tuple[int, str, Path]:
    res = CliRunner().invoke(main, ["encode", "-", "-o", str(tmp_path / out),
                                    "--no-entities"], input=data)
    return res.exit_code, res.output, tmp_path / out


def test_stdin_is_read_a_block_at_a_time_and_gives_the_tei_of_the_file(
        tmp_path: Path) -> None:
    data = novel(source.READ_BYTES * 2 + 12345)  # three blocks, the last a partial one
    stream = Stream(data)
    with contextlib.ExitStack() as stack:
        src = open_stdin(stack, stream)
        assert src.size == len(data) and src.encoding == "utf-8"
        text = "".join(src.pieces())
    assert stream.asked and all(0 < n <= source.READ_BYTES for n in stream.asked)
    assert text == source.decode(data).text
    code, output, out = encode(tmp_path, data)
    assert code == 0, output
    # the same bytes from a file of the name stdin gets give the same TEI
    (tmp_path / "stdin.txt").write_bytes(data)
    res = CliRunner().invoke(main, ["encode", str(tmp_path / "stdin.txt"), "-o",
                                    str(tmp_path / "file.xml"), "--no-entities"])
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == (tmp_path / "file.xml").read_bytes()
    assert out.read_bytes().count(b"<pb ") > 100


def test_empty_stdin_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    for data in (b"", b"  \n\n \t\n"):
        code, output, out = encode(tmp_path, data)
        assert code == 2
        assert "stdin.txt: error: the text is empty" in output
        assert list(tmp_path.iterdir()) == []


def test_invalid_utf8_after_a_utf8_bom_fails_with_line_and_column(tmp_path: Path) -> None:
    data = novel(source.READ_BYTES + 5000)
    cut = data.index(b"\n", source.READ_BYTES + 100) + 1  # a line in the second block
    line = data[:cut].count(b"\n") + 1
    bad = b"\xef\xbb\xbf" + data[:cut] + "Så sade".encode() + b"\xff\xfe han" + data[cut:]
    code, output, _ = encode(tmp_path, bad)
    assert code == 2
    assert f"stdin.txt:{line}:8: error: the file starts with a utf-8-sig byte-order mark" \
        in output, output
    at = bad.index(b"\xff")
    assert f"(byte {at})" in output  # counted from the file's first byte
    assert list(tmp_path.iterdir()) == []


def test_invalid_utf8_mid_stream_is_read_as_a_legacy_line_and_said(tmp_path: Path) -> None:
    """Without a byte-order mark a line in another encoding is text pasted from elsewhere:
    read as cp1252, every word kept, and the report names its line."""
    data = novel(source.READ_BYTES + 5000)
    cut = data.index(b"\n", source.READ_BYTES + 100) + 1
    line = data[:cut].count(b"\n") + 1
    bad = data[:cut] + "Gösta Berling sade: vänta".encode("cp1252") + b"\n" + data[cut:]
    code, output, out = encode(tmp_path, bad)
    assert code == 0, output
    assert f"1 line(s) were not UTF-8 and were read as cp1252 (lines {line})" in output
    assert "vänta" in out.read_text(encoding="utf-8")


def test_stdin_over_the_limit_is_refused_while_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("teiedition.encode.source.MAX_TEXT_BYTES", source.READ_BYTES)
    stream = Stream(novel(source.READ_BYTES * 3))
    with contextlib.ExitStack() as stack, pytest.raises(InputError, match="larger than"):
        open_stdin(stack, stream)
    assert len(stream.asked) == 2  # stopped at the block that passed the limit
