"""newsgraph: who said what and who did what to whom, from news articles, with evidence.

The public API (docs/api.md)::

    import newsgraph

    extractions = newsgraph.extract("article.txt")      # in memory, no store
    db = newsgraph.open("newsgraph.db")
    db.ingest(["articles/"])
    db.statements(speaker="pompeo").to_pandas()
    db.events(category="ASSAULT", actor="IRN", since="2019-09-01").to_arrow()

Importing newsgraph is cheap: spaCy is loaded only when something is extracted, pandas
only by ``to_pandas()``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Database, extract
from .api import open as open  # re-exported as newsgraph.open
from .errors import NewsgraphError, StoreError, UsageError
from .model import (
    ActorRef,
    Article,
    Entity,
    Event,
    Extraction,
    Mention,
    SpeakerRef,
    Statement,
)
from .query import ActorProfile, Extractions, Network, Records, TimelineDay
from .store import ActorSummary, ArticleHit, EventRow, StatementRow

__all__ = [
    "ActorProfile",
    "ActorRef",
    "ActorSummary",
    "Article",
    "ArticleHit",
    "Database",
    "Entity",
    "Event",
    "EventRow",
    "Extraction",
    "Extractions",
    "Mention",
    "Network",
    "NewsgraphError",
    "Records",
    "SpeakerRef",
    "Statement",
    "StatementRow",
    "StoreError",
    "TimelineDay",
    "UsageError",
    "__version__",
    "extract",
]
# ``open`` is deliberately not in ``__all__``: ``from newsgraph import *`` must not shadow the
# builtin. Use it as ``newsgraph.open(...)``.
