"""Names in texts of other languages than the recogniser's: what a first encode marks.

Encodes the German, French and English ELTeC novels of ../shared/corpora/eltec-other (their
body's paragraphs and heads, blank lines between) without a register, as a new edition
would, and prints per novel the mentions, the distinct forms, the most frequent forms, and
the mentions of forms that are lower case or among the language's commonest words (wordfreq
Zipf >= 5.5 and no place): these should be none. Whether the rest are names is judged by
hand (README: a sample of 100 mentions).

    python benchmarks/names_languages.py [--top 15] [--quick]

``--quick``: the four 30,000-character excerpts of tests/data/entities/eltec instead.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# run as a script, this folder comes first on sys.path; its html.py would shadow the stdlib
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
CORPUS = ROOT.parent / "shared" / "corpora" / "eltec-other"
EXCERPTS = ROOT / "tests" / "data" / "entities" / "eltec"
TEI = "{http://www.tei-c.org/ns/1.0}"


def novel_text(path: Path) -> str:
    """The body's paragraphs, heads and verse lines of an ELTeC novel, as plain text."""
    from lxml import etree

    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    body = tree.find(f".//{TEI}body")
    out = [" ".join("".join(el.itertext()).split())
           for el in body.iter(TEI + "p", TEI + "head", TEI + "l")]
    return "\n\n".join(t for t in out if t) + "\n"


def texts(quick: bool) -> list[tuple[str, str]]:
    if quick or not CORPUS.is_dir():
        return [(p.name, gzip.decompress(p.read_bytes()).decode())
                for p in sorted(EXCERPTS.glob("*.txt.gz"))]
    return [(p.stem, novel_text(p)) for p in sorted(CORPUS.glob("*.xml"))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--quick", action="store_true", help="the test excerpts (CI)")
    args = ap.parse_args()
    from teiedition.encode import encode_bytes
    from teiedition.entities.gazetteer import lookup_place
    from teiedition.entities.usage import zipf

    total = bad_total = 0
    for name, text in texts(args.quick):
        t0 = time.process_time()
        r = encode_bytes(text.encode(), f"{name}.txt", register=None)
        cpu = time.process_time() - t0
        lang = r.document.language
        body = r.tree.getroot().find(TEI + "text")
        forms: Counter[str] = Counter()
        for tag in ("persName", "placeName", "orgName"):
            for el in body.iter(TEI + tag):
                forms[f"{tag[:-4]}:{''.join(el.itertext())}"] += 1
        bad = {f: n for f, n in forms.items() if (w := f.split(":", 1)[1])[:1].islower()
               or (" " not in w and zipf(w.lower(), lang) >= 5.5 and lookup_place(w) is None)}
        n = sum(forms.values())
        total += n
        bad_total += sum(bad.values())
        words = len(text.split())
        print(f"{name} ({lang}, {words:,} words, {words / cpu:,.0f} words/s CPU): {n} mentions,"
              f" {len(forms)} forms; lower case or commonest words: {sum(bad.values())}"
              + (f" {dict(Counter(bad).most_common(5))}" if bad else ""))
        print("   " + "; ".join(f"{f} {c}" for f, c in forms.most_common(args.top)))
    print(f"all: {total} mentions, {bad_total} of them lower case or commonest words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
