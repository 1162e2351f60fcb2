"""The SQLite store: articles and everything extracted from them, with full-text search.

One :class:`StoreWriter` per ingest writes each article with all its extraction in one
transaction; any number of :class:`StoreReader` (read-only) query it at the same time
(WAL mode). The schema is created and upgraded by :mod:`newsgraph.store.schema`.
"""

from __future__ import annotations

from .filters import ArticleFilter, EventFilter, StatementFilter
from .reader import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    ActorSummary,
    ArticleHit,
    EntityRow,
    EventRow,
    NetworkEdge,
    SearchHit,
    StatementRow,
    StoreQueries,
    StoreReader,
    TimelineRow,
)
from .schema import MIGRATIONS, SCHEMA_VERSION, connect, migrate, schema_version
from .search import fts_query
from .writer import ExtractionStatus, SignatureRecord, StoredSignature, StoreWriter

#: The database file used when no ``--db`` is given.
DEFAULT_DB = "newsgraph.db"

__all__ = [
    "DEFAULT_DB",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SNIPPET_CLOSE",
    "SNIPPET_OPEN",
    "ActorSummary",
    "ArticleFilter",
    "ArticleHit",
    "EntityRow",
    "EventFilter",
    "EventRow",
    "ExtractionStatus",
    "NetworkEdge",
    "SearchHit",
    "SignatureRecord",
    "StatementFilter",
    "StatementRow",
    "StoreQueries",
    "StoreReader",
    "StoreWriter",
    "StoredSignature",
    "TimelineRow",
    "connect",
    "fts_query",
    "migrate",
    "schema_version",
]
