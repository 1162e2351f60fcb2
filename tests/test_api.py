"""The Python API: ``newsgraph.open`` queries and their filters, Records, ingest, exports, extract.

Most tests read ``sample_store`` (hand-made extractions written through the store writer);
the ones that run the trained pipeline are marked ``model``.
"""

from __future__ import annotations

import importlib.util
import inspect
import threading
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import newsgraph
from newsgraph.errors import OptionalDependencyError, StoreError, UsageError
from newsgraph.records import SCHEMAS, TABLES


@pytest.fixture
def db(sample_store):
    with newsgraph.open(sample_store.path) as database:
        yield database


def _speakers(records) -> list[str]:
    return [row.statement.speaker.name for row in records]


# --- statements ------------------------------------------------------------------------------------


def test_every_statement_is_listed_once_newest_article_first(db, sample_store):
    rows = db.statements()
    written = sum(len(e.statements) for e in sample_store.extractions.values())
    assert len(rows) == written == 11
    dates = [row.article_date for row in rows]
    assert dates == sorted(dates, reverse=True)
    # A wire copy has no statements of its own: nothing is counted twice.
    assert {row.article_id for row in rows} == {
        sample_store.ids[name] for name in ("mahan", "drones", "bolton", "hostile")
    }


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("pompeo", ["Mike Pompeo", "Mike Pompeo", "Mike Pompeo"]),
        ("MIKE POMPEO", ["Mike Pompeo", "Mike Pompeo", "Mike Pompeo"]),
        ("saree", ["Yahya Sarea"]),  # only the mention says "Saree"
        ("Secretary of State", ["Mike Pompeo", "Mike Pompeo"]),  # mentions
        ("nobody", []),
    ],
)
def test_speaker_matches_resolved_name_or_mention(db, speaker, expected):
    assert _speakers(db.statements(speaker=speaker)) == expected


def test_statement_dates_are_article_dates(db):
    rows = db.statements(since="2019-09-01", until="2019-09-13")
    assert _speakers(rows) == ["Donald Trump", "Mike Pompeo"]
    assert all(row.article_date == "2019-09-12" for row in rows)
    assert len(db.statements(until="2019-01-23")) == 4


def test_statement_query_and_speaker_combine(db):
    rows = db.statements(query="attacks", speaker="pompeo")
    assert [row.statement.content for row in rows] == ['there was "no evidence the attacks came from Yemen."']


def test_statements_of_a_wire_copy_are_its_representatives(db, sample_store):
    copy = db.statements(article="copy-of-drones")
    original = db.statements(article=sample_store.ids["drones"])
    assert copy == original and len(copy) == 4
    assert {row.article_id for row in copy} == {sample_store.ids["drones"]}
    assert db.statements(article="no-such-article") == []


def test_limit_and_offset_page_through_statements(db):
    everything = db.statements()
    assert db.statements(limit=3) == everything[:3]
    assert db.statements(limit=3, offset=3) == everything[3:6]
    assert db.statements(limit=0) == everything


# --- events ---------------------------------------------------------------------------------------


def _categories(records) -> list[str]:
    return [row.event.category for row in records]


def test_events_by_category(db):
    assert sorted(row.event.evidence[:12] for row in db.events(category="assault")) == [
        "oil faciliti",
        "providing ai",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "IRN"}, 5),  # Iran, and Mahan Air (IRN BUS) four times
        ({"actor": "irnbus"}, 4),  # code and sector
        ({"actor": "Trump"}, 2),  # a word of "Donald Trump"
        ({"actor": "US"}, 0),  # not a word of any name, not a code
        ({"actor": "ran"}, 0),
        ({"source": "Mahan Air"}, 0),
        ({"target": "Mahan Air"}, 4),
        ({"source": "SAU", "target": "YEM"}, 1),
        ({"actor": "Houthi movement"}, 2),
        ({"actor": "USA", "category": "ACCUSE"}, 2),
    ],
)
def test_actor_filters_match_code_or_name_on_the_right_side(db, filters, expected):
    assert len(db.events(**filters)) == expected


