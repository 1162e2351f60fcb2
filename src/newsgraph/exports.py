"""Exports: the four flat tables as Parquet, CSV or JSON Lines, and events as a GDELT 2.0 table.

The columns are those of :mod:`newsgraph.records` (documented in docs/exports.md), so the
files written here and the Parquet written by the Spark job can be read by the same code.
CSV has no lists: list and struct columns are written as JSON text there.

The ``gdelt`` format writes the 61 columns of the GDELT 2.0 event table, tab-separated,
without a header (as GDELT's own files), filled as far as our fields allow, so existing
GDELT scripts run on our output.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from datetime import date as Date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import UsageError
from .model import ActorRef, Event, Extraction
from .records import TABLES, tables_of

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "gdelt")

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

#: GDELT's geographic resolution codes for our location kinds.
_GDELT_GEO_TYPES = {"country": 1, "city": 4}

#: The GDELT 2.0 event table columns, in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)


def export(extractions: Iterable[Extraction], output_format: str, out_dir: str | Path) -> list[Path]:
    """Write the tables for ``extractions`` into ``out_dir``; returns the files written."""
    if output_format not in FORMATS:
        raise UsageError(f"unknown export format {output_format!r} (choose from {', '.join(FORMATS)})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if output_format == "gdelt":
        return [write_gdelt(extractions, out / "events.gdelt.tsv")]
    tables = tables_of(extractions)
    writers = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}
    return [writers[output_format](tables[name], out / f"{name}.{output_format}") for name in TABLES]


def _write_parquet(table: pa.Table, path: Path) -> Path:
    pq.write_table(table, path)
    return path


def _write_jsonl(table: pa.Table, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in table.to_pylist():
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _write_csv(table: pa.Table, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.column_names)
        for row in table.to_pylist():
            writer.writerow([_csv_value(row[c]) for c in table.column_names])
    return path


def _gdelt_actor(prefix: str, actors: list[ActorRef]) -> dict[str, str]:
    """GDELT's actor fields from our first actor: CAMEO-style code = country + sector."""
    fields = {f"{prefix}{f}": "" for f in _ACTOR_FIELDS}
    if not actors:
        return fields
    actor = actors[0]
    code = actor.code or ""
    is_country = len(code) == 3 and code.isalpha() and code.isupper()
    fields[f"{prefix}Code"] = code + (actor.sector or "")
    fields[f"{prefix}Name"] = actor.name.upper()
    fields[f"{prefix}CountryCode"] = code if is_country else ""
    fields[f"{prefix}KnownGroupCode"] = "" if is_country else code
    fields[f"{prefix}Type1Code"] = actor.sector or ""
    return fields


def _event_id(article_id: str, index: int) -> int:
    """A stable 63-bit integer id for an event (GDELT ids are integers)."""
    digest = hashlib.sha1(f"{article_id}#{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def _fraction_date(day: Date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365.0:.4f}"


def gdelt_row(extraction: Extraction, index: int, event: Event) -> dict[str, Any]:
    """One GDELT 2.0 event row for one of our events (empty where we know nothing)."""
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    day_text = event.date or extraction.article.date
    row["GLOBALEVENTID"] = _event_id(extraction.article.id, index)
    if day_text:
        day = Date.fromisoformat(day_text)
        row.update(
            SQLDATE=day.strftime("%Y%m%d"),
            MonthYear=day.strftime("%Y%m"),
            Year=day.strftime("%Y"),
            FractionDate=_fraction_date(day),
        )
    row.update(_gdelt_actor("Actor1", event.source))
    row.update(_gdelt_actor("Actor2", event.target))
    cameo = event.cameo or ""
    row.update(
        IsRootEvent=1,
        EventCode=cameo,
        EventBaseCode=cameo[:3],
        EventRootCode=cameo[:2],
        QuadClass="" if event.quad_class is None else event.quad_class,
        GoldsteinScale="" if event.goldstein is None else event.goldstein,
        NumMentions=1,
        NumSources=1,
        NumArticles=1,
    )
    if event.location is not None:
        loc = event.location
        row.update(
            ActionGeo_Type=_GDELT_GEO_TYPES.get(loc.kind or "", ""),
            ActionGeo_FullName=loc.name,
            ActionGeo_CountryCode=loc.code or "",
            ActionGeo_Lat="" if loc.lat is None else loc.lat,
            ActionGeo_Long="" if loc.lon is None else loc.lon,
        )
    if extraction.article.date:
        row["DATEADDED"] = extraction.article.date.replace("-", "") + "000000"
    row["SOURCEURL"] = extraction.article.url or extraction.article.path or ""
    return row


def write_gdelt(extractions: Iterable[Extraction], path: Path) -> Path:
    """Every non-negated event as a GDELT 2.0 event-table row (tab-separated, no header)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for extraction in extractions:
            for index, event in enumerate(extraction.events):
                if event.negated:
                    continue
                row = gdelt_row(extraction, index, event)
                writer.writerow([str(row[c]).replace("\t", " ").replace("\n", " ") for c in GDELT_COLUMNS])
    return path
