"""The shared data model's conversion to plain data (what every output is written from)."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.model import (
    ActorRef,
    Entity,
    Event,
    Location,
    Mention,
    Quantity,
    SpeakerRef,
    Statement,
    as_plain,
)

RECORDS = [
    Entity("e1", "Vladimir Putin", "person", "RUS", "GOV", "president", [Mention("Putin", 0, 5)]),
    Entity("e2", "NATO", "organization"),
    Statement(
        "indirect",
        "the US ignored Russia's demands",
        20,
        51,
        "told",
        SpeakerRef("Vladimir Putin", "Putin", 0, 5, "e1"),
        addressee=SpeakerRef("Emmanuel Macron", "Macron", 11, 17),
        according_to=SpeakerRef("Kremlin"),
        cue_start=6,
        cue_end=10,
    ),
    Event(
        "MOBILIZE",
        [ActorRef("Russia", "RUS", "MIL")],
        [],
        "Moscow has amassed some 100,000 troops",
        0,
        38,
        quantity=Quantity(100000.0, "troops"),
        location=Location("Ukraine", "UKR", 49.0, 32.0, "country"),
        negated=True,
    ),
    Event("REJECT", [ActorRef("United States", "USA"), ActorRef("NATO", "NATO")], [], "rejected", 0, 8),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_as_plain_is_asdict(record):
    plain = as_plain(record)
    assert plain == dataclasses.asdict(record)
    assert list(plain) == [f.name for f in dataclasses.fields(record)]


def test_as_plain_copies_containers():
    entity = RECORDS[0]
    plain = as_plain(entity)
    plain["mentions"][0]["text"] = "changed"
    plain["mentions"].append({})
    assert entity.mentions == [Mention("Putin", 0, 5)]
