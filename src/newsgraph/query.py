"""Querying the store: validated filters, list-like results, and the aggregates the UI draws.

This is the layer between what a user types (in Python, on the command line, in a URL) and
the read-only store (:class:`newsgraph.store.StoreReader`): it checks dates and categories
once, for every front end, and wraps results in :class:`Records`, which convert to the
documented flat tables (Arrow, pandas) and to JSON. The API (:mod:`newsgraph.api`), the
CLI and the web app all go through here, so they answer the same question the same way.
"""

from __future__ import annotations

import datetime
import importlib.util
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from .errors import OptionalDependencyError, UsageError
from .model import PLOVER_CATEGORIES, Article, Extraction, as_plain
from .store import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    ActorSummary,
    ArticleFilter,
    ArticleHit,
    EventFilter,
    EventRow,
    StatementFilter,
    StatementRow,
    StoreQueries,
)

if TYPE_CHECKING:
    import pandas
    import pyarrow

T = TypeVar("T")
Row = dict[str, Any]

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- validating what users type ------------------------------------------------------------------


def parse_day(value: str | datetime.date | None, option: str = "date") -> str | None:
    """A day as ``YYYY-MM-DD`` (a :class:`datetime.date` is accepted); UsageError otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    text = value.strip()
    if not text:
        return None
    try:
        if not _ISO_DAY.match(text):
            raise ValueError
        datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} must be a date as YYYY-MM-DD, not {value!r}") from None
    return text


def parse_category(value: str | None) -> str | None:
    """A PLOVER category, case-insensitive (``assault`` -> ``ASSAULT``); UsageError otherwise."""
    if value is None or not value.strip():
        return None
    category = value.strip().upper()
    if category not in PLOVER_CATEGORIES:
        raise UsageError(
            f"unknown event category {value!r} (PLOVER categories: {', '.join(PLOVER_CATEGORIES)})"
        )
    return category


def check_limit(limit: int | None, offset: int = 0) -> tuple[int | None, int]:
    """``(limit, offset)`` checked: a limit of 0 or None means no limit; neither may be negative."""
    if limit is not None and limit < 0:
        raise UsageError(f"limit must be 0 (no limit) or more, not {limit}")
    if offset < 0:
        raise UsageError(f"offset must be 0 or more, not {offset}")
    return (limit or None), offset


def _text(value: str | None) -> str | None:
    """A filter value with surrounding space removed; empty means no filter."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def _date_range(
    since: str | datetime.date | None, until: str | datetime.date | None
) -> tuple[str | None, str | None]:
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first is not None and last is not None and first > last:
        raise UsageError(f"since ({first}) is after until ({last})")
    return first, last


