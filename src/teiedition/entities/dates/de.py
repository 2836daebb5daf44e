"""German dates: 2. November 1937, am dritten März, vom 21. bis 23. April, 3.–5.3.1937,
die 1930er Jahre, vom 28. v. M."""

from __future__ import annotations

from .grammar import Grammar


def _ordinals() -> dict[str, int]:
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


GRAMMAR = Grammar(
    code="de",
    aliases=("deu", "ger"),
    months={
        "januar": 1, "jänner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3, "april": 4,
        "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
        "november": 11, "dezember": 12,
    },
    abbr={
        "jan": 1, "feb": 2, "febr": 2, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sept": 9, "sep": 9, "okt": 10, "nov": 11, "dez": 12,
    },
    ordinals=_ordinals(),
    weekdays="Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag",
    function_words=(
        r"und|oder|aber|in|im|am|an|auf|zu|zum|zur|von|vom|mit|als|wurde|war|hatte|hat|ist|"
        r"sind|die|der|das|den|dem|er|sie|es|wir|ich|man|nach|vor|bis|seit|für|bei|durch|"
        r"gegen|wieder|auch|noch|schon|dann|so|da|wo|wie|kam|gab"),
    year_cue=(r"im\s+jahre?|jahre?|jahres|geboren|gestorben|seit|bis|von|nach|vor|um|ab|anfang|"
              r"ende|mitte|"
              r"frühjahr|frühling|sommer|herbst|winter|ca\.|circa|etwa|anno"),
    year_cue3=r"jahre?|anno",
    month_cue=r"im|seit|bis|ab|vor|nach|anfang|ende|mitte",
    range_words=r"bis|und",
    range_cue=r"von|vom|zwischen",
    after_conn_article=r"(?:zum\s+|den\s+)?",
    future=r"wird|werden|werde|wirst|nächste[nmrs]?|kommende[nmrs]?|morgen|soll|sollen",
    past=(r"war|waren|hatte|hatten|wurde|wurden|kam|kamen|fand|fanden|starb|sprach|schrieb|"
          r"ging|gingen|gab|sagte|tagte|traf|fiel|begann|erhielt|erhielten|bekam|bekamen|"
          r"verbrachte|verbrachten|gestern|vorgestern|vorige[nmrs]?|letzte[nmrs]?|"
          r"vergangene[nmrs]?|(?:brief|schreiben|karte|telegramm)\s+vom|"
          r"(?-i:ge[a-zäöüß]{3,}(?:t|en))"),  # a participle in lower case (nouns have capitals)
    present=(r"dieses\s+jahr(?:es)?|in\s+diesem\s+jahre?|heuer|laufenden\s+jahres|"
             r"diesjährige[nmrs]?|diesen\s+(?:sommer|herbst|winter|frühling)"),
    until=r"bis|spätestens",
    since=r"seit",
    lead_article=r"zum|am|den",
    day_of_month={"current": ["d. M.", "d.M.", "d. Mts.", "ds. Mts.", "dieses Monats",
                              "lfd. M."],
                  "past": ["v. M.", "v. Mts.", "vorigen Monats"],
                  "future": ["n. M.", "nächsten Monats", "k. M."]},
    nouns_capitalised=True,
    dotted_ranges=True,
    decade=r"(?P<dec>1\d{2}0|20\d0)er(?:[-\s]+jahren?|[-\s]+jahrhunderts?)?",
)
