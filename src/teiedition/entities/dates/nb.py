"""Norwegian (bokmål, and nynorsk read alike) dates: 2. november 1937, den tjueførste april,
1930-tallet, den 5. ds."""

from __future__ import annotations

from .grammar import Grammar, nordic_ordinals

GRAMMAR = Grammar(
    code="nb",
    aliases=("no", "nn", "nob", "nno", "nor"),
    months={
        "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
        "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
        "december": 12,  # the older (Dano-Norwegian) spelling
    },
    abbr={
        "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sept": 9, "sep": 9, "okt": 10, "nov": 11, "des": 12, "dec": 12,
    },
    ordinals=nordic_ordinals(
        ["første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "åttende",
         "niende", "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende",
         "sekstende", "syttende", "attende", "nittende"], ["tjuende", "tyvende"],
        ["trettiende"], ["nb", "da"]) | {"syvende": 7, "annen": 2},
    weekdays="mandag tirsdag onsdag torsdag fredag lørdag søndag",
    weekday_ending="en",
    function_words=(
        r"og|eller|men|samt|i|på|til|fra|med|som|da|når|var|har|hadde|er|ble|kom|for|av|"
        r"etter|under|ved|om|mot|uten|hos|gjennom|ifølge|så|at|den|det|de|han|hun|vi|jeg|"
        r"man|ut|inn|opp|ned|igjen|også|allerede|dog|bare|fikk|skulle|kunne|måtte|skal|"
        r"blir|finnes|fantes|siden"),
    year_cue=(r"år|året|anno|født|død|døde|under|siden|fra|etter|efter|før|omkring|cirka|"
              r"ca\.?|våren|sommeren|høsten|vinteren|(?:begynnelsen|slutten|midten)\s+av|"
              r"inntil|senest"),
    year_cue3=r"år|året|anno",
    month_cue=r"i|under|fra|siden|til|etter|før|(?:begynnelsen|slutten|midten)\s+av",
    range_words=r"til|og",
    range_cue=r"fra|mellom",
    after_conn_article=r"(?:den\s+)?",
    future=r"vil|skal|neste|kommende|komme|i\s+morgen",
    past=(r"var|hadde|blev|ble|kom|holdt|sagde|sa|skrev|døde|fant|gikk|tok|i\s+går|"
          r"forrige|\w{2,}et|brev\s+av"),
    present=r"i\s+år|dette\s+år|inneværende\s+år",
    until=r"til|senest|innen",
    since=r"siden",
    lead_article=r"den",
    day_of_month={"current": ["ds.", "dennes", "d.m."], "past": ["f.m.", "forrige måned"],
                  "future": ["n.m.", "neste måned"]},
    dotted_ranges=True,
    decade=r"(?P<dec>1\d{2}0|20\d0)-(?:tallet|årene)",
)
