"""Limits: an article over the size limit or the time limit is skipped with a reason, and the batch goes on.

The time limit is tested with a test-only spaCy component that stalls on marked articles:
``STALL`` sleeps (Python code: the timer signal stops it), ``SWALLOW`` sleeps in a loop that
catches every ``Exception`` (the interrupt must still get through), ``FREEZE`` blocks the
timer signal first (as code stuck in C would: only killing the worker process stops it).
A blank English pipeline with that component stands in for the model, so these tests take
seconds; what is checked is the machinery, not the extractors.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

import newsgraph.ingest as ingest_module
import newsgraph.pipeline as pipeline_module
import newsgraph.workers as workers_module
from newsgraph.cli import app
from newsgraph.errors import DeadlineExceeded, ExtractionLimitError, UsageError
from newsgraph.ingest import ingest_paths
from newsgraph.limits import (
    DEFAULT_MAX_CHARS,
    DEFAULT_TIMEOUT_SECONDS,
    MAX_CHARS_ENV,
    TIMEOUT_ENV,
    deadline,
    resolve_max_chars,
    resolve_timeout,
)
from newsgraph.model import Article, Extraction
from newsgraph.pipeline import extract_articles_safely
from newsgraph.store import StoreReader
from newsgraph.workers import ExtractionPool

#: Long enough that a test would visibly hang if the limit did not stop it.
STALL_SECONDS = 120


@Language.component("test_hardening_stall")
def stall_component(doc: Doc) -> Doc:
    """Stalls on marked articles (see the module docstring); records which process ran it."""
    if "FREEZE" in doc.text:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(STALL_SECONDS)
    if "STALL" in doc.text:
        time.sleep(STALL_SECONDS)
    if "SWALLOW" in doc.text:
        until = time.monotonic() + STALL_SECONDS
        while time.monotonic() < until:
            # An extractor that swallows every error must not swallow the limit.
            with contextlib.suppress(Exception):
                time.sleep(0.01)
    doc._.ng_entities = []
    doc._.ng_statements = []
    doc._.ng_events = []
    return doc


def stall_pipeline() -> Language:
    """A blank English pipeline with the stalling component (module-level: workers unpickle it)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("test_hardening_stall")
    return nlp


def articles(texts: list[str]) -> list[Article]:
    return [
        Article(id=f"a{i}", text=text, content_hash=f"h{i}", path=f"in/a{i}.txt")
        for i, text in enumerate(texts)
    ]


def kinds(outcomes: list[Extraction | Exception]) -> list[str]:
    return ["ok" if isinstance(o, Extraction) else type(o).__name__ for o in outcomes]


# --- resolving the limits ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        (None, None, DEFAULT_MAX_CHARS),
        (None, "5000", 5000),
        (None, "0", None),
        (200, "5000", 200),
        (0, "5000", None),
    ],
)
def test_the_size_limit_comes_from_the_option_then_the_environment(monkeypatch, given, env, expected):
    if env is None:
        monkeypatch.delenv(MAX_CHARS_ENV, raising=False)
    else:
        monkeypatch.setenv(MAX_CHARS_ENV, env)
    assert resolve_max_chars(given) == expected


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        (None, None, DEFAULT_TIMEOUT_SECONDS),
        (None, "2.5", 2.5),
        (None, "0", None),
        (10.0, "2.5", 10.0),
        (0.0, "2.5", None),
    ],
)
def test_the_time_limit_comes_from_the_option_then_the_environment(monkeypatch, given, env, expected):
    if env is None:
        monkeypatch.delenv(TIMEOUT_ENV, raising=False)
    else:
        monkeypatch.setenv(TIMEOUT_ENV, env)
    assert resolve_timeout(given) == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [(MAX_CHARS_ENV, "lots"), (MAX_CHARS_ENV, "-1"), (TIMEOUT_ENV, "soon"), (TIMEOUT_ENV, "nan")],
)
def test_a_bad_limit_in_the_environment_is_a_usage_error(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(UsageError, match=r"limit|must be"):
        resolve_max_chars() if name == MAX_CHARS_ENV else resolve_timeout()


# --- the deadline itself ----------------------------------------------------------------------


def test_a_deadline_interrupts_a_sleep_and_puts_the_previous_handler_back():
    previous = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded), deadline(0.2):
        time.sleep(STALL_SECONDS)
    assert time.monotonic() - started < STALL_SECONDS / 2
    assert signal.getsignal(signal.SIGALRM) == previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_deadline_is_not_swallowed_by_except_exception():
    caught: list[str] = []
    with pytest.raises(DeadlineExceeded), deadline(0.2):
        until = time.monotonic() + STALL_SECONDS
        while time.monotonic() < until:
            try:
                time.sleep(0.01)
            except Exception as exc:
                caught.append(type(exc).__name__)
    assert caught == []


