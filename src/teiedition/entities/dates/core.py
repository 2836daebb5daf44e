"""The machinery of the date grammars: compile a ``Grammar`` into patterns, find and read
date expressions, supply missing years (the rules are in the package docstring)."""

from __future__ import annotations

import calendar
import datetime
import importlib
import pkgutil
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from teiedition.document import Span

from ...letters import UPPER
from .grammar import COMMON_NUMBER_CUES, COMMON_UNITS, LAST, ROMAN_MONTHS, Grammar

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
    "Where a date gives a day and a month, or a month alone, without a year, the year is supplied "
    "as follows and the date carries @cert. (1) If a year is written earlier in the same "
    "sentence, that year is used (cert=\"high\"), unless the date's own clause says \"this year\" "
    "(\"i år\", \"this year\", \"dieses Jahr\", \"cette année\"). (2) Otherwise, if the document "
    "is dated (its date line, at the head or the foot of a letter), the date is read against the "
    "document's date as a dated letter or report is read: \"this year\" in the sentence means the "
    "document's year (cert=\"high\"); a word straight before the date that sets a deadline "
    "(\"till\", \"senast\", \"by\", \"until\", \"bis\", \"d'ici\") or a sentence that speaks of "
    "the future (\"skall\", \"nästa\", \"blir\", \"will\", \"next\", \"wird\", \"prochain\") "
    "gives the first such day on or after the document's date; \"sedan\", \"since\", \"seit\", "
    "\"depuis\" before the date or a sentence that speaks of the past (a past-tense verb such as "
    "\"höll\", \"mördades\", \"was\", \"reached\", \"war\", \"j'ai reçu\"; \"i går\", \"last\", "
    "\"your letter of\", \"Ihr Brief vom\") gives the last such day on or before it (the clause "
    "is asked before the sentence, and where both tenses occur the word nearest the date "
    "decides); where the sentence says neither, the document's year is kept, unless the same day "
    "in the year before or after lies within three months of the document's date (a January "
    "letter's December, a December letter's January). The value is cert=\"high\" when it falls in "
    "the document's year on or before its date, \"medium\" when the tense or the three months "
    "decided another year or a later day, \"low\" when nothing decided and the document's year "
    "was kept for a day after its date. The old relative forms are read as they say: \"den 12 "
    "sistlidne september\" is the last such day before the document's date, \"den 7 instundande "
    "maj\" the next one, \"innevarande\" the document's own year (cert=\"high\"); so are \"le 12 "
    "septembre dernier\", \"en mai prochain\", \"viime joulukuussa\", \"el 7 de mayo próximo\", "
    "\"il 5 maggio scorso\", \"12 december jl.\", \"7 mei a.s.\". A day of the current, the last "
    "or the next month written without the month (\"le 5 courant\", \"the 5th inst.\", \"den 5 "
    "dennes\", \"vom 28. v. M.\", \"5 p:nä t.k.\") takes month and year from the document's date "
    "(cert=\"high\"); in an undated document it is not marked. (3) In an undated document (a "
    "novel, a chronicle) the nearest year written earlier in the text is used, with "
    "cert=\"medium\" within the same paragraph and cert=\"low\" beyond it. (4) Otherwise no year "
    "is supplied and the value has the form --MM-DD (or --MM). A range takes a missing year or "
    "month from its other end. The text itself is never changed."
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
# The grammars: every module of this package that defines GRAMMAR


def _load_grammars() -> dict[str, Grammar]:
    package = __name__.rpartition(".")[0]
    found: dict[str, Grammar] = {}
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if info.name in ("core", "grammar"):
            continue
        grammar = getattr(importlib.import_module(f"{package}.{info.name}"), "GRAMMAR", None)
        if isinstance(grammar, Grammar):
            found[grammar.code] = grammar
    return found


_GRAMMARS = _load_grammars()
_LANG_ALIASES = {alias: g.code for g in _GRAMMARS.values() for alias in (g.code, *g.aliases)}
#: The languages with a date grammar, for messages.
LANGUAGES = tuple(sorted(_GRAMMARS))

