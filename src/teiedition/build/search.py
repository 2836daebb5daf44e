"""The search index in parts: one per text (written by its publish job), joined by the
edition job into the index's files (``publish.search``), the same bytes as the one-run
edition's (tested).

Each worker writes, beside a text's page, its part: the card and header the index page needs,
the text's passages (anchor and reading text) as the chunk files hold them and its words with
their passages as the shards do (``publish.search.encoded_pieces``, ``text_words``), so the
join is copying, one part at a time: memory is bounded whatever the number of texts.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import TeieditionError
from ..publish.search import IndexWriter, Write, encoded_pieces, raw_pieces, text_words

PART = ".idx"
_PART_MAGIC = b"teiedition search part 6\n"  # 6: passages as bytes and lengths


def text_search_part(anchors_tsv: str, tei: Any, card: str, header: str,  # noqa: ANN401
                     mentions: str = "", entries: str = "") -> bytes:
    """A text's part of the search index (see above) from the TEI document (lxml root) and
    the anchors of its passages as the stylesheet lists them (text number, anchor; one a
    line); the passages' text comes from the TEI, read once: its white space normalised as
    the pieces are made (``raw_pieces``), its words the same either way."""
    from ..publish.html import raw_search_texts

    anchors = [line.split("\t", 1)[1] for line in anchors_tsv.split("\n")] \
        if anchors_tsv else []
    raw = raw_search_texts(tei)
    if len(raw) != len(anchors):
        raise TeieditionError(f"the HTML stylesheet listed {len(anchors)} search passages, "
                              f"the TEI has {len(raw)}")
    return _part(*raw_pieces(anchors, raw), text_words(raw), card, header, mentions, entries)


def search_part(anchors: list[str], texts: list[str], card: str, header: str,
                mentions: str = "", entries: str = "") -> bytes:
    """A text's part from its passages' anchors and reading text; ``entries``: the register
    entries the text carries that the edition's register lacks (for the register pages)."""
    if len(anchors) != len(texts):
        raise TeieditionError(f"{len(anchors)} search passages, {len(texts)} reading texts")
    return _part(*encoded_pieces(anchors, texts), text_words(texts), card, header, mentions,
                 entries)


def _part(units: bytes, lengths: Sequence[int], words: str, card: str, header: str,
          mentions: str, entries: str) -> bytes:
    head: dict[str, object] = {"card": card, "header": header, "mentions": mentions}
    if entries:
        head["entries"] = entries
    counts = (lengths if isinstance(lengths, array) else array("I", lengths)).tobytes()
    data = words.encode("utf-8")
    meta = json.dumps({**head, "ub": len(units), "lb": len(counts), "wb": len(data)})
    return b"".join((_PART_MAGIC, meta.encode(), b"\n", units, counts, data))


def _head_end(raw: bytes) -> int:
    """Where a part's head (the magic line and the line of its metadata) ends in ``raw``;
    0 where ``raw`` does not begin with a head of this version."""
    if not raw.startswith(_PART_MAGIC):
        return 0
    return raw.find(b"\n", len(_PART_MAGIC)) + 1


@dataclass(slots=True)
class _Part:
    meta: dict[str, Any]
    data: bytes

    @classmethod
    def read(cls, path: Path, head_only: bool = False) -> _Part:
        """The part in the file ``path``; its head alone (two lines) if ``head_only``."""
        with open(path, "rb") as fh:
            raw = fh.readline() + fh.readline() if head_only else fh.read()
        return cls.of(raw, str(path), head_only)

    @classmethod
    def of(cls, raw: bytes, name: str, head_only: bool = False) -> _Part:
        """The part ``raw`` (the bytes of the file ``name``): its head, and unless
        ``head_only`` its passages and words, which must be there whole."""
        end = _head_end(raw)
        if not end:
            raise TeieditionError(f"{name}: not a search index part of this version")
        meta = json.loads(raw[len(_PART_MAGIC):end])
        data = b"" if head_only else raw[end:]
        if not head_only and len(data) != meta["ub"] + meta["lb"] + meta["wb"]:
            raise TeieditionError(f"{name}: a search index part cut short")
        return cls(meta, data)

    @staticmethod
    def head(raw: bytes) -> bytes:
        """The part ``raw`` less its passages and words: what the edition pages read."""
        return raw[:_head_end(raw)]

    def passages(self) -> tuple[bytes, array[int]]:
        """The text's passages as the chunks hold them, and their lengths
        (``encoded_pieces``)."""
        ub, lb = self.meta["ub"], self.meta["lb"]
        lengths = array("I")
        lengths.frombytes(self.data[ub:ub + lb])
        return self.data[:ub], lengths

    def words(self) -> str:
        return self.data[self.meta["ub"] + self.meta["lb"]:].decode("utf-8")


class PartJoin:
    """Joins the texts' parts (``parts``, in edition order) into the edition's search index
    as they arrive: ``arrived(t)`` when text ``t``'s part is written, in any order; a part
    that comes early waits for those before it, each is read once, one at a time. So the
    join runs while the workers render the last texts, not after them all. ``finish`` writes
    the shards and ``search-index.js``."""

    def __init__(self, parts: Sequence[Path], write: Write) -> None:
        self.parts = list(parts)
        self.ready = [False] * len(self.parts)
        self.next = 0
        self.writer = IndexWriter(write)

    def arrived(self, t: int, raw: bytes | None = None) -> bytes | None:
        """Text ``t``'s part has arrived: ``raw``, its bytes, before they are stored, or
        stored already (``None``). A part that is next in edition order is joined from
        ``raw`` at once, and only its head need be stored (returned: the edition pages read
        no more); else ``raw`` is stored whole (returned) and read when its turn comes."""
        self.ready[t] = True
        if raw is not None and t == self.next:
            self._add(_Part.of(raw, str(self.parts[t])))
            raw = _Part.head(raw)
        while self.next < len(self.parts) and self.ready[self.next]:
            self._add(_Part.read(self.parts[self.next]))
        return raw

    def _add(self, part: _Part) -> None:
        self.writer.add_encoded(self.next, *part.passages(), part.words())
        self.next += 1

    def finish(self, meta_json: str) -> None:
        """``meta_json``: the stylesheet's list of texts and register names for the whole
        edition."""
        if self.next != len(self.parts):
            raise TeieditionError(f"{len(self.parts) - self.next} search index parts are "
                                  "missing")
        meta = json.loads(meta_json)
        self.writer.finish(meta["texts"], meta["names"])


def merge_search(parts: Sequence[Path], meta_json: str, write: Write) -> None:
    """Write the edition's search index (``publish.search``) from the texts' parts, in
    edition order, through ``write(name, bytes)``; one part is read at a time."""
    join = PartJoin(parts, write)
    for t in range(len(join.parts)):
        join.arrived(t)
    join.finish(meta_json)