def test_work_that_finishes_in_time_is_not_interrupted_later():
    with deadline(0.2):
        pass
    time.sleep(0.4)  # no stray alarm arrives after the block
    with deadline(None):
        time.sleep(0.01)


# --- in this process --------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["STALL", "SWALLOW"])
def test_an_article_over_the_time_limit_fails_alone_in_process(marker):
    texts = ["First article.", f"Second article {marker}.", "Third article.", "Fourth article."]
    nlp = stall_pipeline()
    outcomes = list(extract_articles_safely(articles(texts), nlp, batch_size=4, timeout=0.5))
    assert kinds(outcomes) == ["ok", "ExtractionLimitError", "ok", "ok"]
    assert str(outcomes[1]) == "skipped: extraction took longer than the 0.5 s limit (--timeout)"
    assert [o.article.text for o in outcomes if isinstance(o, Extraction)] == [texts[0], texts[2], texts[3]]


def test_a_pool_started_off_the_main_thread_runs_the_limit_in_a_worker_process():
    texts = ["First article.", "Second article STALL.", "Third article."]
    result: dict[str, object] = {}

    def run() -> None:
        with ExtractionPool(1, loader=stall_pipeline, timeout=0.5) as pool:
            result["outcomes"] = list(pool.extract(articles(texts)))
            result["pids"] = pool.worker_pids()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert kinds(result["outcomes"]) == ["ok", "ExtractionLimitError", "ok"]  # type: ignore[arg-type]
    assert result["pids"] and os.getpid() not in result["pids"]  # type: ignore[operator]


# --- in worker processes ----------------------------------------------------------------------


def test_a_worker_stops_a_stalled_article_itself():
    texts = [f"Article number {i}." for i in range(10)]
    texts[3] = "Article number 3 STALL."
    with ExtractionPool(2, loader=stall_pipeline, batch_size=4, timeout=0.5) as pool:
        outcomes = list(pool.extract(articles(texts)))
        assert pool.timeout_kills == 0 and pool.restarts == 0
    assert kinds(outcomes) == ["ok"] * 3 + ["ExtractionLimitError"] + ["ok"] * 6
    assert "--timeout" in str(outcomes[3])


@pytest.mark.slow
def test_a_worker_stuck_where_no_signal_reaches_is_killed_and_only_its_article_fails(monkeypatch):
    monkeypatch.setattr(workers_module, "KILL_GRACE_SECONDS", 0.5)
    texts = [f"Article number {i}." for i in range(10)]
    texts[5] = "Article number 5 FREEZE."
    started = time.monotonic()
    with ExtractionPool(2, loader=stall_pipeline, batch_size=4, timeout=0.5) as pool:
        outcomes = list(pool.extract(articles(texts)))
        assert pool.timeout_kills >= 1 and pool.restarts >= 1
    assert time.monotonic() - started < STALL_SECONDS / 2
    assert kinds(outcomes) == ["ok"] * 5 + ["ExtractionLimitError"] + ["ok"] * 4
    assert str(outcomes[5]) == "skipped: extraction took longer than the 0.5 s limit (--timeout)"


def test_without_a_time_limit_workers_are_not_watched():
    with ExtractionPool(2, loader=stall_pipeline, batch_size=2) as pool:
        outcomes = list(pool.extract(articles([f"Text {i}." for i in range(6)])))
        assert pool._heartbeats is None and pool.timeout_kills == 0
    assert kinds(outcomes) == ["ok"] * 6


# --- through ingest and the commands -----------------------------------------------------------


STORY = "Rescue teams reached {n} flooded villages on Sunday, the regional governor said."


