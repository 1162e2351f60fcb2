"""``newsgraph ingest``: re-runs, --force, near-duplicates, failures, the summary and the CLI.

Extraction goes through a spy that records which articles reached the pipeline and adds a
marker statement to each extraction, so that what the store joins through clusters is not
empty whatever the extractors find.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph.ingest as ingest_module
from newsgraph.cli import app
from newsgraph.errors import UsageError
from newsgraph.ingest import ArticleOutcome, format_summary, ingest_paths
from newsgraph.model import Article, Extraction, SpeakerRef, Statement
from newsgraph.store import StoreReader

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
INPUTS = (
    "seed-layout-mahan-air.txt",
    "12_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt",
    "21_2019-09-12_us-president-trump-ousts-national-security-advisor-bolton.txt",
    "22_2019-09-15_oil-facilities-in-saudi-arabia-hit-by-drone-attacks.txt",
)
#: My own sentences; long enough for language detection.
GERMAN = (
    "Die Bundesregierung hat am Montag neue Sanktionen gegen mehrere Unternehmen beschlossen.\n\n"
    "Ein Sprecher sagte, man werde die Lage weiter beobachten und mit den europäischen Partnern beraten."
)
NO_MODEL = "no_such_spacy_model_for_tests"


class Spy:
    """Wraps ``extract_articles``: records article ids, adds a marker statement, can fail on demand."""

    def __init__(self, real) -> None:
        self.real = real
        self.extracted: list[str] = []
        self.raise_for: set[str] = set()
        self.bad_reference_for: set[str] = set()

    def __call__(self, articles: Iterable[Article], nlp, batch_size: int = 64, n_process: int = 1):
        batch = list(articles)
        return self._run(batch, nlp, batch_size, n_process)

    def _run(self, batch: list[Article], nlp, batch_size: int, n_process: int) -> Iterator[Extraction]:
        if any(article.id in self.raise_for for article in batch):
            raise RuntimeError("the pipeline broke on this article")
        self.extracted.extend(article.id for article in batch)
        for extraction in self.real(batch, nlp, batch_size, n_process):
            first = extraction.article.paragraphs[0]
            marker = Statement("indirect", first, 0, len(first), None, SpeakerRef("marker"))
            if extraction.article.id in self.bad_reference_for:
                marker.speaker.entity = "e404"
            extraction.statements.append(marker)
            yield extraction


@pytest.fixture
def spy(monkeypatch) -> Spy:
    spy = Spy(ingest_module.extract_articles)
    monkeypatch.setattr(ingest_module, "extract_articles", spy)
    return spy


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in INPUTS:
        shutil.copy(ARTICLES / name, folder / name)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


def wire_copy(path: Path) -> str:
    """The file with a dateline added, its last body paragraph dropped and a word changed."""
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    title, date, *rest = [block for block in blocks if block.strip()]
    body = [block for block in rest if not block.startswith(("Original url", "http"))]
    edited = ["WASHINGTON (Wire) —", *body[:-1]]
    return "\n\n".join([title, date, *edited]).replace("Twitter", "X (formerly Twitter)", 1) + "\n"


def ids_by_file(reader: StoreReader) -> dict[str, str]:
    return {Path(article.path or "").name: article.id for article in reader.articles()}


@pytest.mark.model
def test_ingesting_a_folder_twice_stores_it_once(nlp, spy, inputs, db):
    outcomes: list[ArticleOutcome] = []
    first = ingest_paths([str(inputs)], db, nlp=nlp, on_article=outcomes.append)
    assert (first.read, first.new, first.unchanged, first.failed) == (4, 4, 0, 0)
    assert [outcome.outcome for outcome in outcomes] == ["new"] * 4
    with StoreReader(db) as reader:
        counts = reader.counts()
        assert counts["articles"] == 4 and counts["statements"] >= 4
        assert set(spy.extracted) == {article.id for article in reader.articles()}

    # The second run needs no model at all: a model that does not exist is never loaded.
    second = ingest_paths([str(inputs)], db, model=NO_MODEL)
    assert (second.read, second.new, second.unchanged, second.failed) == (4, 0, 4, 0)
    assert len(spy.extracted) == 4
    with StoreReader(db) as reader:
        assert reader.counts() == counts


@pytest.mark.model
def test_force_re_extracts_and_replaces(nlp, spy, inputs, db):
    ingest_paths([str(inputs)], db, nlp=nlp)
    with StoreReader(db) as reader:
        counts = reader.counts()
        first_ids = [article.id for article in reader.articles()]
    forced = ingest_paths([str(inputs)], db, nlp=nlp, force=True)
    assert (forced.read, forced.replaced, forced.new, forced.unchanged) == (4, 4, 0, 0)
    assert sorted(spy.extracted) == sorted(first_ids * 2)
    with StoreReader(db) as reader:
        assert reader.counts() == counts
        assert [article.id for article in reader.articles()] == first_ids
        assert {reader.extraction_status(i) for i in first_ids} == {"extracted"}


@pytest.mark.model
def test_a_near_duplicate_is_stored_in_the_cluster_and_not_extracted(nlp, spy, inputs, db):
    original = inputs / "21_2019-09-12_us-president-trump-ousts-national-security-advisor-bolton.txt"
    (inputs / "zz-wire-copy-of-bolton.txt").write_text(wire_copy(original), encoding="utf-8")
    summary = ingest_paths([str(inputs)], db, nlp=nlp)
    assert (summary.read, summary.new, summary.near_duplicates, summary.failed) == (5, 4, 1, 0)
    with StoreReader(db) as reader:
        ids = ids_by_file(reader)
        copy_id, original_id = ids["zz-wire-copy-of-bolton.txt"], ids[original.name]
        assert copy_id != original_id
        copy = reader.article(copy_id)
        assert copy is not None and copy.cluster == original_id
        assert reader.extraction_status(copy_id) == "near_duplicate"
        assert copy_id not in spy.extracted and original_id in spy.extracted
        # The copy's statements are the representative's, joined through the cluster.
        through_cluster = reader.statements(copy_id)
        assert through_cluster and through_cluster == reader.statements(original_id)
        assert {row.article_id for row in through_cluster} == {original_id}
        assert reader.cluster_members(original_id) == [original_id, copy_id]
        # Unrelated articles stay in clusters of their own.
        assert all(
            reader.cluster_of(i) == i for name, i in ids.items() if name != "zz-wire-copy-of-bolton.txt"
        )


@pytest.mark.model
def test_a_copy_ingested_later_finds_the_earlier_article(nlp, spy, inputs, db, tmp_path):
    ingest_paths([str(inputs)], db, nlp=nlp)
    later = tmp_path / "later"
    later.mkdir()
    copy_file = later / "copy.txt"
    copy_file.write_text(
        wire_copy(inputs / "12_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt"),
        encoding="utf-8",
    )
    # A copy needs no extraction, so this run never loads a model either.
    summary = ingest_paths([str(later)], db, model=NO_MODEL)
    assert (summary.near_duplicates, summary.new, summary.failed) == (1, 0, 0)
    with StoreReader(db) as reader:
        ids = ids_by_file(reader)
        assert (
            reader.cluster_of(ids["copy.txt"])
            == ids["12_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt"]
        )


@pytest.mark.model
def test_the_same_content_twice_in_one_run_is_stored_once(nlp, spy, inputs, db):
    shutil.copy(inputs / INPUTS[1], inputs / "same-again.txt")
    summary = ingest_paths([str(inputs)], db, nlp=nlp)
    assert (summary.read, summary.new, summary.unchanged) == (5, 4, 1)


@pytest.mark.model
def test_a_non_english_article_is_stored_without_extraction(nlp, spy, inputs, db):
    (inputs / "german.txt").write_text(GERMAN, encoding="utf-8")
    summary = ingest_paths([str(inputs)], db, nlp=nlp)
    assert (summary.new, summary.non_english, summary.failed) == (4, 1, 0)
    with StoreReader(db) as reader:
        german_id = ids_by_file(reader)["german.txt"]
        german = reader.article(german_id)
        assert german is not None and german.language == "de"
        assert reader.extraction_status(german_id) == "not_english"
        assert reader.statements(german_id) == []
        assert german_id not in spy.extracted


@pytest.mark.model
def test_broken_inputs_are_reported_and_the_rest_is_stored(nlp, spy, inputs, db, tmp_path):
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "blank.txt").write_text("  \n\n \n", encoding="utf-8")
    missing = tmp_path / "does-not-exist.txt"
    summary = ingest_paths([str(inputs), str(missing)], db, nlp=nlp)
    failed = {Path(failure.path).name: failure.reason for failure in summary.failures}
    assert set(failed) == {"empty.txt", "blank.txt", "does-not-exist.txt"}
    assert all(reason for reason in failed.values())
    assert summary.new == 4
    with StoreReader(db) as reader:
        assert reader.counts()["articles"] == 4


@pytest.mark.model
def test_a_store_error_rolls_back_that_article_only(nlp, spy, inputs, db):
    bolton_id = _id_of(inputs / "21_2019-09-12_us-president-trump-ousts-national-security-advisor-bolton.txt")
    spy.bad_reference_for.add(bolton_id)
    summary = ingest_paths([str(inputs)], db, nlp=nlp)
    assert (summary.new, summary.failed) == (3, 1)
    assert "e404" in summary.failures[0].reason
    with StoreReader(db) as reader:
        assert reader.article(bolton_id) is None
        assert reader.counts()["articles"] == 3
        assert reader.search("Bolton") == []
    # Once the problem is gone, the article goes in (nothing half-stored is in the way).
    spy.bad_reference_for.clear()
    again = ingest_paths([str(inputs)], db, nlp=nlp)
    assert (again.new, again.unchanged, again.failed) == (1, 3, 0)


@pytest.mark.model
def test_a_copy_whose_original_failed_is_extracted_in_its_place(nlp, spy, inputs, db):
    original = inputs / "21_2019-09-12_us-president-trump-ousts-national-security-advisor-bolton.txt"
    (inputs / "zz-wire-copy-of-bolton.txt").write_text(wire_copy(original), encoding="utf-8")
    spy.bad_reference_for.add(_id_of(original))
    summary = ingest_paths([str(inputs)], db, nlp=nlp)
    assert (summary.new, summary.near_duplicates, summary.failed) == (4, 0, 1)
    with StoreReader(db) as reader:
        copy_id = ids_by_file(reader)["zz-wire-copy-of-bolton.txt"]
        assert reader.extraction_status(copy_id) == "extracted"
        assert reader.cluster_of(copy_id) == copy_id
        assert reader.statements(copy_id)
    assert copy_id in spy.extracted


@pytest.mark.model
def test_an_extraction_error_fails_that_article_only(nlp, spy, inputs, db):
    brexit_id = _id_of(inputs / "12_2019-03-28_thousands-march-in-anti-brexit-protest-london.txt")
    spy.raise_for.add(brexit_id)
    summary = ingest_paths([str(inputs)], db, nlp=nlp)
    assert (summary.new, summary.failed) == (3, 1)
    assert summary.failures[0].path.endswith("anti-brexit-protest-london.txt")
    assert "extraction failed" in summary.failures[0].reason
    with StoreReader(db) as reader:
        assert reader.article(brexit_id) is None


def _id_of(path: Path) -> str:
    """The id ingest gives a text file's article (its content hash), via the same cleaning."""
    from newsgraph.clean import make_article
    from newsgraph.readers import read_paths

    (record,) = list(read_paths([str(path)]))
    return make_article(record).id  # type: ignore[arg-type]