# Shared by every language
_DASH = r"\s*[-‐‑–—]\s*"
_AND_WORD = re.compile(r"och|and|und|og|et|ja|y|e|ed|en", re.IGNORECASE)
# a further day before such a pair: "les 2, 3 et 4 mai", "den 1, 2 och 3 maj"
_LIST_DAY_BEFORE = re.compile(
    r"(?<![\w.,:/])(0?[1-9]|[12]\d|3[01])(?:er|e|\.|:[a-z]{1,2}|º|°)?,\s+$")
# A sentence ends at . ! ? (and closing quotes/brackets) before a capital, or at a blank line.
_SENTENCE_END = re.compile(
    rf"[.!?][\"”’»)\]]*\s+(?=[\"”»«(\[]?\s?[{UPPER}])|\n[ \t]*\n")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
# Bare years: not after a figure group (31 2003), a currency sign or an arithmetic sign, and
# followed by the end, a punctuation mark or a word (checked in _bare_year).
_BARE_BEFORE_NOT = re.compile(r"(?:\d[ \u00a0\u202f]|[$£€¥+×*=±]\s?)$")
_BARE_AFTER = re.compile(r"\s*(?:\Z|[.,;:!?)\]”\"’»–—](?!\d)|\s(?P<w>[^\W\d_]+))")
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
    """A grammar compiled: its tables and the patterns built from them."""

    code: str
    grammar: Grammar
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
    year_genitive: re.Pattern[str] | None  # 1734 års lag
    function_word: re.Pattern[str]
    relative_of: dict[str, str]  # sistlidne, dernier, viime -> past / future / current
    day_of_month_of: dict[str, str]  # courant, inst., dennes -> current / past / future
    future_cue: re.Pattern[str]
    past_cue: re.Pattern[str]
    present_cue: re.Pattern[str]
    lead_cue: re.Pattern[str]  # by / until (future), since (past) straight before the date


def supports(code: str) -> bool:
    """Is there a date grammar for language ``code`` (ISO 639-1 or -2)?"""
    return _LANG_ALIASES.get(code.lower().replace("_", "-").split("-")[0]) is not None


def _dom_key(words: str) -> str:
    """One spelling for "d. M.", "d.M." and "D. m.": lower case, no space after a full stop."""
    return " ".join(words.lower().replace(". ", ".").split())


def _words(words: Iterable[str]) -> str:
    """Relative words as alternatives: those ending in a full stop need no word end."""
    return "|".join(sorted((re.escape(w) + ("" if w.endswith(".") else r"(?!\w)")
                            for w in words), key=len, reverse=True))


