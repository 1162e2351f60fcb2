"""Events: who did what to whom, when, coded in PLOVER (docs/ANNOTATION.md).

Registered as the spaCy component ``newsgraph_events``; results in ``doc._.ng_events``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import Event


def find_events(doc: Doc) -> list[Event]:
    """The PLOVER events of the article. (First version: none yet.)"""
    return []


@Language.component("newsgraph_events")
def events_component(doc: Doc) -> Doc:
    """Fill ``doc._.ng_events``."""
    doc._.ng_events = find_events(doc)
    return doc
