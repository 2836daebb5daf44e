"""Finnish dates: 2. marraskuuta 1937, marraskuun 2. päivänä, marraskuussa (months declined:
a compound of a stem and "kuu" in its cases), 1930-luvulla, viime joulukuussa, 5 p:nä t.k."""

from __future__ import annotations

from .grammar import LAST, Grammar

_STEMS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
          "loka", "marras", "joulu")
_CASES = ("", "ta", "n", "ssa", "sta", "hun", "na", "lla", "lta", "lle")
# the cases that say "in / from / until that month" by themselves (no cue word needed)
_SELF_CUED = ("ssa", "sta", "hun", "na")

GRAMMAR = Grammar(
    code="fi",
    aliases=("fin",),
    months={f"{s}kuu{c}": i + 1 for i, s in enumerate(_STEMS) for c in _CASES},
    abbr={f"{s}k": i + 1 for i, s in enumerate(_STEMS)} | {"maalisk": 3, "tammik": 1},
    # written dates use figures (2. marraskuuta); words are met for the first and the last
    ordinals={"ensimmäinen": 1, "ensimmäisenä": 1, "ensimmäistä": 1, "viimeinen": LAST,
              "viimeisenä": LAST},
    weekdays="maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai",
    weekday_ending="na",
    function_words=(
        r"ja|tai|mutta|sekä|kun|jo|vielä|myös|se|hän|he|me|te|minä|sinä|oli|olivat|on|ovat|"
        r"ei|että|jälkeen|aikana|asti|saakka|lähtien|alkaen|mennessä|lopussa|alussa|"
        r"keväällä|kesällä|syksyllä|talvella|kuoli|syntyi|tuli|ilmestyi"),
    year_cue=(r"vuonna|vuoden|vuodesta|vuoteen|vuosi|vuodelta|v\.|syntyi|syntynyt|kuoli|"
              r"keväällä|kesällä|syksyllä|talvella|ennen|noin|n\.|vuosina"),
    year_cue3=r"vuonna|vuoden",
    month_cue=r"(?!)",  # Finnish says it with the case ending: huhtikuussa (self_cued)
    month_cue_after=(r"alussa|alkupuolella|alkuun|alusta|lopussa|loppupuolella|lopulla|"
                     r"loppuun|lopusta|puolivälissä|puolivälin|aikana|kuluessa"),
    range_words=r"ja|vuoteen",
    range_cue=r"vuodesta|vuosina|vuosien",
    number_cues=r"n:o|nro|sivu|sivut|sivulla|ss|klo|kello|osa|vsk",
    units=("vuotta|vuoden|päivää|viikkoa|kuukautta|tuntia|minuuttia|henkeä|henkilöä|ihmistä|"
           "asukasta|työläistä|työmiestä|jäsentä|sotilasta|miestä|markkaa|mk|penniä|euroa|"
           "metriä|kilometriä|km|kiloa|kg|tonnia|litraa|prosenttia|kappaletta|kpl|sivua|"
           "kertaa|ääntä|numeroa|tapausta|kirjettä|artikkelia"),
    per_is_unit=False,
    future=r"tulee|tulevat|ensi|seuraava|seuraavana|pidetään|järjestetään|huomenna",
    present=r"tänä\s+vuonna|tänä\s+(?:keväänä|kesänä|syksynä|talvena)",
    past=(r"oli|olivat|oltiin|pidettiin|kuoli|syntyi|sanoi|kirjoitti|tuli|tulivat|alkoi|"
          r"päättyi|\w{3,}ttiin|eilen|viime"),
    # before the month: "viime marraskuussa" (last November), "ensi toukokuussa" (next May)
    relative_before={"past": ["viime", "viimeksi kuluneen"], "future": ["ensi", "tulevan"],
                     "current": ["tämän vuoden"]},
    day_of_month={"current": ["tätä kuuta", "t.k.", "tämän kuun"],
                  "past": ["viime kuuta", "e.k.", "edellistä kuuta", "viime kuun"],
                  "future": ["ensi kuuta", "tulevaa kuuta", "ensi kuun"]},
    day_month=r"(?:(?:päivänä|päivä|p:nä|pnä|p\.)\s+)?",
    # marraskuun 2. päivänä 1937: the genitive month before the day
    month_before_day=("kuun", r"\s+(?:päivänä|päivä|p:nä|pnä)(?!\w)"),
    self_cued=frozenset(f"{st}kuu{c}" for st in _STEMS for c in _SELF_CUED),
    roman_numeric=True,
    dotted_ranges=True,
    # 1930-luvulla, 1930-luvun, 1930-luku; 1800-luvulla: the century
    decade=r"(?P<dec>1\d{2}0|20\d0)-lu(?:vu(?:lla|lle|lta|ssa|sta|ksi|n)|ku(?:un|a)?)",
)
