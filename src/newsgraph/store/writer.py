"""Writing the store: :class:`StoreWriter`, one article and all its extraction per transaction.

There is one writer per ingest process. Each article goes in with ``BEGIN IMMEDIATE`` ...
``COMMIT``: the article row, its entities and mentions, statements, events and their actors,
and its MinHash signature. Any failure rolls that transaction back, so an article is stored
whole or not at all, and a process killed mid-write (SIGKILL) leaves the previous state.
Several ingest processes may write one database: the busy timeout queues them, and a write
that still finds the database locked is retried a few times before it fails.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Literal, TypeVar

from ..errors import StoreError
from ..model import Extraction
from . import rows as r
from .reader import StoreQueries
from .schema import connect, is_busy, migrate

ExtractionStatus = Literal["extracted", "near_duplicate", "not_english"]

#: How often a write that finds the database locked (after the busy timeout) is retried.
BUSY_RETRIES = 3
_T = TypeVar("_T")


@dataclass(frozen=True)
class StoredSignature:
    """A MinHash signature as stored: the parameters it was made with, and its hash values."""

    params: str
    hashvalues: bytes


@dataclass(frozen=True)
class SignatureRecord:
    """A stored signature with the article it belongs to, for rebuilding the LSH index."""

    ingest_seq: int
    article_id: str
    cluster: str
    hashvalues: bytes


def check_references(extraction: Extraction) -> None:
    """A StoreError naming the first reference to an entity the article does not have.

    The database enforces the same with foreign keys; checking first gives a message that
    says which statement or event is wrong.
    """
    article_id = extraction.article.id
    entity_ids: set[str] = set()
    for entity in extraction.entities:
        if entity.id in entity_ids:
            raise StoreError(f"{article_id}: entity id {entity.id!r} appears twice")
        entity_ids.add(entity.id)
    for index, statement in enumerate(extraction.statements):
        for role, ref in (
            ("speaker", statement.speaker),
            ("addressee", statement.addressee),
            ("according_to", statement.according_to),
        ):
            if ref is not None and ref.entity is not None and ref.entity not in entity_ids:
                raise StoreError(
                    f"{article_id}: statement {index} {role} names entity {ref.entity!r}, "
                    "which the article does not have"
                )
    for index, event in enumerate(extraction.events):
        for actor in (*event.source, *event.target):
            if actor.entity is not None and actor.entity not in entity_ids:
                raise StoreError(
                    f"{article_id}: event {index} actor {actor.name!r} names entity "
                    f"{actor.entity!r}, which the article does not have"
                )


class StoreWriter(StoreQueries):
    """The one writer of a newsgraph database; creates and upgrades the schema on open."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.conn = connect(path)
        try:
            self._with_retry(lambda: migrate(self.conn, self.path))
        except sqlite3.Error as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: cannot create or upgrade the schema: {exc}") from exc
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite when the last one closes)."""
        self.conn.close()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- lookups the ingest needs -----------------------------------------------------------

    def id_for_hash(self, content_hash: str) -> str | None:
        """The id of the stored article with this content hash, if any."""
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return str(row[0]) if row else None

    def hash_for_id(self, article_id: str) -> str | None:
        """The content hash of the stored article with this id, if any."""
        row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else None

    def signatures_since(self, ingest_seq: int, params: str) -> list[SignatureRecord]:
        """Signatures made with ``params`` of articles stored after ``ingest_seq``, in order."""
        return [
            SignatureRecord(int(seq), str(article_id), str(cluster), bytes(blob))
            for seq, article_id, cluster, blob in self.conn.execute(
                "SELECT a.ingest_seq, a.id, a.cluster, s.hashvalues FROM minhash_signatures s "
                "JOIN articles a ON a.id = s.article_id "
                "WHERE a.ingest_seq > ? AND s.params = ? ORDER BY a.ingest_seq",
                (ingest_seq, params),
            )
        ]

    # --- writing ----------------------------------------------------------------------------

    def write(
        self,
        extraction: Extraction,
        status: ExtractionStatus,
        extractor: str | None = None,
        signature: StoredSignature | None = None,
        replaces: Collection[str] = (),
    ) -> None:
        """Store one article with all its extraction, in one transaction.

        ``replaces`` names stored articles this one replaces (``--force``): they are deleted
        in the same transaction, and articles clustered under them move to this one.
        A near-duplicate (``status='near_duplicate'``) keeps no statements or events of its
        own; its cluster representative's answer for it.
        """
        article = extraction.article
        check_references(extraction)
        if status != "extracted" and (extraction.entities or extraction.statements or extraction.events):
            raise StoreError(f"{article.id}: an article stored as {status} cannot carry an extraction")

        def transaction() -> None:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for old_id in replaces:
                    self.conn.execute("DELETE FROM articles WHERE id = ?", (old_id,))
                    if old_id != article.id:
                        self.conn.execute(
                            "UPDATE articles SET cluster = ? WHERE cluster = ?", (article.id, old_id)
                        )
                self._insert(extraction, status, extractor, signature)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

        try:
            self._with_retry(transaction)
        except sqlite3.Error as exc:
            raise StoreError(f"{article.id}: cannot store the article: {exc}") from exc

    def delete(self, article_id: str) -> bool:
        """Delete an article and everything extracted from it; whether it was there."""

        def transaction() -> bool:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                deleted = self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            return bool(deleted)

        try:
            return self._with_retry(transaction)
        except sqlite3.Error as exc:
            raise StoreError(f"{article_id}: cannot delete the article: {exc}") from exc

    def _insert(
        self,
        extraction: Extraction,
        status: ExtractionStatus,
        extractor: str | None,
        signature: StoredSignature | None,
    ) -> None:
        """The INSERTs of one article; runs inside the caller's transaction."""
        article = extraction.article
        conn = self.conn
        conn.execute(
            "INSERT INTO articles "
            f"({r.select_list((*r.ARTICLE_COLUMNS, 'extraction_status', 'extractor', 'ingested_at'))}) "
            f"VALUES ({', '.join('?' * (len(r.ARTICLE_COLUMNS) + 3))})",
            (*r.article_row(article), status, extractor, _now()),
        )
        article_id = article.id
        conn.executemany(
            r.insert_sql("entities", r.ENTITY_COLUMNS),
            [r.entity_row(article_id, position, e) for position, e in enumerate(extraction.entities)],
        )
        conn.executemany(
            r.insert_sql("mentions", r.MENTION_COLUMNS),
            [row for e in extraction.entities for row in r.mention_rows(article_id, e)],
        )
        conn.executemany(
            r.insert_sql("statements", r.STATEMENT_COLUMNS),
            [r.statement_row(article_id, i, s) for i, s in enumerate(extraction.statements)],
        )
        conn.executemany(
            r.insert_sql("events", r.EVENT_COLUMNS),
            [r.event_row(article_id, i, e) for i, e in enumerate(extraction.events)],
        )
        conn.executemany(
            r.insert_sql("event_actors", r.EVENT_ACTOR_COLUMNS),
            [row for i, e in enumerate(extraction.events) for row in r.event_actor_rows(article_id, i, e)],
        )
        if signature is not None:
            conn.execute(
                "INSERT INTO minhash_signatures (article_id, params, hashvalues) VALUES (?, ?, ?)",
                (article_id, signature.params, signature.hashvalues),
            )

    def _with_retry(self, action: Callable[[], _T]) -> _T:
        """Run a transaction, again after a pause if another writer kept the database locked."""
        for attempt in range(BUSY_RETRIES + 1):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or attempt == BUSY_RETRIES:
                    raise
                time.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
