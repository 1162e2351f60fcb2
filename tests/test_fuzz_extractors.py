"""Property tests (Hypothesis) over the extractors: any text through the full pipeline.

Text goes the way ``newsgraph extract --text`` takes it (read, cleaned, then the spaCy
pipeline with newsgraph's components), and whatever it is, extraction raises nothing and
every fact points into the text: each offset lies inside it, each entity mention, statement
content, cue, speaker mention and event evidence is exactly ``text[start:end]``, and every
entity a statement or event names exists (the store refuses dangling references).

Two generators: arbitrary Unicode text, and "news-ish" text made of the words extraction
turns on (names, cues, quotation marks of every kind, event verbs, dates, negation) in random
order, with the odd character that breaks naive code (emoji, combining marks, right-to-left
script, zero-width and non-breaking spaces). Deterministic in CI (``derandomize``, no example
database); a modest number of examples keeps the module to seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.clean import make_article
from newsgraph.model import Extraction, RawArticle
from newsgraph.pipeline import extract_articles
from newsgraph.readers import read_text

pytestmark = pytest.mark.model

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)

ACTORS = [
    "Angela Merkel",
    "Mr. Putin",
    "President Biden",
    "the minister",
    "Ms. Okafor",
    "a spokesman",
    "Reuters",
    "the United Nations",
    "NATO",
    "Hamas",
    "Germany",
    "Iran",
    "the U.S.",
    "Kyiv",
    "Beijing",
    "he",
    "she",
    "they",
    "His",
    "its",
    "officials",
    "police",
]
CUE_WORDS = [
    "said",
    "says",
    "told",
    "told reporters",
    "according to",
    "warned",
    "added",
    "claimed",
    "denied",
    "insisted",
    "said that",
    "in a statement",
    "quoted",
    "reportedly",
    "asked",
]
EVENT_WORDS = [
    "attacked",
    "bombed",
    "sanctioned",
    "met with",
    "signed an agreement with",
    "accused",
    "protested",
    "arrested",
    "killed",
    "withdrew from",
    "threatened",
    "praised",
    "did not",
    "refused to",
    "will",
    "may",
    "would",
]
DATE_WORDS = ["on Monday", "last week", "yesterday", "March 3", "in 2019", "12", "1,000", "3.5 million"]
PUNCTUATION = [
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "—",
    "-",
    "(",
    ")",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "...",
]
ODD = ["🙂", "e\u0301", "مصر", "東京", "\u200b", "\u00a0", "\t", "\n", "\n\n", "—\n"]
NEWS_WORDS = ACTORS + CUE_WORDS + EVENT_WORDS + DATE_WORDS + PUNCTUATION + ODD

NEWS_TEXT = st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=60).map(" ".join)

SPEAKERS = st.sampled_from(
    [
        "Angela Merkel",
        "the minister",
        "Mr. Putin",
        "a spokesman for the army",
        "She",
        "officials",
        "NATO",
        "Ms. Okafor",
    ]
)
CUES = st.sampled_from(
    ["said", "told reporters", "warned", "added", "claimed", "insisted", "wrote", "said on Monday"]
)
OPEN_CLOSE = st.sampled_from(
    [('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ('"', ""), ("", '"'), ("'", "'")]
)
CLAUSE = st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=14).map(" ".join)


@st.composite
def news_sentence(draw) -> str:
    """A sentence shaped like reporting: quotes, cues, attributions, events, with random fillings."""
    speaker, cue, clause = draw(SPEAKERS), draw(CUES), draw(CLAUSE)
    opening, closing = draw(OPEN_CLOSE)
    shape = draw(st.integers(min_value=0, max_value=5))
    if shape == 0:
        return f"{opening}{clause},{closing} {speaker} {cue}."
    if shape == 1:
        return f"{speaker} {cue} that {clause}."
    if shape == 2:
        return f"According to {speaker}, {clause}."
    if shape == 3:
        return f"{speaker} {cue}: {opening}{clause}.{closing}"
    if shape == 4:
        return f"{opening}{clause},{closing} {speaker} {cue}, {opening}{draw(CLAUSE)}{closing}"
    return f"{speaker} {draw(st.sampled_from(EVENT_WORDS))} {draw(SPEAKERS)} {draw(st.sampled_from(DATE_WORDS))}."


NEWS_ARTICLE = st.lists(
    st.lists(news_sentence(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5
).map("\n\n".join)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)


def extract_text(text: str, nlp) -> Extraction | None:
    """What ``newsgraph extract --text`` extracts (None when the text holds no article)."""
    (record,) = list(read_text(text, "<fuzz>"))
    if not isinstance(record, RawArticle):
        return None
    (extraction,) = list(extract_articles([make_article(record)], nlp))
    return extraction


def _span(text: str, start: int | None, end: int | None, expected: str | None, what: str) -> None:
    if start is None and end is None:
        return
    assert start is not None and end is not None, (what, start, end)
    assert 0 <= start <= end <= len(text), (what, start, end, len(text))
    if expected is not None:
        assert text[start:end] == expected, (what, text[start:end], expected)


def check_extraction(extraction: Extraction) -> None:
    text = extraction.article.text
    entity_ids = {entity.id for entity in extraction.entities}
    assert len(entity_ids) == len(extraction.entities)
    for entity in extraction.entities:
        for mention in entity.mentions:
            _span(text, mention.start, mention.end, mention.text, f"mention of {entity.id}")
    for statement in extraction.statements:
        assert statement.start < statement.end, statement
        _span(text, statement.start, statement.end, statement.content, "statement content")
        _span(text, statement.cue_start, statement.cue_end, statement.cue, "cue")
        for role, ref in (
            ("speaker", statement.speaker),
            ("addressee", statement.addressee),
            ("according_to", statement.according_to),
        ):
            if ref is None:
                continue
            _span(text, ref.start, ref.end, ref.mention, role)
            assert ref.entity is None or ref.entity in entity_ids, (role, ref.entity)
    for event in extraction.events:
        assert event.start < event.end, event
        _span(text, event.start, event.end, event.evidence, "event evidence")
        for actor in (*event.source, *event.target):
            assert actor.entity is None or actor.entity in entity_ids, (actor.name, actor.entity)
    json.dumps(extraction.to_dict())  # the record is printable as the contract says


@FUZZ
@given(NEWS_TEXT)
def test_news_ish_text(nlp, text):
    extraction = extract_text(text, nlp)
    if extraction is not None:
        check_extraction(extraction)


@FUZZ
@given(NEWS_ARTICLE)
def test_news_shaped_articles(nlp, text):
    extraction = extract_text(text, nlp)
    if extraction is not None:
        check_extraction(extraction)


FIXTURE_PARAGRAPHS = [
    block.strip()
    for path in sorted((Path(__file__).parent / "fixtures" / "articles").glob("*.txt"))
    for block in path.read_text(encoding="utf-8").split("\n\n")
    if len(block.split()) > 12
]


@st.composite
def mutated_article(draw) -> str:
    """Wikinews paragraphs (CC BY 2.5) with quotation marks, dashes and line breaks added, removed or moved."""
    paragraphs = draw(st.lists(st.sampled_from(FIXTURE_PARAGRAPHS), min_size=1, max_size=3))
    text = "\n\n".join(paragraphs)
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["insert", "delete", "cut"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(PUNCTUATION + ODD)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=30)) :]
        else:
            text = text[at:] + " " + text[:at]
    return text


@FUZZ
@given(mutated_article())
def test_mutated_articles(nlp, text):
    extraction = extract_text(text, nlp)
    if extraction is not None:
        check_extraction(extraction)


@FUZZ
@given(ANY_TEXT)
def test_any_text(nlp, text):
    extraction = extract_text(text, nlp)
    if extraction is not None:
        check_extraction(extraction)
