"""Score an encoded TEI against a layout-suite answer key (``tests/data/layouts``).

The figures of issue 13, one function each, so that the tests and ``benchmarks/layouts.py``
measure the same thing:

- ``words``: difflib ratio of the reading text's words against the typeset words (every word
  in order and nothing else: page numbers and running heads in the text count against it);
- ``paragraph_f1``: where paragraphs begin (the word each starts with), ``p`` and ``item``
  against the key's paragraphs;
- ``heading_recall``: the key's heads that an encoded ``head`` covers (its first word lies in
  one), ``heading_precision``: encoded heads that fall on a key head;
- ``page_f1``: page breaks at the right word (a page that starts inside a word: that word) with
  the right ``@n`` where the page prints its number;
- ``hyphens``: line-end hyphens of the PDF whose word the reading text has right;
  ``owned_kept``: of those that belong to the word (``Four-Dimensional``), the share kept.

Words are compared without the quotation marks at their edges, also where punctuation
follows or precedes them (``heiß«,``: ``encode`` moves the marks into ``q/@rend``).
Run as a script: ``python -m tests.layout_score TEI KEY.json[.gz]``.
"""

from __future__ import annotations

import bisect
import difflib
import gzip
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from lxml import etree

from teiedition import TEI_NS, text

NS = {"t": TEI_NS}
QUOTES = "\"'“”„‟«»‹›‚‘’›‹"
PB_OPEN, PB_CLOSE = "\ue000", "\ue001"
PARAGRAPH_KINDS = ("p", "item")


@dataclass(slots=True)
class Score:
    words: float
    paragraph_f1: float
    heading_recall: float
    heading_precision: float
    page_f1: float
    hyphens: float
    owned_kept: float
    extra_words: int  # encoded words the key does not have (furniture, broken words)
    missing_words: int  # key words the encoding lost or changed
    pages_found: int
    pages_key: int

    def as_dict(self) -> dict:
        return asdict(self)


def load_key(path: Path) -> dict:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return json.loads(data)


_Q = "[" + re.escape(QUOTES) + "]+"
#: quotation marks at a word's edge, also where punctuation stands beyond them ("heiß«,")
_EDGE_QUOTES = re.compile(rf"^(\W*?){_Q}|{_Q}(\W*)$")


def _norm(word: str) -> str:
    return _EDGE_QUOTES.sub(lambda m: m.group(1) or m.group(2) or "", word).strip(QUOTES)


@dataclass(slots=True)
class _Encoded:
    words: list[str]
    blocks: list[tuple[str, int, int]]  # kind, first word, end
    pbs: list[tuple[int, str | None]]  # word index where the page starts, @n


