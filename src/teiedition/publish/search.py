"""The HTML edition's search index, in shards that search.html loads only when a query needs
them, so a query costs what it finds, not the size of the edition.

Files (all ``<script>`` files that call a global, so the edition works from ``file://``):

- ``search-index.js``: the texts, the register's names, the word separators, the number of
  passages, where each passage chunk begins and the shards' keys (small: no passage text);
- ``search/c<N>.js``: passage chunks (text number, anchor, reading text) of ~``CHUNK_BYTES``,
  loaded for the results shown;
- ``search/<key>.js``: a shard: the words whose first two characters are ``key`` (lower-cased),
  as one block per text that has such words: ``[first passage of the text, {word: passages}]``
  (the passages' numbers within the text, ascending, as differences).

A query word matches the words that begin with it, so a word of two or more characters needs
one shard. A text's words and their passages are found once, in the worker that renders the
text (``text_words``, already as the shards' JSON); ``IndexWriter`` joins the texts' blocks in
edition order, which is copying, and holds at most ``SPILL_BYTES`` of them before it moves them
to bucket files on disk: its memory does not grow with the number of texts.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zlib
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import sub
from pathlib import Path

#: JavaScript's ``\s`` (what search.js used to split on) and the punctuation that separates
#: words; search.js reads this string from search-index.js: one place for the rule.
WHITESPACE = ("\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
PUNCT = ".,;:!?¡¿\"'`´’‘”“„‚»«›‹()[]{}<>—–‐‑-−…*/\\|_~^+=#%&@$§¶•·°†‡"
SEPARATORS = WHITESPACE + PUNCT
_SPLIT = re.compile(f"[{re.escape(SEPARATORS)}]+")

#: bytes of passage text in one chunk file
CHUNK_BYTES = 48 * 1024
#: bytes of postings held in memory before they go to the bucket files
SPILL_BYTES = 48 * 2**20
_BUCKETS = 64

Write = Callable[[str, bytes], None]


def shard_key(word: str) -> str:
    """The shard a word is in: its first two characters."""
    return word[:2]


def shard_file(key: str) -> str:
    """``search/<code points in hex>.js``: a safe name for any key."""
    return "search/" + "-".join(f"{ord(c):x}" for c in key) + ".js"


def chunk_file(n: int) -> str:
    return f"search/c{n}.js"


def text_words(texts: Sequence[str]) -> str:
    """A text's part of the shards, one shard key a line: ``key TAB {word: passages}`` (JSON
    as a script holds it; each word's passage numbers within the text, ascending, as
    differences from the one before, the first from 0). Sorted, so the same text gives the
    same bytes."""
    post: dict[str, list[int]] = {}
    split = _SPLIT.split
    for n, text in enumerate(texts):
        # a passage's words as search.js sees them: the whole passage lower-cased (as
        # JavaScript's toLowerCase does), split at white space and punctuation
        for w in set(split(text.lower())):
            got = post.get(w)
            if got is None:
                post[w] = [n]
            else:
                got.append(n)
    post.pop("", None)
    by_key: dict[str, list[str]] = {}
    for w, ns in sorted(post.items()):
        by_key.setdefault(shard_key(w), []).append(
            f"{_string(w)}:[{ns[0]}{',' if len(ns) > 1 else ''}"
            f"{','.join(map(str, map(sub, ns[1:], ns)))}]")
    return js_safe("\n".join(f"{k}\t{{{','.join(v)}}}" for k, v in by_key.items()))


def passage_pieces(anchors: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Each passage as a chunk file holds it, less its text number: ``"anchor","text"]``
    (JSON; no piece holds a line end, JSON escapes it)."""
    return list(map('{},{}]'.format, map(_string, anchors), map(_string, texts)))


def js_safe(json_text: str) -> str:
    """JSON as a script holds it: a JS string never ends the script early (``</``) or breaks
    a line (U+2028, U+2029), whatever the text holds."""
    return json_text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") \
        .replace("</", "<\\/")


