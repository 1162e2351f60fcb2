"""Reading the store: typed queries, and the read-only :class:`StoreReader`.

Queries return model objects (:class:`Article`, :class:`Extraction`) or small typed rows
that say which article a fact's offsets index into. Near-duplicates (wire copies) have no
extraction of their own: asking for the statements, events or entities of a copy joins
through its cluster and returns the representative's rows, labelled with the
representative's id, so ``article.text[start:end]`` always holds for the article named.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..model import Article, Entity, Event, Extraction, Mention, Statement
from . import rows as r
from .filters import (
    EVENT_DAY,
    FTS_TOKENIZE,
    ArticleFilter,
    Condition,
    EventFilter,
    StatementFilter,
    article_conditions,
    event_conditions,
    limit_clause,
    register_functions,
    statement_conditions,
    where,
)
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
    """A statement, and the article whose text its offsets index into.

    The filtered queries also fill in that article's date and title.
    """

    article_id: str
    position: int
    statement: Statement
    article_date: str | None = None
    article_title: str | None = None


@dataclass(frozen=True)
class EventRow:
    """An event, and the article whose text its offsets index into.

    The filtered queries also fill in that article's date and title.
    """

    article_id: str
    position: int
    event: Event
    article_date: str | None = None
    article_title: str | None = None

    @property
    def day(self) -> str | None:
        """The event's day: its own date where known, else its article's date."""
        return self.event.date or self.article_date


@dataclass(frozen=True)
class ArticleHit:
    """An article a filtered query found; with a query, its ``snippet`` and bm25 ``score``.

    Matched words in the snippet are between ``SNIPPET_OPEN`` and ``SNIPPET_CLOSE`` (control
    characters, which clean article text never holds).
    """

    article: Article
    status: str
    snippet: str | None = None
    score: float | None = None


#: Candidate statements matched against a full-text query at a time.
_FTS_CHUNK = 2000

#: Markers around matched words in :attr:`ArticleHit.snippet`.
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class ActorSummary:
    """An actor across the store: names case-folded into one, with its most frequent attributes.

    ``articles`` counts the (extracted) articles naming it as an entity or event actor,
    ``statements`` the statements it is the resolved speaker of, ``events_as_source`` and
    ``events_as_target`` the events (negated ones included) it takes part in.
    """

    key: str
    name: str
    kind: str | None
    code: str | None
    sector: str | None
    role: str | None
    articles: int
    statements: int
    events_as_source: int
    events_as_target: int

    @property
    def activity(self) -> int:
        """How much the store says about the actor (for ordering)."""
        return self.articles + self.statements + self.events_as_source + self.events_as_target


@dataclass(frozen=True)
class TimelineRow:
    """Events of one category on one day (negated events excluded), with their Goldstein sum."""

    day: str
    category: str
    events: int
    goldstein_sum: float
    goldstein_count: int


@dataclass
class NetworkEdge:
    """Events in which actor ``source`` acted on actor ``target`` (negated events excluded)."""

    source: str
    target: str
    events: set[tuple[str, int]] = field(default_factory=set)
    goldstein: dict[tuple[str, int], float] = field(default_factory=dict)


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

    # --- filtered queries -------------------------------------------------------------------

    def _functions(self) -> None:
        register_functions(self.conn)

    def _owner_scope(self, article_id: str | None, column: str) -> list[Condition] | None:
        """``column = representative`` for one article; None when the article is not stored."""
        if article_id is None:
            return []
        owner = self.cluster_of(article_id)
        if owner is None:
            return None
        return [(f"{column} = ?", (owner,))]

    def resolve_article_id(self, prefix: str, limit: int = 2) -> list[str]:
        """Stored ids equal to ``prefix``, else starting with it (at most ``limit``)."""
        if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (prefix,)).fetchone():
            return [prefix]
        if not prefix:
            return []
        return [
            str(row[0])
            for row in self.conn.execute(
                "SELECT id FROM articles WHERE substr(id, 1, ?) = ? ORDER BY ingest_seq LIMIT ?",
                (len(prefix), prefix, limit),
            )
        ]

    def find_articles(self, f: ArticleFilter) -> list[ArticleHit]:
        """Articles matching the filter: best match first with a query, else newest first."""
        self._functions()
        conditions = article_conditions(f)
        columns = r.select_list((*r.ARTICLE_COLUMNS, "extraction_status"), "a")
        paging = limit_clause(f.limit, f.offset)
        match = fts_query(f.query) if f.query is not None else None
        if f.query is not None and match is None:
            return []
        if match is not None:
            clause = where([("articles_fts MATCH ?", (match,)), *conditions])
            sql = (
                f"SELECT {columns}, snippet(articles_fts, 1, ?, ?, '…', 16), bm25(articles_fts) AS score "
                "FROM articles_fts JOIN articles a ON a.ingest_seq = articles_fts.rowid "
                f"{clause[0]} ORDER BY score, a.ingest_seq {paging[0]}"
            )
            params: tuple[Any, ...] = (SNIPPET_OPEN, SNIPPET_CLOSE, *clause[1], *paging[1])
        else:
            clause = where(conditions)
            sql = (
                f"SELECT {columns}, NULL, NULL FROM articles a {clause[0]} "
                f"ORDER BY (a.date IS NULL), a.date DESC, a.ingest_seq DESC {paging[0]}"
            )
            params = (*clause[1], *paging[1])
        try:
            rows = r.fetch_all(self.conn, sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"article query failed: {exc}") from exc
        n = len(r.ARTICLE_COLUMNS)
        return [
            ArticleHit(
                article=r.article_from_row(row[:n]),
                status=str(row[n]),
                snippet=row[n + 1],
                score=None if row[n + 2] is None else float(row[n + 2]),
            )
            for row in rows
        ]

    def find_statements(self, f: StatementFilter) -> list[StatementRow]:
        """Statements matching the filter, newest article first (each once: wire copies have none).

        The full-text ``query`` must match the statement's own content. Articles matching
        it (the article index) narrow the candidates first; the candidates' contents are
        then matched with the same FTS5 tokenizer in a private in-memory table, so the
        database itself is never written.
        """
        self._functions()
        scope = self._owner_scope(f.article_id, "s.article_id")
        if scope is None:
            return []
        conditions = [*scope, *statement_conditions(f)]
        match = fts_query(f.query) if f.query is not None else None
        if f.query is not None and match is None:
            return []
        if match is not None:
            conditions.append(
                (
                    "s.article_id IN (SELECT a2.id FROM articles_fts "
                    "JOIN articles a2 ON a2.ingest_seq = articles_fts.rowid WHERE articles_fts MATCH ?)",
                    (match,),
                )
            )
        clause = where(conditions)
        paging = limit_clause(f.limit, f.offset) if match is None else ("", ())
        sql = (
            f"SELECT {r.select_list(r.STATEMENT_COLUMNS, 's')}, a.date, a.title FROM statements s "
            f"JOIN articles a ON a.id = s.article_id {clause[0]} "
            f"ORDER BY (a.date IS NULL), a.date DESC, a.ingest_seq, s.position {paging[0]}"
        )
        n = len(r.STATEMENT_COLUMNS)

        def row_of(row: r.Row) -> StatementRow:
            return StatementRow(row[0], row[1], r.statement_from_row(row[:n]), row[n], row[n + 1])

        try:
            cursor = self.conn.execute(sql, (*clause[1], *paging[1]))
            if match is None:
                return [row_of(tuple(row)) for row in cursor.fetchall()]
            # Match the candidates a chunk at a time, and stop once the page is full.
            wanted = None if f.limit is None else f.offset + f.limit
            selected: list[StatementRow] = []
            while wanted is None or len(selected) < wanted:
                chunk = [row_of(tuple(row)) for row in cursor.fetchmany(_FTS_CHUNK)]
                if not chunk:
                    break
                matched = _fts_filter(match, [row.statement.content for row in chunk])
                selected.extend(row for i, row in enumerate(chunk) if i in matched)
            cursor.close()
        except sqlite3.Error as exc:
            raise StoreError(f"statement query failed: {exc}") from exc
        return selected[f.offset : wanted]

    def find_events(self, f: EventFilter) -> list[EventRow]:
        """Events matching the filter, latest day first (each once: wire copies have none)."""
        self._functions()
        scope = self._owner_scope(f.article_id, "v.article_id")
        if scope is None:
            return []
        clause = where([*scope, *event_conditions(f)])
        paging = limit_clause(f.limit, f.offset)
        sql = (
            f"SELECT {r.select_list(r.EVENT_COLUMNS, 'v')}, a.date, a.title FROM events v "
            f"JOIN articles a ON a.id = v.article_id {clause[0]} "
            f"ORDER BY ({EVENT_DAY} IS NULL), {EVENT_DAY} DESC, a.ingest_seq, v.position {paging[0]}"
        )
        try:
            rows = r.fetch_all(self.conn, sql, (*clause[1], *paging[1]))
        except sqlite3.Error as exc:
            raise StoreError(f"event query failed: {exc}") from exc
        actors = self._event_actors(sorted({str(row[0]) for row in rows}))
        n = len(r.EVENT_COLUMNS)
        return [
            EventRow(
                row[0],
                row[1],
                r.event_from_row(row[:n], actors.get((row[0], row[1]), [])),
                row[n],
                row[n + 1],
            )
            for row in rows
        ]

    def _event_actors(self, article_ids: Sequence[str]) -> dict[tuple[str, int], list[r.Row]]:
        """Event actor rows of these articles, by (article id, event position)."""
        actors: dict[tuple[str, int], list[r.Row]] = defaultdict(list)
        for chunk_start in range(0, len(article_ids), 500):
            chunk = article_ids[chunk_start : chunk_start + 500]
            for row in r.fetch_all(
                self.conn,
                f"SELECT {r.select_list(r.EVENT_ACTOR_COLUMNS)} FROM event_actors "
                f"WHERE article_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                actors[(row[0], row[1])].append(row)
        return actors

    def actor_summaries(self, key: str | None = None) -> list[ActorSummary]:
        """Every actor (entities and event actors, grouped by case-folded name), or one by ``key``.

        Ordered by how much the store says about them, then by name.
        """
        self._functions()
        one: Condition = ("WHERE ng_fold(name) = ?", (key.casefold(),)) if key is not None else ("", ())
        speaker_one: Condition = (
            ("WHERE ng_fold(speaker_name) = ?", (key.casefold(),)) if key is not None else ("", ())
        )
        variants: dict[str, Counter[tuple[str, str | None, str | None, str | None, str | None]]] = (
            defaultdict(Counter)
        )
        for k, name, kind, code, sector, role, n in r.fetch_all(
            self.conn,
            "SELECT k, name, kind, code, sector, role, SUM(n) FROM ("
            "SELECT ng_fold(name) AS k, name, kind, code, sector, role, COUNT(*) AS n "
            f"FROM entities {one[0]} GROUP BY 1, 2, 3, 4, 5, 6 "
            "UNION ALL SELECT ng_fold(name) AS k, name, NULL, code, sector, NULL, COUNT(*) "
            f"FROM event_actors {one[0]} GROUP BY 1, 2, 3, 4, 5, 6) GROUP BY 1, 2, 3, 4, 5, 6",
            (*one[1], *one[1]),
        ):
            variants[k][(name, kind, code, sector, role)] += int(n)
        articles: dict[str, int] = dict(
            r.fetch_all(
                self.conn,
                "SELECT k, COUNT(DISTINCT article_id) FROM ("
                f"SELECT ng_fold(name) AS k, article_id FROM entities {one[0]} "
                f"UNION ALL SELECT ng_fold(name), article_id FROM event_actors {one[0]}) GROUP BY k",
                (*one[1], *one[1]),
            )
        )
        statements: dict[str, int] = dict(
            r.fetch_all(
                self.conn,
                f"SELECT ng_fold(speaker_name), COUNT(*) FROM statements {speaker_one[0]} GROUP BY 1",
                speaker_one[1],
            )
        )
        events: Counter[tuple[str, str]] = Counter()
        for k, role, n in r.fetch_all(
            self.conn,
            "SELECT k, role, COUNT(*) FROM (SELECT DISTINCT ng_fold(name) AS k, role, article_id, "
            f"event_position FROM event_actors {one[0]}) GROUP BY 1, 2",
            one[1],
        ):
            events[(k, role)] = int(n)
        summaries = [
            _summary(k, counter, int(articles.get(k, 0)), int(statements.get(k, 0)), events)
            for k, counter in variants.items()
        ]
        summaries.sort(key=lambda a: (-a.activity, a.name.casefold()))
        return summaries

    def timeline_rows(self, f: EventFilter) -> list[TimelineRow]:
        """Events per day and category (negated events excluded), in day order."""
        self._functions()
        scope = self._owner_scope(f.article_id, "v.article_id")
        if scope is None:
            return []
        clause = where(
            [*scope, *event_conditions(f), ("v.negated = 0", ()), (f"{EVENT_DAY} IS NOT NULL", ())]
        )
        rows = r.fetch_all(
            self.conn,
            f"SELECT {EVENT_DAY} AS day, v.category, COUNT(*), TOTAL(v.goldstein), COUNT(v.goldstein) "
            f"FROM events v JOIN articles a ON a.id = v.article_id {clause[0]} "
            "GROUP BY day, v.category ORDER BY day, v.category",
            clause[1],
        )
        return [TimelineRow(str(d), str(c), int(n), float(g), int(gn)) for d, c, n, g, gn in rows]

    def network_edges(self, f: EventFilter) -> tuple[list[NetworkEdge], dict[str, Counter[str]]]:
        """Who acts on whom: an edge per (source, target) actor pair, keyed by case-folded name.

        Returns the edges and, per actor key, the spellings seen (for display). Negated
        events and an actor acting on itself are left out.
        """
        self._functions()
        scope = self._owner_scope(f.article_id, "v.article_id")
        if scope is None:
            return [], {}
        clause = where([*scope, *event_conditions(f), ("v.negated = 0", ())])
        rows = r.fetch_all(
            self.conn,
            "SELECT s.name, t.name, v.article_id, v.position, v.goldstein FROM events v "
            "JOIN articles a ON a.id = v.article_id "
            "JOIN event_actors s ON s.article_id = v.article_id AND s.event_position = v.position "
            "AND s.role = 'source' "
            "JOIN event_actors t ON t.article_id = v.article_id AND t.event_position = v.position "
            f"AND t.role = 'target' {clause[0]}",
            clause[1],
        )
        edges: dict[tuple[str, str], NetworkEdge] = {}
        names: dict[str, Counter[str]] = defaultdict(Counter)
        for source, target, article_id, position, goldstein in rows:
            s_key, t_key = source.casefold(), target.casefold()
            if s_key == t_key:
                continue
            names[s_key][source] += 1
            names[t_key][target] += 1
            edge = edges.setdefault((s_key, t_key), NetworkEdge(s_key, t_key))
            edge.events.add((article_id, position))
            if goldstein is not None:
                edge.goldstein[(article_id, position)] = float(goldstein)
        return list(edges.values()), names

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


def _fts_filter(match: str, contents: Sequence[str]) -> set[int]:
    """Indexes of the contents that match an FTS5 query, using the store's tokenizer.

    A private in-memory database, so a read-only store can still be searched this way.
    """
    if not contents:
        return set()
    mem = sqlite3.connect(":memory:")
    try:
        mem.execute(f"CREATE VIRTUAL TABLE t USING fts5 (content, tokenize = '{FTS_TOKENIZE}')")
        mem.executemany("INSERT INTO t (rowid, content) VALUES (?, ?)", enumerate(contents))
        return {int(row[0]) for row in mem.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))}
    except sqlite3.Error as exc:
        raise StoreError(f"statement search failed: {exc}") from exc
    finally:
        mem.close()


def _most_common(values: Counter[str | None]) -> str | None:
    """The most frequent non-empty value (ties: the first seen), or None."""
    for value, _count in values.most_common():
        if value:
            return value
    return None


def _summary(
    key: str,
    variants: Counter[tuple[str, str | None, str | None, str | None, str | None]],
    articles: int,
    statements: int,
    events: Counter[tuple[str, str]],
) -> ActorSummary:
    """One actor's summary from the spellings and attributes it was stored with."""
    attributes: list[Counter[str | None]] = [Counter() for _ in range(5)]
    for values, n in variants.items():
        for counter, value in zip(attributes, values, strict=True):
            counter[value] += n
    name, kind, code, sector, role = (_most_common(counter) for counter in attributes)
    return ActorSummary(
        key=key,
        name=name or key,
        kind=kind,
        code=code,
        sector=sector,
        role=role,
        articles=articles,
        statements=statements,
        events_as_source=events[(key, "source")],
        events_as_target=events[(key, "target")],
    )
