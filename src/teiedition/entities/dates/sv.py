"""Swedish dates: 2 november 1937, den 1:a maj, tredje mars, 1930-talet, den 12 sistlidne
september (and the Latin month genitives of 18th/19th-century print: 2 novembris)."""

from __future__ import annotations

from .grammar import LAST, Grammar


def _ordinals() -> dict[str, int]:
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
    return out | {"sista": LAST, "siste": LAST}  # den sista mars: the month's last day


GRAMMAR = Grammar(
    code="sv",
    aliases=("swe", "sw"),
    months={
        "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
        "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
        # older spellings and the Latin genitives of 18th/19th-century Swedish
        "october": 10, "januarii": 1, "februarii": 2, "martii": 3, "aprilis": 4, "maji": 5,
        "junii": 6, "julii": 7, "septembris": 9, "octobris": 10, "novembris": 11,
        "decembris": 12,
    },
    abbr={
        "jan": 1, "febr": 2, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9,
        "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
    },
    ordinals=_ordinals(),
    weekdays="måndag tisdag onsdag torsdag fredag lördag söndag",
    weekday_ending="en",
    function_words=(
        r"och|eller|men|samt|i|på|till|från|med|som|då|när|var|har|hade|är|blev|kom|för|av|"
        r"efter|under|vid|om|mot|utan|inför|hos|genom|enligt|så|att|den|det|de|han|hon|vi|"
        r"ni|jag|man|ut|in|upp|ned|ner|igen|också|även|redan|dock|bara|fick|skulle|kunde|"
        r"måste|ska|skall|blir|finns|fanns|sedan"),
    year_cue=(r"år|året|åren|anno|född|födda|död|avled|a\.\s?d\.|under|sedan|från|efter|före|"
              r"innan|omkring|kring|cirka|"
              r"ca\.?|våren|sommaren|hösten|vintern|(?:början|slutet|mitten)\s+a[vf]|"
              r"fram\s+till|intill|t\.\s?o\.\s?m\.?|senast"),
    year_cue3=r"år|året|anno",
    month_cue=r"i|under|från|sedan|till|efter|före|inför|(?:början|slutet|mitten)\s+a[vf]",
    range_words=r"till|och",
    range_cue=r"från|mellan",
    after_conn_article=r"(?:den\s+)?",
    future=(r"kommer(?:\s+\w+)?\s+att|komme|ska|skall|nästa|nästkommande|kommande|blir|"
            r"i\s+morgon|ämnar|tänker|hoppas"),
    past=(r"var|voro|hade|blev|blef|blevo|blefvo|kom|kommo|höll|hölls|gick|sade|sa|"
          r"gjorde|fick|fanns|stod|låg|dog|föll|skrev|skref|tog|togs|gav|gavs|såg|"
          r"\w{2,}(?:ade|ades)|i\s+går|i\s+förrgår|förra|förliden|nyss|"
          r"(?:brev|bref|skrivelse|skrifvelse|kort)\s+a[vf]|har\s+(?:\w+\s+)?\w+(?:at|it|tt)"),
    present=(r"i\s+år|detta\s+år|det\s+här\s+året|innevarande\s+år|"
             r"i\s+(?:vår|sommar|höst|vinter)"),
    until=r"till|senast|fram\s+till|intill",
    since=r"sedan|alltsedan|ända\s+sedan",
    lead_article=r"den",
    # Old Swedish letters and newspapers: "den 12 sistlidne september", "den 7 instundande maj".
    relative_between={
        "past": ["sistlidne", "sistlidna", "sistliden", "sistl.", "sistvikne", "sistvikna",
                 "sistwikne", "sistwikna", "förliden", "förlidne", "förlidna", "förl.",
                 "förvichne", "förwichne", "förvichna", "förwichna", "förv.", "förw.",
                 "senastlidne", "senastlidna"],
        "future": ["instundande", "instund.", "nästkommande", "nästk."],
        "current": ["innevarande", "innewarande", "innev.", "innew."],
    },
    day_of_month={"current": ["dennes", "d:s"], "past": ["förra månaden", "sistlidne månad"],
                  "future": ["nästa månad", "instundande månad"]},
    num_suffix=r"(?::[a-zåäö]{1,3})?\.?",
    month_year=r"\s+(?:år\s+)?",
    year_genitive=r"\s+års(?!\w)",
    decade=r"(?P<dec>1\d{2}0|20\d0)-tal(?:et|ets)?",
)