_string = encode_basestring  # a JSON string (what json.dumps makes of a str)


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
        self.held: dict[str, list[str]] = {}  # shard key -> its blocks so far
        self.held_bytes = 0
        self.tmp: tempfile.TemporaryDirectory[str] | None = None

    def add(self, text_no: int, anchors: Sequence[str], texts: Sequence[str],
            postings: str) -> None:
        """One text: its passages' anchors and reading text, and their ``text_words``."""
        self.add_encoded(text_no, passage_pieces(anchors, texts), postings)

    def add_encoded(self, text_no: int, pieces: Sequence[str], postings: str) -> None:
        """One text: its passages as ``passage_pieces`` gave them (a worker made them: the
        join only copies), and their ``text_words``."""
        base = self.passages
        head = f"[{text_no},"
        extra = len(head)
        chunk, size, starts = self.chunk, self.chunk_size, self.starts
        for piece in pieces:
            if not chunk:
                starts.append(self.passages)
            chunk.append(head + piece)
            size += extra + len(piece)
            self.passages += 1
            if size >= CHUNK_BYTES:
                self.chunk_size = size
                self._write_chunk()
                chunk, size = self.chunk, 0
        self.chunk_size = size
        held = self.held
        for line in postings.split("\n") if postings else ():
            key, _, words = line.partition("\t")
            block = f"[{base},{words}]"
            got = held.get(key)
            if got is None:
                held[key] = [block]
            else:
                got.append(block)
            self.held_bytes += len(block)
        if self.held_bytes > self.spill_bytes:
            self._spill()

    def _write_chunk(self) -> None:
        n = len(self.starts) - 1
        body = js_safe(f"TEIEDITION_SEARCH.chunk({n},[{','.join(self.chunk)}]);\n")
        self.write(chunk_file(n), body.encode("utf-8"))
        self.chunk, self.chunk_size = [], 0

    def _spill(self) -> None:
        """Append the held blocks to the bucket files (a shard is in one bucket)."""
        if self.tmp is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="teiedition-search-")
        by_bucket: dict[int, list[str]] = {}
        for key, blocks in self.held.items():
            b = zlib.crc32(key.encode("utf-8")) % _BUCKETS
            by_bucket.setdefault(b, []).extend(f"{key}\t{block}\n" for block in blocks)
        for b, lines in by_bucket.items():
            with open(Path(self.tmp.name) / f"{b}", "a", encoding="utf-8") as fh:
                fh.writelines(lines)
        self.held, self.held_bytes = {}, 0

    def _write_shards(self, held: dict[str, list[str]], keys: list[str]) -> None:
        for key, blocks in held.items():
            body = f"TEIEDITION_SEARCH.shard({_js(key)},[{','.join(blocks)}]);\n"
            self.write(shard_file(key), body.encode("utf-8"))
            keys.append(key)

    def finish(self, texts: list[object], names: list[object]) -> None:
        """Write the last chunk, the shards and ``search-index.js`` (texts, register names)."""
        if self.chunk:
            self._write_chunk()
        keys: list[str] = []
        if self.tmp is None:
            self._write_shards(dict(sorted(self.held.items())), keys)
        else:
            self._spill()
            for b in range(_BUCKETS):
                path = Path(self.tmp.name) / f"{b}"
                if not path.exists():
                    continue
                held: dict[str, list[str]] = {}
                with open(path, encoding="utf-8") as fh:
                    for line in fh:
                        key, _, block = line.rstrip("\n").partition("\t")
                        held.setdefault(key, []).append(block)
                os.unlink(path)
                self._write_shards(dict(sorted(held.items())), keys)
            self.tmp.cleanup()
            self.tmp = None
        self.held = {}
        index = {"texts": texts, "names": names, "separators": SEPARATORS,
                 "passages": self.passages, "chunks": self.starts, "shards": sorted(keys)}
        self.write("search-index.js", f"window.TEIEDITION_INDEX = {_js(index)};\n".encode())


def search_files(texts: Sequence[tuple[Sequence[str], Sequence[str]]], meta_json: str,
                 write: Write) -> None:
    """The whole index of ``texts`` (each: its passages' anchors and reading text) and the
    stylesheet's ``meta_json`` (texts, register names), through ``write``."""
    meta = json.loads(meta_json)
    writer = IndexWriter(write)
    for t, (anchors, passages) in enumerate(texts):
        writer.add(t, anchors, passages, text_words(passages))
    writer.finish(meta["texts"], meta["names"])
