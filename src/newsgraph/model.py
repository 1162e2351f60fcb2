"""The shared data model: what flows from the readers to the store, the exports and the UI.

One set of plain dataclasses serves every stage, so that the JSON printed by
``newsgraph extract`` (docs/CONTRACT.md), the SQLite rows, the Parquet tables and the web
pages all describe the same objects with the same names. Offsets (``start``/``end``) are
character offsets into :attr:`Article.text`, end exclusive, so every fact can be checked
against the words it came from: ``article.text[s.start:s.end] == s.content``.

Dates are ISO strings (``YYYY-MM-DD``) rather than :class:`datetime.date` so that records
round-trip through JSON, SQLite and Parquet unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

EntityKind = Literal["person", "organization", "state", "group", "location"]
StatementType = Literal["direct", "indirect", "mixed"]

#: The 16 PLOVER event categories (docs/ANNOTATION.md).
PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass
class Mention:
    """A stretch of the article text that refers to an entity."""

    text: str
    start: int
    end: int


@dataclass
class Entity:
    """An actor the article mentions, with every mention that refers to it."""

    id: str
    name: str
    kind: EntityKind
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class SpeakerRef:
    """Who a statement is from (or addressed to): the resolved name and the words at the cue."""

    name: str
    mention: str | None = None
    start: int | None = None
    end: int | None = None
    entity: str | None = None


@dataclass
class Statement:
    """Attributed speech: ``content`` is ``article.text[start:end]`` (quotation marks excluded)."""

    type: StatementType
    content: str
    start: int
    end: int
    cue: str | None
    speaker: SpeakerRef
    addressee: SpeakerRef | None = None
    according_to: SpeakerRef | None = None
    cue_start: int | None = None
    cue_end: int | None = None


@dataclass
class ActorRef:
    """One participant of an event, coded by country (or organisation) and sector."""

    name: str
    code: str | None = None
    sector: str | None = None
    entity: str | None = None


@dataclass
class Quantity:
    """A counted amount the event reports, e.g. 100000 troops."""

    value: float
    unit: str


@dataclass
class Location:
    """Where an event happened, with coordinates from the offline gazetteer."""

    name: str
    code: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # "country", "city" or "region"


@dataclass
class Event:
    """Who did what to whom, when: one PLOVER-coded interaction with its evidence."""

    category: str
    source: list[ActorRef]
    target: list[ActorRef]
    evidence: str
    start: int
    end: int
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    negated: bool = False
    attributed_to: str | None = None
    quantity: Quantity | None = None
    location: Location | None = None
    trigger: str | None = None


@dataclass
class Article:
    """A clean article: the text all offsets index into, and what is known about it.

    ``id`` is the input record's own id where it has one, else ``content_hash`` (the sha1 of
    the normalised body text). ``cluster`` names the near-duplicate cluster (the id of the
    first article seen with that content); wire copies share it and are extracted once.
    ``crawl_date`` is when the page was fetched, if known (WARC input).
    """

    id: str
    text: str
    content_hash: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    caption: str | None = None
    related: list[str] = field(default_factory=list)
    path: str | None = None
    format: str | None = None
    cluster: str | None = None
    crawl_date: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        """The body paragraphs (the text keeps them apart with blank lines)."""
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass
class Extraction:
    """Everything newsgraph found in one article: the JSON object of docs/CONTRACT.md."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (docs/CONTRACT.md), fields in the documented order."""
        a = self.article
        return {
            "id": a.id,
            "path": a.path,
            "title": a.title,
            "date": a.date,
            "url": a.url,
            "source": a.source,
            "language": a.language,
            "text": a.text,
            "authors": a.authors,
            "caption": a.caption,
            "related": a.related,
            "content_hash": a.content_hash,
            "cluster": a.cluster,
            "entities": [as_plain(e) for e in self.entities],
            "statements": [as_plain(s) for s in self.statements],
            "events": [as_plain(e) for e in self.events],
        }


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def as_plain(value: Any) -> Any:
    """:func:`dataclasses.asdict` for newsgraph's records (the model's and the query rows),
    several times faster: field names are looked up once per class (output is written for
    every article and every row)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: as_plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list):
        return [as_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(as_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: as_plain(v) for k, v in value.items()}
    return value


@dataclass
class RawArticle:
    """What a reader found in one input record, before cleaning (see :mod:`newsgraph.clean`).

    ``paragraphs`` hold the body as the reader split it; stray markup may remain and is
    removed by cleaning, which also computes the id, hash and language. ``crawl_date`` is
    when the page was fetched (a WARC record's date): the article date when the page
    gives none.
    """

    path: str
    format: str
    paragraphs: list[str]
    record_id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    caption: str | None = None
    related: list[str] = field(default_factory=list)
    crawl_date: str | None = None


@dataclass
class ReadFailure:
    """An input that could not be read, and why (one line, for the user)."""

    path: str
    reason: str


@dataclass
class ReadSkip:
    """A record that was read but deliberately not turned into an article (e.g. a WARC request)."""

    path: str
    reason: str
