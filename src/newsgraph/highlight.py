"""Marking statements and events in the article text, for people to check them against the words.

Every fact carries character offsets into the article text. :func:`marks_of` lists the spans
to mark (each statement's content and cue, each event's evidence) and :func:`segments` cuts
the text at every span boundary, so overlapping and nested spans need no special case: each
piece of text knows every mark covering it. The terminal (``newsgraph show``) styles the
pieces; the web page escapes each piece and wraps it in an element, so no article text is
ever interpreted as markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from .model import Extraction

MarkKind = Literal["statement", "cue", "event"]


@dataclass(frozen=True)
class Mark:
    """A span of the text to mark; ``id`` names the fact (``s0`` = statement 0, ``e2`` = event 2)."""

    id: str
    kind: MarkKind
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """A piece of the text and the marks covering all of it (empty when unmarked)."""

    text: str
    start: int
    end: int
    marks: tuple[Mark, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The facts this piece belongs to, each once, in mark order."""
        return tuple(dict.fromkeys(mark.id for mark in self.marks))

    @property
    def kinds(self) -> tuple[MarkKind, ...]:
        """The kinds of mark covering this piece, each once."""
        return tuple(dict.fromkeys(mark.kind for mark in self.marks))


def statement_id(index: int) -> str:
    """The mark id of the article's ``index``-th statement."""
    return f"s{index}"


def event_id(index: int) -> str:
    """The mark id of the article's ``index``-th event."""
    return f"e{index}"


def marks_of(extraction: Extraction) -> list[Mark]:
    """The spans to mark: statement contents and cues, and event evidence."""
    marks: list[Mark] = []
    for index, statement in enumerate(extraction.statements):
        marks.append(Mark(statement_id(index), "statement", statement.start, statement.end))
        if statement.cue_start is not None and statement.cue_end is not None:
            marks.append(Mark(statement_id(index), "cue", statement.cue_start, statement.cue_end))
    for index, event in enumerate(extraction.events):
        marks.append(Mark(event_id(index), "event", event.start, event.end))
    return marks


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """The text cut at every mark boundary; marks outside the text or empty are ignored.

    Joining the segments' text gives back ``text`` exactly.
    """
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    pieces: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(m for m in valid if m.start <= start and end <= m.end)
        pieces.append(Segment(text[start:end], start, end, covering))
    return pieces


def ends_of(marks: list[Mark]) -> dict[int, list[str]]:
    """For each offset where a statement or event span ends, the ids ending there (for labels)."""
    ends: dict[int, list[str]] = {}
    for mark in marks:
        if mark.kind != "cue":
            ends.setdefault(mark.end, []).append(mark.id)
    return ends
