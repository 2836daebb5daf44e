"""Throughput of ``entities.dates.find_dates``: words per second on one core.

Text: the reading text of the Swedish ELTeC novels in ../shared/corpora/eltec-swe (if present)
and the sample, repeated to about ``--mb`` megabytes, searched once as a whole and once as
paragraphs (how ``encode`` calls it), then with each other language's grammar on the same
text (its compile time apart), and each new grammar on newspaper prose of its own language.
Prints figures only; the target is that dates cost a small part
of the 20,000 words/s budget of the whole ``encode``.
"""

from __future__ import annotations

import argparse
import datetime
import re
import time
from pathlib import Path

from lxml import etree

from teiedition.entities.dates import find_dates
from teiedition.resources import sample_path

ROOT = Path(__file__).resolve().parents[1]
ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-swe"
TEI = "{http://www.tei-c.org/ns/1.0}"


def corpus() -> list[str]:
    paras: list[str] = []
    for path in sorted(ELTEC.glob("*.xml")) if ELTEC.is_dir() else []:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        for p in tree.iter(f"{TEI}p"):
            paras.append(" ".join("".join(p.itertext()).split()))
    sample = sample_path().read_text(encoding="utf-8")
    paras += [" ".join(b.split()) for b in re.split(r"\n[ \t]*\n", sample) if b.strip()]
    return paras


def timed(fn, *args):  # noqa: ANN001, ANN202
    """(result, CPU seconds): CPU time, because wall time on a shared machine lies."""
    t0 = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--quick", action="store_true", help="1 MB (CI smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.mb = 1.0
    base = corpus()
    size = sum(len(p) + 2 for p in base)
    paras = base * max(1, round(args.mb * 1_000_000 / size))
    text = "\n\n".join(paras)
    words = len(text.split())
    anchor = datetime.date(1937, 11, 2)
    print(f"text: {len(text) / 1e6:.1f} M characters, {words:,} words, {len(paras):,} paragraphs")

    _, load = timed(find_dates, "", "sv")  # compiles the Swedish patterns
    print(f"first call (compiles the patterns): {load * 1000:.0f} ms CPU")
    found, t = timed(find_dates, text, "sv", anchor)
    print(f"whole text: {t:.2f} s CPU, {words / t:,.0f} words/s, {len(found):,} dates")

    n, t = timed(lambda: sum(len(find_dates(p, "sv", anchor)) for p in paras))
    print(f"per paragraph: {t:.2f} s CPU, {words / t:,.0f} words/s, {n:,} dates")

    _, t = timed(find_dates, re.sub(r"\d", "x", text), "sv", anchor)
    print(f"whole text without digits: {words / t:,.0f} words/s")
    for lang in ("en", "de", "fr", "fi", "es", "it", "nl"):
        _, load = timed(find_dates, "", lang)
        _, t = timed(find_dates, text, lang, anchor)
        print(f"lang={lang} tables on the same text: {words / t:,.0f} words/s "
              f"(patterns compiled in {load * 1000:.0f} ms CPU)")
    own_language(args.mb / 5, anchor)


def own_language(mb: float, anchor: datetime.date) -> None:
    """Each new grammar on prose of its own language: the newspaper paragraphs of
    tests/test_dates_languages.py (dense with dates and numbers), repeated to ``mb`` MB."""
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.test_dates_languages import NEWSPAPER

    for lang, (para, _expected) in NEWSPAPER.items():
        text = "\n\n".join([para] * max(1, round(mb * 1_000_000 / (len(para) + 2))))
        words = len(text.split())
        found, t = timed(find_dates, text, lang, anchor)
        print(f"{lang} newspaper prose ({words:,} words): {words / t:,.0f} words/s, "
              f"{len(found):,} dates")


if __name__ == "__main__":
    main()
