"""Spanish dates: 2 de noviembre de 1937, el dos de mayo, del 3 al 5 de marzo, los años
treinta, el 7 de mayo próximo, el 5 del corriente."""

from __future__ import annotations

from .grammar import Grammar, counted


def _days() -> dict[str, int]:
    out = counted("dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
                  "quince dieciséis diecisiete dieciocho diecinueve veinte treinta",
                  ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
                  "{t} y {o}", {"primero": 1, "uno": 1})
    out |= {f"veinti{o}": 21 + i for i, o in enumerate(
        ["uno", "dós", "trés", "cuatro", "cinco", "séis", "siete", "ocho", "nueve"])}
    return out | {"veintidos": 22, "veintitres": 23, "veintiseis": 26, "dieciseis": 16}


GRAMMAR = Grammar(
    code="es",
    aliases=("spa",),
    months={
        "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
        "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12,
    },
    abbr={
        "ene": 1, "feb": 2, "mar": 3, "abr": 4, "jun": 6, "jul": 7, "ago": 8, "sep": 9,
        "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12,
        "7bre": 9, "8bre": 10, "9bre": 11, "10bre": 12, "xbre": 12,
    },
    ordinals=_days(),
    weekdays="lunes martes miércoles miercoles jueves viernes sábado sabado domingo",
    function_words=(
        r"y|e|o|u|pero|en|a|al|de|del|por|para|con|sin|sobre|entre|hacia|hasta|desde|como|"
        r"cuando|donde|que|quien|él|ella|ellos|ellas|se|el|la|los|las|un|una|es|era|fue|"
        r"fueron|había|ha|han|son|también|ya|luego|después|antes"),
    year_cue=(r"en|año|desde|hasta|antes\s+de|después\s+de|hacia|nació|nacido|nacida|murió|"
              r"primavera\s+de|verano\s+de|otoño\s+de|invierno\s+de|principios\s+de|"
              r"finales\s+de|mediados\s+de"),
    year_cue3=r"año|el\s+año",
    month_cue=(r"en|desde|hasta|antes\s+de|después\s+de|principios\s+de|finales\s+de|"
               r"mediados\s+de|mes\s+de"),
    range_words=r"al|a|y|e|hasta",
    range_cue=r"del|de|entre|desde",
    after_conn_article=r"(?:el\s+)?",
    number_cues=r"n°|nº|n|núm|número|números|nro|pág|págs|página|páginas|t|tomo|horas",
    units=("años|días|semanas|meses|horas|minutos|hombres|mujeres|personas|habitantes|"
           "obreros|trabajadores|miembros|afiliados|soldados|muertos|víctimas|pesetas|ptas|"
           "pesos|francos|dólares|libras|marcos|metros|kilómetros|km|kilos|kg|toneladas|"
           "litros|por\\s+ciento|ejemplares|votos|veces|páginas|números|casos|cartas|"
           "artículos"),
    per_is_unit=False,
    future=(r"será|serán|habrá|próximo|próxima|va\s+a|van\s+a|"
            r"\w{3,}(?:ará|erá|irá|arán|erán|irán)"),
    past=(r"fue|fueron|era|eran|había|habían|tuvo|murió|\w{3,}(?:ó|aron|ieron|aba|aban)|"
          r"ayer|(?:carta|telegrama)\s+del"),
    present=r"este\s+año|el\s+presente\s+año|el\s+año\s+en\s+curso",
    until=r"hasta|para",
    since=r"desde",
    lead_article=r"el",
    relative_after={"past": ["pasado", "último", "ppdo.", "ppdo"],
                    "future": ["próximo", "venidero"],
                    "current": ["corriente", "cte.", "actual"]},
    day_of_month={"current": ["del corriente", "del actual", "del cte.", "cte.",
                              "del presente mes", "de los corrientes"],
                  "past": ["del pasado", "del mes pasado", "del ppdo."],
                  "future": ["del próximo", "del mes próximo", "del entrante"]},
    num_suffix=r"(?:\.?(?:[º°ª]|ero|ro|o))?\.?",
    day_month=r"(?:de\s+)?",
    month_year=r",?\s+(?:del?\s+)?",
    dashed_numeric=True,
    roman_numeric=True,
    decade=r"(?P<dec>1\d{2}0|20\d0|['’]?[1-9]0)(?!\s*\d)",
    decade_word=r"años|década\s+de(?:\s+los)?",
    decade_tens={"veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
                 "setenta": 70, "ochenta": 80, "noventa": 90},
    decade_hint=("años", "década"),
)
