"""Filters over the store: what a query asks for, and the SQL conditions that ask it.

The filters are plain values (already validated by :mod:`newsgraph.query`); this module turns
them into ``WHERE`` conditions whose every user value is a bound parameter. Matching names
needs Unicode case folding and word boundaries, which SQLite's ``lower()`` and ``LIKE`` do
not do, so small Python functions are registered on the connection for it
(:func:`register_functions`); they only read their arguments.

Dates compare as ISO strings (``YYYY-MM-DD``). An event's day is its own date where the
extractor resolved one, else its article's publication date.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: The tokenizer of the ``articles_fts`` table (schema version 2); statement search uses the same.
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

#: An event's day: its own date, else its article's date (the event table is ``v``, articles ``a``).
EVENT_DAY = "coalesce(v.date, a.date)"

Condition = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles: full-text ``query`` (title and text), dates, news source, actor, category.

    ``source`` is the news source (the site's domain, case-insensitive substring). ``actor``
    and ``category`` match what was extracted from the article's cluster representative
    (a wire copy is found by its representative's actors and events). ``actor_name`` is a
    whole entity or event-actor name (case-insensitive), as on an actor's page.
    """

    query: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    actor: str | None = None
    actor_name: str | None = None
    category: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class StatementFilter:
    """Which statements: by speaker, article date, full text of the content, or article.

    ``speaker`` is a case-insensitive substring of the resolved name or of the words at the
    cue (the mention); ``speaker_name`` is a whole resolved name (case-insensitive), as on
    an actor's page.
    """

    speaker: str | None = None
    speaker_name: str | None = None
    since: str | None = None
    until: str | None = None
    query: str | None = None
    article_id: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class EventFilter:
    """Which events: category, actors (either side, source or target side), day, article.

    An actor matches by code (``IRN``, or code and sector ``IRNGOV``; case-insensitive) or by
    name (whole words, case-insensitive: ``Trump`` matches ``Donald Trump``, ``US`` does not
    match ``Russia``). ``actor_name`` is a whole name on either side, as on an actor's page.
    ``negated`` None keeps every event; False keeps the events that happened.
    """

    category: str | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    actor_name: str | None = None
    since: str | None = None
    until: str | None = None
    article_id: str | None = None
    negated: bool | None = None
    limit: int | None = None
    offset: int = 0


def fold(value: str | None) -> str | None:
    """Case-folded text, for comparisons that ignore case in every script."""
    return value.casefold() if value is not None else None


def contains(haystack: str | None, needle: str | None) -> bool:
    """Whether ``needle`` occurs in ``haystack``, ignoring case."""
    if haystack is None or needle is None:
        return False
    return needle.casefold() in haystack.casefold()


@lru_cache(maxsize=256)
def _words_pattern(needle: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(needle.casefold()) + r"(?!\w)")


