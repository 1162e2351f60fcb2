"""The query layer: input validation, name matching, statement full-text search, highlighting, charts.

Stores are built from hand-made extractions (the ``sample_store`` fixture), so no spaCy is needed.
"""

from __future__ import annotations

import datetime
import hashlib
import sqlite3

import pytest

from newsgraph.errors import UsageError
from newsgraph.highlight import Mark, marks_of, segments
from newsgraph.query import (
    check_limit,
    event_filter,
    parse_category,
    parse_day,
    snippet_parts,
    statement_filter,
)
from newsgraph.store import SNIPPET_CLOSE, SNIPPET_OPEN, StoreReader
from newsgraph.store.filters import contains, has_words


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-09-14", "2019-09-14"),
        (" 2019-09-14 ", "2019-09-14"),
        (datetime.date(2020, 2, 29), "2020-02-29"),
        (datetime.datetime(2020, 2, 29, 13, 5), "2020-02-29"),
        ("", None),
        (None, None),
    ],
)
def test_days_are_iso_dates(value, expected):
    assert parse_day(value) == expected


@pytest.mark.parametrize(
    "value", ["2019-13-01", "2019-02-30", "14/09/2019", "yesterday", "2019-9-1", "20190914"]
)
def test_bad_days_are_usage_errors_naming_the_option(value):
    with pytest.raises(UsageError, match="since must be a date as YYYY-MM-DD"):
        parse_day(value, "since")


def test_since_after_until_is_a_usage_error():
    with pytest.raises(UsageError, match="after until"):
        statement_filter(since="2020-01-02", until="2020-01-01")


@pytest.mark.parametrize(
    ("value", "expected"), [("assault", "ASSAULT"), (" Sanction ", "SANCTION"), ("", None)]
)
def test_categories_are_plover_any_case(value, expected):
    assert parse_category(value) == expected


def test_an_unknown_category_lists_the_plover_categories():
    with pytest.raises(UsageError, match="ASSAULT") as info:
        event_filter(category="bombing")
    assert "bombing" in str(info.value)


@pytest.mark.parametrize(("limit", "expected"), [(None, None), (0, None), (5, 5)])
def test_limit_zero_means_all(limit, expected):
    assert check_limit(limit) == (expected, 0)


def test_negative_limits_and_offsets_are_usage_errors():
    with pytest.raises(UsageError):
        check_limit(-1)
    with pytest.raises(UsageError):
        check_limit(5, -1)


@pytest.mark.parametrize(
    ("haystack", "needle", "expected"),
    [
        ("Donald Trump", "trump", True),
        ("Donald Trump", "Donald Trump", True),
        ("Russia", "US", False),
        ("US Navy", "us", True),
        ("Iran", "ran", False),
        ("Iranian banks", "Iran", False),
        ("Government of Iran", "iran", True),
        ("Straße", "STRASSE", True),
        (None, "x", False),
        ("x", "", False),
    ],
)
def test_names_match_as_whole_words_ignoring_case(haystack, needle, expected):
    assert has_words(haystack, needle) is expected


@pytest.mark.parametrize(
    ("haystack", "needle", "expected"),
    [("Mike Pompeo", "POMP", True), ("Saree", "sarea", False), (None, "a", False), ("Mike", None, False)],
)
def test_speaker_matching_is_a_case_insensitive_substring(haystack, needle, expected):
    assert contains(haystack, needle) is expected


def test_statement_search_matches_the_statement_not_just_its_article(sample_store):
    with StoreReader(sample_store.path) as reader:
        found = reader.find_statements(statement_filter(query="Mahan"))
        # The Mahan Air article mentions "Mahan" everywhere; one statement says it.
        assert [row.statement.content for row in found] == [
            "The Federal Aviation Office of Germany has suspended Mahan's permit"
        ]
        # Stemming as in the article index: "attack" finds "attacks".
        speakers = sorted(
            row.statement.speaker.name for row in reader.find_statements(statement_filter(query="attack"))
        )
        assert speakers == ["Mike Pompeo", "Yahya Sarea", "Yahya Sarea"]
        assert reader.find_statements(statement_filter(query='"our targets will keep"'))[0].position == 0
        assert reader.find_statements(statement_filter(query='"keep our targets"')) == []
        # Paging applies after the full-text match.
        second = reader.find_statements(statement_filter(query="attack", limit=1, offset=1))
        assert len(second) == 1


