"""French dates: le 2 novembre 1937, le premier mai, du 3 au 5 mars, les années trente,
le 12 septembre dernier, le 5 courant, 7bre (septembre) in old letters."""

from __future__ import annotations

from .grammar import Grammar, counted


def _days() -> dict[str, int]:
    out = counted("deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
                  "quinze seize dix-sept dix-huit dix-neuf vingt trente",
                  ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
                  "{t}-{o}", {"premier": 1, "première": 1})
    return out | {"vingt et un": 21, "trente et un": 31}


GRAMMAR = Grammar(
    code="fr",
    aliases=("fra", "fre"),
    months={
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
        "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "décembre": 12, "decembre": 12,
    },
    abbr={
        "janv": 1, "jan": 1, "févr": 2, "fév": 2, "fevr": 2, "fev": 2, "avr": 4, "juil": 7,
        "sept": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12,
        # the old numeral abbreviations of letters and registers: 7bre = septembre, ...
        "7bre": 9, "8bre": 10, "9bre": 11, "10bre": 12, "xbre": 12,
    },
    ordinals=_days(),
    weekdays="lundi mardi mercredi jeudi vendredi samedi dimanche",
    function_words=(
        r"et|ou|mais|en|à|au|aux|dans|sur|de|du|des|par|pour|avec|sans|chez|vers|contre|"
        r"comme|quand|lorsque|où|que|qui|il|elle|ils|elles|on|nous|vous|je|le|la|les|un|"
        r"une|ce|cette|est|était|fut|a|avait|eut|sont|furent|ont|se|s|y|puis|déjà|encore|"
        r"aussi|alors|après|avant|depuis|jusqu"),
    year_cue=(r"en|an|année|l['’]année|depuis|dès|jusqu['’]en|avant|après|vers|né|née|mort|"
              r"morte|printemps|été|automne|hiver|début|fin|milieu|courant"),
    year_cue3=r"l['’]an|l['’]année|année",
    month_cue=(r"en|depuis|dès|jusqu['’]en|avant|après|début|fin|courant|vers|mois\s+de|"
               r"mois\s+d['’]"),
    month_cue_glued=r"mi-|d['’]|jusqu['’]à\s+|à\s+la\s+mi-",
    range_words=r"au|à|a|et|jusqu['’]au",
    range_cue=r"du|de|entre|depuis",
    range_cue_elided=r"d['’]",
    after_conn_article=r"(?:le\s+)?",
    number_cues=r"n°|nº|n|numéro|numéros|t|tome|h|heures|chap|fasc",
    units=("ans|années|jours|semaines|mois|heures|minutes|hommes|femmes|personnes|habitants|"
           "ouvriers|travailleurs|membres|adhérents|soldats|morts|victimes|francs|fr|frs|"
           "livres|marks|roubles|dollars|mètres|kilomètres|km|kilos|kg|tonnes|litres|"
           "pour\\s+cent|exemplaires|voix|fois|pages|numéros|cas|lettres|articles"),
    per_is_unit=False,
    future=(r"sera|seront|aura|auront|prochain|prochaine|prochains|devra|va|vont|"
            r"\w{3,}(?:era|ira|dra|eront|iront|dront|rai|rons|rez)|demain"),
    past=(r"fut|furent|était|étaient|avait|avaient|eut|eurent|été|tenu|tenue|mourut|tint|"
          r"tinrent|vint|vinrent|prit|fit|\w{3,}(?:ait|aient|èrent|irent|urent)|"
          r"étions|étiez|étais|avions|aviez|hier|avant-hier|dernier|dernière|"
          r"(?:lettre|dépêche|billet)\s+du|"
          r"(?:ai|as|a|avons|avez|ont|suis|es|est|sommes|êtes|sont|avait|avaient)\s+"
          r"(?:\w+\s+)?(?:\w{2,}(?:é|ée|és|ées|u|ue|us|is|it|te|ert)|vue?s?|eue?s?|dû|dit|"
          r"fait|mis|pris)"),
    present=(r"cette\s+année|l['’]année\s+courante|cette\s+année-ci|"
             r"cet\s+(?:été|hiver|automne)|ce\s+printemps"),
    until=r"d['’]ici|jusqu['’]au|jusqu['’]à",
    since=r"depuis",
    lead_article=r"le",
    relative_after={"past": ["dernier"], "future": ["prochain"],
                    "current": ["courant", "ct", "ct."]},
    day_of_month={"current": ["courant", "ct.", "ct", "du courant", "de ce mois",
                              "du mois courant", "du mois en cours"],
                  "past": ["du mois dernier", "du mois passé", "du mois écoulé"],
                  "future": ["du mois prochain"]},
    num_suffix=r"(?:er|re|ᵉʳ|e)?",
    dashed_numeric=True,
    roman_numeric=True,
    decade=r"(?P<dec>1\d{2}0|20\d0|['’]?[1-9]0)(?!\s*\d)",
    decade_word=r"années",
    decade_tens={"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
                 "soixante-dix": 70, "septante": 70, "quatre-vingt": 80, "quatre-vingts": 80,
                 "huitante": 80, "octante": 80, "quatre-vingt-dix": 90, "nonante": 90},
    decade_hint=("années",),
)
