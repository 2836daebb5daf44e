"""Swedish name forms: inflection, titles, hyphens, initials and derived words.

The recogniser finds *where* a name is; these rules decide *which* name it is and how far it
reaches, from evidence in the form itself (``GPU:s``, ``Reiss’``), in the document (``Stalins``
is ``Stalin`` only because ``Stalin`` is known) and in the Swedish dictionary (``GPU-agenter``
ends in a common noun, ``Kai-shek`` does not). Nothing here lists the names of any text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

__all__ = [
    "TITLES",
    "FUNCTION_WORDS",
    "genitive_stem",
    "strip_titles",
    "hyphen_name_parts",
    "is_derived_word",
    "is_compound_of",
    "is_common_word",
    "initials_match",
    "person_parts",
    "name_structure",
    "slug",
    "fold",
]

def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (for word lists written as prose)."""
    return text.split()


#: The articles among ``TITLES`` (they stay outside a name but name nobody).
ARTICLES: frozenset[str] = frozenset(words(
    "den det de en ett the a an der die das ein eine le la les"))

#: Titles, forms of address and articles that stay outside a name (general usage in
#: Swedish, English, German and French, lower-cased; not names of any text).
TITLES: frozenset[str] = ARTICLES | frozenset(words(
    """
    herr herrn herrar herrarna fru fruarna fröken frk doktor doktorn dr professor professorn
    prof kamrat kamraten kamraterna general generalen generalerna överste översten kapten
    kaptenen löjtnant major majoren marskalk marskalken amiral amiralen pastor kyrkoherde
    biskop biskopen ärkebiskop greve greven grevinnan friherre friherrinnan baron baronen
    kung kungen konung konungen drottning drottningen prins prinsen prinsessan kejsar
    kejsaren kejsarinnan tsar tsaren president presidenten minister ministern statsminister
    statsministern utrikesminister utrikesministern senator senatorn borgmästare
    borgmästaren sekreterare sekreteraren ordförande ordföranden direktör direktören
    redaktör redaktören advokat advokaten åklagare åklagaren ambassadör ambassadören
    sir lord lady mr mrs ms miss mister comrade general president dr. mr. mrs.
    frau fräulein genosse genossin monsieur madame mademoiselle mme mlle señor señora don
    doña
    """))

#: Swedish function words that begin sentences and are never names on their own.
FUNCTION_WORDS: frozenset[str] = frozenset(words(
    """
    den det de dem denna detta dessa han hon vi ni jag du man men och eller att som när då
    där här i på av till från med för om under över efter före vid mot utan hos genom inte
    ingen inget inga alla allt varje några många hela enligt trots även också bara redan
    vad vem vilken vilket vilka hur varför eftersom medan sedan innan fast dock så nu
    """))

_GENITIVE_COLON = re.compile(r"^(?P<stem>.+?):(?:s|n|en|ns|ens|et|ets|t|ts|ar|arna|er|erna)$")
_APOSTROPHE = ("’", "'")
_DERIVED = re.compile(
    r"(?:ism|ismen|ismens|ist|isten|istens|ister|isterna|isternas|istisk|istiska|istiskt"
    r"|isk|iska|iskt|iske|ska|skt|ske|ianer|ianerna|iansk|ianska)$"
)
# For capitalised words only the unambiguous (inflected) derivations: surnames end in
# -ist (Lindqvist, Almqvist) and -ska (Kowalska) too.
_DERIVED_CAP = re.compile(
    r"(?:ismen|ismens|isten|istens|isterna|isternas|istisk|istiska|istiskt|ianerna)$"
)
# Endings a name may carry inside its element (genitive, definite forms of organisations).
_INFLECTION = ("s", "n", "en", "ns", "ens", "et", "ets", "’", "'")


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: the key for ids and loose comparison."""
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("Ø", "O")
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """``Josef Stalin`` -> ``josef-stalin``; ``Fjärde internationalen`` -> ``fjarde-...``."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "x"


#: The letters after which a name takes its genitive as -ens (German) or an apostrophe
#: (Reiss’), not a bare -s.
SIBILANTS = "sxzSXZ"

