"""Crash safety and concurrency of ``newsgraph ingest``, in real processes on one database.

- An ingest killed with SIGKILL in the middle of a batch leaves a database that opens, passes
  ``PRAGMA integrity_check`` and holds only whole articles; running it again completes the
  batch with the same final contents as one uninterrupted run into a fresh database.
- Two ingests of the same corpus into one database at once both finish without an error and
  store each article once: the same contents as one run.
- ``newsgraph serve`` answers every request while those ingests write (no 500, no lock error),
  and never shows fewer articles than before.

The corpus is generated: short articles of my own making from a seeded template (each unique,
none a near-duplicate of another), with quotes and actions the extractors find.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import newsgraph
from newsgraph.store import StoreWriter

pytestmark = [pytest.mark.model, pytest.mark.slow]

#: Articles in the corpus: more than one batch of a worker (16) and of the main process (64).
N_ARTICLES = 80
#: Seconds any one command may take before the test gives up on it.
COMMAND_TIMEOUT = 240

SRC = Path(newsgraph.__file__).resolve().parents[1]
#: Tables whose row counts must match (all of them).
TABLES = ("articles", "entities", "mentions", "statements", "events", "event_actors", "minhash_signatures")

PEOPLE = [
    ("Prime Minister", "Olaf Berger"),
    ("Foreign Minister", "Anna Lindqvist"),
    ("President", "Carlos Mendes"),
    ("Defence Secretary", "Ruth Adeyemi"),
    ("Interior Minister", "Jan Kowalski"),
    ("opposition leader", "Mei Tanaka"),
    ("General", "Omar Haddad"),
    ("Senator", "Laura Fischer"),
]
COUNTRIES = ["Germany", "France", "Brazil", "Japan", "Turkey", "Egypt", "Canada", "Kenya", "Chile", "Poland"]
ACTIONS = [
    "imposed new sanctions on",
    "signed a trade agreement with",
    "accused",
    "sent troops to the border with",
    "condemned",
    "expelled two diplomats from",
    "promised aid to",
    "threatened",
]
TOPICS = [
    "the border dispute",
    "grain exports",
    "the pipeline project",
    "fishing rights",
    "the refugee crisis",
]


def make_article(number: int, rng: random.Random) -> str:
    """One unique short news article (a title, then three paragraphs)."""
    (role, name), (role2, name2) = rng.sample(PEOPLE, 2)
    here, there, third = rng.sample(COUNTRIES, 3)
    topic = rng.choice(TOPICS)
    return (
        f"{here} and {there} Clash Over {topic.title()} ({number})\n\n"
        f"{here} {rng.choice(ACTIONS)} {there} on Monday after talks on {topic} collapsed, officials said. "
        f"The meeting in the capital was the {number + 2}th round of talks this year.\n\n"
        f'"We will not accept {rng.randint(2, 900)} more days of delay," {role} {name} told reporters, '
        f"adding that {third} had offered to mediate.\n\n"
        f"{role2} {name2} said {there} would respond within {rng.randint(2, 30)} days, "
        f"and {third} {rng.choice(ACTIONS)} {here} on Tuesday.\n"
    )


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    rng = random.Random(2024)
    for number in range(N_ARTICLES):
        (folder / f"{number:03d}.txt").write_text(make_article(number, rng), encoding="utf-8")
    return folder


def newsgraph_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph", *args]


def command_env() -> dict[str, str]:
    """The environment for the commands: this newsgraph first on the path, no progress display."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("NEWSGRAPH_TIMEOUT", None)
    env.pop("NEWSGRAPH_MAX_CHARS", None)
    return env


