"""The HTML edition's search index, in shards that search.html loads only when a query needs
them, so a query costs what it finds, not the size of the edition.

Files (all ``<script>`` files that call a global, so the edition works from ``file://``):

- ``search-index.js``: the texts, the register's names, the word separators, the number of
  passages, where each passage chunk begins and the shards' keys (small: no passage text);
- ``search/c<N>.js``: passage chunks (text number, anchor, reading text) of ~``CHUNK_BYTES``,
  loaded for the results shown;
- ``search/<key>.js``: a shard: every word whose first two characters are ``key``
  (lower-cased), each with the passages it occurs in (ascending, as differences).

A query word matches the words that begin with it, so a word of two or more characters needs
one shard. The words of a passage are found once, per text (``text_words``: in the worker that
renders the text); ``IndexWriter`` joins the texts' words in edition order, holding at most
``SPILL_BYTES`` of postings before it moves them to bucket files on disk: its memory does not
grow with the number of texts (only with the number of distinct words).
"""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

#: JavaScript's ``\s`` (what search.js used to split on) and the punctuation that separates
#: words; search.js reads this string from search-index.js: one place for the rule.
WHITESPACE = ("\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
PUNCT = ".,;:!?¡¿\"'`´’‘”“„‚»«›‹()[]{}<>—–‐‑-−…*/\\|_~^+=#%&@$§¶•·°†‡"
SEPARATORS = WHITESPACE + PUNCT
_TABLE = str.maketrans({c: " " for c in SEPARATORS if c != " "})

#: bytes of passage text in one chunk file
CHUNK_BYTES = 48 * 1024
#: bytes of postings held in memory before they go to the bucket files
SPILL_BYTES = 48 * 2**20
_BUCKETS = 64

Write = Callable[[str, bytes], None]


def words(text: str) -> set[str]:
    """The distinct words of a passage as search.js sees them: lower-cased (the whole
    passage, as JavaScript's toLowerCase does), split at white space and punctuation."""
    return set(text.lower().translate(_TABLE).split(" ")) - {""}


def shard_key(word: str) -> str:
    """The shard a word is in: its first two characters."""
    return word[:2]


def shard_file(key: str) -> str:
    """``search/<code points in hex>.js``: a safe name for any key."""
    return "search/" + "-".join(f"{ord(c):x}" for c in key) + ".js"


def chunk_file(n: int) -> str:
    return f"search/c{n}.js"


def text_words(texts: Sequence[str]) -> str:
    """The postings of one text's passages, one word a line: ``word TAB first TAB last TAB
    differences`` (passage numbers within the text, ascending; differences after the first,
    comma-separated). Sorted by word, so the same text gives the same bytes."""
    post: dict[str, list[int]] = {}
    for n, text in enumerate(texts):
        for w in words(text):
            got = post.get(w)
            if got is None:
                post[w] = [n]
            else:
                got.append(n)
    lines = []
    for w in sorted(post):
        ns = post[w]
        diffs = ",".join(str(b - a) for a, b in zip(ns, ns[1:], strict=False))
        lines.append(f"{w}\t{ns[0]}\t{ns[-1]}\t{diffs}")
    return "\n".join(lines)


def js_safe(json_text: str) -> str:
    """JSON as a script holds it: a JS string never ends the script early (``</``) or breaks
    a line (U+2028, U+2029), whatever the text holds."""
    return json_text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") \
        .replace("</", "<\\/")


def _js(value: object) -> str:
    return js_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


class IndexWriter:
    """Writes the index of an edition, text after text, through ``write(name, bytes)``.

    ``add`` a text's passages (anchor, reading text) and its ``text_words``, in edition
    order; ``finish`` writes the shards and ``search-index.js``. Chunks are written as they
    fill.
    """

    def __init__(self, write: Write, spill_bytes: int = SPILL_BYTES) -> None:
        self.write = write
        self.spill_bytes = spill_bytes
        self.passages = 0
        self.chunk: list[str] = []
        self.chunk_size = 0
        self.starts: list[int] = []
        self.last: dict[str, int] = {}  # word -> the last passage it is in
        self.held: dict[str, list[str]] = {}  # word -> pieces of its differences
        self.held_bytes = 0
        self.tmp: tempfile.TemporaryDirectory[str] | None = None

    def add(self, text_no: int, anchors: Sequence[str], texts: Sequence[str],
            postings: str) -> None:
        """One text: its passages' anchors and reading text, and their ``text_words``."""
        base = self.passages
        for anchor, text in zip(anchors, texts, strict=True):
            if not self.chunk:
                self.starts.append(self.passages)
            piece = _js([text_no, anchor, text])
            self.chunk.append(piece)
            self.chunk_size += len(piece)
            self.passages += 1
            if self.chunk_size >= CHUNK_BYTES:
                self._write_chunk()
        last, held = self.last, self.held
        for line in postings.split("\n") if postings else ():
            w, first, end, diffs = line.split("\t")
            start = base + int(first)
            before = last.get(w)
            head = str(start if before is None else start - before)
            piece = f"{head},{diffs}" if diffs else head
            got = held.get(w)
            if got is None:
                held[w] = [piece]
            else:
                got.append(piece)
            last[w] = base + int(end)
            self.held_bytes += len(piece) + 1
        if self.held_bytes > self.spill_bytes:
            self._spill()

    def _write_chunk(self) -> None:
        n = len(self.starts) - 1
        body = f"TEIEDITION_SEARCH.chunk({n},[{','.join(self.chunk)}]);\n"
        self.write(chunk_file(n), body.encode("utf-8"))
        self.chunk, self.chunk_size = [], 0

    def _bucket(self, key: str) -> int:
        return zlib.crc32(key.encode("utf-8")) % _BUCKETS

    def _spill(self) -> None:
        """Append the held postings to the bucket files (a shard is in one bucket)."""
        if self.tmp is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="teiedition-search-")
        by_bucket: dict[int, list[str]] = {}
        for w, pieces in self.held.items():
            by_bucket.setdefault(self._bucket(shard_key(w)), []).append(
                f"{w}\t{','.join(pieces)}\n")
        for b, lines in by_bucket.items():
            with open(Path(self.tmp.name) / f"{b}", "a", encoding="utf-8") as fh:
                fh.writelines(lines)
        self.held, self.held_bytes = {}, 0

    def _shards_of(self, held: dict[str, list[str]]) -> Iterable[tuple[str, list[str]]]:
        by_key: dict[str, list[str]] = {}
        for w in sorted(held):
            by_key.setdefault(shard_key(w), []).append(w)
        for key, ws in by_key.items():
            yield key, [f"{_js(w)}:[{','.join(held[w])}]" for w in ws]

    def _write_shards(self, held: dict[str, list[str]], keys: list[str]) -> None:
        for key, entries in self._shards_of(held):
            body = f"TEIEDITION_SEARCH.shard({_js(key)},{{{','.join(entries)}}});\n"
            self.write(shard_file(key), body.encode("utf-8"))
            keys.append(key)

    def finish(self, texts: list[object], names: list[object]) -> None:
        """Write the last chunk, the shards and ``search-index.js`` (texts, register names)."""
        if self.chunk:
            self._write_chunk()
        keys: list[str] = []
        if self.tmp is None:
            self._write_shards(self.held, keys)
        else:
            self._spill()
            for b in range(_BUCKETS):
                path = Path(self.tmp.name) / f"{b}"
                if not path.exists():
                    continue
                held: dict[str, list[str]] = {}
                with open(path, encoding="utf-8") as fh:
                    for line in fh:
                        w, _, pieces = line.rstrip("\n").partition("\t")
                        held.setdefault(w, []).append(pieces)
                os.unlink(path)
                self._write_shards(held, keys)
            self.tmp.cleanup()
            self.tmp = None
        self.held = {}
        index = {"texts": texts, "names": names, "separators": SEPARATORS,
                 "passages": self.passages, "chunks": self.starts, "shards": sorted(keys)}
        self.write("search-index.js",
                   f"window.TEIEDITION_INDEX = {_js(index)};\n".encode())


def search_files(texts: Sequence[tuple[Sequence[str], Sequence[str]]], meta_json: str,
                 write: Write) -> None:
    """The whole index of ``texts`` (each: its passages' anchors and reading text) and the
    stylesheet's ``meta_json`` (texts, register names), through ``write``."""
    meta = json.loads(meta_json)
    writer = IndexWriter(write)
    for t, (anchors, passages) in enumerate(texts):
        writer.add(t, anchors, passages, text_words(passages))
    writer.finish(meta["texts"], meta["names"])