@pytest.mark.parametrize("query", ['"', "OR (", "NEAR(a b)", "'); DROP TABLE statements; --", "*", "title:x"])
def test_hostile_statement_queries_do_not_raise(sample_store, query):
    with StoreReader(sample_store.path) as reader:
        assert isinstance(reader.find_statements(statement_filter(query=query)), list)
        assert reader.counts()["statements"] == 11


def test_hostile_filter_values_are_data_not_sql(sample_store):
    with StoreReader(sample_store.path) as reader:
        for value in ("' OR 1=1 --", "%", "_", "\\", '"; DROP TABLE events; --'):
            assert reader.find_events(event_filter(actor=value)) == []
            assert reader.find_statements(statement_filter(speaker=value)) == []
        assert reader.counts()["events"] == 10


def test_queries_leave_the_database_file_unchanged(sample_store):
    before = hashlib.sha256(sample_store.path.read_bytes()).hexdigest()
    with StoreReader(sample_store.path) as reader:
        reader.find_statements(statement_filter(query="attack", speaker="a"))
        reader.find_events(event_filter(actor="IRN"))
        reader.actor_summaries()
        reader.timeline_rows(event_filter())
        reader.network_edges(event_filter())
        with pytest.raises(sqlite3.OperationalError):
            reader.conn.execute("DELETE FROM statements")
    assert hashlib.sha256(sample_store.path.read_bytes()).hexdigest() == before


def test_resolving_an_article_id_prefix(sample_store):
    with StoreReader(sample_store.path) as reader:
        mahan = sample_store.ids["mahan"]
        assert reader.resolve_article_id(mahan[:6]) == [mahan]
        assert reader.resolve_article_id("hostile") == ["hostile"]
        assert len(reader.resolve_article_id("c")) == 2  # c294... and copy-of-drones
        assert reader.resolve_article_id("zzz") == []
        assert reader.resolve_article_id("") == []


# --- highlighting ------------------------------------------------------------------------------------


def test_segments_cut_at_every_boundary_and_rebuild_the_text():
    text = "abcdefghij"
    marks = [Mark("s0", "statement", 2, 7), Mark("e0", "event", 5, 9), Mark("s0", "cue", 0, 1)]
    pieces = segments(text, marks)
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.ids) for p in pieces] == [
        ("a", ("s0",)),
        ("b", ()),
        ("cde", ("s0",)),
        ("fg", ("s0", "e0")),
        ("hi", ("e0",)),
        ("j", ()),
    ]
    assert pieces[3].kinds == ("statement", "event")


def test_nested_and_identical_spans_are_both_kept():
    text = "0123456789"
    marks = [Mark("s0", "statement", 0, 10), Mark("e0", "event", 3, 5), Mark("e1", "event", 3, 5)]
    pieces = segments(text, marks)
    assert [(p.text, p.ids) for p in pieces] == [
        ("012", ("s0",)),
        ("34", ("s0", "e0", "e1")),
        ("56789", ("s0",)),
    ]


@pytest.mark.parametrize(
    "bad", [Mark("s9", "statement", -1, 3), Mark("s9", "statement", 4, 4), Mark("s9", "event", 5, 99)]
)
def test_spans_outside_the_text_are_ignored(bad):
    pieces = segments("abcdef", [bad])
    assert [(p.text, p.ids) for p in pieces] == [("abcdef", ())]


def test_every_statement_and_event_of_an_article_is_marked(sample_store):
    extraction = sample_store.extractions["mahan"]
    marks = marks_of(extraction)
    pieces = segments(extraction.article.text, marks)
    assert "".join(p.text for p in pieces) == extraction.article.text
    marked = {mark_id for p in pieces for mark_id in p.ids}
    assert marked == {f"s{i}" for i in range(4)} | {f"e{i}" for i in range(4)}
    # Statement 1 and event 3 cover the same words; both are on those pieces.
    statement = extraction.statements[1]
    covering = [p for p in pieces if statement.start <= p.start and p.end <= statement.end]
    assert covering and all({"s1", "e3"} <= set(p.ids) for p in covering)


def test_snippet_parts_split_matched_words():
    snippet = f"Germany {SNIPPET_OPEN}banned{SNIPPET_CLOSE} the {SNIPPET_OPEN}airline{SNIPPET_CLOSE}…"
    assert snippet_parts(snippet) == [
        ("Germany ", False),
        ("banned", True),
        (" the ", False),
        ("airline", True),
        ("…", False),
    ]
    assert snippet_parts("no match <b>") == [("no match <b>", False)]
    assert snippet_parts(f"{SNIPPET_OPEN}open") == [("open", True)]
