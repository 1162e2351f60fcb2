"""Parallel extraction: worker processes with one spaCy pipeline each, results in input order.

``newsgraph extract --workers N`` and ``newsgraph ingest --workers N`` hand articles to N
worker processes. Each worker loads the pipeline once (on its first batch) and returns
:class:`Extraction` records, never Docs: spaCy's own ``nlp.pipe(n_process=...)`` ships every
processed Doc back serialised, which cannot carry newsgraph's results (plain dataclasses in
Doc extensions) and would cost more than the small records do. The main process reads,
cleans, deduplicates and writes; it only ever holds a bounded number of articles in flight
(``max_in_flight`` batches, and a bounded backlog of items that need no extraction), so a
corpus of any size streams through in constant memory, and results come out in input order.

A failure stays with its article: when the pipeline raises, the rest of the batch is retried
one article at a time, and when a worker process dies (killed, out of memory) the pool is
restarted and each article of the lost batches is retried alone, so only the culprit fails.
A missing model is nobody's article's fault: :class:`ModelNotFoundError` propagates.

With a time limit (:mod:`newsgraph.limits`), each worker stops an article that runs over it
by itself (a timer signal), and the main process watches the workers too: every worker notes
in shared memory which task it is on and since when it has been on its current article, and
one that stays on an article longer than the limit plus :data:`~newsgraph.limits.KILL_GRACE_SECONDS`
(stuck where no signal reaches) is killed; the articles lost with it are retried alone, and
the one that stalls again fails with the time limit as its reason.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Generic, TypeVar

from spacy.language import Language

from .errors import ExtractionError, NewsgraphError, WorkerError
from .limits import KILL_GRACE_SECONDS, deadline_available, timeout_error
from .model import Article, Extraction
from .nlp import get_pipeline
from .pipeline import DEFAULT_BATCH_SIZE, extract_articles_safely

T = TypeVar("T")
Outcome = Extraction | Exception
BatchRunner = Callable[[list[Article]], list[Outcome]]

#: Articles per batch sent to a worker: small enough that a handful of articles already
#: keeps every worker busy and the head of the queue is never far behind; spaCy's speed is
#: flat above a few articles per batch (benchmarks/throughput.py measures it).
WORKER_BATCH_SIZE = 16

#: Pools in a row allowed to die before any result: then workers cannot run here at all
#: (e.g. a script without a main guard, whose re-import in each worker starts workers).
MAX_FRUITLESS_POOLS = 3

#: How often the main process looks for a worker over the time limit while it waits.
SUPERVISE_SECONDS = 0.25


def default_workers() -> int:
    """How many processes to use by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Heartbeats:
    """Which task each worker is on, and since when it has been on its current article.

    A table in shared memory, one row per worker (pid, task token, start time of the current
    article; 0 when idle). Workers write their own row without taking any lock, so a worker
    killed at any moment leaves nothing locked or half-sent (unlike a queue); the main process
    reads the table while it waits (:meth:`ExtractionPool._stop_stalled_workers`).
    """

    _FIELDS = 3

    def __init__(self, context: BaseContext, workers: int) -> None:
        self.rows = 2 * workers  # room for a replaced worker or two
        self.table = context.RawArray("d", self._FIELDS * self.rows)
        self.next_row = context.Value("i", 0)
        self.row: int | None = None  # this worker's row (set in the worker)

    def claim(self) -> None:
        """Take a row for this worker process (once, when it starts)."""
        with self.next_row.get_lock():
            self.row = self.next_row.value % self.rows
            self.next_row.value += 1
        base = self._FIELDS * self.row
        self.table[base + 2] = 0.0
        self.table[base] = float(os.getpid())

    def busy(self, token: int) -> None:
        """This worker starts an article (of task ``token``) now."""
        if self.row is not None:
            base = self._FIELDS * self.row
            self.table[base + 2] = 0.0  # never a new token with an old start time
            self.table[base + 1] = float(token)
            self.table[base + 2] = time.monotonic()

    def idle(self) -> None:
        """This worker has finished its task."""
        if self.row is not None:
            self.table[self._FIELDS * self.row + 2] = 0.0

    def busy_workers(self) -> list[tuple[int, int, float]]:
        """``(pid, task token, since)`` of each worker on an article now."""
        found = []
        for row in range(self.rows):
            base = self._FIELDS * row
            since = self.table[base + 2]
            pid, token = int(self.table[base]), int(self.table[base + 1])
            if since > 0 and pid and self.table[base + 2] == since:  # read whole, not mid-write
                found.append((pid, token, since))
        return found