def has_words(haystack: str | None, needle: str | None) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words, ignoring case."""
    if haystack is None or not needle:
        return False
    return _words_pattern(needle).search(haystack.casefold()) is not None


_FUNCTIONS: tuple[tuple[str, int, Callable[..., Any]], ...] = (
    ("ng_fold", 1, fold),
    ("ng_contains", 2, contains),
    ("ng_has_words", 2, has_words),
)


def register_functions(conn: sqlite3.Connection) -> None:
    """Make the matching functions available to SQL on this connection (idempotent)."""
    for name, arity, function in _FUNCTIONS:
        conn.create_function(name, arity, function, deterministic=True)


def _actor_match(alias: str, value: str) -> Condition:
    """An event actor row ``alias`` that is the actor ``value`` (by code, code+sector or name)."""
    folded = value.casefold()
    return (
        f"(ng_fold({alias}.code) = ? OR ng_fold(coalesce({alias}.code, '') || coalesce({alias}.sector, '')) = ? "
        f"OR ng_has_words({alias}.name, ?))",
        (folded, folded, value),
    )


def _event_actor_exists(value: str, role: str | None, exact: bool) -> Condition:
    """Some actor of event ``v`` (on side ``role``, or either side) is ``value``."""
    if exact:
        match: Condition = ("ng_fold(x.name) = ?", (value.casefold(),))
    else:
        match = _actor_match("x", value)
    role_sql = " AND x.role = ?" if role else ""
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = v.article_id "
        f"AND x.event_position = v.position{role_sql} AND {match[0]})",
        ((role,) if role else ()) + match[1],
    )


def _dates(column: str, since: str | None, until: str | None) -> list[Condition]:
    conditions: list[Condition] = []
    if since is not None:
        conditions.append((f"{column} >= ?", (since,)))
    if until is not None:
        conditions.append((f"{column} <= ?", (until,)))
    return conditions


def statement_conditions(f: StatementFilter) -> list[Condition]:
    """Conditions on statements ``s`` joined to their article ``a`` (all but the full text)."""
    conditions = _dates("a.date", f.since, f.until)
    if f.speaker is not None:
        conditions.append(
            ("(ng_contains(s.speaker_name, ?) OR ng_contains(s.speaker_mention, ?))", (f.speaker, f.speaker))
        )
    if f.speaker_name is not None:
        conditions.append(("ng_fold(s.speaker_name) = ?", (f.speaker_name.casefold(),)))
    return conditions


def event_conditions(f: EventFilter) -> list[Condition]:
    """Conditions on events ``v`` joined to their article ``a`` (the article scope aside)."""
    conditions = _dates(EVENT_DAY, f.since, f.until)
    if f.category is not None:
        conditions.append(("v.category = ?", (f.category,)))
    if f.negated is not None:
        conditions.append(("v.negated = ?", (int(f.negated),)))
    for value, role, exact in (
        (f.actor, None, False),
        (f.source, "source", False),
        (f.target, "target", False),
        (f.actor_name, None, True),
    ):
        if value is not None:
            conditions.append(_event_actor_exists(value, role, exact))
    return conditions


def article_conditions(f: ArticleFilter) -> list[Condition]:
    """Conditions on articles ``a`` (all but the full text, which needs the FTS join)."""
    conditions = _dates("a.date", f.since, f.until)
    if f.source is not None:
        conditions.append(("ng_contains(a.source, ?)", (f.source,)))
    # Uncorrelated subqueries: each runs once, not once per article.
    if f.category is not None:
        conditions.append(("a.cluster IN (SELECT article_id FROM events WHERE category = ?)", (f.category,)))
    if f.actor is not None:
        entity = _actor_match("e", f.actor)
        actor = _actor_match("x", f.actor)
        conditions.append(
            (
                f"a.cluster IN (SELECT e.article_id FROM entities e WHERE {entity[0]} "
                f"UNION SELECT x.article_id FROM event_actors x WHERE {actor[0]})",
                entity[1] + actor[1],
            )
        )
    if f.actor_name is not None:
        folded = f.actor_name.casefold()
        conditions.append(
            (
                "a.cluster IN (SELECT article_id FROM entities WHERE ng_fold(name) = ? "
                "UNION SELECT article_id FROM event_actors WHERE ng_fold(name) = ?)",
                (folded, folded),
            )
        )
    return conditions


def where(conditions: Sequence[Condition], keyword: str = "WHERE") -> Condition:
    """``WHERE c1 AND c2 ...`` with the parameters in order (empty when there is no condition)."""
    if not conditions:
        return "", ()
    params: tuple[Any, ...] = ()
    for _, condition_params in conditions:
        params += condition_params
    return f"{keyword} " + " AND ".join(f"({sql})" for sql, _ in conditions), params


def limit_clause(limit: int | None, offset: int) -> Condition:
    """``LIMIT ? OFFSET ?`` (no limit when ``limit`` is None)."""
    return "LIMIT ? OFFSET ?", (-1 if limit is None else limit, offset)
