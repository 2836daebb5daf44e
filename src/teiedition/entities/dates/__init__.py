"""Date expressions in Swedish, English, German, Danish, Norwegian, French, Finnish, Spanish,
Italian and Dutch text -> ISO 8601 values for TEI ``<date>``.

One machinery for all languages (``core``); a language is data, one module of this package
that defines a ``grammar.Grammar`` (``sv.py``, ``en.py``, ...; adding a language is adding
one file): its month names and abbreviations (Finnish months in all their cases,
``2. marraskuuta``, ``marraskuun 2. päivänä``, ``marraskuussa``), day words (``1er``,
``primo``, ``eerste``, ``le deux``), weekday names, the words that cue a year, a month or a
range (``en 1937``, ``du 3 au 5 mars``, ``vuodesta 1929 vuoteen 1940``), what follows a
day's figure and what stands between day, month and year (``2 de noviembre de 1937``),
counted nouns, tense words. ``LANGUAGES`` lists them; ``supports`` maps the codes language
detection gives (py3langid: ``fr``, ``fi``, ...).

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
used (cert="high"), unless the date's own clause says "this year" ("i år", "this year", "dieses
Jahr", "cette année"). (2) Otherwise, if the document is dated (its date line, at the head or
the foot of a letter), the date is read against the document's date as a dated letter or report
is read: "this year" in the sentence means the document's year (cert="high"); a word straight
before the date that sets a deadline ("till", "senast", "by", "until", "bis", "d'ici") or a
sentence that speaks of the future ("skall", "nästa", "blir", "will", "next", "wird",
"prochain") gives the first such day on or after the document's date; "sedan", "since", "seit",
"depuis" before the date or a sentence that speaks of the past (a past-tense verb such as
"höll", "mördades", "was", "reached", "war", "j'ai reçu"; "i går", "last", "your letter of",
"Ihr Brief vom") gives the last such day on or before it (the clause is asked before the
sentence, and where both tenses occur the word nearest the date decides); where the sentence
says neither, the document's year is kept, unless the same day in the year before or after lies
within three months of the document's date (a January letter's December, a December letter's
January). The value is cert="high" when it falls in the document's year on or before its date,
"medium" when the tense or the three months decided another year or a later day, "low" when
nothing decided and the document's year was kept for a day after its date. The old relative
forms are read as they say: "den 12 sistlidne september" is the last such day before the
document's date, "den 7 instundande maj" the next one, "innevarande" the document's own year
(cert="high"); so are "le 12 septembre dernier", "en mai prochain", "viime joulukuussa", "el 7
de mayo próximo", "il 5 maggio scorso", "12 december jl.", "7 mei a.s.". A day of the current,
the last or the next month written without the month ("le 5 courant", "the 5th inst.", "den 5
dennes", "vom 28. v. M.", "5 p:nä t.k.") takes month and year from the document's date
(cert="high"); in an undated document it is not marked. (3) In an undated document (a novel, a
chronicle) the nearest year written earlier in the text is used, with cert="medium" within the
same paragraph and cert="low" beyond it. (4) Otherwise no year is supplied and the value has
the form --MM-DD (or --MM). A range takes a missing year or month from its other end. The text
itself is never changed.

Why "the same sentence" and not "the nearest year anywhere": in the sample, ``augusti 1936``
(the first Moscow trial) is followed paragraphs later by ``Den 4 september`` (Reiss's murder,
1937); the letter's own date is the better evidence there. Callers pass the document's date as
``anchor`` (``parse_date`` on the date line) and call ``find_dates`` per paragraph or on text
whose paragraphs are separated by blank lines.
"""

from .core import (
    DATE_MARKUP_RULE,
    LANGUAGES,
    YEAR_INFERENCE_RULE,
    DateMention,
    find_dates,
    parse_date,
    supports,
)

__all__ = ["DATE_MARKUP_RULE", "LANGUAGES", "YEAR_INFERENCE_RULE", "DateMention", "find_dates",
           "parse_date", "supports"]
