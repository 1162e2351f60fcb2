"""The offline gazetteer: countries, cities and regions with coordinates."""

from __future__ import annotations

import pytest

from newsgraph.places import lookup_place


@pytest.mark.parametrize(
    ("name", "kind", "code"),
    [
        ("Crimea", "region", "UKR"),
        ("the Gaza Strip", "region", "PSE"),
        ("Russia", "country", "RUS"),
        ("Jordan", "country", "JOR"),
        ("Moscow", "city", "RUS"),
        ("Baghdad", "city", "IRQ"),
        ("Sao Paulo", "city", "BRA"),
        ("Basra", "city", "IRQ"),
    ],
)
def test_places(name: str, kind: str, code: str) -> None:
    place = lookup_place(name)
    assert place is not None and place.kind == kind and place.code == code
    assert place.lat is not None and place.lon is not None


def test_coordinates_are_plausible() -> None:
    crimea = lookup_place("Crimea")
    assert crimea is not None and (crimea.lat, crimea.lon) == (45.0, 34.0)
    moscow = lookup_place("Moscow")
    assert moscow is not None and 55 < (moscow.lat or 0) < 56 and 37 < (moscow.lon or 0) < 38


@pytest.mark.parametrize("name", ["turkey", "", "Nowhereville Xyz"])
def test_unknown_or_lower_case(name: str) -> None:
    assert lookup_place(name) is None


def test_location_model() -> None:
    place = lookup_place("Crimea")
    assert place is not None
    location = place.location()
    assert (location.name, location.code) == ("Crimea", "UKR")
