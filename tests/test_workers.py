"""Parallel extraction: input order, bounded look-ahead, failures kept to their article, one model per worker.

Most tests run the pool on a tiny blank pipeline (a tokenizer and one test component, loaded
by :func:`probe_pipeline` in each worker) so they exercise the process machinery in seconds;
the tests marked ``model`` compare real extraction with 1 and 2 workers.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.errors import ExtractionError, ModelNotFoundError
from newsgraph.model import Article, Entity, Extraction
from newsgraph.pipeline import ExtractSummary, extract_inputs
from newsgraph.workers import ExtractionPool, default_workers, describe_error

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

#: Pipelines built in this process by probe_pipeline (each worker process has its own count).
probe_loads = 0


@Language.component("test_worker_probe")
def worker_probe(doc: Doc) -> Doc:
    """Tags each Doc with the process that made it and that process's pipeline loads.

    "RAISE" in the text makes the component raise; "EXIT" makes the worker process die.
    """
    if "RAISE" in doc.text:
        raise ValueError("probe asked to raise")
    if "EXIT" in doc.text:
        os._exit(3)
    doc._.ng_entities = [Entity(id=f"{os.getpid()}:{probe_loads}", name="probe", kind="person")]
    return doc


def probe_pipeline() -> Language:
    """A blank English pipeline with the probe component (module-level: workers unpickle it)."""
    global probe_loads
    nlp = spacy.blank("en")
    nlp.add_pipe("test_worker_probe")
    probe_loads += 1
    return nlp


def articles(texts: list[str]) -> list[Article]:
    return [Article(id=f"a{i}", text=text, content_hash=f"h{i}") for i, text in enumerate(texts)]


def probe_of(extraction: Extraction | Exception | None) -> tuple[int, int]:
    """(pid, loads in that process) from a probe extraction."""
    assert isinstance(extraction, Extraction), extraction
    pid, loads = extraction.entities[0].id.split(":")
    return int(pid), int(loads)


@pytest.mark.parametrize("workers", [1, 2])
def test_outcomes_come_in_input_order_with_one_pipeline_per_process(workers):
    texts = [f"Article number {i} says something." for i in range(50)]
    with ExtractionPool(workers, loader=probe_pipeline, batch_size=4) as pool:
        outcomes = list(pool.extract(articles(texts)))
    assert [o.article.text for o in outcomes if isinstance(o, Extraction)] == texts
    probes = [probe_of(o) for o in outcomes]
    pids = {pid for pid, _ in probes}
    if workers == 1:
        assert pids == {os.getpid()}
        assert len({loads for _, loads in probes}) == 1  # one load for the whole run
    else:
        assert os.getpid() not in pids and 1 <= len(pids) <= workers
        assert all(loads == 1 for _, loads in probes)


def test_items_that_need_no_extraction_pass_through_in_order():
    items = [(i, i % 3 == 0) for i in range(40)]  # (number, needs extraction)
    source = articles([f"Text {i}." for i in range(40)])
    with ExtractionPool(2, loader=probe_pipeline, batch_size=3) as pool:
        results = list(pool.map(items, lambda item: source[item[0]] if item[1] else None))
    assert [item for item, _ in results] == items
    for (number, needed), outcome in results:
        if needed:
            assert isinstance(outcome, Extraction) and outcome.article.id == f"a{number}"
        else:
            assert outcome is None


@pytest.mark.parametrize("workers", [1, 2])
def test_the_pool_reads_ahead_a_bounded_number_of_items(workers):
    consumed = 0

    def endless() -> Iterator[Article]:
        nonlocal consumed
        while True:
            consumed += 1
            yield Article(id=f"a{consumed}", text=f"Text {consumed}.", content_hash=f"h{consumed}")

    with ExtractionPool(workers, loader=probe_pipeline, batch_size=5, max_in_flight=2) as pool:
        stream = pool.extract(endless())
        for handed_out in range(1, 201):
            next(stream)
            # At most the batches in flight plus the one being filled are ahead of the consumer.
            assert consumed - handed_out <= 5 * (2 + 1)
        stream.close()


def test_many_pass_through_items_do_not_pile_up_behind_a_slow_batch():
    consumed = 0

    def mostly_unchanged() -> Iterator[tuple[int, Article | None]]:
        nonlocal consumed
        while True:
            consumed += 1
            article = Article(id=f"a{consumed}", text="Text.", content_hash=f"h{consumed}")
            yield consumed, article if consumed % 100 == 1 else None

    with ExtractionPool(2, loader=probe_pipeline, batch_size=8) as pool:
        stream = pool.map(mostly_unchanged(), lambda item: item[1])
        for handed_out in range(1, 3001):
            next(stream)
            assert consumed - handed_out <= pool.max_backlog + 1
        stream.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_the_pipeline_fails_on_fails_alone(workers):
    texts = ["First article.", "Second RAISE article.", "Third article.", "Fourth article."]
    with ExtractionPool(workers, loader=probe_pipeline, batch_size=4) as pool:
        outcomes = list(pool.extract(articles(texts)))
    assert [isinstance(o, Extraction) for o in outcomes] == [True, False, True, True]
    assert describe_error(outcomes[1]) == "ValueError: probe asked to raise"
    assert [o.article.text for o in outcomes if isinstance(o, Extraction)] == [
        texts[0],
        texts[2],
        texts[3],
    ]


def test_a_worker_that_dies_costs_only_its_article():
    texts = [f"Article {i}." for i in range(12)]
    texts[5] = "This article makes the worker EXIT."
    with ExtractionPool(2, loader=probe_pipeline, batch_size=4) as pool:
        outcomes = list(pool.extract(articles(texts)))
        assert pool.restarts >= 1
    failed = [i for i, o in enumerate(outcomes) if not isinstance(o, Extraction)]
    assert failed == [5]
    assert isinstance(outcomes[5], ExtractionError) and "worker process died" in str(outcomes[5])


def test_worker_peak_memory_is_reported():
    with ExtractionPool(2, loader=probe_pipeline, batch_size=2) as pool:
        list(pool.extract(articles([f"Text {i}." for i in range(8)])))
        pids = pool.worker_pids()
        peaks = pool.peak_rss_mb()
    assert pids and set(peaks) == set(pids)
    assert all(10 < peak < 4000 for peak in peaks.values())


def test_a_missing_model_stops_the_run_with_its_own_error():
    with pytest.raises(ModelNotFoundError), ExtractionPool(2, "no_such_spacy_model_for_tests") as pool:
        list(pool.extract(articles(["Some text."])))
    with pytest.raises(ModelNotFoundError):
        list(extract_inputs([str(ARTICLES)], model="no_such_spacy_model_for_tests", workers=2))


def test_an_input_that_fits_in_one_batch_is_extracted_without_starting_workers():
    with ExtractionPool(2, loader=probe_pipeline, batch_size=8) as pool:
        outcomes = list(pool.extract(articles(["One article.", "Another article."])))
        assert pool.worker_pids() == []
    assert {probe_of(o)[0] for o in outcomes} == {os.getpid()}


def test_default_workers_is_the_cores_this_process_may_use():
    assert default_workers() == len(os.sched_getaffinity(0))


# --- real extraction: the same records whatever the number of workers -----------------------------


def _lines(workers: int, paths: list[str]) -> tuple[list[str], ExtractSummary]:
    summary = ExtractSummary()
    lines = [
        json.dumps(e.to_dict(), sort_keys=True)
        for e in extract_inputs(paths, workers=workers, summary=summary)
    ]
    return lines, summary


@pytest.mark.model
@pytest.mark.slow
def test_extract_with_two_workers_equals_one_worker_in_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    one, one_summary = _lines(1, [str(folder)])
    two, two_summary = _lines(2, [str(folder)])
    assert len(one) == len(list(ARTICLES.glob("*.txt")))
    assert two == one
    assert [f.path for f in two_summary.failures] == [f.path for f in one_summary.failures]


@pytest.mark.model
@pytest.mark.slow
def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path):
    from newsgraph.ingest import ingest_paths
    from newsgraph.store import StoreReader

    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    # A wire copy (near-duplicate) of the first article, read after it.
    first = sorted(ARTICLES.glob("*.txt"))[0]
    blocks = first.read_text(encoding="utf-8").split("\n\n")
    (folder / "zz-copy.txt").write_text("\n\n".join([*blocks[:2], "LONDON (Wire Service) —", *blocks[2:]]))

    stored = {}
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        summary = ingest_paths([str(folder)], db, workers=workers, batch_size=2)
        assert summary.failed == 0
        with StoreReader(db) as reader:
            stored[workers] = (
                (summary.new, summary.near_duplicates),
                reader.counts(),
                [(a.id, a.cluster) for a in reader.articles()],
            )
    assert stored[2] == stored[1]
    assert stored[1][0][1] == 1


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_the_workers_option_must_be_a_positive_number(command, tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app

    options = ["--db", str(tmp_path / "x.db")] if command == "ingest" else []
    result = CliRunner().invoke(app, [command, "--workers", "0", *options, str(ARTICLES)])
    assert result.exit_code == 2
    assert "workers" in result.output and "greater than or equal to 1" in result.output


@pytest.mark.model
@pytest.mark.slow
def test_ingest_command_with_two_workers_stores_every_article(tmp_path):
    from typer.testing import CliRunner

    from newsgraph.cli import app
    from newsgraph.store import StoreReader

    db = tmp_path / "news.db"
    result = CliRunner().invoke(app, ["ingest", "--workers", "2", "--db", str(db), str(ARTICLES)])
    assert result.exit_code == 0, result.output
    with StoreReader(db) as reader:
        assert reader.counts()["articles"] == len(list(ARTICLES.glob("*.txt")))
