"""The Python API: ``newsgraph.extract`` for articles in memory, ``newsgraph.open`` for a store.

::

    import newsgraph

    for extraction in newsgraph.extract("Putin told Macron that ...", date="2022-01-28"):
        print(extraction.statements)

    with newsgraph.open("newsgraph.db") as db:
        db.ingest(["articles/"])
        said = db.statements(speaker="pompeo", since="2019-01-01")
        frame = db.events(category="ASSAULT", actor="IRN").to_pandas()

Reads go through a read-only :class:`~newsgraph.store.StoreReader` (opened on first use, one
per thread: SQLite connections stay in the thread that made them); :meth:`Database.ingest`
goes through the store writer. Results are :class:`~newsgraph.query.Records`: lists that
convert to Arrow, pandas (an optional extra) and JSON. Wire copies (near-duplicates) have no
statements or events of their own, so nothing is counted twice.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .errors import InputError, StoreError
from .model import Article, Extraction
from .query import (
    ActorProfile,
    Extractions,
    Network,
    Records,
    TimelineDay,
    actor_profile,
    article_filter,
    articles_records,
    event_filter,
    events_records,
    find_actors,
    hits_records,
    network,
    statement_filter,
    statements_records,
    timeline,
)
from .store import DEFAULT_DB, ActorSummary, ArticleHit, EventRow, StatementRow, StoreReader

if TYPE_CHECKING:
    from spacy.language import Language

    from .ingest import ArticleOutcome, IngestSummary

Day = str | datetime.date


def _is_path(value: str | Path) -> bool:
    """Whether ``value`` names an existing file or directory (long texts are not paths)."""
    if isinstance(value, Path):
        return True
    if value == "-" or "\n" in value or len(value) > 4096:
        return False
    try:
        return Path(value).exists()
    except (OSError, ValueError):
        return False


def extract(
    text_or_path: str | Path,
    date: Day | None = None,
    *,
    model: str | None = None,
) -> Extractions:
    """What the articles say and report, in memory (nothing is stored).

    ``text_or_path`` is an article's text, or the path of a file or directory (any input
    ``newsgraph extract`` reads): a string naming an existing path is read as that path,
    any other string as text. ``date`` (``YYYY-MM-DD``) is the publication date to assume
    where an article gives none. Returns one :class:`Extraction` per article, in order.

    An input that cannot be read raises :class:`InputError` when nothing could be read;
    otherwise each unreadable input is a warning and the rest are returned.
    """
    from .ingest import check_date
    from .pipeline import ExtractSummary, extract_inputs

    day = date.isoformat()[:10] if isinstance(date, datetime.date) else date
    check_date(day)
    summary = ExtractSummary()
    if _is_path(text_or_path):
        inputs = extract_inputs([str(text_or_path)], date=day, model=model, summary=summary)
    else:
        inputs = extract_inputs([], text=str(text_or_path), date=day, model=model, summary=summary)
    result = Extractions(inputs)
    if summary.failures and not result:
        first = summary.failures[0]
        raise InputError(first.path, first.reason)
    for failure in summary.failures:
        warnings.warn(f"newsgraph: {failure.path}: {failure.reason}", stacklevel=2)
    return result


def open(path: str | Path = DEFAULT_DB) -> Database:
    """The newsgraph database at ``path`` (nothing is opened until it is used)."""
    return Database(path)


class Database:
    """A newsgraph SQLite database: ingest articles, and query what was found.

    Every query method takes keyword filters and returns :class:`Records`. Dates are
    ``YYYY-MM-DD`` strings or :class:`datetime.date`; a ``limit`` of None or 0 means all.
    Bad filter values raise :class:`~newsgraph.errors.UsageError`; a missing or unusable
    database raises :class:`~newsgraph.errors.StoreError` at the first query.
    """

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._readers: list[StoreReader] = []
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"newsgraph.Database({str(self.path)!r})"

    # --- connection -----------------------------------------------------------------------------

    @property
    def reader(self) -> StoreReader:
        """This thread's read-only connection (opened on first use)."""
        reader: StoreReader | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = StoreReader(self.path)
            self._local.reader = reader
            with self._lock:
                self._readers.append(reader)
        return reader

    def close(self) -> None:
        """Close this thread's connection (and forget the others'; each closes with its thread)."""
        reader: StoreReader | None = getattr(self._local, "reader", None)
        self._local.reader = None
        with self._lock:
            others = [r for r in self._readers if r is not reader]
            self._readers = []
        if reader is not None:
            reader.close()
        for other in others:
            # A connection made in another thread cannot be closed here; it closes when collected.
            with contextlib.suppress(Exception):
                other.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------------

    def ingest(
        self,
        paths: str | Path | Iterable[str | Path],
        *,
        force: bool = False,
        model: str | None = None,
        date: Day | None = None,
        nlp: Language | None = None,
        on_article: Callable[[ArticleOutcome], None] | None = None,
    ) -> IngestSummary:
        """Read, deduplicate, extract and store articles (as ``newsgraph ingest``); returns the summary.

        Creates the database if needed. Unchanged articles are left as they are (``force``
        re-extracts them); inputs that fail are listed in the summary, the rest go in.
        """
        from .ingest import ingest_paths

        items = [paths] if isinstance(paths, str | Path) else list(paths)
        day = date.isoformat()[:10] if isinstance(date, datetime.date) else date
        return ingest_paths(
            [str(p) for p in items],
            self.path,
            force=force,
            model=model,
            date=day,
            nlp=nlp,
            on_article=on_article,
        )

    # --- reading ---------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id (or a unique prefix of it), or None."""
        resolved = self.resolve(article_id)
        return self.reader.article(resolved) if resolved else None

    def extraction(self, article_id: str) -> Extraction | None:
        """What was found in this article: its cluster representative's extraction for a wire copy.

        The offsets index into the returned ``extraction.article.text`` (the representative's).
        """
        resolved = self.resolve(article_id)
        return self.reader.cluster_extraction(resolved) if resolved else None

    def resolve(self, article_id: str) -> str | None:
        """The full id of a stored article from its id or a unique prefix; None if there is none.

        An ambiguous prefix raises :class:`StoreError` naming two of the ids it matches.
        """
        found = self.reader.resolve_article_id(article_id.strip())
        if len(found) > 1:
            raise StoreError(f"article id {article_id!r} is ambiguous: {found[0]}, {found[1]}, ...")
        return found[0] if found else None

    def articles(
        self,
        *,
        query: str | None = None,
        since: Day | None = None,
        until: Day | None = None,
        source: str | None = None,
        actor: str | None = None,
        category: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Records[Article]:
        """Stored articles (wire copies included), best full-text match first, else newest first.

        ``query`` is full-text search over titles and texts (every word; "quoted phrases");
        ``since``/``until`` bound the publication date; ``source`` is the news site
        (substring of its domain); ``actor`` and ``category`` keep articles where that actor
        appears or that category of event was found.
        """
        hits = self.reader.find_articles(
            article_filter(query, since, until, source, actor, category, limit=limit, offset=offset)
        )
        return articles_records(hit.article for hit in hits)

    def search(
        self,
        query: str | None = None,
        *,
        since: Day | None = None,
        until: Day | None = None,
        source: str | None = None,
        actor: str | None = None,
        category: str | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> Records[ArticleHit]:
        """Like :meth:`articles`, but light: metadata and a snippet around the matched words."""
        return hits_records(
            self.reader.find_articles(
                article_filter(query, since, until, source, actor, category, limit=limit, offset=offset)
            )
        )

    def statements(
        self,
        *,
        speaker: str | None = None,
        since: Day | None = None,
        until: Day | None = None,
        query: str | None = None,
        article: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Records[StatementRow]:
        """Attributed statements, newest article first.

        ``speaker`` matches the resolved speaker name or the words naming the speaker
        (case-insensitive substring: ``pompeo`` finds "Mike Pompeo"); ``since``/``until``
        bound the article date; ``query`` is full-text search over the statement's content;
        ``article`` keeps one article's (through its cluster for a wire copy).
        """
        resolved = self.resolve(article) if article else None
        if article and resolved is None:
            return statements_records([])
        return statements_records(
            self.reader.find_statements(
                statement_filter(speaker, since, until, query, resolved, limit=limit, offset=offset)
            )
        )

    def events(
        self,
        *,
        category: str | None = None,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        since: Day | None = None,
        until: Day | None = None,
        article: str | None = None,
        negated: bool | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Records[EventRow]:
        """PLOVER events, latest day first.

        ``category`` is a PLOVER category (case-insensitive); ``actor`` matches an actor on
        either side, ``source`` the acting side, ``target`` the side acted on: by code
        (``IRN``, or with sector ``IRNGOV``) or by name (whole words, case-insensitive);
        ``since``/``until`` bound the event's day (its date, else its article's);
        ``negated=False`` keeps only events that happened.
        """
        resolved = self.resolve(article) if article else None
        if article and resolved is None:
            return events_records([])
        return events_records(
            self.reader.find_events(
                event_filter(
                    category,
                    actor,
                    source,
                    target,
                    since,
                    until,
                    resolved,
                    negated,
                    limit=limit,
                    offset=offset,
                )
            )
        )

    def actors(self, *, name: str | None = None, limit: int | None = None) -> Records[ActorSummary]:
        """Actors (named entities and event participants, grouped by name), most active first.

        ``name`` keeps actors whose name contains it (case-insensitive) or whose code is it.
        """
        return find_actors(self.reader, name, limit)

    def actor(self, name: str, *, limit: int | None = 100) -> ActorProfile | None:
        """One actor by name (case-insensitive): who it is, what it said, its events and articles."""
        return actor_profile(self.reader, name, limit)

    def timeline(
        self,
        *,
        actor: str | None = None,
        category: str | None = None,
        since: Day | None = None,
        until: Day | None = None,
    ) -> Records[TimelineDay]:
        """Events per day by category, with the mean Goldstein score per day (negated events left out)."""
        return timeline(self.reader, event_filter(category, actor, since=since, until=until))

    def network(
        self,
        *,
        actor: str | None = None,
        category: str | None = None,
        since: Day | None = None,
        until: Day | None = None,
        max_nodes: int | None = None,
    ) -> Network:
        """Who acts on whom: actors and directed links weighted by number of events."""
        return network(self.reader, event_filter(category, actor, since=since, until=until), max_nodes)

    def counts(self) -> dict[str, int]:
        """Rows per table (articles, entities, statements, events, ...)."""
        return self.reader.counts()

    def extractions(self) -> Iterable[Extraction]:
        """Every stored article with its own extraction, in ingest order (wire copies: empty).

        This is what the exports write: every article once, and each statement, event and
        entity once, under the representative that was extracted.
        """
        batch = 200
        offset = 0
        while True:
            articles = self.reader.articles(limit=batch, offset=offset)
            if not articles:
                return
            for stored in articles:
                extraction = self.reader.extraction(stored.id)
                if extraction is not None:
                    yield extraction
            offset += batch

    def export(self, output_format: str, out_dir: str | Path) -> list[Path]:
        """Write the export tables (parquet, csv, jsonl, or gdelt) into ``out_dir``; returns the files."""
        from .exports import export

        return export(self.extractions(), output_format, out_dir)


__all__ = ["Database", "extract", "open"]
