"""The extraction pipeline: clean articles in, :class:`Extraction` records out, in input order.

This is the one place that runs spaCy over articles. It makes a Doc per article carrying
the article date (relative dates resolve against it), runs ``nlp.pipe`` (which runs
newsgraph's registered components after the parser and NER) and turns each Doc's results
into an :class:`Extraction`. Articles that are not English go through as an empty Doc so
order is kept, and come out with no statements or events.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from .clean import make_article
from .errors import DeadlineExceeded, ExtractionLimitError, ModelNotFoundError
from .limits import deadline, resolve_max_chars, resolve_timeout, size_error, timeout_error
from .model import Article, Extraction, RawArticle, ReadFailure, ReadSkip
from .nlp import DOC_TEXT_KEY, check_model, get_pipeline
from .readers import read_paths, read_text

if TYPE_CHECKING:
    from .workers import ExtractionPool

DEFAULT_BATCH_SIZE = 64


def is_english(article: Article) -> bool:
    """Whether the English extractors should run on the article."""
    return article.language in (None, "en")


def make_doc(nlp: Language, article: Article) -> Doc:
    """The unprocessed Doc for an article, with its date attached for the extractors."""
    text = article.text if is_english(article) else ""
    doc = nlp.make_doc(text)
    doc._.ng_date = article.date
    doc.user_data[DOC_TEXT_KEY] = text  # the extractors need it; joining the tokens costs time
    return doc


def extraction_from_doc(article: Article, doc: Doc) -> Extraction:
    """Collect what the components stored on the Doc."""
    if not is_english(article):
        return Extraction(article=article)
    return Extraction(
        article=article,
        entities=list(doc._.ng_entities or []),
        statements=list(doc._.ng_statements or []),
        events=list(doc._.ng_events or []),
    )


def extract_articles(
    articles: Iterable[Article],
    nlp: Language,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Run the pipeline over articles, yielding one Extraction per article, in order.

    Raises whatever the pipeline raises. ``n_process`` is spaCy's, for pipelines whose
    components keep their results serialisable; newsgraph's own parallelism is
    :class:`newsgraph.workers.ExtractionPool`.
    """
    pairs = ((make_doc(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extraction_from_doc(article, doc)


ExtractFunction = Callable[[list[Article], Language, int], Iterable[Extraction]]


def extract_articles_safely(
    articles: list[Article],
    nlp: Language,
    batch_size: int = DEFAULT_BATCH_SIZE,
    run: ExtractFunction | None = None,
    timeout: float | None = None,
) -> Iterator[Extraction | Exception]:
    """Each article's Extraction, or the exception that stopped it, in order; never raises for an article.

    When the pipeline fails, the articles it has not yet returned are retried one by one, so
    only the culprit fails. A missing model is not an article's fault: it propagates.
    ``run`` is the batch extractor (default :func:`extract_articles`). ``timeout`` limits the
    time until each next article comes out (:func:`newsgraph.limits.deadline`; for the first
    article of each spaCy batch that includes parsing the batch); an article over it fails with
    an :class:`~newsgraph.errors.ExtractionLimitError`.
    """
    if not articles:
        return
    extract = run if run is not None else extract_articles
    done = 0
    try:
        results = iter(extract(articles, nlp, batch_size))
        while True:
            with deadline(timeout):
                extraction = next(results, None)
            if extraction is None:
                break
            done += 1
            yield extraction
    except ModelNotFoundError:
        raise
    except (Exception, DeadlineExceeded) as exc:
        failure = timeout_error(exc.seconds) if isinstance(exc, DeadlineExceeded) else exc
        if len(articles) - done == 1:
            yield failure
            return
        for article in articles[done:]:
            yield from extract_articles_safely([article], nlp, batch_size, run, timeout)
        return
    if done < len(articles):
        missing = RuntimeError("the pipeline returned no result for this article")
        yield from (missing for _ in articles[done:])


@dataclass
class ExtractSummary:
    """What happened to the inputs of one run, for the closing report and the exit status."""

    read: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    skipped: list[ReadSkip] = field(default_factory=list)


def read_articles(
    paths: Iterable[str],
    text: str | None = None,
    date: str | None = None,
    summary: ExtractSummary | None = None,
) -> Iterator[Article]:
    """Clean articles from paths (or one ``text``); failures and skips go to ``summary``."""
    summary = summary if summary is not None else ExtractSummary()
    records = read_text(text, "<text>") if text is not None else read_paths(paths)
    for record in records:
        if isinstance(record, ReadFailure):
            summary.failures.append(record)
        elif isinstance(record, ReadSkip):
            summary.skipped.append(record)
        elif isinstance(record, RawArticle):
            summary.read += 1
            yield make_article(record, default_date=date)


def extract_inputs(
    paths: Iterable[str],
    text: str | None = None,
    date: str | None = None,
    model: str | None = None,
    summary: ExtractSummary | None = None,
    workers: int = 1,
    batch_size: int | None = None,
    pool: ExtractionPool | None = None,
    max_chars: int | None = None,
    timeout: float | None = None,
) -> Iterator[Extraction]:
    """Read, clean and extract every input, without a store (``newsgraph extract``), in input order.

    ``workers`` > 1 extracts in that many processes (:class:`newsgraph.workers.ExtractionPool`);
    a caller that extracts again and again can pass its own started ``pool`` instead (it is
    not closed here, and its own time limit applies). An article the pipeline fails on, one
    longer than ``max_chars`` characters and one that takes longer than ``timeout`` seconds
    are left out and listed in ``summary.failures`` (limits: :mod:`newsgraph.limits`; None
    takes the default, 0 means no limit).
    """
    from .workers import ExtractionPool, describe_error

    summary = summary if summary is not None else ExtractSummary()
    size_limit = resolve_max_chars(max_chars)
    time_limit = resolve_timeout(timeout)
    if pool is None and workers > 1:
        check_model(model)  # fail now, not in the first worker
    elif pool is None:
        get_pipeline(model)
    articles = read_articles(paths, text=text, date=date, summary=summary)
    checked = ((article, size_error(article, size_limit)) for article in articles)
    with (
        contextlib.nullcontext(pool)
        if pool is not None
        else ExtractionPool(workers, model, batch_size=batch_size, timeout=time_limit) as running
    ):
        for (article, too_large), outcome in running.map(
            checked, lambda item: item[0] if item[1] is None else None
        ):
            if isinstance(outcome, Extraction):
                yield outcome
                continue
            failure = too_large or outcome
            if failure is not None:
                reason = describe_error(failure)
                if not isinstance(failure, ExtractionLimitError):
                    reason = f"extraction failed: {reason}"
                summary.failures.append(ReadFailure(article.path or article.id, reason))
