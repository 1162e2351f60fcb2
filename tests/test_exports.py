"""Exports: Parquet opens in pyarrow and DuckDB, CSV/JSONL carry every column, GDELT has 61 columns."""

from __future__ import annotations

import csv
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from newsgraph.errors import UsageError
from newsgraph.exports import GDELT_COLUMNS, export
from newsgraph.model import ActorRef, Article, Event, Extraction, Location, SpeakerRef, Statement
from newsgraph.records import SCHEMAS, TABLES

TEXT = "The U.S. and NATO on Wednesday formally rejected Russia's demand, the Kremlin said."


def _extractions() -> list[Extraction]:
    article = Article(id="a1", text=TEXT, content_hash="h", date="2022-01-28", url="https://example.org/a1")
    reject = Event(
        category="REJECT",
        source=[ActorRef("United States", "USA", "GOV"), ActorRef("NATO", "NATO", "IGO")],
        target=[ActorRef("Russia", "RUS", "GOV")],
        evidence=TEXT[:65],
        start=0,
        end=65,
        cameo="12",
        quad_class=3,
        goldstein=-4.0,
        date="2022-01-26",
        location=Location("Brussels", "BEL", 50.85, 4.35, kind="city"),
    )
    denied = Event(
        category="CONSULT",
        source=[ActorRef("Russia", "RUS")],
        target=[],
        evidence="x",
        start=0,
        end=1,
        negated=True,
    )
    said = Statement(
        type="indirect",
        content=TEXT[:65],
        start=0,
        end=65,
        cue="said",
        speaker=SpeakerRef("Kremlin", "the Kremlin", 67, 78),
    )
    no_date = Article(id="a2", text="Nothing.", content_hash="h2")
    return [
        Extraction(article=article, statements=[said], events=[reject, denied]),
        Extraction(article=no_date),
    ]


def test_parquet_tables_open_in_pyarrow_and_duckdb(tmp_path):
    files = export(_extractions(), "parquet", tmp_path)
    assert sorted(f.name for f in files) == sorted(f"{t}.parquet" for t in TABLES)
    for name in TABLES:
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.schema.names == SCHEMAS[name].names
    events = duckdb.sql(
        f"SELECT category, source_codes FROM '{tmp_path / 'events.parquet'}' ORDER BY event_index"
    ).fetchall()
    assert events[0] == ("REJECT", ["USA", "NATO"])
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'articles.parquet'}'").fetchall() == [(2,)]


def test_csv_has_header_and_json_for_lists(tmp_path):
    export(_extractions(), "csv", tmp_path)
    with (tmp_path / "events.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == SCHEMAS["events"].names
    assert json.loads(rows[0]["target_codes"]) == ["RUS"]


def test_jsonl_rows_round_trip(tmp_path):
    export(_extractions(), "jsonl", tmp_path)
    lines = (tmp_path / "statements.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["speaker_name"] == "Kremlin"


def test_gdelt_rows_have_61_columns_and_skip_negated_events(tmp_path):
    (path,) = export(_extractions(), "gdelt", tmp_path)
    lines = path.read_text().splitlines()
    assert len(GDELT_COLUMNS) == 61
    assert len(lines) == 1  # the negated CONSULT is not an event that happened
    row = dict(zip(GDELT_COLUMNS, lines[0].split("\t"), strict=True))
    assert row["SQLDATE"] == "20220126"
    assert row["Actor1Code"] == "USAGOV" and row["Actor1CountryCode"] == "USA"
    assert row["Actor2CountryCode"] == "RUS"
    assert (row["EventRootCode"], row["QuadClass"], row["GoldsteinScale"]) == ("12", "3", "-4.0")
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_FullName"] == "Brussels"
    assert row["SOURCEURL"] == "https://example.org/a1"


def test_unknown_format_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        export(_extractions(), "xlsx", tmp_path)
