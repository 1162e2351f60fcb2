"""The ``newsgraph`` command: a thin Typer shell over the library.

Every command parses its options, calls one library function, and prints. Expected
failures (:class:`NewsgraphError`) become one line on standard error, never a traceback.
Exit status: 0 when every input was read, 1 when some input could not be, 2 for usage.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import NewsgraphError, UsageError
from .ingest import format_summary, ingest_paths
from .pipeline import ExtractSummary, extract_inputs
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
    workers: WorkersOption = None,
) -> None:
    """Print what each article says and reports: one JSON object per article (docs/CONTRACT.md)."""
    if output_format != "jsonl":
        _fail(f"unknown --format {output_format!r} (supported: jsonl)", 2)
    if not paths and text is None:
        _fail("give PATH... or --text", 2)
    summary = ExtractSummary()
    # One article (--text) is not worth starting worker processes for.
    processes = 1 if text is not None else (workers or default_workers())
    try:
        with _progress() as advance:
            extractions = extract_inputs(
                paths or [], text=text, date=date, model=model, summary=summary, workers=processes
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
            )
    except UsageError as exc:
        _fail(str(exc), 2)
    except NewsgraphError as exc:
        _fail(str(exc), 1)
    for line in format_summary(summary):
        typer.echo(line)
    if summary.failures:
        raise typer.Exit(1)


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
