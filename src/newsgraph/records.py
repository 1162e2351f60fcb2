"""Flat tables: the stable, documented columns of every export (Parquet, CSV, JSON Lines) and Spark.

An :class:`Extraction` is a tree (article -> statements -> speaker ...); analysts' tools want
four flat tables. This module is the one definition of those tables, so the single-machine
export and the PySpark job write exactly the same columns and types. Every table carries
``article_id`` and ``article_date`` so it can be joined and partitioned by day.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from .model import ActorRef, Article, Entity, Event, Extraction, SpeakerRef, Statement

TABLES: tuple[str, ...] = ("articles", "entities", "statements", "events")

_MENTION = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", pa.string()),
            ("article_date", pa.string()),
            ("path", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("source", pa.string()),
            ("authors", pa.list_(pa.string())),
            ("language", pa.string()),
            ("format", pa.string()),
            ("caption", pa.string()),
            ("related", pa.list_(pa.string())),
            ("content_hash", pa.string()),
            ("cluster", pa.string()),
            ("text", pa.string()),
        ]
    ),
    "entities": pa.schema(
        [
            ("article_id", pa.string()),
            ("article_date", pa.string()),
            ("entity_id", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("code", pa.string()),
            ("sector", pa.string()),
            ("role", pa.string()),
            ("mention_count", pa.int64()),
            ("mentions", pa.list_(_MENTION)),
        ]
    ),
    "statements": pa.schema(
        [
            ("article_id", pa.string()),
            ("article_date", pa.string()),
            ("statement_index", pa.int64()),
            ("type", pa.string()),
            ("content", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("cue", pa.string()),
            ("cue_start", pa.int64()),
            ("cue_end", pa.int64()),
            ("speaker_name", pa.string()),
            ("speaker_mention", pa.string()),
            ("speaker_start", pa.int64()),
            ("speaker_end", pa.int64()),
            ("speaker_entity", pa.string()),
            ("addressee_name", pa.string()),
            ("addressee_entity", pa.string()),
            ("according_to_name", pa.string()),
            ("according_to_entity", pa.string()),
        ]
    ),
    "events": pa.schema(
        [
            ("article_id", pa.string()),
            ("article_date", pa.string()),
            ("event_index", pa.int64()),
            ("category", pa.string()),
            ("mode", pa.string()),
            ("cameo", pa.string()),
            ("quad_class", pa.int64()),
            ("goldstein", pa.float64()),
            ("date", pa.string()),
            ("negated", pa.bool_()),
            ("source_names", pa.list_(pa.string())),
            ("source_codes", pa.list_(pa.string())),
            ("source_sectors", pa.list_(pa.string())),
            ("source_entities", pa.list_(pa.string())),
            ("target_names", pa.list_(pa.string())),
            ("target_codes", pa.list_(pa.string())),
            ("target_sectors", pa.list_(pa.string())),
            ("target_entities", pa.list_(pa.string())),
            ("evidence", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("trigger", pa.string()),
            ("attributed_to", pa.string()),
            ("quantity_value", pa.float64()),
            ("quantity_unit", pa.string()),
            ("location_name", pa.string()),
            ("location_code", pa.string()),
            ("location_lat", pa.float64()),
            ("location_lon", pa.float64()),
            ("location_kind", pa.string()),
        ]
    ),
}

Row = dict[str, Any]


def _ref(prefix: str, ref: SpeakerRef | None) -> Row:
    return {f"{prefix}_name": ref.name if ref else None, f"{prefix}_entity": ref.entity if ref else None}


def _actors(prefix: str, actors: list[ActorRef]) -> Row:
    return {
        f"{prefix}_names": [a.name for a in actors],
        f"{prefix}_codes": [a.code or "" for a in actors],
        f"{prefix}_sectors": [a.sector or "" for a in actors],
        f"{prefix}_entities": [a.entity or "" for a in actors],
    }


def article_row(article: Article) -> Row:
    """The ``articles`` table row of one article."""
    return {
        "article_id": article.id,
        "article_date": article.date,
        "path": article.path,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "authors": list(article.authors),
        "language": article.language,
        "format": article.format,
        "caption": article.caption,
        "related": list(article.related),
        "content_hash": article.content_hash,
        "cluster": article.cluster,
        "text": article.text,
    }


def entity_row(article_id: str, article_date: str | None, entity: Entity) -> Row:
    """The ``entities`` table row of one entity of an article."""
    return {
        "article_id": article_id,
        "article_date": article_date,
        "entity_id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "code": entity.code,
        "sector": entity.sector,
        "role": entity.role,
        "mention_count": len(entity.mentions),
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in entity.mentions],
    }


def statement_row(article_id: str, article_date: str | None, index: int, statement: Statement) -> Row:
    """The ``statements`` table row of the article's ``index``-th statement."""
    s = statement
    return {
        "article_id": article_id,
        "article_date": article_date,
        "statement_index": index,
        "type": s.type,
        "content": s.content,
        "start": s.start,
        "end": s.end,
        "cue": s.cue,
        "cue_start": s.cue_start,
        "cue_end": s.cue_end,
        "speaker_name": s.speaker.name,
        "speaker_mention": s.speaker.mention,
        "speaker_start": s.speaker.start,
        "speaker_end": s.speaker.end,
        "speaker_entity": s.speaker.entity,
        **_ref("addressee", s.addressee),
        **_ref("according_to", s.according_to),
    }


def event_row(article_id: str, article_date: str | None, index: int, event: Event) -> Row:
    """The ``events`` table row of the article's ``index``-th event."""
    e = event
    return {
        "article_id": article_id,
        "article_date": article_date,
        "event_index": index,
        "category": e.category,
        "mode": e.mode,
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "date": e.date,
        "negated": e.negated,
        **_actors("source", e.source),
        **_actors("target", e.target),
        "evidence": e.evidence,
        "start": e.start,
        "end": e.end,
        "trigger": e.trigger,
        "attributed_to": e.attributed_to,
        "quantity_value": float(e.quantity.value) if e.quantity else None,
        "quantity_unit": e.quantity.unit if e.quantity else None,
        "location_name": e.location.name if e.location else None,
        "location_code": e.location.code if e.location else None,
        "location_lat": e.location.lat if e.location else None,
        "location_lon": e.location.lon if e.location else None,
        "location_kind": e.location.kind if e.location else None,
    }


def rows_of(extraction: Extraction) -> dict[str, list[Row]]:
    """The four tables' rows for one article, columns as in :data:`SCHEMAS`."""
    a = extraction.article
    return {
        "articles": [article_row(a)],
        "entities": [entity_row(a.id, a.date, e) for e in extraction.entities],
        "statements": [statement_row(a.id, a.date, i, s) for i, s in enumerate(extraction.statements)],
        "events": [event_row(a.id, a.date, i, e) for i, e in enumerate(extraction.events)],
    }


def tables_of(extractions: Iterable[Extraction]) -> dict[str, pa.Table]:
    """Arrow tables (with the documented schemas) for many articles."""
    collected: dict[str, list[Row]] = {name: [] for name in TABLES}
    for extraction in extractions:
        for name, rows in rows_of(extraction).items():
            collected[name].extend(rows)
    return {name: pa.Table.from_pylist(collected[name], schema=SCHEMAS[name]) for name in TABLES}
