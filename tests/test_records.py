"""Flat export tables: every row fits the documented schema, and nested facts are flattened."""

from __future__ import annotations

import pyarrow as pa
import pytest

from newsgraph.model import (
    ActorRef,
    Article,
    Entity,
    Event,
    Extraction,
    Location,
    Mention,
    Quantity,
    SpeakerRef,
    Statement,
)
from newsgraph.records import SCHEMAS, TABLES, rows_of, tables_of

TEXT = "Moscow has amassed some 100,000 troops, the Kremlin said."


def _extraction() -> Extraction:
    article = Article(id="a1", text=TEXT, content_hash="h", date="2022-01-28", title="T")
    kremlin = Entity(
        id="e1",
        name="Kremlin",
        kind="organization",
        code="RUS",
        sector="GOV",
        mentions=[Mention("the Kremlin", 40, 51)],
    )
    statement = Statement(
        type="indirect",
        content=TEXT[:38],
        start=0,
        end=38,
        cue="said",
        speaker=SpeakerRef("Kremlin", "the Kremlin", 40, 51, "e1"),
    )
    event = Event(
        category="MOBILIZE",
        source=[ActorRef("Moscow", "RUS", "GOV", "e1")],
        target=[],
        evidence=TEXT[:38],
        start=0,
        end=38,
        quantity=Quantity(100000, "troops"),
        location=Location("Crimea", "UKR", 45.0, 34.0),
        attributed_to="Kremlin",
    )
    return Extraction(article=article, entities=[kremlin], statements=[statement], events=[event])


def test_rows_carry_article_key_and_flatten_nested_fields():
    rows = rows_of(_extraction())
    assert [r["article_id"] for name in TABLES for r in rows[name]] == ["a1"] * 4
    assert rows["statements"][0]["speaker_entity"] == "e1"
    event = rows["events"][0]
    assert event["source_codes"] == ["RUS"] and event["target_codes"] == []
    assert (event["quantity_value"], event["quantity_unit"]) == (100000.0, "troops")
    assert event["location_lat"] == 45.0


@pytest.mark.parametrize("name", TABLES)
def test_tables_match_schema_columns(name):
    table = tables_of([_extraction(), _extraction()])[name]
    assert table.schema == SCHEMAS[name]
    assert table.num_rows == 2


def test_rows_cover_every_schema_column():
    rows = rows_of(_extraction())
    for name in TABLES:
        assert set(rows[name][0]) == set(SCHEMAS[name].names), name


def test_empty_input_gives_empty_typed_tables():
    tables = tables_of([])
    assert all(isinstance(t, pa.Table) and t.num_rows == 0 for t in tables.values())
