"""Several writers and readers on one new database at once, at the store level (no model needed).

Processes that create the schema of a new database at the same moment must not trip over
each other (the journal mode switch, the migrations), and every article each of them writes
must be there afterwards, while a reader keeps reading.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

from newsgraph.model import Article, Entity, Extraction, Mention, SpeakerRef, Statement
from newsgraph.store import StoreReader, StoreWriter

WRITERS = 4
ARTICLES_EACH = 25


def _extraction(writer: int, number: int) -> Extraction:
    text = f"Minister {writer} said on day {number} that talks would resume."
    article = Article(
        id=f"w{writer}-{number}", text=text, content_hash=f"hash-{writer}-{number}", language="en"
    )
    speaker = Mention(f"Minister {writer}", 0, len(f"Minister {writer}"))
    content_start = text.index("talks")
    return Extraction(
        article,
        entities=[Entity("e1", speaker.text, "person", mentions=[speaker])],
        statements=[
            Statement(
                "indirect",
                text[content_start:-1],
                content_start,
                len(text) - 1,
                "said",
                SpeakerRef(speaker.text, speaker.text, speaker.start, speaker.end, "e1"),
            )
        ],
    )


def _write_many(path: str, writer: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait(timeout=60)
    with StoreWriter(path) as store:
        for number in range(ARTICLES_EACH):
            store.write(_extraction(writer, number), "extracted", extractor="test")


def test_writers_creating_one_database_at_once_all_succeed_while_a_reader_reads(tmp_path: Path):
    path = tmp_path / "new.db"
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    processes = [context.Process(target=_write_many, args=(str(path), n, barrier)) for n in range(WRITERS)]
    for process in processes:
        process.start()

    seen: list[int] = []
    errors: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            if not path.exists():
                continue
            try:
                with StoreReader(path) as reader:
                    seen.append(reader.counts()["articles"])
            except Exception as exc:
                # Before the schema is complete a reader is told so; once it has read, never again.
                if seen:
                    errors.append(f"{type(exc).__name__}: {exc}")

    reader = threading.Thread(target=read)
    reader.start()
    for process in processes:
        process.join(timeout=120)
    done.set()
    reader.join(timeout=60)

    assert [process.exitcode for process in processes] == [0] * WRITERS
    with StoreReader(path) as store:
        assert store.counts()["articles"] == WRITERS * ARTICLES_EACH
        assert store.counts()["statements"] == WRITERS * ARTICLES_EACH
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] >= 3
        assert (
            conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
            == conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
        )  # each migration applied once
    finally:
        conn.close()
    assert errors == []
    assert seen and seen == sorted(seen)
