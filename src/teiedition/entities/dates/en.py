"""English dates: 2 November 1937, November 2, 1937, the 2nd of November, the 5th inst.,
the 1930s. Month names only capitalised (``may``, ``march`` are verbs); 2/11/1937 only
where one number is above 12."""

from __future__ import annotations

from .grammar import Grammar


def _ordinals() -> dict[str, int]:
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


GRAMMAR = Grammar(
    code="en",
    aliases=("eng",),
    months={
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    },
    abbr={
        "jan": 1, "feb": 2, "febr": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    },
    ordinals=_ordinals(),
    weekdays="Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    function_words=(
        r"and|or|but|in|on|at|to|from|with|as|when|was|were|had|has|is|are|the|a|an|he|she|"
        r"they|it|we|i|by|for|of|after|before|until|that|which|who|there|this|also|again|"
        r"became|saw|would|could|should|will|so|then"),
    year_cue=(r"in|year|since|born|died|during|until|till|from|after|before|by|around|circa|"
              r"c\.|ca\.|spring\s+of|summer\s+of|autumn\s+of|fall\s+of|winter\s+of|end\s+of|"
              r"beginning\s+of|middle\s+of|early|late"),
    year_cue3=r"year|anno",
    month_cue=r"in|during|since|until|till|from|through|by|early|late|of",
    month_cue_glued=r"mid-",
    range_words=r"to|until|till|and|through",
    range_cue=r"from|between",
    after_conn_article=r"(?:the\s+)?",
    future=(r"will|shall|next|coming|forthcoming|going\s+to|hope\s+to|expect\s+to|"
            r"intend\s+to|tomorrow|is\s+to|are\s+to"),
    past=(r"was|were|had|did|came|went|met|held|wrote|said|died|fell|began|took|gave|left|"
          r"\w{3,}ed|last|ago|yesterday|lately|(?:letter|favour|favor|yours|note)\s+of"),
    present=(r"this\s+year|the\s+present\s+year|the\s+current\s+year|"
             r"this\s+(?:spring|summer|autumn|fall|winter)"),
    until=r"by|until|till|not\s+later\s+than|no\s+later\s+than",
    since=r"since|ever\s+since",
    lead_article=r"the",
    day_of_month={"current": ["inst.", "instant"], "past": ["ult.", "ultimo"],
                  "future": ["prox.", "proximo"]},
    num_suffix=r"(?:st|nd|rd|th)?",
    day_month=r"(?:of\s+)?",
    month_year=r",?\s+",
    month_day=True,
    article_before_day=r"(?:the\s+)?",
    months_capitalised=True,
    numeric_month_first=True,
    decade=r"(?P<dec>1\d{2}0|20\d0)[’']?s",
)
