"""The extraction pipeline: clean articles in, :class:`Extraction` records out, in input order.

This is the one place that runs spaCy over articles. It makes a Doc per article carrying
the article date (relative dates resolve against it), runs ``nlp.pipe`` (which runs
newsgraph's registered components after the parser and NER) and turns each Doc's results
into an :class:`Extraction`. Articles that are not English go through as an empty Doc so
order is kept, and come out with no statements or events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .clean import make_article
from .model import Article, Extraction, RawArticle, ReadFailure, ReadSkip
from .nlp import get_pipeline
from .readers import read_paths, read_text

DEFAULT_BATCH_SIZE = 64


def is_english(article: Article) -> bool:
    """Whether the English extractors should run on the article."""
    return article.language in (None, "en")


def make_doc(nlp: Language, article: Article) -> Doc:
    """The unprocessed Doc for an article, with its date attached for the extractors."""
    doc = nlp.make_doc(article.text if is_english(article) else "")
    doc._.ng_date = article.date
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
    """Run the pipeline over articles, yielding one Extraction per article, in order."""
    pairs = ((make_doc(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield extraction_from_doc(article, doc)


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
) -> Iterator[Extraction]:
    """Read, clean and extract every input, without a store (``newsgraph extract``)."""
    nlp = get_pipeline(model)
    yield from extract_articles(read_articles(paths, text=text, date=date, summary=summary), nlp)