def read_encoded(tree: etree._ElementTree | etree._Element) -> _Encoded:
    """The reading words of an encoded TEI with its blocks and page breaks (by word)."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    root = etree.fromstring(etree.tostring(root))  # a copy: page breaks become markers
    found = text.blocks(root)
    inside = {id(b) for b in found}
    every = list(root.iter())  # held, so that each element keeps its proxy (and id)
    order = {id(e): k for k, e in enumerate(every)}
    starts = sorted(order[id(b)] for b in found)
    by_order = {order[id(b)]: b for b in found}


    for pb in root.xpath("//t:text//t:pb", namespaces=NS):
        marker = f"{PB_OPEN}{pb.get('n', '')}{PB_CLOSE}"
        in_block = any(id(a) in inside for a in pb.iterancestors())
        if in_block:
            target_tail = marker + (pb.tail or "")
            prev = pb.getprevious()
            parent = pb.getparent()
            if prev is not None:
                prev.tail = (prev.tail or "") + target_tail
            else:
                parent.text = (parent.text or "") + target_tail
            parent.remove(pb)
        else:  # between blocks: the next block begins the page
            k = bisect.bisect_right(starts, order[id(pb)])
            if k < len(starts):
                b = by_order[starts[k]]
                b.text = marker + " " + (b.text or "")
    words: list[str] = []
    blocks: list[tuple[str, int, int]] = []
    pbs: list[tuple[int, str | None]] = []
    for b in found:
        kind = etree.QName(b).localname
        start = len(words)
        for tok in text.block_text(b).split():
            pending_end = False
            while PB_OPEN in tok:
                a = tok.index(PB_OPEN)
                z = tok.index(PB_CLOSE, a)
                n = tok[a + 1:z] or None
                before, tok = tok[:a], tok[:a] + tok[z + 1:]
                # a marker after the whole word: the page begins with the next word
                pending_end = pending_end or (bool(before) and not tok[a:])
                pbs.append((len(words) + (1 if pending_end else 0), n))
            w = _norm(tok)
            if w:
                words.append(w)
            elif pending_end:  # the word vanished (a lone quotation mark): fix the pb
                pbs[-1] = (len(words), pbs[-1][1])
        blocks.append((kind, start, len(words)))
    return _Encoded(words, blocks, pbs)


def _f1(tp: int, found: int, wanted: int) -> float:
    if not found and not wanted:
        return 1.0
    p = tp / found if found else 0.0
    r = tp / wanted if wanted else 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score(tree: etree._ElementTree | etree._Element, key: dict) -> Score:
    enc = read_encoded(tree)
    # the key's words without edge quotation marks; raw index -> normalised index
    key_words: list[str] = []
    to_norm: list[int] = []
    for w in key["words"]:
        to_norm.append(len(key_words))
        if (n := _norm(w)):
            key_words.append(n)
    to_norm.append(len(key_words))
    sm = difflib.SequenceMatcher(None, key_words, enc.words, autojunk=False)
    enc_to_key: dict[int, int] = {}
    key_to_enc: dict[int, int] = {}
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            enc_to_key[b + k] = a + k
            key_to_enc[a + k] = b + k
    matched = sorted(enc_to_key)


    def at_key(j: int) -> int:
        """The key word an encoded word index stands for (unmatched: the next matched)."""
        if j in enc_to_key:
            return enc_to_key[j]
        k = bisect.bisect_left(matched, j)
        return enc_to_key[matched[k]] if k < len(matched) else len(key_words)

    ratio = sm.ratio() if key_words or enc.words else 1.0
    matches = sum(size for _, _, size in sm.get_matching_blocks())

    key_p = {to_norm[b["start"]] for b in key["blocks"] if b["kind"] == "p"}
    enc_p = {at_key(s) for kind, s, e in enc.blocks if kind in PARAGRAPH_KINDS and e > s}
    paragraph_f1 = _f1(len(key_p & enc_p), len(enc_p), len(key_p))

    key_heads = [(to_norm[b["start"]], to_norm[b["end"]]) for b in key["blocks"]
                 if b["kind"] == "head"]
    enc_heads = [(at_key(s), at_key(e - 1) + 1) for kind, s, e in enc.blocks
                 if kind == "head" and e > s]
    covered = sum(1 for s, _ in key_heads if any(a <= s < z for a, z in enc_heads))
    on_head = sum(1 for a, _ in enc_heads if any(s <= a < z for s, z in key_heads))
    heading_recall = covered / len(key_heads) if key_heads else 1.0
    heading_precision = on_head / len(enc_heads) if enc_heads else 1.0

    pages = [p for p in key["pages"] if p["start"] is not None]
    wanted = {to_norm[p["start"]]: p for p in pages}
    tp = 0
    seen: set[int] = set()
    for j, n in enc.pbs:
        i = at_key(j)
        p = wanted.get(i)
        if p is None or i in seen:
            continue
        if p["printed"] and n != p["label"]:
            continue
        seen.add(i)
        tp += 1
    page_f1 = _f1(tp, len(enc.pbs), len(pages))

    hy = key["hyphens"]
    right = [to_norm[h["word"]] in key_to_enc for h in hy]
    owned = [r for h, r in zip(hy, right, strict=True) if h["owned"]]
    return Score(
        words=ratio,
        paragraph_f1=paragraph_f1,
        heading_recall=heading_recall,
        heading_precision=heading_precision,
        page_f1=page_f1,
        hyphens=sum(right) / len(right) if right else 1.0,
        owned_kept=sum(owned) / len(owned) if owned else 1.0,
        extra_words=len(enc.words) - matches,
        missing_words=len(key_words) - matches,
        pages_found=len(enc.pbs),
        pages_key=len(pages),
    )


def paragraph_trace(extracted: str, key: dict) -> float:
    """The share of the key's paragraphs whose first line the extraction marks: indented
    further than the text's usual line start, or after a blank line. Poppler's default mode
    and pypdf keep neither; ``-layout`` keeps the indent, and blank lines where the page
    spaced the paragraphs widely enough."""
    lines = extracted.replace("\f", "\n").split("\n")
    lead = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    usual = sorted(lead)[len(lead) // 2] if lead else 0
    norm = [" ".join(ln.split()) for ln in lines]
    words = key["words"]
    marked = found = 0
    at = 0
    for b in key["blocks"]:
        if b["kind"] != "p" or b["end"] - b["start"] < 3:
            continue
        needle = " ".join(words[b["start"]:b["start"] + 3])
        for i in range(at, len(norm)):
            if norm[i].startswith(needle):
                found += 1
                indent = len(lines[i]) - len(lines[i].lstrip(" "))
                if indent > usual or (i > 0 and not norm[i - 1]):
                    marked += 1
                at = i + 1
                break
    return marked / found if found else 0.0


def main(argv: list[str]) -> int:
    from teiedition.xml import parse_file

    tree = parse_file(Path(argv[0]))
    s = score(tree, load_key(Path(argv[1])))
    print(json.dumps(s.as_dict(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
