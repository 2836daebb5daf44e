"""What a language's date grammar is: the data ``core`` compiles into patterns.

A language is one module in this package that defines ``GRAMMAR = Grammar(...)``; ``core``
finds it by its file name, so adding a language is adding one file. The helpers below build
day-word tables that several languages share in form (Romance cardinals, Nordic ordinals).
"""

from __future__ import annotations

from dataclasses import dataclass, field

LAST = 0  # "day" of "den sista mars": the last day of the month

# Words that turn a following number into a count or a reference, not a date (every language;
# a grammar adds its own in ``number_cues``).
COMMON_NUMBER_CUES = (
    r"nr|no|nos|num|nummer|numero|s|sid|sidan|sidorna|p|pp|page|pages|seite|seiten|heft|"
    r"vol|bd|band|kap|cap|art|kl|klockan|tel|tfn|§|#"
)

# Units and counted nouns of the Germanic and Nordic languages: a year-like number before one
# of them is a quantity. Every grammar reads them (texts quote each other's prices); a grammar
# adds its own in ``units``.
COMMON_UNITS = (
    # sv
    "år|åren|års|dagar|dygn|veckor|månader|timmar|minuter|man|mans|personer|människor|"
    "invånare|soldater|arbetare|medlemmar|kronor|kr|öre|francs|franc|dollar|pund|mark|rubel|"
    "lire|meter|m|km|kilometer|mil|ton|kg|kilo|liter|procent|st|stycken|sidor|exemplar|"
    "banko|riksdaler|rdr|gånger|fall|steg|famnar|alnar|"
    # en
    "years|days|weeks|months|hours|minutes|men|people|persons|soldiers|workers|members|"
    "dollars|pounds|marks|roubles|rubles|miles|metres|meters|feet|tons|copies|pages|"
    "percent|times|cases|votes|copies|volumes|"
    # de
    "jahre|jahren|tage|tagen|wochen|monate|monaten|stunden|menschen|personen|leute|"
    "arbeiter|mitglieder|soldaten|reichsmark|rm|pfund|rubel|kilometer|kilometern|metern|"
    "prozent|stück|seiten|exemplare|mal|"
    # da, nb
    "dage|dager|døgn|uger|uker|måneder|timer|minutter|mand|mann|mennesker|indbyggere|"
    "innbyggere|arbejdere|arbeidere|medlemmer|kroner|øre|procent|prosent|stk|sider|"
    "eksemplarer|gange|ganger"
)

# Months in Roman figures, in capitals: 2.XI.1937 (languages with ``roman_numeric``).
ROMAN_MONTHS = {r: i + 1 for i, r in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])}


