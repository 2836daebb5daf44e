"""The search index in parts: one per text (written by its publish job), merged by the
edition job into the same bytes as ``publish.html.search_index_js``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import TeieditionError

# ------------------------------------------------------------------ the search index, in parts
#
# Each worker writes, beside a text's page, its part of the search index: the card and header
# the index page needs and the text's passages (anchor and reading text) as JSON pieces. The
# edition step joins the parts into the same bytes as ``publish.html.search_index_js`` over
# all texts at once (tested), reading one part at a time: memory is bounded whatever the
# number of texts. No word list is built: assets/search.js looks for the query's words in the
# passages themselves, so joining is copying.

_INDEX_JS = "window.TEIEDITION_INDEX = "
PART = ".idx"
_PART_MAGIC = b"teiedition search part 2\n"


def _js(value: Any) -> bytes:
    """A piece of the index as ``search_index_js`` writes the whole (same JSON settings, same
    escapes: a JS string that never ends the script early or breaks a line). JSON is
    compositional, and no piece ends in ``<``, so the pieces join to the same bytes."""
    return _escape_js(json.dumps(value, ensure_ascii=False, separators=(",", ":"))) \
        .encode("utf-8")


def _escape_js(text: str) -> str:
    from ..publish.html import js_safe

    return js_safe(text)


def search_part(units_tsv: str, card: str, header: str, mentions: str = "") -> bytes:
    """One text's part of the search index (see above), from the passages the stylesheet
    lists one a line (text number, anchor, reading text)."""
    anchors: list[str] = []
    texts: list[str] = []
    for line in units_tsv.split("\n") if units_tsv else ():
        _, anchor, text = line.split("\t", 2)
        anchors.append(anchor)
        texts.append(text)
    return _part_bytes(anchors, texts, card, header, mentions)


def text_search_part(anchors_tsv: str, tei: Any, card: str, header: str,  # noqa: ANN401
                     mentions: str = "") -> bytes:
    """``search_part`` of a TEI document (lxml root), with the anchors of its passages as the
    stylesheet lists them (text number, anchor; one a line) and their text from the TEI."""
    from ..publish.html import search_texts

    anchors = [line.split("\t", 1)[1] for line in anchors_tsv.split("\n")] \
        if anchors_tsv else []
    texts = search_texts(tei)
    if len(texts) != len(anchors):
        raise TeieditionError(f"the HTML stylesheet listed {len(anchors)} search passages, "
                              f"the TEI has {len(texts)}")
    return _part_bytes(anchors, texts, card, header, mentions)


def _part_bytes(anchors: list[str], texts: list[str], card: str, header: str,
                mentions: str) -> bytes:
    """``search_part`` from the passages' anchors and reading text."""
    from json.encoder import encode_basestring  # what json.dumps does to a string

    # '["anchor","text"]' without its '[': the merge puts '[<text number>,' before it; a
    # passage holds no line end (its white space is normalised), so one passage a line
    units = "\n".join(f"{encode_basestring(a)},{encode_basestring(t)}]"
                      for a, t in zip(anchors, texts, strict=True))
    ub = _escape_js(units).encode("utf-8")  # no piece ends in '<'
    meta = json.dumps({"card": card, "header": header, "mentions": mentions,
                       "units": len(anchors), "ub": len(ub)})
    return b"".join((_PART_MAGIC, meta.encode(), b"\n", ub))


@dataclass(slots=True)
class _Part:
    meta: dict[str, Any]
    data: bytes

    @classmethod
    def read(cls, path: Path, head_only: bool = False) -> _Part:
        with open(path, "rb") as fh:
            magic = fh.readline()
            line = fh.readline()
            if magic != _PART_MAGIC or not line.endswith(b"\n"):
                raise TeieditionError(f"{path}: not a search index part of this version")
            meta = json.loads(line)
            data = b"" if head_only else fh.read()
        if not head_only and len(data) != meta["ub"]:
            raise TeieditionError(f"{path}: a search index part cut short")
        return cls(meta, data)

    def units(self) -> list[bytes]:
        return self.data.split(b"\n") if self.meta["units"] else []


def merge_search(parts: Sequence[Path], meta_json: str, fh: BinaryIO) -> None:
    """Write search-index.js for the edition from the texts' parts, in edition order.

    ``meta_json`` is the stylesheet's list of texts and register names for the whole edition.
    Each passage gets its text's number; one part is read at a time.
    """
    meta = json.loads(meta_json)
    fh.write(_INDEX_JS.encode() + b'{"texts":' + _js(meta["texts"]) + b',"units":[')
    sep = b""
    for t, path in enumerate(parts):
        units = _Part.read(path).units()
        if units:
            prefix = b"[%d," % t
            fh.write(sep + prefix + (b"," + prefix).join(units))
            sep = b","
    fh.write(b'],"names":' + _js(meta["names"]) + b"};\n")
