"""The exploring commands: statements, events, actors, search, show, export (and serve's checks).

They run in-process (Typer's runner) against ``sample_store``; ``--json`` output is parsed
and compared with the Python API's answer to the same question.
"""

from __future__ import annotations

import csv
import json

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.exports import GDELT_COLUMNS
from newsgraph.records import SCHEMAS, TABLES


@pytest.fixture
def cli(sample_store):
    runner = CliRunner()

    def run(*args: str):
        # A wide terminal, so that table cells are not folded.
        return runner.invoke(
            app, [*args, "--db", str(sample_store.path)], catch_exceptions=False, env={"COLUMNS": "400"}
        )

    return run


def _words(output: str) -> str:
    """The output with line breaks and runs of spaces as single spaces (rich wraps long lines)."""
    return " ".join(output.split())


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("args", "api_call"),
    [
        (["statements", "--speaker", "pompeo"], lambda db: db.statements(speaker="pompeo", limit=100)),
        (
            ["statements", "--since", "2019-09-01", "--until", "2019-09-13"],
            lambda db: db.statements(since="2019-09-01", until="2019-09-13"),
        ),
        (["statements", "-q", "attacks"], lambda db: db.statements(query="attacks")),
        (["events", "--category", "sanction"], lambda db: db.events(category="SANCTION")),
        (["events", "--actor", "IRN", "--limit", "2"], lambda db: db.events(actor="IRN", limit=2)),
        (
            ["events", "--source", "SAU", "--target", "Houthi movement"],
            lambda db: db.events(source="SAU", target="Houthi movement"),
        ),
        (["actors", "--name", "irn"], lambda db: db.actors(name="irn")),
        (["search", "drone", "--source", "wikinews"], lambda db: db.search("drone", source="wikinews")),
        (
            ["search", "Mahan", "--category", "ACCUSE", "--actor", "USA"],
            lambda db: db.search("Mahan", category="ACCUSE", actor="USA"),
        ),
    ],
)
def test_json_lines_are_the_apis_answer(cli, sample_store, args, api_call):
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    with newsgraph.open(sample_store.path) as db:
        expected = api_call(db).to_dicts()
    assert _json_lines(result.stdout) == expected
    assert expected  # each case finds something


def test_limit_zero_lists_everything(cli):
    assert len(_json_lines(cli("statements", "--json", "--limit", "0").stdout)) == 11
    assert len(_json_lines(cli("statements", "--json", "--limit", "4").stdout)) == 4


def test_tables_show_the_results(cli):
    result = cli("statements", "--speaker", "sarea")
    assert result.exit_code == 0
    assert "Yahya Sarea" in result.stdout and "2 statements" in result.stdout
    events = cli("events", "--category", "ASSAULT")
    assert "Houthi movement" in events.stdout and "2 events" in events.stdout
    actors = cli("actors")
    assert "Mike Pompeo" in actors.stdout and "Secretary of State" in actors.stdout
    search = cli("search", "drone")
    assert "(wire copy)" in search.stdout and "2 articles" in search.stdout


def test_square_brackets_in_text_are_not_rich_markup(cli):
    # The hostile article's speaker and text are shown literally, tags and all.
    result = cli("statements", "--speaker", "img")
    assert "<img src=x onerror=alert(3)>" in result.stdout
    show = cli("show", "hostile")
    assert '<script>alert("xss")</script>' in show.stdout


def test_show_marks_statements_and_events_in_the_text(cli, sample_store):
    result = cli("show", sample_store.ids["mahan"][:10])
    assert result.exit_code == 0, result.output
    out = _words(result.stdout)
    assert "Germany bans Mahan Air" in out
    for label in ("[S1]", "[S2]", "[S3]", "[S4]", "[E1]", "[E2]", "[E3]", "[E4]"):
        assert label in out
    # Each label follows the words it marks.
    assert "around the region[S1]" in out
    assert "from flying in the European nation[E1]" in out
    assert "4 statements" in out and "4 events" in out


def test_show_of_a_wire_copy_points_to_its_representative(cli, sample_store):
    result = cli("show", "copy-of-drones")
    assert result.exit_code == 0
    assert "wire copy of " + sample_store.ids["drones"] in _words(result.stdout).lower()


def test_show_json_is_the_extraction(cli, sample_store):
    (bolton,) = _json_lines(cli("show", sample_store.ids["bolton"], "--json").stdout)
    assert bolton["id"] == sample_store.ids["bolton"]
    assert len(bolton["statements"]) == 2 and len(bolton["events"]) == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["statements", "--since", "yesterday"], 2, "since must be a date as YYYY-MM-DD"),
        (["events", "--category", "bombing"], 2, "unknown event category 'bombing'"),
        (["events", "--limit", "-3"], 2, "limit must be 0"),
        (["show", "nothing-like-this"], 1, "no article 'nothing-like-this'"),
        (["show", "c"], 1, "ambiguous"),
        (["export", "--format", "xlsx", "--out", "x"], 2, "unknown export format"),
    ],
)
def test_bad_options_are_one_line_errors(cli, args, code, message):
    result = cli(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["statements", "events", "actors", "serve"])
def test_a_missing_database_is_a_one_line_error(tmp_path, command):
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(app, [command, "--db", str(missing)])
    assert result.exit_code == 1
    assert "no such database" in result.stderr and "newsgraph ingest" in result.stderr
    assert not missing.exists()


@pytest.mark.parametrize("output_format", ["parquet", "csv", "jsonl"])
def test_export_writes_the_four_tables(cli, tmp_path, output_format):
    out = tmp_path / "out"
    result = cli("export", "--format", output_format, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.split()) == sorted(str(out / f"{t}.{output_format}") for t in TABLES)
    if output_format == "csv":
        with (out / "statements.csv").open(newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert list(rows[0]) == SCHEMAS["statements"].names and len(rows) == 11
    elif output_format == "jsonl":
        assert len((out / "events.jsonl").read_text().splitlines()) == 10


def test_exported_parquet_opens_in_pyarrow_and_duckdb(cli, tmp_path, sample_store):
    out = tmp_path / "parquet"
    assert cli("export", "--format", "parquet", "--out", str(out)).exit_code == 0
    for table in TABLES:
        assert pq.read_table(out / f"{table}.parquet").schema == SCHEMAS[table]
    rows = duckdb.sql(
        f"SELECT a.cluster, count(s.article_id) FROM '{out / 'articles.parquet'}' a "
        f"LEFT JOIN '{out / 'statements.parquet'}' s ON s.article_id = a.article_id "
        "GROUP BY a.article_id, a.cluster ORDER BY a.article_id"
    ).fetchall()
    assert len(rows) == 6
    assert sum(count for _, count in rows) == 11
    speakers = duckdb.sql(
        f"SELECT speaker_name FROM '{out / 'statements.parquet'}' WHERE speaker_name ILIKE '%pompeo%'"
    ).fetchall()
    assert len(speakers) == 3


def test_export_gdelt(cli, tmp_path):
    out = tmp_path / "gdelt"
    result = cli("export", "--format", "gdelt", "--out", str(out))
    assert result.exit_code == 0
    lines = (out / "events.gdelt.tsv").read_text().splitlines()
    assert len(lines) == 9  # the negated event is not an event that happened
    assert all(len(line.split("\t")) == len(GDELT_COLUMNS) for line in lines)