# --- inside a worker process -----------------------------------------------------------------

_worker_loader: Callable[[], Language] | None = None
_worker_nlp: Language | None = None
_worker_timeout: float | None = None
_worker_heartbeats: Heartbeats | None = None


def _init_worker(
    loader: Callable[[], Language], timeout: float | None = None, heartbeats: Heartbeats | None = None
) -> None:
    """Remember how to load the pipeline; it is loaded by the first batch, once per process."""
    global _worker_loader, _worker_nlp, _worker_timeout, _worker_heartbeats
    _worker_loader, _worker_nlp = loader, None
    _worker_timeout, _worker_heartbeats = timeout, heartbeats
    if heartbeats is not None:
        heartbeats.claim()


def _worker_pipeline() -> Language:
    global _worker_nlp
    if _worker_nlp is None:
        assert _worker_loader is not None, "worker started without a pipeline loader"
        _worker_nlp = _worker_loader()
    return _worker_nlp


def _picklable(outcome: Outcome) -> Outcome:
    """An exception the main process can unpickle: ours as they are, others as one line."""
    if not isinstance(outcome, Exception) or isinstance(outcome, NewsgraphError):
        return outcome
    return ExtractionError(describe_error(outcome))


def _run_batch(articles: list[Article], batch_size: int, token: int = 0) -> list[Outcome]:
    """Extract one batch in a worker process (the pipeline is loaded on the first call).

    With a time limit, the worker tells the main process when it starts each article (the
    model load before the first one does not count).
    """
    nlp = _worker_pipeline()
    beats = _worker_heartbeats
    outcomes: list[Outcome] = []
    try:
        if beats is not None:
            beats.busy(token)
        for outcome in extract_articles_safely(articles, nlp, batch_size, timeout=_worker_timeout):
            outcomes.append(_picklable(outcome))
            if beats is not None:
                beats.busy(token)
    finally:
        if beats is not None:
            beats.idle()
    return outcomes


def _warm_worker() -> int:
    """Load the pipeline in this worker (if it is not yet); returns the worker's pid."""
    _worker_pipeline()
    return os.getpid()


def describe_error(exc: BaseException) -> str:
    """One line for a user: our own errors as they are, others with their type."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if isinstance(exc, NewsgraphError):
        return message or type(exc).__name__
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def peak_rss_mb(pid: int) -> float | None:
    """The peak resident memory (VmHWM) of a live process in MB, where /proc tells it."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


# --- in the main process ---------------------------------------------------------------------


@dataclass
class _Part:
    """Articles sent to a worker in one task."""

    articles: list[Article]
    future: Future[list[Outcome]]
    generation: int  # which pool ran it (the pool is replaced when a worker dies)
    alone: bool = False  # a retry of one article after a worker died
    token: int = 0  # names the task in the workers' heartbeats
    in_pool: bool = False  # run by a worker process (not in this process)


@dataclass
class _Batch:
    """Articles submitted together; their outcomes once the worker is done."""

    articles: list[Article] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    outcomes: list[Outcome] | None = None
    remaining: int = 0  # slots of the batch not yet handed out

    def done(self) -> bool:
        return self.outcomes is not None or (bool(self.parts) and all(p.future.done() for p in self.parts))