def test_event_days_fall_back_to_the_article_date(db, sample_store):
    rows = db.events(since="2019-01-22", until="2019-01-23")
    # The US sanctions have no date of their own: their article's date (2019-01-23) counts.
    # Germany's ban (2019-01-21), reported in the same article, is out.
    assert sorted(row.event.evidence[:24] for row in rows) == [
        "Mahan has been the subje",
        "Richard Grenell alleged,",
    ]
    assert {row.day for row in rows} == {"2019-01-23"}
    assert all(row.article_id == sample_store.ids["mahan"] for row in rows)


def test_negated_events_can_be_left_out(db):
    assert "AGREE" in _categories(db.events())
    assert "AGREE" not in _categories(db.events(negated=False))
    assert _categories(db.events(negated=True)) == ["AGREE"]


def test_events_of_a_wire_copy_are_not_counted_twice(db, sample_store):
    assert len(db.events()) == sum(len(e.events) for e in sample_store.extractions.values()) == 10
    assert db.events(article="copy-of-drones") == db.events(article=sample_store.ids["drones"])


# --- articles and search -----------------------------------------------------------------------------


def test_articles_include_wire_copies_with_their_cluster(db, sample_store):
    articles = db.articles()
    assert len(articles) == 6
    copy = next(a for a in articles if a.id == "copy-of-drones")
    assert copy.cluster == sample_store.ids["drones"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"query": "drone strikes"}, {"drones", "copy"}),
        ({"source": "MIRROR"}, {"copy"}),
        ({"category": "ASSAULT"}, {"drones", "copy"}),  # the copy by its representative's events
        ({"actor": "IRN"}, {"mahan", "drones", "copy"}),
        ({"actor": "Donald Trump"}, {"bolton"}),
        ({"since": "2019-09-13"}, {"drones", "copy", "hostile"}),
        ({"until": "2019-01-22"}, {"german"}),
        ({"query": "Sanktionen"}, {"german"}),
        ({"query": '"'}, set()),
    ],
)
def test_article_filters(db, sample_store, filters, expected):
    names = {v: k for k, v in sample_store.ids.items()}
    assert {names[a.id] for a in db.articles(**filters)} == expected


def test_search_ranks_and_gives_snippets(db, sample_store):
    hits = db.search("Mahan Air")
    assert hits[0].article.id == sample_store.ids["mahan"]
    assert hits.to_dicts()[0]["snippet"].count("[Mahan]") >= 1
    assert "text" not in hits.to_dicts()[0]


def test_article_ids_may_be_abbreviated(db, sample_store):
    mahan = sample_store.ids["mahan"]
    article = db.article(mahan[:8])
    assert article is not None and article.id == mahan
    assert db.article("nothing") is None
    with pytest.raises(StoreError, match="ambiguous"):
        db.article("c")


def test_the_extraction_of_a_copy_is_its_representatives(db, sample_store):
    extraction = db.extraction("copy-of-drones")
    assert extraction is not None and extraction.article.id == sample_store.ids["drones"]
    written = sample_store.extractions["drones"]
    assert (extraction.statements, extraction.events, extraction.entities) == (
        written.statements,
        written.events,
        written.entities,
    )


# --- actors, timeline, network --------------------------------------------------------------------------


def test_actors_are_grouped_by_name_with_their_activity(db):
    actors = {a.name: a for a in db.actors()}
    pompeo = actors["Mike Pompeo"]
    assert (pompeo.code, pompeo.sector, pompeo.role, pompeo.kind) == (
        "USA",
        "GOV",
        "Secretary of State",
        "person",
    )
    assert (pompeo.articles, pompeo.statements, pompeo.events_as_source) == (3, 3, 1)
    assert actors["Mahan Air"].events_as_target == 4
    assert [a.name for a in db.actors(name="IRN")] == ["Mahan Air", "Iran"]
    assert [a.name for a in db.actors(name="houthi")] == ["Houthi movement"]
    assert len(db.actors(limit=2)) == 2


def test_an_actor_profile_has_what_it_said_and_did(db, sample_store):
    profile = db.actor("mike pompeo")
    assert profile is not None
    assert profile.actor.name == "Mike Pompeo"
    assert len(profile.statements) == 3 and len(profile.events) == 1
    assert {hit.article.id for hit in profile.articles} == {
        sample_store.ids["mahan"],
        sample_store.ids["drones"],
        sample_store.ids["bolton"],
        "copy-of-drones",
    }
    assert db.actor("Mike") is None  # a whole name, not part of one
    assert profile.to_dict()["actor"]["name"] == "Mike Pompeo"


