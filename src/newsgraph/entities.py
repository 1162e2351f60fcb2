"""Entities: the actors an article mentions, each with all its mentions (docs/CONTRACT.md).

Registered as the spaCy component ``newsgraph_entities``; results in ``doc._.ng_entities``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import Entity


def find_entities(doc: Doc) -> list[Entity]:
    """The article's entities with their mentions. (First version: none yet.)"""
    return []


@Language.component("newsgraph_entities")
def entities_component(doc: Doc) -> Doc:
    """Fill ``doc._.ng_entities``."""
    doc._.ng_entities = find_entities(doc)
    return doc
