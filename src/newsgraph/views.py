"""Terminal views of query results (rich tables), for ``newsgraph statements|events|actors|search|show``.

Article text and extracted values are passed to rich as :class:`~rich.text.Text` (never as
markup), so brackets in an article cannot restyle or hide anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .highlight import ends_of, marks_of, segments
from .model import ActorRef, Article, Extraction
from .query import snippet_parts
from .store import ActorSummary, ArticleHit, EventRow, StatementRow

#: How many characters of an article id the tables show (``newsgraph show`` takes a prefix).
SHORT_ID = 12

_MARK_STYLES = {"statement": "yellow", "cue": "bold yellow", "event": "underline cyan"}


def _console(console: Console | None) -> Console:
    return console or Console(highlight=False)


def _text(value: object) -> Text:
    return Text("" if value is None else str(value))


def _actors(actors: Sequence[ActorRef]) -> str:
    return ", ".join(f"{a.name} ({a.code})" if a.code else a.name for a in actors)


def _count(console: Console, n: int, what: str) -> None:
    console.print(Text(f"{n} {what}" + ("" if n == 1 else "s"), style="dim"))


def print_statements(rows: Sequence[StatementRow], console: Console | None = None) -> None:
    """A table of statements: date, article, speaker (and mention), cue, content."""
    console = _console(console)
    table = Table(expand=True, show_lines=False)
    for column, ratio in (("date", 1), ("article", 1), ("speaker", 2), ("cue", 1), ("content", 5)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in rows:
        s = row.statement
        speaker = s.speaker.name
        if s.speaker.mention and s.speaker.mention != speaker:
            speaker += f" ({s.speaker.mention})"
        table.add_row(
            _text(row.article_date),
            _text(row.article_id[:SHORT_ID]),
            _text(speaker),
            _text(s.cue),
            _text(s.content),
        )
    console.print(table)
    _count(console, len(rows), "statement")


def print_events(rows: Sequence[EventRow], console: Console | None = None) -> None:
    """A table of events: day, category, source, target, Goldstein score, evidence."""
    console = _console(console)
    table = Table(expand=True)
    for column, ratio in (
        ("day", 1),
        ("article", 1),
        ("category", 1),
        ("source", 2),
        ("target", 2),
        ("goldstein", 1),
        ("evidence", 4),
    ):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in rows:
        e = row.event
        table.add_row(
            _text(row.day),
            _text(row.article_id[:SHORT_ID]),
            _text(("not " if e.negated else "") + e.category),
            _text(_actors(e.source)),
            _text(_actors(e.target)),
            _text(e.goldstein),
            _text(e.evidence),
        )
    console.print(table)
    _count(console, len(rows), "event")


def print_actors(actors: Sequence[ActorSummary], console: Console | None = None) -> None:
    """A table of actors with what the store holds about each."""
    console = _console(console)
    table = Table(expand=True)
    for column in ("name", "kind", "code", "sector", "role", "articles", "statements", "acts", "acted on"):
        table.add_column(column, overflow="fold")
    for a in actors:
        table.add_row(
            *(
                _text(v)
                for v in (
                    a.name,
                    a.kind,
                    a.code,
                    a.sector,
                    a.role,
                    a.articles,
                    a.statements,
                    a.events_as_source,
                    a.events_as_target,
                )
            )
        )
    console.print(table)
    _count(console, len(actors), "actor")


def _snippet(snippet: str | None) -> Text:
    text = Text()
    for part, matched in snippet_parts(snippet or ""):
        text.append(part, style="bold yellow" if matched else "")
    return text


def print_hits(hits: Sequence[ArticleHit], console: Console | None = None) -> None:
    """Search results: id, date, source, title and the snippet around the matched words."""
    console = _console(console)
    table = Table(expand=True)
    for column, ratio in (("article", 1), ("date", 1), ("source", 1), ("title", 2), ("snippet", 5)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for hit in hits:
        a = hit.article
        title = a.title or ""
        if hit.status == "near_duplicate":
            title += " (wire copy)"
        table.add_row(
            _text(a.id[:SHORT_ID]), _text(a.date), _text(a.source), _text(title), _snippet(hit.snippet)
        )
    console.print(table)
    _count(console, len(hits), "article")


def marked_text(extraction: Extraction) -> Text:
    """The article text with statements and events styled, each labelled where it ends ([S1], [E1])."""
    marks = marks_of(extraction)
    ends = ends_of(marks)
    text = Text()
    for segment in segments(extraction.article.text, marks):
        style = " ".join(_MARK_STYLES[kind] for kind in segment.kinds)
        text.append(segment.text, style=style)
        for mark_id in ends.get(segment.end, []):
            text.append(f"[{mark_id[0].upper()}{int(mark_id[1:]) + 1}]", style="dim")
    return text


def print_article(article: Article, extraction: Extraction | None, console: Console | None = None) -> None:
    """An article: its metadata, its text with every statement and event marked, then both as tables."""
    console = _console(console)
    console.rule(Text(article.title or article.id, style="bold"))
    console.print(
        _text(
            f"id: {article.id}   date: {article.date or '-'}   source: {article.source or '-'}   "
            f"language: {article.language or '-'}"
        )
    )
    if article.url:
        console.print(_text(f"url: {article.url}"))
    if extraction is None or extraction.article.id != article.id:
        console.print()
        console.print(_text(article.text))
        if extraction is not None:
            console.print()
            console.print(
                _text(
                    f"A wire copy of {extraction.article.id}: its statements and events are those of "
                    f"that article (newsgraph show {extraction.article.id[:SHORT_ID]})."
                )
            )
        return
    console.print(Text("statements: yellow, cues: bold, events: underlined cyan", style="dim"))
    console.print()
    console.print(marked_text(extraction))
    console.print()
    statements = Table(title=f"{len(extraction.statements)} statements", expand=True)
    for column, ratio in (("", 1), ("type", 1), ("speaker", 2), ("cue", 1), ("addressee", 2), ("content", 5)):
        statements.add_column(column, ratio=ratio, overflow="fold")
    for i, s in enumerate(extraction.statements):
        statements.add_row(
            _text(f"S{i + 1}"),
            _text(s.type),
            _text(s.speaker.name + (f" ({s.speaker.mention})" if s.speaker.mention else "")),
            _text(s.cue),
            _text(s.addressee.name if s.addressee else None),
            _text(s.content),
        )
    console.print(statements)
    events = Table(title=f"{len(extraction.events)} events", expand=True)
    for column, ratio in (
        ("", 1),
        ("category", 1),
        ("source", 2),
        ("target", 2),
        ("date", 1),
        ("goldstein", 1),
    ):
        events.add_column(column, ratio=ratio, overflow="fold")
    for i, e in enumerate(extraction.events):
        events.add_row(
            _text(f"E{i + 1}"),
            _text(("not " if e.negated else "") + e.category),
            _text(_actors(e.source)),
            _text(_actors(e.target)),
            _text(e.date or article.date),
            _text(e.goldstein),
        )
    console.print(events)
