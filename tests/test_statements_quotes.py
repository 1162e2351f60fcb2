"""Pairing quotation marks (newsgraph.quotes): every layout news uses, without the model."""

from __future__ import annotations

import pytest

from newsgraph.quotes import find_quotes, is_quote_mark


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," he said.', ["We will win"]),
        ("“We will win,” he said.", ["We will win"]),
        ("«We will win», he said.", ["We will win"]),
        ("''We will win,'' he said.", ["We will win"]),
        ('He said: "We will win."', ["We will win."]),
        ('"A," he said, "B."', ["A", "B."]),
        (
            '“Curly,” she said. "Straight," he said. «Guillemets», they said.',
            ["Curly", "Straight", "Guillemets"],
        ),
        ("”Backwards mark used to open.” ― A Reader", ["Backwards mark used to open."]),
        (
            "“I would rather live in what he calls “hell” than here.” ― A Reader",
            ["I would rather live in what he calls “hell” than here."],
        ),
    ],
)
def test_pairs_marks_of_every_kind(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_quote_over_paragraphs_is_one_group_with_a_part_per_paragraph() -> None:
    text = 'Smith said: "First part.\n\n"Second part.\n\n"Last part," he added.\n\nAfter.'
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["First part.", "Second part.", "Last part"]
    assert len({q.group for q in quotes}) == 1
    assert [q.continues for q in quotes] == [True, True, False]
    assert [q.continued for q in quotes] == [False, True, True]


def test_stray_opening_mark_costs_only_itself() -> None:
    text = 'He said "this never closes.\n\nLater, Jones said: "We are ready." And "done".'
    assert quoted(text) == ["We are ready.", "done"]


def test_stray_mark_inside_a_paragraph_keeps_later_pairs() -> None:
    assert quoted('A stray " mark, then "a real quote" here.') == ["a real quote"]


def test_apostrophes_and_single_marks_are_not_quotations() -> None:
    assert quoted("Russia’s demand, the ‘so-called’ deal and the students' union.") == []


def test_inch_mark_does_not_open_a_quotation() -> None:
    assert quoted('A 6" pipe and a "quoted" word.') == ["quoted"]


def test_offsets_index_the_text() -> None:
    text = 'Intro. "Quoted words," she said.'
    (q,) = find_quotes(text)
    assert text[q.mark_start] == '"' and text[q.mark_end - 1] == '"'
    assert text[q.start : q.end] == "Quoted words"


@pytest.mark.parametrize(
    ("token", "expected"), [('"', True), ("“", True), ("''", True), ("'", False), ("a", False)]
)
def test_is_quote_mark(token: str, expected: bool) -> None:
    assert is_quote_mark(token) is expected
