"""The HTML edition's search index, in shards that search.html loads only when a query needs
them, so a query costs what it finds, not the size of the edition.

Files (all ``<script>`` files that call a global, so the edition works from ``file://``):

- ``search-index.js``: the texts, the register's names, the word separators, the number of
  passages, where each passage chunk begins, the shards' keys and those with a rest (small:
  no passage text);
- ``search/c<N>.js``: passage chunks (text number, anchor, reading text) of ~``CHUNK_BYTES``,
  loaded for the results shown;
- ``search/<key>.js``: a shard: the words that begin with ``key`` (lower-cased; or with one of
  its keys, for a shard of several, named by the first), as one block per text that has such
  words: ``[first passage of the text, {word: passages}]`` (the passages' numbers within the
  text, ascending, as differences). A shard of more than ``HEAD_BYTES`` holds the blocks of
  its first texts up to that size and the number of the first passage it does not cover;
  ``search/<key>.r.js`` holds the rest. So the first results of a query, which are the first
  passages that match, need only the heads of its shards: search.js requests the rests with
  the heads and lists the first results from the heads when they hold a screenful below the
  passage they all cover, then the count and the results after once the rests are there.

A shard's key is a word's first two characters; where the words of such a key hold more than
``SHARD_BYTES`` of postings (common beginnings such as "st", "de", "för" in a large edition),
they are split by the next character instead, and so on, the small keys of a split packed
into shards of up to ``SHARD_BYTES`` (so a short query word loads a few files, not dozens): a
shard holds at most ``SHARD_BYTES`` unless it is a single word (whose passages are all in its
shard), so a query loads and scans shards of bounded size for every word but the most
common. Keys are so chosen that a word is in exactly one shard, and a query word needs the
shards with a key that begins with it or with which it begins (``shards_for``; search.js
applies the same rule).

A text's words and their passages are found once, in the worker that renders the text
(``text_words``, already as the shards' JSON, one line per three-character key);
``IndexWriter`` joins the texts' blocks in edition order, which is copying, and holds at most
``SPILL_BYTES`` of them before it moves them to bucket files on disk: its memory does not
grow with the number of texts.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from itertools import accumulate
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from operator import sub
from pathlib import Path

try:  # built with the package (C); the same rule in Python where it is not
    from . import _words
except ImportError:  # pragma: no cover - a build without a C compiler
    _words = None  # type: ignore[assignment]

#: JavaScript's ``\s`` (what search.js used to split on) and the punctuation that separates
#: words; search.js reads this string from search-index.js: one place for the rule.
WHITESPACE = ("\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
              "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
PUNCT = ".,;:!?¡¿\"'`´’‘”“„‚»«›‹()[]{}<>—–‐‑-−…*/\\|_~^+=#%&@$§¶•·°†‡"
SEPARATORS = WHITESPACE + PUNCT
_SPLIT = re.compile(f"[{re.escape(SEPARATORS)}]+")
_WORD = re.compile(f"[^{re.escape(SEPARATORS)}]+")

#: bytes of passage text in one chunk file
CHUNK_BYTES = 48 * 1024
#: bytes of postings held in memory before they go to the bucket files
SPILL_BYTES = 48 * 2**20
#: bytes of postings above which a shard's words go to shards of one more character
SHARD_BYTES = 160 * 1024
#: bytes of a shard's first texts' postings in its head file; the rest of a larger shard is in
#: a second file (``rest_file``), so the first results of a query need only the heads
HEAD_BYTES = 24 * 1024
_BUCKETS = 64

Write = Callable[[str, bytes], None]


def shard_key(word: str) -> str:
    """The finest key a word's shard can have: its first three characters (a shard of two is
    made of those of its three-character keys, see ``IndexWriter``)."""
    return word[:3]


def shard_file(key: str) -> str:
    """``search/<code points in hex>.js``: a safe name for any key."""
    return "search/" + "-".join(f"{ord(c):x}" for c in key) + ".js"


#: joins the keys of a shard that holds several (a space: no key holds one)
KEY_JOIN = " "
#: ends a key that is one word, not the beginning of words ("o$": the word "o" alone, which
#: "och" does not need; a separator: no word holds one)
EXACT = "$"


def rest_file(key: str) -> str:
    """The rest of the shard ``shard_file(key)`` beyond its head (``HEAD_BYTES``)."""
    return shard_file(key)[:-3] + ".r.js"


def shards_for(token: str, shards: Sequence[str]) -> list[str]:
    """The shards a query word needs (``shards``: their names in the index, a shard's keys
    joined by ``KEY_JOIN``): every word that begins with ``token`` is in one of them (a key is
    a prefix of its words, or one word, ``EXACT``). search.js has the same rule."""
    def needs(k: str) -> bool:
        if k.endswith(EXACT):
            return k[:-1].startswith(token)
        return k.startswith(token) or token.startswith(k)

    return [s for s in shards if any(map(needs, s.split(KEY_JOIN)))]


def chunk_file(n: int) -> str:
    return f"search/c{n}.js"


def text_words(texts: Sequence[str]) -> str:
    """A text's part of the shards, one line per ``shard_key``: ``key TAB "word":[passages],
    …`` (the members of a JSON object as a script holds them; each word's passage numbers
    within the text, ascending, as differences from the one before, the first from 0).
    Sorted, so the same text gives the same bytes.

    A passage's words are what search.js sees: the passage lower-cased (as JavaScript's
    toLowerCase does), split at white space and punctuation (``_passage_words``); numbers
    written once. The compiled module ``_words`` makes the lines in one pass over the text
    (a third of the time: no Python object per word or passage); ``_postings`` of
    ``_passage_words`` is the same rule in Python, where the module is not built.
    """
    if _words is not None and texts:
        joined = "\x00".join(texts).lower()
        if joined.count("\x00") == len(texts) - 1:  # no NUL of the text's own
            return js_safe(_words.postings(joined, len(texts), SEPARATORS))
    return js_safe(_postings(_passage_words(texts), len(texts)))


def _postings(passages: Sequence[Sequence[str]], count: int) -> str:
    """``text_words``'s lines (before ``js_safe``) from each passage's words."""
    post: dict[str, list[int]] = {}
    get = post.get
    for n, words in enumerate(map(set, passages)):
        for w in words:
            got = get(w)
            if got is None:
                post[w] = [n]
            else:
                got.append(n)
    number = list(map(str, range(count + 1))).__getitem__
    join = ",".join
    lines: list[str] = []
    key, members = None, []
    for w in sorted(post):
        ns = post[w]
        if len(ns) > 1:
            ns[1:] = map(sub, ns[1:], ns)
        k = shard_key(w)
        if k != key:
            if members:
                lines.append(f"{key}\t{join(members)}")
            key, members = k, []
        members.append(f"{_string(w)}:[{join(map(number, ns))}]")
    if members:
        lines.append(f"{key}\t{join(members)}")
    return "\n".join(lines)


#: the separators that ``str.split()`` does not split at (punctuation, U+FEFF)
_NOT_SPLIT = tuple(c for c in SEPARATORS if not c.isspace())
#: the white space ``str.split()`` splits at that is no separator (tested)
SPLIT_ONLY = "\x1c\x1d\x1e\x1f\x85"


def _prepared(texts: Sequence[str]) -> str | None:
    """The passages joined with NUL (which XML text cannot hold), lower-cased, each separator
    that occurs replaced by a space: their words are what ``str.split`` finds; ``None`` where
    the text holds a NUL or white space that is no separator (the pattern must find them)."""
    joined = "\x00".join(texts).lower()
    if joined.count("\x00") != len(texts) - 1 or any(c in joined for c in SPLIT_ONLY):
        return None
    for c in _NOT_SPLIT:
        if c in joined:
            joined = joined.replace(c, " ")
    return joined


def _passage_words(texts: Sequence[str]) -> list[list[str]]:
    """The words of each passage, as ``_WORD`` finds them in the passage lower-cased: split
    at white space by ``str.split`` after ``_prepared`` (a third faster than the pattern);
    the pattern where ``_prepared`` cannot be used."""
    joined = _prepared(texts)
    if joined is None:
        return [_WORD.findall(t.lower()) for t in texts]
    return list(map(str.split, joined.split("\x00")))


def passage_pieces(anchors: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Each passage as a chunk file holds it, less its text number: ``"anchor","text"]``
    (JSON; no piece holds a line end, JSON escapes it)."""
    return list(map('{},{}]'.format, map(_string, anchors), map(_string, texts)))


