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


def test_spark_job_matches_single_machine_extraction(
    tmp_path, spark, wikinews_articles, page_builder, warc_builder
):
    import pyarrow.dataset as ds

    from newsgraph.spark import run_job

    warc = tmp_path / "input" / "news.warc.gz"
    warc.parent.mkdir()
    _write_warc(warc, wikinews_articles, page_builder, warc_builder)
    out = tmp_path / "out"

    result = run_job(spark, [str(warc.parent)], str(out), partitions=2)

    expected = tables_of(extract_inputs([str(warc)]))
    assert result.rows["articles"] == 2
    for table in TABLES:
        written = ds.dataset(out / table, format="parquet", partitioning="hive").to_table()
        assert set(written.column_names) == set(SCHEMAS[table].names)
        written_rows = written.select(SCHEMAS[table].names).to_pylist()
        assert _normalised(written_rows) == _normalised(expected[table].to_pylist()), table
        assert result.rows[table] == expected[table].num_rows
    assert sorted(p.name for p in (out / "articles").iterdir() if p.is_dir()) == [
        f"article_date={a.date}" for a in sorted(wikinews_articles[:2], key=lambda a: a.date)
    ]
