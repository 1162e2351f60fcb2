"""The actor knowledge base: who a name, title or description refers to, coded by country and sector.

Entities (``newsgraph.entities``) ask it what a mention is (a state, an organisation, a
known person, a role word); events (``newsgraph.events``) ask it for actor codes.
(First version: an empty knowledge base; the data files come with the events issue.)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .model import EntityKind


@dataclass(frozen=True)
class ActorInfo:
    """What the knowledge base knows about a name: canonical name, kind, code, sector, role."""

    name: str
    kind: EntityKind
    code: str | None = None
    sector: str | None = None
    role: str | None = None


class ActorKB:
    """Lookup of actor names (case- and punctuation-insensitive), optionally as of a date."""

    def __init__(self, entries: dict[str, ActorInfo] | None = None) -> None:
        self._entries = {normalise_name(k): v for k, v in (entries or {}).items()}

    def lookup(self, text: str, date: str | None = None) -> ActorInfo | None:
        """The actor ``text`` names, or None when the knowledge base does not know it."""
        return self._entries.get(normalise_name(text))


def normalise_name(text: str) -> str:
    """The lookup key of a name: lower case, no leading article, no dots, single spaces."""
    words = text.lower().replace(".", "").replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def default_kb() -> ActorKB:
    """The knowledge base shipped with the package (loaded once per process)."""
    return ActorKB()
