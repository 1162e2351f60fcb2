"""Ingest: read, clean, deduplicate, extract and store articles (``newsgraph ingest``).

Each article is classified before any NLP runs, so only articles that need it go through
spaCy:

- **unchanged**: its content hash is already stored (or was seen earlier in this run):
  nothing is written. ``force`` re-extracts it and replaces the stored article instead.
- **not English**: stored with its language, not extracted.
- **near-duplicate** (a wire copy): stored, pointing to the cluster of the earlier article
  it copies; the cluster representative's extraction answers for it.
- otherwise **new**: extracted, and stored with its extraction.

An article longer than the size limit is not ingested, and one whose extraction takes longer
than the time limit is stopped (:mod:`newsgraph.limits`): both are failures with a reason.

Every article is written in its own transaction (:class:`newsgraph.store.StoreWriter`), in
input order. A failure (unreadable input, extraction error, store error) is recorded with
its path and reason and the batch goes on; a store error rolls back that article only.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language

from . import __version__
from .clean import make_article
from .dedup import SIGNATURE_PARAMS, NearDuplicateIndex, signature, signature_bytes, signature_from_bytes
from .errors import ExtractionLimitError, UsageError
from .limits import deadline_available, resolve_max_chars, resolve_timeout, size_error
from .model import Article, Extraction, RawArticle, ReadFailure, ReadSkip
from .nlp import get_pipeline, trained_meta
from .pipeline import DEFAULT_BATCH_SIZE, extract_articles, extract_articles_safely, is_english
from .readers import read_paths
from .store import DEFAULT_DB, ExtractionStatus, StoredSignature, StoreWriter
from .workers import ExtractionPool, describe_error

Outcome = Literal["new", "replaced", "unchanged", "near_duplicate", "not_english", "failed"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ArticleOutcome:
    """What happened to one input article (for progress display and the summary)."""

    path: str | None
    article_id: str | None
    outcome: Outcome
    cluster: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class IngestFailure:
    """An input or article that could not be ingested, and why (one line)."""

    path: str
    reason: str


@dataclass
class IngestSummary:
    """Counts of one ingest run, for the closing report and the exit status.

    ``read`` counts articles read; each of them ends in exactly one of ``new``,
    ``replaced``, ``unchanged``, ``near_duplicates``, ``non_english`` or the failures
    (which also list inputs that could not be read at all).
    """

    db: str
    read: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    near_duplicates: int = 0
    non_english: int = 0
    skipped: list[ReadSkip] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many inputs or articles failed."""
        return len(self.failures)

    def count(self, outcome: ArticleOutcome) -> None:
        """Add one article's outcome to the counts."""
        if outcome.outcome == "failed":
            self.failures.append(IngestFailure(outcome.path or "?", outcome.reason or "failed"))
            return
        attribute = {
            "new": "new",
            "replaced": "replaced",
            "unchanged": "unchanged",
            "near_duplicate": "near_duplicates",
            "not_english": "non_english",
        }[outcome.outcome]
        setattr(self, attribute, getattr(self, attribute) + 1)


def format_summary(summary: IngestSummary) -> list[str]:
    """The closing report as lines of text: counts, then each failure with its path and reason."""
    rows: list[tuple[str, int]] = [
        ("read", summary.read),
        ("new", summary.new),
        ("unchanged", summary.unchanged),
        ("near-duplicates", summary.near_duplicates),
        ("skipped non-English", summary.non_english),
        ("failed", summary.failed),
    ]
    if summary.replaced:
        rows.insert(2, ("replaced (--force)", summary.replaced))
    if summary.skipped:
        rows.append(("skipped records", len(summary.skipped)))
    width = max(len(label) for label, _ in rows)
    lines = [f"ingested into {summary.db}:"]
    lines.extend(f"  {label:<{width}}  {value:>6}" for label, value in rows)
    lines.extend(f"  failed: {failure.path}: {failure.reason}" for failure in summary.failures)
    return lines


@dataclass
class _Plan:
    """What to do with one article, decided before extraction."""

    article: Article
    status: ExtractionStatus | None = None  # None: nothing to store
    outcome: Outcome = "new"
    replaces: tuple[str, ...] = ()
    signature: StoredSignature | None = None
    reason: str | None = None

    @property
    def needs_extraction(self) -> bool:
        return self.status == "extracted"