#: The genitive endings of a name in running text and what the name must end in to take
#: each, in the order they are tried: ``-s`` after any letter but a sibilant (Swedish,
#: German, Danish: ``Stalins``; ``Reiss`` takes ``Reiss’``), German ``-ns`` after ``-e``
#: (``Mariens``, ``Goethens``) and ``-ens`` after a sibilant (``Maxens``, ``Fritzens``).
#: The one table of these endings: ``genitive_stem`` strips them, markup's form matcher
#: finds a known name with them.
GENITIVE_ENDINGS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("s", lambda c: c.isalpha() and c not in SIBILANTS),
    ("ns", lambda c: c == "e"),
    ("ens", lambda c: c in SIBILANTS),
)


#: Which of the endings each language writes on names: German all three; the Nordic
#: languages and Dutch the -s; English and French none (a possessive ``Paul's`` is a
#: token of its own; ``Stalins`` there is a plural). A language not listed: all of them.
GENITIVES: dict[str, tuple[str, ...]] = {
    "de": ("s", "ns", "ens"), "lb": ("s", "ns", "ens"), "sv": ("s",), "da": ("s",),
    "nb": ("s",), "nn": ("s",), "no": ("s",), "nl": ("s",), "fi": (), "en": (), "fr": (),
    "es": (), "it": (), "pt": (),
}


@lru_cache(maxsize=64)
def genitive_endings(language: str = "") -> tuple[tuple[str, Callable[[str], bool]], ...]:
    """The rows of ``GENITIVE_ENDINGS`` that ``language`` writes (all without a language)."""
    lang = language.split("-")[0].lower()
    if lang not in GENITIVES:
        return GENITIVE_ENDINGS
    return tuple(row for row in GENITIVE_ENDINGS if row[0] in GENITIVES[lang])


def genitive_splits(word: str, language: str = "") -> list[tuple[str, str]]:
    """Every (stem, ending) ``word`` may be the genitive of in ``language``: ``Mariens`` ->
    (``Marien``, ``s``), (``Marie``, ``ns``). Which stem it is, the caller's knowledge
    decides."""
    return [(word[:-len(end)], end) for end, fits in genitive_endings(language)
            if len(word) > len(end) and word.endswith(end) and fits(word[-len(end) - 1])]


def genitive_stem(form: str, known: Callable[[str], bool] = lambda s: False,
                  language: str = "") -> tuple[str, str | None]:
    """The uninflected name of ``form`` and the rule that removed the ending (or None).

    ``GPU:s`` and ``Reiss’`` carry their ending unambiguously; a bare ``-s`` is stripped only
    when ``known(stem)`` says the stem is a name already (in the register, the gazetteer or
    elsewhere in the document): ``Reiss`` itself ends in ``s``.
    """
    head, sep, last = form.rpartition(" ")
    m = _GENITIVE_COLON.match(last)
    if m:
        return head + sep + m.group("stem"), "colon"
    if last.endswith(_APOSTROPHE) and len(last) > 2 and last[-2] in SIBILANTS:
        return head + sep + last[:-1], "apostrophe"
    if len(last) > 2 and not last.isupper():
        for stem, ending in genitive_splits(last, language):
            if len(stem) >= 2 and known(head + sep + stem):
                return head + sep + stem, "s-known" if ending == "s" else "ns-known"
    return form, None


