"""Dates resolved against the article date, without the model."""

from __future__ import annotations

import pytest

from newsgraph.dates import find_dates, resolve_date

FRIDAY = "2022-01-28"


@pytest.mark.parametrize(
    ("text", "article_date", "day"),
    [
        ("The U.S. and NATO on Wednesday formally rejected", FRIDAY, "2022-01-26"),
        ("earlier Friday repeated", FRIDAY, "2022-01-28"),
        ("on Friday", FRIDAY, "2022-01-28"),
        ("last Friday", FRIDAY, "2022-01-21"),
        ("Late on Sunday", "2019-10-15", "2019-10-13"),
        ("Yesterday, the president said", "2019-09-23", "2019-09-22"),
        ("today", FRIDAY, FRIDAY),
        ("tomorrow", FRIDAY, "2022-01-29"),
        ("on January 2", "2020-01-05", "2020-01-02"),
        ("the December 31 attack", "2020-01-05", "2019-12-31"),
        ("the attack on December 27th", "2020-01-05", "2019-12-27"),
        ("on 5 May 2019", "2020-01-11", "2019-05-05"),
        ("Jan. 3", "2020-01-11", "2020-01-03"),
        ("2019-10-06", None, "2019-10-06"),
        ("three days ago", "2020-01-11", "2020-01-08"),
    ],
)
def test_days(text: str, article_date: str | None, day: str) -> None:
    found = resolve_date(text, article_date)
    assert found is not None and found.date == day


@pytest.mark.parametrize(
    ("text", "article_date", "period"),
    [
        ("in 2019", "2019-08-24", "2019"),
        ("last week", FRIDAY, "2022-W03"),
        ("this week", FRIDAY, "2022-W04"),
        ("last month", "2020-01-11", "2019-12"),
        ("last year", FRIDAY, "2021"),
        ("in March", "2019-08-24", "2019-03"),
        ("Last April", "2020-01-11", "2019-04"),
        ("in June 2018", None, "2018-06"),
    ],
)
def test_periods(text: str, article_date: str | None, period: str) -> None:
    found = resolve_date(text, article_date)
    assert found is not None and found.date is None and found.period == period


def test_future_clauses_look_forward() -> None:
    found = resolve_date("will meet on Monday", FRIDAY, future=True)
    assert found is not None and found.date == "2022-01-31"


def test_relative_to_the_previous_event() -> None:
    found = resolve_date("the following day", "2020-01-11", reference="2020-01-08")
    assert found is not None and found.date == "2020-01-09"


def test_no_article_date_keeps_relative_dates_unresolved() -> None:
    found = resolve_date("on Wednesday", None)
    assert found is not None and not found.resolved


@pytest.mark.parametrize("text", ["it may rain", "they march on", "no date here", "a sunday school"])
def test_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, FRIDAY) == []


def test_offsets_point_at_the_expression() -> None:
    text = "Officials met on Wednesday and again on 2 February 2022."
    found = find_dates(text, FRIDAY)
    assert [text[m.start : m.end] for m in found] == ["on Wednesday", "2 February 2022"]


def test_anchored_search_finds_what_a_full_search_finds() -> None:
    from newsgraph.dates import _DATE_RE, _plausible, date_matches

    text = (
        "On Wednesday, two days after the talks of January 24, 2022, Kenya said it would act "
        "by mid-March or in 2023. Last week the ministers met; the following day, this morning "
        "and yesterday they spoke again, as they had three years earlier and on 5 May 2021."
    )
    full = [(m.start(), m.end()) for m in _DATE_RE.finditer(text) if _plausible(m, text)]
    assert [(m.start(), m.end()) for m in date_matches(text)] == full
    assert len(full) >= 8
