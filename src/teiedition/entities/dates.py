"""Date expressions in Swedish, English, German, Danish, Norwegian, French, Finnish, Spanish,
Italian and Dutch text -> ISO 8601 values for TEI ``<date>``.

One machinery for all languages; a language is data: its month names and abbreviations
(``_TABLES``; Finnish months in all their cases, ``2. marraskuuta``, ``marraskuun 2.
päivänä``, ``marraskuussa``), day words (``1er``, ``primo``, ``eerste``, ``le deux``), weekday
names, the words that cue a year, a month or a range (``en 1937``, ``du 3 au 5 mars``,
``vuodesta 1929 vuoteen 1940``), what follows a day's figure and what stands between day,
month and year (``2 de noviembre de 1937``), counted nouns, tense words. ``LANGUAGES`` lists
them; ``supports`` maps the codes language detection gives (py3langid: ``fr``, ``fi``, ...).

``find_dates`` finds every date expression in a string and gives it a TEI value
(``data.temporal.w3c``): ``when`` for a point (``1937-11-02``, ``1936-08``, ``1937``,
``--04-21``, ``--04``) or ``from``/``to`` for a range. ``parse_date`` reads a string that is
one date (a document's date line). Both are pure functions of their arguments; the regular
expressions are compiled once per language, and a single scan for digits and month / ordinal
words decides where the (more expensive) date patterns are tried at all, so text without dates
costs one regex pass.

What counts as a date (decisions written down for the edition's ``<editorialDecl>``):

- Full dates in words and figures (``2 november 1937``, ``den 2 nov. 1937``,
  ``November 2, 1937``, ``2nd of November 1937``, ``2. November 1937``, ``1937-11-02``,
  ``2/11 1937``, ``2.11.1937``), day + month (``21 april``, ``1:a maj``, ``tredje mars``,
  ``the third of March``, ``am dritten März``), month + year (``augusti 1936``), ranges
  (``1929–1940``, ``1929–40``, ``21–23 april 1937``, ``april–maj 1937``,
  ``från 1929 till 1940``, ``vom 21. bis 23. April``) and decades or centuries written as such
  (``1930-talet``, ``the 1930s``, ``1930er Jahre`` -> from 1930 to 1939; ``1800-talet`` ->
  1800 to 1899).
- The expression is marked without a leading ``den``/``the``/``am``/``le``/``el`` or
  preposition; a weekday written straight before the date is part of it (``mardi 2 novembre
  1937``, ``Maanantaina 2. marraskuuta``), one with an article between is not (``tisdagen den
  2 november``).
- Numeric dates are read day first (``2.11.1937``, ``25/12/1931``, ``25-12-1931`` in the
  Romance languages and Dutch, the month in Roman capitals ``2.XI.1937`` in those and
  Finnish, ``3.–5.3.1937`` in Finnish, German, Danish, Norwegian); in English ``2/11/1937``
  is left alone unless one number is above 12.
- Decades: ``1930-luvulla`` (1800-luvulla: the century), and with their word ``années 1930``,
  ``años 30``, ``anni '30``, ``jaren 1930``, also in words (``les années trente``, ``gli anni
  Trenta``, ``la década de los cuarenta``, ``de jaren dertig``: decades of the 1900s).
- A year alone is a date where the context says it is one: after a word such as ``år``,
  ``sedan``, ``under``, ``född``, ``in``, ``since``, ``im Jahre``, ``seit``, in parentheses
  (``(1719)``), before the Swedish genitive ``års`` (``1734 års lag``), or as a four-figure
  number 1100-2099 followed by punctuation, a function word, a past-tense verb or (not in
  German) a capitalised word (``kom ut 2010 och``, ``i Paris 1997.``). Never when a unit or
  counted noun follows (``under 1500 kronor``, ``1937 kronor``), after a figure group,
  currency or reference word (``300 000 francs``, ``nr 60-61``, ``s. 1937``), and a round
  hundred (``1500``) only with a cue word. ``17 viktigaste``, clock times and other numbers
  stay text.
- A month alone is a date when a preposition of time governs it (``i april``, ``in April``,
  ``im April``, ``Ende Mai``): the month of a particular year is meant, and an editor
  should find it (``plenumet i april`` in the sample is the plenum of April 1937). Without
  such a word it stays text (``Mars`` the planet, ``Maj`` the name, ``Kongl. Maj:t``, ``jul``
  Christmas); English month names are only read when capitalised (``may``, ``march`` are
  verbs). ``month_alone=False`` switches this off.
- A month fused into a word (``aprilmötet``, ``april-mötet``) is not marked.
- Two days or months joined by "and" without "between" are two dates, the first taking month
  and year from the second: ``les <date when="1937-05-02">2</date> et <date
  when="1937-05-03">3 mai 1937</date>`` (``den 2 och 3 maj``, ``2. ja 3. toukokuuta``); with
  ``mellan``/``entre``/``between`` they are a range. Days listed before them (``les 1er, 2, 3
  et 4 mai``) are dates of the same month.
- Every value is checked: no 30 February, no month 13, ranges must run forwards.

Year inference (the same paragraph is ``YEAR_INFERENCE_RULE``, for the TEI header): Where a
date gives a day and a month, or a month alone, without a year, the year is supplied as follows
and the date carries @cert. (1) If a year is written earlier in the same sentence, that year is
used (cert="high"). (2) Otherwise, if the document is dated, the year of the document's own
date is used when the day and month fall on or before that date (cert="high"). When they would
fall after it, the sentence decides: if it speaks of the future ("kommer att", "skall",
"nästa", "will", "next", "wird") the document's year is kept, if it speaks of the past (a
past-tense verb such as "höll", "mördades", "was", "held", "war") the previous year is used, as
a dated letter or report tells of past events (both cert="medium"); if it says neither, the
document's year is kept with cert="low". The old relative forms are read as they say: "den 12
sistlidne september" is the last such day before the document's date, "den 7 instundande maj"
the next one, "innevarande" the document's own year (cert="high"); so are "le 12 septembre
dernier", "en mai prochain", "viime joulukuussa", "el 7 de mayo próximo", "il 5 maggio scorso",
"12 december jl.", "7 mei a.s.". A day of the current, the last or the next month written
without the month ("le 5 courant", "the 5th inst.", "den 5 dennes", "vom 28. v. M.", "5 p:nä
t.k.") takes month and year from the document's date (cert="high"); in an undated document it
is not marked. (3) In an undated document the nearest year written earlier in the text is used,
with cert="medium" within the same paragraph and cert="low" beyond it. (4) Otherwise no year is
supplied and the value has the form --MM-DD (or --MM). A range takes a missing year or month
from its other end. The text itself is never changed.

Why "the same sentence" and not "the nearest year anywhere": in the sample, ``augusti 1936``
(the first Moscow trial) is followed paragraphs later by ``Den 4 september`` (Reiss's murder,
1937); the letter's own date is the better evidence there. Callers pass the document's date as
``anchor`` (``parse_date`` on the date line) and call ``find_dates`` per paragraph or on text
whose paragraphs are separated by blank lines.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from teiedition.document import Span

__all__ = ["DATE_MARKUP_RULE", "LANGUAGES", "YEAR_INFERENCE_RULE", "DateMention", "find_dates",
           "parse_date", "supports"]

DATE_MARKUP_RULE = (
    "Date expressions are marked with <date> without a leading article or preposition (den, "
    "the, am, le, el, il, op), but with a weekday written straight before the date (mardi 2 "
    "novembre 1937): full dates, day and month, month and year, ordinal days (tredje mars), "
    "ranges (with @from and @to; joined by a dash, till, au, al, tot, or by och, et, y only "
    "after mellan, entre, tra) and decades or centuries (1930-talet: 1930 to 1939). Two days "
    "or months joined by and (den 2 och 3 maj 1937, les 2 et 3 mai) are two dates, the first "
    "taking its month and year from the second. A month alone "
    "is marked only where a preposition of time governs it (i april). A year alone is marked "
    "where a cue word (år, sedan, född, in, since, seit), parentheses, the genitive års or its "
    "surroundings (punctuation, a function word or a past-tense verb after it) show that it is "
    "a year; never before a unit or counted noun, after a figure group, a currency sign or a "
    "reference word (nr, s.), and a round hundred only with a cue word. Months fused into a "
    "compound (april-mötet), impossible dates (30 februari) and numbers that are not dates "
    "stay text."
)

YEAR_INFERENCE_RULE = (
    "Where a date gives a day and a month, or a month alone, without a year, the year is "
    "supplied as follows and the date carries @cert. (1) If a year is written earlier in the "
    "same sentence, that year is used (cert=\"high\"). (2) Otherwise, if the document is dated,"
    " the year of the document's own date is used when the day and month fall on or before that"
    " date (cert=\"high\"). When they would fall after it, the sentence decides: if it speaks "
    "of the future (\"kommer att\", \"skall\", \"nästa\", \"will\", \"next\", \"wird\") the "
    "document's year is kept, if it speaks of the past (a past-tense verb such as \"höll\", "
    "\"mördades\", \"was\", \"held\", \"war\") the previous year is used, as a dated letter or "
    "report tells of past events (both cert=\"medium\"); if it says neither, the document's "
    "year is kept with cert=\"low\". The old relative forms are read as they say: \"den 12 "
    "sistlidne september\" is the last such day before the document's date, \"den 7 instundande"
    " maj\" the next one, \"innevarande\" the document's own year (cert=\"high\"); so are \"le "
    "12 septembre dernier\", \"en mai prochain\", \"viime joulukuussa\", \"el 7 de mayo "
    "próximo\", \"il 5 maggio scorso\", \"12 december jl.\", \"7 mei a.s.\". A day of the "
    "current, the last or the next month written without the month (\"le 5 courant\", \"the 5th"
    " inst.\", \"den 5 dennes\", \"vom 28. v. M.\", \"5 p:nä t.k.\") takes month and year from "
    "the document's date (cert=\"high\"); in an undated document it is not marked. (3) In an "
    "undated document the nearest year written earlier in the text is used, with "
    "cert=\"medium\" within the same paragraph and cert=\"low\" beyond it. (4) Otherwise no "
    "year is supplied and the value has the form --MM-DD (or --MM). A range takes a missing "
    "year or month from its other end. The text itself is never changed."
)

# --------------------------------------------------------------------------------------------
# Public data


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at ``text[start:end]`` with its TEI value.

    Exactly one of ``when`` and the pair ``from_``/``to`` is set. ``cert`` is None when the
    text states the value; it is ``"high"``/``"medium"``/``"low"`` when the year was
    inferred (``inferred`` is then True).
    """

    start: int
    end: int
    when: str | None = None
    from_: str | None = None
    to: str | None = None
    cert: str | None = None
    inferred: bool = False

    def attrs(self) -> tuple[tuple[str, str], ...]:
        """TEI attributes in document order: ``when`` or ``from``/``to``, then ``cert``."""
        out: list[tuple[str, str]] = []
        if self.when is not None:
            out.append(("when", self.when))
        if self.from_ is not None:
            out.append(("from", self.from_))
        if self.to is not None:
            out.append(("to", self.to))
        if self.cert is not None:
            out.append(("cert", self.cert))
        return tuple(out)

    def span(self, resp: str | None = None) -> Span:
        """The mention as a ``document.Span`` for ``<date>`` (``resp`` e.g. ``#teiedition``)."""
        attrs = self.attrs()
        if resp is not None:
            attrs = (*attrs, ("resp", resp))
        return Span(self.start, self.end, "date", attrs)


