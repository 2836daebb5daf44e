"""Danish dates: 2. november 1937, den enogtyvende april, 1930'erne, den 5. ds."""

from __future__ import annotations

from .grammar import Grammar, nordic_ordinals

GRAMMAR = Grammar(
    code="da",
    aliases=("dan",),
    months={
        "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
        "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    },
    abbr={
        "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sept": 9, "sep": 9, "okt": 10, "nov": 11, "dec": 12,
    },
    ordinals=nordic_ordinals(
        ["første", "anden", "tredje", "fjerde", "femte", "sjette", "syvende", "ottende",
         "niende", "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende",
         "sekstende", "syttende", "attende", "nittende"], ["tyvende"], ["tredivte"], ["da"]),
    weekdays="mandag tirsdag onsdag torsdag fredag lørdag søndag",
    weekday_ending="en",
    function_words=(
        r"og|eller|men|samt|i|på|til|fra|med|som|da|når|var|har|havde|er|blev|kom|for|af|"
        r"efter|under|ved|om|mod|uden|hos|gennem|ifølge|så|at|den|det|de|han|hun|vi|jeg|"
        r"man|ud|ind|op|ned|igen|også|allerede|dog|kun|fik|skulle|kunne|måtte|skal|"
        r"bliver|findes|fandtes|siden"),
    year_cue=(r"år|året|anno|født|død|døde|under|siden|fra|efter|før|omkring|cirka|ca\.?|"
              r"foråret|sommeren|efteråret|vinteren|(?:begyndelsen|slutningen|midten)\s+af|"
              r"indtil|senest"),
    year_cue3=r"år|året|anno",
    month_cue=r"i|under|fra|siden|til|efter|før|(?:begyndelsen|slutningen|midten)\s+af",
    range_words=r"til|og",
    range_cue=r"fra|mellem",
    after_conn_article=r"(?:den\s+)?",
    future=r"vil|skal|næste|kommende|komme|i\s+morgen",
    past=(r"var|havde|blev|kom|holdt|sagde|skrev|døde|fandt|gik|tog|i\s+går|forrige|"
          r"sidste|\w{2,}ede|brev\s+af"),
    present=r"i\s+år|dette\s+år|indeværende\s+år",
    until=r"til|senest|inden",
    since=r"siden",
    lead_article=r"den",
    day_of_month={"current": ["ds.", "dennes", "d.m."], "past": ["f.m.", "forrige måned"],
                  "future": ["n.m.", "næste måned"]},
    dotted_ranges=True,
    decade=r"(?P<dec>1\d{2}0|20\d0)[’']?erne",
)
