"""The SQLite store: schema and migrations, round trips, atomic writes, search, read-only readers.

Extractions are built by hand here (no spaCy), with offsets that index into their text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.model import (
    ActorRef,
    Article,
    Entity,
    Event,
    Extraction,
    Location,
    Mention,
    Quantity,
    SpeakerRef,
    Statement,
)
from newsgraph.store import (
    SCHEMA_VERSION,
    StoredSignature,
    StoreReader,
    StoreWriter,
    connect,
    fts_query,
    migrate,
    schema_version,
)

TEXT = (
    "The European Union imposed sanctions on Iran on Monday, officials said.\n\n"
    '"We will not accept this," the Iranian foreign minister told reporters in Tehran.'
)


def span(text: str, words: str, start_at: int = 0) -> tuple[int, int]:
    start = text.index(words, start_at)
    return start, start + len(words)


def make_article(article_id: str = "a1", text: str = TEXT, cluster: str | None = None) -> Article:
    return Article(
        id=article_id,
        text=text,
        content_hash=f"hash-of-{article_id}",
        title="EU sanctions Iran",
        date="2019-01-21",
        url=f"https://example.org/{article_id}",
        source="example.org",
        authors=["A. Writer", "B. Reporter"],
        language="en",
        caption="A caption",
        related=["Related story"],
        path=f"/in/{article_id}.txt",
        format="text",
        cluster=cluster or article_id,
    )


def make_extraction(article_id: str = "a1") -> Extraction:
    article = make_article(article_id)
    text = article.text
    eu, iran, minister = (
        span(text, "The European Union"),
        span(text, "Iran"),
        span(text, "the Iranian foreign minister"),
    )
    quote = span(text, "We will not accept this")
    told = span(text, "told")
    said = span(text, "said")
    claim = span(text, "The European Union imposed sanctions on Iran on Monday")
    entities = [
        Entity(
            "e1", "European Union", "organization", "EU", "IGO", mentions=[Mention(text[eu[0] : eu[1]], *eu)]
        ),
        Entity(
            "e2",
            "Iran",
            "state",
            "IRN",
            "GOV",
            mentions=[Mention("Iran", *iran), Mention("Iranian", *span(text, "Iranian"))],
        ),
        Entity("e3", "foreign minister of Iran", "person", "IRN", "GOV", role="foreign minister"),
    ]
    statements = [
        Statement(
            type="direct",
            content=text[quote[0] : quote[1]],
            start=quote[0],
            end=quote[1],
            cue="told",
            cue_start=told[0],
            cue_end=told[1],
            speaker=SpeakerRef(
                "foreign minister of Iran", text[minister[0] : minister[1]], *minister, entity="e3"
            ),
            addressee=SpeakerRef("reporters", "reporters", *span(text, "reporters")),
        ),
        Statement(
            type="indirect",
            content=text[claim[0] : claim[1]],
            start=claim[0],
            end=claim[1],
            cue="said",
            cue_start=said[0],
            cue_end=said[1],
            speaker=SpeakerRef("officials", "officials", *span(text, "officials")),
            according_to=SpeakerRef("European Union", "The European Union", *eu, entity="e1"),
        ),
    ]
    events = [
        Event(
            category="SANCTION",
            source=[ActorRef("European Union", "EU", "IGO", "e1")],
            target=[ActorRef("Iran", "IRN", "GOV", "e2"), ActorRef("Iranian banks", "IRN", "BUS")],
            evidence=text[claim[0] : claim[1]],
            start=claim[0],
            end=claim[1],
            mode="economic",
            cameo="163",
            quad_class=4,
            goldstein=-8.0,
            date="2019-01-21",
            negated=False,
            attributed_to="officials",
            quantity=Quantity(2.5, "billion euros"),
            location=Location("Tehran", "IRN", 35.69, 51.39, kind="city"),
            trigger="imposed",
        ),
        Event(
            category="REJECT",
            source=[ActorRef("Iran", "IRN", "GOV", "e2")],
            target=[],
            evidence=text[quote[0] : quote[1]],
            start=quote[0],
            end=quote[1],
            negated=True,
        ),
    ]
    return Extraction(article, entities, statements, events)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def test_new_database_has_the_current_schema(db):
    with StoreWriter(db) as store:
        assert schema_version(store.conn) == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        tables = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    expected = {"articles", "entities", "mentions", "statements", "events", "event_actors", "articles_fts"}
    assert expected | {"minhash_signatures", "schema_version"} <= tables
    # Opening again neither fails nor re-applies migrations.
    with StoreWriter(db) as store:
        versions = [
            row[0] for row in store.conn.execute("SELECT version FROM schema_version ORDER BY version")
        ]
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_opening_a_version_1_database_upgrades_it_and_keeps_its_articles(db):
    conn = connect(db)
    assert migrate(conn, str(db), target=1) == 1
    conn.execute(
        "INSERT INTO articles (id, content_hash, text, title, cluster, extraction_status, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            "old",
            "h-old",
            "Protesters marched through Khartoum on Friday.",
            "Sudan protest",
            "old",
            "extracted",
            "x",
        ),
    )
    conn.close()

    with StoreWriter(db) as store:
        assert schema_version(store.conn) == SCHEMA_VERSION
        store.write(make_extraction("new"), "extracted", signature=StoredSignature("p", b"\x00" * 8))
    with StoreReader(db) as reader:
        old = reader.article("old")
        assert old is not None and old.text.startswith("Protesters")
        # The search index added by a later migration covers the article stored before it.
        assert [hit.article_id for hit in reader.search("Khartoum")] == ["old"]
        assert reader.counts()["articles"] == 2


def test_a_database_newer_than_the_code_is_refused(db):
    StoreWriter(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        StoreWriter(db)
    with pytest.raises(StoreError, match="newer"):
        StoreReader(db)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for\n" * 50)
    with pytest.raises(StoreError, match=str(path)):
        StoreWriter(path)


def test_round_trip_of_an_extraction(db):
    extraction = make_extraction()
    with StoreWriter(db) as store:
        store.write(extraction, "extracted", extractor="test")
    with StoreReader(db) as reader:
        assert reader.extraction("a1") == extraction
        assert reader.article("a1") == extraction.article
        assert reader.extraction_status("a1") == "extracted"
        assert reader.extraction("missing") is None
        assert [row.statement for row in reader.statements("a1")] == extraction.statements
        assert [row.event for row in reader.events()] == extraction.events
        assert [row.entity.id for row in reader.entities("a1")] == ["e1", "e2", "e3"]
        assert reader.counts() == {
            "articles": 1,
            "entities": 3,
            "mentions": 3,
            "statements": 2,
            "events": 2,
            "event_actors": 4,
            "minhash_signatures": 0,
        }


def test_a_failure_mid_write_leaves_nothing_of_the_article(db):
    broken = make_extraction()
    # The article, entities and statements are inserted before the events: the second event
    # violates NOT NULL, so the failure comes from the database in the middle of the write.
    broken.events[1].category = None  # type: ignore[assignment]
    with StoreWriter(db) as store:
        with pytest.raises(StoreError, match="a1"):
            store.write(broken, "extracted", signature=StoredSignature("p", b"\x01" * 8))
        assert all(count == 0 for count in store.counts().values())
        assert store.search("sanctions") == []
        # The writer is still usable afterwards.
        store.write(make_extraction(), "extracted")
        assert store.counts()["events"] == 2


def test_a_reference_to_a_missing_entity_is_refused_with_a_reason(db):
    extraction = make_extraction()
    extraction.statements[0].speaker.entity = "e9"
    with StoreWriter(db) as store:
        with pytest.raises(StoreError, match="statement 0 speaker names entity 'e9'"):
            store.write(extraction, "extracted")
        assert store.counts()["articles"] == 0


def test_replacing_an_article_swaps_its_extraction_in_one_write(db):
    with StoreWriter(db) as store:
        store.write(make_extraction(), "extracted")
        smaller = make_extraction()
        smaller.events = []
        smaller.article.content_hash = "a new hash"
        store.write(smaller, "extracted", replaces=["a1"])
        assert store.counts()["events"] == 0
        assert store.counts()["articles"] == 1
        assert store.hash_for_id("a1") == "a new hash"
        assert [hit.article_id for hit in store.search("Tehran")] == ["a1"]


def test_deleting_an_article_deletes_everything_it_owns(db):
    with StoreWriter(db) as store:
        store.write(make_extraction(), "extracted", signature=StoredSignature("p", b"\x02" * 8))
        assert store.delete("a1") is True
        assert all(count == 0 for count in store.counts().values())
        assert store.search("Iran") == []
        assert store.delete("a1") is False


def test_a_near_duplicate_is_answered_by_its_cluster_representative(db):
    representative = make_extraction("wire")
    copy = Extraction(make_article("copy", TEXT + "\n\nMore at 11.", cluster="wire"))
    copy.article.content_hash = "another hash"
    with StoreWriter(db) as store:
        store.write(representative, "extracted")
        store.write(copy, "near_duplicate")
        with pytest.raises(StoreError, match="cannot carry an extraction"):
            store.write(make_extraction("x"), "near_duplicate")
    with StoreReader(db) as reader:
        rows = reader.statements("copy")
        assert [row.article_id for row in rows] == ["wire", "wire"]
        assert [row.statement for row in rows] == representative.statements
        assert [row.event for row in reader.events("copy")] == representative.events
        assert reader.extraction("copy").statements == []
        cluster = reader.cluster_extraction("copy")
        assert cluster is not None and cluster.article.id == "wire"
        assert reader.cluster_members("wire") == ["wire", "copy"]
        assert reader.statements("not stored") == []
        # Listing every statement counts each once, under the representative.
        assert len(reader.statements()) == 2


def test_search_finds_title_and_text_words_with_stemming(db):
    with StoreWriter(db) as store:
        store.write(make_extraction("a1"), "extracted")
        other = make_article("a2", "Floods closed schools across Bangladesh on Tuesday.")
        other.title, other.content_hash = "Monsoon floods", "h2"
        store.write(Extraction(other), "extracted")
    with StoreReader(db) as reader:
        assert [hit.article_id for hit in reader.search("Monsoon")] == ["a2"]
        assert [hit.article_id for hit in reader.search("sanction iran")] == ["a1"]
        assert [hit.article_id for hit in reader.search('"foreign minister"')] == ["a1"]
        assert reader.search('"minister foreign"') == []
        hit = reader.search("Bangladesh")[0]
        assert "[Bangladesh]" in hit.snippet and hit.title == "Monsoon floods"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "OR (",
        "AND",
        "NOT",
        "NEAR(sanctions Iran, 2)",
        "title:Iran",
        "Iran*",
        "^Iran",
        "(Iran OR",
        "'); DROP TABLE articles; --",
        "Iran\x00sanctions",
        "   ",
        "",
        "{title text}: Iran",
        "Иран «санкции»",
        '"unbalanced phrase Iran',
    ],
)
def test_hostile_search_queries_do_not_raise(db, query):
    with StoreWriter(db) as store:
        store.write(make_extraction(), "extracted")
    with StoreReader(db) as reader:
        hits = reader.search(query)
        assert isinstance(hits, list)
        assert reader.counts()["articles"] == 1


@pytest.mark.parametrize(
    ("user_query", "expected"),
    [
        ("Iran sanctions", '"Iran" "sanctions"'),
        ('"foreign powers" Gulf', '"foreign powers" "Gulf"'),
        ("OR (", '"OR"'),
        ('"', None),
        ("", None),
        ("title:x*", '"title" "x"'),
        ('say "hi', '"say" "hi"'),
    ],
)
def test_fts_query_quotes_every_word(user_query, expected):
    assert fts_query(user_query) == expected


def test_the_reader_cannot_write(db):
    with StoreWriter(db) as store:
        store.write(make_extraction(), "extracted")
    with StoreReader(db) as reader:
        with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only|query_only|attempt to write"):
            reader.conn.execute("DELETE FROM articles")
        with pytest.raises(sqlite3.OperationalError):
            reader.conn.execute("PRAGMA query_only = OFF")
            reader.conn.execute("DELETE FROM articles")
        assert reader.counts()["articles"] == 1


def test_the_reader_does_not_create_a_missing_database(tmp_path):
    missing = tmp_path / "nothing-here.db"
    with pytest.raises(StoreError, match="no such database"):
        StoreReader(missing)
    assert not missing.exists()


def test_an_older_database_must_be_upgraded_before_reading(db):
    conn = connect(db)
    migrate(conn, str(db), target=1)
    conn.close()
    with pytest.raises(StoreError, match="older"):
        StoreReader(db)


def test_a_reader_sees_committed_articles_while_the_writer_is_open(db):
    with StoreWriter(db) as store:
        store.write(make_extraction("a1"), "extracted")
        with StoreReader(db) as reader:
            assert reader.counts()["articles"] == 1
            second = make_extraction("a2")
            second.article.content_hash = "h2"
            store.write(second, "extracted")
            assert reader.counts()["articles"] == 2


def test_two_writers_on_one_database_take_turns(db):
    with StoreWriter(db) as first, StoreWriter(db) as second:
        first.write(make_extraction("a1"), "extracted")
        other = make_extraction("a2")
        other.article.content_hash = "h2"
        second.write(other, "extracted")
        assert first.counts()["articles"] == second.counts()["articles"] == 2
        # The same content from the other writer is refused by the unique content hash.
        duplicate = make_extraction("a3")
        duplicate.article.content_hash = "h2"
        with pytest.raises(StoreError, match="a3"):
            first.write(duplicate, "extracted")


def test_switch_to_wal_waits_for_a_lock_another_connection_holds(tmp_path):
    """SQLite refuses a journal-mode switch at once while another connection holds a lock
    (it does not wait as writes do): two ingests opening one new database together."""
    import sqlite3
    import threading

    from newsgraph.store.schema import _switch_to_wal

    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, isolation_level=None, timeout=0.01)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            _switch_to_wal(other, patience=0.05)
        threading.Timer(0.2, lambda: holder.execute("COMMIT")).start()
        _switch_to_wal(other, patience=5)
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()
        holder.close()
