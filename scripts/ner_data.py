"""Read the two Swedish NER training sets into one BIO shape, and split them reproducibly.

Used by ``scripts/train_ner.py`` (training), ``benchmarks/ner.py`` (scores) and the tests.
Both sets are CC BY 4.0 (see src/teiedition/data/ner/README.md for the credit).

- ``swedish-ner-corpus`` (modern news, 2012): ``TOKEN LABEL`` lines, IO labels
  ``PER/ORG/LOC/MISC/0``. Converted to BIO (a run of one type is one entity); MISC dropped.
- ``newseye-sv`` (Finland-Swedish newspapers 1848–1918, OCR): HIPE-2022 TSV, coarse IOB labels
  ``pers/org/loc/prod/time`` (written ``B-PER`` etc. in this release). prod/time dropped.
  Person spans there include titles and descriptions (``Fru Alma Fohström``,
  ``kompositören Jean Sibelius``); our guidelines leave those outside the name, so the name is
  cut down to its trailing name-like tokens (see ``trim_person``).

The split is a pure function of the data plus ``ner_split.json`` (held-back NewsEye pages and
the hash buckets of modern sentences), so anyone can reproduce it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPLIT_FILE = Path(__file__).resolve().parent / "ner_split.json"
DEFAULT_DATA = REPO.parent / "shared" / "ner-train"
TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    labels: tuple[str, ...]  # BIO: O, B-PER, I-PER, ...
    domain: str  # "modern" | "historical"
    doc: str  # NewsEye document id, or "" for modern sentences
    index: int  # position in its corpus file (sentence number)


def split_config() -> dict:
    return json.loads(SPLIT_FILE.read_text(encoding="utf-8"))


def _bucket(tokens: tuple[str, ...], buckets: int) -> int:
    """Stable hash bucket of a sentence's text (identical sentences share a bucket)."""
    digest = hashlib.sha1(" ".join(tokens).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % buckets


def part_of(sent: Sentence, cfg: dict | None = None) -> str:
    """Which part of the split a sentence is in: ``train``, ``dev`` or ``test``."""
    cfg = cfg or split_config()
    if sent.domain == "historical":
        if sent.doc in cfg["newseye_test_docs"]:
            return "test"
        if sent.doc in cfg["newseye_dev_docs"]:
            return "dev"
        return "train"
    b = _bucket(sent.tokens, cfg["modern_buckets"])
    if b in cfg["modern_test_buckets"]:
        return "test"
    if b in cfg["modern_dev_buckets"]:
        return "dev"
    return "train"


# ----------------------------------------------------------------------------- modern


def read_modern(path: Path) -> Iterator[Sentence]:
    """swedish-ner-corpus/train_corpus.txt -> BIO sentences (MISC -> O)."""
    toks: list[str] = []
    labs: list[str] = []
    idx = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    yield Sentence(tuple(toks), tuple(_io_to_bio(labs)), "modern", "", idx)
                    idx += 1
                    toks, labs = [], []
                continue
            parts = line.rsplit(None, 1)
            if len(parts) != 2:
                continue
            tok, lab = parts
            toks.append(tok.strip())
            labs.append(lab if lab in TYPES else "O")
    if toks:
        yield Sentence(tuple(toks), tuple(_io_to_bio(labs)), "modern", "", idx)


def _io_to_bio(labels: list[str]) -> list[str]:
    out = []
    prev = "O"
    for lab in labels:
        if lab == "O":
            out.append("O")
        else:
            out.append(("I-" if prev == lab else "B-") + lab)
        prev = lab
    return out


# ----------------------------------------------------------------------------- NewsEye

_NE_MAP = {"pers": "PER", "per": "PER", "org": "ORG", "loc": "LOC"}
_PARTICLES = frozenset(
    """von af av de van der den la le du di da del della zu ten ter de' d' mac mc o' al el
    bin ibn""".split()  # noqa: SIM905
)
# Titles and functions written before names (modern and older spellings). General Swedish
# vocabulary; used only to cut titles out of the NewsEye person spans.
_TITLE_ENDINGS = tuple(
    """
    ör ören örer enten ent adjoint adjointen assistent assistenten professor professorn
    doktor doktorn fröken fru herr herrn herrar grefve grefven greve greven friherre
    friherrinnan baron baronen kapten kaptenen löjtnant löjtnanten general generalen pastor
    pastorn kyrkoherde kyrkoherden biskop biskopen kejsar kejsaren kejsarinnan konung
    konungen kung kungen drottning drottningen prins prinsen prinsessan hertig hertigen
    senator senatorn råd rådet rådman borgmästare borgmästaren konsul konsuln consul mamsell
    madame monsieur änkefru enkefru sekreterare sekreteraren ordförande ordföranden minister
    ministern president presidenten fältmarskalk amiral amiralen överste öfverste major
    majoren docent docenten lektor lektorn lärare läraren tenor tenoren sångerskan
    skådespelare skådespelerskan mäster hr hrr mr mrs miss dr prof fr frk sir lord lady st
    sankt s:t
    """.split()  # noqa: SIM905
)
_PUNCT_IN_NAME = frozenset({".", "-", "¬", "=", "'", "’"})


@cache
def _common_words() -> frozenset[str]:
    """Lowercase entries of the Swedish hunspell dictionary (common, not proper, words)."""
    import sys

    dic = Path(sys.prefix) / "share" / "hunspell" / "sv_SE.dic"
    words = set()
    if dic.exists():
        for line in dic.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
            w = line.split("/", 1)[0]
            if w and w[0].islower():
                words.add(w)
    return frozenset(words)


def _is_initial(tokens: list[str], k: int, end: int) -> bool:
    """``A .``, ``Hj .``, ``Th .`` or a bare capital ``A`` before a capitalised word."""
    t = tokens[k]
    if not (t[:1].isupper() and len(t) <= 3 and t.isalpha()):
        return False
    nxt = tokens[k + 1] if k + 1 < end else ""
    return nxt == "." or (len(t) == 1 and nxt[:1].isupper())


_DEF_ENDINGS = ("", "en", "n", "et", "t", "na", "ne", "arne", "erne", "rne", "e", "r")


def _is_title(tok: str) -> bool:
    """A common noun or title (``Fru``, ``Kompositören``), not a first name."""
    low = tok.lower().rstrip(".")
    if not low or not low[0].isalpha() or low in _first_names():
        return False
    common = _common_words()
    for ending in _DEF_ENDINGS:
        stem = low[: len(low) - len(ending)]
        if low.endswith(ending) and len(stem) >= 3 and stem in common:
            return True
    return low.endswith(_TITLE_ENDINGS)


@cache
def _first_names() -> frozenset[str]:
    """Lowercase first names from gender-guesser (so ``Karl`` is not taken for ``karl``)."""
    import gender_guesser.detector as gd

    return frozenset(n.lower() for n in gd.Detector().names)


def trim_person(tokens: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The name part of a NewsEye person span ``tokens[start:end]``, or None if there is none.

    The name is the longest run of name-like tokens at the end of the span (capitalised words,
    initials and their periods, particles like ``von``, hyphen-split pieces ``Mo - déen``),
    with leading titles (``Fru``, ``Professor``, ``Fiskeriinspektörsadjointen``) removed.
    """
    i = end
    while i > start:
        t = tokens[i - 1]
        prev = tokens[i - 2] if i - 2 >= start else ""
        if t[:1].isupper() or t in _PUNCT_IN_NAME or t.lower() in _PARTICLES:
            i -= 1
        elif (
            t[:1].islower()
            and prev in ("-", "¬", "=")
            and i - 3 >= start
            and tokens[i - 3][:1].isupper()
        ):  # second half of a word split at a line end: "Mo - déen"
            i -= 1
        else:
            break
    # leading titles and punctuation out
    while i < end:
        t = tokens[i]
        if t in _PUNCT_IN_NAME or t.lower() in _PARTICLES or t[:1].islower():
            i += 1
            continue
        if _is_initial(tokens, i, end):
            break
        # a title split at a line end: "Öfverin - tendenten", "Kom - missionslandtmätaren"
        if i + 2 < end and tokens[i + 1] in ("-", "¬", "=") and tokens[i + 2][:1].islower():
            joined = (t + tokens[i + 2]).lower()
            if (
                _is_title(joined)
                or joined.endswith(_TITLE_ENDINGS)
                or (len(joined) >= 10 and joined.endswith(("aren", "ören", "ten", "ern")))
            ):
                i += 3
                continue
        if i + 1 < end and _is_title(t):
            i += 1
            continue
        break
    # "kapellanen i Nakkila A Kivioja": a place before the initials is not part of the name
    if i > start and tokens[i - 1].lower() in ("i", "på", "från", "vid", "uti"):
        for k in range(i + 1, end):
            if _is_initial(tokens, k, end):
                i = k
                break
    j = end
    while j > i and tokens[j - 1] in ("-", "¬", "="):
        j -= 1
    if j <= i or not any(tok[:1].isupper() for tok in tokens[i:j]):
        return None
    return i, j


def read_newseye(path: Path) -> Iterator[Sentence]:
    """HIPE-2022 NewsEye TSV -> BIO sentences (PER/ORG/LOC; person titles trimmed)."""
    doc = ""
    toks: list[str] = []
    labs: list[str] = []
    idx = 0

    def flush() -> Sentence | None:
        nonlocal toks, labs, idx
        if not toks:
            return None
        s = Sentence(tuple(toks), tuple(_clean_bio(toks, labs)), "historical", doc, idx)
        idx += 1
        toks, labs = [], []
        return s

    with path.open(encoding="utf-8") as f:
        header = True
        for line in f:
            line = line.rstrip("\n")
            if header:
                header = False
                continue
            if line.startswith("# hipe2022:document_id"):
                s = flush()
                if s:
                    yield s
                doc = line.split("=", 1)[1].strip()
                continue
            if line.startswith("#") and "\t" not in line:
                continue
            if not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) < 10:
                continue
            tok, ne, misc = cols[0], cols[1], cols[9]
            lab = "O"
            if ne not in ("O", "_") and "-" in ne:
                bio, typ = ne.split("-", 1)
                typ = _NE_MAP.get(typ.lower())
                if typ:
                    lab = f"{bio.upper()}-{typ}"
            toks.append(tok)
            labs.append(lab)
            if "EndOfSentence" in misc:
                s = flush()
                if s:
                    yield s
    s = flush()
    if s:
        yield s


def spans(labels: list[str] | tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of a BIO label sequence (an I- without B- opens):
    the package's one rule (``entities.memory.bio_spans``)."""
    from teiedition.entities.memory import bio_spans

    return bio_spans(labels)


def _clean_bio(tokens: list[str], labels: list[str]) -> list[str]:
    """Normalise BIO, and cut titles out of person spans."""
    out = ["O"] * len(labels)
    for s, e, typ in spans(labels):
        if typ == "PER":
            r = trim_person(tokens, s, e)
            if r is None:
                continue
            s, e = r
        out[s] = "B-" + typ
        for k in range(s + 1, e):
            out[k] = "I-" + typ
    return out


# ----------------------------------------------------------------------------- all


def load(data_dir: Path | str = DEFAULT_DATA) -> list[Sentence]:
    """All sentences of both sets, in file order."""
    data_dir = Path(data_dir)
    out = list(read_modern(data_dir / "swedish-ner-corpus" / "train_corpus.txt"))
    out += list(read_newseye(data_dir / "newseye-sv" / "HIPE-2022-v2.1-newseye-train-sv.tsv"))
    return out


def split(sents: list[Sentence], cfg: dict | None = None) -> dict[str, list[Sentence]]:
    cfg = cfg or split_config()
    parts: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
    for s in sents:
        parts[part_of(s, cfg)].append(s)
    return parts


# ----------------------------------------------------------------------------- scoring


def score(
    gold: list[Sentence], predicted: list[list[str]], relaxed: bool = False
) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 per type and overall. Exact span match (type and extent), or
    ``relaxed``: a predicted span is right if it overlaps a gold span of its type not yet
    matched (HIPE's "fuzzy" boundaries, for OCR where a name's extent is often unsure)."""
    tp: dict[str, int] = {t: 0 for t in TYPES}
    fp: dict[str, int] = {t: 0 for t in TYPES}
    fn: dict[str, int] = {t: 0 for t in TYPES}
    for sent, pred in zip(gold, predicted, strict=True):
        g = set(spans(sent.labels))
        p = set(spans(pred))
        if relaxed:
            free = sorted(g)
            for s in sorted(p):
                hit = next((x for x in free if x[2] == s[2] and x[0] < s[1] and s[0] < x[1]),
                           None)
                if hit is None:
                    fp[s[2]] += 1
                else:
                    tp[s[2]] += 1
                    free.remove(hit)
            for x in free:
                fn[x[2]] += 1
            continue
        for s in p:
            (tp if s in g else fp)[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    out = {}
    for t in (*TYPES, "ALL"):
        a = sum(tp.values()) if t == "ALL" else tp[t]
        b = sum(fp.values()) if t == "ALL" else fp[t]
        c = sum(fn.values()) if t == "ALL" else fn[t]
        prec = a / (a + b) if a + b else 0.0
        rec = a / (a + c) if a + c else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[t] = {"p": prec, "r": rec, "f1": f1, "gold": a + c, "pred": a + b}
    return out


def format_scores(name: str, sc: dict[str, dict[str, float]]) -> str:
    rows = [f"{name}", f"  {'type':<5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for t, v in sc.items():
        rows.append(
            f"  {t:<5} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['gold']:6d} {v['pred']:6d}"
        )
    return "\n".join(rows)


# ----------------------------------------------------------------------------- unlabelled text

DEFAULT_UNLABELLED = REPO.parent / "shared" / "corpora" / "eltec-swe"


def read_unlabelled(folder: Path | str = DEFAULT_UNLABELLED) -> list[tuple[str, ...]]:
    """Token sentences of the running text of every TEI file in ``folder`` (the ELTeC Swedish
    novels): paragraphs, verse lines and heads of the body, tokenised as the recogniser
    tokenises. Unlabelled text for the word clusters; [] if the folder is absent."""
    from lxml import etree

    from teiedition.entities.tokens import sentences, tokenize

    tei = "{http://www.tei-c.org/ns/1.0}"
    out: list[tuple[str, ...]] = []
    for path in sorted(Path(folder).glob("*.xml")):
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        for body in root.iter(tei + "body"):
            for el in body.iter(tei + "p", tei + "l", tei + "head"):
                text = " ".join("".join(el.itertext()).split())
                for s in sentences(tokenize(text)):
                    out.append(tuple(t.text for t in s))
    return out