def check_date(date: str | None) -> None:
    """A UsageError unless ``date`` is None or a valid ``YYYY-MM-DD``."""
    if date is None:
        return
    try:
        if not _ISO_DATE.match(date):
            raise ValueError
        datetime.date.fromisoformat(date)
    except ValueError:
        raise UsageError(f"--date must be a date as YYYY-MM-DD, not {date!r}") from None


def extractor_name(nlp: Language | dict[str, Any]) -> str:
    """What extracted an article: newsgraph's version and the spaCy model's name and version.

    Takes the pipeline, or the model's meta when the model runs in worker processes only.
    """
    meta = nlp if isinstance(nlp, dict) else nlp.meta
    return (
        f"newsgraph {__version__}; {meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '?')}"
    )


class _Ingest:
    """One ingest run: the store, the near-duplicate index and the counts."""

    def __init__(
        self,
        store: StoreWriter,
        summary: IngestSummary,
        force: bool,
        load_nlp: Callable[[], Language],
        batch_size: int,
        on_article: Callable[[ArticleOutcome], None] | None,
        model_meta: Callable[[], dict[str, Any]] | None = None,
        max_chars: int | None = None,
        timeout: float | None = None,
    ) -> None:
        self.store = store
        self.max_chars = max_chars
        self.timeout = timeout
        self.summary = summary
        self.force = force
        self._load_nlp = load_nlp
        self._nlp: Language | None = None
        self._model_meta = model_meta
        self._extractor: str | None = None
        self.batch_size = max(1, batch_size)
        self.on_article = on_article
        #: Extracts one article now, where the others are extracted (ingest_paths sets the pool's).
        self.extract_one: Callable[[Article], Extraction | Exception] = lambda a: self.extract([a])[0]
        self.index = NearDuplicateIndex()
        self._index_seq = 0  # the last ingest_seq loaded into the index
        self._run_hashes: dict[str, str] = {}  # content hash -> id, for articles of this run
        self._run_ids: set[str] = set()
        self._redirect: dict[str, str] = {}  # failed representative -> the copy that replaced it

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded when the first article needs it."""
        if self._nlp is None:
            self._nlp = self._load_nlp()
        return self._nlp

    def extractor_name(self) -> str:
        """What extracted the articles (the model is not loaded here when workers run it)."""
        if self._extractor is None:
            if self._nlp is None and self._model_meta is not None:
                self._extractor = extractor_name(self._model_meta())
            else:
                self._extractor = extractor_name(self.nlp)
        return self._extractor

    # --- the near-duplicate index -----------------------------------------------------------

    def refresh_index(self) -> None:
        """Index signatures stored since the last look (also by other ingest processes)."""
        for record in self.store.signatures_since(self._index_seq, SIGNATURE_PARAMS):
            self._index_seq = max(self._index_seq, record.ingest_seq)
            if record.article_id in self.index:
                continue
            try:
                minhash = signature_from_bytes(record.hashvalues)
            except ValueError:
                continue
            self.index.add(record.article_id, minhash, record.cluster, order=record.ingest_seq)

    # --- classification ---------------------------------------------------------------------

    def classify(self, article: Article) -> _Plan:
        """Decide, without NLP, whether the article is unchanged, a copy, not English or new."""
        plan = _Plan(article)
        if not article.text.strip():
            return self._failed(plan, "no article text")
        seen_id = self._run_hashes.get(article.content_hash)
        if seen_id is not None:
            return self._unchanged(plan, seen_id)
        if article.id in self._run_ids:
            return self._failed(plan, f"id {article.id!r} appears twice in this run with different content")
        replaces: list[str] = []
        stored_id = self.store.id_for_hash(article.content_hash)
        if stored_id is not None:
            if not self.force:
                return self._unchanged(plan, stored_id)
            replaces.append(stored_id)
        stored_hash = self.store.hash_for_id(article.id)
        if stored_hash is not None and stored_hash != article.content_hash:
            if not self.force:
                return self._failed(
                    plan, f"id {article.id!r} is already stored with different content (--force replaces it)"
                )
            replaces.append(article.id)
        too_large = size_error(article, self.max_chars)
        if too_large is not None:
            return self._failed(plan, str(too_large))
        plan.replaces = tuple(dict.fromkeys(replaces))

        minhash = signature(article.text)
        cluster = article.id
        if minhash is not None:
            self.refresh_index()
            found = self.index.find_cluster(minhash, exclude=frozenset({article.id, *plan.replaces}))
            if found is not None and found not in plan.replaces:
                cluster = found
            self.index.add(article.id, minhash, cluster)
            plan.signature = StoredSignature(SIGNATURE_PARAMS, signature_bytes(minhash))
        article.cluster = cluster
        self._run_hashes[article.content_hash] = article.id
        self._run_ids.add(article.id)

        if not is_english(article):
            plan.status, plan.outcome = "not_english", "not_english"
        elif cluster != article.id:
            plan.status, plan.outcome = "near_duplicate", "near_duplicate"
        else:
            plan.status, plan.outcome = "extracted", "replaced" if plan.replaces else "new"
        return plan

    def _unchanged(self, plan: _Plan, stored_id: str) -> _Plan:
        plan.outcome, plan.reason = "unchanged", f"same content as {stored_id}"
        return plan

    def _failed(self, plan: _Plan, reason: str) -> _Plan:
        plan.outcome, plan.reason = "failed", reason
        return plan

    # --- extraction -------------------------------------------------------------------------

    def extract(self, articles: list[Article]) -> list[Extraction | Exception]:
        """Extractions of the articles in this process, in order (an exception for each failure).

        A failure to load the model is not an article's fault: it propagates.
        """
        if not articles:
            return []
        return list(
            extract_articles_safely(
                articles, self.nlp, self.batch_size, run=extract_articles, timeout=self.timeout
            )
        )

    # --- writing ----------------------------------------------------------------------------

    def finish(self, plan: _Plan, extracted: Extraction | Exception | None) -> None:
        """Store one planned article (or record why not) and report its outcome."""
        article = plan.article
        if isinstance(extracted, Exception):
            self._forget(plan)
            reason = describe_error(extracted)
            if not isinstance(extracted, ExtractionLimitError):
                reason = f"extraction failed: {reason}"
            plan.outcome, plan.reason = "failed", reason
        elif plan.status is not None:
            self._store(plan, extracted)
        self.report(
            ArticleOutcome(
                path=article.path,
                article_id=article.id,
                outcome=plan.outcome,
                cluster=article.cluster,
                reason=plan.reason,
            )
        )

    def report(self, outcome: ArticleOutcome) -> None:
        """Count an outcome and tell the caller (progress display)."""
        self.summary.count(outcome)
        if self.on_article is not None:
            self.on_article(outcome)

    def _store(self, plan: _Plan, extracted: Extraction | None) -> None:
        article = plan.article
        try:
            if plan.article.cluster not in (None, plan.article.id):
                extracted = self._ensure_representative(plan)
            assert plan.status is not None
            extraction = extracted if extracted is not None else Extraction(article=article)
            extractor = self.extractor_name() if plan.status == "extracted" else None
            self.store.write(extraction, plan.status, extractor, plan.signature, plan.replaces)
        except Exception as exc:
            self._forget(plan)
            concurrent = self.store.id_for_hash(article.content_hash)
            if concurrent is not None and concurrent not in plan.replaces:
                # Another ingest process stored the same content meanwhile.
                plan.outcome, plan.reason = "unchanged", f"same content as {concurrent}"
            else:
                plan.outcome, plan.reason = "failed", describe_error(exc)
            return
        for old_id in plan.replaces:
            if old_id != article.id:
                self.index.remove(old_id)

    def _ensure_representative(self, plan: _Plan) -> Extraction | None:
        """Point a copy at its stored representative; if that failed to store, the copy takes its place.

        (Applies to non-English copies too, which are then stored as their own cluster.)

        Returns the copy's own extraction when it had to be extracted.
        """
        article = plan.article
        planned = article.cluster or article.id
        cluster = self._redirect.get(planned, planned)
        if self.store.hash_for_id(cluster) is not None:
            article.cluster = cluster
            return None
        self._redirect[planned] = article.id
        article.cluster = article.id
        if plan.signature is not None:
            self.index.add(article.id, signature_from_bytes(plan.signature.hashvalues), article.id)
        if plan.status != "near_duplicate":
            return None  # not English: stored without extraction either way
        plan.status, plan.outcome = "extracted", "replaced" if plan.replaces else "new"
        result = self.extract_one(article)
        if isinstance(result, Exception):
            raise result
        return result

    def _forget(self, plan: _Plan) -> None:
        """Drop a failed article from this run's bookkeeping, so later copies do not match it."""
        article = plan.article
        self.index.remove(article.id)
        if self._run_hashes.get(article.content_hash) == article.id:
            del self._run_hashes[article.content_hash]
        self._run_ids.discard(article.id)


