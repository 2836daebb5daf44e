"""Dutch dates: 2 november 1937, de eerste mei, van 3 tot 5 maart, de jaren dertig,
12 december jl., 7 mei a.s., den 5den dezer (and 19th-century spellings: januarij)."""

from __future__ import annotations

from .grammar import Grammar


def _ordinals() -> dict[str, int]:
    units = ["eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste",
             "negende", "tiende", "elfde", "twaalfde", "dertiende", "veertiende",
             "vijftiende", "zestiende", "zeventiende", "achttiende", "negentiende",
             "twintigste"]
    out = {w: i + 1 for i, w in enumerate(units)}
    ones = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
    out |= {f"{o}{'ën' if o.endswith('e') else 'en'}twintigste": 21 + i
            for i, o in enumerate(ones)}
    return out | {"dertigste": 30, "eenendertigste": 31}


GRAMMAR = Grammar(
    code="nl",
    aliases=("nld", "dut"),
    months={
        "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
        "augustus": 8, "september": 9, "oktober": 10, "october": 10, "november": 11,
        "december": 12,
        # 19th-century spellings
        "januarij": 1, "februarij": 2, "junij": 6, "julij": 7, "meij": 5,
    },
    abbr={
        "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dec": 12,
    },
    ordinals=_ordinals(),
    weekdays="maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    function_words=(
        r"en|of|maar|in|op|aan|te|tot|van|met|voor|na|naar|bij|door|als|toen|waar|dat|die|"
        r"wie|hij|zij|ze|wij|we|ik|het|de|een|is|was|waren|werd|had|heeft|zijn|ook|al|nog|"
        r"daarna|weer|verscheen|kwam|stierf"),
    year_cue=(r"in|jaar|sinds|sedert|tot|vanaf|na|rond|omstreeks|circa|ca\.|geboren|"
              r"halverwege|medio|overleden|stierf|"
              r"(?:begin|eind|midden|voorjaar|zomer|najaar|herfst|winter|lente)(?:\s+van)?"),
    year_cue3=r"jaar|het\s+jaar",
    month_cue=r"in|sinds|sedert|tot|vanaf|voor|na|begin|eind|eind|medio|half|midden",
    range_words=r"tot|en|t/m|op",  # de nacht van 7 op 8 juni
    range_cue=r"van|tussen|vanaf",
    number_cues=r"nr|blz|bl|bladzijde|bladzijden|pagina|deel|dl|uur|hfst",
    units=("jaar|jaren|dagen|weken|maanden|uur|uren|minuten|man|mannen|vrouwen|mensen|"
           "personen|inwoners|arbeiders|leden|soldaten|doden|slachtoffers|gulden|guldens|"
           "frank|franken|mark|dollar|pond|meter|kilometer|km|kilo|kg|ton|liter|procent|"
           "exemplaren|stemmen|keer|maal|pagina's|bladzijden|nummers|gevallen|brieven|"
           "artikelen"),
    per_is_unit=False,
    future=r"zal|zullen|volgende|komende|aanstaande|a\.s\.",
    past=(r"was|waren|had|hadden|werd|werden|kwam|kwamen|ging|gingen|hield|schreef|stierf|"
          r"zei|vond|begon|ge\w{3,}(?:d|t)|gisteren|vorige|afgelopen|(?:brief)\s+van"),
    present=r"dit\s+jaar|van\s+dit\s+jaar|dezes\s+jaars",
    until=r"tot|uiterlijk",
    since=r"sinds|sedert",
    lead_article=r"de|den",
    relative_after={"past": ["jongstleden", "jl.", "j.l.", "laatstleden", "ll.", "l.l."],
                    "future": ["aanstaande", "a.s.", "eerstkomende"], "current": []},
    day_of_month={"current": ["dezer", "dezes", "dezer maand", "van deze maand"],
                  "past": ["der vorige maand", "van de vorige maand", "van vorige maand"],
                  "future": ["der volgende maand", "van de volgende maand",
                             "van volgende maand"]},
    num_suffix=r"(?:sten|ste|den|de|e)?",
    dashed_numeric=True,
    roman_numeric=True,
    decade=r"(?P<dec>1\d{2}0|20\d0|['’]?[1-9]0)(?!\s*\d)",
    decade_word=r"jaren",
    decade_tens={"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
                 "zeventig": 70, "tachtig": 80, "negentig": 90},
    decade_hint=("jaren",),
)