def test_a_bad_date_is_a_usage_error(db):
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        ingest_paths([], db, date="23/01/2019")


def test_the_summary_names_each_failure():
    from newsgraph.ingest import IngestFailure, IngestSummary

    summary = IngestSummary(db="x.db", read=3, new=1, unchanged=1, near_duplicates=1)
    summary.failures.append(IngestFailure("in/bad.txt", "empty input"))
    text = "\n".join(format_summary(summary))
    for expected in ("x.db", "read", "new", "unchanged", "near-duplicates", "skipped non-English"):
        assert expected in text
    assert "in/bad.txt: empty input" in text
    assert "replaced" not in text


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def cli_nlp(monkeypatch, nlp):
    """The CLI loads its model through get_pipeline; hand it the session's pipeline."""
    monkeypatch.setattr(ingest_module, "get_pipeline", lambda model=None: nlp)


@pytest.mark.model
def test_the_command_prints_the_summary_and_exits_1_when_an_input_failed(cli_nlp, inputs, db, tmp_path):
    runner = CliRunner()
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(app, ["ingest", "--db", str(db), str(inputs), missing])
    assert result.exit_code == 1, result.output
    assert "new" in result.stdout and "4" in result.stdout
    assert f"{missing}: no such file or directory" in result.stdout
    again = runner.invoke(app, ["ingest", "--db", str(db), str(inputs)])
    assert again.exit_code == 0, again.output
    assert "unchanged" in again.stdout
    # Not a terminal: no progress display.
    assert again.stderr == ""


@pytest.mark.parametrize(
    "args",
    [["ingest"], ["ingest", "--date", "yesterday", "x.txt"], ["ingest", "--no-such-option", "x.txt"]],
)
def test_usage_errors_exit_2(args, tmp_path):
    result = CliRunner().invoke(app, [*args, "--db", str(tmp_path / "u.db")])
    assert result.exit_code == 2, result.output
