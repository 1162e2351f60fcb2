"""The ``newsgraph`` command: a thin Typer shell over the library.

Every command parses its options, calls one library function, and prints. Expected
failures (:class:`NewsgraphError`) become one line on standard error, never a traceback.
Exit status: 0 when every input was read, 1 when some input could not be, 2 for usage.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__, views
from . import api as newsgraph_api
from .actors import use_actor_files
from .errors import NewsgraphError, UsageError
from .ingest import format_summary, ingest_paths
from .limits import DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT_SECONDS
from .pipeline import ExtractSummary, extract_inputs
from .query import Records
from .render import print_extraction
from .store import DEFAULT_DB
from .workers import default_workers

app = typer.Typer(
    name="newsgraph",
    help="Who said what, who did what to whom: statements and PLOVER events from news, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to load (default: NEWSGRAPH_MODEL, then en_core_web_sm)."),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=1,
        help="Processes that run the NLP, each loading the model once (default: all cores).",
    ),
]
MaxCharsOption = Annotated[
    int | None,
    typer.Option(
        "--max-chars",
        min=0,
        help="Skip articles longer than this many characters "
        f"(default: NEWSGRAPH_MAX_CHARS, then {DEFAULT_MAX_CHARS}; 0: no limit).",
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        min=0,
        help="Stop and skip an article whose extraction takes longer than this many seconds "
        f"(default: NEWSGRAPH_TIMEOUT, then {DEFAULT_TIMEOUT_SECONDS:g}; 0: no limit).",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) to assume where an article gives none."),
]


def _fail(message: str, code: int) -> None:
    typer.echo(f"newsgraph: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files, directories (recursive) or - for stdin.")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="Extract from this text instead of files.")
    ] = None,
    date: DateOption = None,
    output_format: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    pretty: Annotated[
        bool, typer.Option("--pretty", help="Print a readable summary instead of JSON.")
    ] = False,
    model: ModelOption = None,
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--actors",
            help="Extra actor file (YAML, CSV or PETRARCH .actors); repeatable. Adds to NEWSGRAPH_ACTORS.",
        ),
    ] = None,
    workers: WorkersOption = None,
    max_chars: MaxCharsOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Print what each article says and reports: one JSON object per article (docs/CONTRACT.md)."""
    if output_format != "jsonl":
        _fail(f"unknown --format {output_format!r} (supported: jsonl)", 2)
    if actors:
        try:
            use_actor_files(actors)
        except UsageError as exc:
            _fail(str(exc), 2)
    if not paths and text is None:
        _fail("give PATH... or --text", 2)
    summary = ExtractSummary()
    # One article (--text) is not worth starting worker processes for.
    processes = 1 if text is not None else (workers or default_workers())
    try:
        with _progress() as advance:
            extractions = extract_inputs(
                paths or [],
                text=text,
                date=date,
                model=model,
                summary=summary,
                workers=processes,
                max_chars=max_chars,
                timeout=timeout,
            )
            for extraction in extractions:
                if pretty:
                    print_extraction(extraction)
                else:
                    sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
                    sys.stdout.flush()
                if advance is not None:
                    advance("extracted")
    except UsageError as exc:
        _fail(str(exc), 2)
    except NewsgraphError as exc:
        _fail(str(exc), 1)
    for failure in summary.failures:
        typer.echo(f"newsgraph: {failure.path}: {failure.reason}", err=True)
    if summary.failures:
        raise typer.Exit(1)


