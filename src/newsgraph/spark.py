"""The PySpark job: the same readers and extractors, over corpora too big for one machine.

Inputs are WARC(.gz), JSON Lines, text or HTML files from any Hadoop-compatible path (local,
``s3a://``, ``hdfs://``), or Parquet tables of articles (columns ``text`` or ``html``,
optional ``id``, ``title``, ``date``, ``url``, ``source``). Spark lists the files; each task
then streams its files record by record (``read="stream"``, through :mod:`pyarrow.fs`, which
reads local paths, S3, GCS and HDFS), so a 1 GB WARC.gz never sits in memory whole; with
``read="spark"`` Spark's ``binaryFile`` source hands each file over whole instead (any
Hadoop file system, files up to 2 GB). Each executor's Python worker loads the spaCy pipeline
once (:func:`nlp.get_pipeline` is cached per process, and Spark reuses Python workers), runs
the single-machine readers and extractors in ``mapPartitions``, and the job writes the four
tables of :mod:`newsgraph.records`, with exactly the export schema, as Parquet partitioned by
``article_date``. Inputs or articles that fail are counted and sampled in the result, never
fail the job.

Run it with ``newsgraph spark`` or ``spark-submit .../newsgraph/spark.py`` (docs/scale.md).
pyspark is an optional extra (``pip install newsgraph[spark]``); nothing here is imported
by the core package.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

# Absolute, so that spark-submit can run this file as a script (see the end of the file).
from newsgraph.records import SCHEMAS, TABLES

#: Input formats the job reads; ``files`` sniffs each file like ``newsgraph extract``.
INPUT_FORMATS = ("files", "parquet")
#: How tasks get at the files: streamed through pyarrow.fs, or whole from Spark (binaryFile).
READ_MODES = ("auto", "stream", "spark")
PARTITION_COLUMN = "article_date"
#: Pseudo-tables of the tagged rows: what went wrong, and which Python worker did the work.
FAILURES = "_failures"
WORKERS = "_workers"
#: Failures kept in the job result (all are counted).
FAILURE_SAMPLE = 20


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


def _local_name(path: str) -> str:
    """Local files are named as the single-machine reader names them (no ``file:`` scheme)."""
    if path.startswith("file://"):
        return path[len("file://") :]
    return path[len("file:") :] if path.startswith("file:/") else path


def _arrow_location(path: str) -> tuple[Any, str]:
    """The pyarrow file system and path of a Hadoop-style URI (``s3a://`` is S3 to pyarrow)."""
    from pyarrow import fs

    if path.startswith(("s3a://", "s3n://")):
        path = "s3://" + path.split("://", 1)[1]
    if "://" not in path or path.startswith("file:"):
        return fs.LocalFileSystem(), _local_name(path)
    return fs.FileSystem.from_uri(path)


def can_stream(path: str) -> bool:
    """Whether tasks can open ``path`` through pyarrow.fs (else Spark must hand files over)."""
    try:
        _arrow_location(path)
    except Exception:
        return False
    return True


def _read_file_rows(rows: Iterable[Any], stream: bool) -> Iterator[Any]:
    """Reader results (RawArticle, ReadFailure, ReadSkip) of each listed file, in order."""
    from newsgraph.model import ReadFailure
    from newsgraph.readers import read_bytes
    from newsgraph.readers.inputs import guarded, read_stream

    for row in rows:
        path = str(row["path"])
        name = _local_name(path)
        if not stream:
            yield from read_bytes(bytes(row["content"]), name)
            continue
        try:
            filesystem, inner = _arrow_location(path)
            handle = filesystem.open_input_file(inner)
        except Exception as exc:
            yield ReadFailure(name, f"cannot open: {type(exc).__name__}: {exc}")
            continue
        with handle:
            yield from guarded(read_stream(handle, name), name)


def _read_record_rows(rows: Iterable[Any]) -> Iterator[Any]:
    """Reader results of Parquet rows, each read as the JSON Lines reader reads a record."""
    from newsgraph.readers import read_bytes

    for row in rows:
        record = {k: v for k, v in row.asDict().items() if v is not None}
        path = _local_name(str(record.pop("_path", "parquet")))
        line = json.dumps(record, default=str).encode("utf-8")
        yield from read_bytes(line, path)


def _extract_partition(
    rows: Iterable[Any],
    input_format: str,
    model: str | None,
    date: str | None,
    batch_size: int,
    stream: bool = True,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Run on an executor: read, clean and extract one partition, yield (table, row) pairs.

    Failures become ``_failures`` rows; the partition ends with one ``_workers`` row saying
    which Python worker ran it and how many pipelines that process has built so far.
    """
    from newsgraph import nlp as nlp_module
    from newsgraph.clean import make_article
    from newsgraph.model import Article, RawArticle, ReadFailure
    from newsgraph.pipeline import extract_articles_safely
    from newsgraph.records import rows_of
    from newsgraph.workers import describe_error

    records = _read_file_rows(rows, stream) if input_format == "files" else _read_record_rows(rows)
    nlp = nlp_module.get_pipeline(model)
    done = 0

    def failure(path: str, reason: str) -> tuple[str, dict[str, Any]]:
        return FAILURES, {"path": path, "reason": reason}

    batch: list[Article] = []

    def flush() -> Iterator[tuple[str, dict[str, Any]]]:
        for article, outcome in zip(batch, extract_articles_safely(batch, nlp, batch_size), strict=True):
            if isinstance(outcome, Exception):
                yield failure(article.path or article.id, f"extraction failed: {describe_error(outcome)}")
                continue
            for table, table_rows in rows_of(outcome).items():
                for row in table_rows:
                    yield table, row
        batch.clear()

    for record in records:
        if isinstance(record, ReadFailure):
            yield failure(record.path, record.reason)
        elif isinstance(record, RawArticle):
            try:
                batch.append(make_article(record, default_date=date))
            except Exception as exc:
                yield failure(record.path, f"cannot clean: {describe_error(exc)}")
                continue
            done += 1
            if len(batch) >= batch_size:
                yield from flush()
    yield from flush()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    yield WORKERS, {"worker": worker, "pipeline_builds": nlp_module.pipeline_builds, "articles": done}


@dataclass
class SparkJobResult:
    """Rows written per table and where; failures; which Python workers did the work."""

    output: str
    rows: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)  # a sample
    #: "host:pid" of each Python worker -> pipelines it had built (1: the model loaded once).
    pipeline_builds: dict[str, int] = field(default_factory=dict)
    partitions: int = 0

    def to_dict(self) -> dict[str, Any]:
        """What the command prints."""
        return {
            "output": self.output,
            "rows": self.rows,
            "failed": self.failed,
            "failures": self.failures,
            "partitions": self.partitions,
            "python_workers": len(self.pipeline_builds),
            "pipeline_builds": self.pipeline_builds,
        }


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
    read: str = "auto",
) -> SparkJobResult:
    """Extract ``inputs`` with Spark and write ``output/<table>/`` Parquet, partitioned by date.

    ``partitions``: how many tasks to spread the files (or Parquet rows) over; by default
    one file per task for ``files`` input, Spark's split for Parquet.
    """
    from pyspark import StorageLevel

    if input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}")
    if read not in READ_MODES:
        raise ValueError(f"read must be one of {READ_MODES}")
    stream = read == "stream" or (read == "auto" and all(can_stream(path) for path in inputs))
    if input_format == "files":
        listing = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(inputs)
        # Without the content column Spark only lists the files; the tasks stream them.
        frame = listing.select("path", "length") if stream else listing.select("path", "content")
    else:
        from pyspark.sql import functions as F

        frame = spark.read.parquet(*inputs).withColumn("_path", F.input_file_name())
    rows = frame.rdd
    if input_format == "files" and stream:
        # Deal the listed files out evenly: file i goes to task i mod n (one file per task
        # by default), so no task gets two big WARC files while another gets none.
        tasks = partitions or max(1, rows.count())
        rows = rows.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
        rows = rows.partitionBy(tasks, lambda index: index).values()
    elif partitions:
        rows = rows.repartition(partitions)
    tagged = rows.mapPartitions(
        lambda part: _extract_partition(part, input_format, model, date, batch_size, stream)
    ).persist(StorageLevel.MEMORY_AND_DISK)
    result = SparkJobResult(output=output, partitions=rows.getNumPartitions())
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
        result.failed = int(counts.get(FAILURES, 0))
        result.failures = [
            pair[1] for pair in tagged.filter(lambda pair: pair[0] == FAILURES).take(FAILURE_SAMPLE)
        ]
        for pair in tagged.filter(lambda pair: pair[0] == WORKERS).collect():
            worker = pair[1]
            builds = int(worker["pipeline_builds"])
            result.pipeline_builds[worker["worker"]] = max(
                builds, result.pipeline_builds.get(worker["worker"], 0)
            )
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
    """The ``spark-submit .../newsgraph/spark.py`` entry point (``newsgraph spark`` is the same)."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="newsgraph spark",
        description="Extract a corpus with Apache Spark into the Parquet tables articles, entities,"
        " statements and events, partitioned by article_date. Prints a JSON summary.",
        epilog="Cluster runs: spark-submit [flags] .../newsgraph/spark.py INPUT... --out OUT (docs/scale.md).",
    )
    parser.add_argument("inputs", nargs="+", help="input paths or globs (local, s3a://, hdfs://)")
    parser.add_argument("--out", required=True, help="output folder for the Parquet tables")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="files")
    parser.add_argument(
        "--read", choices=READ_MODES, default="auto", help="stream files, or have Spark read them"
    )
    parser.add_argument("--model", default=None)
    parser.add_argument("--date", default=None, help="publication date to assume where none is given")
    parser.add_argument("--partitions", type=int, default=None, help="tasks to spread the input over")
    parser.add_argument("--batch-size", type=int, default=64, help="articles per nlp.pipe batch")
    parser.add_argument(
        "--master", default=None, help="Spark master for local runs (default: from spark-submit)"
    )
    args = parser.parse_args(argv)
    spark = session(args.master)
    try:
        result = run_job(
            spark,
            args.inputs,
            args.out,
            args.input_format,
            args.model,
            args.date,
            batch_size=args.batch_size,
            partitions=args.partitions,
            read=args.read,
        )
    finally:
        spark.stop()
    print(json.dumps(result.to_dict()))
    return 0


if __name__ == "__main__":
    # spark-submit runs this file as __main__: run the installed module's main, so that the
    # functions shipped to executors are newsgraph.spark's (imported there), not __main__'s.
    from newsgraph.spark import main as _main

    raise SystemExit(_main())