def strip_titles(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` so that leading titles, articles and function words
    (``herrar Duranty``, ``den Socialistiska …``, ``Hela Kominternpressen``) stay outside."""
    while True:
        m = re.match(r"(\S+?)(\s+)", text[start:end])
        if not m:
            return start, end
        word = m.group(1).lower()
        if word in TITLES or word.rstrip(".") in TITLES or word in FUNCTION_WORDS:
            start += m.end()
            continue
        return start, end


#: Lower-case particles inside personal and place names (``Charles de Gaulle``).
PARTICLES: frozenset[str] = frozenset(words("de der den van von da di du la le y af av zu"))

_ORGAN = re.compile(
    r"(?:kommitt[ée]n?|styrelsen?|rådet|råd|presidiet|presidium|sekretariatet|sekretariat"
    r"|byrån|byrå|utskottet|utskott|kongressen|kongress|ledningen|ledning|sektionen|sektion"
    r"|exekutiven|exekutiv|kommissionen|kommission|departementet|departement|polisen)$"
)


_ORG_CONTEXT = re.compile(
    r"(?:kommitt[ée]|styrelse|ledning|medlem|agent|kader|sektion|apparat|funktionär|ombud"
    r"|delegat|kongress|exekutiv|partisekreterare|ordförande|ledamot|anhängare|organ"
    r"|avdelning|förbund|fraktion|presidium|sekretariat|byrå|utskott)"
    r"(?:en|et|n|ar|er|erna|arna|ernas|arnas|s|ens|ets|na|mar|marna|marnas)?$"
)


# Head nouns of organisations' names (Fjärde internationalen, Socialdemokratiska partiet,
# Labour Party, Kommunistische Partei, Parti socialiste), as a name's last word or the end of
# its last compound (arbetarinternationalen, Metallarbetareförbundet).
ORG_HEADS = (
    r"(?:internationalen|internationalens|förbundet|förbundets|partiet|partiets|unionen|"
    r"unionens|föreningen|föreningens|ligan|ligans|akademien|akademiens|bolaget|bolagets|"
    r"kompaniet|banken|bankens|kommittén|kommitténs|"
    r"partei|bund|bundes|verband|verbandes|verein|vereins|gewerkschaft|internationale|"
    r"gesellschaft|akademie|"
    r"party|party's|union|league|international|committee|association|company|corporation|"
    r"society|federation|co\.|ltd\.?|inc\.?|"
    r"parti|ligue|comité|fédération|confédération|société)"
)
_ORG_HEAD = re.compile(ORG_HEADS + "$")


# Slavic surnames as Latin-script texts write them (Zinovjev, Kamenev, Koltsov, Vysjinskij,
# Zaslavskij, Trotskaja, Tomašević, Ševčenko): a word of this form that no gazetteer knows as
# a place names a person far more often than anything else.
_SLAVIC_SURNAME = re.compile(
    r"[^\W\d_]{2,}(?:ov|ev|jev|ova|eva|jeva|skij|skii|ski|sky|skaja|skaya|ckij|ckaja|"
    r"vič|vić|vich|vitj|enko|tjuk|čuk|chuk|jan)s?$")


def is_slavic_surname(word: str) -> bool:
    """A capitalised word shaped like a Slavic surname (``Zinovjev``, ``Vysjinskij``)."""
    return word[:1].isupper() and " " not in word and bool(_SLAVIC_SURNAME.match(word))


def is_org_head(word: str) -> bool:
    """Head nouns of organisations' names (``internationalen``, ``förbundet``, ``Party``,
    ``Partei``): a capitalised name ending in one names an organisation."""
    return bool(_ORG_HEAD.search(word.lower()))


def is_org_context_noun(word: str) -> bool:
    """Nouns for the organs or members of an organisation (``exekutivkommitté``,
    ``agenter``, ``kadern``, ``apparat``): a name before them names an organisation."""
    return bool(_ORG_CONTEXT.search(word.lower()))


#: Prepositions that put what follows in a place, per language (general grammar of each,
#: lower-cased): "i Lausanne", "from Paris", "nach Berlin", "à Lyon". A text uses those of
#: its language only: Swedish "de", English "to", French "en" are no such preposition in
#: the other languages' texts.
PLACE_PREPOSITIONS: dict[str, frozenset[str]] = {lang: frozenset(words(ws)) for lang, ws in {
    "sv": "i på från till vid utanför inom genom nära mot",
    "da": "i på fra til ved uden for inden gennem nær mod",
    "nb": "i på fra til ved utenfor innenfor gjennom nær mot",
    "nn": "i på frå til ved utanfor innanfor gjennom nær mot",
    "no": "i på fra til ved utenfor innenfor gjennom nær mot",
    "fi": "",  # Finnish marks place by case endings, not prepositions
    "en": "in at from to into near towards through",
    "de": "in im nach aus bei zu von vor durch gegen",
    "lb": "an zu vu bei no duerch",
    "nl": "in te naar uit bij van voor door",
    "fr": "à dans de en vers près par",
    "es": "en a de desde hacia hasta por",
    "it": "in a da di verso per",
    "pt": "em no na a de para desde por",
}.items()}


#: Conjunctions that coordinate names, per language ("Zinovjev och Kamenev", "Paris et
#: Londres", "Marx und Engels"): a text's lists are read with its own language's words only
#: (Swedish "och" is no conjunction in an English text, Spanish "y" none in a French one).
CONJUNCTIONS: dict[str, tuple[str, ...]] = {lang: tuple(words(ws)) for lang, ws in {
    "sv": "och eller samt", "da": "og eller samt", "nb": "og eller samt", "nn": "og eller",
    "no": "og eller samt", "fi": "ja tai sekä", "en": "and or", "de": "und oder",
    "lb": "an oder", "nl": "en of", "fr": "et ou", "es": "y e o u", "it": "e ed o od",
    "pt": "e ou",
}.items()}


def conjunctions(language: str) -> tuple[str, ...]:
    """The conjunctions of ``language`` that join names in a list; none for a language
    without a list (then commas alone make lists)."""
    return CONJUNCTIONS.get(language.split("-")[0].lower(), ())


def place_prepositions(language: str) -> frozenset[str]:
    """The prepositions of place of ``language`` (``sv-SE`` as ``sv``); none for a
    language without a list."""
    return PLACE_PREPOSITIONS.get(language.split("-")[0].lower(), frozenset())


#: Person nouns by their agent suffixes, per language: (the suffix with its inflections,
#: the related words that show the noun names a person, made from the stem before the
#: suffix; any one suffices). "" needs no more than the word being a word of the language;
#: "!" before a form: that word must not be in use. The evidence is morphological and read from
#: wordfreq's word lists of the language: German and Romance person nouns have a feminine
#: (Student: Studentin, profesor: profesora), which Moment, Fenster, motor have not; an
#: English -ist has its -ism or -istic (socialist, artistic), a verb has none (insist); a
#: comparative has its superlative (sv tydligare: tydligast; de schwerer), an agent noun
#: none (lärare, Lehrer); a Swedish -arna is the plural of an -are; a Swedish verb has its
#: infinitive (upphör: upphöra), an adjective its plural (intelligent: intelligenta), a
#: Swedish noun its definite form (lärare: läraren; därför, innanför have none). A
#: noun in -ment names an
#: act or a thing in every one of these languages (government, moment, Parlament). The
#: participles and adjectives in -ant/-ent of English and French (important, charmants,
#: plants) have the forms of agent nouns (servant, parents): no suffix there. A noun of an
#: -ion in -ionary/-ionnaire is one of its people (revolutionary, fonctionnaire).
_AGENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "sv": (("are|ares|aren|arens", "!{s}ast"),
           ("arna|arnas", "{s}are"), ("ör|örs", "{s}ören|{s}örer"),
           ("ören|örer|örerna|örens", "!{s}öra"), ("ist|isten|ister|isterna|istens", ""),
           ("är|ärs", "{s}ären|{s}ärer|!{s}äras"), ("ären|ärer|ärerna|ärens", "!{s}äras"),
           ("ent|enten|enter|enterna|entens", "!{s}enta"),
           ("ant|anten|anter|anterna|antens", "!{s}anta"),
           ("man|mannen|mannens", "{s}män|{s}mannen"), ("män|männen", ""),
           ("inna|innan|innor", "!{s}inner")),
    "da": (("ør|øren|ører|ørerne", ""), ("ist|isten|ister|isterne", "{s}isme"),
           ("ent|enten|enter|enterne", ""), ("ant|anten|anter|anterne", ""),
           ("mand|manden|mænd|mændene", "")),
    "nb": (("ør|øren|ører|ørene", ""), ("ist|isten|ister|istene", "{s}isme"),
           ("ent|enten|enter|entene", ""), ("ant|anten|anter|antene", ""),
           ("mann|mannen|menn|mennene", "")),
    "de": (("er|ern|ers|erin|erinnen", "{s}erin|!{s}erer"),
           ("ist|isten|istin", "{s}istin|{s}ismus"),
           ("ent|enten|entin", "{s}entin"), ("ant|anten|antin", "{s}antin"),
           ("är|äre|ären|ärin", "{s}ärin"), ("or|oren|ors|orin", "{s}orin"),
           ("mann|männer|mannes", "")),
    "en": (("ist|ists", "{s}ism|{s}istic"), ("ian|ians", ""), ("man", ""), ("men", "{s}man"),
           ("ionary|ionaries", "{s}ion")),
    "nl": (("ist|isten", "{s}isme"), ("aar|aars", "{s}ares")),
    "fr": (("eur|eurs", "{s}euse|{s}rice|{s}eure|!{s}eurement"),
           ("ien|iens", "{s}ienne|!{s}ient"), ("iste|istes", "{s}isme"),
           ("ionnaire|ionnaires", "{s}ion")),
    "es": (("or|ores", "{s}ora"), ("ista|istas", "{s}ismo"), ("ente|entes", "{s}enta"),
           ("ionario|ionarios", "{s}ión")),
    "it": (("tore|tori", "{s}trice"), ("ista|isti|iste", "{s}ismo"),
           ("ionario|ionari", "{s}ione")),
    "pt": (("or|ores", "{s}ora"), ("ista|istas", "{s}ismo")),
}
_AGENT_RE: dict[str, list[tuple[re.Pattern[str], tuple[str, ...]]]] = {
    lang: [(re.compile(rf"(?<=[^\W\d_]{{2}})(?:{suffix})$"), tuple(ev.split("|")) if ev else ())
           for suffix, ev in rules] for lang, rules in _AGENTS.items()}
_AGENT_RE["nn"] = _AGENT_RE["no"] = _AGENT_RE["nb"]
#: Languages that write compounds as one word, the head last.
_COMPOUNDING = frozenset({"sv", "da", "nb", "nn", "no", "de", "nl"})
#: How frequent (wordfreq Zipf) a related word must be to count as evidence for a person: a
#: word of the language in ordinary use (Lehrerin 4.2, Revolutionärin 2.0), not a stray form
#: of its list (Zimmerin 1.0, bonheure 1.3). Evidence against needs only to be in the list
#: (a rare adjective's superlative: förfärligast).
_EVIDENCE = 2.0


@lru_cache(maxsize=1)
def _swedish_neuter() -> frozenset[str]:
    """Swedish nouns of neuter gender (hunspell-sv's flags B and C, the definite forms in
    -et/-t): ett moment, ett parlament. A Swedish person noun is of common gender."""
    words: set[str] = set()
    path = _dictionary_path()
    if path is None:  # pragma: no cover - dependency
        return frozenset()
    with path.open(encoding="utf-8", errors="replace") as fh:
        next(fh, None)
        for line in fh:
            w, _, flags = line.strip().partition("/")
            if ("B" in flags or "C" in flags) and w[:1].islower():
                words.add(w)
    return frozenset(words)


def is_person_noun(word: str, language: str = "sv") -> bool:
    """A common noun for a person in ``language`` (a title, or an agent suffix of the
    language with the evidence ``_AGENTS`` asks for): an entity coordinated with one acts,
    as persons and organisations do."""
    w = word.lower()
    if w in TITLES and w not in ARTICLES:
        return True
    lang = language.split("-")[0].lower()
    if len(w) < 6:
        return False
    if zipf(w, lang) <= 0:  # a compound's head names what it names: jakt|löjtnanten
        return lang in _COMPOUNDING and any(
            zipf(w[i:], lang) > 0 and is_person_noun(w[i:], lang) for i in range(2, len(w) - 5))
    for pattern, evidence in _AGENT_RE.get(lang, ()):
        m = pattern.search(w)
        if m is None:
            continue
        stem = w[:m.start()]
        if stem.endswith("m") and m.group().startswith("ent"):
            return False  # government, Moment, parlament: -ment names no person
        if lang == "sv" and any(w[:i] in _swedish_neuter()
                                for i in range(len(w), m.start() + 1, -1)):
            return False  # ett moment, ett formulär
        wanted = [e for e in evidence if not e.startswith("!")]
        unwanted = [e[1:] for e in evidence if e.startswith("!")]
        return (not wanted or any(zipf(e.format(s=stem), lang) >= _EVIDENCE for e in wanted)) \
            and not any(zipf(e.format(s=stem), lang) > 0 for e in unwanted)
    return False


def is_organ_noun(word: str) -> bool:
    """Nouns for an organisation's organs (``centralkommitté``, ``partistyrelsen``)."""
    return bool(_ORGAN.search(word.lower()))


@lru_cache(maxsize=1)
def _dictionary_path() -> Path | None:
    """The Swedish Hunspell dictionary (the hunspell-sv package), if installed."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("hunspell-sv")
    except PackageNotFoundError:  # pragma: no cover - dependency
        return None
    for f in dist.files or ():
        if str(f).endswith("sv_SE.dic"):
            return Path(str(dist.locate_file(f)))
    return None  # pragma: no cover


@lru_cache(maxsize=1)
def _dictionaries() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case stems and capitalised entries (proper nouns) of the Swedish Hunspell
    dictionary (the hunspell-sv package)."""
    path = _dictionary_path()
    if path is None:  # pragma: no cover - dependency
        return frozenset(), frozenset()
    words: set[str] = set()
    proper: set[str] = set()
    with path.open(encoding="utf-8", errors="replace") as fh:
        next(fh, None)
        for line in fh:
            w = line.split("/", 1)[0].strip()
            if len(w) >= 2 and w.isalpha():
                if w[0].islower():
                    words.add(w)
                elif w[0].isupper():
                    proper.add(w)
    return frozenset(words), frozenset(proper)


def _dictionary() -> frozenset[str]:
    return _dictionaries()[0]


@lru_cache(maxsize=65536)
def is_common_capitalised(word: str, lexicon: bool = False) -> bool:
    """A capitalised word that is an ordinary Swedish word (``Kommer``, ``Hennes``, ``Kan``):
    its lower-case form is very frequent (wordfreq), and the dictionary does not list the
    capitalised form as a proper noun (``Sverige``, ``Olle``). With ``lexicon``, also any
    dictionary word that is no known given name (``Ehuru``, but not ``Martin``)."""
    words, proper = _dictionaries()
    if word in proper or len(word) < 2 or word.endswith("."):
        return False
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - dependency
        return False
    if zipf_frequency(word.lower(), "sv") >= 5.0:
        return True
    return lexicon and word.lower() in words and not _given_name(word)


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str = "sv") -> float:
    """wordfreq's Zipf frequency of ``word`` (0 when wordfreq is missing)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - dependency
        return 0.0
    return zipf_frequency(word, lang)


@lru_cache(maxsize=1)
def _gender_detector():  # noqa: ANN202
    try:
        import gender_guesser.detector as gd
    except ImportError:  # pragma: no cover - dependency
        return None
    return gd.Detector()


def _given_name(word: str) -> bool:
    """Whether gender-guesser knows ``word`` as a given name."""
    d = _gender_detector()
    return d is not None and d.get_gender(word) != "unknown"


def is_proper_noun(word: str) -> bool:
    """A capitalised entry of the dictionary: names of persons and places known beyond
    Swedish (``Goethe``, ``Bismarck``, ``Napoleon``)."""
    return word in _dictionaries()[1]


#: Where a language is spoken, in gender-guesser's country names: a given name of those
#: countries is evidence for a name in a text of that language.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "de": ("germany", "austria", "swiss"), "fr": ("france", "belgium", "swiss"),
    "en": ("great_britain", "usa", "ireland"), "es": ("spain",), "it": ("italy",),
    "pt": ("portugal",), "nl": ("the_netherlands", "belgium"), "sv": ("sweden",),
    "da": ("denmark",), "no": ("norway",), "nb": ("norway",), "fi": ("finland",),
    "pl": ("poland",), "cs": ("czech_republic",), "ru": ("russia",), "lb": ("luxembourg",),
}


@lru_cache(maxsize=65536)
def is_given_name(word: str, language: str = "") -> bool:
    """A given name gender-guesser knows as one mostly of one sex where ``language`` is
    spoken (``Heidi``, ``Peter`` in German; anywhere for a language it has no country
    for). Across all countries it knows ordinary words of many languages as names
    (``Leib``, ``Nest``, ``Mais``); in the language's own countries far fewer."""
    d = _gender_detector()
    if d is None:
        return False
    countries = _COUNTRIES.get(language)
    if not countries:
        return d.get_gender(word) not in ("unknown", "andy")
    return any(d.get_gender(word, c) not in ("unknown", "andy") for c in countries)


def is_common_word(word: str) -> bool:
    """Whether ``word`` (lower-case) is, or begins with, a Swedish common word of ≥ 4 letters.

    Used on the tail of a hyphenated token: ``agenternas`` begins with ``agent``, ``kadern``
    with ``kader``; ``shek`` (of ``Kai-shek``) is no Swedish word.
    """
    words = _dictionary()
    w = word.lower()
    if w in words:
        return True
    return any(w[:i] in words for i in range(len(w) - 1, 3, -1))


def hyphen_name_parts(token: str) -> list[tuple[int, int]] | None:
    """Offsets (within ``token``) of the name parts of ``GPU-agenter``-like tokens.

    Returns None when the hyphen belongs to the name (``Kai-shek``, ``Jean-Paul``), else the
    capitalised parts before a lower-case common-noun tail: ``GPU-Komintern-agenternas`` ->
    ``GPU``, ``Komintern``.
    """
    if "-" not in token:
        return None
    parts = token.split("-")
    tail = parts[-1]
    if not tail or not tail[0].islower() or not is_common_word(tail):
        return None
    out: list[tuple[int, int]] = []
    pos = 0
    for p in parts[:-1]:
        if p and p[0].isupper():
            out.append((pos, pos + len(p)))
        pos += len(p) + 1
    return out or None


def is_derived_word(word: str) -> bool:
    """Adjectives and group nouns made from names (``stalinistisk``, ``Trotskisterna``)."""
    w = word.lower()
    if len(w) <= 5 or word.isupper():
        return False
    return bool((_DERIVED if word[0].islower() else _DERIVED_CAP).search(w))


def is_dictionary_word(word: str) -> bool:
    """A capitalised word that the Swedish dictionary knows as a common word, or as one
    inflected or compounded (``Revisorns``, ``Skyddsängeln``), and not as a proper noun."""
    _words, proper = _dictionaries()
    if word in proper or genitive_stem(word, proper.__contains__, "sv")[0] in proper:
        return False
    return is_common_word(word.lower())


def is_compound_of(word: str, known: Callable[[str], bool] | Iterable[str]) -> str | None:
    """The name ``word`` is a one-word compound of (``Moskvarättegångarna`` -> ``Moskva``)."""
    if not callable(known):
        known = set(known).__contains__
    for i in range(len(word) - 3, 2, -1):
        name = word[:i]
        if known(name):
            rest = word[i:]
            if rest in _INFLECTION or rest.startswith((":", "-")):
                continue
            if rest[0].islower() and (is_common_word(rest) or (
                    rest[0] == "s" and len(rest) > 4 and is_common_word(rest[1:]))):
                return name  # Moskvarättegångarna, Stockholmsutställningen
    return None


def person_parts(name: str) -> tuple[list[str], str]:
    """Given names (or initials) and surname of a person name: ``M Koltsov`` -> ([M], Koltsov)."""
    words = name.split()
    if not words:
        return [], ""
    # particles stay with the surname: "de Gaulle", "van der Velde"
    i = len(words) - 1
    while i > 0 and words[i - 1].islower():
        i -= 1
    return words[:i], " ".join(words[i:])


#: Articles of a ruler's epithet after the given name ("Peter den store", "Friedrich der
#: Große", "Alfred the Great", "Louis le Grand"); the same words later in a name begin a
#: generational suffix ("Pieter Bruegel den äldre"). xslt/common/sort.xsl files names
#: without structure by the same lists (a test holds them equal).
EPITHET_ARTICLES: tuple[str, ...] = ("den", "det", "der", "die", "the", "le", "la", "el", "il",
                                     "lo", "o", "a")
#: Words that join two family names (Spanish, Catalan, Portuguese: "Ortega y Gasset").
NAME_CONJUNCTIONS: tuple[str, ...] = ("y", "i", "e")
#: Generational suffixes after a name, lower-cased ("Jr.", "d.ä.", "père").
GENERATIONAL: tuple[str, ...] = ("jr", "jr.", "jun.", "sr", "sr.", "sen.", "d.ä.", "d.y.",
                                 "d.æ.", "junior", "senior", "père", "fils", "filho", "neto")
_ROMAN_WORD = re.compile(r"[IVXLCDM]+\.?")


def _regnal(words: list[str], i: int) -> bool:
    """``words[i]`` is a regnal number: a Roman numeral after the first word (``Karl XII``,
    ``Karl V.``), not an initial (``Hans V. Müller``: one letter with a period, mid-name)."""
    w = words[i]
    return i > 0 and bool(_ROMAN_WORD.fullmatch(w)) and (
        not w.endswith(".") or len(w) > 2 or i == len(words) - 1)


def name_structure(name: str) -> list[tuple[str, str]]:
    """A person's name as TEI name parts, in the order written, for registers to sort and
    invert (``Barbusse, Henri``): ``forename``, ``nameLink`` (particles), ``surname``,
    ``genName`` (``XII``, ``Jr.``), ``addName`` (``den store``, ``den äldre``).

    A ruler does not invert (a regnal number or an epithet after the given name: ``Karl
    XII``, ``Gustav II Adolf``, ``Peter den store``): no surname. A family name written first
    (``Chiang Kai-shek``: the last word a hyphenated pair in lower case after the hyphen) is
    a ``surname`` before the ``forename``. Else the last word is the surname with the
    lower-case particles before it (``de Gaulle``), two family names joined by ``y`` taken
    together (``Ortega y Gasset``), a generational suffix after it."""
    words = name.split()
    n = len(words)
    if n < 2:
        return [("surname", name.strip())] if words else []
    epithet = n >= 3 and words[1] in EPITHET_ARTICLES and not (
        n > 3 and words[2][:1].isupper())
    if epithet or any(_regnal(words, i) for i in range(n)):
        parts = [("forename", words[0])]
        rest = words[1:]
        if epithet:
            return parts + [("addName", " ".join(rest))]
        return parts + [("genName" if _regnal(words, i + 1) else "forename", w)
                        for i, w in enumerate(rest)]
    if re.fullmatch(r"[^\W\d_]+-[^\W\d_]+", words[-1]) and words[-1].split("-")[1][:1].islower():
        return [("surname", " ".join(words[:-1])), ("forename", words[-1])]
    suffix: list[tuple[str, str]] = []
    if n >= 4 and words[-2] in EPITHET_ARTICLES and not words[-3][:1].islower():
        suffix, words = [("addName", " ".join(words[-2:]))], words[:-2]
    elif n >= 3 and words[-1].lower() in GENERATIONAL:
        suffix, words = [("genName", words[-1])], words[:-1]
    start = len(words) - 3 if len(words) >= 4 and words[-2] in NAME_CONJUNCTIONS \
        else len(words) - 1
    given = words[:start]
    links: list[str] = []
    while len(given) > 1 and given[-1][:1].islower():
        links.insert(0, given.pop())
    return [("forename", g) for g in given] + [("nameLink", p) for p in links] + [
        ("surname", " ".join(words[start:]))] + suffix


def _is_initial(word: str) -> bool:
    w = word.rstrip(".")
    return 1 <= len(w) <= 2 and w[0].isupper() and (len(w) == 1 or w[1].islower())


def initials_match(short: str, full: str) -> bool:
    """``M Koltsov`` / ``M. Koltsov`` names the same person as ``Michail Koltsov``."""
    s_given, s_sur = person_parts(short)
    f_given, f_sur = person_parts(full)
    if not s_given or s_sur != f_sur or len(s_given) > len(f_given):
        return False
    if not all(_is_initial(g) for g in s_given):
        return False
    return all(fg.startswith(sg.rstrip(".")) for sg, fg in zip(s_given, f_given, strict=False))


def is_initial(word: str) -> bool:
    """A single capital (with or without period): ``M``, ``M.``, ``Hj.``."""
    return _is_initial(word)