class ExtractionPool:
    """Extraction in ``workers`` processes (``workers == 1``: in this process), in input order.

    An input that fits in one batch is extracted in this process whatever ``workers`` says:
    starting workers, each loading the model, would take longer than the work. ``timeout``
    limits each article's extraction time (:mod:`newsgraph.limits`); where this process cannot
    interrupt its own work (not its main thread), a time limit makes even ``workers == 1`` run
    in a worker process, unless ``run_in_process`` is given (which then enforces what it can).

    Use as a context manager. :meth:`extract` maps articles to outcomes; :meth:`map` carries
    other items (an ingest plan, say) along, in order, extracting only those that need it.
    """

    def __init__(
        self,
        workers: int = 1,
        model: str | None = None,
        *,
        batch_size: int | None = None,
        loader: Callable[[], Language] | None = None,
        run_in_process: BatchRunner | None = None,
        max_in_flight: int | None = None,
        timeout: float | None = None,
    ) -> None:
        """``loader`` loads the pipeline in a worker (a picklable, module-level callable; default:
        :func:`newsgraph.nlp.get_pipeline` for ``model``). ``run_in_process`` replaces the
        in-process runner, used when ``workers == 1`` and for an input that fits in one batch
        (ingest passes its own, which reuses a loaded pipeline)."""
        self.workers = max(1, workers)
        self.batch_size = max(
            1, batch_size or (WORKER_BATCH_SIZE if self.workers > 1 else DEFAULT_BATCH_SIZE)
        )
        self.max_in_flight = max(1, max_in_flight or 2 * self.workers)
        #: Items that need no extraction waiting behind the head: bounded too.
        self.max_backlog = 4 * self.batch_size * self.max_in_flight
        self._loader = loader or functools.partial(get_pipeline, model)
        self._run_in_process = run_in_process
        self._executor: ProcessPoolExecutor | None = None
        self._nlp: Language | None = None  # the pipeline for extracting in this process
        self._peak_rss: dict[int, float] = {}
        self.restarts = 0
        self._fruitless_pools = 0  # pools in a row that died before returning anything
        self.timeout = timeout
        #: Extract in a worker process even for ``workers == 1``: the limit needs a process to stop.
        self._isolate = timeout is not None and run_in_process is None and not deadline_available()
        self._heartbeats: Heartbeats | None = None
        self._tokens = 0
        self._killed_tokens: set[int] = set()  # tasks whose worker was killed over the time limit
        self._timeout_generations: set[int] = set()  # pools that lost a worker to the time limit
        #: Workers killed because an article ran over the time limit.
        self.timeout_kills = 0

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- workers ------------------------------------------------------------------------

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # forkserver: workers start from a clean, single-threaded process (never a fork of
            # a main process running progress or writer threads), with spaCy imported once.
            context: BaseContext
            if "forkserver" in multiprocessing.get_all_start_methods():
                forkserver = multiprocessing.get_context("forkserver")
                forkserver.set_forkserver_preload(["newsgraph.workers"])
                context = forkserver
            else:  # Windows
                context = multiprocessing.get_context("spawn")
            self._heartbeats = Heartbeats(context, self.workers) if self.timeout is not None else None
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self._loader, self.timeout, self._heartbeats),
            )
        return self._executor

    def warm(self) -> list[int]:
        """Start every worker and load its pipeline now (rather than on the first batch).

        For long-running callers and benchmarks that time steady-state throughput. Returns the
        worker pids. Each warm-up task holds its worker while the model loads, so concurrent
        tasks land on different workers; a few rounds make sure every worker got one.
        """
        if self.workers == 1 and not self._isolate:
            self._run_here([])
            return []
        warmed: set[int] = set()
        for _round in range(3):
            futures = [self._pool().submit(_warm_worker) for _ in range(self.workers)]
            warmed.update(future.result() for future in futures)
            if warmed >= set(self.worker_pids()) and len(warmed) >= self.workers:
                break
        return self.worker_pids()

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (empty when extracting in this process)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return sorted(int(pid) for pid in processes)

    def _note_peak_rss(self) -> None:
        for pid in self.worker_pids():
            peak = peak_rss_mb(pid)
            if peak is not None:
                self._peak_rss[pid] = max(peak, self._peak_rss.get(pid, 0.0))

    def peak_rss_mb(self) -> dict[int, float]:
        """Peak resident memory of each worker process seen so far, in MB (Linux)."""
        self._note_peak_rss()
        return dict(self._peak_rss)

    def close(self) -> None:
        """Stop the workers (waiting for them), noting their peak memory first."""
        if self._executor is not None:
            self._note_peak_rss()
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _restart(self) -> None:
        """Drop a pool whose worker died (the next submission starts a new one)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        self._heartbeats = None
        self.restarts += 1

    def _stop_stalled_workers(self) -> None:
        """Kill each worker that has been on one article longer than the time limit allows."""
        if self.timeout is None or self._heartbeats is None:
            return
        limit = self.timeout + KILL_GRACE_SECONDS
        now = time.monotonic()
        live = set(self.worker_pids())
        for pid, token, since in self._heartbeats.busy_workers():
            if now - since > limit and pid in live:
                self._killed_tokens.add(token)
                self._timeout_generations.add(self.restarts)
                self.timeout_kills += 1
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def _result(self, part: _Part) -> list[Outcome]:
        """Wait for a part; with a time limit, watching the workers meanwhile."""
        while self.timeout is not None and part.in_pool and not part.future.done():
            wait([part.future], timeout=SUPERVISE_SECONDS)
            if part.generation == self.restarts:
                self._stop_stalled_workers()
        return part.future.result()

    # --- batches ------------------------------------------------------------------------

    def _submit(self, batch: _Batch) -> None:
        batch.parts = [self._submit_part(batch.articles)]

    def _submit_part(self, articles: list[Article], alone: bool = False, here: bool = False) -> _Part:
        self._tokens += 1
        in_pool = (self.workers > 1 and not here) or self._isolate
        if in_pool:
            future = self._pool().submit(_run_batch, articles, self.batch_size, self._tokens)
        else:
            future = Future()
            try:
                future.set_result(self._run_here(articles))
            except Exception as exc:
                future.set_exception(exc)
        return _Part(articles, future, self.restarts, alone, token=self._tokens, in_pool=in_pool)

    def _run_here(self, articles: list[Article]) -> list[Outcome]:
        if self._run_in_process is not None:
            return self._run_in_process(articles) if articles else []
        if self._nlp is None:
            self._nlp = self._loader()
        return list(extract_articles_safely(articles, self._nlp, self.batch_size, timeout=self.timeout))

    def _outcomes(self, batch: _Batch) -> list[Outcome]:
        """Wait for a batch's outcomes (each part in turn)."""
        if batch.outcomes is None:
            outcomes: list[Outcome] = []
            for part in batch.parts:
                outcomes.extend(self._part_outcomes(part))
            batch.outcomes = outcomes
        return batch.outcomes

    def _part_outcomes(self, part: _Part) -> list[Outcome]:
        """A part's outcomes; a part lost with a dead worker is retried one article at a time."""
        try:
            outcomes = self._result(part)
            if part.in_pool:
                self._fruitless_pools = 0
            return outcomes
        except BrokenProcessPool:
            self._note_peak_rss()
            timed_out = part.generation in self._timeout_generations
            if part.generation == self.restarts:
                if not timed_out:
                    self._fruitless_pools += 1
                if self._fruitless_pools >= MAX_FRUITLESS_POOLS:
                    raise WorkerError(
                        "the worker processes keep dying before extracting anything (when calling"
                        " newsgraph from a script, guard it with: if __name__ == '__main__':)"
                    ) from None
                self._restart()
            if part.alone and part.token in self._killed_tokens:
                assert self.timeout is not None
                return [timeout_error(self.timeout)]
            if part.alone and timed_out:  # lost with a worker killed over another article
                return self._part_outcomes(self._submit_part(part.articles, alone=True))
            if part.alone:
                return [ExtractionError("the worker process died on this article (out of memory?)")]
            retried: list[Outcome] = []
            for article in part.articles:
                retried.extend(self._part_outcomes(self._submit_part([article], alone=True)))
            return retried

    def extract_one(self, article: Article) -> Outcome:
        """One article's outcome now, outside the ordered stream (waits for it).

        In a worker when workers are running, else here (one article never starts workers).
        """
        return self._part_outcomes(self._submit_part([article], here=self._executor is None))[0]

    # --- the ordered stream -------------------------------------------------------------

    def extract(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """Each article's Extraction, or the exception that stopped it, in input order."""
        for _article, outcome in self.map(articles, lambda article: article):
            assert outcome is not None
            yield outcome

    def map(
        self, items: Iterable[T], article_of: Callable[[T], Article | None]
    ) -> Iterator[tuple[T, Outcome | None]]:
        """``(item, outcome)`` in input order; items whose ``article_of`` is None pass through.

        Never holds more than ``max_in_flight`` batches, plus a bounded backlog of items that
        need no extraction, however long ``items`` is.
        """
        stream = _OrderedStream[T](self)
        for item in items:
            stream.add(item, article_of(item))
            yield from stream.ready()
            while stream.over_limits():
                yield from stream.next_blocking()
        yield from stream.finish()


class _OrderedStream(Generic[T]):
    """The queue behind :meth:`ExtractionPool.map`: slots in input order, batches in flight."""

    def __init__(self, pool: ExtractionPool) -> None:
        self.pool = pool
        self.slots: deque[tuple[T, _Batch | None, int]] = deque()
        self.open = _Batch()
        self.in_flight = 0

    def add(self, item: T, article: Article | None) -> None:
        if article is None:
            self.slots.append((item, None, 0))
            return
        self.slots.append((item, self.open, len(self.open.articles)))
        self.open.articles.append(article)
        self.open.remaining += 1
        if len(self.open.articles) >= self.pool.batch_size:
            self.submit_open()

    def submit_open(self) -> None:
        if self.open.articles:
            self.pool._submit(self.open)
            self.in_flight += 1
            self.open = _Batch()

    def over_limits(self) -> bool:
        return self.in_flight >= self.pool.max_in_flight or len(self.slots) > self.pool.max_backlog

    def _pop(self) -> tuple[T, Outcome | None]:
        item, batch, position = self.slots.popleft()
        if batch is None:
            return item, None
        outcome = self.pool._outcomes(batch)[position]
        batch.remaining -= 1
        if batch.remaining == 0:
            self.in_flight -= 1
        return item, outcome

    def ready(self) -> Iterator[tuple[T, Outcome | None]]:
        """Hand out the head while it needs no waiting."""
        while self.slots:
            _item, batch, _position = self.slots[0]
            if batch is not None and (batch is self.open or not batch.done()):
                return
            yield self._pop()

    def next_blocking(self) -> Iterator[tuple[T, Outcome | None]]:
        """Hand out the head, waiting for its batch (submitting it first if still open)."""
        if not self.slots:
            return
        if self.slots[0][1] is self.open:
            self.submit_open()
        yield self._pop()
        yield from self.ready()

    def finish(self) -> Iterator[tuple[T, Outcome | None]]:
        if self.open.articles and self.pool._executor is None and self.pool.restarts == 0:
            # The whole input fits in one batch: extracting it here is quicker than starting
            # worker processes (each would load the model first).
            self.open.parts = [self.pool._submit_part(self.open.articles, here=True)]
            self.in_flight += 1
            self.open = _Batch()
        self.submit_open()
        while self.slots:
            yield self._pop()
