"""Limits on one article's extraction: its size in characters and its extraction time.

newsgraph reads untrusted text: an "article" may be a 15 MB log file saved as ``.txt``, or a
text that drives some extractor into a very slow path. Neither may stall a batch. Before any
NLP, an article longer than ``max_chars`` characters is skipped with a reason; during
extraction, an article that takes longer than ``timeout`` seconds is stopped and skipped with
a reason, and the batch goes on.

How the time limit stops an article:

- In a worker process (``--workers`` > 1), and in this process when it runs extraction on its
  main thread, a timer signal (``SIGALRM``) interrupts the article where it stands: in
  newsgraph's Python components, in a regular expression, in a sleep. The interrupt is a
  :class:`~newsgraph.errors.DeadlineExceeded`, which ``except Exception`` cannot swallow, and
  the timer fires again every second until the article lets go.
- Worker processes are also watched from the main process (:mod:`newsgraph.workers`): a worker
  that stays on one article longer than the limit plus :data:`KILL_GRACE_SECONDS` (stuck in
  C code that never returns to Python) is killed, the pool restarted, and only that article
  fails.
- Where no timer signal is available (not the main thread, or no ``SIGALRM``), extraction
  runs in a worker process whenever a time limit is set, so the limit still holds.

Defaults come from the environment (``NEWSGRAPH_MAX_CHARS``, ``NEWSGRAPH_TIMEOUT``; ``0``
means no limit), else :data:`DEFAULT_MAX_CHARS` and :data:`DEFAULT_TIMEOUT_SECONDS`. The
command line options ``--max-chars`` and ``--timeout`` override both.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .errors import DeadlineExceeded, ExtractionLimitError, UsageError
from .model import Article

#: Longest article extracted, in characters of clean text (about 15,000 words, far beyond a
#: long feature; extraction time grows faster than the length, see docs/reliability.md).
DEFAULT_MAX_CHARS = 100_000
#: Longest time one article may take to extract, in seconds (an ordinary article takes well
#: under one; the longest allowed by the default size limit about 15 on a slow machine).
DEFAULT_TIMEOUT_SECONDS = 60.0
MAX_CHARS_ENV = "NEWSGRAPH_MAX_CHARS"
TIMEOUT_ENV = "NEWSGRAPH_TIMEOUT"

#: How long past the time limit a worker process may stay on one article before the main
#: process kills it (the timer inside the worker stops it first unless it is stuck in C code).
KILL_GRACE_SECONDS = 5.0
#: The timer fires again this often after the limit, in case the first interrupt was caught.
_REFIRE_SECONDS = 1.0


def _from_env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def resolve_max_chars(max_chars: int | None = None) -> int | None:
    """The size limit in characters: the argument, else ``NEWSGRAPH_MAX_CHARS``, else the default.

    None means no limit (given as 0). A :class:`UsageError` for a value that is not a
    whole number of at least 0.
    """
    if max_chars is None:
        raw = _from_env(MAX_CHARS_ENV)
        if raw is None:
            return DEFAULT_MAX_CHARS
        try:
            max_chars = int(raw)
        except ValueError:
            raise UsageError(f"{MAX_CHARS_ENV} must be a whole number of characters, not {raw!r}") from None
    if max_chars < 0:
        raise UsageError(f"the size limit must be 0 (no limit) or more characters, not {max_chars}")
    return max_chars or None


def resolve_timeout(timeout: float | None = None) -> float | None:
    """The time limit in seconds: the argument, else ``NEWSGRAPH_TIMEOUT``, else the default.

    None means no limit (given as 0). A :class:`UsageError` for a value that is not a
    number of at least 0.
    """
    if timeout is None:
        raw = _from_env(TIMEOUT_ENV)
        if raw is None:
            return DEFAULT_TIMEOUT_SECONDS
        try:
            timeout = float(raw)
        except ValueError:
            raise UsageError(f"{TIMEOUT_ENV} must be a number of seconds, not {raw!r}") from None
    if not timeout >= 0 or timeout == float("inf"):
        raise UsageError(f"the time limit must be 0 (no limit) or more seconds, not {timeout}")
    return timeout or None


def seconds_text(seconds: float) -> str:
    """``60 s``, ``1.5 s``: a time limit as a user gave it."""
    return f"{seconds:g} s"


def size_error(article: Article, max_chars: int | None) -> ExtractionLimitError | None:
    """Why an article is too long to extract, or None when it is within the limit."""
    if max_chars is None or len(article.text) <= max_chars:
        return None
    return ExtractionLimitError(
        f"skipped: {len(article.text):,} characters, over the {max_chars:,}-character limit (--max-chars)"
    )


def timeout_error(timeout: float) -> ExtractionLimitError:
    """The error of an article stopped by the time limit."""
    return ExtractionLimitError(
        f"skipped: extraction took longer than the {seconds_text(timeout)} limit (--timeout)"
    )


def deadline_available() -> bool:
    """Whether :func:`deadline` can interrupt work here (a timer signal, on the main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Interrupt the block with :class:`DeadlineExceeded` once ``seconds`` have passed.

    A no-op without a limit or where no timer signal is available (see
    :func:`deadline_available`; callers that must enforce a limit there run the work in a
    worker process instead), and inside another deadline (the outer one keeps running). The
    previous ``SIGALRM`` handler is put back afterwards.
    """
    if seconds is None or not deadline_available() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return
    active = True

    def expire(_signum: int, _frame: FrameType | None) -> None:
        if active:
            raise DeadlineExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REFIRE_SECONDS)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
