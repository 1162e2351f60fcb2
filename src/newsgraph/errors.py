"""Every error newsgraph raises on purpose, in one place.

Callers catch :class:`NewsgraphError` to tell our own, explained failures (bad input, a
missing model, a locked database) from bugs. Each error carries a message meant for a user:
the CLI prints it on one line, without a traceback.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: an expected failure with a message a user can act on."""


class UsageError(NewsgraphError):
    """The caller asked for something that cannot be done (bad option, bad date)."""


class InputError(NewsgraphError):
    """One input (file, record, URL) could not be read; the batch goes on without it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelNotFoundError(NewsgraphError):
    """The spaCy pipeline is not installed; the message names the install command."""


class ExtractionLimitError(NewsgraphError):
    """An article exceeds a configured limit (size, time) and is skipped with a reason."""


class ExtractionError(NewsgraphError):
    """The pipeline failed on one article (reported with the article; the batch goes on)."""


class WorkerError(NewsgraphError):
    """Worker processes cannot run extraction at all (they die before returning anything)."""


class StoreError(NewsgraphError):
    """The database cannot be opened, migrated or written."""


class OptionalDependencyError(NewsgraphError, ImportError):
    """An optional extra (pandas) is needed for what was asked; the message names the install."""


class DeadlineExceeded(BaseException):
    """The time limit of one article's extraction ran out (:func:`newsgraph.limits.deadline`).

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` in an extractor can
    swallow it; the pipeline turns it into an :class:`ExtractionLimitError` for that article.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds
