"""The database schema, as an ordered list of migrations, and opening a connection to it.

The schema is never created any other way than by running :data:`MIGRATIONS` in order, so
a fresh database and an upgraded old one end up identical. Each migration is a tuple of SQL
statements applied in one transaction together with its row in ``schema_version``: a crash
halfway leaves the database at the previous version, and two processes opening an old
database at once cannot both upgrade it (the version is re-read inside the write lock).

A migration is never edited once released; a change to the schema is a new migration at
the end of the list.

Conventions: every article-scoped row is keyed by ``article_id`` (the article's id) plus a
local key: the entity's own id (``e1``) or the row's position in the article's list
(``position``, from 0). Offsets (``start``/``end``) index into the text of the article the
row belongs to. Deleting an article deletes everything it owns (``ON DELETE CASCADE``).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ..errors import StoreError

#: Seconds a connection waits for another writer's lock before giving up (SQLITE_BUSY).
BUSY_TIMEOUT_SECONDS = 30.0

# Version 1: articles and everything extracted from them.
_V1_CORE: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        ingest_seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- ingest order, never reused; FTS rowid
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        date TEXT,
        url TEXT,
        source TEXT,
        authors TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
        language TEXT,
        caption TEXT,
        related TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
        path TEXT,
        format TEXT,
        cluster TEXT NOT NULL,  -- id of the cluster's representative (itself when it is one)
        extraction_status TEXT NOT NULL
            CHECK (extraction_status IN ('extracted', 'near_duplicate', 'not_english')),
        extractor TEXT,  -- what extracted it (newsgraph and model versions), NULL if not extracted
        ingested_at TEXT NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash)",
    "CREATE INDEX articles_cluster ON articles (cluster)",
    "CREATE INDEX articles_date ON articles (date)",
    "CREATE INDEX articles_source ON articles (source)",
    """
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        id TEXT NOT NULL,  -- the article-scoped id (e1, e2, ...)
        position INTEGER NOT NULL,  -- order in the article's list of entities
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        code TEXT,
        sector TEXT,
        role TEXT,
        PRIMARY KEY (article_id, id)
    )
    """,
    "CREATE INDEX entities_name ON entities (name)",
    "CREATE INDEX entities_code ON entities (code)",
    """
    CREATE TABLE mentions (
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity_id, position),
        FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE statements (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('direct', 'indirect', 'mixed')),
        content TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_name TEXT NOT NULL,
        speaker_mention TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_entity TEXT,
        addressee_name TEXT,
        addressee_mention TEXT,
        addressee_start INTEGER,
        addressee_end INTEGER,
        addressee_entity TEXT,
        according_to_name TEXT,
        according_to_mention TEXT,
        according_to_start INTEGER,
        according_to_end INTEGER,
        according_to_entity TEXT,
        PRIMARY KEY (article_id, position),
        FOREIGN KEY (article_id, speaker_entity) REFERENCES entities (article_id, id),
        FOREIGN KEY (article_id, addressee_entity) REFERENCES entities (article_id, id),
        FOREIGN KEY (article_id, according_to_entity) REFERENCES entities (article_id, id)
    )
    """,
    "CREATE INDEX statements_speaker_name ON statements (speaker_name)",
    """
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        category TEXT NOT NULL,
        mode TEXT,
        cameo TEXT,
        quad_class INTEGER,
        goldstein REAL,
        date TEXT,
        negated INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
        evidence TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        attributed_to TEXT,
        quantity_value REAL,
        quantity_unit TEXT,
        location_name TEXT,
        location_code TEXT,
        location_lat REAL,
        location_lon REAL,
        trigger TEXT,
        PRIMARY KEY (article_id, position)
    )
    """,
    "CREATE INDEX events_category ON events (category)",
    "CREATE INDEX events_date ON events (date)",
    """
    CREATE TABLE event_actors (
        article_id TEXT NOT NULL,
        event_position INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('source', 'target')),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        code TEXT,
        sector TEXT,
        entity TEXT,
        PRIMARY KEY (article_id, event_position, role, position),
        FOREIGN KEY (article_id, event_position) REFERENCES events (article_id, position)
            ON DELETE CASCADE,
        FOREIGN KEY (article_id, entity) REFERENCES entities (article_id, id)
    )
    """,
    "CREATE INDEX event_actors_code ON event_actors (code)",
)

# Version 2: full-text search over title and text, kept in sync by triggers, filled from the
# articles already stored.
_V2_SEARCH: tuple[str, ...] = (
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text,
        content = 'articles', content_rowid = 'ingest_seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.ingest_seq, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.ingest_seq, old.title, old.text);
    END
    """,
    """
    CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.ingest_seq, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.ingest_seq, new.title, new.text);
    END
    """,
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
)

