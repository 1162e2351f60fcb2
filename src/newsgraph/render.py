"""Readable terminal rendering of extractions (rich), for people rather than scripts."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import Extraction


def print_extraction(extraction: Extraction, console: Console | None = None) -> None:
    """Title, date and source of the article, then its statements and events as tables."""
    console = console or Console()
    article = extraction.article
    console.rule(f"[bold]{article.title or article.id}")
    console.print(
        f"date: {article.date or '-'}   source: {article.source or '-'}   language: {article.language}"
    )
    if article.url:
        console.print(f"url: {article.url}")
    statements = Table(title=f"{len(extraction.statements)} statements", show_lines=False, expand=True)
    for column in ("type", "speaker", "cue", "content"):
        statements.add_column(column, overflow="fold")
    for s in extraction.statements:
        statements.add_row(s.type, s.speaker.name, s.cue or "", s.content)
    console.print(statements)
    events = Table(title=f"{len(extraction.events)} events", expand=True)
    for column in ("category", "source", "target", "date", "evidence"):
        events.add_column(column, overflow="fold")
    for e in extraction.events:
        events.add_row(
            ("not " if e.negated else "") + e.category,
            ", ".join(a.code or a.name for a in e.source),
            ", ".join(a.code or a.name for a in e.target),
            e.date or "",
            e.evidence,
        )
    console.print(events)