def test_timeline_counts_events_per_day_and_averages_goldstein(db):
    days = {d.day: d for d in db.timeline()}
    assert days["2019-09-14"].counts == {"ACCUSE": 1, "ASSAULT": 1}
    assert days["2019-09-14"].goldstein_mean == pytest.approx(-6.0)
    assert "2019-09-10" not in days  # the only event that day is negated
    assert sum(d.total for d in days.values()) == 9
    only_mahan = db.timeline(actor="Mahan Air")
    assert [d.day for d in only_mahan] == ["2019-01-21", "2019-01-23"]
    frame = db.timeline().to_arrow()
    assert frame.column("sanction").to_pylist()[0] == 2


def test_network_links_actors_weighted_by_events(db):
    graph = db.network()
    links = {(link.source_name, link.target_name): link for link in graph.links}
    assert links[("Germany", "Mahan Air")].events == 1
    assert ("Houthi movement", "Saudi Arabia") in links and ("Saudi Arabia", "Houthi movement") in links
    assert ("Donald Trump", "John Bolton") in links  # the REQUEST; the negated AGREE is left out
    assert links[("Donald Trump", "John Bolton")].events == 1
    nodes = {n.name: n for n in graph.nodes}
    assert nodes["Mahan Air"].events_in == 4
    assert len(db.network(max_nodes=3).nodes) == 3
    assert {n.name for n in db.network(category="ASSAULT").nodes} == {"Houthi movement", "Saudi Arabia"}


# --- results as tables ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "table"), [("statements", "statements"), ("events", "events"), ("articles", "articles")]
)
def test_records_convert_to_the_export_tables(db, method, table):
    records = getattr(db, method)()
    arrow = records.to_arrow()
    assert arrow.schema == SCHEMAS[table]
    assert arrow.num_rows == len(records)
    frame = records.to_pandas()
    assert list(frame.columns) == SCHEMAS[table].names
    assert len(frame) == len(records)


def test_records_convert_to_pandas_with_the_filters_applied(db):
    frame = db.events(category="SANCTION").to_pandas()
    assert set(frame["category"]) == {"SANCTION"}
    assert sorted(frame["source_names"].map(list).map(tuple)) == [
        ("Federal Aviation Office of Germany",),
        ("Germany",),
        ("United States",),
    ]


def test_empty_records_still_have_their_columns(db):
    empty = db.statements(speaker="nobody")
    assert empty.to_arrow().schema == SCHEMAS["statements"]
    assert empty.to_pandas().empty
    assert db.actors(name="nobody").to_arrow().num_rows == 0


def test_records_are_list_like(db):
    records = db.statements()
    assert isinstance(records[0], newsgraph.StatementRow)
    assert isinstance(records[1:3], newsgraph.Records) and len(records[1:3]) == 2
    assert list(records) == [records[i] for i in range(len(records))]
    assert "Records([" in repr(records)
    assert records.to_dicts()[0]["speaker"]["name"] == records[0].statement.speaker.name


def test_to_pandas_without_pandas_names_the_extra(db, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pandas" else real(name, *a)
    )
    with pytest.raises(OptionalDependencyError, match=r"newsgraph\[pandas\]"):
        db.statements().to_pandas()
    assert isinstance(db.statements().to_arrow(), pa.Table)


# --- bad input and the database itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "filters"),
    [
        ("statements", {"since": "last week"}),
        ("events", {"category": "BOMBING"}),
        ("events", {"until": "2019-02-30"}),
        ("articles", {"limit": -1}),
    ],
)
def test_bad_filters_are_usage_errors(db, method, filters):
    with pytest.raises(UsageError):
        getattr(db, method)(**filters)


def test_a_missing_database_is_an_error_at_the_first_query_and_is_not_created(tmp_path):
    missing = tmp_path / "missing.db"
    database = newsgraph.open(missing)
    with pytest.raises(StoreError, match="no such database"):
        database.statements()
    assert not missing.exists()


