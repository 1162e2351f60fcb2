"""Model objects to table rows and back, in one place so writer and readers agree.

Rows are tuples in the column order of the ``*_COLUMNS`` constants, which the writer's
INSERTs and the readers' SELECTs both use.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, cast

from ..model import (
    ActorRef,
    Article,
    Entity,
    EntityKind,
    Event,
    Location,
    Mention,
    Quantity,
    SpeakerRef,
    Statement,
    StatementType,
)

ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "content_hash",
    "text",
    "title",
    "date",
    "url",
    "source",
    "authors",
    "language",
    "caption",
    "related",
    "path",
    "format",
    "cluster",
)
ENTITY_COLUMNS: tuple[str, ...] = ("article_id", "id", "position", "name", "kind", "code", "sector", "role")
MENTION_COLUMNS: tuple[str, ...] = ("article_id", "entity_id", "position", "text", "start", "end")
_REF_FIELDS: tuple[str, ...] = ("name", "mention", "start", "end", "entity")
_REF_PREFIXES: tuple[str, ...] = ("speaker", "addressee", "according_to")
STATEMENT_COLUMNS: tuple[str, ...] = (
    "article_id",
    "position",
    "type",
    "content",
    "start",
    "end",
    "cue",
    "cue_start",
    "cue_end",
    *(f"{prefix}_{name}" for prefix in _REF_PREFIXES for name in _REF_FIELDS),
)
EVENT_COLUMNS: tuple[str, ...] = (
    "article_id",
    "position",
    "category",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "date",
    "negated",
    "evidence",
    "start",
    "end",
    "attributed_to",
    "quantity_value",
    "quantity_unit",
    "location_name",
    "location_code",
    "location_lat",
    "location_lon",
    "trigger",
    "location_kind",
)
EVENT_ACTOR_COLUMNS: tuple[str, ...] = (
    "article_id",
    "event_position",
    "role",
    "position",
    "name",
    "code",
    "sector",
    "entity",
)

Row = tuple[Any, ...]


def select_list(columns: Sequence[str], table_alias: str = "") -> str:
    """``a.id, a.title, ...`` for a SELECT (column names are constants, never user input)."""
    prefix = f"{table_alias}." if table_alias else ""
    return ", ".join(f"{prefix}{column}" for column in columns)


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """An INSERT with one bound parameter per column."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


# --- articles ---------------------------------------------------------------------------------


def article_row(article: Article) -> Row:
    return (
        article.id,
        article.content_hash,
        article.text,
        article.title,
        article.date,
        article.url,
        article.source,
        json.dumps(article.authors, ensure_ascii=False),
        article.language,
        article.caption,
        json.dumps(article.related, ensure_ascii=False),
        article.path,
        article.format,
        article.cluster or article.id,
    )


def article_from_row(row: Sequence[Any]) -> Article:
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    return Article(
        id=values["id"],
        text=values["text"],
        content_hash=values["content_hash"],
        title=values["title"],
        date=values["date"],
        url=values["url"],
        source=values["source"],
        authors=list(json.loads(values["authors"])),
        language=values["language"],
        caption=values["caption"],
        related=list(json.loads(values["related"])),
        path=values["path"],
        format=values["format"],
        cluster=values["cluster"],
    )


# --- entities ---------------------------------------------------------------------------------


def entity_row(article_id: str, position: int, entity: Entity) -> Row:
    return (
        article_id,
        entity.id,
        position,
        entity.name,
        entity.kind,
        entity.code,
        entity.sector,
        entity.role,
    )


def mention_rows(article_id: str, entity: Entity) -> list[Row]:
    return [
        (article_id, entity.id, position, mention.text, mention.start, mention.end)
        for position, mention in enumerate(entity.mentions)
    ]


def entity_from_row(row: Sequence[Any], mentions: list[Mention]) -> Entity:
    _article_id, entity_id, _position, name, kind, code, sector, role = row
    return Entity(
        id=entity_id,
        name=name,
        kind=cast(EntityKind, kind),
        code=code,
        sector=sector,
        role=role,
        mentions=mentions,
    )