@dataclass(frozen=True)
class Grammar:
    """The date words and word order of one language (regular-expression fragments where a
    field says "pattern"; every pattern is matched case-insensitively)."""

    code: str  # ISO 639-1
    aliases: tuple[str, ...]  # other codes detection may give (ISO 639-2, nn, no)
    months: dict[str, int]  # month names, lower case
    abbr: dict[str, int]  # abbreviations (read with or without the full stop)
    ordinals: dict[str, int]  # day words: tredje, the third, le deux; LAST for "sista"
    weekdays: str  # weekday names, space separated
    function_words: str  # pattern: words that may follow a bare year (och, and, und)
    year_cue: str  # pattern: words that make a following number a year (år, in, seit)
    year_cue3: str  # pattern: the same for three-figure years (år 800)
    month_cue: str  # pattern: prepositions of time before a month alone (i april)
    range_words: str  # pattern: what joins the ends of a range (till, to, bis, au)
    range_cue: str  # pattern: what announces a range (från, between, zwischen)
    after_conn_article: str = ""  # pattern: article after the joining word (till den 5)
    future: str = r"(?!)"  # pattern: words of a sentence that speaks of the future
    past: str = r"(?!)"  # pattern: words of a sentence that speaks of the past
    present: str = r"(?!)"  # pattern: words that mean the document's own year (i år)
    until: str = r"(?!)"  # pattern: a deadline straight before a date: by, till, bis (future)
    since: str = r"(?!)"  # pattern: since, sedan, seit straight before a date (past)
    lead_article: str = r"(?!)"  # pattern: an article between those and the date (den, the)
    weekday_ending: str | None = None  # måndagen, maanantaina
    number_cues: str | None = None  # pattern: the language's own reference words
    units: str | None = None  # pattern: the language's own counted nouns
    per_is_unit: bool = True  # "1937 per" is "per cent" (not in Italian, Dutch, Spanish)
    range_cue_elided: str | None = None  # d'avril à juin, dall'8 al 10 marzo
    month_cue_after: str | None = None  # toukokuun alussa
    month_cue_glued: str | None = None  # mid-April, mi-mai
    relative_between: dict[str, list[str]] = field(default_factory=dict)  # den 12 sistlidne maj
    relative_after: dict[str, list[str]] = field(default_factory=dict)  # 12 septembre dernier
    relative_before: dict[str, list[str]] = field(default_factory=dict)  # viime marraskuussa
    day_of_month: dict[str, list[str]] = field(default_factory=dict)  # le 5 courant
    num_suffix: str = r"\.?"  # after a day's figure: 1:a, 2nd, 1er
    day_month: str = ""  # between day and month: 2nd of November
    month_year: str = r"\s+"  # between month and year: November 2, 1937
    month_day: bool = False  # the month may come first: November 2 (en)
    article_before_day: str = ""  # November the 2nd
    # the month first, then the day: marraskuun 2. päivänä (month ending, day word after)
    month_before_day: tuple[str, str] | None = None
    self_cued: frozenset[str] = frozenset()  # month forms that are dates alone (huhtikuussa)
    months_capitalised: bool = False  # English "may", "march" are verbs
    numeric_month_first: bool = False  # English 11/2/1937 may be month first
    nouns_capitalised: bool = False  # German: a capital after a bare year says nothing
    year_genitive: str | None = None  # pattern after a year that makes it one: 1734 års lag
    dashed_numeric: bool = False  # 2-11-1937
    roman_numeric: bool = False  # 2.XI.1937
    dotted_ranges: bool = False  # 3.–5.3.1937
    decade: str = ""  # pattern after (?P<dec>...): -talet, s, erne
    decade_word: str | None = None  # années 1930: the word that makes a figure a decade
    decade_tens: dict[str, int] = field(default_factory=dict)  # les années trente
    decade_hint: tuple[str, ...] = ()  # the first word of those (années)


def nordic_ordinals(units: list[str], twenty: list[str], thirty: list[str],
                    tens_first: list[str]) -> dict[str, int]:
    """Danish and Norwegian ordinals: ``units`` 1-19, the words for 20 and 30, and the
    ways 21-29 and 31 are formed (``enogtyvende``/``tjueførste``) from ``tens_first``."""
    out = {w: i + 1 for i, w in enumerate(units)}
    out |= {w: 20 for w in twenty} | {w: 30 for w in thirty}
    ones = ["en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"]
    for form in tens_first:
        if form == "da":  # enogtyvende … niogtyvende, enogtredivte
            out |= {f"{o}ogtyvende": 21 + i for i, o in enumerate(ones)}
            out["enogtredivte"] = 31
        else:  # tjueførste … tjueniende, trettiførste
            for i, w in enumerate(units[:9]):
                out[f"tjue{w}"] = 21 + i
            out["trettiførste"] = 31
    return out


def counted(words: str, ones: list[str], join: str, first: dict[str, int]) -> dict[str, int]:
    """Day words of the Romance languages, which count days with cardinals (``le deux
    novembre``, ``el dos de mayo``, ``il tre marzo``) and an ordinal only for the first:
    ``words`` are 2-20 and 30, ``join`` forms 21-29 and 31 from the tens and ``ones``."""
    ws = words.split()
    out = {w: i + 2 for i, w in enumerate(ws[:-1])} | {ws[-1]: 30} | first
    twenty, thirty = ws[18], ws[-1]
    for i, o in enumerate(ones):
        out[join.format(t=twenty, o=o)] = 21 + i
    out[join.format(t=thirty, o=ones[0])] = 31
    return out