# --------------------------------------------------------------------------------------------
# Language tables

_LAST = 0  # "day" of "den sista mars": the last day of the month

_SV_MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # older spellings and the Latin genitives of 18th/19th-century Swedish
    "october": 10, "januarii": 1, "februarii": 2, "martii": 3, "aprilis": 4, "maji": 5,
    "junii": 6, "julii": 7, "septembris": 9, "octobris": 10, "novembris": 11,
    "decembris": 12,
}
_SV_ABBR = {
    "jan": 1, "febr": 2, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9,
    "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_EN_ABBR = {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_DE_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3, "april": 4,
    "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
    "november": 11, "dezember": 12,
}
_DA_MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_DA_ABBR = {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "okt": 10, "nov": 11, "dec": 12,
}
_NB_MONTHS = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
    "december": 12,  # the older (Dano-Norwegian) spelling
}
_NB_ABBR = {
    "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "okt": 10, "nov": 11, "des": 12, "dec": 12,
}
_DE_ABBR = {
    "jan": 1, "feb": 2, "febr": 2, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "okt": 10, "nov": 11, "dez": 12,
}
_FR_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_FR_ABBR = {
    "janv": 1, "jan": 1, "févr": 2, "fév": 2, "fevr": 2, "fev": 2, "avr": 4, "juil": 7,
    "sept": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12,
    # the old numeral abbreviations of letters and registers: 7bre = septembre, ...
    "7bre": 9, "8bre": 10, "9bre": 11, "10bre": 12, "xbre": 12,
}
# Finnish months are compounds of a stem and "kuu", declined: 2. marraskuuta (partitive, after
# a day), marraskuun 2. päivänä (genitive, before one), marraskuussa (inessive: "in November").
_FI_STEMS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
             "loka", "marras", "joulu")
_FI_CASES = ("", "ta", "n", "ssa", "sta", "hun", "na", "lla", "lta", "lle")
# the cases that say "in / from / until that month" by themselves (no cue word needed)
_FI_SELF_CUED = ("ssa", "sta", "hun", "na")
_FI_MONTHS = {f"{s}kuu{c}": i + 1 for i, s in enumerate(_FI_STEMS) for c in _FI_CASES}
_FI_ABBR = {f"{s}k": i + 1 for i, s in enumerate(_FI_STEMS)} | {"maalisk": 3, "tammik": 1}
_ES_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}
_ES_ABBR = {
    "ene": 1, "feb": 2, "mar": 3, "abr": 4, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
    "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12,
    "7bre": 9, "8bre": 10, "9bre": 11, "10bre": 12, "xbre": 12,
}
_IT_MONTHS = {
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
    "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    # 19th-century spellings
    "gennajo": 1, "febbrajo": 2, "decembre": 12, "genajo": 1,
}
_IT_ABBR = {
    "gen": 1, "genn": 1, "feb": 2, "febbr": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6,
    "lug": 7, "ago": 8, "sett": 9, "set": 9, "ott": 10, "nov": 11, "dic": 12,
    "7bre": 9, "8bre": 10, "9bre": 11, "10bre": 12, "xbre": 12,
}
_NL_MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "october": 10, "november": 11,
    "december": 12,
    # 19th-century spellings
    "januarij": 1, "februarij": 2, "junij": 6, "julij": 7, "meij": 5,
}
_NL_ABBR = {
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}

# Weekday names: a weekday written straight before a date belongs to it (``mardi 2 novembre
# 1937``, ``Tuesday, 2 November``); with an article between (``tisdagen den 2 november``)
# the date is marked without it, like ``den``.
_WEEKDAYS = {
    "sv": "måndag tisdag onsdag torsdag fredag lördag söndag",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag",
    "da": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "nb": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "fi": "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai",
    "es": "lunes martes miércoles miercoles jueves viernes sábado sabado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì lunedi martedi mercoledi giovedi venerdi "
          "sabato domenica",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
}
# the weekday's own endings: definite (måndagen), essive (maanantaina)
_WEEKDAY_ENDING = {"sv": "en", "da": "en", "nb": "en", "fi": "na"}


def _sv_ordinals() -> dict[str, int]:
    units = ["första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde",
             "nionde"]
    teens = ["tionde", "elfte", "tolfte", "trettonde", "fjortonde", "femtonde", "sextonde",
             "sjuttonde", "artonde", "nittonde"]
    ones = {w: i + 1 for i, w in enumerate(units)} | {"förste": 1, "andre": 2}
    out = dict(ones) | {w: i + 10 for i, w in enumerate(teens)}
    out |= {"tjugonde": 20, "tjugunde": 20, "trettionde": 30}
    for prefix in ("tjugo", "tjugu"):
        out |= {prefix + w: 20 + n for w, n in ones.items()}
    for prefix in ("trettio", "tretti"):
        out |= {prefix + "första": 31, prefix + "förste": 31}
    return out | {"sista": _LAST, "siste": _LAST}  # den sista mars: the month's last day


def _en_ordinals() -> dict[str, int]:
    units = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth"]
    out = {w: i + 1 for i, w in enumerate(units)}
    teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    out |= {w: i + 10 for i, w in enumerate(teens)}
    for i, w in enumerate(units):
        out["twenty-" + w] = 21 + i
        out["twenty " + w] = 21 + i
    out |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
    return out


