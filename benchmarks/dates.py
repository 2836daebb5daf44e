"""Throughput of ``entities.dates.find_dates``: words per second on one core.

Text: the reading text of the Swedish ELTeC novels in ../shared/corpora/eltec-swe (if present)
and the sample, repeated to about ``--mb`` megabytes, searched once as a whole and once as
paragraphs (how ``encode`` calls it), then with each other language's grammar on the same
text (its compile time apart), and each new grammar on newspaper prose of its own language.
Prints figures only; the target is that dates cost a small part
of the 20,000 words/s budget of the whole ``encode``.

First it scores year inference on the letters of tests/data/dates/letters (Swedish, English,
German, French; each encoded as ``encode`` does it, its date line the anchor): the share of
dates whose ISO value is the one in ``gold.tsv``, for dev/ (tuned on) and heldout/ (not).
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
# run as a script, this folder comes first on sys.path; its html.py would shadow the stdlib
# (teiedition imports html.entities): drop it before teiedition is imported
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from teiedition.entities.dates import find_dates  # noqa: E402
from teiedition.resources import sample_path  # noqa: E402

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


LETTERS = ROOT / "tests" / "data" / "dates" / "letters"


def score_letters(root: Path = LETTERS, chunk_chars: int | None = None
                  ) -> dict[str, tuple[int, int, list[str]]]:
    """For each part (dev, heldout): (right, total, the wrong ones as messages).
    ``chunk_chars``: read each letter in chunks of that size, as the streaming encoder
    reads a long text (its date line then stands in another chunk than most dates)."""
    from teiedition.encode import encode_bytes

    gold: dict[str, list[tuple[str, str]]] = {}
    for line in (root / "gold.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "file\t")) or not line.strip():
            continue
        file, text, value = line.split("\t")
        gold.setdefault(file, []).append((text, value))
    out: dict[str, tuple[int, int, list[str]]] = {}
    for file, wanted in sorted(gold.items()):
        kw = {} if chunk_chars is None else {"chunk_chars": chunk_chars}
        tree = encode_bytes((root / file).read_bytes(), file, **kw).tree
        found = [("".join(d.itertext()), d.get("when") or f"{d.get('from')}/{d.get('to')}")
                 for d in tree.iter(f"{TEI}date") if d.getparent().tag != f"{TEI}docDate"
                 and d.get("resp")]
        part = file.split("/")[0]
        right, total, wrong = out.get(part, (0, 0, []))
        for text, value in wanted:
            hit = next((i for i, (t, _v) in enumerate(found) if text in t), None)
            got = "not marked" if hit is None else found.pop(hit)[1]
            total += 1
            if got == value:
                right += 1
            else:
                wrong.append(f"{file}: {text!r}: {got}, not {value}")
        out[part] = (right, total, wrong)
    return out


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
    for how, chunk in (("", None), (", read in chunks of 400 characters", 400)):
        for part, (right, total, wrong) in score_letters(chunk_chars=chunk).items():
            print(f"letters {part}{how}: {right}/{total} dates with the right value "
                  f"({100 * right / total:.1f} %)")
            for w in wrong:
                print(f"  {w}")
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