def write_inputs(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def stall_model(monkeypatch):
    """The commands load the stalling pipeline instead of the model (in this process)."""
    nlp = stall_pipeline()
    for module in (pipeline_module, workers_module, ingest_module):
        monkeypatch.setattr(module, "get_pipeline", lambda model=None: nlp)
    return nlp


@pytest.mark.slow
def test_ingest_with_workers_fails_the_frozen_article_and_stores_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(workers_module, "KILL_GRACE_SECONDS", 0.5)
    texts = {f"{n:02d}.txt": STORY.format(n=n) + f" Story {n}." for n in range(8)}
    texts["03.txt"] = STORY.format(n=3) + " FREEZE."
    folder = write_inputs(tmp_path / "in", texts)
    db = tmp_path / "news.db"
    with ExtractionPool(2, loader=stall_pipeline, batch_size=3, timeout=0.5) as pool:
        summary = ingest_paths([str(folder)], db, pool=pool)
    assert (summary.read, summary.new, summary.failed) == (8, 7, 1)
    failure = summary.failures[0]
    assert failure.path.endswith("03.txt") and "--timeout" in failure.reason
    with StoreReader(db) as reader:
        stored = sorted(Path(a.path or "").name for a in reader.articles())
        assert stored == sorted(set(texts) - {"03.txt"})
        assert reader.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_the_commands_skip_a_stalled_article_and_go_on(stall_model, tmp_path, command):
    texts = {f"{n}.txt": STORY.format(n=n) for n in range(4)}
    texts["1.txt"] = STORY.format(n=1) + " STALL."
    folder = write_inputs(tmp_path / "in", texts)
    db = tmp_path / "news.db"
    options = ["--db", str(db)] if command == "ingest" else []
    started = time.monotonic()
    result = CliRunner().invoke(app, [command, "--workers", "1", "--timeout", "0.5", *options, str(folder)])
    assert time.monotonic() - started < STALL_SECONDS / 2
    assert result.exit_code == 1, result.output
    reason = "skipped: extraction took longer than the 0.5 s limit (--timeout)"
    if command == "extract":
        assert result.stderr.strip() == f"newsgraph: {folder / '1.txt'}: {reason}"
        assert len(result.stdout.splitlines()) == 3
    else:
        assert f"failed: {folder / '1.txt'}: {reason}" in result.stdout
        with StoreReader(db) as reader:
            assert reader.counts()["articles"] == 3


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_the_commands_skip_an_article_over_the_size_limit(stall_model, tmp_path, command, monkeypatch):
    long_text = " ".join(STORY.format(n=n) for n in range(40))
    folder = write_inputs(tmp_path / "in", {"long.txt": long_text, "short.txt": STORY.format(n=1)})
    db = tmp_path / "news.db"
    options = ["--db", str(db)] if command == "ingest" else []
    reason = f"skipped: {len(long_text):,} characters, over the 1,000-character limit (--max-chars)"

    result = CliRunner().invoke(
        app, [command, "--workers", "1", "--max-chars", "1000", *options, str(folder)]
    )
    assert result.exit_code == 1, result.output
    assert reason in (result.stderr if command == "extract" else result.stdout)

    # The environment gives the default; the option overrides it (0: no limit).
    monkeypatch.setenv(MAX_CHARS_ENV, "1000")
    again = CliRunner().invoke(app, [command, "--workers", "1", *options, str(folder)])
    assert again.exit_code == 1 and reason in again.output
    unlimited = CliRunner().invoke(
        app, [command, "--workers", "1", "--max-chars", "0", *options, str(folder)]
    )
    assert unlimited.exit_code == 0, unlimited.output
    if command == "ingest":
        with StoreReader(db) as reader:
            assert reader.counts()["articles"] == 2


@pytest.mark.parametrize("option", [["--timeout", "-1"], ["--max-chars", "-5"], ["--timeout", "soon"]])
def test_a_bad_limit_option_is_a_usage_error(option, tmp_path):
    result = CliRunner().invoke(app, ["extract", *option, str(tmp_path)])
    assert result.exit_code == 2


def test_a_bad_limit_in_the_environment_stops_the_command_with_exit_2(monkeypatch, tmp_path):
    monkeypatch.setenv(TIMEOUT_ENV, "soon")
    (tmp_path / "a.txt").write_text(STORY.format(n=1), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "x.db"), str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and TIMEOUT_ENV in result.stderr


def test_the_size_limit_error_is_an_extraction_limit_error():
    from newsgraph.limits import size_error

    article = Article(id="x", text="word " * 10, content_hash="x")
    assert size_error(article, 50) is None
    error = size_error(article, 49)
    assert isinstance(error, ExtractionLimitError) and "50 characters" in str(error)


@pytest.mark.model
def test_an_interrupted_article_leaves_the_real_pipeline_as_it_was(nlp):
    """Stopping spaCy mid-article (here in its tokenizer, which is slow on a long run of quotes)
    changes nothing for the articles after it."""
    from newsgraph.pipeline import read_articles

    fixtures = sorted((Path(__file__).parent / "fixtures" / "articles").glob("*.txt"))[:3]
    normal = list(read_articles([str(path) for path in fixtures]))
    before = [e.to_dict() for e in extract_articles_safely(normal, nlp)]
    stalled = Article(id="quotes", text='"' * 40_000, content_hash="quotes")
    outcomes = list(extract_articles_safely([normal[0], stalled, *normal[1:]], nlp, timeout=1.0))
    assert kinds(outcomes) == ["ok", "ExtractionLimitError", "ok", "ok"]
    after = [e.to_dict() for e in extract_articles_safely(normal, nlp)]
    assert after == before
    assert [o.to_dict() for o in outcomes if isinstance(o, Extraction)] == before