def test_each_thread_reads_through_its_own_connection(db):
    expected = db.statements().to_dicts()
    results: list[object] = []

    def read() -> None:
        results.append(db.statements().to_dicts())

    threads = [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 3


def test_ingest_then_query_through_one_database(tmp_path, fixtures_dir):
    spacy = pytest.importorskip("spacy")
    blank = spacy.blank("en")  # no trained model: articles are stored, nothing is found in them
    path = tmp_path / "new.db"
    with newsgraph.open(path) as database:
        summary = database.ingest(fixtures_dir / "articles" / "seed-layout-mahan-air.txt", nlp=blank)
        assert summary.new == 1 and not summary.failures
        assert [a.title for a in database.articles()] == ["Germany bans Mahan Air of Iran, citing 'security'"]
        # The reader opened above sees what a later ingest writes.
        database.ingest(
            [
                fixtures_dir
                / "articles"
                / "21_2019-09-12_us-president-trump-ousts-national-security-advisor-bolton.txt"
            ],
            nlp=blank,
        )
        assert len(database.articles()) == 2
        assert database.counts()["articles"] == 2


# --- exports ----------------------------------------------------------------------------------------------


def test_export_writes_every_article_once_and_each_fact_once(db, sample_store, tmp_path):
    files = db.export("parquet", tmp_path)
    assert sorted(f.name for f in files) == sorted(f"{t}.parquet" for t in TABLES)
    articles = pq.read_table(tmp_path / "articles.parquet")
    assert articles.num_rows == 6
    clusters = dict(
        zip(articles.column("article_id").to_pylist(), articles.column("cluster").to_pylist(), strict=True)
    )
    assert clusters["copy-of-drones"] == sample_store.ids["drones"]
    assert pq.read_table(tmp_path / "statements.parquet").num_rows == 11
    by_article = duckdb.sql(
        f"SELECT article_id, count(*) FROM '{tmp_path / 'events.parquet'}' GROUP BY article_id ORDER BY 1"
    ).fetchall()
    assert dict(by_article) == {
        sample_store.ids[n]: len(sample_store.extractions[n].events)
        for n in ("mahan", "drones", "bolton", "hostile")
    }
    entities = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'entities.parquet'}'").fetchall()
    assert entities == [(sum(len(e.entities) for e in sample_store.extractions.values()),)]


# --- the public surface ----------------------------------------------------------------------------------


def test_the_public_api_is_typed_and_documented():
    for name in newsgraph.__all__:
        assert hasattr(newsgraph, name), name
    for function in (newsgraph.extract, newsgraph.open):
        assert function.__doc__
        assert "return" in inspect.get_annotations(function)
    for name, member in inspect.getmembers(newsgraph.Database, inspect.isfunction):
        if name.startswith("_"):
            continue
        assert member.__doc__, name
        assert "return" in inspect.get_annotations(member), name


def test_extract_reads_an_existing_path_as_a_path_and_anything_else_as_text(
    monkeypatch, fixtures_dir, tmp_path
):
    spacy = pytest.importorskip("spacy")
    import newsgraph.pipeline

    monkeypatch.setattr(newsgraph.pipeline, "get_pipeline", lambda model=None: spacy.blank("en"))
    path = fixtures_dir / "articles" / "seed-layout-mahan-air.txt"
    from_path = newsgraph.extract(str(path))
    assert len(from_path) == 1 and from_path[0].article.title.startswith("Germany bans Mahan Air")
    assert newsgraph.extract(path)[0].article.id == from_path[0].article.id
    from_text = newsgraph.extract("Ministers met in Paris on Monday.", date="2024-01-08")
    assert from_text[0].article.text == "Ministers met in Paris on Monday."
    assert from_text[0].article.date == "2024-01-08"
    assert newsgraph.extract(str(tmp_path / "not-there.txt"))[0].article.text.endswith("not-there.txt")
    assert from_path.to_arrow("articles").num_rows == 1
    with pytest.raises(UsageError):
        newsgraph.extract("text", date="01/08/2024")


@pytest.mark.model
def test_extract_runs_the_pipeline_in_memory(tmp_path):
    results = newsgraph.extract(
        "Germany banned the Iranian airline Mahan Air on Monday, officials said.", date="2019-01-21"
    )
    assert len(results) == 1
    article = results[0].article
    assert article.date == "2019-01-21"
    for statement in results[0].statements:
        assert article.text[statement.start : statement.end] == statement.content
    assert not list(Path(tmp_path).iterdir())  # nothing stored
    assert results.to_arrow("statements").schema == SCHEMAS["statements"]