# Version 3: MinHash signatures, so near-duplicates of articles from earlier runs are found.
_V3_SIGNATURES: tuple[str, ...] = (
    """
    CREATE TABLE minhash_signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        params TEXT NOT NULL,  -- shingle size, permutations, seed, scheme (newsgraph.dedup)
        hashvalues BLOB NOT NULL
    )
    """,
)

_V4_LOCATION_KIND: tuple[str, ...] = (
    # What an event's place is: country, city or region (GDELT's ActionGeo_Type comes from it).
    "ALTER TABLE events ADD COLUMN location_kind TEXT",
)

#: The migrations, in order: ``MIGRATIONS[i]`` takes the database from version i to i + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1_CORE, _V2_SEARCH, _V3_SIGNATURES, _V4_LOCATION_KIND)

#: The schema version this code reads and writes.
SCHEMA_VERSION = len(MIGRATIONS)

_VERSION_TABLE = """
    CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    )
"""


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether an error means another connection holds the lock (worth retrying)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def schema_version(conn: sqlite3.Connection) -> int:
    """The version the database is at (0 for an empty database)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def check_not_newer(conn: sqlite3.Connection, where: str) -> int:
    """The database's version; a StoreError when it is newer than this code understands."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{where}: database schema version {version} is newer than this newsgraph supports "
            f"({SCHEMA_VERSION}); upgrade newsgraph to use it"
        )
    return version


def migrate(conn: sqlite3.Connection, where: str, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target``, one migration per transaction; returns the version.

    The connection must be in autocommit mode (``isolation_level=None``) so that the explicit
    ``BEGIN IMMEDIATE`` here is the only transaction. The version is read again under the
    write lock before each migration: another process opening the same database may have
    applied it meanwhile (two ingests started at once on a new database).
    """
    version = check_not_newer(conn, where)
    while version < target:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_VERSION_TABLE)
            version = check_not_newer(conn, where)
            if version < target:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                version += 1
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return version


def _switch_to_wal(conn: sqlite3.Connection, patience: float = BUSY_TIMEOUT_SECONDS) -> None:
    """Put the database in WAL mode, waiting for other connections as a write would.

    Switching the journal mode needs the database to itself, and SQLite answers "database is
    locked" at once, without its busy handler, while another process holds a lock there (two
    ingests opening one new database together): so the switch is retried until ``patience``
    runs out. Once the file is in WAL mode the switch is a no-op that never waits.
    """
    deadline = time.monotonic() + patience
    delay = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def connect(path: str | Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection with newsgraph's settings: WAL, foreign keys, busy timeout, autocommit.

    Read-only connections open the file through a ``mode=ro`` URI, so SQLite itself refuses
    every write, and never create the file (nor attach another one). Writers switch the database to WAL, so readers
    (``newsgraph serve``) keep reading while an ingest writes.
    """
    where = str(path)
    try:
        if read_only:
            resolved = Path(path).resolve()
            if not resolved.is_file():
                raise StoreError(f"{where}: no such database (create it with: newsgraph ingest)")
            conn = sqlite3.connect(
                resolved.as_uri() + "?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
            )
        else:
            conn = sqlite3.connect(where, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{where}: cannot open database: {exc}") from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if read_only:
            conn.execute("PRAGMA query_only = ON")
            # ATTACH is the one statement a read-only connection could still write with (it
            # creates the file it names); the app never needs it.
            conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
        else:
            _switch_to_wal(conn)
            # With WAL, NORMAL keeps the database consistent after a crash of the process
            # (committed transactions survive a SIGKILL); only a power cut may lose the last ones.
            conn.execute("PRAGMA synchronous = NORMAL")
        # Probe the file: a file that is not SQLite fails here, not at the first query.
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{where}: not a usable newsgraph database: {exc}") from exc
    return conn