def _nordic_ordinals(units: list[str], twenty: list[str], thirty: list[str],
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


def _da_ordinals() -> dict[str, int]:
    return _nordic_ordinals(
        ["første", "anden", "tredje", "fjerde", "femte", "sjette", "syvende", "ottende",
         "niende", "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende",
         "sekstende", "syttende", "attende", "nittende"], ["tyvende"], ["tredivte"], ["da"])


def _nb_ordinals() -> dict[str, int]:
    out = _nordic_ordinals(
        ["første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende",
         "niende", "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende",
         "sekstende", "syttende", "attende", "nittende"], ["tjuende", "tyvende"],
        ["trettiende"], ["nb", "da"])
    return out | {"syvende": 7, "annen": 2}


def _de_ordinals() -> dict[str, int]:
    stems = ["erst", "zweit", "dritt", "viert", "fünft", "sechst", "siebt", "acht", "neunt",
             "zehnt", "elft", "zwölft", "dreizehnt", "vierzehnt", "fünfzehnt", "sechzehnt",
             "siebzehnt", "achtzehnt", "neunzehnt", "zwanzigst"]
    base = {s: i + 1 for i, s in enumerate(stems)}
    base["siebent"] = 7
    cardinals = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
    for i, c in enumerate(cardinals):
        base[c + "undzwanzigst"] = 21 + i
    base |= {"dreißigst": 30, "dreissigst": 30, "einunddreißigst": 31,
             "einunddreissigst": 31}
    return {s + e: n for s, n in base.items() for e in ("e", "en", "er", "es", "em")}


def _counted(words: str, ones: list[str], join: str, first: dict[str, int]) -> dict[str, int]:
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


def _fr_days() -> dict[str, int]:
    out = _counted("deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
                   "quinze seize dix-sept dix-huit dix-neuf vingt trente",
                   ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
                   "{t}-{o}", {"premier": 1, "première": 1})
    return out | {"vingt et un": 21, "trente et un": 31}


def _es_days() -> dict[str, int]:
    out = _counted("dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
                   "quince dieciséis diecisiete dieciocho diecinueve veinte treinta",
                   ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
                   "{t} y {o}", {"primero": 1, "uno": 1})
    out |= {f"veinti{o}": 21 + i for i, o in enumerate(
        ["uno", "dós", "trés", "cuatro", "cinco", "séis", "siete", "ocho", "nueve"])}
    return out | {"veintidos": 22, "veintitres": 23, "veintiseis": 26, "dieciseis": 16}


def _it_days() -> dict[str, int]:
    out = _counted("due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
                   "quattordici quindici sedici diciassette diciotto diciannove venti trenta",
                   ["uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
                   "{t}{o}", {"primo": 1})
    # venti + uno/otto and trenta + uno drop the vowel: ventuno, ventotto, trentuno
    return out | {"ventuno": 21, "ventotto": 28, "trentuno": 31, "ventitré": 23}


def _nl_ordinals() -> dict[str, int]:
    units = ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste",
             "negende", "tiende", "elfde", "twaalfde", "dertiende", "veertiende",
             "vijftiende", "zestiende", "zeventiende", "achttiende", "negentiende",
             "twintigste"]
    out = {w: i + 1 for i, w in enumerate(units)}
    ones = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
    out |= {f"{o}{'ën' if o.endswith('e') else 'en'}twintigste": 21 + i
            for i, o in enumerate(ones)}
    return out | {"dertigste": 30, "eenendertigste": 31}


def _fi_ordinals() -> dict[str, int]:
    # written dates use figures (2. marraskuuta); words are met for the first and the last
    return {"ensimmäinen": 1, "ensimmäisenä": 1, "ensimmäistä": 1, "viimeinen": _LAST,
            "viimeisenä": _LAST}


# Words that turn a following number into a count or a reference, not a date.
_NUMBER_CUE = (
    r"nr|no|nos|num|nummer|numero|s|sid|sidan|sidorna|p|pp|page|pages|seite|seiten|heft|"
    r"vol|bd|band|kap|cap|art|kl|klockan|tel|tfn|§|#"
)
# ... and those of the languages added later, each its own (searched before every number)
_NUMBER_CUE_MORE = {
    "fr": r"n°|nº|n|numéro|numéros|t|tome|h|heures|chap|fasc",
    "fi": r"n:o|nro|sivu|sivut|sivulla|ss|klo|kello|osa|vsk",
    "es": r"n°|nº|n|núm|número|números|nro|pág|págs|página|páginas|t|tomo|horas",
    "it": r"n°|nº|n|num|numero|numeri|pag|pagina|pagine|t|tomo|ore|fasc",
    "nl": r"nr|blz|bl|bladzijde|bladzijden|pagina|deel|dl|uur|hfst",
}


def _number_cue_before(cues: str) -> re.Pattern[str]:
    return re.compile(r"(?:(?<!\w)(?:" + cues + r")\.?\s*|\d[.,]|[\d:/])$", re.IGNORECASE)


_NUMBER_CUE_BEFORE = _number_cue_before(_NUMBER_CUE)

# Units and counted nouns: a year-like number before one of them is a quantity.
_UNITS = (
    # sv
    "år|åren|års|dagar|dygn|veckor|månader|timmar|minuter|man|mans|personer|människor|"
    "invånare|soldater|arbetare|medlemmar|kronor|kr|öre|francs|franc|dollar|pund|mark|rubel|"
    "lire|meter|m|km|kilometer|mil|ton|kg|kilo|liter|procent|st|stycken|sidor|exemplar|"
    "banko|riksdaler|rdr|gånger|fall|steg|famnar|alnar|"
    # en
    "years|days|weeks|months|hours|minutes|men|people|persons|soldiers|workers|members|"
    "dollars|pounds|marks|roubles|rubles|miles|metres|meters|feet|tons|copies|pages|"
    "percent|per|times|cases|votes|copies|volumes|"
    # de
    "jahre|jahren|tage|tagen|wochen|monate|monaten|stunden|menschen|personen|leute|"
    "arbeiter|mitglieder|soldaten|reichsmark|rm|pfund|rubel|kilometer|kilometern|metern|"
    "prozent|stück|seiten|exemplare|mal|"
    # da, nb
    "dage|dager|døgn|uger|uker|måneder|timer|minutter|mand|mann|mennesker|indbyggere|"
    "innbyggere|arbejdere|arbeidere|medlemmer|kroner|øre|procent|prosent|stk|sider|"
    "eksemplarer|gange|ganger"
)
# The same for the languages added later, each its own list: an Italian, Dutch or Spanish
# "per"/"por" after a year is a preposition, not "per cent".
_UNITS_MORE = {
    "fr": "ans|années|jours|semaines|mois|heures|minutes|hommes|femmes|personnes|habitants|"
          "ouvriers|travailleurs|membres|adhérents|soldats|morts|victimes|francs|fr|frs|"
          "livres|marks|roubles|dollars|mètres|kilomètres|km|kilos|kg|tonnes|litres|"
          "pour\\s+cent|exemplaires|voix|fois|pages|numéros|cas|lettres|articles",
    "fi": "vuotta|vuoden|päivää|viikkoa|kuukautta|tuntia|minuuttia|henkeä|henkilöä|ihmistä|"
          "asukasta|työläistä|työmiestä|jäsentä|sotilasta|miestä|markkaa|mk|penniä|euroa|"
          "metriä|kilometriä|km|kiloa|kg|tonnia|litraa|prosenttia|kappaletta|kpl|sivua|"
          "kertaa|ääntä|numeroa|tapausta|kirjettä|artikkelia",
    "es": "años|días|semanas|meses|horas|minutos|hombres|mujeres|personas|habitantes|"
          "obreros|trabajadores|miembros|afiliados|soldados|muertos|víctimas|pesetas|ptas|"
          "pesos|francos|dólares|libras|marcos|metros|kilómetros|km|kilos|kg|toneladas|"
          "litros|por\\s+ciento|ejemplares|votos|veces|páginas|números|casos|cartas|artículos",
    "it": "anni|giorni|settimane|mesi|ore|minuti|uomini|donne|persone|abitanti|operai|"
          "lavoratori|membri|iscritti|soldati|morti|vittime|lire|franchi|dollari|sterline|"
          "marchi|metri|chilometri|km|chili|kg|tonnellate|litri|per\\s+cento|copie|voti|"
          "volte|pagine|numeri|casi|lettere|articoli",
    "nl": "jaar|jaren|dagen|weken|maanden|uur|uren|minuten|man|mannen|vrouwen|mensen|"
          "personen|inwoners|arbeiders|leden|soldaten|doden|slachtoffers|gulden|guldens|"
          "frank|franken|mark|dollar|pond|meter|kilometer|km|kilo|kg|ton|liter|procent|"
          "exemplaren|stemmen|keer|maal|pagina's|bladzijden|nummers|gevallen|brieven|artikelen",
}
_UNIT_AFTER = re.compile(r"\s+(?:" + _UNITS + r")(?!\w)", re.IGNORECASE)

_DASH = r"\s*[-‐‑–—]\s*"
_AND_WORD = re.compile(r"och|and|und|og|et|ja|y|e|ed|en", re.IGNORECASE)
# a further day before such a pair: "les 2, 3 et 4 mai", "den 1, 2 och 3 maj"
_LIST_DAY_BEFORE = re.compile(
    r"(?<![\w.,:/])(0?[1-9]|[12]\d|3[01])(?:er|e|\.|:[a-z]{1,2}|º|°)?,\s+$")
_RANGE_WORDS = {"sv": r"till|och", "en": r"to|until|till|and|through", "de": r"bis|und",
                "da": r"til|og", "nb": r"til|og", "fr": r"au|à|a|et|jusqu['’]au",
                "fi": r"ja|vuoteen", "es": r"al|a|y|e|hasta", "it": r"al|e|ed|a",
                "nl": r"tot|en|t/m|op"}  # de nacht van 7 op 8 juni
_RANGE_CUE = {
    "sv": r"från|mellan",
    "en": r"from|between",
    "de": r"von|vom|zwischen",
    "da": r"fra|mellem",
    "nb": r"fra|mellom",
    "fr": r"du|de|entre|depuis",
    "fi": r"vuodesta|vuosina|vuosien",
    "es": r"del|de|entre|desde",
    "it": r"dal|da|tra|fra",
    "nl": r"van|tussen|vanaf",
}
# the same cue elided onto the next word: d'avril à juin, dall'8 al 10 marzo
_RANGE_CUE_ELIDED = {"fr": r"d['’]", "it": r"dall['’]|tra\s+l['’]|fra\s+l['’]"}
_AFTER_CONN_ARTICLE = {"sv": r"(?:den\s+)?", "en": r"(?:the\s+)?", "de": r"(?:zum\s+|den\s+)?",
                       "da": r"(?:den\s+)?", "nb": r"(?:den\s+)?", "fr": r"(?:le\s+)?",
                       "fi": "", "es": r"(?:el\s+)?", "it": r"(?:il\s+|l['’])?", "nl": ""}

_YEAR_CUE = {
    "sv": r"år|året|åren|anno|född|födda|död|avled|a\.\s?d\.|under|sedan|från|efter|före|"
          r"innan|omkring|kring|cirka|"
          r"ca\.?|våren|sommaren|hösten|vintern|(?:början|slutet|mitten)\s+a[vf]|"
          r"fram\s+till|intill|t\.\s?o\.\s?m\.?|senast",
    "en": r"in|year|since|born|died|during|until|till|from|after|before|by|around|circa|c\.|ca\.|"
          r"spring\s+of|summer\s+of|autumn\s+of|fall\s+of|winter\s+of|end\s+of|"
          r"beginning\s+of|middle\s+of|early|late",
    "de": r"im\s+jahre?|jahre?|jahres|geboren|gestorben|seit|bis|von|nach|vor|um|ab|anfang|"
          r"ende|mitte|"
          r"frühjahr|frühling|sommer|herbst|winter|ca\.|circa|etwa|anno",
    "da": r"år|året|anno|født|død|døde|under|siden|fra|efter|før|omkring|cirka|ca\.?|"
          r"foråret|sommeren|efteråret|vinteren|(?:begyndelsen|slutningen|midten)\s+af|"
          r"indtil|senest",
    "nb": r"år|året|anno|født|død|døde|under|siden|fra|etter|efter|før|omkring|cirka|ca\.?|"
          r"våren|sommeren|høsten|vinteren|(?:begynnelsen|slutten|midten)\s+av|inntil|senest",
    "fr": r"en|an|année|l['’]année|depuis|dès|jusqu['’]en|avant|après|vers|né|née|mort|morte|"
          r"printemps|été|automne|hiver|début|fin|milieu|courant",
    "fi": r"vuonna|vuoden|vuodesta|vuoteen|vuosi|vuodelta|v\.|syntyi|syntynyt|kuoli|keväällä|"
          r"kesällä|syksyllä|talvella|ennen|noin|n\.|vuosina",
    "es": r"en|año|desde|hasta|antes\s+de|después\s+de|hacia|nació|nacido|nacida|murió|"
          r"primavera\s+de|verano\s+de|otoño\s+de|invierno\s+de|principios\s+de|"
          r"finales\s+de|mediados\s+de",
    "it": r"nel|anno|dal|al|del|fino\s+al|prima\s+del|dopo\s+il|verso\s+il|nato\s+nel|"
          r"morto\s+nel|nata\s+nel|morta\s+nel|primavera\s+del|estate\s+del|"
          r"autunno\s+del|inverno\s+del|inizio\s+del|fine\s+del|metà\s+del|tra\s+il|"
          r"fra\s+il|il|sin\s+dal|circa",
    "nl": r"in|jaar|sinds|sedert|tot|vanaf|na|rond|omstreeks|circa|ca\.|geboren|halverwege|medio|"
          r"overleden|stierf|(?:begin|eind|midden|voorjaar|zomer|najaar|herfst|winter|lente)"
          r"(?:\s+van)?",
}
# Three-figure years need their word: år 800, en l'an 800, vuonna 800
_YEAR_CUE_3DIGIT = {
    "sv": r"år|året|anno", "en": r"year|anno", "de": r"jahre?|anno", "da": r"år|året|anno",
    "nb": r"år|året|anno", "fr": r"l['’]an|l['’]année|année", "fi": r"vuonna|vuoden",
    "es": r"año|el\s+año", "it": r"anno|nell['’]anno", "nl": r"jaar|het\s+jaar",
}
_MONTH_CUE = {
    "sv": r"i|under|från|sedan|till|efter|före|inför|(?:början|slutet|mitten)\s+a[vf]",
    "en": r"in|during|since|until|till|from|through|by|early|late|of",
    "de": r"im|seit|bis|ab|vor|nach|anfang|ende|mitte",
    "da": r"i|under|fra|siden|til|efter|før|(?:begyndelsen|slutningen|midten)\s+af",
    "nb": r"i|under|fra|siden|til|etter|før|(?:begynnelsen|slutten|midten)\s+av",
    "fr": r"en|depuis|dès|jusqu['’]en|avant|après|début|fin|courant|vers|mois\s+de|"
          r"mois\s+d['’]",
    "fi": r"(?!)",  # Finnish says it with the case ending: huhtikuussa (_FI_SELF_CUED)
    "es": r"en|desde|hasta|antes\s+de|después\s+de|principios\s+de|finales\s+de|"
          r"mediados\s+de|mes\s+de",
    "it": r"a|in|nel|nell['’]|da|dal|dall['’]|fino\s+a|prima\s+di|dopo|inizio|fine|"
          r"metà|mese\s+di",
    "nl": r"in|sinds|sedert|tot|vanaf|voor|na|begin|eind|eind|medio|half|midden",
}
# a cue after the month: Finnish postpositions with the genitive (toukokuun alussa: early May)
_MONTH_CUE_AFTER = {"fi": r"alussa|alkupuolella|alkuun|alusta|lopussa|loppupuolella|lopulla|"
                          r"loppuun|lopusta|puolivälissä|puolivälin|aikana|kuluessa"}
# a cue glued to the month: mid-April, mi-mai, d'avril, nell'aprile
_MONTH_CUE_GLUED = {"en": r"mid-", "fr": r"mi-|d['’]|jusqu['’]à\s+|à\s+la\s+mi-",
                    "it": r"nell['’]|dall['’]|all['’]"}
# What a sentence says about time, for a day and month that would fall after the anchor.
_FUTURE_CUE = re.compile(
    r"(?<!\w)(?:kommer(?:\s+\w+)?\s+att|komme|ska|skall|nästa|nästkommande|kommande|"
    r"will|shall|next|coming|forthcoming|wird|werden|nächsten?|kommenden?|"
    r"vil|skal|næste|neste|kommende)(?!\w)",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"(?<!\w)(?:var|voro|hade|blev|blef|blevo|blefvo|kom|kommo|höll|hölls|gick|sade|sa|"
    r"gjorde|fick|fanns|stod|låg|dog|föll|skrev|skref|tog|togs|gav|gavs|såg|\w{2,}(?:ade|ades)|"
    r"was|were|had|did|came|went|met|held|wrote|said|died|fell|began|took|gave|left|\w{3,}ed|"
    r"war|waren|hatte|hatten|wurde|wurden|kam|kamen|fand|fanden|starb|sprach|schrieb|ging|"
    r"gingen|gab|sagte|tagte|traf|fiel|begann|"
    r"havde|hadde|blev|ble|holdt|sagde|skrev|døde|fandt|fant|gik|gikk|tog|tok)(?!\w)",
    re.IGNORECASE,
)
# The languages added later have their own tense words (a French future in -era is a Swedish
# infinitive, a Swedish "sa" a French "his"): (future, past) for each.
_TENSE_MORE = {
    "fr": (r"sera|seront|aura|auront|prochain|prochaine|prochains|devra|va|vont|"
           r"\w{3,}(?:era|ira|dra|eront|iront|dront)",
           r"fut|furent|était|étaient|avait|avaient|eut|eurent|été|tenu|tenue|mourut|tint|"
           r"tinrent|vint|vinrent|prit|fit|\w{3,}(?:ait|aient|èrent|irent|urent)|"
           r"(?:a|ont|est|sont|avait|avaient)\s+\w{2,}(?:é|ée|és|ées|u|ue|is|it)"),
    "fi": (r"tulee|tulevat|ensi|seuraava|seuraavana|pidetään|järjestetään",
           r"oli|olivat|oltiin|pidettiin|kuoli|syntyi|sanoi|kirjoitti|tuli|tulivat|alkoi|"
           r"päättyi|\w{3,}ttiin"),
    "es": (r"será|serán|habrá|próximo|próxima|va\s+a|van\s+a|"
           r"\w{3,}(?:ará|erá|irá|arán|erán|irán)",
           r"fue|fueron|era|eran|había|habían|tuvo|murió|\w{3,}(?:ó|aron|ieron|aba|aban)"),
    "it": (r"sarà|saranno|prossimo|prossima|\w{3,}(?:rà|ranno)",
           r"fu|furono|era|erano|aveva|avevano|ebbe|morì|uscì|partì|aprì|finì|"
           r"\w{3,}(?:ò|arono|erono|irono|ava|avano|eva|evano)"),
    "nl": (r"zal|zullen|volgende|komende|aanstaande|a\.s\.",
           r"was|waren|had|hadden|werd|werden|kwam|kwamen|ging|gingen|hield|schreef|stierf|"
           r"zei|vond|begon|ge\w{3,}(?:d|t)"),
}


def _tense(key: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if key not in _TENSE_MORE:
        return _FUTURE_CUE, _PAST_CUE
    future, past = _TENSE_MORE[key]
    return (re.compile(rf"(?<!\w)(?:{future})(?!\w)", re.IGNORECASE),
            re.compile(rf"(?<!\w)(?:{past})(?!\w)", re.IGNORECASE))


# Old Swedish letters and newspapers: "den 12 sistlidne september", "den 7 instundande maj".
_RELATIVE = {
    "past": ["sistlidne", "sistlidna", "sistliden", "sistl.", "sistvikne", "sistvikna",
             "sistwikne", "sistwikna", "förliden", "förlidne", "förlidna", "förl.",
             "förvichne", "förwichne", "förvichna", "förwichna", "förv.", "förw.",
             "senastlidne", "senastlidna"],
    "future": ["instundande", "instund.", "nästkommande", "nästk."],
    "current": ["innevarande", "innewarande", "innev.", "innew."],
}
# The same after the month in French, Spanish, Italian and Dutch letters: "le 12 septembre
# dernier", "el 3 de marzo pasado", "il 5 maggio scorso", "12 september jl.", "7 mei a.s.".
_RELATIVE_AFTER = {
    "fr": {"past": ["dernier"], "future": ["prochain"], "current": ["courant", "ct", "ct."]},
    "es": {"past": ["pasado", "último", "ppdo.", "ppdo"], "future": ["próximo", "venidero"],
           "current": ["corriente", "cte.", "actual"]},
    "it": {"past": ["scorso", "u.s.", "passato"], "future": ["prossimo", "p.v."],
           "current": ["corrente", "c.m.", "c.a."]},
    "nl": {"past": ["jongstleden", "jl.", "j.l.", "laatstleden", "ll.", "l.l."],
           "future": ["aanstaande", "a.s.", "eerstkomende"], "current": []},
}
# A day of this, the last or the next month, named by its relation to the letter's date: "le 5
# courant", "the 5th inst.", "den 5 dennes", "vom 5. d. M.", "5 p:nä t.k.", "del 5 del
# corriente", "il 5 u.s.", "den 5den dezer".
_DAY_OF_MONTH = {
    "sv": {"current": ["dennes", "d:s"], "past": ["förra månaden", "sistlidne månad"],
           "future": ["nästa månad", "instundande månad"]},
    "en": {"current": ["inst.", "instant"], "past": ["ult.", "ultimo"],
           "future": ["prox.", "proximo"]},
    "de": {"current": ["d. M.", "d.M.", "d. Mts.", "ds. Mts.", "dieses Monats", "lfd. M."],
           "past": ["v. M.", "v. Mts.", "vorigen Monats"],
           "future": ["n. M.", "nächsten Monats", "k. M."]},
    "da": {"current": ["ds.", "dennes", "d.m."], "past": ["f.m.", "forrige måned"],
           "future": ["n.m.", "næste måned"]},
    "nb": {"current": ["ds.", "dennes", "d.m."], "past": ["f.m.", "forrige måned"],
           "future": ["n.m.", "neste måned"]},
    "fr": {"current": ["courant", "ct.", "ct", "du courant", "de ce mois", "du mois courant",
                       "du mois en cours"],
           "past": ["du mois dernier", "du mois passé", "du mois écoulé"],
           "future": ["du mois prochain"]},
    "fi": {"current": ["tätä kuuta", "t.k.", "tämän kuun"],
           "past": ["viime kuuta", "e.k.", "edellistä kuuta", "viime kuun"],
           "future": ["ensi kuuta", "tulevaa kuuta", "ensi kuun"]},
    "es": {"current": ["del corriente", "del actual", "del cte.", "cte.", "del presente mes",
                       "de los corrientes"],
           "past": ["del pasado", "del mes pasado", "del ppdo."],
           "future": ["del próximo", "del mes próximo", "del entrante"]},
    "it": {"current": ["corrente", "corr.", "c.m.", "del corrente mese", "del mese corrente",
                       "del corrente"],
           "past": ["u.s.", "del mese scorso", "dello scorso mese"],
           "future": ["p.v.", "del mese prossimo", "del prossimo mese"]},
    "nl": {"current": ["dezer", "dezes", "dezer maand", "van deze maand"],
           "past": ["der vorige maand", "van de vorige maand", "van vorige maand"],
           "future": ["der volgende maand", "van de volgende maand", "van volgende maand"]},
}


def _dom_key(words: str) -> str:
    """One spelling for "d. M.", "d.M." and "D. m.": lower case, no space after a full stop."""
    return " ".join(words.lower().replace(". ", ".").split())


_DAY_OF_MONTH_OF = {lang: {_dom_key(w): k for k, ws in by.items() for w in ws}
                    for lang, by in _DAY_OF_MONTH.items()}
# and before it in Finnish: "viime marraskuussa" (last November), "ensi toukokuussa" (next May)
_RELATIVE_BEFORE = {"fi": {"past": ["viime", "viimeksi kuluneen"], "future": ["ensi", "tulevan"],
                           "current": ["tämän vuoden"]}}
_RELATIVE_OF = {w: k for k, ws in _RELATIVE.items() for w in ws} | {
    w: k for by in (*_RELATIVE_AFTER.values(), *_RELATIVE_BEFORE.values())
    for k, ws in by.items() for w in ws}
_RELATIVE_WORDS = "|".join(
    sorted((re.escape(w) + ("" if w.endswith(".") else r"(?!\w)") for w in _RELATIVE_OF),
           key=len, reverse=True))
# A sentence ends at . ! ? (and closing quotes/brackets) before a capital, or at a blank line.
_SENTENCE_END = re.compile(
    r"[.!?][\"”’»)\]]*\s+(?=[\"”»«(\[]?\s?[A-ZÅÄÖÜÆØÉÈÊÀÂÇÎÔÛÑÍÓÚ])|\n[ \t]*\n")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")

# Bare years: not after a figure group (31 2003), a currency sign or an arithmetic sign, and
# followed by the end, a punctuation mark or a word (checked in _bare_year).
_BARE_BEFORE_NOT = re.compile(r"(?:\d[ \u00a0\u202f]|[$£€¥+×*=±]\s?)$")
_BARE_AFTER = re.compile(r"\s*(?:\Z|[.,;:!?)\]”\"’»–—](?!\d)|\s(?P<w>[^\W\d_]+))")
_FUNCTION_WORD = {
    "sv": re.compile(
        r"och|eller|men|samt|i|på|till|från|med|som|då|när|var|har|hade|är|blev|kom|för|av|"
        r"efter|under|vid|om|mot|utan|inför|hos|genom|enligt|så|att|den|det|de|han|hon|vi|"
        r"ni|jag|man|ut|in|upp|ned|ner|igen|också|även|redan|dock|bara|fick|skulle|kunde|"
        r"måste|ska|skall|blir|finns|fanns|sedan", re.IGNORECASE),
    "en": re.compile(
        r"and|or|but|in|on|at|to|from|with|as|when|was|were|had|has|is|are|the|a|an|he|she|"
        r"they|it|we|i|by|for|of|after|before|until|that|which|who|there|this|also|again|"
        r"became|saw|would|could|should|will|so|then", re.IGNORECASE),
    "de": re.compile(
        r"und|oder|aber|in|im|am|an|auf|zu|zum|zur|von|vom|mit|als|wurde|war|hatte|hat|ist|"
        r"sind|die|der|das|den|dem|er|sie|es|wir|ich|man|nach|vor|bis|seit|für|bei|durch|"
        r"gegen|wieder|auch|noch|schon|dann|so|da|wo|wie|kam|gab", re.IGNORECASE),
    "da": re.compile(
        r"og|eller|men|samt|i|på|til|fra|med|som|da|når|var|har|havde|er|blev|kom|for|af|"
        r"efter|under|ved|om|mod|uden|hos|gennem|ifølge|så|at|den|det|de|han|hun|vi|jeg|"
        r"man|ud|ind|op|ned|igen|også|allerede|dog|kun|fik|skulle|kunne|måtte|skal|"
        r"bliver|findes|fandtes|siden", re.IGNORECASE),
    "nb": re.compile(
        r"og|eller|men|samt|i|på|til|fra|med|som|da|når|var|har|hadde|er|ble|kom|for|av|"
        r"etter|under|ved|om|mot|uten|hos|gjennom|ifølge|så|at|den|det|de|han|hun|vi|jeg|"
        r"man|ut|inn|opp|ned|igjen|også|allerede|dog|bare|fikk|skulle|kunne|måtte|skal|"
        r"blir|finnes|fantes|siden", re.IGNORECASE),
    "fr": re.compile(
        r"et|ou|mais|en|à|au|aux|dans|sur|de|du|des|par|pour|avec|sans|chez|vers|contre|"
        r"comme|quand|lorsque|où|que|qui|il|elle|ils|elles|on|nous|vous|je|le|la|les|un|"
        r"une|ce|cette|est|était|fut|a|avait|eut|sont|furent|ont|se|s|y|puis|déjà|encore|"
        r"aussi|alors|après|avant|depuis|jusqu", re.IGNORECASE),
    "fi": re.compile(
        r"ja|tai|mutta|sekä|kun|jo|vielä|myös|se|hän|he|me|te|minä|sinä|oli|olivat|on|ovat|"
        r"ei|että|jälkeen|aikana|asti|saakka|lähtien|alkaen|mennessä|lopussa|alussa|"
        r"keväällä|kesällä|syksyllä|talvella|kuoli|syntyi|tuli|ilmestyi", re.IGNORECASE),
    "es": re.compile(
        r"y|e|o|u|pero|en|a|al|de|del|por|para|con|sin|sobre|entre|hacia|hasta|desde|como|"
        r"cuando|donde|que|quien|él|ella|ellos|ellas|se|el|la|los|las|un|una|es|era|fue|"
        r"fueron|había|ha|han|son|también|ya|luego|después|antes", re.IGNORECASE),
    "it": re.compile(
        r"e|ed|o|ma|in|a|al|alla|da|dal|di|del|della|per|con|su|tra|fra|come|quando|dove|"
        r"che|chi|egli|lui|lei|essi|si|il|lo|la|i|gli|le|un|una|è|era|fu|furono|aveva|ha|"
        r"hanno|sono|anche|già|poi|dopo|prima|fino", re.IGNORECASE),
    "nl": re.compile(
        r"en|of|maar|in|op|aan|te|tot|van|met|voor|na|naar|bij|door|als|toen|waar|dat|die|"
        r"wie|hij|zij|ze|wij|we|ik|het|de|een|is|was|waren|werd|had|heeft|zijn|ook|al|nog|"
        r"daarna|weer|verscheen|kwam|stierf", re.IGNORECASE),
}
_NUMERIC_CUE = re.compile(r"(?<!\w)(?:den|am|vom|zum|bis|on|le|du|au|el|del|al|il|dal|op|"
                          r"van|tot)\s+$", re.IGNORECASE)
_ONLY_END = re.compile(r"\s*\.?\s*\Z")
_END_GUARD = r"(?![-‐–—\u00ad]?\w)(?![.,:/]\d)"  # \u00ad: a soft hyphen (mai\u00adsons)


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _hint(months: Iterable[str], ordinals: Iterable[str], of: str) -> re.Pattern[str]:
    """Where a date may start: a number, a month word, an ordinal word before a month.

    Built for speed: the pattern opens with a plain character class (digits and the first
    letters of the words, both cases), so the regex engine skips every other position in C;
    the rest of each word is matched case-insensitively only where that letter stands at the
    start of a word. ``re.IGNORECASE`` on the whole alternation is ~7x slower on prose.
    """
    month_alt = _alt(months)
    after_ord = rf"(?=\s+{of}(?:{month_alt})(?!\w))"
    by_first: dict[str, list[str]] = {}
    for w in months:
        by_first.setdefault(w[0], []).append(_alt([w[1:]]) + r"(?!\w)")
    for w in ordinals:
        by_first.setdefault(w[0], []).append(_alt([w[1:]]).replace(r"\ ", r"\s+") + after_ord)
    branches = [r"(?<=\d)\d*"]
    for first, rests in sorted(by_first.items()):
        rests.sort(key=len, reverse=True)
        branches.append(rf"(?<=[{re.escape(first + first.upper())}])(?i:{'|'.join(rests)})")
    firsts = "".join(sorted(set(by_first) | {c.upper() for c in by_first}))
    return re.compile(rf"[\d{re.escape(firsts)}](?<!\w.)(?:{'|'.join(branches)})")


@dataclass(frozen=True)
class _Lang:
    code: str
    months: dict[str, int]
    abbr: dict[str, int]
    ordinals: dict[str, int]
    hint: re.Pattern[str]
    digit_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    word_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    year_cue: re.Pattern[str]
    year_cue3: re.Pattern[str]
    month_cue: re.Pattern[str]
    range_cue: re.Pattern[str]
    unit_after: re.Pattern[str]
    number_cue_before: re.Pattern[str]
    weekday: re.Pattern[str]
    decade_before: re.Pattern[str] | None  # années 1930: the word that makes it a decade
    relative_before: re.Pattern[str] | None  # viime marraskuussa: last November
    month_cue_after: re.Pattern[str] | None  # toukokuun alussa
    self_cued: frozenset[str]  # month forms that are dates alone (Finnish huhtikuussa)
    future_cue: re.Pattern[str]
    past_cue: re.Pattern[str]


_LANG_ALIASES = {"sv": "sv", "swe": "sv", "sw": "sv", "en": "en", "eng": "en", "de": "de",
                 "deu": "de", "ger": "de", "da": "da", "dan": "da", "nb": "nb", "no": "nb",
                 "nn": "nb", "nob": "nb", "nno": "nb", "nor": "nb", "fr": "fr", "fra": "fr",
                 "fre": "fr", "fi": "fi", "fin": "fi", "es": "es", "spa": "es", "it": "it",
                 "ita": "it", "nl": "nl", "nld": "nl", "dut": "nl"}
#: The languages with a date grammar, for messages.
LANGUAGES = ("sv", "en", "de", "da", "nb", "fr", "fi", "es", "it", "nl")

# The tables of each language: month names, abbreviations, day words (ordinals).
_TABLES = {
    "sv": (_SV_MONTHS, _SV_ABBR, _sv_ordinals),
    "en": (_EN_MONTHS, _EN_ABBR, _en_ordinals),
    "de": (_DE_MONTHS, _DE_ABBR, _de_ordinals),
    "da": (_DA_MONTHS, _DA_ABBR, _da_ordinals),
    "nb": (_NB_MONTHS, _NB_ABBR, _nb_ordinals),
    "fr": (_FR_MONTHS, _FR_ABBR, _fr_days),
    "fi": (_FI_MONTHS, _FI_ABBR, _fi_ordinals),
    "es": (_ES_MONTHS, _ES_ABBR, _es_days),
    "it": (_IT_MONTHS, _IT_ABBR, _it_days),
    "nl": (_NL_MONTHS, _NL_ABBR, _nl_ordinals),
}
# What may follow a day's figure: 1:a (sv), 2nd (en), 2. (de, da, nb, fi), 1er (fr),
# 1.º / 1ro (es), 1° (it), 2e / 2de / 1ste and the older 2den / 1sten (nl).
_NUM_SUFFIX = {"sv": r"(?::[a-zåäö]{1,3})?\.?", "en": r"(?:st|nd|rd|th)?",
               "fr": r"(?:er|re|ᵉʳ|e)?", "es": r"(?:\.?(?:[º°ª]|ero|ro|o))?\.?",
               "it": r"[°º]?", "nl": r"(?:sten|ste|den|de|e)?"}
# Between day and month: 2nd of November, 2 de noviembre, 2 päivänä / p:nä marraskuuta.
_DAY_MONTH = {"en": r"(?:of\s+)?", "es": r"(?:de\s+)?",
              "fi": r"(?:(?:päivänä|päivä|p:nä|pnä|p\.)\s+)?"}
# Between month and year: November 2, 1937; 2 november år 1937; noviembre de 1937; maggio del.
_MONTH_YEAR = {"en": r",?\s+", "sv": r"\s+(?:år\s+)?", "es": r",?\s+(?:del?\s+)?",
               "it": r"\s+(?:del\s+)?"}
# Numeric dates beyond d/m/y and d.m.y: 2-11-1937 (nl, es, it, fr) and dotted ranges
# 3.–5.3.1937, 3.3.–5.4.1937 (de, da, nb, fi).
_DASHED_NUMERIC = ("fr", "es", "it", "nl")
# Months in Roman figures, in capitals: 2.XI.1937, 2-XI-1937, 2 XI 1937 (fr, fi, es, it, nl).
_ROMAN_MONTHS = {r: i + 1 for i, r in enumerate(
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])}
_ROMAN_NUMERIC = ("fr", "fi", "es", "it", "nl")
_DOTTED_RANGES = ("de", "da", "nb", "fi")
# The word that makes a figure a decade where the figure alone does not: les années 1930,
# los años 30, gli anni '30, de jaren 1930.
_DECADE_WORD = {"fr": r"années", "es": r"años|década\s+de(?:\s+los)?", "it": r"anni",
                "nl": r"jaren"}
# ... and the tens in words after it (les années trente, gli anni Trenta, de jaren dertig):
# the decade of the 20th century, as these expressions mean it.
_DECADE_TENS = {
    "fr": {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
           "soixante-dix": 70, "septante": 70, "quatre-vingt": 80, "quatre-vingts": 80,
           "huitante": 80, "octante": 80, "quatre-vingt-dix": 90, "nonante": 90},
    "es": {"veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
           "setenta": 70, "ochenta": 80, "noventa": 90},
    "it": {"venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60,
           "settanta": 70, "ottanta": 80, "novanta": 90},
    "nl": {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
           "zeventig": 70, "tachtig": 80, "negentig": 90},
}
# the first word of those expressions, for the hint: années, anni, jaren, años, década
_DECADE_HINT = {"fr": ["années"], "es": ["años", "década"], "it": ["anni"], "nl": ["jaren"]}


def supports(code: str) -> bool:
    """Is there a date grammar for language ``code`` (ISO 639-1 or -2)?"""
    return _LANG_ALIASES.get(code.lower().replace("_", "-").split("-")[0]) is not None


def _weekday(key: str) -> re.Pattern[str]:
    """A weekday standing straight before a date (an optional comma between)."""
    ending = _WEEKDAY_ENDING.get(key)
    names = _alt(_WEEKDAYS[key].split()) if not ending else \
        rf"(?:{_alt(_WEEKDAYS[key].split())})(?:{ending})?"
    return re.compile(rf"(?<!\w)(?:{names}),?\s+$", re.IGNORECASE)


@cache
def _lang(code: str) -> _Lang:
    key = _LANG_ALIASES.get(code.lower().replace("_", "-").split("-")[0])
    if key is None:
        raise ValueError(f"unsupported language for dates: {code!r} ({', '.join(LANGUAGES)})")
    months, abbr, make_ordinals = _TABLES[key]
    ordinals = make_ordinals()
    month_words = _alt(months)
    abbr_words = _alt(abbr)
    ord_words = _alt(ordinals).replace(r"\ ", r"\s+")

    def mon(n: int, words: str = month_words) -> str:
        return rf"(?P<m{n}>{words}|(?:{abbr_words})\.?)(?!\w)"

    num_suffix = _NUM_SUFFIX.get(key, r"\.?")

    def day(n: int) -> str:
        return rf"(?:(?P<d{n}>0?[1-9]|[12]\d|3[01]){num_suffix}|(?P<o{n}>{ord_words}))(?!\w)"

    def year(n: int) -> str:
        return rf"(?P<y{n}>1\d{{3}}|20\d{{2}})(?!\d)"

    s = r"\s+"
    conn = rf"(?:{_DASH}|\s+(?P<cw>{_RANGE_WORDS[key]})\s+{_AFTER_CONN_ARTICLE[key]})"
    comma = _MONTH_YEAR.get(key, r"\s+")
    of = _DAY_MONTH.get(key, "")
    the = r"(?:the\s+)?" if key == "en" else ""
    rel = rf"(?:(?P<q{{n}}>{_RELATIVE_WORDS})\s+)?" if key == "sv" else ""
    after = _RELATIVE_AFTER.get(key)
    rel_after = "" if after is None else r"(?:\s+(?P<q1>" + "|".join(
        sorted((re.escape(w) + ("" if w.endswith(".") else r"(?!\w)")
                for ws in after.values() for w in ws), key=len, reverse=True)) + "))?"
    dm = lambda n: day(n) + s + rel.format(n=n) + of + mon(n)  # noqa: E731
    md = lambda n: mon(n) + s + the + day(n)  # noqa: E731

    digit: list[tuple[str, str]] = [
        ("iso", r"(?P<y1>1\d{3}|20\d{2})-(?P<nm1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])"
                r"(?![\d-])"),
    ]
    nm = r"(?P<nm{n}>[01]?\d)"
    if key in _DOTTED_RANGES:
        dd = r"(?P<d{n}>[0-3]?\d)\.\s?"
        digit += [  # 3.3.1937–5.4.1937, 3.3.–5.4.1937, 3.–5.3.1937
            ("range", dd.format(n=1) + nm.format(n=1) + r"\.\s?" + year(1) + _DASH
             + dd.format(n=2) + nm.format(n=2) + r"\.\s?" + year(2)),
            ("range", dd.format(n=1) + nm.format(n=1) + r"\." + _DASH + dd.format(n=2)
             + nm.format(n=2) + r"\.\s?" + year(2)),
            ("range", dd.format(n=1).replace(r"\s?", "") + _DASH + dd.format(n=2)
             + nm.format(n=2) + r"\.\s?" + year(2)),
        ]
    digit += [
        ("numeric", r"(?P<a1>[0-3]?\d)/(?P<b1>[01]?\d)(?:/|\s*-\s*|\s+)" + year(1)),
        ("numeric", r"(?P<a1>[0-3]?\d)\.\s?(?P<b1>[01]?\d)\.\s?" + year(1)),
    ]
    if key in _DASHED_NUMERIC:
        digit.append(("numeric", r"(?P<a1>[0-3]?\d)-(?P<b1>[01]?\d)-" + year(1)))
    if key in _ROMAN_NUMERIC:
        roman = "|".join(sorted(_ROMAN_MONTHS, key=len, reverse=True))
        digit.append(("numeric", rf"(?P<a1>[0-3]?\d)(?P<sep>[.\- ])\s?(?-i:(?P<rb1>{roman}))"
                                 rf"(?P=sep)\s?" + year(1)))
    digit += [
        ("numeric_nd", r"(?P<a1>[0-3]?\d)/(?P<b1>[01]?\d)(?![/\d])"),
        ("numeric_nd", r"(?P<a1>[0-3]?\d)\.(?P<b1>[01]?\d)\.(?![\d])"),
        ("range", dm(1) + s + year(1) + conn + dm(2) + s + year(2)),
        ("range", dm(1) + conn + dm(2) + comma + year(2)),
        ("range", dm(1) + conn + dm(2)),
        ("range", day(1) + conn + dm(2) + comma + year(2)),
        ("range", day(1) + conn + dm(2)),
        ("decade", _decade(key)),
        ("range", year(1) + conn + r"(?P<y2>1\d{3}|20\d{2}|\d{2})(?!\d)"),
        ("single", dm(1) + comma + year(1)),
        ("single", dm(1) + rel_after),
        ("day_of_month", day(1) + s + of + "(?P<dom>" + _alt(
            w for ws in _DAY_OF_MONTH[key].values() for w in ws).replace(r"\ ", r"\s*") + ")"),
        ("year", year(1)),
        ("year3", r"(?P<y1>[1-9]\d{2})(?!\d)"),
    ]
    word: list[tuple[str, str]] = [
        ("range", mon(1) + s + year(1) + conn + mon(2) + s + year(2)),
        ("range", mon(1) + conn + mon(2) + comma + year(2)),
        ("range", mon(1) + conn + mon(2)),
    ]
    if key == "en":
        word += [
            ("range", md(1) + conn + md(2) + comma + year(2)),
            ("range", md(1) + conn + md(2)),
            ("range", md(1) + conn + day(2) + comma + year(2)),
            ("range", md(1) + conn + day(2)),
            ("single", md(1) + comma + year(1)),
            ("single", md(1)),
        ]
    if key == "fi":  # marraskuun 2. päivänä 1937: the genitive month before the day
        genitive = _alt(w for w in months if w.endswith("kuun"))
        paiva = r"\s+(?:päivänä|päivä|p:nä|pnä)(?!\w)"
        fi_md = mon(1, genitive) + s + day(1) + paiva
        fi_range = mon(1, genitive) + s + day(1) + conn + day(2) + paiva
        word += [("range", fi_range + comma + year(2)), ("range", fi_range),
                 ("single", fi_md + comma + year(1)), ("single", fi_md)]
    if key in _DECADE_TENS:
        word.append(("decade", rf"(?:{_DECADE_WORD[key]})\s+(?P<tens>{_alt(_DECADE_TENS[key])})"))
    word += [
        ("single", dm(1) + comma + year(1)),
        ("single", dm(1) + rel_after),
        ("single", mon(1) + comma + year(1)),
        ("month", mon(1) + rel_after),
    ]
    flags = re.IGNORECASE
    hint = _hint([*months, *abbr, *_DECADE_HINT.get(key, [])], ordinals, of)

    def comp(items: list[tuple[str, str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((k, re.compile(p + _END_GUARD, flags)) for k, p in items)

    elided = _RANGE_CUE_ELIDED.get(key)
    range_cue = rf"(?<!\w)(?:{_RANGE_CUE[key]})\s+(?:\w+\s+)?"
    glued = _MONTH_CUE_GLUED.get(key)
    units = _UNITS if key not in _UNITS_MORE else \
        _UNITS.replace("|per|", "|") + "|" + _UNITS_MORE[key]
    decade_word = _DECADE_WORD.get(key)
    return _Lang(
        code=key,
        months=months,
        abbr=abbr,
        ordinals={k.replace(" ", ""): v for k, v in ordinals.items()},
        hint=hint,
        digit_patterns=comp(digit),
        word_patterns=comp(word),
        year_cue=re.compile(rf"(?<!\w)(?:{_YEAR_CUE[key]})\s+$", flags),
        year_cue3=re.compile(rf"(?<!\w)(?:{_YEAR_CUE_3DIGIT[key]})\s+$", flags),
        month_cue=re.compile(rf"(?:(?<!\w)(?:{_MONTH_CUE[key]})\s+"
                             + (f"|{glued}" if glued else "") + ")$", flags),
        range_cue=re.compile(rf"(?:{range_cue}" + (rf"|(?<!\w)(?:{elided})" if elided else "")
                             + ")$", flags),
        unit_after=_UNIT_AFTER if key not in _UNITS_MORE else
        re.compile(r"\s+(?:" + units + r")(?!\w)", flags),
        number_cue_before=_NUMBER_CUE_BEFORE if key not in _NUMBER_CUE_MORE else
        _number_cue_before(_NUMBER_CUE + "|" + _NUMBER_CUE_MORE[key]),
        weekday=_weekday(key),
        decade_before=re.compile(rf"(?<!\w)(?:{decade_word})\s+['’]?$", flags)
        if decade_word else None,
        self_cued=frozenset(f"{st}kuu{c}" for st in _FI_STEMS for c in _FI_SELF_CUED)
        if key == "fi" else frozenset(),
        relative_before=re.compile(
            r"(?<!\w)(" + _alt(w for ws in _RELATIVE_BEFORE[key].values() for w in ws)
            .replace(r"\ ", r"\s+") + r")\s+$", flags) if key in _RELATIVE_BEFORE else None,
        month_cue_after=re.compile(rf"\s+(?:{_MONTH_CUE_AFTER[key]})(?!\w)", flags)
        if key in _MONTH_CUE_AFTER else None,
        future_cue=_tense(key)[0],
        past_cue=_tense(key)[1],
    )


def _decade(key: str) -> str:
    dec = r"(?P<dec>1\d{2}0|20\d0)"
    if key == "sv":
        return dec + r"-tal(?:et|ets)?"
    if key == "en":
        return dec + r"[’']?s"
    if key == "da":
        return dec + r"[’']?erne"
    if key == "nb":
        return dec + r"-(?:tallet|årene)"
    if key == "fi":  # 1930-luvulla, 1930-luvun, 1930-luku; 1800-luvulla: the century
        return dec + r"-lu(?:vu(?:lla|lle|lta|ssa|sta|ksi|n)|ku(?:un|a)?)"
    if key in _DECADE_WORD:  # années 1930, anni '30 (checked for its word in _interpret)
        return r"(?P<dec>1\d{2}0|20\d0|['’]?[1-9]0)(?!\s*\d)"
    return dec + r"er(?:[-\s]+jahren?|[-\s]+jahrhunderts?)?"


# --------------------------------------------------------------------------------------------
# Matching

_YMD = tuple[int | None, int | None, int | None]


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    left: _YMD
    right: _YMD | None = None  # a range
    explicit_year: bool = False
    relative: str | None = None  # "past", "future", "current": sistlidne, instundande, ...
    invalid: bool = False  # looked like a date but is not one (30 February): skip, mark nothing
    pair: _Raw | None = None  # the second of two dates joined by "and" (les 2 et 3 mai 1937)


def _month_of(lang: _Lang, word: str) -> tuple[int, bool] | None:
    w = word.lower().rstrip(".")
    if w in lang.months:
        return lang.months[w], False
    if w in lang.abbr:
        return lang.abbr[w], True
    return None


def _case_ok(lang: _Lang, word: str) -> bool:
    return lang.code != "en" or word[:1].isupper()  # English "may", "march" are verbs


def _days_in(y: int | None, m: int) -> int:
    return calendar.monthrange(y if y is not None else 2000, m)[1]  # 2000: 29 Feb allowed


def _valid(ymd: _YMD) -> bool:
    y, m, d = ymd
    if m is not None and not 1 <= m <= 12:
        return False
    return d is None or (m is not None and 1 <= d <= _days_in(y, m))


def _part(lang: _Lang, m: re.Match[str], n: int, alone: bool) -> _YMD | None:
    gd = m.groupdict()
    y = int(gd[f"y{n}"]) if gd.get(f"y{n}") else None
    mo: int | None = None
    if gd.get(f"m{n}"):
        word = gd[f"m{n}"]
        found = _month_of(lang, word)
        if found is None or not _case_ok(lang, word):
            return None
        mo, is_abbr = found
        if is_abbr and (alone or (gd.get(f"o{n}") and not word.endswith(".")
                                  and not gd.get(f"y{n}"))):
            return None  # primo set (a tennis set), not the first of September
    elif gd.get(f"nm{n}"):
        mo = int(gd[f"nm{n}"])
    d: int | None = None
    if gd.get(f"d{n}"):
        d = int(gd[f"d{n}"])
    elif gd.get(f"o{n}"):
        d = lang.ordinals.get(re.sub(r"\s+", "", gd[f"o{n}"].lower()))
        if d is None:
            return None
        if d == _LAST and mo is not None:
            if mo == 2 and y is None:
                return None  # the last of February: 28 or 29?
            d = _days_in(y, mo)
    return y, mo, d


def _match_at(lang: _Lang, text: str, pos: int, is_digit: bool) -> _Raw | None:
    """The first pattern (longest forms first) that matches at ``pos`` and means a date."""
    if is_digit and lang.number_cue_before.search(text, max(0, pos - 12), pos):
        return None
    for kind, pat in lang.digit_patterns if is_digit else lang.word_patterns:
        m = pat.match(text, pos)
        if m is None:
            continue
        raw = _interpret(lang, text, kind, m)
        if raw is not None:
            return raw
    return None


def _interpret(lang: _Lang, text: str, kind: str, m: re.Match[str]) -> _Raw | None:
    start, end = m.span()
    gd = m.groupdict()
    lo = max(0, start - 24)
    if kind in ("numeric", "numeric_nd"):
        if kind == "numeric_nd" and not _NUMERIC_CUE.search(text, max(0, start - 8), start):
            return None
        a = int(gd["a1"])
        b = _ROMAN_MONTHS[gd["rb1"]] if gd.get("rb1") else int(gd["b1"])
        if lang.code == "en" and a != b and a <= 12 and b <= 12:
            return None  # 2/11/1937: day-month or month-day? not decidable in English
        d, mo = (b, a) if lang.code == "en" and b > 12 else (a, b)
        ymd = (int(gd["y1"]) if gd.get("y1") else None, mo, d)
        return _Raw(start, end, ymd, explicit_year=ymd[0] is not None, invalid=not _valid(ymd))
    if kind == "iso":
        ymd = (int(gd["y1"]), int(gd["nm1"]), int(gd["d1"]))
        return _Raw(start, end, ymd, explicit_year=True, invalid=not _valid(ymd))
    if kind == "decade" and gd.get("tens"):  # les années trente
        first = 1900 + _DECADE_TENS[lang.code][gd["tens"].lower()]
        return _Raw(start, end, (first, None, None), (first + 9, None, None))
    if kind == "decade":
        if lang.decade_before is not None:  # années 1930, anni '30: only after the word
            word = lang.decade_before.search(text, lo, start)
            if word is None:
                return None
            start = word.start()
        first = int(gd["dec"])
        first += 1900 if first < 100 else 0  # anni '30: the 1930s
        last = first + 99 if first % 100 == 0 else first + 9
        return _Raw(start, end, (first, None, None), (last, None, None))
    if kind in ("year", "year3"):
        genitive = lang.code == "sv" and re.match(r"\s+års(?!\w)", text[end:end + 6])
        in_parens = text[start - 1:start] == "(" and text[end:end + 1] in (")", "]", ",", ";")
        if kind == "year3":
            cued = bool(lang.year_cue3.search(text, lo, start))
        else:
            alone = start < 16 and not text[:start].strip() and _ONLY_END.match(text, end)
            cued = bool(genitive or in_parens or alone or lang.year_cue.search(text, lo, start)
                        or _bare_year(lang, text, start, end, int(gd["y1"])))
        if not cued or (not genitive and _quantity_after(lang, text, end)):
            return None
        return _Raw(start, end, (int(gd["y1"]), None, None), explicit_year=True)

    if kind == "day_of_month":  # le 5 courant: the month comes from the document's date
        day_only = _part(lang, m, 1, False)
        rel = _DAY_OF_MONTH_OF[lang.code].get(_dom_key(gd["dom"]))
        if day_only is None or rel is None:
            return None
        return _Raw(start, end, day_only, relative="month:" + rel)
    alone = kind == "month"
    left = _part(lang, m, 1, alone)
    if left is None:
        return None
    if alone and (not (gd["m1"].lower() in lang.self_cued or lang.month_cue.search(
            text, lo, start) or (lang.month_cue_after is not None
                                 and lang.month_cue_after.match(text, end)))
                  or text[end:end + 1] == ":"):
        return None  # Kongl. Maj:ts is His Majesty's, not May's
    if kind == "range":
        # "and" without "between" joins two dates (den 2 och 3 maj, les 2 et 3 mai 1937)
        pair = bool(gd.get("cw")) and not lang.range_cue.search(text, lo, start)
        if pair and not _AND_WORD.fullmatch(gd["cw"]):
            return None
        right = _part(lang, m, 2, False)
        if right is None:
            return None
        both = _range(left, right, gd.get("y2"))
        if both is None:
            return None
        left, right = both
        if right[0] is not None and _quantity_after(lang, text, end):
            return None
        if pair:
            if left[1] is None:
                return None  # two years: each is read by the year rule
            if left[0] is None and left[2] is None and not lang.month_cue.search(
                    text, lo, start):
                return None  # two months alone need a cue, as one does (i mars och april)
            cut = start + len(text[start:m.start("cw")].rstrip())
            second = min(m.start(g) for g in ("d2", "o2", "m2") if gd.get(g) is not None)
            return _Raw(start, cut, left, explicit_year=left[0] is not None,
                        pair=_Raw(second, end, right, explicit_year=right[0] is not None))
        explicit = left[0] is not None and left[0] == right[0]
        return _Raw(start, end, left, right, explicit_year=explicit)
    if left[0] is not None and _quantity_after(lang, text, end):
        return None
    relative = _RELATIVE_OF.get(gd["q1"].lower()) if gd.get("q1") else None
    if relative is None and lang.relative_before is not None and left[0] is None:
        before = lang.relative_before.search(text, lo, start)
        if before is not None:
            relative = _RELATIVE_OF.get(" ".join(before.group(1).lower().split()))
    return _Raw(start, end, left, explicit_year=left[0] is not None, relative=relative,
                invalid=not _valid(left))


def _bare_year(lang: _Lang, text: str, start: int, end: int, y: int) -> bool:
    """A four-figure number with no cue word: a year when what surrounds it is not a count.

    ``kom ut 2010 och``, ``i Amman 1997.``, ``presidentvalet 2016``: a year is followed by
    punctuation, a capitalised word, a function word or a past-tense verb; a quantity by what
    is counted (``1500 soldater``), which is left alone. Round hundreds (``1500``, ``2000``)
    are amounts as often as years and need a cue word.
    """
    if not 1100 <= y <= 2099 or y % 100 == 0:
        return False
    if _BARE_BEFORE_NOT.search(text, max(0, start - 3), start):
        return False
    m = _BARE_AFTER.match(text, end)
    if m is None:
        return False
    word = m.group("w")
    if word is None or (word[0].isupper() and lang.code != "de"):  # German nouns: capitals
        return True
    return bool(_FUNCTION_WORD[lang.code].fullmatch(word) or lang.past_cue.fullmatch(word))


def _quantity_after(lang: _Lang, text: str, end: int) -> bool:
    """A unit or counted noun follows: ``1500 kronor``, ``in 1500 cases``."""
    return lang.unit_after.match(text, end) is not None


def _range(left: _YMD, right: _YMD, y2_text: str | None) -> tuple[_YMD, _YMD] | None:
    """Complete both ends of a range from each other; None unless it runs forwards."""
    ly, lm, ld = left
    ry, rm, rd = right
    if y2_text is not None and len(y2_text) == 2 and ly is not None:  # 1929–40
        ry = ly // 100 * 100 + int(y2_text)
    if lm is None and rm is None:  # years
        if ly is None or ry is None or ld is not None or rd is not None:
            return None
        return ((ly, None, None), (ry, None, None)) if ly < ry <= ly + 200 else None
    lm = rm if lm is None else lm
    rm = lm if rm is None else rm
    if (ld is None) != (rd is None):
        return None
    if ly is None and ry is not None:
        ly = ry - 1 if (lm, ld or 0) > (rm, rd or 0) else ry
    if ry is None and ly is not None:
        ry = ly + 1 if (rm, rd or 0) < (lm, ld or 0) else ly
    left, right = (ly, lm, ld), (ry, rm, rd)
    if not (_valid(left) and _valid(right)):
        return None
    if (ly or 0, lm, ld or 0) >= (ry or 0, rm, rd or 0):
        return None  # also without a year a range must run forwards inside one year
    return left, right


# --------------------------------------------------------------------------------------------
# Values and year inference


def _iso(ymd: _YMD) -> str:
    y, m, d = ymd
    if y is None:
        return f"--{m:02d}" if d is None else f"--{m:02d}-{d:02d}"
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - 400)
    last = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        last = m.end()
    return last


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos, min(len(text), pos + 400))
    return m.start() if m else min(len(text), pos + 400)


def _from_anchor(lang: _Lang, text: str, r: _Raw, anchor: datetime.date) -> tuple[int, str]:
    """The year of a day and month (or month) from the document's date; see the rule."""
    m, d = r.left[1] or 0, r.left[2]
    after = m > anchor.month if d is None else (m, d) > (anchor.month, anchor.day)
    before = m < anchor.month if d is None else (m, d) < (anchor.month, anchor.day)
    if r.relative == "past":  # den 12 sistlidne september: the last September before
        return (anchor.year - 1 if after else anchor.year), "high"
    if r.relative == "future":  # den 7 instundande maj: the next May
        return (anchor.year + 1 if before else anchor.year), "high"
    if r.relative == "current" or not after:
        return anchor.year, "high"
    sentence = text[_sentence_start(text, r.start):_sentence_end(text, r.end)]
    if lang.future_cue.search(sentence):
        return anchor.year, "medium"
    if lang.past_cue.search(sentence):
        return anchor.year - 1, "medium"
    return anchor.year, "low"


def _infer(lang: _Lang, text: str, raws: list[_Raw], anchor: datetime.date | None
           ) -> list[DateMention]:
    out: list[DateMention] = []
    last_year: tuple[int, int] | None = None  # (end offset, year) of the last explicit year
    for r in raws:
        if r.relative is not None and r.relative.startswith("month:"):  # le 5 courant
            if anchor is not None:
                shift = {"month:current": 0, "month:past": -1, "month:future": 1}[r.relative]
                k = anchor.year * 12 + anchor.month - 1 + shift
                ymd = (k // 12, k % 12 + 1, r.left[2])
                if 1 <= k // 12 <= 9998 and _valid(ymd):
                    out.append(DateMention(r.start, r.end, when=_iso(ymd), cert="high",
                                           inferred=True))
            continue  # undated: there is no month to give
        left, right = r.left, r.right
        needs = left[0] is None and (left[1] is not None)
        year: int | None = None
        cert: str | None = None
        if needs and r.relative is not None and anchor is not None:
            year, cert = _from_anchor(lang, text, r, anchor)
        elif needs:
            # + 2: the sentence-end pattern looks at the first letter after the full stop
            same_sentence = last_year is not None and not _SENTENCE_END.search(
                text, last_year[0], min(len(text), r.start + 2))
            if same_sentence:
                assert last_year is not None
                year, cert = last_year[1], "high"
            elif anchor is not None:
                year, cert = _from_anchor(lang, text, r, anchor)
            elif last_year is not None:
                year = last_year[1]
                cert = "low" if _PARAGRAPH_END.search(text, last_year[0], r.start) else "medium"
        if year is not None and not 1 <= year <= 9998:
            year, cert = None, None  # an anchor at the edge of the calendar
        if year is not None:
            left = (year, left[1], left[2])
            if right is not None:
                wraps = (right[1] or 0, right[2] or 0) < (left[1] or 0, left[2] or 0)
                right = (year + 1 if wraps else year, right[1], right[2])
            if not (_valid(left) and (right is None or _valid(right))):  # 29 Feb, no leap year
                year, cert, left, right = None, None, r.left, r.right
        if right is None:
            m = DateMention(r.start, r.end, when=_iso(left), cert=cert, inferred=cert is not None)
        else:
            m = DateMention(r.start, r.end, from_=_iso(left), to=_iso(right), cert=cert,
                            inferred=cert is not None)
        out.append(m)
        if r.explicit_year and r.left[0] is not None:
            last_year = (r.end, r.left[0])
    return out


# --------------------------------------------------------------------------------------------
# API


def find_dates(
    text: str,
    lang: str = "sv",
    anchor: datetime.date | None = None,
    *,
    month_alone: bool = True,
) -> list[DateMention]:
    """All date expressions in ``text``, in order, not overlapping.

    ``anchor`` is the document's own date (e.g. the date line parsed by ``parse_date``); it
    supplies missing years as described in ``YEAR_INFERENCE_RULE``. Any whitespace, line
    ends included, may separate the words of a date.
    """
    lg = _lang(lang)
    raws: list[_Raw] = []
    pos_done = 0
    for h in lg.hint.finditer(text):
        pos = h.start()
        if pos < pos_done:
            continue
        raw = _match_at(lg, text, pos, text[pos].isdigit())
        if raw is None:
            continue
        if raw.invalid:
            pos_done = raw.end
            continue
        wd = lg.weekday.search(text, max(pos_done, raw.start - 20), raw.start) \
            if raw.left[2] is not None else None
        if wd is not None:  # mardi 2 novembre 1937: the weekday belongs to the date
            raw.start = wd.start()
        pos_done = raw.end if raw.pair is None else raw.pair.end
        if not month_alone and raw.right is None and raw.left[0] is None and \
                raw.left[2] is None:
            continue
        if raw.pair is not None:
            raws.extend(_list_days(lg, text, raw, raws[-1].end if raws else 0))
        raws.append(raw)
        if raw.pair is not None:
            raws.append(raw.pair)
    return _infer(lg, text, raws, anchor) if raws else []


def _list_days(lang: _Lang, text: str, first: _Raw, lo: int) -> list[_Raw]:
    """The days listed before a pair, each with the pair's month and year: ``2, 3 et 4 mai``
    gives 2 May before 3 and 4 May. Days must run forwards; ``lo`` is where the last date
    ended."""
    out: list[_Raw] = []
    y, m, d = first.left
    start = first.start
    while d is not None:
        found = _LIST_DAY_BEFORE.search(text, max(lo, start - 8), start)
        if found is None or not int(found.group(1)) < d or lang.number_cue_before.search(
                text, max(0, found.start() - 12), found.start()):
            break  # not a day before it (page 1, 3 et 4 mai)
        d = int(found.group(1))
        end = found.start() + len(found.group(0).rstrip()) - 1  # 1er, 2. without the comma
        out.append(_Raw(found.start(), end, (y, m, d), explicit_year=y is not None))
        start = found.start()
    return out[::-1]


_LEAD = re.compile(r"\s*(?:(?:den|the|on|am|le|el|il|op)\s+)?", re.IGNORECASE)


def parse_date(text: str, lang: str = "sv") -> DateMention | None:
    """``text`` read as one date (a date line), or None when it is not exactly one date.

    A leading ``den``/``the``/``on``/``am``/``le``/``el``/``il``/``op`` and a final full stop
    may surround the date; the mention's offsets point into ``text``. A year alone counts
    here (a line ``1937``); a month alone does not (``April`` on a line of its own is more
    often a title than a date).
    """
    lg = _lang(lang)
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    end = len(text.rstrip())
    ends = [end]
    if end > start and text[end - 1] == ".":
        ends.append(len(text[:end - 1].rstrip()))
    for stop in ends:
        core = text[start:stop]
        if not core:
            continue
        if re.fullmatch(r"1\d{3}|20\d{2}", core):
            return DateMention(start, stop, when=core)
        mentions = find_dates(core, lg.code, month_alone=False)
        if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(core):
            return _shift(mentions[0], start)
    return None


def _shift(m: DateMention, by: int) -> DateMention:
    return DateMention(m.start + by, m.end + by, m.when, m.from_, m.to, m.cert, m.inferred)
