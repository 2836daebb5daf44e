"""Word clusters learned from unlabelled text, as bit-string paths (features for the CRF).

A labelled corpus of a few thousand sentences names few organisations; unlabelled text says
which words behave alike (``förbundet`` and ``föreningen``, ``Uleåborg`` and ``Tammerfors``).
``build_clusters`` learns that at training time from plain Swedish text (the ELTeC novels and
the training sentences with their labels unused) and writes one compact table beside the model;
``load_clusters`` reads it. The method is Brown-style in its output (a binary tree over the
vocabulary, each word a bit string whose prefixes are coarser clusters) and spectral in how the
tree is found, so it is exact, fast and deterministic with numpy alone:

1. each word of the vocabulary (count >= ``min_count``) gets the counts of its left and right
   neighbours among the most frequent words; positive PMI, then a truncated SVD (through the
   eigenvectors of the small context-by-context matrix) gives a dense vector per word;
2. the vectors are split recursively in two (principal direction of the node, refined by a few
   2-means steps from that split): the path of left/right choices is the word's bit string.

Words are keyed by ``cluster_key``: lowercase, soft hyphens dropped, old spelling modernised
(``ſ``/``w``/``hv``/``fv`` -> ``s``/``v``), so an OCR page's ``Fabriksförening`` and a novel's
``fabriksförening`` share a row. The table is sorted and gzipped with a fixed mtime: the same
text gives the same bytes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from .tables import read_table, write_table

__all__ = ["CLUSTERS_FILE", "build_clusters", "load_clusters", "cluster_key", "write_clusters"]

CLUSTERS_FILE = "clusters.tsv.gz"
_HEADER = "teiedition-clusters 1\n"

_OLD = (("ß", "ss"), ("ſ", "s"), ("w", "v"), ("hv", "v"), ("fv", "v"), ("qv", "kv"))


def cluster_key(word: str) -> str:
    """The form a word is clustered and looked up by (lowercase, modern spelling)."""
    low = word.replace("\u00ad", "").lower()
    for old, new in _OLD:
        if old in low:
            low = low.replace(old, new)
    return low


def build_clusters(
    sentences: Iterable[Sequence[str]],
    min_count: int = 3,
    contexts: int = 600,
    dims: int = 60,
    depth: int = 14,
    min_leaf: int = 4,
) -> dict[str, str]:
    """Word -> bit-string path learned from ``sentences`` (token lists); deterministic."""
    import numpy as np

    keyed = [[cluster_key(t) for t in s] for s in sentences]
    counts = Counter(k for s in keyed for k in s)
    # ties broken by the word itself, so the order never depends on the input's order
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    vocab = [w for w, c in ranked if c >= min_count and any(ch.isalpha() for ch in w)]
    if len(vocab) < 2:
        return {}
    index = {w: i for i, w in enumerate(vocab)}
    ctx_words = [w for w, _ in ranked[:contexts]]
    cindex = {w: i for i, w in enumerate(ctx_words)}
    nc = len(ctx_words)
    # context columns: left neighbour, right neighbour (sentence edges count as their own word)
    rows: list[int] = []
    cols: list[int] = []
    for s in keyed:
        padded = ["<s>", *s, "</s>"]
        for j in range(1, len(padded) - 1):
            i = index.get(padded[j])
            if i is None:
                continue
            left = cindex.get(padded[j - 1], nc if padded[j - 1] == "<s>" else -1)
            right = cindex.get(padded[j + 1], nc if padded[j + 1] == "</s>" else -1)
            if left >= 0:
                rows.append(i)
                cols.append(left)
            if right >= 0:
                rows.append(i)
                cols.append(nc + 1 + right)
    m = np.zeros((len(vocab), 2 * (nc + 1)), dtype=np.float64)
    np.add.at(m, (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)), 1.0)
    total = m.sum()
    pw = m.sum(axis=1, keepdims=True)
    pc = m.sum(axis=0, keepdims=True) ** 0.75  # context smoothing (as word2vec's sampling)
    pc = pc / pc.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * total / (pw @ pc))
    pmi[~np.isfinite(pmi)] = 0.0
    pmi = np.maximum(pmi, 0.0)
    # truncated SVD through the eigenvectors of the small (contexts x contexts) matrix
    vals, vecs = np.linalg.eigh(pmi.T @ pmi)
    order = np.argsort(vals)[::-1][:dims]
    vecs = vecs[:, order]
    # fix each eigenvector's sign (eigh may return either), so the paths are reproducible
    signs = np.sign(vecs[np.argmax(np.abs(vecs), axis=0), np.arange(vecs.shape[1])])
    vecs = vecs * np.where(signs == 0, 1.0, signs)
    emb = pmi @ vecs
    norms = np.linalg.norm(emb, axis=1, keepdims=True)
    emb = emb / np.where(norms == 0, 1.0, norms)

    paths = [""] * len(vocab)
    stack: list[tuple[np.ndarray, str]] = [(np.arange(len(vocab)), "")]
    while stack:
        members, prefix = stack.pop()
        if len(prefix) >= depth or len(members) < 2 * min_leaf:
            for i in members:
                paths[i] = prefix
            continue
        left = _split(emb[members])
        if left.all() or not left.any():
            for i in members:
                paths[i] = prefix
            continue
        stack.append((members[left], prefix + "0"))
        stack.append((members[~left], prefix + "1"))
    return {w: p for w, p in zip(vocab, paths, strict=True) if p}


def _split(x: object) -> object:
    """Two halves of the rows of ``x``: sign on the principal direction, then 2-means."""
    import numpy as np

    x = np.asarray(x)
    centred = x - x.mean(axis=0)
    # principal direction by power iteration from a fixed start (deterministic, cheap)
    v = np.ones(x.shape[1]) / np.sqrt(x.shape[1])
    for _ in range(30):
        v = centred.T @ (centred @ v)
        n = np.linalg.norm(v)
        if n == 0:
            break
        v /= n
    proj = centred @ v
    if proj.sum() < 0:  # orient by the bulk, so the bits are stable
        proj = -proj
    left = proj < 0
    for _ in range(5):
        if left.all() or not left.any():
            break
        a, b = x[left].mean(axis=0), x[~left].mean(axis=0)
        new = ((x - a) ** 2).sum(axis=1) < ((x - b) ** 2).sum(axis=1)
        if (new == left).all():
            break
        left = new
    return left


def write_clusters(table: dict[str, str], out_dir: Path) -> Path:
    """Write ``table`` as ``out_dir/clusters.tsv.gz`` (sorted, byte-reproducible)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / CLUSTERS_FILE
    keys = sorted(k for k in table if "\t" not in k and "\n" not in k)
    return write_table(path, _HEADER, "\n".join(f"{k}\t{table[k]}" for k in keys))


def load_clusters(path: Path) -> dict[str, str]:
    """Read a table written by ``write_clusters`` (word key -> bit-string path)."""
    body = read_table(path, _HEADER, "cluster table")
    if not body:
        return {}
    return dict(line.split("\t", 1) for line in body.split("\n"))