@cache
def _lang(code: str) -> _Lang:
    key = _LANG_ALIASES.get(code.lower().replace("_", "-").split("-")[0])
    if key is None:
        raise ValueError(f"unsupported language for dates: {code!r} ({', '.join(LANGUAGES)})")
    g = _GRAMMARS[key]
    months, abbr, ordinals = g.months, g.abbr, g.ordinals
    month_words = _alt(months)
    abbr_words = _alt(abbr)
    ord_words = _alt(ordinals).replace(r"\ ", r"\s+")

    def mon(n: int, words: str = month_words) -> str:
        return rf"(?P<m{n}>{words}|(?:{abbr_words})\.?)(?!\w)"

    def day(n: int) -> str:
        return rf"(?:(?P<d{n}>0?[1-9]|[12]\d|3[01]){g.num_suffix}|(?P<o{n}>{ord_words}))(?!\w)"

    def year(n: int) -> str:
        return rf"(?P<y{n}>1\d{{3}}|20\d{{2}})(?!\d)"

    s = r"\s+"
    conn = rf"(?:{_DASH}|\s+(?P<cw>{g.range_words})\s+{g.after_conn_article})"
    comma = g.month_year
    of = g.day_month
    rel = rf"(?:(?P<q{{n}}>{_words(w for ws in g.relative_between.values() for w in ws)})\s+)?" \
        if g.relative_between else ""
    rel_after = "" if not g.relative_after else r"(?:\s+(?P<q1>" + _words(
        w for ws in g.relative_after.values() for w in ws) + "))?"
    dm = lambda n: day(n) + s + rel.format(n=n) + of + mon(n)  # noqa: E731
    md = lambda n: mon(n) + s + g.article_before_day + day(n)  # noqa: E731

    digit: list[tuple[str, str]] = [
        ("iso", r"(?P<y1>1\d{3}|20\d{2})-(?P<nm1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])"
                r"(?![\d-])"),
    ]
    nm = r"(?P<nm{n}>[01]?\d)"
    if g.dotted_ranges:
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
    if g.dashed_numeric:
        digit.append(("numeric", r"(?P<a1>[0-3]?\d)-(?P<b1>[01]?\d)-" + year(1)))
    if g.roman_numeric:
        roman = "|".join(sorted(ROMAN_MONTHS, key=len, reverse=True))
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
        ("decade", g.decade),
        ("range", year(1) + conn + r"(?P<y2>1\d{3}|20\d{2}|\d{2})(?!\d)"),
        ("single", dm(1) + comma + year(1)),
        ("single", dm(1) + rel_after),
        ("day_of_month", day(1) + s + of + "(?P<dom>" + _alt(
            w for ws in g.day_of_month.values() for w in ws).replace(r"\ ", r"\s*") + ")"),
        ("year", year(1)),
        ("year3", r"(?P<y1>[1-9]\d{2})(?!\d)"),
    ]
    word: list[tuple[str, str]] = [
        ("range", mon(1) + s + year(1) + conn + mon(2) + s + year(2)),
        ("range", mon(1) + conn + mon(2) + comma + year(2)),
        ("range", mon(1) + conn + mon(2)),
    ]
    if g.month_day:  # November 2, 1937
        word += [
            ("range", md(1) + conn + md(2) + comma + year(2)),
            ("range", md(1) + conn + md(2)),
            ("range", md(1) + conn + day(2) + comma + year(2)),
            ("range", md(1) + conn + day(2)),
            ("single", md(1) + comma + year(1)),
            ("single", md(1)),
        ]
    if g.month_before_day is not None:  # marraskuun 2. päivänä 1937
        ending, day_word = g.month_before_day
        genitive = _alt(w for w in months if w.endswith(ending))
        g_md = mon(1, genitive) + s + day(1) + day_word
        g_range = mon(1, genitive) + s + day(1) + conn + day(2) + day_word
        word += [("range", g_range + comma + year(2)), ("range", g_range),
                 ("single", g_md + comma + year(1)), ("single", g_md)]
    if g.decade_tens:
        word.append(("decade", rf"(?:{g.decade_word})\s+(?P<tens>{_alt(g.decade_tens)})"))
    word += [
        ("single", dm(1) + comma + year(1)),
        ("single", dm(1) + rel_after),
        ("single", mon(1) + comma + year(1)),
        ("month", mon(1) + rel_after),
    ]
    flags = re.IGNORECASE
    hint = _hint([*months, *abbr, *g.decade_hint], ordinals, of)

    def comp(items: list[tuple[str, str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((k, re.compile(p + _END_GUARD, flags)) for k, p in items)

    def cue(words: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w)(?:{words})(?!\w)", flags)

    range_cue = rf"(?<!\w)(?:{g.range_cue})\s+(?:\w+\s+)?"
    units = COMMON_UNITS + ("|per" if g.per_is_unit else "") + (
        "|" + g.units if g.units else "")
    number_cues = COMMON_NUMBER_CUES + ("|" + g.number_cues if g.number_cues else "")
    ending = g.weekday_ending
    weekdays = _alt(g.weekdays.split())
    if ending:
        weekdays = rf"(?:{weekdays})(?:{ending})?"
    relative = {w: k for by in (g.relative_between, g.relative_after, g.relative_before)
                for k, ws in by.items() for w in ws}
    return _Lang(
        code=key,
        grammar=g,
        months=months,
        abbr=abbr,
        ordinals={k.replace(" ", ""): v for k, v in ordinals.items()},
        hint=hint,
        digit_patterns=comp(digit),
        word_patterns=comp(word),
        year_cue=re.compile(rf"(?<!\w)(?:{g.year_cue})\s+$", flags),
        year_cue3=re.compile(rf"(?<!\w)(?:{g.year_cue3})\s+$", flags),
        month_cue=re.compile(rf"(?:(?<!\w)(?:{g.month_cue})\s+"
                             + (f"|{g.month_cue_glued}" if g.month_cue_glued else "") + ")$",
                             flags),
        range_cue=re.compile(rf"(?:{range_cue}" + (rf"|(?<!\w)(?:{g.range_cue_elided})"
                                                   if g.range_cue_elided else "") + ")$", flags),
        unit_after=re.compile(r"\s+(?:" + units + r")(?!\w)", flags),
        number_cue_before=re.compile(r"(?:(?<!\w)(?:" + number_cues + r")\.?\s*|\d[.,]|[\d:/])$",
                                     flags),
        weekday=re.compile(rf"(?<!\w)(?:{weekdays}),?\s+$", flags),
        decade_before=re.compile(rf"(?<!\w)(?:{g.decade_word})\s+['’]?$", flags)
        if g.decade_word else None,
        relative_before=re.compile(
            r"(?<!\w)(" + _alt(w for ws in g.relative_before.values() for w in ws)
            .replace(r"\ ", r"\s+") + r")\s+$", flags) if g.relative_before else None,
        month_cue_after=re.compile(rf"\s+(?:{g.month_cue_after})(?!\w)", flags)
        if g.month_cue_after else None,
        year_genitive=re.compile(g.year_genitive) if g.year_genitive else None,
        function_word=re.compile(g.function_words, flags),
        relative_of=relative,
        day_of_month_of={_dom_key(w): k for k, ws in g.day_of_month.items() for w in ws},
        future_cue=cue(g.future),
        past_cue=cue(g.past),
        present_cue=cue(g.present),
        lead_cue=re.compile(rf"(?:(?<!\w)(?:{g.until})|(?P<since>(?<!\w)(?:{g.since})))\s+"
                            rf"(?:{g.lead_article}\s+)?$", flags),
    )



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
    return not lang.grammar.months_capitalised or word[:1].isupper()  # English "may" is a verb


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
        if d == LAST and mo is not None:
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
        b = ROMAN_MONTHS[gd["rb1"]] if gd.get("rb1") else int(gd["b1"])
        month_first = lang.grammar.numeric_month_first
        if month_first and a != b and a <= 12 and b <= 12:
            return None  # 2/11/1937: day-month or month-day? not decidable in English
        d, mo = (b, a) if month_first and b > 12 else (a, b)
        ymd = (int(gd["y1"]) if gd.get("y1") else None, mo, d)
        return _Raw(start, end, ymd, explicit_year=ymd[0] is not None, invalid=not _valid(ymd))
    if kind == "iso":
        ymd = (int(gd["y1"]), int(gd["nm1"]), int(gd["d1"]))
        return _Raw(start, end, ymd, explicit_year=True, invalid=not _valid(ymd))
    if kind == "decade" and gd.get("tens"):  # les années trente
        first = 1900 + lang.grammar.decade_tens[gd["tens"].lower()]
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
        genitive = lang.year_genitive is not None and lang.year_genitive.match(text, end)
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
        rel = lang.day_of_month_of.get(_dom_key(gd["dom"]))
        if day_only is None or rel is None:
            return None
        return _Raw(start, end, day_only, relative="month:" + rel)
    alone = kind == "month"
    left = _part(lang, m, 1, alone)
    if left is None:
        return None
    if alone and (not (gd["m1"].lower() in lang.grammar.self_cued or lang.month_cue.search(
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
    relative = lang.relative_of.get(gd["q1"].lower()) if gd.get("q1") else None
    if relative is None and lang.relative_before is not None and left[0] is None:
        before = lang.relative_before.search(text, lo, start)
        if before is not None:
            relative = lang.relative_of.get(" ".join(before.group(1).lower().split()))
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
    if word is None or (word[0].isupper() and not lang.grammar.nouns_capitalised):
        return True
    return bool(lang.function_word.fullmatch(word) or lang.past_cue.fullmatch(word))


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


_CLAUSE_END = re.compile(r"[,;:()\[\]–—]")
# a day and month in another year than the document's counts as near within this many days
_NEAR_DAYS = 92


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around ``text[start:end]`` inside the sentence ``[lo, hi)``: up to the
    nearest comma, semicolon, colon, bracket or dash on either side."""
    left = lo
    for m in _CLAUSE_END.finditer(text, lo, start):
        left = m.end()
    m = _CLAUSE_END.search(text, end, hi)
    return left, (m.start() if m else hi)


def _nearest_cue(pattern: re.Pattern[str], text: str, lo: int, hi: int, at: int, end: int
                 ) -> int | None:
    """Distance in characters from the date ``[at, end)`` to the nearest cue in
    ``text[lo:hi]``, or None if there is none."""
    best: int | None = None
    for m in pattern.finditer(text, lo, hi):
        if m.start() < end and m.end() > at:
            continue  # the date's own words (a month "mars" is no verb)
        dist = at - m.end() if m.end() <= at else m.start() - end
        best = dist if best is None or dist < best else best
    return best


def _direction(lang: _Lang, text: str, r: _Raw) -> str | None:
    """What the date's context says about time: "present" (i år, this year), "past" or
    "future" (a word straight before the date, then the clause, then the sentence; where
    both tenses occur, the cue nearest the date), or None."""
    lo, hi = _sentence_start(text, r.start), _sentence_end(text, r.end)
    if lang.present_cue.search(text, lo, hi):
        return "present"
    before = lang.lead_cue.search(text, max(lo, r.start - 30), r.start)
    if before is not None:
        return "past" if before.group("since") else "future"
    for a, b in (_clause(text, r.start, r.end, lo, hi), (lo, hi)):
        past = _nearest_cue(lang.past_cue, text, a, b, r.start, r.end)
        future = _nearest_cue(lang.future_cue, text, a, b, r.start, r.end)
        if past is not None or future is not None:
            return "past" if future is None or (past is not None and past < future) \
                else "future"
    return None


def _present_in_clause(lang: _Lang, text: str, r: _Raw) -> bool:
    lo, hi = _sentence_start(text, r.start), _sentence_end(text, r.end)
    a, b = _clause(text, r.start, r.end, lo, hi)
    return lang.present_cue.search(text, a, b) is not None


def _span_in(year: int, m: int, d: int | None) -> tuple[datetime.date, datetime.date]:
    """The first and last day a day and month (or a month) means in ``year``."""
    if d is not None:
        day = datetime.date(year, m, min(d, _days_in(year, m)))  # 29 Feb: checked later
        return day, day
    return datetime.date(year, m, 1), datetime.date(year, m, _days_in(year, m))


def _from_anchor(lang: _Lang, text: str, r: _Raw, anchor: datetime.date) -> tuple[int, str]:
    """The year of a day and month (or month) from the document's date; see the rule."""
    m, d = r.left[1] or 0, r.left[2]
    after = m > anchor.month if d is None else (m, d) > (anchor.month, anchor.day)
    before = m < anchor.month if d is None else (m, d) < (anchor.month, anchor.day)
    if r.relative == "past":  # den 12 sistlidne september: the last September before
        return (anchor.year - 1 if after else anchor.year), "high"
    if r.relative == "future":  # den 7 instundande maj: the next May
        return (anchor.year + 1 if before else anchor.year), "high"
    if r.relative == "current":
        return anchor.year, "high"
    if not 2 <= anchor.year <= 9997:
        return anchor.year, "low"  # no neighbouring years to weigh
    direction = _direction(lang, text, r)
    if direction == "present":
        return anchor.year, "high"
    spans = {y: _span_in(y, m, d) for y in (anchor.year - 1, anchor.year, anchor.year + 1)}
    if direction == "past":  # the latest such day on or before the document's date
        year = max(y for y, (first, _last) in spans.items() if first <= anchor)
    elif direction == "future":  # the earliest on or after it
        year = min(y for y, (_first, last) in spans.items() if last >= anchor)
    else:  # the document's year, unless the neighbouring year's is near (January's December)
        def distance(y: int) -> int:
            first, last = spans[y]
            return max((first - anchor).days, (anchor - last).days, 0)

        near = min(spans, key=distance)
        year = near if near != anchor.year and distance(near) <= _NEAR_DAYS else anchor.year
        if year == anchor.year:
            return year, ("low" if after else "high")
        return year, "medium"
    if year == anchor.year and not after:
        return year, "high"
    return year, "medium"


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
            if same_sentence and anchor is not None and _present_in_clause(lang, text, r):
                year, cert = anchor.year, "high"  # "in 1911 ..., but this year on 1 May"
            elif same_sentence:
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


_LEAD = re.compile(r"\s*(?:(?:den|the|on|am|le|ce|el|il|op)\s+)?", re.IGNORECASE)


def parse_date(text: str, lang: str = "sv") -> DateMention | None:
    """``text`` read as one date (a date line), or None when it is not exactly one date.

    A leading ``den``/``the``/``on``/``am``/``le``/``ce``/``el``/``il``/``op`` and a final stop
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