def encoded_pieces(anchors: Sequence[str], texts: Sequence[str]) -> tuple[bytes, list[int]]:
    """The passages' ``passage_pieces`` as a chunk file's bytes hold them (``js_safe``, UTF-8,
    one a line) and each piece's length in characters before ``js_safe`` (what a chunk's size
    counts): the join copies them into the chunks without decoding them. ``js_safe`` of a
    piece is the same alone or in its chunk (a piece begins with a quote and ends with a
    bracket: no ``</`` spans two)."""
    pieces = passage_pieces(anchors, texts)
    joined = "\n".join(pieces)
    data = joined.encode("utf-8")
    if any(u in data for u in _UNSAFE):  # rare: a quick search of the bytes first
        data = js_safe(joined).encode("utf-8")
    return data, list(map(len, pieces))


def raw_pieces(anchors: Sequence[str], raw: Sequence[str]) -> tuple[bytes, Sequence[int]]:
    """``encoded_pieces`` of the passages whose text is ``raw`` before its white space is
    normalised (``html.raw_search_texts``): the compiled module normalises it as it writes
    the pieces (one pass, no list of normalised passages); else ``html.normalize_spaces``."""
    if _words is not None and len(raw) == len(anchors):
        ja, jt = "\x00".join(anchors), "\x00".join(raw)
        if ja.count("\x00") == jt.count("\x00") == max(len(raw) - 1, 0):  # no NUL of theirs
            got = _words.pieces(ja, jt, len(raw))
            if got is not None:
                lengths = array("I")
                lengths.frombytes(got[1])
                return got[0], lengths
    from .html import normalize_spaces

    return encoded_pieces(anchors, normalize_spaces(list(raw)))


