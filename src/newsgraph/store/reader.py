"""Reading the store: typed queries, and the read-only :class:`StoreReader`.

Queries return model objects (:class:`Article`, :class:`Extraction`) or small typed rows
that say which article a fact's offsets index into. Near-duplicates (wire copies) have no
extraction of their own: asking for the statements, events or entities of a copy joins
through its cluster and returns the representative's rows, labelled with the
representative's id, so ``article.text[start:end]`` always holds for the article named.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..errors import StoreError
from ..model import Article, Entity, Event, Extraction, Mention, Statement
from . import rows as r
from .schema import SCHEMA_VERSION, connect, schema_version
from .search import fts_query

#: Tables whose row counts :meth:`StoreQueries.counts` reports.
COUNTED_TABLES: tuple[str, ...] = (
    "articles",
    "entities",
    "mentions",
    "statements",
    "events",
    "event_actors",
    "minhash_signatures",
)


@dataclass(frozen=True)
class EntityRow:
    """An entity, and the article whose text its mention offsets index into."""

    article_id: str
    entity: Entity


@dataclass(frozen=True)
class StatementRow:
    """A statement, and the article whose text its offsets index into."""

    article_id: str
    position: int
    statement: Statement


@dataclass(frozen=True)
class EventRow:
    """An event, and the article whose text its offsets index into."""

    article_id: str
    position: int
    event: Event


@dataclass(frozen=True)
class SearchHit:
    """An article matching a full-text query, best first (lower ``score`` is better, bm25)."""

    article_id: str
    title: str | None
    date: str | None
    source: str | None
    snippet: str
    score: float


class StoreQueries:
    """The queries, over any connection to a current-version newsgraph database."""

    conn: sqlite3.Connection

    # --- articles ---------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""
        row = self.conn.execute(
            f"SELECT {r.select_list(r.ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return r.article_from_row(row) if row else None

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Stored articles in ingest order."""
        return [
            r.article_from_row(row)
            for row in r.fetch_all(
                self.conn,
                f"SELECT {r.select_list(r.ARTICLE_COLUMNS)} FROM articles "
                "ORDER BY ingest_seq LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset),
            )
        ]

    def extraction_status(self, article_id: str) -> str | None:
        """``extracted``, ``near_duplicate`` or ``not_english``; None if the article is not stored."""
        row = self.conn.execute(
            "SELECT extraction_status FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return str(row[0]) if row else None

    def cluster_of(self, article_id: str) -> str | None:
        """The id of the article's cluster representative (itself when it is one)."""
        row = self.conn.execute("SELECT cluster FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else None

    def cluster_members(self, cluster: str) -> list[str]:
        """Ids of the articles in a cluster, in ingest order (the representative first)."""
        return [
            str(row[0])
            for row in self.conn.execute(
                "SELECT id FROM articles WHERE cluster = ? ORDER BY id != cluster, ingest_seq",
                (cluster,),
            )
        ]

    # --- what was extracted -----------------------------------------------------------------

    def _scope(self, article_id: str | None, column: str) -> tuple[str, tuple[str, ...]] | None:
        """``WHERE column = owner`` for one article (its cluster representative owns the rows).

        No filter when ``article_id`` is None; None when the article is not stored, so the
        caller answers with nothing.
        """
        if article_id is None:
            return "", ()
        owner = self.cluster_of(article_id)
        if owner is None:
            return None
        return f"WHERE {column} = ?", (owner,)

    def entities(self, article_id: str | None = None) -> list[EntityRow]:
        """Entities of one article (through its cluster), or of every article."""
        mention_scope = self._scope(article_id, "article_id")
        entity_scope = self._scope(article_id, "e.article_id")
        if mention_scope is None or entity_scope is None:
            return []
        mentions: dict[tuple[str, str], list[Mention]] = {}
        for row in r.fetch_all(
            self.conn,
            f"SELECT {r.select_list(r.MENTION_COLUMNS)} FROM mentions {mention_scope[0]} "
            "ORDER BY article_id, entity_id, position",
            mention_scope[1],
        ):
            mentions.setdefault((row[0], row[1]), []).append(r.mention_from_row(row))
        return [
            EntityRow(row[0], r.entity_from_row(row, mentions.get((row[0], row[1]), [])))
            for row in r.fetch_all(
                self.conn,
                f"SELECT {r.select_list(r.ENTITY_COLUMNS, 'e')} FROM entities e "
                f"JOIN articles a ON a.id = e.article_id {entity_scope[0]} "
                "ORDER BY a.ingest_seq, e.position",
                entity_scope[1],
            )
        ]

    def statements(self, article_id: str | None = None) -> list[StatementRow]:
        """Statements of one article (through its cluster), or of every article."""
        scope = self._scope(article_id, "s.article_id")
        if scope is None:
            return []
        return [
            StatementRow(row[0], row[1], r.statement_from_row(row))
            for row in r.fetch_all(
                self.conn,
                f"SELECT {r.select_list(r.STATEMENT_COLUMNS, 's')} FROM statements s "
                f"JOIN articles a ON a.id = s.article_id {scope[0]} ORDER BY a.ingest_seq, s.position",
                scope[1],
            )
        ]

    def events(self, article_id: str | None = None) -> list[EventRow]:
        """Events of one article (through its cluster), or of every article."""
        actor_scope = self._scope(article_id, "article_id")
        event_scope = self._scope(article_id, "v.article_id")
        if actor_scope is None or event_scope is None:
            return []
        actors: dict[tuple[str, int], list[r.Row]] = {}
        for row in r.fetch_all(
            self.conn,
            f"SELECT {r.select_list(r.EVENT_ACTOR_COLUMNS)} FROM event_actors {actor_scope[0]}",
            actor_scope[1],
        ):
            actors.setdefault((row[0], row[1]), []).append(row)
        return [
            EventRow(row[0], row[1], r.event_from_row(row, actors.get((row[0], row[1]), [])))
            for row in r.fetch_all(
                self.conn,
                f"SELECT {r.select_list(r.EVENT_COLUMNS, 'v')} FROM events v "
                f"JOIN articles a ON a.id = v.article_id {event_scope[0]} "
                "ORDER BY a.ingest_seq, v.position",
                event_scope[1],
            )
        ]

    def extraction(self, article_id: str) -> Extraction | None:
        """The article with its own extraction (a near-duplicate's own extraction is empty)."""
        article = self.article(article_id)
        if article is None:
            return None
        if article.cluster not in (None, article.id):
            return Extraction(article=article)
        return Extraction(
            article=article,
            entities=[row.entity for row in self.entities(article_id)],
            statements=[row.statement for row in self.statements(article_id)],
            events=[row.event for row in self.events(article_id)],
        )

    def cluster_extraction(self, article_id: str) -> Extraction | None:
        """The extraction that answers for this article: its cluster representative's."""
        owner = self.cluster_of(article_id)
        return self.extraction(owner) if owner is not None else None

    # --- search and bookkeeping -------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text contain every word of ``query``, best match first.

        Any user text is safe here: it is turned into quoted FTS5 terms (see
        :func:`newsgraph.store.search.fts_query`) and bound as a parameter.
        """
        match = fts_query(query)
        if match is None:
            return []
        try:
            rows = self.conn.execute(
                "SELECT a.id, a.title, a.date, a.source, "
                "snippet(articles_fts, 1, '[', ']', '…', 12), bm25(articles_fts) AS score "
                "FROM articles_fts JOIN articles a ON a.ingest_seq = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY score, a.ingest_seq LIMIT ?",
                (match, limit),
            ).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"search failed: {exc}") from exc
        return [SearchHit(row[0], row[1], row[2], row[3], row[4], float(row[5])) for row in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table (articles, entities, mentions, statements, events, ...)."""
        return {
            table: int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in COUNTED_TABLES
        }


class StoreReader(StoreQueries):
    """A read-only view of the database; any number of readers can run beside the one writer.

    The file is opened with a ``mode=ro`` URI, so SQLite refuses writes whatever the caller
    does, and a missing database is an error rather than a new empty file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.conn = connect(path, read_only=True)
        try:
            version = schema_version(self.conn)
        except sqlite3.Error as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a usable newsgraph database: {exc}") from exc
        if version != SCHEMA_VERSION:
            self.conn.close()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: database schema version {version} is newer than this newsgraph "
                    f"supports ({SCHEMA_VERSION}); upgrade newsgraph to use it"
                )
            raise StoreError(
                f"{self.path}: database schema version {version} is older than this newsgraph's "
                f"({SCHEMA_VERSION}); upgrade it by running: newsgraph ingest --db {self.path}"
            )

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