def _read(paths: Iterable[str], date: str | None, run: _Ingest) -> Iterator[Article | _Plan]:
    """Clean articles from the inputs (or a failed plan for a record that cannot be cleaned).

    Inputs that cannot be read, and records deliberately skipped, go to the summary.
    """
    summary = run.summary
    for path in paths:
        try:
            for record in read_paths([path]):
                if isinstance(record, ReadFailure):
                    run.report(ArticleOutcome(record.path, None, "failed", reason=record.reason))
                elif isinstance(record, ReadSkip):
                    summary.skipped.append(record)
                elif isinstance(record, RawArticle):
                    summary.read += 1
                    try:
                        yield make_article(record, default_date=date)
                    except Exception as exc:
                        unclean = Article(
                            id=record.record_id or record.path, text="", content_hash="", path=record.path
                        )
                        yield _Plan(unclean, outcome="failed", reason=f"cannot clean: {describe_error(exc)}")
        except Exception as exc:
            # A reader must not raise; if one does, the other inputs still go in.
            run.report(ArticleOutcome(path, None, "failed", reason=f"cannot read: {describe_error(exc)}"))


def ingest_paths(
    paths: Iterable[str],
    db: str | Path = DEFAULT_DB,
    *,
    force: bool = False,
    model: str | None = None,
    date: str | None = None,
    nlp: Language | None = None,
    batch_size: int | None = None,
    workers: int = 1,
    pool: ExtractionPool | None = None,
    on_article: Callable[[ArticleOutcome], None] | None = None,
    max_chars: int | None = None,
    timeout: float | None = None,
) -> IngestSummary:
    """Ingest files and directories into the database at ``db``; returns what happened.

    ``workers`` > 1 extracts in that many processes (:class:`newsgraph.workers.ExtractionPool`),
    each loading the model once; this process reads, deduplicates and writes, in input order.
    A caller that ingests again and again can pass its own started ``pool`` of workers for the
    same ``model`` (it is not closed here). ``nlp`` is a loaded pipeline to extract with in this process (tests,
    long-running callers; ``workers`` and ``pool`` are then ignored); otherwise the model (``model``, see
    :func:`newsgraph.nlp.resolve_model_name`) is loaded when the first article needs
    extraction, so a run where everything is unchanged never loads spaCy.
    ``max_chars`` and ``timeout`` limit each article's size and extraction time
    (:mod:`newsgraph.limits`; None takes the default, 0 means no limit; a passed ``pool`` keeps
    its own time limit).
    Raises :class:`UsageError` for a bad ``date`` or limit and :class:`StoreError` when the database
    cannot be opened; problems with single inputs only show in the summary.
    """
    check_date(date)
    size_limit = resolve_max_chars(max_chars)
    time_limit = resolve_timeout(timeout)
    summary = IngestSummary(db=str(db))
    workers = 1 if nlp is not None else max(1, workers)
    if nlp is not None:
        pool = None
    with StoreWriter(db) as store:
        run = _Ingest(
            store,
            summary,
            force=force,
            load_nlp=(lambda: nlp) if nlp is not None else (lambda: get_pipeline(model)),
            batch_size=batch_size or DEFAULT_BATCH_SIZE,
            on_article=on_article,
            model_meta=lambda: trained_meta(model),
            max_chars=size_limit,
            timeout=time_limit,
        )
        run.refresh_index()
        own_pool = pool is None
        # Where this thread cannot interrupt its own work, a time limit needs a worker process
        # (the pool then loads the model there); a pipeline passed in can only run here.
        in_process = nlp is not None or time_limit is None or deadline_available()
        running = pool or ExtractionPool(
            workers,
            model,
            batch_size=batch_size,
            run_in_process=run.extract if in_process else None,
            timeout=time_limit,
        )
        try:
            run.extract_one = running.extract_one
            plans = (
                run.classify(item) if isinstance(item, Article) else item for item in _read(paths, date, run)
            )
            for plan, extracted in running.map(plans, lambda p: p.article if p.needs_extraction else None):
                run.finish(plan, extracted)
        finally:
            if own_pool:
                running.close()
    return summary