#: what ``js_safe`` replaces, and with what (_words.c's put_json_char has the same rule)
_JS_ESCAPES = (("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("</", "<\\/"))
#: the same as UTF-8 bytes: text without them is safe as it is (``encoded_pieces``)
_UNSAFE = tuple(unsafe.encode() for unsafe, _ in _JS_ESCAPES)


def js_safe(json_text: str) -> str:
    """JSON as a script holds it: a JS string never ends the script early (``</``) or breaks
    a line (U+2028, U+2029), whatever the text holds."""
    for unsafe, escaped in _JS_ESCAPES:
        json_text = json_text.replace(unsafe, escaped)
    return json_text


_string = encode_basestring  # a JSON string (what json.dumps makes of a str)


def _js(value: object) -> str:
    return js_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


_MEMBER = re.compile(r'"([^"]*)":\[[^\]]*\]')


def _by_longer_key(blocks: list[str], n: int) -> dict[str, list[str]]:
    """``blocks`` (``base TAB members``) as one block per word, by the word's first ``n``
    characters, in the blocks' order (a word holds no quote or bracket: they separate words,
    so each member is ``"word":[numbers]``)."""
    out: dict[str, list[str]] = {}
    for block in blocks:
        base, _, members = block.partition("\t")
        for m in _MEMBER.finditer(members):
            word = json.loads(f'"{m[1]}"')
            out.setdefault(word[:n], []).append(f"{base}\t{m[0]}")
    return out


class IndexWriter:
    """Writes the index of an edition, text after text, through ``write(name, bytes)``.

    ``add`` a text's passages (anchor, reading text) and its ``text_words``, in edition
    order; ``finish`` writes the shards and ``search-index.js``. Chunks are written as they
    fill. ``shard_bytes``, ``head_bytes``: see ``SHARD_BYTES``, ``HEAD_BYTES``.
    """

    def __init__(self, write: Write, spill_bytes: int = SPILL_BYTES,
                 shard_bytes: int | None = None, head_bytes: int | None = None) -> None:
        self.write = write
        self.spill_bytes = spill_bytes
        self.shard_bytes = SHARD_BYTES if shard_bytes is None else shard_bytes
        self.head_bytes = HEAD_BYTES if head_bytes is None else head_bytes
        self.rests: list[str] = []  # the shards written as a head and a rest
        self.passages = 0
        self.chunk: list[bytes] = []  # the open chunk's runs of pieces, one per text
        self.chunk_size = 0
        self.starts: list[int] = []
        self.held: dict[str, list[str]] = {}  # shard_key -> "base TAB members" so far
        self.held_bytes = 0
        self.tmp: tempfile.TemporaryDirectory[str] | None = None

    def add(self, text_no: int, anchors: Sequence[str], texts: Sequence[str],
            postings: str) -> None:
        """One text: its passages' anchors and reading text, and their ``text_words``."""
        self.add_encoded(text_no, *encoded_pieces(anchors, texts), postings)

    def add_encoded(self, text_no: int, units: bytes, lengths: Sequence[int],
                    postings: str) -> None:
        """One text: its passages as ``encoded_pieces`` gave them (a worker made them: the
        join copies their bytes into chunks, cut by the pieces' lengths), and their
        ``text_words``."""
        base = self.passages
        pieces = units.split(b"\n") if units else []
        if len(pieces) != len(lengths):
            raise ValueError(f"{len(pieces)} passages but {len(lengths)} lengths")
        head = b"[%d," % text_no
        sep = b"," + head
        # the open chunk's size after each piece, as if none ended: a chunk ends with the
        # piece that brings it to CHUNK_BYTES (found by bisection), the next counts from there
        after = list(accumulate(map(len(head).__add__, lengths), initial=self.chunk_size))
        ended, i, n = 0, 0, len(pieces)
        while i < n:
            if not self.chunk:
                self.starts.append(base + i)
            k = bisect_left(after, ended + CHUNK_BYTES, i + 1)
            if k > n:  # the chunk stays open for the next text
                self.chunk.append(head + sep.join(pieces[i:]))
                self.chunk_size = after[n] - ended
                break
            self.chunk.append(head + sep.join(pieces[i:k]))
            self._write_chunk()
            ended, i = after[k], k
        self.passages += n
        held = self.held
        get = held.get
        # "key TAB members" lines: keys and members alternate once the line ends are tabs
        # (neither holds a tab: a key is a word's beginning, JSON escapes one in a word)
        fields = postings.replace("\n", "\t").split("\t") if postings else []
        blocks = list(map(f"{base}\t".__add__, fields[1::2]))
        for key, block in zip(fields[0::2], blocks, strict=True):
            got = get(key)
            if got is None:
                held[key] = [block]
            else:
                got.append(block)
        self.held_bytes += sum(map(len, blocks))
        if self.held_bytes > self.spill_bytes:
            self._spill()

    def _write_chunk(self) -> None:
        """The open chunk's file (its pieces are ``js_safe`` already)."""
        n = len(self.starts) - 1
        self.write(chunk_file(n), b"TEIEDITION_SEARCH.chunk(%d,[%s]);\n"
                   % (n, b",".join(self.chunk)))
        self.chunk, self.chunk_size = [], 0

    def _spill(self) -> None:
        """Append the held blocks to the bucket files (the keys of a two-character beginning
        are in one bucket: its shards are chosen together)."""
        if self.tmp is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="teiedition-search-")
        by_bucket: dict[int, list[str]] = {}
        for key, blocks in self.held.items():
            b = zlib.crc32(key[:2].encode("utf-8")) % _BUCKETS
            by_bucket.setdefault(b, []).extend(f"{key}\t{block}\n" for block in blocks)
        for b, lines in by_bucket.items():
            with open(Path(self.tmp.name) / f"{b}", "a", encoding="utf-8") as fh:
                fh.writelines(lines)
        self.held, self.held_bytes = {}, 0

    def _write_shards(self, held: dict[str, list[str]], keys: list[str]) -> None:
        """The shards of ``held`` (``shard_key`` -> its blocks in edition order), one group
        per two-character beginning (``_write_group``)."""
        groups: dict[str, dict[str, list[str]]] = {}
        for key in sorted(held):
            groups.setdefault(key[:2], {})[key] = held[key]
        for short, by_key in groups.items():
            self._write_group(short, by_key, keys)

    def _write_group(self, prefix: str, by_key: dict[str, list[str]], keys: list[str]) -> None:
        """The words that begin with ``prefix`` (``by_key``: their blocks by their first
        ``len(prefix) + 1`` characters, or the word ``prefix`` itself): one shard if they hold
        at most ``shard_bytes``; else their keys in order, packed into shards of at most
        ``shard_bytes`` (a shard of several keys: ``KEY_JOIN``), a key that alone holds more
        split the same way by one more character, down to single words (a word alone is one
        shard, however long its passages)."""
        def size(blocks: list[str]) -> int:
            return sum(map(len, blocks))

        alone = list(by_key) == [prefix]  # the word ``prefix`` and no longer one
        if alone or size([b for blocks in by_key.values() for b in blocks]) <= self.shard_bytes:
            self._write_shard([prefix + EXACT if alone else prefix],
                              [b for blocks in by_key.values() for b in blocks], keys)
            return
        pack: list[str] = []
        held: list[str] = []
        held_size = 0
        for key, blocks in by_key.items():
            n = size(blocks)
            if n > self.shard_bytes and key != prefix:
                self._write_group(key, _by_longer_key(blocks, len(key) + 1), keys)
                continue
            if pack and held_size + n > self.shard_bytes:
                self._write_shard(pack, held, keys)
                pack, held, held_size = [], [], 0
            pack.append(key + EXACT if key == prefix else key)
            held.extend(blocks)
            held_size += n
        if pack:
            self._write_shard(pack, held, keys)

    def _write_shard(self, pack: list[str], blocks: list[str], keys: list[str]) -> None:
        """One shard, of the keys ``pack``: its blocks (``base TAB members``) joined into one
        per text, in edition order (a text's members come sorted by key, so its words stay
        sorted); its name in the index is the keys joined with ``KEY_JOIN``."""
        by_text: dict[int, list[str]] = {}
        for block in blocks:
            base, _, members = block.partition("\t")
            by_text.setdefault(int(base), []).append(members)
        texts = [f"[{base},{{{','.join(m)}}}]" for base, m in sorted(by_text.items())]
        name = KEY_JOIN.join(pack)
        # the head: the first texts' blocks up to head_bytes (one at least); the rest, if any,
        # in a file of its own, loaded when the first results are listed (or when the head
        # holds too few of them)
        size, cut = 0, 0
        while cut < len(texts) and (cut == 0 or size + len(texts[cut]) <= self.head_bytes):
            size += len(texts[cut])
            cut += 1
        head = ",".join(texts[:cut])
        if cut == len(texts):
            call = f"TEIEDITION_SEARCH.shard({_js(name)},[{head}]);\n"
        else:
            call = f"TEIEDITION_SEARCH.shard({_js(name)},[{head}],{sorted(by_text)[cut]});\n"
            self.write(rest_file(pack[0]), f"TEIEDITION_SEARCH.rest({_js(name)},"
                       f"[{','.join(texts[cut:])}]);\n".encode())
            self.rests.append(name)
        self.write(shard_file(pack[0]), call.encode())
        keys.append(name)

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
                        key, _, block = line.rstrip("\n").partition("\t")
                        held.setdefault(key, []).append(block)
                os.unlink(path)
                self._write_shards(held, keys)
            self.tmp.cleanup()
            self.tmp = None
        self.held = {}
        index = {"texts": texts, "names": names, "separators": SEPARATORS,
                 "passages": self.passages, "chunks": self.starts, "shards": sorted(keys),
                 "rests": sorted(self.rests)}
        self.write("search-index.js", f"window.TEIEDITION_INDEX = {_js(index)};\n".encode())
