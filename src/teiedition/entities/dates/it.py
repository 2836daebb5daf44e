"""Italian dates: 2 novembre 1937, il primo maggio, dall'8 al 10 marzo, gli anni Trenta,
il 5 maggio scorso, il 5 corrente (and 19th-century spellings: gennajo)."""

from __future__ import annotations

from .grammar import Grammar, counted


def _days() -> dict[str, int]:
    out = counted("due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
                  "quattordici quindici sedici diciassette diciotto diciannove venti trenta",
                  ["uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
                  "{t}{o}", {"primo": 1})
    # venti + uno/otto and trenta + uno drop the vowel: ventuno, ventotto, trentuno
    return out | {"ventuno": 21, "ventotto": 28, "trentuno": 31, "ventitré": 23}


GRAMMAR = Grammar(
    code="it",
    aliases=("ita",),
    months={
        "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
        "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11,
        "dicembre": 12,
        # 19th-century spellings
        "gennajo": 1, "febbrajo": 2, "decembre": 12, "genajo": 1,
    },
    abbr={
        "gen": 1, "genn": 1, "feb": 2, "febbr": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6,
        "lug": 7, "ago": 8, "sett": 9, "set": 9, "ott": 10, "nov": 11, "dic": 12,
        "7bre": 9, "8bre": 10, "9bre": 11, "10bre": 12, "xbre": 12,
    },
    ordinals=_days(),
    weekdays=("lunedì martedì mercoledì giovedì venerdì lunedi martedi mercoledi giovedi "
              "venerdi sabato domenica"),
    function_words=(
        r"e|ed|o|ma|in|a|al|alla|da|dal|di|del|della|per|con|su|tra|fra|come|quando|dove|"
        r"che|chi|egli|lui|lei|essi|si|il|lo|la|i|gli|le|un|una|è|era|fu|furono|aveva|ha|"
        r"hanno|sono|anche|già|poi|dopo|prima|fino"),
    year_cue=(r"nel|anno|dal|al|del|fino\s+al|prima\s+del|dopo\s+il|verso\s+il|nato\s+nel|"
              r"morto\s+nel|nata\s+nel|morta\s+nel|primavera\s+del|estate\s+del|"
              r"autunno\s+del|inverno\s+del|inizio\s+del|fine\s+del|metà\s+del|tra\s+il|"
              r"fra\s+il|il|sin\s+dal|circa"),
    year_cue3=r"anno|nell['’]anno",
    month_cue=(r"a|in|nel|nell['’]|da|dal|dall['’]|fino\s+a|prima\s+di|dopo|inizio|fine|"
               r"metà|mese\s+di"),
    month_cue_glued=r"nell['’]|dall['’]|all['’]",
    range_words=r"al|e|ed|a",
    range_cue=r"dal|da|tra|fra",
    range_cue_elided=r"dall['’]|tra\s+l['’]|fra\s+l['’]",
    after_conn_article=r"(?:il\s+|l['’])?",
    number_cues=r"n°|nº|n|num|numero|numeri|pag|pagina|pagine|t|tomo|ore|fasc",
    units=("anni|giorni|settimane|mesi|ore|minuti|uomini|donne|persone|abitanti|operai|"
           "lavoratori|membri|iscritti|soldati|morti|vittime|lire|franchi|dollari|sterline|"
           "marchi|metri|chilometri|km|chili|kg|tonnellate|litri|per\\s+cento|copie|voti|"
           "volte|pagine|numeri|casi|lettere|articoli"),
    per_is_unit=False,
    future=r"sarà|saranno|prossimo|prossima|\w{3,}(?:rà|ranno)",
    past=(r"fu|furono|era|erano|aveva|avevano|ebbe|morì|uscì|partì|aprì|finì|"
          r"\w{3,}(?:ò|arono|erono|irono|ava|avano|eva|evano)|ieri|(?:lettera)\s+del"),
    present=r"quest['’]anno|l['’]anno\s+corrente|l['’]anno\s+in\s+corso",
    until=r"entro|fino\s+al",
    since=r"sin\s+dal|a\s+partire\s+dal",
    lead_article=r"il",
    relative_after={"past": ["scorso", "u.s.", "passato"], "future": ["prossimo", "p.v."],
                    "current": ["corrente", "c.m.", "c.a."]},
    day_of_month={"current": ["corrente", "corr.", "c.m.", "del corrente mese",
                              "del mese corrente", "del corrente"],
                  "past": ["u.s.", "del mese scorso", "dello scorso mese"],
                  "future": ["p.v.", "del mese prossimo", "del prossimo mese"]},
    num_suffix=r"[°º]?",
    month_year=r"\s+(?:del\s+)?",
    dashed_numeric=True,
    roman_numeric=True,
    decade=r"(?P<dec>1\d{2}0|20\d0|['’]?[1-9]0)(?!\s*\d)",
    decade_word=r"anni",
    decade_tens={"venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60,
                 "settanta": 70, "ottanta": 80, "novanta": 90},
    decade_hint=("anni",),
)