@contextmanager
def _progress() -> Iterator[Callable[[str], None] | None]:
    """A live progress line on a terminal (stderr): articles done, by outcome, and the rate.

    Yields a function to call once per article with its outcome; None when stderr is not a
    terminal (output piped to a file, tests), so nothing is drawn.
    """
    if not sys.stderr.isatty():
        yield None
        return
    counts: Counter[str] = Counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        BarColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def advance(outcome: str) -> None:
            counts[outcome] += 1
            description = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
            progress.update(task, advance=1, description=description)

        yield advance


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    db: Annotated[
        str, typer.Option("--db", help="SQLite database to write (created if missing).")
    ] = DEFAULT_DB,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract articles already stored and replace them.")
    ] = False,
    model: ModelOption = None,
    date: DateOption = None,
    workers: WorkersOption = None,
    max_chars: MaxCharsOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Read, extract and store articles in the database; unchanged articles are left as they are."""
    try:
        with _progress() as advance:
            on_article = (lambda outcome: advance(outcome.outcome)) if advance is not None else None
            summary = ingest_paths(
                paths,
                db,
                force=force,
                model=model,
                date=date,
                workers=workers or default_workers(),
                on_article=on_article,
                max_chars=max_chars,
                timeout=timeout,
            )
    except UsageError as exc:
        _fail(str(exc), 2)
    except NewsgraphError as exc:
        _fail(str(exc), 1)
    for line in format_summary(summary):
        typer.echo(line)
    if summary.failures:
        raise typer.Exit(1)


# --- exploring the store: thin shells over the Python API (newsgraph.api) --------------------

DbOption = Annotated[str, typer.Option("--db", help="SQLite database to read.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD), inclusive.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Up to this day (YYYY-MM-DD), inclusive.")]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many results (0: all).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON Lines (one object per result).")]
CategoryOption = Annotated[
    str | None, typer.Option("--category", help="PLOVER event category, e.g. ASSAULT (any case).")
]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Actor code (IRN, IRNGOV) or name (whole words), either side."),
]


@contextmanager
def _explore_errors() -> Iterator[None]:
    """Our own errors as one line: 2 for a bad option value, 1 for anything else (missing db)."""
    try:
        yield
    except UsageError as exc:
        _fail(str(exc), 2)
    except NewsgraphError as exc:
        _fail(str(exc), 1)


def _print_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stdout.flush()


Row = TypeVar("Row")


def _print_records(found: Records[Row], as_json: bool, table: Callable[[Records[Row]], None]) -> None:
    """What an explore command found: JSON Lines with ``--json``, else a table."""
    if as_json:
        _print_json_lines(found.to_dicts())
    else:
        table(found)


@app.command()
def statements(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Speaker name or the words naming them (substring, any case)."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="Full-text search in what was said.")
    ] = None,
    article: Annotated[
        str | None, typer.Option("--article", help="Only this article (id or prefix).")
    ] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
) -> None:
    """List who said what (newest first), filtered by speaker, date and words."""
    with _explore_errors(), newsgraph_api.open(db) as database:
        found = database.statements(
            speaker=speaker, since=since, until=until, query=query, article=article, limit=limit
        )
        _print_records(found, as_json, views.print_statements)


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    category: CategoryOption = None,
    actor: ActorOption = None,
    source: Annotated[str | None, typer.Option("--source", help="Acting side: actor code or name.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Side acted on: actor code or name.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: Annotated[
        str | None, typer.Option("--article", help="Only this article (id or prefix).")
    ] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
) -> None:
    """List who did what to whom (latest first), filtered by category, actors and date."""
    with _explore_errors(), newsgraph_api.open(db) as database:
        found = database.events(
            category=category,
            actor=actor,
            source=source,
            target=target,
            since=since,
            until=until,
            article=article,
            limit=limit,
        )
        _print_records(found, as_json, views.print_events)


@app.command()
def actors(
    db: DbOption = DEFAULT_DB,
    name: Annotated[
        str | None, typer.Option("--name", help="Only actors whose name contains this, or with this code.")
    ] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
) -> None:
    """List the actors (people, organisations, states), most active first."""
    with _explore_errors(), newsgraph_api.open(db) as database:
        found = database.actors(name=name, limit=limit)
        _print_records(found, as_json, views.print_actors)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find (all of them; "quoted phrase" together).')],
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    source: Annotated[
        str | None, typer.Option("--source", help="News source: part of the site's domain.")
    ] = None,
    actor: ActorOption = None,
    category: CategoryOption = None,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over the stored articles, best match first."""
    with _explore_errors(), newsgraph_api.open(db) as database:
        found = database.search(
            query, since=since, until=until, source=source, actor=actor, category=category, limit=limit
        )
        _print_records(found, as_json, views.print_hits)


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOption = DEFAULT_DB,
    as_json: JsonOption = False,
) -> None:
    """Print an article with its statements and events marked in the text."""
    with _explore_errors(), newsgraph_api.open(db) as database:
        stored = database.article(article)
        if stored is None:
            _fail(f"no article {article!r} in {db}", 1)
            return
        extraction = database.extraction(stored.id)
        if as_json:
            _print_json_lines([extraction.to_dict() if extraction is not None else {}])
        else:
            views.print_article(stored, extraction)


@app.command()
def export(
    output_format: Annotated[
        str, typer.Option("--format", help="parquet, csv, jsonl (four tables) or gdelt (events).")
    ],
    out: Annotated[str, typer.Option("--out", help="Folder to write the tables into (created).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write the stored articles, entities, statements and events as tables (docs/exports.md)."""
    with _explore_errors(), newsgraph_api.open(db) as database:
        for path in database.export(output_format, out):
            typer.echo(str(path))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Interface to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
) -> None:
    """Browse the database in a web browser (read-only; every page also as JSON under /api/)."""
    from .web import check_database, run

    with _explore_errors():
        check_database(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"newsgraph: warning: serving on {host}, reachable from other machines", err=True)
    typer.echo(f"newsgraph: serving {db} read-only on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(db, host=host, port=port)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def spark(ctx: typer.Context) -> None:
    """Extract a corpus with Apache Spark into Parquet tables (see: newsgraph spark --help)."""
    try:
        import pyspark  # noqa: F401  (the optional extra: say so before Spark starts)

        from .spark import main as spark_main
    except ImportError:
        _fail("newsgraph spark needs pyspark: pip install 'newsgraph[spark]'", 1)
    raise typer.Exit(spark_main(list(ctx.args)))


@app.command()
def version() -> None:
    """Print the newsgraph version."""
    typer.echo(__version__)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except NewsgraphError as exc:
        typer.echo(f"newsgraph: {exc}", err=True)
        sys.exit(1)