def article_filter(
    query: str | None = None,
    since: str | datetime.date | None = None,
    until: str | datetime.date | None = None,
    source: str | None = None,
    actor: str | None = None,
    category: str | None = None,
    actor_name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> ArticleFilter:
    """A checked :class:`ArticleFilter` (``source`` is the news site)."""
    first, last = _date_range(since, until)
    limit, offset = check_limit(limit, offset)
    return ArticleFilter(
        query=_text(query),
        since=first,
        until=last,
        source=_text(source),
        actor=_text(actor),
        actor_name=_text(actor_name),
        category=parse_category(category),
        limit=limit,
        offset=offset,
    )


def statement_filter(
    speaker: str | None = None,
    since: str | datetime.date | None = None,
    until: str | datetime.date | None = None,
    query: str | None = None,
    article: str | None = None,
    speaker_name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> StatementFilter:
    """A checked :class:`StatementFilter`."""
    first, last = _date_range(since, until)
    limit, offset = check_limit(limit, offset)
    return StatementFilter(
        speaker=_text(speaker),
        speaker_name=_text(speaker_name),
        since=first,
        until=last,
        query=_text(query),
        article_id=_text(article),
        limit=limit,
        offset=offset,
    )


def event_filter(
    category: str | None = None,
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    since: str | datetime.date | None = None,
    until: str | datetime.date | None = None,
    article: str | None = None,
    negated: bool | None = None,
    actor_name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> EventFilter:
    """A checked :class:`EventFilter` (``source`` and ``target`` are the two sides' actors)."""
    first, last = _date_range(since, until)
    limit, offset = check_limit(limit, offset)
    return EventFilter(
        category=parse_category(category),
        actor=_text(actor),
        source=_text(source),
        target=_text(target),
        actor_name=_text(actor_name),
        since=first,
        until=last,
        article_id=_text(article),
        negated=negated,
        limit=limit,
        offset=offset,
    )


# --- results ---------------------------------------------------------------------------------------


def _require_pandas() -> None:
    if importlib.util.find_spec("pandas") is None:
        raise OptionalDependencyError(
            "to_pandas() needs pandas, an optional extra: pip install 'newsgraph[pandas]'"
        )


class Records(Sequence[T], Generic[T]):
    """A list of results that also converts to tables: ``to_arrow()``, ``to_pandas()``, ``to_dicts()``.

    Items are the library's own objects (e.g. :class:`StatementRow`). ``to_dicts()`` gives
    JSON-ready nested dicts (what ``--json`` and the web API print); ``to_arrow()`` and
    ``to_pandas()`` give one flat row per item, with the columns of the matching export
    table where there is one (docs/exports.md).
    """

    def __init__(
        self,
        items: Iterable[T],
        to_dict: Callable[[T], Row],
        to_row: Callable[[T], Row] | None = None,
        schema: Callable[[], pyarrow.Schema] | None = None,
    ) -> None:
        self._items = list(items)
        self._to_dict = to_dict
        self._to_row = to_row or to_dict
        self._schema = schema

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Records[T]: ...

    def __getitem__(self, index: int | slice) -> T | Records[T]:
        if isinstance(index, slice):
            return Records(self._items[index], self._to_dict, self._to_row, self._schema)
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self._items == other._items
        if isinstance(other, list):
            return self._items == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(repr(item) for item in self._items[:3])
        more = f", ... ({len(self._items)} in all)" if len(self._items) > 3 else ""
        return f"Records([{shown}{more}])"

    def to_dicts(self) -> list[Row]:
        """JSON-ready nested dicts, one per item."""
        return [self._to_dict(item) for item in self._items]

    def to_rows(self) -> list[Row]:
        """Flat rows, one per item (the columns of :meth:`to_arrow`)."""
        return [self._to_row(item) for item in self._items]

    def to_arrow(self) -> pyarrow.Table:
        """A :class:`pyarrow.Table` of the flat rows."""
        import pyarrow as pa

        schema = self._schema() if self._schema is not None else None
        return pa.Table.from_pylist(self.to_rows(), schema=schema)

    def to_pandas(self) -> pandas.DataFrame:
        """A :class:`pandas.DataFrame` of the flat rows (needs the ``pandas`` extra)."""
        _require_pandas()
        return self.to_arrow().to_pandas()


# --- JSON and flat rows of each kind of result ------------------------------------------------------


def article_dict(article: Article) -> Row:
    """An article as JSON (every field of :class:`Article`)."""
    return as_plain(article)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet split into ``(text, matched)`` pieces, for safe display of the matched words."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        start = rest.find(SNIPPET_OPEN)
        if start < 0:
            parts.append((rest, False))
            break
        end = rest.find(SNIPPET_CLOSE, start)
        end = len(rest) if end < 0 else end
        if start:
            parts.append((rest[:start], False))
        parts.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return [(text, matched) for text, matched in parts if text]


def plain_snippet(snippet: str | None) -> str | None:
    """The snippet with matched words in ``[`` ``]``, as text."""
    if snippet is None:
        return None
    return snippet.replace(SNIPPET_OPEN, "[").replace(SNIPPET_CLOSE, "]")


def hit_dict(hit: ArticleHit) -> Row:
    """A found article, without its text: metadata, extraction status, snippet and score."""
    a = hit.article
    return {
        "article_id": a.id,
        "article_date": a.date,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "language": a.language,
        "cluster": a.cluster,
        "status": hit.status,
        "snippet": plain_snippet(hit.snippet),
        "score": hit.score,
    }


def _hit_schema() -> pyarrow.Schema:
    import pyarrow as pa

    return pa.schema(
        [
            ("article_id", pa.string()),
            ("article_date", pa.string()),
            ("title", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("language", pa.string()),
            ("cluster", pa.string()),
            ("status", pa.string()),
            ("snippet", pa.string()),
            ("score", pa.float64()),
        ]
    )


def statement_dict(row: StatementRow) -> Row:
    """A statement as JSON: its article, then the statement as in docs/contract.md."""
    return {
        "article_id": row.article_id,
        "article_date": row.article_date,
        "article_title": row.article_title,
        "statement_index": row.position,
        **as_plain(row.statement),
    }


def statement_flat(row: StatementRow) -> Row:
    """A statement as a row of the export table ``statements``."""
    from .records import statement_row

    return statement_row(row.article_id, row.article_date, row.position, row.statement)


def event_dict(row: EventRow) -> Row:
    """An event as JSON: its article and day, then the event as in docs/contract.md."""
    return {
        "article_id": row.article_id,
        "article_date": row.article_date,
        "article_title": row.article_title,
        "event_index": row.position,
        "day": row.day,
        **as_plain(row.event),
    }


def event_flat(row: EventRow) -> Row:
    """An event as a row of the export table ``events``."""
    from .records import event_row

    return event_row(row.article_id, row.article_date, row.position, row.event)


def actor_dict(actor: ActorSummary) -> Row:
    """An actor summary as JSON."""
    return as_plain(actor)


def _actor_schema() -> pyarrow.Schema:
    import pyarrow as pa

    text = ("key", "name", "kind", "code", "sector", "role")
    counts = ("articles", "statements", "events_as_source", "events_as_target")
    return pa.schema([(c, pa.string()) for c in text] + [(c, pa.int64()) for c in counts])


def _table_schema(name: str) -> Callable[[], pyarrow.Schema]:
    def schema() -> pyarrow.Schema:
        from .records import SCHEMAS

        return SCHEMAS[name]

    return schema


def articles_records(articles: Iterable[Article]) -> Records[Article]:
    """Articles, flat as the export table ``articles``."""

    def flat(article: Article) -> Row:
        from .records import article_row

        return article_row(article)

    return Records(articles, article_dict, flat, _table_schema("articles"))


def hits_records(hits: Iterable[ArticleHit]) -> Records[ArticleHit]:
    """Found articles (no text), with snippets."""
    return Records(hits, hit_dict, hit_dict, _hit_schema)


def statements_records(rows: Iterable[StatementRow]) -> Records[StatementRow]:
    """Statements, flat as the export table ``statements``."""
    return Records(rows, statement_dict, statement_flat, _table_schema("statements"))


def events_records(rows: Iterable[EventRow]) -> Records[EventRow]:
    """Events, flat as the export table ``events``."""
    return Records(rows, event_dict, event_flat, _table_schema("events"))


def actors_records(actors: Iterable[ActorSummary]) -> Records[ActorSummary]:
    """Actor summaries."""
    return Records(actors, actor_dict, actor_dict, _actor_schema)


# --- actors -------------------------------------------------------------------------------------


def find_actors(
    store: StoreQueries, name: str | None = None, limit: int | None = None
) -> Records[ActorSummary]:
    """Actors, most talked-about first; ``name`` keeps those whose name contains it or whose code is it."""
    limit, _ = check_limit(limit)
    wanted = _text(name)
    actors = store.actor_summaries()
    if wanted is not None:
        folded = wanted.casefold()
        actors = [
            a for a in actors if folded in a.key or (a.code is not None and a.code.casefold() == folded)
        ]
    return actors_records(actors[:limit] if limit is not None else actors)


@dataclass(frozen=True)
class ActorProfile:
    """Who an actor is, what it said, the events it took part in, and where it is named."""

    actor: ActorSummary
    statements: Records[StatementRow]
    events: Records[EventRow]
    articles: Records[ArticleHit]

    def to_dict(self) -> Row:
        """The profile as JSON."""
        return {
            "actor": actor_dict(self.actor),
            "statements": self.statements.to_dicts(),
            "events": self.events.to_dicts(),
            "articles": self.articles.to_dicts(),
        }


def actor_profile(store: StoreQueries, name: str, limit: int | None = 100) -> ActorProfile | None:
    """The profile of the actor with this name (case-insensitive), or None if there is none."""
    key = _text(name)
    if key is None:
        return None
    found = store.actor_summaries(key)
    if not found:
        return None
    actor = found[0]
    statements = store.find_statements(statement_filter(speaker_name=actor.name, limit=limit))
    events = store.find_events(event_filter(actor_name=actor.name, limit=limit))
    articles = store.find_articles(article_filter(actor_name=actor.name, limit=limit))
    return ActorProfile(actor, statements_records(statements), events_records(events), hits_records(articles))


# --- timeline and network ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineDay:
    """Events on one day by category (negated events excluded), and their mean Goldstein score."""

    day: str
    counts: dict[str, int]
    total: int
    goldstein_mean: float | None


def timeline_dict(day: TimelineDay) -> Row:
    """A timeline day as JSON."""
    return as_plain(day)


def timeline_flat(day: TimelineDay) -> Row:
    """A timeline day as a flat row: day, total, mean Goldstein, one count column per category."""
    return {
        "day": day.day,
        "total": day.total,
        "goldstein_mean": day.goldstein_mean,
        **{category.lower(): day.counts.get(category, 0) for category in PLOVER_CATEGORIES},
    }


def _timeline_schema() -> pyarrow.Schema:
    import pyarrow as pa

    return pa.schema(
        [("day", pa.string()), ("total", pa.int64()), ("goldstein_mean", pa.float64())]
        + [(category.lower(), pa.int64()) for category in PLOVER_CATEGORIES]
    )


def timeline(store: StoreQueries, f: EventFilter) -> Records[TimelineDay]:
    """Events per day and category, and the conflict-cooperation line (mean Goldstein per day)."""
    days: dict[str, dict[str, int]] = {}
    sums: dict[str, float] = defaultdict(float)
    scored: Counter[str] = Counter()
    for row in store.timeline_rows(f):
        days.setdefault(row.day, {})[row.category] = row.events
        sums[row.day] += row.goldstein_sum
        scored[row.day] += row.goldstein_count
    result = [
        TimelineDay(
            day=day,
            counts=counts,
            total=sum(counts.values()),
            goldstein_mean=(sums[day] / scored[day]) if scored[day] else None,
        )
        for day, counts in sorted(days.items())
    ]
    return Records(result, timeline_dict, timeline_flat, _timeline_schema)


@dataclass(frozen=True)
class NetworkNode:
    """An actor in the network: its display name and how many events it sent and received."""

    key: str
    name: str
    events_out: int
    events_in: int


@dataclass(frozen=True)
class NetworkLink:
    """Actor ``source`` acted on actor ``target`` in ``events`` events (edge weight)."""

    source: str
    target: str
    source_name: str
    target_name: str
    events: int
    goldstein_mean: float | None


@dataclass(frozen=True)
class Network:
    """Who acts on whom: nodes (actors) and weighted, directed links."""

    nodes: Records[NetworkNode]
    links: Records[NetworkLink]

    def to_dict(self) -> Row:
        """The network as JSON."""
        return {"nodes": self.nodes.to_dicts(), "links": self.links.to_dicts()}


def network(store: StoreQueries, f: EventFilter, max_nodes: int | None = None) -> Network:
    """The actor network of the events matching ``f``; the ``max_nodes`` busiest actors when given."""
    edges, spellings = store.network_edges(f)
    names = {key: counter.most_common(1)[0][0] for key, counter in spellings.items()}
    out_events: Counter[str] = Counter()
    in_events: Counter[str] = Counter()
    for edge in edges:
        out_events[edge.source] += len(edge.events)
        in_events[edge.target] += len(edge.events)
    keys = sorted(names, key=lambda k: (-(out_events[k] + in_events[k]), names[k].casefold()))
    if max_nodes is not None:
        keys = keys[:max_nodes]
    kept = set(keys)
    nodes = [NetworkNode(k, names[k], out_events[k], in_events[k]) for k in keys]
    links = [
        NetworkLink(
            source=edge.source,
            target=edge.target,
            source_name=names[edge.source],
            target_name=names[edge.target],
            events=len(edge.events),
            goldstein_mean=(sum(edge.goldstein.values()) / len(edge.goldstein)) if edge.goldstein else None,
        )
        for edge in edges
        if edge.source in kept and edge.target in kept
    ]
    links.sort(key=lambda link: (-link.events, link.source_name.casefold(), link.target_name.casefold()))
    return Network(
        nodes=Records(nodes, as_plain),
        links=Records(links, as_plain),
    )


# --- extractions in memory ---------------------------------------------------------------------------


class Extractions(list[Extraction]):
    """Extractions in memory (``newsgraph.extract``): a list, plus the four flat tables.

    ``to_arrow("statements")`` and ``to_pandas("events")`` give the export tables
    (docs/exports.md) of these articles.
    """

    def tables(self) -> dict[str, pyarrow.Table]:
        """The four export tables (articles, entities, statements, events) as Arrow tables."""
        from .records import tables_of

        return tables_of(self)

    def to_arrow(self, table: str = "statements") -> pyarrow.Table:
        """One export table as Arrow."""
        from .records import TABLES

        if table not in TABLES:
            raise UsageError(f"unknown table {table!r} (choose from {', '.join(TABLES)})")
        return self.tables()[table]

    def to_pandas(self, table: str = "statements") -> pandas.DataFrame:
        """One export table as pandas (needs the ``pandas`` extra)."""
        _require_pandas()
        return self.to_arrow(table).to_pandas()

    def to_dicts(self) -> list[Row]:
        """The JSON objects ``newsgraph extract`` prints (docs/contract.md)."""
        return [extraction.to_dict() for extraction in self]
