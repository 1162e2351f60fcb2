"""The PySpark job: the same readers and extractors, over corpora too big for one machine.

Inputs are WARC(.gz), JSON Lines, text or HTML files (read whole by Spark's ``binaryFile``
source from any Hadoop-compatible path: local, ``s3a://``, ``hdfs://``) or Parquet tables of
articles (columns ``text`` or ``html``, optional ``id``, ``title``, ``date``, ``url``,
``source``). Each executor process loads the spaCy pipeline once (:func:`nlp.get_pipeline`
is cached per process, and Spark reuses Python workers), runs the single-machine code in
``mapPartitions``, and the job writes the four tables of :mod:`newsgraph.records`, with
exactly the export schema, as Parquet partitioned by ``article_date``.

pyspark is an optional extra (``pip install newsgraph[spark]``); nothing here is imported
by the core package.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from .records import SCHEMAS, TABLES

#: Input formats the job reads; ``files`` sniffs each file like ``newsgraph extract``.
INPUT_FORMATS = ("files", "parquet")
PARTITION_COLUMN = "article_date"


def spark_type(arrow_type: pa.DataType) -> Any:
    """The Spark SQL type for one of our Arrow column types."""
    from pyspark.sql import types as T

    if pa.types.is_string(arrow_type):
        return T.StringType()
    if pa.types.is_int64(arrow_type):
        return T.LongType()
    if pa.types.is_float64(arrow_type):
        return T.DoubleType()
    if pa.types.is_boolean(arrow_type):
        return T.BooleanType()
    if pa.types.is_list(arrow_type):
        return T.ArrayType(spark_type(arrow_type.value_type), containsNull=True)
    if pa.types.is_struct(arrow_type):
        return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in arrow_type])
    raise TypeError(f"no Spark type for {arrow_type}")


def spark_schema(table: str) -> Any:
    """The Spark schema of one export table, derived from :data:`records.SCHEMAS`."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in SCHEMAS[table]])


def _articles_from_files(rows: Iterable[Any], date: str | None) -> Iterator[Any]:
    from .clean import make_article
    from .model import RawArticle
    from .readers import read_bytes

    for row in rows:
        path = str(row["path"])
        # Local files are named as the single-machine reader names them (no "file:" scheme).
        path = path[len("file:") :] if path.startswith("file:/") else path
        for record in read_bytes(bytes(row["content"]), path):
            if isinstance(record, RawArticle):
                yield make_article(record, default_date=date)


def _articles_from_records(rows: Iterable[Any], date: str | None) -> Iterator[Any]:
    from .clean import make_article
    from .model import RawArticle
    from .readers import read_bytes

    for row in rows:
        record = {k: v for k, v in row.asDict().items() if v is not None}
        path = str(record.pop("_path", "parquet"))
        line = json.dumps(record, default=str).encode("utf-8")
        for raw in read_bytes(line, path):
            if isinstance(raw, RawArticle):
                yield make_article(raw, default_date=date)


def _extract_partition(
    rows: Iterable[Any], input_format: str, model: str | None, date: str | None, batch_size: int
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Run on an executor: read, clean and extract one partition, yield (table, row) pairs."""
    from .nlp import get_pipeline
    from .pipeline import extract_articles
    from .records import rows_of

    articles = (
        _articles_from_files(rows, date) if input_format == "files" else _articles_from_records(rows, date)
    )
    nlp = get_pipeline(model)
    for extraction in extract_articles(articles, nlp, batch_size=batch_size):
        for table, table_rows in rows_of(extraction).items():
            for row in table_rows:
                yield table, row


@dataclass
class SparkJobResult:
    """Rows written per table, and where."""

    output: str
    rows: dict[str, int] = field(default_factory=dict)


def run_job(
    spark: Any,
    inputs: list[str],
    output: str,
    input_format: str = "files",
    model: str | None = None,
    date: str | None = None,
    batch_size: int = 64,
    partitions: int | None = None,
    mode: str = "overwrite",
) -> SparkJobResult:
    """Extract ``inputs`` with Spark and write ``output/<table>/`` Parquet, partitioned by date."""
    from pyspark import StorageLevel

    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}")
    if input_format == "files":
        frame = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(inputs)
        frame = frame.select("path", "content")
    else:
        from pyspark.sql import functions as F

        frame = spark.read.parquet(*inputs).withColumn("_path", F.input_file_name())
    if partitions:
        frame = frame.repartition(partitions)
    tagged = frame.rdd.mapPartitions(
        lambda rows: _extract_partition(rows, input_format, model, date, batch_size)
    ).persist(StorageLevel.MEMORY_AND_DISK)
    result = SparkJobResult(output=output)
    try:
        counts = tagged.map(lambda pair: (pair[0], 1)).countByKey()
        for table in TABLES:
            schema = spark_schema(table)
            names = schema.fieldNames()
            table_rows = tagged.filter(lambda pair, t=table: pair[0] == t).map(
                lambda pair, n=names: tuple(pair[1].get(c) for c in n)
            )
            writer = spark.createDataFrame(table_rows, schema=schema).write.mode(mode)
            if counts.get(table, 0):
                writer = writer.partitionBy(PARTITION_COLUMN)
            # An empty table is still written (unpartitioned), so readers find its schema.
            writer.parquet(f"{output.rstrip('/')}/{table}")
            result.rows[table] = int(counts.get(table, 0))
    finally:
        tagged.unpersist()
    return result


def session(master: str | None = None, app_name: str = "newsgraph") -> Any:
    """A SparkSession; ``master`` for local runs and tests (spark-submit sets its own)."""
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master) if master else SparkSession.builder
    return (
        builder.appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
        .config("spark.python.worker.reuse", "true")
        .getOrCreate()
    )


def main(argv: list[str] | None = None) -> int:
    """``spark-submit -m newsgraph.spark`` entry point (also ``newsgraph spark``)."""
    import argparse

    parser = argparse.ArgumentParser(prog="newsgraph.spark", description=__doc__)
    parser.add_argument("inputs", nargs="+", help="input paths or globs (local, s3a://, hdfs://)")
    parser.add_argument("--out", required=True, help="output folder for the Parquet tables")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="files")
    parser.add_argument("--model", default=None)
    parser.add_argument("--date", default=None, help="publication date to assume where none is given")
    parser.add_argument("--partitions", type=int, default=None, help="repartition the input first")
    parser.add_argument(
        "--master", default=None, help="Spark master for local runs (default: from spark-submit)"
    )
    args = parser.parse_args(argv)
    spark = session(args.master)
    result = run_job(
        spark, args.inputs, args.out, args.input_format, args.model, args.date, partitions=args.partitions
    )
    print(json.dumps({"output": result.output, "rows": result.rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