def mention_from_row(row: Sequence[Any]) -> Mention:
    _article_id, _entity_id, _position, text, start, end = row
    return Mention(text=text, start=start, end=end)


# --- statements -------------------------------------------------------------------------------


def _ref_values(ref: SpeakerRef | None) -> Row:
    if ref is None:
        return (None, None, None, None, None)
    return (ref.name, ref.mention, ref.start, ref.end, ref.entity)


def _ref_from_values(values: Sequence[Any]) -> SpeakerRef | None:
    name, mention, start, end, entity = values
    if name is None:
        return None
    return SpeakerRef(name=name, mention=mention, start=start, end=end, entity=entity)


def statement_row(article_id: str, position: int, statement: Statement) -> Row:
    return (
        article_id,
        position,
        statement.type,
        statement.content,
        statement.start,
        statement.end,
        statement.cue,
        statement.cue_start,
        statement.cue_end,
        *_ref_values(statement.speaker),
        *_ref_values(statement.addressee),
        *_ref_values(statement.according_to),
    )


def statement_from_row(row: Sequence[Any]) -> Statement:
    refs = row[9:]
    speaker = _ref_from_values(refs[0:5])
    return Statement(
        type=cast(StatementType, row[2]),
        content=row[3],
        start=row[4],
        end=row[5],
        cue=row[6],
        cue_start=row[7],
        cue_end=row[8],
        speaker=speaker if speaker is not None else SpeakerRef(name=""),
        addressee=_ref_from_values(refs[5:10]),
        according_to=_ref_from_values(refs[10:15]),
    )


# --- events -----------------------------------------------------------------------------------


def event_row(article_id: str, position: int, event: Event) -> Row:
    quantity, location = event.quantity, event.location
    return (
        article_id,
        position,
        event.category,
        event.mode,
        event.cameo,
        event.quad_class,
        event.goldstein,
        event.date,
        int(event.negated),
        event.evidence,
        event.start,
        event.end,
        event.attributed_to,
        quantity.value if quantity else None,
        quantity.unit if quantity else None,
        location.name if location else None,
        location.code if location else None,
        location.lat if location else None,
        location.lon if location else None,
        event.trigger,
        location.kind if location else None,
    )


def event_actor_rows(article_id: str, position: int, event: Event) -> list[Row]:
    rows: list[Row] = []
    for role, actors in (("source", event.source), ("target", event.target)):
        rows.extend(
            (article_id, position, role, index, actor.name, actor.code, actor.sector, actor.entity)
            for index, actor in enumerate(actors)
        )
    return rows


def event_from_row(row: Sequence[Any], actor_rows: Sequence[Sequence[Any]]) -> Event:
    values = dict(zip(EVENT_COLUMNS, row, strict=True))
    actors: dict[str, list[ActorRef]] = {"source": [], "target": []}
    for actor in sorted(actor_rows, key=lambda r: (r[2], r[3])):
        _aid, _event, role, _position, name, code, sector, entity = actor
        actors[role].append(ActorRef(name=name, code=code, sector=sector, entity=entity))
    quantity = (
        Quantity(value=values["quantity_value"], unit=values["quantity_unit"])
        if values["quantity_value"] is not None
        else None
    )
    location = (
        Location(
            name=values["location_name"],
            code=values["location_code"],
            lat=values["location_lat"],
            lon=values["location_lon"],
            kind=values["location_kind"],
        )
        if values["location_name"] is not None
        else None
    )
    return Event(
        category=values["category"],
        source=actors["source"],
        target=actors["target"],
        evidence=values["evidence"],
        start=values["start"],
        end=values["end"],
        mode=values["mode"],
        cameo=values["cameo"],
        quad_class=values["quad_class"],
        goldstein=values["goldstein"],
        date=values["date"],
        negated=bool(values["negated"]),
        attributed_to=values["attributed_to"],
        quantity=quantity,
        location=location,
        trigger=values["trigger"],
    )


def fetch_all(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    """All rows of a query with bound parameters."""
    return [tuple(row) for row in conn.execute(sql, params).fetchall()]
