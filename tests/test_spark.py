"""The PySpark job writes the same rows as single-machine extraction of the same records."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytestmark = [pytest.mark.spark, pytest.mark.model, pytest.mark.slow]

from newsgraph.pipeline import extract_inputs  # noqa: E402
from newsgraph.records import SCHEMAS, TABLES, tables_of  # noqa: E402


def _write_warc(path: Path, wikinews_articles, page_builder, warc_builder) -> None:
    build_record, http_response = warc_builder
    records = [build_record("warcinfo", "", b"software: test\r\n", content_type="application/warc-fields")]
    for number, article in enumerate(wikinews_articles[:2], start=1):
        page = page_builder(article).encode("utf-8")
        records.append(build_record("request", article.url, b"GET / HTTP/1.1\r\n\r\n", number=2 * number))
        records.append(build_record("response", article.url, http_response(page), number=2 * number + 1))
    with path.open("wb") as fh:
        for record in records:
            fh.write(gzip.compress(record))


def _normalised(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


@pytest.fixture(scope="module")
def spark():
    from newsgraph.spark import session

    spark = session("local[2]", app_name="newsgraph-test")
    yield spark
    spark.stop()


def _written(out: Path, table: str, columns: list[str] | None = None) -> list[dict]:
    import pyarrow.dataset as ds

    written = ds.dataset(out / table, format="parquet", partitioning="hive").to_table()
    assert set(written.column_names) == set(SCHEMAS[table].names)
    return written.select(columns or SCHEMAS[table].names).to_pylist()


@pytest.mark.parametrize("read", ["stream", "spark"])
def test_spark_job_matches_single_machine_extraction(
    tmp_path, spark, wikinews_articles, page_builder, warc_builder, read
):
    from newsgraph.spark import run_job

    warc = tmp_path / "input" / "news.warc.gz"
    warc.parent.mkdir()
    _write_warc(warc, wikinews_articles, page_builder, warc_builder)
    out = tmp_path / "out"

    result = run_job(spark, [str(warc.parent)], str(out), partitions=2, read=read)

    expected = tables_of(extract_inputs([str(warc)]))
    assert result.rows["articles"] == 2
    assert result.failed == 0
    for table in TABLES:
        assert _normalised(_written(out, table)) == _normalised(expected[table].to_pylist()), table
        assert result.rows[table] == expected[table].num_rows
    assert sorted(p.name for p in (out / "articles").iterdir() if p.is_dir()) == [
        f"article_date={a.date}" for a in sorted(wikinews_articles[:2], key=lambda a: a.date)
    ]


def test_parquet_input_gives_the_rows_single_machine_extraction_gives(tmp_path, spark, wikinews_articles):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsgraph.spark import run_job

    records = [
        {"id": a.name, "title": a.title, "date": a.date, "url": a.url, "text": "\n\n".join(a.paragraphs)}
        for a in wikinews_articles
    ]
    source = tmp_path / "parquet-in"
    source.mkdir()
    pq.write_table(pa.Table.from_pylist(records), source / "articles.parquet")
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"

    result = run_job(spark, [str(source)], str(out), input_format="parquet", partitions=2)

    expected = tables_of(extract_inputs([str(jsonl)]))
    assert result.rows["articles"] == len(records) and result.failed == 0
    for table in TABLES:
        # The same records, read from a Parquet file rather than a JSON Lines one: all but the path.
        columns = [c for c in SCHEMAS[table].names if c != "path"]
        expected_rows = expected[table].select(columns).to_pylist()
        assert _normalised(_written(out, table, columns)) == _normalised(expected_rows), table
    assert {row["article_id"] for row in _written(out, "articles")} == {a.name for a in wikinews_articles}


def test_each_python_worker_loads_the_model_once_and_bad_input_does_not_fail_the_job(
    tmp_path, spark, wikinews_articles, page_builder, warc_builder
):
    from newsgraph.spark import run_job

    folder = tmp_path / "input"
    folder.mkdir()
    for number in range(6):
        _write_warc(folder / f"news-{number}.warc.gz", wikinews_articles, page_builder, warc_builder)
    (folder / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")

    result = run_job(spark, [str(folder)], str(tmp_path / "out"), partitions=7)

    assert result.partitions == 7
    assert result.rows["articles"] == 12  # the same two articles in six files
    assert result.failed == 1 and result.failures[0]["path"].endswith("broken.warc.gz")
    # local[2] runs the 7 tasks in at most a few reused Python workers, each with one model.
    assert 1 <= len(result.pipeline_builds) < 7
    assert set(result.pipeline_builds.values()) == {1}