def start(*args: str, log: Path | None = None) -> subprocess.Popen[str]:
    """A newsgraph command in a process group of its own (its workers die with it).

    Its output is piped, or written to ``log`` for a long-running command (a pipe nobody reads
    fills up and blocks the writer: a server logging each request).
    """
    output = log.open("w") if log is not None else subprocess.PIPE
    try:
        return subprocess.Popen(
            newsgraph_command(*args),
            env=command_env(),
            stdout=output,
            stderr=subprocess.STDOUT if log is not None else subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    finally:
        if log is not None:
            output.close()  # type: ignore[union-attr]


def stop(process: subprocess.Popen[str]) -> None:
    """Kill a command and its workers (if still running)."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        stdout, stderr = process.communicate(timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"newsgraph did not finish in {COMMAND_TIMEOUT} s: {stderr[-2000:]}")
    return process.returncode, stdout, stderr


def read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)


def stored_articles(db: Path) -> int:
    """Articles committed so far (0 while the database or its schema does not exist yet)."""
    if not db.exists():
        return 0
    try:
        conn = read_only(db)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@dataclass(frozen=True)
class Contents:
    """What a database holds, independent of when and by which process it was written."""

    counts: dict[str, int]
    articles: dict[str, tuple[str, str, str | None]]  # id -> (cluster, status, extractor)
    extractions: dict[str, str]  # id -> the stored extraction as JSON


def contents(db: Path) -> Contents:
    conn = read_only(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]) for table in TABLES}
        articles = {
            str(row[0]): (str(row[1]), str(row[2]), row[3])
            for row in conn.execute("SELECT id, cluster, extraction_status, extractor FROM articles")
        }
    finally:
        conn.close()
    with newsgraph.open(db) as database:
        extractions = {}
        for article_id in articles:
            extraction = database.extraction(article_id)
            assert extraction is not None
            found = extraction.to_dict()
            extractions[article_id] = json.dumps(
                {key: found[key] for key in ("entities", "statements", "events")}, sort_keys=True
            )
    return Contents(counts, articles, extractions)


def ingest_summary(stdout: str) -> dict[str, int]:
    counts = {}
    for line in stdout.splitlines():
        label, _, value = line.strip().rpartition(" ")
        if value.isdigit():
            counts[label.strip()] = int(value)
    return counts


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Contents:
    """One uninterrupted ingest of the corpus into a fresh database."""
    db = tmp_path_factory.mktemp("reference") / "reference.db"
    code, stdout, stderr = finish(start("ingest", "--workers", "1", "--db", str(db), str(corpus)))
    assert code == 0, stderr
    assert ingest_summary(stdout)["new"] == N_ARTICLES
    found = contents(db)
    assert found.counts["articles"] == N_ARTICLES
    assert found.counts["statements"] > N_ARTICLES and found.counts["events"] > N_ARTICLES
    return found


# --- crash safety -----------------------------------------------------------------------------


def test_an_ingest_killed_mid_batch_loses_nothing_and_a_rerun_completes_it(corpus, reference, tmp_path):
    db = tmp_path / "killed.db"
    process = start("ingest", "--workers", "2", "--db", str(db), str(corpus))
    give_up = time.monotonic() + COMMAND_TIMEOUT
    while stored_articles(db) == 0:
        assert process.poll() is None, process.communicate()[1]
        assert time.monotonic() < give_up, "no article was stored"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    # The database opens and holds only whole articles, each exactly as the uninterrupted run stored it.
    partial = contents(db)
    assert 0 < partial.counts["articles"] < N_ARTICLES, "the kill came after the batch was done"
    for article_id, extraction in partial.extractions.items():
        assert partial.articles[article_id] == reference.articles[article_id]
        assert extraction == reference.extractions[article_id]

    code, stdout, stderr = finish(start("ingest", "--workers", "1", "--db", str(db), str(corpus)))
    assert code == 0, stderr
    summary = ingest_summary(stdout)
    assert summary["unchanged"] == partial.counts["articles"]
    assert summary["new"] == N_ARTICLES - partial.counts["articles"]
    assert contents(db) == reference


# --- concurrency ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (Linux: /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                if len(raw) == 4:
                    found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
                else:  # four little-endian 32-bit words
                    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                    found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


@pytest.fixture
def server(tmp_path) -> Iterator[tuple[str, Path, subprocess.Popen[str], Path]]:
    """``newsgraph serve`` on a free port over a new, empty database; yields (base URL, db, process, log)."""
    db = tmp_path / "shared.db"
    StoreWriter(db).close()  # the schema only: serve needs a database to exist
    port = _free_port()
    log = tmp_path / "serve.log"
    process = start("serve", "--db", str(db), "--port", str(port), log=log)
    base = f"http://127.0.0.1:{port}"
    give_up = time.monotonic() + 60
    while True:
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < give_up, "the server did not start"
        try:
            if _get(f"{base}/api/articles")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    if Path("/proc/net/tcp").exists():
        assert listening_addresses(port) == {"127.0.0.1"}  # loopback only, by default
    try:
        yield base, db, process, log
    finally:
        stop(process)


def test_two_ingests_and_a_server_on_one_database_at_once(corpus, reference, server):
    base, db, serve_process, serve_log = server
    ingests = [start("ingest", "--workers", "1", "--db", str(db), str(corpus)) for _ in range(2)]
    seen: list[int] = []
    failures: list[tuple[str, int, bytes]] = []
    pages = ("/api/articles?limit=1000", "/api/statements?limit=5", "/api/events?limit=5", "/", "/actors")
    rounds = 0
    while any(process.poll() is None for process in ingests) or rounds < 3:
        for page in pages:
            status, body = _get(base + page)
            if status != 200:
                failures.append((page, status, body[:300]))
            elif page.startswith("/api/articles"):
                seen.append(len(json.loads(body)))
        rounds += 1
    results = [finish(process) for process in ingests]

    assert failures == []
    assert rounds >= 3 and seen == sorted(seen), seen  # never fewer articles than before
    assert any(0 < n < N_ARTICLES for n in seen), seen  # some reads came while the ingests wrote
    assert seen[-1] == N_ARTICLES
    for code, _stdout, stderr in results:
        assert code == 0 and stderr == "", stderr
    summaries = [ingest_summary(stdout) for _code, stdout, _stderr in results]
    for summary in summaries:
        assert summary["read"] == N_ARTICLES and summary["failed"] == 0
        assert summary["new"] + summary["unchanged"] == N_ARTICLES
    assert sum(summary["new"] for summary in summaries) == N_ARTICLES  # each article stored once
    assert contents(db) == reference
    assert serve_process.poll() is None
    # The server logs each request; no error or lock message among them.
    stop(serve_process)
    log = serve_log.read_text()
    assert log.count(" 200 OK") >= 3 * len(pages)  # uvicorn's access log: every request answered
    assert "Traceback" not in log and "locked" not in log and " 500 " not in log
